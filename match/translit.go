package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// script flags say which Cyrillic conventions a name needs: Ukrainian
// reads г as h and и as y; Bulgarian reads ъ as a vowel and щ as sht.
type script uint8

const (
	scriptUkrainian script = 1 << iota
	scriptBulgarian
)

// detectScript looks at a whole name (given and family together) for the
// letters that only Ukrainian or Bulgarian use.
func detectScript(s string) script {
	var sc script
	prevHard := false
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r == 'і' || r == 'ї' || r == 'є' || r == 'ґ':
			sc |= scriptUkrainian
		case prevHard && isCyrillicConsonant(r):
			// Russian writes ъ only before е, ё, ю, я; Bulgarian uses it
			// as a vowel (Ангъл, Първанов).
			sc |= scriptBulgarian
		}
		prevHard = r == 'ъ'
	}
	return sc
}

func isCyrillicConsonant(r rune) bool {
	return strings.ContainsRune("бвгґджзйклмнпрстфхцчшщ", r)
}

// cyrillic is the Russian reading of each lower-case Cyrillic letter,
// close to BGN/PCGN (the form most Latin records use), plus the letters
// of Ukrainian, Belarusian, Serbian and Macedonian.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	// Ukrainian and Belarusian.
	'ґ': "g", 'є': "ye", 'і': "i", 'ї': "yi", 'ў': "u",
	// Serbian and Macedonian.
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
}

// greek is the ELOT 743 reading of each lower-case Greek letter without
// accents; digraphs are handled in translitGreek.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
	'ω': "o",
}

// latinSpecial are Latin letters that Unicode does not decompose into a
// base letter and a mark.
var latinSpecial = map[rune]string{
	'ß': "ss", 'ł': "l", 'đ': "dj", 'ð': "d", 'þ': "th", 'æ': "ae", 'œ': "oe",
	'ø': "o", 'ı': "i", 'ħ': "h", 'ŋ': "ng", 'ĸ': "k", 'ſ': "s", 'ŀ': "l",
	'ƒ': "f", 'ɨ': "i", 'ǝ': "e", 'ə': "e",
}

// richMark spells a Latin letter with a diacritic as most transliteration
// conventions would (š as sh, č as ch, ü as ue), for the phonetic key; the
// plain form simply drops the mark.
func richMark(base, mark rune) (string, bool) {
	switch mark {
	case '\u030c': // caron: š č ž ř ď ť ň
		switch base {
		case 's':
			return "sh", true
		case 'c':
			return "ch", true
		case 'z':
			return "zh", true
		case 'r':
			return "rzh", true
		}
	case '\u0301': // acute: Polish ć ś ź ń, Serbo-Croatian ć
		switch base {
		case 'c':
			return "ch", true
		case 's':
			return "sh", true
		case 'z':
			return "zh", true
		}
	case '\u0307': // dot above: ż
		if base == 'z' {
			return "zh", true
		}
	case '\u0327', '\u0326': // cedilla, comma below: ç ş ș ţ ț
		switch base {
		case 'c', 's':
			return string(base) + "h", true
		case 't':
			return "ts", true
		}
	case '\u0303': // tilde: ñ
		if base == 'n' {
			return "ny", true
		}
	case '\u0308': // diaeresis: German ä ö ü
		switch base {
		case 'a', 'o', 'u':
			return string(base) + "e", true
		}
	case '\u0302': // circumflex: ŝ (ISO 9 щ), ĉ, ĝ
		switch base {
		case 's':
			return "shch", true
		case 'c':
			return "ch", true
		}
	}
	return "", false
}

// isWordRune reports whether r belongs inside a name token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r joins the parts of one word (O'Brien,
// D'Angelo, the Ukrainian apostrophe), so it is dropped, not split on.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´', 'ʹ', 'ʺ', '‘':
		return true
	}
	return false
}

// segments splits s into words: runs of letters, digits and marks, with
// apostrophes dropped; everything else separates.
func segments(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isApostrophe(r):
		case isWordRune(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// transliterate returns word in lower-case ASCII: Cyrillic and Greek are
// transliterated, Latin letters lose their diacritics (plain) or are
// spelt out as digraphs (rich: š → sh, ü → ue). Letters of other scripts
// and symbols are dropped.
func transliterate(word string, sc script, rich bool) string {
	var b strings.Builder
	b.Grow(len(word) + 4)
	word = norm.NFC.String(strings.ToLower(word))
	rs := []rune(word)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		case r >= 0x0400 && r <= 0x04ff:
			b.WriteString(translitCyrillic(rs, i, sc))
		case r >= 0x0370 && r <= 0x03ff || r >= 0x1f00 && r <= 0x1fff:
			i += translitGreek(&b, rs, i)
		default:
			if s, ok := latinSpecial[r]; ok {
				b.WriteString(s)
				continue
			}
			writeDecomposed(&b, r, rich)
		}
	}
	return b.String()
}

// writeDecomposed writes the ASCII base letter of r (é → e), or in rich
// form its digraph spelling (š → sh).
func writeDecomposed(b *strings.Builder, r rune, rich bool) {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Bytes(buf[:n])
	base, size := utf8.DecodeRune(d)
	if base >= utf8.RuneSelf {
		if s, ok := latinSpecial[base]; ok {
			b.WriteString(s)
		}
		return
	}
	if rich {
		for _, m := range string(d[size:]) {
			if s, ok := richMark(base, m); ok {
				b.WriteString(s)
				return
			}
		}
	}
	if base >= 'a' && base <= 'z' || base >= '0' && base <= '9' {
		b.WriteRune(base)
	}
}

func translitCyrillic(rs []rune, i int, sc script) string {
	r := rs[i]
	if sc&scriptUkrainian != 0 {
		switch r {
		case 'г':
			return "h"
		case 'и':
			return "y"
		}
	}
	if sc&scriptBulgarian != 0 {
		switch r {
		case 'ъ':
			return "a"
		case 'щ':
			return "sht"
		case 'ь':
			return "y"
		}
	}
	if s, ok := cyrillic[r]; ok {
		return s
	}
	// Letters with marks (ӑ, ӣ, …): their base letter.
	d := []rune(norm.NFD.String(string(r)))
	if len(d) > 0 && d[0] != r {
		if s, ok := cyrillic[d[0]]; ok {
			return s
		}
	}
	return ""
}

// translitGreek writes the reading of the Greek letter at rs[i] and
// returns how many further runes it consumed (digraphs).
func translitGreek(b *strings.Builder, rs []rune, i int) int {
	at := func(j int) rune {
		if j < 0 || j >= len(rs) {
			return 0
		}
		return greekBase(rs[j])
	}
	r, next := at(i), at(i+1)
	initial := i == 0
	switch {
	case r == 'ο' && next == 'υ':
		b.WriteString("ou")
		return 1
	case (r == 'α' || r == 'ε' || r == 'η') && next == 'υ':
		b.WriteString(greek[r] + "v")
		return 1
	case r == 'γ' && (next == 'γ' || next == 'ξ' || next == 'χ'):
		b.WriteString("n")
		return 0
	case r == 'γ' && next == 'κ':
		if initial {
			b.WriteString("g")
		} else {
			b.WriteString("gk")
		}
		return 1
	case r == 'μ' && next == 'π' && initial:
		b.WriteString("b")
		return 1
	case r == 'ν' && next == 'τ' && initial:
		b.WriteString("d")
		return 1
	}
	b.WriteString(greek[r])
	return 0
}

// greekBase returns the lower-case Greek letter of r without accents.
func greekBase(r rune) rune {
	r = unicode.ToLower(r)
	if _, ok := greek[r]; ok {
		return r
	}
	for _, d := range norm.NFD.String(string(r)) {
		d = unicode.ToLower(d)
		if _, ok := greek[d]; ok {
			return d
		}
		break
	}
	return r
}
