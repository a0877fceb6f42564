package demo

import (
	"math/rand"
	"testing"
	"time"

	"crosscase"
)

// TestOperationIdentities checks that some persons of the operations
// carry an identity number and an address, some companies an address,
// all valid, each number held once except the stolen card, which two
// persons of two cases hold under different names, and that synthetic
// data has neither.
func TestOperationIdentities(t *testing.T) {
	desks := map[string]int64{}
	for i, code := range operationDeskCountries() {
		desks[code] = int64(10 + i)
	}
	var ids, personAddresses, companyAddresses int
	seen := map[string]bool{}
	var cardHolders []string // case owner and name of each holder of the stolen card
	for _, b := range Operations(desks, authorityIDs()) {
		for _, e := range b.Entities {
			if err := e.Validate(crosscase.DateOf(time.Now())); err != nil {
				t.Errorf("%s: %v", e.Label(), err)
			}
			if e.IDNumber == StolenCardNumber {
				cardHolders = append(cardHolders, b.Case.OwnerCountry+" "+e.Label())
				continue
			}
			if e.IDNumber != "" {
				ids++
				if seen[e.IDNumber] {
					t.Errorf("identity number %s twice", e.IDNumber)
				}
				seen[e.IDNumber] = true
			}
			switch {
			case e.Address != "" && e.Kind == crosscase.KindPerson:
				personAddresses++
			case e.Address != "" && e.Kind.IsNamed():
				companyAddresses++
			}
		}
	}
	if len(cardHolders) != 2 || cardHolders[0][:2] == cardHolders[1][:2] || cardHolders[0][3:] == cardHolders[1][3:] {
		t.Errorf("the stolen card should be held in two desks' cases under two names: %q", cardHolders)
	}
	if ids < 6 || personAddresses < 8 || companyAddresses < 4 {
		t.Errorf("identity numbers %d, person addresses %d, company addresses %d", ids, personAddresses, companyAddresses)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		if p := person(r, "IT", crosscase.RoleSuspect); p.IDNumber != "" || p.Address != "" {
			t.Fatalf("generated person has identity details: %+v", p)
		}
	}
}
