package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// The JIT form lists the parties' authorities by their countries' names
// in the reader's language: in German Deutschland before Zypern, in
// English Germany before United Kingdom.
func TestPageJITFormAuthoritiesByCountryName(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	b := ts.pageSignIn(ts.user("be.member", crosscase.RoleDeskMember, "BE"))
	ts.prosecutions("BE", "CY", "DE", "GB")
	for lang, want := range map[string][]string{"de": {"Belgien", "Deutschland", "Vereinigtes Königreich", "Zypern"}, "en": {"Belgium", "Cyprus", "Germany", "United Kingdom"}} {
		b.acceptLanguage = lang
		var got []string
		for _, o := range b.get("/jits/new").wantStatus(http.StatusOK).texts("#f-authority_ids option") {
			country, _, _ := strings.Cut(o, " — ")
			if len(got) == 0 || got[len(got)-1] != country {
				got = append(got, country)
			}
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
