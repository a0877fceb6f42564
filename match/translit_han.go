package match

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Chinese names (Han script) are read in Hanyu Pinyin without tones, the
// syllables of one name part run together (王伟 → wang wei, 张小龙 →
// zhang xiaolong), as Chinese passports and most news write them; ü is
// written u (吕 → lu), as Latin names lose their diacritics. A character
// with several readings takes its most common one, except that the first
// character of a family name takes its reading as a surname (曾 zeng,
// 单 shan, 解 xie). Characters the dictionary does not know are dropped.
// Japanese names in kanji are read the same way, which is wrong for them.

// isHan reports whether r is a Han character.
func isHan(r rune) bool { return r >= 0x2e80 && unicode.Is(unicode.Han, r) }

// hanOnly reports whether s has Han characters and no other letters or
// digits (spaces and punctuation are allowed).
func hanOnly(s string) bool {
	han := false
	for _, r := range s {
		switch {
		case isHan(r):
			han = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return false
		}
	}
	return han
}

// hasHan reports whether word has a Han character.
func hasHan(word string) bool {
	for i := 0; i < len(word); i++ {
		if word[i] >= 0xe2 { // Han characters take three or four bytes
			for _, r := range word[i:] {
				if isHan(r) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// surnameReadings are the surname readings of characters whose most
// common reading is another.
var surnameReadings = map[rune]string{
	'曾': "zeng", '单': "shan", '單': "shan", '解': "xie", '区': "ou", '區': "ou",
	'朴': "piao", '查': "zha", '仇': "qiu", '乐': "yue", '樂': "yue", '盖': "ge",
	'蓋': "ge", '覃': "qin", '翟': "zhai", '缪': "miao", '繆': "miao", '秘': "bi",
	'尉': "yu", '召': "shao", '种': "chong", '種': "chong", '员': "yun", '員': "yun",
	'折': "she", '长': "zhang", '長': "zhang", '万': "wan", '萬': "wan",
}

// compoundSurnames are two-character family names (simplified and
// traditional): a whole name that starts with one of them keeps both
// characters as the family name.
var compoundSurnames = map[string]bool{}

func init() {
	for _, s := range strings.Fields(
		"欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 " +
			"夏侯 轩辕 軒轅 令狐 宇文 司徒 司空 端木 独孤 獨孤 南宫 南宮 西门 西門 百里 呼延 " +
			"万俟 萬俟 闻人 聞人 澹台 澹臺 公羊 太史 申屠 钟离 鍾離 赫连 赫連 拓跋 东郭 東郭 " +
			"濮阳 濮陽 淳于 单于 單于 宗政 第五 左丘 谷梁 穀梁 梁丘 漆雕 乐正 樂正 壤驷 壤駟 " +
			"公冶 公良 巫马 巫馬 亓官 司寇 仉督 子车 子車 颛孙 顓孫 段干 百里 东门 東門 " +
			"羊舌 微生 梁丘 左人 公西 夹谷 夾谷 宰父 公仪 公儀 长孙 慕容 鲜于 鮮于 闾丘 閭丘") {
		compoundSurnames[s] = true
	}
}

// hanPersonName returns given and family with a whole Chinese name moved
// apart: when the family name is empty and the given name is all Han, or
// the given name is empty and the family name is all Han, the first
// character (or a compound surname of two) is the family name and the
// rest the given name — Chinese writes the family name first. A family
// name in Han whose first character reads otherwise as a surname gets
// that reading spelt out (曾 → zeng). Other names are returned as they
// are.
func hanPersonName(given, family string) (string, string) {
	var whole string
	switch {
	case strings.TrimSpace(family) == "" && hanOnly(given):
		whole = given
	case strings.TrimSpace(given) == "" && hanOnly(family):
		whole = family
	case hanOnly(family):
		return given, surnameReading(family)
	default:
		return given, family
	}
	var rs []rune
	for _, r := range whole {
		if isHan(r) {
			rs = append(rs, r)
		}
	}
	n := 1
	if len(rs) >= 3 && compoundSurnames[string(rs[:2])] {
		n = 2
	}
	if len(rs) <= n {
		return "", surnameReading(string(rs))
	}
	return string(rs[n:]), surnameReading(string(rs[:n]))
}

// surnameReading returns family with its first Han character spelt as
// the surname reading when that differs from the most common one.
func surnameReading(family string) string {
	for i, r := range family {
		if !isHan(r) {
			continue
		}
		if s, ok := surnameReadings[r]; ok {
			return family[:i] + s + family[i+len(string(r)):]
		}
		break
	}
	return family
}

// pinyinArgs are the options of the pinyin reading: no tones, the most
// common reading, characters it does not know dropped.
var pinyinArgs = pinyin.NewArgs()

// translitHan returns the pinyin of the Han characters of word run
// together, with its other letters in lower-case ASCII.
func translitHan(word string) string {
	var b strings.Builder
	b.Grow(3 * len(word))
	for _, r := range word {
		switch {
		case isHan(r):
			if py := pinyin.SinglePinyin(r, pinyinArgs); len(py) > 0 {
				for i := 0; i < len(py[0]); i++ {
					c := py[0][i]
					if c == 'v' {
						c = 'u' // ü
					}
					if c >= 'a' && c <= 'z' {
						b.WriteByte(c)
					}
				}
			}
		case r < 0x80:
			if c := byte(unicode.ToLower(r)); c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				b.WriteByte(c)
			}
		default:
			p, _ := latinFolded(unicode.ToLower(r))
			b.WriteString(p)
		}
	}
	return b.String()
}
