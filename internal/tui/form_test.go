package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cntax/cntax/internal/i18n"
)

// Issue 17, item 6: what the form reads is echoed beside the field, as
// typed: units, arithmetic; bad arithmetic says what is wrong.
func TestFormEcho(t *testing.T) {
	for _, tt := range []struct {
		mode       i18n.Mode
		typed      string
		want, lose string
	}{
		{i18n.ModeZH, "11.3万", "= 113,000.00", ""},
		{i18n.ModeZH, "20000*5", "= 100,000.00", "✗"},
		{i18n.ModeEN, "(1,000-200)×13%", "= 104.00", "✗"},
		{i18n.ModeZH, "100/3", "小数位数过多", "] ="},
		{i18n.ModeZH, "5*", "算式写法有误", "] ="},
		{i18n.ModeEN, "5/(2-2)", "divides by zero", "] ="},
		{i18n.ModeEN, "113000", "= 113,000.00", ""}, // room beside at 80 columns
	} {
		m := newModel(t, tt.mode)
		update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
		send(m, "<enter>", "<enter>")
		send(m, typeText(tt.typed)...)
		v := m.View()
		if !strings.Contains(v, tt.want) || tt.lose != "" && strings.Contains(v, tt.lose) {
			t.Errorf("%q: want %q, not %q:\n%s", tt.typed, tt.want, tt.lose, v)
		}
	}
}

// Enter moves on; ctrl+s and alt+enter compute from any field.
func TestFormComputeKeys(t *testing.T) {
	for _, k := range []tea.KeyMsg{{Type: tea.KeyCtrlS}, {Type: tea.KeyEnter, Alt: true}} {
		m := newModel(t, i18n.ModeZH)
		update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
		send(m, "<enter>", "<enter>")
		send(m, typeText("113000")...)
		send(m, "<enter>")
		if f, ok := top(m).(*form); !ok || f.focus != 2 {
			t.Fatalf("enter did not move to the next field: %T", top(m))
		}
		update(m, k)
		if r, ok := top(m).(*result); !ok || r.res.Answer().Value.StringFixed(2) != "14690.00" {
			t.Errorf("%s did not compute: %T", k, top(m))
		}
	}
}

// The first key in a filled field nobody has typed in replaces the value
// (the date, a value from the history, a picked rate); a field the user
// typed in is edited as usual.
func TestFormTypingReplaces(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m, "<enter>", "<enter>", "<stab>")
	send(m, typeText("2018-04-30")...)
	f := top(m).(*form)
	if got := f.fields[0].ti.Value(); got != "2018-04-30" {
		t.Errorf("date: %q", got)
	}
	send(m, "<tab>")
	send(m, typeText("12")...)
	send(m, "<stab>", "<tab>", "3")
	if got := f.fields[1].ti.Value(); got != "123" {
		t.Errorf("a typed value was replaced: %q", got)
	}
	// The picker puts an id there; typing replaces it, backspace clears it.
	send(m, "<tab>", "<space>", "<down>", "<enter>")
	if got := f.fields[2].ti.Value(); got != "vat.rate.low" {
		t.Fatalf("picked %q", got)
	}
	send(m, "<bs>")
	if got := f.fields[2].ti.Value(); got != "" {
		t.Errorf("backspace left %q", got)
	}
	send(m, "<space>", "<down>", "<enter>")
	send(m, typeText("6%")...)
	if got := f.fields[2].ti.Value(); got != "6%" {
		t.Errorf("typing after the picker: %q", got)
	}
}

// A choice reads by its name, not its id; the id is in the hint.
func TestFormChoiceNames(t *testing.T) {
	for mode, name := range map[i18n.Mode]string{i18n.ModeZH: "低税率", i18n.ModeEN: "Low rate"} {
		m := newModel(t, mode)
		update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
		send(m, "<enter>", "<enter>", "<tab>", "<space>", "<down>", "<enter>", "<tab>")
		v := m.View()
		if !strings.Contains(v, "["+name) || strings.Contains(v, "[vat.rate.low") || !strings.Contains(v, "9%") {
			t.Errorf("%v:\n%s", mode, v)
		}
	}
}

// On a wide screen the result shows beside the form as it is typed, and
// nothing is recorded until the user computes (issue 17, item 6).
func TestFormLiveWide(t *testing.T) {
	for _, sc := range []struct {
		name string
		mode i18n.Mode
		keys []string
		want string
	}{
		{"empty", i18n.ModeZH, []string{"<enter>", "<enter>"}, "sales"},
		{"vat", i18n.ModeZH, append([]string{"<enter>", "<enter>"}, typeText("11.3万")...), "= 14,690.00"},
		{"scn_en", i18n.ModeEN, append(append(append([]string{}, scnForm...), typeText("100万")...), "<enter>", "<enter>", "8", "0", "0", "0", "0"), "3,500.00"},
	} {
		t.Run(sc.name, func(t *testing.T) {
			m := newModel(t, sc.mode)
			update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
			send(m, sc.keys...)
			view := m.View()
			if !strings.Contains(view, sc.want) {
				t.Errorf("want %q:\n%s", sc.want, view)
			}
			if es, _, _ := m.c.hist.Load(); len(es) != 0 {
				t.Errorf("the live result was recorded: %+v", es)
			}
			checkFits(t, view, 120, 40)
			golden.RequireEqual(t, []byte(view))
		})
	}
	// Below 120 columns there is no live column.
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 119, Height: 40})
	send(m, "<enter>", "<enter>")
	send(m, typeText("11.3万")...)
	if strings.Contains(m.View(), "14,690.00") {
		t.Errorf("live column at 119 columns")
	}
}
