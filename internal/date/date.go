// Package date is a civil date (no clock, no zone): tax rules change on
// calendar days, and a time.Time would drag a location into every comparison.
package date

import (
	"fmt"
	"time"
)

// Date is a calendar day stored as YYYYMMDD, so that ordinary integer
// comparison is chronological order and the zero value means "no date".
type Date int32

const layout = "2006-01-02"

// Parse reads YYYY-MM-DD and rejects days that do not exist (2026-02-30).
func Parse(s string) (Date, error) {
	t, err := time.Parse(layout, s)
	if err != nil || len(s) != len(layout) {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return Of(t), nil
}

// MustParse is for tests and constants.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Of takes the calendar day of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date(y*10000 + int(m)*100 + d)
}

// Today is the local calendar day.
func Today() Date { return Of(time.Now()) }

func (d Date) Year() int          { return int(d) / 10000 }
func (d Date) Month() time.Month  { return time.Month(int(d) / 100 % 100) }
func (d Date) Day() int           { return int(d) % 100 }
func (d Date) IsZero() bool       { return d == 0 }
func (d Date) Before(o Date) bool { return d < o }

// Time is midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// AddDays moves d by n calendar days.
func (d Date) AddDays(n int) Date { return Of(d.Time().AddDate(0, 0, n)) }

func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, day := d.Year(), int(d.Month()), d.Day()
	if y < 0 || y > 9999 || m < 0 || day < 0 {
		return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	}
	// by hand: batch writes one per row
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}

// MarshalText lets dates appear as "2026-11-22" in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
