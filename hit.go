package crosscase

import (
	"context"
	"time"
)

// HitStatus is where a hit stands.
type HitStatus string

// Hit statuses.
const (
	HitNew        HitStatus = "new"        // found, nobody has decided yet
	HitDisclosed  HitStatus = "disclosed"  // the found entity's owner shares it: both desks see both entities, the cases are linked
	HitRestricted HitStatus = "restricted" // the found entity's owner keeps it to itself: the hit stays, nothing is shown
	HitDismissed  HitStatus = "dismissed"  // either desk says it is not the same thing
)

// Valid reports whether s is a known status.
func (s HitStatus) Valid() bool {
	switch s {
	case HitNew, HitDisclosed, HitRestricted, HitDismissed:
		return true
	}
	return false
}

// IsDecision reports whether s is a status a decision sets: disclosed,
// restricted or dismissed (a hit never goes back to new). README, Hits.
func (s HitStatus) IsDecision() bool {
	return s == HitDisclosed || s == HitRestricted || s == HitDismissed
}

// CanMoveTo reports whether a hit at status s may be decided to next:
// any decision, as often as wanted, until it is dismissed — dismissal is
// final (the store answers ECONFLICT). README, Hits.
func (s HitStatus) CanMoveTo(next HitStatus) bool {
	return s.Valid() && s != HitDismissed && next.IsDecision()
}

// NeedsReason reports whether deciding a hit to s needs a reason in the
// audit log: restricting keeps the entity from the desk that checked it,
// and dismissing is final for both desks, so each says why. A disclosure
// may give one. README, Hits.
func (s HitStatus) NeedsReason() bool {
	return s == HitRestricted || s == HitDismissed
}

// CheckHitReason checks the reason given for deciding a hit to status to:
// one is needed to restrict or dismiss (NeedsReason), and a reason that
// shows nothing (spaces, a zero-width space, a word joiner: IsBlank) is
// none.
func CheckHitReason(to HitStatus, reason string) error {
	if to.NeedsReason() && IsBlank(reason) {
		return FieldErrorf("reason", "Say why: a hit is restricted or dismissed only with a reason, recorded in the audit log.")
	}
	return nil
}

// FoundSideOf reports whether u's desk owns the entity h found, and so
// decides its disclosure (CanDecideHit's foundSide): on the found side,
// or on both sides of a hit between two cases of u's own desk. h is as the
// store gives it to u (Side, OtherDeskID).
func (h *Hit) FoundSideOf(u *User) bool {
	return u != nil && u.DeskID != 0 && (h.Side == "found" || h.OtherDeskID == u.DeskID)
}

// CanSeeHits reports whether u sees hits at all: the users of a desk who
// read cases (desk members, liaison prosecutors, analysts), and then only
// the hits of their own desk. README, Hits.
func CanSeeHits(u *User) bool {
	return CanReadCases(u)
}

// CanDecideHit reports whether u, who sees a hit, may decide it to
// status to: disclosing and restricting are for the desk whose entity was
// found (foundSide: u's desk owns the found entity), dismissing for either
// desk, and only desk members and liaison prosecutors decide (analysts
// read). README, Hits.
func CanDecideHit(u *User, foundSide bool, to HitStatus) bool {
	if u == nil || !u.Role.WorksCases() || !to.IsDecision() {
		return false
	}
	return to == HitDismissed || foundSide
}

// HitField says how strongly one field agreed; it names the field, never
// its content.
type HitField struct {
	Field string  `json:"field"`
	Score float64 `json:"score"` // 0..1
	How   string  `json:"how"`   // exact, transliteration, phonetic, typo, swapped, …
}

// Hit records that an entity of one case (the checked entity, side A) is
// probably the same person, company, group or identifier as an entity of
// another desk's case (the found entity, side B). Both owning desks see
// that the hit exists, the other side's desk and country, the score and
// which fields agreed; the other side's case and entity only once the
// found entity's owner discloses.
type Hit struct {
	ID     int64      `json:"id"`
	Score  int        `json:"score"` // 0..100: ≥ 90 almost certainly the same, 75–89 probably, below possibly
	Fields []HitField `json:"fields"`
	Status HitStatus  `json:"status"`
	Kind   EntityKind `json:"kind"`
	// MatchKind is "" for two entities that are probably the same, or
	// HitSameDocument.
	MatchKind string `json:"match_kind"`

	// The caller's side (filled by the store for the reading desk).
	Side         string `json:"side"` // "checked" (A: our entity was entered or changed) or "found" (B: our entity was found)
	EntityID     int64  `json:"entity_id"`
	CaseID       int64  `json:"case_id"`
	CaseRef      string `json:"case_reference"`
	OtherDeskID  int64  `json:"other_desk_id"`
	OtherCountry string `json:"other_country"`
	// The other side's case and entity: zero until disclosed (or when the
	// caller's desk sees that case anyway).
	OtherCaseID   int64  `json:"other_case_id,omitempty"`
	OtherCaseRef  string `json:"other_case_reference,omitempty"`
	OtherEntityID int64  `json:"other_entity_id,omitempty"`

	// CanDecide says whether the caller's desk may disclose or restrict
	// (the found side) — both sides may dismiss.
	CanDecide bool      `json:"can_decide"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// HitCandidate is what the matcher found, to be recorded as a hit.
type HitCandidate struct {
	EntityID      int64 // the checked entity (side A)
	FoundEntityID int64 // the found entity (side B)
	Score         int
	Fields        []HitField
	MatchKind     string // "" or HitSameDocument
}

// HitSameDocument is the match kind of a hit between two persons who hold
// the same identity document under clearly different names: not the same
// person, but a possible false or stolen identity that both owner desks
// want to know of. README, "Hits".
const HitSameDocument = "same_document"

// HitFilter selects hits of the caller's desk.
type HitFilter struct {
	Status HitStatus // "" for all
	CaseID int64     // hits on one case of the caller's desk
	Cursor string
	Limit  int // 1..200, default 50
}

// HitService lets desks see and decide on the hits of their cases. A hit
// is visible to the case-working users of the two owning desks only;
// anyone else gets ENOTFOUND. Every call is audited.
type HitService interface {
	// FindHits returns the caller's desk's hits, newest first.
	FindHits(ctx context.Context, f HitFilter) ([]*Hit, string, error)
	// FindHit returns one visible hit; ENOTFOUND otherwise.
	FindHit(ctx context.Context, id int64) (*Hit, error)
	// DecideHit sets a hit's status: disclosed or restricted by the found
	// entity's owner desk (EFORBIDDEN for the other side), dismissed by
	// either side. EINVALID for an unknown status; ECONFLICT when the hit
	// was dismissed already.
	DecideHit(ctx context.Context, id int64, status HitStatus) (*Hit, error)
	// CountNewHits returns how many hits of the caller's desk are new.
	CountNewHits(ctx context.Context) (int, error)
}

// HitRecorder stores what the matcher found. Only the system actor
// records (EFORBIDDEN otherwise). A pair of entities has one hit however
// often and by however many processes it is found: recording it again
// updates its score and fields, and reopens nothing.
type HitRecorder interface {
	RecordHits(ctx context.Context, hits []HitCandidate) (created int, err error)
}

// EntityChange is one entity written (or deleted) in the store, for the
// matcher's index: every process follows the same feed.
type EntityChange struct {
	Seq         int64 // position in the feed (the audit sequence number)
	EntityID    int64
	Deleted     bool
	Entity      *Entity // nil when deleted
	DeskID      int64   // the case's owner desk
	CaseCountry string  // the case's owner country
}

// EntityFeed lets the matcher load and follow every entity, whatever case
// it belongs to. Only the system actor reads it (EFORBIDDEN otherwise).
type EntityFeed interface {
	// ScanEntities calls fn for every entity in id order and returns the
	// feed position the scan is consistent with.
	ScanEntities(ctx context.Context, fn func(EntityChange) error) (int64, error)
	// EntityChanges returns up to limit changes after position since.
	EntityChanges(ctx context.Context, since int64, limit int) ([]EntityChange, error)
}
