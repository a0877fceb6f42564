package match

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"crosscase"
)

// Hard false pairs: different people whose names are close, the kind a
// register's worst candidates are (README, "Matching figures", *Eighth
// round*). They are made from the public name lists without asking the
// matcher, kind by kind:
//
//   - given-other-sex: one family name, given names of the two sexes that
//     both occur as names (Daniel and Daniela, Jan and Jana, Paulo and
//     Paula, Albertus and Alberta), not linked by the nickname list; given-other-sex-slavic: the family name in its matching
//     form too (Aleksandr Ivanov, Aleksandra Ivanova), in Latin letters,
//     in Cyrillic, and one in each;
//   - family-gender-form: one given name, the masculine and feminine
//     forms of a family name, both attested (Novak and Novakova,
//     Kowalski and Kowalska, Papadopoulos and Papadopoulou, Kazlauskas
//     and Kazlauskiene): relatives, in Latin letters and in Cyrillic;
//   - arabic-siblings: a long Arabic name (father's and grandfather's
//     names) with another first given name;
//   - patronymic-swapped: a name in Latin letters with bin, ibn, ben,
//     bint or ould, the names on either side of it swapped: a son and
//     his father (Abdullah bin Abdulaziz, Abdulaziz bin Abdullah);
//   - given-one-edit: one family name, given names one letter apart that
//     are different names (Marin and Martin, Dana and Dina): not a short
//     form of each other in the nickname list, and never two spellings
//     of one entity in the JRC-Names pairs;
//   - given-distinct: one family name, two common given names.
//
// Beside them, true pairs that the rules for the false ones must not
// lose: a name in Latin letters and in Cyrillic (same-latin-cyrillic),
// feminine names too (same-feminine-cyrillic), and a given name as a
// short form or in another language's form (same-nickname).

// hardPair is a pair of names, its kind, and whether it is one person.
type hardPair struct {
	kind string
	a, b string
	same bool
}

// sharedNamesDir holds the public name lists beside linkageDir.
const sharedNamesDir = "../../shared/data/names"

// wikidataWords reads the Wikidata Latin–Cyrillic list: each Latin word
// and its most frequent Cyrillic spelling.
func wikidataWords(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open(linkageFile(t, "wikidata-latin-cyrillic-80.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, best := map[string]string{}, map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 3 || strings.ContainsAny(c[0], " -'") {
			continue
		}
		n := 0
		for _, r := range c[2] {
			n = n*10 + int(r-'0')
		}
		if n > best[c[0]] {
			best[c[0]], out[c[0]] = n, strings.ReplaceAll(c[1], " ", "")
		}
	}
	return out
}

// jrcPersonNames reads the JRC-Names pairs: every name and its cluster
// (names joined by true pairs), and the pairs of first words of two
// spellings of one entity (Karin and Karen, if the file has them).
func jrcPersonNames(t testing.TB) (cluster map[string]string, variants map[[2]string]bool) {
	t.Helper()
	data, err := os.ReadFile(linkageFile(t, "jrc-name-pairs-train.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	variants = map[[2]string]bool{}
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		c := strings.Split(line, "\t")
		if len(c) != 3 {
			continue
		}
		rows = append(rows, c)
		if c[2] == "TRUE" {
			wa, wb := lowerWords(c[0]), lowerWords(c[1])
			if len(wa) > 1 && len(wb) > 1 && wa[0] != wb[0] {
				variants[[2]string{wa[0], wb[0]}] = true
				variants[[2]string{wb[0], wa[0]}] = true
			}
		}
	}
	cluster = nameClusters(rows)
	// A name in no true pair is a cluster of its own.
	for _, c := range rows {
		for _, n := range c[:2] {
			if _, ok := cluster[n]; !ok {
				cluster[n] = n
			}
		}
	}
	return cluster, variants
}

// lowerWords splits a name into its words in lower case.
func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// lowerASCII reports whether w is lower-case ASCII letters only.
func lowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// nicknameRelated reads nicknames-en.csv: which names are a name and its
// nickname, or two nicknames of one name.
func nicknameRelated(t testing.TB) (func(a, b string) bool, []string) {
	t.Helper()
	p := filepath.Join(sharedNamesDir, "nicknames-en.csv")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("name data %s not available", p)
	}
	groups := map[string][]string{}
	var full []string
	for _, line := range strings.Split(string(data), "\n") {
		c := strings.Split(strings.TrimSpace(line), ",")
		if len(c) != 3 || c[1] != "has_nickname" {
			continue
		}
		if len(groups[c[0]]) == 0 || groups[c[0]][0] != c[0] {
			full = append(full, c[0])
		}
		groups[c[0]] = append(groups[c[0]], c[0])
		groups[c[2]] = append(groups[c[2]], c[0])
	}
	return func(a, b string) bool {
		for _, x := range groups[a] {
			for _, y := range groups[b] {
				if x == y {
					return true
				}
			}
		}
		return false
	}, full
}

// titleCase writes a lower-case word with a capital.
func titleCase(w string) string {
	r := []rune(w)
	if len(r) == 0 {
		return w
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// pick returns up to n items of l spread evenly, in a fixed order.
func pick[T any](l []T, n int) []T {
	if len(l) <= n {
		return l
	}
	out := make([]T, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, l[i*len(l)/n])
	}
	return out
}

// editDistance is the Levenshtein distance of two words.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// familyGenderForms are the masculine and feminine endings of family
// names: Russian, Bulgarian, Polish, Czech and Slovak, Lithuanian,
// Latvian and Greek.
var familyGenderForms = []struct{ lang, m, f string }{
	{"ru", "ov", "ova"}, {"ru", "ev", "eva"}, {"ru", "in", "ina"}, {"ru", "yn", "yna"},
	{"ru", "sky", "skaya"}, {"ru", "skiy", "skaya"}, {"ru", "skii", "skaia"}, {"ru", "sky", "skaja"},
	{"pl", "ski", "ska"}, {"pl", "cki", "cka"}, {"pl", "dzki", "dzka"},
	{"cz", "y", "a"}, {"cz", "", "ova"}, {"cz", "a", "ova"}, {"cz", "ek", "kova"}, {"cz", "ec", "cova"},
	{"lt", "as", "iene"}, {"lt", "as", "aite"}, {"lt", "is", "iene"}, {"lt", "is", "yte"},
	{"lt", "us", "iene"}, {"lt", "us", "ute"}, {"lt", "ys", "iene"}, {"lt", "ys", "yte"},
	{"lv", "ins", "ina"}, {"lv", "ons", "one"}, {"lv", "ols", "ola"}, {"lv", "ns", "na"},
	{"el", "os", "ou"}, {"el", "is", "i"}, {"el", "as", "a"},
}

// hardFalsePairs builds the pairs described above.
func hardFalsePairs(t testing.TB) []hardPair {
	t.Helper()
	wd := wikidataWords(t)
	cluster, variants := jrcPersonNames(t)
	related, nicknameNames := nicknameRelated(t)

	// Given and family names: the first and last words of the JRC-Names
	// names in Latin letters of two to four words, by how many names
	// use them; and the full names of the nickname list.
	givenCount, familyCount := map[string]int{}, map[string]int{}
	var names []string
	for n := range cluster {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w := lowerWords(n)
		if len(w) < 2 || len(w) > 4 || scriptOf(n) != "Latin" || !lowerASCII(w[0]) || !lowerASCII(w[len(w)-1]) {
			continue
		}
		if len(w[0]) >= 3 {
			givenCount[w[0]]++
		}
		if len(w[len(w)-1]) >= 3 {
			familyCount[w[len(w)-1]]++
		}
	}
	for _, g := range nicknameNames {
		if len(g) >= 3 && familyCount[g] == 0 {
			givenCount[g] += 5
		}
	}
	given := func(w string) bool { return givenCount[w] >= 2 }
	var commonFamily []string
	for f, c := range familyCount {
		if c >= 3 && givenCount[f] == 0 && len(f) >= 4 {
			commonFamily = append(commonFamily, f)
		}
	}
	sort.Strings(commonFamily)
	commonFamily = pick(commonFamily, 40)
	var commonGiven []string
	for g, c := range givenCount {
		if c >= 5 && familyCount[g] == 0 {
			commonGiven = append(commonGiven, g)
		}
	}
	sort.Strings(commonGiven)

	var out []hardPair
	add := func(kind, a, b string, same bool) {
		if !same && looseSame(a, b) {
			return // namesakes cannot be told apart by name
		}
		out = append(out, hardPair{kind, a, b, same})
	}
	// Given names of the two sexes.
	var sexPairs [][2]string
	for _, m := range commonGiven {
		for _, f := range []string{m + "a", strings.TrimSuffix(m, "o") + "a", strings.TrimSuffix(m, "us") + "a",
			strings.TrimSuffix(m, "er") + "ra"} {
			// Names the nickname list links are left out: Ann and Anna
			// are one name (and the list links Edwin and Edwina too).
			if f != m && len(f) > len(m)-2 && given(f) && !strings.HasSuffix(m, "a") && !related(m, f) {
				sexPairs = append(sexPairs, [2]string{m, f})
				break
			}
		}
	}
	for i, p := range sexPairs {
		for k := 0; k < 4; k++ {
			fam := titleCase(commonFamily[(i*7+k*13)%len(commonFamily)])
			add("given-other-sex", titleCase(p[0])+" "+fam, titleCase(p[1])+" "+fam, false)
		}
	}
	// Family names in both forms, from the Wikidata list.
	type formPair struct{ lang, m, f string }
	var forms []formPair
	seenForm := map[string]bool{}
	var wdWords []string
	for w := range wd {
		wdWords = append(wdWords, w)
	}
	sort.Strings(wdWords)
	for _, m := range wdWords {
		if len(m) < 5 || given(m) || seenForm[m] {
			continue
		}
		for _, g := range familyGenderForms {
			if !strings.HasSuffix(m, g.m) {
				continue
			}
			f := strings.TrimSuffix(m, g.m) + g.f
			if _, ok := wd[f]; ok && f != m && !given(f) {
				forms = append(forms, formPair{g.lang, m, f})
				seenForm[m] = true
				break
			}
		}
	}
	// Slavic given names of both sexes that Wikidata spells in Cyrillic.
	var slavicSex [][2]string
	for _, p := range sexPairs {
		if _, ok := wd[p[0]]; ok {
			if _, ok := wd[p[1]]; ok {
				slavicSex = append(slavicSex, p)
			}
		}
	}
	var ruForms []formPair
	for _, f := range forms {
		if f.lang == "ru" {
			ruForms = append(ruForms, f)
		}
	}
	ruForms = pick(ruForms, 150)
	for i, f := range ruForms {
		if len(slavicSex) == 0 {
			break
		}
		g := slavicSex[i%len(slavicSex)]
		add("given-other-sex-slavic latin", titleCase(g[0])+" "+titleCase(f.m), titleCase(g[1])+" "+titleCase(f.f), false)
		add("given-other-sex-slavic cyrillic", titleCase(wd[g[0]])+" "+titleCase(wd[f.m]), titleCase(wd[g[1]])+" "+titleCase(wd[f.f]), false)
		add("given-other-sex-slavic latin~cyrillic", titleCase(g[0])+" "+titleCase(f.m), titleCase(wd[g[1]])+" "+titleCase(wd[f.f]), false)
		// The same people, each in the other script: must still meet.
		add("same-latin-cyrillic", titleCase(g[0])+" "+titleCase(f.m), titleCase(wd[g[0]])+" "+titleCase(wd[f.m]), true)
		add("same-feminine-cyrillic", titleCase(g[1])+" "+titleCase(f.f), titleCase(wd[g[1]])+" "+titleCase(wd[f.f]), true)
	}
	byLang := map[string][]formPair{}
	for _, f := range forms {
		byLang[f.lang] = append(byLang[f.lang], f)
	}
	var langs []string
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		for i, f := range pick(byLang[l], 150) {
			g := commonGiven[(i*31)%len(commonGiven)]
			add("family-gender-form "+l, titleCase(g)+" "+titleCase(f.m), titleCase(g)+" "+titleCase(f.f), false)
			if gc, ok := wd[g]; ok && l == "ru" {
				add("family-gender-form ru cyrillic", titleCase(gc)+" "+titleCase(wd[f.m]), titleCase(gc)+" "+titleCase(wd[f.f]), false)
			}
		}
	}
	// Long Arabic names that differ in the first given name.
	var arabic []string
	for _, n := range names {
		w := lowerWords(n)
		if len(w) < 3 {
			continue
		}
		long := scriptOf(n) == "Arabic"
		for _, x := range w[1:] {
			if x == "bin" || x == "ibn" || x == "ben" || x == "bint" || x == "ould" {
				long = true
			}
		}
		if long {
			arabic = append(arabic, n)
		}
	}
	for i, n := range arabic {
		// The first given name of another such name in the same script.
		for k := 1; k < len(arabic); k++ {
			o := arabic[(i+k*17)%len(arabic)]
			wn, wo := strings.Fields(n), strings.Fields(o)
			if scriptOf(o) != scriptOf(n) || len(wo) < 2 || len(wn) < 3 || cluster[o] == cluster[n] ||
				!givenWord(wo[0]) || !givenWord(wn[0]) ||
				strings.EqualFold(wo[0], wn[0]) || editDistance(strings.ToLower(wo[0]), strings.ToLower(wn[0])) <= 1 {
				continue
			}
			add("arabic-siblings "+strings.ToLower(scriptOf(n)), n, wo[0]+" "+strings.Join(wn[1:], " "), false)
			break
		}
	}
	// A son and his father: the names on either side of bin, ibn, ben,
	// bint or ould swapped (Abdullah bin Abdulaziz, Abdulaziz bin
	// Abdullah), in Latin letters.
	var swapped [][2]string
	for _, n := range arabic {
		w := lowerWords(n)
		if scriptOf(n) != "Latin" || strings.Contains(n, "(") {
			continue // B.C. (Ben) Meulenbeld: a given name
		}
		for i := 1; i+1 < len(w); i++ {
			if x := w[i]; x != "bin" && x != "ibn" && x != "ben" && x != "bint" && x != "ould" {
				continue
			}
			if len(w[i-1]) < 3 || len(w[i+1]) < 3 || editDistance(w[i-1], w[i+1]) <= 2 {
				break // Ali bin Ali: nothing to swap
			}
			o := slices.Clone(w)
			o[i-1], o[i+1] = o[i+1], o[i-1]
			for k := range o {
				o[k] = titleCase(o[k])
			}
			swapped = append(swapped, [2]string{n, strings.Join(o, " ")})
			break
		}
	}
	for _, p := range pick(swapped, 150) {
		add("patronymic-swapped", p[0], p[1], false)
	}
	// Given names one letter apart, and two distinct given names.
	var oneEdit, distinct [][2]string
	for i, a := range commonGiven {
		for _, b := range commonGiven[i+1:] {
			if related(a, b) || variants[[2]string{a, b}] {
				continue
			}
			d := editDistance(a, b)
			switch {
			case d == 1 && min(len(a), len(b)) >= 4 && !sexForms(a, b) && !spellingOnly(a, b):
				oneEdit = append(oneEdit, [2]string{a, b})
			case d >= 3 && a[0] != b[0]:
				distinct = append(distinct, [2]string{a, b})
			}
		}
	}
	for i, p := range oneEdit {
		for k := 0; k < 3; k++ {
			fam := titleCase(commonFamily[(i*11+k*7)%len(commonFamily)])
			add("given-one-edit", titleCase(p[0])+" "+fam, titleCase(p[1])+" "+fam, false)
		}
	}
	for i, p := range pick(distinct, 400) {
		fam := titleCase(commonFamily[(i*3)%len(commonFamily)])
		add("given-distinct", titleCase(p[0])+" "+fam, titleCase(p[1])+" "+fam, false)
	}
	// Short forms and other languages' forms: must still meet.
	for i, p := range [][2]string{
		{"Aleksandr", "Alexander"}, {"Aleksandr", "Oleksandr"}, {"Alexandra", "Aleksandra"}, {"Sasha", "Aleksandr"},
		{"William", "Bill"}, {"Katarzyna", "Kasia"}, {"Jose", "Pepe"}, {"Ivan", "Iwan"}, {"Daniel", "Dani"},
		{"Johannes", "Jan"}, {"Jana", "Jana"}, {"Paulo", "Paulo"}, {"Dmitriy", "Dmitri"}, {"Yekaterina", "Ekaterina"},
	} {
		fam := titleCase(commonFamily[(i*5)%len(commonFamily)])
		add("same-nickname", p[0]+" "+fam, p[1]+" "+fam, true)
	}
	return out
}

// givenWord reports whether w can be a first given name of a long
// Arabic name: three letters or more, no initial, bracket or particle
// (Abu, Abd, Umm are the first half of a name of two words).
func givenWord(w string) bool {
	if strings.ContainsAny(w, ".()") || len([]rune(w)) < 3 {
		return false
	}
	switch strings.ToLower(w) {
	case "abu", "abd", "abdul", "abdel", "umm", "ابو", "أبو", "عبد", "ام", "أم", "بن", "ابن":
		return false
	}
	return true
}

// sexForms reports whether two given names are one name's masculine and
// feminine forms (Ivan, Ivana; Paulo, Paula): a kind of its own.
func sexForms(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return b == a+"a" || len(a) == len(b) && a[:len(a)-1] == b[:len(b)-1] && (a[len(a)-1] == 'a') != (b[len(b)-1] == 'a')
}

// spellingOnly reports whether two names one letter apart differ only
// in a letter that spellings of one name drop or double (an h, a final
// e, a doubled letter, y for i): Jon and John, Ann and Anne.
func spellingOnly(a, b string) bool {
	f := func(s string) string {
		s = strings.ReplaceAll(s, "ph", "f")
		s = strings.ReplaceAll(s, "h", "")
		s = strings.ReplaceAll(s, "y", "i")
		s = strings.ReplaceAll(s, "k", "c")
		s = strings.ReplaceAll(s, "z", "s")
		s = strings.TrimSuffix(s, "e")
		var r []byte
		for i := 0; i < len(s); i++ {
			if i == 0 || s[i] != s[i-1] {
				r = append(r, s[i])
			}
		}
		return string(r)
	}
	return f(a) == f(b)
}

// TestQualityHardFalse scores the hard pairs as names alone and logs, per
// kind, how many of the false pairs are hits at the default threshold
// (and how many of the true pairs are found); CROSSCASE_NAME_ERRORS logs
// that many hits of each false kind.
func TestQualityHardFalse(t *testing.T) {
	pairs := hardFalsePairs(t)
	th := DefaultThresholds()[crosscase.KindPerson]
	type tally struct{ n, hit int }
	for li, layout := range nameLayouts {
		kinds := map[string]*tally{}
		var order []string
		falsePairs, falseHits, logged := 0, 0, map[string]int{}
		for _, p := range pairs {
			ka, kb := Normalize(layout.rec(p.a)), Normalize(layout.rec(p.b))
			if !p.same && equalTokens(ka.Tokens, kb.Tokens) {
				continue // the same name once normalised
			}
			s, f := Compare(ka, kb)
			hit := s >= th && meets(ka, kb)
			k := kinds[p.kind]
			if k == nil {
				k = &tally{}
				kinds[p.kind] = k
				order = append(order, p.kind)
			}
			k.n++
			if hit {
				k.hit++
			}
			if !p.same {
				falsePairs++
				if hit {
					falseHits++
					if li == 0 && logged[p.kind] < errorSampleHard {
						logged[p.kind]++
						t.Logf("  FP %d %q | %q %v", s, p.a, p.b, f)
					}
				}
			} else if !hit && li == 0 && logged[p.kind] < errorSampleHard {
				logged[p.kind]++
				t.Logf("  FN %d %q | %q %v", s, p.a, p.b, f)
			}
		}
		sort.Strings(order)
		rate := float64(falseHits) / float64(max(falsePairs, 1))
		t.Logf("%s: %d hard false pairs, %d hits (%.4f)", layout.name, falsePairs, falseHits, rate)
		// Floor: 0.172 of them were found before the other sex's forms
		// and given names a consonant apart told people apart, 0.083 after.
		if rate > 0.10 {
			t.Errorf("%s: %.4f of the hard false pairs found (ceiling 0.10)", layout.name, rate)
		}
		for _, kind := range order {
			k := kinds[kind]
			what := "false hits"
			if strings.HasPrefix(kind, "same-") {
				what = "found"
			}
			t.Logf("  %-40s %5d pairs, %s %5d (%.3f)", kind, k.n, what, k.hit, float64(k.hit)/float64(k.n))
		}
	}
}

// errorSampleHard is how many errors of each kind TestQualityHardFalse
// logs: none unless CROSSCASE_NAME_ERRORS is set.
var errorSampleHard = func() int {
	if os.Getenv("CROSSCASE_NAME_ERRORS") == "" {
		return 0
	}
	return errorSample
}()

// equalTokens reports whether two lists of name tokens are the same.
func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
