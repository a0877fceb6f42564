package sqldb_test

import (
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestBirthDateLatestToday: a date of birth is refused in the future as
// every date that records something done (README, Results: Decided), the
// future starting after today in the easternmost time zone (UTC+14). At
// 23:30 UTC a person born on the next UTC day, today in Kiribati, is
// added, changed, imported with a case and imported into a case; the day
// after is refused naming birth_date.
func TestBirthDateLatestToday(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		now := time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		defer func() { db.Now = time.Now }()
		kiribati := mustDate(t, "2026-03-11") // 13:30 there
		later := kiribati.AddDays(1)
		person := func(born crosscase.Date) *crosscase.Entity {
			return &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
				FamilyName: "Rinaldi", GivenName: "Paolo", BirthDate: born}
		}

		e := person(kiribati)
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatalf("born today in Kiribati, added: %v", err)
		}
		wantField(t, db.CreateEntity(it, person(later)), crosscase.EINVALID, "birth_date")

		other := person(mustDate(t, "1980-02-03"))
		if err := db.CreateEntity(it, other); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateEntity(it, other.ID, crosscase.EntityUpdate{Version: other.Version, BirthDate: &kiribati}); err != nil {
			t.Fatalf("born today in Kiribati, changed: %v", err)
		}
		_, err := db.UpdateEntity(it, other.ID, crosscase.EntityUpdate{Version: other.Version + 1, BirthDate: &later})
		wantField(t, err, crosscase.EINVALID, "birth_date")

		if _, err := db.ImportEntities(it, c.ID, []*crosscase.Entity{person(kiribati)}, nil, nil); err != nil {
			t.Fatalf("born today in Kiribati, imported into a case: %v", err)
		}
		_, err = db.ImportEntities(it, c.ID, []*crosscase.Entity{person(later)}, nil, nil)
		wantField(t, err, crosscase.EINVALID, "entities[0].birth_date")

		bundle := func(born crosscase.Date) []*crosscase.CaseBundle {
			f.nextNo++
			nc := &crosscase.Case{Title: "Imported network", CrimeTypes: []string{"drug_trafficking"},
				OpenedOn: mustDate(t, "2023-03-01"), OwnerDeskID: f.desks["IT"].ID}
			p := person(born)
			p.CaseID = 0
			return []*crosscase.CaseBundle{{Case: nc, Entities: []*crosscase.Entity{p}}}
		}
		if err := db.ImportCases(f.sys, bundle(kiribati)); err != nil {
			t.Fatalf("born today in Kiribati, imported with a case: %v", err)
		}
		wantField(t, db.ImportCases(f.sys, bundle(later)), crosscase.EINVALID, "bundles[0].entities[0].birth_date")
	})
}
