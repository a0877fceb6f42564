package match

import (
	"testing"
	"unicode"
)

// Letters that neither this package's rules nor unidecode read get a
// reading from their Unicode names; Kazakh Cyrillic and compatibility
// forms are read as letters.
func TestLetterReadings(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ƶan", "zan"},             // Latin Z with stroke (JRC-Names: Ƶan Mişel Baskeat)
		{"Нұрсұлтан", "nursultan"}, // Kazakh Ұ
		{"Әбішұлы", "abishuly"},
		{"Қасым", "kasym"},
		{"Ｊｏｈｎ", "john"}, // full-width
		{"𞤀𞤣𞤤𞤢𞤥", ""},    // Adlam: see below, not empty
	} {
		got, _ := translitBoth(c.in, detectScript(c.in))
		if c.want == "" {
			if got == "" {
				t.Errorf("%q has no reading", c.in)
			}
			continue
		}
		if got != c.want {
			t.Errorf("%q read as %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		r    rune
		want string
	}{
		{'𞤄', "ba"}, {'ⵢ', "yay"}, {'ᱞ', "al"}, {'ꔀ', "ee"}, {'Ꭰ', "a"}, {'́', ""}, {'5', ""},
	} {
		if got := letterByName(c.r); got != c.want {
			t.Errorf("letterByName(%q) = %q, want %q", c.r, got, c.want)
		}
	}
}

// FuzzLetterByName: any rune reads as lower-case ASCII letters and
// digits (a capital through its small letter's unidecode reading: Ƅ,
// tone six, is 6), and a rune that is not a letter as nothing.
func FuzzLetterByName(f *testing.F) {
	for _, r := range "𞤄ⵢᱞꔀᎠƵ́5Ꮎꓡ𖹀" {
		f.Add(int32(r))
	}
	f.Fuzz(func(t *testing.T, r int32) {
		s := letterByName(r)
		if !unicode.IsLetter(r) && s != "" {
			t.Fatalf("%U read as %q", r, s)
		}
		for i := 0; i < len(s); i++ {
			if (s[i] < 'a' || s[i] > 'z') && (s[i] < '0' || s[i] > '9') {
				t.Fatalf("%U read as %q", r, s)
			}
		}
	})
}
