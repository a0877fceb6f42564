package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"crosscase"
)

// SweepGrace is how long past a limit the sweep waits before it records
// the limit as missed: the desks record the event of the last day (a
// decision taken late in the evening, a surrender at night) during the
// next hour without a false breach notice.
const SweepGrace = time.Hour

// SweepMissedDeadlines implements crosscase.InstrumentService. It runs
// in batches; each batch is one transaction. For each candidate row of
// the deadlines table it locks the instrument and recomputes its clocks
// (the stored row may be stale); only a clock still overdue by more than
// SweepGrace is recorded, once per (instrument, clock, due moment) —
// unique, so a limit is recorded and told once however many processes
// sweep, and a second missed limit of one clock is recorded too.
func (d *DB) SweepMissedDeadlines(ctx context.Context) (int, error) {
	if !isSystem(ctx) {
		return 0, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the server sweeps deadlines.")
	}
	const batch = 200
	total := 0
	// Each batch rewrites the rows it looked at, so the loop ends; the
	// bound is a guard against a row that would not change.
	for range 10000 {
		n, seen, err := d.sweepBatch(ctx, batch)
		total += n
		if err != nil || seen < batch {
			return total, err
		}
	}
	return total, nil
}

// sweepBatch records up to limit missed limits; seen is how many it looked at.
func (d *DB) sweepBatch(ctx context.Context, limit int) (recorded, seen int, err error) {
	err = d.withTx(ctx, func(tx *Tx) error {
		recorded, seen = 0, 0
		if d.dialect == Postgres {
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, sweepLockKey); err != nil {
				return err
			}
		}
		// Only arrest warrants have limits whose miss the law attaches a
		// consequence to (crosscase.MissedLimit: FD 2002/584/JHA Art.
		// 17(7), 23(5), and the same paragraphs of the surrender
		// agreements).
		rows, err := tx.query(ctx, `SELECT DISTINCT dl.instrument_id, dl.due_at FROM instrument_deadlines dl
			WHERE dl.missed = 0 AND dl.itype IN (?, ?, ?) AND dl.due_at < ? ORDER BY dl.due_at, dl.instrument_id LIMIT ?`,
			string(crosscase.InstrumentEAW), string(crosscase.InstrumentSurrenderNOIS), string(crosscase.InstrumentSurrenderUK), micros(tx.now.Add(-SweepGrace)), limit)
		if err != nil {
			return err
		}
		var ids []int64
		seenID := map[int64]bool{}
		for rows.Next() {
			var id, due int64
			if err := rows.Scan(&id, &due); err != nil {
				rows.Close()
				return err
			}
			seen++
			if !seenID[id] {
				seenID[id] = true
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			n, err := tx.sweepInstrument(ctx, id)
			if err != nil {
				return err
			}
			recorded += n
		}
		return nil
	})
	return recorded, seen, err
}

// sweepInstrument recomputes the clocks of instrument id and records
// each one overdue by more than SweepGrace, then rewrites its deadline
// rows (which marks them missed, or drops stale ones).
func (tx *Tx) sweepInstrument(ctx context.Context, id int64) (int, error) {
	q := `SELECT ` + instrumentColumns + ` FROM instruments i WHERE i.id = ?`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	in, err := scanInstrument(tx.queryRow(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if err := tx.loadInstrumentDetails(ctx, []*crosscase.Instrument{in}); err != nil {
		return 0, err
	}
	var owner string
	if err := tx.queryRow(ctx, `SELECT owner_country FROM cases WHERE id = ?`, in.CaseID).Scan(&owner); err != nil {
		return 0, translate(err)
	}
	recorded := 0
	for _, c := range in.Clocks {
		if c.State != crosscase.ClockOverdue || !tx.now.After(c.DueAt.Add(SweepGrace)) {
			continue
		}
		// FD 2002/584/JHA Art. 17(7): a missed decision limit of a
		// European Arrest Warrant is told to the agency with the reasons
		// for the delay; under the surrender agreements the executing
		// judicial authority tells the issuing one (EU–Norway/Iceland
		// Surrender Agreement Art. 20(4); Trade and Cooperation Agreement
		// Art. 615(4)). FD Art. 23(5), Agreement Art. 23(5), TCA Art.
		// 621(5): on expiry of the surrender limit the person, if still
		// held in custody, is to be released.
		kind, note, ok := crosscase.MissedLimit(in.Type, c.Kind)
		if !ok {
			continue
		}
		due := c.Due.String()
		notifyKind := crosscase.NotifyDeadlineMiss
		n := crosscase.Notification{}.Saying(crosscase.SubjectLimitMissed, in.Type.Label(), in.Reference, c.Label, due, note)
		if kind.Release() {
			notifyKind = crosscase.NotifyRelease
			n = n.Saying(crosscase.SubjectSurrenderExpired, in.Type.Label(), in.Reference, due, note)
		}
		res, err := tx.exec(ctx, `INSERT INTO instrument_breaches (instrument_id, case_id, clock, kind, due_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (instrument_id, clock, due_at) DO NOTHING`, in.ID, in.CaseID, string(c.Kind), string(kind), micros(c.DueAt), micros(tx.now))
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // recorded before
		}
		recorded++
		in.Breaches = append(in.Breaches, &crosscase.Breach{InstrumentID: in.ID, CaseID: in.CaseID, Clock: c.Kind, Kind: kind, DueAt: c.DueAt, RecordedAt: tx.now})
		tx.audit(ctx, crosscase.ActionCreate, "instrument_breach", in.ID, in.CaseID, "clock="+string(c.Kind)+" kind="+string(kind))
		n.Kind, n.Link, n.ObjectType, n.ObjectID = notifyKind, "/instruments/"+strconv.FormatInt(in.ID, 10), "instrument", in.ID
		if err := tx.notifyCaseCountries(ctx, in.CaseID, []string{in.ExecutingCountry, in.IssuingCountry, owner}, n); err != nil {
			return 0, err
		}
	}
	return recorded, tx.writeDeadlines(ctx, in, owner)
}

// voidBreaches voids the recorded missed limits of in that its clocks,
// recomputed after an update, show were met after all (or no longer
// started), and tells the parties.
func (tx *Tx) voidBreaches(ctx context.Context, in *crosscase.Instrument, owner string) error {
	state := map[crosscase.ClockKind]crosscase.Clock{}
	for _, c := range in.Clocks {
		state[c.Kind] = c
	}
	for _, b := range in.Breaches {
		c := state[b.Clock]
		// A corrected start date that moves the limit past the recorded
		// one, the clock still running, also shows the limit was not
		// missed; a new agreed surrender date (Art. 23(3)-(4); TCA Art.
		// 621(3)-(4)) does not: the limit before it was missed all the same.
		law, _ := crosscase.SurrenderLawOf(in.Type)
		corrected := c.State == crosscase.ClockRunning && c.DueAt.After(b.DueAt) &&
			(law.Surrender == "" || b.Clock != law.Surrender || len(in.SurrenderDates) == 0)
		if !b.VoidedAt.IsZero() || b.ID == 0 || c.State != crosscase.ClockMet && c.State != crosscase.ClockPending && !corrected {
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE instrument_breaches SET voided_at = ? WHERE id = ?`, micros(tx.now), b.ID); err != nil {
			return err
		}
		b.VoidedAt = tx.now
		tx.audit(ctx, crosscase.ActionUpdate, "instrument_breach", in.ID, in.CaseID, "void clock="+string(b.Clock))
		if err := tx.notifyCaseCountries(ctx, in.CaseID, []string{in.ExecutingCountry, in.IssuingCountry, owner}, crosscase.Notification{
			Kind:       crosscase.NotifyBreachVoided,
			Link:       "/instruments/" + strconv.FormatInt(in.ID, 10),
			ObjectType: "instrument", ObjectID: in.ID,
		}.Saying(crosscase.SubjectBreachVoided, in.Type.Label(), in.Reference, crosscase.ClockLabel(b.Clock))); err != nil {
			return err
		}
	}
	return nil
}

// notifyCaseCountries notifies the desks of countries that may still see
// case caseID: need to know (visibleCasePredicate, docs/design.md, rule 1) is
// applied to each desk as it would be to its users, so a desk no longer
// asked in the case, without a grant, is not told.
func (tx *Tx) notifyCaseCountries(ctx context.Context, caseID int64, countries []string, n crosscase.Notification) error {
	var ids []int64
	seen := map[string]bool{}
	for _, cc := range countries {
		if cc == "" || seen[cc] {
			continue
		}
		seen[cc] = true
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM desks WHERE country_code = ?`, cc).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return translate(err)
		}
		pred, args := visibleCasePredicate(&crosscase.User{DeskID: id, Role: crosscase.RoleDeskMember}, tx.today())
		var one int
		err = tx.queryRow(ctx, `SELECT 1 FROM cases c WHERE c.id = ? AND `+pred, append([]any{caseID}, args...)...).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return translate(err)
		}
		ids = append(ids, id)
	}
	return tx.notifyDesks(ctx, ids, n)
}
