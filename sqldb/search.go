package sqldb

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"crosscase"
)

// SearchEntities implements crosscase.EntitySearcher: need to know is the
// same predicate as every case read (visibleCasePredicate), and the
// partner data rule is applied per case as for a read of an entity.
//
// The matcher's candidates come from every case, so all of them that the
// caller may see are read, best first, before the text matches: a desk's
// own entity is not crowded out by namesakes in cases it may not see.
//
// The text matches are the visible entities whose search column (names,
// identifiers, address, notes and external reference, folded:
// entitySearchText) contains the text, folded the same way
// (crosscase.FoldSearchText), by id. A page's cursor names the
// last entity it returned, never a count: "em<score>.<id>" among the
// candidates (best score first, then id), "et<id>" among the text
// matches (README, "Search").
func (d *DB) SearchEntities(ctx context.Context, candidates []crosscase.EntityCandidate, text, cursor string, limit int) ([]*crosscase.EntityMatch, string, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, "", err
	}
	if !crosscase.CanSearch(u) {
		return nil, "", crosscase.Errorf(crosscase.EFORBIDDEN, "Your role does not search case content.")
	}
	if limit < 1 || limit > crosscase.SearchLimit {
		limit = crosscase.SearchLimit
	}
	after, err := parseSearchCursor(cursor)
	if err != nil {
		return nil, "", err
	}
	var out []*crosscase.EntityMatch
	next := ""
	err = d.withTx(ctx, func(tx *Tx) error {
		pred, pargs := visibleCasePredicate(u, d.today())
		cols := "e." + strings.ReplaceAll(entityColumns, ", ", ", e.")
		// read returns the visible entities that meet cond.
		read := func(cond string, args []any, tail string, targs ...any) ([]*crosscase.EntityMatch, error) {
			rows, err := tx.query(ctx, `SELECT `+cols+`, c.reference, c.title FROM entities e JOIN cases c ON c.id = e.case_id
				WHERE (`+cond+`) AND `+pred+tail, append(append(args, pargs...), targs...)...)
			if err != nil {
				return nil, err
			}
			defer rows.Close()
			var found []*crosscase.EntityMatch
			for rows.Next() {
				m := &crosscase.EntityMatch{Why: "contains the text"}
				e, err := scanEntity(rows, &m.CaseReference, &m.CaseTitle)
				if err != nil {
					return nil, err
				}
				m.Entity = e
				found = append(found, m)
			}
			return found, rows.Err()
		}
		allowed := map[int64]bool{}
		// take adds m to the page when the partner data rule lets the
		// caller read its case; full when the page is full and m would
		// have been on the next one.
		take := func(m *crosscase.EntityMatch) (full bool, err error) {
			cid := m.Entity.CaseID
			ok, seen := allowed[cid]
			if !seen {
				err := tx.authorizeCallerTransfer(ctx, crosscase.TransferRead, "case", cid, cid)
				if err != nil && crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
					return false, err
				}
				ok = err == nil
				allowed[cid] = ok
			}
			if !ok {
				return false, nil
			}
			if len(out) == limit {
				return true, nil
			}
			out = append(out, m)
			return false, nil
		}
		full := false
		candidate := map[int64]bool{}
		if len(candidates) > 0 {
			byID := make(map[int64]crosscase.EntityCandidate, len(candidates))
			ids := make([]any, 0, len(candidates))
			for _, c := range candidates {
				byID[c.EntityID] = c
				ids = append(ids, c.EntityID)
			}
			found, err := read(`e.id IN (`+placeholders(len(ids))+`)`, ids, "")
			if err != nil {
				return err
			}
			for _, m := range found {
				c := byID[m.Entity.ID]
				m.Score, m.Fields, m.Why = c.Score, c.Fields, "found by the matcher"
				candidate[m.Entity.ID] = true
			}
			slices.SortStableFunc(found, func(a, b *crosscase.EntityMatch) int {
				if c := cmp.Compare(b.Score, a.Score); c != 0 {
					return c
				}
				return cmp.Compare(a.Entity.ID, b.Entity.ID)
			})
			for _, m := range found {
				if after.text || (after.id != 0 && (m.Score > after.score || (m.Score == after.score && m.Entity.ID <= after.id))) {
					continue // on an earlier page
				}
				if full, err = take(m); err != nil {
					return err
				} else if full {
					break
				}
			}
		}
		if t := strings.TrimSpace(crosscase.FoldSearchText(text)); t != "" && !full {
			from := int64(0)
			if after.text {
				from = after.id
			}
			const batch = 4 * crosscase.SearchLimit
			cond, args := `e.search LIKE ? ESCAPE '\' AND e.id > ?`, []any{"%" + escapeLike(t) + "%"}
			if tx.db.dialect == SQLite && trigramIndexed(t) {
				// The trigram index proposes the entities (migration
				// 0035); PostgreSQL's uses the LIKE itself.
				cond, args = `e.id IN (SELECT rowid FROM entity_trigrams WHERE search LIKE ?) AND `+cond, append([]any{"%" + t + "%"}, args...)
			}
			for !full {
				found, err := read(cond, append(slices.Clip(args), from), ` ORDER BY e.id LIMIT ?`, batch)
				if err != nil {
					return err
				}
				for _, m := range found {
					from = m.Entity.ID
					if candidate[m.Entity.ID] {
						continue // found by the matcher
					}
					if full, err = take(m); err != nil {
						return err
					} else if full {
						break
					}
				}
				if len(found) < batch {
					break
				}
			}
		}
		if full {
			last := out[len(out)-1]
			if candidate[last.Entity.ID] {
				next = "em" + strconv.Itoa(last.Score) + "." + strconv.FormatInt(last.Entity.ID, 10)
			} else {
				next = "et" + strconv.FormatInt(last.Entity.ID, 10)
			}
		}
		for _, m := range out {
			tx.audit(ctx, crosscase.ActionRead, "entity", m.Entity.ID, m.Entity.CaseID, entityDetail(m.Entity)+" search")
		}
		tx.audit(ctx, crosscase.ActionList, "search", 0, 0, "entities="+strconv.Itoa(len(out)))
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	if out == nil {
		out = []*crosscase.EntityMatch{}
	}
	return out, next, nil
}

// searchAfter is where a page of a search's entities starts: after the
// candidate of score and id, or (text) after the text match of id; the
// zero value is the first page.
type searchAfter struct {
	text  bool
	score int
	id    int64
}

// parseSearchCursor reads a cursor SearchEntities gave.
func parseSearchCursor(cursor string) (searchAfter, error) {
	bad := crosscase.FieldErrorf("cursor", "The cursor is not one this server gave.")
	switch {
	case cursor == "":
		return searchAfter{}, nil
	case strings.HasPrefix(cursor, "et"):
		id, err := strconv.ParseInt(cursor[2:], 10, 64)
		if err != nil || id < 1 {
			return searchAfter{}, bad
		}
		return searchAfter{text: true, id: id}, nil
	case strings.HasPrefix(cursor, "em"):
		s, i, ok := strings.Cut(cursor[2:], ".")
		score, err1 := strconv.Atoi(s)
		id, err2 := strconv.ParseInt(i, 10, 64)
		if !ok || err1 != nil || err2 != nil || score < 0 || id < 1 {
			return searchAfter{}, bad
		}
		return searchAfter{score: score, id: id}, nil
	}
	return searchAfter{}, bad
}

// entitySearchText is what a search's text looks in for an entity
// (README, "Search"): its names both ways round, identifiers, address,
// notes and external reference, folded as a query is
// (crosscase.FoldSearchText: lower-cased, without diacritics), one per
// line, so that no text the query may hold (a single line) runs across
// two of them. The migration that added the column (0030) computed the
// same lower-cased; 0038 folded it.
func entitySearchText(e *crosscase.Entity) string {
	return crosscase.FoldSearchText(strings.Join([]string{e.GivenName + " " + e.FamilyName, e.FamilyName + " " + e.GivenName,
		e.Name, e.Value, e.IDNumber, e.Address, e.Notes, e.ExternalRef}, "\n"))
}

// trigramIndexed says whether the trigram index finds the entities whose
// text holds t: three characters at least, none of them a LIKE wildcard
// (README, "Search").
func trigramIndexed(t string) bool {
	return utf8.RuneCountInString(t) >= 3 && !strings.ContainsAny(t, `%_\`)
}
