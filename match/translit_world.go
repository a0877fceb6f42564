package match

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-unidecode/table"
)

// Scripts beyond Latin, Cyrillic, Greek, Arabic and Han.
//
// Every letter gets a Latin reading, so that a name written in any script
// has tokens, phonetic keys and blocking keys, and two records with the
// same name in one script meet and score as the same name. The floor is
// Text::Unidecode's table (github.com/mozillazg/go-unidecode), read one
// letter at a time; scripts where a letter's sound depends on its
// neighbours have rules of their own:
//
//   - Japanese kana in Hepburn (シャ sha, ティ ti, ッ doubling the next
//     consonant, ー dropped); when a name has kana, its kanji are not read
//     as Chinese (the readings differ) but kept as opaque letters, so that
//     the same kanji still agree and different ones do not;
//   - Korean Hangul in the Revised Romanization, syllable by syllable, a
//     one-syllable token (a family name) in its customary spelling (김 Kim,
//     이 Lee, 박 Park);
//   - the Brahmic scripts of India (Devanagari, Bengali, Gurmukhi,
//     Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam) with the inherent
//     vowel a after a consonant that carries no vowel sign or virama, not
//     at the end of a word (नरेन्द्र narendra, राम ram), and long vowels
//     written once (दी di);
//   - Thai with the vowels written before their consonant (เ แ โ ใ ไ)
//     read after it;
//   - Hebrew with ו and י read as vowels inside a word (v and y at its
//     start) and a final ה as a.

// scriptJapanese marks a name that has kana: its kanji are not Chinese.
const scriptJapanese script = 1 << 7

func isKana(r rune) bool {
	return r >= 0x3041 && r <= 0x30ff && r != 0x30fb || r >= 0x31f0 && r <= 0x31ff || r >= 0xff66 && r <= 0xff9d
}

func isHangul(r rune) bool {
	return r >= 0xac00 && r <= 0xd7a3 || r >= 0x1100 && r <= 0x11ff || r >= 0x3130 && r <= 0x318f
}

// isIndic reports whether r is in one of the Brahmic blocks that share
// the ISCII layout (Devanagari to Malayalam).
func isIndic(r rune) bool { return r >= 0x0900 && r <= 0x0d7f }

func isThai(r rune) bool   { return r >= 0x0e00 && r <= 0x0e7f }
func isHebrew(r rune) bool { return r >= 0x0590 && r <= 0x05ff || r >= 0xfb1d && r <= 0xfb4f }

// hasWorld reports whether word has a letter that translitWorld reads.
func hasWorld(word string) bool {
	for _, r := range word {
		if r >= 0x0530 && (isKana(r) || isHangul(r) || isIndic(r) || isThai(r) || isHebrew(r)) {
			return true
		}
	}
	return false
}

// translitWorld returns word in lower-case ASCII, reading kana, Hangul,
// Brahmic, Thai and Hebrew letters by their rules and any other letter by
// unidecodeRune. Han characters are read as pinyin, unless sc says the
// name is Japanese.
func translitWorld(word string, sc script) string {
	rs := []rune(word)
	var b strings.Builder
	b.Grow(2 * len(word))
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isKana(r):
			i = kana(&b, rs, i)
			continue
		case r >= 0xac00 && r <= 0xd7a3:
			i = hangul(&b, rs, i)
			continue
		case isHangul(r):
			// A bare jamo (ㅎㅎ, laughter) is not a name.
		case isIndic(r):
			i = indic(&b, rs, i)
			continue
		case isThai(r):
			i = thai(&b, rs, i)
			continue
		case isHebrew(r):
			hebrew(&b, rs, i)
		case isHan(r):
			if sc&scriptJapanese != 0 {
				opaque(&b, r)
			} else {
				b.WriteString(translitHan(string(r)))
			}
		default:
			b.WriteString(worldRune(r))
		}
		i++
	}
	return b.String()
}

// worldRune returns the reading of any letter or digit in lower-case
// ASCII letters and digits: Latin letters lose their marks, others take
// their unidecode reading.
func worldRune(r rune) string {
	r = unicode.ToLower(r)
	if r < 0x80 {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return asciiLetters[r]
		}
		return ""
	}
	if p, _ := latinFolded(r); p != "" {
		return p
	}
	return unidecodeRune(r)
}

// georgian corrects unidecode's reading of a few Georgian letters to the
// national system (ძ dz, წ ts, ჭ ch, ყ q).
var georgian = map[rune]string{'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ყ': "q", 'ჰ': "h", 'ღ': "gh", 'ჟ': "zh"}

// unidecodeRune returns unidecode's reading of r, lower-case letters and
// digits only.
func unidecodeRune(r rune) string {
	if r > 0xeffff {
		return ""
	}
	if s, ok := georgian[r]; ok {
		return s
	}
	t, ok := table.Tables[r>>8]
	if !ok || int(r&0xff) >= len(t) || t[r&0xff] == "" {
		return letterByName(r)
	}
	s := t[r&0xff]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return lettersOf(s)
		}
	}
	return s
}

func lettersOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// opaque writes a kanji of a Japanese name as five letters that stand
// for its code point: equal kanji agree, and no reading is guessed.
func opaque(b *strings.Builder, r rune) {
	b.WriteByte('x')
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(byte('a' + (r>>shift)&15))
	}
}

// kanaSyllables is the Hepburn reading of each katakana (hiragana are
// read as their katakana).
var kanaSyllables = map[rune]string{
	'ア': "a", 'イ': "i", 'ウ': "u", 'エ': "e", 'オ': "o",
	'カ': "ka", 'キ': "ki", 'ク': "ku", 'ケ': "ke", 'コ': "ko",
	'ガ': "ga", 'ギ': "gi", 'グ': "gu", 'ゲ': "ge", 'ゴ': "go",
	'サ': "sa", 'シ': "shi", 'ス': "su", 'セ': "se", 'ソ': "so",
	'ザ': "za", 'ジ': "ji", 'ズ': "zu", 'ゼ': "ze", 'ゾ': "zo",
	'タ': "ta", 'チ': "chi", 'ツ': "tsu", 'テ': "te", 'ト': "to",
	'ダ': "da", 'ヂ': "ji", 'ヅ': "zu", 'デ': "de", 'ド': "do",
	'ナ': "na", 'ニ': "ni", 'ヌ': "nu", 'ネ': "ne", 'ノ': "no",
	'ハ': "ha", 'ヒ': "hi", 'フ': "fu", 'ヘ': "he", 'ホ': "ho",
	'バ': "ba", 'ビ': "bi", 'ブ': "bu", 'ベ': "be", 'ボ': "bo",
	'パ': "pa", 'ピ': "pi", 'プ': "pu", 'ペ': "pe", 'ポ': "po",
	'マ': "ma", 'ミ': "mi", 'ム': "mu", 'メ': "me", 'モ': "mo",
	'ヤ': "ya", 'ユ': "yu", 'ヨ': "yo",
	'ラ': "ra", 'リ': "ri", 'ル': "ru", 'レ': "re", 'ロ': "ro",
	'ワ': "wa", 'ヰ': "i", 'ヱ': "e", 'ヲ': "o", 'ン': "n", 'ヴ': "vu",
	'ヵ': "ka", 'ヶ': "ke", 'ヷ': "va", 'ヸ': "vi", 'ヹ': "ve", 'ヺ': "vo",
}

// kanaSmall are the small kana that change the syllable before them.
var kanaSmall = map[rune]string{
	'ァ': "a", 'ィ': "i", 'ゥ': "u", 'ェ': "e", 'ォ': "o",
	'ャ': "ya", 'ュ': "yu", 'ョ': "yo", 'ヮ': "wa",
}

// halfWidthKana maps half-width katakana to their full-width forms.
const halfWidthKana = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"

func toKatakana(r rune) rune {
	switch {
	case r >= 0x3041 && r <= 0x3096:
		return r + 0x60
	case r >= 0xff66 && r <= 0xff9d:
		return []rune(halfWidthKana)[r-0xff66]
	}
	return r
}

// kana writes the syllable at rs[i] with the small kana after it and
// returns the index after them.
func kana(b *strings.Builder, rs []rune, i int) int {
	r := toKatakana(rs[i])
	switch r {
	case 'ー', 'ヽ', 'ヾ', 'ゝ', 'ゞ':
		return i + 1 // a long vowel or a repeat mark: written once
	case 'ッ':
		// Doubles the consonant that follows (ッカ kka, ッチ tchi).
		if i+1 < len(rs) && isKana(rs[i+1]) {
			if s := kanaSyllables[toKatakana(rs[i+1])]; s != "" && !isVowelByte(s[0]) && s[0] != 'n' {
				if s[0] == 'c' {
					b.WriteByte('t')
				} else {
					b.WriteByte(s[0])
				}
			}
		}
		return i + 1
	}
	s, ok := kanaSyllables[r]
	if !ok {
		if small, ok := kanaSmall[r]; ok {
			b.WriteString(small)
		}
		return i + 1
	}
	i++
	if i < len(rs) && isKana(rs[i]) {
		if small, ok := kanaSmall[toKatakana(rs[i])]; ok {
			i++
			switch {
			case small[0] == 'y' && endsWith(s, "i") && len(s) > 1:
				// キャ kya; シャ sha, チャ cha, ジャ ja.
				base := s[:len(s)-1]
				if endsWith(base, "sh") || endsWith(base, "ch") || base == "j" {
					s = base + small[1:]
				} else {
					s = base + small
				}
			case s == "u":
				s = "w" + small // ウィ wi, ウェ we
			case len(small) == 1 && len(s) > 1:
				// A foreign sound: ファ fa, ティ ti, ヴァ va, シェ she, ツァ tsa.
				s = trimVowels(s) + small
				if s == "tsi" {
					s = "tsi"
				}
			default:
				s += small
			}
		}
	}
	b.WriteString(s)
	return i
}

// Hangul in the Revised Romanization.
var (
	hangulInitials = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulVowels   = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulFinals   = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// koreanSurnames are the customary spellings of the commonest family
// names, which the Revised Romanization spells otherwise (김 gim).
var koreanSurnames = map[rune]string{
	'김': "kim", '이': "lee", '박': "park", '최': "choi", '정': "jung", '강': "kang",
	'조': "cho", '윤': "yoon", '장': "jang", '임': "lim", '한': "han", '오': "oh",
	'서': "seo", '신': "shin", '권': "kwon", '황': "hwang", '안': "ahn", '송': "song",
	'류': "ryu", '유': "yoo", '홍': "hong", '전': "jeon", '고': "ko", '문': "moon",
	'양': "yang", '손': "son", '배': "bae", '백': "baek", '허': "heo", '노': "noh",
	'심': "shim", '하': "ha", '곽': "kwak", '성': "sung", '차': "cha", '주': "joo",
	'우': "woo", '구': "koo", '민': "min", '나': "na", '진': "jin", '지': "ji",
	'엄': "eom", '채': "chae", '원': "won", '천': "cheon", '방': "bang", '공': "kong",
	'현': "hyun", '함': "ham", '변': "byun", '염': "yeom", '여': "yeo", '추': "choo",
	'도': "do", '소': "so", '석': "seok", '선': "sun", '설': "seol", '마': "ma",
	'길': "gil", '연': "yeon", '위': "wi", '표': "pyo", '명': "myung", '기': "ki",
	'반': "ban", '왕': "wang", '금': "keum", '옥': "ok", '육': "yook", '인': "in",
	'맹': "maeng", '제': "je", '모': "mo", '탁': "tak", '국': "kook", '어': "eo",
	'은': "eun", '편': "pyun", '용': "yong", '남': "nam", '경': "kyung", '봉': "bong",
}

// hangul writes the syllables from rs[i] on and returns the index after
// them.
func hangul(b *strings.Builder, rs []rune, i int) int {
	start := i
	for i < len(rs) && rs[i] >= 0xac00 && rs[i] <= 0xd7a3 {
		i++
	}
	if i-start == 1 && (start == 0 || !isHangul(rs[start-1])) && (i == len(rs)) {
		if s, ok := koreanSurnames[rs[start]]; ok {
			b.WriteString(s)
			return i
		}
	}
	for _, r := range rs[start:i] {
		n := int(r - 0xac00)
		b.WriteString(hangulInitials[n/(21*28)])
		b.WriteString(hangulVowels[n/28%21])
		b.WriteString(hangulFinals[n%28])
	}
	return i
}

// indic writes the letter at rs[i] of a Brahmic script and returns the
// index after it.
func indic(b *strings.Builder, rs []rune, i int) int {
	r := rs[i]
	off := r & 0x7f
	base := r &^ 0x7f
	sameBlock := func(j int) (rune, bool) {
		if j < len(rs) && rs[j]&^0x7f == base {
			return rs[j] & 0x7f, true
		}
		return 0, false
	}
	switch {
	case off == 0x01 || off == 0x02: // candrabindu, anusvara
		b.WriteByte('n')
		return i + 1
	case off == 0x03: // visarga
		b.WriteByte('h')
		return i + 1
	case off == 0x3c || off == 0x4d || off >= 0x51 && off <= 0x54: // nukta, virama, accents
		return i + 1
	case off >= 0x05 && off <= 0x14 || off >= 0x3e && off <= 0x4c || off >= 0x55 && off <= 0x57 || off >= 0x60 && off <= 0x63:
		// A vowel or a vowel sign: a long one written once.
		b.WriteString(shortVowels(unidecodeRune(r)))
		return i + 1
	case off >= 0x15 && off <= 0x39 || off >= 0x58 && off <= 0x5f || off == 0x7a || off == 0x7b:
		s := unidecodeRune(r)
		// A trailing "a" from the table is the inherent vowel; it is
		// decided here.
		s = strings.TrimSuffix(s, "a")
		if s == "" {
			s = unidecodeRune(r)
		}
		b.WriteString(s)
		j := i + 1
		if o, ok := sameBlock(j); ok && o == 0x3c { // nukta
			j++
		}
		o, ok := sameBlock(j)
		switch {
		case ok && (o == 0x4d || o >= 0x3e && o <= 0x4c || o >= 0x55 && o <= 0x57 || o >= 0x62 && o <= 0x63):
			// A virama or a vowel sign follows: no inherent vowel.
		case !ok || o < 0x15:
			// The end of the word: the inherent vowel is not said (राम
			// ram), except after a conjunct (नरेन्द्र narendra).
			if i > 0 {
				if p, ok := rs[i-1]&0x7f, rs[i-1]&^0x7f == base; ok && p == 0x4d {
					b.WriteByte('a')
				}
			}
		default:
			b.WriteByte('a')
		}
		return j
	}
	b.WriteString(unidecodeRune(r))
	return i + 1
}

// shortVowels writes the long vowels of a reading once (aa a, ii i).
func shortVowels(s string) string {
	if len(s) == 2 && s[0] == s[1] {
		return s[:1]
	}
	return s
}

// thai writes the letter at rs[i] and returns the index after what it
// consumed: a vowel written before its consonant is read after it.
func thai(b *strings.Builder, rs []rune, i int) int {
	r := rs[i]
	switch {
	case r >= 0x0e40 && r <= 0x0e44 && i+1 < len(rs) && rs[i+1] >= 0x0e01 && rs[i+1] <= 0x0e2e:
		b.WriteString(unidecodeRune(rs[i+1]))
		b.WriteString(unidecodeRune(r))
		return i + 2
	case r >= 0x0e47 && r <= 0x0e4e: // tone marks, the silent-letter mark
		return i + 1
	}
	b.WriteString(unidecodeRune(r))
	return i + 1
}

// hebrewLetters is the reading of each Hebrew letter; ו and י are vowels
// inside a word (see hebrew).
var hebrewLetters = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z", 'ח': "h",
	'ט': "t", 'י': "y", 'ך': "kh", 'כ': "k", 'ל': "l", 'ם': "m", 'מ': "m", 'ן': "n",
	'נ': "n", 'ס': "s", 'ע': "", 'ף': "f", 'פ': "p", 'ץ': "ts", 'צ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t",
}

func hebrew(b *strings.Builder, rs []rune, i int) {
	r := rs[i]
	first := i == 0 || !isHebrew(rs[i-1])
	last := i+1 == len(rs) || !isHebrew(rs[i+1])
	switch {
	case r == 'ו' && !first:
		if i > 0 && rs[i-1] == 'ו' {
			return // וו is v
		}
		if i+1 < len(rs) && rs[i+1] == 'ו' {
			b.WriteByte('v')
			return
		}
		b.WriteByte('o')
	case r == 'י' && !first:
		if i+1 < len(rs) && rs[i+1] == 'י' {
			b.WriteByte('y')
			return
		}
		if i > 0 && rs[i-1] == 'י' {
			return
		}
		b.WriteByte('i')
	case r == 'א' && first:
		b.WriteByte('a')
	case r == 'ה' && last && !first:
		b.WriteByte('a')
	default:
		if s, ok := hebrewLetters[r]; ok {
			b.WriteString(s)
		}
	}
}
