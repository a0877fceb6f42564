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

// TestChartPageHitLinks: once a hit is disclosed, the link chart and its
// hits table name the other desk's case, and lead to what the desk may
// open — the hit page, not the other desk's case (404); a hit to a case
// of the desk's own leads to that case.
func TestChartPageHitLinks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newHitWorld(t, db)
		if _, err := db.DecideHit(userContext(w.de), w.personHit.ID, crosscase.HitDisclosed); err != nil {
			t.Fatal(err)
		}
		// A second case of IT's with the same bank account: a hit between
		// two cases of the desk.
		own := w.ts.pageNewCase(w.it, &crosscase.Case{Title: "Operation Maestrale", CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2024-05-01")})
		if err := w.ts.Entities.CreateEntity(userContext(w.it), &crosscase.Entity{CaseID: own.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleOther, Value: sharedIBAN}); err != nil {
			t.Fatal(err)
		}
		it := w.ts.pageSignIn(w.it)
		it.get(fmt.Sprintf("/cases/%d", w.deCase.ID)).wantStatus(http.StatusNotFound)
		seen := map[string]string{} // case node label → href
		for _, c := range []*crosscase.Case{w.itCase, own} {
			res := it.get(fmt.Sprintf("/cases/%d/chart", c.ID)).wantStatus(http.StatusOK)
			for _, a := range res.all(`svg a.node-case`) {
				href := pageAttr(a, "href")
				seen[pageText(a)] = href
				it.get(href).wantStatus(http.StatusOK)
			}
			for _, a := range res.all(`#chart-hits tbody a`) {
				href := pageAttr(a, "href")
				if pageText(a) == w.deCase.Reference && href != fmt.Sprintf("/hits/%d", w.personHit.ID) {
					t.Errorf("the hits table leads the DE case to %q", href)
				}
				it.get(href).wantStatus(http.StatusOK)
			}
		}
		if got, want := seen[w.deCase.Reference], fmt.Sprintf("/hits/%d", w.personHit.ID); got != want {
			t.Errorf("the disclosed DE case's node leads to %q, want %q", got, want)
		}
		if got, want := seen[w.itCase.Reference], fmt.Sprintf("/cases/%d", w.itCase.ID); got != want {
			t.Errorf("IT's own case's node leads to %q, want %q (nodes %q)", got, want, seen)
		}
	})
}

// TestChartPageTooLarge: a case of more than 1,500 charted entities (an
// imported list of 800 suspects, each with a phone) draws 1,500 of them
// and says how many it has, and the relations table lists every relation
// (README, "Link chart").
func TestChartPageTooLarge(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		var csv strings.Builder
		csv.WriteString("ref,first,last,phone\n")
		for i := range 800 {
			fmt.Fprintf(&csv, "L-%d,Mario,Rossi %d,+39 347 %07d\n", i, i, 1000000+i)
		}
		path := fmt.Sprintf("/api/v1/cases/%d/entities/import?", w.itCase.ID) + url.Values{"map": {"first=given_name,last=family_name,phone=phone"}, "id_column": {"ref"}, "role": {"suspect"}}.Encode()
		var out map[string]int
		w.it.do("POST", path, csv.String(), "Content-Type: text/csv").decode(t, http.StatusCreated, &out)
		if out["relations"] != 800 {
			t.Fatalf("imported %v", out)
		}
		res := w.ts.pageSignIn(w.itUser).get(fmt.Sprintf("/cases/%d/chart", w.itCase.ID)).wantStatus(http.StatusOK)
		if nodes := len(res.all(`svg a.node`)); nodes != 1500 {
			t.Errorf("%d nodes drawn, want 1500", nodes)
		}
		if note := res.text(`#chart-partial`); !strings.Contains(note, "1,500 of its 1,600 nodes") {
			t.Errorf("the note says %q", note)
		}
		if rows := len(res.all(`tr.relation`)); rows != 800 {
			t.Errorf("%d relations listed, want 800", rows)
		}
	})
}
