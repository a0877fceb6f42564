package crosscase

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func testCentre() *Centre {
	return &Centre{ID: 1, CaseID: 7, Name: "Action day", ActionDate: Date{Year: 2025, Month: 5, Day: 13}, OwnerDeskID: 1,
		Zones: []CentreZone{{"BE", "Europe/Brussels"}, {"PL", "Europe/Warsaw"}, {"PT", "Atlantic/Azores"}}, DeskIDs: []int64{2}, State: CentreOpen}
}

func TestCanMoveMeasure(t *testing.T) {
	for _, tc := range []struct {
		from, to MeasureState
		ok       bool
	}{
		{MeasurePlanned, MeasureUnderWay, true},
		{MeasurePlanned, MeasureDone, false}, // skips under way
		{MeasurePlanned, MeasurePostponed, true},
		{MeasureUnderWay, MeasureDone, true},
		{MeasureUnderWay, MeasureNotFound, true},
		{MeasureUnderWay, MeasureFailed, true},
		{MeasureDone, MeasureUnderWay, false},
		{MeasureFailed, MeasurePlanned, false},
		{MeasurePostponed, MeasurePlanned, true},
		{MeasurePostponed, MeasureDone, false},
		{MeasureUnderWay, MeasureUnderWay, false},
	} {
		if got := CanMoveMeasure(tc.from, tc.to); got != tc.ok {
			t.Errorf("CanMoveMeasure(%s, %s) = %t", tc.from, tc.to, got)
		}
	}
}

// TestMeasureOutcome: only a done measure has an outcome; an outcome
// with any arrest, seizure or value frozen is not empty.
func TestMeasureOutcome(t *testing.T) {
	for _, s := range MeasureStates() {
		if got := s.HasOutcome(); got != (s == MeasureDone) {
			t.Errorf("%s.HasOutcome() = %t", s, got)
		}
	}
	for _, tc := range []struct {
		o    MeasureOutcome
		zero bool
	}{
		{MeasureOutcome{}, true},
		{MeasureOutcome{Seizures: []Seizure{}}, true},
		{MeasureOutcome{Arrests: 1}, false},
		{MeasureOutcome{Seizures: []Seizure{{}}}, false},
		{MeasureOutcome{FrozenEUR: 1}, false},
	} {
		if got := tc.o.IsZero(); got != tc.zero {
			t.Errorf("%+v.IsZero() = %t", tc.o, got)
		}
	}
}

func TestMeasureValidateActionDay(t *testing.T) {
	c := testCentre()
	// 23:30 UTC on 12 May is 01:30 on 13 May in Warsaw (CEST), but still
	// 22:30 on 12 May in the Azores.
	at := time.Date(2025, 5, 12, 23, 30, 0, 0, time.UTC)
	m := &Measure{Kind: MeasureSearch, Country: "PL", Place: "ul. Długa 1", PlannedAt: at}
	if err := m.Validate(c); err != nil {
		t.Fatalf("Warsaw: %v", err)
	}
	m.Country = "PT"
	if err := m.Validate(c); ErrorField(err) != "planned_at" {
		t.Fatalf("Azores: want planned_at, got %v", err)
	}
	m.Country = "DE"
	if err := m.Validate(c); ErrorField(err) != "country" {
		t.Fatalf("no zone: want country, got %v", err)
	}
	a := &Measure{Kind: MeasureArrest, Country: "BE", PlannedAt: time.Date(2025, 5, 13, 4, 0, 0, 0, time.UTC)}
	if err := a.Validate(c); ErrorField(err) != "entity_id" {
		t.Fatalf("arrest without person: %v", err)
	}
}

// TestMeasureValidateNegativeIDs: a negative id is refused naming its own
// field, the entity's or the instrument's.
func TestMeasureValidateNegativeIDs(t *testing.T) {
	c := testCentre()
	at := time.Date(2025, 5, 13, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		m     Measure
		field string
	}{
		{Measure{Kind: MeasureFreezing, Country: "BE", EntityID: -1, PlannedAt: at}, "entity_id"},
		{Measure{Kind: MeasureExecution, Country: "BE", InstrumentID: -1, PlannedAt: at}, "instrument_id"},
	} {
		if err := tc.m.Validate(c); ErrorField(err) != tc.field {
			t.Errorf("%+v: want %s, got %v", tc.m, tc.field, err)
		}
	}
}

func TestCentreValidate(t *testing.T) {
	c := testCentre()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.Zones = append(c.Zones, CentreZone{"DE", "Europe/Nowhere"})
	if err := c.Validate(); ErrorField(err) != "zones[3].zone" {
		t.Fatalf("want zones[3].zone, got %v", err)
	}
	c = testCentre()
	c.MemberIDs = []int64{3, 3}
	if err := c.Validate(); ErrorField(err) != "member_ids[1]" {
		t.Fatalf("want member_ids[1], got %v", err)
	}
}

func TestCentrePolicy(t *testing.T) {
	c := testCentre()
	cs := &Case{ID: 7, OwnerDeskID: 1}
	owner := &User{ID: 1, DeskID: 1, DeskCountry: "BE", Role: RoleDeskMember}
	pl := &User{ID: 2, DeskID: 2, DeskCountry: "PL", Role: RoleDeskMember}
	plAnalyst := &User{ID: 3, DeskID: 2, DeskCountry: "PL", Role: RoleAnalyst}
	other := &User{ID: 4, DeskID: 9, DeskCountry: "IT", Role: RoleDeskMember}
	officer := &User{ID: 5, CountryCode: "PL", Role: RoleJITMember}
	m := &Measure{OwnerCountry: "PL"}
	if !IsCentreParticipant(plAnalyst, c) || IsCentreParticipant(other, c) || IsCentreParticipant(officer, c) {
		t.Fatal("participants")
	}
	c.MemberIDs = []int64{5}
	if !CanUpdateMeasure(officer, c, m) || !CanUpdateMeasure(owner, c, m) || !CanUpdateMeasure(pl, c, m) || CanUpdateMeasure(plAnalyst, c, m) {
		t.Fatal("CanUpdateMeasure")
	}
	if !CanPlanCentre(owner, cs, c) || CanPlanCentre(pl, cs, c) || !CanDecideInCentre(owner, cs, c) || CanDecideInCentre(pl, cs, c) {
		t.Fatal("plan/decide")
	}
	c.State = CentreClosed
	if CanPlanCentre(owner, cs, c) || CanUpdateMeasure(owner, c, m) || CanPostCentreMessage(pl, c) || CanDecideInCentre(owner, cs, c) {
		t.Fatal("closed centre is read-only")
	}
}

func TestMeasureResultsAndTally(t *testing.T) {
	c := testCentre()
	c.ActionID = 3
	search := &Measure{ID: 1, Kind: MeasureSearch, Country: "BE", State: MeasureDone,
		Outcome: MeasureOutcome{Arrests: 2, Seizures: []Seizure{{Type: "cash", Quantity: 12000, Unit: "EUR", ValueEUR: 12000}, {Type: "vehicles", Quantity: 2, Unit: "items"}}}}
	arrest := &Measure{ID: 2, Kind: MeasureArrest, Country: "PL", EntityID: 9, State: MeasureDone}
	freeze := &Measure{ID: 3, Kind: MeasureFreezing, Country: "PL", State: MeasureDone, Outcome: MeasureOutcome{FrozenEUR: 50000}}
	planned := &Measure{ID: 4, Kind: MeasureArrest, Country: "PL", EntityID: 10, State: MeasurePlanned}
	for _, m := range []*Measure{search, arrest, freeze} {
		for _, r := range m.Results(c, false) {
			if err := r.Validate(); err != nil {
				t.Fatalf("measure %d: %+v: %v", m.ID, r, err)
			}
		}
	}
	if n := len(search.Results(c, false)); n != 4 { // search, 2 arrests, 2 seizures
		t.Fatalf("search results: %d", n)
	}
	tl := Tally([]*Measure{search, arrest, freeze, planned}, nil)
	if tl.Targeted != 2 || tl.Arrested != 3 || tl.Searches != 1 || tl.FrozenEUR != 50000 || len(tl.Seizures) != 2 || tl.SeizedEUR != 12000 {
		t.Fatalf("tally: %+v", tl)
	}
	bad := MeasureOutcome{Seizures: []Seizure{{Type: "drugs", Quantity: 3, Unit: "kg"}}}
	if err := bad.Validate(MeasureSearch); ErrorField(err) != "outcome.seizures[0].substance" {
		t.Fatalf("want substance, got %v", err)
	}
}

// TestCentreInvitees: a centre may invite the JIT-only members of the
// running JITs linked to its case, each once; not a desk user who is a
// member, not the members of a JIT that has ended or is not linked.
func TestCentreInvitees(t *testing.T) {
	day := Date{Year: 2026, Month: time.June, Day: 1}
	kola := &JITMember{UserID: 7, UserName: "jit.kola", Role: RoleJITMember}
	desk := &JITMember{UserID: 8, UserName: "al.hoxha", Role: RoleLiaison}
	ended := &JITMember{UserID: 9, UserName: "jit.old", Role: RoleJITMember}
	other := &JITMember{UserID: 10, UserName: "jit.other", Role: RoleJITMember}
	jits := []*JIT{
		{ID: 1, CaseIDs: []int64{3, 4}, CurrentEndsOn: day, Members: []*JITMember{kola, desk}},
		{ID: 2, CaseIDs: []int64{4}, CurrentEndsOn: day.AddDays(30), Members: []*JITMember{kola}},
		{ID: 3, CaseIDs: []int64{4}, CurrentEndsOn: day.AddDays(-1), Members: []*JITMember{ended}},
		{ID: 4, CaseIDs: []int64{5}, CurrentEndsOn: day, Members: []*JITMember{other}},
	}
	got := CentreInvitees(jits, 4, day)
	if len(got) != 1 || got[0] != kola {
		t.Fatalf("invitees %+v, want jit.kola alone", got)
	}
	if got := CentreInvitees(jits, 6, day); len(got) != 0 {
		t.Fatalf("a case without JITs: %+v", got)
	}
}

// TestFreezingDoneIsAFreeze: a freezing done becomes a result of cash
// frozen even when the value frozen is not known yet, so that the freeze
// counts among the case's results and the statistics' freezes.
func TestFreezingDoneIsAFreeze(t *testing.T) {
	c := testCentre()
	for _, value := range []int64{0, 250000} {
		m := &Measure{ID: 1, Kind: MeasureFreezing, Country: "PL", State: MeasureDone, Outcome: MeasureOutcome{FrozenEUR: value}}
		rs := m.Results(c, false)
		if len(rs) != 1 || rs[0].Kind != ResultSeizure || rs[0].Measure != "frozen" || rs[0].ValueEUR != value {
			t.Fatalf("value %d: results %+v", value, rs)
		}
		if err := rs[0].Validate(); err != nil {
			t.Fatalf("value %d: %v", value, err)
		}
	}
}

// TestTallyCountsEachSuspectOnce: suspects targeted are people: an arrest
// planned at two addresses, and the execution of the warrant for the same
// person, count one suspect; an arrest or a warrant without a person
// counts its own.
func TestTallyCountsEachSuspectOnce(t *testing.T) {
	warrants := map[int64]int64{7: 9, 8: 0}
	ms := []*Measure{
		{ID: 1, Kind: MeasureArrest, EntityID: 9, State: MeasureDone},
		{ID: 2, Kind: MeasureArrest, EntityID: 9, State: MeasureNotFound},
		{ID: 3, Kind: MeasureExecution, InstrumentID: 7, State: MeasurePlanned}, // the warrant for person 9
		{ID: 4, Kind: MeasureArrest, EntityID: 10, State: MeasurePlanned},
		{ID: 5, Kind: MeasureExecution, InstrumentID: 8, State: MeasurePlanned}, // a warrant naming no one
		{ID: 6, Kind: MeasureExecution, InstrumentID: 11, State: MeasureDone},   // an EIO: a search
	}
	tl := Tally(ms, warrants)
	if tl.Targeted != 3 || tl.Arrested != 1 || tl.Searches != 1 {
		t.Fatalf("tally: %+v", tl)
	}
	if p, ok := ms[2].Suspect(warrants); !ok || p != 9 {
		t.Fatalf("the warrant's person: %d %v", p, ok)
	}
	if _, ok := ms[5].Suspect(warrants); ok {
		t.Fatal("an EIO targets no suspect")
	}
}

// TestCheckArrestedOnce: a person is arrested once: a measure arresting
// someone another done measure of the centre arrested (by an arrest or
// the warrant for them) is refused, naming that measure; one arresting
// no one named, or someone not yet arrested, is not.
func TestCheckArrestedOnce(t *testing.T) {
	warrants := map[int64]int64{7: 9, 8: 0}
	done := &Measure{ID: 1, Kind: MeasureArrest, EntityID: 9, Country: "IT", State: MeasureDone, ChangedBy: "it.member"}
	ms := []*Measure{
		done,
		{ID: 2, Kind: MeasureArrest, EntityID: 9, State: MeasureUnderWay},
		{ID: 3, Kind: MeasureExecution, InstrumentID: 7, State: MeasureUnderWay}, // the warrant for person 9
		{ID: 4, Kind: MeasureArrest, EntityID: 10, State: MeasureUnderWay},
		{ID: 5, Kind: MeasureExecution, InstrumentID: 8, State: MeasureUnderWay}, // a warrant naming no one
		{ID: 6, Kind: MeasureArrest, State: MeasureUnderWay},                     // an arrest naming no one
		{ID: 7, Kind: MeasureSearch, EntityID: 9, State: MeasureUnderWay},        // a search arrests no one
	}
	for _, tc := range []struct {
		m       *Measure
		refused bool
	}{{ms[1], true}, {ms[2], true}, {ms[3], false}, {ms[4], false}, {ms[5], false}, {ms[6], false}, {done, false}} {
		err := CheckArrestedOnce(tc.m, ms, warrants)
		if (err != nil) != tc.refused || err != nil && (ErrorField(err) != "state" || !strings.Contains(err.Error(), "#1 in IT")) {
			t.Errorf("measure %d: %v, want refused %v", tc.m.ID, err, tc.refused)
		}
	}
	// Before the first is done, the second is not refused.
	first := *done
	first.State = MeasureUnderWay
	if err := CheckArrestedOnce(ms[1], []*Measure{&first, ms[1]}, warrants); err != nil {
		t.Errorf("no one arrested yet: %v", err)
	}
}

// TestDecisionTypesBetween: the decisions in the room that may run from
// one country to another, in the form's order; none to the country
// itself.
func TestDecisionTypesBetween(t *testing.T) {
	it := &Country{Code: "IT", Standing: StandingMember}
	de := &Country{Code: "DE", Standing: StandingMember}
	al := &Country{Code: "AL", Standing: StandingLiaison}
	for _, c := range []struct {
		from, to *Country
		want     []InstrumentType
	}{
		{it, de, []InstrumentType{InstrumentEAW, InstrumentEIO, InstrumentFreezing, InstrumentMLA}},
		{it, al, []InstrumentType{InstrumentExtradition, InstrumentMLA}},
		{it, it, nil},
		{it, nil, nil},
	} {
		if got := DecisionTypesBetween(c.from, c.to); !slices.Equal(got, c.want) {
			t.Errorf("%v → %v: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

// TestCentreZoneOffset: the board names a country's zone by its offset
// from UTC on the action day, summer time included, not its IANA name.
func TestCentreZoneOffset(t *testing.T) {
	c := testCentre()
	c.Zones = append(c.Zones, CentreZone{"IN", "Asia/Kolkata"}, CentreZone{"BR", "America/Sao_Paulo"}, CentreZone{"GB", "Europe/London"})
	for country, want := range map[string]string{"BE": "UTC+2", "PL": "UTC+2", "PT": "UTC", "IN": "UTC+5:30", "BR": "UTC-3", "GB": "UTC+1", "FR": ""} {
		if got := c.ZoneOffset(country); got != want {
			t.Errorf("%s in May: %q, want %q", country, got, want)
		}
	}
	c.ActionDate = Date{Year: 2025, Month: 1, Day: 14}
	for country, want := range map[string]string{"BE": "UTC+1", "PT": "UTC-1", "GB": "UTC"} {
		if got := c.ZoneOffset(country); got != want {
			t.Errorf("%s in January: %q, want %q", country, got, want)
		}
	}
	// The night summer time begins, the day is read at noon.
	c.ActionDate = Date{Year: 2025, Month: 3, Day: 30}
	if got := c.ZoneOffset("BE"); got != "UTC+2" {
		t.Errorf("BE on 30 March 2025: %q, want UTC+2", got)
	}
}
