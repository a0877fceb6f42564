package http

import (
	"testing"

	"crosscase"
)

// The remaining request bodies: each decodes strictly (an error names a
// field, never panics), and what decodes survives a round trip and, where
// the domain validates it, validates with a field-naming error.

func fuzzRequest[T any](f *testing.F, seeds []string, validate func(*T) error) {
	addSeeds(f, commonSeeds...)
	addSeeds(f, seeds...)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, ok := fuzzDecode[T](t, data)
		if !ok {
			return
		}
		roundTrip(t, v)
		if validate == nil {
			return
		}
		if err := validate(v); err != nil && (crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) == "") {
			t.Fatalf("validate %+v: %v", v, err)
		}
	})
}

func FuzzDecodeDeskCreate(f *testing.F) {
	fuzzRequest(f, []string{`{"country_code":"IT","kind":"national_desk","name":"Italy"}`, `{"country_code":"it","kind":"x"}`},
		func(r *deskCreateRequest) error {
			return (&crosscase.Desk{CountryCode: r.CountryCode, Kind: r.Kind, Name: r.Name}).Validate()
		})
}

func FuzzDecodeDeskUpdate(f *testing.F) {
	fuzzRequest[crosscase.DeskUpdate](f, []string{`{"version":1,"name":"Italy"}`, `{"version":1,"name":null}`}, nil)
}

func FuzzDecodeCountryUpdate(f *testing.F) {
	fuzzRequest[crosscase.CountryUpdate](f, []string{`{"standing":"liaison_prosecutor"}`, `{"standing":"queen"}`}, nil)
}

func FuzzDecodeAuthorityCreate(f *testing.F) {
	fuzzRequest(f, []string{`{"country_code":"AL","name":"Prokuroria e Posaçme","kind":"prosecution","city":"Tirana"}`},
		func(r *authorityCreateRequest) error {
			return (&crosscase.Authority{CountryCode: r.CountryCode, Name: r.Name, Kind: r.Kind, City: r.City}).Validate()
		})
}

func FuzzDecodeTokenCreate(f *testing.F) {
	fuzzRequest(f, []string{`{"label":"laptop"}`, `{"label":"x","user_id":3}`},
		func(r *tokenCreateRequest) error { return crosscase.CheckText("label", r.Label, 100, false) })
}

func FuzzDecodeGrant(f *testing.F) {
	fuzzRequest[grantRequest](f, []string{`{"desk_id":3}`, `{"desk_id":-1}`}, nil)
}

func FuzzDecodeUserUpdate(f *testing.F) {
	fuzzRequest[crosscase.UserUpdate](f, []string{`{"version":1,"role":"analyst","disabled":true,"desk_id":2}`}, nil)
}

func FuzzDecodeAgreementUpdate(f *testing.F) {
	fuzzRequest[crosscase.AgreementUpdate](f, []string{`{"version":1,"kind":"working_arrangement","signed_on":"2025-04-30","title":"Korea"}`}, nil)
}
