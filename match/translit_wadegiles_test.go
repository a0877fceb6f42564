package match

import (
	"strings"
	"testing"

	"crosscase"
)

func TestWadeGilesName(t *testing.T) {
	for _, c := range []struct{ given, family, wantGiven, wantFamily string }{
		{"Hsiao-lung", "Chang", "xiaolong", "zhang"},
		{"Ching-kuo", "Chiang", "jingguo", "jiang"},
		{"Hai-t'ao", "Yang", "haitao", "yang"},
		{"Ming", "Ch'en", "ming", "chen"},
		{"Chih-chiang", "Liu", "zhijiang", "liu"},
		{"Hsiu-ying", "Huang", "xiuying", "huang"},
		{"Chun-chieh", "Chao", "junjie", "zhao"},
		{"Kuo-hua", "Hsü", "guohua", "xu"},
		{"Tzu-ch'iang", "Ts'ao", "ziqiang", "cao"},
		{"Shih-chieh", "Jen", "shijie", "ren"},
		{"Hsüeh-liang", "Chang", "xueliang", "zhang"},
		{"Yung-ch'ing", "Kuei", "yongqing", "gui"},
		// Pinyin, and names that only look like it, stay.
		{"Hai-Tao", "Yang", "Hai-Tao", "Yang"},
		{"Xiaolong", "Li", "Xiaolong", "Li"},
		{"Kuo-hua", "Huang", "Kuo-hua", "Huang"},
		{"Mario", "Rossi", "Mario", "Rossi"},
		{"Kwok-wah", "Chan", "Kwok-wah", "Chan"},
		{"Hung", "", "Hung", ""},
		{"Jürgen", "Ho", "Jürgen", "Ho"},
	} {
		g, f := wadeGilesName(c.given, c.family)
		if g != c.wantGiven || f != c.wantFamily {
			t.Errorf("wadeGilesName(%q, %q) = %q, %q; want %q, %q", c.given, c.family, g, f, c.wantGiven, c.wantFamily)
		}
	}
}

// TestWadeGilesTable checks the table against the spellings reference
// works give for whole syllables.
func TestWadeGilesTable(t *testing.T) {
	for wg, py := range map[string]string{
		"chih": "zhi", "ch'ih": "chi", "shih": "shi", "jih": "ri", "tzu": "zi", "tz'u": "ci", "ssu": "si",
		"szu": "si", "erh": "er", "hsi": "xi", "chi": "ji", "ch'i": "qi", "kuo": "guo", "k'uo": "kuo",
		"ko": "ge", "ho": "he", "to": "duo", "lo": "luo", "cho": "zhuo", "jo": "ruo", "tung": "dong",
		"hsiung": "xiong", "chiung": "jiong", "lien": "lian", "yen": "yan", "yeh": "ye", "hsueh": "xue",
		"yueh": "yue", "ch'uan": "quan", "hsun": "xun", "jung": "rong", "p'ing": "ping", "ping": "bing",
		"kuei": "gui", "k'uei": "kui", "tsai": "zai", "ts'ai": "cai", "tsung": "zong", "i": "yi", "wu": "wu",
		"teng": "deng", "t'eng": "teng", "chou": "zhou", "ch'ou": "chou", "chang": "zhang", "ch'ang": "chang",
	} {
		if got := wadeGiles[wg]; got != py {
			t.Errorf("wadeGiles[%q] = %q, want %q", wg, got, py)
		}
	}
}

// FuzzWadeGilesName: reading any name never panics; a name it reads
// becomes lower-case pinyin with one word per word of the name that has
// letters, and a
// name it does not read comes back as it was.
func FuzzWadeGilesName(f *testing.F) {
	for _, s := range [][2]string{
		{"Hsiao-lung", "Chang"}, {"Ching-kuo", "Chiang"}, {"Hai-t'ao", "Yang"}, {"Ming", "Ch’en"},
		{"Hsüeh-liang", "Chang"}, {"Tzu--ch'iang", " Ts'ao "}, {"Hai-Tao", "Yang"}, {"Mario", "Rossi"},
		{"'", "-"}, {"ch'", "hs"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, given, family string) {
		g, fam := wadeGilesName(given, family)
		if g == given && fam == family {
			return
		}
		for _, c := range [][2]string{{given, g}, {family, fam}} {
			if strings.Trim(c[1], "abcdefghijklmnopqrstuvwxyz ") != "" {
				t.Fatalf("%q read as %q", c[0], c[1])
			}
			if words(c[0]) != len(strings.Fields(c[1])) {
				t.Fatalf("%q read as %q: the words changed", c[0], c[1])
			}
		}
	})
}

// words counts the words of s that hold a letter.
func words(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.Trim(w, "-'’ʻ‘") != "" {
			n++
		}
	}
	return n
}

// TestWadeGilesMeetsPinyin: a name in Wade–Giles is a hit against the
// same name in characters and in pinyin, and not against another name.
func TestWadeGilesMeetsPinyin(t *testing.T) {
	person := func(given, family string) Keys {
		return Normalize(Record{Kind: crosscase.KindPerson, GivenName: given, FamilyName: family})
	}
	for _, c := range []struct {
		a, b [2]string
		hit  bool
	}{
		{[2]string{"Hsiao-lung", "Li"}, [2]string{"小龙", "李"}, true},
		{[2]string{"Chien-kuo", "Chang"}, [2]string{"Jianguo", "Zhang"}, true},
		{[2]string{"Hai-t'ao", "Yang"}, [2]string{"", "杨海涛"}, true},
		{[2]string{"Ching-kuo", "Chiang"}, [2]string{"Jingguo", "Jiang"}, true},
		{[2]string{"Hsiu-ying", "Huang"}, [2]string{"Xiuying", "Huang"}, true},
		{[2]string{"Ching-kuo", "Chiang"}, [2]string{"Jiannan", "Jiang"}, false},
		{[2]string{"Hsiao-lung", "Li"}, [2]string{"Xiaoming", "Li"}, false},
	} {
		ka, kb := person(c.a[0], c.a[1]), person(c.b[0], c.b[1])
		s, _ := Compare(ka, kb)
		if got := s >= 80 && meets(ka, kb); got != c.hit {
			t.Errorf("%v and %v: score %d, meet %v; want a hit: %v", c.a, c.b, s, meets(ka, kb), c.hit)
		}
	}
}
