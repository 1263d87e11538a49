package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// payrollKeys opens the year table from home and types the published
// months of 国家税务总局公告2018年第61号解读 (30,000, 4,500, 2,000).
func payrollKeys(months int) []string {
	keys := []string{"/"}
	keys = append(keys, typeText("payroll")...)
	keys = append(keys, "<enter>")
	for range months {
		keys = append(keys, typeText("30000")...)
		keys = append(keys, "<tab>")
		keys = append(keys, typeText("4500")...)
		keys = append(keys, "<tab>")
		keys = append(keys, typeText("2000")...)
		keys = append(keys, "<tab>", "<tab>")
	}
	return keys
}

func inYear(y string) func(*Options) {
	return func(o *Options) { o.Date = date.MustParse(y) }
}

func TestPayrollGolden(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 15}, {120, 40}} {
		for _, mode := range []i18n.Mode{i18n.ModeZH, i18n.ModeEN} {
			t.Run(fmt.Sprintf("%s_%dx%d", mode, sz.w, sz.h), func(t *testing.T) {
				m := newModel(t, mode, inYear("2019-12-31"))
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				send(m, payrollKeys(3)...)
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// The rows show the published withholding as it is typed, the foot the
// settlement; a bad cell names the month and column; e writes the CSV.
func TestPayrollScreen(t *testing.T) {
	m := newModel(t, i18n.ModeZH, inYear("2019-12-31"))
	update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	send(m, payrollKeys(3)...)
	v := m.View()
	for _, want := range []string{"555.00", "625.00", "1850.00", "退税 2715.00", "实发合计 73470.00"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	send(m, "e")
	dir := m.c.exportDir
	b, err := os.ReadFile(filepath.Join(dir, "cntax-payroll-2019.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 4 || !strings.Contains(lines[3], ",1850.00,") {
		t.Errorf("export:\n%s", b)
	}
	send(m, typeText("1x2")...) // x is no amount sign: it does not type
	send(m, "<up>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>")
	send(m, typeText("3万.5.5")...)
	v = m.View()
	if !strings.Contains(v, "3 月") || !strings.Contains(v, "收入") {
		t.Errorf("bad cell not named:\n%s", v)
	}
	// From the cumulative formula's result, w opens the year.
	m = newModel(t, i18n.ModeEN, inYear("2024-05-31"))
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(m, "/")
	send(m, typeText("wage_cumulative")...)
	send(m, "<enter>")
	send(m, typeText("100000")...)
	send(m, "<tab>", "5", "<tab>")
	send(m, typeText("10000")...)
	send(m, "<ctrl+s>") // computes from any field
	v = m.View()
	if !strings.Contains(v, "3,980.00") || !strings.Contains(v, "taken as 0") {
		t.Fatalf("result:\n%s", v)
	}
	send(m, "w")
	if v = m.View(); !strings.Contains(v, "Soc.ins") || !strings.Contains(v, "Payroll year") && !strings.Contains(v, "› P") {
		t.Errorf("w did not open the year:\n%s", v)
	}
}

// Any size, however small, draws without a panic and within the frame.
func TestPayrollTinySizes(t *testing.T) {
	m := newModel(t, i18n.ModeBoth, inYear("2024-06-30"))
	send(m, payrollKeys(2)...)
	for _, sz := range [][2]int{{1, 1}, {10, 5}, {30, 8}, {45, 12}, {200, 60}} {
		update(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		if n := len(strings.Split(v, "\n")); n > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], n)
		}
	}
}
