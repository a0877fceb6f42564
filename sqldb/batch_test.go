package sqldb_test

import (
	"context"
	"errors"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestBatch: audited reads in a batch commit together; a refusal inside
// is recorded even when the batch rolls back; and an error rolls back the
// batch's audit entries.
func TestBatch(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de, admin := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "it.administrator")
		c := f.newCase(t, it)
		count := func(action string) int {
			t.Helper()
			entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID, Action: action, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(entries)
		}
		reads, refusals := count(crosscase.ActionRead), count(crosscase.ActionRefuse)
		err := db.Batch(it, func(ctx context.Context) error {
			if _, err := db.FindCaseByID(ctx, c.ID); err != nil {
				return err
			}
			_, err := db.FindEntities(ctx, c.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(crosscase.ActionRead); got != reads+2 {
			t.Fatalf("reads after a batch: %d, want %d", got, reads+2)
		}
		// Another desk's refused read, inside a batch that then fails.
		boom := errors.New("boom")
		err = db.Batch(de, func(ctx context.Context) error {
			if _, err := db.FindCaseByID(ctx, c.ID); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
				t.Fatalf("DE reads IT's case in a batch: %v", err)
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("batch error %v", err)
		}
		if got := count(crosscase.ActionRefuse); got != refusals+1 {
			t.Fatalf("refusals after a failed batch: %d, want %d", got, refusals+1)
		}
		// A batch that fails after a successful read leaves no read entry.
		reads = count(crosscase.ActionRead)
		_ = db.Batch(it, func(ctx context.Context) error {
			if _, err := db.FindCaseByID(ctx, c.ID); err != nil {
				return err
			}
			return boom
		})
		if got := count(crosscase.ActionRead); got != reads {
			t.Fatalf("reads after a rolled-back batch: %d, want %d", got, reads)
		}
		if r, err := db.VerifyAudit(admin); err != nil || !r.OK {
			t.Fatalf("audit chain: %+v %v", r, err)
		}
	})
}
