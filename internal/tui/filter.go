package tui

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/i18n"
)

// names is what one row of a list answers to. Short names (ids, titles,
// aliases) match fuzzily, as in fzf: "surch" finds surcharge.city, "个税"
// finds 个人所得税. Prose (summaries, history inputs) must contain the term
// as typed: a subsequence of a sentence matches nearly anything, and the
// list would fill with rows that only happen to hold the letters.
type names struct {
	short []string
	prose []string
}

// Scores of the tiers of a term's best match in one name. Every tier is
// far above the next, so a prefix of an id always ranks above a fuzzy hit
// however the fuzzy scorer rates it; inside a tier, shorter names and
// earlier positions win.
const (
	tierExact     = 100000
	tierPrefix    = 80000
	tierWholeWord = 70000
	tierWordStart = 60000
	tierContains  = 50000
	tierProse     = 30000
	tierFuzzy     = 10000
)

// rank scores every row against the query, best first; rows that miss
// a term of the query are left out. Each space-separated term must match
// some name of the row ("vat small"), and the row's score is the sum over
// terms. Equal scores keep the list's own order (the catalog's, which puts
// a category's main formula first). An empty query keeps
// every row in order.
func rank(query string, n int, row func(i int) names) []int {
	terms := strings.Fields(strings.ToLower(query))
	out := make([]int, 0, n)
	if len(terms) == 0 {
		for i := range n {
			out = append(out, i)
		}
		return out
	}
	scores := make([]int, n)
	for i := range n {
		r := row(i)
		total := 0
		for _, t := range terms {
			best := -1
			for _, s := range r.short {
				best = max(best, scoreName(t, strings.ToLower(s)))
			}
			for _, s := range r.prose {
				if j := strings.Index(strings.ToLower(s), t); j >= 0 {
					best = max(best, tierProse-min(j, 1000))
				}
			}
			if best < 0 {
				total = -1
				break
			}
			total += best
		}
		if total >= 0 {
			scores[i] = total
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return scores[b] - scores[a] })
	return out
}

// scoreName is the score of term t in name s (both lower case), or -1.
func scoreName(t, s string) int {
	if s == "" {
		return -1
	}
	long := min(len([]rune(s)), 999)
	switch j := strings.Index(s, t); {
	case s == t:
		return tierExact
	case j == 0:
		// no length penalty: vat.general, the category's first and main
		// formula, stays before vat.simple for "vat"
		return tierPrefix
	case j > 0 && wordStart(s, j) && wordEnd(s, j+len(t)):
		return tierWholeWord - long
	case j > 0 && wordStart(s, j):
		return tierWordStart - long
	case j > 0:
		return tierContains - long - min(j, 999)
	}
	m := fuzzy.Find(t, []string{s})
	if len(m) == 0 || !tight(s, m[0].MatchedIndexes) {
		return -1
	}
	// sahilm/fuzzy rewards adjacent and word-initial hits and penalises
	// the unmatched characters; its scores are small numbers either side
	// of zero.
	return tierFuzzy + max(min(m[0].Score, 5000), -5000)
}

// tight: every matched character starts a word, follows the previous
// match, or is a Han character (each one is a word of its own). Letters
// picked one by one out of a long English title ("small" in "early
// retirement lump sum allowance") are not what anyone typed for.
func tight(s string, idx []int) bool {
	prevEnd := -1
	for _, j := range idx {
		r, size := utf8.DecodeRuneInString(s[j:])
		if j != prevEnd && j != 0 && !wordStart(s, j) && !unicode.Is(unicode.Han, r) {
			return false
		}
		prevEnd = j + size
	}
	return true
}

// wordStart: s[j] begins a word (after a separator or where Latin turns
// to Han).
func wordStart(s string, j int) bool {
	prev := []rune(s[:j])
	p := prev[len(prev)-1]
	return !unicode.IsLetter(p) && !unicode.IsDigit(p) || unicode.Is(unicode.Han, p) != unicode.Is(unicode.Han, []rune(s[j:])[0])
}

// wordEnd: a word ends before s[j].
func wordEnd(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// aliases are the other names a formula or category goes by, in every
// language: alias.<id> is a comma-separated list (年终奖, 全年一次性奖金).
func aliases(c *common, id string) []string {
	var out []string
	k := aliasKey(id)
	for _, cat := range c.set.Cats {
		if !cat.Has(k) {
			continue
		}
		for _, a := range strings.FieldsFunc(cat.T(k), func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if a = strings.TrimSpace(a); a != "" {
				out = append(out, a)
			}
		}
	}
	return out
}

// aliasKey names the aliases of a formula or category id. The key lives
// here, not in package i18n, because only the finder reads it.
func aliasKey(id string) string { return "alias." + id }

// inAll is a message in every language, whatever the mode: a user who
// reads Chinese may well search in English.
func inAll(c *common, keys ...string) []string {
	var out []string
	for _, l := range i18n.Langs {
		cat := c.set.Cats[l]
		for _, k := range keys {
			if cat.Has(k) {
				out = append(out, cat.T(k))
			}
		}
	}
	return out
}

// formulaNames: its id, titles and aliases, its category's, and the
// summaries as prose.
func formulaNames(c *common, f *catalog.Formula) names {
	n := names{short: append([]string{f.ID}, inAll(c, i18n.FormulaKey(f.ID))...)}
	n.short = append(n.short, aliases(c, f.ID)...)
	n.prose = append(inAll(c, i18n.SummaryKey(f.ID)), inAll(c, i18n.CategoryKey(f.Category))...)
	n.prose = append(n.prose, aliases(c, f.Category)...)
	return n
}

func categoryNames(c *common, cat *catalog.Category) names {
	n := names{short: append([]string{cat.ID}, inAll(c, i18n.CategoryKey(cat.ID))...)}
	n.short = append(n.short, aliases(c, cat.ID)...)
	return n
}

// filterBar is the "/" filter of a list: while it has focus, keys are
// typing; every keystroke re-ranks the list and selects the best match.
type filterBar struct {
	ti     textInput
	active bool
}

func newFilterBar(c *common) filterBar {
	ti := newInput()
	ti.Prompt = "/ "
	ti.CharLimit = 40
	ti.Placeholder = c.t("tui.filter_placeholder")
	return filterBar{ti: ti}
}

// Value is the query.
func (f *filterBar) Value() string { return f.ti.Value() }

// shown: the bar is on screen (focused, or a query is kept).
func (f *filterBar) shown() bool { return f.active || f.ti.Value() != "" }

func (f *filterBar) open() tea.Cmd {
	f.active = true
	return f.ti.Focus()
}

// filterEvent is what a key did to the filter.
type filterEvent int

const (
	filterIgnored filterEvent = iota // not the filter's key
	filterChanged                    // the query changed: re-rank, select the best
	filterMoved                      // up/down while typing: move the cursor
	filterDone                       // enter: keep the query, act on the selection
	filterCleared                    // esc: query dropped
)

// update feeds a key to the bar while it is active.
func (f *filterBar) update(k *KeyMap, km tea.KeyMsg) (filterEvent, tea.Cmd) {
	if !f.active {
		return filterIgnored, nil
	}
	switch {
	case key.Matches(km, k.Back):
		f.clear()
		return filterCleared, nil
	case key.Matches(km, k.Enter):
		f.active = false
		f.ti.Blur()
		return filterDone, nil
	case km.Type == tea.KeyUp || km.Type == tea.KeyDown:
		return filterMoved, nil
	}
	before := f.ti.Value()
	var cmd tea.Cmd
	f.ti, cmd = f.ti.Update(km)
	if f.ti.Value() == before {
		return filterIgnored, cmd
	}
	return filterChanged, cmd
}

func (f *filterBar) clear() {
	f.active = false
	f.ti.Blur()
	f.ti.SetValue("")
}

func (f *filterBar) view(w int) string {
	f.ti.Width = max(w-6, 4)
	return f.ti.View()
}

// listFilter is a filterBar over a list of rows: order maps the shown
// position to the row.
type listFilter struct {
	filterBar
	order []int
}

// refilter ranks the rows; the cursor goes to the best match, or, with no
// query, back to the row it was on.
func (l *listFilter) refilter(n int, row func(int) names, cursor *int) {
	cur := -1
	if *cursor >= 0 && *cursor < len(l.order) {
		cur = l.order[*cursor]
	}
	l.order = rank(l.Value(), n, row)
	*cursor = 0
	if strings.TrimSpace(l.Value()) == "" {
		if i := slices.Index(l.order, cur); i >= 0 {
			*cursor = i
		}
	}
}
