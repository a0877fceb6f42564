package sqldb_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestImportEntitiesRelations: an import relates the entities of each
// line of the file as crosscase.LineRelations says, in its transaction
// (README, "Import"): a person to their phone, account and e-mail
// address, a company to its phone; a line with a person and a company, or
// with no person, relates nothing. Each relation is audited as created
// by an import. A refused file leaves neither entities nor relations,
// and a reference given twice is refused naming the lines of the file;
// the second phone or account of a line is numbered (crosscase.LineRefs).
func TestImportEntitiesRelations(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, admin := f.as(t, "it.desk_member"), f.as(t, "it.administrator")
		c := f.newCase(t, it, "AL")
		role := crosscase.RoleSuspect
		person := func(ref, family string) *crosscase.Entity {
			return &crosscase.Entity{Kind: crosscase.KindPerson, Role: role, GivenName: "Ardit", FamilyName: family, ExternalRef: ref}
		}
		value := func(ref string, kind crosscase.EntityKind, v string) *crosscase.Entity {
			return &crosscase.Entity{Kind: kind, Role: role, Value: v, ExternalRef: ref}
		}
		company := func(ref, name string) *crosscase.Entity {
			return &crosscase.Entity{Kind: crosscase.KindCompany, Role: role, Name: name, ExternalRef: ref}
		}
		relations := func() []string {
			t.Helper()
			list, err := db.FindRelations(it, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[int64]string{}
			es, err := db.FindEntities(it, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				byID[e.ID] = e.ExternalRef + "/" + string(e.Kind)
			}
			var out []string
			for _, r := range list {
				out = append(out, fmt.Sprintf("%s %s %s", byID[r.FromID], r.Kind, byID[r.ToID]))
			}
			slices.Sort(out)
			return out
		}

		// A file refused at its last line: nothing of it stays.
		refused := []*crosscase.Entity{person("R1", "Kola"), value("R1", crosscase.KindPhone, "+355 69 123 4567"), value("R2", crosscase.KindIBAN, "IT00 0000")}
		if _, err := db.ImportEntities(it, c.ID, refused, []int{2, 2, 3}, nil); crosscase.ErrorField(err) != "entities[2].value" {
			t.Fatalf("a bad account: %v", err)
		}
		if es, _ := db.FindEntities(it, c.ID); len(es) != 0 || len(relations()) != 0 {
			t.Fatalf("a refused import left %d entities and relations %v", len(es), relations())
		}

		list := []*crosscase.Entity{
			// line 2: a person, their phone, account and e-mail address
			person("R1", "Kola"), value("R1", crosscase.KindPhone, "+355 69 123 4567"),
			value("R1", crosscase.KindIBAN, "AL35202111090000000001234567"), value("R1", crosscase.KindEmail, "ardit.kola@example.al"),
			// line 3: a company and its phone
			company("R2", "Durrës Shipping sh.p.k."), value("R2", crosscase.KindPhone, "+355 52 222 333"),
			// line 4: a person and a company: whose is the phone?
			person("R3", "Hoxha"), company("R3", "Hoxha Trans"), value("R3", crosscase.KindPhone, "+355 69 000 1111"),
			// line 5: a phone alone
			value("R4", crosscase.KindPhone, "+355 69 000 2222"),
		}
		n, err := db.ImportEntities(it, c.ID, list, []int{2, 2, 2, 2, 3, 3, 4, 4, 4, 5}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"R1/person holds_account R1/iban",
			"R1/person owns R1/email",
			"R1/person uses_phone R1/phone",
			"R2/company uses_phone R2/phone",
		}
		if got := relations(); n != 4 || !slices.Equal(got, want) {
			t.Fatalf("%d relations reported, recorded:\n%s\nwant:\n%s", n, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID, ObjectType: "relation", Action: crosscase.ActionCreate, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 4 {
			t.Fatalf("%d creations of relations audited, want 4", len(entries))
		}
		for _, e := range entries {
			if !strings.HasPrefix(e.Detail, "kind=") || !strings.HasSuffix(e.Detail, " import") || e.ObjectID == 0 {
				t.Errorf("relation audited as %+v", e)
			}
		}

		// A reference given to two people: the refusal names the lines of
		// the file, not the places of the entities in it; two people of
		// one line under one reference, that line.
		_, err = db.ImportEntities(it, c.ID, []*crosscase.Entity{person("R9", "Uno"), value("R9", crosscase.KindPhone, "+355 69 000 3333"), person("R9", "Due")}, []int{7, 7, 9}, nil)
		if crosscase.ErrorField(err) != "entities[2].external_ref" || !strings.Contains(crosscase.ErrorMessage(err), "(lines 7 and 9)") {
			t.Fatalf("a reference twice: %v", err)
		}
		_, err = db.ImportEntities(it, c.ID, []*crosscase.Entity{person("R9", "Uno"), person("R9", "Due")}, []int{4, 4}, nil)
		if crosscase.ErrorField(err) != "entities[1].external_ref" || !strings.HasPrefix(crosscase.ErrorMessage(err), "Line 4 gives the reference \"R9\" to two person entities") {
			t.Fatalf("a reference twice on a line: %v", err)
		}
		// A second phone numbered R1#2 that a line of an earlier import
		// holds already: refused as any reference the case holds.
		_, err = db.ImportEntities(it, c.ID, []*crosscase.Entity{value("R4", crosscase.KindPhone, "+355 69 000 6666"), value("R4", crosscase.KindPhone, "+355 69 000 7777")}, []int{2, 2}, nil)
		if crosscase.ErrorField(err) != "entities[0].external_ref" || !strings.Contains(crosscase.ErrorMessage(err), "already entity") {
			t.Fatalf("a reference the case holds: %v", err)
		}
		if es, _ := db.FindEntities(it, c.ID); len(es) != len(list) || len(relations()) != 4 {
			t.Fatalf("refused imports left %d entities, %d relations", len(es), len(relations()))
		}

		// A suspect with two phones and two accounts on one line: the
		// second of each kind is R8#2, and the person uses and holds all.
		two := []*crosscase.Entity{person("R8", "Tre"), value("R8", crosscase.KindPhone, "+355 69 000 4444"), value("R8", crosscase.KindPhone, "+355 69 000 5555"),
			value("R8", crosscase.KindIBAN, "AL11202111090000000001234999"), value("R8", crosscase.KindIBAN, "AL47212110090000000235698741")}
		n, err = db.ImportEntities(it, c.ID, two, []int{6, 6, 6, 6, 6}, nil)
		if err != nil || n != 4 {
			t.Fatalf("two phones and two accounts on a line: %d relations, %v", n, err)
		}
		if refs := []string{two[0].ExternalRef, two[1].ExternalRef, two[2].ExternalRef, two[3].ExternalRef, two[4].ExternalRef}; !slices.Equal(refs, []string{"R8", "R8", "R8#2", "R8", "R8#2"}) {
			t.Errorf("references of the line: %q", refs)
		}
		want = append(want, "R8/person holds_account R8/iban", "R8/person holds_account R8#2/iban", "R8/person uses_phone R8/phone", "R8/person uses_phone R8#2/phone")
		slices.Sort(want)
		if got := relations(); !slices.Equal(got, want) {
			t.Fatalf("recorded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// Imported again, the line is refused: R8 is the case's already.
		again := []*crosscase.Entity{person("R8", "Tre"), value("R8", crosscase.KindPhone, "+355 69 000 8888")}
		if _, err := db.ImportEntities(it, c.ID, again, []int{2, 2}, nil); crosscase.ErrorField(err) != "entities[0].external_ref" {
			t.Fatalf("a line imported again: %v", err)
		}
	})
}
