package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/termsafe"
)

// The rows of a batch are computed on every core, in chunks, and written
// in their order: one goroutine reads the CSV (it must, a record can span
// lines), workers compute and format whole chunks, and the caller writes
// each chunk when its turn comes. The output is byte for byte the
// single-core one — a row's CSV or JSON line does not depend on the rows
// around it — and the first row that stops the run stops it in the same
// place, with the rows before it written whole and none after. Memory
// stays flat: a bounded number of chunks is in flight.

// chunkRows is how many rows travel together: enough that handing a chunk
// over costs nothing next to computing it, few enough that a short input
// is one chunk.
const chunkRows = 256

// batchRows is what the row loop needs to know of the batch.
type batchRows struct {
	a         *app
	f         *catalog.Formula
	id        string
	header    []string
	dateCol   int
	format    string
	keepGoing bool
	today     string // a.date written once, not per row
}

// rowJob is one record read, or the read error that ends the input.
type rowJob struct {
	rec []string
	row int
	err error // a.readError of the CSV, in its place
}

// rowOut is a row done: its output line, or why the run stops there.
type rowOut struct {
	n      int   // bytes of the line written (CSV or JSON); 0 for a blank line
	failed bool  // a bad row, written as such (--keep-going)
	stop   error // the run stops at this row, before writing it
	fatal  bool  // stop is not the user's (exit 1), not worded as a row
}

type chunk struct {
	jobs []rowJob
	outs []rowOut
	buf  bytes.Buffer // the outputs, back to back
	done chan struct{}
}

// run reads the records of r after the header and writes the rows to w.
func (b *batchRows) run(r *csv.Reader, lim *lineLimit, w io.Writer) error {
	workers := max(runtime.GOMAXPROCS(0), 1)
	todo := make(chan *chunk, workers)
	order := make(chan *chunk, 2*workers)
	stop := make(chan struct{})
	defer close(stop)
	go func() { // the reader
		defer close(todo)
		defer close(order)
		for row := 2; ; {
			c := &chunk{done: make(chan struct{})}
			last := false
			for len(c.jobs) < chunkRows && !last {
				rec, err := r.Read()
				lim.next()
				switch {
				case errors.Is(err, io.EOF):
					last = true
				case err != nil:
					c.jobs = append(c.jobs, rowJob{row: row, err: b.a.readError(err, row)})
					last = true
				default:
					c.jobs = append(c.jobs, rowJob{rec: rec, row: row})
				}
				row++
			}
			select {
			case order <- c:
			case <-stop:
				return
			}
			select {
			case todo <- c:
			case <-stop:
				return
			}
			if last {
				return
			}
		}
	}()
	for range workers {
		go func() {
			raw := map[string]string{}
			for c := range todo {
				b.compute(c, raw)
				close(c.done)
			}
		}()
	}
	failed, written := 0, 0
	for c := range order {
		<-c.done
		start := 0
		for i, o := range c.outs {
			if o.stop != nil {
				if _, err := w.Write(c.buf.Bytes()[:start]); err != nil {
					return err
				}
				if o.fatal {
					return o.stop
				}
				return b.a.stopped(o.stop, c.jobs[i].row, written)
			}
			start += o.n
			if o.n > 0 {
				written++
			}
			if o.failed {
				failed++
			}
		}
		if _, err := w.Write(c.buf.Bytes()); err != nil {
			return err
		}
	}
	if failed > 0 {
		return b.a.usage("err.batch.failed", "n", fmt.Sprint(failed))
	}
	return nil
}

// compute does the rows of c, each output appended to c.buf; it stops at
// the first row that stops the run.
func (b *batchRows) compute(c *chunk, raw map[string]string) {
	w := csv.NewWriter(&c.buf)
	enc := jsonEncoder(&c.buf, false)
	c.outs = make([]rowOut, 0, len(c.jobs))
	for _, j := range c.jobs {
		before := c.buf.Len()
		o := b.row(j, raw, w, enc)
		w.Flush()
		if o.stop == nil {
			o.n = c.buf.Len() - before
		}
		if err := w.Error(); err != nil && o.stop == nil {
			o = rowOut{stop: err, fatal: true}
		}
		c.outs = append(c.outs, o)
		if o.stop != nil {
			return
		}
	}
}

// row computes one record and writes its line through w or enc.
func (b *batchRows) row(j rowJob, raw map[string]string, w *csv.Writer, enc interface{ Encode(any) error }) rowOut {
	a, f, header, dateCol := b.a, b.f, b.header, b.dateCol
	fatal := func(err error) rowOut { return rowOut{stop: err, fatal: true} }
	if j.err != nil {
		return rowOut{stop: j.err, fatal: !isUsage(j.err)}
	}
	rec, row := j.rec, j.row
	if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
		return rowOut{} // blank line
	}
	clear(raw)
	d, dstr := a.date, b.today
	var err error
	switch {
	case len(rec) > len(header):
		// 113,000 unquoted splits into two cells: never guess which
		err = a.usageN("err.batch.cells", len(header), "n", fmt.Sprint(len(rec)), "m", fmt.Sprint(len(header)))
	case len(rec) < len(header):
		// a cut row would silently take the defaults of the cells it lost
		err = a.usageN("err.batch.short", len(rec), "n", fmt.Sprint(len(rec)), "m", fmt.Sprint(len(header)))
	}
	for i := 0; err == nil && i < len(rec); i++ { // a cell too long to be any value
		if len(rec[i]) > maxCell {
			err = a.usage("err.batch.cell_long", "row", fmt.Sprint(row), "col", header[i], "n", fmt.Sprint(len(rec[i])), "limit", fmt.Sprint(maxCell))
		}
	}
	for i, v := range rec {
		if i >= len(header) || err != nil {
			break
		}
		if i == dateCol {
			if strings.TrimSpace(v) != "" {
				pd, perr := date.Parse(strings.TrimSpace(v))
				if perr != nil {
					err = a.usage("err.date", "text", v)
					break
				}
				d, dstr = pd, pd.String()
			}
			continue
		}
		if strings.TrimSpace(v) != "" { // an empty cell takes the default
			raw[header[i]] = v
		}
	}
	var res *engine.Result
	if err == nil {
		res, err = a.eng.Calc(b.id, raw, d)
	}
	if err != nil {
		if !engine.IsUserError(err) && !isUsage(err) {
			return fatal(err)
		}
		msg := strings.Join(a.rowMessages(err), " ")
		if !b.keepGoing {
			return rowOut{stop: a.usage("err.batch.row", "row", fmt.Sprint(row), "detail", msg)}
		}
		if b.format == "csv" {
			out := make([]string, 0, len(header)+len(f.Steps)+2)
			if dateCol < 0 {
				out = append(out, dstr)
			}
			for _, v := range rec[:min(len(rec), len(header))] {
				out = append(out, safeCell(v))
			}
			for len(out) < len(header)+boolInt(dateCol < 0) {
				out = append(out, "")
			}
			for range len(f.Filed) + len(f.Steps) {
				out = append(out, "")
			}
			out = append(out, safeCell(msg))
			if err := w.Write(out); err != nil {
				return fatal(err)
			}
		} else if err := enc.Encode(map[string]any{"formula": b.id, "row": row, "error": termsafe.Text(msg)}); err != nil {
			return fatal(err)
		}
		return rowOut{failed: true}
	}
	if b.format == "csv" {
		out := make([]string, 0, len(header)+len(f.Filed)+len(f.Steps)+2)
		if dateCol < 0 {
			out = append(out, dstr)
		}
		for _, h := range header {
			if h == "date" {
				out = append(out, dstr)
				continue
			}
			iv := res.Inputs[f.Input(h).Slot]
			out = append(out, engine.JSONValue(iv.Input.Kind, iv.Value))
		}
		for _, id := range f.Filed {
			k, v, _ := res.Find(id)
			out = append(out, engine.JSONValue(k, v))
		}
		for _, s := range res.Steps {
			out = append(out, engine.JSONValue(s.Step.Kind, s.Value))
		}
		if b.keepGoing {
			out = append(out, "")
		}
		if err := w.Write(out); err != nil {
			return fatal(err)
		}
	} else if err := enc.Encode(render.JSONOf(res, a.set)); err != nil {
		return fatal(err)
	}
	return rowOut{}
}
