package match

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Arabic script (Arabic, Persian, Urdu letters) is transliterated in a
// common practical scheme: ح h, خ kh, ش sh, ث th, ذ dh, ق q, غ gh, ج j,
// ص s, ض d, ط t, ظ z; ء dropped, ع dropped except at the start of a word
// (a: علي ali, عمر amr); ة and ى a; ا a; و and ي w and y at the start of
// a word, before or after a long a, and u and i (long vowels) elsewhere;
// harakat and tatweel are dropped, presentation forms read as their
// letters, Arabic-Indic digits as digits. Persian پ p, چ ch, ژ zh, گ g,
// ک k, ی y/i.
//
// Arabic writes no short vowels, so محمد is mhmd, which must meet
// Mohammed, Muhammad and Mohamed. Tokens from Arabic script therefore
// get a phonetic key of their own: arabicMarker and their consonant
// skeleton (see skeleton), with the article al- left out when the word
// starts with it. Compare matches such a token by skeleton against the
// skeleton of the other token. BlockingKeys files every Latin person
// token under one more key, "s:"+its skeleton; the Arabic token is filed
// under "p:^"+its skeleton (its phonetic key). A check of a Latin token
// looks up "p:^"+its skeleton, and one of an Arabic token also
// "s:"+its skeleton (see lookupKeys): Latin and Arabic spellings meet,
// while Latin spellings do not meet each other by skeleton, which would
// make large blocks and count a shared name twice when the index ranks.

// arabicMarker leads the phonetic key of a token written in Arabic
// script (after givenMarker for given names).
const arabicMarker = '^'

// minSkeletonKey is the shortest skeleton a Latin person token is filed
// under (see BlockingKeys): shorter ones (Omar, Maria and Amir are all
// mr) would make huge blocks, and since a Latin token's skeleton block
// mostly repeats its phonetic block, it would count twice when the index
// ranks candidates by the keys they share.
const minSkeletonKey = 3

// isArabic reports whether r is a letter, mark or digit of the Arabic
// blocks that names use.
func isArabic(r rune) bool {
	return r >= 0x0600 && r <= 0x06ff || r >= 0x0750 && r <= 0x077f ||
		r >= 0xfb50 && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff
}

// hasArabic reports whether word has a character of Arabic script.
func hasArabic(word string) bool {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 0xd8 && c <= 0xdd || c == 0xef {
			for _, r := range word[i:] {
				if isArabic(r) && r != 0xfeff {
					return true
				}
			}
			return false
		}
	}
	return false
}

// arabicLetters is the reading of each letter of U+0621–U+06FF that has
// a fixed one (و, ي, ع and the like are read in translitArabic).
var arabicLetters = map[rune]string{
	'ء': "", 'آ': "a", 'أ': "a", 'ؤ': "u", 'إ': "i", 'ئ': "i", 'ا': "a", 'ب': "b",
	'ة': "a", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h",
	'ى': "a", 'ٱ': "a", 'ٲ': "a", 'ٳ': "a", 'ٵ': "a", 'ٶ': "u", 'ٷ': "u", 'ٸ': "y",
	// Persian, Urdu, Pashto, Kurdish.
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ڪ': "k", 'ګ': "g", 'ٹ': "t",
	'ٺ': "t", 'ٻ': "b", 'ټ': "t", 'ٽ': "t", 'ٿ': "t", 'ڀ': "b", 'ځ': "z", 'څ': "ts",
	'ڈ': "d", 'ډ': "d", 'ڊ': "d", 'ڎ': "d", 'ڑ': "r", 'ړ': "r", 'ڕ': "r", 'ږ': "zh",
	'ڙ': "zh", 'ښ': "sh", 'ڤ': "v", 'ڥ': "f", 'ڠ': "ng", 'ڨ': "q", 'ڭ': "ng", 'ڱ': "ng",
	'ڳ': "g", 'ڵ': "l", 'ں': "n", 'ڻ': "n", 'ھ': "h", 'ہ': "h", 'ۂ': "h", 'ۃ': "a",
	'ۀ': "e", 'ە': "e", 'ۆ': "o", 'ۇ': "u", 'ۈ': "u", 'ۉ': "u", 'ۋ': "v", 'ۅ': "o",
	'ې': "e", 'ے': "e", 'ۓ': "e",
}

// arabicSupplement reads U+0750–U+077F (letters with extra dots for
// African languages) as their base letters.
const arabicSupplement = "bbbbbbbhhddrs___ffkkkmmnnnlrrshhsrhaayyywwyyhssk"

// arabicVowelLike are the letters after which و and ي stay consonants.
func arabicVowelLike(r rune) bool {
	switch r {
	case 'ا', 'آ', 'أ', 'إ', 'ٱ', 'ى', 'ة':
		return true
	}
	return false
}

// arabicRunes returns the letters, digits and Latin letters of word (which
// has Arabic letters), presentation forms read as letters, harakat,
// superscript alef and tatweel dropped.
func arabicRunes(word string) []rune {
	for _, r := range word {
		if r >= 0xfb50 {
			word = norm.NFKC.String(word) // presentation forms
			break
		}
	}
	rs := make([]rune, 0, len(word)/2)
	for _, r := range word {
		switch {
		case r >= 0x064b && r <= 0x065f, r == 0x0670, r == 0x0640:
		case isArabic(r) || isWordRune(r):
			rs = append(rs, r)
		}
	}
	return rs
}

// translitArabic returns word (which has Arabic letters) in lower-case
// ASCII; Latin letters in it are kept, other characters dropped.
func translitArabic(word string) string {
	rs := arabicRunes(word)
	var b strings.Builder
	b.Grow(2 * len(rs))
	for i := range rs {
		b.WriteString(arabicPiece(rs, i))
	}
	return b.String()
}

// arabicSkeleton appends the consonant skeleton of the Arabic-script word
// to dst, read letter by letter (so that ز and ه are not the digraph zh).
// Without article it leaves out a leading al- (see arabicArticle).
func arabicSkeleton(dst []byte, word string, withoutArticle bool) []byte {
	rs := arabicRunes(word)
	var last byte
	start := len(dst)
	for i := range rs {
		if withoutArticle && i < 2 && len(rs) > 3 && rs[0] == 'ا' && rs[1] == 'ل' {
			continue
		}
		p := arabicPiece(rs, i)
		if p == "" || len(p) == 1 && (isVowelByte(p[0]) || p[0] == 'w') && len(dst) > start {
			last = 0
			continue
		}
		var one [8]byte
		for _, c := range skeleton(one[:0], p) {
			if c != last {
				dst = append(dst, c)
			}
			last = c
		}
		if len(dst) >= maxCmpLen-2 {
			break
		}
	}
	return dst
}

// arabicPiece returns the reading of rs[i].
func arabicPiece(rs []rune, i int) string {
	r := rs[i]
	var prev, next rune
	if i > 0 {
		prev = rs[i-1]
	}
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	switch {
	case r == 'و' || r == 'ي' || r == 'ی' || r == 'ۍ' || r == 'ێ':
		consonant := i == 0 || arabicVowelLike(prev) || arabicVowelLike(next) || next == 'و' || next == 'ي' || next == 'ی'
		switch {
		case consonant && r == 'و':
			return "w"
		case consonant:
			return "y"
		case r == 'و':
			return "u"
		}
		return "i"
	case r == 'ع':
		if i == 0 {
			return "a"
		}
		return ""
	case r >= 0x0660 && r <= 0x0669:
		return asciiLetters['0'+r-0x0660]
	case r >= 0x06f0 && r <= 0x06f9:
		return asciiLetters['0'+r-0x06f0]
	case r >= 0x0750 && r <= 0x077f:
		if c := arabicSupplement[r-0x0750]; c != '_' { // _: ain with dots
			return asciiLetters[c]
		}
		return ""
	case r < utf8.RuneSelf:
		if c := byte(r) | 0x20; c >= 'a' && c <= 'z' {
			return asciiLetters[c]
		} else if r >= '0' && r <= '9' {
			return asciiLetters[r]
		}
		return ""
	}
	if s, ok := arabicLetters[r]; ok {
		return s
	}
	if !isArabic(r) {
		p, _ := latinFolded(r)
		return p
	}
	return ""
}

// skeleton appends to dst the consonant skeleton of the lower-case ASCII
// token s, the form in which a name written without short vowels and
// its Latin spellings agree: vowels are dropped (and y and w except at
// the start), the letters that spell one Arabic sound are folded (sh,
// sch, ch → x; kh, h → h; q, k, g, gh, ck, hard c → k; j, dj, zh → j;
// th → t; dh → d; ph, v → f; p → b), and a letter doubled is written once.
// Mohammed, Muhammad, Mohamed and محمد all give mhmd.
func skeleton[S string | []byte](dst []byte, s S) []byte {
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	var last byte // the last consonant written, 0 after a vowel
	emit := func(c byte) {
		if c != last {
			dst = append(dst, c)
		}
		last = c
	}
	for i := 0; i < len(s); i++ {
		c, n := s[i], at(i+1)
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			last = 0
		case 'y', 'w':
			if i == 0 {
				emit(c)
			} else {
				last = 0
			}
		case 's':
			switch {
			case n == 'c' && at(i+2) == 'h':
				emit('x')
				i += 2
			case n == 'h':
				emit('x')
				i++
			default:
				emit('s')
			}
		case 'c':
			switch n {
			case 'h':
				emit('x')
				i++
			case 'k':
				emit('k')
				i++
			case 'e', 'i', 'y':
				emit('s')
			default:
				emit('k')
			}
		case 'k':
			if n == 'h' {
				emit('h')
				i++
			} else {
				emit('k')
			}
		case 'g':
			if n == 'h' {
				i++
			}
			emit('k')
		case 'q':
			emit('k')
		case 'x':
			emit('k')
			emit('s')
		case 'z':
			if n == 'h' {
				emit('j')
				i++
			} else {
				emit('z')
			}
		case 'd':
			switch {
			case n == 'j':
				emit('j')
				i++
			case n == 's' && at(i+2) == 'c' && at(i+3) == 'h':
				emit('j')
				i += 3
			case n == 'h':
				emit('d')
				i++
			default:
				emit('d')
			}
		case 't':
			if n == 'h' {
				i++
			}
			emit('t')
		case 'p':
			if n == 'h' {
				emit('f')
				i++
			} else {
				emit('b')
			}
		case 'v':
			emit('f')
		default:
			emit(c)
		}
		if len(dst) >= maxCmpLen-2 {
			break
		}
	}
	return dst
}

// arabicArticle reports whether the transliterated Arabic token t starts
// with the article al- and has a word after it.
func arabicArticle(t string) bool {
	return len(t) > 4 && t[0] == 'a' && t[1] == 'l'
}

// arabicKey returns the phonetic key of the token plain transliterated
// from the Arabic-script word seg: arabicMarker and its skeleton, without
// the article. ok is false when seg is not Arabic script.
func arabicKey(seg, plain string) (key string, ok bool) {
	if !hasArabic(seg) {
		return "", false
	}
	var buf [maxCmpLen]byte
	sk := arabicSkeleton(append(buf[:0], arabicMarker), seg, arabicArticle(plain))
	if len(sk) == 1 {
		sk = append(sk, plain...) // all vowels
	}
	return string(sk), true
}

// withArticle appends the skeleton sk of a word without its article
// and with the article (l) before it.
func withArticle(dst []byte, sk string) []byte {
	if sk == "" || sk[0] != 'l' {
		dst = append(dst, 'l')
	}
	return append(dst, sk...)
}

// isArabicKey reports whether the phonetic key p (given-name marker
// stripped) is that of a token written in Arabic script.
func isArabicKey(p string) bool { return len(p) > 0 && p[0] == arabicMarker }

// skeletonKeys returns the extra blocking key of a person token (plain
// form t, phonetic key p without the given-name marker): for a Latin
// token "s:"+its skeleton, from minSkeletonKey consonants; for an Arabic
// one with the article, "p:^"+the skeleton with the article (its key
// without the article is filed as its phonetic key).
func skeletonKeys(t, p string) string {
	var buf [maxCmpLen + 3]byte
	if isArabicKey(p) {
		if !arabicArticle(t) {
			return ""
		}
		return string(withArticle(append(buf[:0], "p:^"...), p[1:]))
	}
	sk := skeleton(append(buf[:0], "s:"...), t)
	if len(sk)-2 < minSkeletonKey {
		return ""
	}
	return string(sk)
}

// arabicSim compares two name tokens of which at least one was written
// in Arabic script (plain forms a, b; phonetic keys pa, pb without the
// given-name marker) by their consonant skeletons: equal skeletons are a
// phonetic match; skeletons of four or more consonants one edit apart a
// typo. Skeletons of one or two consonants must also agree on whether the
// name starts with a vowel (Omar and عمر, not Maria). The article al-
// may be on either side or neither. It does not allocate.
func arabicSim(a, pa, b, pb string, initials bool) (float64, how) {
	if !isArabicKey(pa) {
		a, pa, b, pb = b, pb, a, pa
	}
	if len(a) == 1 || len(b) == 1 {
		if initials && len(a) > 0 && len(b) > 0 && a[0] == b[0] {
			return simInitial, howInitial
		}
		return 0, howDifferent
	}
	if hasDigit(a) || hasDigit(b) {
		return 0, howDifferent
	}
	var as, af, bs, bf [maxCmpLen]byte
	aStrip := append(as[:0], pa[1:]...)
	aFull := aStrip
	if arabicArticle(a) {
		aFull = withArticle(af[:0], pa[1:])
	}
	var bFull, bStrip []byte
	if isArabicKey(pb) {
		bStrip = append(bs[:0], pb[1:]...)
		bFull = bStrip
		if arabicArticle(b) {
			bFull = withArticle(bf[:0], pb[1:])
		}
	} else {
		bFull = skeleton(bf[:0], b)
		bStrip = bFull
		if len(b) > 4 && (b[0] == 'a' || b[0] == 'e') && b[1] == 'l' {
			bStrip = skeleton(bs[:0], b[2:])
		}
	}
	sameStart := startsVowel(a) == startsVowel(b)
	best, bh := 0.0, howDifferent
	for _, x := range [2][]byte{aStrip, aFull} {
		for _, y := range [2][]byte{bStrip, bFull} {
			if s, h := skeletonSim(x, y, sameStart); s > best {
				best, bh = s, h
			}
		}
	}
	return best, bh
}

// skeletonSim compares two skeletons; sameStart says whether both names
// start alike (with a vowel or not).
func skeletonSim(x, y []byte, sameStart bool) (float64, how) {
	if len(x) == 0 || len(y) == 0 {
		return 0, howDifferent
	}
	if string(x) == string(y) {
		if len(x) <= 2 && !sameStart {
			return 0, howDifferent
		}
		return simPhonetic, howPhonetic
	}
	if min(len(x), len(y)) >= 4 && osa(x, y, 1) <= 1 {
		return simEdit[2], howTypo
	}
	return 0, howDifferent
}

// startsVowel reports whether the token t starts with a vowel.
func startsVowel(t string) bool { return t != "" && isVowelByte(t[0]) && t[0] != 'y' }

// translitScripts returns word in lower-case ASCII when it has letters
// of Arabic script, Han characters or another script that translitWorld
// reads, and false otherwise.
func translitScripts(word string, sc script) (string, bool) {
	switch {
	case sc&scriptJapanese != 0 && (hasHan(word) || hasWorld(word)):
		return translitWorld(word, sc), true
	case hasArabic(word):
		return translitArabic(word), true
	case hasWorld(word):
		return translitWorld(word, sc), true
	case hasHan(word):
		return translitHan(word), true
	}
	return "", false
}
