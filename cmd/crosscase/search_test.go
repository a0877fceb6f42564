package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
)

// TestSearch runs `crosscase serve --demo` through Main, on SQLite and on
// PostgreSQL, and searches as the Italian desk: its own person is found
// under another spelling and its phone under another format, while the
// exact names, numbers and reference of a French case it may not see find
// nothing, on the API and on the page (README, "Search").
func TestSearch(t *testing.T) {
	eachStore(t, func(t *testing.T, name string, storeArgs []string) {
		base, out := serve(t, append([]string{"--demo"}, storeArgs...)...)
		logins := demoLogins(t, out.String())
		p := &program{t: t, base: base, storeArgs: storeArgs}
		it, fr, jit := p.client("it.rossi"), p.client("fr.lefevre"), p.client("jit.kovacs")

		var own struct{ ID int64 }
		it.call("POST", "/api/v1/cases", map[string]any{"title": "Bari port heroin", "crime_types": []string{"drug_trafficking"}, "opened_on": "2025-04-02"}, 201, &own)
		var person, phone struct{ ID int64 }
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", own.ID), map[string]any{"kind": "person", "role": "suspect",
			"given_name": "Arbër", "family_name": "Çelaj", "birth_date": "1984-07-12"}, 201, &person)
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", own.ID), map[string]any{"kind": "phone", "role": "suspect", "value": "+355 69 765 4321"}, 201, &phone)

		var found crosscase.SearchResults
		it.call("GET", "/api/v1/search?q="+url.QueryEscape("Arber Celaj"), nil, 200, &found)
		if !hasEntity(found, person.ID) {
			t.Fatalf("own person under another spelling not found: %+v", found.Entities)
		}
		it.call("GET", "/api/v1/search?q="+url.QueryEscape("00355697654321"), nil, 200, &found)
		if !hasEntity(found, phone.ID) {
			t.Fatalf("own phone in another format not found: %+v", found.Entities)
		}
		// A family name alone, as written (a capital outside A–Z, which
		// SQLite's own lower() does not fold), in lower case, and
		// without its diacritics.
		for _, q := range []string{"Çelaj", "çelaj", "Celaj"} {
			it.call("GET", "/api/v1/search?q="+url.QueryEscape(q), nil, 200, &found)
			if !hasEntity(found, person.ID) {
				t.Fatalf("own person not found by the family name %q: %+v", q, found.Entities)
			}
		}

		// A French case the Italian desk does not see, and its people.
		var frCases struct {
			Items []struct {
				ID        int64  `json:"id"`
				Reference string `json:"reference"`
			} `json:"items"`
		}
		fr.call("GET", "/api/v1/cases?scope=owned", nil, 200, &frCases)
		var secretRef string
		var secrets []string
		for _, c := range frCases.Items {
			if it.status("GET", fmt.Sprintf("/api/v1/cases/%d", c.ID)) != 404 {
				continue
			}
			secretRef = c.Reference
			var ents struct {
				Items []crosscase.Entity `json:"items"`
			}
			fr.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", c.ID), nil, 200, &ents)
			for _, e := range ents.Items {
				switch {
				case e.Kind == crosscase.KindPerson && len(secrets) < 4:
					secrets = append(secrets, e.GivenName+" "+e.FamilyName)
				case e.Value != "" && len(secrets) < 6:
					secrets = append(secrets, e.Value)
				}
			}
			break
		}
		if secretRef == "" || len(secrets) < 2 {
			t.Fatalf("no French case hidden from the Italian desk in the demo (%q, %v)", secretRef, secrets)
		}
		for _, q := range append(secrets, secretRef) {
			var res crosscase.SearchResults
			it.call("GET", "/api/v1/search?q="+url.QueryEscape(q), nil, 200, &res)
			for _, m := range res.Entities {
				if m.CaseReference == secretRef {
					t.Fatalf("search %q shows the French case's entity %+v", q, m.Entity)
				}
			}
			for _, c := range res.Cases {
				if c.Reference == secretRef {
					t.Fatalf("search %q shows the French case", q)
				}
			}
			// The French desk finds it, so the query is a real one.
			fr.call("GET", "/api/v1/search?q="+url.QueryEscape(q), nil, 200, &res)
			if len(res.Entities)+len(res.Cases) == 0 {
				t.Fatalf("the French desk does not find its own %q", q)
			}
		}
		page := p.signIn("it.rossi", logins["it.rossi"])
		status, body := page.get("/search?q=" + url.QueryEscape(secrets[0]))
		if status != 200 || strings.Contains(body, secretRef) || strings.Contains(body, `class="search-hit"`) && strings.Contains(body, secrets[0]+"<") {
			t.Fatalf("search page for a French name: %d", status)
		}
		status, body = page.get("/search?q=" + url.QueryEscape("Arber Celaj"))
		if status != 200 || !strings.Contains(body, fmt.Sprintf(`id="found-%d"`, person.ID)) {
			t.Fatalf("search page for an own name: %d\n%s", status, body)
		}
		it.call("GET", "/api/v1/search?q=a", nil, 422, nil)
		it.call("GET", "/api/v1/search", nil, 422, nil)
		jit.call("GET", "/api/v1/search?q=Celaj", nil, 403, nil)

		// Namesakes the Italian desk may not see, more of them than the
		// matcher proposes per reading and closer to the query (names
		// alone, as the query is), do not crowd its own person out.
		var frCase struct{ ID int64 }
		fr.call("POST", "/api/v1/cases", map[string]any{"title": "Marseille port cocaine", "crime_types": []string{"drug_trafficking"}, "opened_on": "2025-05-06"}, 201, &frCase)
		for i := range 40 {
			fr.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", frCase.ID), map[string]any{"kind": "person", "role": "witness",
				"given_name": "Arber", "family_name": "Celaj", "notes": fmt.Sprintf("namesake %d", i)}, 201, nil)
		}
		var later struct{ ID int64 }
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", own.ID), map[string]any{"kind": "person", "role": "suspect",
			"given_name": "Arber", "family_name": "Celaj"}, 201, &later)
		// Spelt as the first person, so that the later one is found by
		// the matcher alone, not by its text.
		it.call("GET", "/api/v1/search?q="+url.QueryEscape("Arbër Çelaj"), nil, 200, &found)
		if !hasEntity(found, person.ID) || !hasEntity(found, later.ID) {
			t.Fatalf("own persons %d and %d crowded out by 40 namesakes in a case the desk does not see: %+v", person.ID, later.ID, found.Entities)
		}
		for _, m := range found.Entities {
			if m.Entity.CaseID == frCase.ID {
				t.Fatalf("search shows an entity of the French case: %+v", m.Entity)
			}
		}
	})
}

func hasEntity(r crosscase.SearchResults, id int64) bool {
	for _, m := range r.Entities {
		if m.Entity.ID == id {
			return true
		}
	}
	return false
}

// status returns the status of a call without a body.
func (c *apiClient) status(method, path string) int {
	c.p.t.Helper()
	req, _ := http.NewRequest(method, c.p.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.p.t.Fatalf("%s %s: %v", method, path, err)
	}
	res.Body.Close()
	return res.StatusCode
}
