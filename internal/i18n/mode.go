package i18n

import (
	"fmt"
	"strings"
)

// Mode is what the user reads: Chinese, English, or both (中文 then English).
type Mode uint8

const (
	ModeZH Mode = iota + 1
	ModeEN
	ModeBoth
)

func (m Mode) String() string {
	switch m {
	case ModeEN:
		return "en"
	case ModeBoth:
		return "both"
	}
	return "zh"
}

// Next cycles zh → en → both → zh, the `l` key of the TUI.
func (m Mode) Next() Mode {
	switch m {
	case ModeZH:
		return ModeEN
	case ModeEN:
		return ModeBoth
	}
	return ModeZH
}

// Langs lists the catalogs a mode shows, in order.
func (m Mode) Langs() []Lang {
	switch m {
	case ModeEN:
		return []Lang{EN}
	case ModeBoth:
		return []Lang{ZH, EN}
	}
	return []Lang{ZH}
}

// ParseMode reads --lang: zh, en or both (and the catalog names).
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh", "zh-hans", "zh_cn", "cn", "中文":
		return ModeZH, nil
	case "en", "english":
		return ModeEN, nil
	case "both", "zh+en", "all":
		return ModeBoth, nil
	}
	return 0, fmt.Errorf("--lang %q: accepted values are zh, en, both", s)
}

// Detect picks the mode: the flag, then the saved choice, then LC_ALL,
// LC_MESSAGES and LANG. C and POSIX count as unset; when nothing is set the
// answer is Chinese, because the users are Chinese. getenv is injected so the
// rule can be tested.
func Detect(flag, saved string, getenv func(string) string) (Mode, error) {
	if flag != "" {
		return ParseMode(flag)
	}
	if saved != "" {
		if m, err := ParseMode(saved); err == nil {
			return m, nil
		}
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		loc := getenv(v)
		base := strings.ToLower(loc)
		if i := strings.IndexAny(base, ".@"); i >= 0 {
			base = base[:i]
		}
		if base == "" || base == "c" || base == "posix" {
			continue
		}
		if strings.HasPrefix(base, "zh") {
			return ModeZH, nil
		}
		return ModeEN, nil
	}
	return ModeZH, nil
}

// Set is both catalogs with the mode chosen; what screens and renderers use.
type Set struct {
	Mode Mode
	Cats map[Lang]*Catalog
}

// Primary is the first language of the mode (Chinese for both).
func (s *Set) Primary() *Catalog { return s.Cats[s.Mode.Langs()[0]] }

// T formats in the primary language.
func (s *Set) T(key string, args ...string) string { return s.Primary().T(key, args...) }

// N formats a count message in the primary language (see Catalog.N).
func (s *Set) N(key string, n int, args ...string) string { return s.Primary().N(key, n, args...) }

// Both formats key in every language of the mode, joined by sep
// ("销项税额 / Output tax" when sep is " / ").
func (s *Set) Both(sep, key string, args ...string) string {
	langs := s.Mode.Langs()
	if len(langs) == 1 {
		return s.Cats[langs[0]].T(key, args...)
	}
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = s.Cats[l].T(key, args...)
	}
	return strings.Join(parts, sep)
}

// Label finds an input's or step's label in one catalog.
func (c *Catalog) Label(formula, ident string) string {
	own, shared := LabelKeys(formula, ident)
	if s, ok := c.get(own); ok {
		return s
	}
	return c.T(shared)
}

// HasLabel reports whether Label would find a message.
func (c *Catalog) HasLabel(formula, ident string) bool {
	own, shared := LabelKeys(formula, ident)
	return c.Has(own) || c.Has(shared)
}
