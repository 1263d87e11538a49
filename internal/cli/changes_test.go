package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/render"
)

// 2019's changes hold the VAT rate cut of 1 April and the IIT table of
// 2018-10-01 is outside; every change is a dated value of the catalog,
// old and new as the engine reads them on the day before and the day.
func TestChanges(t *testing.T) {
	out, stderr, code := run(t, "", "changes", "--since", "2019-01-01", "--until", "2019-12-31", "--format", "json", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var v struct {
		Changes []render.ChangeJSON `json:"changes"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	eng, _, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ch := range v.Changes {
		if ch.From < "2019-01-01" || ch.From > "2019-12-31" {
			t.Errorf("%s %s is outside the period", ch.ID, ch.From)
		}
		if ch.ID == "vat.rate.standard" {
			found = true
			if ch.Old != "16%" || ch.New != "13%" || ch.From != "2019-04-01" || ch.Category != "vat" || !strings.Contains(ch.Source, "2019年第39号") {
				t.Errorf("the 2019 VAT cut: %+v", ch)
			}
		}
		if ch.ID == "iit.table.monthly" {
			t.Errorf("a 2018 change listed: %+v", ch)
		}
		if ch.Kind == "param" {
			p := eng.Cat.Params[ch.ID]
			if p == nil {
				t.Fatalf("%s is not a param", ch.ID)
			}
		}
	}
	if !found {
		t.Fatal("the 2019 VAT rate cut is missing")
	}
	// one category; text; a bad date and an empty period
	txt, _, code := run(t, "", "changes", "iit", "--since", "2018-10-01", "--until", "2018-10-01", "--lang", "en")
	if code != 0 || !strings.Contains(txt, "3,500.00 → 5,000.00") || strings.Contains(txt, "vat.") {
		t.Errorf("iit on 2018-10-01:\n%s", txt)
	}
	if _, stderr, code := run(t, "", "changes", "--since", "2019-13-01", "--lang", "en"); code != 2 || !strings.Contains(stderr, "--since must be a date") {
		t.Errorf("bad date: %d %s", code, stderr)
	}
	if _, stderr, code := run(t, "", "changes", "--since", "2020-01-01", "--until", "2019-01-01", "--lang", "en"); code != 2 || !strings.Contains(stderr, "before it starts") {
		t.Errorf("reversed period: %d %s", code, stderr)
	}
	if _, _, code := run(t, "", "changes", "nosuch"); code != 2 {
		t.Errorf("unknown category: %d", code)
	}
}
