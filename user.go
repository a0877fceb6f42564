package crosscase

import (
	"context"
	"regexp"
	"time"
)

// Role is what a user does at the agency.
type Role string

// Roles.
const (
	RoleDeskMember    Role = "desk_member"        // national member, deputy or assistant
	RoleLiaison       Role = "liaison_prosecutor" // a third country's liaison prosecutor
	RoleAnalyst       Role = "analyst"            // cross-case analysis within visible cases
	RoleStatistics    Role = "statistics"         // aggregate figures only, never case content
	RoleAdministrator Role = "administrator"      // users, desks, reference data; never case content
	RoleContactPoint  Role = "contact_point"      // a third country's or body's contact point: notices only, no case files
	RoleJITMember     Role = "jit_member"         // an officer of a national authority: only the JITs they are a member of
)

// Roles returns every role in display order.
func Roles() []Role {
	return []Role{RoleDeskMember, RoleLiaison, RoleAnalyst, RoleStatistics, RoleAdministrator, RoleContactPoint, RoleJITMember}
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles() {
		if v == r {
			return true
		}
	}
	return false
}

// SeesCaseContent reports whether users of role r may ever see case
// content (subject to need to know). Statistics and administrators never do.
// README, Who sees what.
func (r Role) SeesCaseContent() bool {
	return r == RoleDeskMember || r == RoleLiaison || r == RoleAnalyst
}

// JITOnly reports whether accounts of role r are JIT-only: officers of a
// national authority, at no desk, with a country of their own (set by an
// administrator), who reach only the JITs they are members of and the
// coordination centres they are invited to. README, Who sees what.
func (r Role) JITOnly() bool { return r == RoleJITMember }

// NoticesOnly reports whether accounts of role r reach only their desk's
// notices (and the authority directory): a third country's or body's
// contact point, which reads no case file. README, Who sees what.
func (r Role) NoticesOnly() bool { return r == RoleContactPoint }

// ReadsAuthorityDirectory reports whether users of role r read the
// directory of national authorities: every role but JIT-only accounts,
// which reach only their JITs. Contact points read it beside their
// notices: it tells them whom to address. The routes of the directory are
// opened to contact points where they are registered
// (http/server.ContactPoints). README, Who sees what.
func (r Role) ReadsAuthorityDirectory() bool { return !r.JITOnly() }

// Reach says what accounts of role r reach: the refusal of a page or
// endpoint the role does not reach, which tells the caller where to go
// instead. Each role's text is here, in one place. README, Who sees what.
func (r Role) Reach() string {
	switch r {
	case RoleJITMember:
		return "A JIT member's account reaches only the JITs it is a member of, the coordination centres it is invited to, and its own account."
	case RoleContactPoint:
		return "A contact point's account reaches only its desk's notices and inbox, the directory of authorities, and its own account."
	case RoleStatistics:
		return "A statistics account sees no case: it reaches the statistics, the directory of authorities, and its own account."
	case RoleAdministrator:
		return "An administrator's account sees no case: it reaches the administration, the JITs' records, the directory of authorities, and its own account."
	}
	return "Your role does not reach this page."
}

// ReadsNotices reports whether users of role r read their desk's notices
// and have an inbox of notifications (at a desk, CanReadNotices): the
// roles that see case content, and contact points. README, Who sees what.
func (r Role) ReadsNotices() bool { return r.SeesCaseContent() || r.NoticesOnly() }

// ReadsJITs reports whether users of role r open the JIT pages: those who
// may be members (JoinsJITs), and administrators, who see a JIT's record
// to add its members (docs/design.md, rule 6). README, Who sees what.
func (r Role) ReadsJITs() bool { return r.JoinsJITs() || r == RoleAdministrator }

// WorksCases reports whether users of role r work cases: register and
// change them, decide on hits, send notices, report results. Desk members
// and liaison prosecutors do; analysts only read. README, Who sees what.
func (r Role) WorksCases() bool {
	return r == RoleDeskMember || r == RoleLiaison
}

// CanReadCases reports whether u may see case content at all: a user of a
// desk whose role sees it. Which cases is need to know, decided by the
// store. README, Who sees what.
//
// A user whose place on a desk an administrator set (a new account, a
// move to the desk or to a role that sees case content, a one-time
// password for an account without two-step sign-in) reads none of it
// until a second person confirms them (DeskPendingBy, CanConfirmDesk):
// no one administrator gives themself, or an account whose password they
// know, the desk's cases. README, "Nobody acts as someone else".
func CanReadCases(u *User) bool {
	return u != nil && u.Role.SeesCaseContent() && u.DeskID != 0 && u.DeskPendingBy == 0
}

// WaitsForDeskConfirmation reports whether an administrator's change to u
// (role, desk, or a one-time password) leaves u's place on their desk
// waiting for a second person's confirmation: when u's role sees case
// content and the change is an administrator's through the application
// (the command-line operator, who holds the database, is not asked).
// before is u as it was, nil for a new account; credential is set when
// the change is a one-time password for an account without two-step
// sign-in.
func WaitsForDeskConfirmation(before, u *User, credential bool) bool {
	if !u.Role.SeesCaseContent() || u.DeskID == 0 {
		return false
	}
	return before == nil || credential || before.DeskID != u.DeskID || !before.Role.SeesCaseContent()
}

// CanConfirmDesk reports whether caller may confirm u's place on their
// desk (README, "Nobody acts as someone else"): someone other than u and
// than the administrator whose change it waits on — a member of u's desk
// who works its cases, or another administrator.
func CanConfirmDesk(caller, u *User) error {
	switch {
	case u.DeskPendingBy == 0:
		return Errorf(ECONFLICT, "%s's place on the desk is confirmed already.", u.Name)
	case caller == nil || caller.ID == u.ID:
		return Errorf(EFORBIDDEN, "Someone else confirms your place on the desk: a colleague of the desk or an administrator.")
	case u.MustChangePassword:
		return Errorf(ECONFLICT, "%s has not chosen their own password yet: confirm them once they have signed in and chosen it, so that the account is theirs.", u.Name)
	case caller.ID == u.DeskPendingBy:
		return Errorf(EFORBIDDEN, "You made this change: a colleague of the desk or another administrator confirms it, so that no one administrator opens a desk's cases alone.")
	}
	if desk, ok := ConfirmsDeskPlaces(caller); ok && (desk == 0 || desk == u.DeskID) {
		return nil
	}
	return Errorf(EFORBIDDEN, "Only a colleague of the desk or an administrator confirms a place on it.")
}

// ConfirmsDeskPlaces reports whose places on a desk caller may confirm
// (CanConfirmDesk): every desk's for an administrator (desk 0), their own
// desk's for a desk member or liaison prosecutor who works its cases, and
// none otherwise (ok false).
func ConfirmsDeskPlaces(caller *User) (desk int64, ok bool) {
	switch {
	case caller == nil:
		return 0, false
	case caller.IsAdmin():
		return 0, true
	case CanReadCases(caller) && caller.Role.WorksCases():
		return caller.DeskID, true
	}
	return 0, false
}

// CanSeeStatistics reports whether u sees the aggregate figures:
// statistics users and administrators. README, Coordination meetings,
// notices and case results (Statistics).
func CanSeeStatistics(u *User) bool {
	return u != nil && (u.Role == RoleStatistics || u.Role == RoleAdministrator)
}

// User is a person who signs in. Users of case-working roles belong to a
// desk; statistics users and administrators may have none.
type User struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"` // login name, unique
	DisplayName string `json:"display_name"`
	DeskID      int64  `json:"desk_id,omitempty"`
	DeskCountry string `json:"desk_country,omitempty"` // the desk's country, filled by the store
	// CountryCode is the country of a JIT-only account (RoleJITMember):
	// the country of the national authority its holder works for, set by
	// an administrator. Required for that role; empty for every other
	// role (desk users take their desk's country).
	CountryCode string `json:"country_code,omitempty"`
	Role        Role   `json:"role"`
	Disabled    bool   `json:"disabled"`
	// MustChangePassword is set when someone else chose the password (a
	// one-time password); the pages ask for a new one before anything else.
	MustChangePassword bool `json:"must_change_password"`
	// Language is the interface language the user chose (a tag of
	// locale.Languages); "" follows the browser (README, "Languages").
	Language  string    `json:"language"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	// PasswordResetBy and SecondFactorResetBy are the administrators who
	// last reset the user's password or two-step sign-in, until the user
	// chooses their own (CanResetPassword); 0 when none.
	PasswordResetBy     int64 `json:"-"`
	SecondFactorResetBy int64 `json:"-"`
	// DeskPendingBy is the administrator whose change to the account
	// waits for a second person's confirmation before it reads its desk's
	// cases (WaitsForDeskConfirmation, CanConfirmDesk); 0 when none.
	DeskPendingBy int64 `json:"desk_pending_by,omitempty"`
}

// CanResetPassword reports whether admin may reset u's password to a
// one-time password (README, "Nobody acts as someone else"): an
// administrator resets other users' passwords, never their own (the
// Account page changes it, with the current one), and not the password
// of a user whose two-step sign-in they reset themselves and the user has
// not set up again — a second administrator must, so that no one
// administrator holds both ways in.
func CanResetPassword(admin, u *User) error {
	if err := canResetCredential(admin, u, "Change your own password on the Account page."); err != nil {
		return err
	}
	if u.SecondFactorResetBy != 0 && u.SecondFactorResetBy == admin.ID {
		return Errorf(EFORBIDDEN, "You reset this user's two-step sign-in: another administrator resets their password, so that no one administrator holds both.")
	}
	return nil
}

// CanResetSecondFactor reports whether admin may reset u's two-step
// sign-in, which u has set up when enabled: the mirror of
// CanResetPassword. A user without one has nothing to reset, and a reset
// would only bar admin from resetting their password.
func CanResetSecondFactor(admin, u *User, enabled bool) error {
	if err := canResetCredential(admin, u, "Turn your own two-step sign-in off on the Account page, with a code."); err != nil {
		return err
	}
	if u.PasswordResetBy != 0 && u.PasswordResetBy == admin.ID {
		return Errorf(EFORBIDDEN, "You reset this user's password: another administrator resets their two-step sign-in, so that no one administrator holds both.")
	}
	if !enabled {
		return Errorf(ECONFLICT, "This user has not set up two-step sign-in: there is nothing to reset.")
	}
	return nil
}

// CanUpdateUser reports whether admin may apply upd to u (README, "Nobody
// acts as someone else"): an administrator changes users, but not their
// own role or desk, which would let them read the case content their role
// does not see with the session or tokens they already hold; another
// administrator must. Nor do they disable their own account: another
// administrator does, so that no one is locked out of administration by
// a slip of their own. otherActiveAdmins is how many administrators'
// accounts other than u's are enabled: the last active administrator
// keeps both the role and the account (README, "Nobody acts as someone
// else"), since
// no one but the command line could then administer the system.
func CanUpdateUser(admin, u *User, upd UserUpdate, otherActiveAdmins int) error {
	if !admin.IsAdmin() {
		return Errorf(EFORBIDDEN, "Only administrators may do this.")
	}
	if admin.ID == u.ID && ((upd.Role != nil && *upd.Role != u.Role) || (upd.DeskID != nil && *upd.DeskID != u.DeskID)) {
		field := "role"
		if upd.Role == nil || *upd.Role == u.Role {
			field = "desk_id"
		}
		return Errorf(EFORBIDDEN, "You cannot change your own role or desk: another administrator must, so that no administrator gives themself access to case content.").WithField(field)
	}
	disables := upd.Disabled != nil && *upd.Disabled && !u.Disabled
	if admin.ID == u.ID && disables {
		return Errorf(EFORBIDDEN, "You cannot disable your own account: another administrator must.").WithField("disabled")
	}
	if u.IsAdmin() && !u.Disabled && otherActiveAdmins == 0 {
		if upd.Role != nil && *upd.Role != RoleAdministrator {
			return Errorf(ECONFLICT, "%s is the last active administrator: make another account an administrator first.", u.Name).WithField("role")
		}
		if disables {
			return Errorf(ECONFLICT, "%s is the last active administrator: make another account an administrator first.", u.Name).WithField("disabled")
		}
	}
	return nil
}

// canResetCredential: only an administrator resets, and not their own;
// the refusal of one's own names id, the account of the request's path.
func canResetCredential(admin, u *User, own string) error {
	if !admin.IsAdmin() {
		return Errorf(EFORBIDDEN, "Only administrators may do this.")
	}
	if admin.ID == u.ID {
		return FieldErrorf("id", "%s", own)
	}
	return nil
}

// ActingCountry is the country u acts for: their desk's, or a JIT-only
// member's own (README, "Who sees what").
func (u *User) ActingCountry() string {
	return ActingCountry(u.Role, u.DeskCountry, u.CountryCode)
}

// ActingCountry is the country a user of role acts for, given their
// desk's country and their own (set for JIT-only accounts only).
func ActingCountry(role Role, deskCountry, own string) string {
	if role.JITOnly() {
		return own
	}
	return deskCountry
}

// IsAdmin reports whether u administers the system.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdministrator }

var userNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,62}$`)

// Validate checks u's fields.
func (u *User) Validate() error {
	if !userNameRE.MatchString(u.Name) {
		return FieldErrorf("name", "Login names are 2 to 63 characters: lower-case letters, digits, '.', '_' or '-'.")
	}
	if IsSystemName(u.Name) {
		return FieldErrorf("name", "The login name %s is the command line's, which the audit log and the pages name so: choose another.", u.Name)
	}
	if err := CheckText("display_name", u.DisplayName, 200, false); err != nil {
		return err
	}
	if !u.Role.Valid() {
		return FieldErrorf("role", "Unknown role %q.", u.Role)
	}
	if (u.Role.SeesCaseContent() || u.Role == RoleContactPoint) && u.DeskID == 0 {
		return FieldErrorf("desk_id", "An account with the role %s must belong to a desk.", u.Role)
	}
	if u.Role.JITOnly() && u.DeskID != 0 {
		return FieldErrorf("desk_id", "A JIT member works for a national authority, not at a desk: leave the desk empty.")
	}
	switch {
	case u.Role.JITOnly() && u.CountryCode == "":
		return FieldErrorf("country_code", "A JIT member's account needs the country of the authority they work for.")
	case u.Role.JITOnly() && !ValidCountryCode(u.CountryCode):
		return FieldErrorf("country_code", "%q is not an ISO 3166-1 alpha-2 country code.", u.CountryCode)
	case !u.Role.JITOnly() && u.CountryCode != "":
		return FieldErrorf("country_code", "Only JIT members' accounts have a country of their own; an account with the role %s takes the country of its desk.", u.Role)
	}
	return nil
}

// UserUpdate changes a user. Version must equal the stored version.
type UserUpdate struct {
	Version     int     `json:"version"`
	DisplayName *string `json:"display_name"`
	Role        *Role   `json:"role"`
	DeskID      *int64  `json:"desk_id"`
	Disabled    *bool   `json:"disabled"`
	CountryCode *string `json:"country_code"` // JIT-only accounts: the country of their authority
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// UserService manages users and checks passwords.
type UserService interface {
	// FindUserByID returns ENOTFOUND when missing. Administrators may read
	// any user; others only themselves.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByName returns ENOTFOUND when missing; same access as FindUserByID.
	FindUserByName(ctx context.Context, name string) (*User, error)
	// ListUsers is for administrators.
	ListUsers(ctx context.Context) ([]*User, error)
	// CreateUser is for administrators (or the system actor). EINVALID names
	// the bad field, ECONFLICT for a taken name. password is hashed with
	// argon2id and must be at least MinPasswordLength characters.
	CreateUser(ctx context.Context, u *User, password string) error
	// UpdateUser is for administrators; ECONFLICT on a stale version.
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	// SetPassword sets a new password: the user themself (which clears
	// MustChangePassword) or an administrator (which sets it).
	SetPassword(ctx context.Context, id int64, password string) error
	// ResetPassword gives user id a random one-time password, returned to
	// the administrator to hand over: the user must change it at their
	// next sign-in, and their sessions end. CanResetPassword decides.
	ResetPassword(ctx context.Context, id int64) (string, error)
	// ConfirmDesk confirms user id's place on their desk, which waits on
	// an administrator's change (CanConfirmDesk decides); the account then
	// reads the desk's cases. ENOTFOUND for another desk's account.
	ConfirmDesk(ctx context.Context, id int64) (*User, error)
	// DeskConfirmations lists the accounts waiting for a confirmation the
	// caller may give (CanConfirmDesk says whether now): of their own desk
	// for its members, every desk's for administrators.
	DeskConfirmations(ctx context.Context) ([]*User, error)
	// SetLanguage sets the interface language of the caller's own
	// account: a tag of locale.Languages, or "" to follow the browser.
	// EINVALID names language for any other.
	SetLanguage(ctx context.Context, language string) error
	// Authenticate returns the user with name and password, or
	// EUNAUTHORIZED (also for disabled users). It needs no actor.
	Authenticate(ctx context.Context, name, password string) (*User, error)
	// CountUsers returns how many users exist (to detect a first start).
	CountUsers(ctx context.Context) (int, error)
	// LoginNameExists reports whether name, folded to lower case, is an
	// account's login name: a failed sign-in records the name typed only
	// when it is one, never a password typed in its place. It needs no
	// actor.
	LoginNameExists(ctx context.Context, name string) (bool, error)
}

// Token is an API token. Only its hash is stored; the plain text is shown
// once, at creation.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Label      string     `json:"label"`
	Prefix     string     `json:"prefix"` // first characters, to recognise it
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	ParentID   int64      `json:"parent_id,omitempty"` // the token it was made with, revoked with it
}

// TokenService manages API tokens.
type TokenService interface {
	// CreateToken makes a token for the caller (userID must be theirs:
	// CanCreateTokenFor) and returns it with its plain text, shown only
	// once. Made by a request that came with a token, it is that token's
	// child, and revoked with it.
	CreateToken(ctx context.Context, userID int64, label string) (*Token, string, error)
	// ListTokens returns userID's tokens (self or administrator).
	ListTokens(ctx context.Context, userID int64) ([]*Token, error)
	// RevokeToken revokes a token (its owner or an administrator), and
	// the tokens made with it, their children too; ENOTFOUND when not
	// visible.
	RevokeToken(ctx context.Context, id int64) error
	// AuthenticateToken returns a valid, unrevoked token and its user, or
	// EUNAUTHORIZED. It needs no actor.
	AuthenticateToken(ctx context.Context, plain string) (*Token, *User, error)
}

// Session is a signed-in browser session. Only a hash of its cookie value
// is stored.
type Session struct {
	ID        int64     `json:"-"`
	UserID    int64     `json:"user_id"`
	CSRFKey   string    `json:"-"` // per-session secret for CSRF tokens
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	// Factor is how far the session has gone with the second factor.
	Factor SessionFactor `json:"-"`
}

// SessionIdleTimeout ends a browser session that has not been used for
// this long; a session also ends at its ExpiresAt, however much it is used
// (README, "Who sees what").
const SessionIdleTimeout = 30 * time.Minute

// SessionService stores browser sessions so that several server processes
// behind a load balancer share them.
type SessionService interface {
	// CreateSession starts a session for userID lasting ttl and returns it
	// with the cookie value.
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (*Session, string, error)
	// FindSession returns the session and its user for a cookie value, or
	// EUNAUTHORIZED when unknown, expired or the user is disabled.
	FindSession(ctx context.Context, cookie string) (*Session, *User, error)
	// DeleteSession ends a session; unknown values are ignored.
	DeleteSession(ctx context.Context, cookie string) error
}

// IsSystem reports whether u is the operator of the command line
// (SystemActor): no stored user, acting with the machine's access to the
// store.
func (u *User) IsSystem() bool { return u != nil && u.ID == 0 && u.Role == RoleAdministrator }

// CanCreateTokenFor reports whether u may create an API token that acts as
// the user userID: only for themself. Nobody obtains a credential that
// acts as someone else, administrators included; only the command line,
// which needs the machine's access to the store, makes a user's first
// token (README, "Who sees what").
func CanCreateTokenFor(u *User, userID int64) bool {
	return u != nil && (u.ID == userID && userID != 0 || u.IsSystem())
}

// CanRevokeToken reports whether u may revoke a token of the user ownerID:
// its owner, or an administrator.
func CanRevokeToken(u *User, ownerID int64) bool {
	return u != nil && (u.ID == ownerID || u.IsAdmin())
}
