package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageCentreZoneLabel: the board names each country's time zone as
// local time with its offset from UTC on the action day (summer time in
// July), in the reader's language, not by its IANA name, which stays in
// a title; so does the plan form's choice of country.
func TestPageCentreZoneLabel(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day Harbour", ActionDate: pageDate(t, "2030-07-16"),
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "AL", Zone: "Europe/Tirane"}}}
	if err := ts.db.CreateCentre(userContext(it), centre); err != nil {
		t.Fatal(err)
	}
	b := ts.pageSignIn(it)
	for lang, want := range map[string]string{"en": "local time (UTC+2)", "de": "Ortszeit (UTC+2)", "fr": "heure locale (UTC+2)", "it": "ora locale (UTC+2)"} {
		b.acceptLanguage = lang
		r := b.get(fmt.Sprintf("/centres/%d", centre.ID)).wantStatus(http.StatusOK)
		zone := r.one("#h-country-AL .zone")
		if zone == nil {
			t.Fatalf("%s: no zone beside Albania: %q", lang, r.text("#h-country-AL"))
		}
		if got := r.text("#h-country-AL .zone"); got != want {
			t.Errorf("%s: Albania's zone reads %q, want %q", lang, got, want)
		}
		if got := pageAttr(zone, "title"); got != "Europe/Tirane" {
			t.Errorf("%s: Albania's zone's title is %q, want Europe/Tirane", lang, got)
		}
		if got := r.text("main"); strings.Contains(got, "Europe/") {
			t.Errorf("%s: the board shows an IANA name: %q", lang, got[strings.Index(got, "Europe/")-40:][:80])
		}
		if got := r.text(`#f-country option[value="AL"]`); !strings.Contains(got, "UTC+2") {
			t.Errorf("%s: the plan form offers Albania as %q", lang, got)
		}
	}
}
