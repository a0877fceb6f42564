package match

import (
	"fmt"
	"testing"

	"crosscase"
)

// personScoreBound is never below the score Compare gives, whatever the
// names: it lets a check skip entries that cannot reach the threshold.
func TestPersonScoreBoundHolds(t *testing.T) {
	names := [][2]string{
		{"Anna", "Rossi"}, {"Ana", "Rosi"}, {"Anna Maria", "Rossi Bianchi"}, {"", "Rossi"}, {"Anna", ""},
		{"Rossi", "Anna"}, {"Jean-Pierre", "Dupont"}, {"J.", "Dupont"}, {"Abd Allah", "Haddad"},
		{"Abdullah", "Haddad"}, {"Łukasz", "Kowalski"}, {"Lukas", "Kowalsky"}, {"Мария", "Иванова"},
		{"Maria", "Ivanova"}, {"Mohammed", "Al Rashid"}, {"Muhammad", "Alrashid"},
	}
	births := []struct {
		d crosscase.Date
		y int
	}{{}, {y: 1980}, {y: 1981}, {d: crosscase.Date{Year: 1980, Month: 3, Day: 12}},
		{d: crosscase.Date{Year: 1980, Month: 12, Day: 3}}, {d: crosscase.Date{Year: 1980, Month: 3, Day: 13}},
		{d: crosscase.Date{Year: 1975, Month: 1, Day: 1}}}
	idents := []string{"", "AB1234567", "AB1234568", "ZZ9999999"}
	nats := []string{"", "IT", "FR"}
	addrs := []string{"", "Via Roma 12, 00100 Roma", "Rue de la Paix 3, Paris"}
	var recs []Record
	i := 0
	for _, n := range names {
		for _, b := range births {
			// Not every combination: enough to cross every field's cases.
			i++
			recs = append(recs, Record{Kind: crosscase.KindPerson, GivenName: n[0], FamilyName: n[1],
				BirthDate: b.d, BirthYear: b.y, IDNumber: idents[i%len(idents)],
				Nationality: nats[i%len(nats)], Address: addrs[(i/3)%len(addrs)]})
		}
	}
	keys := make([]Keys, len(recs))
	for i, r := range recs {
		keys[i] = Normalize(r)
	}
	checked := 0
	for i := range keys {
		for j := range keys {
			a, b := &keys[i], &keys[j]
			bound, ok := personScoreBound(a, b, len(b.Address) > 0, &defaultWeights)
			if !ok {
				continue
			}
			checked++
			if s, _ := compare(a, b, nil); s > bound {
				t.Errorf("%s: score %d above the bound %d", fmt.Sprint(recs[i], " / ", recs[j]), s, bound)
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d pairs bounded", checked)
	}
}
