package web

import (
	"testing"
	"time"

	"crosscase"
)

// A month is laid out in whole weeks from Monday, the days outside it
// marked; a deadline sits on its due day; a week view is one week.
func TestMonthWeeks(t *testing.T) {
	d := func(s string) crosscase.Date { v, _ := crosscase.ParseDate(s); return v }
	list := []*crosscase.Deadline{{Reference: "EAW-1", Due: d("2026-12-24")}, {Reference: "EIO-2", Due: d("2026-11-30")}}
	weeks := monthWeeks(d("2026-12-01"), false, list, d("2026-12-04"))
	if len(weeks) != 5 || weeks[0][0].Date.String() != "2026-11-30" || weeks[0][0].InMonth || weeks[4][6].Date.String() != "2027-01-03" {
		t.Fatalf("December 2026: %d weeks from %s to %s", len(weeks), weeks[0][0].Date, weeks[len(weeks)-1][6].Date)
	}
	for _, w := range weeks {
		if w[0].Date.Time().Weekday() != time.Monday {
			t.Fatalf("a week starts on %s", w[0].Date.Time().Weekday())
		}
	}
	if len(weeks[0][0].Deadlines) != 1 || len(weeks[3][3].Deadlines) != 1 || weeks[3][3].Deadlines[0].Reference != "EAW-1" || !weeks[0][4].Today {
		t.Fatalf("deadlines or today misplaced: %+v %+v", weeks[0][0], weeks[3][3])
	}
	week := monthWeeks(d("2026-12-21"), true, list, d("2026-12-04"))
	if len(week) != 1 || !week[0][6].InMonth || len(week[0][3].Deadlines) != 1 {
		t.Fatalf("week view: %+v", week)
	}
	if dl := list[0]; dl.DaysLeft(d("2026-12-04")) != 20 || dl.Urgency(d("2026-12-04")) != "later" || dl.Urgency(d("2026-12-22")) != "urgent" || dl.Urgency(d("2026-12-25")) != "overdue" {
		t.Fatalf("days left %d, urgencies %s %s %s", dl.DaysLeft(d("2026-12-04")), dl.Urgency(d("2026-12-04")), dl.Urgency(d("2026-12-22")), dl.Urgency(d("2026-12-25")))
	}
}
