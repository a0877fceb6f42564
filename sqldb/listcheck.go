package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"crosscase"
)

// CountListRows counts rows against the caller's quota of rows a day
// (crosscase.ListCheckQuota), refusing, and counting nothing, a check
// that would exceed it. The count is the store's, so that every serve
// process shares it: on PostgreSQL the user's row of the day is locked
// until the count is written, SQLite has one writer at a time.
func (d *DB) CountListRows(ctx context.Context, rows, perDay int) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if err := crosscase.CanCheckList(u); err != nil {
		return err
	}
	if rows < 0 {
		return crosscase.FieldErrorf("body", "The file has no rows to check.")
	}
	if perDay <= 0 {
		return nil
	}
	return d.withTx(ctx, func(tx *Tx) error {
		day := tx.today()
		if _, err := tx.exec(ctx, `INSERT INTO list_check_rows (user_id, day, row_count) VALUES (?, ?, 0) ON CONFLICT (user_id, day) DO NOTHING`, u.ID, day); err != nil {
			return err
		}
		q := `SELECT row_count FROM list_check_rows WHERE user_id = ? AND day = ?`
		if tx.db.dialect == Postgres {
			q += ` FOR UPDATE`
		}
		var used int
		if err := tx.queryRow(ctx, q, u.ID, day).Scan(&used); err != nil {
			return err
		}
		if _, err := crosscase.ListCheckQuota(perDay, used, rows); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE list_check_rows SET row_count = row_count + ? WHERE user_id = ? AND day = ?`, rows, u.ID, day)
		return err
	})
}

// RecordListCheckHits records the hits of the caller's bulk check on
// entities of cases the caller may not read (caseRefs, as FindCaseRefs
// showed them to the check) for the owner desks of those cases. The case
// and owner desk are read from the entity, never taken from the caller.
func (d *DB) RecordListCheckHits(ctx context.Context, hits []crosscase.ListHit) (int, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return 0, err
	}
	if err := crosscase.CanCheckList(u); err != nil {
		return 0, err
	}
	if len(hits) == 0 {
		return 0, nil
	}
	recorded := 0
	err = d.withTx(ctx, func(tx *Tx) error {
		// The entities' cases now, whatever the hits say.
		cases := map[int64]int64{}
		kinds := map[int64]string{}
		var caseIDs []int64
		entityIDs := make([]int64, len(hits))
		for i, h := range hits {
			entityIDs[i] = h.EntityID
		}
		err := eachChunk(entityIDs, func(in string, args []any) error {
			rows, err := tx.query(ctx, `SELECT id, case_id, kind FROM entities WHERE id IN `+in, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id, caseID int64
				var kind string
				if err := rows.Scan(&id, &caseID, &kind); err != nil {
					rows.Close()
					return err
				}
				if _, seen := cases[id]; !seen {
					caseIDs = append(caseIDs, caseID)
				}
				cases[id], kinds[id] = caseID, kind
			}
			rows.Close()
			return rows.Err()
		})
		if err != nil {
			return err
		}
		refs, _, _, err := tx.caseRefs(ctx, u, caseIDs)
		if err != nil {
			return err
		}
		country, err := tx.callerCountry(ctx)
		if err != nil {
			return err
		}
		if country == "" {
			country = u.CountryCode
		}
		now := micros(tx.now)
		for _, h := range hits {
			caseID, ok := cases[h.EntityID]
			ref := refs[caseID]
			if !ok || ref == nil || ref.Visible {
				continue // deleted meanwhile, or seen by the checker anyway
			}
			if h.Score < 0 || h.Score > 100 {
				return crosscase.FieldErrorf("score", "A hit has a score of 0 to 100.")
			}
			b, err := hitFieldsJSON(h.Fields)
			if err != nil {
				return err
			}
			id, err := tx.insert(ctx, `INSERT INTO list_check_hits (checked_at, checker_user_id, checker_desk_id, checker_country, owner_desk_id, case_id, entity_id, kind, score, fields, match_kind)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				now, u.ID, u.DeskID, country, ref.OwnerDeskID, caseID, h.EntityID, kinds[h.EntityID], h.Score, string(b), h.MatchKind)
			if err != nil {
				return err
			}
			recorded++
			detail := "score=" + strconv.Itoa(h.Score) + " kind=" + kinds[h.EntityID]
			if h.MatchKind != "" {
				detail += " match=" + h.MatchKind
			}
			tx.audit(ctx, crosscase.ActionCreate, "list_check_hit", id, caseID, detail)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return recorded, nil
}

// FindListCheckHits returns the list check hits on entities of the
// caller's desk's cases, newest first, to the users who see the desk's
// hits (hitListReader); an empty list to anyone else.
func (d *DB) FindListCheckHits(ctx context.Context, f crosscase.ListCheckHitFilter) ([]*crosscase.ListCheckHit, string, error) {
	u, err := hitListReader(ctx, &f.Limit)
	if err != nil || u == nil {
		return []*crosscase.ListCheckHit{}, "", err
	}
	where := []string{`l.owner_desk_id = ?`, `c.owner_desk_id = ?`}
	args := []any{u.DeskID, u.DeskID}
	if f.Cursor != "" {
		id, err := strconv.ParseInt(strings.TrimPrefix(f.Cursor, "l"), 10, 64)
		if err != nil || !strings.HasPrefix(f.Cursor, "l") {
			return nil, "", crosscase.FieldErrorf("cursor", "The cursor is not one this server gave.")
		}
		where, args = append(where, `l.id < ?`), append(args, id)
	}
	q := `SELECT l.id, l.checked_at, l.checker_user_id, l.checker_desk_id, l.checker_country, l.case_id, c.reference, l.entity_id,
		e.kind, e.given_name, e.family_name, e.name, e.value, l.score, l.fields, l.match_kind
		FROM list_check_hits l JOIN cases c ON c.id = l.case_id JOIN entities e ON e.id = l.entity_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY l.id DESC LIMIT ?`
	args = append(args, f.Limit+1)
	out := []*crosscase.ListCheckHit{}
	err = d.withTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			h := &crosscase.ListCheckHit{}
			e := &crosscase.Entity{}
			var at int64
			var fields string
			if err := rows.Scan(&h.ID, &at, &h.CheckerUserID, &h.CheckerDeskID, &h.CheckerCountry, &h.CaseID, &h.CaseRef, &h.EntityID,
				&e.Kind, &e.GivenName, &e.FamilyName, &e.Name, &e.Value, &h.Score, &fields, &h.MatchKind); err != nil {
				return err
			}
			h.CheckedAt, h.Kind, h.EntityLabel = fromMicros(at), e.Kind, e.Label()
			if err := json.Unmarshal([]byte(fields), &h.Fields); err != nil {
				return fmt.Errorf("list check hit %d fields: %w", h.ID, err)
			}
			if h.Fields == nil {
				h.Fields = []crosscase.HitField{}
			}
			out = append(out, h)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "list_check_hit", 0, 0, fmt.Sprintf("results=%d", min(len(out), f.Limit)))
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > f.Limit {
		out = out[:f.Limit]
		next = "l" + strconv.FormatInt(out[len(out)-1].ID, 10)
	}
	return out, next, nil
}
