package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"crosscase"
)

// TestDeadlinesCalendar shows the Italian desk's deadlines of the demo as
// a list with the days left and as month and week calendars through the
// program (README, "Instruments and their legal clocks", Deadlines).
func TestDeadlinesCalendar(t *testing.T) {
	p, logins := serveDemo(t)
	it := p.client("it.rossi")
	var c struct{ ID int64 }
	it.call("POST", "/api/v1/cases", map[string]any{"title": "Bari port heroin", "crime_types": []string{"drug_trafficking"}, "asked_countries": []string{"FR"}, "opened_on": "2025-04-02"}, 201, &c)
	received := time.Now().UTC().AddDate(0, 0, -2).Format("2006-01-02")
	it.call("POST", fmt.Sprintf("/api/v1/cases/%d/instruments", c.ID), map[string]any{"type": "eio", "reference": "EIO/BA/2026/9",
		"issuing_country": "IT", "executing_country": "FR", "issued_on": received, "received_on": received}, 201, nil)
	var list crosscase.DeadlineList
	it.call("GET", "/api/v1/deadlines?days=366", nil, 200, &list)
	all := append(list.Overdue, list.DueSoon...)
	if len(all) == 0 {
		t.Fatal("the Italian desk has no deadline in the demo")
	}
	d := all[len(all)-1]
	page := p.signIn("it.rossi", logins["it.rossi"])
	status, body := page.get("/deadlines?days=366")
	if status != 200 || !strings.Contains(body, `<th scope="col">Days left</th>`) || !strings.Contains(body, "urgency-") {
		t.Fatalf("list: %d", status)
	}
	for _, view := range []string{"month", "week"} {
		status, body = page.get("/deadlines?view=" + view + "&start=" + d.Due.String())
		cal := body[strings.Index(body, `id="deadline-calendar"`)+1:]
		if status != 200 || !strings.Contains(body, `id="deadline-calendar"`) || !strings.Contains(cal, d.Reference+" · "+d.Label) {
			t.Fatalf("%s view starting %s does not show %s: %d", view, d.Due, d.Reference, status)
		}
		// Each entry says how many days are left, as the list does.
		if !strings.Contains(cal, `class="cal-days"`) || !strings.Contains(cal, "days left") && !strings.Contains(cal, "days over") && !strings.Contains(cal, "last day") && !strings.Contains(cal, "1 day left") {
			t.Fatalf("%s view: no days left on the entries", view)
		}
	}
	if status, _ := page.get("/deadlines?view=year"); status != 422 {
		t.Fatalf("unknown view: %d", status)
	}
}
