package crosscase

import (
	"cmp"
	"slices"
)

// setIfGiven sets *dst to *src when the update gives src (not nil): how
// the Apply of an update (CaseUpdate, EntityUpdate, InstrumentUpdate,
// MeetingUpdate) copies each field it may set.
func setIfGiven[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

// What counts as a change. An update whose fields are all left out, null
// or equal to the stored values changes nothing: the store writes nothing,
// keeps the version and audits no update (README, JSON API). Each
// Changed*Fields function below compares the stored object a with b, the
// same object once the update is applied (and normalised as the store
// would store it), and returns the JSON names of the fields that differ —
// names only, never values, for the audit log. Empty means nothing to do.

// changes collects the names of changed fields.
type changes []string

func (c *changes) add(changed bool, name string) {
	if changed {
		*c = append(*c, name)
	}
}

// sameSet reports whether a and b hold the same elements in any order:
// the store keeps a case's and a meeting's lists sorted, so the order an
// update gives them in is no change.
func sameSet[T cmp.Ordered](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// ChangedCaseFields returns the fields of a case that differ between a
// and b.
func ChangedCaseFields(a, b *Case) []string {
	var c changes
	c.add(!sameSet(a.AskedCountries, b.AskedCountries), "asked_countries")
	c.add(!sameSet(a.AuthorityIDs, b.AuthorityIDs), "authority_ids")
	c.add(a.ClosedOn != b.ClosedOn, "closed_on")
	c.add(!sameSet(a.CrimeTypes, b.CrimeTypes), "crime_types")
	c.add(a.FinancialDamageEUR != b.FinancialDamageEUR, "financial_damage_eur")
	c.add(a.OpenedOn != b.OpenedOn, "opened_on")
	c.add(a.Priority != b.Priority, "priority")
	c.add(a.Status != b.Status, "status")
	c.add(a.Summary != b.Summary, "summary")
	c.add(a.Title != b.Title, "title")
	c.add(a.Victims != b.Victims, "victims")
	return c
}

// ChangedEntityFields returns the fields of an entity that differ between
// a and b.
func ChangedEntityFields(a, b *Entity) []string {
	var c changes
	c.add(a.Role != b.Role, "role")
	c.add(a.GivenName != b.GivenName, "given_name")
	c.add(a.FamilyName != b.FamilyName, "family_name")
	c.add(a.Name != b.Name, "name")
	c.add(a.BirthDate != b.BirthDate, "birth_date")
	c.add(a.Nationality != b.Nationality, "nationality")
	c.add(a.IDNumber != b.IDNumber, "id_number")
	c.add(a.Address != b.Address, "address")
	c.add(a.Value != b.Value, "value")
	c.add(a.Country != b.Country, "country")
	c.add(a.Notes != b.Notes, "notes")
	c.add(a.ExternalRef != b.ExternalRef, "external_ref")
	return c
}

// ChangedMeetingFields returns the fields of a meeting that differ between
// a and b.
func ChangedMeetingFields(a, b *Meeting) []string {
	var c changes
	c.add(!a.StartsAt.Equal(b.StartsAt), "starts_at")
	c.add(!sameSet(a.DeskIDs, b.DeskIDs), "desk_ids")
	c.add(!sameSet(a.AuthorityIDs, b.AuthorityIDs), "authority_ids")
	c.add(!sameSet(a.Partners, b.Partners), "partners")
	c.add(a.Agenda != b.Agenda, "agenda")
	c.add(a.Outcome != b.Outcome, "outcome")
	return c
}

// ChangedUserFields returns the fields of a user account that differ
// between a and b.
func ChangedUserFields(a, b *User) []string {
	var c changes
	c.add(a.DisplayName != b.DisplayName, "display_name")
	c.add(a.Role != b.Role, "role")
	c.add(a.DeskID != b.DeskID, "desk_id")
	c.add(a.Disabled != b.Disabled, "disabled")
	c.add(a.CountryCode != b.CountryCode, "country_code")
	return c
}

// ChangedDeskFields returns the fields of a desk that differ between a
// and b.
func ChangedDeskFields(a, b *Desk) []string {
	var c changes
	c.add(a.Name != b.Name, "name")
	return c
}

// ChangedAgreementFields returns the fields of an agreement that differ
// between a and b.
func ChangedAgreementFields(a, b *Agreement) []string {
	var c changes
	c.add(a.Kind != b.Kind, "kind")
	c.add(a.SignedOn != b.SignedOn, "signed_on")
	c.add(a.Title != b.Title, "title")
	return c
}

// ChangedCountryFields returns the fields of a country that differ
// between a and b.
func ChangedCountryFields(a, b *Country) []string {
	var c changes
	c.add(a.Standing != b.Standing, "standing")
	return c
}
