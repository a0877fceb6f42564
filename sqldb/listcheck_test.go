package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestListCheckHits: a bulk check's hit on an entity of a case the
// checking desk may not see is recorded for the owner desk, and only its
// desk members, liaison prosecutors and analysts read it; a hit on a case
// the checker sees is not; deleting the entity under the retention rules
// takes the record with it.
func TestListCheckHits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		itCase, deCase := f.newCase(t, it), f.newCase(t, de)
		own := &crosscase.Entity{CaseID: itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Luca", FamilyName: "Bianco"}
		foreign := &crosscase.Entity{CaseID: deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Taras", FamilyName: "Schewtschenko", BirthDate: mustDate(t, "1971-03-09")}
		if err := db.CreateEntity(it, own); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateEntity(de, foreign); err != nil {
			t.Fatal(err)
		}
		fields := []crosscase.HitField{{Field: "family_name", Score: 0.95, How: "transliteration"}, {Field: "birth_date", Score: 1, How: "exact"}}
		found := []crosscase.ListHit{
			{Row: 0, EntityID: foreign.ID, CaseID: deCase.ID, Score: 92, Fields: fields},
			{Row: 1, EntityID: own.ID, CaseID: itCase.ID, Score: 88},
			{Row: 2, EntityID: 987654321, CaseID: deCase.ID, Score: 80}, // gone meanwhile
		}
		_, err := db.RecordListCheckHits(f.as(t, "it.statistics"), found)
		wantCode(t, err, crosscase.EFORBIDDEN)
		n, err := db.RecordListCheckHits(it, found)
		if err != nil || n != 1 {
			t.Fatalf("record: %d %v", n, err)
		}

		for _, name := range []string{"de.desk_member", "de.analyst"} {
			list, next, err := db.FindListCheckHits(f.as(t, name), crosscase.ListCheckHitFilter{})
			if err != nil || len(list) != 1 || next != "" {
				t.Fatalf("%s: %v %q %v", name, list, next, err)
			}
			h := list[0]
			if h.CheckerCountry != "IT" || h.CheckerDeskID != f.desks["IT"].ID || h.CaseID != deCase.ID || h.CaseRef != deCase.Reference ||
				h.EntityID != foreign.ID || h.EntityLabel != "SCHEWTSCHENKO, Taras" || h.Score != 92 || h.Kind != crosscase.KindPerson ||
				len(h.Fields) != 2 || h.Fields[1].Field != "birth_date" || h.Fields[1].How != "exact" || h.CheckedAt.IsZero() {
				t.Fatalf("%s reads %+v", name, h)
			}
		}
		// The checker, other desks, statistics and administrators read none.
		for _, name := range []string{"it.desk_member", "it.analyst", "al.liaison_prosecutor", "de.statistics", "de.administrator", "it.administrator"} {
			list, _, err := db.FindListCheckHits(f.as(t, name), crosscase.ListCheckHitFilter{})
			if err != nil || len(list) != 0 {
				t.Fatalf("%s reads %d list check hits (%v)", name, len(list), err)
			}
		}
		// Pages: newest first, a cursor of this server's only.
		if _, err := db.RecordListCheckHits(f.as(t, "al.liaison_prosecutor"), found[:1]); err != nil {
			t.Fatal(err)
		}
		page, next, err := db.FindListCheckHits(de, crosscase.ListCheckHitFilter{Limit: 1})
		if err != nil || len(page) != 1 || next == "" || page[0].CheckerCountry != "AL" {
			t.Fatalf("first page: %v %q %v", page, next, err)
		}
		page, next, err = db.FindListCheckHits(de, crosscase.ListCheckHitFilter{Limit: 1, Cursor: next})
		if err != nil || len(page) != 1 || next != "" || page[0].CheckerCountry != "IT" {
			t.Fatalf("second page: %v %q %v", page, next, err)
		}
		_, _, err = db.FindListCheckHits(de, crosscase.ListCheckHitFilter{Cursor: "h12"})
		if crosscase.ErrorField(err) != "cursor" {
			t.Fatalf("foreign cursor: %v", err)
		}
		_, _, err = db.FindListCheckHits(de, crosscase.ListCheckHitFilter{Limit: 201})
		if crosscase.ErrorField(err) != "limit" {
			t.Fatalf("limit 201: %v", err)
		}

		// Recorded and read in the audit log, without the row.
		entries, _, err := db.FindAuditEntries(f.as(t, "de.administrator"), crosscase.AuditFilter{ObjectType: "list_check_hit", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range entries {
			actions[e.Action]++
			if strings.Contains(e.Detail, "Schewtschenko") {
				t.Fatalf("the audit names the entity: %+v", e)
			}
		}
		if actions["create"] != 2 || actions["list"] < 2 {
			t.Fatalf("audit of list check hits: %v", actions)
		}

		// Deleted with the entity under the retention rules.
		if err := db.RecordAcquittal(de, 0, foreign.ID, crosscase.DateOf(db.Now())); err != nil {
			t.Fatal(err)
		}
		if list, _, err := db.FindListCheckHits(de, crosscase.ListCheckHitFilter{}); err != nil || len(list) != 0 {
			t.Fatalf("after the entity's deletion: %v %v", list, err)
		}
		var left int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM list_check_hits`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("rows left after the deletion: %d %v", left, err)
		}
	})
}

// TestListCheckQuota: the rows a user checks a day are counted in the
// store; a check that would exceed the quota is refused naming the body
// and the rows left, and counts nothing.
func TestListCheckQuota(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, analyst := f.as(t, "it.desk_member"), f.as(t, "it.analyst")
		if err := db.CountListRows(it, 60, 100); err != nil {
			t.Fatal(err)
		}
		err := db.CountListRows(it, 50, 100)
		wantCode(t, err, crosscase.ETOOMANY)
		if crosscase.ErrorField(err) != "body" || !strings.Contains(crosscase.ErrorMessage(err), "40 more today") {
			t.Fatalf("refusal: %v", err)
		}
		if err := db.CountListRows(it, 40, 100); err != nil {
			t.Fatalf("the rows left, after a refusal that counted nothing: %v", err)
		}
		wantCode(t, db.CountListRows(it, 1, 100), crosscase.ETOOMANY)
		// Another user counts apart; no limit counts nothing.
		if err := db.CountListRows(analyst, 100, 100); err != nil {
			t.Fatal(err)
		}
		if err := db.CountListRows(it, 5000, 0); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CountListRows(f.as(t, "it.statistics"), 1, 100), crosscase.EFORBIDDEN)
		// The next UTC day starts again.
		db.Now = func() time.Time { return time.Now().Add(24 * time.Hour) }
		if err := db.CountListRows(it, 100, 100); err != nil {
			t.Fatalf("the next day: %v", err)
		}
	})
}
