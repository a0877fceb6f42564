package crosscase

import (
	"context"
	"strings"
	"time"
)

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
	// Passkeys returns userID's passkeys, oldest first. It needs no actor
	// (it is asked at sign-in, by the session that owes the second step);
	// an actor reads only their own.
	Passkeys(ctx context.Context, userID int64) ([]*Passkey, error)
	// AddPasskey keeps a new passkey for the actor, whose second factor
	// must be on (EINVALID otherwise: the recovery codes come with it),
	// given a current code of it (or a recovery code), as turning it off
	// is: an open session alone does not add a way in. At most
	// MaxPasskeys, names unique per user.
	AddPasskey(ctx context.Context, p *Passkey, code string) error
	// UsePasskey records that userID gave the second step with passkey
	// credentialID: the credential as the check left it (its signature
	// counter) and the time. It needs no actor.
	UsePasskey(ctx context.Context, userID int64, credentialID string, credential []byte) error
	// RemovePasskey removes one of the actor's passkeys (ENOTFOUND for
	// anyone else's).
	RemovePasskey(ctx context.Context, id int64) error
	// SetSessionFactor records how far session sessionID has gone with the
	// second factor. It needs no actor.
	SetSessionFactor(ctx context.Context, sessionID int64, state SessionFactor) error
}

// MaxPasskeys is how many passkeys a user may keep.
const MaxPasskeys = 10

// Passkey is a WebAuthn credential (a security key, or a passkey of a
// phone or computer) that gives the second step of the sign-in in place
// of a code. It adds to an authenticator app, which stays the way back
// (with the recovery codes) when the key is lost; turning the second
// factor off or an administrator's reset removes the passkeys too.
type Passkey struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	// CredentialID is the credential's id (base64url); Credential the
	// WebAuthn credential as the web package keeps it.
	CredentialID string    `json:"-"`
	Credential   []byte    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
	LastUsedAt   time.Time `json:"last_used_at,omitzero"`
}

// Validate checks a new passkey's name and credential.
func (p *Passkey) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	if err := CheckText("name", p.Name, 100, true); err != nil {
		return err
	}
	if p.CredentialID == "" || len(p.CredentialID) > 1400 || len(p.Credential) == 0 || len(p.Credential) > 64<<10 {
		return FieldErrorf("credential", "The passkey's answer is missing or too large: try again.")
	}
	return nil
}

// ErrCodeUsed refuses a code of the authenticator app that was right but
// has been given already (each step's code opens one sign-in): the user
// waits for the next one rather than retyping the same.
var ErrCodeUsed = Errorf(EUNAUTHORIZED, "That code has been used already. Wait for the next one your app shows, or type one of your recovery codes.")
