package crosscase

import "testing"

// TestCanResetCredentials: administrators reset other users' password and
// two-step sign-in, never their own, and never both of one user alone; a
// two-step sign-in only when the user has one.
func TestCanResetCredentials(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdministrator}
	system := &User{ID: 0, Role: RoleAdministrator}
	for _, tc := range []struct {
		name       string
		by, u      *User
		none       bool   // u has not set up two-step sign-in
		pw, factor string // the error codes
	}{
		{"another user", admin, &User{ID: 2}, false, "", ""},
		{"oneself", admin, admin, false, EINVALID, EINVALID},
		{"not an administrator", &User{ID: 3, Role: RoleDeskMember}, &User{ID: 2}, false, EFORBIDDEN, EFORBIDDEN},
		{"after resetting their second factor", admin, &User{ID: 2, SecondFactorResetBy: 1}, false, EFORBIDDEN, ""},
		{"after resetting their password", admin, &User{ID: 2, PasswordResetBy: 1}, false, "", EFORBIDDEN},
		{"after another administrator reset both", admin, &User{ID: 2, PasswordResetBy: 4, SecondFactorResetBy: 5}, false, "", ""},
		{"the system, nothing reset", system, &User{ID: 2}, false, "", ""},
		{"a user without two-step sign-in", admin, &User{ID: 2}, true, "", ECONFLICT},
		{"oneself, without two-step sign-in", admin, admin, true, EINVALID, EINVALID},
	} {
		if got := ErrorCode(CanResetPassword(tc.by, tc.u)); got != tc.pw {
			t.Errorf("%s: password reset %q, want %q", tc.name, got, tc.pw)
		}
		if got := ErrorCode(CanResetSecondFactor(tc.by, tc.u, !tc.none)); got != tc.factor {
			t.Errorf("%s: two-step sign-in reset %q, want %q", tc.name, got, tc.factor)
		}
		if tc.by == tc.u {
			// One's own is refused naming the account of the path.
			for _, err := range []error{CanResetPassword(tc.by, tc.u), CanResetSecondFactor(tc.by, tc.u, !tc.none)} {
				if ErrorField(err) != "id" {
					t.Errorf("%s: %v names %q, want id", tc.name, err, ErrorField(err))
				}
			}
		}
	}
}
