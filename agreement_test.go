package crosscase

import "testing"

// TestAgreementSignedOn: an agreement is recorded once it is signed: a
// signing date after the latest today on Earth is refused naming
// signed_on.
func TestAgreementSignedOn(t *testing.T) {
	today := Date{Year: 2026, Month: 5, Day: 4}
	a := Agreement{CountryCode: "KR", Kind: AgreementCooperation, SignedOn: today, Title: "x"}
	if err := a.Validate(today); err != nil {
		t.Fatalf("signed today: %v", err)
	}
	a.SignedOn = Date{Year: 2099, Month: 1, Day: 1}
	if err := a.Validate(today); ErrorField(err) != "signed_on" {
		t.Fatalf("signed in 2099: %v", err)
	}
}
