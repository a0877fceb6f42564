package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"crosscase/sqldb/sqldbtest"
)

// TestPageJITLinkCaseErrorNamesField: a case the JIT page cannot link
// (none chosen, one linked already) is refused above the form naming the
// field by its label (Link a case, Einen Fall verknüpfen), not "Case id",
// and the choice is marked as the one in error.
func TestPageJITLinkCaseErrorNamesField(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it, c, j := ts.danubeJIT()
	b := ts.pageSignIn(it)
	path := "/jits/" + strconv.FormatInt(j.ID, 10)
	for _, tc := range []struct{ lang, chosen, label, want string }{
		{"en", "", "Link a case", "Choose a case."},
		{"de", "", "Einen Fall verknüpfen", "Wählen Sie einen Fall."},
		{"fr", "", "Lier une affaire", "Choisissez une affaire."},
		{"it", "", "Collegare un caso", "Scelga un caso."},
		{"de", fmt.Sprint(c.ID), "Einen Fall verknüpfen", fmt.Sprintf("Fall %s ist bereits mit dieser GEG verknüpft.", c.Reference)},
	} {
		b.acceptLanguage = tc.lang
		form := b.get(path).wantStatus(http.StatusOK).form(`form#cases`)
		form.set("link_case_id", tc.chosen)
		r := b.submit(form).wantStatus(http.StatusUnprocessableEntity)
		got := r.text(`#cases p.alert[role="alert"]`)
		if !strings.HasPrefix(got, tc.label+":") && !strings.HasPrefix(got, tc.label+" :") || !strings.HasSuffix(got, " "+tc.want) {
			t.Errorf("%s %q: the refusal reads %q, want %q named by %q", tc.lang, tc.chosen, got, tc.want, tc.label)
		}
		if got := pageAttr(r.one("#f-link_case_id"), "aria-invalid"); got != "true" {
			t.Errorf("%s %q: the choice of a case is not marked invalid (%q)", tc.lang, tc.chosen, got)
		}
	}
}
