package crosscase

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// CaseStatus is where a case stands.
type CaseStatus string

// Case statuses.
const (
	CaseOpen   CaseStatus = "open"
	CaseClosed CaseStatus = "closed"
)

// Valid reports whether s is a known status.
func (s CaseStatus) Valid() bool { return s == CaseOpen || s == CaseClosed }

// Priorities returns the case priorities a case may carry: the EMPACT
// 2022-2025 crime priorities, plus "" for none.
func Priorities() []string {
	return []string{
		"empact_high_risk_networks",
		"empact_cyber_attacks",
		"empact_trafficking_human_beings",
		"empact_child_sexual_exploitation",
		"empact_migrant_smuggling",
		"empact_drug_trafficking",
		"empact_fraud_economic_financial",
		"empact_organised_property_crime",
		"empact_environmental_crime",
		"empact_firearms_trafficking",
		"empact_criminal_finances",
		"empact_document_fraud",
	}
}

// Access says why the caller may see a case (filled by the store).
type Access string

// Access reasons, the three ways need to know is met.
const (
	AccessOwner   Access = "owner"   // the caller's desk owns the case
	AccessAsked   Access = "asked"   // the caller's desk's country is asked to help
	AccessGranted Access = "granted" // the owner granted the caller's desk explicitly
)

// Case is a cross-border case registered by its owner desk.
type Case struct {
	ID                 int64      `json:"id"`
	Reference          string     `json:"reference"` // e.g. "IT/2025/000042", set by the store
	Title              string     `json:"title"`
	Summary            string     `json:"summary"`
	OwnerDeskID        int64      `json:"owner_desk_id"`
	OwnerCountry       string     `json:"owner_country"`
	AskedCountries     []string   `json:"asked_countries"`
	CrimeTypes         []string   `json:"crime_types"`
	AuthorityIDs       []int64    `json:"authority_ids"` // authorities taking part, any country
	Priority           string     `json:"priority"`
	Status             CaseStatus `json:"status"`
	OpenedOn           Date       `json:"opened_on"`
	ClosedOn           Date       `json:"closed_on"`
	Victims            int        `json:"victims"`
	FinancialDamageEUR int64      `json:"financial_damage_eur"`
	Version            int        `json:"version"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
	Access             Access     `json:"access"`
	EntityCount        int        `json:"entity_count"`
}

// Validate checks c's own fields (not whether countries exist, which the
// store checks). It normalises nothing; callers pass what the user gave.
func (c *Case) Validate() error {
	if err := CheckText("title", c.Title, 300, true); err != nil {
		return err
	}
	if err := CheckMultiline("summary", c.Summary, 20000, false); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, code := range c.AskedCountries {
		f := "asked_countries[" + itoa(i) + "]"
		if !ValidCountryCode(code) {
			return FieldErrorf(f, "%q is not an ISO 3166-1 alpha-2 country code.", code)
		}
		if seen[code] {
			return FieldErrorf(f, "Country %s is listed twice.", code)
		}
		seen[code] = true
	}
	if len(c.CrimeTypes) == 0 {
		return FieldErrorf("crime_types", "Give at least one crime type.")
	}
	seen = map[string]bool{}
	for i, ct := range c.CrimeTypes {
		f := "crime_types[" + itoa(i) + "]"
		if CrimeTypeName(ct) == "" {
			return FieldErrorf(f, "%q is not a crime type of the taxonomy.", ct)
		}
		if seen[ct] {
			return FieldErrorf(f, "Crime type %s is listed twice.", ct)
		}
		seen[ct] = true
	}
	if c.Priority != "" && !contains(Priorities(), c.Priority) {
		return FieldErrorf("priority", "%q is not a known priority.", c.Priority)
	}
	if c.Status == "" {
		c.Status = CaseOpen
	}
	if !c.Status.Valid() {
		return FieldErrorf("status", "Status must be open or closed.")
	}
	if c.OpenedOn.IsZero() {
		return FieldErrorf("opened_on", "Opening date is required.")
	}
	if !c.ClosedOn.IsZero() && c.ClosedOn.Before(c.OpenedOn) {
		return FieldErrorf("closed_on", "A case cannot close (%s) before it opened (%s).", c.ClosedOn, c.OpenedOn)
	}
	if c.Status == CaseClosed && c.ClosedOn.IsZero() {
		return FieldErrorf("closed_on", "A closed case needs its closing date.")
	}
	if c.Status == CaseOpen && !c.ClosedOn.IsZero() {
		return FieldErrorf("status", "A case with a closing date must have status closed.")
	}
	if c.Victims < 0 || c.Victims > 100_000_000 {
		return FieldErrorf("victims", "Victims must be between 0 and 100000000.")
	}
	if c.FinancialDamageEUR < 0 || c.FinancialDamageEUR > 1_000_000_000_000_000 {
		return FieldErrorf("financial_damage_eur", "Financial damage must be zero or more euros, and plausible.")
	}
	return nil
}

// CheckDates refuses an opening or closing date after today (the latest
// date anywhere on Earth, so that a case opened just after midnight where
// it was registered is not "in the future"), and an opening after the
// earliest action or result the case already holds (earliest; zero when
// none): a case is registered for what has happened.
func (c *Case) CheckDates(today, earliest Date) error {
	if err := NotFuture("opened_on", c.OpenedOn, today, "opening date"); err != nil {
		return err
	}
	if err := NotFuture("closed_on", c.ClosedOn, today, "closing date"); err != nil {
		return err
	}
	if !earliest.IsZero() && earliest.Before(c.OpenedOn) {
		return FieldErrorf("opened_on", "The case holds an action or a result of %s, so it cannot have opened later (%s).", earliest, c.OpenedOn)
	}
	return nil
}

// CanRegisterCase reports whether u registers cases for their desk: desk
// members and liaison prosecutors. README, Who sees what.
func CanRegisterCase(u *User) bool {
	return u != nil && u.Role.WorksCases()
}

// CanWriteCase reports whether u may change case c, which they see: its
// owner desk's desk members and liaison prosecutors (its entities,
// meetings, grants, instruments and links to JITs too). Analysts and asked
// or granted desks only read. README, Who sees what.
func CanWriteCase(u *User, c *Case) bool {
	return u != nil && c != nil && c.OwnerDeskID == u.DeskID && u.Role.WorksCases()
}

// CaseUpdate changes a case; nil fields are left as they are. Version must
// equal the stored version, or the update is refused with ECONFLICT.
type CaseUpdate struct {
	Version            int         `json:"version"`
	Title              *string     `json:"title"`
	Summary            *string     `json:"summary"`
	AskedCountries     *[]string   `json:"asked_countries"`
	CrimeTypes         *[]string   `json:"crime_types"`
	AuthorityIDs       *[]int64    `json:"authority_ids"`
	Priority           *string     `json:"priority"`
	Status             *CaseStatus `json:"status"`
	OpenedOn           *Date       `json:"opened_on"`
	ClosedOn           *Date       `json:"closed_on"`
	Victims            *int        `json:"victims"`
	FinancialDamageEUR *int64      `json:"financial_damage_eur"`
}

// Apply copies the set fields of upd onto c.
func (upd CaseUpdate) Apply(c *Case) {
	setIfGiven(&c.Title, upd.Title)
	setIfGiven(&c.Summary, upd.Summary)
	setIfGiven(&c.AskedCountries, upd.AskedCountries)
	setIfGiven(&c.CrimeTypes, upd.CrimeTypes)
	setIfGiven(&c.AuthorityIDs, upd.AuthorityIDs)
	setIfGiven(&c.Priority, upd.Priority)
	setIfGiven(&c.Status, upd.Status)
	setIfGiven(&c.OpenedOn, upd.OpenedOn)
	setIfGiven(&c.ClosedOn, upd.ClosedOn)
	setIfGiven(&c.Victims, upd.Victims)
	setIfGiven(&c.FinancialDamageEUR, upd.FinancialDamageEUR)
}

// CaseScope narrows a case list by why the caller sees the cases.
type CaseScope string

// Case scopes.
const (
	ScopeAll   CaseScope = ""      // every visible case
	ScopeOwned CaseScope = "owned" // cases the caller's desk owns
	ScopeAsked CaseScope = "asked" // cases the caller's country is asked in, or granted
)

// CaseFilter selects cases. Every result is also limited by need to know.
type CaseFilter struct {
	Scope      CaseScope  // owned, asked, or all visible
	Country    string     // owner or asked country
	CrimeType  string     // one crime type code
	Status     CaseStatus // open or closed
	Priority   string
	OpenedFrom Date   // inclusive
	OpenedTo   Date   // inclusive
	Query      string // free text in reference, title and summary
	Cursor     string // opaque, from a previous page
	Limit      int    // 1..200, default 50
}

// Validate checks f's fields.
func (f *CaseFilter) Validate() error {
	switch f.Scope {
	case ScopeAll, ScopeOwned, ScopeAsked:
	default:
		return FieldErrorf("scope", "Scope must be owned, asked or empty.")
	}
	if f.Country != "" && !ValidCountryCode(f.Country) {
		return FieldErrorf("country", "%q is not an ISO 3166-1 alpha-2 country code.", f.Country)
	}
	if f.CrimeType != "" && CrimeTypeName(f.CrimeType) == "" {
		return FieldErrorf("crime_type", "%q is not a crime type of the taxonomy.", f.CrimeType)
	}
	if f.Status != "" && !f.Status.Valid() {
		return FieldErrorf("status", "Status must be open or closed.")
	}
	if f.Priority != "" && !contains(Priorities(), f.Priority) {
		return FieldErrorf("priority", "%q is not a known priority.", f.Priority)
	}
	if !f.OpenedFrom.IsZero() && !f.OpenedTo.IsZero() && f.OpenedTo.Before(f.OpenedFrom) {
		return FieldErrorf("opened_to", "The end of the date range is before its start.")
	}
	if err := CheckText("q", strings.TrimSpace(f.Query), 200, false); err != nil { // spaces around a query are no text
		return err
	}
	return CheckLimit(&f.Limit, 50, 200)
}

// CaseGrant gives a desk that is neither owner nor asked access to a case.
type CaseGrant struct {
	CaseID    int64     `json:"case_id"`
	DeskID    int64     `json:"desk_id"`
	GrantedBy int64     `json:"granted_by"`
	CreatedAt time.Time `json:"created_at"`
}

// CaseService stores cases. Every method applies need to know: a case the
// caller may not see is reported as ENOTFOUND (never EFORBIDDEN, so that
// its existence does not leak), and the refusal is audited.
type CaseService interface {
	// FindCaseByID returns a visible case; ENOTFOUND otherwise. Audited as a read.
	FindCaseByID(ctx context.Context, id int64) (*Case, error)
	// FindCases returns one page of visible cases matching f, newest first,
	// and the cursor of the next page ("" at the end). EINVALID for a bad
	// filter. Audited as a list.
	FindCases(ctx context.Context, f CaseFilter) ([]*Case, string, error)
	// CreateCase registers c for the caller's desk, which becomes owner.
	// EFORBIDDEN for roles without case content; EINVALID names the bad field.
	CreateCase(ctx context.Context, c *Case) error
	// UpdateCase changes a case of the caller's desk. ENOTFOUND when not
	// visible, EFORBIDDEN when visible but not owned, ECONFLICT on a stale
	// version, EINVALID on bad fields.
	UpdateCase(ctx context.Context, id int64, upd CaseUpdate) (*Case, error)
	// GrantCase lets deskID see case id. Only the owner desk may grant.
	GrantCase(ctx context.Context, id, deskID int64) error
	// RevokeCaseGrant removes a grant. Only the owner desk may revoke.
	RevokeCaseGrant(ctx context.Context, id, deskID int64) error
	// ListCaseGrants returns the grants of a visible case.
	ListCaseGrants(ctx context.Context, id int64) ([]*CaseGrant, error)
	// ExportCase returns a visible case with all its entities, to be taken
	// out of the system (e.g. as a file for a national authority). Only
	// case-working roles of a desk that sees the case may export
	// (ENOTFOUND otherwise); audited as an export.
	ExportCase(ctx context.Context, id int64) (*CaseBundle, error)
	// FindCaseRefs says, for each case id, which desk and country own it
	// and, for the cases whose entities the caller may read, their
	// reference: what a desk may learn of a case its list check hit.
	// Unknown ids are left out.
	FindCaseRefs(ctx context.Context, ids []int64) (map[int64]*CaseRef, error)
}

// CaseRef is what a desk may learn of a case its search hit: the owner
// always; the reference only when it may see the case.
type CaseRef struct {
	ID           int64  `json:"-"`
	OwnerDeskID  int64  `json:"owner_desk_id"`
	OwnerCountry string `json:"owner_country"`
	Visible      bool   `json:"-"`
	Reference    string `json:"reference,omitempty"`
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func itoa(i int) string { return strconv.Itoa(i) }

// Activity is one recent change on a visible case, for the dashboard.
type Activity struct {
	At            time.Time `json:"at"`
	UserName      string    `json:"user_name"`
	Action        string    `json:"action"`
	ObjectType    string    `json:"object_type"`
	CaseID        int64     `json:"case_id"`
	CaseReference string    `json:"case_reference"`
	CaseTitle     string    `json:"case_title"`
}

// ActivityService reports recent changes on the cases the caller may see.
type ActivityService interface {
	// RecentActivity returns up to limit recent create, update, delete and
	// grant events on cases visible to the caller, newest first.
	RecentActivity(ctx context.Context, limit int) ([]*Activity, error)
}

// CaseBundle is a case with its entities, for bulk loading and export.
type CaseBundle struct {
	Case     *Case     `json:"case"`
	Entities []*Entity `json:"entities"`
}

// CaseImporter loads many cases at once (demo and scale data). Each
// bundle's Case.OwnerDeskID names its owner; the caller must be the
// system actor (EFORBIDDEN otherwise). Bundles are validated like
// CreateCase and CreateEntity; one bad bundle refuses the whole batch.
// Each case gets its audit entry.
type CaseImporter interface {
	ImportCases(ctx context.Context, bundles []*CaseBundle) error
}

// ActivityBundle is coordination activity loaded in bulk (the demo's
// annual corpus, scale data): meetings and results of imported cases, and
// JITs with their funding. Meeting.CaseID and Result.CaseID name existing
// cases; a JIT's CreatedDeskID its creating desk, and its Funding the
// applications with their decisions.
type ActivityBundle struct {
	Meetings []*Meeting
	Results  []*Result
	JITs     []*JIT
	// Centres are coordination centres held: their case, name, action
	// day and zones (closed, with the owner desk taking part).
	Centres []*Centre
}

// ActivityImporter loads an ActivityBundle at once, all or nothing, for
// the system actor only (EFORBIDDEN otherwise). Each record is validated
// as its own service would; one audit entry per kind counts them. It
// notifies no desk: the records are history, not news.
type ActivityImporter interface {
	ImportActivity(ctx context.Context, a *ActivityBundle) error
}
