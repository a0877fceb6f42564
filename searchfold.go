package crosscase

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldSearchText is how a search's text and what it looks in are compared
// (README, "Search"): lower-cased, without diacritics, so that "Durres",
// "DURRËS" and "durrës" all read "durres", and "Muller" finds Müller. The
// store keeps entities' and cases' search text folded by it, and folds
// every query by it, so that both sides agree and the trigram indexes
// over the stored text serve the query.
//
// Letters are lower-cased, decomposed (NFD), stripped of their
// nonspacing marks (accents, cedillas, ogoneks, carons; also Hebrew and
// Arabic vowel points) and composed again (NFC); the few Latin letters
// that do not decompose are spelt out: ß ss, ø o, đ and ð d, ł l, æ ae,
// œ oe, dotless ı i, þ th, and final ς σ. Spaces, line breaks and every
// other character stay as they are, so that the stored fields remain one
// per line. Folding twice gives the same as once.
func FoldSearchText(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	d := norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if spelt, ok := foldLetters[r]; ok {
			b.WriteString(spelt)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// foldLetters are the letters FoldSearchText spells out because
// decomposing them leaves no base letter to keep.
var foldLetters = map[rune]string{
	'ß': "ss",
	'ø': "o",
	'đ': "d",
	'ð': "d",
	'ł': "l",
	'æ': "ae",
	'œ': "oe",
	'ı': "i",
	'þ': "th",
	'ς': "σ",
}

// isFoldedASCII reports whether s is ASCII without capital letters,
// which FoldSearchText leaves as it is.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
