package tabfile

import (
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Kind of a column in a workbook we write.
type Kind int

const (
	Text   Kind = iota
	Amount      // money: a number shown as 1,234.56
	Rate        // a fraction shown as a percent
	Count       // a whole number (a month, a count)
	Number      // a number as it comes
)

// Column is one column of a workbook we write.
type Column struct {
	Header string
	Kind   Kind
}

// XLSXWriter builds a one-sheet workbook row by row. Numbers are written as
// the decimal text we computed, into number cells, so Excel sums them and
// nothing passes through a float on our side.
type XLSXWriter struct {
	f      *excelize.File
	sheet  string
	cols   []Column
	row    int
	styles map[Kind]int
	err    error
}

// NewXLSX starts a workbook with the header row.
func NewXLSX(sheet string, cols []Column) *XLSXWriter {
	f := excelize.NewFile()
	w := &XLSXWriter{f: f, sheet: "Sheet1", cols: cols, styles: map[Kind]int{}}
	if sheet != "" && sheet != w.sheet {
		if err := f.SetSheetName(w.sheet, sheet); err == nil {
			w.sheet = sheet
		}
	}
	money, fmtRate, whole := "#,##0.00", "0.00%", "0"
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	w.styles[Amount], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &money})
	w.styles[Rate], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtRate})
	w.styles[Count], _ = f.NewStyle(&excelize.Style{CustomNumFmt: &whole})
	w.row = 1
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		w.set(f.SetCellStr(w.sheet, cell, c.Header))
		w.set(f.SetCellStyle(w.sheet, cell, cell, bold))
		name, _ := excelize.ColumnNumberToName(i + 1)
		width := float64(len([]rune(c.Header)))*1.6 + 2
		if width < 12 {
			width = 12
		}
		if c.Kind == Amount && width < 14 {
			width = 14
		}
		w.set(f.SetColWidth(w.sheet, name, name, width))
	}
	w.set(f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	return w
}

func (w *XLSXWriter) set(err error) {
	if w.err == nil {
		w.err = err
	}
}

// Write adds a row: cells of number columns that read as a decimal become
// numbers; anything else (an empty cell, an error text) stays text.
func (w *XLSXWriter) Write(cells []string) error {
	w.row++
	for i, v := range cells {
		cell, _ := excelize.CoordinatesToCellName(i+1, w.row)
		kind := Text
		if i < len(w.cols) {
			kind = w.cols[i].Kind
		}
		if kind != Text && v != "" {
			if d, err := decimal.NewFromString(v); err == nil {
				// SetCellDefault writes the text as the cell's value with
				// no type: a number cell holding exactly this decimal.
				w.set(w.f.SetCellDefault(w.sheet, cell, d.String()))
				if st, ok := w.styles[kind]; ok {
					w.set(w.f.SetCellStyle(w.sheet, cell, cell, st))
				}
				continue
			}
		}
		if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(v[1])) {
			v = v[1:] // the CSV guard against formulas; a text cell is never one
		}
		if v != "" {
			w.set(w.f.SetCellStr(w.sheet, cell, v))
		}
	}
	return w.err
}

// WriteTo writes the workbook.
func (w *XLSXWriter) WriteTo(out io.Writer) (int64, error) {
	if w.err != nil {
		return 0, w.err
	}
	defer w.f.Close()
	return w.f.WriteTo(out)
}
