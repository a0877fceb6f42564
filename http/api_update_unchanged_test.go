package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// A PATCH with nothing to change — no field, every field null, or the
// stored values — answers 200 with the case as stored, its version kept
// and no update in the audit log; a stale version is still 409, and a real
// change still raises the version and is audited (README, JSON API).
func TestAPIUpdateUnchanged(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		c := createCase(t, it, caseBody("Operation Lake", nil))
		path := fmt.Sprintf("/api/v1/cases/%d", c.ID)
		updates := func() int { t.Helper(); return auditUpdates(t, db) }
		before := updates()
		for _, body := range []string{
			`{"version":1}`,
			`{"version":1,"title":null,"summary":null,"asked_countries":null,"crime_types":null,"priority":null,"status":null,"opened_on":null,"closed_on":null,"victims":null,"financial_damage_eur":null}`,
			fmt.Sprintf(`{"version":1,"title":%q,"crime_types":["money_laundering","drug_trafficking"],"opened_on":"2025-01-15","victims":2}`, c.Title),
		} {
			var got crosscase.Case
			it.patch(path, body).decode(t, http.StatusOK, &got)
			if got.Version != 1 || got.Title != c.Title || len(got.CrimeTypes) != 2 || !got.UpdatedAt.Equal(c.UpdatedAt) {
				t.Errorf("%s: answered %+v", body, got)
			}
		}
		if n := updates() - before; n != 0 {
			t.Errorf("unchanged updates wrote %d update entries", n)
		}
		var got crosscase.Case
		it.patch(path, `{"version":1,"victims":3}`).decode(t, http.StatusOK, &got)
		if got.Version != 2 || got.Victims != 3 || updates()-before != 1 {
			t.Errorf("a change: version %d, victims %d, %d update entries", got.Version, got.Victims, updates()-before)
		}
		// The version the client holds is behind: nothing to change is
		// still a conflict, so the client learns it.
		it.patch(path, `{"version":1}`).wantProblem(t, http.StatusConflict, "")
		it.patch(path, `{"version":2,"victims":3}`).decode(t, http.StatusOK, &got)
		if got.Version != 2 || updates()-before != 1 {
			t.Errorf("unchanged at version 2: version %d, %d update entries", got.Version, updates()-before)
		}
	})
}

// auditUpdates counts the update entries of the audit log.
func auditUpdates(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'update'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
