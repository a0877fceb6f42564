package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"crosscase"
)

// requireUser returns ctx's user, or EUNAUTHORIZED.
func requireUser(ctx context.Context) (*crosscase.User, error) {
	u := crosscase.UserFromContext(ctx)
	if u == nil {
		return nil, crosscase.Errorf(crosscase.EUNAUTHORIZED, "Sign in first.")
	}
	return u, nil
}

// requireAdmin refuses everyone but administrators and the system actor.
func requireAdmin(ctx context.Context) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !u.IsAdmin() {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only administrators may do this.")
	}
	return nil
}

// isSystem reports whether ctx acts as the command-line operator.
func isSystem(ctx context.Context) bool {
	u := crosscase.UserFromContext(ctx)
	return u != nil && u.ID == 0 && u.Role == crosscase.RoleAdministrator && u.Name == crosscase.SystemActor().User.Name
}

// visibleCasePredicate is need to know, in one place: the SQL condition
// on a case aliased c that holds exactly when u may see the case. A user
// sees a case when the country of their desk owns it or is asked in it
// (case_countries), or when the owner granted their desk (case_grants),
// and only if their role sees case content at all. The desk's country is
// read from the desks table, never trusted from the caller.
func visibleCasePredicate(u *crosscase.User) (string, []any) {
	if !crosscase.CanReadCases(u) || u.Disabled {
		return "1 = 0", nil
	}
	// Correlated EXISTS probes: one primary-key lookup per case, so the
	// check costs the same for one case and for each row of a list.
	//
	// DESIGN.md rule 1: "a user sees a case only if their desk owns it, is
	// asked in it, or they are a member of a JIT linked to it; a JIT member
	// sees only that JIT". The last probe is the JIT clause: a desk user who
	// is a member of a JIT sees the JIT's linked cases. JIT-only accounts
	// (RoleJITMember) never get here: their role sees no case content.
	// The JIT clause holds only while the JIT runs (its current end date,
	// in UTC, is not past) and only for a member who works for a party
	// country: the country recorded for the member is their desk's
	// country and a party of the JIT. Only the owner desk links a case.
	return `(EXISTS (SELECT 1 FROM case_countries cc WHERE cc.case_id = c.id AND cc.country_code = (SELECT dk.country_code FROM desks dk WHERE dk.id = ?))
		OR EXISTS (SELECT 1 FROM case_grants g WHERE g.case_id = c.id AND g.desk_id = ?)
		OR EXISTS (SELECT 1 FROM jit_cases jc JOIN jit_members jm ON jm.jit_id = jc.jit_id JOIN jits jj ON jj.id = jc.jit_id
			JOIN jit_parties jp ON jp.jit_id = jc.jit_id AND jp.country_code = jm.country_code
			WHERE jc.case_id = c.id AND jm.user_id = ? AND jj.current_ends_on >= ?
			AND jm.country_code = (SELECT dk.country_code FROM desks dk WHERE dk.id = ?)))`, []any{u.DeskID, u.DeskID, u.ID, jitToday(), u.DeskID}
}

// jitToday is the day (UTC, as stored: YYYY-MM-DD) against which a JIT's
// current end date is compared: a JIT runs up to and including that day.
func jitToday() string {
	return dateText(crosscase.DateOf(time.Now().UTC()))
}

// visibleJITPredicate is need to know for JITs, on a JIT aliased j: its
// members see it (a JIT member sees only their JITs, DESIGN.md rule 1),
// and so do the case-working users of its parties' desks.
// Administrators see every JIT's record (to add members), never its
// space; that is decided by authorizeJIT.
func visibleJITPredicate(u *crosscase.User) (string, []any) {
	if u == nil || u.Disabled {
		return "1 = 0", nil
	}
	if u.IsAdmin() {
		return "1 = 1", nil
	}
	member := `EXISTS (SELECT 1 FROM jit_members jm WHERE jm.jit_id = j.id AND jm.user_id = ?)`
	if !crosscase.CanReadCases(u) {
		return member, []any{u.ID}
	}
	return `(` + member + ` OR EXISTS (SELECT 1 FROM jit_parties jp WHERE jp.jit_id = j.id AND jp.country_code = (SELECT dk.country_code FROM desks dk WHERE dk.id = ?)))`, []any{u.ID, u.DeskID}
}

// caseNeed is what a caller wants to do with a case.
type caseNeed int

const (
	needRead  caseNeed = iota // see the case and its entities
	needWrite                 // change it: owner desk, case-working role
)

// authorizeCase is the one authorisation check every case and entity
// operation goes through. It returns the case when ctx's user may do need
// with it: ENOTFOUND when the user may not see it (whether or not it
// exists, so that guessing ids reveals nothing), EFORBIDDEN when they see
// it but may not change it.
func (tx *Tx) authorizeCase(ctx context.Context, id int64, need caseNeed) (*crosscase.Case, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	pred, args := visibleCasePredicate(u)
	c, err := tx.findCase(ctx, `c.id = ? AND `+pred, append([]any{id}, args...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Case")
	} else if err != nil {
		return nil, err
	}
	c.Access = accessOf(u, c)
	if need == needWrite && !crosscase.CanWriteCase(u, c) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) may change this case.", c.OwnerCountry)
	}
	return c, nil
}

// accessOf says why u sees visible case c.
func accessOf(u *crosscase.User, c *crosscase.Case) crosscase.Access {
	if c.OwnerDeskID == u.DeskID {
		return crosscase.AccessOwner
	}
	for _, cc := range c.AskedCountries {
		if cc == u.DeskCountry {
			return crosscase.AccessAsked
		}
	}
	return crosscase.AccessGranted
}

// disclosedToCaller reports whether entity id was disclosed to the
// caller's desk through a hit: the one way to read an entity of a case
// one may not see. Both desks of a disclosed hit read both its entities.
func (tx *Tx) disclosedToCaller(ctx context.Context, id int64) (bool, error) {
	u := crosscase.UserFromContext(ctx)
	if !crosscase.CanReadCases(u) {
		return false, nil
	}
	var one int
	err := tx.queryRow(ctx, `SELECT 1 FROM hits h WHERE h.status = 'disclosed'
		AND ((h.entity_b = ? AND h.desk_a = ?) OR (h.entity_a = ? AND h.desk_b = ?))`, id, u.DeskID, id, u.DeskID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
