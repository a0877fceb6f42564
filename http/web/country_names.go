package web

import (
	"sync"

	"crosscase/locale"
	"crosscase/refdata"
)

// referenceCountryNames maps each ISO 3166-1 code of the reference data
// to its English name, the name the store holds.
var referenceCountryNames = sync.OnceValue(func() map[string]string {
	list := refdata.Countries()
	m := make(map[string]string, len(list))
	for _, c := range list {
		m[c.Code] = c.Name
	}
	return m
})

// countryNamer returns the template function "countryName" of p's
// language: a country's name in that language, or its code when the
// reference data do not know it (README, "Languages").
func countryNamer(p *locale.Printer) func(code string) string {
	return func(code string) string {
		en, ok := referenceCountryNames()[code]
		if !ok {
			return code
		}
		return locale.CountryName(p.Lang, code, en)
	}
}
