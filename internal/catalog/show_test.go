package catalog

import (
	"strings"
	"testing"
)

// A step's show condition reads params only, and the answer is always
// shown.
func TestStepShow(t *testing.T) {
	ok := strings.Replace(good, `{id: s1, expr: "a * r"}`, `{id: s1, show: "t.rate > 15%", expr: "a * r"}`, 1)
	c, err := load(map[string]string{"t.yaml": ok})
	if err != nil {
		t.Fatal(err)
	}
	if c.Formula("t.f").Step("s1").Show == nil {
		t.Error("show not compiled")
	}
	for _, tt := range []struct{ src, want string }{
		{strings.Replace(good, `{id: s1, expr: "a * r"}`, `{id: s1, show: "a > 0", expr: "a * r"}`, 1), "a is not a param; show may read params only"},
		{strings.Replace(good, `{id: s2, expr:`, `{id: s2, show: "t.rate > 0", expr:`, 1), "the result step s2 cannot have show"},
		{strings.Replace(good, `{id: s1, expr: "a * r"}`, `{id: s1, show: "t.rate", expr: "a * r"}`, 1), "expected a boolean expression"},
	} {
		if tt.src == good {
			t.Fatal("replacement not found")
		}
		_, err := load(map[string]string{"t.yaml": tt.src})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got error:\n%v\nwant it to contain:\n%s", err, tt.want)
		}
	}
}
