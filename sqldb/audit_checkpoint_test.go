package sqldb_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/checkpoint"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func testSigner(t testing.TB, b byte) *checkpoint.Signer {
	t.Helper()
	s, err := checkpoint.NewSigner(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAuditCheckpoints: checkpoints are written into the log and the
// file, read by any user, and an intact log verifies against them.
func TestAuditCheckpoints(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, stats, admin := f.as(t, "it.desk_member"), f.as(t, "it.statistics"), f.as(t, "it.administrator")
		signer := testSigner(t, 1)
		file := filepath.Join(t.TempDir(), "audit-checkpoints")
		w := &checkpoint.Writer{Store: db, Signer: signer, File: file}

		_, err := db.LatestAuditCheckpoint(stats)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.LatestAuditCheckpoint(context.Background())
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		_, err = db.WriteAuditCheckpoint(it, signer, true)
		wantCode(t, err, crosscase.EFORBIDDEN)

		c := f.newCase(t, it, "AL")
		cp1, err := w.Write(context.Background(), false)
		if err != nil || cp1 == nil || cp1.Entry != cp1.Size+1 || cp1.Origin != signer.Name() {
			t.Fatalf("first checkpoint %+v %v", cp1, err)
		}
		// Nothing new since: nothing written.
		if again, err := w.Write(context.Background(), false); err != nil || again != nil {
			t.Fatalf("a checkpoint of nothing new: %+v %v", again, err)
		}
		db.FindCaseByID(it, c.ID)
		cp2, err := w.Write(context.Background(), false)
		if err != nil || cp2 == nil || cp2.Size != cp1.Entry+1 {
			t.Fatalf("second checkpoint %+v %v (first %+v)", cp2, err, cp1)
		}
		db.FindCaseByID(it, c.ID)
		cp3, err := w.Write(context.Background(), true)
		if err != nil || cp3 == nil {
			t.Fatal(err)
		}
		latest, err := db.LatestAuditCheckpoint(stats)
		if err != nil || latest.Note != cp3.Note || latest.Size != cp3.Size || latest.Entry != cp3.Entry || latest.Hash != cp3.Hash {
			t.Fatalf("latest %+v %v, want %+v", latest, err, cp3)
		}
		notes, err := checkpoint.ReadFile(file)
		if err != nil || !slices.Equal(notes, []string{cp1.Note, cp2.Note, cp3.Note}) {
			t.Fatalf("checkpoint file: %q %v", notes, err)
		}
		entries, _, _ := db.FindAuditEntries(admin, crosscase.AuditFilter{Action: crosscase.ActionCheckpoint})
		if len(entries) != 3 || entries[0].Seq != cp3.Entry || entries[0].ObjectID != cp3.Size || entries[0].ObjectType != "audit" {
			t.Fatalf("checkpoint entries %+v", entries)
		}

		// Without a key the chain verifies and the report says what was
		// not checked.
		rep, err := db.VerifyAudit(admin)
		if err != nil || !rep.OK || rep.Checkpoints != 0 || !strings.Contains(rep.Notice, "no public key") {
			t.Fatalf("verify without a key: %+v %v", rep, err)
		}
		db.AuditAnchor = &sqldb.AuditAnchor{Verifier: signer.Verifier(), Files: []string{file}}
		rep, err = db.VerifyAudit(admin)
		if err != nil || !rep.OK || rep.Checkpoints != 3 || rep.Checkpoint == nil || rep.Checkpoint.Size != cp3.Size ||
			rep.Checkpoint.Entry != cp3.Entry || rep.Entries != cp3.Entry || rep.Notice != "" {
			t.Fatalf("verify with checkpoints: %+v %v", rep, err)
		}
		if latest, _ := db.LatestAuditCheckpoint(stats); latest.VerifierKey != signer.Verifier().String() {
			t.Errorf("verifier key %q", latest.VerifierKey)
		}
		// Another key finds none of its own: that is a failure, as the log
		// was checkpointed by the key the operator trusts.
		db.AuditAnchor = &sqldb.AuditAnchor{Verifier: testSigner(t, 2).Verifier(), Files: []string{file}}
		rep, _ = db.VerifyAudit(admin)
		if rep.OK || !strings.Contains(rep.Problem, "no checkpoint signed by") || !strings.Contains(rep.Notice, "6 checkpoints signed by another key") {
			t.Fatalf("verify with another key: %+v", rep)
		}
	})
}

// checkpointedStore returns a store whose log holds three checkpoints,
// the last its last entry, with the anchor set, and a tamperer on it.
func checkpointedStore(t *testing.T, db *sqldb.DB) (*fixture, string, *sqldbtest.Tamperer) {
	f := newFixture(t, db)
	it := f.as(t, "it.desk_member")
	signer := testSigner(t, 1)
	file := filepath.Join(t.TempDir(), "audit-checkpoints")
	w := &checkpoint.Writer{Store: db, Signer: signer, File: file}
	for range 3 {
		c := f.newCase(t, it, "AL")
		for range 3 {
			db.FindCaseByID(it, c.ID)
		}
		if _, err := w.Write(context.Background(), false); err != nil {
			t.Fatal(err)
		}
	}
	db.AuditAnchor = &sqldb.AuditAnchor{Verifier: signer.Verifier(), Files: []string{file}}
	tm := &sqldbtest.Tamperer{DB: db.SQL(), Dialect: db.Dialect()}
	if err := tm.DropTriggers(); err != nil {
		t.Fatal(err)
	}
	return f, file, tm
}

// TestAuditCheckpointsCatchTampering reproduces, with the triggers
// dropped, what a plain hash chain does not show: a log cut short, a log
// deleted, and history rewritten with every later hash recomputed.
func TestAuditCheckpointsCatchTampering(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, file, tm := checkpointedStore(t, db)
		admin := f.as(t, "it.administrator")
		orig, err := tm.Entries()
		if err != nil {
			t.Fatal(err)
		}
		verify := func() *crosscase.AuditReport {
			t.Helper()
			rep, err := db.VerifyAudit(admin)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		if rep := verify(); !rep.OK || rep.Checkpoints != 3 {
			t.Fatalf("intact log: %+v", rep)
		}
		n := len(orig)
		edit := func(fn func(e []*crosscase.AuditEntry) []*crosscase.AuditEntry) []*crosscase.AuditEntry {
			return fn(sqldbtest.Copy(orig))
		}
		checkpoints := func(e []*crosscase.AuditEntry) (out []int) {
			for i, x := range e {
				if x.Action == crosscase.ActionCheckpoint {
					out = append(out, i)
				}
			}
			return out
		}
		for _, tc := range []struct {
			name    string
			log     []*crosscase.AuditEntry
			before  func()
			want    string
			first   int64
			anchors []string // files to check instead of the anchor's
		}{
			{name: "the last five entries deleted", log: orig[:n-5],
				want: "the log ends at entry " + seqOf(n-5) + ", but the signed checkpoint", first: int64(n - 4)},
			{name: "the last entry deleted", log: orig[:n-1], want: "entry " + seqOf(n) + " has been deleted", first: int64(n)},
			{name: "every entry deleted", log: nil, want: "the audit log is empty", first: 1},
			{name: "every entry and the checkpoint file deleted", log: nil, want: "no checkpoint signed by",
				before: func() { os.Rename(file, file+".gone") }},
			{name: "entry 5 edited, every later hash recomputed", log: edit(func(e []*crosscase.AuditEntry) []*crosscase.AuditEntry {
				e[4].Detail = "forged"
				sqldbtest.Rehash(e, 4)
				return e
			}), want: "history has been rewritten", first: 1},
			{name: "entry 5 edited and rehashed, checked against the log's own checkpoints", anchors: []string{},
				log: edit(func(e []*crosscase.AuditEntry) []*crosscase.AuditEntry {
					e[4].UserName = "someone else"
					sqldbtest.Rehash(e, 4)
					return e
				}), want: "history has been rewritten", first: 1},
			{name: "entry 5 edited, the recorded checkpoints removed, all rehashed", log: edit(func(e []*crosscase.AuditEntry) []*crosscase.AuditEntry {
				for _, i := range slices.Backward(checkpoints(e)) {
					e = slices.Delete(e, i, i+1)
				}
				e[4].Reason = "forged"
				sqldbtest.Rehash(e, 4)
				return e
			}), want: "history has been rewritten", first: 1},
			{name: "a middle entry deleted, the rest renumbered and rehashed", log: edit(func(e []*crosscase.AuditEntry) []*crosscase.AuditEntry {
				i := checkpoints(e)[1] - 2
				e = slices.Delete(e, i, i+1)
				sqldbtest.Rehash(e, i)
				return e
			}), want: "history has been rewritten", first: int64(checkpoints(orig)[0] + 1)},
			{name: "a recorded checkpoint's note altered, rehashed", log: edit(func(e []*crosscase.AuditEntry) []*crosscase.AuditEntry {
				i := checkpoints(e)[2]
				e[i].Detail = strings.Replace(e[i].Detail, "\n"+seqOf(i)+"\n", "\n"+seqOf(i-3)+"\n", 1)
				sqldbtest.Rehash(e, i)
				return e
			}), want: "does not verify"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if tc.before != nil {
					tc.before()
				}
				saved := db.AuditAnchor
				if tc.anchors != nil {
					db.AuditAnchor = &sqldb.AuditAnchor{Verifier: saved.Verifier, Files: tc.anchors}
				}
				defer func() {
					db.AuditAnchor = saved
					os.Rename(file+".gone", file)
					if err := tm.Replace(orig); err != nil {
						t.Fatal(err)
					}
				}()
				if err := tm.Replace(tc.log); err != nil {
					t.Fatal(err)
				}
				rep := verify()
				if rep.OK || !strings.Contains(rep.Problem, tc.want) || (tc.first != 0 && rep.FirstBroken != tc.first) {
					t.Fatalf("report %+v\nwant a problem with %q at entry %d", rep, tc.want, tc.first)
				}
				t.Logf("found: entry %d: %s", rep.FirstBroken, rep.Problem)
			})
		}
		if rep := verify(); !rep.OK {
			t.Fatalf("restored log: %+v", rep)
		}

		// What checkpoints cannot show: entries appended after the last
		// checkpoint and deleted before the next.
		it := f.as(t, "it.desk_member")
		f.newCase(t, it)
		if err := tm.Replace(orig); err != nil {
			t.Fatal(err)
		}
		if rep := verify(); !rep.OK {
			t.Fatalf("entries after the last checkpoint are not covered by it, yet: %+v", rep)
		}
	})
}

func seqOf(i int) string { return strconv.Itoa(i) }
