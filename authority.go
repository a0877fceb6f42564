package crosscase

import (
	"context"
	"time"
)

// AuthorityKind is what a national competent authority is.
type AuthorityKind string

// Authority kinds.
const (
	AuthorityProsecution AuthorityKind = "prosecution"
	AuthorityPolice      AuthorityKind = "police"
	AuthorityCourt       AuthorityKind = "court"
	AuthorityBorderGuard AuthorityKind = "border_guard"
	AuthorityCustoms     AuthorityKind = "customs"
	AuthorityOther       AuthorityKind = "other"
)

// Valid reports whether k is a known kind.
func (k AuthorityKind) Valid() bool {
	switch k {
	case AuthorityProsecution, AuthorityPolice, AuthorityCourt, AuthorityBorderGuard, AuthorityCustoms, AuthorityOther:
		return true
	}
	return false
}

// Authority is a national competent authority: a prosecutor's office,
// police unit, court or border guard. Authorities are reference data, not
// personal data: every signed-in user may list them.
type Authority struct {
	ID          int64         `json:"id"`
	CountryCode string        `json:"country_code"`
	Name        string        `json:"name"`
	Kind        AuthorityKind `json:"kind"`
	City        string        `json:"city,omitempty"`
	CreatedAt   time.Time     `json:"created_at"`
}

// Validate checks a's fields; the store checks that the country exists.
func (a *Authority) Validate() error {
	if a.CountryCode == "" {
		return FieldErrorf("country_code", "Choose a country.")
	}
	if !ValidCountryCode(a.CountryCode) {
		return FieldErrorf("country_code", "%q is not an ISO 3166-1 alpha-2 country code.", a.CountryCode)
	}
	if err := CheckText("name", a.Name, 300, true); err != nil {
		return err
	}
	if !a.Kind.Valid() {
		return FieldErrorf("kind", "Unknown authority kind %q.", a.Kind)
	}
	return CheckText("city", a.City, 100, false)
}

// CanAddAuthority reports whether u adds national authorities (reference
// data the desks record as they work with them): administrators, desk
// members and liaison prosecutors. The other reference data — countries,
// agreements, desks, users — only administrators change (User.IsAdmin).
// README, Who sees what.
func CanAddAuthority(u *User) bool {
	return u != nil && (u.IsAdmin() || u.Role.WorksCases())
}

// AuthorityService stores authorities. Desk members, liaison prosecutors
// and administrators create them; anyone signed in reads them.
type AuthorityService interface {
	// ListAuthorities returns the authorities of country (all when ""), by name.
	ListAuthorities(ctx context.Context, country string) ([]*Authority, error)
	// FindAuthority returns ENOTFOUND when id does not exist.
	FindAuthority(ctx context.Context, id int64) (*Authority, error)
	// CreateAuthority adds a; ECONFLICT when the country already has an
	// authority of that name, EINVALID names the bad field.
	CreateAuthority(ctx context.Context, a *Authority) error
}
