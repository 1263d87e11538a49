package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/render"
)

func jsonEncoder(w io.Writer, indent bool) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc
}

// batchCmd computes one formula for every row of a CSV file. The header
// names inputs (and optionally a date column); rows stream through, so memory
// stays flat however long the file is.
func (a *app) batchCmd() *cobra.Command {
	var format string
	var keepGoing bool
	cmd := &cobra.Command{
		Use:   "batch ID FILE.csv|-",
		Short: "批量计算 CSV 的每一行 · compute every row of a CSV file",
		Long: `Compute formula ID for every row of a CSV file (or - for standard input). The first
row names the inputs; a column named date gives a row its own date. The output repeats
the inputs and adds one column per step (csv), or one JSON object per line (json).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setupWant(lean(args[0])); err != nil {
				return err
			}
			var in io.Reader = a.env.Stdin
			if args[1] != "-" {
				f, err := os.Open(args[1])
				if err != nil {
					return a.usage("err.batch.open", "file", args[1], "detail", err.Error())
				}
				defer f.Close()
				in = f
			}
			switch format {
			case "csv", "json":
			default:
				return a.usage("err.format", "list", "csv, json")
			}
			return a.batch(args[0], in, format, keepGoing)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv or json (one object per line)")
	cmd.Flags().BoolVar(&keepGoing, "keep-going", false, "report a bad row in an error column and go on (exit 2 at the end)")
	return cmd
}

// Batch runs the batch path without cobra, for benchmarks.
func (a *app) batch(id string, in io.Reader, format string, keepGoing bool) error {
	f := a.eng.Cat.Formula(id)
	if f == nil {
		_, err := a.eng.Calc(id, nil, a.date)
		return err
	}
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return a.usage("err.batch.empty")
	}
	if err != nil {
		return a.usage("err.batch.csv", "row", "1", "detail", err.Error())
	}
	dateCol := -1
	seen := map[string]bool{}
	var bad []error
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) // Excel writes a BOM
		header[i] = h
		if seen[h] {
			return a.usage("err.batch.twice", "name", h)
		}
		seen[h] = true
		if h == "date" {
			dateCol = i
			continue
		}
		if f.Input(h) == nil {
			bad = append(bad, &engine.UnknownInputError{Formula: f, Name: h})
		}
	}
	if len(bad) > 0 {
		return errors.Join(bad...)
	}
	w := csv.NewWriter(a.env.Stdout)
	enc := jsonEncoder(a.env.Stdout, false)
	if format == "csv" {
		out := []string{}
		if dateCol < 0 {
			out = append(out, "date")
		}
		out = append(out, header...)
		for _, s := range f.Steps {
			out = append(out, s.ID)
		}
		if keepGoing {
			out = append(out, "error")
		}
		if err := w.Write(out); err != nil {
			return err
		}
	}
	failed := 0
	raw := map[string]string{}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return a.usage("err.batch.csv", "row", fmt.Sprint(row), "detail", err.Error())
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		clear(raw)
		d := a.date
		if len(rec) > len(header) {
			// 113,000 unquoted splits into two cells: never guess which
			err = a.usage("err.batch.cells", "n", fmt.Sprint(len(rec)), "m", fmt.Sprint(len(header)))
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
					d = pd
				}
				continue
			}
			if strings.TrimSpace(v) != "" { // an empty cell takes the default
				raw[header[i]] = v
			}
		}
		var res *engine.Result
		if err == nil {
			res, err = a.eng.Calc(id, raw, d)
		}
		if err != nil {
			if !engine.IsUserError(err) && !isUsage(err) {
				return err
			}
			msg := strings.Join(a.rowMessages(err), " ")
			if !keepGoing {
				return a.usage("err.batch.row", "row", fmt.Sprint(row), "detail", msg)
			}
			failed++
			if format == "csv" {
				out := make([]string, 0, len(header)+len(f.Steps)+2)
				if dateCol < 0 {
					out = append(out, d.String())
				}
				out = append(out, rec[:min(len(rec), len(header))]...)
				for len(out) < len(header)+boolInt(dateCol < 0) {
					out = append(out, "")
				}
				for range f.Steps {
					out = append(out, "")
				}
				out = append(out, msg)
				if err := w.Write(out); err != nil {
					return err
				}
			} else if err := enc.Encode(map[string]any{"formula": id, "row": row, "error": msg}); err != nil {
				return err
			}
			continue
		}
		if format == "csv" {
			out := make([]string, 0, len(header)+len(f.Steps)+2)
			if dateCol < 0 {
				out = append(out, d.String())
			}
			for _, h := range header {
				if h == "date" {
					out = append(out, d.String())
					continue
				}
				iv := res.Inputs[f.Input(h).Slot]
				out = append(out, engine.JSONValue(iv.Input.Kind, iv.Value))
			}
			for _, s := range res.Steps {
				out = append(out, engine.JSONValue(s.Step.Kind, s.Value))
			}
			if keepGoing {
				out = append(out, "")
			}
			if err := w.Write(out); err != nil {
				return err
			}
		} else if err := enc.Encode(render.JSONOf(res, a.set)); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if failed > 0 {
		return a.usage("err.batch.failed", "n", fmt.Sprint(failed))
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isUsage(err error) bool {
	var ue *usageError
	return errors.As(err, &ue)
}

func (a *app) rowMessages(err error) []string {
	var ue *usageError
	if errors.As(err, &ue) {
		return ue.msgs
	}
	return engine.Messages(err, a.set.Primary())
}
