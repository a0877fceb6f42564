package crosscase

import (
	"context"
	"time"
)

// DeskKind distinguishes national desks from liaison prosecutors' offices.
type DeskKind string

// Desk kinds.
const (
	DeskNational DeskKind = "national_desk"      // a member state's desk
	DeskLiaison  DeskKind = "liaison_prosecutor" // a third country's liaison prosecutor
	// DeskContactPoint is a third country's (or body's) contact point with
	// no one at the agency: it receives notices, never case files.
	DeskContactPoint DeskKind = "contact_point"
)

// Desk is a national desk or a liaison prosecutor's office. It owns cases
// and has members. Its Code is its country's ISO code ("IT", "AL").
type Desk struct {
	ID          int64     `json:"id"`
	CountryCode string    `json:"country_code"`
	Kind        DeskKind  `json:"kind"`
	Name        string    `json:"name"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks d's fields.
func (d *Desk) Validate() error {
	if d.CountryCode == "" {
		return FieldErrorf("country_code", "Choose a country.")
	}
	if !ValidCountryCode(d.CountryCode) {
		return FieldErrorf("country_code", "%q is not an ISO 3166-1 alpha-2 code.", d.CountryCode)
	}
	if d.Kind != DeskNational && d.Kind != DeskLiaison && d.Kind != DeskContactPoint {
		return FieldErrorf("kind", "Kind must be national_desk, liaison_prosecutor or contact_point.")
	}
	return CheckText("name", d.Name, 200, true)
}

// DeskUpdate changes a desk. Version must equal the stored version.
type DeskUpdate struct {
	Version int     `json:"version"`
	Name    *string `json:"name"`
}

// DeskService administers desks. Desk names and countries are not case
// content: any signed-in user may list them.
type DeskService interface {
	// ListDesks returns all desks ordered by country code.
	ListDesks(ctx context.Context) ([]*Desk, error)
	// FindDesk returns ENOTFOUND when id does not exist.
	FindDesk(ctx context.Context, id int64) (*Desk, error)
	// FindDeskByCountry returns ENOTFOUND when the country has no desk.
	FindDeskByCountry(ctx context.Context, code string) (*Desk, error)
	// CreateDesk is for administrators. EINVALID for an unknown country,
	// ECONFLICT when the country already has a desk.
	CreateDesk(ctx context.Context, d *Desk) error
	// UpdateDesk is for administrators; ECONFLICT on a stale version.
	UpdateDesk(ctx context.Context, id int64, upd DeskUpdate) (*Desk, error)
}

// CheckGrant returns nil when the owner desk of case c may grant desk d
// access to it: not the owner desk itself, which sees its case already,
// and not a contact point's desk, which receives notices and requests,
// never case files. The partner data rule applies on top
// (CheckTransfer). README, Who sees what.
func CheckGrant(c *Case, d *Desk) error {
	switch {
	case d.ID == c.OwnerDeskID:
		return FieldErrorf("desk_id", "The owner desk sees its case already.")
	case d.Kind == DeskContactPoint:
		return FieldErrorf("desk_id", "A contact point receives notices and requests, never case files.")
	}
	return nil
}

// RoleFitsDesk returns nil when a user of role may work at a desk of
// kind, and otherwise an EINVALID error on desk_id saying why. A contact
// point receives notices and requests, never case files: no role that
// reads case content works at a contact point's desk, and a contact
// point does not work at a member state's national desk (README, "Roles").
func RoleFitsDesk(role Role, kind DeskKind) error {
	switch {
	case kind == DeskContactPoint && role.SeesCaseContent():
		return FieldErrorf("desk_id", "A contact point's desk receives notices, never case files: an account with the role %s cannot work there.", role)
	case role == RoleContactPoint && kind == DeskNational:
		return FieldErrorf("desk_id", "A contact point works at a contact point's desk, not at a member state's national desk.")
	}
	return nil
}
