package locale

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryName is the name of the country with ISO 3166-1 code in language
// tag: english (the reference data's name) in English, else the name the
// Unicode CLDR gives it in that language, else english. The names of
// countries that changed them since the CLDR data were drawn are given
// here in each language.
func CountryName(tag, code, english string) string {
	if tag == "en" || tag == "" {
		return english
	}
	if n, ok := renamed[code][tag]; ok {
		return n
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return english
	}
	t, err := language.Parse(tag)
	if err != nil {
		return english
	}
	if n := display.Regions(t).Name(r); n != "" {
		return n
	}
	return english
}

// renamed holds the current names, as the EU's Interinstitutional Style
// Guide writes them, of the countries whose CLDR names predate a change.
var renamed = map[string]map[string]string{
	"MK": {"fr": "Macédoine du Nord", "de": "Nordmazedonien", "it": "Macedonia del Nord", "es": "Macedonia del Norte", "pl": "Macedonia Północna"},
	"SZ": {"fr": "Eswatini", "de": "Eswatini", "it": "Eswatini", "es": "Esuatini", "pl": "Eswatini"},
	"CZ": {"fr": "Tchéquie", "de": "Tschechien", "it": "Cechia", "es": "Chequia"},
	"TR": {"fr": "Türkiye", "de": "Türkiye", "it": "Türkiye", "es": "Türkiye"},
}

// SortByName sorts list, stably, by the names name gives its elements in
// the alphabetical order of language tag (English for a tag not known):
// Österreich among the O in German, Égypte among the E in French.
func SortByName[T any](tag string, list []T, name func(T) string) {
	t, err := language.Parse(tag)
	if err != nil {
		t = language.English
	}
	c := collate.New(t, collate.Loose)
	slices.SortStableFunc(list, func(a, b T) int { return c.CompareString(name(a), name(b)) })
}
