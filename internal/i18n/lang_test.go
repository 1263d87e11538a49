package i18n_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/i18n"
)

// A Chinese reader must not meet an English sentence, nor an English
// reader Chinese prose (issue 17, item 10). These rules run over every
// value of every part file.

// zhAllowed are the runs of three or more English words a zh-Hans value
// may hold: names of things the user types or reads that way.
var zhAllowed = []string{}

var (
	// Placeholders, ids (vat.general, customs_value), file names and
	// command lines (cntax calc vat.general sales=113000 --format json,
	// up to Chinese text or punctuation) are not prose.
	zhStrip = regexp.MustCompile(`cntax(?:\s+[^\s\p{Han}，。；：、（）“”]+)*|\{[^}]*\}|[A-Za-z0-9_]+(?:[._/-][A-Za-z0-9_]+)+|--?[a-z-]+`)
	// An English sentence: three or more words of letters in a row,
	// joined by spaces (or a comma, apostrophe or hyphen and a space).
	zhSentence = regexp.MustCompile(`[A-Za-z]+(?:'[a-z]+)?(?:[,;:]?\s+[A-Za-z]+(?:'[a-z]+)?){2,}`)

	// What an English value may quote in Chinese: a title in 《》, a notice
	// number (财税〔2016〕36号, 国家税务总局公告2018年第28号, 国务院令第610号) and an
	// article (第十四条, 第三款), each with the words that belong to it.
	enQuoted = regexp.MustCompile(`《[^》]*》` +
		`|\p{Han}*〔\d{4}〕\d+号` +
		`|\p{Han}*\d{4}年第\d+号` +
		`|\p{Han}*令第\d+号` +
		`|第[0-9一二三四五六七八九十百千零〇]+[条款项目章节号]` +
		// What the user may type: amounts in 万, 亿 or 元 (11.3万, 113000元).
		`|\d[\d.,]*[万亿元]`)
	han = regexp.MustCompile(`\p{Han}+`)
)

// enAllowed are the other Han characters an English value may hold: what
// the user may type (是/否 for a yes/no input, 元 after an amount, Chinese
// words in a filter).
var enAllowed = []string{"是/否", "¥ or 元", "type 中文"}

func TestNoEnglishSentenceInChinese(t *testing.T) {
	c := cats(t)[i18n.ZH]
	bad := 0
	for _, k := range c.Keys() {
		v, _ := c.Raw(k)
		s := v
		for _, a := range zhAllowed {
			s = strings.ReplaceAll(s, a, " ")
		}
		s = zhStrip.ReplaceAllString(s, " ")
		if m := zhSentence.FindString(s); m != "" {
			bad++
			t.Errorf("zh-Hans %s has an English sentence %q: %s", k, m, v)
		}
	}
	if bad > 0 {
		t.Logf("%d zh-Hans values with English", bad)
	}
}

func TestNoChineseInEnglish(t *testing.T) {
	c := cats(t)[i18n.EN]
	bad := 0
	for _, k := range c.Keys() {
		v, _ := c.Raw(k)
		s := enQuoted.ReplaceAllString(v, " ")
		for _, a := range enAllowed {
			s = strings.ReplaceAll(s, a, " ")
		}
		if m := han.FindAllString(s, -1); m != nil {
			bad++
			t.Errorf("en %s has Chinese outside a quoted title %q: %s", k, m, v)
		}
	}
	if bad > 0 {
		t.Logf("%d en values with Chinese", bad)
	}
}

func TestLanguageRules(t *testing.T) {
	for _, tc := range []struct {
		s    string
		zhOK bool
	}{
		{"销项税额 = {sales} × 13%", true},
		{"用 cntax payroll 计算", true},
		{"customs_value is the customs value of the goods", false},
		{"见 vat.general 与 iit.bonus", true},
		{"例如 cntax calc vat.general sales=113000 --format json；cntax list 列出全部编号", true},
		{"例如 cntax calc：compute the tax of the formula", false},
	} {
		got := !zhSentence.MatchString(zhStrip.ReplaceAllString(tc.s, " "))
		if got != tc.zhOK {
			t.Errorf("zh rule on %q: ok=%v, want %v", tc.s, got, tc.zhOK)
		}
	}
	for _, tc := range []struct {
		s    string
		enOK bool
	}{
		{"under 财税〔2016〕36号 第十四条", true},
		{"《中华人民共和国增值税暂行条例》 article 4", true},
		{"国家税务总局公告2018年第28号 applies", true},
		{"the table of 国务院令第610号 and 海关总署令第95号", true},
		{"53号 text not read", false},
		{"an individual business (个体工商户)", false},
		{"the 关税法 article", false},
		{"write 113000, 11.3万 or 1.2亿", true},
	} {
		got := !han.MatchString(enQuoted.ReplaceAllString(tc.s, " "))
		if got != tc.enOK {
			t.Errorf("en rule on %q: ok=%v, want %v", tc.s, got, tc.enOK)
		}
	}
}

// Counts read right in English: 1 formula, 2 formulas (issue 17, item 10).
func TestCountWording(t *testing.T) {
	c := cats(t)
	for _, tc := range []struct {
		n      int
		zh, en string
	}{
		{1, "1 个公式", "1 formula"},
		{2, "2 个公式", "2 formulas"},
		{0, "0 个公式", "0 formulas"},
	} {
		n := strconv.Itoa(tc.n)
		if got := c[i18n.ZH].N("tui.formula_count", tc.n, "n", n); got != tc.zh {
			t.Errorf("zh %d: %q", tc.n, got)
		}
		if got := c[i18n.EN].N("tui.formula_count", tc.n, "n", n); got != tc.en {
			t.Errorf("en %d: %q", tc.n, got)
		}
	}
	// A singular says what its plural says: the same placeholders. (Keys
	// such as refuse.ct.rate_one, "rate one", have no plural and are not
	// counts.)
	for _, l := range i18n.Langs {
		for _, k := range c[l].Keys() {
			base, ok := strings.CutSuffix(k, "_one")
			if !ok || !c[l].Has(base) {
				continue
			}
			one, _ := c[l].Raw(k)
			other, _ := c[l].Raw(base)
			if !slices.Equal(i18n.Placeholders(one), i18n.Placeholders(other)) {
				t.Errorf("%s: %s and %s name different placeholders", l, k, base)
			}
		}
	}
}

// A count's word in a template: {days|day|days}.
func TestFillCountWord(t *testing.T) {
	for _, tc := range []struct{ n, want string }{
		{"1", "1 day late, 1 site"}, {"2", "2 days late, 1 site"}, {"0", "0 days late, 1 site"},
	} {
		if got := i18n.Fill("{days} {days|day|days} late, {sites} {sites|site|sites}", "days", tc.n, "sites", "1"); got != tc.want {
			t.Errorf("%s: %q", tc.n, got)
		}
	}
	// Without the count the choice stays visible, never silently wrong.
	if got := i18n.Fill("{x} {days|day|days}", "x", "1"); got != "1 {days|day|days}" {
		t.Errorf("unfilled choice: %q", got)
	}
	if got := i18n.Placeholders("{days} {days|day|days} {a}"); !slices.Equal(got, []string{"a", "days"}) {
		t.Errorf("placeholders %v", got)
	}
}
