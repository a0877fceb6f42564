package crosscase

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date without a time of day or zone, written
// YYYY-MM-DD in JSON, forms and the database. The zero Date means "unset".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses s as YYYY-MM-DD and rejects impossible dates such as
// 2025-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return Date{}, fmt.Errorf("%q is outside the years 1900 to 2200", s)
	}
	return DateOf(t), nil
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// String returns d as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalJSON writes d as "YYYY-MM-DD", or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("must be a string in the form YYYY-MM-DD")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// NotFuture refuses a date d (of field) after today: what it dates (an
// opening, a signature, a decision) must have happened to be recorded.
// today is the latest date anywhere on Earth, so that a record made just
// after midnight where it happened is not "in the future".
func NotFuture(field string, d, today Date, what string) error {
	if today.Before(d) {
		return FieldErrorf(field, "The %s (%s) cannot be in the future: record it once it has happened.", what, d)
	}
	return nil
}

// NotFutureMoment is NotFuture for a moment at (of field), refused when
// its date (in at's location) is after today; the refusal writes the
// moment to the minute.
func NotFutureMoment(field string, at time.Time, today Date, what string) error {
	if today.Before(DateOf(at)) {
		return FieldErrorf(field, "The %s (%s) cannot be in the future: record it once it has happened.", what, Moment(at))
	}
	return nil
}
