package crosscase

import (
	"context"
	"time"
)

// ListCheckHit tells a desk that a list checked by another desk (the bulk
// check, README "Cross-case matching") hit an entity of one of its cases
// that the checking desk may not see: when, which desk and country
// checked, the desk's own case and entity, the score, which fields agreed
// and how — never what the checked row said. The checking user is
// recorded too (CheckerUserID), and the check is in the audit log under
// their name; the page and the API show the checking desk.
type ListCheckHit struct {
	ID             int64      `json:"id"`
	CheckedAt      time.Time  `json:"checked_at"`
	CheckerUserID  int64      `json:"-"`
	CheckerDeskID  int64      `json:"checker_desk_id"`
	CheckerCountry string     `json:"checker_country"`
	CaseID         int64      `json:"case_id"`
	CaseRef        string     `json:"case_reference"`
	EntityID       int64      `json:"entity_id"`
	EntityLabel    string     `json:"entity_label"`
	Kind           EntityKind `json:"kind"`
	Score          int        `json:"score"`
	Fields         []HitField `json:"fields"`
	// MatchKind is "" or HitSameDocument, as for a hit.
	MatchKind string `json:"match_kind"`
}

// ListCheckHitFilter pages the list check hits of the caller's desk.
type ListCheckHitFilter struct {
	Cursor string
	Limit  int // 1..200, default 50
}

// ListCheckService keeps the daily quota of the bulk check and tells
// owner desks of its hits on entities the checker may not see.
type ListCheckService interface {
	// CountListRows counts rows checked today (UTC) by the caller against
	// perDay (ListCheckQuota; 0: no limit) before the check runs: a check
	// that would exceed it is refused (ETOOMANY) and counts nothing. Only
	// users who check lists (CanCheckList).
	CountListRows(ctx context.Context, rows, perDay int) error
	// RecordListCheckHits records, for their owner desks, the hits of a
	// bulk check by the caller on entities of cases the caller may not
	// see (the store decides, as FindCaseRefs does); hits on cases the
	// caller sees are left out. It returns how many it recorded.
	RecordListCheckHits(ctx context.Context, hits []ListHit) (int, error)
	// FindListCheckHits returns the list check hits on the caller's
	// desk's entities, newest first: for the users who see the desk's
	// hits (CanSeeHits), an empty list for anyone else. Audited as a
	// list, as hits are.
	FindListCheckHits(ctx context.Context, f ListCheckHitFilter) ([]*ListCheckHit, string, error)
}

// DefaultListCheckRowsPerDay is how many rows one user checks in a UTC
// day across their bulk checks, unless serve is told otherwise.
const DefaultListCheckRowsPerDay = 100_000

// ListCheckQuota decides whether a user who has checked used rows today
// may check rows more under a quota of perDay rows a day (0: no limit).
// A row is counted once for each name or identifier it checks (each
// record of the check: a person and their phone count two), so that a
// row of many phone columns is not one row's worth.
// It returns how many rows the user has left today before this check,
// and ETOOMANY naming the body when the check would exceed the quota:
// nothing of a refused check is counted or checked. README, "Cross-case
// matching".
func ListCheckQuota(perDay, used, rows int) (left int, err error) {
	if perDay <= 0 {
		return -1, nil
	}
	left = max(0, perDay-used)
	if rows > left {
		e := Errorf(ETOOMANY, "The list checks %s and you may check %d more today (at most %d a day, a row counting once for each name or identifier it checks); nothing was checked. Check a shorter list, or try again tomorrow.", Count{"%d names and identifiers", int64(rows)}, left, perDay)
		e.Field = "body"
		return left, e
	}
	return left, nil
}
