package match

import (
	"slices"
	"testing"

	"crosscase"
)

func TestTranslitArabicHan(t *testing.T) {
	for _, c := range []struct {
		given, family    string
		tokens, phonetic []string
	}{
		{"محمد", "علي", []string{"mhmd", "ali"}, []string{"~^mhmd", "^l"}},
		{"بشار", "الأسد", []string{"bshar", "alasd"}, []string{"~^bxr", "^sd"}},
		{"فاطمة", "الزهراء", []string{"fatma", "alzhra"}, []string{"~^ftm", "^zhr"}}, // ز and ه, not zh
		{"يوسف", "داود", []string{"yusf", "dawd"}, []string{"~^ysf", "^dd"}},
		{"مُحَمَّد", "ﻋﻠﻲ", []string{"mhmd", "ali"}, []string{"~^mhmd", "^l"}},        // harakat, presentation forms
		{"پرویز", "گلشیری", []string{"prwiz", "glshiri"}, []string{"~^brz", "^klxr"}}, // Persian
		{"", "王伟", []string{"wei", "wang"}, []string{"~fei", "fanh"}},
		{"张小龙", "", []string{"xiaolong", "zhang"}, []string{"~ksiaolonh", "sanh"}},
		{"", "欧阳娜娜", []string{"nana", "ouyang"}, []string{"~nana", "uianh"}}, // compound surname
		{"国藩", "曾", []string{"guofan", "zeng"}, []string{"~huofan", "senh"}}, // surname reading
		{"", "吕布", []string{"bu", "lu"}, []string{"~bu", "lu"}},              // ü as u
	} {
		k := Normalize(Record{Kind: crosscase.KindPerson, GivenName: c.given, FamilyName: c.family})
		if !slices.Equal(k.Tokens, c.tokens) || !slices.Equal(k.Phonetic, c.phonetic) {
			t.Errorf("%q %q: %q %q, want %q %q", c.given, c.family, k.Tokens, k.Phonetic, c.tokens, c.phonetic)
		}
		if _, g := split(&k); g != len(c.tokens)-1 {
			t.Errorf("%q %q: %d given-name tokens", c.given, c.family, g)
		}
	}
}

func TestArabicHanMatchLatin(t *testing.T) {
	th := DefaultThresholds()[crosscase.KindPerson]
	born := crosscase.Date{Year: 1980, Month: 3, Day: 4}
	rec := func(g, f string, same bool) Keys {
		r := Record{Kind: crosscase.KindPerson, GivenName: g, FamilyName: f}
		if same {
			r.BirthDate = born // false pairs: a shared date would make them twins
		}
		return Normalize(r)
	}
	for _, c := range []struct {
		a, b [2]string
		same bool
	}{
		{[2]string{"محمد", "علي"}, [2]string{"Mohammed", "Ali"}, true},
		{[2]string{"محمد", "علي"}, [2]string{"Muhammad", "Aly"}, true},
		{[2]string{"محمد", "علي"}, [2]string{"Ali", "Mohamed"}, true}, // swapped
		{[2]string{"بشار", "الأسد"}, [2]string{"Bashar", "al-Assad"}, true},
		{[2]string{"بشار", "الأسد"}, [2]string{"Bachar", "El Assad"}, true},
		{[2]string{"بشار", "الأسد"}, [2]string{"Bashar", "Alassad"}, true},
		{[2]string{"عبدالعزيز", "بن سعود"}, [2]string{"Abdelaziz", "Ben Saoud"}, true},
		{[2]string{"يوسف", "حسين"}, [2]string{"Youssef", "Hussein"}, true},
		{[2]string{"خالد", "الرشيد"}, [2]string{"Khalid", "Al-Rashid"}, true},
		{[2]string{"", "王伟"}, [2]string{"Wei", "Wang"}, true},
		{[2]string{"", "王伟"}, [2]string{"Wang", "Wei"}, true},
		{[2]string{"", "张小龙"}, [2]string{"Xiao-Long", "Chang"}, true}, // Wade–Giles family name
		{[2]string{"", "邓小平"}, [2]string{"Hsiao-ping", "Teng"}, true}, // Wade–Giles: phonetic and a typo
		{[2]string{"محمد", "علي"}, [2]string{"محمد", "عمر"}, false},
		{[2]string{"محمد", "علي"}, [2]string{"Mohamed", "Omar"}, false},
		{[2]string{"عمر", "حسن"}, [2]string{"Maria", "Hassan"}, false}, // mr, but Omar starts with a vowel
		{[2]string{"", "李明"}, [2]string{"", "李强"}, false},
	} {
		a, b := rec(c.a[0], c.a[1], c.same), rec(c.b[0], c.b[1], c.same)
		s, fields := Compare(a, b)
		if (s >= th) != c.same {
			t.Errorf("%q vs %q: score %d %+v", c.a, c.b, s, fields)
		}
		if s2, _ := Compare(b, a); s2 != s {
			t.Errorf("%q vs %q: %d one way, %d the other", c.a, c.b, s, s2)
		}
		if c.same && !meets(a, b) {
			t.Errorf("%q vs %q: no blocking key in common: %q %q", c.a, c.b, BlockingKeys(a), BlockingKeys(b))
		}
	}
	// Arabic names without a date: same only by names, capped below certain.
	if s, _ := Compare(Normalize(Record{Kind: crosscase.KindPerson, GivenName: "محمد", FamilyName: "علي"}),
		Normalize(Record{Kind: crosscase.KindPerson, GivenName: "Mohamed", FamilyName: "Ali"})); s < th || s >= 90 {
		t.Errorf("names alone score %d", s)
	}
}

// A Latin person token costs at most one more blocking key.
func TestSkeletonKeyPerLatinToken(t *testing.T) {
	for _, n := range [][2]string{{"Mohammed", "Ali"}, {"Jean-Pierre", "Dubois"}, {"Anna", "Rossi"}} {
		k := Normalize(Record{Kind: crosscase.KindPerson, GivenName: n[0], FamilyName: n[1]})
		extra := 0
		for _, b := range BlockingKeys(k) {
			if len(b) > 2 && b[:2] == "s:" {
				extra++
			}
		}
		if extra > len(k.Tokens) {
			t.Errorf("%q: %d skeleton keys for %d tokens", n, extra, len(k.Tokens))
		}
	}
}

func TestCompareArabicAllocs(t *testing.T) {
	a := Normalize(Record{Kind: crosscase.KindPerson, GivenName: "عبدالعزيز", FamilyName: "الأسد"})
	b := Normalize(Record{Kind: crosscase.KindPerson, GivenName: "Abdelaziz", FamilyName: "El Assad"})
	if n := testing.AllocsPerRun(100, func() { Compare(a, b) }); n > 1 {
		t.Errorf("Compare allocates %.0f times", n)
	}
}
