// Package changes lists what the dated rules changed in a period — the
// "本年新变化" page of an exam book — derived from the catalog's params and
// tables, so it can never disagree with what the engine computes.
package changes

import (
	"regexp"
	"sort"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
)

// Change is one dated value taking effect.
type Change struct {
	Category string
	From     date.Date // the day the new value takes effect
	Param    *catalog.Param
	Table    *catalog.TableDef
	// Old and New are the values before and from From; Old is nil when
	// the rule starts then. A New that Ended means the rule stops.
	Old, New       *catalog.ParamValue
	OldTab, NewTab *catalog.DatedTable
	// Source is the part of the rule's source that names this change (the
	// notice with its date or value), else the whole source.
	Source   string
	Verified bool
}

// ID is the param's or table's id.
func (c Change) ID() string {
	if c.Param != nil {
		return c.Param.ID
	}
	return c.Table.ID
}

// List gives every change with since ≤ From ≤ until, in the catalog's
// category order, then by date and id. category, when not "", keeps one.
func List(cat *catalog.Catalog, since, until date.Date, category string) []Change {
	owner := owners(cat)
	var out []Change
	keep := func(id string, d date.Date) (string, bool) {
		cg := owner[id]
		return cg, !d.Before(since) && !until.Before(d) && (category == "" || cg == category)
	}
	for _, p := range cat.Params {
		for i := range p.Values {
			v := &p.Values[i]
			cg, ok := keep(p.ID, v.From)
			if !ok {
				continue
			}
			ch := Change{Category: cg, From: v.From, Param: p, New: v, Verified: p.Verified && !v.Unverified}
			if i > 0 {
				ch.Old = &p.Values[i-1]
			}
			ch.Source = sourceOf(p.Source, v.From, v.Note)
			out = append(out, ch)
		}
	}
	for _, t := range cat.Tables {
		for i := range t.Values {
			v := &t.Values[i]
			cg, ok := keep(t.ID, v.From)
			if !ok {
				continue
			}
			ch := Change{Category: cg, From: v.From, Table: t, NewTab: v, Verified: t.Verified && !v.Unverified}
			if i > 0 {
				ch.OldTab = &t.Values[i-1]
			}
			ch.Source = sourceOf(t.Source, v.From, v.Note)
			out = append(out, ch)
		}
	}
	rank := map[string]int{}
	for i, c := range catalog.CategoryOrder {
		rank[c] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		ra, oka := rank[a.Category]
		rb, okb := rank[b.Category]
		if !oka {
			ra = len(rank)
		}
		if !okb {
			rb = len(rank)
		}
		if ra != rb {
			return ra < rb
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.ID() < b.ID()
	})
	return out
}

// owners gives each param and table the category of the first formula (in
// category order) that reads it; one no formula reads goes by its id's
// first word.
func owners(cat *catalog.Catalog) map[string]string {
	out := map[string]string{}
	rank := map[string]int{}
	for i, c := range catalog.CategoryOrder {
		rank[c] = i + 1
	}
	better := func(id, cg string) {
		old, ok := out[id]
		if !ok || (rank[cg] != 0 && (rank[old] == 0 || rank[cg] < rank[old])) {
			out[id] = cg
		}
	}
	for _, f := range cat.Formulas {
		for _, ps := range f.ParamSlots {
			better(ps.Param.ID, f.Category)
		}
		for _, in := range f.Inputs {
			for _, p := range in.Choices {
				better(p.ID, f.Category)
			}
		}
		for _, t := range f.TableSlots {
			better(t.ID, f.Category)
		}
	}
	for id := range cat.Params {
		if _, ok := out[id]; !ok {
			out[id], _, _ = strings.Cut(id, ".")
		}
	}
	for id := range cat.Tables {
		if _, ok := out[id]; !ok {
			out[id], _, _ = strings.Cut(id, ".")
		}
	}
	return out
}

var sep = regexp.MustCompile(`\s*[;；]\s*`)

// sourceOf picks the part of a source that names the change of day d: the
// one that gives its date, else the value's own note, else all of it (a
// part that names only the year is not taken: it may be another notice).
func sourceOf(src string, d date.Date, note string) string {
	parts := sep.Split(strings.TrimSpace(src), -1)
	ds := d.String()
	var hits []string
	for _, p := range parts {
		if strings.Contains(p, ds) {
			hits = append(hits, p)
		}
	}
	switch {
	case len(hits) > 0:
		return strings.Join(hits, "; ")
	case note != "":
		return note
	}
	return src
}
