package crosscase_test

import (
	"slices"
	"strings"
	"testing"

	"crosscase"
)

// TestJITRules checks who uses, manages and adds members to a JIT with
// parties IT and AL, for every role: at a party's desk (IT), at another
// desk (FR), and as a member.
func TestJITRules(t *testing.T) {
	j := &crosscase.JIT{ID: 1, Parties: []crosscase.JITParty{{CountryCode: "IT"}, {CountryCode: "AL"}}}
	type rules struct{ partyDesk, space, manage, members bool }
	for _, tc := range []struct {
		role         crosscase.Role
		party, other rules // at IT's desk (or none), at FR's desk (or none)
		memberRights rules // the same user added as a member, at FR's desk (or none)
	}{
		{crosscase.RoleDeskMember, rules{true, true, true, true}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleLiaison, rules{true, true, true, true}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleAnalyst, rules{true, true, false, false}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleStatistics, rules{}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleAdministrator, rules{false, false, false, true}, rules{false, false, false, true}, rules{false, true, false, true}},
		{crosscase.RoleContactPoint, rules{}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleJITMember, rules{}, rules{}, rules{false, true, false, false}},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			check := func(what string, u *crosscase.User, j *crosscase.JIT, want rules) {
				t.Helper()
				got := rules{crosscase.OnJITPartyDesk(u, j), crosscase.CanUseJITSpace(u, j), crosscase.CanManageJIT(u, j), crosscase.CanAddJITMembers(u, j)}
				if got != want {
					t.Errorf("%s: got %+v, want %+v", what, got, want)
				}
			}
			u := roleUser(tc.role)
			check("party's desk", u, j, tc.party)
			if u.DeskID != 0 {
				u.DeskID, u.DeskCountry = 2, "FR"
			}
			check("other desk", u, j, tc.other)
			withMember := *j
			withMember.Members = []*crosscase.JITMember{{UserID: u.ID, CountryCode: "AL"}}
			check("member", u, &withMember, tc.memberRights)
			if !withMember.HasMember(u) || j.HasMember(u) {
				t.Error("HasMember is wrong")
			}
		})
	}
	if j.HasMember(nil) || crosscase.CanUseJITSpace(nil, j) || crosscase.CanManageJIT(nil, j) || crosscase.CanAddJITMembers(nil, j) {
		t.Error("a JIT rule holds for no user")
	}
}

// TestJITExtensionValidate: an extension names the day its parties
// agreed it, a day that has come, not before the JIT's signature and not
// after the end it extends; and it ends later than that end, within ten
// years of the signature. Each refusal names its field.
func TestJITExtensionValidate(t *testing.T) {
	// Signed 2025-06-01, extended once to 2027-06-01; today 2026-12-06.
	j := &crosscase.JIT{SignedOn: date(t, "2025-06-01"), EndsOn: date(t, "2026-06-01"), CurrentEndsOn: date(t, "2027-06-01")}
	today := date(t, "2026-12-06")
	for _, tc := range []struct {
		name, agreed, ends, reason string
		field                      string // "" when accepted
	}{
		{"agreed today", "2026-12-06", "2028-06-01", "More time", ""},
		{"agreed the day of the signature", "2025-06-01", "2028-06-01", "More time", ""},
		{"agreed in the past, recorded now", "2026-03-02", "2035-06-01", "More time", ""},
		{"no reason", "2026-03-02", "2028-06-01", "", "reason"},
		{"no new end", "2026-03-02", "", "More time", "new_ends_on"},
		{"no agreement date", "", "2028-06-01", "More time", "agreed_on"},
		{"agreed tomorrow", "2026-12-07", "2028-06-01", "More time", "agreed_on"},
		{"agreed before the signature", "2025-05-31", "2028-06-01", "More time", "agreed_on"},
		{"ends on the current end", "2026-03-02", "2027-06-01", "More time", "new_ends_on"},
		{"ends before the current end", "2026-03-02", "2027-01-01", "More time", "new_ends_on"},
		{"ends past ten years", "2026-03-02", "2035-06-02", "More time", "new_ends_on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := &crosscase.JITExtension{Reason: tc.reason}
			if tc.agreed != "" {
				x.AgreedOn = date(t, tc.agreed)
			}
			if tc.ends != "" {
				x.NewEndsOn = date(t, tc.ends)
			}
			err := x.Validate()
			if err == nil {
				err = x.CheckAgainst(j, today)
			}
			if tc.field == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.field != "" && (crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != tc.field) {
				t.Fatalf("%v, want EINVALID naming %q", err, tc.field)
			}
		})
	}
	// A JIT that has run out: an extension agreed on its last day is
	// recorded later; one agreed the day after is refused.
	ended := &crosscase.JIT{SignedOn: date(t, "2024-01-15"), EndsOn: date(t, "2026-01-15"), CurrentEndsOn: date(t, "2026-01-15")}
	onLastDay := &crosscase.JITExtension{AgreedOn: date(t, "2026-01-15"), NewEndsOn: date(t, "2027-01-15"), Reason: "More time"}
	if err := onLastDay.CheckAgainst(ended, today); err != nil {
		t.Errorf("agreed on the last day: %v", err)
	}
	dayAfter := &crosscase.JITExtension{AgreedOn: date(t, "2026-01-16"), NewEndsOn: date(t, "2027-01-15"), Reason: "More time"}
	if err := dayAfter.CheckAgainst(ended, today); crosscase.ErrorField(err) != "agreed_on" || !strings.Contains(crosscase.ErrorMessage(err), "2026-01-15") {
		t.Errorf("agreed after the end: %v", err)
	}
}

func TestFundingStatusNext(t *testing.T) {
	for s, want := range map[crosscase.FundingStatus][]crosscase.FundingStatus{
		crosscase.FundingApplied: {crosscase.FundingGranted, crosscase.FundingRejected}, crosscase.FundingGranted: {crosscase.FundingPaid}, crosscase.FundingRejected: nil, crosscase.FundingPaid: nil,
	} {
		if got := s.Next(); !slices.Equal(got, want) {
			t.Errorf("%s.Next() = %v, want %v", s, got, want)
		}
	}
}
