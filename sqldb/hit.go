package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"crosscase"
)

// hitRow is a stored hit, both sides.
type hitRow struct {
	id                             int64
	entityA, caseA, deskA          int64
	entityB, caseB, deskB          int64
	kind, fields, status, match    string
	score                          int
	createdAt, updatedAt           int64
	refA, refB, countryA, countryB string
}

const hitSelect = `SELECT h.id, h.entity_a, h.case_a, h.desk_a, h.entity_b, h.case_b, h.desk_b, h.kind, h.fields, h.status, h.score, h.created_at, h.updated_at, h.match_kind,
	ca.reference, cb.reference, ca.owner_country, cb.owner_country
	FROM hits h JOIN cases ca ON ca.id = h.case_a JOIN cases cb ON cb.id = h.case_b`

func scanHit(s scanner) (*hitRow, error) {
	h := &hitRow{}
	err := s.Scan(&h.id, &h.entityA, &h.caseA, &h.deskA, &h.entityB, &h.caseB, &h.deskB, &h.kind, &h.fields, &h.status, &h.score, &h.createdAt, &h.updatedAt, &h.match,
		&h.refA, &h.refB, &h.countryA, &h.countryB)
	return h, err
}

// hitWorker returns the caller if their role works on hits: the
// case-working roles of a desk. Others see no hits at all.
func hitWorker(ctx context.Context) (*crosscase.User, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if !crosscase.CanSeeHits(u) {
		return nil, notFound("Hit")
	}
	return u, nil
}

// hitListReader returns the caller of a list of the desk's hits (or of
// the list check hits on its entities) and checks the page's limit; nil
// with no error for a caller who sees no hits, whose list is empty.
func hitListReader(ctx context.Context, limit *int) (*crosscase.User, error) {
	u, err := hitWorker(ctx)
	if err != nil {
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			return nil, nil
		}
		return nil, err
	}
	return u, crosscase.CheckLimit(limit, 50, 200)
}

// view is the hit as the caller's desk sees it: its own side in full, the
// other side's desk and country, and the other side's case and entity only
// once disclosed or when the caller sees that case anyway.
func (tx *Tx) view(ctx context.Context, u *crosscase.User, h *hitRow) (*crosscase.Hit, error) {
	return tx.viewFrom(ctx, u, h, 0)
}

// viewFrom is view from the side of case caseID when the caller's desk
// holds both sides (a hit between two of its own cases, listed for the
// second one); 0 for the checked side.
func (tx *Tx) viewFrom(ctx context.Context, u *crosscase.User, h *hitRow, caseID int64) (*crosscase.Hit, error) {
	v := &crosscase.Hit{ID: h.id, Score: h.score, Status: crosscase.HitStatus(h.status), Kind: crosscase.EntityKind(h.kind), MatchKind: h.match,
		CreatedAt: fromMicros(h.createdAt), UpdatedAt: fromMicros(h.updatedAt)}
	if err := json.Unmarshal([]byte(h.fields), &v.Fields); err != nil {
		return nil, fmt.Errorf("hit %d fields: %w", h.id, err)
	}
	otherCase, otherEntity, otherRef := h.caseB, h.entityB, h.refB
	if u.DeskID == h.deskA && !(caseID != 0 && caseID == h.caseB && caseID != h.caseA && u.DeskID == h.deskB) {
		v.Side, v.EntityID, v.CaseID, v.CaseRef = "checked", h.entityA, h.caseA, h.refA
		v.OtherDeskID, v.OtherCountry = h.deskB, h.countryB
	} else {
		v.Side, v.EntityID, v.CaseID, v.CaseRef = "found", h.entityB, h.caseB, h.refB
		v.OtherDeskID, v.OtherCountry = h.deskA, h.countryA
		otherCase, otherEntity, otherRef = h.caseA, h.entityA, h.refA
	}
	v.CanDecide = crosscase.CanDecideHit(u, v.FoundSideOf(u), crosscase.HitDisclosed)
	show := v.Status == crosscase.HitDisclosed
	if !show {
		pred, args := visibleCasePredicate(u, tx.today())
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM cases c WHERE c.id = ? AND `+pred, append([]any{otherCase}, args...)...).Scan(&one)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		show = err == nil
	}
	if show {
		v.OtherCaseID, v.OtherEntityID, v.OtherCaseRef = otherCase, otherEntity, otherRef
	}
	return v, nil
}

// FindHits returns the hits of the caller's desk, newest first.
func (d *DB) FindHits(ctx context.Context, f crosscase.HitFilter) ([]*crosscase.Hit, string, error) {
	u, err := hitListReader(ctx, &f.Limit)
	if err != nil || u == nil {
		return []*crosscase.Hit{}, "", err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, "", crosscase.FieldErrorf("status", "Status must be new, disclosed, restricted or dismissed.")
	}
	where := []string{`(h.desk_a = ? OR h.desk_b = ?)`}
	args := []any{u.DeskID, u.DeskID}
	if f.Status != "" {
		where, args = append(where, `h.status = ?`), append(args, string(f.Status))
	}
	if f.CaseID != 0 {
		where, args = append(where, `((h.case_a = ? AND h.desk_a = ?) OR (h.case_b = ? AND h.desk_b = ?))`), append(args, f.CaseID, u.DeskID, f.CaseID, u.DeskID)
	}
	if f.Cursor != "" {
		id, err := strconv.ParseInt(strings.TrimPrefix(f.Cursor, "h"), 10, 64)
		if err != nil || !strings.HasPrefix(f.Cursor, "h") {
			return nil, "", crosscase.FieldErrorf("cursor", "The cursor is not one this server gave.")
		}
		where, args = append(where, `h.id < ?`), append(args, id)
	}
	q := hitSelect + ` WHERE ` + strings.Join(where, " AND ") + ` ORDER BY h.id DESC LIMIT ?`
	args = append(args, f.Limit+1)
	var out []*crosscase.Hit
	err = d.withTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		var hs []*hitRow
		for rows.Next() {
			h, err := scanHit(rows)
			if err != nil {
				rows.Close()
				return err
			}
			hs = append(hs, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, h := range hs {
			v, err := tx.viewFrom(ctx, u, h, f.CaseID)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		tx.audit(ctx, crosscase.ActionList, "hit", 0, f.CaseID, fmt.Sprintf("results=%d", min(len(out), f.Limit)))
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > f.Limit {
		out = out[:f.Limit]
		next = "h" + strconv.FormatInt(out[len(out)-1].ID, 10)
	}
	if out == nil {
		out = []*crosscase.Hit{}
	}
	return out, next, nil
}

// findHitRow returns a hit of the caller's desk; ENOTFOUND otherwise.
func (tx *Tx) findHitRow(ctx context.Context, u *crosscase.User, id int64) (*hitRow, error) {
	h, err := scanHit(tx.queryRow(ctx, hitSelect+` WHERE h.id = ? AND (h.desk_a = ? OR h.desk_b = ?)`, id, u.DeskID, u.DeskID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Hit")
	}
	return h, err
}

// FindHit returns one hit of the caller's desk; ENOTFOUND otherwise.
func (d *DB) FindHit(ctx context.Context, id int64) (*crosscase.Hit, error) {
	u, err := hitWorker(ctx)
	if err != nil {
		return nil, err
	}
	var v *crosscase.Hit
	err = d.withTx(ctx, func(tx *Tx) error {
		h, err := tx.findHitRow(ctx, u, id)
		if err != nil {
			return err
		}
		if v, err = tx.view(ctx, u, h); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "hit", id, v.CaseID, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "hit", id, 0)
		return nil, err
	}
	return v, nil
}

// DecideHit discloses, restricts or dismisses a hit of the caller's desk.
func (d *DB) DecideHit(ctx context.Context, id int64, status crosscase.HitStatus) (*crosscase.Hit, error) {
	u, err := hitWorker(ctx)
	if err != nil {
		return nil, err
	}
	if !status.IsDecision() {
		return nil, crosscase.FieldErrorf("status", "A hit is disclosed, restricted or dismissed.")
	}
	var v *crosscase.Hit
	err = d.withTx(ctx, func(tx *Tx) error {
		h, err := tx.findHitRow(ctx, u, id)
		if err != nil {
			return err
		}
		if !crosscase.CanDecideHit(u, u.DeskID == h.deskB, status) {
			if !u.Role.WorksCases() {
				return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors decide on hits.")
			}
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the desk whose entity was found decides whether to disclose it.")
		}
		if !crosscase.HitStatus(h.status).CanMoveTo(status) {
			return crosscase.Errorf(crosscase.ECONFLICT, "This hit was dismissed as a false match.")
		}
		var reason string
		if a := crosscase.ActorFromContext(ctx); a != nil {
			reason = a.Reason
		}
		if err := crosscase.CheckHitReason(status, reason); err != nil {
			return err
		}
		if status == crosscase.HitDisclosed {
			// The entity goes to the desk that checked it: the partner data rule.
			var country string
			if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, h.deskA).Scan(&country); err != nil {
				return translate(err)
			}
			if err := tx.authorizeTransfer(ctx, country, crosscase.TransferDisclosure, "hit", id, h.caseB); err != nil {
				return err
			}
		}
		now := micros(tx.now)
		if _, err := tx.exec(ctx, `UPDATE hits SET status = ?, decided_by = ?, updated_at = ? WHERE id = ?`, string(status), u.ID, now, id); err != nil {
			return err
		}
		h.status, h.updatedAt = string(status), now
		if v, err = tx.view(ctx, u, h); err != nil {
			return err
		}
		action := crosscase.ActionDismiss
		switch status {
		case crosscase.HitDisclosed:
			action = crosscase.ActionDisclose
		case crosscase.HitRestricted:
			action = crosscase.ActionRestrict
		}
		tx.audit(ctx, action, "hit", id, h.caseA, "")
		tx.audit(ctx, action, "hit", id, h.caseB, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "hit", id, 0)
		return nil, err
	}
	return v, nil
}

// CountNewHits returns how many hits of the caller's desk are new.
func (d *DB) CountNewHits(ctx context.Context) (int, error) {
	u, err := hitWorker(ctx)
	if err != nil {
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			return 0, nil
		}
		return 0, err
	}
	var n int
	err = d.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM hits WHERE status = 'new' AND (desk_a = ? OR desk_b = ?)`, u.DeskID, u.DeskID).Scan(&n)
	})
	return n, err
}

// RecordHits stores what the matcher found: one row per pair of
// entities, whichever side and process found it. Only the system actor.
func (d *DB) RecordHits(ctx context.Context, found []crosscase.HitCandidate) (int, error) {
	if !isSystem(ctx) {
		return 0, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the matcher records hits.")
	}
	created := 0
	err := d.withTx(ctx, func(tx *Tx) error {
		for _, f := range found {
			if f.EntityID == f.FoundEntityID || f.Score < 0 || f.Score > 100 {
				return crosscase.FieldErrorf("score", "A hit links two entities with a score of 0 to 100.")
			}
			b, err := hitFieldsJSON(f.Fields)
			if err != nil {
				return err
			}
			var caseA, deskA, caseB, deskB int64
			var kind string
			err = tx.queryRow(ctx, `SELECT ea.case_id, ca.owner_desk_id, eb.case_id, cb.owner_desk_id, ea.kind
				FROM entities ea JOIN cases ca ON ca.id = ea.case_id, entities eb JOIN cases cb ON cb.id = eb.case_id
				WHERE ea.id = ? AND eb.id = ?`, f.EntityID, f.FoundEntityID).Scan(&caseA, &deskA, &caseB, &deskB, &kind)
			if errors.Is(err, sql.ErrNoRows) {
				continue // deleted meanwhile
			} else if err != nil {
				return err
			}
			if caseA == caseB {
				continue
			}
			lo, hi := min(f.EntityID, f.FoundEntityID), max(f.EntityID, f.FoundEntityID)
			now := micros(tx.now)
			var id int64
			err = tx.queryRow(ctx, `SELECT id FROM hits WHERE pair_lo = ? AND pair_hi = ?`, lo, hi).Scan(&id)
			switch {
			case err == nil:
				if _, err := tx.exec(ctx, `UPDATE hits SET score = ?, fields = ?, match_kind = ?, updated_at = ? WHERE id = ? AND (score <> ? OR fields <> ? OR match_kind <> ?)`, f.Score, string(b), f.MatchKind, now, id, f.Score, string(b), f.MatchKind); err != nil {
					return err
				}
				continue
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			res, err := tx.exec(ctx, `INSERT INTO hits (entity_a, case_a, desk_a, entity_b, case_b, desk_b, pair_lo, pair_hi, kind, score, fields, status, created_at, updated_at, match_kind)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?) ON CONFLICT (pair_lo, pair_hi) DO NOTHING`,
				f.EntityID, caseA, deskA, f.FoundEntityID, caseB, deskB, lo, hi, kind, f.Score, string(b), now, now, f.MatchKind)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				created++
				detail := "score=" + strconv.Itoa(f.Score) + " kind=" + kind
				if f.MatchKind != "" {
					detail += " match=" + f.MatchKind
				}
				tx.audit(ctx, crosscase.ActionCreate, "hit", 0, caseA, detail)
				tx.audit(ctx, crosscase.ActionCreate, "hit", 0, caseB, detail)
			}
		}
		return nil
	})
	return created, err
}

// ScanEntities calls fn for every entity in id order; the system actor only.
func (d *DB) ScanEntities(ctx context.Context, fn func(crosscase.EntityChange) error) (int64, error) {
	if !isSystem(ctx) {
		return 0, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the matcher reads every entity.")
	}
	var seq int64
	if err := d.rdb.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM audit_log`).Scan(&seq); err != nil {
		return 0, translate(err)
	}
	rows, err := d.rdb.QueryContext(ctx, `SELECT `+prefixed("e.", entityColumns)+`, c.owner_desk_id, c.owner_country FROM entities e JOIN cases c ON c.id = e.case_id ORDER BY e.id`)
	if err != nil {
		return 0, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var ch crosscase.EntityChange
		e, err := scanEntity(rows, &ch.DeskID, &ch.CaseCountry)
		if err != nil {
			return 0, err
		}
		ch.Seq, ch.EntityID, ch.Entity = seq, e.ID, e
		if err := fn(ch); err != nil {
			return 0, err
		}
	}
	return seq, rows.Err()
}

// prefixed puts alias before every column of a comma-separated list.
func prefixed(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// EntityChanges returns up to limit entity changes after position since,
// read from the audit log (so every process sees the same order). A case
// created with entities at once (an import) is one change per entity.
func (d *DB) EntityChanges(ctx context.Context, since int64, limit int) ([]crosscase.EntityChange, error) {
	if !isSystem(ctx) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the matcher reads every entity.")
	}
	if limit < 1 {
		limit = 1000
	}
	type event struct {
		seq, objectID, caseID int64
		objectType, action    string
	}
	var events []event
	rows, err := d.rdb.QueryContext(ctx, d.rebind(`SELECT seq, object_type, action, object_id, case_id FROM audit_log
		WHERE seq > ? AND ((object_type = 'entity' AND action IN ('create', 'update', 'delete') AND object_id <> 0) OR (object_type = 'case' AND action = 'create'))
		ORDER BY seq LIMIT ?`), since, limit)
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var ev event
		if err := rows.Scan(&ev.seq, &ev.objectType, &ev.action, &ev.objectID, &ev.caseID); err != nil {
			rows.Close()
			return nil, err
		}
		events = append(events, ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Load every entity the events name in two queries, not one per event
	// (an import writes thousands of events at once).
	var entityIDs, caseIDs []int64
	for _, ev := range events {
		if ev.objectType == "case" {
			caseIDs = append(caseIDs, ev.caseID)
		} else {
			entityIDs = append(entityIDs, ev.objectID)
		}
	}
	byID := map[int64]crosscase.EntityChange{}
	byCase := map[int64][]crosscase.EntityChange{}
	load := func(column string, ids []int64) error {
		return eachChunk(ids, func(in string, args []any) error {
			rows, err := d.rdb.QueryContext(ctx, d.rebind(`SELECT `+prefixed("e.", entityColumns)+`, c.owner_desk_id, c.owner_country FROM entities e JOIN cases c ON c.id = e.case_id WHERE `+column+` IN `+in+` ORDER BY e.id`), args...)
			if err != nil {
				return translate(err)
			}
			for rows.Next() {
				var ch crosscase.EntityChange
				e, err := scanEntity(rows, &ch.DeskID, &ch.CaseCountry)
				if err != nil {
					rows.Close()
					return err
				}
				ch.EntityID, ch.Entity = e.ID, e
				if column == "e.case_id" {
					byCase[e.CaseID] = append(byCase[e.CaseID], ch)
				} else {
					byID[e.ID] = ch
				}
			}
			rows.Close()
			return rows.Err()
		})
	}
	if err := load("e.id", entityIDs); err != nil {
		return nil, err
	}
	if err := load("e.case_id", caseIDs); err != nil {
		return nil, err
	}
	var out []crosscase.EntityChange
	for _, ev := range events {
		switch {
		case ev.objectType == "case" && len(byCase[ev.caseID]) == 0:
			// A case without entities: keep the position moving.
			out = append(out, crosscase.EntityChange{Seq: ev.seq})
		case ev.objectType == "case":
			for _, ch := range byCase[ev.caseID] {
				ch.Seq = ev.seq
				out = append(out, ch)
			}
		default:
			ch, ok := byID[ev.objectID]
			if !ok {
				ch = crosscase.EntityChange{EntityID: ev.objectID, Deleted: true}
			}
			ch.Seq = ev.seq
			out = append(out, ch)
		}
	}
	return out, nil
}

// hitFieldsJSON is how the store keeps a hit's fields: a JSON list, [] for
// none.
func hitFieldsJSON(fields []crosscase.HitField) ([]byte, error) {
	if fields == nil {
		fields = []crosscase.HitField{}
	}
	return json.Marshal(fields)
}
