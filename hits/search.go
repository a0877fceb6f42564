package hits

import (
	"context"
	"strings"
	"unicode"

	"crosscase"
	"crosscase/match"
)

// search is crosscase.Searcher on the checker's index: the matcher
// proposes entities of every case for each reading of the query (a
// person's name, a company's, an identifier of each kind), and the store
// keeps those the caller may see, with the text matches (README,
// "Search").
type search struct {
	checker *Checker
	svc     crosscase.Services
}

// Search implements crosscase.Searcher. The first page holds the cases
// and the entities; a cursor continues the list it came from.
func (s search) Search(ctx context.Context, q, cursor string) (*crosscase.SearchResults, error) {
	u := crosscase.UserFromContext(ctx)
	if u == nil {
		return nil, crosscase.Errorf(crosscase.EUNAUTHORIZED, "Sign in first.")
	}
	if !crosscase.CanSearch(u) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Your role does not search case content.")
	}
	q = strings.TrimSpace(q)
	if err := crosscase.CheckSearchQuery(q); err != nil {
		return nil, err
	}
	res := &crosscase.SearchResults{Query: q}
	if cursor == "" || crosscase.IsEntitySearchCursor(cursor) {
		best := map[int64]crosscase.EntityCandidate{}
		for _, r := range readings(q) {
			for _, c := range s.checker.index.CheckAtLeast(r, searchCandidates, searchThreshold(r.Kind)) {
				if have, ok := best[c.EntityID]; !ok || c.Score > have.Score {
					best[c.EntityID] = crosscase.EntityCandidate{EntityID: c.EntityID, Score: c.Score, Fields: hitFields(c.Fields)}
				}
			}
		}
		cands := make([]crosscase.EntityCandidate, 0, len(best))
		for _, c := range best {
			cands = append(cands, c)
		}
		var err error
		res.Entities, res.EntitiesNextCursor, err = s.svc.Entities.SearchEntities(ctx, cands, q, cursor, crosscase.SearchLimit)
		if err != nil {
			return nil, err
		}
	}
	if !crosscase.IsEntitySearchCursor(cursor) {
		cases, next, err := s.svc.Cases.FindCases(ctx, crosscase.CaseFilter{Scope: crosscase.ScopeAll, Query: q, Cursor: cursor, Limit: crosscase.SearchLimit})
		if err != nil {
			return nil, err
		}
		if cases == nil {
			cases = []*crosscase.Case{}
		}
		res.Cases, res.CasesNextCursor = cases, next
	}
	return res, nil
}

// searchCandidates is how many candidates a search asks the index for,
// per reading of the query. The index proposes entities of every case and
// the store keeps those the caller may see, so the limit is the index's
// own (by default it compares at most 1,000 entries, Limits.MaxCompared):
// a desk's own entity is not crowded out by namesakes in cases it may not
// see.
const searchCandidates = 1000

// searchThreshold is the least score a search shows for a reading of
// kind: for a person's name 70, so that a family name alone finds every
// person of that name (72: the family name agrees, the given name is not
// known on one side) and a full name its namesakes with another given
// name only when the rest is alike; for other kinds the hit threshold.
func searchThreshold(kind crosscase.EntityKind) int {
	if kind == crosscase.KindPerson {
		return 70
	}
	return 0
}

// readings are the records a query may stand for: a person's name (the
// last word or the first word as the family name), a company's or a
// group's name, and an identifier of each kind its characters allow.
func readings(q string) []match.Record {
	words := strings.Fields(q)
	var out []match.Record
	person := func(given, family string) {
		out = append(out, match.Record{Kind: crosscase.KindPerson, GivenName: given, FamilyName: family})
	}
	switch len(words) {
	case 1:
		person("", q)
	default:
		person(strings.Join(words[:len(words)-1], " "), words[len(words)-1])
		person(strings.Join(words[1:], " "), words[0])
	}
	out = append(out, match.Record{Kind: crosscase.KindCompany, Name: q}, match.Record{Kind: crosscase.KindOCG, Name: q})
	digits, letters := 0, 0
	for _, r := range q {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if digits >= 6 {
		out = append(out, match.Record{Kind: crosscase.KindPhone, Value: q})
	}
	if strings.Contains(q, "@") {
		out = append(out, match.Record{Kind: crosscase.KindEmail, Value: q})
	}
	if digits > 0 {
		for _, k := range []crosscase.EntityKind{crosscase.KindIBAN, crosscase.KindVehicle, crosscase.KindDocument, crosscase.KindCryptoWallet, crosscase.KindAddress} {
			out = append(out, match.Record{Kind: k, Value: q})
		}
		out = append(out, match.Record{Kind: crosscase.KindPerson, IDNumber: q})
	} else if len(q) >= 25 {
		out = append(out, match.Record{Kind: crosscase.KindCryptoWallet, Value: q})
	}
	return out
}
