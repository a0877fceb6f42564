package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"crosscase"
)

const caseColumns = `c.id, c.reference, c.title, c.summary, c.owner_desk_id, c.owner_country, c.priority, c.status,
	c.opened_on, c.closed_on, c.victims, c.financial_damage_eur, c.version, c.created_at, c.updated_at`

func scanCase(s scanner) (*crosscase.Case, error) {
	c := &crosscase.Case{}
	var opened, closed, status string
	var created, updated int64
	if err := s.Scan(&c.ID, &c.Reference, &c.Title, &c.Summary, &c.OwnerDeskID, &c.OwnerCountry, &c.Priority, &status,
		&opened, &closed, &c.Victims, &c.FinancialDamageEUR, &c.Version, &created, &updated); err != nil {
		return nil, err
	}
	c.Status = crosscase.CaseStatus(status)
	c.OpenedOn, c.ClosedOn = parseDateText(opened), parseDateText(closed)
	c.CreatedAt, c.UpdatedAt = fromMicros(created), fromMicros(updated)
	c.AskedCountries, c.CrimeTypes, c.AuthorityIDs = []string{}, []string{}, []int64{}
	return c, nil
}

// findCase returns the one case matching where (on alias c) with its lists.
func (tx *Tx) findCase(ctx context.Context, where string, args ...any) (*crosscase.Case, error) {
	c, err := scanCase(tx.queryRow(ctx, `SELECT `+caseColumns+` FROM cases c WHERE `+where, args...))
	if err != nil {
		return nil, err
	}
	if err := tx.loadCaseLists(ctx, []*crosscase.Case{c}); err != nil {
		return nil, err
	}
	return c, nil
}

// loadCaseLists fills the asked countries, crime types, authorities and
// entity counts of cases in four queries.
func (tx *Tx) loadCaseLists(ctx context.Context, cases []*crosscase.Case) error {
	if len(cases) == 0 {
		return nil
	}
	byID := make(map[int64]*crosscase.Case, len(cases))
	ids := make([]any, len(cases))
	for i, c := range cases {
		byID[c.ID] = c
		ids[i] = c.ID
	}
	in := "(" + placeholders(len(ids)) + ")"
	each := func(q string, fn func(rows *sql.Rows) error) error { return tx.each(ctx, q, ids, fn) }
	if err := each(`SELECT case_id, country_code FROM case_countries WHERE party = 'asked' AND case_id IN `+in+` ORDER BY country_code`, func(rows *sql.Rows) error {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		byID[id].AskedCountries = append(byID[id].AskedCountries, code)
		return nil
	}); err != nil {
		return err
	}
	if err := each(`SELECT case_id, crime_type FROM case_crime_types WHERE case_id IN `+in+` ORDER BY crime_type`, func(rows *sql.Rows) error {
		var id int64
		var ct string
		if err := rows.Scan(&id, &ct); err != nil {
			return err
		}
		byID[id].CrimeTypes = append(byID[id].CrimeTypes, ct)
		return nil
	}); err != nil {
		return err
	}
	if err := each(`SELECT case_id, authority_id FROM case_authorities WHERE case_id IN `+in+` ORDER BY authority_id`, func(rows *sql.Rows) error {
		var id, aid int64
		if err := rows.Scan(&id, &aid); err != nil {
			return err
		}
		byID[id].AuthorityIDs = append(byID[id].AuthorityIDs, aid)
		return nil
	}); err != nil {
		return err
	}
	return each(`SELECT case_id, COUNT(*) FROM entities WHERE case_id IN `+in+` GROUP BY case_id`, func(rows *sql.Rows) error {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		byID[id].EntityCount = n
		return nil
	})
}

// FindCaseByID returns a visible case; ENOTFOUND otherwise. Audited as a
// read; a refusal is audited too.
func (d *DB) FindCaseByID(ctx context.Context, id int64) (*crosscase.Case, error) {
	var c *crosscase.Case
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if c, err = tx.authorizeCase(ctx, id, needRead); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "case", id, id, "")
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "case", id, id)
		return nil, err
	}
	return c, nil
}

// FindCases returns one page of visible cases matching f, newest first,
// and the next page's cursor. Audited as one list.
func (d *DB) FindCases(ctx context.Context, f crosscase.CaseFilter) ([]*crosscase.Case, string, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, "", err
	}
	if err := f.Validate(); err != nil {
		return nil, "", err
	}
	// The most selective index drives the scan, newest case first, so a
	// page stops after Limit+1 rows: the country index when a country is
	// asked for, else the crime-type index, else the cases themselves.
	// Every other condition, need to know included, is a per-row probe.
	from, key := `cases c`, `c.id`
	var args []any
	switch {
	case f.Country != "":
		from, key = `case_countries x JOIN cases c ON c.id = x.case_id`, `x.case_id`
	case f.CrimeType != "":
		from, key = `case_crime_types t JOIN cases c ON c.id = t.case_id`, `t.case_id`
	}
	var where []string
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	switch {
	case f.Country != "":
		add("x.country_code = ?", f.Country)
		if f.CrimeType != "" {
			add("EXISTS (SELECT 1 FROM case_crime_types t WHERE t.case_id = c.id AND t.crime_type = ?)", f.CrimeType)
		}
	case f.CrimeType != "":
		add("t.crime_type = ?", f.CrimeType)
	}
	pred, predArgs := visibleCasePredicate(u, d.today())
	add(pred, predArgs...)
	if f.Cursor != "" {
		id, err := strconv.ParseInt(strings.TrimPrefix(f.Cursor, "c"), 10, 64)
		if err != nil || !strings.HasPrefix(f.Cursor, "c") || id < 1 {
			return nil, "", crosscase.FieldErrorf("cursor", "The cursor is not one this server gave.")
		}
		add(key+" < ?", id)
	}
	switch f.Scope {
	case crosscase.ScopeOwned:
		add("c.owner_desk_id = ?", u.DeskID)
	case crosscase.ScopeAsked:
		add(`c.owner_desk_id <> ?`, u.DeskID)
	}
	if f.Status != "" {
		add("c.status = ?", string(f.Status))
	}
	if f.Priority != "" {
		add("c.priority = ?", f.Priority)
	}
	if !f.OpenedFrom.IsZero() {
		add("c.opened_on >= ?", dateText(f.OpenedFrom))
	}
	if !f.OpenedTo.IsZero() {
		add("c.opened_on <= ?", dateText(f.OpenedTo))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		words := strings.Fields(crosscase.FoldSearchText(q))
		if len(words) == 0 {
			add("1 = 0") // only marks, which folding removes: nothing holds them
		}
		for _, word := range words {
			if d.dialect == SQLite && trigramIndexed(word) {
				// The trigram index proposes the cases (migration 0035);
				// PostgreSQL's uses the LIKE itself.
				add(`c.id IN (SELECT rowid FROM case_trigrams WHERE search LIKE ?)`, "%"+word+"%")
			}
			add(`c.search LIKE ? ESCAPE '\'`, "%"+escapeLike(word)+"%")
		}
	}
	q := `SELECT ` + caseColumns + ` FROM ` + from + ` WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + key + ` DESC LIMIT ?`
	args = append(args, f.Limit+1)
	var out []*crosscase.Case
	more := false
	err = d.withTx(ctx, func(tx *Tx) error {
		if f.Country != "" {
			// An unknown country is a mistake to name, as everywhere a
			// country is given, not an empty list.
			if _, err := tx.findCountry(ctx, f.Country); crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
				return crosscase.FieldErrorf("country", "%q is not a country of the reference data.", f.Country)
			} else if err != nil {
				return err
			}
		}
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			c, err := scanCase(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if more = len(out) > f.Limit; more {
			out = out[:f.Limit]
		}
		if err := tx.loadCaseLists(ctx, out); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "case", 0, 0, fmt.Sprintf("results=%d", len(out)))
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if more {
		next = "c" + strconv.FormatInt(out[len(out)-1].ID, 10)
	}
	for _, c := range out {
		c.Access = accessOf(u, c)
	}
	return out, next, nil
}

// escapeLike escapes LIKE's wildcards in s (with '\' as escape).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// searchText is what free-text search looks in: the reference, title and
// summary, folded as a query is (crosscase.FoldSearchText: lower-cased,
// without diacritics).
func searchText(c *crosscase.Case) string {
	return crosscase.FoldSearchText(c.Reference + " " + c.Title + " " + c.Summary)
}

// CreateCase registers c for the caller's desk. EFORBIDDEN for roles that
// do not work on cases; EINVALID names the bad field.
func (d *DB) CreateCase(ctx context.Context, c *crosscase.Case) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !crosscase.CanRegisterCase(u) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors register cases.")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		var country string
		if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, u.DeskID).Scan(&country); err != nil {
			return fmt.Errorf("desk of user %d: %w", u.ID, err)
		}
		c.OwnerDeskID, c.OwnerCountry = u.DeskID, country
		if err := c.CheckDates(tx.latestToday(), crosscase.Date{}); err != nil {
			return err
		}
		return tx.insertCase(ctx, c, nil)
	})
}

// checkCaseRefs checks what Validate cannot: that the countries and
// authorities exist and the owner is not also asked.
func (tx *Tx) checkCaseRefs(ctx context.Context, c *crosscase.Case, countries map[string]bool) error {
	if countries == nil {
		var err error
		if countries, err = tx.countryCodes(ctx); err != nil {
			return err
		}
	}
	for i, code := range c.AskedCountries {
		if !countries[code] {
			return crosscase.FieldErrorf("asked_countries["+strconv.Itoa(i)+"]", "%q is not an ISO 3166-1 country.", code)
		}
		if code == c.OwnerCountry {
			return crosscase.FieldErrorf("asked_countries["+strconv.Itoa(i)+"]", "%s owns the case; it cannot also be asked.", code)
		}
	}
	for i, id := range c.AuthorityIDs {
		var one int
		if err := tx.queryRow(ctx, `SELECT 1 FROM authorities WHERE id = ?`, id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return crosscase.FieldErrorf("authority_ids["+strconv.Itoa(i)+"]", "Authority %d does not exist.", id)
		} else if err != nil {
			return err
		}
	}
	return nil
}

// countryCodes returns the set of known country codes. Codes come from
// ISO 3166-1 through migrations and are never removed, so the set is
// read once per process and again only when a code is missing from it.
func (tx *Tx) countryCodes(ctx context.Context) (map[string]bool, error) {
	tx.db.countriesMu.Lock()
	defer tx.db.countriesMu.Unlock()
	if tx.db.countries != nil {
		return tx.db.countries, nil
	}
	rows, err := tx.query(ctx, `SELECT code FROM countries`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		out[code] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) > 0 {
		tx.db.countries = out
	}
	return out, nil
}

// insertCase stores a validated case with its lists and audit entry, and
// sets its id, reference, version and times.
func (tx *Tx) insertCase(ctx context.Context, c *crosscase.Case, countries map[string]bool) error {
	if err := tx.checkCaseRefs(ctx, c, countries); err != nil {
		return err
	}
	now := micros(tx.now)
	id, err := tx.insert(ctx, `INSERT INTO cases (reference, title, summary, owner_desk_id, owner_country, priority, status, opened_on, closed_on, victims, financial_damage_eur, search, version, created_at, updated_at)
		VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?)`,
		c.Title, c.Summary, c.OwnerDeskID, c.OwnerCountry, c.Priority, string(c.Status), dateText(c.OpenedOn), dateText(c.ClosedOn), c.Victims, c.FinancialDamageEUR, now, now)
	if err != nil {
		return err
	}
	c.ID, c.Version = id, 1
	c.CreatedAt, c.UpdatedAt = fromMicros(now), fromMicros(now)
	c.Reference = fmt.Sprintf("%s/%d/%06d", c.OwnerCountry, c.OpenedOn.Year, id)
	if _, err := tx.exec(ctx, `UPDATE cases SET reference = ?, search = ? WHERE id = ?`, c.Reference, searchText(c), id); err != nil {
		return err
	}
	if err := tx.writeCaseLists(ctx, c, true); err != nil {
		return err
	}
	c.Access = crosscase.AccessOwner
	tx.audit(ctx, crosscase.ActionCreate, "case", id, id, "")
	return nil
}

// syncCaseSpans writes c's dates onto its countries and crime types, which
// carry them for the statistics.
func (tx *Tx) syncCaseSpans(ctx context.Context, c *crosscase.Case) error {
	old, err := tx.storedFacts(ctx, c.ID)
	if err != nil {
		return err
	}
	tx.addFlows(old, -1)
	tx.addFlows(factsOf(c), +1)
	opened, closed := dateText(c.OpenedOn), dateText(c.ClosedOn)
	if _, err := tx.exec(ctx, `UPDATE case_countries SET opened_on = ?, closed_on = ? WHERE case_id = ?`, opened, closed, c.ID); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE case_crime_types SET opened_on = ?, closed_on = ? WHERE case_id = ?`, opened, closed, c.ID)
	return err
}

// writeCaseLists writes the countries, crime types and authorities of c,
// replacing those stored unless the case is new.
func (tx *Tx) writeCaseLists(ctx context.Context, c *crosscase.Case, isNew bool) error {
	if !isNew {
		old, err := tx.storedFacts(ctx, c.ID)
		if err != nil {
			return err
		}
		tx.addFlows(old, -1)
		if err := tx.moveCaseInstruments(ctx, c.ID, old.desks(), factsOf(c).desks()); err != nil {
			return err
		}
	}
	tx.addFlows(factsOf(c), +1)
	for _, q := range []string{`DELETE FROM case_countries WHERE case_id = ?`, `DELETE FROM case_crime_types WHERE case_id = ?`, `DELETE FROM case_authorities WHERE case_id = ?`} {
		if _, err := tx.exec(ctx, q, c.ID); err != nil {
			return err
		}
	}
	// Each row carries the case's dates for the statistics (migration
	// 0017); syncCaseSpans keeps them when only the dates change.
	opened, closed := dateText(c.OpenedOn), dateText(c.ClosedOn)
	rows := [][]any{{c.ID, c.OwnerCountry, "owner", opened, closed}}
	for _, code := range c.AskedCountries {
		rows = append(rows, []any{c.ID, code, "asked", opened, closed})
	}
	if err := tx.insertRows(ctx, `INSERT INTO case_countries (case_id, country_code, party, opened_on, closed_on) VALUES `, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, ct := range c.CrimeTypes {
		rows = append(rows, []any{c.ID, ct, opened, closed, c.OwnerCountry})
	}
	if err := tx.insertRows(ctx, `INSERT INTO case_crime_types (case_id, crime_type, opened_on, closed_on, owner_country) VALUES `, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, aid := range c.AuthorityIDs {
		rows = append(rows, []any{c.ID, aid})
	}
	if err := tx.insertRows(ctx, `INSERT INTO case_authorities (case_id, authority_id) VALUES `, rows); err != nil {
		return err
	}
	if isNew {
		return nil // no results yet
	}
	return tx.syncDeskResults(ctx, []int64{c.ID})
}

// insertRows inserts rows (all of one width) with multi-row VALUES
// statements of at most 4,000 parameters each.
func (tx *Tx) insertRows(ctx context.Context, prefix string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	per := max(1, 4000/width)
	tuple := "(" + placeholders(width) + ")"
	for start := 0; start < len(rows); start += per {
		end := min(len(rows), start+per)
		var b strings.Builder
		b.WriteString(prefix)
		args := make([]any, 0, (end-start)*width)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			args = append(args, rows[i]...)
		}
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// earliestCaseEvent returns the date of case id's earliest action or
// result (zero when it has none).
func (tx *Tx) earliestCaseEvent(ctx context.Context, id int64) (crosscase.Date, error) {
	var first sql.NullString
	err := tx.queryRow(ctx, `SELECT MIN(d) FROM (SELECT MIN(on_date) AS d FROM case_actions WHERE case_id = ?
		UNION ALL SELECT MIN(on_date) FROM case_results WHERE case_id = ?) AS events`, id, id).Scan(&first)
	if err != nil || !first.Valid {
		return crosscase.Date{}, err
	}
	return crosscase.ParseDate(first.String)
}

// UpdateCase changes a case of the caller's desk: ENOTFOUND when not
// visible, EFORBIDDEN when visible but not the caller's to change,
// ECONFLICT on a stale version, EINVALID on bad fields.
func (d *DB) UpdateCase(ctx context.Context, id int64, upd crosscase.CaseUpdate) (*crosscase.Case, error) {
	var c *crosscase.Case
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if c, err = tx.authorizeCase(ctx, id, needWrite); err != nil {
			return err
		}
		if upd.Version != c.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The case was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.", c.Version, upd.Version)
		}
		before := *c
		upd.Apply(c)
		if err := c.Validate(); err != nil {
			return err
		}
		changed := crosscase.ChangedCaseFields(&before, c)
		if len(changed) == 0 {
			*c = before // nothing to change: nothing written, the version kept
			return nil
		}
		var earliest crosscase.Date // only a new opening date can come after the results
		if upd.OpenedOn != nil {
			if earliest, err = tx.earliestCaseEvent(ctx, id); err != nil {
				return err
			}
		}
		if err := c.CheckDates(tx.latestToday(), earliest); err != nil {
			return err
		}
		if err := tx.checkCaseRefs(ctx, c, nil); err != nil {
			return err
		}
		now := micros(tx.now)
		res, err := tx.exec(ctx, `UPDATE cases SET title = ?, summary = ?, priority = ?, status = ?, opened_on = ?, closed_on = ?, victims = ?, financial_damage_eur = ?, search = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			c.Title, c.Summary, c.Priority, string(c.Status), dateText(c.OpenedOn), dateText(c.ClosedOn), c.Victims, c.FinancialDamageEUR, searchText(c), now, id, upd.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "The case was changed by someone else. Reload it and apply your change again.")
		}
		if upd.AskedCountries != nil || upd.CrimeTypes != nil || upd.AuthorityIDs != nil {
			if err := tx.writeCaseLists(ctx, c, false); err != nil {
				return err
			}
		} else if err := tx.syncCaseSpans(ctx, c); err != nil {
			return err
		}
		if upd.Victims != nil || upd.FinancialDamageEUR != nil {
			if err := tx.copyCaseHarm(ctx, []int64{id}); err != nil {
				return err
			}
		}
		c.Version++
		c.UpdatedAt = fromMicros(now)
		tx.audit(ctx, crosscase.ActionUpdate, "case", id, id, "fields="+strings.Join(changed, ","))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "case", id, id)
		return nil, err
	}
	return c, nil
}

// GrantCase lets deskID see case id; only the owner desk may grant.
func (d *DB) GrantCase(ctx context.Context, id, deskID int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		c, err := tx.authorizeCase(ctx, id, needWrite)
		if err != nil {
			return err
		}
		var country, kind string
		if err := tx.queryRow(ctx, `SELECT country_code, kind FROM desks WHERE id = ?`, deskID).Scan(&country, &kind); errors.Is(err, sql.ErrNoRows) {
			return crosscase.FieldErrorf("desk_id", "Desk %d does not exist.", deskID)
		} else if err != nil {
			return err
		}
		if err := crosscase.CheckGrant(c, &crosscase.Desk{ID: deskID, CountryCode: country, Kind: crosscase.DeskKind(kind)}); err != nil {
			return err
		}
		if err := tx.authorizeTransfer(ctx, country, crosscase.TransferGrant, "case", id, id); err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		if _, err := tx.exec(ctx, `INSERT INTO case_grants (case_id, desk_id, granted_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, desk_id) DO NOTHING`,
			id, deskID, u.ID, micros(tx.now)); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionGrant, "case", id, id, "desk="+strconv.FormatInt(deskID, 10))
		return nil
	})
	d.recordRefusal(ctx, err, "case", id, id)
	return err
}

// RevokeCaseGrant removes a grant; only the owner desk may revoke.
// ENOTFOUND when there is no such grant.
func (d *DB) RevokeCaseGrant(ctx context.Context, id, deskID int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, id, needWrite); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM case_grants WHERE case_id = ? AND desk_id = ?`, id, deskID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Grant")
		}
		tx.audit(ctx, crosscase.ActionRevoke, "case", id, id, "desk="+strconv.FormatInt(deskID, 10))
		return nil
	})
	d.recordRefusal(ctx, err, "case", id, id)
	return err
}

// ListCaseGrants returns the grants of a visible case.
func (d *DB) ListCaseGrants(ctx context.Context, id int64) ([]*crosscase.CaseGrant, error) {
	var out []*crosscase.CaseGrant
	err := d.read(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeCase(ctx, id, needRead); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT case_id, desk_id, granted_by, created_at FROM case_grants WHERE case_id = ? ORDER BY desk_id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			g := &crosscase.CaseGrant{}
			var at int64
			if err := rows.Scan(&g.CaseID, &g.DeskID, &g.GrantedBy, &at); err != nil {
				return err
			}
			g.CreatedAt = fromMicros(at)
			out = append(out, g)
		}
		return rows.Err()
	})
	d.recordRefusal(ctx, err, "case", id, id)
	return out, err
}

// RecentActivity returns recent changes on cases visible to the caller.
func (d *DB) RecentActivity(ctx context.Context, limit int) ([]*crosscase.Activity, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if limit < 1 || limit > 200 {
		limit = 20
	}
	pred, args := visibleCasePredicate(u, d.today())
	q := `SELECT a.at, a.user_name, a.action, a.object_type, c.id, c.reference, c.title
		FROM audit_log a JOIN cases c ON c.id = a.case_id
		WHERE a.action IN ('create', 'update', 'delete', 'grant', 'revoke') AND a.object_type IN ('case', 'entity') AND ` + pred + `
		ORDER BY a.seq DESC LIMIT ?`
	var out []*crosscase.Activity
	err = d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, append(args, limit)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a := &crosscase.Activity{}
			var at int64
			if err := rows.Scan(&at, &a.UserName, &a.Action, &a.ObjectType, &a.CaseID, &a.CaseReference, &a.CaseTitle); err != nil {
				return err
			}
			a.At = fromMicros(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// FindExternalRefs implements crosscase.EntityReader: need to know is
// the cases' visibility predicate, as for FindCaseRefs.
func (d *DB) FindExternalRefs(ctx context.Context, ids []int64) (map[int64]string, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string)
	pred, predArgs := visibleCasePredicate(u, d.today())
	err = d.withTx(ctx, func(tx *Tx) error {
		err := eachChunk(ids, func(in string, args []any) error {
			rows, err := tx.query(ctx, `SELECT e.id, e.external_ref FROM entities e JOIN cases c ON c.id = e.case_id
				WHERE `+pred+` AND e.external_ref <> '' AND e.id IN `+in, slices.Concat(predArgs, args)...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				var ref string
				if err := rows.Scan(&id, &ref); err != nil {
					rows.Close()
					return err
				}
				out[id] = ref
			}
			rows.Close()
			return rows.Err()
		})
		if err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "entity", 0, 0, fmt.Sprintf("external refs=%d", len(out)))
		return nil
	})
	return out, err
}

// FindCaseRefs returns the owner of each case in ids and, for the cases
// whose entities the caller may read (need to know and the partner data
// rule), the reference. Audited as one list.
func (d *DB) FindCaseRefs(ctx context.Context, ids []int64) (map[int64]*crosscase.CaseRef, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	var out map[int64]*crosscase.CaseRef
	err = d.withTx(ctx, func(tx *Tx) error {
		var country string
		var third bool
		if out, country, third, err = tx.caseRefs(ctx, u, ids); err != nil {
			return err
		}
		for _, r := range out {
			if r.Visible && third {
				tx.auditTransfer(ctx, country, crosscase.TransferRead, "case", r.ID, r.ID)
			}
		}
		tx.audit(ctx, crosscase.ActionList, "case", 0, 0, fmt.Sprintf("case refs=%d", len(out)))
		return nil
	})
	return out, err
}

// caseRefs is FindCaseRefs without its audit: the owner of each case in
// ids, whether u may read its entities (Visible) and then its reference,
// and the caller's country when it is a third country whose reads are
// transfers (third). RecordListCheckHits decides by it which hits of a
// bulk check the caller did not see, as the check showed them.
func (tx *Tx) caseRefs(ctx context.Context, u *crosscase.User, ids []int64) (out map[int64]*crosscase.CaseRef, country string, third bool, err error) {
	out = make(map[int64]*crosscase.CaseRef, len(ids))
	pred, predArgs := visibleCasePredicate(u, tx.today())
	err = eachChunk(ids, func(in string, args []any) error {
		rows, err := tx.query(ctx, `SELECT c.id, c.owner_desk_id, c.owner_country, c.reference, CASE WHEN `+pred+` THEN 1 ELSE 0 END FROM cases c WHERE c.id IN `+in, slices.Concat(predArgs, args)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			r := &crosscase.CaseRef{}
			var visible int
			if err := rows.Scan(&r.ID, &r.OwnerDeskID, &r.OwnerCountry, &r.Reference, &visible); err != nil {
				rows.Close()
				return err
			}
			r.Visible = visible == 1
			out[r.ID] = r
		}
		rows.Close()
		return rows.Err()
	})
	if err != nil {
		return nil, "", false, err
	}
	// A desk of a third country without a cooperation agreement sees
	// the cases it is asked in, not their entities: a hit may not tell
	// it who is in one (README, "Partner data rule"). The rule depends
	// on the caller's country only, so it is decided once; each case
	// shown to a third country is audited as a transfer (FindCaseRefs).
	if country, err = tx.callerCountry(ctx); err != nil {
		return nil, "", false, err
	}
	refused := false
	if country != "" {
		third, err = tx.checkTransfer(ctx, country, crosscase.TransferRead)
		if refused = crosscase.ErrorCode(err) == crosscase.EFORBIDDEN; err != nil && !refused {
			return nil, "", false, err
		}
	}
	for _, r := range out {
		if r.Visible && refused {
			r.Visible = false
		}
		if !r.Visible {
			r.Reference = ""
		}
	}
	return out, country, third, nil
}
