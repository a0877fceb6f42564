package sqldb

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"crosscase"
)

// totpPeriod is the TOTP time step; codes of the step before and after the
// current one are accepted too, for clocks a little off.
const totpPeriod = 30

// enrolmentReuse is how long a secret not yet confirmed is offered again
// (so that a code typed wrong does not undo what the app has stored).
const enrolmentReuse = time.Hour

var errBadCode = crosscase.FieldErrorf("code", "That code is not right: type the 6 digits your app shows now, or a recovery code.")

// errUsedCode refuses a right code of the app given before (each step's
// code is taken once); at sign-in it is crosscase.ErrCodeUsed.
var errUsedCode = crosscase.FieldErrorf("code", "That code has been used already: wait for the next one your app shows, or type a recovery code.")

// normaliseCode drops spaces and dashes and folds to lower case.
func normaliseCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t':
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, code)
}

// isTOTPCode reports whether code (normalised) looks like a TOTP code.
func isTOTPCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// totpStep returns the time step, after last, whose code code is at now
// (now's step or one either side), or 0.
func totpStep(secret, code string, now time.Time, last int64) int64 {
	cur := now.Unix() / totpPeriod
	var found int64
	for step := cur - 1; step <= cur+1; step++ {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
		})
		if err != nil {
			return 0
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && step > last && found == 0 {
			found = step
		}
	}
	return found
}

// newRecoveryCode returns a random code of 10 base32 letters and digits
// (50 bits), written xxxxx-xxxxx.
func newRecoveryCode() string {
	s := strings.ToLower(base32.StdEncoding.EncodeToString(randomBytes(10)))[:10]
	return s[:5] + "-" + s[5:]
}

// SecondFactorEnabled implements crosscase.SecondFactorService.
func (d *DB) SecondFactorEnabled(ctx context.Context, userID int64) (bool, error) {
	var enabled int
	err := d.rdb.QueryRowContext(ctx, d.rebind(`SELECT enabled FROM second_factors WHERE user_id = ?`), userID).Scan(&enabled)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return enabled != 0, translate(err)
}

// BeginSecondFactor implements crosscase.SecondFactorService.
func (d *DB) BeginSecondFactor(ctx context.Context) (*crosscase.SecondFactorEnrolment, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var secret string
	err = d.withTx(ctx, func(tx *Tx) error {
		var enabled int
		var created int64
		err := tx.queryRow(ctx, `SELECT secret, enabled, created_at FROM second_factors WHERE user_id = ?`, u.ID).Scan(&secret, &enabled, &created)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return translate(err)
		case enabled != 0:
			return crosscase.Errorf(crosscase.ECONFLICT, "Two-step sign-in is already on for this account.")
		case tx.now.Sub(fromMicros(created)) < enrolmentReuse:
			return nil // offer the same secret again
		}
		key, err := totp.Generate(totp.GenerateOpts{Issuer: "crosscase", AccountName: u.Name, Period: totpPeriod,
			Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			return err
		}
		secret = key.Secret()
		if _, err := tx.exec(ctx, `DELETE FROM second_factors WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO second_factors (user_id, secret, enabled, last_step, created_at) VALUES (?, ?, 0, 0, ?)`,
			u.ID, secret, micros(tx.now))
		return err
	})
	if err != nil {
		return nil, err
	}
	return &crosscase.SecondFactorEnrolment{Secret: secret, URI: otpauthURI(u.Name, secret)}, nil
}

// otpauthURI is the key URI authenticator apps read: otpauth://totp/…
func otpauthURI(account, secret string) string {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", "crosscase")
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/crosscase:" + account, RawQuery: v.Encode()}
	return u.String()
}

// ConfirmSecondFactor implements crosscase.SecondFactorService.
func (d *DB) ConfirmSecondFactor(ctx context.Context, code string) ([]string, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var codes []string
	err = d.withTx(ctx, func(tx *Tx) error {
		var secret string
		var enabled int
		err := tx.queryRow(ctx, `SELECT secret, enabled FROM second_factors WHERE user_id = ?`, u.ID).Scan(&secret, &enabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return crosscase.Errorf(crosscase.ECONFLICT, "Begin setting up two-step sign-in first.")
		case err != nil:
			return translate(err)
		case enabled != 0:
			return crosscase.Errorf(crosscase.ECONFLICT, "Two-step sign-in is already on for this account.")
		}
		c := normaliseCode(code)
		step := int64(0)
		if isTOTPCode(c) {
			step = totpStep(secret, c, tx.now, 0)
		}
		if step == 0 {
			return crosscase.FieldErrorf("code", "That code is not right: type the 6 digits your app shows now.")
		}
		if _, err := tx.exec(ctx, `UPDATE second_factors SET enabled = 1, last_step = ? WHERE user_id = ?`, step, u.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM second_factor_recovery_codes WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		for range crosscase.RecoveryCodeCount {
			rc := newRecoveryCode()
			if _, err := tx.exec(ctx, `INSERT INTO second_factor_recovery_codes (user_id, hash, used_at) VALUES (?, ?, 0)`,
				u.ID, secretHash(normaliseCode(rc))); err != nil {
				return err
			}
			codes = append(codes, rc)
		}
		// The user's own second factor: whoever reset it no longer holds it.
		if _, err := tx.exec(ctx, `UPDATE users SET second_factor_reset_by = 0 WHERE id = ?`, u.ID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "user", u.ID, 0, "second factor on")
		return nil
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// useCode accepts a current TOTP code of userID's enabled second factor
// not used before, remembering its step, or an unused recovery code,
// using it up. It returns errBadCode otherwise.
func (tx *Tx) useCode(ctx context.Context, userID int64, code string) (recovery bool, err error) {
	var secret string
	var last int64
	err = tx.queryRow(ctx, `SELECT secret, last_step FROM second_factors WHERE user_id = ? AND enabled = 1`, userID).Scan(&secret, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return false, errBadCode
	} else if err != nil {
		return false, translate(err)
	}
	c := normaliseCode(code)
	if isTOTPCode(c) {
		step := totpStep(secret, c, tx.now, last)
		if step == 0 && totpStep(secret, c, tx.now, -1) != 0 {
			return false, errUsedCode // right, but given before
		} else if step == 0 {
			return false, errBadCode
		}
		// Conditional, so that two processes cannot both accept one code.
		res, err := tx.exec(ctx, `UPDATE second_factors SET last_step = ? WHERE user_id = ? AND last_step < ?`, step, userID, step)
		if err != nil {
			return false, err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return false, errUsedCode // by another request at once
		}
		return false, nil
	}
	if c == "" || len(c) > 64 {
		return false, errBadCode
	}
	res, err := tx.exec(ctx, `UPDATE second_factor_recovery_codes SET used_at = ? WHERE user_id = ? AND hash = ? AND used_at = 0`,
		micros(tx.now), userID, secretHash(c))
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, errBadCode
	}
	return true, nil
}

// VerifySecondFactor implements crosscase.SecondFactorService.
func (d *DB) VerifySecondFactor(ctx context.Context, userID int64, code string) (recovery bool, err error) {
	err = d.withTx(ctx, func(tx *Tx) error {
		recovery, err = tx.useCode(ctx, userID, code)
		return err
	})
	if errors.Is(err, errBadCode) {
		return false, crosscase.Errorf(crosscase.EUNAUTHORIZED, "That code is not right.")
	} else if errors.Is(err, errUsedCode) {
		return false, crosscase.ErrCodeUsed
	}
	return recovery, err
}

// DisableSecondFactor implements crosscase.SecondFactorService.
func (d *DB) DisableSecondFactor(ctx context.Context, code string) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.useCode(ctx, u.ID, code); err != nil {
			return err
		}
		if err := tx.removeSecondFactor(ctx, u.ID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "user", u.ID, 0, "second factor off")
		return nil
	})
}

// ResetSecondFactor implements crosscase.SecondFactorService. The user's
// sessions still waiting for a code end.
func (d *DB) ResetSecondFactor(ctx context.Context, userID int64) error {
	admin, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		u, err := tx.userByID(ctx, userID)
		if err != nil {
			return err
		}
		var enabled int
		err = tx.queryRow(ctx, `SELECT enabled FROM second_factors WHERE user_id = ?`, userID).Scan(&enabled)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return translate(err)
		}
		if err := crosscase.CanResetSecondFactor(admin, u, enabled != 0); err != nil {
			return err
		}
		if err := tx.removeSecondFactor(ctx, userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET second_factor_reset_by = ? WHERE id = ?`, admin.ID, userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND second_factor = ?`, userID, int(crosscase.SessionFactorPending)); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "user", userID, 0, "second factor reset owner="+u.Name)
		return nil
	})
}

func (tx *Tx) removeSecondFactor(ctx context.Context, userID int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM second_factor_recovery_codes WHERE user_id = ?`, userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM passkeys WHERE user_id = ?`, userID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM second_factors WHERE user_id = ?`, userID)
	return err
}

// SetSessionFactor implements crosscase.SecondFactorService.
func (d *DB) SetSessionFactor(ctx context.Context, sessionID int64, state crosscase.SessionFactor) error {
	res, err := d.db.ExecContext(ctx, d.rebind(`UPDATE sessions SET second_factor = ? WHERE id = ?`), int(state), sessionID)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return crosscase.Errorf(crosscase.EUNAUTHORIZED, "Your session has ended. Please sign in again.")
	}
	return nil
}
