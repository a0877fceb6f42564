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
	third, err := tx.checkTransfer(ctx, country, what)
	if err != nil || !third {
		return err
	}
	tx.audit(ctx, crosscase.ActionTransfer, objectType, objectID, caseID, "to="+country+" what="+what)
	return nil
}

// checkTransfer is authorizeTransfer without the audit entry, for checks
// made ahead of the transaction that transfers (it audits then). It
// reports whether country is a third country.
func (tx *Tx) checkTransfer(ctx context.Context, country, what string) (bool, error) {
	c, err := tx.findCountry(ctx, country)
	if err != nil {
		return false, fmt.Errorf("transfer to %s: %w", country, err)
	}
	if c.Standing == crosscase.StandingMember {
		return false, nil
	}
	rows, err := tx.query(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE country_code = ?`, country)
	if err != nil {
		return true, err
	}
	defer rows.Close()
	var agreements []*crosscase.Agreement
	for rows.Next() {
		a, err := scanAgreement(rows)
		if err != nil {
			return true, err
		}
		agreements = append(agreements, a)
	}
	if err := rows.Err(); err != nil {
		return true, err
	}
	return true, crosscase.CheckTransfer(c, agreements, crosscase.DateOf(tx.now), what)
}

// authorizeCallerTransfer applies the partner data rule to operational
// personal data read or exported by ctx's user: a user of a third
// country's desk receives it in that country.
func (tx *Tx) authorizeCallerTransfer(ctx context.Context, what, objectType string, objectID, caseID int64) error {
	u := crosscase.UserFromContext(ctx)
	if u == nil || u.DeskID == 0 {
		return nil
	}
	// The desk's country is read from the store, never trusted from the caller.
	var country string
	if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, u.DeskID).Scan(&country); err != nil {
		return translate(err)
	}
	return tx.authorizeTransfer(ctx, country, what, objectType, objectID, caseID)
}
