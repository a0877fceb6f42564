package crosscase_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"crosscase"
)

func TestFoldSearchText(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"durres":                           "durres",
		"Durrës":                           "durres",
		"DURRËS":                           "durres",
		"durrës":                           "durres",
		"Müller":                           "muller",
		"MÜLLER":                           "muller",
		"Łódź":                             "lodz",
		"ŁÓDŹ":                             "lodz",
		"Arbër Çelaj":                      "arber celaj",
		"Ștefănescu":                       "stefanescu",
		"Şţ":                               "st",
		"Straße":                           "strasse",
		"STRAẞE":                           "strasse",
		"Søren Ærø":                        "soren aero",
		"Đorđević":                         "dordevic",
		"Œuvre":                            "oeuvre",
		"Iğdır":                            "igdir",
		"İstanbul":                         "istanbul",
		"Þór Guðmundsson":                  "thor gudmundsson",
		"Dvořák Čapek Žižka":               "dvorak capek zizka",
		"ΟΔΟΣ Ἀθηνᾶς":                      "οδοσ αθηνασ",
		"Ёлка Йошкар":                      "елка иошкар",
		"محمّد":                            "محمد",
		"한국":                               "한국",
		"Via Sparano 12\nBari":             "via sparano 12\nbari",
		"50% of the_bar \\ x":              "50% of the_bar \\ x",
		"e\u0301":                          "e",
		"\u0301\u0301":                     "",
		"+355 69 765 4321 IT60X0542811101": "+355 69 765 4321 it60x0542811101",
	} {
		if got := crosscase.FoldSearchText(in); got != want {
			t.Errorf("FoldSearchText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FoldSearchText keeps its promises on any text: folding twice is
// folding once, no nonspacing mark and no letter it spells out is left,
// lower-case ASCII and line breaks are kept, and valid text stays valid.
func FuzzFoldSearchText(f *testing.F) {
	for _, s := range []string{"Durrës", "Müller\nŁódź", "STRAẞE", "İı", "ς", "e\u0301\u0327", "한국", "محمّد", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := crosscase.FoldSearchText(s)
		if again := crosscase.FoldSearchText(got); again != got {
			t.Fatalf("FoldSearchText(%q) = %q, folded again %q", s, got, again)
		}
		for _, r := range got {
			if unicode.Is(unicode.Mn, r) || strings.ContainsRune("ßøđðłæœıþς", r) {
				t.Fatalf("FoldSearchText(%q) = %q keeps %q", s, got, r)
			}
		}
		if strings.Count(got, "\n") != strings.Count(s, "\n") {
			t.Fatalf("FoldSearchText(%q) = %q: line breaks changed", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("FoldSearchText(%q) = %q: not valid UTF-8", s, got)
		}
		lowerASCII := true
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 || ('A' <= s[i] && s[i] <= 'Z') {
				lowerASCII = false
			}
		}
		if lowerASCII && got != s {
			t.Fatalf("FoldSearchText(%q) = %q: lower-case ASCII changed", s, got)
		}
	})
}
