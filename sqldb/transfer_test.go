package sqldb_test

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPartnerDataRule proves the rule on every existing path that sends
// operational personal data out: grants, hit disclosures, entity reads
// and exports by a third country's desk.
func TestPartnerDataRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		// Korea has only a working arrangement (refdata).
		kr := &crosscase.Desk{CountryCode: "KR", Kind: crosscase.DeskLiaison, Name: "Liaison KR"}
		if err := db.CreateDesk(f.sys, kr); err != nil {
			t.Fatal(err)
		}
		f.user(t, "kr.liaison", crosscase.RoleLiaison, kr.ID)
		it, krCtx, admin := f.as(t, "it.desk_member"), f.as(t, "kr.liaison"), f.as(t, "it.administrator")
		c := f.newCase(t, it, "KR")
		e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Hoxha"}
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatal(err)
		}
		wantRule := func(t *testing.T, err error) {
			t.Helper()
			wantCode(t, err, crosscase.EFORBIDDEN)
			if msg := crosscase.ErrorMessage(err); !strings.Contains(msg, "working arrangement") || !strings.Contains(msg, "Art. 56") {
				t.Fatalf("refusal does not name the rule: %q", msg)
			}
		}

		// A grant to the Korean desk is refused, and no grant is made.
		other := f.newCase(t, it)
		wantRule(t, db.GrantCase(it, other.ID, kr.ID))
		if grants, _ := db.ListCaseGrants(it, other.ID); len(grants) != 0 {
			t.Fatalf("grants after refusal: %v", grants)
		}
		// The Korean desk is asked in c: it sees the case, not its entities.
		if _, err := db.FindCaseByID(krCtx, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err := db.FindEntities(krCtx, c.ID)
		wantRule(t, err)
		_, err = db.FindEntityByID(krCtx, e.ID)
		wantRule(t, err)
		_, err = db.ExportCase(krCtx, c.ID)
		wantRule(t, err)

		// A hit checked by Korea's entity: Italy may not disclose its entity to Korea.
		krCase := f.newCase(t, krCtx)
		k := &crosscase.Entity{CaseID: krCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Hoxha"}
		if err := db.CreateEntity(krCtx, k); err != nil {
			t.Fatal(err)
		}
		itCase2 := f.newCase(t, it)
		e2 := &crosscase.Entity{CaseID: itCase2.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Hoxha"}
		if err := db.CreateEntity(it, e2); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordHits(f.sys, []crosscase.HitCandidate{{EntityID: k.ID, FoundEntityID: e2.ID, Score: 100}}); err != nil {
			t.Fatal(err)
		}
		hits, _, err := db.FindHits(it, crosscase.HitFilter{})
		if err != nil || len(hits) != 1 {
			t.Fatalf("hits %v %v", hits, err)
		}
		_, err = db.DecideHit(it, hits[0].ID, crosscase.HitDisclosed)
		wantRule(t, err)
		if h, _ := db.FindHit(it, hits[0].ID); h.Status != crosscase.HitNew {
			t.Fatalf("hit status after refusal %s", h.Status)
		}

		// Albania has a cooperation agreement: allowed, and audited as a transfer.
		if err := db.GrantCase(it, other.ID, f.desks["AL"].ID); err != nil {
			t.Fatal(err)
		}
		al := f.as(t, "al.liaison_prosecutor")
		if _, err := db.ExportCase(al, other.ID); err != nil {
			t.Fatal(err)
		}
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: other.ID, Action: crosscase.ActionTransfer, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.Detail)
		}
		if strings.Join(got, ";") != "to=AL what=case_export;to=AL what=case_grant" {
			t.Fatalf("transfer audit = %q", got)
		}
		// Refusals are audited too.
		refused, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID, Action: crosscase.ActionRefuse, Limit: 100})
		if err != nil || len(refused) < 2 {
			t.Fatalf("refusals audited: %d %v", len(refused), err)
		}
	})
}
