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
		case isKana(r):
			sc |= scriptJapanese
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
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
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
	start, apos := -1, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if apos {
			w = strings.Map(func(r rune) rune {
				if isApostrophe(r) {
					return -1
				}
				return r
			}, w)
		}
		if w != "" {
			out = append(out, w)
		}
		start, apos = -1, false
	}
	for i, r := range s {
		switch {
		case isApostrophe(r):
			if start < 0 {
				start = i
			}
			apos = true
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// asciiWord returns the lower-case letters and digits of an ASCII word,
// and false when word has other bytes.
func asciiWord(word string) (string, bool) {
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	b := make([]byte, 0, len(word))
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b), true
}

// transliterate returns word in lower-case ASCII: Cyrillic and Greek are
// transliterated, Latin letters lose their diacritics (plain) or are
// spelt out as digraphs (rich: š → sh, ü → ue). Letters of other scripts
// and symbols are dropped.
func transliterate(word string, sc script, rich bool) string {
	plain, r := translitBoth(word, sc)
	if rich {
		return r
	}
	return plain
}

// translitBoth returns the plain and the rich transliteration of word.
func translitBoth(word string, sc script) (plain, rich string) {
	if w, ok := asciiWord(word); ok {
		return w, w
	}
	if w, ok := translitScripts(word, sc); ok {
		return w, w
	}
	if !norm.NFKC.IsNormalString(word) {
		// Compatibility forms read as the letters they are: full-width
		// Ｊｏｈｎ, ligatures (ﬁ), Greek symbols (ϑ, ϕ), the long s.
		word = norm.NFKC.String(word)
	}
	rs := []rune(word)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	var p, q strings.Builder
	p.Grow(len(word) + 4)
	q.Grow(len(word) + 8)
	both := func(s string) {
		p.WriteString(s)
		q.WriteString(s)
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				p.WriteByte(byte(r))
				q.WriteByte(byte(r))
			}
		case r >= 0x0400 && r <= 0x04ff:
			both(translitCyrillic(rs, i, sc))
		case r >= 0x0370 && r <= 0x03ff || r >= 0x1f00 && r <= 0x1fff:
			start := p.Len()
			i += translitGreek(&p, rs, i)
			q.WriteString(p.String()[start:])
		default:
			if s, ok := latinSpecial[r]; ok {
				both(s)
				continue
			}
			ps, rsx := latinFolded(r)
			if ps == "" {
				// Another script, or a Latin letter with no base letter
				// (Ƶ, ƀ, Ŧ): its reading (see translit_world.go).
				ps = unidecodeRune(r)
				rsx = ps
			}
			p.WriteString(ps)
			q.WriteString(rsx)
		}
	}
	if p.Len() == q.Len() && p.String() == q.String() {
		return p.String(), p.String()
	}
	return p.String(), q.String()
}

// decomposed returns the ASCII base letter of r (é → e) and its rich
// spelling (š → sh), or "" for letters with no Latin base.
func decomposed(r rune) (plain, rich string) {
	var buf [utf8.UTFMax]byte
	var dbuf [4 * utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Append(dbuf[:0], buf[:n]...)
	base, size := utf8.DecodeRune(d)
	if base >= utf8.RuneSelf {
		s := latinSpecial[base]
		return s, s
	}
	if !(base >= 'a' && base <= 'z' || base >= '0' && base <= '9') {
		return "", ""
	}
	plain = asciiLetters[base]
	for _, m := range string(d[size:]) {
		if s, ok := richMark(base, m); ok {
			return plain, s
		}
	}
	return plain, plain
}

// latinFolded is decomposed, read from a table for the Latin letters
// with diacritics that names use.
func latinFolded(r rune) (plain, rich string) {
	switch {
	case r >= latin1Lo && r <= latin1Hi:
		f := latinTable[r-latin1Lo]
		return f[0], f[1]
	case r >= latinExtLo && r <= latinExtHi:
		f := latinExtTable[r-latinExtLo]
		return f[0], f[1]
	}
	return decomposed(r)
}

// Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional.
const (
	latin1Lo, latin1Hi     = 0x00c0, 0x024f
	latinExtLo, latinExtHi = 0x1e00, 0x1eff
)

// latinTable and latinExtTable hold decomposed of their ranges; they are
// filled once and only read.
var (
	latinTable    = foldTable(latin1Lo, latin1Hi)
	latinExtTable = foldTable(latinExtLo, latinExtHi)
)

func foldTable(lo, hi rune) [][2]string {
	t := make([][2]string, hi-lo+1)
	for r := lo; r <= hi; r++ {
		if s, ok := latinSpecial[unicode.ToLower(r)]; ok {
			t[r-lo] = [2]string{s, s}
			continue
		}
		p, q := decomposed(unicode.ToLower(r))
		t[r-lo] = [2]string{p, q}
	}
	return t
}

// asciiLetters holds each ASCII letter and digit as a string, so that
// decomposed does not allocate.
var asciiLetters = func() (t [utf8.RuneSelf]string) {
	for c := '0'; c <= 'z'; c++ {
		t[c] = string(c)
	}
	return t
}()

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
	switch {
	case r == 'ъ' || r == 'ь':
		return ""
	case r == 'ә' || len(d) > 0 && d[0] == 'ә':
		return "a" // the schwa of Kazakh, Tatar, Bashkir (Latin ä)
	}
	// Letters of the other languages written in Cyrillic (Kazakh Ә, Ғ,
	// Қ, Ң, Ө, Ұ, Ү, Һ; Mongolian Ө, Ү; old Ѣ, Ѳ): unidecode's reading,
	// rather than nothing (Нұрсұлтан was read nrsltan).
	return unidecodeRune(r)
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
	if d, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r))); d != utf8.RuneError {
		if d = unicode.ToLower(d); greek[d] != "" {
			return d
		}
	}
	return r
}
