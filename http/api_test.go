package http

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/api"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// caseBody is a valid new case; fields may be overridden.
func caseBody(title string, over map[string]any) map[string]any {
	b := map[string]any{
		"title":           title,
		"summary":         "Cross-border investigation.\nSecond line.",
		"asked_countries": []string{"AL"},
		"crime_types":     []string{"drug_trafficking", "money_laundering"},
		"opened_on":       "2025-01-15",
		"victims":         2,
	}
	for k, v := range over {
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
	return b
}

// createCase creates a case through the API and returns it.
func createCase(t *testing.T, c *apiClient, body map[string]any) *crosscase.Case {
	t.Helper()
	var got crosscase.Case
	res := c.post("/api/v1/cases", body)
	res.decode(t, http.StatusCreated, &got)
	if want := "/api/v1/cases/" + strconv.FormatInt(got.ID, 10); res.Header.Get("Location") != want {
		t.Fatalf("Location %q, want %q", res.Header.Get("Location"), want)
	}
	return &got
}

// createEntity adds an entity to a case through the API and returns it.
func createEntity(t *testing.T, c *apiClient, caseID int64, body map[string]any) *crosscase.Entity {
	t.Helper()
	var got crosscase.Entity
	res := c.post(fmt.Sprintf("/api/v1/cases/%d/entities", caseID), body)
	res.decode(t, http.StatusCreated, &got)
	if want := "/api/v1/entities/" + strconv.FormatInt(got.ID, 10); res.Header.Get("Location") != want {
		t.Fatalf("Location %q, want %q", res.Header.Get("Location"), want)
	}
	return &got
}

func TestAPICaseLifecycle(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")

		var me crosscase.User
		it.get("/api/v1/me").decode(t, http.StatusOK, &me)
		if me.ID != it.User.ID || me.Name != "paola" || me.DeskCountry != "IT" {
			t.Fatalf("me = %+v", me)
		}

		c := createCase(t, it, caseBody("Operation Lake", map[string]any{"priority": "empact_drug_trafficking", "financial_damage_eur": 1500000}))
		if c.ID == 0 || c.Version != 1 || c.OwnerCountry != "IT" || c.Access != crosscase.AccessOwner ||
			!strings.HasPrefix(c.Reference, "IT/2025/") || c.Title != "Operation Lake" ||
			!slices.Equal(c.AskedCountries, []string{"AL"}) || c.OpenedOn.String() != "2025-01-15" || c.Status != crosscase.CaseOpen {
			t.Fatalf("created %+v", c)
		}
		path := fmt.Sprintf("/api/v1/cases/%d", c.ID)

		var got crosscase.Case
		it.get(path).decode(t, http.StatusOK, &got)
		if got.Title != c.Title || got.Version != 1 || got.FinancialDamageEUR != 1500000 || got.Priority != "empact_drug_trafficking" ||
			!slices.Equal(got.CrimeTypes, c.CrimeTypes) || got.Summary != c.Summary {
			t.Fatalf("read back %+v", got)
		}

		// An update with the current version changes the case.
		var upd crosscase.Case
		it.patch(path, map[string]any{"version": 1, "status": "closed", "closed_on": "2025-06-30", "asked_countries": []string{"AL", "DE"}}).
			decode(t, http.StatusOK, &upd)
		if upd.Version != 2 || upd.Status != crosscase.CaseClosed || upd.ClosedOn.String() != "2025-06-30" ||
			!slices.Equal(upd.AskedCountries, []string{"AL", "DE"}) || upd.Title != c.Title {
			t.Fatalf("updated %+v", upd)
		}

		// Optimistic concurrency: the old version is refused and changes nothing.
		res := it.patch(path, map[string]any{"version": 1, "title": "Lost update"})
		if p := res.wantProblem(t, http.StatusConflict, ""); p.Code != crosscase.ECONFLICT {
			t.Fatalf("stale version: %+v", p)
		}
		it.patch(path, map[string]any{"version": 3, "title": "Future"}).wantProblem(t, http.StatusConflict, "")
		it.patch(path, map[string]any{"title": "No version"}).wantProblem(t, http.StatusBadRequest, "version")
		it.patch(path, map[string]any{"version": 0, "title": "Zero version"}).wantProblem(t, http.StatusBadRequest, "version")
		it.get(path).decode(t, http.StatusOK, &got)
		if got.Title != "Operation Lake" || got.Version != 2 {
			t.Fatalf("after refused updates: %+v", got)
		}
		// Reopening needs the closing date cleared.
		it.patch(path, map[string]any{"version": 2, "status": "open", "closed_on": ""}).decode(t, http.StatusOK, &got)
		if got.Status != crosscase.CaseOpen || !got.ClosedOn.IsZero() || got.Version != 3 {
			t.Fatalf("reopened %+v", got)
		}

		// Entities.
		person := createEntity(t, it, c.ID, map[string]any{"kind": "person", "role": "suspect", "given_name": "Arben", "family_name": "Hoxha", "birth_date": "1984-03-12", "nationality": "AL"})
		phone := createEntity(t, it, c.ID, map[string]any{"kind": "phone", "value": "+355 69 123 4567", "country": "AL"})
		if person.CaseID != c.ID || person.Version != 1 || person.FamilyName != "Hoxha" || person.BirthDate.String() != "1984-03-12" {
			t.Fatalf("person %+v", person)
		}
		var list server.List[*crosscase.Entity]
		it.get(path+"/entities").decode(t, http.StatusOK, &list)
		if len(list.Items) != 2 || list.NextCursor != "" {
			t.Fatalf("entities %+v", list)
		}
		epath := fmt.Sprintf("/api/v1/entities/%d", person.ID)
		var e crosscase.Entity
		it.get(epath).decode(t, http.StatusOK, &e)
		if e.GivenName != "Arben" || e.Role != crosscase.RoleSuspect {
			t.Fatalf("entity %+v", e)
		}
		it.patch(epath, map[string]any{"version": 1, "role": "witness", "notes": "Seen in Durrës.\nTwice."}).decode(t, http.StatusOK, &e)
		if e.Role != crosscase.RoleWitness || e.Version != 2 || e.Notes != "Seen in Durrës.\nTwice." || e.FamilyName != "Hoxha" {
			t.Fatalf("updated entity %+v", e)
		}
		it.patch(epath, map[string]any{"version": 1, "role": "victim"}).wantProblem(t, http.StatusConflict, "")
		it.patch(epath, map[string]any{"role": "victim"}).wantProblem(t, http.StatusBadRequest, "version")
		it.get(epath).decode(t, http.StatusOK, &e)
		if e.Role != crosscase.RoleWitness || e.Version != 2 {
			t.Fatalf("entity after refused update %+v", e)
		}
		res = it.del(fmt.Sprintf("/api/v1/entities/%d", phone.ID))
		if res.Status != http.StatusNoContent || len(res.Body) != 0 {
			t.Fatalf("delete: %v", res)
		}
		it.get(fmt.Sprintf("/api/v1/entities/%d", phone.ID)).wantProblem(t, http.StatusNotFound, "")
		it.del(fmt.Sprintf("/api/v1/entities/%d", phone.ID)).wantProblem(t, http.StatusNotFound, "")
		it.get(path+"/entities").decode(t, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != person.ID {
			t.Fatalf("entities after delete %+v", list)
		}
		it.get(path).decode(t, http.StatusOK, &got)
		if got.EntityCount != 1 {
			t.Errorf("entity_count = %d, want 1", got.EntityCount)
		}

		// Non-numeric and unknown ids are the same 404.
		for _, p := range []string{"/api/v1/cases/abc", "/api/v1/cases/0", "/api/v1/cases/-1", "/api/v1/cases/999999",
			"/api/v1/entities/x", "/api/v1/entities/999999", "/api/v1/cases/1e3/entities"} {
			if pr := it.get(p).wantProblem(t, http.StatusNotFound, ""); pr.Code != crosscase.ENOTFOUND {
				t.Errorf("%s: %+v", p, pr)
			}
		}

		var cts server.List[crosscase.CrimeType]
		it.get("/api/v1/crime-types").decode(t, http.StatusOK, &cts)
		if len(cts.Items) != len(crosscase.CrimeTypes()) || cts.Items[0] != crosscase.CrimeTypes()[0] {
			t.Errorf("crime types %+v", cts)
		}
		var act server.List[*crosscase.Activity]
		it.get("/api/v1/activity?limit=5").decode(t, http.StatusOK, &act)
		if len(act.Items) == 0 || act.Items[0].CaseID != c.ID {
			t.Errorf("activity %+v", act.Items)
		}
	})
}

// listAll walks every page of path (which has a query string) and
// returns the cases in order, failing on duplicates.
func listAll(t *testing.T, c *apiClient, path string) []*crosscase.Case {
	t.Helper()
	var all []*crosscase.Case
	seen := map[int64]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("more than 1000 pages")
		}
		p := path
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		var page server.List[*crosscase.Case]
		c.get(p).decode(t, http.StatusOK, &page)
		for _, cs := range page.Items {
			if seen[cs.ID] {
				t.Fatalf("%s: case %d on two pages", path, cs.ID)
			}
			seen[cs.ID] = true
			all = append(all, cs)
		}
		if page.NextCursor == "" {
			return all
		}
		if len(page.Items) == 0 {
			t.Fatalf("%s: an empty page with a next cursor", path)
		}
		cursor = page.NextCursor
	}
}

func TestAPICaseFiltersAndPages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		de := ts.apiUser("jonas", crosscase.RoleDeskMember, "DE")
		al := ts.apiUser("elira", crosscase.RoleLiaison, "AL")

		// 27 cases of IT (some asking AL, some DE), 4 of DE asking IT.
		crimes := []string{"drug_trafficking", "cybercrime", "migrant_smuggling"}
		for i := range 27 {
			asked := []string{"AL"}
			if i%3 == 1 {
				asked = []string{"DE"}
			}
			over := map[string]any{
				"asked_countries": asked,
				"crime_types":     []string{crimes[i%3]},
				"opened_on":       fmt.Sprintf("2024-%02d-10", i%12+1),
			}
			if i%4 == 0 {
				over["status"], over["closed_on"] = "closed", "2025-01-31"
			}
			title := fmt.Sprintf("IT case %02d", i)
			if i%5 == 0 {
				title += " ransomware"
			}
			createCase(t, it, caseBody(title, over))
		}
		for i := range 4 {
			createCase(t, de, caseBody(fmt.Sprintf("DE case %d", i), map[string]any{"asked_countries": []string{"IT"}}))
		}

		// Walking all pages gives every visible case once, newest first,
		// whatever the page size.
		full := listAll(t, it, "/api/v1/cases?limit=200")
		if len(full) != 31 {
			t.Fatalf("IT sees %d cases, want 31", len(full))
		}
		for _, limit := range []int{1, 4, 7, 31, 50} {
			got := listAll(t, it, fmt.Sprintf("/api/v1/cases?limit=%d", limit))
			if len(got) != len(full) {
				t.Fatalf("limit %d: %d cases, want %d", limit, len(got), len(full))
			}
			for i := range got {
				if got[i].ID != full[i].ID {
					t.Fatalf("limit %d: position %d is case %d, want %d", limit, i, got[i].ID, full[i].ID)
				}
			}
		}
		for i := 1; i < len(full); i++ {
			if full[i].ID >= full[i-1].ID {
				t.Fatalf("not newest first at %d", i)
			}
		}
		// A page of the default size carries a cursor to the rest.
		var page server.List[*crosscase.Case]
		it.get("/api/v1/cases?limit=10").decode(t, http.StatusOK, &page)
		if len(page.Items) != 10 || page.NextCursor == "" {
			t.Fatalf("first page: %d items, cursor %q", len(page.Items), page.NextCursor)
		}
		it.get("/api/v1/cases?cursor=not-a-cursor").wantProblem(t, http.StatusUnprocessableEntity, "cursor")

		count := func(c *apiClient, q string, keep func(*crosscase.Case) bool) {
			t.Helper()
			got := listAll(t, c, "/api/v1/cases?limit=6&"+q)
			all := listAll(t, c, "/api/v1/cases?limit=200")
			want := 0
			for _, cs := range all {
				if keep(cs) {
					want++
				}
			}
			for _, cs := range got {
				if !keep(cs) {
					t.Errorf("?%s returned case %d (%s), which does not match", q, cs.ID, cs.Title)
				}
			}
			if len(got) != want || want == 0 {
				t.Errorf("?%s: %d cases, want %d (of %d)", q, len(got), want, len(all))
			}
		}
		count(it, "status=closed", func(c *crosscase.Case) bool { return c.Status == crosscase.CaseClosed })
		count(it, "status=open", func(c *crosscase.Case) bool { return c.Status == crosscase.CaseOpen })
		count(it, "crime_type=cybercrime", func(c *crosscase.Case) bool { return slices.Contains(c.CrimeTypes, "cybercrime") })
		count(it, "country=DE", func(c *crosscase.Case) bool { return c.OwnerCountry == "DE" || slices.Contains(c.AskedCountries, "DE") })
		count(it, "scope=owned", func(c *crosscase.Case) bool { return c.OwnerCountry == "IT" })
		count(it, "scope=asked", func(c *crosscase.Case) bool { return c.OwnerCountry == "DE" })
		count(it, "opened_from=2024-03-01&opened_to=2024-05-31", func(c *crosscase.Case) bool {
			return c.OpenedOn.String() >= "2024-03-01" && c.OpenedOn.String() <= "2024-05-31"
		})
		count(it, "q=ransomware&status=closed", func(c *crosscase.Case) bool {
			return strings.Contains(c.Title, "ransomware") && c.Status == crosscase.CaseClosed
		})
		count(it, "scope=owned&country=AL&crime_type=drug_trafficking", func(c *crosscase.Case) bool {
			return c.OwnerCountry == "IT" && slices.Contains(c.AskedCountries, "AL") && slices.Contains(c.CrimeTypes, "drug_trafficking")
		})

		// Need to know holds in lists: AL sees only the cases asking AL,
		// DE its own and those asking DE.
		count(al, "", func(c *crosscase.Case) bool { return slices.Contains(c.AskedCountries, "AL") })
		for _, cs := range listAll(t, al, "/api/v1/cases?limit=200") {
			if cs.Access != crosscase.AccessAsked {
				t.Errorf("AL sees case %d with access %q", cs.ID, cs.Access)
			}
		}
		if n := len(listAll(t, de, "/api/v1/cases?limit=200")); n != 4+9 {
			t.Errorf("DE sees %d cases, want 13", n)
		}

		// Bad filters are refused, naming the parameter.
		for q, field := range map[string]string{
			"country=it": "country", "country=XX": "country", "crime_type=shoplifting": "crime_type", "status=pending": "status",
			"scope=everything": "scope", "priority=urgent": "priority", "limit=500": "limit", "limit=0": "limit",
			"limit=x": "limit", "opened_from=2025-02-30": "opened_from", "opened_to=31.12.2024": "opened_to",
			"opened_from=2025-03-01&opened_to=2025-01-01": "opened_to", "contry=IT": "contry", "status=open&status=closed": "status",
			"q=" + strings.Repeat("x", 201): "q",
		} {
			res := it.get("/api/v1/cases?" + q)
			if res.Status != http.StatusBadRequest && res.Status != http.StatusUnprocessableEntity {
				t.Errorf("?%s: %v", q, res)
				continue
			}
			if p := res.problem(t); p.Field != field || p.Code != crosscase.EINVALID {
				t.Errorf("?%s: %+v, want field %s", q, p, field)
			}
		}
	})
}

// snapshot is everything the owner can see, to compare before and after
// refused requests.
func snapshot(t *testing.T, owner *apiClient, caseID int64) string {
	t.Helper()
	var b strings.Builder
	for _, p := range []string{"/api/v1/cases?limit=200", fmt.Sprintf("/api/v1/cases/%d", caseID),
		fmt.Sprintf("/api/v1/cases/%d/entities", caseID), fmt.Sprintf("/api/v1/cases/%d/grants", caseID), "/api/v1/hits"} {
		res := owner.get(p)
		if res.Status != http.StatusOK {
			t.Fatalf("snapshot: %v", res)
		}
		b.Write(res.Body)
	}
	return b.String()
}

func TestAPIBadInputChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		c := createCase(t, it, caseBody("Operation Lake", nil))
		person := createEntity(t, it, c.ID, map[string]any{"kind": "person", "family_name": "Hoxha"})
		before := snapshot(t, it, c.ID)
		casePath := fmt.Sprintf("/api/v1/cases/%d", c.ID)
		entPath := fmt.Sprintf("/api/v1/entities/%d", person.ID)
		entsPath := casePath + "/entities"

		huge := `{"title":"` + strings.Repeat("a", server.MaxBodyBytes) + `","crime_types":["other"],"opened_on":"2025-01-01"}`
		for _, tc := range []struct {
			name, method, path string
			body               string
			ct                 string
			status             int
			field              string
		}{
			{"malformed JSON", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],`, "", 400, "body"},
			{"malformed value", "POST", "/api/v1/cases", `{"title":"x","victims":12a}`, "", 400, "victims"},
			{"empty body", "POST", "/api/v1/cases", ``, "", 400, "body"},
			{"array body", "POST", "/api/v1/cases", `[{"title":"x"}]`, "", 400, "body"},
			{"trailing data", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-01-01"}{"title":"y"}`, "", 400, "body"},
			{"over 1 MiB", "POST", "/api/v1/cases", huge, "", 413, "body"},
			{"over 1 MiB update", "PATCH", casePath, `{"version":1,"summary":"` + strings.Repeat("b", server.MaxBodyBytes) + `"}`, "", 413, "body"},
			{"not JSON", "POST", "/api/v1/cases", `title=x`, "application/x-www-form-urlencoded", 415, "Content-Type"},
			{"wrong type number", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-01-01","victims":"many"}`, "", 400, "victims"},
			{"wrong type string", "POST", "/api/v1/cases", `{"title":42,"crime_types":["other"],"opened_on":"2025-01-01"}`, "", 400, "title"},
			{"wrong type list", "POST", "/api/v1/cases", `{"title":"x","crime_types":"other","opened_on":"2025-01-01"}`, "", 400, "crime_types"},
			{"wrong element type", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"asked_countries":["AL",7],"opened_on":"2025-01-01"}`, "", 400, "asked_countries[1]"},
			{"unknown field", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-01-01","owner_desk_id":99}`, "", 400, "owner_desk_id"},
			{"unknown field in update", "PATCH", casePath, `{"version":1,"reference":"DE/2025/1"}`, "", 400, "reference"},
			{"field in wrong case", "POST", "/api/v1/cases", `{"Title":"x","crime_types":["other"],"opened_on":"2025-01-01"}`, "", 400, "Title"},
			{"unknown country", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-01-01","asked_countries":["AL","QZ"]}`, "", 422, "asked_countries[1]"},
			{"malformed country", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-01-01","asked_countries":["al"]}`, "", 422, "asked_countries[0]"},
			{"unknown country in update", "PATCH", casePath, `{"version":1,"asked_countries":["QZ"]}`, "", 422, "asked_countries[0]"},
			{"unknown crime type", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other","jaywalking"],"opened_on":"2025-01-01"}`, "", 422, "crime_types[1]"},
			{"unknown crime type in update", "PATCH", casePath, `{"version":1,"crime_types":["jaywalking"]}`, "", 422, "crime_types[0]"},
			{"closed before opened", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-03-01","closed_on":"2025-02-01","status":"closed"}`, "", 422, "closed_on"},
			{"closed before opened in update", "PATCH", casePath, `{"version":1,"status":"closed","closed_on":"2024-12-31"}`, "", 422, "closed_on"},
			{"impossible date", "POST", "/api/v1/cases", `{"title":"x","crime_types":["other"],"opened_on":"2025-02-30"}`, "", 400, "opened_on"},
			{"impossible date in update", "PATCH", casePath, `{"version":1,"opened_on":"2025-04-31"}`, "", 400, "opened_on"},
			{"impossible birth date", "POST", entsPath, `{"kind":"person","family_name":"X","birth_date":"2023-02-29"}`, "", 400, "birth_date"},
			{"invalid UTF-8", "POST", "/api/v1/cases", "{\"title\":\"Operaci\xf3n\",\"crime_types\":[\"other\"],\"opened_on\":\"2025-01-01\"}", "", 400, "title"},
			{"invalid UTF-8 in entity", "PATCH", entPath, "{\"version\":1,\"family_name\":\"Ho\xe7ha\"}", "", 400, "family_name"},
			{"lone surrogate", "POST", "/api/v1/cases", `{"title":"x\udc00","crime_types":["other"],"opened_on":"2025-01-01"}`, "", 400, "title"},
			{"control character in title", "POST", "/api/v1/cases", `{"title":"Operation\u0007Lake","crime_types":["other"],"opened_on":"2025-01-01"}`, "", 422, "title"},
			{"newline in title", "PATCH", casePath, `{"version":1,"title":"two\nlines"}`, "", 422, "title"},
			{"bidi override in name", "POST", entsPath, `{"kind":"person","family_name":"Hox\u202eha"}`, "", 422, "family_name"},
			{"NUL in name", "POST", entsPath, `{"kind":"person","given_name":"A\u0000","family_name":"B"}`, "", 422, "given_name"},
			{"control character in entity update", "PATCH", entPath, `{"version":1,"given_name":"Ar\u001bben"}`, "", 422, "given_name"},
			{"duplicate key", "POST", "/api/v1/cases", `{"title":"x","title":"y","crime_types":["other"],"opened_on":"2025-01-01"}`, "", 400, "title"},
			{"duplicate key in update", "PATCH", casePath, `{"version":1,"version":2}`, "", 400, "version"},
			{"duplicate key in entity", "POST", entsPath, `{"kind":"person","family_name":"A","family_name":"B"}`, "", 400, "family_name"},
			{"unknown entity kind", "POST", entsPath, `{"kind":"spaceship","value":"x"}`, "", 422, "kind"},
			{"bad IBAN", "POST", entsPath, `{"kind":"iban","value":"DE00 0000 0000 0000 0000 00"}`, "", 422, "value"},
			{"entity of unknown nationality", "POST", entsPath, `{"kind":"person","family_name":"A","nationality":"QZ"}`, "", 422, "nationality"},
			{"entity id in body", "POST", entsPath, `{"kind":"person","family_name":"A","case_id":1}`, "", 400, "case_id"},
			{"missing version", "PATCH", entPath, `{"role":"victim"}`, "", 400, "version"},
			{"grant to no desk", "POST", casePath + "/grants", `{"desk_id":0}`, "", 422, "desk_id"},
			{"grant to unknown desk", "POST", casePath + "/grants", `{"desk_id":999999}`, "", 422, "desk_id"},
			{"grant with wrong type", "POST", casePath + "/grants", `{"desk_id":"DE"}`, "", 400, "desk_id"},
			{"method the case does not take", "PUT", casePath, `{"version":1,"title":"x"}`, "", 405, ""},
			{"delete a case", "DELETE", casePath, ``, "", 405, ""},
		} {
			headers := []string{}
			if tc.ct != "" {
				headers = append(headers, "Content-Type: "+tc.ct)
			}
			res := it.do(tc.method, tc.path, tc.body, headers...)
			if res.Status != tc.status {
				t.Errorf("%s: %v; want %d", tc.name, res, tc.status)
				continue
			}
			p := res.problem(t)
			if p.Field != tc.field || p.Code == "" {
				t.Errorf("%s: %+v; want field %q", tc.name, p, tc.field)
			}
			if tc.status == http.StatusMethodNotAllowed && res.Header.Get("Allow") != "GET, PATCH" {
				t.Errorf("%s: Allow %q, want the case's methods", tc.name, res.Header.Get("Allow"))
			}
			if after := snapshot(t, it, c.ID); after != before {
				t.Fatalf("%s changed the data:\nbefore %s\nafter  %s", tc.name, before, after)
			}
		}
	})
}

// needToKnowFixture is a case owned by IT asking AL, with entities, one
// of which is in a hit with an entity of a French case.
type needToKnowFixture struct {
	ts       *testServer
	owner    *apiClient // IT desk member
	c        *crosscase.Case
	entities []*crosscase.Entity
	deDesk   *crosscase.Desk
	hitID    int64
}

func newNeedToKnowFixture(t *testing.T, db *sqldb.DB) *needToKnowFixture {
	ts := newTestServer(t, db)
	owner := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
	c := createCase(t, owner, caseBody("Operation Needle", map[string]any{"summary": "Heroin route Durrës–Bari"}))
	f := &needToKnowFixture{ts: ts, owner: owner, c: c, deDesk: ts.desk("DE", crosscase.DeskNational)}
	f.entities = append(f.entities,
		createEntity(t, owner, c.ID, map[string]any{"kind": "person", "role": "suspect", "given_name": "Arben", "family_name": "Zeqiri", "nationality": "AL"}),
		createEntity(t, owner, c.ID, map[string]any{"kind": "phone", "value": "+355 69 765 4321"}))
	// FR has the same phone; the live check records the hit as FR writes it.
	fr := ts.user("fr-member", crosscase.RoleDeskMember, "FR")
	frCase := ts.pageNewCase(fr, &crosscase.Case{Title: "Opération Aiguille", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: c.OpenedOn})
	ts.pageNewEntity(fr, &crosscase.Entity{CaseID: frCase.ID, Kind: crosscase.KindPhone, Value: "+355 69 765 4321"})
	hits, _, err := db.FindHits(userContext(owner.User), crosscase.HitFilter{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("the owner's hits: %v %v", hits, err)
	}
	f.hitID = hits[0].ID
	return f
}

// secrets are strings of the case that must never reach an outsider.
func (f *needToKnowFixture) secrets() []string {
	return []string{f.c.Title, f.c.Reference, "Durrës", "Zeqiri", "Arben", "765 4321"}
}

// call is one request of the walk.
type call struct {
	method, path string
	body         any
}

// walk returns every case, entity and grant endpoint for the case, its
// entities and the DE desk.
func (f *needToKnowFixture) walk() []call {
	cp := fmt.Sprintf("/api/v1/cases/%d", f.c.ID)
	calls := []call{
		{"GET", cp, nil},
		{"PATCH", cp, map[string]any{"version": f.c.Version, "title": "Taken over"}},
		{"GET", cp + "/grants", nil},
		{"GET", cp + "/export", nil},
		{"POST", cp + "/grants", map[string]any{"desk_id": f.deDesk.ID}},
		{"DELETE", cp + "/grants/" + strconv.FormatInt(f.deDesk.ID, 10), nil},
		{"GET", cp + "/entities", nil},
		{"POST", cp + "/entities", map[string]any{"kind": "person", "family_name": "Planted"}},
	}
	for _, e := range f.entities {
		ep := fmt.Sprintf("/api/v1/entities/%d", e.ID)
		calls = append(calls,
			call{"GET", ep, nil},
			call{"PATCH", ep, map[string]any{"version": e.Version, "notes": "changed"}},
			call{"DELETE", ep, nil})
	}
	hp := fmt.Sprintf("/api/v1/hits/%d", f.hitID)
	return append(calls,
		call{"GET", hp, nil},
		call{"POST", hp + "/decision", map[string]any{"status": "dismissed"}})
}

// missing returns the same walk for ids that do not exist.
func missingWalk(deskID int64) []call {
	return []call{
		{"GET", "/api/v1/cases/987654", nil},
		{"PATCH", "/api/v1/cases/987654", map[string]any{"version": 1, "title": "x"}},
		{"GET", "/api/v1/cases/987654/grants", nil},
		{"GET", "/api/v1/cases/987654/export", nil},
		{"POST", "/api/v1/cases/987654/grants", map[string]any{"desk_id": deskID}},
		{"DELETE", "/api/v1/cases/987654/grants/" + strconv.FormatInt(deskID, 10), nil},
		{"GET", "/api/v1/cases/987654/entities", nil},
		{"POST", "/api/v1/cases/987654/entities", map[string]any{"kind": "person", "family_name": "Planted"}},
		{"GET", "/api/v1/entities/987654", nil},
		{"PATCH", "/api/v1/entities/987654", map[string]any{"version": 1, "notes": "changed"}},
		{"DELETE", "/api/v1/entities/987654", nil},
		{"GET", "/api/v1/hits/987654", nil},
		{"POST", "/api/v1/hits/987654/decision", map[string]any{"status": "dismissed"}},
	}
}

// wantHidden checks every call of the walk is a 404 that says no more
// than the 404 for a case that does not exist, and shows nothing.
func (f *needToKnowFixture) wantHidden(t *testing.T, who *apiClient) {
	t.Helper()
	// What a caller gets for ids that do not exist, by method and kind.
	missing := map[string]server.Problem{}
	for _, m := range missingWalk(f.deDesk.ID) {
		res := who.do(m.method, m.path, m.body)
		missing[m.method+" "+shape(m.path)] = res.wantProblem(t, http.StatusNotFound, "")
	}
	for _, cl := range f.walk() {
		res := who.do(cl.method, cl.path, cl.body)
		if res.Status != http.StatusNotFound {
			t.Errorf("%s (%s): %v; want 404", who.User.Name, who.User.Role, res)
			continue
		}
		p := res.problem(t)
		if p.Code != crosscase.ENOTFOUND {
			t.Errorf("%s: %+v", res.req, p)
		}
		for _, s := range f.secrets() {
			if strings.Contains(string(res.Body), s) {
				t.Errorf("%s as %s shows %q: %s", res.req, who.User.Name, s, res.Body)
			}
		}
		if want := missing[cl.method+" "+shape(cl.path)]; p != want {
			t.Errorf("%s as %s: %+v differs from the answer for a missing id %+v", res.req, who.User.Name, p, want)
		}
	}
	// Side doors: lists, search, counts and activity.
	var list server.List[*crosscase.Case]
	for _, q := range []string{"", "?q=needle", "?q=" + url.QueryEscape(f.c.Reference), "?country=IT", "?country=AL", "?scope=asked"} {
		who.get("/api/v1/cases"+q).decode(t, http.StatusOK, &list)
		for _, cs := range list.Items {
			if cs.ID == f.c.ID {
				t.Errorf("%s lists the case with %q", who.User.Name, q)
			}
		}
	}
	var act server.List[*crosscase.Activity]
	who.get("/api/v1/activity?limit=100").decode(t, http.StatusOK, &act)
	for _, a := range act.Items {
		if a.CaseID == f.c.ID {
			t.Errorf("%s sees activity on the case: %+v", who.User.Name, a)
		}
	}
	var hits server.List[*crosscase.Hit]
	for _, q := range []string{"", fmt.Sprintf("?case_id=%d", f.c.ID), "?status=new"} {
		who.get("/api/v1/hits"+q).decode(t, http.StatusOK, &hits)
		if len(hits.Items) != 0 {
			t.Errorf("%s lists hits with %q: %+v", who.User.Name, q, hits.Items)
		}
	}
	var count api.HitCountResponse
	who.get("/api/v1/hits/count").decode(t, http.StatusOK, &count)
	if count.New != 0 {
		t.Errorf("%s counts %d new hits", who.User.Name, count.New)
	}
}

// wantRefused checks that who is refused every case route and side door
// with the same 403, for an existing id as for a missing one, showing
// nothing of the case.
func (f *needToKnowFixture) wantRefused(t *testing.T, who *apiClient) {
	t.Helper()
	var first *server.Problem
	check := func(res *apiResponse) {
		t.Helper()
		p := res.wantProblem(t, http.StatusForbidden, "")
		if first == nil {
			first = &p
		} else if p != *first {
			t.Errorf("%s as %s: %+v differs from %+v", res.req, who.User.Name, p, *first)
		}
		for _, s := range f.secrets() {
			if strings.Contains(string(res.Body), s) {
				t.Errorf("%s as %s shows %q: %s", res.req, who.User.Name, s, res.Body)
			}
		}
	}
	for _, m := range missingWalk(f.deDesk.ID) {
		check(who.do(m.method, m.path, m.body))
	}
	for _, cl := range f.walk() {
		check(who.do(cl.method, cl.path, cl.body))
	}
	for _, p := range []string{"/api/v1/cases", "/api/v1/cases?q=needle", "/api/v1/activity", "/api/v1/hits", "/api/v1/hits/count", "/api/v1/search?q=needle"} {
		check(who.get(p))
	}
}

// shape replaces the numbers of a path, so that the answers for an
// existing and a missing id can be paired.
func shape(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if _, err := strconv.Atoi(s); err == nil {
			parts[i] = "N"
		}
	}
	return strings.Join(parts, "/")
}

func TestAPINeedToKnow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newNeedToKnowFixture(t, db)
		ts, cp := f.ts, fmt.Sprintf("/api/v1/cases/%d", f.c.ID)
		before := snapshot(t, f.owner, f.c.ID)

		// Every role of a foreign desk (DE) gets 404 everywhere; a contact
		// point, whose account reaches only notices, 403 everywhere.
		for _, role := range crosscase.Roles() {
			t.Run("DE "+string(role), func(t *testing.T) {
				desk := "DE"
				if role == crosscase.RoleContactPoint {
					desk = "CH" // a contact point's own desk, not Germany's national desk
				}
				who := ts.apiUser("de-"+strings.ReplaceAll(string(role), "_", "-"), role, desk)
				if role == crosscase.RoleContactPoint {
					f.wantRefused(t, who)
					// The directory of authorities, whom to address: yes;
					// the list of desks: no.
					who.get("/api/v1/authorities").decode(t, http.StatusOK, &server.List[*crosscase.Authority]{})
					who.get("/api/v1/desks").wantProblem(t, http.StatusForbidden, "")
					return
				}
				f.wantHidden(t, who)
			})
		}
		// Statistics and administrators of the owner desk see no case content.
		for _, role := range []crosscase.Role{crosscase.RoleStatistics, crosscase.RoleAdministrator} {
			t.Run("IT "+string(role), func(t *testing.T) {
				f.wantHidden(t, ts.apiUser("it-"+string(role), role, "IT"))
			})
		}
		// An administrator without a desk neither.
		t.Run("administrator without desk", func(t *testing.T) {
			f.wantHidden(t, ts.apiUser("root", crosscase.RoleAdministrator, ""))
		})
		if after := snapshot(t, f.owner, f.c.ID); after != before {
			t.Fatalf("the walk changed the case:\nbefore %s\nafter  %s", before, after)
		}

		// The asked desk (AL) reads but does not write.
		al := ts.apiUser("elira", crosscase.RoleLiaison, "AL")
		var got crosscase.Case
		al.get(cp).decode(t, http.StatusOK, &got)
		if got.Access != crosscase.AccessAsked || got.Title != f.c.Title {
			t.Fatalf("AL reads %+v", got)
		}
		var ents server.List[*crosscase.Entity]
		al.get(cp+"/entities").decode(t, http.StatusOK, &ents)
		if len(ents.Items) != len(f.entities) {
			t.Fatalf("AL sees %d entities", len(ents.Items))
		}
		var e crosscase.Entity
		al.get(fmt.Sprintf("/api/v1/entities/%d", f.entities[0].ID)).decode(t, http.StatusOK, &e)
		var grants server.List[*crosscase.CaseGrant]
		al.get(cp+"/grants").decode(t, http.StatusOK, &grants)
		for _, cl := range f.walk() {
			// Being asked in a case is no way into its hits: they are the
			// two owning desks' only.
			if strings.HasPrefix(cl.path, "/api/v1/hits/") {
				al.do(cl.method, cl.path, cl.body).wantProblem(t, http.StatusNotFound, "")
				continue
			}
			if cl.method == "GET" {
				continue
			}
			if p := al.do(cl.method, cl.path, cl.body).wantProblem(t, http.StatusForbidden, ""); p.Code != crosscase.EFORBIDDEN {
				t.Errorf("AL %s %s: %+v", cl.method, cl.path, p)
			}
		}
		// An analyst of the asked desk reads too, and does not write either.
		alAnalyst := ts.apiUser("al-analyst", crosscase.RoleAnalyst, "AL")
		alAnalyst.get(cp).decode(t, http.StatusOK, &got)
		alAnalyst.patch(cp, map[string]any{"version": f.c.Version, "title": "x"}).wantProblem(t, http.StatusForbidden, "")
		if after := snapshot(t, f.owner, f.c.ID); after != before {
			t.Fatalf("AL changed the case:\nbefore %s\nafter  %s", before, after)
		}

		// A granted desk reads after the grant, and not after the revoke.
		de := ts.apiUser("jonas", crosscase.RoleDeskMember, "DE")
		de.get(cp).wantProblem(t, http.StatusNotFound, "")
		var g crosscase.CaseGrant
		res := f.owner.post(cp+"/grants", map[string]any{"desk_id": f.deDesk.ID})
		res.decode(t, http.StatusCreated, &g)
		if g.CaseID != f.c.ID || g.DeskID != f.deDesk.ID || g.GrantedBy != f.owner.User.ID ||
			res.Header.Get("Location") != fmt.Sprintf("%s/grants/%d", cp, f.deDesk.ID) {
			t.Fatalf("grant %+v, Location %q", g, res.Header.Get("Location"))
		}
		de.get(cp).decode(t, http.StatusOK, &got)
		if got.Access != crosscase.AccessGranted {
			t.Errorf("DE access %q, want granted", got.Access)
		}
		de.get(cp+"/entities").decode(t, http.StatusOK, &ents)
		if len(ents.Items) != len(f.entities) {
			t.Errorf("granted DE sees %d entities", len(ents.Items))
		}
		de.patch(cp, map[string]any{"version": got.Version, "title": "x"}).wantProblem(t, http.StatusForbidden, "")
		de.post(cp+"/grants", map[string]any{"desk_id": f.deDesk.ID}).wantProblem(t, http.StatusForbidden, "")
		f.owner.get(cp+"/grants").decode(t, http.StatusOK, &grants)
		if len(grants.Items) != 1 || grants.Items[0].DeskID != f.deDesk.ID {
			t.Fatalf("grants %+v", grants.Items)
		}
		if res := f.owner.del(fmt.Sprintf("%s/grants/%d", cp, f.deDesk.ID)); res.Status != http.StatusNoContent {
			t.Fatalf("revoke: %v", res)
		}
		f.owner.del(fmt.Sprintf("%s/grants/%d", cp, f.deDesk.ID)).wantProblem(t, http.StatusNotFound, "")
		f.wantHidden(t, de)

		// Without a token: 401, whatever the id.
		anon := ts.anonymous()
		for _, cl := range append(f.walk(), missingWalk(f.deDesk.ID)...) {
			res := anon.do(cl.method, cl.path, cl.body)
			if p := res.wantProblem(t, http.StatusUnauthorized, ""); p.Code != crosscase.EUNAUTHORIZED {
				t.Errorf("anonymous %s: %+v", res.req, p)
			}
		}
		bad := ts.anonymous()
		bad.Token = "not-a-token"
		bad.get(cp).wantProblem(t, http.StatusUnauthorized, "")

		if after := snapshot(t, f.owner, f.c.ID); after != before {
			t.Fatalf("the case changed:\nbefore %s\nafter  %s", before, after)
		}
	})
}

func TestAPIAuditRecordsReads(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		admin := ts.apiUser("root", crosscase.RoleAdministrator, "")
		c := createCase(t, it, caseBody("Operation Ledger", nil))

		const reason = "Preparing the coordination meeting of 12 May"
		res := it.do("GET", fmt.Sprintf("/api/v1/cases/%d", c.ID), nil, "X-Crosscase-Reason: "+reason)
		if res.Status != http.StatusOK {
			t.Fatal(res)
		}

		var log server.List[*crosscase.AuditEntry]
		admin.get(fmt.Sprintf("/api/v1/audit?case_id=%d&action=read", c.ID)).decode(t, http.StatusOK, &log)
		var found *crosscase.AuditEntry
		for _, e := range log.Items {
			if e.Reason == reason {
				found = e
			}
		}
		if found == nil {
			t.Fatalf("no read with the reason in %+v", log.Items)
		}
		if found.UserID != it.User.ID || found.UserName != "paola" || found.CaseID != c.ID || found.ObjectType != "case" ||
			found.RemoteAddr != "127.0.0.1" || found.Action != crosscase.ActionRead || found.Hash == "" {
			t.Errorf("audit entry %+v", found)
		}

		// A reason goes into the log as given, so it must be one line of text.
		before := len(listAll(t, it, "/api/v1/cases?limit=200"))
		// The same rule, crosscase.CheckAuditReason, for the header and for
		// a page form's reason field.
		page := ts.pageSignIn(it.User)
		for _, bad := range []string{"tab\there", strings.Repeat("r", crosscase.MaxAuditReasonLength+1), "bad \xff byte"} {
			res := it.do("GET", fmt.Sprintf("/api/v1/cases/%d", c.ID), nil, "X-Crosscase-Reason: "+bad)
			res.wantProblem(t, http.StatusBadRequest, "X-Crosscase-Reason")
			it.do("POST", "/api/v1/cases", caseBody("With a bad reason", nil), "X-Crosscase-Reason: "+bad).
				wantProblem(t, http.StatusBadRequest, "X-Crosscase-Reason")
			res2 := page.postCSRF("/cases", url.Values{"title": {"With a bad reason"}, "crime_types": {"cybercrime"}, "opened_on": {"2025-05-13"}, "reason": {bad}})
			res2.wantStatus(http.StatusUnprocessableEntity)
			if !strings.Contains(strings.ToLower(res2.summary()), "reason") {
				t.Errorf("page form with reason %q: the answer does not name the field", bad)
			}
		}
		if after := len(listAll(t, it, "/api/v1/cases?limit=200")); after != before {
			t.Errorf("a request with a bad reason created a case: %d → %d", before, after)
		}

		// Paging the log: newest first, no entry twice.
		seen := map[int64]bool{}
		prev := int64(-1)
		cursor := ""
		for range 100 {
			p := "/api/v1/audit?limit=2"
			if cursor != "" {
				p += "&cursor=" + url.QueryEscape(cursor)
			}
			var page server.List[*crosscase.AuditEntry]
			admin.get(p).decode(t, http.StatusOK, &page)
			for _, e := range page.Items {
				if seen[e.Seq] || (prev >= 0 && e.Seq >= prev) {
					t.Fatalf("audit page order: %d after %d", e.Seq, prev)
				}
				seen[e.Seq], prev = true, e.Seq
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if len(seen) < 3 {
			t.Errorf("walked only %d entries", len(seen))
		}

		var rep crosscase.AuditReport
		admin.get("/api/v1/audit/verify").decode(t, http.StatusOK, &rep)
		if !rep.OK || rep.Entries < int64(len(seen)) {
			t.Errorf("verify %+v", rep)
		}

		// Only administrators read the log; the refusal is recorded.
		it.get("/api/v1/audit").wantProblem(t, http.StatusForbidden, "")
		it.get("/api/v1/audit?from=yesterday").wantProblem(t, http.StatusForbidden, "")
		it.get("/api/v1/audit/verify").wantProblem(t, http.StatusForbidden, "")
		admin.get(fmt.Sprintf("/api/v1/audit?user_id=%d&action=refuse", it.User.ID)).decode(t, http.StatusOK, &log)
		if len(log.Items) < 3 {
			t.Errorf("refusals recorded: %+v", log.Items)
		}
		admin.get("/api/v1/audit?from=2025-02-30").wantProblem(t, http.StatusBadRequest, "from")
		admin.get("/api/v1/audit?case_id=x").wantProblem(t, http.StatusBadRequest, "case_id")
		admin.get("/api/v1/audit?limit=501").wantProblem(t, http.StatusBadRequest, "limit")
	})
}

func TestAPIAdministration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		admin := ts.apiUser("root", crosscase.RoleAdministrator, "")
		member := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")

		// Desks.
		var d crosscase.Desk
		res := admin.post("/api/v1/desks", map[string]any{"country_code": "FR", "kind": "national_desk", "name": "France"})
		res.decode(t, http.StatusCreated, &d)
		if d.ID == 0 || res.Header.Get("Location") != fmt.Sprintf("/api/v1/desks/%d", d.ID) {
			t.Fatalf("desk %+v %v", d, res)
		}
		admin.post("/api/v1/desks", map[string]any{"country_code": "FR", "kind": "national_desk", "name": "Again"}).wantProblem(t, http.StatusConflict, "")
		member.post("/api/v1/desks", map[string]any{"country_code": "ES", "kind": "national_desk", "name": "Spain"}).wantProblem(t, http.StatusForbidden, "")
		admin.post("/api/v1/desks", map[string]any{"country_code": "QZ", "kind": "national_desk", "name": "Nowhere"}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		admin.patch(fmt.Sprintf("/api/v1/desks/%d", d.ID), map[string]any{"version": d.Version, "name": "Desk of France"}).decode(t, http.StatusOK, &d)
		if d.Name != "Desk of France" {
			t.Errorf("desk %+v", d)
		}
		admin.patch(fmt.Sprintf("/api/v1/desks/%d", d.ID), map[string]any{"version": 1, "name": "Stale"}).wantProblem(t, http.StatusConflict, "")
		var desks server.List[*crosscase.Desk]
		member.get("/api/v1/desks").decode(t, http.StatusOK, &desks)
		if len(desks.Items) != 2 {
			t.Errorf("desks %+v", desks.Items)
		}
		member.get(fmt.Sprintf("/api/v1/desks/%d", d.ID)).decode(t, http.StatusOK, &d)

		// Countries.
		var co crosscase.Country
		member.get("/api/v1/countries/AL").decode(t, http.StatusOK, &co)
		if co.Code != "AL" || co.Name == "" {
			t.Errorf("country %+v", co)
		}
		member.get("/api/v1/countries/al").wantProblem(t, http.StatusNotFound, "")
		member.get("/api/v1/countries/QZ").wantProblem(t, http.StatusNotFound, "")
		member.patch("/api/v1/countries/AL", map[string]any{"standing": "none"}).wantProblem(t, http.StatusForbidden, "")
		admin.patch("/api/v1/countries/AL", map[string]any{"standing": "galactic"}).wantProblem(t, http.StatusUnprocessableEntity, "standing")
		admin.patch("/api/v1/countries/AL", map[string]any{"standing": "contact_point"}).decode(t, http.StatusOK, &co)
		if co.Standing != crosscase.StandingContactPoint {
			t.Errorf("country %+v", co)
		}
		var countries server.List[*crosscase.Country]
		member.get("/api/v1/countries").decode(t, http.StatusOK, &countries)
		if len(countries.Items) < 200 {
			t.Errorf("%d countries", len(countries.Items))
		}

		// Agreements.
		var a crosscase.Agreement
		res = admin.post("/api/v1/agreements", map[string]any{"country_code": "AL", "kind": "cooperation_agreement", "signed_on": "2018-10-05", "title": "Cooperation agreement"})
		res.decode(t, http.StatusCreated, &a)
		ap := fmt.Sprintf("/api/v1/agreements/%d", a.ID)
		if res.Header.Get("Location") != ap || a.Version != 1 {
			t.Fatalf("agreement %+v", a)
		}
		admin.post("/api/v1/agreements", map[string]any{"country_code": "AL", "organisation": "Both", "kind": "working_arrangement", "signed_on": "2018-10-05"}).
			wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		admin.post("/api/v1/agreements", map[string]any{"organisation": "X", "kind": "working_arrangement", "signed_on": "2018-02-29"}).
			wantProblem(t, http.StatusBadRequest, "signed_on")
		member.post("/api/v1/agreements", map[string]any{"organisation": "X", "kind": "working_arrangement", "signed_on": "2018-02-28"}).
			wantProblem(t, http.StatusForbidden, "")
		member.get(ap).decode(t, http.StatusOK, &a)
		admin.patch(ap, map[string]any{"version": 1, "kind": "working_arrangement"}).decode(t, http.StatusOK, &a)
		if a.Kind != crosscase.AgreementWorkingArrangement || a.Version != 2 {
			t.Errorf("agreement %+v", a)
		}
		admin.patch(ap, map[string]any{"version": 1, "title": "Stale"}).wantProblem(t, http.StatusConflict, "")
		member.del(ap).wantProblem(t, http.StatusForbidden, "")
		if res := admin.del(ap); res.Status != http.StatusNoContent {
			t.Fatal(res)
		}
		admin.get(ap).wantProblem(t, http.StatusNotFound, "")

		// Authorities.
		var au crosscase.Authority
		res = member.post("/api/v1/authorities", map[string]any{"country_code": "IT", "name": "Procura di Bari", "kind": "prosecution", "city": "Bari"})
		res.decode(t, http.StatusCreated, &au)
		member.get(fmt.Sprintf("/api/v1/authorities/%d", au.ID)).decode(t, http.StatusOK, &au)
		member.post("/api/v1/authorities", map[string]any{"country_code": "IT", "name": "Procura di Bari", "kind": "prosecution"}).wantProblem(t, http.StatusConflict, "name")
		var auths server.List[*crosscase.Authority]
		member.get("/api/v1/authorities?country=IT").decode(t, http.StatusOK, &auths)
		if !slices.ContainsFunc(auths.Items, func(x *crosscase.Authority) bool { return x.ID == au.ID }) {
			t.Errorf("authority %d not listed for IT", au.ID)
		}
		member.get("/api/v1/authorities?country=Italy").wantProblem(t, http.StatusBadRequest, "country")

		// Users.
		var u crosscase.User
		res = admin.post("/api/v1/users", map[string]any{"name": "jonas", "display_name": "Jonas", "role": "desk_member", "desk_id": d.ID, "password": testPassword})
		res.decode(t, http.StatusCreated, &u)
		if strings.Contains(string(res.Body), testPassword) || u.DeskID != d.ID {
			t.Fatalf("created user %s", res.Body)
		}
		admin.post("/api/v1/users", map[string]any{"name": "jonas", "role": "analyst", "desk_id": d.ID, "password": testPassword}).wantProblem(t, http.StatusConflict, "")
		admin.post("/api/v1/users", map[string]any{"name": "Bad Name", "role": "analyst", "desk_id": d.ID, "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "name")
		member.post("/api/v1/users", map[string]any{"name": "eve", "role": "administrator", "password": testPassword}).wantProblem(t, http.StatusForbidden, "")
		member.get("/api/v1/users").wantProblem(t, http.StatusForbidden, "")
		// A contact point's desk holds no one who reads cases, and a
		// contact point works at no national desk (crosscase.RoleFitsDesk).
		cpDesk := ts.desk("BA", crosscase.DeskContactPoint)
		admin.post("/api/v1/users", map[string]any{"name": "ba.reader", "role": "desk_member", "desk_id": cpDesk.ID, "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "desk_id")
		admin.post("/api/v1/users", map[string]any{"name": "it.cp", "role": "contact_point", "desk_id": d.ID, "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "desk_id")
		var cp crosscase.User
		admin.post("/api/v1/users", map[string]any{"name": "ba.cp", "role": "contact_point", "desk_id": cpDesk.ID, "password": testPassword}).decode(t, http.StatusCreated, &cp)
		admin.patch(fmt.Sprintf("/api/v1/users/%d", cp.ID), map[string]any{"version": cp.Version, "role": "analyst"}).wantProblem(t, http.StatusUnprocessableEntity, "desk_id")
		// Another user's record is not there for a non-administrator.
		member.get(fmt.Sprintf("/api/v1/users/%d", u.ID)).wantProblem(t, http.StatusNotFound, "")
		member.get(fmt.Sprintf("/api/v1/users/%d", member.User.ID)).decode(t, http.StatusOK, &crosscase.User{})
		admin.patch(fmt.Sprintf("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "role": "analyst"}).decode(t, http.StatusOK, &u)
		if u.Role != crosscase.RoleAnalyst {
			t.Errorf("user %+v", u)
		}
		var users server.List[*crosscase.User]
		admin.get("/api/v1/users").decode(t, http.StatusOK, &users)
		if len(users.Items) != 4 {
			t.Errorf("%d users", len(users.Items))
		}

		// Tokens: the secret once, then it works until revoked.
		var tc api.TokenCreateResponse
		res = member.post("/api/v1/tokens", map[string]any{"label": "script"})
		res.decode(t, http.StatusCreated, &tc)
		if tc.Secret == "" || tc.Token == nil || tc.Token.UserID != member.User.ID || !strings.HasPrefix(tc.Secret, tc.Token.Prefix) {
			t.Fatalf("token %+v", tc)
		}
		second := &apiClient{ts: ts, User: member.User, Token: tc.Secret}
		var me crosscase.User
		second.get("/api/v1/me").decode(t, http.StatusOK, &me)
		if me.ID != member.User.ID {
			t.Fatalf("me %+v", me)
		}
		var toks server.List[*crosscase.Token]
		member.get("/api/v1/tokens").decode(t, http.StatusOK, &toks)
		if len(toks.Items) != 2 || strings.Contains(string(member.get("/api/v1/tokens").Body), tc.Secret) {
			t.Fatalf("tokens %+v", toks.Items)
		}
		// Nobody makes a token for someone else (TestNoImpersonation), and
		// other users' tokens are not there for a non-administrator.
		member.post("/api/v1/tokens", map[string]any{"label": "for someone else", "user_id": u.ID}).wantProblem(t, http.StatusForbidden, "")
		member.get(fmt.Sprintf("/api/v1/tokens?user_id=%d", u.ID)).wantProblem(t, http.StatusNotFound, "")
		if res := member.del(fmt.Sprintf("/api/v1/tokens/%d", tc.Token.ID)); res.Status != http.StatusNoContent {
			t.Fatal(res)
		}
		second.get("/api/v1/me").wantProblem(t, http.StatusUnauthorized, "")
		admin.post("/api/v1/tokens", map[string]any{"label": "for jonas", "user_id": u.ID}).wantProblem(t, http.StatusForbidden, "")
	})
}

// TestSignInHelper checks the harness's browser sign-in, which page tests
// build on.
func TestSignInHelper(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	u := ts.user("paola", crosscase.RoleDeskMember, "IT")
	c := ts.signIn(u.Name, testPassword)
	res, err := c.Get(ts.URL() + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("dashboard after sign-in: %d", res.StatusCode)
	}
	// The API does not accept the session cookie: it needs a token.
	res, err = c.Get(ts.URL() + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("API with only a session cookie: %d", res.StatusCode)
	}
}

func TestAPIExportCase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		ts.desk("IT", crosscase.DeskNational)
		ts.desk("AL", crosscase.DeskLiaison)
		it := ts.apiUser("it.export", crosscase.RoleDeskMember, "IT")
		al := ts.apiUser("al.export", crosscase.RoleLiaison, "AL")
		var c crosscase.Case
		it.post("/api/v1/cases", map[string]any{"title": "Export me", "asked_countries": []string{"AL"}, "crime_types": []string{"drug_trafficking"}, "opened_on": "2024-01-01"}).decode(t, http.StatusCreated, &c)
		it.post(fmt.Sprintf("/api/v1/cases/%d/entities", c.ID), map[string]any{"kind": "person", "role": "suspect", "given_name": "Arben", "family_name": "Hoxha"}).decode(t, http.StatusCreated, &map[string]any{})
		var b crosscase.CaseBundle
		al.get(fmt.Sprintf("/api/v1/cases/%d/export", c.ID)).decode(t, http.StatusOK, &b)
		if b.Case == nil || b.Case.ID != c.ID || len(b.Entities) != 1 || b.Entities[0].FamilyName != "Hoxha" {
			t.Fatalf("export: %+v", b)
		}
	})
}
