package payroll

import (
	"errors"
	"io"
	"strings"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// MaxErrors is how many row errors are listed before the run gives up.
const MaxErrors = 50

// Run reads a payroll file twice: the first pass checks every row (and
// finds each employee's first month, gaps and duplicates) without
// computing, so a bad file prints no figures; the second computes and
// emits each month as soon as the months before it are in. Months of one
// employee may come in any order: the early ones wait (at most eleven per
// employee), so memory grows with employees, not rows.
func Run(eng *engine.Engine, cats map[i18n.Lang]*i18n.Catalog, year int, file io.ReadSeeker, emit func(Month) error) (*Machine, error) {
	m, err := New(eng, year)
	if err != nil {
		return nil, err
	}
	h, err := m.check(cats, file)
	if err != nil {
		return m, err
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return m, err
	}
	return m, m.compute2(h, file, emit)
}

func (m *Machine) check(cats map[i18n.Lang]*i18n.Catalog, file io.Reader) (*header, error) {
	lr := newLineReader(file)
	errs := &errorList{max: MaxErrors}
	var h *header
	var cells []string
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs.add(err)
			return nil, errs.err()
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var ok bool
		if cells, ok = splitCells(line, cells); !ok {
			if !errs.add(&RowError{Line: lr.line, Code: CodeQuote}) {
				break
			}
			continue
		}
		if h == nil {
			var herrs []error
			if h, herrs = parseHeader(cells, cats); len(herrs) > 0 {
				errs.add(herrs...)
				return nil, errs.err()
			}
			continue
		}
		in, rerrs := h.parseRow(lr.line, cells)
		if len(rerrs) > 0 {
			if !errs.add(rerrs...) {
				break
			}
			continue
		}
		if !m.note(in, errs) {
			break
		}
	}
	if h == nil {
		errs.add(&RowError{Code: CodeEmpty})
		return nil, errs.err()
	}
	// Gaps, and the rules that need the first month.
	for _, emp := range m.EmployeeIDs() {
		st := m.emps[emp]
		last := 0
		for mo := 12; mo >= 1; mo-- {
			if st.seen&(1<<mo) != 0 {
				last = mo
				break
			}
		}
		for mo := int(st.first); mo <= last; mo++ {
			if st.seen&(1<<mo) == 0 {
				errs.add(&RowError{Line: int(st.line), Employee: emp, Month: mo, Code: CodeGap, Want: mo})
				break
			}
		}
		if st.hasPrior && st.first != 1 {
			errs.add(&RowError{Line: int(st.line), Employee: emp, Code: CodePrior, Column: "prior_income"})
		}
	}
	return h, errs.err()
}

// note records a checked row in the employee's state (first pass).
func (m *Machine) note(in Input, errs *errorList) bool {
	st := m.state(in.Employee)
	bit := uint16(1) << in.Month
	if st.seen&bit != 0 {
		return errs.add(&RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeDuplicate})
	}
	if st.seen == 0 || in.Month < int(st.first) {
		st.first, st.line = int8(in.Month), int32(in.Line)
	}
	st.seen |= bit
	if in.HasFirst {
		if st.hasFirst && st.firstJob != in.FirstJob {
			return errs.add(&RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeConflict, Column: "first_job"})
		}
		st.firstJob, st.hasFirst = in.FirstJob, true
	}
	if in.HasPrior {
		if st.hasPrior && st.prior != in.Prior {
			return errs.add(&RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeConflict, Column: "prior_income"})
		}
		st.prior, st.hasPrior = in.Prior, true
	}
	return true
}

// compute2 is the second pass.
func (m *Machine) compute2(h *header, file io.Reader, emit func(Month) error) error {
	lr := newLineReader(file)
	var cells []string
	first := true
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		cells, _ = splitCells(line, cells)
		if first {
			first = false
			continue
		}
		in, rerrs := h.parseRow(lr.line, cells)
		if len(rerrs) > 0 {
			return errors.Join(rerrs...) // the file changed between the passes
		}
		st := m.emps[in.Employee]
		if st == nil {
			return &RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeOrder}
		}
		if st.next == 0 {
			st.next = st.first
		}
		if in.Month != int(st.next) {
			if st.wait == nil {
				st.wait = &pending{}
			}
			st.wait.rows = append(st.wait.rows, in)
			continue
		}
		if err := m.stepEmit(st, in, emit); err != nil {
			return err
		}
		for st.wait != nil {
			k := -1
			for i, r := range st.wait.rows {
				if r.Month == int(st.next) {
					k = i
					break
				}
			}
			if k < 0 {
				break
			}
			r := st.wait.rows[k]
			st.wait.rows = append(st.wait.rows[:k], st.wait.rows[k+1:]...)
			if len(st.wait.rows) == 0 {
				st.wait = nil
			}
			r.Employee = in.Employee
			if err := m.stepEmit(st, r, emit); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *Machine) stepEmit(st *state, in Input, emit func(Month) error) error {
	out, err := m.compute(st, in)
	if err != nil {
		return err
	}
	st.next++
	return emit(out)
}
