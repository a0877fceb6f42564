package crosscase_test

import (
	"testing"

	"crosscase"
)

// TestCanExecuteInstrument checks who records the executing side of an
// instrument, for every role: only the desk members and liaison
// prosecutors of the executing country's desk, while it is asked in the
// case. The owner desk is CanWriteCase's.
func TestCanExecuteInstrument(t *testing.T) {
	c := &crosscase.Case{ID: 1, OwnerDeskID: 2, OwnerCountry: "DE", AskedCountries: []string{"IT", "FR"}}
	in := &crosscase.Instrument{CaseID: 1, IssuingCountry: "DE", ExecutingCountry: "IT"}
	notAsked := &crosscase.Case{ID: 1, OwnerDeskID: 2, OwnerCountry: "DE", AskedCountries: []string{"FR"}}
	for _, role := range crosscase.Roles() {
		u := roleUser(role)
		works := role == crosscase.RoleDeskMember || role == crosscase.RoleLiaison
		for _, tc := range []struct {
			what    string
			country string
			c       *crosscase.Case
			in      *crosscase.Instrument
			want    bool
		}{
			{"executing desk, asked", "IT", c, in, works},
			{"another asked desk", "FR", c, in, false},
			{"executing desk, no longer asked", "IT", notAsked, in, false},
			{"executing desk, no instrument yet", "IT", c, nil, false},
			{"the owner desk", "DE", c, in, false},
		} {
			if got := crosscase.CanExecuteInstrument(u, tc.country, tc.c, tc.in); got != tc.want {
				t.Errorf("%s, %s: CanExecuteInstrument = %t, want %t", role, tc.what, got, tc.want)
			}
		}
	}
	if crosscase.CanExecuteInstrument(nil, "IT", c, in) {
		t.Error("CanExecuteInstrument(nil) = true")
	}
}

// TestIssuingSideOnly: of the statuses an instrument may take, only
// withdrawal is the issuing side's, so an update that withdraws counts
// its status among the issuing side's fields and one that records any
// other status does not.
func TestIssuingSideOnly(t *testing.T) {
	for _, typ := range crosscase.InstrumentTypes() {
		for _, st := range crosscase.Statuses(typ) {
			if got, want := st.IssuingSideOnly(), st == crosscase.StatusWithdrawn; got != want {
				t.Errorf("%s.IssuingSideOnly() = %t, want %t", st, got, want)
			}
			upd := crosscase.InstrumentUpdate{Status: &st}
			if got := len(upd.IssuingFields()) == 1; got != st.IssuingSideOnly() {
				t.Errorf("status %s: IssuingFields() = %v", st, upd.IssuingFields())
			}
		}
	}
}
