package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"crosscase"
)

// FindActions implements crosscase.ResultService. Actions and results are
// figures about an operation, not personal data: reading them is not
// audited (refusals are), which keeps a case page to the audited reads of
// its personal data.
func (d *DB) FindActions(ctx context.Context, caseID int64) ([]*crosscase.Action, error) {
	var out []*crosscase.Action
	err := d.read(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT id, case_id, on_date, name, created_at FROM case_actions WHERE case_id = ? ORDER BY on_date, id`, caseID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a := &crosscase.Action{}
			var on string
			var created int64
			if err := rows.Scan(&a.ID, &a.CaseID, &on, &a.Name, &created); err != nil {
				return err
			}
			a.Date, a.CreatedAt = parseDateText(on), fromMicros(created)
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "action", 0, caseID)
		return nil, err
	}
	return out, nil
}

// CreateAction implements crosscase.ResultService.
func (d *DB) CreateAction(ctx context.Context, a *crosscase.Action) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		c, err := tx.authorizeCase(ctx, a.CaseID, needWrite)
		if err != nil {
			return err
		}
		return tx.insertAction(ctx, c, a)
	})
	d.recordRefusal(ctx, err, "action", 0, a.CaseID)
	return err
}

// latestToday is today's date in the easternmost time zone (UTC+14) at
// the moment now: an action, a result or a birth recorded just after
// midnight where it happened is not "in the future", while anything later
// is (crosscase.NotFuture). Every check of the store against the future
// takes its today from here (README, Results: Decided).
func latestToday(now time.Time) crosscase.Date {
	return crosscase.DateOf(now.UTC().Add(14 * time.Hour))
}

// latestToday is latestToday at the transaction's moment.
func (tx *Tx) latestToday() crosscase.Date { return latestToday(tx.now) }

// latestToday is latestToday now, for checks made before a transaction.
func (d *DB) latestToday() crosscase.Date { return latestToday(d.Now()) }

// checkEventDate refuses a date (of field) in the future or before case c
// opened: an action or a result cannot have happened then.
func (tx *Tx) checkEventDate(c *crosscase.Case, field string, d crosscase.Date, what string) error {
	if err := crosscase.NotFuture(field, d, tx.latestToday(), what); err != nil {
		return err
	}
	if d.Before(c.OpenedOn) {
		return crosscase.FieldErrorf(field, "The %s (%s) cannot be before the case opened (%s).", what, d, c.OpenedOn)
	}
	return nil
}

// insertAction stores a for its (authorised) case c.
func (tx *Tx) insertAction(ctx context.Context, c *crosscase.Case, a *crosscase.Action) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := tx.checkEventDate(c, "date", a.Date, "action"); err != nil {
		return err
	}
	now := micros(tx.now)
	id, err := tx.insert(ctx, `INSERT INTO case_actions (case_id, on_date, name, created_at) VALUES (?, ?, ?, ?)`, a.CaseID, dateText(a.Date), a.Name, now)
	if err != nil {
		return err
	}
	a.ID, a.CreatedAt = id, fromMicros(now)
	tx.audit(ctx, crosscase.ActionCreate, "action", id, a.CaseID, "date="+a.Date.String())
	return nil
}

const resultColumns = `id, case_id, action_id, kind, country_code, on_date, result_count, seizure_type, substance, quantity_milli, unit, measure, value_eur, notes, desk_id, created_at`

func scanResult(s scanner) (*crosscase.Result, error) {
	r := &crosscase.Result{}
	var kind, on string
	var milli, created int64
	if err := s.Scan(&r.ID, &r.CaseID, &r.ActionID, &kind, &r.Country, &on, &r.Count, &r.SeizureType, &r.Substance, &milli, &r.Unit, &r.Measure, &r.ValueEUR, &r.Notes, &r.DeskID, &created); err != nil {
		return nil, err
	}
	r.Kind, r.Date, r.CreatedAt = crosscase.ResultKind(kind), parseDateText(on), fromMicros(created)
	r.Quantity = float64(milli) / 1000
	return r, nil
}

// FindResults implements crosscase.ResultService.
func (d *DB) FindResults(ctx context.Context, caseID int64) ([]*crosscase.Result, error) {
	var out []*crosscase.Result
	err := d.read(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, caseID, needRead); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+resultColumns+` FROM case_results WHERE case_id = ? ORDER BY on_date, id`, caseID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanResult(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "result", 0, caseID)
		return nil, err
	}
	return out, nil
}

// CreateResult implements crosscase.ResultService. The owner desk reports
// any country's results; a desk that sees the case because its country is
// asked (or it was granted the case) reports its own country's only.
func (d *DB) CreateResult(ctx context.Context, r *crosscase.Result) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		c, err := tx.authorizeCase(ctx, r.CaseID, needRead)
		if err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		if !crosscase.CanRecordResults(u) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors report results.")
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if c.Access != crosscase.AccessOwner {
			var own string
			if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, u.DeskID).Scan(&own); err != nil {
				return fmt.Errorf("desk of user %d: %w", u.ID, err)
			}
			if !crosscase.CanRecordResultIn(u, c, own, r.Country) {
				return crosscase.Errorf(crosscase.EFORBIDDEN, "Your desk reports the results of its own country (%s) in this case; the owner desk (%s) reports the others.",
					own, c.OwnerCountry).WithField("country")
			}
		}
		return tx.insertResult(ctx, c, r, u.DeskID)
	})
	d.recordRefusal(ctx, err, "result", 0, r.CaseID)
	return err
}

// insertResult stores validated r for case c as reported by desk.
func (tx *Tx) insertResult(ctx context.Context, c *crosscase.Case, r *crosscase.Result, desk int64) error {
	codes, err := tx.countryCodes(ctx)
	if err != nil {
		return err
	}
	if !codes[r.Country] {
		return crosscase.FieldErrorf("country", "%q is not an ISO 3166-1 country.", r.Country)
	}
	if err := tx.checkEventDate(c, "date", r.Date, "result"); err != nil {
		return err
	}
	if r.ActionID < 0 {
		return crosscase.FieldErrorf("action_id", "Action ids are positive numbers.")
	}
	if r.ActionID != 0 {
		var caseID int64
		var on string
		err := tx.queryRow(ctx, `SELECT case_id, on_date FROM case_actions WHERE id = ?`, r.ActionID).Scan(&caseID, &on)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && caseID != r.CaseID) {
			return crosscase.FieldErrorf("action_id", "Action %d is not an action of this case.", r.ActionID)
		} else if err != nil {
			return err
		}
		// A result of an action is reported on or after the action's day
		// (an arrest on the action day, a confiscation months later).
		if ad := parseDateText(on); r.Date.Before(ad) {
			return crosscase.FieldErrorf("date", "The result (%s) cannot be before the date of its action (%s).", r.Date, ad)
		}
	}
	milli := int64(math.Round(r.Quantity * 1000))
	now := micros(tx.now)
	id, err := tx.insert(ctx, `INSERT INTO case_results (case_id, action_id, kind, country_code, on_date, result_count, seizure_type, substance, quantity_milli, unit, measure, value_eur, notes, desk_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.CaseID, r.ActionID, string(r.Kind), r.Country, dateText(r.Date), r.Count, r.SeizureType, r.Substance, milli, r.Unit, r.Measure, r.ValueEUR, r.Notes, desk, now)
	if err != nil {
		return err
	}
	// The new result takes its case's victims and damage, and its rows of
	// desk_results; the case's other results already carry them.
	changed, err := tx.copyHarm(ctx, []int64{r.CaseID})
	if err != nil {
		return err
	}
	if changed > 1 {
		err = tx.syncDeskResults(ctx, []int64{r.CaseID})
	} else {
		err = tx.addDeskResult(ctx, id)
	}
	if err != nil {
		return err
	}
	r.ID, r.DeskID, r.CreatedAt, r.Quantity = id, desk, fromMicros(now), float64(milli)/1000
	tx.audit(ctx, crosscase.ActionCreate, "result", id, r.CaseID, resultDetail(r))
	return nil
}

// resultDetail describes r for the audit log.
func resultDetail(r *crosscase.Result) string {
	s := fmt.Sprintf("kind=%s country=%s date=%s", r.Kind, r.Country, r.Date)
	if r.Kind == crosscase.ResultSeizure {
		s += fmt.Sprintf(" type=%s measure=%s", r.SeizureType, r.Measure)
	}
	return s
}

// DeleteResult implements crosscase.ResultService.
func (d *DB) DeleteResult(ctx context.Context, inCaseID, id int64) error {
	var caseID int64
	err := d.withTx(ctx, func(tx *Tx) error {
		if access, of, err := tx.caseObjectAccess(ctx, "case_results", id, false); err != nil {
			return err
		} else if access == objectHidden || !inCase(inCaseID, of) {
			return notFound("Result")
		}
		r, err := scanResult(tx.queryRow(ctx, `SELECT `+resultColumns+` FROM case_results WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Result")
		} else if err != nil {
			return err
		}
		caseID = r.CaseID
		c, err := tx.authorizeCase(ctx, r.CaseID, needRead)
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			return notFound("Result")
		} else if err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		if !crosscase.CanDeleteResult(u, c, r) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk or the desk that reported a result may delete it.")
		}
		if _, err := tx.exec(ctx, `DELETE FROM case_results WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM desk_results WHERE case_id = ? AND result_id = ?`, r.CaseID, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionDelete, "result", id, r.CaseID, resultDetail(r))
		return nil
	})
	d.recordRefusal(ctx, err, "result", id, caseID)
	return err
}

// ResultTotals implements crosscase.ResultService.
func (d *DB) ResultTotals(ctx context.Context, from, to crosscase.Date, country string) (*crosscase.ResultTotals, error) {
	if err := requireStatistics(ctx); err != nil {
		return nil, err
	}
	t := &crosscase.ResultTotals{From: from, To: to, Country: country, Seizures: []crosscase.SeizureTotal{}}
	err := d.read(ctx, func(tx *Tx) error {
		if err := tx.checkPeriod(ctx, from, to, country); err != nil {
			return err
		}
		where := ` WHERE 1 = 1`
		var args []any
		if !from.IsZero() {
			where += ` AND on_date >= ?`
			args = append(args, dateText(from))
		}
		if !to.IsZero() {
			where += ` AND on_date <= ?`
			args = append(args, dateText(to))
		}
		if country != "" {
			where += ` AND country_code = ?`
			args = append(args, country)
		}
		return tx.fillResultTotals(ctx, t, "case_results", where, args)
	})
	if err != nil {
		return nil, translate(err)
	}
	if u := crosscase.UserFromContext(ctx); crosscase.HidesSmallCounts(u) {
		t.HideSmallCounts()
		if !crosscase.ShowsBreakdowns(u, from, to) {
			t.WithholdHarm()
		}
	}
	return t, nil
}

// copyCaseHarm copies the victims and financial damage of the cases ids
// onto their results (case_victims, case_damage_eur; migration 0034), for
// the statistics' sum over the cases with a result in a period (README,
// "Statistics and the annual report"), and rewrites their rows of
// desk_results. Called after a change of a case's victims or damage and
// an import of results; a result recorded takes them through copyHarm.
func (tx *Tx) copyCaseHarm(ctx context.Context, ids []int64) error {
	return tx.eachCaseChunk(ctx, ids, func(in string, args []any) error {
		if _, err := tx.copyHarmIn(ctx, in, args); err != nil {
			return err
		}
		return tx.rewriteDeskResultsIn(ctx, in, args)
	})
}

// copyHarm is copyCaseHarm without rewriting desk_results: it returns how
// many results took new figures, for a caller that writes their rows of
// desk_results itself.
func (tx *Tx) copyHarm(ctx context.Context, ids []int64) (changed int64, err error) {
	err = tx.eachCaseChunk(ctx, ids, func(in string, args []any) error {
		n, err := tx.copyHarmIn(ctx, in, args)
		changed += n
		return err
	})
	return changed, err
}

// eachCaseChunk calls fn for the cases ids, sorted and without repeats, in
// chunks of at most 500 (eachChunk). On
// PostgreSQL it first takes a shared lock on the chunk's cases, so that a
// concurrent change of their victims, damage or countries either commits
// before fn reads them or waits for this transaction (SQLite's writers
// take turns already).
func (tx *Tx) eachCaseChunk(ctx context.Context, ids []int64, fn func(in string, args []any) error) error {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return eachChunk(ids, func(in string, args []any) error {
		if tx.db.dialect == Postgres {
			if _, err := tx.exec(ctx, `SELECT id FROM cases WHERE id IN `+in+` ORDER BY id FOR SHARE`, args...); err != nil {
				return err
			}
		}
		return fn(in, args)
	})
}

// copyHarmIn copies their cases' victims and damage onto the results of
// the cases in (eachCaseChunk) that do not carry them yet, and returns how
// many it changed.
func (tx *Tx) copyHarmIn(ctx context.Context, in string, args []any) (int64, error) {
	res, err := tx.exec(ctx, `UPDATE case_results SET case_victims = c.victims, case_damage_eur = c.financial_damage_eur
		FROM cases c WHERE c.id = case_results.case_id AND case_results.case_id IN `+in+`
		AND (case_results.case_victims <> c.victims OR case_results.case_damage_eur <> c.financial_damage_eur)`, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// addDeskResult writes the rows of desk_results of the new result id,
// one per country of its case (syncDeskResults for a whole case).
func (tx *Tx) addDeskResult(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `INSERT INTO desk_results (country_code, case_id, result_id, `+deskResultColumns+`)
		SELECT sc.country_code, r.case_id, r.id, `+prefixed("r.", deskResultColumns)+` FROM case_results r JOIN case_countries sc ON sc.case_id = r.case_id WHERE r.id = ?`, id)
	return err
}

// deskResultColumns are the columns of desk_results copied from
// case_results.
const deskResultColumns = `on_date, kind, seizure_type, measure, substance, unit, result_count, quantity_milli, value_eur, case_victims, case_damage_eur`

// syncDeskResults rewrites the rows of desk_results of the cases ids:
// each of their results once per country of its case (owner and asked),
// so that a desk's results of a period are one range of an index by
// country and date (migration 0043, README, "Statistics and the
// annual report", Figures). Called after a change of a case's victims or
// damage (copyCaseHarm) or countries; a result recorded or deleted adds
// or deletes only its own rows (addDeskResult).
func (tx *Tx) syncDeskResults(ctx context.Context, ids []int64) error {
	return tx.eachCaseChunk(ctx, ids, func(in string, args []any) error {
		return tx.rewriteDeskResultsIn(ctx, in, args)
	})
}

// rewriteDeskResultsIn rewrites the rows of desk_results of the cases in
// (eachCaseChunk).
func (tx *Tx) rewriteDeskResultsIn(ctx context.Context, in string, args []any) error {
	if _, err := tx.exec(ctx, `DELETE FROM desk_results WHERE case_id IN `+in, args...); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO desk_results (country_code, case_id, result_id, `+deskResultColumns+`)
		SELECT sc.country_code, r.case_id, r.id, `+prefixed("r.", deskResultColumns)+` FROM case_results r JOIN case_countries sc ON sc.case_id = r.case_id WHERE r.case_id IN `+in, args...)
	return err
}

// fillResultTotals sums into t the results matching where on table
// (case_results, or a desk's rows of desk_results; without alias).
func (tx *Tx) fillResultTotals(ctx context.Context, t *crosscase.ResultTotals, table, where string, args []any) error {
	// Victims and financial damage are the cases', counted once per
	// case with a result in the period and country, with the cases that
	// record each (the cases behind its sum, for HideSmallCounts).
	// Each result carries its case's (copyCaseHarm), so this is one range
	// of an index of the results, not a join with the cases.
	if err := tx.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(v), 0), COALESCE(SUM(d), 0),
		COALESCE(SUM(CASE WHEN v > 0 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN d > 0 THEN 1 ELSE 0 END), 0) FROM
		(SELECT case_id, MAX(case_victims) AS v, MAX(case_damage_eur) AS d FROM `+table+where+` GROUP BY case_id) per_case`,
		args...).Scan(&t.Cases, &t.Victims, &t.FinancialDamageEUR, &t.VictimsCases, &t.DamageCases); err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT kind, seizure_type, measure, substance, unit, COALESCE(SUM(result_count), 0), COALESCE(SUM(quantity_milli), 0), COALESCE(SUM(value_eur), 0), COUNT(*)
		FROM `+table+where+` GROUP BY kind, seizure_type, measure, substance, unit ORDER BY kind, seizure_type, measure, substance, unit`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var s crosscase.SeizureTotal
		var count, milli int64
		if err := rows.Scan(&kind, &s.SeizureType, &s.Measure, &s.Substance, &s.Unit, &count, &milli, &s.ValueEUR, &s.Entries); err != nil {
			return err
		}
		switch crosscase.ResultKind(kind) {
		case crosscase.ResultArrest:
			t.Arrests += count
		case crosscase.ResultSearch:
			t.Searches += count
		case crosscase.ResultInterrogation:
			t.Interrogations += count
		case crosscase.ResultSurrender:
			t.Surrenders += count
		case crosscase.ResultAssetReturn:
			t.ReturnedEUR += s.ValueEUR
		case crosscase.ResultSeizure:
			s.Quantity = float64(milli) / 1000
			t.Seizures = append(t.Seizures, s)
			switch s.Measure {
			case "seized":
				t.SeizedEUR += s.ValueEUR
			case "frozen":
				t.FrozenEUR += s.ValueEUR
			case "confiscated":
				t.ConfiscatedEUR += s.ValueEUR
			}
			if s.SeizureType == "drugs" {
				t.DrugsEUR += s.ValueEUR
			}
		}
	}
	return rows.Err()
}
