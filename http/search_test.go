package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The search's pages, through the real server: GET /api/v1/search takes
// the cursor of either list and continues that list only, until every
// case and entity the caller may see was returned once; the page links
// to the next page of each list (README, "Search").
func TestSearchPages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.member", crosscase.RoleDeskMember, "DE")
		newCase := func(u *crosscase.User, title string) *crosscase.Case {
			return ts.pageNewCase(u, &crosscase.Case{Title: title, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2025-03-01")})
		}
		wantCases, wantEntities := map[int64]bool{}, map[int64]bool{}
		for i := range 55 {
			wantCases[newCase(it.User, fmt.Sprintf("Ledgerword network %d", i)).ID] = true
		}
		own := newCase(it.User, "Port of Bari")
		for i := range 60 {
			e := ts.pageNewEntity(it.User, &crosscase.Entity{CaseID: own.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleWitness,
				GivenName: "Anna", FamilyName: fmt.Sprintf("Moretti %c%c", 'a'+i/26, 'a'+i%26), Notes: "Keeps the ledgerword accounts."})
			wantEntities[e.ID] = true
		}
		for range 3 { // found by the matcher and by the text, returned once
			e := ts.pageNewEntity(it.User, &crosscase.Entity{CaseID: own.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Ledgerword"})
			wantEntities[e.ID] = true
		}
		hidden := newCase(de, "Ledgerword in Kiel")
		secret := ts.pageNewEntity(de, &crosscase.Entity{CaseID: hidden.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Jonas", FamilyName: "Ledgerword", Notes: "The ledgerword courier."})

		var first crosscase.SearchResults
		it.get("/api/v1/search?q=ledgerword").decode(t, http.StatusOK, &first)
		if len(first.Cases) != crosscase.SearchLimit || len(first.Entities) != crosscase.SearchLimit || first.CasesNextCursor == "" || first.EntitiesNextCursor == "" {
			t.Fatalf("first page: %d cases (next %q), %d entities (next %q)", len(first.Cases), first.CasesNextCursor, len(first.Entities), first.EntitiesNextCursor)
		}
		gotCases, gotEntities := map[int64]int{}, map[int64]int{}
		for _, c := range first.Cases {
			gotCases[c.ID]++
		}
		for _, m := range first.Entities {
			gotEntities[m.Entity.ID]++
		}
		for cursor, pages := first.CasesNextCursor, 0; cursor != ""; pages++ {
			var p crosscase.SearchResults
			it.get("/api/v1/search?q=ledgerword&cursor="+url.QueryEscape(cursor)).decode(t, http.StatusOK, &p)
			if p.Entities != nil || p.EntitiesNextCursor != "" || pages > 5 {
				t.Fatalf("a page of cases has entities %v (next %q), or never ends", p.Entities, p.EntitiesNextCursor)
			}
			for _, c := range p.Cases {
				gotCases[c.ID]++
			}
			cursor = p.CasesNextCursor
		}
		for cursor, pages := first.EntitiesNextCursor, 0; cursor != ""; pages++ {
			var p crosscase.SearchResults
			it.get("/api/v1/search?q=ledgerword&cursor="+url.QueryEscape(cursor)).decode(t, http.StatusOK, &p)
			if p.Cases != nil || p.CasesNextCursor != "" || pages > 5 {
				t.Fatalf("a page of entities has cases %v (next %q), or never ends", p.Cases, p.CasesNextCursor)
			}
			for _, m := range p.Entities {
				gotEntities[m.Entity.ID]++
			}
			cursor = p.EntitiesNextCursor
		}
		for id, n := range gotCases {
			if n != 1 || !wantCases[id] {
				t.Errorf("case %d returned %d times (wanted: %v)", id, n, wantCases[id])
			}
		}
		for id, n := range gotEntities {
			if n != 1 || !wantEntities[id] {
				t.Errorf("entity %d returned %d times (wanted: %v; another desk's: %v)", id, n, wantEntities[id], id == secret.ID)
			}
		}
		if len(gotCases) != len(wantCases) || len(gotEntities) != len(wantEntities) {
			t.Errorf("%d cases and %d entities over the pages, want %d and %d", len(gotCases), len(gotEntities), len(wantCases), len(wantEntities))
		}
		it.get("/api/v1/search?q=ledgerword&cursor=x42").wantProblem(t, http.StatusUnprocessableEntity, "cursor")
		it.get("/api/v1/search?q=ledgerword&cursor=et0").wantProblem(t, http.StatusUnprocessableEntity, "cursor")

		// The page links to the next page of each list, and a next page
		// shows that list only, with a way back to the first.
		b := ts.pageSignIn(it.User)
		p := b.get("/search?q=ledgerword").wantStatus(http.StatusOK)
		if n := len(p.all("#found-cases li")); n != crosscase.SearchLimit {
			t.Errorf("page shows %d cases", n)
		}
		if n := len(p.all(".search-hit")); n != crosscase.SearchLimit {
			t.Errorf("page shows %d entities", n)
		}
		if p.first("#first-page") != nil {
			t.Error("the first page links to the first page")
		}
		next := pageAttr(p.one("a#next-entities"), "href")
		if !strings.HasPrefix(next, "/search?") || pageAttr(p.one("a#next-cases"), "href") == next {
			t.Fatalf("next links %q and %q", next, pageAttr(p.one("a#next-cases"), "href"))
		}
		p = b.get(next).wantStatus(http.StatusOK)
		if n := len(p.all(".search-hit")); n != len(wantEntities)-crosscase.SearchLimit {
			t.Errorf("second page shows %d entities, want %d", n, len(wantEntities)-crosscase.SearchLimit)
		}
		if p.first("#found-cases") != nil || p.first("#next-entities") != nil || p.first("#next-cases") != nil {
			t.Error("the entities' last page shows cases or a next link")
		}
		if strings.Contains(p.Body, "Jonas") || strings.Contains(p.Body, "Kiel") {
			t.Error("the page shows another desk's case")
		}
		if href := pageAttr(p.one("a#first-page"), "href"); href != "/search?q=ledgerword" {
			t.Errorf("first page link %q", href)
		}
		p = b.get(pageAttr(b.get("/search?q=ledgerword").one("a#next-cases"), "href")).wantStatus(http.StatusOK)
		if n := len(p.all("#found-cases li")); n != len(wantCases)-crosscase.SearchLimit || p.first("#found-people") != nil {
			t.Errorf("cases' second page: %d cases, people shown: %v", n, p.first("#found-people") != nil)
		}
	})
}

// The search page writes a person's date of birth as the reader's
// language writes dates.
func TestSearchPageBirthDateInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Port of Bari", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2025-03-01")})
		ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Ilir", FamilyName: "Murati", BirthDate: pageDate(t, "1996-12-01")})
		b := ts.pageSignIn(it)
		for lang, want := range map[string]string{"en": "1996-12-01", "fr": "01/12/1996", "de": "01.12.1996", "it": "01/12/1996"} {
			b.acceptLanguage = lang
			got := b.get("/search?q=Murati").wantStatus(http.StatusOK).texts("li.search-hit > span.muted.small:not(.why)")
			if len(got) == 0 || !strings.Contains(got[0], want) {
				t.Errorf("%s: %q, want the birth date written %s", lang, got, want)
			}
		}
	})
}

// Through the server, the search's API and page and the case list's q
// filter ignore case and diacritics, and find nothing of a case the
// caller may not see (README, "Search").
func TestSearchIgnoresAccents(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.member", crosscase.RoleDeskMember, "DE")
		own := ts.pageNewCase(it.User, &crosscase.Case{Title: "Heroin landed in Durrës", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2025-03-01")})
		person := ts.pageNewEntity(it.User, &crosscase.Entity{CaseID: own.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Hans", FamilyName: "Zwölfer", Address: "Ulica Piotrkowska 3, Łódź"})
		hidden := ts.pageNewCase(de, &crosscase.Case{Title: "Couriers from Durrës", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2025-03-01")})
		secret := ts.pageNewEntity(de, &crosscase.Entity{CaseID: hidden.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Jonas", FamilyName: "Brandt", Address: "Łódź"})
		for _, q := range []string{"durres", "DURRES", "Durrës", "DURRËS"} {
			var res crosscase.SearchResults
			it.get("/api/v1/search?q="+url.QueryEscape(q)).decode(t, http.StatusOK, &res)
			if len(res.Cases) != 1 || res.Cases[0].ID != own.ID {
				t.Errorf("search %q: %d cases, want only %d", q, len(res.Cases), own.ID)
			}
			if list := listAll(t, it, "/api/v1/cases?q="+url.QueryEscape(q)); len(list) != 1 || list[0].ID != own.ID {
				t.Errorf("case list %q: %d cases, want only %d", q, len(list), own.ID)
			}
		}
		for _, q := range []string{"lodz", "LODZ", "piotrkowska 3, łodz", "zwolfer"} {
			var res crosscase.SearchResults
			it.get("/api/v1/search?q="+url.QueryEscape(q)).decode(t, http.StatusOK, &res)
			ids := map[int64]bool{}
			for _, m := range res.Entities {
				ids[m.Entity.ID] = true
			}
			if !ids[person.ID] || ids[secret.ID] {
				t.Errorf("search %q: %v, want %d and never %d", q, ids, person.ID, secret.ID)
			}
		}
		b := ts.pageSignIn(it.User)
		p := b.get("/search?q=LODZ").wantStatus(http.StatusOK)
		if !strings.Contains(p.Body, "ZWÖLFER, Hans") || strings.Contains(p.Body, "BRANDT") {
			t.Error("the search page for LODZ does not show the desk's own person only")
		}
		p = b.get("/cases?q=durres").wantStatus(http.StatusOK)
		if !strings.Contains(p.Body, "Heroin landed in Durrës") || strings.Contains(p.Body, "Couriers from") {
			t.Error("the case list for durres does not show the desk's own case only")
		}
	})
}
