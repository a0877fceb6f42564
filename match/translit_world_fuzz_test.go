package match

import (
	"strings"
	"testing"
	"unicode/utf8"

	"crosscase"
)

// worldSeeds are names in the scripts translitWorld reads.
var worldSeeds = []string{
	"エーリッヒ・ザロモン", "やまだ たろう", "山田 たろう", "ｴｰﾘｯﾋ", "ッ", "ャ", "ヴァ", "キャッチャー",
	"김정은", "김 정은", "ㅎㅎ", "이", "नरेन्द्र मोदी", "क़", "्", "রবীন্দ্রনাথ ঠাকুর", "ரஜினிகாந்த்",
	"ഇ. എം. എസ്. നമ്പൂതിരിപ്പാട്", "ਗੁਰੂ ਨਾਨਕ", "ทักษิณ ชินวัตร", "เ", "בנימין נתניהו", "וו", "ה",
	"ბიძინა ივანიშვილი", "Նիկոլ Փաշինյան", "ሃይሌ ገብረሥላሴ", "ហ៊ុន សែន", "ཏཱ་ལའི་བླ་མ", "DaniÃ«l", "M0hammed",
	// Letters read by their Unicode names, Kazakh Cyrillic, compatibility forms.
	"𞤀𞤣𞤤𞤢𞤥", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "ᱥᱟᱱᱛᱟᱲᱤ", "ꓡꓲ-ꓢꓴ", "Нұрсұлтан Әбішұлы", "Ƶan Mişel", "Ｊｏｈｎ", "ϑεός", "Ა",
}

// FuzzTranslitWorld: reading any word never panics and gives lower-case
// ASCII letters and digits; the reading of a word does not depend on
// the words around it except through the name's script flags.
func FuzzTranslitWorld(f *testing.F) {
	for _, s := range worldSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc := detectScript(s)
		for _, seg := range segments(s) {
			p, r := translitBoth(seg, sc)
			for _, w := range []string{p, r, translitWorld(seg, sc)} {
				if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
					t.Fatalf("%q read as %q", seg, w)
				}
			}
			if p2, _ := translitBoth(seg, sc); p2 != p {
				t.Fatalf("%q read as %q, then %q", seg, p, p2)
			}
		}
	})
}

// FuzzNamesAlone: names split or run together, with digits, initials,
// hyphens, apostrophes or damaged decoding never make Compare panic or
// leave 0..100; a name alone against itself in another field is a hit
// when it has a token; the score does not depend on the order.
func FuzzNamesAlone(f *testing.F) {
	for _, s := range worldSeeds {
		f.Add(s, "")
	}
	for _, p := range [][2]string{
		{"SergeiLavrov", "Sergei Lavrov"}, {"Jean-Pierre O'Neil", "JeanPierre ONeil"}, {"A.J.W. Scheffer", "August Jules Willem Scheffer"},
		{"Khalid Omar Said Baradei", "Khalid Yusuf Said Baradei"}, {"5ergei", "Sergei"}, {"BronisÅ‚aw", "Bronisław"}, {"عبد العزيز", "Abdulaziz"},
	} {
		f.Add(p[0], p[1])
	}
	th := DefaultThresholds()[crosscase.KindPerson]
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		g, fam := SplitFullName(a)
		ka := Normalize(Record{Kind: crosscase.KindPerson, GivenName: g, FamilyName: fam})
		kb := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: b})
		s1, _ := Compare(ka, kb)
		s2, _ := Compare(kb, ka)
		if s1 != s2 || s1 < 0 || s1 > 100 {
			t.Fatalf("%q ~ %q: %d one way, %d the other", a, b, s1, s2)
		}
		if len(ka.Tokens) == 0 || len(ka.Tokens) > maxGivenTokens || len(ka.Tokens) != len(Normalize(Record{Kind: crosscase.KindPerson, FamilyName: a}).Tokens) {
			return // cut by the token limits of one field, or split otherwise
		}
		if s, fs := Compare(ka, Normalize(Record{Kind: crosscase.KindPerson, FamilyName: a})); s < th {
			t.Fatalf("%q split and whole: %d (%v)", a, s, fs)
		}
		if m := fixMojibake(a); !utf8.ValidString(m) {
			t.Fatalf("fixMojibake(%q) = %q", a, m)
		}
	})
}
