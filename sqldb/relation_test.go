package sqldb_test

import (
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// Relations tie two entities of one case: the owner desk records them,
// readers of the case read them, nobody else learns of them, and they go
// with their entities.
func TestRelations(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		c := f.newCase(t, it, "AL")
		other := f.newCase(t, de)
		boss := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Kolaveri"}
		group := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindOCG, Role: crosscase.RoleSuspect, Name: "Kolaveri clan"}
		phone := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: "+355 69 123 4567"}
		for _, e := range []*crosscase.Entity{boss, group, phone} {
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
		}
		foreign := &crosscase.Entity{CaseID: other.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Hans", FamilyName: "Meier"}
		if err := db.CreateEntity(de, foreign); err != nil {
			t.Fatal(err)
		}
		r := &crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: group.ID, Kind: crosscase.RelationMemberOf}
		if err := db.CreateRelation(it, r); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CreateRelation(it, &crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: group.ID, Kind: crosscase.RelationMemberOf}), crosscase.ECONFLICT)
		for _, bad := range []struct {
			r     crosscase.Relation
			field string
		}{
			{crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: foreign.ID, Kind: crosscase.RelationAssociate}, "to_id"},
			{crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: boss.ID, Kind: crosscase.RelationAssociate}, "to_id"},
			{crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: phone.ID, Kind: "knows"}, "kind"},
			{crosscase.Relation{CaseID: c.ID, FromID: 987654, ToID: phone.ID, Kind: crosscase.RelationUsesPhone}, "from_id"},
			// The kinds of entity a relation ties (crosscase.CheckRelationEnds).
			{crosscase.Relation{CaseID: c.ID, FromID: phone.ID, ToID: boss.ID, Kind: crosscase.RelationUsesPhone}, "from_id"},
			{crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: group.ID, Kind: crosscase.RelationUsesPhone}, "to_id"},
		} {
			if err := db.CreateRelation(it, &bad.r); crosscase.ErrorField(err) != bad.field {
				t.Errorf("%+v: %v, want field %s", bad.r, err, bad.field)
			}
		}
		wantCode(t, db.CreateRelation(f.as(t, "al.desk_member"), &crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: phone.ID, Kind: crosscase.RelationUsesPhone}), crosscase.EFORBIDDEN)
		wantCode(t, db.CreateRelation(de, &crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: phone.ID, Kind: crosscase.RelationUsesPhone}), crosscase.ENOTFOUND)
		if err := db.CreateRelation(it, &crosscase.Relation{CaseID: c.ID, FromID: boss.ID, ToID: phone.ID, Kind: crosscase.RelationUsesPhone}); err != nil {
			t.Fatal(err)
		}
		if list, err := db.FindRelations(f.as(t, "al.desk_member"), c.ID); err != nil || len(list) != 2 {
			t.Fatalf("asked desk reads: %v %v", list, err)
		}
		_, err := db.FindRelations(de, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		wantCode(t, db.DeleteRelation(de, 0, r.ID), crosscase.ENOTFOUND)
		wantCode(t, db.DeleteRelation(it, 0, 987654), crosscase.ENOTFOUND)
		if err := db.DeleteRelation(it, 0, r.ID); err != nil {
			t.Fatal(err)
		}
		// An entity's relations go with it.
		if err := db.DeleteEntity(it, phone.ID); err != nil {
			t.Fatal(err)
		}
		if list, err := db.FindRelations(it, c.ID); err != nil || len(list) != 0 {
			t.Fatalf("after deletions: %v %v", list, err)
		}
	})
}

// TestSymmetricRelation: an associate is one relation whichever way it is
// given (crosscase.RelationKind.Symmetric): the reverse of a recorded one
// is refused as the same relation (409), and changes nothing; a relation
// of a kind that reads one way may be recorded both ways.
func TestSymmetricRelation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it)
		a := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Role: crosscase.RoleSuspect, Name: "Alfa Srl"}
		b := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Role: crosscase.RoleSuspect, Name: "Beta Sh.p.k."}
		for _, e := range []*crosscase.Entity{a, b} {
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateRelation(it, &crosscase.Relation{CaseID: c.ID, FromID: a.ID, ToID: b.ID, Kind: crosscase.RelationAssociate}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CreateRelation(it, &crosscase.Relation{CaseID: c.ID, FromID: b.ID, ToID: a.ID, Kind: crosscase.RelationAssociate}), crosscase.ECONFLICT)
		wantCode(t, db.CreateRelation(it, &crosscase.Relation{CaseID: c.ID, FromID: a.ID, ToID: b.ID, Kind: crosscase.RelationAssociate}), crosscase.ECONFLICT)
		for _, r := range []*crosscase.Relation{
			{CaseID: c.ID, FromID: a.ID, ToID: b.ID, Kind: crosscase.RelationOwns},
			{CaseID: c.ID, FromID: b.ID, ToID: a.ID, Kind: crosscase.RelationOwns},
		} {
			if err := db.CreateRelation(it, r); err != nil {
				t.Fatalf("%+v: %v", r, err)
			}
		}
		if list, err := db.FindRelations(it, c.ID); err != nil || len(list) != 3 {
			t.Fatalf("relations: %v %v", list, err)
		}
	})
}
