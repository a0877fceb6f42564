package web

import (
	"slices"
	"testing"

	"crosscase"
	"crosscase/match"
)

// TestIdentityLabelsAndGuesses: hit explanations name the new fields in
// words, and the list check guesses them from common headers.
func TestIdentityLabelsAndGuesses(t *testing.T) {
	for field, want := range map[string]string{"id_number": "identity number", "address": "address", "nationality": "nationality"} {
		if got := hitFieldLabel(crosscase.KindPerson, field); got != want {
			t.Errorf("hitFieldLabel(%q) = %q, want %q", field, got, want)
		}
	}
	if fieldLabel("id_number") != "Identity number" || fieldLabel("address") != "Address" {
		t.Errorf("form labels %q %q", fieldLabel("id_number"), fieldLabel("address"))
	}
	for _, h := range []string{"id_number", "ID Number", "national_id", "Passport", "passport_no", "document-number", "soc_sec_id", "SSN", "personal_number"} {
		if got := guessField(h); got != "id_number" {
			t.Errorf("guessField(%q) = %q, want id_number", h, got)
		}
	}
	for _, h := range []string{"address", "Street", "address_1", "address_2", "street_address", "suburb", "City", "postcode", "ZIP"} {
		if got := guessField(h); got != "address" {
			t.Errorf("guessField(%q) = %q, want address", h, got)
		}
	}
	// A suspect's mobile and landline are both phones (README, "Import").
	for _, h := range []string{"phone", "Mobile", "landline", "Phone 2", "mobile_2"} {
		if got := guessField(h); got != "phone" {
			t.Errorf("guessField(%q) = %q, want phone", h, got)
		}
	}
	if guessField("id") != match.FieldID || guessField("country") != match.FieldCountry {
		t.Error("existing guesses changed")
	}
	if !slices.Contains(bulkFieldNames, "id_number") || !slices.Contains(bulkFieldNames, "address") {
		t.Errorf("the mapping form does not offer the fields: %v", bulkFieldNames)
	}
}
