package sqldb_test

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPersonIdentity proves that a person's identity number and address,
// and a company's address, are stored, read, changed, exported and fed to
// the matcher, and that bad values are refused naming the field with
// nothing changed.
func TestPersonIdentity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		p := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Hoxha",
			IDNumber: " J12345678K ", Address: "Rruga e Kavajës 12, Tiranë"}
		if err := db.CreateEntity(it, p); err != nil {
			t.Fatal(err)
		}
		if p.IDNumber != "J12345678K" {
			t.Fatalf("id_number not trimmed: %q", p.IDNumber)
		}
		got, err := db.FindEntityByID(it, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.IDNumber != "J12345678K" || got.Address != "Rruga e Kavajës 12, Tiranë" {
			t.Fatalf("read back %q %q", got.IDNumber, got.Address)
		}
		co := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Name: "Durrës Shipping Sh.p.k.", Address: "Lagjja 1, Durrës"}
		if err := db.CreateEntity(it, co); err != nil {
			t.Fatal(err)
		}

		// Update: both fields change, version moves on.
		id, addr := "AA 1234567", "Via Roma 1, 70121 Bari"
		upd, err := db.UpdateEntity(it, p.ID, crosscase.EntityUpdate{Version: 1, IDNumber: &id, Address: &addr})
		if err != nil {
			t.Fatal(err)
		}
		if upd.IDNumber != id || upd.Address != addr || upd.Version != 2 {
			t.Fatalf("update: %+v", upd)
		}
		// An update that leaves them out keeps them.
		note := "Seen in Bari."
		if upd, err = db.UpdateEntity(it, p.ID, crosscase.EntityUpdate{Version: 2, Notes: &note}); err != nil || upd.IDNumber != id || upd.Address != addr {
			t.Fatalf("partial update: %+v %v", upd, err)
		}

		// The list, the export, the asked desk and the matcher's feed carry them.
		list, err := db.FindEntities(it, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]*crosscase.Entity{}
		for _, e := range list {
			byID[e.ID] = e
		}
		if e := byID[p.ID]; e == nil || e.IDNumber != id || e.Address != addr {
			t.Fatalf("list: %+v", e)
		}
		if e := byID[co.ID]; e == nil || e.Address != "Lagjja 1, Durrës" || e.IDNumber != "" {
			t.Fatalf("list company: %+v", e)
		}
		b, err := db.ExportCase(f.as(t, "al.liaison_prosecutor"), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range b.Entities {
			found = found || (e.ID == p.ID && e.IDNumber == id && e.Address == addr)
		}
		if !found {
			t.Fatalf("export lacks the fields: %+v", b.Entities)
		}
		var scanned *crosscase.Entity
		pos, err := db.ScanEntities(f.sys, func(ch crosscase.EntityChange) error {
			if ch.EntityID == p.ID {
				scanned = ch.Entity
			}
			return nil
		})
		if err != nil || scanned == nil || scanned.IDNumber != id || scanned.Address != addr {
			t.Fatalf("scan: %+v %v", scanned, err)
		}
		addr2 := "Rruga Myslym Shyri 4, Tiranë"
		if _, err := db.UpdateEntity(it, p.ID, crosscase.EntityUpdate{Version: 3, Address: &addr2}); err != nil {
			t.Fatal(err)
		}
		changes, err := db.EntityChanges(f.sys, pos, 100)
		if err != nil || len(changes) != 1 || changes[0].Entity == nil || changes[0].Entity.Address != addr2 || changes[0].Entity.IDNumber != id {
			t.Fatalf("changes: %+v %v", changes, err)
		}

		// Bad values are refused naming the field; nothing is stored.
		before, _ := db.FindEntities(it, c.ID)
		for _, bad := range []struct {
			e     crosscase.Entity
			field string
		}{
			{crosscase.Entity{Kind: crosscase.KindCompany, Name: "Acme", IDNumber: "123"}, "id_number"},
			{crosscase.Entity{Kind: crosscase.KindPhone, Value: "+39 080 555 0101", IDNumber: "123"}, "id_number"},
			{crosscase.Entity{Kind: crosscase.KindPhone, Value: "+39 080 555 0101", Address: "Bari"}, "address"},
			{crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "Rossi", IDNumber: strings.Repeat("9", 65)}, "id_number"},
			{crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "Rossi", IDNumber: "AB\x00123"}, "id_number"},
			{crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "Rossi", IDNumber: "AB\u200b123"}, "id_number"},
			{crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "Rossi", IDNumber: "--//--"}, "id_number"},
			{crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "Rossi", Address: strings.Repeat("a", 301)}, "address"},
			{crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "Rossi", Address: "Via Roma 1\nBari"}, "address"},
			{crosscase.Entity{Kind: crosscase.KindCompany, Name: "Acme", Address: "Via \u202eRoma"}, "address"},
		} {
			e := bad.e
			e.CaseID = c.ID
			err := db.CreateEntity(it, &e)
			wantCode(t, err, crosscase.EINVALID)
			if got := crosscase.ErrorField(err); got != bad.field {
				t.Errorf("%+v: field %q, want %q", bad.e, got, bad.field)
			}
		}
		long := strings.Repeat("x", 301)
		_, err = db.UpdateEntity(it, p.ID, crosscase.EntityUpdate{Version: 4, Address: &long})
		if crosscase.ErrorField(err) != "address" {
			t.Fatalf("oversized address update: %v", err)
		}
		onCompany := "HRB 12345"
		_, err = db.UpdateEntity(it, co.ID, crosscase.EntityUpdate{Version: 1, IDNumber: &onCompany})
		if crosscase.ErrorField(err) != "id_number" {
			t.Fatalf("company id_number update: %v", err)
		}
		after, _ := db.FindEntities(it, c.ID)
		if len(after) != len(before) {
			t.Fatalf("entities %d after refusals, want %d", len(after), len(before))
		}
		if e, _ := db.FindEntityByID(it, p.ID); e.Version != 4 || e.Address != addr2 || e.IDNumber != id {
			t.Fatalf("refused update changed the person: %+v", e)
		}
		if e, _ := db.FindEntityByID(it, co.ID); e.Version != 1 || e.IDNumber != "" {
			t.Fatalf("refused update changed the company: %+v", e)
		}

		// Import, one entity and many at once, keep the fields.
		imp := []*crosscase.Entity{{Kind: crosscase.KindPerson, FamilyName: "Bianchi", IDNumber: "RSSMRA80A01H501U", Address: "Via Sparano 3, Bari"}}
		if _, err := db.ImportEntities(it, c.ID, imp, nil, nil); err != nil {
			t.Fatal(err)
		}
		if e, err := db.FindEntityByID(it, imp[0].ID); err != nil || e.IDNumber != "RSSMRA80A01H501U" || e.Address != "Via Sparano 3, Bari" {
			t.Fatalf("imported: %+v %v", e, err)
		}
		_, err = db.ImportEntities(it, c.ID, []*crosscase.Entity{{Kind: crosscase.KindPerson, FamilyName: "Verdi"}, {Kind: crosscase.KindCompany, Name: "Acme", IDNumber: "1"}}, nil, nil)
		if crosscase.ErrorField(err) != "entities[1].id_number" {
			t.Fatalf("import of a company with id_number: %v", err)
		}
		bundle := &crosscase.CaseBundle{Case: &crosscase.Case{Title: "Imported", OwnerDeskID: f.desks["DE"].ID, CrimeTypes: []string{"cybercrime"}, OpenedOn: c.OpenedOn},
			Entities: []*crosscase.Entity{{Kind: crosscase.KindPerson, FamilyName: "Schmidt", IDNumber: "L01X00T47", Address: "Hauptstraße 1, Berlin"}}}
		if err := db.ImportCases(f.sys, []*crosscase.CaseBundle{bundle}); err != nil {
			t.Fatal(err)
		}
		de, err := db.FindEntities(f.as(t, "de.desk_member"), bundle.Case.ID)
		if err != nil || len(de) != 1 || de[0].IDNumber != "L01X00T47" || de[0].Address != "Hauptstraße 1, Berlin" {
			t.Fatalf("imported case: %+v %v", de, err)
		}

		// Another desk cannot read the person by guessing its id.
		_, err = db.FindEntityByID(f.as(t, "de.desk_member"), p.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
	})
}
