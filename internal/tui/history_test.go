package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
)

// Issue 17, item 12: rows say their inputs; / filters; n notes; d deletes
// after a yes, through the store's safe rewrite.
func TestHistoryEdit(t *testing.T) {
	m := newModel(t, i18n.ModeEN)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(m, vatResult...)
	send(m, "<esc>", "<esc>", "<esc>", "<esc>")
	send(m, "/")
	send(m, typeText("stamp.contract")...)
	send(m, "<enter>")
	send(m, typeText("20000*5")...)
	send(m, "<tab>", "<space>", "<down>", "<down>", "<enter>", "<ctrl+s>")
	if _, ok := top(m).(*result); !ok {
		t.Fatalf("stamp duty not computed:\n%s", m.View())
	}
	send(m, "h")
	v := m.View()
	for _, want := range []string{"Sales 113,000.00 · Input tax 8,000.00", "Taxable amount 100,000.00 · Item and rate Sales contracts"} {
		if !strings.Contains(v, want) {
			t.Errorf("rows lack %q:\n%s", want, v)
		}
	}
	h := top(m).(*historyList)
	send(m, "/")
	send(m, typeText("sales 113")...)
	if len(h.shown) != 1 || h.entries[h.shown[0]].Formula != "vat.general" || !strings.Contains(m.View(), "1/2") {
		t.Fatalf("filter: %v\n%s", h.shown, m.View())
	}
	send(m, "<enter>", "n")
	send(m, typeText("client A")...)
	send(m, "<enter>")
	es, _, _ := m.c.hist.Load()
	if len(es) != 2 || es[1].Note != "client A" || es[0].Note != "" {
		t.Fatalf("note: %+v", es)
	}
	if v := m.View(); !strings.Contains(v, "“client A”") {
		t.Errorf("note not shown:\n%s", v)
	}
	send(m, "<esc>") // clears the filter
	if len(h.shown) != 2 {
		t.Fatalf("esc did not clear the filter: %v", h.shown)
	}
	send(m, "d")
	if _, ok := top(m).(*historyList); !ok || !strings.Contains(m.View(), "Press y to") {
		t.Fatalf("d did not ask:\n%s", m.View())
	}
	send(m, "x") // any other key keeps it
	if es, _, _ := m.c.hist.Load(); len(es) != 2 {
		t.Fatalf("deleted without a yes")
	}
	send(m, "d", "y")
	es, _, _ = m.c.hist.Load()
	if len(es) != 1 || es[0].Formula != "vat.general" || len(h.entries) != 1 {
		t.Fatalf("after delete: %+v", es)
	}
	if !strings.Contains(m.View(), "Entry deleted.") {
		t.Errorf("no word of it:\n%s", m.View())
	}
	send(m, "/")
	send(m, typeText("nothing like it")...)
	if v := m.View(); !strings.Contains(v, "No entry matches") {
		t.Errorf("no-match:\n%s", v)
	}
}

// The history screens at fixed times (a computation's time is the clock's).
func TestHistoryGolden(t *testing.T) {
	for _, sc := range []struct {
		name string
		mode i18n.Mode
		keys []string
	}{
		{"list", i18n.ModeZH, nil},
		{"list_en", i18n.ModeEN, nil},
		{"delete", i18n.ModeZH, []string{"d"}},
		{"delete_en", i18n.ModeEN, []string{"d"}},
		{"note", i18n.ModeZH, append([]string{"<down>", "n"}, typeText("三月 客户甲")...)},
		{"filter_en", i18n.ModeEN, append([]string{"/"}, typeText("stamp")...)},
	} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				m := newModel(t, sc.mode)
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				for i, e := range []history.Entry{
					{Formula: "vat.general", Date: "2026-11-22", Inputs: map[string]string{"sales": "11.3万", "input_tax": "8000"}, ResultID: "payable", Result: "6690.00", Note: "十月 · client A"},
					{Formula: "stamp.contract", Date: "2026-11-22", Inputs: map[string]string{"amount": "20000*5", "rate": "stamp.law.sale"}, ResultID: "tax", Result: "30.00"},
				} {
					e.Time = time.Date(2026, 11, 22, 9, i, 0, 0, time.Local)
					if err := m.c.hist.Append(e); err != nil {
						t.Fatal(err)
					}
				}
				send(m, "h")
				send(m, sc.keys...)
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}
