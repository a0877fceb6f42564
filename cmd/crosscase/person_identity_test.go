package main

import (
	"testing"

	"crosscase"
	"crosscase/match"
)

// TestImportedEntitiesCarryIdentity: rows of an import become entities
// with the identity number and address they carry.
func TestImportedEntitiesCarryIdentity(t *testing.T) {
	rows := []match.Row{
		{ID: "P-1", Record: match.Record{Kind: crosscase.KindPerson, GivenName: "Arben", FamilyName: "Çela", IDNumber: "J80514027K", Address: "Rruga Taulantia 14, Durrës"}},
		{ID: "C-1", Record: match.Record{Kind: crosscase.KindCompany, Name: "Acme", Address: "Via Roma 1, Bari"}},
	}
	got := importedEntities(rows, crosscase.RoleSuspect)
	if len(got) != 2 || got[0].IDNumber != "J80514027K" || got[0].Address != "Rruga Taulantia 14, Durrës" || got[0].Role != crosscase.RoleSuspect ||
		got[1].Address != "Via Roma 1, Bari" || got[1].IDNumber != "" {
		t.Fatalf("entities %+v %+v", got[0], got[1])
	}
}
