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
// employee), so memory grows with employees, not rows. In both passes the
// file is read and its rows parsed on a goroutine of its own, in batches,
// so that on two cores the reading is off the computation's path.
func Run(eng *engine.Engine, cats map[i18n.Lang]*i18n.Catalog, year int, file io.ReadSeeker, emit func(Month) error) (*Machine, error) {
	m, err := New(eng, year)
	if err != nil {
		return nil, err
	}
	if err := m.check(cats, file); err != nil {
		return m, err
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return m, err
	}
	return m, m.compute2(cats, file, emit)
}

// row is a data row as read: its values, or what is wrong with it.
type row struct {
	in   Input
	errs []error
}

// rowBatch is rows in file order, or the error that ends the reading.
type rowBatch struct {
	rows []row
	err  error
}

const batchRows = 512

// readRows reads the header on the caller's goroutine, then parses the
// data rows on another and sends them in batches. close(stop) ends it.
func readRows(file io.Reader, cats map[i18n.Lang]*i18n.Catalog, stop <-chan struct{}) (*header, []error, <-chan rowBatch) {
	lr := newLineReader(file)
	var cells []string
	var h *header
	for h == nil {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil, []error{&RowError{Code: CodeEmpty}}, nil
		}
		if err != nil {
			return nil, []error{err}, nil
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var ok bool
		if cells, ok = splitCells(line, cells); !ok {
			return nil, []error{&RowError{Line: lr.line, Code: CodeQuote}}, nil
		}
		var herrs []error
		if h, herrs = parseHeader(cells, cats); len(herrs) > 0 {
			return nil, herrs, nil
		}
	}
	ch := make(chan rowBatch, 8)
	go func() {
		defer close(ch)
		send := func(b rowBatch) bool {
			select {
			case ch <- b:
				return true
			case <-stop:
				return false
			}
		}
		rows := make([]row, 0, batchRows)
		for {
			line, err := lr.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				if send(rowBatch{rows: rows}) {
					send(rowBatch{err: err})
				}
				return
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			var r row
			var ok bool
			if cells, ok = splitCells(line, cells); !ok {
				r.errs = []error{&RowError{Line: lr.line, Code: CodeQuote}}
			} else {
				r.in, r.errs = h.parseRow(lr.line, cells)
			}
			if rows = append(rows, r); len(rows) == batchRows {
				if !send(rowBatch{rows: rows}) {
					return
				}
				rows = make([]row, 0, batchRows)
			}
		}
		if len(rows) > 0 {
			send(rowBatch{rows: rows})
		}
	}()
	return h, nil, ch
}

// check is the first pass.
func (m *Machine) check(cats map[i18n.Lang]*i18n.Catalog, file io.Reader) error {
	stop := make(chan struct{})
	defer close(stop)
	errs := &errorList{max: MaxErrors}
	_, herrs, ch := readRows(file, cats, stop)
	if len(herrs) > 0 {
		errs.add(herrs...)
		return errs.err()
	}
	full := false
batches:
	for b := range ch {
		if b.err != nil {
			errs.add(b.err)
			return errs.err()
		}
		for _, r := range b.rows {
			if len(r.errs) > 0 {
				if !errs.add(r.errs...) {
					full = true
					break batches
				}
				// The month is there, only a figure is wrong: do not
				// also call it missing.
				if r.in.Employee != "" && r.in.Month > 0 {
					m.note(r.in, errs)
				}
				continue
			}
			if !m.note(r.in, errs) {
				full = true
				break batches
			}
		}
	}
	if full {
		return errs.err()
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
	return errs.err()
}

// compute2 is the second pass.
func (m *Machine) compute2(cats map[i18n.Lang]*i18n.Catalog, file io.Reader, emit func(Month) error) error {
	stop := make(chan struct{})
	defer close(stop)
	_, herrs, ch := readRows(file, cats, stop)
	if len(herrs) > 0 {
		return errors.Join(herrs...) // the file changed between the passes
	}
	for b := range ch {
		if b.err != nil {
			return b.err
		}
		for _, r := range b.rows {
			if len(r.errs) > 0 {
				return errors.Join(r.errs...) // the file changed between the passes
			}
			if err := m.take(r.in, emit); err != nil {
				return err
			}
		}
	}
	return nil
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

// take computes a row now if its employee's earlier months are in, and
// then any later months that were waiting for it.
func (m *Machine) take(in Input, emit func(Month) error) error {
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
		return nil
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
		if err := m.stepEmit(st, r, emit); err != nil {
			return err
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
