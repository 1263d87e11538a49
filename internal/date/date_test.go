package date

import (
	"fmt"
	"testing"
)

func TestStringAsSprintf(t *testing.T) {
	for _, d := range []Date{MustParse("2026-11-22"), MustParse("0001-01-01"), MustParse("1994-01-01"), MustParse("9999-12-31"), 20261301, 123} {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Year(), int(d.Month()), d.Day()); got != want {
			t.Errorf("%d: %q, want %q", int32(d), got, want)
		}
	}
	if Date(0).String() != "" {
		t.Error("zero date")
	}
}
