package main

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"crosscase"
	"crosscase/match"
)

// TestRetentionErasure runs `crosscase serve` through Main, on SQLite and
// on PostgreSQL, and deletes a case's personal data by a review under
// Art. 29 (README, "Retention and review"). Afterwards no query, hit,
// list check, page, export or the match index snapshot returns the
// deleted person, while the same person in another desk's case is still
// found.
func TestRetentionErasure(t *testing.T) {
	eachStore(t, func(t *testing.T, name string, storeArgs []string) {
		// On PostgreSQL a snapshot is kept only when asked for.
		snap := filepath.Join(t.TempDir(), "ix.snapshot")
		base, out := serve(t, append([]string{"--demo", "--index-snapshot", snap}, storeArgs...)...)
		logins := demoLogins(t, out.String())
		p := &program{t: t, base: base, storeArgs: storeArgs}
		it, fr, analyst := p.client("it.rossi"), p.client("fr.lefevre"), p.client("analyst.conti")

		var itCase, frCase struct {
			ID        int64  `json:"id"`
			Reference string `json:"reference"`
		}
		it.call("POST", "/api/v1/cases", map[string]any{"title": "Split harbour cocaine", "summary": "Zdravko Vukašinović ran the boats.",
			"crime_types": []string{"drug_trafficking"}, "opened_on": "2019-05-13"}, 201, &itCase)
		var person, phone struct{ ID int64 }
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", itCase.ID), map[string]any{"kind": "person", "role": "suspect",
			"given_name": "Zdravko", "family_name": "Vukašinović", "birth_date": "1979-03-02", "nationality": "HR", "id_number": "HR4471902"}, 201, &person)
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", itCase.ID), map[string]any{"kind": "phone", "role": "suspect",
			"value": "+385 91 555 0199"}, 201, &phone)
		fr.call("POST", "/api/v1/cases", map[string]any{"title": "Toulon yacht", "crime_types": []string{"drug_trafficking"}, "opened_on": "2024-02-01"}, 201, &frCase)
		var twin struct{ ID int64 }
		var frBefore, frWithHit, frAfter struct{ New int }
		fr.call("GET", "/api/v1/hits/count", nil, 200, &frBefore)
		fr.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", frCase.ID), map[string]any{"kind": "person", "role": "suspect",
			"given_name": "Zdravko", "family_name": "Vukasinovic", "birth_date": "1979-03-02"}, 201, &twin)
		fr.call("GET", "/api/v1/hits/count", nil, 200, &frWithHit)
		if frWithHit.New != frBefore.New+1 {
			t.Fatalf("no hit between the two cases: %d → %d", frBefore.New, frWithHit.New)
		}

		// The Italian judgment became final more than three years ago:
		// the data are due, and a review decides to delete them now.
		var rec crosscase.CaseRetention
		it.call("PUT", fmt.Sprintf("/api/v1/cases/%d/retention", itCase.ID), map[string]any{"final_decision_on": "2021-02-01"}, 200, &rec)
		if !rec.Due.EraseNow || rec.Due.Ground != crosscase.GroundFinalDecision || rec.Entities != 2 {
			t.Fatalf("retention after the dates: %+v", rec)
		}
		fr.call("PUT", fmt.Sprintf("/api/v1/cases/%d/retention", itCase.ID), map[string]any{}, 404, nil)
		analyst.call("POST", fmt.Sprintf("/api/v1/cases/%d/retention/reviews", itCase.ID), map[string]any{"decision": "delete"}, 403, nil)
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/retention/reviews", itCase.ID), map[string]any{"decision": "delete", "reason": "Judgment final since 2021."}, 201, &rec)
		if rec.Entities != 0 || rec.ErasedGround != crosscase.GroundReview {
			t.Fatalf("retention after the review: %+v", rec)
		}

		// No query returns the person.
		for _, id := range []int64{person.ID, phone.ID} {
			it.call("GET", fmt.Sprintf("/api/v1/entities/%d", id), nil, 404, nil)
		}
		var ents struct{ Items []any }
		it.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", itCase.ID), nil, 200, &ents)
		if len(ents.Items) != 0 {
			t.Fatalf("entities after erasure: %v", ents.Items)
		}
		// No hit: the French desk's hit is gone with the person.
		fr.call("GET", "/api/v1/hits/count", nil, 200, &frAfter)
		if frAfter.New != frBefore.New {
			t.Fatalf("French new hits after erasure: %d, want %d", frAfter.New, frBefore.New)
		}
		// No list check finds the person in the Italian case; the
		// French case's person is still found.
		list := "ref;name;dob\nQ-1;Zdravko Vukasinovic;02.03.1979\nQ-2;+385915550199;\n"
		q := url.Values{"map": {"ref=id,name=full_name,dob=birth_date"}, "separator": {";"}}
		var checked struct {
			Records int            `json:"records"`
			Hits    []checkHitLine `json:"hits"`
		}
		analyst.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", []byte(list), 200, &checked)
		if hasCheckHit(checked.Hits, "Q-1", itCase.Reference) || hasCheckHit(checked.Hits, "Q-2", itCase.Reference) {
			t.Fatalf("the list check still finds the deleted person: %+v", checked.Hits)
		}
		// No page shows the person, nor the case's free text.
		page := p.signIn("it.rossi", logins["it.rossi"])
		if _, body := page.get("/cases?q=Vuka%C5%A1inovi%C4%87"); strings.Contains(body, itCase.Reference) {
			t.Fatal("a search by the person's name still finds the case")
		}
		for _, path := range []string{fmt.Sprintf("/cases/%d", itCase.ID), fmt.Sprintf("/cases/%d/export.csv", itCase.ID),
			"/hits", fmt.Sprintf("/cases/%d/retention", itCase.ID)} {
			status, body := page.get(path)
			if status != 200 || strings.Contains(body, "Vukašinović") || strings.Contains(body, "HR4471902") || strings.Contains(body, "555 0199") {
				t.Fatalf("%s after erasure: %d, shows the person", path, status)
			}
		}
		if _, body := page.get(fmt.Sprintf("/cases/%d/retention", itCase.ID)); !strings.Contains(body, "Judgment final since 2021.") {
			t.Fatal("the retention page does not show the review")
		}
		// The index snapshot was rewritten without the person.
		ix, err := match.LoadSnapshot(snap)
		if err != nil {
			t.Fatalf("the snapshot was not rewritten at the deletion: %v", err)
		}
		bd, _ := crosscase.ParseDate("1979-03-02")
		found := map[int64]bool{}
		for _, c := range ix.Check(match.Record{Kind: crosscase.KindPerson, GivenName: "Zdravko", FamilyName: "Vukašinović", BirthDate: bd}, 20) {
			found[c.EntityID] = true
		}
		if found[person.ID] || !found[twin.ID] {
			t.Fatalf("snapshot candidates %v: want %d, not %d", found, twin.ID, person.ID)
		}
	})
}
