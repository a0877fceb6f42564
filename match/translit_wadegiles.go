package match

import (
	"bytes"
	"strings"
)

// Chinese names written in Wade–Giles (Chiang Ching-kuo, Ch'en Shui-pien,
// Hsiao-lung: Taiwanese passports and most Western writing before the
// 1980s) are read as Hanyu Pinyin, so that they meet the same names in
// pinyin and in characters (which are read as pinyin, see translitHan).
// The phonetic key folds some of the two systems' differences (Chang and
// Zhang), not the rest: Wade–Giles writes unaspirated consonants as
// pinyin writes aspirated ones (k is g, t is d, ch is zh or j) and marks
// aspiration with an apostrophe (k' is k, ch' is ch or q), and spells hs
// for x, j for r, -ih for -i, -ung for -ong, -ien for -ian.
//
// A name is read this way only when every word of it, split at hyphens,
// is a Wade–Giles syllable and at least one of them is a syllable no
// pinyin name has (hsiao, chien, kuei, lung), or carries the apostrophe of
// an aspirate: Wang Hai-tao stays as it is, Chang Hsiao-lung becomes
// zhang xiaolong. The syllables of a hyphenated word run together, as
// pinyin writes them. The table is derived from the pinyin syllables by
// the Wade–Giles rules (pinyinToWadeGiles); where diacritics are left out
// and two pinyin syllables meet in one spelling (chun is zhun, chün jun),
// the one that names use more is kept.

// pinyinSyllables are the syllables of Hanyu Pinyin without tones, ü
// written v.
const pinyinSyllables = "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu " +
	"ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai " +
	"chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia " +
	"dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu " +
	"ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he " +
	"hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu " +
	"ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai " +
	"lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lve lun luo lv ma " +
	"mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei " +
	"nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nve nuo nv o ou pa pai pan pang pao pei " +
	"pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan " +
	"que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng " +
	"sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si " +
	"song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui " +
	"tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue " +
	"xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng " +
	"zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun " +
	"zhuo zi zong zou zu zuan zui zun zuo"

// wadeGilesPreferred settles the spellings that two pinyin syllables
// share once the diacritics are left out: the reading names use more.
var wadeGilesPreferred = map[string]string{
	"chu": "zhu", "ch'u": "chu", "chun": "jun", "ch'un": "chun", "chuan": "juan",
	"ch'uan": "quan", "yu": "yu", "lu": "lu", "nu": "nu", "lueh": "lve", "nueh": "nve",
}

var (
	// wadeGiles maps a Wade–Giles syllable (lower case, apostrophe kept,
	// ü and ê written u and e) to its pinyin.
	wadeGiles = map[string]string{}
	// pinyinSet holds the pinyin syllables, ü written u.
	pinyinSet = map[string]bool{}
)

func init() {
	for _, py := range strings.Fields(pinyinSyllables) {
		pinyinSet[strings.ReplaceAll(py, "v", "u")] = true
		for _, wg := range pinyinToWadeGiles(py) {
			if p, ok := wadeGilesPreferred[wg]; ok {
				wadeGiles[wg] = strings.ReplaceAll(p, "v", "u")
				continue
			}
			if _, ok := wadeGiles[wg]; !ok {
				wadeGiles[wg] = strings.ReplaceAll(py, "v", "u")
			}
		}
	}
}

// pinyinToWadeGiles returns the Wade–Giles spellings of a pinyin syllable
// (ü written v), diacritics left out: the standard one and the variants
// that passports and the press use (tz and ts, ss and sz, kuei and kui).
func pinyinToWadeGiles(py string) []string {
	switch py {
	case "zhi":
		return []string{"chih"}
	case "chi":
		return []string{"ch'ih"}
	case "shi":
		return []string{"shih"}
	case "ri":
		return []string{"jih"}
	case "zi":
		return []string{"tzu", "tsu"}
	case "ci":
		return []string{"tz'u", "ts'u"}
	case "si":
		return []string{"ssu", "szu"}
	case "er":
		return []string{"erh"}
	case "yi":
		return []string{"i", "yi"}
	case "you":
		return []string{"yu"}
	case "e":
		return []string{"o", "e"}
	}
	initials := []struct{ py, wg string }{
		{"zh", "ch"}, {"ch", "ch'"}, {"sh", "sh"}, {"b", "p"}, {"p", "p'"}, {"m", "m"}, {"f", "f"},
		{"d", "t"}, {"t", "t'"}, {"n", "n"}, {"l", "l"}, {"g", "k"}, {"k", "k'"}, {"h", "h"},
		{"j", "ch"}, {"q", "ch'"}, {"x", "hs"}, {"r", "j"}, {"z", "ts"}, {"c", "ts'"}, {"s", "s"},
		{"y", "y"}, {"w", "w"},
	}
	ini, fin := "", py
	for _, in := range initials {
		if strings.HasPrefix(py, in.py) {
			ini, fin = in.wg, py[len(in.py):]
			break
		}
	}
	pyIni := py[:len(py)-len(fin)]
	// After j, q, x and y, u is ü.
	if (pyIni == "j" || pyIni == "q" || pyIni == "x" || pyIni == "y") && strings.HasPrefix(fin, "u") {
		fin = "v" + fin[1:]
	}
	switch {
	case fin == "ong":
		fin = "ung"
	case fin == "iong":
		fin = "iung"
	case fin == "ian":
		fin = "ien"
	case fin == "ie":
		fin = "ieh"
	case fin == "ve":
		fin = "veh"
	case fin == "e" && pyIni == "y":
		fin = "eh"
	case fin == "an" && pyIni == "y":
		fin = "en"
	case fin == "e" && (pyIni == "g" || pyIni == "k" || pyIni == "h"):
		fin = "o"
	case fin == "uo" && pyIni != "g" && pyIni != "k" && pyIni != "h" && pyIni != "sh":
		fin = "o" // duo is to, zhuo cho, ruo jo; guo stays kuo
	case fin == "ui" && (pyIni == "g" || pyIni == "k"):
		return []string{ini + "uei", ini + "ui"}
	}
	fin = strings.ReplaceAll(fin, "v", "u") // diacritics are left out
	out := []string{ini + fin}
	switch ini {
	case "ts":
		out = append(out, "tz"+fin)
	case "ts'":
		out = append(out, "tz'"+fin)
	}
	return out
}

// wadeGilesName returns given and family read as pinyin when the whole
// name is written in Wade–Giles (see the comment at the top of this
// file), and the two as they are otherwise. It allocates only for a name
// it reads.
func wadeGilesName(given, family string) (string, string) {
	var gbuf, fbuf [64]byte
	g, gSure, gn, ok := readWadeGiles(given, gbuf[:0])
	if !ok {
		return given, family
	}
	f, fSure, fn, ok := readWadeGiles(family, fbuf[:0])
	if !ok || !gSure && !fSure || gn+fn < 2 {
		return given, family
	}
	return string(g), string(f)
}

// readWadeGiles appends to dst the pinyin of field, its words apart and
// the syllables of a hyphenated word run together. It reports whether
// one syllable is surely Wade–Giles, how many syllables there were, and
// false when field holds anything that is not a Wade–Giles syllable.
func readWadeGiles(field string, dst []byte) (out []byte, sure bool, n int, ok bool) {
	var syl [8]byte // the longest syllable, ch'uang, has 7 bytes
	sl := 0
	flush := func() bool {
		if sl == 0 {
			return true
		}
		py, isWG := wadeGiles[string(syl[:sl])]
		if !isWG {
			return false
		}
		// A syllable of one letter may be an initial, so it is never
		// the sign of Wade–Giles.
		sure = sure || sl > 1 && (bytes.IndexByte(syl[:sl], '\'') >= 0 || !pinyinSet[string(syl[:sl])])
		dst = append(dst, py...)
		n++
		sl = 0
		return true
	}
	for _, r := range field {
		var c byte
		switch {
		case r >= 'a' && r <= 'z', r == '\'':
			c = byte(r)
		case r >= 'A' && r <= 'Z':
			c = byte(r) + 'a' - 'A'
		case r == '’' || r == 'ʻ' || r == '‘':
			c = '\''
		case r == 'ü' || r == 'Ü' || r == 'ŭ' || r == 'Ŭ':
			c = 'u'
		case r == 'ê' || r == 'Ê':
			c = 'e'
		case r == '-':
			if !flush() {
				return nil, false, 0, false
			}
			continue
		case r == ' ':
			if !flush() {
				return nil, false, 0, false
			}
			if len(dst) > 0 && dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
			continue
		default:
			return nil, false, 0, false
		}
		if sl == len(syl) {
			return nil, false, 0, false
		}
		syl[sl] = c
		sl++
	}
	if !flush() {
		return nil, false, 0, false
	}
	for len(dst) > 0 && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst, sure, n, true
}
