package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"crosscase"
)

// TestSameDocumentHit: the same passport under two clearly different
// names in two desks' cases is a hit of its own kind, shown as a possible
// false or stolen identity (README, "Hits").
func TestSameDocumentHit(t *testing.T) {
	p, logins := serveDemo(t)
	it, fr := p.client("it.rossi"), p.client("fr.lefevre")
	var itCase, frCase struct{ ID int64 }
	it.call("POST", "/api/v1/cases", map[string]any{"title": "Forged passports", "crime_types": []string{"swindling_fraud"}, "opened_on": "2025-03-03"}, 201, &itCase)
	fr.call("POST", "/api/v1/cases", map[string]any{"title": "Marseille car rentals", "crime_types": []string{"swindling_fraud"}, "opened_on": "2025-05-05"}, 201, &frCase)
	it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", itCase.ID), map[string]any{"kind": "person", "role": "suspect",
		"given_name": "Marco", "family_name": "Bianchi", "birth_date": "1970-02-11", "nationality": "IT", "id_number": "YA4417823"}, 201, nil)
	fr.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", frCase.ID), map[string]any{"kind": "person", "role": "suspect",
		"given_name": "Klaus", "family_name": "Wagner", "birth_date": "1981-09-30", "id_number": "YA4417823"}, 201, nil)
	var hits struct {
		Items []crosscase.Hit `json:"items"`
	}
	fr.call("GET", fmt.Sprintf("/api/v1/hits?case_id=%d", frCase.ID), nil, 200, &hits)
	if len(hits.Items) != 1 || hits.Items[0].MatchKind != crosscase.HitSameDocument || hits.Items[0].OtherCountry != "IT" {
		t.Fatalf("French hits: %+v", hits.Items)
	}
	page := p.signIn("fr.lefevre", logins["fr.lefevre"])
	status, body := page.get(fmt.Sprintf("/hits/%d", hits.Items[0].ID))
	if status != 200 || !strings.Contains(body, `id="hit-same-document"`) {
		t.Fatalf("hit page: %d", status)
	}
	// A list checked in bulk says so too.
	var checked struct {
		Hits []struct {
			InputID   string `json:"input_id"`
			MatchKind string `json:"match_kind"`
		} `json:"hits"`
	}
	q := url.Values{"map": {"ref=id,first=given_name,last=family_name,doc=id_number"}}
	fr.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", []byte("ref,first,last,doc\nL-1,Heinz,Schulz,YA4417823\n"), 200, &checked)
	found := false
	for _, h := range checked.Hits {
		found = found || h.InputID == "L-1" && h.MatchKind == crosscase.HitSameDocument
	}
	if !found {
		t.Fatalf("bulk check of the same passport under a third name: %+v", checked.Hits)
	}
}
