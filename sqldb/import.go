package sqldb

import (
	"context"
	"strconv"

	"crosscase"
)

// ImportCases loads many cases with their entities in one transaction
// (demo and scale data). Only the system actor may import (EFORBIDDEN
// otherwise); every bundle is validated like CreateCase and CreateEntity,
// and one bad bundle refuses the whole batch, naming it in the field
// (e.g. "bundles[3].entities[2].value"). Each case gets its audit entry.
func (d *DB) ImportCases(ctx context.Context, bundles []*crosscase.CaseBundle) error {
	if !isSystem(ctx) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the command line imports cases.")
	}
	for i, b := range bundles {
		if err := b.Case.Validate(); err != nil {
			return prefixField(err, "bundles["+strconv.Itoa(i)+"].")
		}
		for j, e := range b.Entities {
			if err := e.Validate(); err != nil {
				return prefixField(err, "bundles["+strconv.Itoa(i)+"].entities["+strconv.Itoa(j)+"].")
			}
			normalizeEntity(e)
		}
	}
	return d.withTx(ctx, func(tx *Tx) error {
		countries, err := tx.countryCodes(ctx)
		if err != nil {
			return err
		}
		desks := map[int64]string{}
		rows, err := tx.query(ctx, `SELECT id, country_code FROM desks`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var cc string
			if err := rows.Scan(&id, &cc); err != nil {
				rows.Close()
				return err
			}
			desks[id] = cc
		}
		rows.Close()
		now := micros(tx.now)
		var entityRows [][]any
		for i, b := range bundles {
			c := b.Case
			cc, ok := desks[c.OwnerDeskID]
			if !ok {
				return crosscase.FieldErrorf("bundles["+strconv.Itoa(i)+"].owner_desk_id", "Desk %d does not exist.", c.OwnerDeskID)
			}
			c.OwnerCountry = cc
			if err := tx.insertCase(ctx, c, countries); err != nil {
				return prefixField(err, "bundles["+strconv.Itoa(i)+"].")
			}
			for j, e := range b.Entities {
				e.CaseID = c.ID
				if err := tx.checkEntityRefs(ctx, e, countries); err != nil {
					return prefixField(err, "bundles["+strconv.Itoa(i)+"].entities["+strconv.Itoa(j)+"].")
				}
				entityRows = append(entityRows, entityArgs(e, now))
			}
			c.EntityCount = len(b.Entities)
		}
		return tx.insertRows(ctx, `INSERT INTO entities (case_id, kind, role, given_name, family_name, name, birth_date, nationality, value, country, notes, external_ref, created_at, updated_at) VALUES `, entityRows)
	})
}

// prefixField puts prefix before the field an EINVALID error names.
func prefixField(err error, prefix string) error {
	if e, ok := err.(*crosscase.Error); ok && e.Field != "" {
		return &crosscase.Error{Code: e.Code, Field: prefix + e.Field, Message: e.Message}
	}
	return err
}
