package crosscase

import (
	"context"
	"time"
)

// Meeting is a coordination meeting of a case: when it takes place, the
// desks, national authorities and partner agencies taking part, its
// agenda and, once it has taken place, its outcome. Meetings are case
// content: they are seen through the case's need to know.
type Meeting struct {
	ID       int64     `json:"id"`
	CaseID   int64     `json:"case_id"`
	StartsAt time.Time `json:"starts_at"` // date and time, UTC
	// DeskIDs are the desks taking part (the owner desk need not be listed).
	DeskIDs      []int64  `json:"desk_ids"`
	AuthorityIDs []int64  `json:"authority_ids"`
	Partners     []string `json:"partners"` // codes of PartnerAgencies
	Agenda       string   `json:"agenda"`
	// Outcome is recorded after the meeting; "" until then.
	Outcome   string    `json:"outcome"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks m's own fields: that ids are positive and unique, the
// partners known and the texts clean. Whether desks and authorities exist,
// and whether an outcome may be recorded yet, is the store's question.
func (m *Meeting) Validate() error {
	if m.StartsAt.IsZero() {
		return FieldErrorf("starts_at", "Give the date and time of the meeting.")
	}
	if y := m.StartsAt.Year(); y < 1900 || y > 2200 {
		return FieldErrorf("starts_at", "The meeting's date must be between the years 1900 and 2200.")
	}
	if err := uniqueIDs("desk_ids", m.DeskIDs); err != nil {
		return err
	}
	if err := uniqueIDs("authority_ids", m.AuthorityIDs); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, p := range m.Partners {
		f := "partners[" + itoa(i) + "]"
		if PartnerAgencyName(p) == "" {
			return FieldErrorf(f, "%q is not a partner agency of the list.", clipText(p))
		}
		if seen[p] {
			return FieldErrorf(f, "Partner %s is listed twice.", p)
		}
		seen[p] = true
	}
	if err := CheckMultiline("agenda", m.Agenda, 20000, false); err != nil {
		return err
	}
	return CheckMultiline("outcome", m.Outcome, 20000, false)
}

// uniqueIDs checks that ids are positive and listed once; field names the
// list in errors.
func uniqueIDs(field string, ids []int64) error {
	seen := map[int64]bool{}
	for i, id := range ids {
		f := field + "[" + itoa(i) + "]"
		if id <= 0 {
			return FieldErrorf(f, "Ids are positive numbers.")
		}
		if seen[id] {
			return FieldErrorf(f, "%d is listed twice.", id)
		}
		seen[id] = true
	}
	return nil
}

// clipText shortens s for an error message.
func clipText(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// MeetingUpdate changes a meeting; nil fields are left as they are.
// Version must equal the stored version.
type MeetingUpdate struct {
	Version      int        `json:"version"`
	StartsAt     *time.Time `json:"starts_at"`
	DeskIDs      *[]int64   `json:"desk_ids"`
	AuthorityIDs *[]int64   `json:"authority_ids"`
	Partners     *[]string  `json:"partners"`
	Agenda       *string    `json:"agenda"`
	Outcome      *string    `json:"outcome"`
}

// Apply copies the set fields of upd onto m.
func (upd MeetingUpdate) Apply(m *Meeting) {
	setIfGiven(&m.StartsAt, upd.StartsAt)
	setIfGiven(&m.DeskIDs, upd.DeskIDs)
	setIfGiven(&m.AuthorityIDs, upd.AuthorityIDs)
	setIfGiven(&m.Partners, upd.Partners)
	setIfGiven(&m.Agenda, upd.Agenda)
	setIfGiven(&m.Outcome, upd.Outcome)
}

// MeetingService stores coordination meetings. Need to know is the
// case's: whoever reads the case reads its meetings; only the owner desk's
// desk members and liaison prosecutors write them (the owner desk chairs
// the meeting and records its outcome; participating desks read it).
// Every change is audited.
type MeetingService interface {
	// FindMeetings returns the meetings of a visible case, by date;
	// ENOTFOUND when the case is not visible.
	FindMeetings(ctx context.Context, caseID int64) ([]*Meeting, error)
	// FindMeeting returns a meeting of a visible case; ENOTFOUND otherwise.
	FindMeeting(ctx context.Context, id int64) (*Meeting, error)
	// CreateMeeting schedules m for case m.CaseID. ENOTFOUND when the case
	// is not visible, EFORBIDDEN when not the caller's desk's, EINVALID
	// naming the field (an unknown desk, authority or partner; an outcome
	// for a meeting that has not taken place).
	CreateMeeting(ctx context.Context, m *Meeting) error
	// UpdateMeeting changes a meeting, as CreateMeeting; ECONFLICT on a
	// stale version.
	UpdateMeeting(ctx context.Context, id int64, upd MeetingUpdate) (*Meeting, error)
	// DeleteMeeting removes a meeting of the caller's desk's case.
	DeleteMeeting(ctx context.Context, id int64) error
	// CountMeetings counts the meetings held from..to (inclusive; zero
	// dates leave the range open): held means starting at or before now,
	// so meetings scheduled in the future are not counted, even inside the
	// period. It counts those in which country took part (as the
	// owner of the case, through a participating desk or authority; all
	// when ""). Statistics users and administrators only (EFORBIDDEN
	// otherwise); EINVALID for a reversed range or an unknown country.
	CountMeetings(ctx context.Context, from, to Date, country string) (int, error)
}
