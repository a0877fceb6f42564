package sqldb

import (
	"context"
	"strconv"

	"crosscase"
)

// ImportActivity implements crosscase.ActivityImporter.
func (d *DB) ImportActivity(ctx context.Context, a *crosscase.ActivityBundle) error {
	if !isSystem(ctx) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the command line imports activity.")
	}
	for i, m := range a.Meetings {
		if err := m.Validate(); err != nil {
			return prefixField(err, "meetings["+strconv.Itoa(i)+"].")
		}
	}
	for i, r := range a.Results {
		if err := r.Validate(); err != nil {
			return prefixField(err, "results["+strconv.Itoa(i)+"].")
		}
	}
	for i, j := range a.JITs {
		if err := j.Validate(); err != nil {
			return prefixField(err, "jits["+strconv.Itoa(i)+"].")
		}
	}
	return d.withTx(ctx, func(tx *Tx) error {
		now := micros(tx.now)
		var rows [][]any
		for _, m := range a.Meetings {
			rows = append(rows, []any{m.CaseID, micros(m.StartsAt), m.Agenda, m.Outcome, 1, now, now})
		}
		if err := tx.insertRows(ctx, `INSERT INTO meetings (case_id, starts_at, agenda, outcome, version, created_at, updated_at) VALUES `, rows); err != nil {
			return err
		}
		rows = nil
		for _, r := range a.Results {
			rows = append(rows, []any{r.CaseID, r.ActionID, string(r.Kind), r.Country, dateText(r.Date), r.Count, r.SeizureType, r.Substance,
				int64(r.Quantity*1000 + 0.5), r.Unit, r.Measure, r.ValueEUR, r.Notes, r.DeskID, now})
		}
		if err := tx.insertRows(ctx, `INSERT INTO case_results (case_id, action_id, kind, country_code, on_date, result_count, seizure_type, substance, quantity_milli, unit, measure, value_eur, notes, desk_id, created_at) VALUES `, rows); err != nil {
			return err
		}
		var withResults []int64
		for _, r := range a.Results {
			withResults = append(withResults, r.CaseID)
		}
		if err := tx.copyCaseHarm(ctx, withResults); err != nil {
			return err
		}
		var parties, funding [][]any
		for _, j := range a.JITs {
			id, err := tx.insert(ctx, `INSERT INTO jits (name, signed_on, duration_months, ends_on, current_ends_on, created_by, created_desk_id, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
				j.Name, dateText(j.SignedOn), j.DurationMonths, dateText(j.EndsOn), dateText(j.EndsOn), j.CreatedDeskID, now)
			if err != nil {
				return err
			}
			j.ID, j.CurrentEndsOn = id, j.EndsOn
			for _, p := range j.Parties {
				for _, aid := range p.AuthorityIDs {
					parties = append(parties, []any{id, p.CountryCode, aid})
				}
			}
			for _, f := range j.Funding {
				funding = append(funding, []any{id, f.Label, f.AppliedEUR, f.GrantedEUR, string(f.Status), dateText(f.AppliedOn), dateText(f.DecidedOn), now})
			}
		}
		if err := tx.insertRows(ctx, `INSERT INTO jit_parties (jit_id, country_code, authority_id) VALUES `, parties); err != nil {
			return err
		}
		if err := tx.insertRows(ctx, `INSERT INTO jit_funding (jit_id, label, applied_eur, granted_eur, status, applied_on, decided_on, updated_at) VALUES `, funding); err != nil {
			return err
		}
		var zones [][]any
		for _, c := range a.Centres {
			id, err := tx.insert(ctx, `INSERT INTO centres (case_id, name, action_date, state, closed_at, version, created_at, updated_at) VALUES (?, ?, ?, 'closed', ?, 1, ?, ?)`,
				c.CaseID, c.Name, dateText(c.ActionDate), micros(c.ActionDate.AddDays(1).Time()), now, now)
			if err != nil {
				return err
			}
			c.ID = id
			for _, z := range c.Zones {
				zones = append(zones, []any{id, z.Country, z.Zone})
			}
		}
		if err := tx.insertRows(ctx, `INSERT INTO centre_zones (centre_id, country_code, zone) VALUES `, zones); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionCreate, "import", 0, 0, "meetings="+strconv.Itoa(len(a.Meetings))+" results="+strconv.Itoa(len(a.Results))+" jits="+strconv.Itoa(len(a.JITs))+" centres="+strconv.Itoa(len(a.Centres)))
		return nil
	})
}
