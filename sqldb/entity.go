package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"crosscase"
)

const entityColumns = `id, case_id, kind, role, given_name, family_name, name, birth_date, nationality, id_number, address, value, country, notes, external_ref, version, created_at, updated_at`

func scanEntity(s scanner, extra ...any) (*crosscase.Entity, error) {
	e := &crosscase.Entity{}
	var kind, role, birth string
	var created, updated int64
	dest := append([]any{&e.ID, &e.CaseID, &kind, &role, &e.GivenName, &e.FamilyName, &e.Name, &birth, &e.Nationality, &e.IDNumber, &e.Address, &e.Value, &e.Country, &e.Notes, &e.ExternalRef, &e.Version, &created, &updated}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	e.Kind, e.Role = crosscase.EntityKind(kind), crosscase.EntityRole(role)
	e.BirthDate = parseDateText(birth)
	e.CreatedAt, e.UpdatedAt = fromMicros(created), fromMicros(updated)
	return e, nil
}

// entityDetail describes e for the audit log without personal data.
func entityDetail(e *crosscase.Entity) string {
	return "kind=" + string(e.Kind) + " role=" + string(e.Role)
}

// FindEntities returns the entities of a visible case ordered by kind,
// role and label. Audited as one read of the case's entities.
func (d *DB) FindEntities(ctx context.Context, caseID int64) ([]*crosscase.Entity, error) {
	var out []*crosscase.Entity
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		if err := tx.authorizeCallerTransfer(ctx, crosscase.TransferRead, "entity", 0, caseID); err != nil {
			return err
		}
		var err error
		if out, err = tx.caseEntities(ctx, caseID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "entity", 0, caseID, fmt.Sprintf("entities=%d", len(out)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "entity", 0, caseID)
		return nil, err
	}
	kinds := map[crosscase.EntityKind]int{}
	for i, k := range crosscase.EntityKinds() {
		kinds[k] = i
	}
	roles := map[crosscase.EntityRole]int{}
	for i, r := range crosscase.EntityRoles() {
		roles[r] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if kinds[a.Kind] != kinds[b.Kind] {
			return kinds[a.Kind] < kinds[b.Kind]
		}
		if roles[a.Role] != roles[b.Role] {
			return roles[a.Role] < roles[b.Role]
		}
		return strings.ToLower(a.Label()) < strings.ToLower(b.Label())
	})
	return out, nil
}

// caseEntities returns the entities of case caseID in the order of their
// ids (nil for none); the caller has authorized and audits the read.
func (tx *Tx) caseEntities(ctx context.Context, caseID int64) ([]*crosscase.Entity, error) {
	rows, err := tx.query(ctx, `SELECT `+entityColumns+` FROM entities WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*crosscase.Entity
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// entityCase returns the case id of entity id, or ENOTFOUND.
func (tx *Tx) entityCase(ctx context.Context, id int64) (int64, error) {
	var caseID int64
	err := tx.queryRow(ctx, `SELECT case_id FROM entities WHERE id = ?`, id).Scan(&caseID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("Entity")
	}
	return caseID, err
}

// FindEntityByID returns a visible entity; ENOTFOUND otherwise.
func (d *DB) FindEntityByID(ctx context.Context, id int64) (*crosscase.Entity, error) {
	var e *crosscase.Entity
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if e, err = tx.authorizeEntity(ctx, id, needRead); err != nil {
			return err
		}
		if err := tx.authorizeCallerTransfer(ctx, crosscase.TransferRead, "entity", id, e.CaseID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "entity", id, e.CaseID, entityDetail(e))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "entity", id, 0)
		return nil, err
	}
	return e, nil
}

// checkEntityRefs checks that the countries e names exist.
func (tx *Tx) checkEntityRefs(ctx context.Context, e *crosscase.Entity, countries map[string]bool) error {
	if e.Nationality == "" && e.Country == "" {
		return nil
	}
	if countries == nil {
		var err error
		if countries, err = tx.countryCodes(ctx); err != nil {
			return err
		}
	}
	if e.Nationality != "" && !countries[e.Nationality] {
		return crosscase.FieldErrorf("nationality", "%q is not an ISO 3166-1 country.", e.Nationality)
	}
	if e.Country != "" && !countries[e.Country] {
		return crosscase.FieldErrorf("country", "%q is not an ISO 3166-1 country.", e.Country)
	}
	return nil
}

// normalizeEntity tidies identifiers before they are stored.
func normalizeEntity(e *crosscase.Entity) {
	if e.Kind == crosscase.KindIBAN {
		e.Value = crosscase.NormalizeIBAN(e.Value)
	}
	e.Value = strings.TrimSpace(e.Value)
	e.GivenName = strings.TrimSpace(e.GivenName)
	e.FamilyName = strings.TrimSpace(e.FamilyName)
	e.Name = strings.TrimSpace(e.Name)
	e.IDNumber = strings.TrimSpace(e.IDNumber)
	e.Address = strings.TrimSpace(e.Address)
}

// CreateEntity adds e to case e.CaseID: ENOTFOUND when the case is not
// visible, EFORBIDDEN when not the caller's to change, EINVALID names the
// bad field.
func (d *DB) CreateEntity(ctx context.Context, e *crosscase.Entity) error {
	if err := e.Validate(d.latestToday()); err != nil {
		return err
	}
	normalizeEntity(e)
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, e.CaseID, needWrite); err != nil {
			return err
		}
		if err := tx.checkEntityRefs(ctx, e, nil); err != nil {
			return err
		}
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO entities (`+entityInsertColumns+`, version, created_at, updated_at)
			VALUES (`+entityInsertValues+`, 1, ?, ?)`, entityArgs(e, now)...)
		if err != nil {
			return err
		}
		e.ID, e.Version = id, 1
		e.CreatedAt, e.UpdatedAt = fromMicros(now), fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "entity", id, e.CaseID, entityDetail(e))
		return tx.touchCase(ctx, e.CaseID)
	})
	d.recordRefusal(ctx, err, "entity", 0, e.CaseID)
	return err
}

// entityInsertColumns are the columns entityArgs fills before the times.
const entityInsertColumns = `case_id, kind, role, given_name, family_name, name, birth_date, nationality, id_number, address, value, country, notes, external_ref, search`

// entityInsertValues has a placeholder for each of entityInsertColumns.
var entityInsertValues = placeholders(strings.Count(entityInsertColumns, ",") + 1)

// entityArgs returns e's entityInsertColumns, then now twice.
func entityArgs(e *crosscase.Entity, now int64) []any {
	return []any{e.CaseID, string(e.Kind), string(e.Role), e.GivenName, e.FamilyName, e.Name, dateText(e.BirthDate), e.Nationality, e.IDNumber, e.Address, e.Value, e.Country, e.Notes, e.ExternalRef, entitySearchText(e), now, now}
}

// touchCase marks a case as changed when its entities change.
func (tx *Tx) touchCase(ctx context.Context, caseID int64) error {
	_, err := tx.exec(ctx, `UPDATE cases SET updated_at = ? WHERE id = ?`, micros(tx.now), caseID)
	return err
}

// UpdateEntity changes an entity; ECONFLICT on a stale version.
func (d *DB) UpdateEntity(ctx context.Context, id int64, upd crosscase.EntityUpdate) (*crosscase.Entity, error) {
	var e *crosscase.Entity
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if e, err = tx.authorizeEntity(ctx, id, needWrite); err != nil {
			return err
		}
		if upd.Version != e.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The entity was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.", e.Version, upd.Version)
		}
		before := *e
		upd.Apply(e)
		if err := e.Validate(tx.latestToday()); err != nil {
			return err
		}
		normalizeEntity(e)
		if len(crosscase.ChangedEntityFields(&before, e)) == 0 {
			*e = before // nothing to change: nothing written, the version kept
			return nil
		}
		if err := tx.checkEntityRefs(ctx, e, nil); err != nil {
			return err
		}
		now := micros(tx.now)
		res, err := tx.exec(ctx, `UPDATE entities SET role = ?, given_name = ?, family_name = ?, name = ?, birth_date = ?, nationality = ?, id_number = ?, address = ?, value = ?, country = ?, notes = ?, external_ref = ?,
			search = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			string(e.Role), e.GivenName, e.FamilyName, e.Name, dateText(e.BirthDate), e.Nationality, e.IDNumber, e.Address, e.Value, e.Country, e.Notes, e.ExternalRef, entitySearchText(e), now, id, upd.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "The entity was changed by someone else. Reload it and apply your change again.")
		}
		e.Version++
		e.UpdatedAt = fromMicros(now)
		tx.audit(ctx, crosscase.ActionUpdate, "entity", id, e.CaseID, entityDetail(e))
		return tx.touchCase(ctx, e.CaseID)
	})
	if err != nil {
		d.recordRefusal(ctx, err, "entity", id, 0)
		return nil, err
	}
	return e, nil
}

// DeleteEntity removes an entity; its audit records remain.
func (d *DB) DeleteEntity(ctx context.Context, id int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		e, err := tx.authorizeEntity(ctx, id, needWrite)
		if err != nil {
			return err
		}
		// An instrument that concerned the entity concerns no one now, as
		// when a case's personal data are erased (eraseEntities).
		if _, err := tx.exec(ctx, `UPDATE instruments SET entity_id = 0 WHERE case_id = ? AND entity_id = ?`, e.CaseID, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM entities WHERE id = ?`, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionDelete, "entity", id, e.CaseID, entityDetail(e))
		return tx.touchCase(ctx, e.CaseID)
	})
	d.recordRefusal(ctx, err, "entity", id, 0)
	return err
}

// ExportCase returns a visible case with all its entities, audited as an
// export of the case and its entities.
func (d *DB) ExportCase(ctx context.Context, id int64) (*crosscase.CaseBundle, error) {
	b := &crosscase.CaseBundle{Entities: []*crosscase.Entity{}}
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if b.Case, err = tx.authorizeCase(ctx, id, needRead); err != nil {
			return err
		}
		if err := tx.authorizeCallerTransfer(ctx, crosscase.TransferExport, "case", id, id); err != nil {
			return err
		}
		entities, err := tx.caseEntities(ctx, id)
		if err != nil {
			return err
		}
		b.Entities = append(b.Entities, entities...)
		tx.audit(ctx, crosscase.ActionExport, "case", id, id, fmt.Sprintf("entities=%d", len(b.Entities)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "case", id, id)
		return nil, err
	}
	return b, nil
}
