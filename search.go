package crosscase

import (
	"context"
	"strings"
)

// Search: one box for everything the caller may see (README, "Search").
// Names are looked up through the matcher, so that spelling and script
// variants are found, and as text; identifiers (phones, IBANs, e-mails,
// identity numbers, vehicles, wallets) through the matcher's normal forms
// and as text, as are entities' addresses, notes and external
// references; cases by reference, title and summary. Need to know
// filters every result in the store: nothing else is found, counted or
// hinted at.

// SearchLimit is the most cases, and the most entities (people,
// companies, groups and identifiers together), one page of a search
// returns; the next page is asked for with a cursor (README, "Search").
const SearchLimit = 50

// EntityMatch is an entity a search found, with its case and why.
type EntityMatch struct {
	Entity        *Entity    `json:"entity"`
	CaseReference string     `json:"case_reference"`
	CaseTitle     string     `json:"case_title"`
	Score         int        `json:"score"` // the matcher's, 0 for a text match
	Why           string     `json:"why"`   // in words
	Fields        []HitField `json:"fields"`
}

// SearchResults are one page of what a search found, grouped by kind.
// The first page holds both lists; a page asked for with a cursor
// continues only the list the cursor came from, and the other is nil.
// A next cursor is "" when its list has no more.
type SearchResults struct {
	Query              string         `json:"query"`
	Cases              []*Case        `json:"cases"`
	Entities           []*EntityMatch `json:"entities"`
	CasesNextCursor    string         `json:"cases_next_cursor"`
	EntitiesNextCursor string         `json:"entities_next_cursor"`
}

// IsEntitySearchCursor reports whether cursor continues a search's
// entities (else, when not "", its cases).
func IsEntitySearchCursor(cursor string) bool { return strings.HasPrefix(cursor, "e") }

// CheckSearchQuery checks a search's text: 2 to 200 characters of clean
// text.
func CheckSearchQuery(q string) error {
	if err := CheckText("q", q, 200, true); err != nil {
		return err
	}
	if len([]rune(q)) < 2 {
		return FieldErrorf("q", "Search for at least two characters.")
	}
	return nil
}

// CanSearch reports whether u searches: whoever reads cases. README,
// "Search".
func CanSearch(u *User) bool { return CanReadCases(u) }

// EntityCandidate is an entity the matcher proposes for a search, before
// need to know is applied.
type EntityCandidate struct {
	EntityID int64
	Score    int
	Fields   []HitField
}

// EntitySearcher finds the entities of visible cases among candidates
// and by text (the store's side of the search; part of EntityReader).
type EntitySearcher interface {
	// SearchEntities returns, among the entities of cases the caller may
	// see, the candidates and those whose names, identifiers, address,
	// notes or external reference contain text: candidates first, then
	// the text matches, at most limit, from cursor ("" for the first
	// page), and the next page's cursor ("" on the last). Each entity
	// returned is audited as read.
	SearchEntities(ctx context.Context, candidates []EntityCandidate, text, cursor string, limit int) ([]*EntityMatch, string, error)
}

// Searcher runs a search: one page of it, from cursor (a next cursor of
// an earlier page of the same query, "" for the first).
type Searcher interface {
	Search(ctx context.Context, q, cursor string) (*SearchResults, error)
}
