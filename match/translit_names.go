package match

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/runenames"
)

// letterByName reads a letter that neither the rules of this package nor
// Text::Unidecode's table read (scripts added to Unicode since: Adlam,
// Tifinagh, Ol Chiki, Lisu, Javanese, Georgian Mtavruli …) by its name in
// the Unicode Character Database: the first word after LETTER, SYLLABLE,
// SYLLABICS or LIGATURE that is not a word of form (SMALL, CAPITAL,
// FINAL …), in lower case, up to five letters: ADLAM SMALL LETTER BA is
// ba, VAI SYLLABLE KPAN kpan, OL CHIKI LETTER LA la. The reading is a
// letter's name rather than its sound, but a name in one of these
// scripts then has a Latin reading, so that two records of it meet and
// agree. Marks, digits and symbols read as nothing.
func letterByName(r rune) string {
	if !unicode.IsLetter(r) {
		return ""
	}
	if l := unicode.ToLower(r); l != r {
		if s := unidecodeRune(l); s != "" {
			return s // Georgian Mtavruli: read as its small letter
		}
		r = l
	}
	name := runenames.Name(r)
	i := -1
	for _, w := range []string{" LETTER ", " SYLLABLE ", " SYLLABICS ", " LIGATURE "} {
		if j := strings.Index(name, w); j >= 0 && (i < 0 || j < i) {
			i = j + len(w)
		}
	}
	if i < 0 {
		return ""
	}
	for _, w := range strings.Fields(name[i:]) {
		if w == "WITH" {
			break
		}
		if letterNameForms[w] {
			continue
		}
		var b [5]byte
		n := 0
		for j := 0; j < len(w) && n < len(b); j++ {
			if c := w[j]; c >= 'A' && c <= 'Z' {
				b[n] = c + 'a' - 'A'
				n++
			}
		}
		return string(b[:n])
	}
	return ""
}

// letterNameForms are words of a letter's name that say its form, not
// which letter it is.
var letterNameForms = map[string]bool{
	"SMALL": true, "CAPITAL": true, "FINAL": true, "INITIAL": true, "MEDIAL": true, "ISOLATED": true,
	"SUBJOINED": true, "TURNED": true, "REVERSED": true, "INVERTED": true, "DOTLESS": true, "SCRIPT": true,
	"SIDEWAYS": true, "MODIFIER": true, "LETTER": true, "SIGN": true, "VOWEL": true, "INDEPENDENT": true,
	"DEPENDENT": true, "ARCHAIC": true, "OLD": true, "ALTERNATE": true, "HALF": true, "FORM": true,
}
