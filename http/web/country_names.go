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

// referenceCountryCodes maps each English name of the reference data to
// its ISO 3166-1 code.
var referenceCountryCodes = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for code, name := range referenceCountryNames() {
		m[name] = code
	}
	return m
})

// localCountryName names in p's language a country the store names in
// English (a press summary's list); a name the reference data do not
// know is left as it is.
func localCountryName(p *locale.Printer, englishName string) string {
	if code, ok := referenceCountryCodes()[englishName]; ok {
		return countryNamer(p)(code)
	}
	return englishName
}

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
