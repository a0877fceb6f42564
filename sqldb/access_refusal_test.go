package sqldb_test

import (
	"context"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/evidence"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestForeignObjectCostsAsMissing holds need to know to "foreign is
// missing" in time as well as in answer: reading another desk's entity,
// meeting, instrument, JIT evidence file or coordination centre, or
// deleting its relation or result or moving its measure, runs exactly as many
// statements as reading one that does not exist, so that a desk timing
// its requests cannot tell that the id exists. Before, the object's row
// was read first and its case checked after (an entity then asked the
// hits too): two or three statements against one, some 0.3 ms a request
// on SQLite, measurable over a few hundred requests.
func TestForeignObjectCostsAsMissing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		if db.EvidenceFiles == nil {
			files, err := evidence.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			db.EvidenceFiles = files
		}
		sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		if _, err := demo.LoadOperations(sys, db.Services()); err != nil {
			t.Fatal(err)
		}
		// Luxembourg's desk member sees one case of the demo, Belgium's.
		lu, err := db.FindUserByName(sys, "lu.schmit")
		if err != nil {
			t.Fatal(err)
		}
		ctx := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: lu, RemoteAddr: "192.0.2.7"})
		first := func(q string) int64 {
			var id int64
			if err := db.SQL().QueryRow(q).Scan(&id); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return id
		}
		it := `(SELECT c.id FROM cases c JOIN desks d ON d.id = c.owner_desk_id WHERE d.country_code = 'IT')`
		reads := []struct {
			what    string
			foreign int64
			read    func(id int64) error
		}{
			{"entity", first(`SELECT MIN(id) FROM entities WHERE case_id IN ` + it), func(id int64) error { _, err := db.FindEntityByID(ctx, id); return err }},
			{"meeting", first(`SELECT MIN(id) FROM meetings WHERE case_id IN ` + it), func(id int64) error { _, err := db.FindMeeting(ctx, id); return err }},
			{"instrument", first(`SELECT MIN(id) FROM instruments WHERE case_id IN ` + it), func(id int64) error { _, err := db.FindInstrumentByID(ctx, id); return err }},
			{"evidence", first(`SELECT MIN(id) FROM jit_evidence`), func(id int64) error { _, err := db.FindEvidenceByID(ctx, id); return err }},
			{"centre", first(`SELECT MIN(id) FROM centres WHERE case_id IN ` + it), func(id int64) error { _, err := db.FindCentre(ctx, id); return err }},
			{"relation (delete)", first(`SELECT MIN(id) FROM entity_relations WHERE case_id IN ` + it), func(id int64) error { return db.DeleteRelation(ctx, 0, id) }},
			{"result (delete)", first(`SELECT MIN(id) FROM case_results WHERE case_id IN ` + it), func(id int64) error { return db.DeleteResult(ctx, 0, id) }},
			{"measure (move)", first(`SELECT MIN(m.id) FROM centre_measures m JOIN centres x ON x.id = m.centre_id WHERE x.case_id IN ` + it), func(id int64) error {
				_, err := db.MoveMeasure(ctx, id, crosscase.MeasureMove{})
				return err
			}},
		}
		const missing = 987654321
		for _, r := range reads {
			cost := func(id int64) (int64, error) {
				before := db.Statements()
				err := r.read(id)
				return db.Statements() - before, err
			}
			fc, ferr := cost(r.foreign)
			mc, merr := cost(missing)
			if crosscase.ErrorCode(ferr) != crosscase.ENOTFOUND || crosscase.ErrorMessage(ferr) != crosscase.ErrorMessage(merr) {
				t.Errorf("%s %d of another desk: %v; missing: %v", r.what, r.foreign, ferr, merr)
			}
			if fc != mc {
				t.Errorf("%s of another desk: %d statements; a missing one: %d", r.what, fc, mc)
			} else {
				t.Logf("%s: foreign and missing each %d statements", r.what, mc)
			}
		}
	})
}
