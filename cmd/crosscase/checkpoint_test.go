package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/checkpoint"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAuditCheckpointCommands: `audit checkpoint` signs the log's head
// into the log and the checkpoint file, and `audit verify` then fails on
// each attack a plain chain passes — with the triggers dropped, the last
// entries deleted, every entry deleted, history rewritten with every
// later hash recomputed — on SQLite and PostgreSQL. A witness's copy of
// the checkpoints catches a forger who also cut the local file.
func TestAuditCheckpointCommands(t *testing.T) {
	stores := map[string][]string{"sqlite": nil}
	if _, required := sqldbtest.PostgresURL(); required || os.Getenv("CROSSCASE_TEST_POSTGRES") != "" {
		stores["postgres"] = []string{"--db", sqldbtest.NewPostgresDatabase(t)}
	}
	for name, dbArgs := range stores {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			store := append([]string{"--data", dir}, dbArgs...)
			cmd := func(args ...string) (string, error) {
				t.Helper()
				return run(t, "", append(args, store...)...)
			}
			if out, err := cmd("demo"); err != nil {
				t.Fatalf("demo: %v\n%s", err, out)
			}
			// No key yet: the chain verifies, and says what it cannot show.
			out, err := cmd("audit", "verify")
			if err != nil || !strings.Contains(out, "audit chain intact") || !strings.Contains(out, "no public key") {
				t.Fatalf("verify before any checkpoint: %v\n%s", err, out)
			}
			out, err = cmd("audit", "checkpoint")
			if err != nil || !strings.Contains(out, "new key file") || !regexp.MustCompile(`(?m)^— crosscase-audit/[0-9a-f]{16} \S+$`).MatchString(out) {
				t.Fatalf("audit checkpoint: %v\n%s", err, out)
			}
			key := filepath.Join(dir, "audit-checkpoint.key")
			if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("key file %v %v", fi, err)
			}
			pubkey := regexp.MustCompile(`public key: (\S+)`).FindStringSubmatch(out)[1]
			if _, err := cmd("user", "add", "--desk", "IT", "--name", "it.nuovo"); err != nil {
				t.Fatal(err)
			}
			if out, err := cmd("audit", "checkpoint"); err != nil || strings.Contains(out, "new key file") {
				t.Fatalf("second checkpoint: %v\n%s", err, out)
			}
			file := filepath.Join(dir, "audit-checkpoints")
			notes, err := checkpoint.ReadFile(file)
			if err != nil || len(notes) != 2 {
				t.Fatalf("checkpoint file: %d notes, %v", len(notes), err)
			}
			out, err = cmd("audit", "verify")
			if err != nil || !strings.Contains(out, "audit chain intact") || !strings.Contains(out, "complete up to entry") {
				t.Fatalf("verify: %v\n%s", err, out)
			}

			// Behind the store's back.
			tm := tamperer(t, dir, dbArgs)
			orig, err := tm.Entries()
			if err != nil {
				t.Fatal(err)
			}
			n := len(orig)
			rewritten := sqldbtest.Copy(orig)
			rewritten[4].Detail = "forged"
			sqldbtest.Rehash(rewritten, 4)
			for _, a := range []struct {
				name string
				log  []*crosscase.AuditEntry
				want string
			}{
				{"the last three entries deleted", orig[:n-3], fmt.Sprintf("audit log of %d entries fails verification; entries from %d on cannot be trusted: the log ends at entry %d", n-3, n-2, n-3)},
				{"every entry deleted", nil, "the audit log is empty, but the signed checkpoint"},
				{"entry 5 edited, every later hash recomputed", rewritten, "history has been rewritten"},
			} {
				if err := tm.Replace(a.log); err != nil {
					t.Fatal(err)
				}
				out, err := cmd("audit", "verify")
				if err == nil || !strings.Contains(err.Error(), a.want) {
					t.Errorf("%s: %v\n%s", a.name, err, out)
				} else {
					t.Logf("%s: %v", a.name, err)
				}
			}
			// Every entry and the checkpoint file deleted: the key is left.
			if err := tm.Replace(nil); err != nil {
				t.Fatal(err)
			}
			os.Rename(file, file+".bak")
			if out, err := cmd("audit", "verify"); err == nil || !strings.Contains(err.Error(), "no checkpoint signed by") {
				t.Errorf("log and file deleted: %v\n%s", err, out)
			}
			os.Rename(file+".bak", file)

			// A witness kept both notes. The forger cuts the log back to the
			// first checkpoint's record, drops the second note from the
			// local file and removes the key: locally all looks well, and
			// only the witness's copy shows what is missing.
			witness := filepath.Join(t.TempDir(), "witness-checkpoints")
			os.WriteFile(witness, []byte(strings.Join(notes, "")), 0o644)
			first, _ := checkpoint.Parse(notes[0])
			if err := tm.Replace(orig[:first.Size+1]); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(file, []byte(notes[0]), 0o644)
			os.Rename(key, key+".bak")
			if out, err := cmd("audit", "verify"); err != nil || !strings.Contains(out, "intact") {
				t.Fatalf("the forger's local view: %v\n%s", err, out)
			}
			out, err = cmd("audit", "verify", "--checkpoint", witness, "--checkpoint-pubkey", pubkey)
			if err == nil || !strings.Contains(err.Error(), "witness-checkpoints, note 2") {
				t.Errorf("the witness's copy: %v\n%s", err, out)
			} else {
				t.Logf("with the witness's copy: %v", err)
			}

			// Restored, everything verifies again, also with the key given as a file.
			os.Rename(key+".bak", key)
			os.WriteFile(file, []byte(strings.Join(notes, "")), 0o644)
			if err := tm.Replace(orig); err != nil {
				t.Fatal(err)
			}
			pubFile := filepath.Join(t.TempDir(), "pub")
			os.WriteFile(pubFile, []byte(pubkey+"\n"), 0o644)
			if out, err := cmd("audit", "verify", "--checkpoint", witness, "--checkpoint-pubkey", pubFile); err != nil ||
				!strings.Contains(out, "complete up to entry "+strconv.Itoa(n-1)) {
				t.Fatalf("restored: %v\n%s", err, out)
			}
		})
	}
}

// tamperer opens the store's tables directly, with the triggers that keep
// the audit log append-only dropped.
func tamperer(t *testing.T, dir string, dbArgs []string) *sqldbtest.Tamperer {
	t.Helper()
	tm := &sqldbtest.Tamperer{Dialect: sqldb.SQLite}
	var err error
	if len(dbArgs) == 2 {
		tm.Dialect = sqldb.Postgres
		tm.DB, err = sql.Open("pgx", dbArgs[1])
	} else {
		tm.DB, err = openStoreFile(filepath.Join(dir, "crosscase.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tm.DB.Close() })
	if err := tm.DropTriggers(); err != nil {
		t.Fatal(err)
	}
	return tm
}

// TestServeCheckpoints: serve checkpoints the log at start, every
// --checkpoint-every and at exit; any user reads the latest through the
// API, and the log verifies against them up to its last entry.
func TestServeCheckpoints(t *testing.T) {
	dir := t.TempDir()
	t.Run("serve", func(t *testing.T) {
		url, out := serve(t, "--data", dir, "--checkpoint-every", "100ms")
		if !regexp.MustCompile(`audit checkpoint \(\d+ entr(?:y|ies)\) in \S+audit-checkpoints; signed with new key file`).MatchString(out.String()) {
			t.Fatalf("start:\n%s", out)
		}
		if _, err := run(t, "", "user", "add", "--data", dir, "--role", "statistics", "--name", "witness"); err != nil {
			t.Fatal(err)
		}
		// The witness chooses their own password, as at a first sign-in:
		// until then their token opens nothing.
		store, err := sqldb.OpenMigrated(context.Background(), sqldb.Location{Data: dir})
		if err != nil {
			t.Fatal(err)
		}
		w, err := store.FindUserByName(crosscase.SystemContext(context.Background()), "witness")
		if err == nil {
			err = store.SetPassword(crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: w}), w.ID, "the witness's own long password")
		}
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		tok, err := run(t, "", "token", "create", "--data", dir, "--user", "witness")
		if err != nil {
			t.Fatal(err)
		}
		token := strings.TrimSpace(tok)
		// The user and token entries are checkpointed within 100 ms.
		deadline := time.Now().Add(20 * time.Second)
		for {
			status, body := api(t, "GET", url+"/api/v1/audit/checkpoint", token, nil)
			if status != 200 {
				t.Fatalf("checkpoint: %d %v", status, body)
			}
			notes, _ := checkpoint.ReadFile(filepath.Join(dir, "audit-checkpoints"))
			if len(notes) >= 2 && body["note"] == notes[len(notes)-1] {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no periodic checkpoint: %v, %d notes", body, len(notes))
			}
			time.Sleep(50 * time.Millisecond)
		}
		if status, _ := api(t, "GET", url+"/api/v1/audit/verify", token, nil); status != 403 {
			t.Errorf("a statistics user verifies: %d", status)
		}
	})
	// At exit the last entries were checkpointed too: the log ends in a
	// checkpoint's record.
	out, err := run(t, "", "audit", "verify", "--data", dir)
	m := regexp.MustCompile(`audit chain intact: (\d+) entr(?:y|ies)\ncomplete up to entry (\d+)`).FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("verify after serve: %v\n%s", err, out)
	}
	if entries, _ := strconv.Atoi(m[1]); strconv.Itoa(entries-1) != m[2] {
		t.Errorf("the last checkpoint does not cover the log up to its record:\n%s", out)
	}
}
