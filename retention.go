package crosscase

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// Retention of operational personal data, Regulation (EU) 2018/1727,
// Art. 29. A case carries the dates that end the need to keep its personal
// data; the first of them is the date by which the data are deleted,
// unless a review decided, with recorded reasons, to keep them until the
// next review. README, "Retention and review".

// RetentionDates are the dates of Art. 29(1) that a case carries. A zero
// date is not known (yet). The acquittal of point (b) is a person's, not
// the case's: RetentionService.RecordAcquittal.
type RetentionDates struct {
	// TimeBarredOn: prosecution is time-barred in all Member States
	// concerned (point a) — the latest of their national limits.
	TimeBarredOn Date `json:"time_barred_on"`
	// FinalDecisionOn: the judicial decision of the last Member State
	// concerned became final (point c: three years after).
	FinalDecisionOn Date `json:"final_decision_on"`
	// CoordinationEndedOn: the agency and the Member States concerned
	// agreed that coordination is no longer needed (point d), unless the
	// data were transmitted under Art. 21(6) or (7).
	CoordinationEndedOn Date `json:"coordination_ended_on"`
	// TransmittedOn: the data were transmitted under Art. 21(6) or (7)
	// (point e: three years after).
	TransmittedOn Date `json:"transmitted_on"`
}

// Validate checks the dates against the case's opening and today (as
// NotFuture takes it): none is before the case opened, and the dates of
// events (a final decision, an agreement, a transmission) are not in the
// future. A time bar may be.
func (d RetentionDates) Validate(opened, today Date) error {
	for _, f := range []struct {
		name string
		on   Date
		what string // "": the date may be in the future
	}{
		{"time_barred_on", d.TimeBarredOn, ""},
		{"final_decision_on", d.FinalDecisionOn, "final decision"},
		{"coordination_ended_on", d.CoordinationEndedOn, "end of coordination"},
		{"transmitted_on", d.TransmittedOn, "transmission"},
	} {
		if f.on.IsZero() {
			continue
		}
		if !opened.IsZero() && f.on.Before(opened) {
			return FieldErrorf(f.name, "This date (%s) is before the case opened (%s).", f.on, opened)
		}
		if f.what != "" {
			if err := NotFuture(f.name, f.on, today, f.what); err != nil {
				return err
			}
		}
	}
	return nil
}

// RetentionGround names the point of Art. 29(1) that sets a deletion date.
type RetentionGround string

// The grounds of Art. 29(1).
const (
	GroundTimeBarred       RetentionGround = "29(1)(a)"
	GroundAcquitted        RetentionGround = "29(1)(b)"
	GroundFinalDecision    RetentionGround = "29(1)(c)"
	GroundCoordinationOver RetentionGround = "29(1)(d)"
	GroundTransmitted      RetentionGround = "29(1)(e)"
	// GroundReview: a review decided to delete (Art. 29(3)).
	GroundReview RetentionGround = "29(3)"
)

// RetentionGrounds are the grounds, in the order of the Regulation.
func RetentionGrounds() []RetentionGround {
	return []RetentionGround{GroundTimeBarred, GroundAcquitted, GroundFinalDecision, GroundCoordinationOver, GroundTransmitted, GroundReview}
}

// Describe says what the ground means, in words (a message of the
// catalog: pages write it in the reader's language).
func (g RetentionGround) Describe() string {
	switch g {
	case GroundTimeBarred:
		return "prosecution is time-barred in all Member States concerned"
	case GroundAcquitted:
		return "the person was finally acquitted"
	case GroundFinalDecision:
		return "three years after the last final judicial decision"
	case GroundCoordinationOver:
		return "coordination is no longer needed"
	case GroundTransmitted:
		return "three years after transmission under Art. 21(6) or (7)"
	case GroundReview:
		return "a review decided that the data are no longer needed"
	}
	return ""
}

// RetentionReviewYears is how often the need to keep the data is reviewed
// (Art. 29(2) and (4)), and the longest a keep decision holds (Art. 29(3)).
const RetentionReviewYears = 3

// addYears returns d plus n years (29 February becomes 1 March).
func addYears(d Date, n int) Date { return DateOf(d.Time().AddDate(n, 0, 0)) }

// DeletionDate returns the first applicable date of Art. 29(1) points a,
// c, d and e, and its ground; zero when none is known.
func (d RetentionDates) DeletionDate() (Date, RetentionGround) {
	var first Date
	var ground RetentionGround
	consider := func(on Date, g RetentionGround) {
		if !on.IsZero() && (first.IsZero() || on.Before(first)) {
			first, ground = on, g
		}
	}
	consider(d.TimeBarredOn, GroundTimeBarred)
	if !d.FinalDecisionOn.IsZero() {
		consider(addYears(d.FinalDecisionOn, 3), GroundFinalDecision)
	}
	// Point d yields to point e: data transmitted under Art. 21(6) or (7)
	// are kept for the three years of point e.
	if d.TransmittedOn.IsZero() {
		consider(d.CoordinationEndedOn, GroundCoordinationOver)
	} else {
		consider(addYears(d.TransmittedOn, 3), GroundTransmitted)
	}
	return first, ground
}

// ReviewDecision is what a retention review decides.
type ReviewDecision string

// Review decisions.
const (
	ReviewKeep   ReviewDecision = "keep"   // keep until the next review, for recorded reasons
	ReviewDelete ReviewDecision = "delete" // delete the case's personal data now
)

// RetentionReview is a recorded review of the need to keep a case's
// personal data (Art. 29(3)).
type RetentionReview struct {
	ID        int64          `json:"id"`
	CaseID    int64          `json:"case_id"`
	Decision  ReviewDecision `json:"decision"`
	Reason    string         `json:"reason"`
	KeepUntil Date           `json:"keep_until"` // keep: the next review
	DecidedBy int64          `json:"decided_by"`
	// DecidedByName is the reviewer's user name (filled by the store).
	DecidedByName string    `json:"decided_by_name"`
	DecidedAt     time.Time `json:"decided_at"`
}

// Validate checks a review about to be recorded on today: a decision to
// keep needs its reasons and lasts at most three years (Art. 29(3)); its
// KeepUntil defaults to three years from today.
func (r *RetentionReview) Validate(today Date) error {
	switch r.Decision {
	case ReviewKeep:
		if err := CheckMultiline("reason", r.Reason, 4000, true); err != nil {
			return err
		}
		latest := addYears(today, RetentionReviewYears)
		if r.KeepUntil.IsZero() {
			r.KeepUntil = latest
		}
		if !today.Before(r.KeepUntil) {
			return FieldErrorf("keep_until", "The next review must be after today.")
		}
		if latest.Before(r.KeepUntil) {
			return FieldErrorf("keep_until", "Data may be kept for at most three years before the next review (by %s).", latest)
		}
	case ReviewDelete:
		if err := CheckMultiline("reason", r.Reason, 4000, false); err != nil {
			return err
		}
		if !r.KeepUntil.IsZero() {
			return FieldErrorf("keep_until", "A decision to delete keeps nothing; leave the next review empty.")
		}
	default:
		return FieldErrorf("decision", "Decide keep or delete.")
	}
	return nil
}

// CaseRetention is a case's retention record: its dates, reviews and
// where it stands.
type CaseRetention struct {
	CaseID    int64              `json:"case_id"`
	Reference string             `json:"reference"`
	Title     string             `json:"title"`
	Status    CaseStatus         `json:"case_status"`
	OpenedOn  Date               `json:"opened_on"`
	EnteredOn Date               `json:"entered_on"` // the case was registered
	Dates     RetentionDates     `json:"dates"`
	Reviews   []*RetentionReview `json:"reviews"` // newest first
	// ErasedAt is when the case's personal data were last deleted, and
	// ErasedGround why; zero and "" while they are kept.
	ErasedAt     time.Time       `json:"erased_at"`
	ErasedGround RetentionGround `json:"erased_ground"`
	// Entities is how many entities (personal data) the case holds now.
	Entities int             `json:"entities"`
	Due      RetentionStatus `json:"due"`
}

// RetentionStatus is where a case's retention stands on a day.
type RetentionStatus struct {
	// DeleteOn is the first applicable date of Art. 29(1), with its
	// ground; zero when no date is known.
	DeleteOn Date            `json:"delete_on"`
	Ground   RetentionGround `json:"ground"`
	// KeptUntil is the next review set by a keep decision in force.
	KeptUntil Date `json:"kept_until"`
	// ReviewOn is when the need to keep the data must next be reviewed:
	// three years after they were entered or last reviewed, before the
	// deletion date, or when a keep decision runs out.
	ReviewOn Date `json:"review_on"`
	// EraseNow: the deletion date has passed and no keep decision is in
	// force; the data are deleted automatically (Art. 29(3)).
	EraseNow bool `json:"erase_now"`
	// OverFiveYears: the data have been kept more than five years, which
	// the European Data Protection Supervisor is told of (Art. 29(2)).
	OverFiveYears bool `json:"over_five_years"`
	// NoLimitRecorded: the case is closed and none of its Art. 29(1) dates
	// is recorded, which the owner desk should put right.
	NoLimitRecorded bool `json:"no_limit_recorded"`
}

// Evaluate computes r.Due for today from r's dates and reviews.
func (r *CaseRetention) Evaluate(today Date) {
	s := RetentionStatus{}
	s.DeleteOn, s.Ground = r.Dates.DeletionDate()
	reviewBase := r.EnteredOn
	for _, rv := range r.Reviews { // newest first
		if d := DateOf(rv.DecidedAt.UTC()); reviewBase.Before(d) {
			reviewBase = d
		}
	}
	if len(r.Reviews) > 0 && r.Reviews[0].Decision == ReviewKeep && !r.Reviews[0].KeepUntil.Before(today) {
		s.KeptUntil = r.Reviews[0].KeepUntil
	}
	s.ReviewOn = addYears(reviewBase, RetentionReviewYears)
	if !s.KeptUntil.IsZero() && s.KeptUntil.Before(s.ReviewOn) {
		s.ReviewOn = s.KeptUntil
	}
	if !s.DeleteOn.IsZero() && s.KeptUntil.IsZero() && s.DeleteOn.Before(s.ReviewOn) {
		s.ReviewOn = s.DeleteOn
	}
	s.EraseNow = !s.DeleteOn.IsZero() && !today.Before(s.DeleteOn) && s.KeptUntil.IsZero() && (r.Entities > 0 || r.ErasedAt.IsZero())
	s.OverFiveYears = r.Entities > 0 && !today.Before(addYears(r.EnteredOn, 5))
	s.NoLimitRecorded = r.Status == CaseClosed && s.DeleteOn.IsZero()
	r.Due = s
}

// DueWithin reports whether r needs the desk's attention within days of
// today: a review or deletion falling due, or a closed case with no date.
func (r *CaseRetention) DueWithin(today Date, days int) bool {
	horizon := today.AddDays(days)
	s := r.Due
	if r.Entities == 0 && !r.ErasedAt.IsZero() {
		return false // nothing left to keep
	}
	return s.EraseNow || s.NoLimitRecorded || s.OverFiveYears ||
		!horizon.Before(s.ReviewOn) || (!s.DeleteOn.IsZero() && !horizon.Before(s.DeleteOn))
}

// FirstDue is the first date due: the deletion date when it comes before
// the next review, else the review.
func (s RetentionStatus) FirstDue() Date {
	if !s.DeleteOn.IsZero() && s.DeleteOn.Before(s.ReviewOn) {
		return s.DeleteOn
	}
	return s.ReviewOn
}

// SortRetentionDue puts a list of evaluated retention records in the
// order the desk works through them, the most pressing first: the cases
// whose data are deleted within the hour (EraseNow), then by the first
// date due (FirstDue: deletion or review), then by case id. The store's
// due list comes in this order, for the retention page and the API alike
// (README, "Retention and review").
func SortRetentionDue(list []*CaseRetention) {
	slices.SortStableFunc(list, func(a, b *CaseRetention) int {
		if a.Due.EraseNow != b.Due.EraseNow {
			if a.Due.EraseNow {
				return -1
			}
			return 1
		}
		if da, db := a.Due.FirstDue(), b.Due.FirstDue(); da != db {
			if da.Before(db) {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.CaseID, b.CaseID)
	})
}

// CanReviewRetention reports whether u records a case's retention dates and
// reviews, and an acquittal: whoever may write the case (its owner desk).
// README, "Retention and review".
func CanReviewRetention(u *User, c *Case) bool { return CanWriteCase(u, c) }

// RetentionService keeps cases' retention dates and reviews and deletes
// personal data when the law says so (README, "Retention and review").
type RetentionService interface {
	RetentionReader
	RetentionWriter
}

// RetentionReader reads retention records.
type RetentionReader interface {
	// FindRetention returns a visible case's retention record.
	FindRetention(ctx context.Context, caseID int64) (*CaseRetention, error)
	// FindRetentionDue lists the caller's desk's cases needing attention
	// within days: reviews and deletions due, the most pressing first
	// (SortRetentionDue).
	FindRetentionDue(ctx context.Context, days int) ([]*CaseRetention, error)
}

// RetentionWriter records retention dates and reviews, and deletes
// personal data: every method here may delete, so a wrapper that must
// act on deletions (the match index) implements each one.
type RetentionWriter interface {
	// SetRetentionDates records a case's Art. 29(1) dates.
	SetRetentionDates(ctx context.Context, caseID int64, d RetentionDates) (*CaseRetention, error)
	// ReviewRetention records a review; a decision to delete deletes the
	// case's personal data in the same transaction.
	ReviewRetention(ctx context.Context, caseID int64, r *RetentionReview) (*CaseRetention, error)
	// RecordAcquittal deletes person entityID of case caseID (0: of any
	// case) on the agency being told of their final acquittal on finalOn
	// (Art. 29(1)(b)); ENOTFOUND, as an entity the caller cannot see,
	// when the person is of another case.
	RecordAcquittal(ctx context.Context, caseID, entityID int64, finalOn Date) error
	// SweepRetention deletes the personal data of every case whose
	// deletion date has passed with no keep decision in force, and
	// returns how many cases it erased. For the system actor.
	SweepRetention(ctx context.Context) (int, error)
}
