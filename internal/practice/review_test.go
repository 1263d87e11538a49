package practice

import (
	"testing"

	"github.com/cntax/cntax/internal/date"
)

// The schedule on constructed records: due first (most overdue, then
// weakest), then never practised, then not yet due (soonest first).
func TestScheduleOrder(t *testing.T) {
	day := date.MustParse("2026-11-22")
	st := newStudy()
	st.Boxes["a.overdue3"] = &Box{Box: 2, Last: "2026-11-17", Due: "2026-11-19"}
	st.Boxes["b.due_today_weak"] = &Box{Box: 1, Last: "2026-11-21", Due: "2026-11-22"}
	st.Boxes["c.due_today_strong"] = &Box{Box: 1, Last: "2026-11-21", Due: "2026-11-22"}
	st.Boxes["d.later2"] = &Box{Box: 3, Last: "2026-11-20", Due: "2026-11-24"}
	st.Boxes["e.later1"] = &Box{Box: 4, Last: "2026-11-15", Due: "2026-11-23"}
	stats := &Stats{Formulas: map[string]*FormulaStats{
		"b.due_today_weak":   {Problems: 2, Steps: 10, StepsRight: 3},
		"c.due_today_strong": {Problems: 2, Steps: 10, StepsRight: 9},
		// practised before the schedule: streak 0 → box 1, due the next day
		"f.migrated": {Problems: 1, Steps: 4, StepsRight: 2, Last: "2026-11-01"},
	}}
	pool := []string{"g.new", "e.later1", "d.later2", "c.due_today_strong", "b.due_today_weak", "a.overdue3", "f.migrated"}
	got := st.Schedule(stats, pool, day)
	want := []string{"f.migrated", "a.overdue3", "b.due_today_weak", "c.due_today_strong", "g.new", "e.later1", "d.later2"}
	for i, it := range got {
		if it.Formula != want[i] {
			t.Fatalf("order %v, want %v", ids(got), want)
		}
	}
	if got[0].Box != 1 || got[0].Overdue != 20 || !got[0].Due() || got[4].Due() || got[5].Overdue != -1 {
		t.Errorf("items %+v", got)
	}
}

func ids(items []ReviewItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Formula)
	}
	return out
}

// A right problem moves the box up to 5, a miss back to 1; the intervals
// are 1, 2, 4, 8, 16 days.
func TestLeitnerBoxes(t *testing.T) {
	st := newStudy()
	day := date.MustParse("2026-11-22")
	wantDue := []int{2, 4, 8, 16, 16}
	for i, w := range wantDue {
		st.Apply(Outcome{Formula: "vat.general", Date: "2026-11-22", Right: true, Day: day.String()})
		b := st.Boxes["vat.general"]
		if b.Box != min(i+2, MaxBox) || b.Due != day.AddDays(w).String() {
			t.Fatalf("after %d right: %+v", i+1, b)
		}
	}
	st.Apply(Outcome{Formula: "vat.general", Date: "2026-11-22", Right: false, Day: day.String()})
	if b := st.Boxes["vat.general"]; b.Box != 1 || b.Due != day.AddDays(1).String() {
		t.Fatalf("after a miss: %+v", b)
	}
}

// Never the same formula twice in a row, however many are asked.
func TestPickNoRepeat(t *testing.T) {
	order := []ReviewItem{{Formula: "a"}, {Formula: "b"}, {Formula: "c"}}
	got := Pick(order, 10)
	if len(got) != 10 || got[0] != "a" {
		t.Fatalf("%v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] == got[i-1] {
			t.Fatalf("twice in a row: %v", got)
		}
	}
	if got := Pick(order[:1], 5); len(got) != 1 {
		t.Errorf("one formula asked %d times in a row", len(got))
	}
}
