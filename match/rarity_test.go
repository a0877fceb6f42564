package match

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"crosscase"
)

// A register of n persons with distinct, common-looking names, spread
// over dates of birth.
func rarityRegister(t *testing.T, n int) *Index {
	t.Helper()
	ix := NewIndex(nil)
	given := []string{"Marco", "Giulia", "Luca", "Sara"}
	for i := 0; i < n; i++ {
		born := crosscase.Date{Year: 1950 + i%50, Month: time.Month(1 + i%12), Day: 1 + i%28}
		ix.Upsert(person(int64(1000+i), int64(1000+i), given[i%len(given)], fmt.Sprintf("Family%c%c%c", 'a'+i%26, 'a'+(i/26)%26, 'a'+(i/676)%26), born))
	}
	return ix
}

func hasField(c Candidate, field string) bool {
	return slices.ContainsFunc(c.Fields, func(f FieldScore) bool { return f.Field == field })
}

func TestRareNameRescue(t *testing.T) {
	born := crosscase.Date{Year: 1971, Month: time.March, Day: 9}
	ix := rarityRegister(t, 4000)
	// A rare given name, the same exact date of birth, another family
	// name (married since): probably the same person.
	ix.Upsert(person(1, 1, "Ximena", "Okonkwo", born))
	got := ix.Check(person(0, 2, "Ximena", "Lindqvist", born), 10)
	if len(got) != 1 || got[0].EntityID != 1 || got[0].Score != rescueScore || !hasField(got[0], "name_rarity") {
		t.Fatalf("rare given name and date: %+v", got)
	}
	// The same rare full name with another date of birth (a typo'd date).
	got = ix.Check(person(0, 2, "Ximena", "Okonkwo", crosscase.Date{Year: 1917, Month: time.September, Day: 3}), 10)
	if len(got) != 1 || got[0].EntityID != 1 || !hasField(got[0], "name_rarity") {
		t.Fatalf("rare full name, other date: %+v", got)
	}
	// A common given name (a thousand Marcos: about 0.03 of them share
	// any date of birth) with the same date and another family name.
	ix.Upsert(person(2, 1, "Marco", "Okonkwo", born))
	if got := ix.Check(person(0, 2, "Marco", "Lindqvist", born), 10); len(got) != 0 {
		t.Fatalf("common given name rescued: %+v", got)
	}
	// Compare alone, without the register, does not call either a hit.
	if s, _ := Compare(Normalize(person(0, 2, "Ximena", "Lindqvist", born)), Normalize(person(1, 1, "Ximena", "Okonkwo", born))); s >= rescueScore {
		t.Fatalf("Compare scored %d", s)
	}
	// Many entries agreeing with one query this way: none is rare.
	for i := int64(0); i < maxRescued+1; i++ {
		ix.Upsert(person(10+i, 10+i, "Ximena", fmt.Sprintf("Other%c", 'a'+i), born))
	}
	if got := ix.Check(person(0, 2, "Ximena", "Lindqvist", born), 10); len(got) != 0 {
		t.Fatalf("rescued despite %d coincidences: %+v", maxRescued+2, got)
	}
}

func TestPersonsCountSurvivesSnapshotAndRemoval(t *testing.T) {
	ix := rarityRegister(t, 50)
	ix.Upsert(ident(7, 7, crosscase.KindPhone, "+39 080 555 0101", "IT"))
	ix.Remove(1000)
	ix.Upsert(person(1001, 1001, "Other", "Name", crosscase.Date{})) // replaces: still one
	if ix.persons != 49 {
		t.Fatalf("persons = %d, want 49", ix.persons)
	}
	var buf bytes.Buffer
	if err := ix.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSnapshot(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.persons != 49 {
		t.Fatalf("persons after snapshot = %d, want 49", got.persons)
	}
}

// In a large register, two persons known by the same common name alone
// are lowered below a hit, and the explanation says why; the same rare
// name stays a hit.
func TestCommonNameAloneLowered(t *testing.T) {
	ix := NewIndex(nil)
	id := int64(1)
	add := func(given, family string) {
		ix.Upsert(Record{EntityID: id, CaseID: id, Kind: crosscase.KindPerson, GivenName: given, FamilyName: family})
		id++
	}
	for i := 0; i < 3000; i++ {
		add([]string{"Maria", "Elena", "Ioana"}[i%3], []string{"Popescu", "Ionescu", "Popa"}[i%3])
	}
	add("Ottilie", "Brandhuber")
	common := ix.Check(Record{Kind: crosscase.KindPerson, GivenName: "Maria", FamilyName: "Popescu"}, 100)
	if len(common) != 0 {
		t.Errorf("a common name alone: %d hits, first %+v", len(common), common[0])
	}
	rare := ix.Check(Record{Kind: crosscase.KindPerson, GivenName: "Ottilie", FamilyName: "Brandhuber"}, 10)
	if len(rare) != 1 {
		t.Fatalf("a rare name alone: %+v", rare)
	}
	// A single name borne by a few: lowered, not sunk.
	for i := 0; i < 3; i++ {
		add("", "Brandhuber")
	}
	got := ix.Check(Record{Kind: crosscase.KindPerson, FamilyName: "Brandhuber"}, 10)
	if len(got) != 3 {
		t.Errorf("a single name borne by three: %+v", got)
	}
	for _, c := range got {
		if f, ok := field(c.Fields, "name_rarity"); !ok || f.How != "common_in_register" || c.Score >= namesAloneSingle {
			t.Errorf("%+v: want a lowered score that says the name is common", c)
		}
	}
}
