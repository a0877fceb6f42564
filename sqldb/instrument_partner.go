package sqldb

import (
	"context"
	"errors"
	"slices"
	"time"

	"crosscase"
)

// The partner data rule on instruments (Regulation (EU) 2018/1727,
// Art. 56(2)): operational personal data goes to a third country only
// under a cooperation agreement. On an instrument the personal data are
// the person or entity concerned (entity_id), the dates of events in
// that person's life (arrest, consent to surrender, surrender), and the
// free-text reasons of extensions and delays, which describe the
// proceedings against the person. The dates of acts of authorities
// (issue, receipt, acknowledgement, decision, execution) are not
// personal once the person is withheld, and stay; a clock that starts or
// stops on a withheld date would reveal it and is withheld with it.

// instrumentPersonal reports whether in carries operational personal data.
func instrumentPersonal(in *crosscase.Instrument) bool {
	if in.EntityID != 0 || !in.ArrestOn.IsZero() || !in.ConsentOn.IsZero() || !in.SurrenderOn.IsZero() {
		return true
	}
	for _, e := range in.Extensions {
		if e.Reason != "" {
			return true
		}
	}
	for _, b := range in.Breaches {
		if b.Reasons != "" {
			return true
		}
	}
	return false
}

// checkInstrumentTransfer refuses to create or update an instrument that
// names a person or entity when its issuing or executing country is a
// third country without a cooperation agreement (the instrument and its
// person go to that country's authorities). Allowed transfers to third
// countries are audited by authorizeTransfer. The refusal names entity_id.
func (tx *Tx) checkInstrumentTransfer(ctx context.Context, in *crosscase.Instrument) error {
	if in.EntityID == 0 {
		return nil
	}
	for _, cc := range []string{in.IssuingCountry, in.ExecutingCountry} {
		err := tx.authorizeTransfer(ctx, cc, crosscase.TransferInstrument, "instrument", in.ID, in.CaseID)
		var ce *crosscase.Error
		if errors.As(err, &ce) && ce.Code == crosscase.EFORBIDDEN {
			ce.Field = "entity_id"
			return ce
		} else if err != nil {
			return err
		}
	}
	return nil
}

// redactInstruments applies the rule to instruments read by ctx's user:
// for a user of a third country's desk without a cooperation agreement,
// each instrument that carries personal data is returned without it
// (Withheld names what was left out); for one with an agreement, each
// such read is audited as a transfer. Member states' users read all. The
// rule is crosscase.CheckTransfer, applied through checkTransfer.
// It returns how many instruments were redacted.
func (tx *Tx) redactInstruments(ctx context.Context, list []*crosscase.Instrument) (int, error) {
	u := crosscase.UserFromContext(ctx)
	if u == nil || u.DeskID == 0 {
		return 0, nil
	}
	cc, err := tx.deskCountry(ctx, u)
	if err != nil || cc == "" {
		return 0, err
	}
	var personal []*crosscase.Instrument
	for _, in := range list {
		if instrumentPersonal(in) {
			personal = append(personal, in)
		}
	}
	if len(personal) == 0 {
		return 0, nil
	}
	third, err := tx.checkTransfer(ctx, cc, crosscase.TransferInstrument)
	switch {
	case !third:
		return 0, err
	case err == nil:
		for _, in := range personal {
			tx.auditTransfer(ctx, cc, crosscase.TransferInstrument, "instrument", in.ID, in.CaseID)
		}
		return 0, nil
	case crosscase.ErrorCode(err) != crosscase.EFORBIDDEN:
		return 0, err
	}
	for _, in := range personal {
		redactInstrument(in, tx.now)
	}
	return len(personal), nil
}

// redactInstrument leaves out the personal data of in (see above).
func redactInstrument(in *crosscase.Instrument, now time.Time) {
	before := in.Clocks
	var withheld []string
	if in.EntityID != 0 {
		withheld = append(withheld, "entity_id")
	}
	for _, p := range []struct {
		name string
		d    *crosscase.Date
	}{{"arrest_on", &in.ArrestOn}, {"consent_on", &in.ConsentOn}, {"surrender_on", &in.SurrenderOn}} {
		if !p.d.IsZero() {
			withheld = append(withheld, p.name)
			*p.d = crosscase.Date{}
		}
	}
	in.EntityID = 0
	ext := slices.Clone(in.Extensions)
	for i, e := range ext {
		if e.Reason != "" {
			c := *e
			c.Reason = ""
			ext[i] = &c
			withheld = appendOnce(withheld, "extensions.reason")
		}
	}
	in.Extensions = ext
	// Clocks are computed from the redacted dates: a clock that changed
	// would reveal a withheld date and is left out, with its breaches.
	after := crosscase.Clocks(in, now)
	in.Clocks = []crosscase.Clock{}
	gone := map[crosscase.ClockKind]bool{}
	for i, c := range before {
		if i < len(after) && after[i] == c {
			in.Clocks = append(in.Clocks, c)
		} else {
			gone[c.Kind] = true
			withheld = appendOnce(withheld, "clocks")
		}
	}
	breaches := []*crosscase.Breach{}
	for _, b := range in.Breaches {
		if gone[b.Clock] {
			withheld = appendOnce(withheld, "breaches")
			continue
		}
		c := *b
		if c.Reasons != "" {
			c.Reasons = ""
			withheld = appendOnce(withheld, "breaches.reasons")
		}
		breaches = append(breaches, &c)
	}
	in.Breaches = breaches
	in.Withheld = withheld
}

// appendOnce appends s to list unless it is there.
func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
