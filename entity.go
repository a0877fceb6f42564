package crosscase

import (
	"context"
	"math/big"
	"net/mail"
	"strings"
	"time"
	"unicode"
)

// EntityKind is what an entity is.
type EntityKind string

// Entity kinds.
const (
	KindPerson       EntityKind = "person"
	KindCompany      EntityKind = "company"
	KindOCG          EntityKind = "ocg" // organised crime group
	KindPhone        EntityKind = "phone"
	KindEmail        EntityKind = "email"
	KindIBAN         EntityKind = "iban"
	KindVehicle      EntityKind = "vehicle"
	KindCryptoWallet EntityKind = "crypto_wallet"
	KindAddress      EntityKind = "address"
	KindDocument     EntityKind = "document" // identity document
)

// EntityKinds returns every kind in display order.
func EntityKinds() []EntityKind {
	return []EntityKind{KindPerson, KindCompany, KindOCG, KindPhone, KindEmail, KindIBAN,
		KindVehicle, KindCryptoWallet, KindAddress, KindDocument}
}

// Valid reports whether k is a known kind.
func (k EntityKind) Valid() bool {
	for _, v := range EntityKinds() {
		if v == k {
			return true
		}
	}
	return false
}

// IsNamed reports whether entities of kind k are identified by Name
// (companies, groups) rather than by person names or a Value.
func (k EntityKind) IsNamed() bool { return k == KindCompany || k == KindOCG }

// EntityRole is an entity's role in a case.
type EntityRole string

// Entity roles.
const (
	RoleSuspect EntityRole = "suspect"
	RoleVictim  EntityRole = "victim"
	RoleWitness EntityRole = "witness"
	RoleOther   EntityRole = "other"
)

// EntityRoles returns every role in display order.
func EntityRoles() []EntityRole {
	return []EntityRole{RoleSuspect, RoleVictim, RoleWitness, RoleOther}
}

// Valid reports whether r is a known role.
func (r EntityRole) Valid() bool {
	return r == RoleSuspect || r == RoleVictim || r == RoleWitness || r == RoleOther
}

// Entity is what a case knows about a person, company, organised crime
// group or identifier. Entities are operational personal data: every read
// and write is audited.
//
// Persons use GivenName, FamilyName, BirthDate, Nationality and
// IDNumber; companies and groups use Name; persons, companies and groups
// may have an Address; the other kinds use Value (the number, address or
// identifier) and Country (where it was issued or registered).
type Entity struct {
	ID          int64      `json:"id"`
	CaseID      int64      `json:"case_id"`
	Kind        EntityKind `json:"kind"`
	Role        EntityRole `json:"role"`
	GivenName   string     `json:"given_name,omitempty"`
	FamilyName  string     `json:"family_name,omitempty"`
	Name        string     `json:"name,omitempty"`
	BirthDate   Date       `json:"birth_date"`
	Nationality string     `json:"nationality,omitempty"`
	IDNumber    string     `json:"id_number,omitempty"` // persons: a national identity, passport or social security number
	Address     string     `json:"address,omitempty"`   // persons, companies, groups: last known or registered address
	Value       string     `json:"value,omitempty"`
	Country     string     `json:"country,omitempty"`
	Notes       string     `json:"notes,omitempty"`
	ExternalRef string     `json:"external_ref,omitempty"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Label returns a short human label for e.
func (e *Entity) Label() string {
	switch {
	case e.Kind == KindPerson:
		return strings.TrimSpace(strings.ToUpper(e.FamilyName) + ", " + e.GivenName)
	case e.Kind.IsNamed():
		return e.Name
	default:
		return e.Value
	}
}

// Validate checks e's fields by kind on the day today (a date of birth
// after it is refused). Country existence is the store's check.
func (e *Entity) Validate(today Date) error {
	if !e.Kind.Valid() {
		return FieldErrorf("kind", "Unknown entity kind %q.", e.Kind)
	}
	if e.Role == "" {
		e.Role = RoleOther
	}
	if !e.Role.Valid() {
		return FieldErrorf("role", "Role must be suspect, victim, witness or other.")
	}
	for _, f := range []struct{ name, v string }{{"given_name", e.GivenName}, {"family_name", e.FamilyName}, {"name", e.Name}, {"value", e.Value}, {"external_ref", e.ExternalRef}} {
		if err := CheckText(f.name, f.v, 300, false); err != nil {
			return err
		}
	}
	if err := CheckMultiline("notes", e.Notes, 10000, false); err != nil {
		return err
	}
	if e.Nationality != "" && !ValidCountryCode(e.Nationality) {
		return FieldErrorf("nationality", "%q is not an ISO 3166-1 alpha-2 country code.", e.Nationality)
	}
	if e.Country != "" && !ValidCountryCode(e.Country) {
		return FieldErrorf("country", "%q is not an ISO 3166-1 alpha-2 country code.", e.Country)
	}
	if err := checkIDNumber(e.Kind, e.IDNumber); err != nil {
		return err
	}
	if e.Address != "" {
		if e.Kind != KindPerson && !e.Kind.IsNamed() {
			return FieldErrorf("address", "Only persons, companies and groups have an address; an address of its own is an entity of kind address.")
		}
		if err := CheckText("address", e.Address, MaxAddressLen, false); err != nil {
			return err
		}
	}
	if !e.BirthDate.IsZero() {
		if e.Kind != KindPerson {
			return FieldErrorf("birth_date", "Only persons have a date of birth.")
		}
		if err := NotFuture("birth_date", e.BirthDate, today, "date of birth"); err != nil {
			return err
		}
	}
	switch {
	case e.Kind == KindPerson:
		if IsBlank(e.GivenName) && IsBlank(e.FamilyName) {
			return FieldErrorf("family_name", "A person needs a family name or a given name.")
		}
		if e.Value != "" || e.Name != "" {
			return FieldErrorf("value", "A person is described by given_name, family_name, birth_date, nationality, id_number and address.")
		}
	case e.Kind.IsNamed():
		if IsBlank(e.Name) {
			return FieldErrorf("name", "A %s needs a name.", e.Kind)
		}
		if e.GivenName != "" || e.FamilyName != "" || e.Value != "" {
			return FieldErrorf("name", "A %s is described by its name only.", e.Kind)
		}
	default:
		if IsBlank(e.Value) {
			return FieldErrorf("value", "A %s needs a value.", e.Kind)
		}
		if e.GivenName != "" || e.FamilyName != "" || e.Name != "" {
			return FieldErrorf("value", "A %s is described by its value only.", e.Kind)
		}
		if err := checkIdentifier(e.Kind, e.Value); err != nil {
			return err
		}
	}
	return nil
}

// Limits of a person's identity number and of an address.
const (
	MaxIDNumberLen = 64
	MaxAddressLen  = 300
)

// checkIDNumber checks a person's identity number: persons only, at most
// MaxIDNumberLen printable characters, at least one a letter or digit.
func checkIDNumber(k EntityKind, v string) error {
	if v == "" {
		return nil
	}
	if k != KindPerson {
		return FieldErrorf("id_number", "Only persons have an identity number; a document of its own is an entity of kind document.")
	}
	if err := CheckText("id_number", v, MaxIDNumberLen, false); err != nil {
		return err
	}
	alnum := false
	for _, r := range v {
		if !unicode.IsPrint(r) {
			return FieldErrorf("id_number", "An identity number has only printable characters (U+%04X is not).", r)
		}
		alnum = alnum || unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	if !alnum {
		return FieldErrorf("id_number", "An identity number has at least one letter or digit.")
	}
	return nil
}

func checkIdentifier(k EntityKind, v string) error {
	switch k {
	case KindIBAN:
		if !ValidIBAN(v) {
			return FieldErrorf("value", "%q is not a valid IBAN (country, check digits and length).", v)
		}
	case KindEmail:
		a, err := mail.ParseAddress(v)
		if err != nil || a.Address != strings.TrimSpace(v) {
			return FieldErrorf("value", "%q is not an e-mail address.", v)
		}
	case KindPhone:
		digits := 0
		for _, r := range v {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune(" +-()./", r):
			default:
				return FieldErrorf("value", "A phone number has only digits, spaces and + - ( ) . /")
			}
		}
		if digits < 5 || digits > 17 {
			return FieldErrorf("value", "A phone number has 5 to 17 digits.")
		}
	}
	return nil
}

// NormalizeIBAN returns s without spaces, in upper case.
func NormalizeIBAN(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// ValidIBAN reports whether s is an IBAN with a correct ISO 13616 checksum
// (mod 97 equals 1). Spaces and case are ignored.
func ValidIBAN(s string) bool {
	s = NormalizeIBAN(s)
	if len(s) < 15 || len(s) > 34 || !ValidCountryCode(s[:2]) || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	var b strings.Builder
	for _, r := range s[4:] + s[:4] {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteString(itoa(int(r-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// EntityUpdate changes an entity; nil fields are left as they are.
// Version must equal the stored version.
type EntityUpdate struct {
	Version     int         `json:"version"`
	Role        *EntityRole `json:"role"`
	GivenName   *string     `json:"given_name"`
	FamilyName  *string     `json:"family_name"`
	Name        *string     `json:"name"`
	BirthDate   *Date       `json:"birth_date"`
	Nationality *string     `json:"nationality"`
	IDNumber    *string     `json:"id_number"`
	Address     *string     `json:"address"`
	Value       *string     `json:"value"`
	Country     *string     `json:"country"`
	Notes       *string     `json:"notes"`
	ExternalRef *string     `json:"external_ref"`
}

// Apply copies the set fields of upd onto e.
func (upd EntityUpdate) Apply(e *Entity) {
	setIfGiven(&e.Role, upd.Role)
	setIfGiven(&e.GivenName, upd.GivenName)
	setIfGiven(&e.FamilyName, upd.FamilyName)
	setIfGiven(&e.Name, upd.Name)
	setIfGiven(&e.Nationality, upd.Nationality)
	setIfGiven(&e.IDNumber, upd.IDNumber)
	setIfGiven(&e.Address, upd.Address)
	setIfGiven(&e.Value, upd.Value)
	setIfGiven(&e.Country, upd.Country)
	setIfGiven(&e.Notes, upd.Notes)
	setIfGiven(&e.ExternalRef, upd.ExternalRef)
	setIfGiven(&e.BirthDate, upd.BirthDate)
}

// EntityService stores a case's entities. Need to know follows the case:
// a caller who may not see the case gets ENOTFOUND for its entities. Only
// the owner desk writes (EFORBIDDEN for a desk that only reads the case).
// Every call is audited, with the actor's reason when given.
type EntityService interface {
	EntityReader
	EntityWriter
}

// EntityReader reads entities.
type EntityReader interface {
	// FindEntities returns the entities of a visible case, ordered by kind,
	// role and label. Audited as one read of the case's entities.
	FindEntities(ctx context.Context, caseID int64) ([]*Entity, error)
	// FindEntityByID returns a visible entity; ENOTFOUND otherwise.
	FindEntityByID(ctx context.Context, id int64) (*Entity, error)
	// FindExternalRefs returns the external reference of each entity of
	// ids that the caller may see and that has one; the others are left
	// out. Audited as one list.
	FindExternalRefs(ctx context.Context, ids []int64) (map[int64]string, error)
	// EntitySearcher finds visible entities for a search.
	EntitySearcher
}

// EntityWriter changes entities. Every method that writes an entity
// belongs here and nowhere else: the live hit check (hits.Wrap) must wrap
// each one, and does not compile until it does.
type EntityWriter interface {
	// CreateEntity adds e to case e.CaseID. EINVALID names the bad field.
	CreateEntity(ctx context.Context, e *Entity) error
	// UpdateEntity changes an entity; ECONFLICT on a stale version.
	UpdateEntity(ctx context.Context, id int64, upd EntityUpdate) (*Entity, error)
	// DeleteEntity removes an entity; the audit record of it remains.
	DeleteEntity(ctx context.Context, id int64) error
	// ImportEntities adds many entities to a case at once, all or
	// nothing: one bad entity refuses them all, naming it
	// ("entities[12].value"). lines gives the line of the file each entity
	// comes from (nil: each entity a line of its own, numbered from 1);
	// the second and later identifiers of one kind on a line take the
	// references LineRefs says (R8#2), which the entities then hold;
	// the entities of one line are related as LineRelations says, in the
	// same transaction, and relations is how many were. Access as for
	// CreateEntity; the system actor imports into any case. progress,
	// when not nil, hears how many entities are written.
	ImportEntities(ctx context.Context, caseID int64, entities []*Entity, lines []int, progress func(done int)) (relations int, err error)
}
