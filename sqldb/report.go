package sqldb

import (
	"context"
	"sort"
	"strings"
	"time"

	"crosscase"
)

// The statistics and the annual report (README, "Statistics and the
// annual report"). The cases handled and new, by crime type and by
// country, come from the summary of openings and closings
// (report_flows.go); every other figure is one aggregate query over the
// records the cases hold, its definition on the field of
// crosscase.Report; a desk's own figures add the scope condition on the
// case (its country owns it or is asked in it). Dates are stored as
// YYYY-MM-DD text, so a period is a range of text on the indexed columns.

// reportScope is a report's scope: the agency's (every case) or a
// desk's (the cases its country owns or is asked in). A desk's case
// figures and instruments come from its summary (stat_desk_flows), its
// results from their copy per country of their case (desk_results); the
// other rows of a period probe the desk's row of case_countries for their
// case (probe; the table's primary key starts with the country).
type reportScope struct {
	desk string // the desk's country; "" for the agency
	args []any  // the arguments of cond
}

func scopeOf(scope string) reportScope {
	if scope == crosscase.AgencyScope {
		return reportScope{}
	}
	return reportScope{desk: scope, args: []any{scope}}
}

// probe is the scope's condition on the case whose id is in column col,
// probed for each row: for the tables whose rows in a period are fewer
// than a desk's cases (meetings, centres, a period's new cases of third
// countries), with args.
func (sc reportScope) probe(col string) string {
	if sc.desk == "" {
		return "1 = 1"
	}
	return `EXISTS (SELECT 1 FROM case_countries sc WHERE sc.case_id = ` + col + ` AND sc.country_code = ?)`
}

// Report implements crosscase.ReportService.
func (d *DB) Report(ctx context.Context, from, to crosscase.Date) (*crosscase.Report, error) {
	return d.report(ctx, from, to, true)
}

// report is Report; with hide false it keeps small counts for everyone
// (the figures' own tests).
func (d *DB) report(ctx context.Context, from, to crosscase.Date, hide bool) (*crosscase.Report, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	scope, ok := crosscase.ReportScope(u, u.DeskCountry)
	if !ok {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only statistics users, and the users of a desk for its own figures, see the statistics.")
	}
	if err := crosscase.CheckPeriodFor(u, from, to, crosscase.DateOf(d.Now().UTC())); err != nil {
		return nil, err
	}
	r := &crosscase.Report{From: from, To: to, Scope: scope}
	r.PreviousFrom, r.PreviousTo = crosscase.PreviousPeriod(from, to)
	err = d.withTx(ctx, func(tx *Tx) error {
		if err := tx.fillReport(ctx, r, scopeOf(scope)); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "statistics", 0, 0, "report from="+from.String()+" to="+to.String()+" scope="+scope)
		return nil
	})
	if err != nil {
		return nil, translate(err)
	}
	if hide && crosscase.HidesSmallCounts(u) {
		r.HideSmallCounts()
	}
	if hide && !crosscase.ShowsBreakdowns(u, from, to) {
		r.WithholdBreakdowns()
	}
	return r, nil
}

// fillReport computes every figure of r in tx.
func (tx *Tx) fillReport(ctx context.Context, r *crosscase.Report, sc reportScope) error {
	from, to := dateText(r.From), dateText(r.To)
	// The table of years counts its last year to yearsEnd: to the end of
	// last month while it is under way, for the readers of whole months
	// that are over (r.To is no later, CheckPeriodFor).
	yearsEnd := crosscase.YearsEnd(crosscase.UserFromContext(ctx), r.To.Year, crosscase.DateOf(tx.now.UTC()))
	var err error
	count := func(q string, args ...any) int {
		if err != nil {
			return 0
		}
		var n int
		err = tx.queryRow(ctx, q, args...).Scan(&n)
		return n
	}
	// The case figures come from the summary of openings and closings
	// (report_flows.go), the agency's or the desk's.
	if err := tx.fillFromFlows(ctx, r, sc, yearsEnd); err != nil {
		return err
	}
	yearCounts := make([][2]int, 0, len(r.Years))
	for _, y := range r.Years {
		yearCounts = append(yearCounts, [2]int{y.Handled, y.New})
	}
	// New cases a third country owns or is asked in, from the countries'
	// rows of the cases opened in the period: the third countries are
	// listed first, so that each count probes the index by country
	// (migration 0023) instead of reading every row of the period.
	thirds, err := tx.thirdCountryCodes(ctx)
	if err != nil {
		return err
	}
	if len(thirds) == 0 {
		thirds = []any{""} // no third country: nothing matches
	}
	in := `(` + placeholders(len(thirds)) + `)`
	r.ThirdCountryNew = count(`SELECT COUNT(DISTINCT p.case_id) FROM case_countries p WHERE p.country_code IN `+in+` AND p.opened_on >= ? AND p.opened_on <= ? AND `+sc.probe("p.case_id"),
		append(append(thirds, from, to), sc.args...)...)
	r.ThirdCountryOwned = count(`SELECT COUNT(*) FROM case_countries p WHERE p.country_code IN `+in+` AND p.party = 'owner' AND p.opened_on >= ? AND p.opened_on <= ? AND `+sc.probe("p.case_id"),
		append(append(thirds, from, to), sc.args...)...)
	// Centres held: on an action day in the period, not after today.
	held := to
	if today := dateText(crosscase.DateOf(tx.now.UTC())); today < held {
		held = today
	}
	r.Centres = count(`SELECT COUNT(*) FROM centres ce WHERE ce.action_date >= ? AND ce.action_date <= ? AND `+sc.probe("ce.case_id"),
		append([]any{from, held}, sc.args...)...)
	r.Meetings = tx.meetingsHeld(ctx, r.From, r.To, sc, &err)
	r.PreviousMeetings = tx.meetingsHeld(ctx, r.PreviousFrom, r.PreviousTo, sc, &err)
	if err != nil {
		return err
	}
	if err := tx.reportJITs(ctx, r, sc); err != nil {
		return err
	}
	if r.Results, err = tx.scopedResultTotals(ctx, r.From, r.To, sc); err != nil {
		return err
	}
	if r.PreviousResults, err = tx.scopedResultTotals(ctx, r.PreviousFrom, r.PreviousTo, sc); err != nil {
		return err
	}
	return tx.reportYears(ctx, r, sc, yearCounts, yearsEnd)
}

// thirdCountryCodes returns the codes of the countries that are not
// member states, as query arguments.
func (tx *Tx) thirdCountryCodes(ctx context.Context) ([]any, error) {
	rows, err := tx.query(ctx, `SELECT code FROM countries WHERE standing <> 'member_state' ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []any
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		out = append(out, code)
	}
	return out, rows.Err()
}

// meetingsHeld counts the meetings of cases in scope starting in the
// period and not after now.
func (tx *Tx) meetingsHeld(ctx context.Context, from, to crosscase.Date, sc reportScope, errp *error) int {
	if *errp != nil {
		return 0
	}
	lo, hi := periodMicros(from, to)
	if now := micros(tx.now) + 1; now < hi {
		hi = now
	}
	var n int
	*errp = tx.queryRow(ctx, `SELECT COUNT(*) FROM meetings m WHERE m.starts_at >= ? AND m.starts_at < ? AND `+sc.probe("m.case_id"),
		append([]any{lo, hi}, sc.args...)...).Scan(&n)
	return n
}

// rankCountries turns the cases handled per country and party into the
// third countries' ranking and the member states' desks.
func (tx *Tx) rankCountries(ctx context.Context, r *crosscase.Report, counts map[[2]string]int) error {
	countries := map[string][2]string{} // code: name, standing
	krows, err := tx.query(ctx, `SELECT code, name, standing FROM countries`)
	if err != nil {
		return err
	}
	for krows.Next() {
		var code, name, standing string
		if err := krows.Scan(&code, &name, &standing); err != nil {
			krows.Close()
			return err
		}
		countries[code] = [2]string{name, standing}
	}
	krows.Close()
	if err := krows.Err(); err != nil {
		return err
	}
	third := map[string]*crosscase.CountryFigure{}
	desks := map[string]*crosscase.DeskFigure{}
	for k, n := range counts {
		code, party := k[0], k[1]
		if n == 0 {
			continue
		}
		name, standing := countries[code][0], countries[code][1]
		if standing != string(crosscase.StandingMember) {
			if third[code] == nil {
				third[code] = &crosscase.CountryFigure{Code: code, Name: name}
			}
			third[code].Cases += n
			continue
		}
		if desks[code] == nil {
			desks[code] = &crosscase.DeskFigure{Code: code, Name: name}
		}
		if party == "owner" {
			desks[code].Owned += n
		} else {
			desks[code].AskedIn += n
		}
	}
	r.ThirdCountries = []crosscase.CountryFigure{}
	for _, f := range third {
		r.ThirdCountries = append(r.ThirdCountries, *f)
	}
	sort.Slice(r.ThirdCountries, func(i, j int) bool {
		a, b := r.ThirdCountries[i], r.ThirdCountries[j]
		return a.Cases > b.Cases || a.Cases == b.Cases && a.Code < b.Code
	})
	r.Desks = []crosscase.DeskFigure{}
	for _, f := range desks {
		r.Desks = append(r.Desks, *f)
	}
	sort.Slice(r.Desks, func(i, j int) bool {
		a, b := r.Desks[i], r.Desks[j]
		return a.Owned+a.AskedIn > b.Owned+b.AskedIn || a.Owned+a.AskedIn == b.Owned+b.AskedIn && a.Code < b.Code
	})
	return nil
}

// jitScope is the scope condition on JIT j: a party of it for a desk.
func jitScope(sc reportScope) string {
	if len(sc.args) == 0 {
		return "1 = 1"
	}
	return `EXISTS (SELECT 1 FROM jit_parties jp WHERE jp.jit_id = j.id AND jp.country_code = ?)`
}

// reportJITs counts the JITs supported, signed and funded.
func (tx *Tx) reportJITs(ctx context.Context, r *crosscase.Report, sc reportScope) error {
	js := jitScope(sc)
	supported := `j.signed_on <= ? AND j.current_ends_on >= ?`
	q := func(where string, args ...any) (int, error) {
		var n int
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM jits j WHERE `+where+` AND `+js, append(args, sc.args...)...).Scan(&n)
		return n, err
	}
	var err error
	if r.JITsSupported, err = q(supported, dateText(r.To), dateText(r.From)); err != nil {
		return err
	}
	if r.PreviousJITsSupported, err = q(supported, dateText(r.PreviousTo), dateText(r.PreviousFrom)); err != nil {
		return err
	}
	if r.JITsSigned, err = q(`j.signed_on >= ? AND j.signed_on <= ?`, dateText(r.From), dateText(r.To)); err != nil {
		return err
	}
	granted := `f.status IN ('granted', 'paid') AND f.decided_on >= ? AND f.decided_on <= ?`
	if r.JITsFunded, err = q(supported+` AND EXISTS (SELECT 1 FROM jit_funding f WHERE f.jit_id = j.id AND `+granted+`)`,
		dateText(r.To), dateText(r.From), dateText(r.From), dateText(r.To)); err != nil {
		return err
	}
	return tx.queryRow(ctx, `SELECT COALESCE(SUM(f.granted_eur), 0) FROM jit_funding f JOIN jits j ON j.id = f.jit_id WHERE `+granted+` AND `+js,
		append([]any{dateText(r.From), dateText(r.To)}, sc.args...)...).Scan(&r.FundingGrantedEUR)
}

// addInstrumentFigure adds n instruments of type t and outcome to byType.
func addInstrumentFigure(byType map[crosscase.InstrumentType]*crosscase.InstrumentFigure, t crosscase.InstrumentType, outcome crosscase.LimitOutcome, n int) {
	f := byType[t]
	if f == nil {
		f = &crosscase.InstrumentFigure{Type: t}
		byType[t] = f
	}
	f.Issued += n
	switch outcome {
	case crosscase.LimitMissed:
		f.Missed += n
	case crosscase.LimitRunning:
		f.Running += n
	default:
		f.Met += n
	}
}

// instrumentFigures lists byType's figures for every instrument type, in
// the types' order.
func instrumentFigures(byType map[crosscase.InstrumentType]*crosscase.InstrumentFigure) []crosscase.InstrumentFigure {
	out := []crosscase.InstrumentFigure{}
	for _, t := range crosscase.InstrumentTypes() {
		f := byType[t]
		if f == nil {
			f = &crosscase.InstrumentFigure{Type: t}
		}
		f.Label = t.Label()
		out = append(out, *f)
	}
	return out
}

// yearEnd is the last day the table of years counts of year y: its
// last, or yearsEnd for the last year of the table (crosscase.YearsEnd).
func yearEnd(y int, yearsEnd crosscase.Date) crosscase.Date {
	if y == yearsEnd.Year {
		return yearsEnd
	}
	return crosscase.Date{Year: y, Month: time.December, Day: 31}
}

// reportYears fills the crosscase.ReportYears calendar years up to the
// period's end, the last one to yearsEnd: the cases from counts, and one
// query each for the meetings and the arrests of all those years.
func (tx *Tx) reportYears(ctx context.Context, r *crosscase.Report, sc reportScope, counts [][2]int, yearsEnd crosscase.Date) error {
	first := r.To.Year - crosscase.ReportYears + 1
	r.Years = make([]crosscase.YearFigure, crosscase.ReportYears)
	for i := range r.Years {
		r.Years[i] = crosscase.YearFigure{Year: first + i, Handled: counts[i][0], New: counts[i][1]}
	}
	from := dateText(crosscase.Date{Year: first, Month: time.January, Day: 1})
	to := dateText(yearsEnd)
	// A desk's from its copy of its cases' results (syncDeskResults).
	results, scoped := `case_results cr WHERE`, []any{}
	if sc.desk != "" {
		results, scoped = `desk_results cr WHERE cr.country_code = ? AND`, sc.args
	}
	rows, err := tx.query(ctx, `SELECT SUBSTR(cr.on_date, 1, 4), COALESCE(SUM(cr.result_count), 0) FROM `+results+`
		cr.kind = 'arrest' AND cr.on_date >= ? AND cr.on_date <= ? GROUP BY SUBSTR(cr.on_date, 1, 4)`, append(scoped, from, to)...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var y string
		var n int64
		if err := rows.Scan(&y, &n); err != nil {
			rows.Close()
			return err
		}
		if i := atoiYear(y) - first; i >= 0 && i < len(r.Years) {
			r.Years[i].Arrests = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var cols []string
	var args []any
	for i := range r.Years {
		lo, hi := periodMicros(crosscase.Date{Year: first + i, Month: time.January, Day: 1}, yearEnd(first+i, yearsEnd))
		if now := micros(tx.now) + 1; now < hi {
			hi = now
		}
		cols = append(cols, `COALESCE(SUM(CASE WHEN m.starts_at >= ? AND m.starts_at < ? THEN 1 ELSE 0 END), 0)`)
		args = append(args, lo, hi)
	}
	lo, _ := periodMicros(crosscase.Date{Year: first, Month: time.January, Day: 1}, r.To)
	_, hi := periodMicros(r.To, yearsEnd)
	dest := make([]any, len(r.Years))
	for i := range dest {
		dest[i] = &r.Years[i].Meetings
	}
	if err := tx.queryRow(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM meetings m WHERE m.starts_at >= ? AND m.starts_at < ? AND `+sc.probe("m.case_id"),
		append(append(args, lo, hi), sc.args...)...).Scan(dest...); err != nil {
		return err
	}
	for i := range r.Years {
		y := first + i
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM jits j WHERE j.signed_on <= ? AND j.current_ends_on >= ? AND `+jitScope(sc),
			append([]any{dateText(yearEnd(y, yearsEnd)), dateText(crosscase.Date{Year: y, Month: time.January, Day: 1})}, sc.args...)...).Scan(&r.Years[i].JITsSupported)
		if err != nil {
			return err
		}
	}
	return nil
}

// atoiYear reads a four-digit year, 0 for anything else.
func atoiYear(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// scopedResultTotals sums the results dated in the period of the cases in
// scope.
func (tx *Tx) scopedResultTotals(ctx context.Context, from, to crosscase.Date, sc reportScope) (*crosscase.ResultTotals, error) {
	t := &crosscase.ResultTotals{From: from, To: to, Seizures: []crosscase.SeizureTotal{}}
	where := ` WHERE on_date >= ? AND on_date <= ?`
	args := []any{dateText(from), dateText(to)}
	if sc.desk != "" {
		// The desk's copy of its cases' results (syncDeskResults).
		return t, tx.fillResultTotals(ctx, t, "desk_results", ` WHERE country_code = ? AND on_date >= ? AND on_date <= ?`, append([]any{sc.desk}, args...))
	}
	return t, tx.fillResultTotals(ctx, t, "case_results", where, args)
}
