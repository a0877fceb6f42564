package http

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"crosscase"
	"crosscase/checkpoint"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIAuditCheckpoint: any signed-in user but a JIT-only account reads
// the latest signed checkpoint, which verifies with the key; the
// administrator's verification reports the checkpoints it checked.
func TestAPIAuditCheckpoint(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	stats := ts.apiUser("witness", crosscase.RoleStatistics, "IT")
	admin := ts.apiUser("root", crosscase.RoleAdministrator, "")
	jit := ts.apiUser("kola", crosscase.RoleJITMember, "AL")

	stats.get("/api/v1/audit/checkpoint").wantProblem(t, http.StatusNotFound, "")
	stats.get("/api/v1/audit/checkpoint?size=3").wantProblem(t, http.StatusBadRequest, "size")

	signer, err := checkpoint.NewSigner(bytes.Repeat([]byte{5}, 32))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "audit-checkpoints")
	db.AuditAnchor = &sqldb.AuditAnchor{Verifier: signer.Verifier(), Files: []string{file}}
	w := &checkpoint.Writer{Store: db, Signer: signer, File: file}
	written, err := w.Write(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}

	var cp crosscase.AuditCheckpoint
	stats.get("/api/v1/audit/checkpoint").decode(t, http.StatusOK, &cp)
	if cp.Note != written.Note || cp.Size != written.Size || cp.Entry != written.Size+1 || cp.VerifierKey != signer.Verifier().String() {
		t.Fatalf("checkpoint %+v, want %+v", cp, written)
	}
	// A witness checks the note with the key it was given.
	v, err := checkpoint.ParseVerifier(cp.VerifierKey)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := v.Open(cp.Note); err != nil || c.Size != cp.Size || c.Hash != cp.Hash {
		t.Fatalf("note does not verify: %+v %v", c, err)
	}
	jit.get("/api/v1/audit/checkpoint").wantProblem(t, http.StatusForbidden, "")
	admin.get("/api/v1/audit/checkpoint").decode(t, http.StatusOK, &cp)

	var rep crosscase.AuditReport
	admin.get("/api/v1/audit/verify").decode(t, http.StatusOK, &rep)
	if !rep.OK || rep.Checkpoints != 1 || rep.Checkpoint == nil || rep.Checkpoint.Size != written.Size {
		t.Fatalf("verify %+v", rep)
	}
	stats.get("/api/v1/audit/verify").wantProblem(t, http.StatusForbidden, "")

	// The page says how far the log is proven complete.
	page := ts.pageSignIn(admin.User)
	r := page.get("/admin/audit?verify=1").wantStatus(http.StatusOK)
	// in whole sentences, the checkpoint's own entry named as one
	want := fmt.Sprintf("Complete up to entry %d, by the one signed checkpoint (%s).", rep.Checkpoint.Size, rep.Checkpoint.Source)
	if rep.Checkpoint.Entry != 0 {
		want = fmt.Sprintf("Complete up to entry %d, by the one signed checkpoint, recorded as entry %d.", rep.Checkpoint.Size, rep.Checkpoint.Entry)
	}
	if got := r.text("#verify-result"); !strings.Contains(got, " entries are intact. ") || !strings.HasSuffix(got, want) {
		t.Errorf("verify page: %q, want it to end %q", got, want)
	}

	// The log cut short after the checkpoint, in Spanish: the failure is
	// whole sentences, the kind of failure and where the checkpoint was
	// found in the reader's language.
	tm := &sqldbtest.Tamperer{DB: db.SQL(), Dialect: db.Dialect()}
	if err := tm.DropTriggers(); err != nil {
		t.Fatal(err)
	}
	entries, err := tm.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.Replace(entries[:written.Size]); err != nil {
		t.Fatal(err)
	}
	page.acceptLanguage = "es"
	r = page.get("/admin/audit?verify=1").wantStatus(http.StatusOK)
	got := r.text("#verify-result")
	for _, want := range []string{
		fmt.Sprintf("no supera la verificación a partir de la entrada %d.", written.Size+1),
		fmt.Sprintf(" El registro termina en la entrada %d, pero el punto de control firmado de %d entradas (%s, nota 1) se registró como entrada %d: se ha suprimido la entrada %d.",
			written.Size, written.Size, file, written.Size+1, written.Size+1),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("tampered log in Spanish: %q, want %q in it", got, want)
		}
	}
	for _, english := range []string{"entry", "entries", "note", "checkpoint", "deleted"} {
		if strings.Contains(strings.ReplaceAll(got, file, "FILE"), english) {
			t.Errorf("tampered log in Spanish: %q says %q", got, english)
		}
	}
}
