package engine

import (
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// Land use tax and farmland occupation tax let a province go outside the
// statutory range with approval: such an amount is computed and warned
// about, an amount inside the range is not, and the warning names the
// range and the exception in both languages. (Examples in the formula
// files cannot say whether a result warns; this does.)
func TestLocalRangeWarnings(t *testing.T) {
	e, cats := load(t)
	tests := []struct {
		id    string
		date  string
		in    map[string]string
		tax   string
		warns []string // warning keys, in order
		zh    string   // a piece of the Chinese text
		en    string   // a piece of the English text
	}{
		{"land_use.tax", "2018-12-31", map[string]string{"area": "500", "unit_tax": "0.63", "city": "small"}, "315",
			[]string{"land_use.below_min"}, "0.90～18.00", "Art. 5"},
		{"land_use.tax", "2018-12-31", map[string]string{"area": "500", "unit_tax": "0.9", "city": "small"}, "450", nil, "", ""},
		{"land_use.tax", "2025-06-30", map[string]string{"area": "1000", "unit_tax": "15", "city": "county"}, "15000",
			[]string{"land_use.above_max"}, "财政部", "Ministry of Finance"},
		{"land_use.tax", "2025-06-30", map[string]string{"area": "1000", "unit_tax": "30"}, "30000", nil, "", ""},
		{"land_use.tax", "2025-06-30", map[string]string{"area": "1000", "unit_tax": "30.01"}, "30010",
			[]string{"land_use.above_max"}, "0.60～30.00", "0.60–30.00"},
		{"land_use.tax", "2006-12-31", map[string]string{"area": "1000", "unit_tax": "12", "city": "large"}, "12000",
			[]string{"land_use.above_max"}, "0.50～10.00", "0.50–10.00"},
		{"farmland.tax", "2025-06-30", map[string]string{"area": "100", "unit_tax": "60", "tier": "t1"}, "6000",
			[]string{"farmland.above_max"}, "第五条", "Art. 5"},
		{"farmland.tax", "2025-06-30", map[string]string{"area": "100", "unit_tax": "50", "tier": "t1"}, "5000", nil, "", ""},
		{"farmland.tax", "2008-01-01", map[string]string{"area": "5000", "unit_tax": "8", "tier": "t1"}, "40000",
			[]string{"farmland.below_min"}, "第十二条", "Art. 12"},
		{"farmland.tax", "2007-06-30", map[string]string{"area": "5000", "unit_tax": "8", "tier": "t1"}, "40000", nil, "", ""},
		{"farmland.tax", "2025-06-30", map[string]string{"area": "10000", "unit_tax": "2", "tier": "t4"}, "20000",
			[]string{"farmland.transport"}, "第七条", "Art. 7"},
		{"farmland.tax", "2025-06-30", map[string]string{"area": "100", "unit_tax": "3", "tier": "t4"}, "300",
			[]string{"farmland.below_min"}, "2.50", "2.50"},
	}
	for _, tt := range tests {
		res, err := e.Calc(tt.id, tt.in, date.MustParse(tt.date))
		if err != nil {
			t.Errorf("%s %v on %s: %v", tt.id, tt.in, tt.date, err)
			continue
		}
		if got := res.Answer().Value.String(); got != tt.tax {
			t.Errorf("%s %v: tax %s, want %s", tt.id, tt.in, got, tt.tax)
		}
		var keys []string
		for _, w := range res.Warnings {
			keys = append(keys, w.Key)
		}
		if strings.Join(keys, ",") != strings.Join(tt.warns, ",") {
			t.Errorf("%s %v on %s: warnings %v, want %v", tt.id, tt.in, tt.date, keys, tt.warns)
			continue
		}
		if len(tt.warns) == 0 {
			continue
		}
		zh, en := res.WarningTexts(cats[i18n.ZH]), res.WarningTexts(cats[i18n.EN])
		if !strings.Contains(zh[0], tt.zh) || !strings.Contains(en[0], tt.en) {
			t.Errorf("%s %v: warning texts\n  %s\n  %s\nwant %q and %q in them", tt.id, tt.in, zh[0], en[0], tt.zh, tt.en)
		}
	}
}
