package cli

import (
	"io"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/render"
)

// compare computes formula id with the same inputs under the rules of the
// --date and of d2, and shows them side by side.
func (a *app) compare(id string, raw map[string]string, d2text, format string) error {
	d2, err := date.Parse(d2text)
	if err != nil {
		return a.usage("compare.bad_date", "text", d2text)
	}
	ra, err := a.eng.Calc(id, raw, a.date)
	if err != nil {
		return err
	}
	rb, err := a.eng.Calc(id, raw, d2)
	if err != nil {
		return err
	}
	switch format {
	case "text", "":
		_, err = io.WriteString(a.env.Stdout, render.CompareText(ra, rb, a.set, a.style))
		return err
	case "json":
		return writeJSON(a.env.Stdout, render.CompareJSONOf(ra, rb, a.set), true)
	}
	return a.usage("err.format", "list", "text, json")
}
