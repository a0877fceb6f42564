package web

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
)

// A list in a sentence ends with the language's "and"; Italian writes
// "ed" before a vowel (cocaina ed eroina) and "e" otherwise.
func TestJoinAndInLanguage(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	it := c.Printer("it")
	for _, tc := range []struct {
		p    *locale.Printer
		xs   []string
		want string
	}{
		{it, []string{"cocaina", "eroina"}, "cocaina ed eroina"},
		{it, []string{"Francia", "Germania", "Italia"}, "Francia, Germania ed Italia"},
		{it, []string{"Italia", "Francia"}, "Italia e Francia"},
		{it, []string{"eroina"}, "eroina"},
		{c.Printer("fr"), []string{"cocaïne", "héroïne"}, "cocaïne et héroïne"},
		{c.Printer("en"), []string{"cocaine", "heroin"}, "cocaine and heroin"},
	} {
		if got := joinAnd(tc.p, tc.xs); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.p.Lang, tc.xs, got, tc.want)
		}
	}
	ps := &crosscase.PressSummary{ActionDate: crosscase.Date{Year: 2025, Month: 5, Day: 27}, Text: "-",
		Seizures: []crosscase.SeizureTally{{Type: "drugs", Substance: "cocaine", Quantity: 12, Unit: "kg"}, {Type: "drugs", Substance: "heroin", Quantity: 3, Unit: "kg"}}}
	if got := pressText(it, ps, nil); !strings.Contains(got, "cocaina (12 kg) ed eroina (3 kg)") {
		t.Errorf("press text: %q", got)
	}
}
