package sqldb

import (
	"context"
	"fmt"

	"crosscase"
)

// authorizeTransfer applies the partner data rule (crosscase.CheckTransfer)
// to sending operational personal data of kind what to country. Every path
// that sends such data out of the agency calls it in its transaction. An
// allowed transfer to a third country is audited as ActionTransfer in the
// same transaction; a refusal is returned as EFORBIDDEN naming the rule,
// and the caller's refusal audit records it. Member states need nothing.
func (tx *Tx) authorizeTransfer(ctx context.Context, country, what, objectType string, objectID, caseID int64) error {
	c, err := tx.findCountry(ctx, country)
	if err != nil {
		return fmt.Errorf("transfer to %s: %w", country, err)
	}
	if c.Standing == crosscase.StandingMember {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE country_code = ?`, country)
	if err != nil {
		return err
	}
	defer rows.Close()
	var agreements []*crosscase.Agreement
	for rows.Next() {
		a, err := scanAgreement(rows)
		if err != nil {
			return err
		}
		agreements = append(agreements, a)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := crosscase.CheckTransfer(c, agreements, crosscase.DateOf(tx.now), what); err != nil {
		return err
	}
	tx.audit(ctx, crosscase.ActionTransfer, objectType, objectID, caseID, "to="+country+" what="+what)
	return nil
}
