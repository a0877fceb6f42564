package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"crosscase"
)

// Coordination centres (README, Coordination centres (action day, live)).
// Every write takes the centre's row lock first (PostgreSQL; SQLite has
// one writer), appends to the centre's log in the same transaction as the
// change and its audit entry, and wakes the live streams after commit:
// on PostgreSQL through NOTIFY (delivered at commit to every serve
// process), and in this process directly.

const centreColumns = `x.id, x.case_id, x.name, x.action_date, x.state, x.action_id, x.closed_at, x.version, x.created_at, x.updated_at, c.reference, c.owner_desk_id, c.owner_country`

func scanCentre(s scanner) (*crosscase.Centre, error) {
	c := &crosscase.Centre{Zones: []crosscase.CentreZone{}, DeskIDs: []int64{}, AuthorityIDs: []int64{}, Partners: []string{}, MemberIDs: []int64{}}
	var on, state string
	var closed, created, updated int64
	if err := s.Scan(&c.ID, &c.CaseID, &c.Name, &on, &state, &c.ActionID, &closed, &c.Version, &created, &updated, &c.CaseReference, &c.OwnerDeskID, &c.OwnerCountry); err != nil {
		return nil, err
	}
	c.ActionDate, c.State, c.CreatedAt, c.UpdatedAt = parseDateText(on), crosscase.CentreState(state), fromMicros(created), fromMicros(updated)
	if closed != 0 {
		c.ClosedAt = fromMicros(closed)
	}
	return c, nil
}

// loadCentreLists fills the zones and participants of c.
func (tx *Tx) loadCentreLists(ctx context.Context, c *crosscase.Centre) error {
	rows, err := tx.query(ctx, `SELECT country_code, zone FROM centre_zones WHERE centre_id = ? ORDER BY country_code`, c.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var z crosscase.CentreZone
		if err := rows.Scan(&z.Country, &z.Zone); err != nil {
			rows.Close()
			return err
		}
		c.Zones = append(c.Zones, z)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.query(ctx, `SELECT desk_id, authority_id, partner, user_id FROM centre_participants WHERE centre_id = ? ORDER BY desk_id, authority_id, partner, user_id`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var desk, auth, user int64
		var partner string
		if err := rows.Scan(&desk, &auth, &partner, &user); err != nil {
			return err
		}
		switch {
		case desk != 0:
			c.DeskIDs = append(c.DeskIDs, desk)
		case auth != 0:
			c.AuthorityIDs = append(c.AuthorityIDs, auth)
		case partner != "":
			c.Partners = append(c.Partners, partner)
		case user != 0:
			c.MemberIDs = append(c.MemberIDs, user)
		}
	}
	return rows.Err()
}

// centreAccess is what authorizeCentre found out about the caller and a
// centre.
type centreAccess struct {
	centre *crosscase.Centre
	cs     *crosscase.Case // the centre's case, read for the store's own checks
	user   *crosscase.User // the caller, with the country of their desk as stored
}

// jitMemberOfCase reports whether user is a member of a running JIT
// linked to case caseID.
func (tx *Tx) jitMemberOfCase(ctx context.Context, user, caseID int64) (bool, error) {
	var one int
	err := tx.queryRow(ctx, `SELECT 1 FROM jit_members jm JOIN jit_cases jc ON jc.jit_id = jm.jit_id JOIN jits j ON j.id = jm.jit_id
		WHERE jm.user_id = ? AND jc.case_id = ? AND j.current_ends_on >= ? LIMIT 1`, user, caseID, tx.today()).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, translate(err)
}

const measureColumns = `id, centre_id, kind, country_code, place, owner_country, entity_id, instrument_id, planned_at, state, outcome, note, changed_by, changed_at, version`

func scanMeasure(s scanner) (*crosscase.Measure, error) {
	m := &crosscase.Measure{Decisions: []int64{}}
	var kind, state, outcome string
	var planned, changed int64
	if err := s.Scan(&m.ID, &m.CentreID, &kind, &m.Country, &m.Place, &m.OwnerCountry, &m.EntityID, &m.InstrumentID, &planned, &state, &outcome, &m.Note, &m.ChangedBy, &changed, &m.Version); err != nil {
		return nil, err
	}
	m.Kind, m.State, m.PlannedAt, m.ChangedAt = crosscase.MeasureKind(kind), crosscase.MeasureState(state), fromMicros(planned), fromMicros(changed)
	m.Next = nextStates(m.State)
	if err := json.Unmarshal([]byte(outcome), &m.Outcome); err != nil {
		return nil, fmt.Errorf("measure %d outcome: %w", m.ID, err)
	}
	if m.Outcome.Seizures == nil {
		m.Outcome.Seizures = []crosscase.Seizure{}
	}
	return m, nil
}

// nextStates is crosscase.MeasureMoves, never nil.
func nextStates(s crosscase.MeasureState) []crosscase.MeasureState {
	if n := crosscase.MeasureMoves(s); n != nil {
		return n
	}
	return []crosscase.MeasureState{}
}

// centreMeasures returns the measures of centre id with their decisions,
// by country and planned time.
func (tx *Tx) centreMeasures(ctx context.Context, id int64) ([]*crosscase.Measure, error) {
	rows, err := tx.query(ctx, `SELECT `+measureColumns+` FROM centre_measures WHERE centre_id = ? ORDER BY country_code, planned_at, id`, id)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.Measure
	byID := map[int64]*crosscase.Measure{}
	for rows.Next() {
		m, err := scanMeasure(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
		byID[m.ID] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.query(ctx, `SELECT d.measure_id, d.instrument_id FROM centre_decisions d JOIN centre_measures m ON m.id = d.measure_id WHERE m.centre_id = ? ORDER BY d.instrument_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var mid, iid int64
		if err := rows.Scan(&mid, &iid); err != nil {
			return nil, err
		}
		if m := byID[mid]; m != nil {
			m.Decisions = append(m.Decisions, iid)
		}
	}
	return out, rows.Err()
}

// centreWarrants returns the arrest warrants among the instruments
// executed by ms, each with the person it names (0: none), as
// crosscase.Tally and Measure.Suspect take them.
func (tx *Tx) centreWarrants(ctx context.Context, ms []*crosscase.Measure) (map[int64]int64, error) {
	var ids []any
	for _, m := range ms {
		if m.InstrumentID != 0 {
			ids = append(ids, m.InstrumentID)
		}
	}
	out := map[int64]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT id, type, entity_id FROM instruments WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, person int64
		var t string
		if err := rows.Scan(&id, &t, &person); err != nil {
			return nil, err
		}
		if crosscase.InstrumentType(t).ArrestWarrant() {
			out[id] = person
		}
	}
	return out, rows.Err()
}

// centreTally counts the measures of centre id.
func (tx *Tx) centreTally(ctx context.Context, id int64) (crosscase.CentreTally, []*crosscase.Measure, error) {
	ms, err := tx.centreMeasures(ctx, id)
	if err != nil {
		return crosscase.CentreTally{}, nil, err
	}
	w, err := tx.centreWarrants(ctx, ms)
	if err != nil {
		return crosscase.CentreTally{}, nil, err
	}
	return crosscase.Tally(ms, w), ms, nil
}

// centreNow is when a change to a centre happens: the transaction's time,
// or loggedAt, the time a trusted loader replaying a past action day gave
// the change (its input's LoggedAt), which appendCentreEvent checks.
func (tx *Tx) centreNow(loggedAt time.Time) time.Time {
	if !loggedAt.IsZero() {
		return loggedAt.UTC().Truncate(time.Microsecond)
	}
	return tx.now
}

// appendCentreEvent appends ev to its centre's log with the next
// sequence number, and wakes the live streams once the transaction
// commits. The caller holds the centre's row lock. ev is logged at the
// moment of appending, or at loggedAt when it is not zero: the time a
// trusted loader gave the change (README, Coordination centres (action
// day, live)), refused (EINVALID naming "logged_at") before the centre's
// latest entry or in the future.
func (tx *Tx) appendCentreEvent(ctx context.Context, a *centreAccess, ev *crosscase.CentreEvent, loggedAt time.Time) error {
	ev.CentreID = a.centre.ID
	ev.UserName = a.user.Name
	ev.Country = a.user.ActingCountry()
	if ev.Tally == nil {
		t, _, err := tx.centreTally(ctx, a.centre.ID)
		if err != nil {
			return err
		}
		ev.Tally = &t
	}
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM centre_events WHERE centre_id = ?`, a.centre.ID).Scan(&ev.Seq); err != nil {
		return translate(err)
	}
	// The moment of appending, under the centre's lock: the log's times
	// follow its numbering (the transaction's start may be earlier than
	// a transaction that took the lock first).
	ev.At = tx.db.Now().UTC().Truncate(time.Microsecond)
	if !loggedAt.IsZero() {
		// A replayed change keeps the log in order and in the past.
		var latest int64
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(at), 0) FROM centre_events WHERE centre_id = ?`, a.centre.ID).Scan(&latest); err != nil {
			return translate(err)
		}
		t := loggedAt.UTC().Truncate(time.Microsecond)
		if micros(t) < latest || t.After(ev.At) {
			return crosscase.FieldErrorf("logged_at", "A change is logged after the centre's latest entry (%s) and not in the future.", fromMicros(latest).Format(time.RFC3339))
		}
		ev.At = t
	}
	body, err := json.Marshal(eventBody{Text: ev.Text, Measure: ev.Measure, From: ev.From, InstrumentID: ev.InstrumentID, Tally: ev.Tally})
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO centre_events (centre_id, seq, at, kind, measure_id, user_id, user_name, country_code, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.CentreID, ev.Seq, micros(ev.At), ev.Kind, ev.MeasureID, a.user.ID, ev.UserName, ev.Country, string(body)); err != nil {
		return err
	}
	id := ev.CentreID
	if tx.db.dialect == Postgres {
		// Delivered to every listening serve process when this commits.
		if _, err := tx.exec(ctx, `SELECT pg_notify('`+centreChannel+`', ?)`, strconv.FormatInt(id, 10)); err != nil {
			return err
		}
	}
	tx.afterCommit = append(tx.afterCommit, func() { tx.db.centreHub().wake(id) })
	return nil
}

// eventBody is what centre_events.body holds.
type eventBody struct {
	Text         string                 `json:"text,omitempty"`
	Measure      *crosscase.Measure     `json:"measure,omitempty"`
	From         crosscase.MeasureState `json:"from,omitempty"`
	InstrumentID int64                  `json:"instrument_id,omitempty"`
	Tally        *crosscase.CentreTally `json:"tally,omitempty"`
}

// eventSnapshot is measure m as an event carries it: without the
// entity concerned (its id and name), which the board fills in where the
// reader may see it. Events go to every participant alike, whatever the
// partner data rule allows their country (README, Coordination centres).
func eventSnapshot(m *crosscase.Measure) *crosscase.Measure {
	c := *m
	c.Target, c.Withheld = "", m.EntityID != 0
	c.EntityID = 0
	return &c
}

const eventColumns = `centre_id, seq, at, kind, measure_id, user_name, country_code, body`

func scanEvent(s scanner) (*crosscase.CentreEvent, error) {
	ev := &crosscase.CentreEvent{}
	var at int64
	var body string
	if err := s.Scan(&ev.CentreID, &ev.Seq, &at, &ev.Kind, &ev.MeasureID, &ev.UserName, &ev.Country, &body); err != nil {
		return nil, err
	}
	ev.At = fromMicros(at)
	var b eventBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return nil, fmt.Errorf("centre event %d/%d: %w", ev.CentreID, ev.Seq, err)
	}
	ev.Text, ev.Measure, ev.From, ev.InstrumentID, ev.Tally = b.Text, b.Measure, b.From, b.InstrumentID, b.Tally
	return ev, nil
}

// centreEventsAfter reads the log of centre id after seq, at most limit.
func (tx *Tx) centreEventsAfter(ctx context.Context, id, after int64, limit int) ([]*crosscase.CentreEvent, error) {
	if limit <= 0 || limit > 5000 {
		limit = 5000
	}
	rows, err := tx.query(ctx, `SELECT `+eventColumns+` FROM centre_events WHERE centre_id = ? AND seq > ? ORDER BY seq LIMIT `+strconv.Itoa(limit), id, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*crosscase.CentreEvent{}
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// caseDesk returns the country of desk id when it takes part in case cs:
// the owner desk, a desk of a country asked in the case, or one the owner
// granted the case. Otherwise EINVALID on field: a centre's or a
// meeting's participants are the case's.
func (tx *Tx) caseDesk(ctx context.Context, cs *crosscase.Case, id int64, field string) (string, error) {
	var code string
	if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, id).Scan(&code); errors.Is(err, sql.ErrNoRows) {
		return "", crosscase.FieldErrorf(field, "Desk %d does not exist.", id)
	} else if err != nil {
		return "", translate(err)
	}
	if id == cs.OwnerDeskID || code == cs.OwnerCountry || slices.Contains(cs.AskedCountries, code) {
		return code, nil
	}
	var one int
	err := tx.queryRow(ctx, `SELECT 1 FROM case_grants WHERE case_id = ? AND desk_id = ?`, cs.ID, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return "", crosscase.FieldErrorf(field, "Desk %d (%s) takes no part in case %s: ask its country in the case, or grant it the case, first.", id, code, cs.Reference)
	} else if err != nil {
		return "", translate(err)
	}
	return code, nil
}

// checkCentre checks what Validate cannot: that zones name known
// countries; that desks exist and see the case; that authorities exist;
// that invited members are JIT-only members of a JIT linked to the case.
// It returns the country of each desk and authority.
func (tx *Tx) checkCentre(ctx context.Context, c *crosscase.Centre, cs *crosscase.Case) (deskCountry, authCountry map[int64]string, err error) {
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	codes, err := tx.countryCodes(ctx)
	if err != nil {
		return nil, nil, err
	}
	inCase := func(cc string) bool { return cc == cs.OwnerCountry || slices.Contains(cs.AskedCountries, cc) }
	for i, z := range c.Zones {
		if !codes[z.Country] {
			return nil, nil, crosscase.FieldErrorf("zones["+strconv.Itoa(i)+"].country", "%q is not an ISO 3166-1 country.", z.Country)
		}
		if !inCase(z.Country) {
			// Measures are reported per zone's country, and the press
			// summary names them: a country not in the case takes no part.
			return nil, nil, crosscase.FieldErrorf("zones["+strconv.Itoa(i)+"].country", "%s takes no part in case %s: ask it in the case first.", z.Country, cs.Reference)
		}
	}
	deskCountry, authCountry = map[int64]string{}, map[int64]string{}
	for i, id := range c.DeskIDs {
		f := "desk_ids[" + strconv.Itoa(i) + "]"
		if id == cs.OwnerDeskID {
			return nil, nil, crosscase.FieldErrorf(f, "The owner desk always takes part: do not list it.")
		}
		code, err := tx.caseDesk(ctx, cs, id, f)
		if err != nil {
			return nil, nil, err
		}
		deskCountry[id] = code
	}
	for i, id := range c.AuthorityIDs {
		var code string
		if err := tx.queryRow(ctx, `SELECT country_code FROM authorities WHERE id = ?`, id).Scan(&code); errors.Is(err, sql.ErrNoRows) {
			return nil, nil, crosscase.FieldErrorf("authority_ids["+strconv.Itoa(i)+"]", "Authority %d does not exist.", id)
		} else if err != nil {
			return nil, nil, translate(err)
		}
		if !inCase(code) {
			return nil, nil, crosscase.FieldErrorf("authority_ids["+strconv.Itoa(i)+"]", "Authority %d is of %s, which takes no part in case %s.", id, code, cs.Reference)
		}
		authCountry[id] = code
	}
	if c.ActionID < 0 {
		return nil, nil, crosscase.FieldErrorf("action_id", "Action ids are positive numbers.")
	}
	if c.ActionID != 0 {
		// Results are reported against an action of the case that the
		// centre runs (README, Coordination centres).
		var caseID int64
		var on string
		err := tx.queryRow(ctx, `SELECT case_id, on_date FROM case_actions WHERE id = ?`, c.ActionID).Scan(&caseID, &on)
		if errors.Is(err, sql.ErrNoRows) || err == nil && (caseID != cs.ID || on != dateText(c.ActionDate)) {
			return nil, nil, crosscase.FieldErrorf("action_id", "Action %d is not an action of this case on %s.", c.ActionID, c.ActionDate)
		} else if err != nil {
			return nil, nil, translate(err)
		}
	}
	if len(c.MemberIDs) > 0 {
		// Those the plan form offers (crosscase.CentreInvitees), from the
		// JITs linked to the case with their members.
		jits, err := tx.findJITs(ctx, `j.id IN (SELECT jit_id FROM jit_cases WHERE case_id = ?)`, cs.ID)
		if err != nil {
			return nil, nil, err
		}
		invitee := map[int64]bool{}
		for _, m := range crosscase.CentreInvitees(jits, cs.ID, crosscase.DateOf(tx.now)) {
			invitee[m.UserID] = true
		}
		for i, id := range c.MemberIDs {
			if invitee[id] {
				continue
			}
			f := "member_ids[" + strconv.Itoa(i) + "]"
			var role string
			err := tx.queryRow(ctx, `SELECT role FROM users WHERE id = ?`, id).Scan(&role)
			if errors.Is(err, sql.ErrNoRows) || err == nil && !crosscase.Role(role).JITOnly() {
				return nil, nil, crosscase.FieldErrorf(f, "User %d is not a JIT-only member: invite JIT members; desk users take part through their desk.", id)
			} else if err != nil {
				return nil, nil, translate(err)
			}
			return nil, nil, crosscase.FieldErrorf(f, "User %d is not a member of a running JIT linked to case %s.", id, cs.Reference)
		}
	}
	return deskCountry, authCountry, nil
}

// FindCentres implements crosscase.CentreService: caseID 0 lists every
// centre the caller takes part in.
func (d *DB) FindCentres(ctx context.Context, caseID int64) ([]*crosscase.Centre, error) {
	var out []*crosscase.Centre
	err := d.withTx(ctx, func(tx *Tx) error {
		u, err := requireUser(ctx)
		if err != nil {
			return err
		}
		if caseID != 0 && !u.Role.JITOnly() {
			if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
				return err
			}
		}
		q := `SELECT x.id FROM centres x JOIN cases c ON c.id = x.case_id WHERE (c.owner_desk_id = ? OR EXISTS (SELECT 1 FROM centre_participants p WHERE p.centre_id = x.id AND (p.desk_id = ? OR p.user_id = ?)))`
		args := []any{u.DeskID, u.DeskID, u.ID}
		if u.DeskID == 0 {
			args[0], args[1] = int64(-1), int64(-1)
		}
		if caseID != 0 {
			q += ` AND x.case_id = ?`
			args = append(args, caseID)
		}
		rows, err := tx.query(ctx, q+` ORDER BY x.action_date DESC, x.id DESC LIMIT 500`, args...)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			a, err := tx.authorizeCentre(ctx, id, false)
			if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			out = append(out, a.centre)
		}
		if caseID != 0 && u.Role.JITOnly() && len(out) == 0 {
			// A JIT-only member learns of a case only through a centre
			// they are invited to: otherwise the case is not there.
			return notFound("Case")
		}
		tx.audit(ctx, crosscase.ActionList, "centre", 0, caseID, fmt.Sprintf("centres=%d", len(out)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", 0, caseID)
		return nil, err
	}
	if out == nil {
		out = []*crosscase.Centre{}
	}
	return out, nil
}

// FindCentre implements crosscase.CentreService. The names of the persons
// concerned are shown where the partner data rule allows them to the
// reader's country, and withheld elsewhere; the read is audited.
func (d *DB) FindCentre(ctx context.Context, id int64) (*crosscase.CentreBoard, error) {
	var b *crosscase.CentreBoard
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, id, false)
		if err != nil {
			return err
		}
		tally, ms, err := tx.centreTally(ctx, id)
		if err != nil {
			return err
		}
		if ms == nil {
			ms = []*crosscase.Measure{}
		}
		b = &crosscase.CentreBoard{Centre: a.centre, Measures: ms, Tally: tally, Desks: []*crosscase.Desk{}, Authorities: []*crosscase.Authority{}}
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM centre_events WHERE centre_id = ?`, id).Scan(&b.LastSeq); err != nil {
			return translate(err)
		}
		named, err := tx.fillTargets(ctx, a, ms)
		if err != nil {
			return err
		}
		for _, did := range append([]int64{a.centre.OwnerDeskID}, a.centre.DeskIDs...) {
			dk := &crosscase.Desk{ID: did}
			if err := tx.queryRow(ctx, `SELECT country_code, name FROM desks WHERE id = ?`, did).Scan(&dk.CountryCode, &dk.Name); err != nil {
				return translate(err)
			}
			b.Desks = append(b.Desks, dk)
		}
		for _, aid := range a.centre.AuthorityIDs {
			au := &crosscase.Authority{ID: aid}
			if err := tx.queryRow(ctx, `SELECT country_code, name FROM authorities WHERE id = ?`, aid).Scan(&au.CountryCode, &au.Name); err != nil {
				return translate(err)
			}
			b.Authorities = append(b.Authorities, au)
		}
		tx.audit(ctx, crosscase.ActionRead, "centre", id, a.centre.CaseID, fmt.Sprintf("measures=%d names=%d", len(ms), named))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", id, 0)
		return nil, err
	}
	return b, nil
}

// fillTargets names the entities of ms where the partner data rule lets
// the reader's country see them (Regulation (EU) 2018/1727, Art. 56);
// elsewhere it marks them withheld. It returns how many it named.
func (tx *Tx) fillTargets(ctx context.Context, a *centreAccess, ms []*crosscase.Measure) (int, error) {
	var ids []any
	for _, m := range ms {
		if m.EntityID != 0 {
			ids = append(ids, m.EntityID)
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	third, err := tx.checkTransfer(ctx, a.user.ActingCountry(), crosscase.TransferRead)
	if crosscase.ErrorCode(err) == crosscase.EFORBIDDEN {
		// Neither the name nor the id of the entity, as for instruments.
		for _, m := range ms {
			if m.EntityID != 0 {
				m.EntityID, m.Withheld = 0, true
			}
		}
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	rows, err := tx.query(ctx, `SELECT `+entityColumns+` FROM entities WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	labels := map[int64]string{}
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return 0, err
		}
		labels[e.ID] = e.Label()
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, m := range ms {
		if l, ok := labels[m.EntityID]; ok {
			m.Target = l
			n++
		}
	}
	if third && n > 0 {
		tx.auditTransfer(ctx, a.user.ActingCountry(), crosscase.TransferRead, "centre", a.centre.ID, a.centre.CaseID)
	}
	return n, nil
}

// CreateCentre implements crosscase.CentreService.
func (d *DB) CreateCentre(ctx context.Context, c *crosscase.Centre) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		cs, err := tx.authorizeCase(ctx, c.CaseID, needWrite)
		if err != nil {
			return err
		}
		if !crosscase.CanPlanCentre(crosscase.UserFromContext(ctx), cs, nil) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) opens a coordination centre for this case.", cs.OwnerCountry)
		}
		normaliseCentre(c)
		dc, ac, err := tx.checkCentre(ctx, c, cs)
		if err != nil {
			return err
		}
		now := micros(tx.centreNow(c.LoggedAt))
		id, err := tx.insert(ctx, `INSERT INTO centres (case_id, name, action_date, state, action_id, closed_at, version, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, 0, 1, ?, ?)`,
			c.CaseID, c.Name, dateText(c.ActionDate), c.ActionID, now, now)
		if err != nil {
			return err
		}
		c.ID, c.State, c.Version, c.CreatedAt, c.UpdatedAt = id, crosscase.CentreOpen, 1, fromMicros(now), fromMicros(now)
		c.CaseReference, c.OwnerDeskID, c.OwnerCountry = cs.Reference, cs.OwnerDeskID, cs.OwnerCountry
		var zones, parts [][]any
		for _, z := range c.Zones {
			zones = append(zones, []any{id, z.Country, z.Zone})
		}
		if err := tx.insertRows(ctx, `INSERT INTO centre_zones (centre_id, country_code, zone) VALUES `, zones); err != nil {
			return err
		}
		for _, did := range c.DeskIDs {
			parts = append(parts, []any{id, did, int64(0), "", int64(0), dc[did]})
		}
		for _, aid := range c.AuthorityIDs {
			parts = append(parts, []any{id, int64(0), aid, "", int64(0), ac[aid]})
		}
		for _, p := range c.Partners {
			parts = append(parts, []any{id, int64(0), int64(0), p, int64(0), ""})
		}
		for _, uid := range c.MemberIDs {
			parts = append(parts, []any{id, int64(0), int64(0), "", uid, ""})
		}
		if len(parts) > 0 {
			if err := tx.insertRows(ctx, `INSERT INTO centre_participants (centre_id, desk_id, authority_id, partner, user_id, country_code) VALUES `, parts); err != nil {
				return err
			}
		}
		a, err := tx.authorizeCentre(ctx, id, true)
		if err != nil {
			return err
		}
		if err := tx.appendCentreEvent(ctx, a, &crosscase.CentreEvent{Kind: crosscase.EventCentreOpened, Text: c.Name}, c.LoggedAt); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionCreate, "centre", id, c.CaseID, centreDetail(c))
		return nil
	})
	d.recordRefusal(ctx, err, "centre", 0, c.CaseID)
	return err
}

// normaliseCentre makes nil lists empty.
func normaliseCentre(c *crosscase.Centre) {
	for _, p := range []*[]int64{&c.DeskIDs, &c.AuthorityIDs, &c.MemberIDs} {
		if *p == nil {
			*p = []int64{}
		}
	}
	if c.Partners == nil {
		c.Partners = []string{}
	}
	if c.Zones == nil {
		c.Zones = []crosscase.CentreZone{}
	}
}

// centreDetail describes c for the audit log: counts, no text.
func centreDetail(c *crosscase.Centre) string {
	return fmt.Sprintf("date=%s zones=%d desks=%d authorities=%d partners=%s members=%d", c.ActionDate, len(c.Zones), len(c.DeskIDs), len(c.AuthorityIDs), strings.Join(c.Partners, ","), len(c.MemberIDs))
}

// CreateMeasure implements crosscase.CentreService.
func (d *DB) CreateMeasure(ctx context.Context, m *crosscase.Measure) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, m.CentreID, true)
		if err != nil {
			return err
		}
		if err := a.centre.CheckOpen(); err != nil {
			return err
		}
		if !crosscase.CanPlanCentre(a.user, a.cs, a.centre) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) plans the measures of this centre.", a.centre.OwnerCountry)
		}
		if err := m.Validate(a.centre); err != nil {
			return err
		}
		if a.centre.Zone(m.OwnerCountry) == nil {
			return crosscase.FieldErrorf("owner_country", "%s takes no part in this centre: add its time zone to the centre first.", m.OwnerCountry)
		}
		if err := tx.checkMeasureRefs(ctx, a.centre, m); err != nil {
			return err
		}
		m.State, m.Version, m.ChangedBy, m.ChangedAt = crosscase.MeasurePlanned, 1, a.user.Name, tx.centreNow(m.LoggedAt)
		m.Next = nextStates(m.State)
		m.Outcome = crosscase.MeasureOutcome{Seizures: []crosscase.Seizure{}}
		m.Decisions = []int64{}
		m.PlannedAt = m.PlannedAt.UTC().Truncate(time.Minute)
		id, err := tx.insert(ctx, `INSERT INTO centre_measures (centre_id, kind, country_code, place, owner_country, entity_id, instrument_id, planned_at, state, outcome, note, changed_by, changed_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, 1)`,
			m.CentreID, string(m.Kind), m.Country, m.Place, m.OwnerCountry, m.EntityID, m.InstrumentID, micros(m.PlannedAt), string(m.State), m.Note, m.ChangedBy, micros(m.ChangedAt))
		if err != nil {
			return err
		}
		m.ID = id
		if err := tx.appendCentreEvent(ctx, a, &crosscase.CentreEvent{Kind: crosscase.EventMeasurePlaned, MeasureID: id, Measure: eventSnapshot(m)}, m.LoggedAt); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionCreate, "centre_measure", id, a.centre.CaseID, fmt.Sprintf("centre=%d kind=%s country=%s", a.centre.ID, m.Kind, m.Country))
		_, err = tx.fillTargets(ctx, a, []*crosscase.Measure{m})
		return err
	})
	d.recordRefusal(ctx, err, "centre_measure", 0, 0)
	return err
}

// checkMeasureRefs checks the entity and instrument a measure names
// against its centre's case.
func (tx *Tx) checkMeasureRefs(ctx context.Context, c *crosscase.Centre, m *crosscase.Measure) error {
	codes, err := tx.countryCodes(ctx)
	if err != nil {
		return err
	}
	if !codes[m.Country] {
		return crosscase.FieldErrorf("country", "%q is not an ISO 3166-1 country.", m.Country)
	}
	if m.EntityID != 0 {
		var caseID int64
		var kind string
		err := tx.queryRow(ctx, `SELECT case_id, kind FROM entities WHERE id = ?`, m.EntityID).Scan(&caseID, &kind)
		if errors.Is(err, sql.ErrNoRows) || err == nil && caseID != c.CaseID {
			return crosscase.FieldErrorf("entity_id", "Entity %d is not an entity of this case.", m.EntityID)
		} else if err != nil {
			return translate(err)
		}
		if m.Kind == crosscase.MeasureArrest && kind != string(crosscase.KindPerson) {
			return crosscase.FieldErrorf("entity_id", "Entity %d is a %s, not a person: only a person of the case is arrested.", m.EntityID, crosscase.EntityKind(kind))
		}
		if m.Kind == crosscase.MeasureFreezing && kind != string(crosscase.KindIBAN) && kind != string(crosscase.KindCryptoWallet) {
			return crosscase.FieldErrorf("entity_id", "Entity %d is a %s, not an account: a freezing names the account of the case it freezes (an IBAN or a crypto wallet).", m.EntityID, crosscase.EntityKind(kind))
		}
	}
	if m.InstrumentID != 0 {
		var caseID int64
		var t string
		err := tx.queryRow(ctx, `SELECT case_id, type FROM instruments WHERE id = ?`, m.InstrumentID).Scan(&caseID, &t)
		if errors.Is(err, sql.ErrNoRows) || err == nil && caseID != c.CaseID {
			return crosscase.FieldErrorf("instrument_id", "Instrument %d is not an instrument of this case.", m.InstrumentID)
		} else if err != nil {
			return translate(err)
		}
		if it := crosscase.InstrumentType(t); !it.ArrestWarrant() && it != crosscase.InstrumentEIO {
			return crosscase.FieldErrorf("instrument_id", "Instrument %d is a %s: an action day executes arrest warrants and EIOs.", m.InstrumentID, crosscase.Label(it.Label()))
		}
	}
	return nil
}

// lockMeasure reads measure id and authorises its centre for a change.
func (tx *Tx) lockMeasure(ctx context.Context, id int64) (*crosscase.Measure, *centreAccess, error) {
	if u := crosscase.UserFromContext(ctx); u != nil && !u.Role.JITOnly() {
		// As authorizeCentre: refused after the one lookup of a missing measure.
		if access, _, err := tx.caseObjectAccess(ctx, "centre_measures", id, false); err != nil {
			return nil, nil, err
		} else if access == objectHidden {
			return nil, nil, notFound("Measure")
		}
	}
	var centreID int64
	err := tx.queryRow(ctx, `SELECT centre_id FROM centre_measures WHERE id = ?`, id).Scan(&centreID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound("Measure")
	} else if err != nil {
		return nil, nil, translate(err)
	}
	a, err := tx.authorizeCentre(ctx, centreID, true)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		return nil, nil, notFound("Measure")
	} else if err != nil {
		return nil, nil, err
	}
	ms, err := tx.centreMeasures(ctx, centreID)
	if err != nil {
		return nil, nil, err
	}
	for _, m := range ms {
		if m.ID == id {
			return m, a, nil
		}
	}
	return nil, nil, notFound("Measure")
}

// MoveMeasure implements crosscase.CentreService.
func (d *DB) MoveMeasure(ctx context.Context, id int64, mv crosscase.MeasureMove) (*crosscase.Measure, error) {
	var m *crosscase.Measure
	var caseID int64
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		var a *centreAccess
		if m, a, err = tx.lockMeasure(ctx, id); err != nil {
			return err
		}
		caseID = a.centre.CaseID
		if err := a.centre.CheckOpen(); err != nil {
			return err
		}
		if !crosscase.CanUpdateMeasure(a.user, a.centre, m) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "The owner desk and the participants of %s report this measure.", m.OwnerCountry)
		}
		if mv.Version <= 0 {
			return crosscase.FieldErrorf("version", "Give the version of the measure you saw (from the board); it detects concurrent changes.")
		}
		if mv.Version != m.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "Measure %d was changed by %s at %s: it is now %s (version %d; you saw version %d). Reload the board and decide again.",
				m.ID, m.ChangedBy, m.ChangedAt.Format("15:04:05 UTC"), m.State, m.Version, mv.Version)
		}
		if !mv.State.Valid() {
			return crosscase.FieldErrorf("state", "State must be one of planned, under_way, done, not_found, failed, postponed.")
		}
		if !crosscase.CanMoveMeasure(m.State, mv.State) {
			next := []string{}
			for _, s := range crosscase.MeasureMoves(m.State) {
				next = append(next, string(s))
			}
			if len(next) == 0 {
				return crosscase.FieldErrorf("state", "The measure is %s: that is final.", m.State)
			}
			return crosscase.FieldErrorf("state", "A measure that is %s becomes %s next, not %s: no state is skipped.", m.State, strings.Join(next, " or "), mv.State)
		}
		if !mv.State.HasOutcome() && !mv.Outcome.IsZero() {
			return crosscase.FieldErrorf("outcome", "Only a done measure has an outcome.")
		}
		if err := mv.Outcome.Validate(m.Kind); err != nil {
			return err
		}
		if mv.State.HasOutcome() {
			if err := tx.checkArrestedOnce(ctx, m); err != nil {
				return err
			}
		}
		if mv.Note != nil {
			if err := crosscase.CheckMultiline("note", *mv.Note, 2000, false); err != nil {
				return err
			}
			m.Note = *mv.Note
		}
		from := m.State
		m.State, m.ChangedBy, m.ChangedAt = mv.State, a.user.Name, tx.centreNow(mv.LoggedAt)
		m.Next = nextStates(m.State)
		if mv.State.HasOutcome() {
			m.Outcome = mv.Outcome
			if m.Outcome.Seizures == nil {
				m.Outcome.Seizures = []crosscase.Seizure{}
			}
		}
		outcome, err := json.Marshal(m.Outcome)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE centre_measures SET state = ?, outcome = ?, note = ?, changed_by = ?, changed_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			string(m.State), string(outcome), m.Note, m.ChangedBy, micros(m.ChangedAt), id, mv.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "Measure %d was changed by someone else. Reload the board and decide again.", id)
		}
		m.Version++
		if m.State.HasOutcome() {
			if err := tx.writeMeasureResults(ctx, a, m); err != nil {
				return err
			}
		}
		if err := tx.appendCentreEvent(ctx, a, &crosscase.CentreEvent{Kind: crosscase.EventMeasureMoved, MeasureID: id, From: from, Measure: eventSnapshot(m)}, mv.LoggedAt); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "centre_measure", id, a.centre.CaseID, fmt.Sprintf("centre=%d state=%s->%s", a.centre.ID, from, m.State))
		// The answer names the person only where the caller may see it.
		_, err = tx.fillTargets(ctx, a, []*crosscase.Measure{m})
		return err
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre_measure", id, caseID)
		return nil, err
	}
	return m, nil
}

// checkArrestedOnce loads the measures of m's centre and the people
// their arrest warrants name, for crosscase.CheckArrestedOnce.
func (tx *Tx) checkArrestedOnce(ctx context.Context, m *crosscase.Measure) error {
	ms, err := tx.centreMeasures(ctx, m.CentreID)
	if err != nil {
		return err
	}
	w, err := tx.centreWarrants(ctx, ms)
	if err != nil {
		return err
	}
	return crosscase.CheckArrestedOnce(m, ms, w)
}

// writeMeasureResults turns done measure m's outcome into the case's
// results, against the centre's case action (created with the first done
// measure), in the transaction that marks it done: once, since done is
// final.
func (tx *Tx) writeMeasureResults(ctx context.Context, a *centreAccess, m *crosscase.Measure) error {
	c := a.centre
	var cs *crosscase.Case
	cs, err := tx.findCase(ctx, `c.id = ?`, c.CaseID)
	if err != nil {
		return translate(err)
	}
	if c.ActionID == 0 {
		act := &crosscase.Action{CaseID: c.CaseID, Date: c.ActionDate, Name: c.Name}
		if err := tx.insertAction(ctx, cs, act); err != nil {
			if crosscase.ErrorField(err) == "date" {
				return crosscase.FieldErrorf("state", "The action day (%s) has not come yet: a measure is done on the day.", c.ActionDate)
			}
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE centres SET action_id = ? WHERE id = ?`, act.ID, c.ID); err != nil {
			return err
		}
		c.ActionID = act.ID
	}
	warrant := false
	if m.InstrumentID != 0 {
		w, err := tx.centreWarrants(ctx, []*crosscase.Measure{m})
		if err != nil {
			return err
		}
		_, warrant = w[m.InstrumentID]
	}
	desk, err := tx.reportingDesk(ctx, a, m)
	if err != nil {
		return err
	}
	for _, r := range m.Results(c, warrant) {
		if err := r.Validate(); err != nil {
			return err
		}
		if err := tx.insertResult(ctx, cs, r, desk); err != nil {
			if crosscase.ErrorField(err) == "date" {
				return crosscase.FieldErrorf("state", "The action day (%s) has not come yet: a measure is done on the day.", c.ActionDate)
			}
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO centre_results (measure_id, result_id) VALUES (?, ?)`, m.ID, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// reportingDesk is the desk a done measure's results are reported by:
// the caller's, or for a JIT-only member the participating desk of the
// measure's owner country (the owner desk when none).
func (tx *Tx) reportingDesk(ctx context.Context, a *centreAccess, m *crosscase.Measure) (int64, error) {
	if a.user.DeskID != 0 {
		return a.user.DeskID, nil
	}
	for _, id := range a.centre.DeskIDs {
		var cc string
		if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, id).Scan(&cc); err != nil {
			return 0, translate(err)
		}
		if cc == m.OwnerCountry {
			return id, nil
		}
	}
	return a.centre.OwnerDeskID, nil
}

// PostCentreMessage implements crosscase.CentreService.
func (d *DB) PostCentreMessage(ctx context.Context, centreID int64, msg crosscase.CentreMessage) (*crosscase.CentreEvent, error) {
	var ev *crosscase.CentreEvent
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, centreID, true)
		if err != nil {
			return err
		}
		if err := a.centre.CheckOpen(); err != nil {
			return err
		}
		if !crosscase.CanPostCentreMessage(a.user, a.centre) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Analysts read the centre's log; those who work the case write in it.")
		}
		if err := crosscase.CheckMultiline("text", msg.Text, 2000, true); err != nil {
			return err
		}
		ev = &crosscase.CentreEvent{Kind: crosscase.EventMessage, Text: msg.Text}
		if err := tx.appendCentreEvent(ctx, a, ev, msg.LoggedAt); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionCreate, "centre_message", centreID, a.centre.CaseID, fmt.Sprintf("seq=%d", ev.Seq))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", centreID, 0)
		return nil, err
	}
	return ev, nil
}

// RaiseDecision implements crosscase.CentreService: the instrument is
// created through CreateInstrument, with its rules, clocks and audit, in
// one transaction with its link to the measure and the log's entry.
func (d *DB) RaiseDecision(ctx context.Context, measureID int64, dec *crosscase.Decision) (*crosscase.Instrument, error) {
	var in *crosscase.Instrument
	err := d.Batch(ctx, func(ctx context.Context) error {
		var a *centreAccess
		var m *crosscase.Measure
		err := d.withTx(ctx, func(tx *Tx) (err error) {
			if m, a, err = tx.lockMeasure(ctx, measureID); err != nil {
				return err
			}
			if err := a.centre.CheckOpen(); err != nil {
				return err
			}
			if !crosscase.CanDecideInCentre(a.user, a.cs, a.centre) {
				return crosscase.Errorf(crosscase.EFORBIDDEN, "The owner desk (%s) raises the instruments of this case.", a.centre.OwnerCountry)
			}
			return dec.Validate()
		})
		if err != nil {
			return err
		}
		in = &crosscase.Instrument{CaseID: a.centre.CaseID, Type: dec.Type, Reference: dec.Reference, IssuingCountry: dec.IssuingCountry, ExecutingCountry: dec.ExecutingCountry,
			IssuingAuthorityID: dec.IssuingAuthorityID, ExecutingAuthorityID: dec.ExecutingAuthorityID, EntityID: dec.EntityID, Urgent: dec.Urgent,
			Status: crosscase.StatusIssued, IssuedOn: crosscase.DateOf(d.Now().UTC())}
		if in.IssuingCountry == "" {
			in.IssuingCountry = a.centre.OwnerCountry
		}
		if in.ExecutingCountry == "" {
			in.ExecutingCountry = m.Country
		}
		if in.EntityID == 0 {
			in.EntityID = m.EntityID
		}
		if in.Reference == "" {
			in.Reference = fmt.Sprintf("%s/centre-%d/%d", strings.ToUpper(string(dec.Type)), a.centre.ID, m.ID)
		}
		if err := d.CreateInstrument(ctx, in); err != nil {
			return err
		}
		return d.withTx(ctx, func(tx *Tx) error {
			if _, err := tx.exec(ctx, `INSERT INTO centre_decisions (measure_id, instrument_id) VALUES (?, ?)`, m.ID, in.ID); err != nil {
				return err
			}
			m.Decisions = append(m.Decisions, in.ID)
			if err := tx.appendCentreEvent(ctx, a, &crosscase.CentreEvent{Kind: crosscase.EventDecision, MeasureID: m.ID, Measure: eventSnapshot(m), InstrumentID: in.ID,
				Text: fmt.Sprintf("%s %s → %s", in.Type.Label(), in.IssuingCountry, in.ExecutingCountry)}, time.Time{}); err != nil {
				return err
			}
			tx.audit(ctx, crosscase.ActionCreate, "centre_decision", m.ID, a.centre.CaseID, fmt.Sprintf("centre=%d instrument=%d type=%s", a.centre.ID, in.ID, in.Type))
			return nil
		})
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre_measure", measureID, 0)
		return nil, err
	}
	return in, nil
}

// CloseCentre implements crosscase.CentreService.
func (d *DB) CloseCentre(ctx context.Context, id int64, cl crosscase.CentreClose) (*crosscase.Centre, error) {
	var c *crosscase.Centre
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, id, true)
		if err != nil {
			return err
		}
		c = a.centre
		if err := c.CheckOpen(); err != nil {
			return err
		}
		if !crosscase.CanPlanCentre(a.user, a.cs, c) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) closes this centre.", c.OwnerCountry)
		}
		if cl.Version <= 0 {
			return crosscase.FieldErrorf("version", "Give the version of the centre you saw; it detects concurrent changes.")
		}
		if cl.Version != c.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The centre was changed by someone else (version %d, you saw version %d). Reload it.", c.Version, cl.Version)
		}
		now := micros(tx.centreNow(cl.LoggedAt))
		res, err := tx.exec(ctx, `UPDATE centres SET state = 'closed', closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`, now, now, id, cl.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "The centre was changed by someone else. Reload it.")
		}
		c.State, c.ClosedAt, c.UpdatedAt = crosscase.CentreClosed, fromMicros(now), fromMicros(now)
		c.Version++
		if err := tx.appendCentreEvent(ctx, a, &crosscase.CentreEvent{Kind: crosscase.EventCentreClosed}, cl.LoggedAt); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "centre", id, c.CaseID, "state=closed")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", id, 0)
		return nil, err
	}
	return c, nil
}

// CentreEvents implements crosscase.CentreService; the read is audited.
func (d *DB) CentreEvents(ctx context.Context, id, after int64, limit int) ([]*crosscase.CentreEvent, error) {
	var out []*crosscase.CentreEvent
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, id, false)
		if err != nil {
			return err
		}
		if after < 0 {
			return crosscase.FieldErrorf("after", "After is a sequence number, 0 or more.")
		}
		if out, err = tx.centreEventsAfter(ctx, id, after, limit); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "centre_event", id, a.centre.CaseID, fmt.Sprintf("after=%d events=%d", after, len(out)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", id, 0)
		return nil, err
	}
	return out, nil
}

// SubscribeCentre implements crosscase.CentreService: need to know is
// checked here, once, and the subscription audited.
func (d *DB) SubscribeCentre(ctx context.Context, id int64) (crosscase.CentreFeed, error) {
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, id, false)
		if err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "centre_stream", id, a.centre.CaseID, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", id, 0)
		return nil, err
	}
	return d.centreHub().subscribe(id), nil
}

// PressSummary implements crosscase.CentreService: figures and the names
// of countries, authorities and partners only, never a person's.
func (d *DB) PressSummary(ctx context.Context, id int64) (*crosscase.PressSummary, error) {
	var p *crosscase.PressSummary
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeCentre(ctx, id, false)
		if err != nil {
			return err
		}
		c := a.centre
		t, _, err := tx.centreTally(ctx, id)
		if err != nil {
			return err
		}
		p = &crosscase.PressSummary{CentreID: id, ActionDate: c.ActionDate, Authorities: []string{}, AuthoritiesByCountry: []crosscase.PressAuthorities{},
			Partners: []string{}, Countries: []string{}, Targeted: t.Targeted, Arrested: t.Arrested, Searches: t.Searches, Seizures: t.Seizures, FrozenEUR: t.FrozenEUR}
		byCountry := map[string][]string{}
		countries := map[string]bool{c.OwnerCountry: true}
		for _, z := range c.Zones {
			countries[z.Country] = true
		}
		for _, did := range c.DeskIDs {
			var cc string
			if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, did).Scan(&cc); err != nil {
				return translate(err)
			}
			countries[cc] = true
		}
		for _, aid := range c.AuthorityIDs {
			var name, cc string
			if err := tx.queryRow(ctx, `SELECT name, country_code FROM authorities WHERE id = ?`, aid).Scan(&name, &cc); err != nil {
				return translate(err)
			}
			countries[cc] = true
			p.Authorities = append(p.Authorities, name+" ("+cc+")")
			byCountry[cc] = append(byCountry[cc], name)
		}
		sort.Strings(p.Authorities)
		names := map[string]string{}
		for cc := range countries {
			var name string
			if err := tx.queryRow(ctx, `SELECT name FROM countries WHERE code = ?`, cc).Scan(&name); err != nil {
				return translate(err)
			}
			p.Countries = append(p.Countries, name)
			names[cc] = name
		}
		sort.Strings(p.Countries)
		// As a press release ends: the owner country's authorities, then
		// the other countries' by the country's name.
		var codes []string
		for cc := range byCountry {
			codes = append(codes, cc)
		}
		sort.Slice(codes, func(i, j int) bool {
			if (codes[i] == c.OwnerCountry) != (codes[j] == c.OwnerCountry) {
				return codes[i] == c.OwnerCountry
			}
			return names[codes[i]] < names[codes[j]]
		})
		for _, cc := range codes {
			auths := byCountry[cc]
			sort.Strings(auths)
			p.AuthoritiesByCountry = append(p.AuthoritiesByCountry, crosscase.PressAuthorities{Country: names[cc], Authorities: auths})
		}
		for _, code := range c.Partners {
			p.Partners = append(p.Partners, crosscase.PartnerAgencyName(code))
		}
		p.Text = crosscase.PressText(p)
		tx.audit(ctx, crosscase.ActionRead, "centre_press", id, c.CaseID, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "centre", id, 0)
		return nil, err
	}
	return p, nil
}
