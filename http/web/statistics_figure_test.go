package web

import (
	"testing"

	"crosscase/locale"
)

// The statistics tables write counts and euros with the reader's
// thousands separator; years and ranks stay as they are.
func TestStatisticsFiguresInLanguage(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, col, v, want string }{
		{"en", "value_eur", "1234567", "1,234,567"},
		{"fr", "value_eur", "1234567", "1\u202f234\u202f567"},
		{"de", "handled", "12345", "12.345"},
		{"it", "cases", "1000", "1.000"},
		{"de", "year", "2024", "2024"},
		{"fr", "rank", "1", "1"},
		{"de", "name", "Drug trafficking", "Drogenhandel"},
	} {
		if got := statisticsFigure(c.Printer(tc.lang), tc.col, tc.v); got != tc.want {
			t.Errorf("%s %s %q: %q, want %q", tc.lang, tc.col, tc.v, got, tc.want)
		}
	}
}
