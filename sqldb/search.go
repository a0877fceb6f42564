package sqldb

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"crosscase"
)

// SearchEntities implements crosscase.EntitySearcher: need to know is the
// same predicate as every case read (visibleCasePredicate), and the
// partner data rule is applied per case as for a read of an entity.
//
// The matcher's candidates come from every case, so all of them that the
// caller may see are read, best first, before the text matches: a desk's
// own entity is not crowded out by namesakes in cases it may not see.
func (d *DB) SearchEntities(ctx context.Context, candidates []crosscase.EntityCandidate, text string, limit int) ([]*crosscase.EntityMatch, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if !crosscase.CanSearch(u) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Your role does not search case content.")
	}
	if limit < 1 || limit > crosscase.SearchLimit {
		limit = crosscase.SearchLimit
	}
	var out []*crosscase.EntityMatch
	err = d.withTx(ctx, func(tx *Tx) error {
		pred, pargs := visibleCasePredicate(u)
		cols := "e." + strings.ReplaceAll(entityColumns, ", ", ", e.")
		var found []*crosscase.EntityMatch
		seen := map[int64]bool{}
		// read appends the visible entities that meet cond, each once.
		read := func(cond string, args []any, tail string, targs ...any) error {
			rows, err := tx.query(ctx, `SELECT `+cols+`, c.reference, c.title FROM entities e JOIN cases c ON c.id = e.case_id
				WHERE (`+cond+`) AND `+pred+tail, append(append(args, pargs...), targs...)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				m := &crosscase.EntityMatch{Why: "contains the text"}
				e, err := scanEntity(rows, &m.CaseReference, &m.CaseTitle)
				if err != nil {
					return err
				}
				if seen[e.ID] {
					continue
				}
				seen[e.ID] = true
				m.Entity = e
				found = append(found, m)
			}
			return rows.Err()
		}
		if len(candidates) > 0 {
			byID := make(map[int64]crosscase.EntityCandidate, len(candidates))
			ids := make([]any, 0, len(candidates))
			for _, c := range candidates {
				byID[c.EntityID] = c
				ids = append(ids, c.EntityID)
			}
			if err := read(`e.id IN (`+placeholders(len(ids))+`)`, ids, ""); err != nil {
				return err
			}
			for _, m := range found {
				c := byID[m.Entity.ID]
				m.Score, m.Fields, m.Why = c.Score, c.Fields, "found by the matcher"
			}
			slices.SortStableFunc(found, func(a, b *crosscase.EntityMatch) int {
				if c := cmp.Compare(b.Score, a.Score); c != 0 {
					return c
				}
				return cmp.Compare(a.Entity.ID, b.Entity.ID)
			})
		}
		if t := strings.ToLower(strings.TrimSpace(text)); t != "" {
			like := "%" + escapeLike(t) + "%"
			if err := read(`LOWER(e.given_name || ' ' || e.family_name) LIKE ? ESCAPE '\' OR LOWER(e.family_name || ' ' || e.given_name) LIKE ? ESCAPE '\'
				OR LOWER(e.name) LIKE ? ESCAPE '\' OR LOWER(e.value) LIKE ? ESCAPE '\' OR LOWER(e.id_number) LIKE ? ESCAPE '\'`,
				[]any{like, like, like, like, like}, ` ORDER BY e.id LIMIT ?`, 4*limit); err != nil {
				return err
			}
		}
		allowed := map[int64]bool{}
		for _, m := range found {
			if len(out) == limit {
				break
			}
			cid := m.Entity.CaseID
			ok, seen := allowed[cid]
			if !seen {
				err := tx.authorizeCallerTransfer(ctx, crosscase.TransferRead, "case", cid, cid)
				if err != nil && crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
					return err
				}
				ok = err == nil
				allowed[cid] = ok
			}
			if !ok {
				continue
			}
			tx.audit(ctx, crosscase.ActionRead, "entity", m.Entity.ID, cid, entityDetail(m.Entity)+" search")
			out = append(out, m)
		}
		tx.audit(ctx, crosscase.ActionList, "search", 0, 0, "entities="+strconv.Itoa(len(out)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []*crosscase.EntityMatch{}
	}
	return out, nil
}
