package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"crosscase"
)

// FindRelations implements crosscase.RelationService.
func (d *DB) FindRelations(ctx context.Context, caseID int64) ([]*crosscase.Relation, error) {
	out := []*crosscase.Relation{}
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT id, case_id, from_id, to_id, kind, created_at FROM entity_relations WHERE case_id = ? ORDER BY id`, caseID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r := &crosscase.Relation{}
			var kind string
			var at int64
			if err := rows.Scan(&r.ID, &r.CaseID, &r.FromID, &r.ToID, &kind, &at); err != nil {
				return err
			}
			r.Kind, r.CreatedAt = crosscase.RelationKind(kind), fromMicros(at)
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "relation", 0, caseID, "relations="+strconv.Itoa(len(out)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "relation", 0, caseID)
		return nil, err
	}
	return out, nil
}

// CreateRelation implements crosscase.RelationService: both entities must
// be of the case.
func (d *DB) CreateRelation(ctx context.Context, r *crosscase.Relation) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, r.CaseID, needWrite); err != nil {
			return err
		}
		if err := r.Validate(); err != nil {
			return err
		}
		var kinds [2]crosscase.EntityKind
		for i, f := range []struct {
			name string
			id   int64
		}{{"from_id", r.FromID}, {"to_id", r.ToID}} {
			cid, err := tx.entityCase(ctx, f.id)
			if errors.Is(err, sql.ErrNoRows) || err == nil && cid != r.CaseID || crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
				return crosscase.FieldErrorf(f.name, "Entity %d is not an entity of this case.", f.id)
			} else if err != nil {
				return err
			}
			if err := tx.queryRow(ctx, `SELECT kind FROM entities WHERE id = ?`, f.id).Scan(&kinds[i]); err != nil {
				return err
			}
		}
		if err := tx.insertRelation(ctx, r, kinds[0], kinds[1], ""); err != nil {
			return err
		}
		return tx.touchCase(ctx, r.CaseID)
	})
	d.recordRefusal(ctx, err, "relation", 0, r.CaseID)
	return err
}

// insertRelation records r between two entities of its case, of kinds
// from and to, and audits it (detail, when not "", added to the audit
// entry's): r is validated and its ends checked (CheckRelationEnds) here,
// whoever creates it. Whether the caller may write the case, and whether
// both entities are the case's, are the caller's to have checked.
func (tx *Tx) insertRelation(ctx context.Context, r *crosscase.Relation, from, to crosscase.EntityKind, detail string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := crosscase.CheckRelationEnds(r.Kind, from, to); err != nil {
		return err
	}
	// The same relation, given either way for a symmetric kind: the
	// unique indexes hold it too (migrations 0021, 0044), this names it
	// before the insert.
	for _, ends := range r.Same() {
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM entity_relations WHERE from_id = ? AND to_id = ? AND kind = ?`, ends[0], ends[1], string(r.Kind)).Scan(&one)
		if err == nil {
			return crosscase.Errorf(crosscase.ECONFLICT, "These two entities are already related so.")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	var err error
	r.CreatedAt = fromMicros(micros(tx.now))
	r.ID, err = tx.insert(ctx, `INSERT INTO entity_relations (case_id, from_id, to_id, kind, created_at) VALUES (?, ?, ?, ?, ?)`,
		r.CaseID, r.FromID, r.ToID, string(r.Kind), micros(tx.now))
	if crosscase.ErrorCode(err) == crosscase.ECONFLICT {
		return crosscase.Errorf(crosscase.ECONFLICT, "These two entities are already related so.")
	} else if err != nil {
		return err
	}
	audit := "kind=" + string(r.Kind)
	if detail != "" {
		audit += " " + detail
	}
	tx.audit(ctx, crosscase.ActionCreate, "relation", r.ID, r.CaseID, audit)
	return nil
}

// DeleteRelation implements crosscase.RelationService.
func (d *DB) DeleteRelation(ctx context.Context, caseID, id int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		if access, of, err := tx.caseObjectAccess(ctx, "entity_relations", id, false); err != nil {
			return err
		} else if access == objectHidden || !inCase(caseID, of) {
			return notFound("Relation")
		}
		var caseID int64 // the relation's own, also when the caller acts in any case
		var kind string
		if err := tx.queryRow(ctx, `SELECT case_id, kind FROM entity_relations WHERE id = ?`, id).Scan(&caseID, &kind); errors.Is(err, sql.ErrNoRows) {
			return notFound("Relation")
		} else if err != nil {
			return err
		}
		if _, err := tx.authorizeCase(ctx, caseID, needWrite); err != nil {
			if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
				return notFound("Relation")
			}
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM entity_relations WHERE id = ?`, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionDelete, "relation", id, caseID, "kind="+kind)
		return tx.touchCase(ctx, caseID)
	})
	d.recordRefusal(ctx, err, "relation", id, 0)
	return err
}
