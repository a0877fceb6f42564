package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"crosscase"
)

const instrumentColumns = `i.id, i.case_id, i.type, i.reference, i.issuing_country, i.executing_country, i.issuing_authority_id, i.executing_authority_id,
	i.entity_id, i.urgent, i.status, i.issued_on, i.received_on, i.acknowledged_on, i.arrest_on, i.consent_on, i.decision_on, i.execution_on, i.surrender_on,
	i.received_at, i.decided_at, i.executed_at, i.version, i.created_at, i.updated_at`

func scanInstrument(s scanner) (*crosscase.Instrument, error) {
	in := &crosscase.Instrument{Extensions: []*crosscase.Extension{}, Breaches: []*crosscase.Breach{}, SurrenderDates: []*crosscase.SurrenderDate{}}
	var typ, status string
	var urgent int
	var dates [8]string
	var recAt, decAt, exeAt, created, updated int64
	if err := s.Scan(&in.ID, &in.CaseID, &typ, &in.Reference, &in.IssuingCountry, &in.ExecutingCountry, &in.IssuingAuthorityID, &in.ExecutingAuthorityID,
		&in.EntityID, &urgent, &status, &dates[0], &dates[1], &dates[2], &dates[3], &dates[4], &dates[5], &dates[6], &dates[7],
		&recAt, &decAt, &exeAt, &in.Version, &created, &updated); err != nil {
		return nil, err
	}
	in.Type, in.Status, in.Urgent = crosscase.InstrumentType(typ), crosscase.InstrumentStatus(status), urgent != 0
	for i, p := range []*crosscase.Date{&in.IssuedOn, &in.ReceivedOn, &in.AcknowledgedOn, &in.ArrestOn, &in.ConsentOn, &in.DecisionOn, &in.ExecutionOn, &in.SurrenderOn} {
		*p = parseDateText(dates[i])
	}
	for _, p := range []struct {
		v  int64
		to *time.Time
	}{{recAt, &in.ReceivedAt}, {decAt, &in.DecidedAt}, {exeAt, &in.ExecutedAt}} {
		if p.v != 0 {
			*p.to = fromMicros(p.v)
		}
	}
	in.CreatedAt, in.UpdatedAt = fromMicros(created), fromMicros(updated)
	return in, nil
}

// momentMicros stores a moment (0 for none).
func momentMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return micros(t)
}

// instrumentDetail describes an instrument for the audit log: type and
// status, never the reference or the person concerned.
func instrumentDetail(in *crosscase.Instrument) string {
	return "type=" + string(in.Type) + " status=" + string(in.Status)
}

// loadInstrumentDetails fills the extensions, breaches and clocks of list.
func (tx *Tx) loadInstrumentDetails(ctx context.Context, list []*crosscase.Instrument) error {
	if len(list) == 0 {
		return nil
	}
	byID := map[int64]*crosscase.Instrument{}
	ids := make([]any, len(list))
	for i, in := range list {
		byID[in.ID] = in
		ids[i] = in.ID
	}
	in := "(" + placeholders(len(ids)) + ")"
	rows, err := tx.query(ctx, `SELECT id, instrument_id, clock, days, reason, applies_to, created_by, desk_country, created_at FROM instrument_extensions WHERE instrument_id IN `+in+` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		e := &crosscase.Extension{}
		var created int64
		if err := rows.Scan(&e.ID, &e.InstrumentID, &e.Clock, &e.Days, &e.Reason, &e.AppliesTo, &e.CreatedBy, &e.DeskCountry, &created); err != nil {
			rows.Close()
			return err
		}
		e.CreatedAt = fromMicros(created)
		byID[e.InstrumentID].Extensions = append(byID[e.InstrumentID].Extensions, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.query(ctx, `SELECT id, instrument_id, case_id, clock, kind, due_at, recorded_at, reasons, reasons_by, reasons_at, voided_at FROM instrument_breaches WHERE instrument_id IN `+in+` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		b := &crosscase.Breach{}
		var due, rec, rat, void int64
		if err := rows.Scan(&b.ID, &b.InstrumentID, &b.CaseID, &b.Clock, &b.Kind, &due, &rec, &b.Reasons, &b.ReasonsBy, &rat, &void); err != nil {
			rows.Close()
			return err
		}
		b.DueAt, b.RecordedAt = fromMicros(due), fromMicros(rec)
		if rat != 0 {
			b.ReasonsAt = fromMicros(rat)
		}
		if void != 0 {
			b.VoidedAt = fromMicros(void)
		}
		byID[b.InstrumentID].Breaches = append(byID[b.InstrumentID].Breaches, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	breachByID := map[int64]*crosscase.Breach{}
	for _, in := range list {
		for _, b := range in.Breaches {
			b.History = []*crosscase.DelayReason{}
			breachByID[b.ID] = b
		}
	}
	rows, err = tx.query(ctx, `SELECT id, breach_id, reasons, created_by, desk_country, created_at FROM instrument_delay_reasons WHERE instrument_id IN `+in+` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		r := &crosscase.DelayReason{}
		var bid, created int64
		if err := rows.Scan(&r.ID, &bid, &r.Reasons, &r.CreatedBy, &r.DeskCountry, &created); err != nil {
			rows.Close()
			return err
		}
		r.CreatedAt = fromMicros(created)
		if b := breachByID[bid]; b != nil {
			b.History = append(b.History, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.query(ctx, `SELECT id, instrument_id, agreed_on, ground, reason, created_by, desk_country, created_at FROM instrument_surrender_dates WHERE instrument_id IN `+in+` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		sd := &crosscase.SurrenderDate{}
		var on string
		var created int64
		if err := rows.Scan(&sd.ID, &sd.InstrumentID, &on, &sd.Ground, &sd.Reason, &sd.CreatedBy, &sd.DeskCountry, &created); err != nil {
			rows.Close()
			return err
		}
		sd.AgreedOn, sd.CreatedAt = parseDateText(on), fromMicros(created)
		byID[sd.InstrumentID].SurrenderDates = append(byID[sd.InstrumentID].SurrenderDates, sd)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, in := range list {
		in.Clocks = crosscase.Clocks(in, tx.now)
	}
	return nil
}

// lockInstrument is authorizeInstrument for a write: on PostgreSQL the
// row is locked (SELECT … FOR UPDATE) until the transaction ends, so two
// writers of one instrument run one after the other and the second sees
// the first's extensions and dates (SQLite has one writer at a time).
// Every write is also conditional on the version read.
func (tx *Tx) lockInstrument(ctx context.Context, id int64) (*crosscase.Instrument, *crosscase.Case, error) {
	return tx.loadInstrument(ctx, id, needRead, true)
}

// loadInstrument reads instrument id, checks need on its case and, with
// lock on PostgreSQL, locks its row.
func (tx *Tx) loadInstrument(ctx context.Context, id int64, need caseNeed, lock bool) (*crosscase.Instrument, *crosscase.Case, error) {
	if access, _, err := tx.caseObjectAccess(ctx, "instruments", id, false); err != nil {
		return nil, nil, err
	} else if access == objectHidden {
		return nil, nil, notFound("Instrument")
	}
	q := `SELECT ` + instrumentColumns + ` FROM instruments i WHERE i.id = ?`
	if lock && tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	in, err := scanInstrument(tx.queryRow(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound("Instrument")
	} else if err != nil {
		return nil, nil, err
	}
	c, err := tx.authorizeCase(ctx, in.CaseID, need)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		return nil, nil, notFound("Instrument")
	} else if err != nil {
		return nil, nil, err
	}
	if err := tx.loadInstrumentDetails(ctx, []*crosscase.Instrument{in}); err != nil {
		return nil, nil, err
	}
	return in, c, nil
}

// instrumentSide says how the caller may write an instrument of visible
// case c: "owner" (the case's owner desk: every field) or "executing"
// (the executing country's desk, asked in the case: the executing side),
// or EFORBIDDEN. Analysts, statistics and other roles never write.
func (tx *Tx) instrumentSide(ctx context.Context, u *crosscase.User, c *crosscase.Case, in *crosscase.Instrument) (string, error) {
	if crosscase.CanWriteCase(u, c) {
		return "owner", nil
	}
	cc, err := tx.deskCountry(ctx, u)
	if err != nil {
		return "", err
	}
	if crosscase.CanExecuteInstrument(u, cc, c, in) {
		return "executing", nil
	}
	if in != nil {
		return "", crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) and the executing country's desk (%s) may change this instrument.", c.OwnerCountry, in.ExecutingCountry)
	}
	return "", crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) may add instruments to this case.", c.OwnerCountry)
}

// anyVersion is the version of a change to an instrument that applies to
// whichever version is stored.
const anyVersion = -1

// instrumentChange changes instrument in, locked in tx, for user u, who
// works the given side of case c (see instrumentSide).
type instrumentChange func(tx *Tx, u *crosscase.User, c *crosscase.Case, in *crosscase.Instrument, side string) error

// changeInstrument is every write to a stored instrument: in one
// transaction it locks instrument id, checks that the caller may see its
// case and works one of its sides, and that version (unless anyVersion) is
// the one stored, then runs change; a refusal is recorded. It returns the
// instrument as change left it.
func (d *DB) changeInstrument(ctx context.Context, id int64, version int, change instrumentChange) (*crosscase.Instrument, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var in *crosscase.Instrument
	err = d.withTx(ctx, func(tx *Tx) error {
		var c *crosscase.Case
		var err error
		if in, c, err = tx.lockInstrument(ctx, id); err != nil {
			return err
		}
		side, err := tx.instrumentSide(ctx, u, c, in)
		if err != nil {
			return err
		}
		if version != anyVersion && version != in.Version {
			return instrumentConflict(in.Version, version)
		}
		return change(tx, u, c, in, side)
	})
	if err != nil {
		d.recordRefusal(ctx, err, "instrument", id, 0)
		return nil, err
	}
	return in, nil
}

// instrumentConflict is the refusal of a change made to version edited of
// an instrument now at version stored.
func instrumentConflict(stored, edited int) error {
	return crosscase.Errorf(crosscase.ECONFLICT, "The instrument was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.", stored, edited)
}

// checkInstrumentRefs checks what in names against the store: both
// countries exist and take part in case c (owner or asked), the
// authorities exist in their countries, the entity belongs to the case.
func (tx *Tx) checkInstrumentRefs(ctx context.Context, in *crosscase.Instrument, c *crosscase.Case) error {
	countries, err := tx.countryCodes(ctx)
	if err != nil {
		return err
	}
	inCase := map[string]bool{c.OwnerCountry: true}
	for _, cc := range c.AskedCountries {
		inCase[cc] = true
	}
	for _, p := range []struct{ field, code string }{{"issuing_country", in.IssuingCountry}, {"executing_country", in.ExecutingCountry}} {
		if !countries[p.code] {
			return crosscase.FieldErrorf(p.field, "%q is not an ISO 3166-1 country.", p.code)
		}
		if !inCase[p.code] {
			return crosscase.FieldErrorf(p.field, "%s takes no part in case %s: add it to the case's asked countries first.", p.code, c.Reference)
		}
	}
	for _, p := range []struct {
		field, country string
		id             int64
	}{{"issuing_authority_id", in.IssuingCountry, in.IssuingAuthorityID}, {"executing_authority_id", in.ExecutingCountry, in.ExecutingAuthorityID}} {
		if p.id == 0 {
			continue
		}
		var cc string
		err := tx.queryRow(ctx, `SELECT country_code FROM authorities WHERE id = ?`, p.id).Scan(&cc)
		if errors.Is(err, sql.ErrNoRows) {
			return crosscase.FieldErrorf(p.field, "Authority %d does not exist.", p.id)
		} else if err != nil {
			return translate(err)
		}
		if cc != p.country {
			return crosscase.FieldErrorf(p.field, "Authority %d is in %s, not in %s.", p.id, cc, p.country)
		}
	}
	if in.EntityID != 0 {
		var caseID int64
		var kind string
		err := tx.queryRow(ctx, `SELECT case_id, kind FROM entities WHERE id = ?`, in.EntityID).Scan(&caseID, &kind)
		if errors.Is(err, sql.ErrNoRows) || err == nil && caseID != in.CaseID {
			// An entity of another case is reported like a missing one.
			return crosscase.FieldErrorf("entity_id", "Entity %d is not an entity of this case.", in.EntityID)
		} else if err != nil {
			return translate(err)
		}
		if in.Type.ConcernsPerson() && kind != string(crosscase.KindPerson) {
			return crosscase.FieldErrorf("entity_id", "A %s concerns a person.", crosscase.Label(in.Type.Label()))
		}
	}
	return nil
}

// checkInstrumentScope refuses an instrument whose type does not run
// between its two countries (crosscase.CheckInstrumentScope; README,
// "Which instrument between which countries"), membership of the Union
// being the countries' standing as stored. Call it after
// checkInstrumentRefs, on every create and on every change of a country;
// seen caches the countries read in one transaction (nil for none).
func (tx *Tx) checkInstrumentScope(ctx context.Context, in *crosscase.Instrument, seen map[string]*crosscase.Country) error {
	var pair [2]*crosscase.Country
	for i, cc := range []string{in.IssuingCountry, in.ExecutingCountry} {
		c := seen[cc]
		if c == nil {
			var err error
			if c, err = tx.findCountry(ctx, cc); err != nil {
				return fmt.Errorf("country %s: %w", cc, err)
			}
			if seen != nil {
				seen[cc] = c
			}
		}
		pair[i] = c
	}
	return crosscase.CheckInstrumentScope(in.Type, pair[0], pair[1])
}

// writeDeadlines rewrites the running clocks of in in the deadlines
// table, once per country concerned: issuing, executing and the case's
// owner, and the instrument's limit outcome (crosscase.LimitOutcomeOf),
// which the statistics count. Called on every write of an instrument or
// of its breaches.
func (tx *Tx) writeDeadlines(ctx context.Context, in *crosscase.Instrument, ownerCountry string) error {
	if _, err := tx.exec(ctx, `DELETE FROM instrument_deadlines WHERE instrument_id = ?`, in.ID); err != nil {
		return err
	}
	clocks := crosscase.Clocks(in, tx.now)
	if err := tx.countInstrument(ctx, in, crosscase.LimitOutcomeOf(in, clocks)); err != nil {
		return err
	}
	type key struct {
		clock crosscase.ClockKind
		due   int64
	}
	missed := map[key]bool{}
	for _, b := range in.Breaches {
		if b.VoidedAt.IsZero() {
			missed[key{b.Clock, micros(b.DueAt)}] = true
		}
	}
	parties := []string{in.IssuingCountry}
	if in.ExecutingCountry != in.IssuingCountry {
		parties = append(parties, in.ExecutingCountry)
	}
	if ownerCountry != in.IssuingCountry && ownerCountry != in.ExecutingCountry {
		parties = append(parties, ownerCountry)
	}
	var rows [][]any
	for _, c := range clocks {
		if !c.Open() || c.DueAt.IsZero() {
			continue
		}
		for _, p := range parties {
			rows = append(rows, []any{p, in.ID, string(c.Kind), in.CaseID, string(in.Type), micros(c.DueAt), boolInt(missed[key{c.Kind, micros(c.DueAt)}])})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.insertRows(ctx, `INSERT INTO instrument_deadlines (party_country, instrument_id, clock, case_id, itype, due_at, missed) VALUES `, rows)
}

// FindInstruments implements crosscase.InstrumentService.
func (d *DB) FindInstruments(ctx context.Context, caseID int64) ([]*crosscase.Instrument, error) {
	out := []*crosscase.Instrument{}
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+instrumentColumns+` FROM instruments i WHERE i.case_id = ? ORDER BY i.id`, caseID)
		if err != nil {
			return err
		}
		for rows.Next() {
			in, err := scanInstrument(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, in)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := tx.loadInstrumentDetails(ctx, out); err != nil {
			return err
		}
		redacted, err := tx.redactInstruments(ctx, out)
		if err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "instrument", 0, caseID, fmt.Sprintf("instruments=%d redacted=%d", len(out), redacted))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "instrument", 0, caseID)
		return nil, err
	}
	return out, nil
}

// FindInstrumentByID implements crosscase.InstrumentService.
func (d *DB) FindInstrumentByID(ctx context.Context, id int64) (*crosscase.Instrument, error) {
	var in *crosscase.Instrument
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if in, _, err = tx.authorizeInstrument(ctx, id, needRead); err != nil {
			return err
		}
		redacted, err := tx.redactInstruments(ctx, []*crosscase.Instrument{in})
		if err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "instrument", id, in.CaseID, fmt.Sprintf("%s redacted=%d", instrumentDetail(in), redacted))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "instrument", id, 0)
		return nil, err
	}
	return in, nil
}

// CreateInstrument implements crosscase.InstrumentService.
func (d *DB) CreateInstrument(ctx context.Context, in *crosscase.Instrument) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		c, err := tx.authorizeCase(ctx, in.CaseID, needRead)
		if err != nil {
			return err
		}
		if _, err := tx.instrumentSide(ctx, u, c, nil); err != nil {
			return err
		}
		if in.Type.Valid() && in.Status != "" && !crosscase.CanMove(in.Type, crosscase.StatusIssued, in.Status) {
			return crosscase.FieldErrorf("status", "A new %s cannot start as %s.", crosscase.Label(in.Type.Label()), in.Status)
		}
		if err := in.Validate(tx.latestToday()); err != nil {
			return err
		}
		if err := tx.checkInstrumentRefs(ctx, in, c); err != nil {
			return err
		}
		if err := tx.checkInstrumentScope(ctx, in, nil); err != nil {
			return err
		}
		if err := tx.checkInstrumentTransfer(ctx, in); err != nil {
			return err
		}
		if err := tx.insertInstrument(ctx, in); err != nil {
			return err
		}
		in.Extensions, in.Breaches, in.SurrenderDates = []*crosscase.Extension{}, []*crosscase.Breach{}, []*crosscase.SurrenderDate{}
		in.Clocks = crosscase.Clocks(in, tx.now)
		if err := tx.writeDeadlines(ctx, in, c.OwnerCountry); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionCreate, "instrument", in.ID, in.CaseID, instrumentDetail(in))
		return tx.touchCase(ctx, in.CaseID)
	})
	d.recordRefusal(ctx, err, "instrument", 0, in.CaseID)
	return err
}

// UpdateInstrument implements crosscase.InstrumentService.
func (d *DB) UpdateInstrument(ctx context.Context, id int64, upd crosscase.InstrumentUpdate) (*crosscase.Instrument, error) {
	return d.changeInstrument(ctx, id, upd.Version, func(tx *Tx, u *crosscase.User, c *crosscase.Case, in *crosscase.Instrument, side string) error {
		if side == "executing" {
			if f := upd.IssuingFields(); len(f) > 0 {
				// The field is named by the error's field, which a page
				// names by its label.
				return crosscase.Errorf(crosscase.EFORBIDDEN, "The executing desk records the executing side only; the issuing side is for the owner desk (%s).", c.OwnerCountry).WithField(f[0])
			}
		}
		from := in.Status
		before := *in
		upd.Apply(in)
		// A recorded date starts or stops a legal clock: only the owner
		// desk clears one, with the reason (kept in the audit entry).
		cleared := crosscase.ClearedDates(&before, in)
		if len(cleared) > 0 && side != "owner" {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) may clear a recorded date (%s).", c.OwnerCountry, cleared[0]).WithField(cleared[0])
		}
		if err := crosscase.CheckClearReason(upd.ClearReason, cleared); err != nil {
			return err
		}
		changed := crosscase.ChangedInstrumentFields(&before, in)
		if len(changed) == 0 {
			*in = before // nothing to change: nothing written, the version kept
			return nil
		}
		if !in.Status.Valid(in.Type) {
			return crosscase.FieldErrorf("status", "%q is not a status of a %s.", in.Status, crosscase.Label(in.Type.Label()))
		}
		if !crosscase.CanMove(in.Type, from, in.Status) {
			return crosscase.FieldErrorf("status", "A %s cannot go from %s to %s.", crosscase.Label(in.Type.Label()), from, in.Status)
		}
		if err := in.Validate(tx.latestToday()); err != nil {
			return err
		}
		if err := tx.checkInstrumentRefs(ctx, in, c); err != nil {
			return err
		}
		// The scope is checked when a country changes: an instrument
		// stored before the check still records its dates.
		if in.IssuingCountry != before.IssuingCountry || in.ExecutingCountry != before.ExecutingCountry {
			if err := tx.checkInstrumentScope(ctx, in, nil); err != nil {
				return err
			}
		}
		if err := tx.checkInstrumentTransfer(ctx, in); err != nil {
			return err
		}
		now := micros(tx.now)
		res, err := tx.exec(ctx, `UPDATE instruments SET reference = ?, issuing_country = ?, executing_country = ?, issuing_authority_id = ?, executing_authority_id = ?,
			entity_id = ?, urgent = ?, status = ?, issued_on = ?, received_on = ?, acknowledged_on = ?, arrest_on = ?, consent_on = ?, decision_on = ?, execution_on = ?, surrender_on = ?,
			received_at = ?, decided_at = ?, executed_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			in.Reference, in.IssuingCountry, in.ExecutingCountry, in.IssuingAuthorityID, in.ExecutingAuthorityID,
			in.EntityID, boolInt(in.Urgent), string(in.Status), dateText(in.IssuedOn), dateText(in.ReceivedOn), dateText(in.AcknowledgedOn), dateText(in.ArrestOn),
			dateText(in.ConsentOn), dateText(in.DecisionOn), dateText(in.ExecutionOn), dateText(in.SurrenderOn),
			momentMicros(in.ReceivedAt), momentMicros(in.DecidedAt), momentMicros(in.ExecutedAt), now, id, upd.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "The instrument was changed by someone else. Reload it and apply your change again.")
		}
		in.Version++
		in.UpdatedAt = fromMicros(now)
		in.Clocks = crosscase.Clocks(in, tx.now)
		if err := tx.voidBreaches(ctx, in, c.OwnerCountry); err != nil {
			return err
		}
		if err := tx.writeDeadlines(ctx, in, c.OwnerCountry); err != nil {
			return err
		}
		// Field names only: the dates are about a person (an arrest), so
		// their values stay out of the audit detail.
		detail := instrumentDetail(in) + " side=" + side + " changed=" + strings.Join(changed, ",")
		if cleared := crosscase.ClearedDates(&before, in); len(cleared) > 0 {
			detail += " cleared=" + strings.Join(cleared, ",") + " reason=" + upd.ClearReason
		}
		tx.audit(ctx, crosscase.ActionUpdate, "instrument", id, in.CaseID, detail)
		return tx.touchCase(ctx, in.CaseID)
	})
}

// ExtendInstrument implements crosscase.InstrumentService.
// An extension is added to the clock as it stands, whichever version the
// caller saw: two extensions of one clock both count, within the limit.
func (d *DB) ExtendInstrument(ctx context.Context, id int64, req crosscase.ExtensionRequest) (*crosscase.Instrument, error) {
	return d.changeInstrument(ctx, id, anyVersion, func(tx *Tx, u *crosscase.User, c *crosscase.Case, in *crosscase.Instrument, _ string) error {
		var clock *crosscase.Clock
		for i := range in.Clocks {
			if in.Clocks[i].Kind == req.Clock {
				clock = &in.Clocks[i]
			}
		}
		if clock == nil {
			return crosscase.FieldErrorf("clock", "A %s has no clock %q.", crosscase.Label(in.Type.Label()), req.Clock)
		}
		limit := crosscase.MaxExtension(req.Clock)
		if limit == 0 {
			return crosscase.FieldErrorf("clock", "The law allows no extension of %q.", crosscase.Label(clock.Label))
		}
		// FD 2002/584/JHA Art. 17(4) (EU–Norway/Iceland Surrender Agreement
		// Art. 20(4), Trade and Cooperation Agreement Art. 615(4)),
		// Directive 2014/41/EU Art. 12(5): the limit is extended before it
		// runs out; an overdue clock is a missed limit to report (Art.
		// 17(7)), not one to extend.
		if clock.State != crosscase.ClockRunning {
			return crosscase.FieldErrorf("clock", "%q is %s: only a running clock, before its limit, can be extended.", crosscase.Label(clock.Label), clock.State)
		}
		if crosscase.IsBlank(req.Reason) {
			// FD 2002/584/JHA Art. 17(4), Directive 2014/41/EU Art. 12(5):
			// the issuing authority is told of the extension and its reasons.
			return crosscase.FieldErrorf("reason", "Give the reason for the extension: it is told to the issuing authority.")
		}
		if err := crosscase.CheckMultiline("reason", req.Reason, 2000, true); err != nil {
			return err
		}
		// FD 2002/584/JHA Art. 17(4), Directive 2014/41/EU Art. 12(5): at
		// most 30 days in all. Compared as the days still allowed, so a
		// huge number cannot overflow the sum.
		if left := clock.ExtensionDaysLeft(); req.Days < 1 || req.Days > left {
			return crosscase.FieldErrorf("days", "The law allows at most %d days of extension for %q in all (%d already granted): give between 1 and %d days.", limit, crosscase.Label(clock.Label), clock.ExtendedDays, left)
		}
		cc, err := tx.deskCountry(ctx, u)
		if err != nil {
			return err
		}
		now := micros(tx.now)
		applies := crosscase.LimitOf(in, req.Clock)
		eid, err := tx.insert(ctx, `INSERT INTO instrument_extensions (instrument_id, clock, days, reason, applies_to, created_by, desk_country, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, string(req.Clock), req.Days, req.Reason, applies, u.ID, cc, now)
		if err != nil {
			return err
		}
		in.Extensions = append(in.Extensions, &crosscase.Extension{ID: eid, InstrumentID: id, Clock: req.Clock, Days: req.Days, Reason: req.Reason, AppliesTo: applies, CreatedBy: u.ID, DeskCountry: cc, CreatedAt: fromMicros(now)})
		if err := tx.bumpInstrument(ctx, in); err != nil {
			return err
		}
		in.Clocks = crosscase.Clocks(in, tx.now)
		if err := tx.writeDeadlines(ctx, in, c.OwnerCountry); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "instrument", id, in.CaseID, fmt.Sprintf("extend clock=%s days=%d", req.Clock, req.Days))
		// The issuing side is always told of an extension and its reason
		// (FD 2002/584/JHA Art. 17(4); Directive 2014/41/EU Art. 12(5)).
		subject, args := crosscase.SubjectExtended, []string{in.Type.Label(), in.Reference, clock.Label, strconv.Itoa(req.Days)}
		if req.Days == 1 {
			subject, args = crosscase.SubjectExtendedOneDay, args[:3]
		}
		return tx.notifyCaseCountries(ctx, in.CaseID, []string{in.IssuingCountry, c.OwnerCountry}, crosscase.Notification{
			Kind:       crosscase.NotifyDeadlineExtended,
			Link:       "/instruments/" + strconv.FormatInt(id, 10),
			ObjectType: "instrument", ObjectID: id,
		}.Saying(subject, args...))
	})
}

// RecordDelayReasons implements crosscase.InstrumentService.
func (d *DB) RecordDelayReasons(ctx context.Context, id int64, version int, clock crosscase.ClockKind, reasons string) (*crosscase.Instrument, error) {
	return d.changeInstrument(ctx, id, version, func(tx *Tx, u *crosscase.User, _ *crosscase.Case, in *crosscase.Instrument, _ string) error {
		if err := crosscase.CheckMultiline("reasons", reasons, 4000, true); err != nil {
			return err
		}
		b, err := crosscase.DelayReasonsBreach(in, clock)
		if err != nil {
			return err
		}
		cc, err := tx.deskCountry(ctx, u)
		if err != nil {
			return err
		}
		now := micros(tx.now)
		rid, err := tx.insert(ctx, `INSERT INTO instrument_delay_reasons (breach_id, instrument_id, reasons, created_by, desk_country, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			b.ID, id, reasons, u.ID, cc, now)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE instrument_breaches SET reasons = ?, reasons_by = ?, reasons_at = ? WHERE id = ?`, reasons, u.ID, now, b.ID); err != nil {
			return err
		}
		b.Reasons, b.ReasonsBy, b.ReasonsAt = reasons, u.ID, fromMicros(now)
		b.History = append(b.History, &crosscase.DelayReason{ID: rid, Reasons: reasons, CreatedBy: u.ID, DeskCountry: cc, CreatedAt: fromMicros(now)})
		if err := tx.bumpInstrument(ctx, in); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "instrument", id, in.CaseID, "delay_reasons clock="+string(clock))
		return nil
	})
}

// ImportInstruments implements crosscase.InstrumentImporter.
func (d *DB) ImportInstruments(ctx context.Context, list []*crosscase.Instrument) error {
	if !isSystem(ctx) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the operator imports instruments.")
	}
	return d.withTx(ctx, func(tx *Tx) error {
		cases, countries := map[int64]*crosscase.Case{}, map[string]*crosscase.Country{}
		for i, in := range list {
			c := cases[in.CaseID]
			if c == nil {
				var err error
				if c, err = tx.findCase(ctx, `c.id = ?`, in.CaseID); errors.Is(err, sql.ErrNoRows) {
					return crosscase.FieldErrorf(fmt.Sprintf("[%d].case_id", i), "Case %d does not exist.", in.CaseID)
				} else if err != nil {
					return err
				}
				cases[in.CaseID] = c
			}
			if in.EntityID < 0 {
				err := tx.queryRow(ctx, `SELECT id FROM entities WHERE case_id = ? ORDER BY id LIMIT 1 OFFSET ?`, in.CaseID, -in.EntityID-1).Scan(&in.EntityID)
				if errors.Is(err, sql.ErrNoRows) {
					return crosscase.FieldErrorf(fmt.Sprintf("[%d].entity_id", i), "Case %d has no entity number %d.", in.CaseID, -in.EntityID)
				} else if err != nil {
					return translate(err)
				}
			}
			if in.Type.Valid() && in.Status != "" && !crosscase.CanMove(in.Type, crosscase.StatusIssued, in.Status) {
				return crosscase.FieldErrorf(fmt.Sprintf("[%d].status", i), "A %s cannot be %s.", crosscase.Label(in.Type.Label()), in.Status)
			}
			if err := in.Validate(tx.latestToday()); err != nil {
				return fmt.Errorf("instrument %d (%s): %w", i, in.Reference, err)
			}
			// Missed limits are the store's to record (the sweep), not an
			// import's: one given here would count as missed with no
			// breach behind it.
			in.Breaches = nil
			if err := tx.checkInstrumentRefs(ctx, in, c); err != nil {
				return fmt.Errorf("instrument %d (%s): %w", i, in.Reference, err)
			}
			if err := tx.checkInstrumentScope(ctx, in, countries); err != nil {
				return fmt.Errorf("instrument %d (%s): %w", i, in.Reference, err)
			}
			if err := tx.checkInstrumentTransfer(ctx, in); err != nil {
				return fmt.Errorf("instrument %d (%s): %w", i, in.Reference, err)
			}
			if err := tx.insertInstrument(ctx, in); err != nil {
				return err
			}
			id, now := in.ID, micros(tx.now)
			// FD 2002/584/JHA Art. 17(4), Directive 2014/41/EU Art. 12(5):
			// the limit holds for the extensions of a clock in all.
			granted := map[crosscase.ClockKind]int{}
			for _, e := range in.Extensions {
				limit := crosscase.MaxExtension(e.Clock)
				if limit == 0 || e.Days < 1 || e.Days > limit-granted[e.Clock] || crosscase.IsBlank(e.Reason) {
					return crosscase.FieldErrorf(fmt.Sprintf("[%d].extensions", i), "An extension needs a clock the law lets extend, its days within the limit in all (%d) and a reason.", limit)
				}
				granted[e.Clock] += e.Days
				e.InstrumentID, e.CreatedAt = id, fromMicros(now)
				if e.AppliesTo == "" {
					e.AppliesTo = crosscase.LimitOf(in, e.Clock)
				}
				var err error
				if e.ID, err = tx.insert(ctx, `INSERT INTO instrument_extensions (instrument_id, clock, days, reason, applies_to, created_by, desk_country, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
					id, string(e.Clock), e.Days, e.Reason, e.AppliesTo, e.DeskCountry, now); err != nil {
					return err
				}
			}
			if in.Breaches == nil {
				in.Breaches = []*crosscase.Breach{}
			}
			in.Clocks = crosscase.Clocks(in, tx.now)
			if err := tx.writeDeadlines(ctx, in, c.OwnerCountry); err != nil {
				return err
			}
			tx.audit(ctx, crosscase.ActionCreate, "instrument", id, in.CaseID, instrumentDetail(in))
		}
		return nil
	})
}

// bumpInstrument raises the version of in, conditional on the version
// read: 0 rows mean someone else wrote it since (ECONFLICT). It sets
// in.Version and in.UpdatedAt.
func (tx *Tx) bumpInstrument(ctx context.Context, in *crosscase.Instrument) error {
	now := micros(tx.now)
	res, err := tx.exec(ctx, `UPDATE instruments SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, now, in.ID, in.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return crosscase.Errorf(crosscase.ECONFLICT, "The instrument was changed by someone else. Reload it and try again.")
	}
	in.Version++
	in.UpdatedAt = fromMicros(now)
	return nil
}

// insertInstrument inserts in as version 1 and sets its id and times.
func (tx *Tx) insertInstrument(ctx context.Context, in *crosscase.Instrument) error {
	now := micros(tx.now)
	id, err := tx.insert(ctx, `INSERT INTO instruments (case_id, type, reference, issuing_country, executing_country, issuing_authority_id, executing_authority_id,
		entity_id, urgent, status, issued_on, received_on, acknowledged_on, arrest_on, consent_on, decision_on, execution_on, surrender_on,
		received_at, decided_at, executed_at, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		in.CaseID, string(in.Type), in.Reference, in.IssuingCountry, in.ExecutingCountry, in.IssuingAuthorityID, in.ExecutingAuthorityID,
		in.EntityID, boolInt(in.Urgent), string(in.Status), dateText(in.IssuedOn), dateText(in.ReceivedOn), dateText(in.AcknowledgedOn), dateText(in.ArrestOn),
		dateText(in.ConsentOn), dateText(in.DecisionOn), dateText(in.ExecutionOn), dateText(in.SurrenderOn),
		momentMicros(in.ReceivedAt), momentMicros(in.DecidedAt), momentMicros(in.ExecutedAt), now, now)
	if err != nil {
		return err
	}
	in.ID, in.Version = id, 1
	in.CreatedAt, in.UpdatedAt = fromMicros(now), fromMicros(now)
	return nil
}
