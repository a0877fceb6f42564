package locale

import (
	"slices"
	"sort"
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// integerCategories are the CLDR plural categories the cardinal rule of
// tag gives whole numbers: those of 0 to 1000 and of a million.
func integerCategories(tag string) []string {
	t := language.MustParse(tag)
	seen := map[string]bool{}
	for n := 0; n <= 1000; n++ {
		seen[categoryNames[plural.Cardinal.MatchPlural(t, n, 0, 0, 0, 0)]] = true
	}
	seen[categoryNames[plural.Cardinal.MatchPlural(t, 1_000_000, 0, 0, 0, 0)]] = true
	var out []string
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Every message with plural forms has, in every language, exactly the
// categories CLDR gives that language for whole numbers: no form that no
// count reaches, and none missing. English declares which messages have
// forms (messages/en.json), its "other" form being the key; every other
// language gives them forms too.
func TestPluralFormsInEveryLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	en := c.Printer("en")
	plurals := c.Keys("en")
	for _, k := range plurals {
		if en.Forms(k) == nil {
			t.Errorf("en: %q is not written as plural forms", k)
		} else if other := en.Forms(k)["other"]; other != k {
			t.Errorf("en: %q has the \"other\" form %q: the key is the \"other\" form", k, other)
		}
	}
	for _, l := range Languages {
		want := integerCategories(l.Tag)
		p := c.Printer(l.Tag)
		for _, k := range plurals {
			if p.Forms(k) == nil {
				t.Errorf("%s: %q has no plural forms %v", l.Tag, k, want)
			}
		}
		for _, k := range c.Keys(l.Tag) {
			forms := p.Forms(k)
			if forms == nil {
				continue
			}
			var got []string
			for c := range forms {
				got = append(got, c)
			}
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q has the forms %v, want %v", l.Tag, k, got, want)
			}
		}
	}
	for tag, want := range map[string][]string{"en": {"one", "other"}, "fr": {"one", "other"}, "pl": {"few", "many", "one"}} {
		if got := integerCategories(tag); !slices.Equal(got, want) {
			t.Errorf("%s: CLDR gives %v, want %v", tag, got, want)
		}
	}
}

// A language with more forms than English gets them: Polish counts files
// as 1 plik, 2 pliki, 5 plików, 22 pliki, 25 plików (a catalog of this
// test only).
func TestPluralFewAndMany(t *testing.T) {
	pl, err := NewPrinter(&Language{Tag: "pl", Thousands: "\u00a0", Decimal: ","}, []byte(`{
 "%d files": {"few": "%d pliki", "many": "%d plików", "one": "%d plik"},
 "%s files in %s": {"few": "%s pliki w %s", "many": "%s plików w %s", "one": "%s plik w %s"},
 "A notice carries %d files.": {"few": "Zawiadomienie ma %d pliki.", "many": "Zawiadomienie ma %d plików.", "one": "Zawiadomienie ma jeden plik."}
}`))
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{0: "0 plików", 1: "1 plik", 2: "2 pliki", 4: "4 pliki", 5: "5 plików", 12: "12 plików", 22: "22 pliki", 25: "25 plików", 101: "101 plików", 104: "104 pliki"} {
		if got := pl.T("%d files", n); got != want {
			t.Errorf("T %d: %q, want %q", n, got, want)
		}
		if got := pl.N("%d files", int64(n)); got != want {
			t.Errorf("N %d: %q, want %q", n, got, want)
		}
	}
	if got := pl.N("%s files in %s", 22, "22", "Polsce"); got != "22 pliki w Polsce" {
		t.Errorf("%q", got)
	}
	if got := pl.T("%s files in %s", "1", "Polsce"); got != "1 plików w Polsce" {
		t.Errorf("without a whole number T writes the \"many\" form: %q", got)
	}
	if got := pl.N("A notice carries %d files.", 1); got != "Zawiadomienie ma jeden plik." {
		t.Errorf("a form without the count: %q", got)
	}
	if got := pl.Category(-3); got != "few" {
		t.Errorf("-3: %q", got)
	}
}

// French takes the singular for 0 as for 1, English the plural; a
// message without forms is written as it is.
func TestPluralFrenchZero(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	en, fr := c.Printer("en"), c.Printer("fr")
	for n, want := range map[int64]string{0: "one", 1: "one", 2: "other", 1_000_000: "other"} {
		if got := fr.Category(n); got != want {
			t.Errorf("fr %d: %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{0: "other", 1: "one", 2: "other"} {
		if got := en.Category(n); got != want {
			t.Errorf("en %d: %q, want %q", n, got, want)
		}
	}
	if got := en.N("A text no page writes", 3); got != "A text no page writes" {
		t.Errorf("%q", got)
	}
}
