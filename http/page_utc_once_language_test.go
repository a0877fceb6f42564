package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageUTCSaidOnce: the meetings of a case and a centre's log say in
// the column's header that their times are UTC, once: the cells give the
// date and time without repeating "UTC".
func TestPageUTCSaidOnce(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.utc", crosscase.RoleDeskMember, "IT")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Libeccio", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-10")})
	casePath := fmt.Sprintf("/cases/%d", c.ID)
	b := ts.pageSignIn(it)
	b.get(casePath).wantStatus(http.StatusOK)
	b.follow(b.postCSRF(casePath+"/meetings", map[string][]string{"starts_at": {"2024-03-01T10:00"}, "partners": {"europol"}})).wantStatus(http.StatusOK)
	form := b.get(fmt.Sprintf("/cases/%d/centres", c.ID)).wantStatus(http.StatusOK).form(`form[action$="/centres"]`)
	form.set("name", "Action day Libeccio").set("action_date", time.Now().UTC().Format("2006-01-02")).set("zones", "IT Europe/Rome")
	board := b.follow(b.submit(form)).wantStatus(http.StatusOK)
	centrePath := board.req[len("GET "):]
	for _, tc := range []struct{ lang, header, meeting string }{
		{"en", "When (UTC)", "2024-03-01 10:00"},
		{"de", "Wann (UTC)", "01.03.2024 10:00"},
		{"fr", "Quand (UTC)", "01/03/2024 10:00"},
		{"it", "Quando (UTC)", "01/03/2024 10:00"},
	} {
		b.acceptLanguage = tc.lang
		page := b.get(casePath).wantStatus(http.StatusOK)
		if got := page.text("#meetings thead th"); got != tc.header {
			t.Errorf("%s: the meetings' first header reads %q, want %q", tc.lang, got, tc.header)
		}
		if got := page.text("#meetings tr.meeting td.when"); got != tc.meeting {
			t.Errorf("%s: the meeting's time reads %q, want %q", tc.lang, got, tc.meeting)
		}
		log := b.get(centrePath + "/log").wantStatus(http.StatusOK)
		if got := log.texts("thead th"); len(got) < 2 || got[1] != tc.header {
			t.Errorf("%s: the log's headers read %q, want %q second", tc.lang, got, tc.header)
		}
		cells := log.texts("tbody td.when")
		if len(cells) == 0 {
			t.Errorf("%s: the log has no times", tc.lang)
		}
		for _, cell := range cells {
			if strings.Contains(cell, "UTC") || !strings.Contains(cell, ":") {
				t.Errorf("%s: a time in the log reads %q", tc.lang, cell)
			}
		}
	}
}
