package hits_test

import (
	"context"
	"strings"
	"testing"

	"crosscase"
	"crosscase/hits"
	"crosscase/match"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

type world struct {
	db       *sqldb.DB
	it, de   context.Context
	itCase   *crosscase.Case
	deCase   *crosscase.Case
	sys      context.Context
	deskByCC map[string]int64
}

func newWorld(t *testing.T, db *sqldb.DB) *world {
	t.Helper()
	w := &world{db: db, sys: crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor()), deskByCC: map[string]int64{}}
	users := map[string]*crosscase.User{}
	for _, cc := range []string{"IT", "DE"} {
		d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskNational, Name: "Desk " + cc}
		if err := db.CreateDesk(w.sys, d); err != nil {
			t.Fatal(err)
		}
		w.deskByCC[cc] = d.ID
		u := &crosscase.User{Name: "member." + strings.ToLower(cc), Role: crosscase.RoleDeskMember, DeskID: d.ID}
		if err := db.CreateUser(w.sys, u, "long enough password"); err != nil {
			t.Fatal(err)
		}
		u.DeskCountry = cc
		users[cc] = u
	}
	w.it = crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: users["IT"]})
	w.de = crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: users["DE"]})
	mk := func(ctx context.Context, title string) *crosscase.Case {
		c := &crosscase.Case{Title: title, CrimeTypes: []string{"money_laundering"}, OpenedOn: crosscase.Date{Year: 2024, Month: 3, Day: 1}}
		if err := db.CreateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	w.itCase, w.deCase = mk(w.it, "Bari laundering"), mk(w.de, "Hamburg laundering")
	return w
}

func newChecker(t *testing.T, db *sqldb.DB) *hits.Checker {
	t.Helper()
	c := hits.NewChecker(db, db, match.NewIndex(match.DefaultThresholds()))
	if err := c.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLiveCheck(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newWorld(t, db)
		// An entity entered before the server started is in the index.
		if err := db.CreateEntity(w.it, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleOther, Value: "DE89 3704 0044 0532 0130 00"}); err != nil {
			t.Fatal(err)
		}
		one := newChecker(t, db)
		if one.Index().Len() != 1 {
			t.Fatalf("index holds %d entries after load", one.Index().Len())
		}
		two := newChecker(t, db) // a second serve process on the same store
		ents := hits.Wrap(db.Services(), one).Entities

		// Germany enters the same account: the hit exists when the call returns.
		same := &crosscase.Entity{CaseID: w.deCase.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: "de89370400440532013000"}
		if err := ents.CreateEntity(w.de, same); err != nil {
			t.Fatal(err)
		}
		deHits, _, err := db.FindHits(w.de, crosscase.HitFilter{})
		if err != nil || len(deHits) != 1 || deHits[0].Score != 100 || deHits[0].OtherCountry != "IT" || deHits[0].OtherEntityID != 0 {
			t.Fatalf("DE hits after entering the account: %+v %v", deHits, err)
		}
		if n, _ := db.CountNewHits(w.it); n != 1 {
			t.Fatalf("IT is not told: %d new hits", n)
		}
		// A different account makes no hit.
		if err := ents.CreateEntity(w.de, &crosscase.Entity{CaseID: w.deCase.ID, Kind: crosscase.KindIBAN, Value: "GB82 WEST 1234 5698 7654 32"}); err != nil {
			t.Fatal(err)
		}
		// The other process follows the feed: it files the new entities,
		// finds the same pair, and records nothing twice.
		n, err := two.Sync(context.Background())
		if err != nil || n != 0 || two.Index().Len() != 3 {
			t.Fatalf("second process: %d new hits, %d entries, %v", n, two.Index().Len(), err)
		}
		all, _, _ := db.FindHits(w.it, crosscase.HitFilter{})
		if len(all) != 1 {
			t.Fatalf("%d hits, want 1", len(all))
		}
		// Deleting removes the entity from every index and its hits.
		if err := ents.DeleteEntity(w.de, same.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := two.Sync(context.Background()); err != nil {
			t.Fatal(err)
		}
		if one.Index().Len() != 2 || two.Index().Len() != 2 {
			t.Fatalf("after delete: %d and %d entries", one.Index().Len(), two.Index().Len())
		}
		if left, _, _ := db.FindHits(w.it, crosscase.HitFilter{}); len(left) != 0 {
			t.Fatalf("hits of a deleted entity remain: %+v", left)
		}
	})
}

func TestLiveCheckPersons(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	w := newWorld(t, db)
	c := newChecker(t, db)
	ents := hits.Wrap(db.Services(), c).Entities
	born := crosscase.Date{Year: 1984, Month: 7, Day: 12}
	if err := ents.CreateEntity(w.it, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Çela", BirthDate: born, Nationality: "AL"}); err != nil {
		t.Fatal(err)
	}
	if err := ents.CreateEntity(w.de, &crosscase.Entity{CaseID: w.deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Cela", BirthDate: born}); err != nil {
		t.Fatal(err)
	}
	h, _, err := db.FindHits(w.de, crosscase.HitFilter{})
	if err != nil || len(h) != 1 || len(h[0].Fields) == 0 {
		t.Fatalf("Çela / Cela with the same date of birth: %+v %v", h, err)
	}
	t.Logf("score %d, fields %+v", h[0].Score, h[0].Fields)
}

// TestCheckListWho: the list check refuses every role that works no case
// at the service, whoever calls it (crosscase.CanCheckList), and answers
// a desk member.
func TestCheckListWho(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newWorld(t, db)
		c := newChecker(t, db)
		records := []crosscase.ListRecord{{Kind: crosscase.KindPhone, Value: "+39 333 123 4567"}}
		for _, role := range []crosscase.Role{crosscase.RoleAdministrator, crosscase.RoleStatistics, crosscase.RoleJITMember, crosscase.RoleContactPoint} {
			ctx := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: &crosscase.User{ID: 99, Role: role}})
			if _, err := c.CheckList(ctx, records, 1); crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
				t.Errorf("%s checks a list: %v", role, err)
			}
		}
		if _, err := c.CheckList(context.Background(), records, 1); crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
			t.Errorf("no caller checks a list: %v", err)
		}
		if _, err := c.CheckList(w.it, records, 1); err != nil {
			t.Errorf("a desk member's check: %v", err)
		}
	})
}

// TestImportedCasesChecked: cases imported through the wrapped services
// are checked before the import returns, as a single entity is.
func TestImportedCasesChecked(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newWorld(t, db)
		if err := db.CreateEntity(w.it, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleOther, Value: "DE89 3704 0044 0532 0130 00"}); err != nil {
			t.Fatal(err)
		}
		svc := hits.Wrap(db.Services(), newChecker(t, db))
		imported := &crosscase.CaseBundle{
			Case:     &crosscase.Case{Title: "Imported laundering", OwnerDeskID: w.deskByCC["DE"], CrimeTypes: []string{"money_laundering"}, OpenedOn: crosscase.Date{Year: 2024, Month: 5, Day: 2}},
			Entities: []*crosscase.Entity{{Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: "de89370400440532013000"}},
		}
		if err := svc.CaseImporter.ImportCases(w.sys, []*crosscase.CaseBundle{imported}); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountNewHits(w.it); n != 1 {
			t.Fatalf("the imported account made %d new hits for Italy when the import returned, want 1", n)
		}
	})
}
