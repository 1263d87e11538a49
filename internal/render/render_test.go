package render

import (
	"testing"

	_ "github.com/cntax/cntax/internal/testwidth" // widths do not follow the locale
)

func TestDarkBackground(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for i, tt := range []struct {
		env  func(string) string
		dark bool
	}{
		{env(), true},
		{env("COLORFGBG", "15;0"), true},
		{env("COLORFGBG", "0;15"), false},
		{env("COLORFGBG", "0;default;15"), false},
		{env("CNTAX_THEME", "light", "COLORFGBG", "15;0"), false},
		{env("CNTAX_THEME", "dark", "COLORFGBG", "0;15"), true},
	} {
		if got := DarkBackground(tt.env); got != tt.dark {
			t.Errorf("case %d: got %v", i, got)
		}
	}
}

func TestPad(t *testing.T) {
	if got := PadRight("销售额", 8); got != "销售额  " {
		t.Errorf("%q", got)
	}
	if got := PadLeft("13%", 5); got != "  13%" {
		t.Errorf("%q", got)
	}
}
