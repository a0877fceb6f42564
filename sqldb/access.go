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
func visibleCasePredicate(u *crosscase.User, today string) (string, []any) {
	if !crosscase.CanReadCases(u) || u.Disabled {
		return "1 = 0", nil
	}
	// Correlated EXISTS probes: one primary-key lookup per case, so the
	// check costs the same for one case and for each row of a list.
	//
	// docs/design.md, rule 1: a user sees a case when their desk's country
	// owns it or is asked in it, when the owner granted their desk, or when
	// they are a member of a running JIT linked to it; a JIT member sees
	// only their JITs. The last probe is the JIT clause: a desk user who
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
			AND jm.country_code = (SELECT dk.country_code FROM desks dk WHERE dk.id = ?)))`, []any{u.DeskID, u.DeskID, u.ID, today, u.DeskID}
}

// Clock implements crosscase.StoreService: the time of d.Now.
func (d *DB) Clock() time.Time { return d.Now() }

// today is the day of the store's clock (UTC, as stored: YYYY-MM-DD)
// against which a JIT's current end date is compared: a JIT runs up to
// and including that day.
func (d *DB) today() string {
	return dateText(crosscase.DateOf(d.Now().UTC()))
}

// today is the day of the transaction's clock, as DB.today.
func (tx *Tx) today() string {
	return dateText(crosscase.DateOf(tx.now))
}

// visibleJITPredicate is need to know for JITs, on a JIT aliased j: its
// members see it (a JIT member sees only their JITs, docs/design.md,
// rule 1), and so do the case-working users of its parties' desks.
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
	pred, args := visibleCasePredicate(u, tx.today())
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

// caseObject is what one statement found out about a row of a table whose
// rows belong to a case (caseObjectAccess).
type caseObject int

const (
	objectHidden    caseObject = iota // missing, or of a case the caller may not see
	objectVisible                     // of a case the caller sees
	objectDisclosed                   // an entity disclosed to the caller's desk through a hit
)

// caseObjectAccess reads, in one statement, the case of row id of table
// (entities, meetings, instruments, centres, relations, results: tables
// with a case_id; centre_measures, of their centre's case) and whether
// ctx's user sees it (visibleCasePredicate) or, with disclosed, reads the
// entity through a disclosed hit — the one way to read an entity of a
// case one may not see: both desks of a disclosed hit read both its
// entities. A row of a case the caller may not see costs the same one
// statement as a missing row and is answered as one (objectHidden), so
// that neither the answer nor its time tells that it exists; the
// authorize* checks call it before reading anything else of the row.
func (tx *Tx) caseObjectAccess(ctx context.Context, table string, id int64, disclosed bool) (caseObject, int64, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return objectHidden, 0, err
	}
	pred, args := visibleCasePredicate(u, tx.today())
	disc := "1 = 0"
	if disclosed && crosscase.CanReadCases(u) && !u.Disabled {
		disc = `EXISTS (SELECT 1 FROM hits h WHERE h.status = 'disclosed'
			AND ((h.entity_b = o.id AND h.desk_a = ?) OR (h.entity_a = o.id AND h.desk_b = ?)))`
		args = append(args, u.DeskID, u.DeskID)
	}
	from, key := table+` o`, "o.id"
	if table == "centre_measures" { // a measure belongs to its centre's case
		from, key = `centre_measures mm JOIN centres o ON o.id = mm.centre_id`, "mm.id"
	}
	var access caseObject
	var caseID int64
	err = tx.queryRow(ctx, `SELECT CASE WHEN `+pred+` THEN 1 WHEN `+disc+` THEN 2 ELSE 0 END, o.case_id
		FROM `+from+` JOIN cases c ON c.id = o.case_id WHERE `+key+` = ?`, append(args, id)...).Scan(&access, &caseID)
	if errors.Is(err, sql.ErrNoRows) {
		return objectHidden, 0, nil
	} else if err != nil {
		return objectHidden, 0, translate(err)
	}
	if access == objectHidden {
		return objectHidden, 0, nil
	}
	return access, caseID, nil
}

// inCase reports whether a row of case rowCase is one of case caseID, the
// case a caller acts in (0: any case, the API's routes by the row's own
// id). A row of another case is refused as not found, as one the caller
// cannot see, so that a form's case_id sent with another value changes
// nothing (README, JSON API: bad input).
func inCase(caseID, rowCase int64) bool { return caseID == 0 || caseID == rowCase }

// The authorize* checks (docs/design.md, rule 5): every operation on a case, entity, meeting,
// instrument, notice, JIT or evidence file reaches its object through one
// of them, and every transfer of operational personal data through
// authorizeTransfer. Each applies need to know (the predicates above) and
// the rules of the crosscase package.

// authorizeEntity returns entity id when ctx's user may do need with its
// case, through the same check as cases: ENOTFOUND when not visible.
func (tx *Tx) authorizeEntity(ctx context.Context, id int64, need caseNeed) (*crosscase.Entity, error) {
	access, caseID, err := tx.caseObjectAccess(ctx, "entities", id, need == needRead)
	if err != nil {
		return nil, err
	}
	switch access {
	case objectHidden:
		return nil, notFound("Entity")
	case objectVisible:
		if _, err := tx.authorizeCase(ctx, caseID, need); crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			return nil, notFound("Entity")
		} else if err != nil {
			return nil, err
		}
	}
	return scanEntity(tx.queryRow(ctx, `SELECT `+entityColumns+` FROM entities WHERE id = ?`, id))
}

// authorizeMeeting returns meeting id and its case when ctx's user may do
// need with the case; ENOTFOUND when the case is not visible.
func (tx *Tx) authorizeMeeting(ctx context.Context, id int64, need caseNeed) (*crosscase.Meeting, *crosscase.Case, error) {
	if access, _, err := tx.caseObjectAccess(ctx, "meetings", id, false); err != nil {
		return nil, nil, err
	} else if access == objectHidden {
		return nil, nil, notFound("Meeting")
	}
	m, err := scanMeeting(tx.queryRow(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound("Meeting")
	} else if err != nil {
		return nil, nil, err
	}
	c, err := tx.authorizeCase(ctx, m.CaseID, need)
	if err != nil {
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			return nil, nil, notFound("Meeting")
		}
		return nil, nil, err
	}
	if err := tx.loadParticipants(ctx, []*crosscase.Meeting{m}); err != nil {
		return nil, nil, err
	}
	return m, c, nil
}

// authorizeInstrument returns instrument id and its case when ctx's user
// may do need with the case: ENOTFOUND when the case is not visible.
func (tx *Tx) authorizeInstrument(ctx context.Context, id int64, need caseNeed) (*crosscase.Instrument, *crosscase.Case, error) {
	return tx.loadInstrument(ctx, id, need, false)
}

// authorizeNotice returns notice id when the caller's desk sent or
// received it, and ENOTFOUND otherwise (also for users without a desk).
func (tx *Tx) authorizeNotice(ctx context.Context, id int64) (*crosscase.Notice, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if !crosscase.CanReadNotices(u) {
		return nil, notFound("Notice")
	}
	n, err := scanNotice(tx.queryRow(ctx, `SELECT `+noticeColumns+` FROM notices n JOIN desks dk ON dk.id = n.sender_desk_id
		WHERE n.id = ? AND (n.sender_desk_id = ? OR EXISTS (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id AND r.desk_id = ?))`, id, u.DeskID, u.DeskID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Notice")
	}
	return n, err
}

// jitNeed is what a caller wants to do with a JIT.
type jitNeed int

const (
	jitRecord  jitNeed = iota // read the record: parties, dates, members (administrators too)
	jitSpace                  // messages and evidence: members and party desk users
	jitManage                 // extend, fund, link cases: party desk members and liaison prosecutors
	jitMembers                // add members: administrators and party desk members
	jitPost                   // post messages and evidence: as jitSpace, while the JIT runs
)

// jitAccess is what authorizeJIT found out about the caller and a JIT.
type jitAccess struct {
	jit   *crosscase.JIT
	space bool // the caller uses the JIT's space: a member, or a user of a party's desk
	admin bool
}

// authorizeJIT is the one check every JIT operation goes through. It
// returns the JIT with its lists when ctx's user may do need with it:
// ENOTFOUND when the user may not see it (whether or not it exists),
// EFORBIDDEN when they see it but may not do need.
func (tx *Tx) authorizeJIT(ctx context.Context, id int64, need jitNeed) (*jitAccess, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	pred, args := visibleJITPredicate(u)
	jits, err := tx.findJITs(ctx, `j.id = ? AND `+pred, append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	if len(jits) == 0 {
		return nil, notFound("JIT")
	}
	a := &jitAccess{jit: jits[0], space: crosscase.CanUseJITSpace(u, jits[0]), admin: u.IsAdmin()}
	switch need {
	case jitSpace, jitPost:
		if !a.space {
			if a.admin {
				return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Administrators administer JITs; their messages and evidence are for members and the parties' desks.")
			}
			return nil, notFound("JIT")
		}
	case jitManage:
		if !crosscase.CanManageJIT(u, a.jit) {
			return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members of the JIT's parties (%s) may do this.", partyList(a.jit))
		}
	case jitMembers:
		if !crosscase.CanAddJITMembers(u, a.jit) {
			return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only administrators and desk members of the JIT's parties (%s) may add members.", partyList(a.jit))
		}
	}
	if (need == jitPost || need == jitMembers) && !a.jit.Running(crosscase.DateOf(tx.now)) {
		return nil, errJITEnded(a.jit)
	}
	if err := tx.loadJITCases(ctx, u, a.jit); err != nil {
		return nil, err
	}
	return a, nil
}

// authorizeJITSpace applies the partner data rule to opening JIT id's
// space (its messages and evidence metadata, which hold operational
// personal data) to a party or member of country: a third country needs a
// cooperation agreement (Regulation (EU) 2018/1727, Art. 56(2)); a working
// arrangement is no basis. Allowed transfers to a third country are
// audited; a refusal is EFORBIDDEN naming field and the rule.
func (tx *Tx) authorizeJITSpace(ctx context.Context, field, country string, id int64) error {
	err := tx.authorizeTransfer(ctx, country, crosscase.TransferJITSpace, "jit", id, 0)
	var e *crosscase.Error
	if errors.As(err, &e) && e.Code == crosscase.EFORBIDDEN {
		return crosscase.InField(err, field)
	}
	return err
}

// authorizeEvidence returns evidence id when the caller may see its JIT's
// space; ENOTFOUND otherwise, exactly as for a missing file.
func (tx *Tx) authorizeEvidence(ctx context.Context, id int64) (*crosscase.Evidence, *jitAccess, error) {
	// One statement first, as for a missing file, so that a file of a JIT
	// the caller may not see costs what a missing one does.
	u, err := requireUser(ctx)
	if err != nil {
		return nil, nil, err
	}
	pred, args := visibleJITPredicate(u)
	var visible int
	err = tx.queryRow(ctx, `SELECT CASE WHEN `+pred+` THEN 1 ELSE 0 END FROM jit_evidence e JOIN jits j ON j.id = e.jit_id WHERE e.id = ?`, append(args, id)...).Scan(&visible)
	if errors.Is(err, sql.ErrNoRows) || err == nil && visible == 0 {
		return nil, nil, notFound("Evidence")
	} else if err != nil {
		return nil, nil, translate(err)
	}
	list, err := tx.findEvidence(ctx, `e.id = ?`, id)
	if err != nil {
		return nil, nil, err
	}
	if len(list) == 0 {
		return nil, nil, notFound("Evidence")
	}
	a, err := tx.authorizeJIT(ctx, list[0].JITID, jitSpace)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		return nil, nil, notFound("Evidence")
	} else if err != nil {
		return nil, nil, err
	}
	return list[0], a, nil
}

// authorizeDownload returns evidence id when the caller may download it:
// its uploader or one of its recipients, while the file is kept.
func (tx *Tx) authorizeDownload(ctx context.Context, id int64) (*crosscase.Evidence, *crosscase.EvidenceRecipient, error) {
	ev, _, err := tx.authorizeEvidence(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if ev.DeletedAt != nil {
		return nil, nil, crosscase.Errorf(crosscase.ENOTFOUND, "This evidence file was deleted on %s: %s. Its record and audit trail remain.", ev.DeletedAt.Format("2006-01-02 15:04 UTC"), ev.DeletedReason)
	}
	// Regulation (EU) 2023/969, Art. 21: at the latest 4 weeks after
	// upload the file must be gone, whether or not the sweep has run yet.
	if due := ev.UploadedAt.Add(crosscase.EvidenceRetention); !tx.now.Before(due) {
		return nil, nil, crosscase.Errorf(crosscase.ENOTFOUND, "This evidence file expired on %s, 4 weeks after its upload (Regulation (EU) 2023/969, Art. 21); it is deleted. Its record and audit trail remain.", due.Format("2006-01-02 15:04 UTC"))
	}
	u := crosscase.UserFromContext(ctx)
	var me *crosscase.EvidenceRecipient
	for _, r := range ev.Recipients {
		if r.UserID == u.ID {
			me = r
		}
	}
	if me == nil && ev.UploadedBy != u.ID {
		return nil, nil, crosscase.Errorf(crosscase.EFORBIDDEN, "This file is marked for other members; only they and its uploader download it.")
	}
	if me != nil {
		// Every path that makes evidence reachable by a member applies
		// the partner data rule (Regulation (EU) 2018/1727, Art. 56),
		// on the member's real country.
		if err := tx.checkMemberCountry(ctx, "", &crosscase.JITMember{UserID: u.ID, UserName: u.Name, CountryCode: me.CountryCode}); err != nil {
			return nil, nil, err
		}
		if err := tx.authorizeTransfer(ctx, me.CountryCode, crosscase.TransferEvidence, "jit_evidence", id, 0); err != nil {
			return nil, nil, err
		}
	}
	return ev, me, nil
}

// authorizeTransfer applies the partner data rule (crosscase.CheckTransfer)
// to sending operational personal data of kind what to country. Every path
// that sends such data out of the agency calls it in its transaction. An
// allowed transfer to a third country is audited as ActionTransfer in the
// same transaction; a refusal is returned as EFORBIDDEN naming the rule,
// and the caller's refusal audit records it. Member states need nothing.
func (tx *Tx) authorizeTransfer(ctx context.Context, country, what, objectType string, objectID, caseID int64) error {
	third, err := tx.checkTransfer(ctx, country, what)
	if err != nil || !third {
		return err
	}
	tx.auditTransfer(ctx, country, what, objectType, objectID, caseID)
	return nil
}

// auditTransfer records an allowed transfer of what to third country
// country, in the transaction that makes it.
func (tx *Tx) auditTransfer(ctx context.Context, country, what, objectType string, objectID, caseID int64) {
	tx.audit(ctx, crosscase.ActionTransfer, objectType, objectID, caseID, "to="+country+" what="+what)
}

// authorizeCallerTransfer applies the partner data rule to operational
// personal data read or exported by ctx's user: a user of a third
// country's desk receives it in that country.
func (tx *Tx) authorizeCallerTransfer(ctx context.Context, what, objectType string, objectID, caseID int64) error {
	country, err := tx.callerCountry(ctx)
	if err != nil || country == "" {
		return err
	}
	return tx.authorizeTransfer(ctx, country, what, objectType, objectID, caseID)
}

// callerCountry is the country of ctx's user's desk, "" for a user
// without a desk. It is read from the store, never trusted from the
// caller.
func (tx *Tx) callerCountry(ctx context.Context) (string, error) {
	u := crosscase.UserFromContext(ctx)
	if u == nil || u.DeskID == 0 {
		return "", nil
	}
	var country string
	if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, u.DeskID).Scan(&country); err != nil {
		return "", translate(err)
	}
	return country, nil
}

// authorizeRetention returns case id when ctx's user may record its
// retention dates, reviews and acquittals (crosscase.CanReviewRetention):
// ENOTFOUND when they do not see it, EFORBIDDEN when they only read it.
func (tx *Tx) authorizeRetention(ctx context.Context, id int64) (*crosscase.Case, error) {
	c, err := tx.authorizeCase(ctx, id, needRead)
	if err != nil {
		return nil, err
	}
	if !crosscase.CanReviewRetention(crosscase.UserFromContext(ctx), c) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) reviews the retention of this case's personal data.", c.OwnerCountry)
	}
	return c, nil
}

// authorizeCentre returns centre id when ctx's user takes part in it
// (crosscase.IsCentreParticipant) and, for a desk user, need to know
// still lets them see its case: ENOTFOUND otherwise, exactly as for a
// missing centre. With lock, the centre's row is locked (PostgreSQL) so
// that its writers, and the numbering of its log, go one after the
// other. What the participant may do is decided by the caller with the
// crosscase.Can* rules of centres.
func (tx *Tx) authorizeCentre(ctx context.Context, id int64, lock bool) (*centreAccess, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if !u.Role.JITOnly() {
		// Every participant but an invited JIT-only member sees the case:
		// a centre of a case the caller may not see is refused after the
		// one statement that finds a missing one.
		if access, _, err := tx.caseObjectAccess(ctx, "centres", id, false); err != nil {
			return nil, err
		} else if access == objectHidden {
			return nil, notFound("Centre")
		}
	}
	q := `SELECT ` + centreColumns + ` FROM centres x JOIN cases c ON c.id = x.case_id WHERE x.id = ?`
	if lock && tx.db.dialect == Postgres {
		q += ` FOR UPDATE OF x`
	}
	c, err := scanCentre(tx.queryRow(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Centre")
	} else if err != nil {
		return nil, translate(err)
	}
	if err := tx.loadCentreLists(ctx, c); err != nil {
		return nil, err
	}
	me := *u
	if me.DeskID != 0 {
		if me.DeskCountry, err = tx.deskCountry(ctx, u); err != nil {
			return nil, err
		}
	}
	if !crosscase.IsCentreParticipant(&me, c) {
		return nil, notFound("Centre")
	}
	if me.Role.JITOnly() {
		// An invited JIT-only member takes part while they are a member
		// of a running JIT linked to the case (README, Who sees what).
		ok, err := tx.jitMemberOfCase(ctx, me.ID, c.CaseID)
		if err != nil {
			return nil, err
		} else if !ok {
			return nil, notFound("Centre")
		}
		cs, err := tx.findCase(ctx, `c.id = ?`, c.CaseID)
		if err != nil {
			return nil, translate(err)
		}
		return &centreAccess{centre: c, cs: cs, user: &me}, nil
	}
	// A desk user takes part only while need to know lets them see the case.
	cs, err := tx.authorizeCase(ctx, c.CaseID, needRead)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		return nil, notFound("Centre")
	} else if err != nil {
		return nil, err
	}
	return &centreAccess{centre: c, cs: cs, user: &me}, nil
}
