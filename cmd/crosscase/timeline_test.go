package main

import (
	"fmt"
	"regexp"
	"slices"
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
	// Each section sorts: the suspects by date of birth, the instruments
	// by their next deadline (the overdue recognition of the gold robbers'
	// EIO before the surrender decision due in six days).
	_, body := page.get(fmt.Sprintf("/cases/%d?sort=born&all=1", id))
	suspects := body[strings.Index(body, `id="role-suspect"`):]
	suspects = suspects[:strings.Index(suspects, "</table>")]
	born := regexp.MustCompile(`<td class="nowrap">(\d{4}-\d{2}-\d{2})</td>`).FindAllStringSubmatch(suspects, -1)
	if len(born) < 10 || !slices.IsSortedFunc(born, func(a, b []string) int { return strings.Compare(a[1], b[1]) }) {
		t.Errorf("suspects by date of birth: %d dates, sorted %v", len(born), slices.IsSortedFunc(born, func(a, b []string) int { return strings.Compare(a[1], b[1]) }))
	}
	if status, _ := page.get(fmt.Sprintf("/cases/%d?sort=shoe-size", id)); status != 422 {
		t.Fatalf("an unknown order: %d", status)
	}
	gold := it.ownCaseID("Gold")
	_, body = page.get(fmt.Sprintf("/cases/%d?isort=deadline", gold))
	if a, b := strings.Index(body, "OEI 2025/187 Arezzo"), strings.Index(body, "MAE 2025/09 Arezzo"); a < 0 || b < 0 || a > b || strings.Index(body, "MAE 2025/01 Arezzo") < b {
		t.Errorf("instruments by next deadline: OEI at %d, MAE 09 at %d, MAE 01 at %d", a, b, strings.Index(body, "MAE 2025/01 Arezzo"))
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
