package web

import (
	"testing"

	"crosscase/locale"
)

// An action and object type without a phrase of their own (one the
// dashboard's query may list some day) still read in the reader's
// language: the object type, then the action.
func TestActivityTextFallback(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, want string }{
		{"en", "case: export"},
		{"de", "Fall: Export"},
		{"fr", "affaire\u00a0: export"},
	} {
		if got := activityText(c.Printer(tc.lang), "export", "case"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
	if got := activityText(c.Printer("it"), "create", "case"); got != "Caso creato" {
		t.Errorf("it: a case created reads %q", got)
	}
}
