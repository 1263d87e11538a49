package practice

import (
	"math"
	"sort"

	"github.com/cntax/cntax/internal/date"
)

// The review schedule is Leitner boxes, one per formula. A problem with
// every step right at the first try moves the formula up a box; any miss
// sends it back to box 1. A formula is due again Interval(box) days after
// it was last practised:
//
//	box       1  2  3  4  5
//	days      1  2  4  8  16
//
// A review takes the due formulas first, the most overdue first and among
// equals the weakest (lowest share of step marks); then formulas never
// practised; then the rest, soonest due first. It never asks the same
// formula twice in a row.
const MaxBox = 5

// Interval is the days a formula in box b rests before it is due.
func Interval(b int) int { return 1 << (min(max(b, 1), MaxBox) - 1) }

// Box is one formula's place in the schedule.
type Box struct {
	Box  int    `json:"box"`
	Last string `json:"last"` // the day last practised
	Due  string `json:"due"`
}

func (st *Study) box(f string, right bool, day string) {
	b := st.Boxes[f]
	if b == nil {
		b = &Box{Box: 1} // a new formula starts in box 1 and moves from there
		st.Boxes[f] = b
	}
	if right {
		b.Box = min(b.Box+1, MaxBox)
	} else {
		b.Box = 1
	}
	b.Last = day
	if d, err := date.Parse(day); err == nil {
		b.Due = d.AddDays(Interval(b.Box)).String()
	}
}

// boxOf is f's box, or for a formula practised before the schedule existed
// one derived from its record: its streak of right problems is how far up
// it has come.
func (st *Study) boxOf(f string, rec *FormulaStats) (Box, bool) {
	if b := st.Boxes[f]; b != nil {
		return *b, true
	}
	if rec == nil || rec.Problems == 0 {
		return Box{}, false
	}
	b := Box{Box: min(1+rec.Streak, MaxBox), Last: rec.Last}
	if d, err := date.Parse(rec.Last); err == nil {
		b.Due = d.AddDays(Interval(b.Box)).String()
	}
	return b, true
}

// ReviewItem is a formula in the review order, with why it is there.
type ReviewItem struct {
	Formula   string
	Box       int // 0: never practised
	Overdue   int // days past due (negative: not due yet)
	Accuracy  float64
	Practised bool
}

// Due: the formula is due today or earlier.
func (r ReviewItem) Due() bool { return r.Practised && r.Overdue >= 0 }

// Schedule orders the formulas of pool for review on today.
func (st *Study) Schedule(stats *Stats, pool []string, today date.Date) []ReviewItem {
	var out []ReviewItem
	for _, f := range pool {
		var rec *FormulaStats
		if stats != nil {
			rec = stats.Formulas[f]
		}
		it := ReviewItem{Formula: f}
		if rec != nil && rec.Steps > 0 {
			it.Accuracy = rec.StepsRight / float64(rec.Steps)
		}
		if b, ok := st.boxOf(f, rec); ok {
			it.Practised, it.Box = true, b.Box
			if d, err := date.Parse(b.Due); err == nil {
				it.Overdue = days(d, today)
			}
		}
		out = append(out, it)
	}
	rank := func(r ReviewItem) int {
		switch {
		case r.Due():
			return 0
		case !r.Practised:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		if a.Overdue != b.Overdue {
			return a.Overdue > b.Overdue
		}
		if a.Accuracy != b.Accuracy {
			return a.Accuracy < b.Accuracy
		}
		if a.Box != b.Box {
			return a.Box < b.Box
		}
		return a.Formula < b.Formula
	})
	return out
}

// Pick is the first n formulas of the review order; past its end it goes
// round again, so no formula comes twice in a row while there are two.
func Pick(order []ReviewItem, n int) []string {
	if len(order) == 0 || n < 1 {
		return nil
	}
	if len(order) == 1 {
		n = 1
	}
	out := make([]string, n)
	for i := range out {
		out[i] = order[i%len(order)].Formula
	}
	return out
}

func days(from, to date.Date) int {
	return int(math.Round(to.Time().Sub(from.Time()).Hours() / 24))
}
