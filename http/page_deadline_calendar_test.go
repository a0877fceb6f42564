package http

import (
	"net/http"
	"net/url"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestDeadlineCalendarNextLink: following "next" in the month and the
// week calendar from the current one never leads to a refusal; at the
// end of the coming year "next" is no link, and the month or week after
// is the one the server refuses.
func TestDeadlineCalendarNextLink(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		b := ts.pageSignIn(ts.user("it.member", crosscase.RoleDeskMember, "IT"))
		for _, view := range []string{"month", "week"} {
			path := "/deadlines?view=" + view
			var last string
			for steps := 0; ; steps++ {
				if steps > 60 {
					t.Fatalf("%s: still a next link after %d steps", view, steps)
				}
				res := b.get(path).wantStatus(http.StatusOK)
				if prev := res.first(`#h-calendar a[rel="prev"]`); prev == nil {
					t.Fatalf("%s: no previous link on %s", path, view)
				}
				next := res.first(`#h-calendar a[rel="next"]`)
				if next == nil {
					if res.first("#calendar-end") == nil {
						t.Fatalf("%s: neither a next link nor the end of the calendar", path)
					}
					last = path
					break
				}
				path = pageAttr(next, "href")
			}
			// The month or week after the last one is refused.
			u, _ := url.Parse(last)
			start := pageDate(t, u.Query().Get("start"))
			after := start.AddDays(7)
			if view == "month" {
				after = crosscase.DateOf(start.Time().AddDate(0, 1, 0))
			}
			b.get("/deadlines?view=" + view + "&start=" + after.String()).wantStatus(http.StatusUnprocessableEntity)
		}
	})
}
