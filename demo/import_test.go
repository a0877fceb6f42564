package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestLoadImport: the demo opens with an import of entities (README,
// "Import"): the French desk's Prison Break case holds the inmates of the
// prison administration's list, each using the phones of their line —
// two for two of them, the second under the reference PB-1#2 — every
// entity's creation audited as an import.
func TestLoadImport(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		logins, err := demo.LoadOperations(sys, services(db))
		if err != nil {
			t.Fatal(err)
		}
		var password string
		for _, l := range logins {
			if l.Name == "fr.lefevre" {
				password = l.Password
			}
		}
		fr := as(t, db, "fr.lefevre", password)
		cases, _, err := db.FindCases(fr, crosscase.CaseFilter{Scope: crosscase.ScopeOwned, Query: "Prison Break"})
		if err != nil || len(cases) != 1 {
			t.Fatalf("the Prison Break case: %v, %v", cases, err)
		}
		c := cases[0]
		es, err := db.FindEntities(fr, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]*crosscase.Entity{}
		var refs []string
		for _, e := range es {
			byID[e.ID] = e
			if strings.HasPrefix(e.ExternalRef, "PB-") {
				refs = append(refs, string(e.Kind)+" "+e.ExternalRef)
			}
		}
		slices.Sort(refs)
		want := []string{"person PB-1", "person PB-2", "person PB-3", "phone PB-1", "phone PB-1#2", "phone PB-2", "phone PB-3", "phone PB-3#2"}
		if !slices.Equal(refs, want) {
			t.Fatalf("imported entities %q, want %q", refs, want)
		}
		rels, err := db.FindRelations(fr, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rels {
			from, to := byID[r.FromID], byID[r.ToID]
			got = append(got, fmt.Sprintf("%s %s %s", from.ExternalRef, r.Kind, to.ExternalRef))
		}
		slices.Sort(got)
		wantRels := []string{"PB-1 uses_phone PB-1", "PB-1 uses_phone PB-1#2", "PB-2 uses_phone PB-2", "PB-3 uses_phone PB-3", "PB-3 uses_phone PB-3#2"}
		if !slices.Equal(got, wantRels) {
			t.Fatalf("relations %q, want %q", got, wantRels)
		}
		entries, _, err := db.FindAuditEntries(sys, crosscase.AuditFilter{CaseID: c.ID, ObjectType: "entity", Action: crosscase.ActionCreate, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		imported := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Detail, " import") {
				imported++
			}
		}
		if imported != len(want) {
			t.Errorf("%d creations audited as an import, want %d", imported, len(want))
		}
	})
}
