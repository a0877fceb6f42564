package sqldb_test

import (
	"context"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestHits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		itCase, deCase := f.newCase(t, it), f.newCase(t, de)
		a := &crosscase.Entity{CaseID: itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Taras", FamilyName: "Shevchenko"}
		b := &crosscase.Entity{CaseID: deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Taras", FamilyName: "Schewtschenko", Notes: "secret German note"}
		if err := db.CreateEntity(it, a); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateEntity(de, b); err != nil {
			t.Fatal(err)
		}
		cand := []crosscase.HitCandidate{{EntityID: a.ID, FoundEntityID: b.ID, Score: 93, Fields: []crosscase.HitField{{Field: "family_name", Score: 0.95, How: "transliteration"}}}}
		_, err := db.RecordHits(it, cand)
		wantCode(t, err, crosscase.EFORBIDDEN)
		n, err := db.RecordHits(f.sys, cand)
		if err != nil || n != 1 {
			t.Fatalf("record: %d %v", n, err)
		}
		// Found again, from the other side, by another process: still one hit.
		n, err = db.RecordHits(f.sys, []crosscase.HitCandidate{{EntityID: b.ID, FoundEntityID: a.ID, Score: 93}})
		if err != nil || n != 0 {
			t.Fatalf("record again: %d %v", n, err)
		}
		itHits, _, err := db.FindHits(it, crosscase.HitFilter{})
		if err != nil || len(itHits) != 1 {
			t.Fatalf("IT hits: %v %v", itHits, err)
		}
		h := itHits[0]
		if h.Side != "checked" || h.OtherCountry != "DE" || h.OtherCaseID != 0 || h.OtherEntityID != 0 || h.CanDecide || h.Status != crosscase.HitNew {
			t.Fatalf("IT sees %+v before disclosure", h)
		}
		if n, _ := db.CountNewHits(de); n != 1 {
			t.Fatalf("DE new hits = %d", n)
		}
		// Nobody else sees it; IT cannot read the German entity yet.
		for _, name := range []string{"al.desk_member", "it.statistics", "de.administrator"} {
			_, err := db.FindHit(f.as(t, name), h.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			list, _, _ := db.FindHits(f.as(t, name), crosscase.HitFilter{})
			if len(list) != 0 {
				t.Fatalf("%s lists %d hits", name, len(list))
			}
		}
		_, err = db.FindEntityByID(it, b.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		// Only the found side discloses; either side dismisses.
		_, err = db.DecideHit(it, h.ID, crosscase.HitDisclosed)
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.DecideHit(de, h.ID, crosscase.HitNew)
		wantCode(t, err, crosscase.EINVALID)
		// Restricting and dismissing say why; without a reason nothing moves.
		for _, st := range []crosscase.HitStatus{crosscase.HitRestricted, crosscase.HitDismissed} {
			_, err = db.DecideHit(withoutReason(de), h.ID, st)
			if wantCode(t, err, crosscase.EINVALID); crosscase.ErrorField(err) != "reason" {
				t.Fatalf("%s without a reason: %v", st, err)
			}
		}
		if v, _ := db.FindHit(de, h.ID); v.Status != crosscase.HitNew {
			t.Fatalf("a refused decision moved the hit to %s", v.Status)
		}
		if _, err := db.DecideHit(de, h.ID, crosscase.HitRestricted); err != nil {
			t.Fatal(err)
		}
		_, err = db.FindEntityByID(it, b.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		got, err := db.DecideHit(de, h.ID, crosscase.HitDisclosed)
		if err != nil || got.Side != "found" || got.OtherCaseID != itCase.ID {
			t.Fatalf("disclose: %+v %v", got, err)
		}
		seen, err := db.FindEntityByID(it, b.ID)
		if err != nil || seen.FamilyName != "Schewtschenko" {
			t.Fatalf("IT reads the disclosed entity: %v %v", seen, err)
		}
		// The rest of the German case stays hidden.
		_, err = db.FindCaseByID(it, deCase.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.UpdateEntity(it, b.ID, crosscase.EntityUpdate{Version: b.Version})
		wantCode(t, err, crosscase.ENOTFOUND)
		if v, _ := db.FindHit(it, h.ID); v.OtherCaseID != deCase.ID || v.OtherEntityID != b.ID {
			t.Fatalf("IT after disclosure: %+v", v)
		}
		if _, err := db.DecideHit(it, h.ID, crosscase.HitDismissed); err != nil {
			t.Fatal(err)
		}
		_, err = db.DecideHit(de, h.ID, crosscase.HitDisclosed)
		wantCode(t, err, crosscase.ECONFLICT)
		entries, _, _ := db.FindAuditEntries(f.as(t, "it.administrator"), crosscase.AuditFilter{ObjectType: "hit", CaseID: deCase.ID, Limit: 100})
		actions := map[string]int{}
		for _, e := range entries {
			actions[e.Action]++
		}
		if actions["create"] != 1 || actions["restrict"] != 1 || actions["disclose"] != 1 || actions["dismiss"] != 1 {
			t.Fatalf("audit of the hit: %v", actions)
		}
		for _, e := range entries {
			if e.Action == "dismiss" && e.Reason != "contract test" {
				t.Fatalf("the dismissal's audit entry has reason %q", e.Reason)
			}
		}
	})
}

// TestHitBetweenOwnCases: a hit between two cases of one desk, listed for
// either case, is seen from that case: the other case is the other one.
func TestHitBetweenOwnCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		first, second := f.newCase(t, it), f.newCase(t, it)
		a := &crosscase.Entity{CaseID: first.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Taras", FamilyName: "Shevchenko"}
		b := &crosscase.Entity{CaseID: second.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Taras", FamilyName: "Shevchenko"}
		for _, e := range []*crosscase.Entity{a, b} {
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := db.RecordHits(f.sys, []crosscase.HitCandidate{{EntityID: a.ID, FoundEntityID: b.ID, Score: 100}}); err != nil || n != 1 {
			t.Fatalf("record: %d %v", n, err)
		}
		for _, c := range []struct{ caseID, entity, other int64 }{{first.ID, a.ID, second.ID}, {second.ID, b.ID, first.ID}} {
			hs, _, err := db.FindHits(it, crosscase.HitFilter{CaseID: c.caseID})
			if err != nil || len(hs) != 1 {
				t.Fatalf("hits of case %d: %v %v", c.caseID, hs, err)
			}
			if h := hs[0]; h.CaseID != c.caseID || h.EntityID != c.entity || h.OtherCaseID != c.other {
				t.Errorf("hit listed for case %d seen as case %d, other %d", c.caseID, h.CaseID, h.OtherCaseID)
			}
		}
	})
}

func TestEntityFeed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it)
		e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPhone, Value: "+39 080 555 0101"}
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatal(err)
		}
		var scanned []crosscase.EntityChange
		pos, err := db.ScanEntities(f.sys, func(ch crosscase.EntityChange) error { scanned = append(scanned, ch); return nil })
		if err != nil || len(scanned) != 1 || scanned[0].CaseCountry != "IT" || pos == 0 {
			t.Fatalf("scan: %+v %d %v", scanned, pos, err)
		}
		_, err = db.ScanEntities(it, func(crosscase.EntityChange) error { return nil })
		wantCode(t, err, crosscase.EFORBIDDEN)
		note := "changed"
		if _, err := db.UpdateEntity(it, e.ID, crosscase.EntityUpdate{Version: 1, Notes: &note}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteEntity(it, e.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.ImportCases(f.sys, []*crosscase.CaseBundle{{Case: &crosscase.Case{Title: "Imported", OwnerDeskID: f.desks["DE"].ID, CrimeTypes: []string{"fraud_other"}, OpenedOn: c.OpenedOn},
			Entities: []*crosscase.Entity{{Kind: crosscase.KindEmail, Value: "a@example.org"}, {Kind: crosscase.KindEmail, Value: "b@example.org"}}}}); err != nil && crosscase.ErrorField(err) != "bundles[0].crime_types[0]" {
			t.Fatal(err)
		}
		if err := db.ImportCases(f.sys, []*crosscase.CaseBundle{{Case: &crosscase.Case{Title: "Imported", OwnerDeskID: f.desks["DE"].ID, CrimeTypes: []string{"cybercrime"}, OpenedOn: c.OpenedOn},
			Entities: []*crosscase.Entity{{Kind: crosscase.KindEmail, Value: "a@example.org"}, {Kind: crosscase.KindEmail, Value: "b@example.org"}}}}); err != nil {
			t.Fatal(err)
		}
		changes, err := db.EntityChanges(f.sys, pos, 100)
		if err != nil {
			t.Fatal(err)
		}
		var deleted, imported int
		for _, ch := range changes {
			if ch.Deleted && ch.EntityID == e.ID {
				deleted++
			}
			if ch.Entity != nil && ch.Entity.Kind == crosscase.KindEmail && ch.DeskID == f.desks["DE"].ID {
				imported++
			}
		}
		// The update comes before the delete, so it reads as gone too.
		if deleted != 2 || imported != 2 {
			t.Fatalf("changes %+v", changes)
		}
		last := changes[len(changes)-1].Seq
		if more, _ := db.EntityChanges(f.sys, last, 100); len(more) != 0 {
			t.Fatalf("changes after the last: %+v", more)
		}
	})
}

func TestImportEntitiesAndCaseRefs(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		good := func() []*crosscase.Entity {
			return []*crosscase.Entity{{Kind: crosscase.KindPhone, Value: "+39 080 555 0101", ExternalRef: "R1"}, {Kind: crosscase.KindPerson, FamilyName: "Rossi", ExternalRef: "R2"}}
		}
		imp := func(ctx context.Context, list []*crosscase.Entity) error {
			_, err := db.ImportEntities(ctx, c.ID, list, nil, nil)
			return err
		}
		wantCode(t, imp(f.as(t, "al.desk_member"), good()), crosscase.EFORBIDDEN)
		wantCode(t, imp(f.as(t, "de.desk_member"), good()), crosscase.ENOTFOUND)
		bad := append(good(), &crosscase.Entity{Kind: crosscase.KindIBAN, Value: "IT00 0000"})
		if err := imp(it, bad); crosscase.ErrorField(err) != "entities[2].value" {
			t.Fatalf("bad entity: %v", err)
		}
		if es, _ := db.FindEntities(it, c.ID); len(es) != 0 {
			t.Fatalf("a refused import left %d entities", len(es))
		}
		if err := imp(it, good()); err != nil {
			t.Fatal(err)
		}
		if es, _ := db.FindEntities(it, c.ID); len(es) != 2 {
			t.Fatalf("imported %d entities", len(es))
		}
		deCase := f.newCase(t, f.as(t, "de.desk_member"))
		refs, err := db.FindCaseRefs(it, []int64{c.ID, deCase.ID, 999999})
		if err != nil || len(refs) != 2 {
			t.Fatalf("refs: %v %v", refs, err)
		}
		if r := refs[c.ID]; !r.Visible || r.Reference != c.Reference {
			t.Errorf("own case: %+v", r)
		}
		if r := refs[deCase.ID]; r.Visible || r.Reference != "" || r.OwnerCountry != "DE" {
			t.Errorf("foreign case: %+v", r)
		}
	})
}

// withoutReason returns ctx acting as the same user, with no reason given.
func withoutReason(ctx context.Context) context.Context {
	a := *crosscase.ActorFromContext(ctx)
	a.Reason = ""
	return crosscase.NewContextWithActor(ctx, &a)
}
