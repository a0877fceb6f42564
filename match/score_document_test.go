package match

import (
	"strings"
	"testing"

	"crosscase"
)

// The same identity number under a clearly different name is a
// candidate of its own kind, once the index reports them; the same
// number under the same name is an ordinary hit.
func TestSameDocumentDifferentName(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(Record{EntityID: 1, CaseID: 1, Kind: crosscase.KindPerson, GivenName: "Rutger", FamilyName: "Hoekstra", IDNumber: "NX4471902", Nationality: "NL"})
	ix.Upsert(Record{EntityID: 2, CaseID: 2, Kind: crosscase.KindPerson, GivenName: "Rutger", FamilyName: "Hoekstra", BirthDate: born1980, IDNumber: "NX4471902"})
	ix.Upsert(Record{EntityID: 3, CaseID: 3, Kind: crosscase.KindPerson, GivenName: "Emre", FamilyName: "Yildirim", IDNumber: "4471"})
	q := Record{Kind: crosscase.KindPerson, GivenName: "Mehmet", FamilyName: "Arslan", IDNumber: "NX 447 1902", Nationality: "NL"}
	if got := ix.Check(q, 10); len(got) != 0 {
		t.Fatalf("reported before enabled: %+v", got)
	}
	ix.SetDocumentThreshold(DefaultDocumentThreshold)
	got := ix.Check(q, 10)
	if len(got) != 2 {
		t.Fatalf("want both holders of the number, got %+v", got)
	}
	for _, c := range got {
		if c.Kind != CandidateSameDocument || c.Score < DefaultDocumentThreshold {
			t.Errorf("%+v: want a same-document candidate", c)
		}
		if f, ok := field(c.Fields, "id_number"); !ok || f.How != "exact" {
			t.Errorf("%+v: explanation lacks the number", c)
		}
		if f, ok := field(c.Fields, "name"); !ok || f.Score > maxDocNameSim && f.How != "part_differs" {
			t.Errorf("%+v: explanation lacks the names", c)
		}
		if w := Explain(c); !strings.Contains(w[0], "identity document") {
			t.Errorf("explained as %q", w)
		}
	}
	// The same name and number: an ordinary hit, not a document one.
	same := ix.Check(Record{Kind: crosscase.KindPerson, GivenName: "Rutger", FamilyName: "Hoekstra", IDNumber: "NX4471902"}, 10)
	if len(same) != 2 || same[0].Kind != CandidateSameEntity {
		t.Errorf("same name and number: %+v", same)
	}
	// A number too short to tell people apart says nothing.
	if s, _ := CompareDocument(Normalize(Record{Kind: crosscase.KindPerson, FamilyName: "Arslan", IDNumber: "4471"}),
		Normalize(Record{Kind: crosscase.KindPerson, FamilyName: "Yildirim", IDNumber: "4471"})); s != 0 {
		t.Errorf("a four-character number scores %d", s)
	}
	// A nationality that differs lowers the score.
	a := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: "Arslan", IDNumber: "NX4471902", Nationality: "TR"})
	b := Normalize(Record{Kind: crosscase.KindPerson, FamilyName: "Hoekstra", IDNumber: "NX4471902", Nationality: "NL"})
	if s, _ := CompareDocument(a, b); s != docScoreLong-docNationalityDiff {
		t.Errorf("nationalities differ: %d", s)
	}
}

// Every way a field can agree, and every field, reads as words that say
// whether it counted for or against.
func TestWordsForEveryField(t *testing.T) {
	for h, name := range howNames {
		if how(h) == howUnknown {
			continue
		}
		if _, ok := howWords[name]; !ok {
			t.Errorf("no words for how %q", name)
		}
	}
	for _, f := range []string{"family_name", "given_name", "full_name", "birth_date", "id_number", "address", "nationality", "name", "value", "name_rarity"} {
		w := FieldScore{Field: f, How: "exact"}.Words()
		if !strings.Contains(w, "counts") || strings.Contains(w, "_") {
			t.Errorf("%s: %q", f, w)
		}
	}
	if w := (FieldScore{Field: "given_name", How: "part_differs"}).Words(); !strings.Contains(w, "counts against") {
		t.Errorf("part_differs: %q", w)
	}
}
