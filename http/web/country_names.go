package web

import (
	"slices"
	"sync"

	"crosscase"
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

// countrySorter returns the template function "byCountryName" of p's
// language: a copy of a select's countries (or of its groups of
// authorities by country) in the alphabetical order of their names in
// that language, so that a reader finds Allemagne among the A. English
// keeps the store's order, which is already by the English names, but
// for a flat list of authorities, which comes by country code.
func countrySorter(p *locale.Printer) func(list any) any {
	name := countryNamer(p)
	return func(list any) any {
		// Authorities come in the store's order of country codes: sorted
		// by their countries' names in every language, English too.
		if l, ok := list.([]*crosscase.Authority); ok {
			out := slices.Clone(l)
			locale.SortByName(p.Lang, out, func(a *crosscase.Authority) string { return name(a.CountryCode) })
			return out
		}
		if p.Lang == "en" {
			return list // the store's order, by the English names
		}
		switch l := list.(type) {
		case []*crosscase.Country:
			out := slices.Clone(l)
			locale.SortByName(p.Lang, out, func(c *crosscase.Country) string { return name(c.Code) })
			return out
		case []authorityGroup:
			out := slices.Clone(l)
			locale.SortByName(p.Lang, out, func(g authorityGroup) string { return name(g.Code) })
			return out
		case []countryGroup:
			out := make([]countryGroup, len(l))
			for i, g := range l {
				g.Countries = slices.Clone(g.Countries)
				locale.SortByName(p.Lang, g.Countries, func(c *crosscase.Country) string { return name(c.Code) })
				out[i] = g
			}
			return out
		}
		return list
	}
}
