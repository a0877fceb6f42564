package main

import (
	"fmt"
	"strings"
	"testing"

	"crosscase"
)

// TestTimeline reads the timeline of the demo's Italy–Albania case through
// the program: every kind of event in order, the filter, bad input, and a
// desk that does not see the case (README, "Case timeline").
func TestTimeline(t *testing.T) {
	p, logins := serveDemo(t)
	it, fr := p.client("it.rossi"), p.client("fr.lefevre")
	id := it.ownCaseID("Albanian")
	path := fmt.Sprintf("/api/v1/cases/%d/timeline", id)
	var tl struct {
		Items []crosscase.TimelineEvent `json:"items"`
	}
	it.call("GET", path, nil, 200, &tl)
	kinds := map[crosscase.TimelineKind]int{}
	for i, e := range tl.Items {
		kinds[e.Kind]++
		if i > 0 && e.On.Before(tl.Items[i-1].On) {
			t.Fatalf("event %d (%s) before event %d (%s)", i, e.On, i-1, tl.Items[i-1].On)
		}
	}
	for _, k := range []crosscase.TimelineKind{crosscase.TimelineCase, crosscase.TimelineInstrument, crosscase.TimelineMeeting, crosscase.TimelineAction, crosscase.TimelineResult, crosscase.TimelineHit, crosscase.TimelineRetention} {
		if kinds[k] == 0 {
			t.Errorf("no %s event in the demo case's timeline: %v", k, kinds)
		}
	}
	if tl.Items[0].Kind != crosscase.TimelineCase || tl.Items[0].Title != "Case opened" {
		t.Errorf("the timeline starts with %+v", tl.Items[0])
	}
	it.call("GET", path+"?kind=meeting,result", nil, 200, &tl)
	for _, e := range tl.Items {
		if e.Kind != crosscase.TimelineMeeting && e.Kind != crosscase.TimelineResult {
			t.Fatalf("filtered timeline holds %+v", e)
		}
	}
	if len(tl.Items) != kinds[crosscase.TimelineMeeting]+kinds[crosscase.TimelineResult] {
		t.Fatalf("filtered timeline: %d events", len(tl.Items))
	}
	it.call("GET", path+"?kind=gossip", nil, 422, nil)
	fr.call("GET", path, nil, 404, nil)
	page := p.signIn("it.rossi", logins["it.rossi"])
	// The case page: its section bar with the counts, and its JIT.
	if status, body := page.get(fmt.Sprintf("/cases/%d", id)); status != 200 || !strings.Contains(body, `id="case-sections"`) ||
		!strings.Contains(body, `People <span class="count">`) || !strings.Contains(body, `<a href="/jits/`) {
		t.Fatalf("case page: %d", status)
	}
	// A long group shows its first 50 and offers the rest; the filter
	// keeps one kind, or the entities containing a text.
	if _, body := page.get(fmt.Sprintf("/cases/%d", id)); !strings.Contains(body, "2 more — show all") {
		t.Fatal("the 52 suspects are not paged")
	}
	if _, body := page.get(fmt.Sprintf("/cases/%d?all=1", id)); strings.Contains(body, "more — show all") {
		t.Fatal("show all still pages")
	}
	if _, body := page.get(fmt.Sprintf("/cases/%d?kind=phone", id)); !strings.Contains(body, "kind-phone") || strings.Contains(body, `class="entities kind-person"`) {
		t.Fatal("the kind filter")
	}
	if status, _ := page.get(fmt.Sprintf("/cases/%d?kind=spaceship", id)); status != 422 {
		t.Fatalf("an unknown kind: %d", status)
	}
	status, body := page.get(strings.TrimPrefix(path, "/api/v1"))
	if status != 200 || !strings.Contains(body, `id="timeline"`) || strings.Count(body, `class="timeline-event`) != len(tlAll(t, it, path)) {
		t.Fatalf("timeline page: %d", status)
	}
}

func tlAll(t *testing.T, c *apiClient, path string) []crosscase.TimelineEvent {
	var tl struct {
		Items []crosscase.TimelineEvent `json:"items"`
	}
	c.call("GET", path, nil, 200, &tl)
	return tl.Items
}
