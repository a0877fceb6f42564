package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"crosscase"
)

// Retention and review of operational personal data, Regulation (EU)
// 2018/1727, Art. 29 (README, "Retention and review"). The dates and
// reviews are the case's; deleting its personal data ("erasing") removes
// its entities (and with them their hits and list check hits; the entity feed takes them out
// of every match index), clears its free texts, detaches its instruments
// from their subjects and deletes the evidence files of its JITs. The
// audit log keeps its entries: their details never held personal data.

const retentionColumns = `c.id, c.reference, c.title, c.status, c.opened_on, c.created_at, c.time_barred_on, c.final_decision_on,
	c.coordination_ended_on, c.transmitted_on, c.erased_at, c.erased_ground, (SELECT COUNT(*) FROM entities e WHERE e.case_id = c.id)`

func scanRetention(s scanner) (*crosscase.CaseRetention, error) {
	r := &crosscase.CaseRetention{Reviews: []*crosscase.RetentionReview{}}
	var status, opened, barred, final, ended, transmitted, ground string
	var created, erased int64
	if err := s.Scan(&r.CaseID, &r.Reference, &r.Title, &status, &opened, &created, &barred, &final, &ended, &transmitted, &erased, &ground, &r.Entities); err != nil {
		return nil, err
	}
	r.Status, r.OpenedOn = crosscase.CaseStatus(status), parseDateText(opened)
	r.EnteredOn = crosscase.DateOf(fromMicros(created))
	r.Dates = crosscase.RetentionDates{
		TimeBarredOn: parseDateText(barred), FinalDecisionOn: parseDateText(final),
		CoordinationEndedOn: parseDateText(ended), TransmittedOn: parseDateText(transmitted),
	}
	if erased != 0 {
		r.ErasedAt = fromMicros(erased)
	}
	r.ErasedGround = crosscase.RetentionGround(ground)
	return r, nil
}

// findRetention loads the retention records of the cases matching where
// (alias c) with their reviews, evaluated for tx's day.
func (tx *Tx) findRetention(ctx context.Context, where string, args ...any) ([]*crosscase.CaseRetention, error) {
	rows, err := tx.query(ctx, `SELECT `+retentionColumns+` FROM cases c WHERE `+where+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.CaseRetention
	byID := map[int64]*crosscase.CaseRetention{}
	for rows.Next() {
		r, err := scanRetention(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
		byID[r.CaseID] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, r := range out {
		ids = append(ids, r.CaseID)
	}
	rows, err = tx.query(ctx, `SELECT v.id, v.case_id, v.decision, v.reason, v.keep_until, v.decided_by, COALESCE(u.name, ''), v.decided_at
		FROM retention_reviews v LEFT JOIN users u ON u.id = v.decided_by WHERE v.case_id IN (`+placeholders(len(ids))+`) ORDER BY v.id DESC`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		v := &crosscase.RetentionReview{}
		var decision, keep string
		var at int64
		if err := rows.Scan(&v.ID, &v.CaseID, &decision, &v.Reason, &keep, &v.DecidedBy, &v.DecidedByName, &at); err != nil {
			return nil, err
		}
		v.Decision, v.KeepUntil, v.DecidedAt = crosscase.ReviewDecision(decision), parseDateText(keep), fromMicros(at)
		byID[v.CaseID].Reviews = append(byID[v.CaseID].Reviews, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	today := crosscase.DateOf(tx.now.UTC())
	for _, r := range out {
		r.Evaluate(today)
	}
	return out, nil
}

// retentionOf returns case id's retention record.
func (tx *Tx) retentionOf(ctx context.Context, id int64) (*crosscase.CaseRetention, error) {
	list, err := tx.findRetention(ctx, `c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("Case")
	}
	return list[0], nil
}

// FindRetention implements crosscase.RetentionService. Whoever sees the
// case sees its retention record.
func (d *DB) FindRetention(ctx context.Context, caseID int64) (*crosscase.CaseRetention, error) {
	var r *crosscase.CaseRetention
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		if r, err = tx.retentionOf(ctx, caseID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "retention", caseID, caseID, "reviews="+strconv.Itoa(len(r.Reviews)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "retention", caseID, caseID)
		return nil, err
	}
	return r, nil
}

// SetRetentionDates implements crosscase.RetentionService.
func (d *DB) SetRetentionDates(ctx context.Context, caseID int64, dates crosscase.RetentionDates) (*crosscase.CaseRetention, error) {
	var r *crosscase.CaseRetention
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		c, err := tx.authorizeRetention(ctx, caseID)
		if err != nil {
			return err
		}
		if err := dates.Validate(c.OpenedOn, tx.latestToday()); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE cases SET time_barred_on = ?, final_decision_on = ?, coordination_ended_on = ?, transmitted_on = ? WHERE id = ?`,
			dateText(dates.TimeBarredOn), dateText(dates.FinalDecisionOn), dateText(dates.CoordinationEndedOn), dateText(dates.TransmittedOn), caseID); err != nil {
			return err
		}
		if r, err = tx.retentionOf(ctx, caseID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "retention", caseID, caseID, fmt.Sprintf("delete_on=%s ground=%s", r.Due.DeleteOn, r.Due.Ground))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "retention", caseID, caseID)
		return nil, err
	}
	return r, nil
}

// ReviewRetention implements crosscase.RetentionService.
func (d *DB) ReviewRetention(ctx context.Context, caseID int64, rv *crosscase.RetentionReview) (*crosscase.CaseRetention, error) {
	var r *crosscase.CaseRetention
	var files []string
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if _, err := tx.authorizeRetention(ctx, caseID); err != nil {
			return err
		}
		if err := rv.Validate(crosscase.DateOf(tx.now.UTC())); err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		rv.CaseID, rv.DecidedBy, rv.DecidedByName, rv.DecidedAt = caseID, u.ID, u.Name, fromMicros(micros(tx.now))
		if rv.ID, err = tx.insert(ctx, `INSERT INTO retention_reviews (case_id, decision, reason, keep_until, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)`,
			caseID, string(rv.Decision), rv.Reason, dateText(rv.KeepUntil), u.ID, micros(tx.now)); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionCreate, "retention_review", rv.ID, caseID, "decision="+string(rv.Decision)+" keep_until="+rv.KeepUntil.String())
		if rv.Decision == crosscase.ReviewDelete {
			if files, err = tx.eraseCase(ctx, caseID, crosscase.GroundReview); err != nil {
				return err
			}
		}
		r, err = tx.retentionOf(ctx, caseID)
		return err
	})
	if err != nil {
		d.recordRefusal(ctx, err, "retention", caseID, caseID)
		return nil, err
	}
	if rv.Decision == crosscase.ReviewDelete {
		// One that fails stays owed, for the retention sweep.
		_ = d.flushErased(ctx)
	}
	d.removeEvidenceFiles(files)
	return r, nil
}

// RecordAcquittal implements crosscase.RetentionService.
func (d *DB) RecordAcquittal(ctx context.Context, caseID, entityID int64, finalOn crosscase.Date) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		if caseID != 0 {
			if access, of, err := tx.caseObjectAccess(ctx, "entities", entityID, false); err != nil {
				return err
			} else if access == objectHidden || !inCase(caseID, of) {
				return notFound("Entity")
			}
		}
		e, err := tx.authorizeEntity(ctx, entityID, needWrite)
		if err != nil {
			return err
		}
		c, err := tx.authorizeRetention(ctx, e.CaseID)
		if err != nil {
			return err
		}
		if e.Kind != crosscase.KindPerson {
			return crosscase.FieldErrorf("entity_id", "Only a person is acquitted; this entity is a %s.", e.Kind)
		}
		if finalOn.IsZero() {
			return crosscase.FieldErrorf("final_on", "Give the date the acquittal became final.")
		}
		if err := crosscase.NotFuture("final_on", finalOn, tx.latestToday(), "acquittal"); err != nil {
			return err
		}
		if finalOn.Before(c.OpenedOn) {
			return crosscase.FieldErrorf("final_on", "The acquittal (%s) cannot be final before the case opened (%s).", finalOn, c.OpenedOn)
		}
		return tx.eraseEntities(ctx, e.CaseID, `id = ?`, []any{entityID}, crosscase.GroundAcquitted)
	})
	if err == nil {
		// One that fails stays owed, for the retention sweep.
		_ = d.flushErased(ctx)
	}
	d.recordRefusal(ctx, err, "entity", entityID, 0)
	return err
}

// FindRetentionDue implements crosscase.RetentionService: the caller's
// desk's own cases, the most pressing first (crosscase.SortRetentionDue).
func (d *DB) FindRetentionDue(ctx context.Context, days int) ([]*crosscase.CaseRetention, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if days < 0 || days > 3*366 {
		return nil, crosscase.FieldErrorf("days", "Look ahead between 0 and 1098 days.")
	}
	out := []*crosscase.CaseRetention{}
	if !crosscase.CanReadCases(u) || u.DeskID == 0 {
		return out, nil
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		all, err := tx.findRetention(ctx, `c.owner_desk_id = ?`, u.DeskID)
		if err != nil {
			return err
		}
		today := crosscase.DateOf(tx.now.UTC())
		for _, r := range all {
			if r.DueWithin(today, days) {
				out = append(out, r)
			}
		}
		crosscase.SortRetentionDue(out)
		tx.audit(ctx, crosscase.ActionList, "retention", 0, 0, "due="+strconv.Itoa(len(out)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SweepRetention implements crosscase.RetentionService. Art. 29(2): the
// limits are observed by automated processing; Art. 29(3): data without a
// decision to keep them are deleted automatically. Each case is erased in
// its own transaction and its owner desk notified.
func (d *DB) SweepRetention(ctx context.Context) (n int, err error) {
	if !isSystem(ctx) {
		return 0, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the system deletes personal data on its own.")
	}
	var due []*crosscase.CaseRetention
	err = d.withTx(ctx, func(tx *Tx) (err error) {
		all, err := tx.findRetention(ctx, `(c.time_barred_on <> '' OR c.final_decision_on <> '' OR c.coordination_ended_on <> '' OR c.transmitted_on <> '')`)
		for _, r := range all {
			if r.Due.EraseNow {
				due = append(due, r)
			}
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	defer func() {
		// This sweep's deletions, or an earlier one's flush still owed.
		if n > 0 || d.flushOwed.Load() {
			if ferr := d.flushErased(ctx); ferr != nil && err == nil {
				err = ferr
			}
		}
	}()
	for _, r := range due {
		var files []string
		err := d.withTx(ctx, func(tx *Tx) (err error) {
			now, err := tx.retentionOf(ctx, r.CaseID)
			if err != nil || !now.Due.EraseNow { // a review got there first
				return err
			}
			if files, err = tx.eraseCase(ctx, r.CaseID, now.Due.Ground); err != nil {
				return err
			}
			owner, err := tx.caseOwnerDesk(ctx, r.CaseID)
			if err != nil {
				return err
			}
			n++
			return tx.notifyDesks(ctx, []int64{owner}, crosscase.Notification{
				Kind: "retention",
				Link: "/cases/" + strconv.FormatInt(r.CaseID, 10) + "/retention", ObjectType: "case", ObjectID: r.CaseID,
			}.Saying(crosscase.SubjectDataDeleted, r.Reference, now.Due.Ground.Describe(), string(now.Due.Ground)))
		})
		if err != nil {
			return n, fmt.Errorf("erase case %d: %w", r.CaseID, err)
		}
		d.removeEvidenceFiles(files)
	}
	return n, nil
}

// caseOwnerDesk returns the owner desk of case id.
func (tx *Tx) caseOwnerDesk(ctx context.Context, id int64) (int64, error) {
	var desk int64
	err := tx.queryRow(ctx, `SELECT owner_desk_id FROM cases WHERE id = ?`, id).Scan(&desk)
	return desk, err
}

// eraseCase deletes the personal data of case id for ground: its
// entities, its free texts (the summary, meeting agendas and outcomes,
// results' notes, its coordination centres' places, notes and log), its
// instruments' and measures' links to their subjects and the evidence of
// its JITs. It returns the evidence files to remove once the
// transaction has committed.
func (tx *Tx) eraseCase(ctx context.Context, id int64, ground crosscase.RetentionGround) ([]string, error) {
	if err := tx.eraseEntities(ctx, id, `case_id = ?`, []any{id}, ground); err != nil {
		return nil, err
	}
	// The case's search text is made from its title and summary: made
	// again without the summary.
	c, err := tx.findCase(ctx, `c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	c.Summary = ""
	if _, err := tx.exec(ctx, `UPDATE cases SET summary = '', search = ? WHERE id = ?`, searchText(c), id); err != nil {
		return nil, err
	}
	for _, q := range []string{
		`UPDATE meetings SET agenda = '', outcome = '' WHERE case_id = ?`,
		`UPDATE case_results SET notes = '' WHERE case_id = ?`,
		// The coordination centres' measures name places and people, and
		// their log repeats the measures and holds the messages of the day.
		`UPDATE centre_measures SET place = '', note = '', entity_id = 0 WHERE centre_id IN (SELECT id FROM centres WHERE case_id = ?)`,
		`UPDATE centre_events SET body = '{}' WHERE centre_id IN (SELECT id FROM centres WHERE case_id = ?)`,
		// The messages of the JITs linked to the case, as their evidence
		// below: the exchange is about the case's people. Who wrote when
		// stays; the text goes (an empty body marks it erased).
		`UPDATE jit_messages SET body = '' WHERE jit_id IN (SELECT jit_id FROM jit_cases WHERE case_id = ?)`,
	} {
		if _, err := tx.exec(ctx, q, id); err != nil {
			return nil, err
		}
	}
	if err := tx.eraseInstrumentReasons(ctx, `case_id = ?`, id); err != nil {
		return nil, err
	}
	evidence, err := tx.findEvidence(ctx, `e.deleted_at = 0 AND e.jit_id IN (SELECT jit_id FROM jit_cases WHERE case_id = ?)`, id)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, ev := range evidence {
		ok, err := tx.markEvidenceDeleted(ctx, ev, crosscase.EvidenceDeletedRetention)
		if err != nil {
			return nil, err
		}
		if ok {
			files = append(files, ev.StorageName)
		}
	}
	if _, err := tx.exec(ctx, `UPDATE jit_evidence SET file_name = '' WHERE deleted_reason = 'retention' AND jit_id IN (SELECT jit_id FROM jit_cases WHERE case_id = ?)`, id); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE cases SET erased_at = ?, erased_ground = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		micros(tx.now), string(ground), micros(tx.now), id); err != nil {
		return nil, err
	}
	tx.audit(ctx, crosscase.ActionDelete, "case_personal_data", id, id, fmt.Sprintf("ground=%s evidence=%d", ground, len(files)))
	return files, nil
}

// eraseEntities deletes the entities of case caseID matching where, each
// audited as a deletion (which the entity feed turns into its removal
// from every match index), and detaches instruments from them.
func (tx *Tx) eraseEntities(ctx context.Context, caseID int64, where string, args []any, ground crosscase.RetentionGround) error {
	rows, err := tx.query(ctx, `SELECT id, kind, role FROM entities WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return err
	}
	var list []*crosscase.Entity
	for rows.Next() {
		e := &crosscase.Entity{}
		if err := rows.Scan(&e.ID, &e.Kind, &e.Role); err != nil {
			rows.Close()
			return err
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range list {
		if err := tx.eraseInstrumentReasons(ctx, `case_id = ? AND entity_id = ?`, caseID, e.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE instruments SET entity_id = 0 WHERE case_id = ? AND entity_id = ?`, caseID, e.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM hits WHERE entity_a = ? OR entity_b = ?`, e.ID, e.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM list_check_hits WHERE entity_id = ?`, e.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM entities WHERE id = ?`, e.ID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionDelete, "entity", e.ID, caseID, entityDetail(e)+" erased="+string(ground))
	}
	if len(list) > 0 {
		return tx.touchCase(ctx, caseID)
	}
	return nil
}

// eraseInstrumentReasons empties the free-text reasons of the instruments
// matching where (their extensions, delays and agreed surrender dates),
// which describe the proceedings against the person concerned and are
// personal data as the partner data rule counts them
// (instrumentPersonal); who gave them and when, and the days and dates
// that run the clocks, stay.
func (tx *Tx) eraseInstrumentReasons(ctx context.Context, where string, args ...any) error {
	in := `instrument_id IN (SELECT id FROM instruments WHERE ` + where + `)`
	for _, q := range []string{
		`UPDATE instrument_extensions SET reason = '' WHERE ` + in,
		`UPDATE instrument_delay_reasons SET reasons = '' WHERE ` + in,
		`UPDATE instrument_breaches SET reasons = '' WHERE ` + in,
		`UPDATE instrument_surrender_dates SET reason = '' WHERE ` + in,
	} {
		if _, err := tx.exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// flushErased, on SQLite, copies the pages that a committed deletion of
// personal data zeroed (secure_delete) into the database file and empties
// the write-ahead log, which still holds earlier images of those pages:
// once it completes, no file of the store holds the deleted data. It
// waits for readers as any write does (busy_timeout); a reader that still
// holds an older snapshot then stops it short (busy), and both files may
// keep the deleted data. Until a checkpoint completes the flush is owed
// (flushOwed): the retention sweep tries again, every run, and returns
// the failure for its caller to log; a store opened anew owes one, for a
// process that ended owing it. Inside Batch, whose transaction holds the
// one writing connection until it ends, the flush runs once the batch
// has committed.
func (d *DB) flushErased(ctx context.Context) error {
	if d.dialect != SQLite {
		return nil
	}
	d.flushOwed.Store(true)
	if b, ok := ctx.Value(batchKey{}).(*Tx); ok && b != nil && b.db == d {
		after := context.WithValue(context.WithoutCancel(ctx), batchKey{}, (*Tx)(nil))
		b.afterCommit = append(b.afterCommit, func() { _ = d.flushErased(after) })
		return nil
	}
	var busy, logPages, done int
	if err := d.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done); err != nil {
		return fmt.Errorf("empty the write-ahead log after a deletion of personal data: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("empty the write-ahead log after a deletion of personal data: a reader holds an older snapshot (%d of %d log pages copied); tried again at the next retention sweep", done, logPages)
	}
	d.flushOwed.Store(false)
	return nil
}

// removeEvidenceFiles removes evidence files whose rows a committed
// transaction marked deleted; one that fails is an orphan the evidence
// sweep removes.
func (d *DB) removeEvidenceFiles(names []string) {
	if len(names) == 0 {
		return
	}
	files, err := d.evidenceFiles()
	if err != nil {
		return
	}
	for _, n := range names {
		_ = files.Remove(n)
	}
}
