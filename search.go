package crosscase

import "context"

// Search: one box for everything the caller may see (README, "Search").
// Names are looked up through the matcher, so that spelling and script
// variants are found, and as text; identifiers (phones, IBANs, e-mails,
// identity numbers, vehicles, wallets) through the matcher's normal forms
// and as text; cases by reference, title and summary. Need to know
// filters every result in the store: nothing else is found, counted or
// hinted at.

// SearchLimit is the most results of each kind a search returns.
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

// SearchResults are what a search found, grouped by kind.
type SearchResults struct {
	Query    string         `json:"query"`
	Cases    []*Case        `json:"cases"`
	Entities []*EntityMatch `json:"entities"`
}

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
	// see, the candidates and those whose names, values or identity
	// numbers contain text, at most limit, candidates first. Each entity
	// returned is audited as read.
	SearchEntities(ctx context.Context, candidates []EntityCandidate, text string, limit int) ([]*EntityMatch, error)
}

// Searcher runs a search.
type Searcher interface {
	Search(ctx context.Context, q string) (*SearchResults, error)
}
