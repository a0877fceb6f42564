package http

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
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

// TestDeadlineListOrderAndLength: the overdue list says its order and
// keeps it, the limits missed most recently first, and a long list shows
// its first 50 rows with a link to all of them (the annual corpus gives
// a desk hundreds of limits missed long ago).
func TestDeadlineListOrderAndLength(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		const n = 55
		for i := range n {
			// Arrested 70 + i days ago: the 60-day decision is i + 10 days over.
			in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: fmt.Sprintf("EAW/LONG/%d", i), IssuingCountry: "IT", ExecutingCountry: "DE",
				EntityID: w.e.ID, IssuedOn: pageDate(t, day(-90-i)), ArrestOn: pageDate(t, day(-70-i)), Status: crosscase.StatusArrested}
			if err := db.CreateInstrument(userContext(w.it.User), in); err != nil {
				t.Fatal(err)
			}
		}
		b := w.ts.pageSignIn(w.it.User)
		res := b.get("/deadlines").wantStatus(http.StatusOK)
		if res.first("#overdue-order") == nil {
			t.Error("the overdue list does not say its order")
		}
		overdue := func(res *pageResult) []int {
			var days []int
			for _, s := range res.texts("#overdue tbody td.days-left") {
				var d int
				if _, err := fmt.Sscanf(s, "%d days over", &d); err != nil {
					t.Fatalf("days left %q: %v", s, err)
				}
				days = append(days, d)
			}
			return days
		}
		days := overdue(res)
		if len(days) != 50 || !slices.IsSorted(days) {
			t.Errorf("the overdue list shows %d rows, days over %v; want the first 50, most recently missed first", len(days), days)
		}
		more := res.one("#overdue-more a")
		if !strings.HasPrefix(pageText(more), fmt.Sprintf("%d more", len(overdue(b.get("/deadlines?all=1")))-50)) {
			t.Errorf("the link to the rest: %q", pageText(more))
		}
		all := overdue(b.get(pageAttr(more, "href")).wantStatus(http.StatusOK))
		if len(all) < n || !slices.IsSorted(all) || all[0] != days[0] {
			t.Errorf("all overdue: %d rows %v", len(all), all)
		}
	})
}
