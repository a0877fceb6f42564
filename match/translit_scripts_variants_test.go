package match

// This file adds Arabic-script and Chinese persons to
// testdata/multilingual.tsv (see translit_variants_test.go), with their
// own random source so that the rows of the other languages stay as
// they are. Their Latin spellings are not made by a rule but listed as
// they are found in passports, the press and reference works:
//
//   - Arabic: an English press spelling (Mohammed, Al-Assad), a French
//     (Maghreb) one (Mohamed, El Assad, Cherif) and a scholarly one
//     (Muhammad, Ash-Sharif); the original in Arabic script.
//   - Chinese: Hanyu Pinyin as Chinese passports write it (Xiaolong),
//     pinyin with the syllables hyphenated (Xiao-Long), Wade–Giles
//     (Chang Hsiao-lung, as Taiwanese passports long wrote it) and Hong
//     Kong Cantonese (Cheung Siu-lung); the original in characters, once
//     in two fields and once as one string family name first.
//
// False pairs: relatives (same family, another given name), family names
// that look alike (حسين and حسن, Hussein and Hassan: one skeleton hsn),
// namesakes born years apart and, for Chinese, homophones: different
// characters with the same reading (王伟 and 王维 are both Wang Wei),
// which no transliteration can tell apart.

import (
	"math/rand/v2"
	"strings"
)

// scriptName is a name word in its script and its Latin spellings, one
// per scheme.
type scriptName struct {
	orig     string
	spelling []string
}

var (
	arSchemes = []string{"english", "french", "scholarly"}
	zhSchemes = []string{"pinyin", "pinyin-hyphen", "wade-giles", "hongkong"}
)

func scriptNames(s string) []scriptName {
	var out []scriptName
	for _, e := range strings.Split(s, ";") {
		f := strings.Split(e, "|")
		out = append(out, scriptName{f[0], f[1:]})
	}
	return out
}

var (
	arMale = scriptNames("محمد|Mohammed|Mohamed|Muhammad;أحمد|Ahmed|Ahmed|Ahmad;علي|Ali|Ali|Aly;عمر|Omar|Omar|Umar;يوسف|Youssef|Youssef|Yusuf;" +
		"حسن|Hassan|Hassan|Hasan;خالد|Khaled|Khaled|Khalid;إبراهيم|Ibrahim|Brahim|Ibrahim;مصطفى|Mustafa|Moustafa|Mustafa;" +
		"عبدالله|Abdullah|Abdallah|Abdallah;كريم|Karim|Karim|Kareem;سعيد|Saeed|Said|Sa'id;عبدالعزيز|Abdulaziz|Abdelaziz|Abd al-Aziz;بشار|Bashar|Bachar|Bashshar")
	arFemale = scriptNames("فاطمة|Fatima|Fatma|Fatimah;عائشة|Aisha|Aicha|A'isha;مريم|Maryam|Meriem|Maryam;خديجة|Khadija|Khadidja|Khadijah;زينب|Zainab|Zineb|Zaynab")
	arFamily = scriptNames("الأسد|Al-Assad|El Assad|al-Asad;حسين|Hussein|Hussein|Husayn;بن علي|Bin Ali|Ben Ali|ibn Ali;الشريف|Al-Sharif|Cherif|ash-Sharif;" +
		"المصري|Al-Masri|El Masri|al-Misri;العمري|Al-Omari|El Omari|al-Umari;القاسم|Al-Qassem|El Kacem|al-Qasim;حداد|Haddad|Haddad|Haddad;" +
		"منصور|Mansour|Mansour|Mansur;سليمان|Suleiman|Slimane|Sulayman;عثمان|Othman|Osman|Uthman;الخطيب|Al-Khatib|El Khatib|al-Khatib;" +
		"الحسن|Al-Hassan|El Hassan|al-Hasan;نصرالله|Nasrallah|Nasrallah|Nasr Allah;الزين|Al-Zein|El Zein|az-Zayn;يوسفي|Youssefi|Yousfi|Yusufi")
	arLookalikes = strings.Fields("حسين~حسن منصور~منصوري عثمان~عثماني حداد~الحداد سليمان~سلمان الخطيب~الخطابي القاسم~قاسمي المصري~المصراتي")

	zhMale = scriptNames("伟|Wei|Wei|Wei|Wai;小龙|Xiaolong|Xiao-Long|Hsiao-lung|Siu-lung;建国|Jianguo|Jian-Guo|Chien-kuo|Kin-kwok;" +
		"志强|Zhiqiang|Zhi-Qiang|Chih-chiang|Chi-keung;明|Ming|Ming|Ming|Ming;海涛|Haitao|Hai-Tao|Hai-t'ao|Hoi-to;国华|Guohua|Guo-Hua|Kuo-hua|Kwok-wah;俊杰|Junjie|Jun-Jie|Chun-chieh|Chun-kit")
	zhFemale = scriptNames("丽|Li|Li|Li|Lai;静|Jing|Jing|Ching|Ching;秀英|Xiuying|Xiu-Ying|Hsiu-ying|Sau-ying;晓燕|Xiaoyan|Xiao-Yan|Hsiao-yen|Hiu-yin")
	zhFamily = scriptNames("王|Wang|Wang|Wang|Wong;李|Li|Li|Li|Lee;张|Zhang|Zhang|Chang|Cheung;刘|Liu|Liu|Liu|Lau;陈|Chen|Chen|Ch'en|Chan;" +
		"杨|Yang|Yang|Yang|Yeung;黄|Huang|Huang|Huang|Wong;赵|Zhao|Zhao|Chao|Chiu;周|Zhou|Zhou|Chou|Chow;吴|Wu|Wu|Wu|Ng;徐|Xu|Xu|Hsu|Tsui;" +
		"孙|Sun|Sun|Sun|Suen;朱|Zhu|Zhu|Chu|Chu;郭|Guo|Guo|Kuo|Kwok;林|Lin|Lin|Lin|Lam;欧阳|Ouyang|Ou-Yang|Ou-yang|Au-Yeung")
	// Homophones: other characters, the same pinyin.
	zhHomophones = strings.Fields("王伟~王维 李明~李鸣 张伟~章伟 刘洋~柳洋 陈静~陈晶 王丽~汪丽 李强~李蔷 杨帆~杨凡")
	zhLookalikes = strings.Fields("陈~程 王~黄 张~章 李~黎 刘~柳 徐~许 周~邹 朱~祝")
)

// scriptPerson is an Arabic or Chinese source person: indexes into the
// name lists.
type scriptPerson struct {
	lang          string
	given, family scriptName
	female        bool
	schemes       []string
}

func (p scriptPerson) variants() []variant {
	v := []variant{{"original", p.given.orig, p.family.orig}}
	if p.lang == "zh" {
		v = append(v, variant{"original-one-field", "", p.family.orig + p.given.orig})
	}
	for i, s := range p.schemes {
		v = append(v, variant{s, p.given.spelling[i], p.family.spelling[i]})
	}
	var out []variant
	seen := map[string]bool{}
	for _, x := range v {
		if k := x.given + "|" + x.family; !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

func scriptSources() []scriptPerson {
	var ps []scriptPerson
	add := func(lang string, schemes []string, males, females, families []scriptName) {
		for i, f := range families {
			ps = append(ps, scriptPerson{lang: lang, given: males[i%len(males)], family: f, schemes: schemes})
			if i%3 == 0 {
				ps = append(ps, scriptPerson{lang: lang, given: females[(i/3)%len(females)], family: f, female: true, schemes: schemes})
			}
		}
	}
	add("ar", arSchemes, arMale, arFemale, arFamily)
	add("zh", zhSchemes, zhMale, zhFemale, zhFamily)
	return ps
}

// generateScriptPairs returns the Arabic and Chinese pairs of the test set.
func generateScriptPairs() []genPair {
	r := rand.New(rand.NewPCG(2025, 1958))
	pick := func(vs []variant) (variant, variant) {
		i := r.IntN(len(vs))
		j := r.IntN(len(vs) - 1)
		if j >= i {
			j++
		}
		return vs[i], vs[j]
	}
	srcs := scriptSources()
	var pairs []genPair
	for _, p := range srcs {
		vs := p.variants()
		// Every spelling against the original, and two pairs of spellings.
		for _, b := range vs[1:] {
			ba, bb, dr := trueBirths(r)
			pairs = append(pairs, genPair{rule: p.lang + ":original~" + b.scheme + ":" + dr, same: true, a: vs[0], b: b, ba: ba, bb: bb})
		}
		for k := 0; k < 2; k++ {
			a, b := pick(vs)
			ba, bb, dr := trueBirths(r)
			pairs = append(pairs, genPair{rule: p.lang + ":" + a.scheme + "~" + b.scheme + ":" + dr, same: true, a: a, b: b, ba: ba, bb: bb})
		}
		// Swapped names, or a typo in a Latin family name.
		a, b := vs[0], vs[2+r.IntN(len(vs)-2)]
		ba, bb, dr := trueBirths(r)
		g := genPair{same: true, a: a, b: b, ba: ba, bb: bb}
		if r.IntN(2) == 0 && len(b.family) >= 5 && isASCII(b.family) {
			g.b.family = typo(r, b.family)
			g.rule = p.lang + ":typo-family"
		} else {
			g.swappedB = true
			g.rule = p.lang + ":swapped"
		}
		g.rule += ":" + a.scheme + "~" + b.scheme + ":" + dr
		pairs = append(pairs, g)
	}
	// False pairs: relatives and namesakes.
	for i, p := range srcs {
		o := srcs[(i+5)%len(srcs)]
		if o.lang == p.lang && o.female == p.female && o.given.orig != p.given.orig {
			q := p
			q.given = o.given
			a, _ := pick(p.variants())
			_, b := pick(q.variants())
			ba, bb, dr := falseBirths(r)
			pairs = append(pairs, genPair{rule: p.lang + ":relative:" + dr, a: a, b: b, ba: ba, bb: bb})
		}
		if i%2 == 0 {
			a, b := pick(p.variants())
			d := randomDate(r)
			e := d
			e.y += 3 + r.IntN(20)
			e.m = 1 + (d.m+4)%12
			pairs = append(pairs, genPair{rule: p.lang + ":namesake:other-date", a: a, b: b, ba: d.String(), bb: e.String()})
		}
	}
	// False pairs: family names that look alike, written in the script on
	// one side and in any form on the other.
	lookalike := func(lang string, list []string, givens []scriptName, families []scriptName) {
		spell := map[string]scriptName{}
		for _, f := range families {
			spell[f.orig] = f
		}
		for i, l := range list {
			f1, f2, _ := strings.Cut(l, "~")
			given := givens[i%len(givens)]
			a := variant{"original", given.orig, f1}
			b := variant{"original", given.orig, f2}
			if s, ok := spell[f2]; ok && r.IntN(2) == 0 {
				k := r.IntN(len(s.spelling))
				b = variant{"latin", given.spelling[k], s.spelling[k]}
			}
			ba, bb, dr := falseBirths(r)
			pairs = append(pairs, genPair{rule: lang + ":lookalike-family:" + dr, a: a, b: b, ba: ba, bb: bb})
		}
	}
	lookalike("ar", arLookalikes, arMale, arFamily)
	lookalike("zh", zhLookalikes, zhMale, zhFamily)
	// Chinese homophones: different people whose names read alike; a
	// known limit of any transliteration.
	for _, h := range zhHomophones {
		n1, n2, _ := strings.Cut(h, "~")
		ba, bb, dr := falseBirths(r)
		pairs = append(pairs, genPair{rule: "zh:homophone:" + dr, a: variant{"original-one-field", "", n1}, b: variant{"original-one-field", "", n2}, ba: ba, bb: bb})
	}
	return pairs
}
