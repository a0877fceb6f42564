package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"crosscase"
)

// auditLockKey is the PostgreSQL advisory lock that orders appends to the
// audit log across processes, so that the chain has one line.
const auditLockKey = 7291002

// genesisHash is the PrevHash of the first entry.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// audit queues an entry for ctx's actor; it is appended when the
// transaction commits, and vanishes with it when it rolls back.
func (tx *Tx) audit(ctx context.Context, action, objectType string, objectID, caseID int64, detail string) {
	tx.pending = append(tx.pending, newAuditEntry(ctx, action, objectType, objectID, caseID, detail))
}

func newAuditEntry(ctx context.Context, action, objectType string, objectID, caseID int64, detail string) *crosscase.AuditEntry {
	e := &crosscase.AuditEntry{Action: action, ObjectType: objectType, ObjectID: objectID, CaseID: caseID, Detail: detail}
	if a := crosscase.ActorFromContext(ctx); a != nil {
		e.RemoteAddr = a.RemoteAddr
		e.Reason = a.Reason
		if a.User != nil {
			e.UserID = a.User.ID
			e.UserName = a.User.Name
			e.DeskID = a.User.DeskID
		}
	}
	return e
}

// flushAudit appends the queued entries to the chain. On PostgreSQL an
// advisory lock held to the end of the transaction orders concurrent
// writers; SQLite's write lock (taken at BEGIN) already does.
func (tx *Tx) flushAudit(ctx context.Context) error {
	if len(tx.pending) == 0 {
		return nil
	}
	if tx.db.dialect == Postgres {
		if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, auditLockKey); err != nil {
			return err
		}
	}
	var seq int64
	prev := genesisHash
	err := tx.queryRow(ctx, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return translate(err)
	}
	// A clock may step backwards; the chain's times never do.
	now := tx.db.Now().UTC().Truncate(time.Microsecond)
	for _, e := range tx.pending {
		seq++
		e.Seq = seq
		e.At = now
		e.PrevHash = prev
		e.Hash = auditHash(e)
		prev = e.Hash
		if _, err := tx.exec(ctx, `INSERT INTO audit_log (seq, at, user_id, user_name, desk_id, action, object_type, object_id, case_id, remote_addr, reason, detail, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, micros(e.At), e.UserID, e.UserName, e.DeskID, e.Action, e.ObjectType, e.ObjectID, e.CaseID, e.RemoteAddr, e.Reason, e.Detail, e.PrevHash, e.Hash); err != nil {
			return err
		}
	}
	tx.pending = nil
	return nil
}

// AuditHash is the hash of an entry as the chain holds it, for tools that
// check an exported log.
func AuditHash(e *crosscase.AuditEntry) string { return auditHash(e) }

// auditHash is SHA-256 over the previous hash and every field of e, each
// field length-prefixed so that no two entries encode alike.
func auditHash(e *crosscase.AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{
		e.PrevHash,
		strconv.FormatInt(e.Seq, 10),
		strconv.FormatInt(micros(e.At), 10),
		strconv.FormatInt(e.UserID, 10),
		e.UserName,
		strconv.FormatInt(e.DeskID, 10),
		e.Action,
		e.ObjectType,
		strconv.FormatInt(e.ObjectID, 10),
		strconv.FormatInt(e.CaseID, 10),
		e.RemoteAddr,
		e.Reason,
		e.Detail,
	} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// recordRefusal audits a refused access to a case (ENOTFOUND or
// EFORBIDDEN from an authorisation check) in a transaction of its own, as
// the refused operation rolled back. Other errors are not recorded.
func (d *DB) recordRefusal(ctx context.Context, err error, objectType string, objectID, caseID int64) {
	d.recordRefusalNoting(ctx, err, objectType, objectID, caseID, "")
}

// recordRefusalNoting is recordRefusal with a note after the code in the
// entry's detail (whose token was asked for).
func (d *DB) recordRefusalNoting(ctx context.Context, err error, objectType string, objectID, caseID int64, note string) {
	code := crosscase.ErrorCode(err)
	detail := code
	if note != "" {
		detail += " " + note
	}
	if code != crosscase.ENOTFOUND && code != crosscase.EFORBIDDEN {
		return
	}
	if crosscase.UserFromContext(ctx) == nil {
		return
	}
	if b, ok := ctx.Value(batchKey{}).(*Tx); ok && b != nil && b.db == d {
		// The batch holds the (on SQLite, only) writer connection and may
		// roll back: Batch writes this after it ends.
		b.refusals = append(b.refusals, newAuditEntry(ctx, crosscase.ActionRefuse, objectType, objectID, caseID, detail))
		return
	}
	_ = d.withTx(context.WithoutCancel(ctx), func(tx *Tx) error {
		tx.audit(ctx, crosscase.ActionRefuse, objectType, objectID, caseID, detail)
		return nil
	})
}

// RecordAudit appends e for an event outside the store's own methods
// (sign-in, sign-out). The actor in ctx fills user and address unless e
// names them.
func (d *DB) RecordAudit(ctx context.Context, e *crosscase.AuditEntry) error {
	if e.Action == "" || e.ObjectType == "" {
		return crosscase.FieldErrorf("action", "An audit entry needs an action and an object type.")
	}
	return d.withTx(ctx, func(tx *Tx) error {
		q := newAuditEntry(ctx, e.Action, e.ObjectType, e.ObjectID, e.CaseID, e.Detail)
		if e.UserID != 0 || e.UserName != "" {
			q.UserID, q.UserName, q.DeskID = e.UserID, e.UserName, e.DeskID
		}
		if e.RemoteAddr != "" {
			q.RemoteAddr = e.RemoteAddr
		}
		if e.Reason != "" {
			q.Reason = e.Reason
		}
		tx.pending = append(tx.pending, q)
		if err := tx.flushAudit(ctx); err != nil {
			return err
		}
		*e = *q
		return nil
	})
}

const auditColumns = `seq, at, user_id, user_name, desk_id, action, object_type, object_id, case_id, remote_addr, reason, detail, prev_hash, hash`

type scanner interface{ Scan(...any) error }

func scanAudit(s scanner) (*crosscase.AuditEntry, error) {
	e := &crosscase.AuditEntry{}
	var at int64
	if err := s.Scan(&e.Seq, &at, &e.UserID, &e.UserName, &e.DeskID, &e.Action, &e.ObjectType, &e.ObjectID, &e.CaseID, &e.RemoteAddr, &e.Reason, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At = fromMicros(at)
	return e, nil
}

// FindAuditEntries returns entries newest first, for administrators only
// (EFORBIDDEN for others, EUNAUTHORIZED without a user). The cursor is the
// sequence number to continue below.
func (d *DB) FindAuditEntries(ctx context.Context, f crosscase.AuditFilter) ([]*crosscase.AuditEntry, string, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, "", err
	}
	if err := f.Validate(); err != nil {
		return nil, "", err
	}
	var where []string
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Cursor != "" {
		seq, err := strconv.ParseInt(f.Cursor, 10, 64)
		if err != nil || seq < 1 {
			return nil, "", crosscase.FieldErrorf("cursor", "The cursor is not one this server gave.")
		}
		add("seq < ?", seq)
	}
	if f.UserID != 0 {
		add("user_id = ?", f.UserID)
	}
	if f.CaseID != 0 {
		add("case_id = ?", f.CaseID)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if !f.From.IsZero() {
		add("at >= ?", micros(f.From))
	}
	if !f.To.IsZero() {
		add("at < ?", micros(f.To))
	}
	q := `SELECT ` + auditColumns + ` FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY seq DESC LIMIT ?`
	args = append(args, f.Limit+1)
	var out []*crosscase.AuditEntry
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > f.Limit {
		out = out[:f.Limit]
		next = strconv.FormatInt(out[len(out)-1].Seq, 10)
	}
	return out, next, nil
}

// VerifyAudit recomputes the whole chain in order and names the first
// entry whose hash, predecessor link or sequence number does not verify;
// with an AuditAnchor it also checks the chain against the signed
// checkpoints, so that a log cut short, deleted or rewritten does not
// pass (auditCheck). Administrators only.
func (d *DB) VerifyAudit(ctx context.Context) (*crosscase.AuditReport, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	c, err := d.newAuditCheck()
	if err != nil {
		return nil, err
	}
	rows, err := d.rdb.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		c.add(e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var files []string
	if d.AuditAnchor != nil {
		files = d.AuditAnchor.Files
	}
	return c.report(files), nil
}
