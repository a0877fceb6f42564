package sqldb

import (
	"context"
	"fmt"
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
			if err := e.Validate(d.latestToday()); err != nil {
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
		return tx.insertRows(ctx, `INSERT INTO entities (`+entityInsertColumns+`, created_at, updated_at) VALUES `, entityRows)
	})
}

// prefixField puts prefix before the field an EINVALID error names.
func prefixField(err error, prefix string) error {
	if e, ok := err.(*crosscase.Error); ok && e.Field != "" {
		return &crosscase.Error{Code: e.Code, Field: prefix + e.Field, Message: e.Message}
	}
	return err
}

// ImportEntities adds entities to case caseID all at once: every entity is
// validated first, and one bad entity refuses the whole file, naming it
// ("entities[12].value"); nothing is half-imported. Each entity gets its
// audit entry (so every process's matcher sees it). lines gives each
// entity's line of the file (nil: each its own, numbered from 1), which a
// refusal of two entities names; the second and later identifiers of one
// kind on a line under one reference are numbered as crosscase.LineRefs
// says (R8, R8#2); the entities of a line are related as
// crosscase.LineRelations says, in the same transaction, each relation
// checked and audited as CreateRelation does it, and relations is how
// many were. The system actor imports into any case; a user only into a
// case they may change (the same check as CreateEntity: ENOTFOUND,
// EFORBIDDEN). progress, when not nil, is called with the number of
// entities written so far.
func (d *DB) ImportEntities(ctx context.Context, caseID int64, entities []*crosscase.Entity, lines []int, progress func(done int)) (relations int, err error) {
	if _, err := requireUser(ctx); err != nil {
		return 0, err
	}
	if lines == nil {
		lines = make([]int, len(entities))
		for i := range lines {
			lines[i] = i + 1
		}
	} else if len(lines) != len(entities) {
		return 0, fmt.Errorf("sqldb: import of %s from %s", crosscase.Count{Format: "%d entities", N: int64(len(entities))}, crosscase.Count{Format: "%d lines", N: int64(len(lines))})
	}
	numberLineRefs(entities, lines)
	firstWith := map[string]int{} // kind, NUL, external reference → first entity of the file with it
	for i, e := range entities {
		e.CaseID = caseID
		if err := e.Validate(d.latestToday()); err != nil {
			return 0, prefixField(err, "entities["+strconv.Itoa(i)+"].")
		}
		normalizeEntity(e)
		if e.ExternalRef == "" {
			continue
		}
		// Relations name entities by their reference: two of one kind
		// under one reference could not be told apart. (The entities of
		// one line of a file, a person and their phone, share it; a
		// second phone of the line is "<ref>#2", numberLineRefs.)
		key := string(e.Kind) + "\x00" + e.ExternalRef
		if j, dup := firstWith[key]; dup {
			field := "entities[" + strconv.Itoa(i) + "].external_ref"
			if lines[j] == lines[i] {
				return 0, crosscase.FieldErrorf(field, "Line %d gives the reference %q to two %s entities: each needs its own.",
					lines[i], crosscase.Clip(e.ExternalRef), e.Kind)
			}
			return 0, crosscase.FieldErrorf(field, "The reference %q is given to two %s entities (lines %d and %d): each needs its own.",
				crosscase.Clip(e.ExternalRef), e.Kind, lines[j], lines[i])
		}
		firstWith[key] = i
	}
	ties := lineTies(entities, lines)
	err = d.withTx(ctx, func(tx *Tx) error {
		if isSystem(ctx) {
			var one int
			if err := tx.queryRow(ctx, `SELECT 1 FROM cases WHERE id = ?`, caseID).Scan(&one); err != nil {
				return crosscase.FieldErrorf("case", "Case %d does not exist.", caseID)
			}
		} else if _, err := tx.authorizeCase(ctx, caseID, needWrite); err != nil {
			return err
		}
		countries, err := tx.countryCodes(ctx)
		if err != nil {
			return err
		}
		if err := tx.checkNewExternalRefs(ctx, caseID, firstWith); err != nil {
			return err
		}
		now := micros(tx.now)
		for i, e := range entities {
			if err := tx.checkEntityRefs(ctx, e, countries); err != nil {
				return prefixField(err, "entities["+strconv.Itoa(i)+"].")
			}
			id, err := tx.insert(ctx, `INSERT INTO entities (`+entityInsertColumns+`, version, created_at, updated_at)
				VALUES (`+entityInsertValues+`, 1, ?, ?)`, entityArgs(e, now)...)
			if err != nil {
				return err
			}
			e.ID, e.Version = id, 1
			e.CreatedAt, e.UpdatedAt = fromMicros(now), fromMicros(now)
			tx.audit(ctx, crosscase.ActionCreate, "entity", id, caseID, entityDetail(e)+" import")
			if progress != nil && (i+1)%1000 == 0 {
				progress(i + 1)
			}
		}
		if progress != nil {
			progress(len(entities))
		}
		for _, t := range ties {
			from, to := entities[t.From], entities[t.To]
			r := &crosscase.Relation{CaseID: caseID, FromID: from.ID, ToID: to.ID, Kind: t.Kind}
			if err := tx.insertRelation(ctx, r, from.Kind, to.Kind, "import"); err != nil {
				return prefixField(err, "entities["+strconv.Itoa(t.To)+"].")
			}
		}
		return tx.touchCase(ctx, caseID)
	})
	d.recordRefusal(ctx, err, "entity", 0, caseID)
	if err != nil {
		return 0, err
	}
	return len(ties), nil
}

// numberLineRefs gives the entities of each line (lines, each entity's
// line of the file) the references crosscase.LineRefs says: the second
// phone of a line under the reference R8 becomes R8#2 (README, "Import").
func numberLineRefs(entities []*crosscase.Entity, lines []int) {
	byLine := map[int][]int{} // line → its entities, in file order
	for i, l := range lines {
		byLine[l] = append(byLine[l], i)
	}
	for _, idx := range byLine {
		if len(idx) < 2 {
			continue
		}
		kinds, refs := make([]crosscase.EntityKind, len(idx)), make([]string, len(idx))
		for k, i := range idx {
			kinds[k], refs[k] = entities[i].Kind, entities[i].ExternalRef
		}
		for k, ref := range crosscase.LineRefs(kinds, refs) {
			entities[idx[k]].ExternalRef = ref
		}
	}
}

// lineTies returns the relations an import draws between entities (of
// lines, each entity's line of the file) by crosscase.LineRelations, line
// by line, as indexes into entities.
func lineTies(entities []*crosscase.Entity, lines []int) []crosscase.LineTie {
	var order []int           // the lines, in the order the file first names them
	byLine := map[int][]int{} // line → its entities, in file order
	for i, l := range lines {
		if _, seen := byLine[l]; !seen {
			order = append(order, l)
		}
		byLine[l] = append(byLine[l], i)
	}
	var out []crosscase.LineTie
	for _, l := range order {
		idx := byLine[l]
		kinds := make([]crosscase.EntityKind, len(idx))
		for k, i := range idx {
			kinds[k] = entities[i].Kind
		}
		for _, t := range crosscase.LineRelations(kinds) {
			out = append(out, crosscase.LineTie{From: idx[t.From], To: idx[t.To], Kind: t.Kind})
		}
	}
	return out
}

// EntityReferences returns the case id and external reference of each
// entity in ids that exists, for reporting bulk-check hits on the command
// line. Only the system actor; the lookup is audited as an export.
func (d *DB) EntityReferences(ctx context.Context, ids []int64) (map[int64][2]string, error) {
	if !isSystem(ctx) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the command line reads entity references.")
	}
	out := make(map[int64][2]string, len(ids))
	err := d.withTx(ctx, func(tx *Tx) error {
		err := eachChunk(ids, func(in string, args []any) error {
			rows, err := tx.query(ctx, `SELECT id, case_id, external_ref FROM entities WHERE id IN `+in, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id, caseID int64
				var ref string
				if err := rows.Scan(&id, &caseID, &ref); err != nil {
					rows.Close()
					return err
				}
				out[id] = [2]string{strconv.FormatInt(caseID, 10), ref}
			}
			rows.Close()
			return rows.Err()
		})
		if err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionExport, "entity", 0, 0, "bulk check references="+strconv.Itoa(len(out)))
		return nil
	})
	return out, err
}

// checkNewExternalRefs refuses an import whose references (firstWith:
// kind, NUL, reference → index in the file) an entity of case caseID of
// that kind already has.
func (tx *Tx) checkNewExternalRefs(ctx context.Context, caseID int64, firstWith map[string]int) error {
	if len(firstWith) == 0 {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT id, kind, external_ref FROM entities WHERE case_id = ? AND external_ref <> ''`, caseID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, ref string
		if err := rows.Scan(&id, &kind, &ref); err != nil {
			return err
		}
		if i, ok := firstWith[kind+"\x00"+ref]; ok {
			return crosscase.FieldErrorf("entities["+strconv.Itoa(i)+"].external_ref",
				"The reference %q is already entity %d's in this case, of the same kind: each needs its own.", crosscase.Clip(ref), id)
		}
	}
	return rows.Err()
}
