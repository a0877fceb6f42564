package crosscase_test

import (
	"slices"
	"testing"
	"time"

	"crosscase"
	"crosscase/refdata"
)

// TestCountryZones: every country the system knows has its time zones,
// but the two uninhabited ones tzdb gives none (BV, HM), and each zone
// is one Go's embedded tzdata loads; a zone one country shares with
// another is each one's.
func TestCountryZones(t *testing.T) {
	for _, c := range refdata.Countries() {
		zones := crosscase.CountryZones(c.Code)
		if len(zones) == 0 && c.Code != "BV" && c.Code != "HM" {
			t.Errorf("%s has no time zone", c.Code)
		}
		for _, z := range zones {
			if _, err := time.LoadLocation(z); err != nil {
				t.Errorf("%s: %s: %v", c.Code, z, err)
			}
		}
	}
	for _, cc := range []string{"IT", "SM", "VA"} {
		if !slices.Contains(crosscase.CountryZones(cc), "Europe/Rome") {
			t.Errorf("Europe/Rome is not a zone of %s: %v", cc, crosscase.CountryZones(cc))
		}
	}
}

// TestCheckCountryZone: a centre's zone for a country is one of that
// country's, refused naming the field otherwise.
func TestCheckCountryZone(t *testing.T) {
	for _, c := range []struct {
		country, zone string
		ok            bool
	}{
		{"IT", "Europe/Rome", true},
		{"SM", "Europe/Rome", true},
		{"SM", "Europe/San_Marino", true},
		{"ES", "Atlantic/Canary", true},
		{"IT", "America/New_York", false},
		{"IT", "UTC", false},
		{"BE", "Europe/Paris", false},
		{"BV", "Europe/Oslo", false},
	} {
		err := crosscase.CheckCountryZone("zones[0].zone", c.country, c.zone)
		if (err == nil) != c.ok || err != nil && crosscase.ErrorField(err) != "zones[0].zone" {
			t.Errorf("CheckCountryZone(%s, %s) = %v, want ok %v", c.country, c.zone, err, c.ok)
		}
	}
}
