package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"crosscase"
	"crosscase/locale"
)

// Argon2id parameters: the OWASP recommendation of 2024 (19 MiB, two
// passes, one lane), about 30 ms per hash on the servers we run on.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// hashPassword returns the PHC-format argon2id hash of pw.
func hashPassword(pw string) string {
	salt := randomBytes(16)
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key))
}

// checkPassword reports whether pw matches the PHC-format hash.
func checkPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when a login name is unknown, so that the
// answer takes as long as for a known name.
var dummyHash = hashPassword("crosscase-timing-equaliser")

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return b
}

// secretHash is how tokens and session cookies are stored: SHA-256 of a
// 256-bit random value needs no salt or stretching.
func secretHash(plain string) string {
	h := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(h[:])
}

func checkPasswordPolicy(pw string) error {
	if utf8.RuneCountInString(pw) < crosscase.MinPasswordLength {
		return crosscase.FieldErrorf("password", "A password has at least %d characters.", crosscase.MinPasswordLength)
	}
	if len(pw) > 1024 || !utf8.ValidString(pw) {
		return crosscase.FieldErrorf("password", "A password is valid UTF-8 of at most 1024 bytes.")
	}
	return nil
}

const userColumns = `u.id, u.name, u.display_name, COALESCE(u.desk_id, 0), COALESCE(d.country_code, ''), u.role, u.disabled, u.must_change_password, u.version, u.created_at, u.country_code, u.language, u.password_reset_by, u.second_factor_reset_by, u.desk_pending_by`
const userFrom = ` FROM users u LEFT JOIN desks d ON d.id = u.desk_id`

func scanUser(s scanner, extra ...any) (*crosscase.User, error) {
	u := &crosscase.User{}
	var role string
	var disabled, mustChange int
	var created int64
	dest := append([]any{&u.ID, &u.Name, &u.DisplayName, &u.DeskID, &u.DeskCountry, &role, &disabled, &mustChange, &u.Version, &created, &u.CountryCode, &u.Language, &u.PasswordResetBy, &u.SecondFactorResetBy, &u.DeskPendingBy}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	u.Role, u.Disabled, u.MustChangePassword, u.CreatedAt = crosscase.Role(role), disabled != 0, mustChange != 0, fromMicros(created)
	return u, nil
}

// requireSelfOrAdmin lets a user act on their own account, administrators
// on any.
func requireSelfOrAdmin(ctx context.Context, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if u.IsAdmin() || u.ID == id {
		return nil
	}
	return notFound("User")
}

// FindUserByID returns ENOTFOUND when missing or not the caller's to see.
func (d *DB) FindUserByID(ctx context.Context, id int64) (*crosscase.User, error) {
	if err := requireSelfOrAdmin(ctx, id); err != nil {
		return nil, err
	}
	return d.findUser(ctx, `u.id = ?`, id)
}

// FindUserByName returns ENOTFOUND when missing or not the caller's to see.
func (d *DB) FindUserByName(ctx context.Context, name string) (*crosscase.User, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if !u.IsAdmin() && u.Name != name {
		return nil, notFound("User")
	}
	return d.findUser(ctx, `u.name = ?`, name)
}

func (d *DB) findUser(ctx context.Context, where string, arg any) (*crosscase.User, error) {
	var u *crosscase.User
	err := d.read(ctx, func(tx *Tx) (err error) {
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+userFrom+` WHERE `+where, arg))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("User")
		}
		return err
	})
	return u, err
}

// ListUsers returns every user by name; administrators only.
func (d *DB) ListUsers(ctx context.Context) ([]*crosscase.User, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	return d.findUsers(ctx, ``)
}

// findUsers reads the users that where (a condition on users u, with
// args) selects, by name.
func (d *DB) findUsers(ctx context.Context, where string, args ...any) ([]*crosscase.User, error) {
	var out []*crosscase.User
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+userColumns+userFrom+where+` ORDER BY u.name`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// CreateUser adds a user; administrators only. EINVALID names the bad
// field, ECONFLICT (field name) for a taken login name.
func (d *DB) CreateUser(ctx context.Context, u *crosscase.User, password string) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if err := checkPasswordPolicy(password); err != nil {
		return err
	}
	hash := hashPassword(password)
	return d.withTx(ctx, func(tx *Tx) error {
		desk, err := tx.userDesk(ctx, u)
		if err != nil {
			return err
		}
		if err := tx.checkUserCountry(ctx, u); err != nil {
			return err
		}
		now := micros(tx.now)
		u.DeskPendingBy = deskPendingBy(ctx, nil, u, false)
		id, err := tx.insert(ctx, `INSERT INTO users (name, display_name, desk_id, role, disabled, must_change_password, password_hash, version, created_at, country_code, desk_pending_by) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
			u.Name, u.DisplayName, desk, string(u.Role), boolInt(u.Disabled), boolInt(u.MustChangePassword), hash, now, u.CountryCode, u.DeskPendingBy)
		if crosscase.ErrorCode(err) == crosscase.ECONFLICT {
			err := crosscase.Errorf(crosscase.ECONFLICT, "The login name %s is taken.", u.Name)
			err.Field = "name"
			return err
		} else if err != nil {
			return err
		}
		u.ID, u.Version, u.CreatedAt = id, 1, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "user", id, 0, "role="+string(u.Role))
		return nil
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// UpdateUser changes a user; administrators only, ECONFLICT on a stale
// version. Disabling a user ends their sessions and tokens at once.
func (d *DB) UpdateUser(ctx context.Context, id int64, upd crosscase.UserUpdate) (*crosscase.User, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	var u *crosscase.User
	var refused error // the rule's refusal, audited
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if u, err = tx.userByID(ctx, id); err != nil {
			return err
		}
		if u.Version != upd.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The user was changed by someone else. Reload and apply your change again.")
		}
		others, err := tx.otherActiveAdmins(ctx, u)
		if err != nil {
			return err
		}
		if err := crosscase.CanUpdateUser(crosscase.UserFromContext(ctx), u, upd, others); err != nil {
			refused = err
			return err
		}
		before := *u
		if upd.DisplayName != nil {
			u.DisplayName = *upd.DisplayName
		}
		if upd.Role != nil {
			u.Role = *upd.Role
		}
		if upd.DeskID != nil {
			u.DeskID = *upd.DeskID
		}
		if upd.Disabled != nil {
			u.Disabled = *upd.Disabled
		}
		if upd.CountryCode != nil {
			u.CountryCode = *upd.CountryCode
		} else if !u.Role.JITOnly() {
			u.CountryCode = "" // only JIT-only accounts have a country of their own
		}
		if err := u.Validate(); err != nil {
			return err
		}
		if len(crosscase.ChangedUserFields(&before, u)) == 0 {
			*u = before // nothing to change: nothing written, the version kept
			return nil
		}
		u.DeskCountry = ""
		desk, err := tx.userDesk(ctx, u)
		if err != nil {
			return err
		}
		if err := tx.checkUserCountry(ctx, u); err != nil {
			return err
		}
		if by := deskPendingBy(ctx, &before, u, false); by != 0 {
			u.DeskPendingBy = by
		} else if !u.Role.SeesCaseContent() || u.DeskID == 0 {
			u.DeskPendingBy = 0 // nothing left to confirm
		}
		if _, err := tx.exec(ctx, `UPDATE users SET display_name = ?, role = ?, desk_id = ?, disabled = ?, country_code = ?, desk_pending_by = ?, version = version + 1 WHERE id = ?`,
			u.DisplayName, string(u.Role), desk, boolInt(u.Disabled), u.CountryCode, u.DeskPendingBy, id); err != nil {
			return err
		}
		if u.Disabled {
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		u.Version++
		tx.audit(ctx, crosscase.ActionUpdate, "user", id, 0, "role="+string(u.Role))
		return nil
	})
	if refused != nil {
		d.recordRefusalNoting(ctx, refused, "user", id, 0, fmt.Sprintf("owner_id=%d", id))
	}
	return u, err
}

// adminLockKey serialises, on PostgreSQL, the changes to administrators'
// accounts, so that two administrators disabling each other at once do not
// both find the other still active (crosscase.CanUpdateUser); SQLite's
// write lock, taken at BEGIN, already does.
const adminLockKey = 7291007

// otherActiveAdmins counts the enabled administrators' accounts other
// than u's, when u is one (0 otherwise: the count matters only for the
// last active administrator).
func (tx *Tx) otherActiveAdmins(ctx context.Context, u *crosscase.User) (int, error) {
	if !u.IsAdmin() || u.Disabled {
		return 0, nil
	}
	if tx.db.dialect == Postgres {
		if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, adminLockKey); err != nil {
			return 0, err
		}
	}
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0 AND id <> ?`, string(crosscase.RoleAdministrator), u.ID).Scan(&n)
	return n, err
}

// SetPassword sets a new password for the user themself, which clears
// MustChangePassword and ends their other sessions, or, for an administrator, another user
// (crosscase.CanResetPassword), who must then change it at their next
// sign-in and whose sessions end.
func (d *DB) SetPassword(ctx context.Context, id int64, password string) error {
	if err := checkPasswordPolicy(password); err != nil {
		return err
	}
	return d.setPassword(ctx, id, password)
}

// ResetPassword implements crosscase.UserService.
func (d *DB) ResetPassword(ctx context.Context, id int64) (string, error) {
	caller, err := requireUser(ctx)
	if err != nil {
		return "", err
	}
	if caller.ID == id {
		return "", crosscase.CanResetPassword(caller, caller) // refused: one's own is changed with the current one
	}
	if err := requireAdmin(ctx); err != nil {
		return "", err
	}
	password := rand.Text() // 26 characters, 130 bits
	if err := d.setPassword(ctx, id, password); err != nil {
		return "", err
	}
	return password, nil
}

// setPassword is SetPassword without the policy check.
func (d *DB) setPassword(ctx context.Context, id int64, password string) error {
	caller, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if caller.ID != id && !caller.IsAdmin() {
		return notFound("User")
	}
	hash := hashPassword(password)
	return d.withTx(ctx, func(tx *Tx) error {
		if caller.ID == id {
			// The user's own choice: whoever reset it no longer holds it,
			// nor any session opened with the old password (one an
			// administrator opened with a one-time password included),
			// but the one the change is made in.
			_, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = 0, password_reset_by = 0 WHERE id = ?`, hash, id)
			if err != nil {
				return err
			}
			var current int64
			if a := crosscase.ActorFromContext(ctx); a != nil {
				current = a.SessionID
			}
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND id <> ?`, id, current); err != nil {
				return err
			}
			tx.audit(ctx, crosscase.ActionUpdate, "user", id, 0, "password")
			return nil
		}
		u, err := tx.userByID(ctx, id)
		if err != nil {
			return err
		}
		if err := crosscase.CanResetPassword(caller, u); err != nil {
			return err
		}
		var twoStep int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM second_factors WHERE user_id = ? AND enabled <> 0`, id).Scan(&twoStep); err != nil {
			return err
		}
		pending := u.DeskPendingBy
		if by := deskPendingBy(ctx, u, u, twoStep == 0); by != 0 {
			pending = by
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = 1, password_reset_by = ?, desk_pending_by = ? WHERE id = ?`, hash, caller.ID, pending, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "user", id, 0, "password reset owner="+u.Name)
		return nil
	})
}

// userByID reads user id in tx, or ENOTFOUND.
func (tx *Tx) userByID(ctx context.Context, id int64) (*crosscase.User, error) {
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+userFrom+` WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("User")
	}
	return u, translate(err)
}

// SetLanguage implements crosscase.UserService.
func (d *DB) SetLanguage(ctx context.Context, language string) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if language != "" && !locale.Supported(language) {
		return crosscase.FieldErrorf("language", "%q is not a language of the interface.", crosscase.Clip(language))
	}
	return d.withTx(ctx, func(tx *Tx) error {
		var stored string
		if err := tx.queryRow(ctx, `SELECT language FROM users WHERE id = ?`, u.ID).Scan(&stored); err != nil {
			return err
		}
		if stored == language {
			return nil // nothing to change, nothing audited (README, JSON API)
		}
		if _, err := tx.exec(ctx, `UPDATE users SET language = ? WHERE id = ?`, language, u.ID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "user", u.ID, 0, "language="+language)
		return nil
	})
}

// Authenticate returns the user with name and password, or EUNAUTHORIZED
// (also for disabled users), taking as long for unknown names.
func (d *DB) Authenticate(ctx context.Context, name, password string) (*crosscase.User, error) {
	var u *crosscase.User
	var hash string
	err := d.read(ctx, func(tx *Tx) (err error) {
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+`, u.password_hash`+userFrom+` WHERE u.name = ?`, name), &hash)
		return err
	})
	bad := crosscase.Errorf(crosscase.EUNAUTHORIZED, "Wrong login name or password.")
	if errors.Is(err, sql.ErrNoRows) {
		checkPassword(dummyHash, password)
		return nil, bad
	} else if err != nil {
		return nil, err
	}
	if !checkPassword(hash, password) || u.Disabled {
		return nil, bad
	}
	return u, nil
}

// CountUsers returns how many users exist; it needs no actor.
func (d *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, translate(err)
}

// LoginNameExists implements crosscase.UserService.
func (d *DB) LoginNameExists(ctx context.Context, name string) (bool, error) {
	_, ok, err := d.loginNameID(ctx, name)
	return ok, err
}

// loginNameID returns the id of the account whose login name is name as
// typed at sign-in (trimmed, folded to lower case), and whether there is
// one.
func (d *DB) loginNameID(ctx context.Context, name string) (int64, bool, error) {
	var id int64
	err := d.rdb.QueryRowContext(ctx, d.rebind(`SELECT id FROM users WHERE name = ?`), strings.ToLower(strings.TrimSpace(name))).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	} else if err != nil {
		return 0, false, translate(err)
	}
	return id, true, nil
}

// tokenPrefix starts every API token, so that leaked tokens are easy to
// recognise in logs and by secret scanners.
const tokenPrefix = "cct_"

// CreateToken makes an API token for userID, who must be the caller
// (crosscase.CanCreateTokenFor), and returns it with its plain text, which
// is not stored. Audited naming whose token it is.
func (d *DB) CreateToken(ctx context.Context, userID int64, label string) (*crosscase.Token, string, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, "", err
	}
	if !crosscase.CanCreateTokenFor(u, userID) {
		err := crosscase.Errorf(crosscase.EFORBIDDEN, "An API token acts as the user it belongs to, so only that user makes it, from their Account page; an administrator may revoke it.")
		d.recordRefusalNoting(ctx, err, "token", 0, 0, fmt.Sprintf("owner_id=%d", userID))
		return nil, "", err
	}
	if err := crosscase.CheckText("label", label, 100, false); err != nil {
		return nil, "", err
	}
	plain := tokenPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	t := &crosscase.Token{UserID: userID, Label: label, Prefix: plain[:len(tokenPrefix)+6]}
	if a := crosscase.ActorFromContext(ctx); a != nil {
		t.ParentID = a.TokenID // a token made with a token is revoked with it
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		var name string
		if err := tx.queryRow(ctx, `SELECT name FROM users WHERE id = ?`, userID).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return notFound("User")
		} else if err != nil {
			return err
		}
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO tokens (user_id, label, prefix, hash, created_at, parent_id) VALUES (?, ?, ?, ?, ?, ?)`, userID, label, t.Prefix, secretHash(plain), now, sql.NullInt64{Int64: t.ParentID, Valid: t.ParentID != 0})
		if err != nil {
			return err
		}
		t.ID, t.CreatedAt = id, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "token", id, 0, tokenOwnerDetail(userID, name, t.ParentID))
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return t, plain, nil
}

// tokenOwnerDetail names, in an audit entry, whose token it is, and the
// token it was made with, if any.
func tokenOwnerDetail(userID int64, name string, parentID int64) string {
	if parentID != 0 {
		return fmt.Sprintf("owner_id=%d owner=%s parent_token=%d", userID, name, parentID)
	}
	return fmt.Sprintf("owner_id=%d owner=%s", userID, name)
}

// ListTokens returns userID's tokens (themself or an administrator).
func (d *DB) ListTokens(ctx context.Context, userID int64) ([]*crosscase.Token, error) {
	if err := requireSelfOrAdmin(ctx, userID); err != nil {
		return nil, err
	}
	var out []*crosscase.Token
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+tokenColumns+` FROM tokens t WHERE t.user_id = ? ORDER BY t.id DESC`, userID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tr tokenRow
			if err := rows.Scan(tr.dest()...); err != nil {
				return err
			}
			out = append(out, tr.token())
		}
		return rows.Err()
	})
	return out, err
}

// tokenColumns are the columns of a token (table alias t) that tokenRow
// receives, in its order.
const tokenColumns = `t.id, t.user_id, t.label, t.prefix, t.created_at, t.last_used_at, t.revoked_at, t.parent_id`

// tokenRow receives tokenColumns.
type tokenRow struct {
	t                     crosscase.Token
	created               int64
	used, revoked, parent sql.NullInt64
}

func (r *tokenRow) dest() []any {
	return []any{&r.t.ID, &r.t.UserID, &r.t.Label, &r.t.Prefix, &r.created, &r.used, &r.revoked, &r.parent}
}

// token returns the token read.
func (r *tokenRow) token() *crosscase.Token {
	t := r.t
	t.CreatedAt, t.ParentID = fromMicros(r.created), r.parent.Int64
	if r.used.Valid {
		at := fromMicros(r.used.Int64)
		t.LastUsedAt = &at
	}
	if r.revoked.Valid {
		at := fromMicros(r.revoked.Int64)
		t.RevokedAt = &at
	}
	return &t
}

// RevokeToken revokes a token of the caller (or any, for an
// administrator: crosscase.CanRevokeToken); ENOTFOUND when not theirs.
// Revoking a revoked token changes nothing and records nothing more.
func (d *DB) RevokeToken(ctx context.Context, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		var owner int64
		var name string
		if err := tx.queryRow(ctx, `SELECT t.user_id, u.name FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`, id).Scan(&owner, &name); errors.Is(err, sql.ErrNoRows) {
			return notFound("Token")
		} else if err != nil {
			return err
		}
		if !crosscase.CanRevokeToken(u, owner) {
			return notFound("Token")
		}
		// The token and those made with it, theirs in turn: each revoked
		// once, the ones revoked before (and theirs, revoked with them)
		// left as they are.
		rows, err := tx.query(ctx, `WITH RECURSIVE family (id) AS (
				SELECT id FROM tokens WHERE id = ? AND revoked_at IS NULL
				UNION SELECT t.id FROM tokens t JOIN family f ON t.parent_id = f.id WHERE t.revoked_at IS NULL)
			SELECT t.id, t.user_id, u.name, t.parent_id FROM family f JOIN tokens t ON t.id = f.id JOIN users u ON u.id = t.user_id ORDER BY t.id`, id)
		if err != nil {
			return err
		}
		type revoked struct {
			id, owner int64
			name      string
			parent    sql.NullInt64
		}
		var family []revoked
		for rows.Next() {
			var r revoked
			if err := rows.Scan(&r.id, &r.owner, &r.name, &r.parent); err != nil {
				rows.Close()
				return err
			}
			family = append(family, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range family {
			if _, err := tx.exec(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, micros(tx.now), r.id); err != nil {
				return err
			}
			tx.audit(ctx, crosscase.ActionRevoke, "token", r.id, 0, tokenOwnerDetail(r.owner, r.name, r.parent.Int64))
		}
		return nil
	})
}

// AuthenticateToken returns a valid, unrevoked token and its user, or
// EUNAUTHORIZED. Its last use is recorded at most once a minute.
func (d *DB) AuthenticateToken(ctx context.Context, plain string) (*crosscase.Token, *crosscase.User, error) {
	bad := crosscase.Errorf(crosscase.EUNAUTHORIZED, "The API token is unknown or revoked.")
	if !strings.HasPrefix(plain, tokenPrefix) || len(plain) > 100 {
		return nil, nil, bad
	}
	var tr tokenRow
	u, err := scanUser(d.rdb.QueryRowContext(ctx, d.rebind(`SELECT `+userColumns+`, `+tokenColumns+userFrom+` JOIN tokens t ON t.user_id = u.id WHERE t.hash = ? AND t.revoked_at IS NULL`), secretHash(plain)), tr.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, bad
	} else if err != nil {
		return nil, nil, translate(err)
	}
	if u.Disabled {
		return nil, nil, bad
	}
	now := d.Now()
	if !tr.used.Valid || now.Sub(fromMicros(tr.used.Int64)) > time.Minute {
		d.db.ExecContext(ctx, d.rebind(`UPDATE tokens SET last_used_at = ? WHERE id = ?`), micros(now), tr.t.ID)
		tr.used = sql.NullInt64{Int64: micros(now), Valid: true}
	}
	return tr.token(), u, nil
}

// checkUserCountry refuses a JIT-only account's country that is not a
// known country (EINVALID country_code).
func (tx *Tx) checkUserCountry(ctx context.Context, u *crosscase.User) error {
	if u.CountryCode == "" {
		return nil
	}
	if _, err := tx.findCountry(ctx, u.CountryCode); crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		return crosscase.FieldErrorf("country_code", "Unknown country %q.", u.CountryCode)
	} else if err != nil {
		return err
	}
	return nil
}

// userDesk reads u's desk, fills u.DeskCountry and applies
// crosscase.RoleFitsDesk. It returns the desk id for the users row (nil
// for none).
func (tx *Tx) userDesk(ctx context.Context, u *crosscase.User) (any, error) {
	if u.DeskID == 0 {
		return nil, nil
	}
	var kind string
	if err := tx.queryRow(ctx, `SELECT country_code, kind FROM desks WHERE id = ?`, u.DeskID).Scan(&u.DeskCountry, &kind); errors.Is(err, sql.ErrNoRows) {
		return nil, crosscase.FieldErrorf("desk_id", "Desk %d does not exist.", u.DeskID)
	} else if err != nil {
		return nil, err
	}
	if err := crosscase.RoleFitsDesk(u.Role, crosscase.DeskKind(kind)); err != nil {
		return nil, err
	}
	return u.DeskID, nil
}

// deskPendingBy is the administrator whose change from before to u waits
// for a second person's confirmation (crosscase.WaitsForDeskConfirmation),
// or 0: the command-line operator's changes do not wait.
func deskPendingBy(ctx context.Context, before, u *crosscase.User, credential bool) int64 {
	caller := crosscase.UserFromContext(ctx)
	if isSystem(ctx) || caller == nil || !crosscase.WaitsForDeskConfirmation(before, u, credential) {
		return 0
	}
	return caller.ID
}

// ConfirmDesk implements crosscase.UserService.
func (d *DB) ConfirmDesk(ctx context.Context, id int64) (*crosscase.User, error) {
	caller, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var u *crosscase.User
	var refused error // the rule's refusal, audited
	err = d.withTx(ctx, func(tx *Tx) (err error) {
		if u, err = tx.userByID(ctx, id); err != nil {
			return err
		}
		if !caller.IsAdmin() && (u.DeskID != caller.DeskID || u.DeskID == 0) {
			return notFound("User") // another desk's accounts are not the caller's to know
		}
		if err := crosscase.CanConfirmDesk(caller, u); err != nil {
			refused = err
			return err
		}
		placedBy := "—"
		if p, err := tx.userByID(ctx, u.DeskPendingBy); err == nil {
			placedBy = p.DisplayName
		} else if crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET desk_pending_by = 0, version = version + 1 WHERE id = ?`, id); err != nil {
			return err
		}
		u.DeskPendingBy = 0
		u.Version++
		tx.audit(ctx, crosscase.ActionUpdate, "user", id, 0, "desk confirmed owner="+u.Name)
		// The desk is told of every newcomer, and by whom: two people
		// opened its cases to them.
		return tx.notifyDesks(ctx, []int64{u.DeskID}, crosscase.Notification{Kind: crosscase.NotifyDeskJoined, ObjectType: "user", ObjectID: id}.
			Saying(crosscase.SubjectDeskJoined, u.DisplayName, placedBy, caller.DisplayName))
	})
	if refused != nil {
		d.recordRefusalNoting(ctx, refused, "user", id, 0, fmt.Sprintf("owner_id=%d", id))
	}
	return u, err
}

// DeskConfirmations implements crosscase.UserService: every account
// waiting on the caller's desk (or any, for an administrator) but the
// caller's own; crosscase.CanConfirmDesk says which they may confirm now.
func (d *DB) DeskConfirmations(ctx context.Context) ([]*crosscase.User, error) {
	caller, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	desk, ok := crosscase.ConfirmsDeskPlaces(caller)
	if !ok {
		return nil, nil
	}
	where, args := ` WHERE u.desk_pending_by <> 0 AND u.disabled = 0 AND u.id <> ?`, []any{caller.ID}
	if desk != 0 {
		where, args = where+` AND u.desk_id = ?`, append(args, desk)
	}
	return d.findUsers(ctx, where, args...)
}
