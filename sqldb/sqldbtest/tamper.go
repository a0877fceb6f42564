package sqldbtest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"crosscase"
	"crosscase/sqldb"
)

// Tamperer changes the audit log behind the store's back, as someone who
// holds the database can: it drops the triggers that keep the log
// append-only, then deletes, edits or rewrites entries, with or without
// recomputing their hashes.
type Tamperer struct {
	DB      *sql.DB
	Dialect string // sqldb.SQLite or sqldb.Postgres
}

// DropTriggers removes the triggers that refuse updates and deletes.
func (t *Tamperer) DropTriggers() error {
	qs := []string{`DROP TRIGGER IF EXISTS audit_log_no_update`, `DROP TRIGGER IF EXISTS audit_log_no_delete`}
	if t.Dialect == sqldb.Postgres {
		qs = []string{`DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log`}
	}
	for _, q := range qs {
		if _, err := t.DB.Exec(q); err != nil {
			return err
		}
	}
	return nil
}

// Exec runs a statement without arguments.
func (t *Tamperer) Exec(q string) error {
	_, err := t.DB.Exec(q)
	return err
}

const auditColumns = `seq, at, user_id, user_name, desk_id, action, object_type, object_id, case_id, remote_addr, reason, detail, prev_hash, hash`

// Entries returns the whole log in order.
func (t *Tamperer) Entries() ([]*crosscase.AuditEntry, error) {
	rows, err := t.DB.Query(`SELECT ` + auditColumns + ` FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*crosscase.AuditEntry
	for rows.Next() {
		e := &crosscase.AuditEntry{}
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.UserID, &e.UserName, &e.DeskID, &e.Action, &e.ObjectType, &e.ObjectID, &e.CaseID,
			&e.RemoteAddr, &e.Reason, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At = time.UnixMicro(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// Replace makes entries the whole log, as they are given.
func (t *Tamperer) Replace(entries []*crosscase.AuditEntry) error {
	ctx := context.Background()
	tx, err := t.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM audit_log`); err != nil {
		return err
	}
	ph := make([]string, 14)
	for i := range ph {
		ph[i] = "?"
		if t.Dialect == sqldb.Postgres {
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
	}
	st, err := tx.Prepare(`INSERT INTO audit_log (` + auditColumns + `) VALUES (` + strings.Join(ph, ", ") + `)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, e := range entries {
		if _, err := st.Exec(e.Seq, e.At.UnixMicro(), e.UserID, e.UserName, e.DeskID, e.Action, e.ObjectType, e.ObjectID, e.CaseID,
			e.RemoteAddr, e.Reason, e.Detail, e.PrevHash, e.Hash); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Rehash renumbers entries[from:] to follow on from their predecessor and
// recomputes their links and hashes, as a forger who rewrote history
// would, so that the chain itself is intact again.
func Rehash(entries []*crosscase.AuditEntry, from int) {
	prev := strings.Repeat("0", 64)
	var seq int64
	if from > 0 {
		prev, seq = entries[from-1].Hash, entries[from-1].Seq
	}
	for _, e := range entries[from:] {
		seq++
		e.Seq, e.PrevHash = seq, prev
		e.Hash = sqldb.AuditHash(e)
		prev = e.Hash
	}
}

// Copy returns a deep copy of entries, to tamper with.
func Copy(entries []*crosscase.AuditEntry) []*crosscase.AuditEntry {
	out := make([]*crosscase.AuditEntry, len(entries))
	for i, e := range entries {
		c := *e
		out[i] = &c
	}
	return out
}
