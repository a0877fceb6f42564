package crosscase_test

import (
	"strings"
	"testing"

	"crosscase"
)

// roleUser returns a user of role r as the store keeps one: the roles that
// belong to a desk on desk 1 (IT), the others on none (a JIT member with
// a country of their own).
func roleUser(r crosscase.Role) *crosscase.User {
	u := &crosscase.User{ID: 7, Name: "u", Role: r}
	switch r {
	case crosscase.RoleStatistics, crosscase.RoleAdministrator:
	case crosscase.RoleJITMember:
		u.CountryCode = "AL"
	default:
		u.DeskID, u.DeskCountry = 1, "IT"
	}
	return u
}

func TestRoles(t *testing.T) {
	want := []crosscase.Role{"desk_member", "liaison_prosecutor", "analyst", "statistics", "administrator", "contact_point", "jit_member"}
	got := crosscase.Roles()
	if len(got) != len(want) {
		t.Fatalf("Roles() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] || !got[i].Valid() {
			t.Errorf("Roles()[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	if crosscase.Role("judge").Valid() {
		t.Error(`Role("judge").Valid() = true`)
	}
}

func TestRoleRules(t *testing.T) {
	for _, tc := range []struct {
		role                                                        crosscase.Role
		content, works, joins, centres, jitOnly, noticesOnly, valid bool
	}{
		{crosscase.RoleDeskMember, true, true, true, true, false, false, true},
		{crosscase.RoleLiaison, true, true, true, true, false, false, true},
		{crosscase.RoleAnalyst, true, false, true, true, false, false, true},
		{crosscase.RoleStatistics, false, false, false, false, false, false, true},
		{crosscase.RoleAdministrator, false, false, false, false, false, false, true},
		{crosscase.RoleContactPoint, false, false, false, false, false, true, true},
		{crosscase.RoleJITMember, false, false, true, true, true, false, true},
		{"", false, false, false, false, false, false, false},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			if got := tc.role.SeesCaseContent(); got != tc.content {
				t.Errorf("SeesCaseContent() = %t, want %t", got, tc.content)
			}
			if got := tc.role.WorksCases(); got != tc.works {
				t.Errorf("WorksCases() = %t, want %t", got, tc.works)
			}
			if got := tc.role.JoinsJITs(); got != tc.joins {
				t.Errorf("JoinsJITs() = %t, want %t", got, tc.joins)
			}
			if got := tc.role.TakesPartInCentres(); got != tc.centres {
				t.Errorf("TakesPartInCentres() = %t, want %t", got, tc.centres)
			}
			if got := tc.role.JITOnly(); got != tc.jitOnly {
				t.Errorf("JITOnly() = %t, want %t", got, tc.jitOnly)
			}
			if got := tc.role.NoticesOnly(); got != tc.noticesOnly {
				t.Errorf("NoticesOnly() = %t, want %t", got, tc.noticesOnly)
			}
		})
	}
}

// TestUserRules checks each rule that depends on the user alone, for
// every role as the store keeps it.
func TestUserRules(t *testing.T) {
	type rules struct {
		readCases, stats, register, authority, setUpJIT, hits bool
		readNotices, sendNotices, ackNotices, results         bool
		sentNotices                                           bool
	}
	for _, tc := range []struct {
		role crosscase.Role
		want rules
	}{
		{crosscase.RoleDeskMember, rules{true, false, true, true, true, true, true, true, true, true, true}},
		{crosscase.RoleLiaison, rules{true, false, true, true, true, true, true, true, true, true, true}},
		{crosscase.RoleAnalyst, rules{true, false, false, false, false, true, true, false, false, false, true}},
		{crosscase.RoleStatistics, rules{false, true, false, false, false, false, false, false, false, false, false}},
		{crosscase.RoleAdministrator, rules{false, true, false, true, false, false, false, false, false, false, false}},
		{crosscase.RoleContactPoint, rules{false, false, false, false, false, false, true, false, true, false, false}},
		{crosscase.RoleJITMember, rules{false, false, false, false, false, false, false, false, false, false, false}},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			u := roleUser(tc.role)
			got := rules{
				crosscase.CanReadCases(u), crosscase.CanSeeStatistics(u), crosscase.CanRegisterCase(u),
				crosscase.CanAddAuthority(u), crosscase.CanSetUpJIT(u), crosscase.CanSeeHits(u),
				crosscase.CanReadNotices(u), crosscase.CanSendNotices(u), crosscase.CanAcknowledgeNotices(u),
				crosscase.CanRecordResults(u), crosscase.ReadsSentNotices(u),
			}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestUserRulesNil: no user, no right.
func TestUserRulesNil(t *testing.T) {
	for name, f := range map[string]func(*crosscase.User) bool{
		"CanReadCases": crosscase.CanReadCases, "CanSeeStatistics": crosscase.CanSeeStatistics,
		"CanRegisterCase": crosscase.CanRegisterCase, "CanAddAuthority": crosscase.CanAddAuthority,
		"CanSetUpJIT": crosscase.CanSetUpJIT, "CanSeeHits": crosscase.CanSeeHits,
		"CanReadNotices": crosscase.CanReadNotices, "CanSendNotices": crosscase.CanSendNotices,
		"CanAcknowledgeNotices": crosscase.CanAcknowledgeNotices, "CanRecordResults": crosscase.CanRecordResults,
		"ReadsSentNotices": crosscase.ReadsSentNotices,
	} {
		if f(nil) {
			t.Errorf("%s(nil) = true", name)
		}
	}
}

// TestDeskRequired: the rules of desk work need a desk; statistics users
// and administrators attached to one still read no case, notice or hit.
func TestDeskRequired(t *testing.T) {
	for _, r := range []crosscase.Role{crosscase.RoleDeskMember, crosscase.RoleLiaison, crosscase.RoleAnalyst, crosscase.RoleContactPoint} {
		u := roleUser(r)
		u.DeskID = 0
		if crosscase.CanReadCases(u) || crosscase.CanSeeHits(u) || crosscase.CanReadNotices(u) || crosscase.CanSendNotices(u) || crosscase.CanSetUpJIT(u) {
			t.Errorf("%s without a desk may still read or send", r)
		}
	}
	for _, r := range []crosscase.Role{crosscase.RoleStatistics, crosscase.RoleAdministrator} {
		u := roleUser(r)
		u.DeskID, u.DeskCountry = 1, "IT"
		if crosscase.CanReadCases(u) || crosscase.CanSeeHits(u) || crosscase.CanReadNotices(u) || crosscase.CanSendNotices(u) {
			t.Errorf("%s attached to a desk reads cases, hits or notices", r)
		}
	}
	u := roleUser(crosscase.RoleDeskMember)
	u.Disabled = true
	if crosscase.CanReadNotices(u) {
		t.Error("a disabled user reads notices")
	}
}

// TestCheckGrant: the owner desk grants a case to another desk, not to
// itself, and never to a contact point's desk.
func TestCheckGrant(t *testing.T) {
	c := &crosscase.Case{ID: 1, OwnerDeskID: 1, OwnerCountry: "IT"}
	for _, tc := range []struct {
		name string
		d    *crosscase.Desk
		ok   bool
	}{
		{"a national desk", &crosscase.Desk{ID: 2, CountryCode: "FR", Kind: crosscase.DeskNational}, true},
		{"a liaison prosecutor's desk", &crosscase.Desk{ID: 3, CountryCode: "AL", Kind: crosscase.DeskLiaison}, true},
		{"the owner desk", &crosscase.Desk{ID: 1, CountryCode: "IT", Kind: crosscase.DeskNational}, false},
		{"a contact point", &crosscase.Desk{ID: 4, CountryCode: "BA", Kind: crosscase.DeskContactPoint}, false},
	} {
		err := crosscase.CheckGrant(c, tc.d)
		if (err == nil) != tc.ok || err != nil && crosscase.ErrorField(err) != "desk_id" {
			t.Errorf("%s: CheckGrant = %v, want ok %t", tc.name, err, tc.ok)
		}
	}
}

// TestRoleReach: each role that some page leaves out (the roles that see
// no case, and JIT-only and contact point accounts) is told what it
// reaches, every place it reaches named; the roles that read notices and
// JITs are as the navigation shows them.
func TestRoleReach(t *testing.T) {
	for _, tc := range []struct {
		role          crosscase.Role
		notices, jits bool
		reach         []string
	}{
		{crosscase.RoleDeskMember, true, true, nil},
		{crosscase.RoleLiaison, true, true, nil},
		{crosscase.RoleAnalyst, true, true, nil},
		{crosscase.RoleStatistics, false, false, []string{"statistics", "directory of authorities", "own account"}},
		{crosscase.RoleAdministrator, false, true, []string{"administration", "JITs", "directory of authorities", "own account"}},
		{crosscase.RoleContactPoint, true, false, []string{"notices", "inbox", "directory of authorities", "own account"}},
		{crosscase.RoleJITMember, false, true, []string{"JITs", "coordination centres", "own account"}},
	} {
		if got := tc.role.ReadsNotices(); got != tc.notices {
			t.Errorf("%s: ReadsNotices() = %v", tc.role, got)
		}
		if got := tc.role.ReadsJITs(); got != tc.jits {
			t.Errorf("%s: ReadsJITs() = %v", tc.role, got)
		}
		text := tc.role.Reach()
		if text == "" {
			t.Errorf("%s: no text of what it reaches", tc.role)
		}
		for _, w := range tc.reach {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q does not name %q", tc.role, text, w)
			}
		}
	}
}
