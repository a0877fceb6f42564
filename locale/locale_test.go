package locale

import (
	"strings"
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, time.May, 13, 6, 30, 0, 0, time.UTC)
	for _, tc := range []struct{ tag, date, datetime, num, eur, month string }{
		{"en", "2025-05-13", "2025-05-13 06:30 UTC", "1,234,567", "EUR 1,234,567", "December 2026"},
		{"fr", "13/05/2025", "13/05/2025 06:30 UTC", "1\u202f234\u202f567", "1\u202f234\u202f567\u00a0€", "Décembre 2026"},
		{"de", "13.05.2025", "13.05.2025 06:30 UTC", "1.234.567", "1.234.567\u00a0€", "Dezember 2026"},
		{"it", "13/05/2025", "13/05/2025 06:30 UTC", "1.234.567", "1.234.567\u00a0€", "Dicembre 2026"},
		{"es", "13/05/2025", "13/05/2025 06:30 UTC", "1.234.567", "1.234.567\u00a0€", "Diciembre de 2026"},
		{"pl", "13.05.2025", "13.05.2025 06:30 UTC", "1\u00a0234\u00a0567", "1\u00a0234\u00a0567\u00a0€", "Grudzień 2026"},
	} {
		p := c.Printer(tc.tag)
		if got, want := p.LongDate(2025, time.May, 27), map[string]string{"en": "27 May 2025", "fr": "27 mai 2025", "de": "27. Mai 2025", "it": "27 maggio 2025", "es": "27 de mayo de 2025", "pl": "27 maja 2025"}[tc.tag]; got != want {
			t.Errorf("%s long date %q, want %q", tc.tag, got, want)
		}
		if got := p.Month(2026, time.December); got != tc.month {
			t.Errorf("%s month %q, want %q", tc.tag, got, tc.month)
		}
		if got := p.Date(2025, time.May, 13); got != tc.date {
			t.Errorf("%s date %q, want %q", tc.tag, got, tc.date)
		}
		if got := p.DateTime(at); got != tc.datetime {
			t.Errorf("%s datetime %q, want %q", tc.tag, got, tc.datetime)
		}
		if got := p.Int(1234567); got != tc.num {
			t.Errorf("%s number %q, want %q", tc.tag, got, tc.num)
		}
		if got := p.EUR(1234567); got != tc.eur {
			t.Errorf("%s euros %q, want %q", tc.tag, got, tc.eur)
		}
		if got := p.Int(-12); got != "-12" {
			t.Errorf("%s -12 reads %q", tc.tag, got)
		}
	}
}

// Spanish writes a date in words with "de", the thousands with a point
// and the decimal mark with a comma, the euros after the amount, and "e"
// for "and" before the sound i.
func TestSpanish(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	es := c.Printer("es")
	for _, tc := range []struct{ got, want string }{
		{es.LongDate(2026, time.December, 6), "6 de diciembre de 2026"},
		{es.LongDate(2026, time.May, 1), "1 de mayo de 2026"},
		{es.EUR(1234), "1.234\u00a0€"},
		{es.Money(es.Int(1234)+es.Decimal(".56"), "EUR"), "1.234,56\u00a0EUR"},
		{es.JoinAnd([]string{"Alemania", "Francia", "Italia"}), "Alemania, Francia e Italia"},
		{es.JoinAnd([]string{"cocaína", "heroína"}), "cocaína y heroína"},
		{es.JoinAnd([]string{"cobre", "hierro"}), "cobre y hierro"},
		{es.T("%s: %s", "Título", "obligatorio"), "Título: obligatorio"},
		{es.T("%d %% alike", 95), "95 % de similitud"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

// Polish names a month in the nominative as a heading and in the
// genitive in a date in words, writes the thousands with a no-break
// space and the decimal mark with a comma, the euros after the amount,
// and counts with the forms one, few and many (README, "Languages").
func TestPolish(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	pl := c.Printer("pl")
	for _, tc := range []struct{ got, want string }{
		{pl.Month(2025, time.January), "Styczeń 2025"},
		{pl.LongDate(2025, time.May, 13), "13 maja 2025"},
		{pl.LongDate(2026, time.December, 1), "1 grudnia 2026"},
		{pl.Date(2026, time.December, 6), "06.12.2026"},
		{pl.EUR(1234), "1\u00a0234\u00a0€"},
		{pl.Money(pl.Int(1234)+pl.Decimal(".56"), "EUR"), "1\u00a0234,56\u00a0EUR"},
		{pl.JoinAnd([]string{"Niemcy", "Francja", "Włochy"}), "Niemcy, Francja i Włochy"},
		{pl.T("%s: %s", "Tytuł", "wymagany"), "Tytuł: wymagany"},
		{pl.N("%s entities", 1, "1"), "1 podmiot"},
		{pl.N("%s entities", 3, "3"), "3 podmioty"},
		{pl.N("%s entities", 5, "5"), "5 podmiotów"},
		{pl.N("%s entities", 22, "22"), "22 podmioty"},
		{pl.T("%d more cases — show all", 12), "Jeszcze 12 spraw — pokaż wszystkie"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

func TestMatchAndMessages(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for header, want := range map[string]string{"": "en", "fr-BE,fr;q=0.9,en;q=0.5": "fr", "de-AT": "de", "it": "it", "cs,sk;q=0.8": "en", "pl,cs;q=0.8": "pl", "pl-PL": "pl", "nl, de;q=0.7": "de", "garbage;;": "en", "es-ES,es;q=0.9": "es", "es-419": "es"} {
		if got := c.Match(header); got != want {
			t.Errorf("Match(%q) = %q, want %q", header, got, want)
		}
	}
	fr := c.Printer("fr")
	if got := fr.T("%d %% alike", 95); got != "95 % de similitude" {
		t.Errorf("fr alike: %q", got)
	}
	if got := fr.T("A text no page writes"); got != "A text no page writes" {
		t.Errorf("an unknown key reads %q", got)
	}
	if c.Printer("xx").Lang != "en" || Supported("xx") || !Supported("it") {
		t.Error("an unsupported language is not English")
	}
}

// Countries are named in the reader's language, with the names of the
// Style Guide where CLDR's are older, and in English as the reference data
// name them.
func TestCountryName(t *testing.T) {
	for _, c := range []struct{ tag, code, english, want string }{
		{"en", "DE", "Germany", "Germany"},
		{"fr", "DE", "Germany", "Allemagne"},
		{"de", "IT", "Italy", "Italien"},
		{"it", "FR", "France", "Francia"},
		{"de", "MK", "North Macedonia", "Nordmazedonien"},
		{"fr", "MK", "North Macedonia", "Macédoine du Nord"},
		{"fr", "Q1", "Somewhere", "Somewhere"},
		{"es", "DE", "Germany", "Alemania"},
		{"es", "MK", "North Macedonia", "Macedonia del Norte"},
		{"es", "CZ", "Czechia", "Chequia"},
		{"pl", "DE", "Germany", "Niemcy"},
		{"pl", "MK", "North Macedonia", "Macedonia Północna"},
		{"pl", "SZ", "Eswatini", "Eswatini"},
	} {
		if got := CountryName(c.tag, c.code, c.english); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.tag, c.code, got, c.want)
		}
	}
}

// A message that ends with "#", a number written straight after it, is not
// translated as the abbreviation of "number" (Nr., n°, n.º, n.): that would
// read "Nr.1"; the message takes the number itself, "Nr. %d".
func TestNumberAbbreviationTakesItsNumber(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "de", "it", "es"} {
		p := c.Printer(lang)
		for _, key := range c.Keys(lang) {
			v := strings.TrimSpace(p.T(key))
			for _, abbr := range []string{"Nr.", "n°", "n.º", " n."} {
				if strings.HasSuffix(key, "#") && strings.HasSuffix(v, abbr) {
					t.Errorf("%s: %q ends with %q: the message should take the number (%%d)", lang, key, abbr)
				}
			}
		}
	}
}
