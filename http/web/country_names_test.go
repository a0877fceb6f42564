package web

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
)

// The countries of a select are in the alphabetical order of their names
// in the reader's language, accents folded (Österreich among the O);
// English keeps the store's order, by the English names.
func TestCountriesSortedInReadersLanguage(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	list := []*crosscase.Country{{Code: "AT", Name: "Austria"}, {Code: "DE", Name: "Germany"}, {Code: "HU", Name: "Hungary"}, {Code: "ES", Name: "Spain"}}
	for tag, want := range map[string]string{
		"en": "Austria, Germany, Hungary, Spain",
		"fr": "Allemagne, Autriche, Espagne, Hongrie",
		"de": "Deutschland, Österreich, Spanien, Ungarn",
		"it": "Austria, Germania, Spagna, Ungheria",
	} {
		p := c.Printer(tag)
		name := countryNamer(p)
		var got []string
		for _, x := range countrySorter(p)(list).([]*crosscase.Country) {
			got = append(got, name(x.Code))
		}
		if s := strings.Join(got, ", "); s != want {
			t.Errorf("%s: %s, want %s", tag, s, want)
		}
		var groups []string
		for _, g := range countrySorter(p)([]authorityGroup{{Code: "AT"}, {Code: "DE"}, {Code: "HU"}, {Code: "ES"}}).([]authorityGroup) {
			groups = append(groups, name(g.Code))
		}
		if s := strings.Join(groups, ", "); s != want {
			t.Errorf("%s, authorities by country: %s, want %s", tag, s, want)
		}
		// A flat list of authorities comes in the order of country codes
		// (the JIT form's): sorted by country name in English too.
		var auths []string
		for _, a := range countrySorter(p)([]*crosscase.Authority{{CountryCode: "AT"}, {CountryCode: "DE"}, {CountryCode: "ES"}, {CountryCode: "HU"}}).([]*crosscase.Authority) {
			auths = append(auths, name(a.CountryCode))
		}
		if s := strings.Join(auths, ", "); s != want {
			t.Errorf("%s, authorities: %s, want %s", tag, s, want)
		}
	}
	if list[0].Code != "AT" || list[1].Code != "DE" {
		t.Errorf("the list given was reordered")
	}
}
