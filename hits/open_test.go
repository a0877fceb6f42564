package hits_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"crosscase"
	"crosscase/hits"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestOpenSetsThresholdsBeforeCatchUp: a checker opened from a snapshot
// checks what was written while no process ran with the thresholds of
// its Config — a snapshot holds data, not settings — so the same passport
// under another name entered meanwhile is a "same document" hit; opened
// without the document threshold, it is none.
func TestOpenSetsThresholdsBeforeCatchUp(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newWorld(t, db)
		if err := db.CreateEntity(w.it, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Arben", FamilyName: "Krasniqi", IDNumber: "AL4471902"}); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		c, from, err := hits.Open(ctx, db, db, hits.DefaultConfig())
		if err != nil || from != "the store" || c.Index().Len() != 1 {
			t.Fatalf("open from the store: %q, %d entries, %v", from, c.Index().Len(), err)
		}
		path := filepath.Join(t.TempDir(), "index.snapshot")
		if err := c.Index().SaveSnapshot(ctx, path); err != nil {
			t.Fatal(err)
		}
		// Written with no checker running: not checked yet.
		if err := db.CreateEntity(w.de, &crosscase.Entity{CaseID: w.deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Dieter", FamilyName: "Hoffmann", IDNumber: "AL4471902"}); err != nil {
			t.Fatal(err)
		}
		off := hits.DefaultConfig()
		off.Snapshot, off.DocumentThreshold = path, 0
		if _, from, err := hits.Open(ctx, db, db, off); err != nil || !strings.HasPrefix(from, "snapshot ") {
			t.Fatalf("open from the snapshot: %q, %v", from, err)
		}
		if found, _, err := db.FindHits(w.de, crosscase.HitFilter{}); err != nil || len(found) != 0 {
			t.Fatalf("without a document threshold: %d hits, %v", len(found), err)
		}
		on := hits.DefaultConfig()
		on.Snapshot = path
		if _, _, err := hits.Open(ctx, db, db, on); err != nil {
			t.Fatal(err)
		}
		found, _, err := db.FindHits(w.de, crosscase.HitFilter{})
		if err != nil || len(found) != 1 || found[0].MatchKind != crosscase.HitSameDocument {
			t.Fatalf("with the default configuration: %+v, %v", found, err)
		}
	})
}
