package http

import (
	"net/http"
	"testing"
	"time"

	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// A month or week of the deadlines calendar with nothing due says so
// above its empty grid; one with a deadline does not.
func TestDeadlineCalendarSaysWhenEmpty(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		b := w.ts.pageSignIn(w.it)
		later := time.Now().UTC().AddDate(0, 10, 0).Format("2006-01-02")
		for _, p := range []string{"/deadlines?view=month&start=" + later, "/deadlines?view=week&start=" + later} {
			r := b.get(p).wantStatus(http.StatusOK)
			if len(r.all(".cal-deadline[href]")) > 0 {
				t.Fatalf("%s: a deadline falls due ten months from now; the test needs an empty calendar", p)
			}
			if r.first("#deadline-calendar") == nil || r.first("#calendar-empty") == nil {
				t.Errorf("%s: the empty calendar does not say it is empty", p)
			}
		}
		for _, p := range []string{"/deadlines?view=month", "/deadlines?view=week"} {
			r := b.get(p).wantStatus(http.StatusOK)
			if len(r.all(".cal-deadline[href]")) > 0 && r.first("#calendar-empty") != nil {
				t.Errorf("%s: a calendar with deadlines says it is empty", p)
			}
		}
	})
}
