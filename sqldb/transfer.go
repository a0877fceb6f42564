package sqldb

import (
	"context"
	"fmt"

	"crosscase"
)

// checkTransfer is authorizeTransfer (access.go) without the audit entry:
// for checks made ahead of the transaction that transfers (it audits
// then), and for reads that withhold what the rule refuses
// (redactInstruments, instrument_partner.go). It reports whether country
// is a third country.
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
