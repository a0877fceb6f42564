package match

import (
	"testing"

	"crosscase"
)

// BenchmarkCompare compares two persons whose names are spelt under
// different conventions, the common case of a check.
func BenchmarkCompare(b *testing.B) {
	born := crosscase.Date{Year: 1971, Month: 3, Day: 9}
	x := Normalize(Record{Kind: crosscase.KindPerson, GivenName: "Тарас Григорович", FamilyName: "Шевченко", BirthDate: born})
	y := Normalize(Record{Kind: crosscase.KindPerson, GivenName: "Taras", FamilyName: "Schewtschenko", BirthDate: crosscase.Date{Year: 1971, Month: 9, Day: 3}})
	b.ReportAllocs()
	for b.Loop() {
		Compare(x, y)
	}
}

// BenchmarkCompareDifferent compares two unrelated persons, the most
// frequent comparison inside a block.
func BenchmarkCompareDifferent(b *testing.B) {
	x := Normalize(Record{Kind: crosscase.KindPerson, GivenName: "Maria", FamilyName: "Rossi", BirthDate: crosscase.Date{Year: 1980, Month: 5, Day: 12}})
	y := Normalize(Record{Kind: crosscase.KindPerson, GivenName: "Marco", FamilyName: "Rossetti", BirthDate: crosscase.Date{Year: 1975, Month: 1, Day: 2}})
	b.ReportAllocs()
	for b.Loop() {
		Compare(x, y)
	}
}

func BenchmarkNormalize(b *testing.B) {
	r := Record{Kind: crosscase.KindPerson, GivenName: "Jürgen Hans-Peter", FamilyName: "Müller-Lüdenscheidt"}
	b.ReportAllocs()
	for b.Loop() {
		Normalize(r)
	}
}

func BenchmarkNormalizeASCII(b *testing.B) {
	r := Record{Kind: crosscase.KindPerson, GivenName: "John Paul", FamilyName: "Smith", BirthDate: crosscase.Date{Year: 1980, Month: 1, Day: 2}}
	b.ReportAllocs()
	for b.Loop() {
		Normalize(r)
	}
}
