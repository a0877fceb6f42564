package match

import "testing"

// Names in scripts beyond Latin, Cyrillic, Greek, Arabic and Han get a
// Latin reading close to the usual spelling.
func TestTranslitWorldScripts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"नरेन्द्र मोदी", "narendra modi"},
		{"राम", "ram"},
		{"মোহন", "mohan"},
		{"ბიძინა ივანიშვილი", "bidzina ivanishvili"},
		{"Նիկոլ Փաշինյան", "nikol pashinyan"},
		{"בנימין נתניהו", "bnimin ntniho"},
		{"ทักษิณ ชินวัตร", "thaksin chinwatr"},
		{"김정은", "gimjeongeun"},
		{"김 정은", "kim jeongeun"},
		{"エーリッヒ・ザロモン", "erihhi zaromon"},
		{"やまだ たろう", "yamada tarou"},
		{"シェイクスピア", "sheikusupia"},
		{"ティム", "timu"},
		{"ហ៊ុន សែន", "hun saen"},
	} {
		var got []string
		for _, seg := range segments(c.in) {
			p, _ := translitBoth(seg, detectScript(c.in))
			got = append(got, p)
		}
		if s := join(got); s != c.want {
			t.Errorf("%s: %q, want %q", c.in, s, c.want)
		}
	}
}

func join(l []string) string {
	out := ""
	for i, s := range l {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}

// A Japanese name with kana does not read its kanji as Chinese; the same
// kanji still agree.
func TestTranslitJapaneseKanjiNotChinese(t *testing.T) {
	k := Normalize(Record{Kind: "person", GivenName: "たろう", FamilyName: "山田"})
	if k.Tokens[1] == "shantian" {
		t.Errorf("山田 read as Chinese beside kana: %v", k.Tokens)
	}
	s, _ := Compare(k, Normalize(Record{Kind: "person", GivenName: "たろう", FamilyName: "山田"}))
	if s < 80 {
		t.Errorf("the same Japanese name scores %d", s)
	}
	if k2 := Normalize(Record{Kind: "person", FamilyName: "山田"}); k2.Tokens[1] != "shan" {
		t.Errorf("kanji alone: %v", k2.Tokens)
	}
}
