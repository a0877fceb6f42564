package crosscase

import (
	"context"
	"time"
)

// Standing is a country's standing with the agency.
type Standing string

// Standings.
const (
	StandingMember       Standing = "member_state"       // EU member state with a national desk
	StandingLiaison      Standing = "liaison_prosecutor" // third country with a liaison prosecutor at the agency
	StandingContactPoint Standing = "contact_point"      // third country with a contact point only
	StandingNone         Standing = "none"
)

// Valid reports whether s is a known standing.
func (s Standing) Valid() bool {
	switch s {
	case StandingMember, StandingLiaison, StandingContactPoint, StandingNone:
		return true
	}
	return false
}

// Country is an ISO 3166-1 alpha-2 country and its standing with the agency.
type Country struct {
	Code     string   `json:"code"` // ISO 3166-1 alpha-2, upper case
	Name     string   `json:"name"`
	Standing Standing `json:"standing"`
}

// CountryUpdate changes a country's standing.
type CountryUpdate struct {
	Standing *Standing `json:"standing"`
}

// CountryService reads and administers reference countries.
type CountryService interface {
	// ListCountries returns every country ordered by name. Any signed-in user.
	ListCountries(ctx context.Context) ([]*Country, error)
	// FindCountry returns ENOTFOUND for an unknown code.
	FindCountry(ctx context.Context, code string) (*Country, error)
	// UpdateCountry is for administrators (EFORBIDDEN otherwise); ENOTFOUND
	// for an unknown code, EINVALID for an unknown standing.
	UpdateCountry(ctx context.Context, code string, upd CountryUpdate) (*Country, error)
}

// AgreementKind says what an agreement allows.
type AgreementKind string

// Agreement kinds.
const (
	// AgreementCooperation is an international agreement on cooperation: it
	// allows the transfer of operational personal data.
	AgreementCooperation AgreementKind = "cooperation_agreement"
	// AgreementWorkingArrangement formalises contact points and non-personal
	// cooperation; it is no basis for exchanging operational personal data.
	AgreementWorkingArrangement AgreementKind = "working_arrangement"
)

// Valid reports whether k is a known kind.
func (k AgreementKind) Valid() bool {
	return k == AgreementCooperation || k == AgreementWorkingArrangement
}

// Agreement is between the agency and a third country or an organisation.
// Exactly one of CountryCode and Organisation is set.
type Agreement struct {
	ID           int64         `json:"id"`
	CountryCode  string        `json:"country_code,omitempty"`
	Organisation string        `json:"organisation,omitempty"`
	Kind         AgreementKind `json:"kind"`
	SignedOn     Date          `json:"signed_on"`
	Title        string        `json:"title"`
	Version      int           `json:"version"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// AgreementUpdate changes an agreement. Version must equal the stored version.
type AgreementUpdate struct {
	Version  int            `json:"version"`
	Kind     *AgreementKind `json:"kind"`
	SignedOn *Date          `json:"signed_on"`
	Title    *string        `json:"title"`
}

// AgreementService administers agreements.
type AgreementService interface {
	// ListAgreements returns all agreements, newest first. Any signed-in user.
	ListAgreements(ctx context.Context) ([]*Agreement, error)
	// FindAgreement returns ENOTFOUND when id does not exist.
	FindAgreement(ctx context.Context, id int64) (*Agreement, error)
	// CreateAgreement is for administrators; EINVALID names the bad field.
	CreateAgreement(ctx context.Context, a *Agreement) error
	// UpdateAgreement is for administrators; ECONFLICT on a stale version.
	UpdateAgreement(ctx context.Context, id int64, upd AgreementUpdate) (*Agreement, error)
	// DeleteAgreement is for administrators; ENOTFOUND when missing.
	DeleteAgreement(ctx context.Context, id int64) error
}

// Validate checks a's fields, today being the latest date anywhere on
// Earth (NotFuture): an agreement is recorded once it is signed. Country
// existence is checked by the store.
func (a *Agreement) Validate(today Date) error {
	if a.CountryCode == "" && a.Organisation == "" {
		return FieldErrorf("country_code", "Choose a country, or give an organisation.")
	}
	if a.CountryCode != "" && a.Organisation != "" {
		return FieldErrorf("country_code", "Give either a country code or an organisation, not both.")
	}
	if a.CountryCode != "" && !ValidCountryCode(a.CountryCode) {
		return FieldErrorf("country_code", "%q is not an ISO 3166-1 alpha-2 code.", a.CountryCode)
	}
	if err := CheckText("organisation", a.Organisation, 200, false); err != nil {
		return err
	}
	if !a.Kind.Valid() {
		return FieldErrorf("kind", "Kind must be cooperation_agreement or working_arrangement.")
	}
	if a.SignedOn.IsZero() {
		return FieldErrorf("signed_on", "Signing date is required.")
	}
	if err := NotFuture("signed_on", a.SignedOn, today, "signature of the agreement"); err != nil {
		return err
	}
	return CheckText("title", a.Title, 300, false)
}

// ValidCountryCode reports whether s has the shape of an ISO 3166-1 alpha-2
// code (two upper-case ASCII letters). Whether the code exists is the
// store's question.
func ValidCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}
