package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"crosscase"
)

// sweepLockKey is the PostgreSQL advisory lock that lets one sweep of
// missed deadlines run at a time across processes.
const sweepLockKey = 7291006

// calendarTokenPrefix starts every calendar feed token.
const calendarTokenPrefix = "ccal_"

// hourClock reports whether k is one of the 48-hour clocks (the only
// clocks of freezing certificates that have deadline rows).
func hourClock(k crosscase.ClockKind) bool {
	return k == crosscase.ClockFreezingDecision || k == crosscase.ClockFreezingExecution
}

// findDeadlines reads one list of the deadlines view of desk country cc
// for user u: running clocks due in [from, to) (from 0: no lower bound),
// soonest first, at most limit+1 rows. Need to know is the case's:
// visibleCasePredicate probes each row, so a desk sees only deadlines of
// cases it may see even when it is party to the instrument.
//
// With recentFirst the latest due come first: the overdue list shows the
// limits missed most recently (still actionable) before stale ones.
func (tx *Tx) findDeadlines(ctx context.Context, u *crosscase.User, cc string, typ crosscase.InstrumentType, from, to int64, limit int, recentFirst bool) ([]*crosscase.Deadline, error) {
	where := []string{"dl.party_country = ?"}
	args := []any{cc}
	if typ != "" {
		where = append(where, "dl.itype = ?")
		args = append(args, string(typ))
	}
	if from != 0 {
		where = append(where, "dl.due_at >= ?")
		args = append(args, from)
	}
	where = append(where, "dl.due_at < ?")
	args = append(args, to)
	pred, predArgs := visibleCasePredicate(u, tx.today())
	where = append(where, pred)
	args = append(args, predArgs...)
	args = append(args, limit+1)
	order := ` ORDER BY dl.due_at, dl.instrument_id`
	if recentFirst {
		order = ` ORDER BY dl.due_at DESC, dl.instrument_id DESC`
	}
	rows, err := tx.query(ctx, `SELECT dl.instrument_id, dl.case_id, c.reference, dl.itype, i.reference, i.issuing_country, i.executing_country, dl.clock, dl.due_at, dl.missed
		FROM instrument_deadlines dl JOIN cases c ON c.id = dl.case_id JOIN instruments i ON i.id = dl.instrument_id
		WHERE `+strings.Join(where, " AND ")+order+` LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*crosscase.Deadline{}
	for rows.Next() {
		dl := &crosscase.Deadline{}
		var due int64
		var missed int
		if err := rows.Scan(&dl.InstrumentID, &dl.CaseID, &dl.CaseReference, &dl.Type, &dl.Reference, &dl.IssuingCountry, &dl.ExecutingCountry, &dl.Clock, &due, &missed); err != nil {
			return nil, err
		}
		dl.DueAt, dl.Missed = fromMicros(due), missed != 0
		dl.Label = crosscase.ClockLabel(dl.Clock)
		dl.Hours = hourClock(dl.Clock)
		if dl.Hours {
			dl.Due = crosscase.DateOf(dl.DueAt)
		} else {
			dl.Due = crosscase.DateOf(dl.DueAt).AddDays(-1) // the last day of a day clock
		}
		dl.Overdue = tx.now.After(dl.DueAt) // now == DueAt is not yet overdue (crosscase.Clocks)
		out = append(out, dl)
	}
	return out, rows.Err()
}

// deskCountry returns the country of u's desk, read from the store.
func (tx *Tx) deskCountry(ctx context.Context, u *crosscase.User) (string, error) {
	var cc string
	err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, u.DeskID).Scan(&cc)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return cc, translate(err)
}

// FindDeadlines implements crosscase.InstrumentService.
func (d *DB) FindDeadlines(ctx context.Context, f crosscase.DeadlineFilter) (*crosscase.DeadlineList, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	out := &crosscase.DeadlineList{Overdue: []*crosscase.Deadline{}, DueSoon: []*crosscase.Deadline{}, Days: f.Days}
	if !crosscase.CanReadCases(u) {
		return out, nil
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		cc, err := tx.deskCountry(ctx, u)
		if err != nil || cc == "" {
			return err
		}
		now := micros(tx.now)
		if out.Overdue, err = tx.findDeadlines(ctx, u, cc, f.Type, 0, now, f.Limit, true); err != nil {
			return err
		}
		horizon := micros(tx.now.AddDate(0, 0, f.Days))
		if out.DueSoon, err = tx.findDeadlines(ctx, u, cc, f.Type, now, horizon, f.Limit, false); err != nil {
			return err
		}
		if out.MoreOverdue = len(out.Overdue) > f.Limit; out.MoreOverdue {
			out.Overdue = out.Overdue[:f.Limit]
		}
		if out.MoreDueSoon = len(out.DueSoon) > f.Limit; out.MoreDueSoon {
			out.DueSoon = out.DueSoon[:f.Limit]
		}
		tx.audit(ctx, crosscase.ActionList, "instrument_deadline", 0, 0, fmt.Sprintf("overdue=%d due_soon=%d", len(out.Overdue), len(out.DueSoon)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CreateCalendarToken implements crosscase.CalendarService.
func (d *DB) CreateCalendarToken(ctx context.Context) (*crosscase.CalendarToken, string, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, "", err
	}
	if !crosscase.CanReadCases(u) {
		return nil, "", crosscase.Errorf(crosscase.EFORBIDDEN, "Only case workers of a desk have a deadlines calendar.")
	}
	plain := calendarTokenPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	t := &crosscase.CalendarToken{UserID: u.ID, Prefix: plain[:len(calendarTokenPrefix)+6]}
	err = d.withTx(ctx, func(tx *Tx) error {
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO calendar_tokens (user_id, prefix, hash, created_at) VALUES (?, ?, ?, ?)`, u.ID, t.Prefix, secretHash(plain), now)
		if err != nil {
			return err
		}
		t.ID, t.CreatedAt = id, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "calendar_token", id, 0, tokenOwnerDetail(u.ID, u.Name, 0))
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return t, plain, nil
}

// ListCalendarTokens implements crosscase.CalendarService.
func (d *DB) ListCalendarTokens(ctx context.Context) ([]*crosscase.CalendarToken, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	out := []*crosscase.CalendarToken{}
	err = d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT id, user_id, prefix, created_at, revoked_at FROM calendar_tokens WHERE user_id = ? ORDER BY id DESC`, u.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			t := &crosscase.CalendarToken{}
			var created, revoked int64
			if err := rows.Scan(&t.ID, &t.UserID, &t.Prefix, &created, &revoked); err != nil {
				return err
			}
			t.CreatedAt = fromMicros(created)
			if revoked != 0 {
				r := fromMicros(revoked)
				t.RevokedAt = &r
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeCalendarToken implements crosscase.CalendarService.
func (d *DB) RevokeCalendarToken(ctx context.Context, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE calendar_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at = 0`, micros(tx.now), id, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			if err := tx.queryRow(ctx, `SELECT 1 FROM calendar_tokens WHERE id = ? AND user_id = ?`, id, u.ID).Scan(&one); err != nil {
				return notFound("Calendar token")
			}
			return nil
		}
		tx.audit(ctx, crosscase.ActionRevoke, "calendar_token", id, 0, tokenOwnerDetail(u.ID, u.Name, 0))
		return nil
	})
}

// calendarRefusalWindow is how long the refusals of one calendar token,
// or of unknown tokens from one address, make one audit entry.
const calendarRefusalWindow = time.Hour

// calendarUser returns the user of feed token token. An unknown or
// revoked token, or one of a disabled user or a role without case
// content, is ENOTFOUND and recorded in the audit log as a refusal
// (docs/design.md, rule 3) with the reason and, for a known token, its id —
// never the token itself; see refuseCalendar for how often.
func (d *DB) calendarUser(ctx context.Context, token string) (*crosscase.User, error) {
	bad := notFound("Calendar")
	refuse := func(tokenID int64, why string) (*crosscase.User, error) {
		_ = d.withTx(context.WithoutCancel(ctx), func(tx *Tx) error {
			return tx.refuseCalendar(ctx, tokenID, why)
		})
		return nil, bad
	}
	if !strings.HasPrefix(token, calendarTokenPrefix) || len(token) > 100 {
		return refuse(0, "malformed")
	}
	var tokenID, revoked int64
	err := d.rdb.QueryRowContext(ctx, d.rebind(`SELECT id, revoked_at FROM calendar_tokens WHERE hash = ?`), secretHash(token)).Scan(&tokenID, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return refuse(0, "unknown")
	} else if err != nil {
		return nil, translate(err)
	}
	if revoked != 0 {
		return refuse(tokenID, "revoked")
	}
	u, err := scanUser(d.rdb.QueryRowContext(ctx, d.rebind(`SELECT `+userColumns+userFrom+` JOIN calendar_tokens t ON t.user_id = u.id WHERE t.id = ?`), tokenID))
	if errors.Is(err, sql.ErrNoRows) {
		return refuse(tokenID, "unknown")
	} else if err != nil {
		return nil, translate(err)
	}
	if u.Disabled || !crosscase.CanReadCases(u) {
		return refuse(tokenID, "user_disabled_or_no_case_content")
	}
	if u.MustChangePassword { // as for a token or a session: not until changed
		return refuse(tokenID, "password_must_change")
	}
	return u, nil
}

// refuseCalendar records a refused feed read: the first refusal of a
// token (or, for a token that does not exist, of a client address) in
// calendarRefusalWindow is an audit entry, the others in the window are
// counted, and the next entry says how many there were ("revoked; 11 more
// in the hour from …"). A calendar application polling a revoked address
// every five minutes makes 24 entries a day, not 288.
func (tx *Tx) refuseCalendar(ctx context.Context, tokenID int64, why string) error {
	key := "calendar_token:" + strconv.FormatInt(tokenID, 10)
	if tokenID == 0 {
		addr := ""
		if a := crosscase.ActorFromContext(ctx); a != nil {
			addr = a.RemoteAddr
		}
		key = "calendar_addr:" + crosscase.Clip(addr)
	}
	now := micros(tx.now)
	var since, count int64
	err := tx.queryRow(ctx, `SELECT since, refusals FROM refusal_windows WHERE key = ?`, key).Scan(&since, &count)
	switch {
	case err == nil && since >= micros(tx.now.Add(-calendarRefusalWindow)):
		_, err := tx.exec(ctx, `UPDATE refusal_windows SET refusals = refusals + 1 WHERE key = ?`, key)
		return err
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return translate(err)
	}
	detail := why
	if tokenID != 0 { // whose feed address it is
		var owner int64
		var name string
		if err := tx.queryRow(ctx, `SELECT t.user_id, u.name FROM calendar_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`, tokenID).Scan(&owner, &name); err == nil {
			detail += " " + tokenOwnerDetail(owner, name, 0)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return translate(err)
		}
	}
	if count > 1 {
		detail += fmt.Sprintf("; %d more in the hour from %s", count-1, fromMicros(since).UTC().Format(time.RFC3339))
	}
	tx.audit(ctx, crosscase.ActionRefuse, "calendar_token", tokenID, 0, detail)
	_, err = tx.exec(ctx, `INSERT INTO refusal_windows (key, since, refusals) VALUES (?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET since = excluded.since, refusals = 1`, key, now)
	return err
}

// calendarContext makes u the actor of a feed read.
func calendarContext(ctx context.Context, u *crosscase.User) context.Context {
	actor := &crosscase.Actor{User: u, Reason: "calendar feed"}
	if a := crosscase.ActorFromContext(ctx); a != nil {
		actor.RemoteAddr = a.RemoteAddr
	}
	return crosscase.NewContextWithActor(ctx, actor)
}

// calendarList reads the feed's deadlines for u: what is overdue and what
// falls due within a year, at most 1000.
func (tx *Tx) calendarList(ctx context.Context, u *crosscase.User) ([]*crosscase.Deadline, error) {
	cc, err := tx.deskCountry(ctx, u)
	if err != nil || cc == "" {
		return nil, err
	}
	out, err := tx.findDeadlines(ctx, u, cc, "", 0, micros(tx.now.AddDate(1, 0, 0)), 1000, false)
	if len(out) > 1000 {
		out = out[:1000]
	}
	return out, err
}

// CalendarDeadlines implements crosscase.CalendarService. The token is
// the credential: its user becomes the actor of the read.
func (d *DB) CalendarDeadlines(ctx context.Context, token string) ([]*crosscase.Deadline, error) {
	u, err := d.calendarUser(ctx, token)
	if err != nil {
		return nil, err
	}
	ctx = calendarContext(ctx, u)
	var out []*crosscase.Deadline
	err = d.withTx(ctx, func(tx *Tx) error {
		var err error
		if out, err = tx.calendarList(ctx, u); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "instrument_deadline", 0, 0, fmt.Sprintf("calendar=%d", len(out)))
		return nil
	})
	return out, err
}

// CalendarETag implements crosscase.CalendarService: a read without a
// write or an audit entry, so that a calendar application polling an
// unchanged feed costs one read (HTTP 304). The tag is a hash of what the
// feed shows: each deadline's instrument, clock, due moment, overdue and
// missed marks, references and label.
func (d *DB) CalendarETag(ctx context.Context, token string) (string, error) {
	u, err := d.calendarUser(ctx, token)
	if err != nil {
		return "", err
	}
	ctx = calendarContext(ctx, u)
	h := sha256.New()
	err = d.read(ctx, func(tx *Tx) error {
		list, err := tx.calendarList(ctx, u)
		if err != nil {
			return err
		}
		for _, dl := range list {
			fmt.Fprintf(h, "%d|%s|%d|%t|%t|%s|%s|%s|%s|%s\n", dl.InstrumentID, dl.Clock, micros(dl.DueAt), dl.Overdue, dl.Missed,
				dl.Reference, dl.CaseReference, dl.IssuingCountry, dl.ExecutingCountry, dl.Type)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18]), nil
}
