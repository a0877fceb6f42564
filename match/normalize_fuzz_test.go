package match

import (
	"slices"
	"strings"
	"testing"

	"crosscase"
)

var fuzzKinds = crosscase.EntityKinds()

// FuzzNormalize: Normalize never panics; name tokens are lower-case ASCII
// letters and digits with one phonetic key each; normalising the tokens
// again gives the same tokens; a normalised identifier normalises to
// itself; Compare of a record with itself stays in range.
func FuzzNormalize(f *testing.F) {
	for _, s := range [][4]string{
		{"Тарас", "Шевченко", "", ""},
		{"Γιώργος", "Παπαδόπουλος", "", ""},
		{"Jürgen Hans-Peter", "Müller-Lüdenscheidt", "", ""},
		{"Mr Mr", "O'Brien", "", ""},
		{"", "", "Gamma GmbH & Co. KG", ""},
		{"", "", "The The AG Alfa S.r.l.", ""},
		{"", "", "ООО «Ромашка»", ""},
		{"", "", "", "+49 30 12345678"},
		{"", "", "", "DE89 3704 0044 0532 0130 00"},
		{"", "", "", "John Doe <J.Doe@Example.com>"},
		{"", "", "", "А 123 ВС 77"},
		{"", "", "", "0xAbC123"},
		{"", "", "", "Hauptstraße 5, Berlin"},
		{"\xff\xfe", "ǅ\u0301\u0308", "ß", "ﬁ"},
		{"مُحَمَّد عبدالعزيز", "الأسد", "", ""},
		{"ﻣﺤﻤﺪ ﷲ", "پرویز گلشیری", "شركة النور", ""},
		{"", "欧阳小龙", "华为技术有限公司", ""},
		{"國藩", "曾", "", "王伟"},
	} {
		f.Add(s[0], s[1], s[2], s[3], uint8(0), "DE")
	}
	f.Fuzz(func(t *testing.T, given, family, name, value string, kind uint8, country string) {
		r := Record{Kind: fuzzKinds[int(kind)%len(fuzzKinds)], GivenName: given, FamilyName: family, Name: name, Value: value, Country: country}
		k := Normalize(r)
		if len(k.Tokens) != len(k.Phonetic) {
			t.Fatalf("%d tokens, %d phonetic keys", len(k.Tokens), len(k.Phonetic))
		}
		for i, tok := range k.Tokens {
			if tok == "" || strings.Trim(tok, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
				t.Fatalf("token %q", tok)
			}
			p := stripMarker(k.Phonetic[i])
			if isArabicKey(p) {
				p = p[1:]
			}
			if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
				t.Fatalf("phonetic key %q", k.Phonetic[i])
			}
		}
		switch {
		case r.Kind == crosscase.KindPerson:
			_, g := split(&k)
			again := Normalize(Record{Kind: r.Kind, GivenName: strings.Join(k.Tokens[:g], " "), FamilyName: strings.Join(k.Tokens[g:], " ")})
			if !slices.Equal(again.Tokens, k.Tokens) {
				t.Fatalf("tokens %q normalise to %q", k.Tokens, again.Tokens)
			}
		case r.Kind.IsNamed():
			again := Normalize(Record{Kind: r.Kind, Name: strings.Join(k.Tokens, " ")})
			if !slices.Equal(again.Tokens, k.Tokens) {
				t.Fatalf("tokens %q normalise to %q", k.Tokens, again.Tokens)
			}
		default:
			if len(k.Tokens) != 0 {
				t.Fatalf("identifier with tokens %q", k.Tokens)
			}
			if k.Ident != "" {
				if again := normIdent(r.Kind, k.Ident, r.Country); again != k.Ident {
					t.Fatalf("%s %q → %q → %q", r.Kind, value, k.Ident, again)
				}
			}
		}
		for _, b := range BlockingKeys(k) {
			if b == "" {
				t.Fatal("empty blocking key")
			}
		}
		if s, _ := Compare(k, k); s < 0 || s > 100 {
			t.Fatalf("score %d", s)
		}
	})
}

// FuzzCompare: any two person records compare the same both ways, in
// range.
func FuzzCompare(f *testing.F) {
	f.Add("Ivan", "Petrov", "Petrov", "Ivan", 1980, 1981)
	f.Add("Tal Ia", "Hilton", "Talia", "Hilton Smith", 0, 1920)
	f.Fuzz(func(t *testing.T, g1, f1, g2, f2 string, y1, y2 int) {
		a := Normalize(Record{Kind: crosscase.KindPerson, GivenName: g1, FamilyName: f1, BirthYear: y1 % 3000})
		b := Normalize(Record{Kind: crosscase.KindPerson, GivenName: g2, FamilyName: f2, BirthYear: y2 % 3000})
		s1, _ := Compare(a, b)
		s2, _ := Compare(b, a)
		if s1 != s2 || s1 < 0 || s1 > 100 {
			t.Fatalf("%d and %d", s1, s2)
		}
	})
}
