package changes

import (
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
)

// Over all history, each change is what the catalog gives on the day
// before and on the day; every dated value after a param's first is listed
// once; a category keeps only its own.
func TestListAgreesWithAt(t *testing.T) {
	eng, _, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	all := List(eng.Cat, date.MustParse("1900-01-01"), date.MustParse("2100-12-31"), "")
	n := 0
	for _, p := range eng.Cat.Params {
		n += len(p.Values)
	}
	for _, tb := range eng.Cat.Tables {
		n += len(tb.Values)
	}
	if len(all) != n {
		t.Fatalf("%d changes for %d dated values", len(all), n)
	}
	for _, ch := range all {
		if ch.Param == nil {
			continue
		}
		v, ok := ch.Param.At(ch.From)
		if ok != !ch.New.Ended || (ok && !v.Value.Equal(ch.New.Value)) {
			t.Errorf("%s on %s: new %v, At gives %v", ch.ID(), ch.From, ch.New.Value, v.Value)
		}
		if ch.Old != nil {
			pv, _ := ch.Param.At(ch.From.AddDays(-1))
			if !pv.Value.Equal(ch.Old.Value) || pv.From != ch.Old.From {
				t.Errorf("%s before %s: old %v, At gives %v", ch.ID(), ch.From, ch.Old.Value, pv.Value)
			}
		}
		if ch.Category == "" || ch.Source == "" {
			t.Errorf("%s: no category or source", ch.ID())
		}
	}
	for _, ch := range List(eng.Cat, date.MustParse("1900-01-01"), date.MustParse("2100-12-31"), "iit") {
		if ch.Category != "iit" {
			t.Errorf("%s in iit's list", ch.ID())
		}
	}
}

func TestSourceOf(t *testing.T) {
	src := "增值税暂行条例(1993) 第二条; 财税〔2018〕32号 (16%, 2018-05-01); 财政部 税务总局 海关总署公告2019年第39号 (13%, 2019-04-01); 增值税法 第十条"
	if got := sourceOf(src, date.MustParse("2019-04-01"), ""); got != "财政部 税务总局 海关总署公告2019年第39号 (13%, 2019-04-01)" {
		t.Errorf("got %q", got)
	}
	if got := sourceOf(src, date.MustParse("1994-01-01"), ""); got != src {
		t.Errorf("no part names the day: the whole source, got %q", got)
	}
	if got := sourceOf(src, date.MustParse("1994-01-01"), "note"); got != "note" {
		t.Errorf("the value's note: got %q", got)
	}
}
