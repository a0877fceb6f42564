package sqldb_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"crosscase"
	"crosscase/checkpoint"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// tamperRounds is how many tamperings TestAuditTamperFuzz tries:
// CROSSCASE_TAMPER_ROUNDS, else 1,000 (200 with -short; a third of that
// on PostgreSQL).
func tamperRounds(t *testing.T) int {
	if s := os.Getenv("CROSSCASE_TAMPER_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("CROSSCASE_TAMPER_ROUNDS=%q", s)
		}
		return n
	}
	if testing.Short() {
		return 200
	}
	return 1000
}

// TestAuditTamperFuzz tampers at random with a copy of a store whose log
// ends in a checkpoint, as someone holding the database could, and
// checks that verification finds every tampering: an edited field,
// with or without the later hashes recomputed; a deleted, inserted or
// reordered entry, renumbered and rehashed; a log cut short or emptied;
// an altered checkpoint note.
//
// Rewrites with recomputed hashes touch the entries a checkpoint covers
// (those up to its size; the last entry is the record of the last
// checkpoint, whose note is covered by its signature and whose other
// fields only by the chain): what comes after the last checkpoint can be
// rewritten unseen, as the README says.
func TestAuditTamperFuzz(t *testing.T) {
	sqldbtest.Each(t, tamperFuzz)
}

// tamperFuzz is TestAuditTamperFuzz on one store: on SQLite a copy taken
// as a backup would be, on PostgreSQL the test's own database.
func tamperFuzz(t *testing.T, orig *sqldb.DB) {
	rounds := tamperRounds(t)
	if orig.Dialect() == sqldb.Postgres && os.Getenv("CROSSCASE_TAMPER_ROUNDS") == "" {
		rounds /= 3 // a round rewrites the log over the network: 30 ms, not 4
	}
	f := newFixture(t, orig)
	it := f.as(t, "it.desk_member")
	signer := testSigner(t, 9)
	file := filepath.Join(t.TempDir(), "audit-checkpoints")
	w := &checkpoint.Writer{Store: orig, Signer: signer, File: file}
	for round := range 5 {
		c := f.newCase(t, it, "AL")
		for range round + 3 {
			orig.FindCaseByID(it, c.ID)
		}
		if _, err := w.Write(context.Background(), false); err != nil {
			t.Fatal(err)
		}
	}
	db := orig
	if orig.Dialect() == sqldb.SQLite {
		// The copy, taken as a backup would be.
		path := filepath.Join(t.TempDir(), "copy.db")
		if _, err := orig.SQL().Exec(`VACUUM INTO '` + path + `'`); err != nil {
			t.Fatal(err)
		}
		var err error
		if db, err = sqldb.Open(context.Background(), path); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
	}
	db.AuditAnchor = &sqldb.AuditAnchor{Verifier: signer.Verifier(), Files: []string{file}}
	tm := &sqldbtest.Tamperer{DB: db.SQL(), Dialect: db.Dialect()}
	if err := tm.DropTriggers(); err != nil {
		t.Fatal(err)
	}
	if db.Dialect() == sqldb.SQLite {
		// A scratch copy need not survive a power cut.
		if err := tm.Exec(`PRAGMA synchronous = OFF`); err != nil {
			t.Fatal(err)
		}
	}
	pristine, err := tm.Entries()
	if err != nil {
		t.Fatal(err)
	}
	admin := f.as(t, "it.administrator")
	if rep, err := db.VerifyAudit(admin); err != nil || !rep.OK || rep.Checkpoint.Size != int64(len(pristine)-1) {
		t.Fatalf("the copy does not verify: %+v %v", rep, err)
	}

	rng := rand.New(rand.NewPCG(2025, uint64(time.Now().UnixNano())))
	n := len(pristine)
	covered := n - 1 // entries 1..n-1 are covered by the last checkpoint
	kinds := []string{"edit", "delete", "delete+rehash", "truncate", "edit+rehash", "insert+rehash", "swap+rehash", "delete all", "note+rehash"}
	tried := map[string]int{}
	found := map[string]int{}
	start := time.Now()
	for r := range rounds {
		log := sqldbtest.Copy(pristine)
		kind := kinds[rng.IntN(len(kinds))]
		what := kind
		switch kind {
		case "edit":
			i := rng.IntN(n)
			what += " " + mutate(rng, log[i], true)
		case "delete":
			i := rng.IntN(n)
			log = slices.Delete(log, i, i+1)
		case "delete+rehash":
			i := rng.IntN(covered)
			log = slices.Delete(log, i, i+1)
			sqldbtest.Rehash(log, i)
		case "truncate":
			log = log[:n-1-rng.IntN(n-1)]
		case "edit+rehash":
			i := rng.IntN(covered)
			what += " " + mutate(rng, log[i], false)
			sqldbtest.Rehash(log, i)
		case "insert+rehash":
			i := rng.IntN(n)
			forged := *log[rng.IntN(n)]
			forged.Detail += " (forged)"
			log = slices.Insert(log, i, &forged)
			sqldbtest.Rehash(log, i)
		case "swap+rehash":
			i := rng.IntN(covered - 1)
			if log[i].Action == log[i+1].Action && log[i].Detail == log[i+1].Detail && log[i].ObjectID == log[i+1].ObjectID {
				log[i].Reason += "x" // identical twins: swapping them changes nothing
			}
			log[i], log[i+1] = log[i+1], log[i]
			sqldbtest.Rehash(log, i)
		case "delete all":
			log = nil
		case "note+rehash":
			var notes []int
			for i, e := range log {
				if e.Action == crosscase.ActionCheckpoint {
					notes = append(notes, i)
				}
			}
			i := notes[rng.IntN(len(notes))]
			// One ASCII character changed to another, never NUL: the
			// note stays text PostgreSQL stores.
			b := []byte(log[i].Detail)
			for {
				j, x := rng.IntN(len(b)), byte(1+rng.IntN(127))
				if b[j] < 0x80 && b[j]^x != 0 {
					b[j] ^= x
					break
				}
			}
			log[i].Detail = string(b)
			sqldbtest.Rehash(log, i)
		}
		if err := tm.Replace(log); err != nil {
			t.Fatalf("round %d (%s): %v", r, what, err)
		}
		rep, err := db.VerifyAudit(admin)
		if err != nil {
			t.Fatalf("round %d (%s): %v", r, what, err)
		}
		tried[kind]++
		if !rep.OK {
			found[kind]++
		} else {
			t.Errorf("round %d: %s not detected", r, what)
		}
	}
	if err := tm.Replace(pristine); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, k := range kinds {
		total += found[k]
		t.Logf("%-14s %4d of %4d detected", k, found[k], tried[k])
	}
	t.Logf("%d random tamperings of a %d-entry log with 5 checkpoints: %d detected (%.1f %%) in %s",
		rounds, n, total, 100*float64(total)/float64(rounds), time.Since(start).Round(time.Millisecond))
	if total != rounds {
		t.Errorf("%d tamperings not detected", rounds-total)
	}
}

// mutate changes one field of e and names it; with chained, the fields
// the chain itself holds (sequence number and hashes) may be chosen.
func mutate(rng *rand.Rand, e *crosscase.AuditEntry, chained bool) string {
	fields := []string{"at", "user_id", "user_name", "desk_id", "action", "object_type", "object_id", "case_id", "remote_addr", "reason", "detail"}
	if chained {
		fields = append(fields, "seq", "prev_hash", "hash")
	}
	field := fields[rng.IntN(len(fields))]
	flip := func(h string) string {
		b := []byte(h)
		i := rng.IntN(len(b))
		if b[i] == '0' {
			b[i] = '1'
		} else {
			b[i] = '0'
		}
		return string(b)
	}
	switch field {
	case "at":
		e.At = e.At.Add(time.Duration(1+rng.IntN(1e6)) * time.Microsecond)
	case "user_id":
		e.UserID++
	case "user_name":
		e.UserName += "x"
	case "desk_id":
		e.DeskID++
	case "action":
		e.Action = "x" + e.Action
	case "object_type":
		e.ObjectType += "x"
	case "object_id":
		e.ObjectID--
	case "case_id":
		e.CaseID++
	case "remote_addr":
		e.RemoteAddr = "203.0.113." + strconv.Itoa(rng.IntN(256)) + e.RemoteAddr
	case "reason":
		e.Reason += " (amended)"
	case "detail":
		e.Detail = fmt.Sprint(rng.IntN(10)) + e.Detail
	case "seq":
		e.Seq += 1000
	case "prev_hash":
		e.PrevHash = flip(e.PrevHash)
	case "hash":
		e.Hash = flip(e.Hash)
	}
	return field + " of entry " + strconv.FormatInt(e.Seq, 10)
}
