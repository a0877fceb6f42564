package crosscase

import "testing"

// TestCanResetCredentials: administrators reset other users' password and
// two-step sign-in, never their own, and never both of one user alone.
func TestCanResetCredentials(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdministrator}
	system := &User{ID: 0, Role: RoleAdministrator}
	for _, tc := range []struct {
		name       string
		by, u      *User
		pw, factor string // the error codes
	}{
		{"another user", admin, &User{ID: 2}, "", ""},
		{"oneself", admin, admin, EINVALID, EINVALID},
		{"not an administrator", &User{ID: 3, Role: RoleDeskMember}, &User{ID: 2}, EFORBIDDEN, EFORBIDDEN},
		{"after resetting their second factor", admin, &User{ID: 2, SecondFactorResetBy: 1}, EFORBIDDEN, ""},
		{"after resetting their password", admin, &User{ID: 2, PasswordResetBy: 1}, "", EFORBIDDEN},
		{"after another administrator reset both", admin, &User{ID: 2, PasswordResetBy: 4, SecondFactorResetBy: 5}, "", ""},
		{"the system, nothing reset", system, &User{ID: 2}, "", ""},
	} {
		if got := ErrorCode(CanResetPassword(tc.by, tc.u)); got != tc.pw {
			t.Errorf("%s: password reset %q, want %q", tc.name, got, tc.pw)
		}
		if got := ErrorCode(CanResetSecondFactor(tc.by, tc.u)); got != tc.factor {
			t.Errorf("%s: two-step sign-in reset %q, want %q", tc.name, got, tc.factor)
		}
	}
}
