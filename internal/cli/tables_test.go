package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/cntax/cntax/internal/tabfile"
)

const want2 = "date,sales,input_tax,output_tax,payable,credit_forward\n" +
	"2026-11-22,113000.00,5000.00,14690.00,9690.00,0.00\n" +
	"2026-11-22,113000.00,0.00,14690.00,14690.00,0.00\n"

func TestBatchReadsBookkeepersFiles(t *testing.T) {
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	labelled := "销售额,进项税额\n113000,5000\n11.3万,0\n"
	tests := []struct {
		name, in string
		args     []string
	}{
		{"ids", "sales,input_tax\n113000,5000\n11.3万,0\n", nil},
		{"Chinese labels", labelled, nil},
		{"English labels, any case", "SALES, Input tax\n113000,5000\n11.3万,0\n", nil},
		{"UTF-8 BOM", "\ufeff" + labelled, nil},
		{"GBK, as Excel saves CSV on Chinese Windows", gbk(labelled), nil},
		{"semicolons", "销售额;进项税额\n113000;5000\n\"11.3万\";0\n", nil},
		{"tabs", "sales\tinput_tax\n113000\t5000\n11.3万\t0\n", nil},
		{"--delimiter", "sales|input_tax\n113000|5000\n11.3万|0\n", []string{"--delimiter", "|"}},
		{"semicolons and a comma amount", "sales;input_tax\n\"113,000\";5000\n11.3万;0\n", nil},
	}
	for _, tt := range tests {
		out, stderr, code := run(t, tt.in, append([]string{"batch", "vat.general", "-"}, tt.args...)...)
		if code != 0 || out != want2 {
			t.Errorf("%s: exit %d\n%s\ngot\n%s", tt.name, code, stderr, out)
		}
	}
	// Bytes that are neither UTF-8 nor GB18030 are refused, never garbled.
	_, stderr, code := run(t, "sales\n11.3\xff\xff\n", "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "neither UTF-8 nor GB18030/GBK") || strings.Contains(stderr, "\ufffd") {
		t.Errorf("bad encoding: exit %d %q", code, stderr)
	}
	_, stderr, code = run(t, "sales\n1\n", "batch", "vat.general", "-", "--delimiter", "ab")
	if code != 2 || !strings.Contains(stderr, "--delimiter") {
		t.Errorf("bad delimiter: exit %d %q", code, stderr)
	}
}

// A GBK file of a payroll reads as its UTF-8 twin does.
func TestPayrollGBKAndTabs(t *testing.T) {
	want, stderr, code := run(t, sta61CSV, "payroll", "-", "--year", "2019")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	in, _ := simplifiedchinese.GB18030.NewEncoder().String(strings.ReplaceAll(sta61CSV, ",", "\t"))
	got, stderr, code := run(t, in, "payroll", "-", "--year", "2019")
	if code != 0 || got != want {
		t.Errorf("GB18030 with tabs: exit %d %s\n%s\nwant\n%s", code, stderr, got, want)
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	// A bookkeeper's workbook: Chinese headers, amounts as numbers.
	in := tabfile.NewXLSX("销售", []tabfile.Column{{Header: "销售额", Kind: tabfile.Amount}, {Header: "进项税额", Kind: tabfile.Amount}})
	for _, r := range [][]string{{"113000", "5000"}, {"113000", "0"}} {
		if err := in.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	inPath := filepath.Join(dir, "in.xlsx")
	var b bytes.Buffer
	if _, err := in.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(inPath, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "", "batch", "vat.general", inPath)
	if code != 0 || out != want2 {
		t.Fatalf("xlsx in: exit %d %s\n%s", code, stderr, out)
	}
	_, stderr, code = run(t, "", "batch", "vat.general", inPath, "--sheet", "Nope", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "no sheet “Nope”; its sheets are: 销售") {
		t.Errorf("--sheet Nope: exit %d %q", code, stderr)
	}

	// Out: a workbook, headers in the chosen language, amounts as numbers.
	outPath := filepath.Join(dir, "out.xlsx")
	if _, stderr, code := run(t, "", "batch", "vat.general", inPath, "--format", "xlsx", "-o", outPath, "--lang", "en"); code != 0 {
		t.Fatalf("xlsx out: exit %d %s", code, stderr)
	}
	f, err := excelize.OpenFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], "|"); got != "Date|Sales|Input tax|Output tax|Tax payable|Credit carried forward" {
		t.Errorf("header %s", got)
	}
	if len(rows) != 3 || rows[1][4] != "9690" || rows[2][3] != "14690" {
		t.Errorf("rows %v", rows)
	}
	for _, cell := range []string{"B2", "E2", "F3"} {
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", cell, typ)
		}
	}
	// Excel can sum them: a formula over the column gives the total.
	if err := f.SetCellFormula(sheet, "E4", "SUM(E2:E3)"); err != nil {
		t.Fatal(err)
	}
	if v, err := f.CalcCellValue(sheet, "E4"); err != nil || v != "24380" {
		t.Errorf("SUM of payable = %q, %v; want 24380", v, err)
	}

	// Payroll to a workbook, in Chinese.
	pPath := filepath.Join(dir, "payroll.xlsx")
	if _, stderr, code := run(t, sta61CSV, "payroll", "-", "--year", "2019", "--format", "xlsx", "-o", pPath); code != 0 {
		t.Fatalf("payroll xlsx: exit %d %s", code, stderr)
	}
	pf, err := excelize.OpenFile(pPath)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	prows, _ := pf.GetRows(pf.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if len(prows) != 4 || !strings.Contains(strings.Join(prows[0], "|"), "累计应纳税额") || prows[1][12] != "555" {
		t.Errorf("payroll rows %v", prows)
	}
}

// -o naming the input reads it whole first; a run that fails before any
// row leaves the old file as it was.
func TestOutputNeverLosesTheInput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sales.csv")
	if err := os.WriteFile(p, []byte("sales\n113000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "batch", "vat.general", p, "-o", p); code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), "14690.00") {
		t.Errorf("-o over the input: %q", b)
	}
	old := filepath.Join(dir, "old.csv")
	if err := os.WriteFile(old, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := run(t, "nonsense_column\n1\n", "batch", "vat.general", "-", "-o", old); code != 2 {
		t.Errorf("bad header: exit %d", code)
	}
	if b, _ := os.ReadFile(old); string(b) != "keep me" {
		t.Errorf("a failed run replaced the file: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("temporary files left: %v", ents)
	}
}
