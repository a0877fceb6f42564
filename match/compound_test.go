package match

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"crosscase"
)

// compoundPairs are one name written together and apart, in Latin
// spellings and Arabic script.
var compoundPairs = [][2]string{
	{"عبد العزيز", "Abdulaziz"},
	{"Abd al-Aziz", "Abdulaziz"},
	{"Abdel Aziz", "Abdelaziz"},
	{"Abd Allah", "Abdullah"},
	{"عبد الله", "Abdallah"},
	{"Abdul Rahman", "Abdurrahman"},
	{"Abdel Rahman", "Abderrahmane"},
	{"عبد الرحمن", "Abdurrahman"},
	{"Abu Bakr", "Abubakar"},
	{"أبو بكر", "Abubakar"},
	{"Nasr al-Din", "Nasreddin"},
	{"نصر الدين", "Nasreddin"},
	{"Jean-Pierre", "Jeanpierre"},
	{"Van der Berg", "Vanderberg"},
	{"Sergei Lavrov", "SergeiLavrov"},
	{"Mac Donald", "McDonald"},
	{"O Brien", "O'Brien"},
}

// TestCompoundIndex checks that a name written apart is found through the
// index from the name written together, and the other way round, as a
// name alone and beside other records.
func TestCompoundIndex(t *testing.T) {
	for _, p := range compoundPairs {
		for dir := range 2 {
			stored, query := p[dir], p[1-dir]
			ix := NewIndex(nil)
			ix.Upsert(Record{EntityID: 1, CaseID: 1, Kind: crosscase.KindPerson, FamilyName: stored})
			ix.Upsert(Record{EntityID: 2, CaseID: 1, Kind: crosscase.KindPerson, FamilyName: "Maria Rossi"})
			got := ix.Check(Record{Kind: crosscase.KindPerson, FamilyName: query}, 0)
			if len(got) != 1 || got[0].EntityID != 1 {
				ka := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: query})
				kb := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: stored})
				s, f := Compare(ka, kb)
				t.Errorf("%q stored, %q checked: %v (meets %v, score %d %v)", stored, query, got, meets(ka, kb), s, f)
			}
		}
	}
}

// TestCompoundKeysApart checks that two records that both split a name,
// or both run it together, do not share a compound key: the name counts
// once in the ranking.
func TestCompoundKeysApart(t *testing.T) {
	for _, p := range compoundPairs {
		for _, n := range p {
			k := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: n})
			for _, l := range lookupKeys(k) {
				for _, b := range BlockingKeys(k) {
					if l == b && (strings.HasPrefix(l, "j:") || strings.HasPrefix(l, "k:")) {
						t.Errorf("%q looks up its own compound key %s", n, l)
					}
				}
			}
		}
	}
}

// jrcCompoundPairs returns the true JRC-Names pairs in which a word of
// one name (five letters or more, not a word of the other) is within a
// slip of two or three adjacent words of the other run together: a name
// written together on one side and apart on the other.
func jrcCompoundPairs(t *testing.T) [][2]string {
	pairs, _ := jrcNamePairs(t)
	var out [][2]string
	seen := map[[2]string]bool{}
	for _, p := range pairs {
		if !p.same || p.a == p.b || seen[[2]string{p.a, p.b}] {
			continue
		}
		seen[[2]string{p.a, p.b}] = true
		ka := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: p.a})
		kb := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: p.b})
		if writtenApart(ka.Tokens, kb.Tokens) || writtenApart(kb.Tokens, ka.Tokens) {
			out = append(out, [2]string{p.a, p.b})
		}
	}
	return out
}

// writtenApart reports whether a word of one is a run of words of apart.
func writtenApart(one, apart []string) bool {
	for _, w := range one {
		if len(w) < 5 || slices.Contains(apart, w) {
			continue
		}
		for i := range apart {
			for n := 2; n <= 3 && i+n <= len(apart); n++ {
				if damerau(w, strings.Join(apart[i:i+n], ""), 1) <= 1 {
					return true
				}
			}
		}
	}
	return false
}

// withoutCompound reports whether a and b meet through keys other than
// compound ones: as they did before those keys.
func withoutCompound(a, b Keys) bool {
	var la, bb []string
	for _, k := range lookupKeys(a) {
		if !strings.HasPrefix(k, "j:") && !strings.HasPrefix(k, "k:") {
			la = append(la, k)
		}
	}
	for _, k := range BlockingKeys(b) {
		if !strings.HasPrefix(k, "j:") && !strings.HasPrefix(k, "k:") {
			bb = append(bb, k)
		}
	}
	return shareKey(la, bb)
}

// TestCompoundJRC measures how many of the JRC-Names pairs written
// together on one side and apart on the other meet in the index, in both
// directions (blocking recall), with and without compound keys, and how
// many are hits, in each layout of a name alone.
func TestCompoundJRC(t *testing.T) {
	pairs := jrcCompoundPairs(t)
	if len(pairs) < 30 {
		t.Fatalf("%d pairs written together and apart; want 30 or more", len(pairs))
	}
	th := DefaultThresholds()[crosscase.KindPerson]
	for _, layout := range nameLayouts {
		met, before, hits := 0, 0, 0
		for _, p := range pairs {
			ka, kb := Normalize(layout.rec(p[0])), Normalize(layout.rec(p[1]))
			if withoutCompound(ka, kb) && withoutCompound(kb, ka) {
				before++
			}
			if meets(ka, kb) && meets(kb, ka) {
				met++
				if s, _ := Compare(ka, kb); s >= th {
					hits++
				}
			} else if testing.Verbose() && layout.name == "split" {
				t.Logf("  apart: %q | %q", p[0], p[1])
			}
		}
		n := float64(len(pairs))
		t.Logf("%s: %d pairs written together and apart: blocking recall %.3f (without compound keys %.3f), recall %.3f",
			layout.name, len(pairs), float64(met)/n, float64(before)/n, float64(hits)/n)
		// The floor was 0.95 with 180 pairs (171 met); eight of them, in
		// Kazakh Cyrillic, were pairs only while Ә and Ғ were read as
		// nothing, and left the set when they were read: the same nine
		// pairs miss, of 172.
		if float64(met)/n < 0.945 {
			t.Errorf("%s: blocking recall %.3f under 0.945", layout.name, float64(met)/n)
		}
	}
}

// FuzzCompoundForm checks that compound keys never panic and are ASCII,
// and that two adjacent words run together are filed under the key they
// look up: the words written as one are a normalised word again (the
// normalisation is idempotent), filed under the compound key ("k:") that
// matches the words' run ("j:").
func FuzzCompoundForm(f *testing.F) {
	for _, p := range compoundPairs {
		f.Add(p[0])
		f.Add(p[1])
	}
	f.Add("")
	f.Add("a-b c'd 12 ll l")
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: s})
		compoundKeys(k.Tokens, func(key string) {
			if !utf8.ValidString(key) || len(key) < 2+minCompound {
				t.Fatalf("%q: key %q", s, key)
			}
			for i := 0; i < len(key); i++ {
				if key[i] >= 0x80 {
					t.Fatalf("%q: key %q not ASCII", s, key)
				}
			}
		})
		if len(k.Tokens) < 2 {
			return
		}
		joined := k.Tokens[0] + k.Tokens[1]
		if len(joined) < minCompoundWord || len(joined) > maxTokenBytes || hasDigit(joined) {
			return
		}
		var run []string
		compoundKeys(k.Tokens[:2], func(key string) {
			if strings.HasPrefix(key, "j:") {
				run = append(run, key)
			}
		})
		one := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: joined})
		if len(one.Tokens) != 1 || one.Tokens[0] != joined {
			t.Fatalf("%q: %q normalises to %q", s, joined, one.Tokens)
		}
		var word []string
		compoundKeys(one.Tokens, func(key string) { word = append(word, key) })
		for _, r := range run {
			if !slices.Contains(word, "k:"+r[2:]) {
				t.Fatalf("%q: run %v filed %v, %q filed %v", s, k.Tokens[:2], run, joined, word)
			}
		}
	})
}

// TestCompoundNamesAlone checks that names alone written together and
// apart, and the Arabic theophoric names (Abd and one of the names of
// God) in the usual transliterations, agree as one name.
func TestCompoundNamesAlone(t *testing.T) {
	pairs := append(slices.Clone(compoundPairs), [][2]string{
		{"Abdul Rahman", "Abderrahmane"},
		{"Abdel Rahman", "Abdurrahman"},
		{"Abd ar-Rahman", "Abdulrahman"},
		{"Abd al-Qadir", "Abdelkader"},
		{"Abdul-Karim", "Abdelkarim"},
		{"Mohammed Abdel Aziz", "Muhammad Abdulaziz"},
		{"Jean-Pierre Dupont", "Jeanpierre Dupont"},
	}...)
	th := DefaultThresholds()[crosscase.KindPerson]
	for _, p := range pairs {
		ka := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: p[0]})
		kb := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: p[1]})
		if s, f := Compare(ka, kb); s < th || s >= 90 {
			t.Errorf("%q, %q: %d %v; want %d to 89", p[0], p[1], s, f, th)
		}
	}
	// Different names with one initial do not agree by their consonants.
	ka := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: "H. Meijer"})
	kb := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: "H.A. Meijer"})
	if s, f := Compare(ka, kb); f[len(f)-1].How == "spacing" && s >= th {
		t.Errorf("H. Meijer, H.A. Meijer: %d %v", s, f)
	}
}
