package sqldb_test

import (
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestRemovalInItsCase: a relation, a result or a person on an acquittal
// is removed in the case the caller acts in (a page's hidden case_id; 0,
// the API's, any case). Named with another case of the caller's, it is
// refused as not found, as a record the caller cannot see: nothing is
// removed, nothing read is written to the audit log, and the refusal is
// recorded as every refusal is.
func TestRemovalInItsCase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c, other := f.newCase(t, it), f.newCase(t, it)
		person := func(name string) *crosscase.Entity {
			e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, FamilyName: name}
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
			return e
		}
		boss, driver := person("Rinaldi"), person("Greco")
		rel := &crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: driver.ID, Kind: crosscase.RelationAssociate}
		if err := db.CreateRelation(it, rel); err != nil {
			t.Fatal(err)
		}
		res := &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: mustDate(t, "2024-05-13"), Count: 2}
		if err := db.CreateResult(it, res); err != nil {
			t.Fatal(err)
		}
		count := func(action string) int {
			t.Helper()
			n := 0
			for _, id := range []int64{c.ID, other.ID} {
				entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{CaseID: id, Action: action, Limit: 500})
				if err != nil {
					t.Fatal(err)
				}
				n += len(entries)
			}
			return n
		}
		refusals := auditCount(t, f, crosscase.ActionRefuse, "")
		reads := count(crosscase.ActionRead) + count(crosscase.ActionList)

		err := db.DeleteRelation(it, other.ID, rel.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		if msg := crosscase.ErrorMessage(err); msg != "Relation not found." {
			t.Errorf("relation of another case: %q", msg)
		}
		err = db.DeleteResult(it, other.ID, res.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		if msg := crosscase.ErrorMessage(err); msg != "Result not found." {
			t.Errorf("result of another case: %q", msg)
		}
		err = db.RecordAcquittal(it, other.ID, driver.ID, mustDate(t, "2025-01-10"))
		wantCode(t, err, crosscase.ENOTFOUND)
		if msg := crosscase.ErrorMessage(err); msg != "Entity not found." {
			t.Errorf("person of another case: %q", msg)
		}

		if got := count(crosscase.ActionRead) + count(crosscase.ActionList); got != reads {
			t.Errorf("read entries written by the refusals: %d", got-reads)
		}
		if rels, err := db.FindRelations(it, c.ID); err != nil || len(rels) != 1 {
			t.Fatalf("relations after the refusals: %d %v", len(rels), err)
		}
		if results, err := db.FindResults(it, c.ID); err != nil || len(results) != 1 {
			t.Fatalf("results after the refusals: %d %v", len(results), err)
		}
		if _, err := db.FindEntityByID(it, driver.ID); err != nil {
			t.Fatalf("person after the refusal: %v", err)
		}
		if got := auditCount(t, f, crosscase.ActionRefuse, ""); got != refusals+3 {
			t.Errorf("refusals recorded: %d, want 3", got-refusals)
		}

		// In their own case, and in any case, they are removed.
		if err := db.DeleteRelation(it, c.ID, rel.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteResult(it, c.ID, res.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordAcquittal(it, c.ID, driver.ID, mustDate(t, "2025-01-10")); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordAcquittal(it, 0, boss.ID, mustDate(t, "2025-01-10")); err != nil {
			t.Fatal(err)
		}
	})
}
