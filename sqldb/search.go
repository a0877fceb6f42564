package sqldb

import (
	"context"
	"strconv"
	"strings"

	"crosscase"
)

// SearchEntities implements crosscase.EntitySearcher: need to know is the
// same predicate as every case read (visibleCasePredicate), and the
// partner data rule is applied per case as for a read of an entity.
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
		byID := map[int64]crosscase.EntityCandidate{}
		var conds []string
		var args []any
		if len(candidates) > 0 {
			ids := make([]any, 0, len(candidates))
			for _, c := range candidates {
				byID[c.EntityID] = c
				ids = append(ids, c.EntityID)
			}
			conds = append(conds, `e.id IN (`+placeholders(len(ids))+`)`)
			args = append(args, ids...)
		}
		if t := strings.ToLower(strings.TrimSpace(text)); t != "" {
			like := "%" + escapeLike(t) + "%"
			conds = append(conds, `(LOWER(e.given_name || ' ' || e.family_name) LIKE ? ESCAPE '\' OR LOWER(e.family_name || ' ' || e.given_name) LIKE ? ESCAPE '\'
				OR LOWER(e.name) LIKE ? ESCAPE '\' OR LOWER(e.value) LIKE ? ESCAPE '\' OR LOWER(e.id_number) LIKE ? ESCAPE '\')`)
			args = append(args, like, like, like, like, like)
		}
		if len(conds) == 0 {
			return nil
		}
		cols := "e." + strings.ReplaceAll(entityColumns, ", ", ", e.")
		rows, err := tx.query(ctx, `SELECT `+cols+`, c.reference, c.title FROM entities e JOIN cases c ON c.id = e.case_id
			WHERE (`+strings.Join(conds, " OR ")+`) AND `+pred+` ORDER BY e.id LIMIT ?`, append(append(args, pargs...), 4*limit)...)
		if err != nil {
			return err
		}
		var found []*crosscase.EntityMatch
		for rows.Next() {
			m := &crosscase.EntityMatch{}
			e, err := scanEntity(rows, &m.CaseReference, &m.CaseTitle)
			if err != nil {
				rows.Close()
				return err
			}
			m.Entity = e
			if c, ok := byID[e.ID]; ok {
				m.Score, m.Fields, m.Why = c.Score, c.Fields, "found by the matcher"
			} else {
				m.Why = "contains the text"
			}
			found = append(found, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Matcher candidates first, best first; then text matches.
		sortMatches(found)
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

// sortMatches orders matcher candidates first, by score, then the rest.
func sortMatches(ms []*crosscase.EntityMatch) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Score > ms[j-1].Score; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}
