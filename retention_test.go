package crosscase

import (
	"strings"
	"testing"
	"time"
)

// od is d, or the zero Date for "".
func od(s string) Date {
	if s == "" {
		return Date{}
	}
	return d(s)
}

// The first applicable date of Art. 29(1) wins; point d yields to point
// e once data were transmitted under Art. 21(6) or (7).
func TestDeletionDate(t *testing.T) {
	for _, tc := range []struct {
		name                             string
		barred, final, ended, sent, want string
		ground                           RetentionGround
	}{
		{"none known", "", "", "", "", "", ""},
		{"time bar", "2031-05-01", "", "", "", "2031-05-01", GroundTimeBarred},
		{"final decision plus three years", "", "2024-02-29", "", "", "2027-03-01", GroundFinalDecision},
		{"the earlier of a and c", "2026-01-01", "2024-02-01", "", "", "2026-01-01", GroundTimeBarred},
		{"coordination over", "2031-05-01", "2024-02-01", "2025-03-03", "", "2025-03-03", GroundCoordinationOver},
		{"d yields to e", "", "", "2025-03-03", "2025-01-10", "2028-01-10", GroundTransmitted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, g := RetentionDates{TimeBarredOn: od(tc.barred), FinalDecisionOn: od(tc.final), CoordinationEndedOn: od(tc.ended), TransmittedOn: od(tc.sent)}.DeletionDate()
			if got.String() != tc.want || g != tc.ground {
				t.Fatalf("DeletionDate = %s %s, want %s %s", got, g, tc.want, tc.ground)
			}
		})
	}
}

// Reviews every three years after entry (Art. 29(2)), before the
// deletion date (Art. 29(3)), or when a keep decision runs out; erasure
// when the date has passed and nothing keeps the data.
func TestRetentionEvaluate(t *testing.T) {
	entered := d("2024-03-01")
	keep := func(on, until string) *RetentionReview {
		return &RetentionReview{Decision: ReviewKeep, Reason: "r", KeepUntil: d(until), DecidedAt: d(on).Time().Add(10 * time.Hour)}
	}
	for _, tc := range []struct {
		name     string
		dates    RetentionDates
		reviews  []*RetentionReview
		status   CaseStatus
		today    string
		review   string
		erase    bool
		noLimit  bool
		fiveYear bool
	}{
		{"three years after entry", RetentionDates{}, nil, CaseOpen, "2025-01-01", "2027-03-01", false, false, false},
		{"before the deletion date", RetentionDates{TimeBarredOn: d("2026-06-01")}, nil, CaseOpen, "2025-01-01", "2026-06-01", false, false, false},
		{"deletion date passed", RetentionDates{TimeBarredOn: d("2026-06-01")}, nil, CaseOpen, "2026-06-01", "2026-06-01", true, false, false},
		{"kept until the next review", RetentionDates{TimeBarredOn: d("2026-06-01")}, []*RetentionReview{keep("2026-05-20", "2027-05-20")}, CaseOpen, "2026-07-01", "2027-05-20", false, false, false},
		{"keep ran out", RetentionDates{TimeBarredOn: d("2026-06-01")}, []*RetentionReview{keep("2026-05-20", "2027-05-20")}, CaseOpen, "2027-05-21", "2026-06-01", true, false, false},
		{"closed with no date", RetentionDates{}, nil, CaseClosed, "2025-01-01", "2027-03-01", false, true, false},
		{"over five years", RetentionDates{}, []*RetentionReview{keep("2027-02-01", "2030-02-01")}, CaseOpen, "2029-03-01", "2030-02-01", false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &CaseRetention{EnteredOn: entered, Dates: tc.dates, Reviews: tc.reviews, Status: tc.status, Entities: 3}
			r.Evaluate(d(tc.today))
			if r.Due.ReviewOn.String() != tc.review || r.Due.EraseNow != tc.erase || r.Due.NoLimitRecorded != tc.noLimit || r.Due.OverFiveYears != tc.fiveYear {
				t.Fatalf("Due = %+v", r.Due)
			}
		})
	}
}

// A decision to keep needs reasons and at most three years; a decision
// to delete keeps nothing.
func TestRetentionReviewValidate(t *testing.T) {
	today := d("2026-01-10")
	for _, tc := range []struct {
		r     RetentionReview
		field string
	}{
		{RetentionReview{Decision: ReviewKeep, Reason: "Appeal pending"}, ""},
		{RetentionReview{Decision: ReviewKeep}, "reason"},
		{RetentionReview{Decision: ReviewKeep, Reason: "x", KeepUntil: d("2029-01-11")}, "keep_until"},
		{RetentionReview{Decision: ReviewKeep, Reason: "x", KeepUntil: today}, "keep_until"},
		{RetentionReview{Decision: ReviewDelete}, ""},
		{RetentionReview{Decision: ReviewDelete, KeepUntil: d("2027-01-01")}, "keep_until"},
		{RetentionReview{Decision: "later"}, "decision"},
	} {
		r := tc.r
		if got := ErrorField(r.Validate(today)); got != tc.field {
			t.Errorf("%+v: field %q, want %q", tc.r, got, tc.field)
		}
		if tc.field == "" && r.Decision == ReviewKeep && tc.r.KeepUntil.IsZero() && r.KeepUntil.String() != "2029-01-10" {
			t.Errorf("default next review = %s", r.KeepUntil)
		}
	}
}

// TestRetentionDatesValidate: the dates of events refuse the future
// through NotFuture, each naming its field; a time bar may lie ahead;
// none is before the case opened.
func TestRetentionDatesValidate(t *testing.T) {
	opened, today := Date{2024, 1, 10}, Date{2025, 6, 2}
	tomorrow := today.AddDays(1)
	for _, tc := range []struct {
		d     RetentionDates
		field string
	}{
		{RetentionDates{TimeBarredOn: Date{2040, 1, 1}, FinalDecisionOn: today, CoordinationEndedOn: today, TransmittedOn: today}, ""},
		{RetentionDates{FinalDecisionOn: tomorrow}, "final_decision_on"},
		{RetentionDates{CoordinationEndedOn: tomorrow}, "coordination_ended_on"},
		{RetentionDates{TransmittedOn: tomorrow}, "transmitted_on"},
		{RetentionDates{TimeBarredOn: Date{2023, 12, 31}}, "time_barred_on"},
	} {
		err := tc.d.Validate(opened, today)
		if got := ErrorField(err); got != tc.field {
			t.Errorf("%+v: field %q (%v), want %q", tc.d, got, err, tc.field)
		}
		if tc.field != "" && tc.field != "time_barred_on" && !strings.Contains(err.Error(), "cannot be in the future") {
			t.Errorf("%s: %v, want NotFuture's refusal", tc.field, err)
		}
	}
}
