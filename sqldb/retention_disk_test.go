package sqldb_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"crosscase"
)

// TestRetentionErasureLeavesNoBytes: on SQLite, once a case's personal
// data are deleted (a review, an acquittal), the person's name, identity
// number and notes are in no file of the store any more: not in a freed
// page of the database, not in its write-ahead log, not in the search
// index. A file copied from the disk gives nothing back.
func TestRetentionErasureLeavesNoBytes(t *testing.T) {
	dir := t.TempDir()
	db, _ := sqliteFile(t, dir)
	f := newFixture(t, db)
	it := f.as(t, "it.desk_member")
	c := f.newCase(t, it, "AL")
	secrets := []string{"Quaxorrel", "Zbignievo", "QX9981234", "Via Quaxorrelli 77", "Seen at the Quaxorrel farm"}
	person := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
		GivenName: "Zbignievo", FamilyName: "Quaxorrel", IDNumber: "QX9981234", Address: "Via Quaxorrelli 77", Notes: "Seen at the Quaxorrel farm"}
	if err := db.CreateEntity(it, person); err != nil {
		t.Fatal(err)
	}
	acquitted := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ortwinus", FamilyName: "Plimsoddle"}
	if err := db.CreateEntity(it, acquitted); err != nil {
		t.Fatal(err)
	}
	// Some writes after, so that the pages move about as in use.
	for range 20 {
		f.newCase(t, it)
	}
	onDisk := func(s string) []string {
		var in []string
		for _, name := range []string{"crosscase.db", "crosscase.db-wal"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(s)) {
				in = append(in, name)
			}
		}
		return in
	}
	if len(onDisk("Quaxorrel")) == 0 || len(onDisk("Plimsoddle")) == 0 {
		t.Fatal("the people are not in the store's files before the deletion: the test reads the wrong files")
	}

	if err := db.RecordAcquittal(it, 0, acquitted.ID, mustDate(t, "2024-01-10")); err != nil {
		t.Fatal(err)
	}
	if in := onDisk("Plimsoddle"); len(in) > 0 {
		t.Errorf("after the acquittal, the acquitted person's name is still in %v", in)
	}
	if _, err := db.ReviewRetention(it, c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewDelete}); err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if in := onDisk(s); len(in) > 0 {
			t.Errorf("after the deletion, %q is still in %v", s, in)
		}
	}
}

// A reader that holds an older snapshot stops the checkpoint after a
// deletion of personal data short, and the deleted data stay in the
// store's files: the flush is then owed, and the next retention sweep
// runs it once the reader is gone.
func TestRetentionFlushOwedWhileReaderHoldsSnapshot(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the store's busy timeout")
	}
	ctx := context.Background()
	db, path := sqliteFile(t, t.TempDir())
	f := newFixture(t, db)
	it := f.as(t, "it.desk_member")
	c := f.newCase(t, it, "AL")
	acquitted := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ortwinus", FamilyName: "Plimsoddle"}
	if err := db.CreateEntity(it, acquitted); err != nil {
		t.Fatal(err)
	}
	// A store opened anew owes a flush, which its first sweep runs.
	if !db.FlushOwed() {
		t.Error("a store opened anew owes no flush")
	}
	if _, err := db.SweepRetention(f.sys); err != nil || db.FlushOwed() {
		t.Fatalf("first sweep: %v, owed %v", err, db.FlushOwed())
	}

	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	reader, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Rollback()
	var n int
	if err := reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM entities`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordAcquittal(it, 0, acquitted.ID, mustDate(t, "2024-01-10")); err != nil {
		t.Fatal(err)
	}
	if !db.FlushOwed() {
		t.Error("the checkpoint stopped short by a reader is not owed")
	}
	if err := reader.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SweepRetention(f.sys); err != nil || db.FlushOwed() {
		t.Errorf("sweep after the reader: %v, owed %v", err, db.FlushOwed())
	}
	for _, name := range []string{"crosscase.db", "crosscase.db-wal"} {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(path), name))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("Plimsoddle")) {
			t.Errorf("after the sweep, the acquitted person's name is still in %s", name)
		}
	}
}
