package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"crosscase"
)

// errJITEnded refuses a change to the space of a JIT past its end.
func errJITEnded(j *crosscase.JIT) error {
	return crosscase.Errorf(crosscase.EFORBIDDEN, "JIT %s ended on %s: its space is read-only (no new messages, evidence, members or cases). Extend it to carry on.", j.Name, j.CurrentEndsOn)
}

func partyList(j *crosscase.JIT) string {
	s := ""
	for i, p := range j.Parties {
		if i > 0 {
			s += ", "
		}
		s += p.CountryCode
	}
	return s
}

const jitColumns = `j.id, j.name, j.signed_on, j.duration_months, j.ends_on, j.current_ends_on, j.created_by, j.created_desk_id, j.created_at`

// findJITs returns the JITs matching where (on alias j), newest first,
// with their parties, extensions, funding and members (not cases).
func (tx *Tx) findJITs(ctx context.Context, where string, args ...any) ([]*crosscase.JIT, error) {
	rows, err := tx.query(ctx, `SELECT `+jitColumns+` FROM jits j WHERE `+where+` ORDER BY j.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.JIT
	byID := map[int64]*crosscase.JIT{}
	for rows.Next() {
		j := &crosscase.JIT{Parties: []crosscase.JITParty{}, CaseIDs: []int64{}, Cases: []*crosscase.JITCase{},
			Extensions: []crosscase.JITExtension{}, Funding: []*crosscase.JITFunding{}, Members: []*crosscase.JITMember{}}
		var signed, ends, current string
		var created int64
		if err := rows.Scan(&j.ID, &j.Name, &signed, &j.DurationMonths, &ends, &current, &j.CreatedBy, &j.CreatedDeskID, &created); err != nil {
			rows.Close()
			return nil, err
		}
		j.SignedOn, j.EndsOn, j.CurrentEndsOn = parseDateText(signed), parseDateText(ends), parseDateText(current)
		j.CreatedAt = fromMicros(created)
		out = append(out, j)
		byID[j.ID] = j
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]any, 0, len(out))
	for _, j := range out {
		ids = append(ids, j.ID)
	}
	in := "(" + placeholders(len(ids)) + ")"
	each := func(q string, fn func(rows *sql.Rows) error) error { return tx.each(ctx, q, ids, fn) }
	if err := each(`SELECT jit_id, country_code, authority_id FROM jit_parties WHERE jit_id IN `+in+` ORDER BY jit_id, country_code, authority_id`, func(rows *sql.Rows) error {
		var id, aid int64
		var cc string
		if err := rows.Scan(&id, &cc, &aid); err != nil {
			return err
		}
		j := byID[id]
		if n := len(j.Parties); n > 0 && j.Parties[n-1].CountryCode == cc {
			j.Parties[n-1].AuthorityIDs = append(j.Parties[n-1].AuthorityIDs, aid)
		} else {
			j.Parties = append(j.Parties, crosscase.JITParty{CountryCode: cc, AuthorityIDs: []int64{aid}})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT jit_id, case_id FROM jit_cases WHERE jit_id IN `+in+` ORDER BY case_id`, func(rows *sql.Rows) error {
		var id, cid int64
		if err := rows.Scan(&id, &cid); err != nil {
			return err
		}
		byID[id].CaseIDs = append(byID[id].CaseIDs, cid)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT id, jit_id, new_ends_on, agreed_on, reason, created_by, created_at FROM jit_extensions WHERE jit_id IN `+in+` ORDER BY id`, func(rows *sql.Rows) error {
		var e crosscase.JITExtension
		var jid, created int64
		var ends, agreed string
		if err := rows.Scan(&e.ID, &jid, &ends, &agreed, &e.Reason, &e.CreatedBy, &created); err != nil {
			return err
		}
		e.NewEndsOn, e.AgreedOn, e.CreatedAt = parseDateText(ends), parseDateText(agreed), fromMicros(created)
		byID[jid].Extensions = append(byID[jid].Extensions, e)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT `+fundingColumns+` FROM jit_funding WHERE jit_id IN `+in+` ORDER BY id`, func(rows *sql.Rows) error {
		f, jid, err := scanFunding(rows)
		if err != nil {
			return err
		}
		byID[jid].Funding = append(byID[jid].Funding, f)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT m.jit_id, m.user_id, u.name, u.display_name, u.role, m.country_code, m.authority_id, m.added_at FROM jit_members m JOIN users u ON u.id = m.user_id WHERE m.jit_id IN `+in+` ORDER BY m.country_code, u.name`, func(rows *sql.Rows) error {
		var m crosscase.JITMember
		var jid, added int64
		if err := rows.Scan(&jid, &m.UserID, &m.UserName, &m.DisplayName, &m.Role, &m.CountryCode, &m.AuthorityID, &added); err != nil {
			return err
		}
		m.AddedAt = fromMicros(added)
		byID[jid].Members = append(byID[jid].Members, &m)
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// loadJITCases fills j.Cases: each linked case's id, and its reference
// and title only when u may see the case (need to know, the same
// predicate as every case read).
func (tx *Tx) loadJITCases(ctx context.Context, u *crosscase.User, j *crosscase.JIT) error {
	j.Cases = []*crosscase.JITCase{}
	if len(j.CaseIDs) == 0 {
		return nil
	}
	visible := map[int64][2]string{}
	pred, args := visibleCasePredicate(u, tx.today())
	rows, err := tx.query(ctx, `SELECT c.id, c.reference, c.title FROM jit_cases jc JOIN cases c ON c.id = jc.case_id WHERE jc.jit_id = ? AND `+pred, append([]any{j.ID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var ref, title string
		if err := rows.Scan(&id, &ref, &title); err != nil {
			return err
		}
		visible[id] = [2]string{ref, title}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range j.CaseIDs {
		jc := &crosscase.JITCase{ID: id}
		if v, ok := visible[id]; ok {
			jc.Visible, jc.Reference, jc.Title = true, v[0], v[1]
		}
		j.Cases = append(j.Cases, jc)
	}
	return nil
}

const fundingColumns = `id, jit_id, label, applied_eur, granted_eur, status, applied_on, decided_on, updated_at`

func scanFunding(s scanner) (*crosscase.JITFunding, int64, error) {
	f := &crosscase.JITFunding{}
	var jid, updated int64
	var status, applied, decided string
	if err := s.Scan(&f.ID, &jid, &f.Label, &f.AppliedEUR, &f.GrantedEUR, &status, &applied, &decided, &updated); err != nil {
		return nil, 0, err
	}
	f.Status = crosscase.FundingStatus(status)
	f.AppliedOn, f.DecidedOn, f.UpdatedAt = parseDateText(applied), parseDateText(decided), fromMicros(updated)
	return f, jid, nil
}

// FindJITs implements crosscase.JITService.
func (d *DB) FindJITs(ctx context.Context) ([]*crosscase.JIT, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.JIT
	err = d.withTx(ctx, func(tx *Tx) error {
		pred, args := visibleJITPredicate(u)
		if out, err = tx.findJITs(ctx, pred, args...); err != nil {
			return err
		}
		for _, j := range out {
			j.HideCaseContentFrom(u)
		}
		tx.audit(ctx, crosscase.ActionList, "jit", 0, 0, "count="+strconv.Itoa(len(out)))
		return nil
	})
	if out == nil {
		out = []*crosscase.JIT{}
	}
	return out, err
}

// FindJITsOfMember implements crosscase.JITService.
func (d *DB) FindJITsOfMember(ctx context.Context) ([]*crosscase.JIT, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var out []*crosscase.JIT
	err = d.read(ctx, func(tx *Tx) error {
		out, err = tx.findJITs(ctx, `EXISTS (SELECT 1 FROM jit_members jm WHERE jm.jit_id = j.id AND jm.user_id = ?)`, u.ID)
		return err
	})
	return out, err
}

// FindJIT implements crosscase.JITService.
func (d *DB) FindJIT(ctx context.Context, id int64) (*crosscase.JIT, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var j *crosscase.JIT
	err = d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitRecord)
		if err != nil {
			return err
		}
		j = a.jit
		j.HideCaseContentFrom(u)
		tx.audit(ctx, crosscase.ActionRead, "jit", id, 0, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
		return nil, err
	}
	return j, nil
}

// CreateJIT implements crosscase.JITService.
func (d *DB) CreateJIT(ctx context.Context, j *crosscase.JIT) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !crosscase.CanSetUpJIT(u) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors set up JITs.")
	}
	if err := j.Validate(); err != nil {
		return err
	}
	var refusedCase int64
	err = d.withTx(ctx, func(tx *Tx) error {
		if err := crosscase.NotFuture("signed_on", j.SignedOn, tx.latestToday(), "signature of the JIT agreement"); err != nil {
			return err
		}
		if err := tx.checkJITParties(ctx, j.Parties); err != nil {
			return err
		}
		if !j.HasParty(u.DeskCountry) {
			return crosscase.FieldErrorf("parties", "Your desk's country (%s) must be a party of the JIT you set up.", u.DeskCountry)
		}
		var linked []*crosscase.Case
		for i, cid := range j.CaseIDs {
			c, err := tx.linkableCase(ctx, "case_ids["+strconv.Itoa(i)+"]", cid)
			if err != nil {
				refusedCase = cid
				return err
			}
			linked = append(linked, c)
		}
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO jits (name, signed_on, duration_months, ends_on, current_ends_on, created_by, created_desk_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			j.Name, dateText(j.SignedOn), j.DurationMonths, dateText(j.EndsOn), dateText(j.EndsOn), u.ID, u.DeskID, now)
		if err != nil {
			return err
		}
		j.ID, j.CurrentEndsOn, j.CreatedBy, j.CreatedDeskID, j.CreatedAt = id, j.EndsOn, u.ID, u.DeskID, fromMicros(now)
		var countries []string
		for i, p := range j.Parties {
			if err := tx.authorizeJITSpace(ctx, "parties["+strconv.Itoa(i)+"].country_code", p.CountryCode, id); err != nil {
				return err
			}
			countries = append(countries, p.CountryCode)
			for _, aid := range p.AuthorityIDs {
				if _, err := tx.exec(ctx, `INSERT INTO jit_parties (jit_id, country_code, authority_id) VALUES (?, ?, ?)`, id, p.CountryCode, aid); err != nil {
					return err
				}
			}
		}
		for _, cid := range j.CaseIDs {
			if _, err := tx.exec(ctx, `INSERT INTO jit_cases (jit_id, case_id) VALUES (?, ?)`, id, cid); err != nil {
				return err
			}
			tx.audit(ctx, crosscase.ActionUpdate, "jit_case", id, cid, "linked")
		}
		tx.audit(ctx, crosscase.ActionCreate, "jit", id, 0, fmt.Sprintf("parties=%d cases=%d", len(j.Parties), len(j.CaseIDs)))
		for _, c := range linked {
			if err := tx.notifyCaseLinked(ctx, j, c); err != nil {
				return err
			}
		}
		// Mandatory notification: the desks of every party country are
		// told that a JIT with their country was set up.
		return tx.notifyCountries(ctx, countries, crosscase.Notification{Kind: crosscase.NotifyJITSetUp,
			Link: "/jits/" + strconv.FormatInt(id, 10), ObjectType: "jit", ObjectID: id}.Saying(crosscase.SubjectJITSetUp, j.Name))
	})
	if err != nil {
		if refusedCase != 0 {
			d.recordRefusal(ctx, err, "case", refusedCase, refusedCase)
		} else {
			d.recordRefusal(ctx, err, "jit", 0, 0)
		}
		return err
	}
	return nil
}

// linkableCase returns case id when the caller may link it to a JIT:
// linking opens the case to the JIT's desk members (docs/design.md, rule 1),
// which only the owner desk may decide. A case the caller cannot see is
// ENOTFOUND, and an id that is not positive EINVALID, naming field; one
// they see but do not own is EFORBIDDEN.
func (tx *Tx) linkableCase(ctx context.Context, field string, caseID int64) (*crosscase.Case, error) {
	if caseID <= 0 {
		return nil, crosscase.FieldErrorf(field, "Ids are positive numbers.")
	}
	c, err := tx.authorizeCase(ctx, caseID, needRead)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		// Still a 404, as for any case not there or not visible, naming
		// the field that gave it.
		return nil, crosscase.InField(err, field)
	} else if err != nil {
		return nil, err
	}
	if !crosscase.CanWriteCase(crosscase.UserFromContext(ctx), c) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) may link case %s to a JIT: linking opens it to the JIT's members. Ask the owner desk to link it.",
			c.OwnerCountry, c.Reference).WithField(field)
	}
	return c, nil
}

// jitTitle names a JIT in a sentence: "JIT " and its name, unless the
// name starts so already ("JIT Italy–Albania").
func jitTitle(name string) string {
	if len(name) >= 4 && strings.EqualFold(name[:4], "JIT ") {
		return name
	}
	return "JIT " + name
}

// notifyCaseLinked tells the owner desk of c that c was linked to j.
func (tx *Tx) notifyCaseLinked(ctx context.Context, j *crosscase.JIT, c *crosscase.Case) error {
	return tx.notifyDesks(ctx, []int64{c.OwnerDeskID}, crosscase.Notification{Kind: crosscase.NotifyJITCaseLinked,
		Link: "/jits/" + strconv.FormatInt(j.ID, 10), ObjectType: "jit", ObjectID: j.ID}.Saying(crosscase.SubjectCaseLinked, c.Reference, jitTitle(j.Name)))
}

// checkJITParties checks that each party country exists and each
// authority exists and belongs to its party's country.
func (tx *Tx) checkJITParties(ctx context.Context, parties []crosscase.JITParty) error {
	for i, p := range parties {
		if _, err := tx.findCountry(ctx, p.CountryCode); err != nil {
			if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
				return crosscase.FieldErrorf("parties["+strconv.Itoa(i)+"].country_code", "Unknown country %q.", p.CountryCode)
			}
			return err
		}
		seen := map[int64]bool{}
		for k, aid := range p.AuthorityIDs {
			f := fmt.Sprintf("parties[%d].authority_ids[%d]", i, k)
			if seen[aid] {
				return crosscase.FieldErrorf(f, "Authority %d is listed twice.", aid)
			}
			seen[aid] = true
			if err := tx.checkAuthorityOf(ctx, f, aid, p.CountryCode); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkAuthorityOf refuses an authority that does not exist or is not of
// country, naming field.
func (tx *Tx) checkAuthorityOf(ctx context.Context, field string, id int64, country string) error {
	var cc string
	err := tx.queryRow(ctx, `SELECT country_code FROM authorities WHERE id = ?`, id).Scan(&cc)
	if errors.Is(err, sql.ErrNoRows) {
		return crosscase.FieldErrorf(field, "Authority %d does not exist.", id)
	} else if err != nil {
		return translate(err)
	}
	if cc != country {
		return crosscase.FieldErrorf(field, "Authority %d is an authority of %s, not of %s.", id, cc, country)
	}
	return nil
}

// ExtendJIT implements crosscase.JITService.
func (d *DB) ExtendJIT(ctx context.Context, id int64, ext *crosscase.JITExtension) error {
	if err := ext.Validate(); err != nil {
		return err
	}
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitManage)
		if err != nil {
			return err
		}
		if err := ext.CheckAgainst(a.jit, tx.latestToday()); err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		now := micros(tx.now)
		eid, err := tx.insert(ctx, `INSERT INTO jit_extensions (jit_id, new_ends_on, agreed_on, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, dateText(ext.NewEndsOn), dateText(ext.AgreedOn), ext.Reason, u.ID, now)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE jits SET current_ends_on = ? WHERE id = ?`, dateText(ext.NewEndsOn), id); err != nil {
			return err
		}
		ext.ID, ext.CreatedBy, ext.CreatedAt = eid, u.ID, fromMicros(now)
		tx.audit(ctx, crosscase.ActionUpdate, "jit", id, 0, "extended to "+ext.NewEndsOn.String()+", agreed on "+ext.AgreedOn.String())
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
	}
	return err
}

// LinkJITCase implements crosscase.JITService.
func (d *DB) LinkJITCase(ctx context.Context, id, caseID int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitManage)
		if err != nil {
			return err
		}
		if !a.jit.Running(crosscase.DateOf(tx.now)) {
			return errJITEnded(a.jit)
		}
		c, err := tx.linkableCase(ctx, "case_id", caseID)
		if err != nil {
			return err
		}
		for _, linked := range a.jit.CaseIDs {
			if linked == caseID {
				return crosscase.FieldErrorf("case_id", "Case %s is already linked to this JIT.", c.Reference)
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO jit_cases (jit_id, case_id) VALUES (?, ?)`, id, caseID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "jit_case", id, caseID, "linked")
		return tx.notifyCaseLinked(ctx, a.jit, c)
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, caseID)
	}
	return err
}

// AddJITFunding implements crosscase.JITService.
func (d *DB) AddJITFunding(ctx context.Context, id int64, f *crosscase.JITFunding) error {
	if f.Status == "" {
		f.Status = crosscase.FundingApplied
	}
	if f.Status != crosscase.FundingApplied {
		return crosscase.FieldErrorf("status", "A new funding record is an application (status applied); record the decision afterwards.")
	}
	if err := f.Validate(); err != nil {
		return err
	}
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitManage)
		if err != nil {
			return err
		}
		if err := crosscase.NotFuture("applied_on", f.AppliedOn, tx.latestToday(), "application"); err != nil {
			return err
		}
		if f.AppliedOn.Before(a.jit.SignedOn) {
			return crosscase.FieldErrorf("applied_on", "Funding is applied for by a JIT set up by a signed agreement: the application (%s) cannot come before the signature (%s).", f.AppliedOn, a.jit.SignedOn)
		}
		now := micros(tx.now)
		fid, err := tx.insert(ctx, `INSERT INTO jit_funding (jit_id, label, applied_eur, granted_eur, status, applied_on, decided_on, updated_at) VALUES (?, ?, ?, 0, ?, ?, '', ?)`,
			id, f.Label, f.AppliedEUR, string(f.Status), dateText(f.AppliedOn), now)
		if err != nil {
			return err
		}
		f.ID, f.UpdatedAt = fid, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "jit_funding", fid, 0, "jit="+strconv.FormatInt(id, 10))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
	}
	return err
}

// UpdateJITFunding implements crosscase.JITService.
func (d *DB) UpdateJITFunding(ctx context.Context, id, fundingID int64, upd crosscase.JITFundingUpdate) (*crosscase.JITFunding, error) {
	if !upd.Status.Valid() {
		return nil, crosscase.FieldErrorf("status", "Status must be one of applied, granted, rejected, paid.")
	}
	var out *crosscase.JITFunding
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeJIT(ctx, id, jitManage); err != nil {
			return err
		}
		f, jid, err := scanFunding(tx.queryRow(ctx, `SELECT `+fundingColumns+` FROM jit_funding WHERE id = ?`, fundingID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && jid != id) {
			return notFound("Funding record")
		} else if err != nil {
			return err
		}
		if !f.Status.CanBecome(upd.Status) {
			return crosscase.FieldErrorf("status", "A funding record that is %s cannot become %s (applied → granted or rejected; granted → paid).", f.Status, upd.Status)
		}
		switch upd.Status {
		case crosscase.FundingGranted:
			if upd.GrantedEUR <= 0 || upd.GrantedEUR > f.AppliedEUR {
				return crosscase.FieldErrorf("granted_eur", "The grant must be between 1 and the %d euros applied for.", f.AppliedEUR)
			}
			f.GrantedEUR = upd.GrantedEUR
		case crosscase.FundingRejected:
			f.GrantedEUR = 0
		}
		if upd.Status != crosscase.FundingPaid {
			if upd.DecidedOn.IsZero() {
				return crosscase.FieldErrorf("decided_on", "The date of the decision is required.")
			}
			if err := crosscase.NotFuture("decided_on", upd.DecidedOn, tx.latestToday(), "decision"); err != nil {
				return err
			}
			if upd.DecidedOn.Before(f.AppliedOn) {
				return crosscase.FieldErrorf("decided_on", "The decision (%s) cannot come before the application (%s).", upd.DecidedOn, f.AppliedOn)
			}
			f.DecidedOn = upd.DecidedOn
		}
		f.Status = upd.Status
		f.UpdatedAt = tx.now
		if _, err := tx.exec(ctx, `UPDATE jit_funding SET status = ?, granted_eur = ?, decided_on = ?, updated_at = ? WHERE id = ?`,
			string(f.Status), f.GrantedEUR, dateText(f.DecidedOn), micros(tx.now), fundingID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "jit_funding", fundingID, 0, "status="+string(f.Status))
		out = f
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
		return nil, err
	}
	return out, nil
}

// AddJITMember implements crosscase.JITService.
func (d *DB) AddJITMember(ctx context.Context, id int64, m *crosscase.JITMember) error {
	if m.UserID <= 0 {
		return crosscase.FieldErrorf("user_id", "Give the id of the user to add.")
	}
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitMembers)
		if err != nil {
			return err
		}
		role, disabled, country, err := tx.userCountry(ctx, m.UserID, &m.UserName, &m.DisplayName)
		if errors.Is(err, sql.ErrNoRows) {
			return crosscase.FieldErrorf("user_id", "User %d does not exist.", m.UserID)
		} else if err != nil {
			return err
		}
		if disabled {
			return crosscase.FieldErrorf("user_id", "User %s is disabled.", m.UserName)
		}
		if !role.JoinsJITs() {
			return crosscase.FieldErrorf("user_id", "An account with the role %s cannot be a JIT member.", role)
		}
		// A member's country is read from the store, never trusted from
		// the caller: a desk user's is their desk's, a JIT-only account's
		// the one its administrator set.
		if country == "" {
			return crosscase.FieldErrorf("user_id", "The account of %s has no country: an administrator sets it first.", m.UserName)
		}
		if m.CountryCode == "" {
			m.CountryCode = country
		}
		if m.CountryCode != country {
			return crosscase.FieldErrorf("country_code", "%s works for %s, not %q: a member's country is their desk's, or the one set on their account.", m.UserName, country, m.CountryCode)
		}
		if !a.jit.HasParty(country) {
			if !role.JITOnly() {
				return crosscase.FieldErrorf("user_id", "%s works at the desk of %s, which is not a party of this JIT (%s).", m.UserName, country, partyList(a.jit))
			}
			return crosscase.FieldErrorf("country_code", "%q is not a party of this JIT (%s).", m.CountryCode, partyList(a.jit))
		}
		if err := tx.checkAuthorityOf(ctx, "authority_id", m.AuthorityID, m.CountryCode); err != nil {
			return err
		}
		if err := tx.authorizeJITSpace(ctx, "country_code", country, id); err != nil {
			return err
		}
		for _, x := range a.jit.Members {
			if x.UserID == m.UserID {
				return crosscase.Errorf(crosscase.ECONFLICT, "%s is already a member of this JIT.", m.UserName).WithField("user_id")
			}
		}
		now := micros(tx.now)
		if _, err := tx.exec(ctx, `INSERT INTO jit_members (jit_id, user_id, country_code, authority_id, added_at) VALUES (?, ?, ?, ?, ?)`,
			id, m.UserID, m.CountryCode, m.AuthorityID, now); err != nil {
			return err
		}
		m.AddedAt = fromMicros(now)
		tx.audit(ctx, crosscase.ActionGrant, "jit_member", id, 0, "user="+strconv.FormatInt(m.UserID, 10)+" country="+m.CountryCode)
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
	}
	return err
}

// FindJITMessages implements crosscase.JITService.
func (d *DB) FindJITMessages(ctx context.Context, id int64) ([]*crosscase.JITMessage, error) {
	out := []*crosscase.JITMessage{}
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeJIT(ctx, id, jitSpace); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT m.id, m.jit_id, m.parent_id, m.author_id, u.name, m.body, m.created_at FROM jit_messages m JOIN users u ON u.id = m.author_id WHERE m.jit_id = ? ORDER BY m.id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m crosscase.JITMessage
			var created int64
			if err := rows.Scan(&m.ID, &m.JITID, &m.ParentID, &m.AuthorID, &m.AuthorName, &m.Body, &created); err != nil {
				return err
			}
			m.Erased = m.Body == "" // a message is never posted empty
			m.CreatedAt = fromMicros(created)
			out = append(out, &m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "jit_message", id, 0, "count="+strconv.Itoa(len(out)))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
		return nil, err
	}
	return threadOrder(out), nil
}

// threadOrder puts each reply right after its parent's thread, keeping
// the order of arrival among siblings.
func threadOrder(msgs []*crosscase.JITMessage) []*crosscase.JITMessage {
	children := map[int64][]*crosscase.JITMessage{}
	for _, m := range msgs {
		children[m.ParentID] = append(children[m.ParentID], m)
	}
	out := make([]*crosscase.JITMessage, 0, len(msgs))
	var walk func(parent int64)
	walk = func(parent int64) {
		kids := children[parent]
		sort.SliceStable(kids, func(i, k int) bool { return kids[i].ID < kids[k].ID })
		for _, m := range kids {
			out = append(out, m)
			walk(m.ID)
		}
	}
	walk(0)
	return out
}

// PostJITMessage implements crosscase.JITService.
func (d *DB) PostJITMessage(ctx context.Context, id int64, m *crosscase.JITMessage) error {
	if err := crosscase.CheckMultiline("body", m.Body, 20000, true); err != nil {
		return err
	}
	if m.ParentID < 0 {
		return crosscase.FieldErrorf("parent_id", "parent_id must be the id of a message of this JIT.")
	}
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeJIT(ctx, id, jitPost); err != nil {
			return err
		}
		if m.ParentID != 0 {
			var jid int64
			err := tx.queryRow(ctx, `SELECT jit_id FROM jit_messages WHERE id = ?`, m.ParentID).Scan(&jid)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && jid != id) {
				return crosscase.FieldErrorf("parent_id", "Message %d is not a message of this JIT.", m.ParentID)
			} else if err != nil {
				return err
			}
		}
		u := crosscase.UserFromContext(ctx)
		now := micros(tx.now)
		mid, err := tx.insert(ctx, `INSERT INTO jit_messages (jit_id, parent_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, m.ParentID, u.ID, m.Body, now)
		if err != nil {
			return err
		}
		m.ID, m.JITID, m.AuthorID, m.AuthorName, m.CreatedAt = mid, id, u.ID, u.Name, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "jit_message", mid, 0, "jit="+strconv.FormatInt(id, 10))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
	}
	return err
}

// userCountry reads a user's role, whether they are disabled and their
// real country: their desk's for desk users, their account's for JIT-only
// accounts. name and display, when not nil, receive the user's names.
// sql.ErrNoRows when the user does not exist.
func (tx *Tx) userCountry(ctx context.Context, id int64, name, display *string) (crosscase.Role, bool, string, error) {
	var n, dn, role, deskCountry, own string
	var disabled int
	err := tx.queryRow(ctx, `SELECT u.name, u.display_name, u.role, u.disabled, COALESCE(d.country_code, ''), u.country_code
		FROM users u LEFT JOIN desks d ON d.id = u.desk_id WHERE u.id = ?`, id).Scan(&n, &dn, &role, &disabled, &deskCountry, &own)
	if err != nil {
		return "", false, "", err
	}
	if name != nil {
		*name = n
	}
	if display != nil {
		*display = dn
	}
	return crosscase.Role(role), disabled != 0, crosscase.ActingCountry(crosscase.Role(role), deskCountry, own), nil
}

// FindJITMemberCandidates implements crosscase.JITService: the users the
// caller could add with AddJITMember, which still checks each addition.
func (d *DB) FindJITMemberCandidates(ctx context.Context, id int64) ([]*crosscase.JITMember, error) {
	var out []*crosscase.JITMember
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitMembers)
		if err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT u.id, u.name, u.display_name, u.role, COALESCE(d.country_code, ''), u.country_code
			FROM users u LEFT JOIN desks d ON d.id = u.desk_id
			WHERE u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM jit_members m WHERE m.jit_id = ? AND m.user_id = u.id)
			ORDER BY u.display_name, u.name`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m := &crosscase.JITMember{}
			var role, deskCountry, own string
			if err := rows.Scan(&m.UserID, &m.UserName, &m.DisplayName, &role, &deskCountry, &own); err != nil {
				return err
			}
			m.Role = crosscase.Role(role)
			m.CountryCode = crosscase.ActingCountry(m.Role, deskCountry, own)
			if crosscase.Role(role).JoinsJITs() && m.CountryCode != "" && a.jit.HasParty(m.CountryCode) {
				out = append(out, m)
			}
		}
		return rows.Err()
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
		return nil, err
	}
	return out, nil
}

// RemoveJITMember implements crosscase.JITService.
func (d *DB) RemoveJITMember(ctx context.Context, id, userID int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitManage)
		if err != nil {
			return err
		}
		var m *crosscase.JITMember
		for _, x := range a.jit.Members {
			if x.UserID == userID {
				m = x
			}
		}
		if m == nil {
			return notFound("Member")
		}
		if _, err := tx.exec(ctx, `DELETE FROM jit_members WHERE jit_id = ? AND user_id = ?`, id, userID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRevoke, "jit_member", id, 0, "user="+strconv.FormatInt(userID, 10)+" country="+m.CountryCode)
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, 0)
	}
	return err
}

// UnlinkJITCase implements crosscase.JITService.
func (d *DB) UnlinkJITCase(ctx context.Context, id, caseID int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		a, err := tx.authorizeJIT(ctx, id, jitManage)
		if err != nil {
			return err
		}
		linked := false
		for _, c := range a.jit.CaseIDs {
			linked = linked || c == caseID
		}
		if !linked {
			return notFound("Linked case")
		}
		if _, err := tx.exec(ctx, `DELETE FROM jit_cases WHERE jit_id = ? AND case_id = ?`, id, caseID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "jit_case", id, caseID, "unlinked")
		// The owner desk is told, as it was of the link.
		var owner int64
		if err := tx.queryRow(ctx, `SELECT owner_desk_id FROM cases WHERE id = ?`, caseID).Scan(&owner); err != nil {
			return translate(err)
		}
		return tx.notifyDesks(ctx, []int64{owner}, crosscase.Notification{Kind: crosscase.NotifyJITCaseLinked,
			Link: "/jits/" + strconv.FormatInt(id, 10), ObjectType: "jit", ObjectID: id}.Saying(crosscase.SubjectCaseUnlinked, jitTitle(a.jit.Name)))
	})
	if err != nil {
		d.recordRefusal(ctx, err, "jit", id, caseID)
	}
	return err
}
