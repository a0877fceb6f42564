package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIDatesThatHaveNotHappened: what a date records as done — a case's
// opening and closing, a JIT's signature, a funding application and
// decision — cannot lie in the future, and a case cannot open after the
// results it holds; each refusal names the field and changes nothing.
// An agreement is with a third country, not a member state.
func TestAPIDatesThatHaveNotHappened(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		it := js.it
		future := day(400)
		it.post("/api/v1/cases", caseBody("Opens later", map[string]any{"opened_on": future})).wantProblem(t, http.StatusUnprocessableEntity, "opened_on")
		it.post("/api/v1/cases", caseBody("Closed later", map[string]any{"status": "closed", "closed_on": future})).wantProblem(t, http.StatusUnprocessableEntity, "closed_on")
		c := createCase(t, it, caseBody("Opened on time", nil))
		it.post(fmt.Sprintf("/api/v1/cases/%d/results", c.ID), map[string]any{"kind": "arrest", "country": "IT", "date": "2025-03-01", "count": 2}).decode(t, http.StatusCreated, &crosscase.Result{})
		it.patch(fmt.Sprintf("/api/v1/cases/%d", c.ID), map[string]any{"version": c.Version, "opened_on": "2025-06-01"}).wantProblem(t, http.StatusUnprocessableEntity, "opened_on")
		var got crosscase.Case
		it.get(fmt.Sprintf("/api/v1/cases/%d", c.ID)).decode(t, http.StatusOK, &got)
		if got.OpenedOn.String() != "2025-01-15" || got.Version != c.Version {
			t.Fatalf("case changed by refused updates: %+v", got)
		}

		it.post("/api/v1/jits", map[string]any{
			"name": "JIT Later", "signed_on": future, "duration_months": 12,
			"parties": []map[string]any{{"country_code": "IT", "authority_ids": []int64{js.auth["IT"]}}, {"country_code": "DE", "authority_ids": []int64{js.auth["DE"]}}},
		}).wantProblem(t, http.StatusUnprocessableEntity, "signed_on")
		it.post(js.path("/funding"), map[string]any{"label": "Later", "applied_eur": 5, "applied_on": future}).wantProblem(t, http.StatusUnprocessableEntity, "applied_on")
		var f crosscase.JITFunding
		it.post(js.path("/funding"), map[string]any{"label": "Travel", "applied_eur": 500, "applied_on": "2025-07-01"}).decode(t, http.StatusCreated, &f)
		it.patch(js.path(fmt.Sprintf("/funding/%d", f.ID)), map[string]any{"status": "granted", "granted_eur": 400, "decided_on": future}).wantProblem(t, http.StatusUnprocessableEntity, "decided_on")

		admin := js.ts.apiUser("dates.admin", crosscase.RoleAdministrator, "")
		admin.post("/api/v1/agreements", map[string]any{"country_code": "FR", "kind": "cooperation_agreement", "signed_on": "2020-01-01", "title": "Not a third country"}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
	})
}
