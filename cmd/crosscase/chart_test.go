package main

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"

	"crosscase"
)

// TestLinkChart draws the demo's Italy–Albania network through the
// program: its relations and its hit to the German case as nodes and
// edges, a relation made through the API and the page's form, the SVG
// download, and a desk that does not see the case (README, "Link chart").
func TestLinkChart(t *testing.T) {
	p, logins := serveDemo(t)
	it, fr := p.client("it.rossi"), p.client("fr.lefevre")
	id := it.ownCaseID("Albanian")
	var rels struct {
		Items []crosscase.Relation `json:"items"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/relations", id), nil, 200, &rels)
	if len(rels.Items) < 10 {
		t.Fatalf("the demo network has %d relations", len(rels.Items))
	}
	kinds := map[crosscase.RelationKind]int{}
	for _, r := range rels.Items {
		kinds[r.Kind]++
	}
	for _, k := range crosscase.RelationKinds()[:5] { // member of … lives at
		if kinds[k] == 0 {
			t.Errorf("the demo network has no %s relation: %v", k, kinds)
		}
	}
	var ents struct {
		Items []crosscase.Entity `json:"items"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", id), nil, 200, &ents)
	// Each member of a group is the group's member by their own notes.
	byID := map[int64]crosscase.Entity{}
	for _, e := range ents.Items {
		byID[e.ID] = e
	}
	for _, r := range rels.Items {
		if r.Kind != crosscase.RelationMemberOf {
			continue
		}
		group, _, _ := strings.Cut(byID[r.ToID].Name, " (")
		if person := byID[r.FromID]; !strings.Contains(person.Notes, group) {
			t.Errorf("%s %s (%q) charted as a member of the %s", person.GivenName, person.FamilyName, person.Notes, group)
		}
	}
	var a, b int64
	for _, e := range ents.Items {
		if e.Kind == crosscase.KindPerson && a == 0 {
			a = e.ID
		} else if e.Kind == crosscase.KindPerson && b == 0 {
			b = e.ID
		}
	}
	var rel crosscase.Relation
	it.call("POST", fmt.Sprintf("/api/v1/cases/%d/relations", id), map[string]any{"from_id": a, "to_id": b, "kind": "associate_of"}, 201, &rel)
	it.call("POST", fmt.Sprintf("/api/v1/cases/%d/relations", id), map[string]any{"from_id": a, "to_id": b, "kind": "associate_of"}, 409, nil)
	it.call("POST", fmt.Sprintf("/api/v1/cases/%d/relations", id), map[string]any{"from_id": a, "to_id": b, "kind": "cousin_of"}, 422, nil)
	// A file of relations, all or nothing.
	var c3 int64
	for _, e := range ents.Items {
		if e.ID != a && e.ID != b && e.Kind == crosscase.KindPerson {
			c3 = e.ID
		}
	}
	imp := fmt.Sprintf("/api/v1/cases/%d/relations/import", id)
	var before, after struct {
		Items []crosscase.Relation `json:"items"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/relations", id), nil, 200, &before)
	it.callRaw("POST", imp, "text/csv", []byte(fmt.Sprintf("from,to,kind\n%d,%d,owns\n%d,%d,cousin_of\n", a, c3, b, c3)), 422, nil)
	it.callRaw("POST", imp, "text/csv", []byte(fmt.Sprintf("from,to,kind\n%d,%d,owns,extra\n", a, c3)), 422, nil)
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/relations", id), nil, 200, &after)
	if len(after.Items) != len(before.Items) {
		t.Fatalf("a refused file changed the relations: %d → %d", len(before.Items), len(after.Items))
	}
	var imported struct{ Imported int }
	it.callRaw("POST", imp, "text/csv", []byte(fmt.Sprintf("from,to,kind\n%d,%d,associate_of\n%d,%d,associate_of\n", a, c3, b, c3)), 201, &imported)
	if imported.Imported != 2 {
		t.Fatalf("imported %d relations", imported.Imported)
	}
	fr.call("GET", fmt.Sprintf("/api/v1/cases/%d/relations", id), nil, 404, nil)
	fr.call("DELETE", fmt.Sprintf("/api/v1/relations/%d", rel.ID), nil, 404, nil)

	page := p.signIn("it.rossi", logins["it.rossi"])
	status, body := page.get(fmt.Sprintf("/cases/%d/chart", id))
	if status != 200 || !strings.Contains(body, `id="link-chart"`) || !strings.Contains(body, fmt.Sprintf(`id="node-e%d"`, a)) ||
		!strings.Contains(body, "associate of") || !strings.Contains(body, "A case of Germany") || !strings.Contains(body, `class="edge edge-hit"`) {
		t.Fatalf("chart page: %d", status)
	}
	// B an associate of A is the relation A–B already recorded
	// (crosscase.RelationKind.Symmetric): the form refuses it, and
	// records it once A–B is deleted.
	status, _ = page.postForm(fmt.Sprintf("/cases/%d/relations", id), url.Values{"from_id": {fmt.Sprint(b)}, "to_id": {fmt.Sprint(a)}, "kind": {"associate_of"}})
	if status != 409 {
		t.Fatalf("the reverse of a recorded associate through the form: %d", status)
	}
	it.call("DELETE", fmt.Sprintf("/api/v1/relations/%d", rel.ID), nil, 204, nil)
	status, _ = page.postForm(fmt.Sprintf("/cases/%d/relations", id), url.Values{"from_id": {fmt.Sprint(b)}, "to_id": {fmt.Sprint(a)}, "kind": {"associate_of"}})
	if status != 303 {
		t.Fatalf("relate through the form: %d", status)
	}
	res, err := page.client.Get(p.base + fmt.Sprintf("/cases/%d/chart/svg", id))
	if err != nil {
		t.Fatal(err)
	}
	svg, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml; charset=utf-8" || !strings.Contains(string(svg), "<style>") || !strings.Contains(string(svg), "<svg") {
		t.Fatalf("SVG download: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	frPage := p.signIn("fr.lefevre", logins["fr.lefevre"])
	if status, _ := frPage.get(fmt.Sprintf("/cases/%d/chart", id)); status != 404 {
		t.Fatalf("foreign desk's chart: %d", status)
	}
}
