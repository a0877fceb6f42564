package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"crosscase"
)

// requireStatistics refuses everyone but statistics users, administrators
// and the system actor: the aggregate figures are theirs.
func requireStatistics(ctx context.Context) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !crosscase.CanSeeStatistics(u) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only statistics users and administrators see these figures.")
	}
	return nil
}

// checkPeriod checks a statistics period and country.
func (tx *Tx) checkPeriod(ctx context.Context, from, to crosscase.Date, country string) error {
	if country != "" {
		codes, err := tx.countryCodes(ctx)
		if err != nil {
			return err
		}
		if !crosscase.ValidCountryCode(country) || !codes[country] {
			return crosscase.FieldErrorf("country", "%q is not an ISO 3166-1 country.", country)
		}
	}
	if u := crosscase.UserFromContext(ctx); crosscase.PeriodsInWholeMonths(u) {
		// As for the report: whole months that are over, never an
		// open end that moves with today.
		return crosscase.CheckPeriodFor(u, from, to, crosscase.DateOf(tx.now))
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return crosscase.FieldErrorf("to", "The end of the period (%s) is before its start (%s).", to, from)
	}
	return nil
}

const meetingColumns = `id, case_id, starts_at, agenda, outcome, version, created_at, updated_at`

func scanMeeting(s scanner) (*crosscase.Meeting, error) {
	m := &crosscase.Meeting{DeskIDs: []int64{}, AuthorityIDs: []int64{}, Partners: []string{}}
	var starts, created, updated int64
	if err := s.Scan(&m.ID, &m.CaseID, &starts, &m.Agenda, &m.Outcome, &m.Version, &created, &updated); err != nil {
		return nil, err
	}
	m.StartsAt, m.CreatedAt, m.UpdatedAt = fromMicros(starts), fromMicros(created), fromMicros(updated)
	return m, nil
}

// loadParticipants fills the desks, authorities and partners of ms.
func (tx *Tx) loadParticipants(ctx context.Context, ms []*crosscase.Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	byID := map[int64]*crosscase.Meeting{}
	ids := make([]any, len(ms))
	for i, m := range ms {
		byID[m.ID], ids[i] = m, m.ID
	}
	rows, err := tx.query(ctx, `SELECT meeting_id, desk_id, authority_id, partner FROM meeting_participants WHERE meeting_id IN (`+placeholders(len(ids))+`) ORDER BY meeting_id, desk_id, authority_id, partner`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var mid, desk, auth int64
		var partner string
		if err := rows.Scan(&mid, &desk, &auth, &partner); err != nil {
			return err
		}
		m := byID[mid]
		switch {
		case desk != 0:
			m.DeskIDs = append(m.DeskIDs, desk)
		case auth != 0:
			m.AuthorityIDs = append(m.AuthorityIDs, auth)
		case partner != "":
			m.Partners = append(m.Partners, partner)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	order := map[string]int{}
	for i, p := range crosscase.PartnerAgencies() {
		order[p.Code] = i
	}
	for _, m := range ms {
		sort.Slice(m.Partners, func(i, j int) bool { return order[m.Partners[i]] < order[m.Partners[j]] })
	}
	return nil
}

// checkMeeting checks what Validate cannot: that the desks take part in
// m's case cs and the authorities exist, and that an outcome is recorded
// only once the meeting began.
func (tx *Tx) checkMeeting(ctx context.Context, m *crosscase.Meeting, cs *crosscase.Case) (deskCountry, authCountry map[int64]string, err error) {
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	if m.Outcome != "" && !crosscase.IsBlank(m.Outcome) && m.StartsAt.After(tx.now) {
		return nil, nil, crosscase.FieldErrorf("outcome", "The meeting has not taken place yet (it starts %s): record its outcome afterwards.", m.StartsAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	deskCountry, authCountry = map[int64]string{}, map[int64]string{}
	for i, id := range m.DeskIDs {
		code, err := tx.caseDesk(ctx, cs, id, "desk_ids["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, nil, err
		}
		deskCountry[id] = code
	}
	for i, id := range m.AuthorityIDs {
		var code string
		if err := tx.queryRow(ctx, `SELECT country_code FROM authorities WHERE id = ?`, id).Scan(&code); errors.Is(err, sql.ErrNoRows) {
			return nil, nil, crosscase.FieldErrorf("authority_ids["+strconv.Itoa(i)+"]", "Authority %d does not exist.", id)
		} else if err != nil {
			return nil, nil, err
		}
		authCountry[id] = code
	}
	return deskCountry, authCountry, nil
}

// writeParticipants replaces the participants of m.
func (tx *Tx) writeParticipants(ctx context.Context, m *crosscase.Meeting, deskCountry, authCountry map[int64]string) error {
	if _, err := tx.exec(ctx, `DELETE FROM meeting_participants WHERE meeting_id = ?`, m.ID); err != nil {
		return err
	}
	var rows [][]any
	for _, id := range m.DeskIDs {
		rows = append(rows, []any{m.ID, id, int64(0), "", deskCountry[id]})
	}
	for _, id := range m.AuthorityIDs {
		rows = append(rows, []any{m.ID, int64(0), id, "", authCountry[id]})
	}
	for _, p := range m.Partners {
		rows = append(rows, []any{m.ID, int64(0), int64(0), p, ""})
	}
	return tx.insertRows(ctx, `INSERT INTO meeting_participants (meeting_id, desk_id, authority_id, partner, country_code) VALUES `, rows)
}

// meetingDetail describes m for the audit log: counts, no text.
func meetingDetail(m *crosscase.Meeting) string {
	return fmt.Sprintf("starts=%s desks=%d authorities=%d partners=%s outcome=%t",
		m.StartsAt.UTC().Format(time.RFC3339), len(m.DeskIDs), len(m.AuthorityIDs), strings.Join(m.Partners, ","), m.Outcome != "")
}

// FindMeetings implements crosscase.MeetingService.
func (d *DB) FindMeetings(ctx context.Context, caseID int64) ([]*crosscase.Meeting, error) {
	var out []*crosscase.Meeting
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE case_id = ? ORDER BY starts_at, id`, caseID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMeeting(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if err := tx.loadParticipants(ctx, out); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "meeting", 0, caseID, fmt.Sprintf("meetings=%d", len(out)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "meeting", 0, caseID)
		return nil, err
	}
	return out, nil
}

// FindMeeting implements crosscase.MeetingService.
func (d *DB) FindMeeting(ctx context.Context, id int64) (*crosscase.Meeting, error) {
	var m *crosscase.Meeting
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if m, _, err = tx.authorizeMeeting(ctx, id, needRead); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "meeting", id, m.CaseID, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "meeting", id, 0)
		return nil, err
	}
	return m, nil
}

// CreateMeeting implements crosscase.MeetingService.
func (d *DB) CreateMeeting(ctx context.Context, m *crosscase.Meeting) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		c, err := tx.authorizeCase(ctx, m.CaseID, needWrite)
		if err != nil {
			return err
		}
		return tx.insertMeeting(ctx, m, c)
	})
	d.recordRefusal(ctx, err, "meeting", 0, m.CaseID)
	return err
}

// insertMeeting stores m for its (authorised) case c with its audit entry.
func (tx *Tx) insertMeeting(ctx context.Context, m *crosscase.Meeting, c *crosscase.Case) error {
	m.StartsAt = m.StartsAt.UTC().Truncate(time.Minute)
	normaliseMeeting(m)
	dc, ac, err := tx.checkMeeting(ctx, m, c)
	if err != nil {
		return err
	}
	now := micros(tx.now)
	id, err := tx.insert(ctx, `INSERT INTO meetings (case_id, starts_at, agenda, outcome, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
		m.CaseID, micros(m.StartsAt), m.Agenda, m.Outcome, now, now)
	if err != nil {
		return err
	}
	m.ID, m.Version, m.CreatedAt, m.UpdatedAt = id, 1, fromMicros(now), fromMicros(now)
	if err := tx.writeParticipants(ctx, m, dc, ac); err != nil {
		return err
	}
	tx.audit(ctx, crosscase.ActionCreate, "meeting", id, m.CaseID, meetingDetail(m))
	return nil
}

// normaliseMeeting makes nil lists empty and a blank outcome "".
func normaliseMeeting(m *crosscase.Meeting) {
	if m.DeskIDs == nil {
		m.DeskIDs = []int64{}
	}
	if m.AuthorityIDs == nil {
		m.AuthorityIDs = []int64{}
	}
	if m.Partners == nil {
		m.Partners = []string{}
	}
	if crosscase.IsBlank(m.Outcome) {
		m.Outcome = ""
	}
}

// UpdateMeeting implements crosscase.MeetingService.
func (d *DB) UpdateMeeting(ctx context.Context, id int64, upd crosscase.MeetingUpdate) (*crosscase.Meeting, error) {
	var m *crosscase.Meeting
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		var c *crosscase.Case
		if m, c, err = tx.authorizeMeeting(ctx, id, needWrite); err != nil {
			return err
		}
		if upd.Version != m.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The meeting was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.", m.Version, upd.Version)
		}
		before := *m
		upd.Apply(m)
		m.StartsAt = m.StartsAt.UTC().Truncate(time.Minute)
		normaliseMeeting(m)
		if len(crosscase.ChangedMeetingFields(&before, m)) == 0 {
			*m = before // nothing to change: nothing written, the version kept
			return nil
		}
		dc, ac, err := tx.checkMeeting(ctx, m, c)
		if err != nil {
			return err
		}
		now := micros(tx.now)
		res, err := tx.exec(ctx, `UPDATE meetings SET starts_at = ?, agenda = ?, outcome = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			micros(m.StartsAt), m.Agenda, m.Outcome, now, id, upd.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "The meeting was changed by someone else. Reload it and apply your change again.")
		}
		if err := tx.writeParticipants(ctx, m, dc, ac); err != nil {
			return err
		}
		m.Version++
		m.UpdatedAt = fromMicros(now)
		tx.audit(ctx, crosscase.ActionUpdate, "meeting", id, m.CaseID, meetingDetail(m))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "meeting", id, 0)
		return nil, err
	}
	return m, nil
}

// DeleteMeeting implements crosscase.MeetingService.
func (d *DB) DeleteMeeting(ctx context.Context, id int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		m, _, err := tx.authorizeMeeting(ctx, id, needWrite)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM meeting_participants WHERE meeting_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM meetings WHERE id = ?`, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionDelete, "meeting", id, m.CaseID, meetingDetail(m))
		return nil
	})
	d.recordRefusal(ctx, err, "meeting", id, 0)
	return err
}

// periodMicros turns an inclusive date range into a half-open range of
// microseconds (open ends become the extremes).
func periodMicros(from, to crosscase.Date) (int64, int64) {
	lo, hi := int64(-1<<62), int64(1<<62)
	if !from.IsZero() {
		lo = micros(from.Time())
	}
	if !to.IsZero() {
		hi = micros(to.AddDays(1).Time())
	}
	return lo, hi
}

// CountMeetings implements crosscase.MeetingService: meetings held, that
// is starting at or before now, within the period; scheduled ones are not
// counted until they have taken place.
func (d *DB) CountMeetings(ctx context.Context, from, to crosscase.Date, country string) (int, error) {
	if err := requireStatistics(ctx); err != nil {
		return 0, err
	}
	var n int
	err := d.read(ctx, func(tx *Tx) error {
		if err := tx.checkPeriod(ctx, from, to, country); err != nil {
			return err
		}
		lo, hi := periodMicros(from, to)
		// Held: a meeting scheduled after now has not taken place yet.
		if now := micros(tx.now) + 1; now < hi {
			hi = now
		}
		q := `SELECT COUNT(*) FROM meetings m WHERE m.starts_at >= ? AND m.starts_at < ?`
		args := []any{lo, hi}
		if country != "" {
			q += ` AND (EXISTS (SELECT 1 FROM cases c WHERE c.id = m.case_id AND c.owner_country = ?)
				OR EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.country_code = ?))`
			args = append(args, country, country)
		}
		return tx.queryRow(ctx, q, args...).Scan(&n)
	})
	return n, translate(err)
}
