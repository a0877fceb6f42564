package sqldb

import (
	"context"
	"strconv"

	"crosscase"
)

// AgreeSurrenderDate implements crosscase.InstrumentService.
func (d *DB) AgreeSurrenderDate(ctx context.Context, id int64, req crosscase.SurrenderDateRequest) (*crosscase.Instrument, error) {
	return d.changeInstrument(ctx, id, req.Version, func(tx *Tx, u *crosscase.User, c *crosscase.Case, in *crosscase.Instrument, _ string) error {
		// FD 2002/584/JHA Art. 23(3)-(4), EU–Norway/Iceland Surrender
		// Agreement Art. 23(3)-(4), Trade and Cooperation Agreement Art.
		// 621(3)-(4): the arrest warrants' surrender limits.
		law, warrant := crosscase.SurrenderLawOf(in.Type)
		var clock *crosscase.Clock
		for i := range in.Clocks {
			if warrant && in.Clocks[i].Kind == law.Surrender {
				clock = &in.Clocks[i]
			}
		}
		if clock == nil || !clock.Open() {
			return crosscase.FieldErrorf("clock", "A new surrender date is agreed only for an arrest warrant whose surrender limit runs or ran out (FD 2002/584/JHA Art. 23(3); EU–Norway/Iceland Surrender Agreement Art. 23(3); Trade and Cooperation Agreement Art. 621(3)).")
		}
		// Art. 23(3), 621(3): circumstances beyond the control of the
		// states; Art. 23(4), 621(4): serious humanitarian reasons.
		if req.Ground != crosscase.GroundForceMajeure && req.Ground != crosscase.GroundHumanitarian {
			return crosscase.FieldErrorf("ground", "The ground is force_majeure (%s) or humanitarian (%s).", crosscase.Label(law.Art(law.ForceMajeure)), crosscase.Label(law.Art(law.Humanitarian)))
		}
		if crosscase.IsBlank(req.Reason) {
			return crosscase.FieldErrorf("reason", "Give the reason the authorities agreed a new date.")
		}
		if err := crosscase.CheckMultiline("reason", req.Reason, 2000, true); err != nil {
			return err
		}
		if req.AgreedOn.IsZero() || req.AgreedOn.Before(in.DecisionOn) {
			return crosscase.FieldErrorf("agreed_on", "The new surrender date is required and cannot be before the decision (%s).", in.DecisionOn)
		}
		if n := len(in.SurrenderDates); n > 0 && !in.SurrenderDates[n-1].AgreedOn.Before(req.AgreedOn) {
			return crosscase.FieldErrorf("agreed_on", "A new date comes after the date agreed before (%s).", in.SurrenderDates[n-1].AgreedOn)
		}
		cc, err := tx.deskCountry(ctx, u)
		if err != nil {
			return err
		}
		now := micros(tx.now)
		sid, err := tx.insert(ctx, `INSERT INTO instrument_surrender_dates (instrument_id, agreed_on, ground, reason, created_by, desk_country, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, dateText(req.AgreedOn), req.Ground, req.Reason, u.ID, cc, now)
		if err != nil {
			return err
		}
		in.SurrenderDates = append(in.SurrenderDates, &crosscase.SurrenderDate{ID: sid, InstrumentID: id, AgreedOn: req.AgreedOn, Ground: req.Ground, Reason: req.Reason,
			CreatedBy: u.ID, DeskCountry: cc, CreatedAt: fromMicros(now)})
		if err := tx.bumpInstrument(ctx, in); err != nil {
			return err
		}
		in.Clocks = crosscase.Clocks(in, tx.now)
		if err := tx.writeDeadlines(ctx, in, c.OwnerCountry); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "instrument", id, in.CaseID, "surrender_date ground="+req.Ground)
		return tx.notifyCaseCountries(ctx, in.CaseID, []string{in.IssuingCountry, in.ExecutingCountry, c.OwnerCountry}, crosscase.Notification{
			Kind:       crosscase.NotifySurrenderDate,
			Link:       "/instruments/" + strconv.FormatInt(id, 10),
			ObjectType: "instrument", ObjectID: id,
		}.Saying(crosscase.SubjectSurrenderDate, in.Type.Label(), in.Reference, req.AgreedOn.String(), law.Art(law.NewDate)))
	})
}
