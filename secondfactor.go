package crosscase

import "context"

// Two-step sign-in (README, "Who sees what"): after the password, a user
// who has set up a second factor gives a code from an authenticator app
// (TOTP, RFC 6238: 30-second steps, 6 digits, SHA-1) or one of their
// single-use recovery codes. Administrators must have one, and every user
// when the server is started with --require-second-factor.

// RecoveryCodeCount is how many recovery codes a user gets when the second
// factor is set up.
const RecoveryCodeCount = 10

// NeedsSecondFactor reports whether u must have a second factor before
// using any page: administrators always, everyone when requiredForAll.
func NeedsSecondFactor(u *User, requiredForAll bool) bool {
	return u != nil && (requiredForAll || u.IsAdmin())
}

// SessionFactor is how far a browser session's user has gone with the
// second factor.
type SessionFactor int

// Session factor states.
const (
	// SessionPasswordOnly: signed in with the password; the user had no
	// second factor then.
	SessionPasswordOnly SessionFactor = 0
	// SessionFactorPending: the password was right and a code is still
	// owed; the session opens nothing but the code form.
	SessionFactorPending SessionFactor = 1
	// SessionFactorVerified: the second factor was given (or set up) in
	// this session.
	SessionFactorVerified SessionFactor = 2
)

// SecondFactorEnrolment is a new, not yet confirmed TOTP secret, to be
// entered into an authenticator app.
type SecondFactorEnrolment struct {
	Secret string // base32, as apps take it by hand
	URI    string // otpauth://totp/…
}

// SecondFactorService keeps users' TOTP secrets and recovery codes.
type SecondFactorService interface {
	// SecondFactorEnabled reports whether the user has a confirmed second
	// factor. It needs no actor (it is asked at sign-in).
	SecondFactorEnabled(ctx context.Context, userID int64) (bool, error)
	// BeginSecondFactor makes a new secret for the actor, replacing one
	// not yet confirmed; ECONFLICT when a second factor is already on.
	BeginSecondFactor(ctx context.Context) (*SecondFactorEnrolment, error)
	// ConfirmSecondFactor turns the actor's new secret on when code is a
	// current code of it, and returns the RecoveryCodeCount recovery
	// codes, which are shown once and kept only as hashes.
	ConfirmSecondFactor(ctx context.Context, code string) ([]string, error)
	// VerifySecondFactor accepts a current TOTP code not used before, or
	// an unused recovery code (which is then used up), for userID; it
	// answers EUNAUTHORIZED otherwise and reports whether a recovery code
	// was used. It needs no actor (it is asked at sign-in).
	VerifySecondFactor(ctx context.Context, userID int64, code string) (recovery bool, err error)
	// DisableSecondFactor turns the actor's second factor off, given a
	// current code. Whether the actor may go without one is the caller's
	// rule (NeedsSecondFactor).
	DisableSecondFactor(ctx context.Context, code string) error
	// ResetSecondFactor removes another user's second factor; for
	// administrators. The user sets it up again when they need one.
	ResetSecondFactor(ctx context.Context, userID int64) error
	// SetSessionFactor records how far session sessionID has gone with the
	// second factor. It needs no actor.
	SetSessionFactor(ctx context.Context, sessionID int64, state SessionFactor) error
}
