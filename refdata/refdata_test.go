package refdata_test

import (
	"testing"
	"time"

	"crosscase"
	"crosscase/refdata"
)

var memberStates = []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
	"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}

func countryMap(t *testing.T) map[string]crosscase.Country {
	t.Helper()
	m := map[string]crosscase.Country{}
	for _, c := range refdata.Countries() {
		if _, dup := m[c.Code]; dup {
			t.Errorf("country %s listed twice", c.Code)
		}
		m[c.Code] = c
	}
	return m
}

func TestCountries(t *testing.T) {
	list := refdata.Countries()
	if len(list) != 249 {
		t.Errorf("got %d countries, want the 249 of ISO 3166-1", len(list))
	}
	m := countryMap(t)
	if len(m) != 249 {
		t.Errorf("got %d unique codes, want 249", len(m))
	}
	names := map[string]string{}
	for _, c := range list {
		if !crosscase.ValidCountryCode(c.Code) {
			t.Errorf("%q is not an alpha-2 code", c.Code)
		}
		if crosscase.IsBlank(c.Name) {
			t.Errorf("%s has no name", c.Code)
		}
		if err := crosscase.CheckText("name", c.Name, 200, true); err != nil {
			t.Errorf("%s: %v", c.Code, err)
		}
		if other, dup := names[c.Name]; dup {
			t.Errorf("%s and %s share the name %q", other, c.Code, c.Name)
		}
		names[c.Name] = c.Code
		if !c.Standing.Valid() {
			t.Errorf("%s has standing %q", c.Code, c.Standing)
		}
	}
	for i := 1; i < len(list); i++ {
		if list[i-1].Code >= list[i].Code {
			t.Errorf("not in code order at %s, %s", list[i-1].Code, list[i].Code)
		}
	}
}

func TestStandings(t *testing.T) {
	m := countryMap(t)
	members := 0
	for _, c := range m {
		if c.Standing == crosscase.StandingMember {
			members++
		}
	}
	if members != 27 {
		t.Errorf("%d member states, want 27", members)
	}
	for _, code := range memberStates {
		if m[code].Standing != crosscase.StandingMember {
			t.Errorf("%s (%s) has standing %q, want member state", code, m[code].Name, m[code].Standing)
		}
	}
	for _, code := range []string{"AL", "GE", "IS", "MD", "ME", "MK", "NO", "RS", "CH", "UA", "GB", "US"} {
		if m[code].Standing != crosscase.StandingLiaison {
			t.Errorf("%s (%s) has standing %q, want liaison prosecutor", code, m[code].Name, m[code].Standing)
		}
	}
	for _, code := range []string{"KR", "AE", "BR", "LI", "BA"} {
		if m[code].Standing != crosscase.StandingContactPoint {
			t.Errorf("%s (%s) has standing %q, want contact point", code, m[code].Name, m[code].Standing)
		}
	}
	for code, want := range map[string]string{"IT": "Italy", "GB": "United Kingdom", "KR": "Republic of Korea", "MC": "Monaco", "CI": "Côte d'Ivoire"} {
		if m[code].Name != want {
			t.Errorf("%s is named %q, want %q", code, m[code].Name, want)
		}
	}
}

func TestAgreements(t *testing.T) {
	m := countryMap(t)
	list := refdata.Agreements()
	if len(list) == 0 {
		t.Fatal("no agreements")
	}
	seen := map[string]bool{}
	for i := range list {
		a := list[i]
		if err := a.Validate(crosscase.DateOf(time.Now())); err != nil {
			t.Errorf("%q: %v", a.Title, err)
		}
		if a.SignedOn.Time().Year() < 2002 || a.SignedOn.String() == "" {
			t.Errorf("%q signed on %s, before the agency existed", a.Title, a.SignedOn)
		}
		if a.CountryCode != "" {
			c, ok := m[a.CountryCode]
			if !ok {
				t.Errorf("%q names unknown country %s", a.Title, a.CountryCode)
			}
			if c.Standing == crosscase.StandingMember {
				t.Errorf("%q is with a member state", a.Title)
			}
			if a.Kind == crosscase.AgreementCooperation {
				seen[a.CountryCode] = true
			}
		}
	}
	// Every liaison prosecutor sits at the agency under a cooperation agreement.
	for code, c := range m {
		if c.Standing == crosscase.StandingLiaison && !seen[code] {
			t.Errorf("%s has a liaison prosecutor but no cooperation agreement", code)
		}
	}
	find := func(who string, kind crosscase.AgreementKind) *crosscase.Agreement {
		for i := range list {
			if (list[i].CountryCode == who || list[i].Organisation == who) && list[i].Kind == kind {
				return &list[i]
			}
		}
		return nil
	}
	if a := find("KR", crosscase.AgreementWorkingArrangement); a == nil {
		t.Error("no working arrangement with the Republic of Korea")
	} else if a.SignedOn.String() != "2025-04-30" {
		t.Errorf("Korea working arrangement signed on %s, want 2025-04-30", a.SignedOn)
	}
	// The annual report for 2024 names six working arrangements signed
	// that year with Latin American prosecution services.
	for _, code := range []string{"BO", "CL", "CR", "EC", "PA", "PE"} {
		if a := find(code, crosscase.AgreementWorkingArrangement); a == nil {
			t.Errorf("no working arrangement with %s", code)
		} else if a.SignedOn.Year != 2024 {
			t.Errorf("working arrangement with %s signed on %s, not in 2024", code, a.SignedOn)
		}
	}
	if find("KR", crosscase.AgreementCooperation) != nil {
		t.Error("the Republic of Korea has only a working arrangement")
	}
	for _, org := range []string{"Europol", "OLAF", "EPPO", "Frontex", "EUIPO"} {
		if find(org, crosscase.AgreementCooperation) == nil && find(org, crosscase.AgreementWorkingArrangement) == nil {
			t.Errorf("no agreement with %s", org)
		}
	}
	for _, code := range []string{"AL", "GE", "MD", "ME", "MK", "NO", "RS", "CH", "UA", "US", "IS", "LI", "BA", "GB"} {
		if find(code, crosscase.AgreementCooperation) == nil {
			t.Errorf("no cooperation agreement with %s", code)
		}
	}
}

func TestFreshSlices(t *testing.T) {
	a := refdata.Countries()
	a[0].Name = "changed"
	if refdata.Countries()[0].Name == "changed" {
		t.Error("Countries shares its slice between calls")
	}
	b := refdata.Agreements()
	b[0].Title = "changed"
	if refdata.Agreements()[0].Title == "changed" {
		t.Error("Agreements shares its slice between calls")
	}
}
