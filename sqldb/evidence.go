package sqldb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"crosscase"
)

// orphanAge is how long a file in the evidence folder without a row is
// left alone: an upload of another process may be between writing its
// file and committing its row.
const orphanAge = time.Hour

func (d *DB) evidenceFiles() (crosscase.EvidenceFiles, error) {
	if d.EvidenceFiles == nil {
		return nil, crosscase.Errorf(crosscase.ENOTIMPL, "This server keeps no evidence files (no evidence folder configured).")
	}
	return d.EvidenceFiles, nil
}

// CheckEvidenceUpload implements crosscase.EvidenceService.
func (d *DB) CheckEvidenceUpload(ctx context.Context, id int64) error {
	err := d.read(ctx, func(tx *Tx) error {
		_, err := tx.authorizeJIT(ctx, id, jitPost)
		return err
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
	}
	return err
}

// checkEvidenceUpload checks what can be checked before the bytes arrive.
func checkEvidenceUpload(up *crosscase.EvidenceUpload) error {
	if err := crosscase.CheckFileName("file_name", up.FileName); err != nil {
		return err
	}
	if up.ContentType == "" {
		up.ContentType = "application/octet-stream"
	}
	if err := crosscase.CheckMediaType("content_type", up.ContentType); err != nil {
		return err
	}
	if len(up.RecipientIDs) == 0 {
		return crosscase.FieldErrorf("recipient_ids", "Mark the file for at least one member who must download it.")
	}
	seen := map[int64]bool{}
	for i, r := range up.RecipientIDs {
		if r <= 0 || seen[r] {
			return crosscase.FieldErrorf("recipient_ids["+strconv.Itoa(i)+"]", "Recipient %d is not a user id, or is listed twice.", r)
		}
		seen[r] = true
	}
	return nil
}

// UploadEvidence implements crosscase.EvidenceService. The file is made
// durable first (docs/design.md, rule 4); its row is committed after, so that a
// crash leaves at most a file without a row, which SweepEvidence removes.
func (d *DB) UploadEvidence(ctx context.Context, id int64, up crosscase.EvidenceUpload, body io.Reader, max int64) (*crosscase.Evidence, error) {
	files, err := d.evidenceFiles()
	if err != nil {
		return nil, err
	}
	if err := checkEvidenceUpload(&up); err != nil {
		return nil, err
	}
	// Who may upload, the recipients and the partner data rule are
	// checked before a byte is stored, and again when the row is committed.
	err = d.read(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitPost)
		if err != nil {
			return err
		}
		_, err = tx.evidenceRecipients(ctx, a, up.RecipientIDs, false)
		return err
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
		return nil, err
	}
	f, err := files.Create(ctx, body, max)
	if err != nil {
		return nil, err
	}
	var ev *crosscase.Evidence
	err = d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitPost)
		if err != nil {
			return err
		}
		recipients, err := tx.evidenceRecipients(ctx, a, up.RecipientIDs, true)
		if err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		now := micros(tx.now)
		eid, err := tx.insert(ctx, `INSERT INTO jit_evidence (jit_id, file_name, content_type, size, sha256, storage_name, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, up.FileName, up.ContentType, f.Size, f.SHA256, f.Name, u.ID, now)
		if err != nil {
			return err
		}
		ev = &crosscase.Evidence{ID: eid, JITID: id, FileName: up.FileName, ContentType: up.ContentType, Size: f.Size, SHA256: f.SHA256,
			UploadedBy: u.ID, UploaderName: u.Name, UploadedAt: fromMicros(now), StorageName: f.Name}
		for _, m := range recipients {
			rid := m.UserID
			if err := tx.authorizeTransfer(ctx, m.CountryCode, crosscase.TransferEvidence, "jit_evidence", eid, 0); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO jit_evidence_recipients (evidence_id, user_id, country_code) VALUES (?, ?, ?)`, eid, rid, m.CountryCode); err != nil {
				return err
			}
			ev.Recipients = append(ev.Recipients, &crosscase.EvidenceRecipient{UserID: rid, UserName: m.UserName, CountryCode: m.CountryCode})
		}
		tx.audit(ctx, crosscase.ActionUpload, "jit_evidence", eid, 0, fmt.Sprintf("jit=%d size=%d sha256=%s recipients=%d", id, f.Size, f.SHA256, len(up.RecipientIDs)))
		var countries []string
		for _, r := range ev.Recipients {
			countries = append(countries, r.CountryCode)
		}
		return tx.notifyCountries(ctx, countries, crosscase.Notification{Kind: crosscase.NotifyEvidence,
			Link: "/jits/" + strconv.FormatInt(id, 10), ObjectType: "jit_evidence", ObjectID: eid}.Saying(crosscase.SubjectEvidence, jitTitle(a.jit.Name)))
	})
	if err != nil {
		if rmErr := files.Remove(f.Name); rmErr != nil {
			err = errors.Join(err, fmt.Errorf("remove uncommitted evidence file: %w", rmErr))
		}
		d.recordRefusal(ctx, err, "jit_evidence", id, 0)
		return nil, err
	}
	return ev, nil
}

const evidenceColumns = `e.id, e.jit_id, e.file_name, e.content_type, e.size, e.sha256, e.storage_name, e.uploaded_by, u.name, e.uploaded_at, e.deleted_at, e.deleted_reason`

// findEvidence returns the evidence rows matching where (alias e) with
// their recipients, newest first.
func (tx *Tx) findEvidence(ctx context.Context, where string, args ...any) ([]*crosscase.Evidence, error) {
	rows, err := tx.query(ctx, `SELECT `+evidenceColumns+` FROM jit_evidence e JOIN users u ON u.id = e.uploaded_by WHERE `+where+` ORDER BY e.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.Evidence
	byID := map[int64]*crosscase.Evidence{}
	for rows.Next() {
		e := &crosscase.Evidence{Recipients: []*crosscase.EvidenceRecipient{}}
		var uploaded, deleted int64
		if err := rows.Scan(&e.ID, &e.JITID, &e.FileName, &e.ContentType, &e.Size, &e.SHA256, &e.StorageName, &e.UploadedBy, &e.UploaderName, &uploaded, &deleted, &e.DeletedReason); err != nil {
			rows.Close()
			return nil, err
		}
		e.UploadedAt = fromMicros(uploaded)
		if deleted != 0 {
			t := fromMicros(deleted)
			e.DeletedAt = &t
		}
		out = append(out, e)
		byID[e.ID] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]any, 0, len(out))
	for _, e := range out {
		ids = append(ids, e.ID)
	}
	rrows, err := tx.query(ctx, `SELECT r.evidence_id, r.user_id, u.name, r.country_code, r.downloaded_at FROM jit_evidence_recipients r JOIN users u ON u.id = r.user_id WHERE r.evidence_id IN (`+placeholders(len(ids))+`) ORDER BY u.name`, ids...)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	for rrows.Next() {
		var eid, at int64
		r := &crosscase.EvidenceRecipient{}
		if err := rrows.Scan(&eid, &r.UserID, &r.UserName, &r.CountryCode, &at); err != nil {
			return nil, err
		}
		if at != 0 {
			t := fromMicros(at)
			r.DownloadedAt = &t
		}
		byID[eid].Recipients = append(byID[eid].Recipients, r)
	}
	return out, rrows.Err()
}

// FindEvidence implements crosscase.EvidenceService. Each file listed is
// audited as a read of its metadata.
func (d *DB) FindEvidence(ctx context.Context, id int64) ([]*crosscase.Evidence, error) {
	var out []*crosscase.Evidence
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeJIT(ctx, id, jitSpace); err != nil {
			return err
		}
		var err error
		if out, err = tx.findEvidence(ctx, `e.jit_id = ?`, id); err != nil {
			return err
		}
		for _, e := range out {
			tx.audit(ctx, crosscase.ActionRead, "jit_evidence", e.ID, 0, "metadata")
		}
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
		return nil, err
	}
	if out == nil {
		out = []*crosscase.Evidence{}
	}
	return out, nil
}

// FindEvidenceByID implements crosscase.EvidenceService.
func (d *DB) FindEvidenceByID(ctx context.Context, id int64) (*crosscase.Evidence, error) {
	return d.evidenceMetadata(ctx, id, func(tx *Tx) (*crosscase.Evidence, error) {
		ev, _, err := tx.authorizeEvidence(ctx, id)
		return ev, err
	})
}

// evidenceMetadata returns evidence id as authorize finds it, the read of
// its metadata audited, a refusal recorded.
func (d *DB) evidenceMetadata(ctx context.Context, id int64, authorize func(tx *Tx) (*crosscase.Evidence, error)) (*crosscase.Evidence, error) {
	var ev *crosscase.Evidence
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if ev, err = authorize(tx); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "jit_evidence", id, 0, "metadata")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit_evidence", id, 0)
		return nil, err
	}
	return ev, nil
}

// OpenEvidence implements crosscase.EvidenceService. It checks and
// audits the attempt and opens the file; it records nothing else, so that
// a HEAD request or a download cut short counts for nothing. The caller
// reports a complete download with RecordEvidenceDownload.
func (d *DB) OpenEvidence(ctx context.Context, id int64) (*crosscase.Evidence, io.ReadCloser, error) {
	files, err := d.evidenceFiles()
	if err != nil {
		return nil, nil, err
	}
	var ev *crosscase.Evidence
	var rc io.ReadCloser
	err = d.withTx(ctx, func(tx *Tx) error {
		var err error
		if ev, _, err = tx.authorizeDownload(ctx, id); err != nil {
			return err
		}
		f, err := files.Open(ev.StorageName)
		if err != nil {
			return fmt.Errorf("open evidence %d: %w", id, err)
		}
		rc = f
		tx.audit(ctx, crosscase.ActionDownload, "jit_evidence", id, 0, fmt.Sprintf("attempt jit=%d size=%d", ev.JITID, ev.Size))
		return nil
	})
	if err != nil {
		if rc != nil {
			rc.Close()
		}
		d.recordRefusal(ctx, err, "jit_evidence", id, 0)
		return nil, nil, err
	}
	return ev, rc, nil
}

// CheckEvidenceDownload implements crosscase.EvidenceService.
func (d *DB) CheckEvidenceDownload(ctx context.Context, id int64) (*crosscase.Evidence, error) {
	return d.evidenceMetadata(ctx, id, func(tx *Tx) (*crosscase.Evidence, error) {
		ev, _, err := tx.authorizeDownload(ctx, id)
		return ev, err
	})
}

// RecordEvidenceDownload implements crosscase.EvidenceService. It runs
// after the whole file reached the caller, in a transaction of its own;
// when the caller was the last recipient to download it, the file is
// deleted (Regulation (EU) 2023/969, Art. 21).
func (d *DB) RecordEvidenceDownload(ctx context.Context, id int64) error {
	files, err := d.evidenceFiles()
	if err != nil {
		return err
	}
	var ev *crosscase.Evidence
	remove := false
	err = d.withTx(ctx, func(tx *Tx) error {
		var me *crosscase.EvidenceRecipient
		var err error
		if ev, me, err = tx.authorizeDownload(ctx, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionDownload, "jit_evidence", id, 0, fmt.Sprintf("complete jit=%d size=%d", ev.JITID, ev.Size))
		if me == nil || me.DownloadedAt != nil {
			return nil
		}
		u := crosscase.UserFromContext(ctx)
		if _, err := tx.exec(ctx, `UPDATE jit_evidence_recipients SET downloaded_at = ? WHERE evidence_id = ? AND user_id = ? AND downloaded_at = 0`, micros(tx.now), id, u.ID); err != nil {
			return err
		}
		var left int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM jit_evidence_recipients WHERE evidence_id = ? AND downloaded_at = 0`, id).Scan(&left); err != nil {
			return err
		}
		if left == 0 {
			if remove, err = tx.markEvidenceDeleted(ctx, ev, crosscase.EvidenceDeletedDownloaded); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit_evidence", id, 0)
		return err
	}
	if remove {
		// The row says deleted; a failure here leaves a file no row
		// points to, which the next sweep removes.
		_ = files.Remove(ev.StorageName)
	}
	return nil
}

// markEvidenceDeleted marks ev deleted for reason unless another process
// did it first (then it returns false), and audits the deletion.
func (tx *Tx) markEvidenceDeleted(ctx context.Context, ev *crosscase.Evidence, reason string) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE jit_evidence SET deleted_at = ?, deleted_reason = ? WHERE id = ? AND deleted_at = 0`, micros(tx.now), reason, ev.ID)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	tx.audit(ctx, crosscase.ActionDelete, "jit_evidence", ev.ID, 0, "jit="+strconv.FormatInt(ev.JITID, 10)+" reason="+reason)
	return true, nil
}

// SweepEvidence implements crosscase.EvidenceService. It is for the
// system actor and administrators. Regulation (EU) 2023/969, Art. 21:
// evidence is deleted once every intended recipient has downloaded it,
// and at the latest 4 weeks after upload; its logs are kept (Art. 25),
// and so is its metadata row, marked deleted with when and why.
func (d *DB) SweepEvidence(ctx context.Context) (int, error) {
	if err := requireAdmin(ctx); err != nil {
		return 0, err
	}
	files, err := d.evidenceFiles()
	if err != nil {
		return 0, err
	}
	var names []string
	err = d.withTx(ctx, func(tx *Tx) error {
		cutoff := micros(tx.now.Add(-crosscase.EvidenceRetention))
		due, err := tx.findEvidence(ctx, `e.deleted_at = 0 AND (e.uploaded_at <= ?
			OR (EXISTS (SELECT 1 FROM jit_evidence_recipients r WHERE r.evidence_id = e.id)
			AND NOT EXISTS (SELECT 1 FROM jit_evidence_recipients r WHERE r.evidence_id = e.id AND r.downloaded_at = 0)))`, cutoff)
		if err != nil {
			return err
		}
		for _, ev := range due {
			reason := crosscase.EvidenceDeletedExpired
			if micros(ev.UploadedAt) > cutoff {
				reason = crosscase.EvidenceDeletedDownloaded
			}
			ok, err := tx.markEvidenceDeleted(ctx, ev, reason)
			if err != nil {
				return err
			}
			if ok {
				names = append(names, ev.StorageName)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// One file that cannot be removed does not keep the others: the
	// errors are collected, and the next sweep removes the file (its row
	// is marked deleted, so it is an orphan then).
	n := 0
	var errs []error
	for _, name := range names {
		if err := files.Remove(name); err != nil {
			errs = append(errs, fmt.Errorf("remove evidence file %s: %w", name, err))
			continue
		}
		n++
	}
	// Files of rows never committed (a crash between the file and its
	// row), or of rows deleted whose file could not be removed.
	keep := map[string]bool{}
	err = d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT storage_name FROM jit_evidence WHERE deleted_at = 0`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			keep[s] = true
		}
		return rows.Err()
	})
	if err != nil {
		return n, errors.Join(append(errs, err)...)
	}
	orphans, err := files.CleanOrphans(keep, time.Now().Add(-orphanAge))
	return n + orphans, errors.Join(append(errs, err)...)
}

// checkMemberCountry refuses a member whose recorded country is no longer
// their real one (their desk's, or the one set on their account): the
// partner data rule must be applied to where the data really goes.
func (tx *Tx) checkMemberCountry(ctx context.Context, field string, m *crosscase.JITMember) error {
	_, _, country, err := tx.userCountry(ctx, m.UserID, nil, nil)
	if err != nil {
		return translate(err)
	}
	if country != m.CountryCode {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "%s was added to the JIT for %s but now works for %q: a party desk member adds them again for their real country.",
			m.UserName, m.CountryCode, country).WithField(field)
	}
	return nil
}

// evidenceRecipients returns the members ids name, in order, refusing an id
// that is not a member (EINVALID recipient_ids[i]), a member whose
// recorded country is not their real one, and, under the partner data
// rule (Regulation (EU) 2018/1727, Art. 56), a member of a third country
// without a cooperation agreement (EFORBIDDEN recipient_ids[i]). In the
// commit transaction (inCommit) the caller applies that rule itself with
// authorizeTransfer, which audits the transfer; before, it is checked here.
func (tx *Tx) evidenceRecipients(ctx context.Context, a *jitAccess, ids []int64, inCommit bool) ([]*crosscase.JITMember, error) {
	members := map[int64]*crosscase.JITMember{}
	for _, m := range a.jit.Members {
		members[m.UserID] = m
	}
	out := make([]*crosscase.JITMember, 0, len(ids))
	for i, rid := range ids {
		field := "recipient_ids[" + strconv.Itoa(i) + "]"
		m := members[rid]
		if m == nil {
			return nil, crosscase.FieldErrorf(field, "User %d is not a member of this JIT.", rid)
		}
		if err := tx.checkMemberCountry(ctx, field, m); err != nil {
			return nil, err
		}
		if !inCommit {
			if _, err := tx.checkTransfer(ctx, m.CountryCode, crosscase.TransferEvidence); err != nil {
				return nil, crosscase.InField(err, field)
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// FindEvidenceToDownload implements crosscase.EvidenceService.
func (d *DB) FindEvidenceToDownload(ctx context.Context) ([]*crosscase.Evidence, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.Evidence
	err = d.withTx(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.findEvidence(ctx, `e.deleted_at = 0 AND e.uploaded_at > ?
			AND EXISTS (SELECT 1 FROM jit_evidence_recipients r WHERE r.evidence_id = e.id AND r.user_id = ? AND r.downloaded_at = 0)
			AND EXISTS (SELECT 1 FROM jit_members jm WHERE jm.jit_id = e.jit_id AND jm.user_id = ?)`,
			micros(tx.now.Add(-crosscase.EvidenceRetention)), u.ID, u.ID)
		if err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "jit_evidence", 0, 0, "to download count="+strconv.Itoa(len(out)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Oldest first: the file that expires first comes first.
	for i, k := 0, len(out)-1; i < k; i, k = i+1, k-1 {
		out[i], out[k] = out[k], out[i]
	}
	if out == nil {
		out = []*crosscase.Evidence{}
	}
	return out, nil
}
