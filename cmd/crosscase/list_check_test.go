package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// listCheckHits is the answer of GET /api/v1/check-hits.
type listCheckHits struct {
	Items []struct {
		ID             int64     `json:"id"`
		CheckedAt      time.Time `json:"checked_at"`
		CheckerCountry string    `json:"checker_country"`
		CaseID         int64     `json:"case_id"`
		EntityID       int64     `json:"entity_id"`
		Score          int       `json:"score"`
		Fields         []struct {
			Field string `json:"field"`
			How   string `json:"how"`
		} `json:"fields"`
	} `json:"items"`
}

// TestListCheckHitInTheBinary: a bulk check by the German desk that hits
// an entity of a French case Germany may not see is told to the French
// desk, on its page and through the API, and to no third desk; the rows
// a user checks a day are limited (serve --check-rows-per-day), and the
// demo opens with a list check hit at the French desk — through the
// program users run (README, "Cross-case matching").
func TestListCheckHitInTheBinary(t *testing.T) {
	storeArgs := []string{"--data", t.TempDir()}
	base, out := serve(t, append([]string{"--demo", "--check-rows-per-day", "3"}, storeArgs...)...)
	p := &program{t: t, base: base, storeArgs: storeArgs}
	logins := demoLogins(t, out.String())
	fr, de, pl := p.client("fr.lefevre"), p.client("de.mueller"), p.client("pl.nowak")

	// The demo's Polish check told the French desk.
	var told listCheckHits
	fr.call("GET", "/api/v1/check-hits", nil, 200, &told)
	if len(told.Items) != 1 || told.Items[0].CheckerCountry != "PL" || len(told.Items[0].Fields) == 0 {
		t.Fatalf("the French desk's list check hits on first start: %+v", told.Items)
	}

	var frCase struct{ ID int64 }
	fr.call("POST", "/api/v1/cases", map[string]any{"title": "Lyon cash couriers", "crime_types": []string{"money_laundering"}, "opened_on": "2025-02-03"}, 201, &frCase)
	var courier struct{ ID int64 }
	fr.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", frCase.ID), map[string]any{"kind": "person", "role": "suspect",
		"given_name": "Dragan", "family_name": "Kovačević", "birth_date": "1979-04-21", "nationality": "RS"}, 201, &courier)

	var checked struct {
		Hits []struct {
			OwnerCountry string `json:"owner_country"`
			OwnerTold    bool   `json:"owner_told"`
			CaseID       int64  `json:"case_id"`
		} `json:"hits"`
		OwnersTold int `json:"owners_told"`
	}
	q := url.Values{"map": {"ref=id,name=full_name,dob=birth_date"}}
	de.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", []byte("ref,name,dob\nD-1,Dragan KOVACEVIC,21.04.1979\n"), 200, &checked)
	if len(checked.Hits) != 1 || checked.Hits[0].OwnerCountry != "FR" || !checked.Hits[0].OwnerTold || checked.Hits[0].CaseID != 0 || checked.OwnersTold != 1 {
		t.Fatalf("the German check: %+v", checked)
	}

	// France reads it; Poland and Germany do not.
	fr.call("GET", "/api/v1/check-hits", nil, 200, &told)
	if len(told.Items) != 2 || told.Items[0].CheckerCountry != "DE" || told.Items[0].CaseID != frCase.ID || told.Items[0].EntityID != courier.ID || told.Items[0].Score == 0 {
		t.Fatalf("the French desk's list check hits: %+v", told.Items)
	}
	frID := told.Items[0].ID
	for name, c := range map[string]*apiClient{"pl.nowak": pl, "de.mueller": de} {
		var other listCheckHits
		c.call("GET", "/api/v1/check-hits", nil, 200, &other)
		for _, h := range other.Items {
			if h.EntityID == courier.ID {
				t.Errorf("%s reads the French desk's list check hit", name)
			}
		}
	}
	page := p.signIn("fr.lefevre", logins["fr.lefevre"])
	if status, body := page.get("/check-hits"); status != 200 || !strings.Contains(body, fmt.Sprintf(`id="check-hit-%d"`, frID)) || !strings.Contains(body, "KOVAČEVIĆ, Dragan") {
		t.Fatalf("the French page of list check hits: %d", status)
	}

	// Germany has checked 1 row of 3 today: a list of 3 is refused and
	// checks nothing; one of 2 is checked.
	three := []byte("ref,name,dob\nD-2,Dragan KOVACEVIC,21.04.1980\nD-3,Dragan KOVACEVIC,21.04.1981\nD-4,Dragan KOVACEVIC,21.04.1982\n")
	var problem struct {
		Field  string `json:"field"`
		Detail string `json:"detail"`
	}
	de.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", three, 429, &problem)
	if problem.Field != "body" || !strings.Contains(problem.Detail, "2 more today") {
		t.Fatalf("refusal over the quota: %+v", problem)
	}
	fr.call("GET", "/api/v1/check-hits", nil, 200, &told)
	if len(told.Items) != 2 {
		t.Fatalf("the refused check told France: %+v", told.Items)
	}
	de.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", three[:strings.LastIndex(string(three[:len(three)-1]), "\n")+1], 200, &checked)
	de.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", []byte("ref,name,dob\nD-9,Somebody Else,01.01.1990\n"), 429, nil)
}
