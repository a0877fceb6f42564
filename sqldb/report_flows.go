package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"time"

	"crosscase"
)

// Summary of the cases' openings and closings for the statistics (README,
// "Statistics and the annual report", Figures). stat_flows holds, per
// month and per dimension — every case ("all"), a crime type ("crime"),
// an owner country and crime type ("owner_crime"), a country and its
// party ("country") — how many cases opened and how many closed. Every
// write of a case's dates, countries or crime types takes its old
// contribution away and adds its new one, in its transaction (flushed at
// commit with the audit entries). The cases handled in a period are then
// the openings up to its end less the closings before its start, summed
// over a few thousand rows; a period that does not end on a month's last
// day adds the cases of its last partial month from the tables
// themselves (indexed by date).
//
// stat_desk_flows keeps the same dimensions for each desk (its country),
// over the cases the desk's country owns or is asked in, so that a desk's
// own figures read its summary rather than its cases: a case counts in the
// rows of each of its countries, and so do its instruments (dimension
// "instrument", migration 0043). An instrument's count moves when its
// issue date or outcome changes (countInstrument) and when its case's
// countries do (moveCaseInstruments).

// flowKey is a row of stat_flows, or of stat_desk_flows for a desk.
type flowKey struct{ desk, dim, key, month string }

// flowDelta is what a transaction adds to a row.
type flowDelta struct{ opened, closed int64 }

// caseFacts are what a case contributes to stat_flows.
type caseFacts struct {
	opened, closed string // YYYY-MM-DD; closed "" while open
	owner          string
	asked, crimes  []string
}

// dims returns the dimensions and keys a case counts in.
func (f caseFacts) dims() [][2]string {
	out := [][2]string{{"all", ""}, {"country", f.owner + "|owner"}}
	for _, cc := range f.asked {
		out = append(out, [2]string{"country", cc + "|asked"})
	}
	for _, ct := range f.crimes {
		out = append(out, [2]string{"crime", ct}, [2]string{"owner_crime", f.owner + "|" + ct})
	}
	return out
}

// desks returns the desks (countries) whose summaries a case counts in:
// its owner's and those of the countries asked.
func (f caseFacts) desks() []string {
	return append([]string{f.owner}, f.asked...)
}

// addFlows adds sign times f's contribution to the transaction's pending
// changes of stat_flows and stat_desk_flows.
func (tx *Tx) addFlows(f caseFacts, sign int64) {
	if f.opened == "" {
		return
	}
	if tx.flows == nil {
		tx.flows = map[flowKey]*flowDelta{}
	}
	bump := func(k flowKey, opened, closed int64) {
		d := tx.flows[k]
		if d == nil {
			d = &flowDelta{}
			tx.flows[k] = d
		}
		d.opened += opened
		d.closed += closed
	}
	for _, desk := range append([]string{""}, f.desks()...) {
		for _, dk := range f.dims() {
			bump(flowKey{desk, dk[0], dk[1], f.opened[:7]}, sign, 0)
			if f.closed != "" {
				bump(flowKey{desk, dk[0], dk[1], f.closed[:7]}, 0, sign)
			}
		}
	}
}

// factsOf returns the contribution case c makes once written.
func factsOf(c *crosscase.Case) caseFacts {
	return caseFacts{opened: dateText(c.OpenedOn), closed: dateText(c.ClosedOn), owner: c.OwnerCountry, asked: c.AskedCountries, crimes: c.CrimeTypes}
}

// storedFacts reads the contribution case id makes as stored (none for a
// case not written yet), from the rows that carry its dates.
func (tx *Tx) storedFacts(ctx context.Context, id int64) (caseFacts, error) {
	var f caseFacts
	rows, err := tx.query(ctx, `SELECT country_code, party, opened_on, closed_on FROM case_countries WHERE case_id = ?`, id)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var cc, party, opened, closed string
		if err := rows.Scan(&cc, &party, &opened, &closed); err != nil {
			rows.Close()
			return f, err
		}
		f.opened, f.closed = opened, closed
		if party == "owner" {
			f.owner = cc
		} else {
			f.asked = append(f.asked, cc)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	rows, err = tx.query(ctx, `SELECT crime_type FROM case_crime_types WHERE case_id = ?`, id)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var ct string
		if err := rows.Scan(&ct); err != nil {
			return f, err
		}
		f.crimes = append(f.crimes, ct)
	}
	return f, rows.Err()
}

// countInstrument keeps in's limit outcome on its row and its part in
// stat_flows: the "instrument" dimension counts, per month of issue and
// per type and outcome ("eaw|missed"), the instruments issued ("opened").
// The row's counted_on is the issue date under which the summary counts
// it ("" for none yet), so that a new issue date or outcome takes the old
// contribution away and adds the new one, whatever wrote the instrument.
func (tx *Tx) countInstrument(ctx context.Context, in *crosscase.Instrument, outcome crosscase.LimitOutcome) error {
	var countedOn, was string
	if err := tx.queryRow(ctx, `SELECT counted_on, limit_outcome FROM instruments WHERE id = ?`, in.ID).Scan(&countedOn, &was); err != nil {
		return translate(err)
	}
	issued := dateText(in.IssuedOn)
	if countedOn == issued && was == string(outcome) {
		return nil
	}
	if _, err := tx.exec(ctx, `UPDATE instruments SET limit_outcome = ?, counted_on = ? WHERE id = ?`, string(outcome), issued, in.ID); err != nil {
		return err
	}
	// The desks of the case's countries, as written in this transaction.
	// On PostgreSQL a concurrent change of the case's countries (which
	// moves its instruments' counts, moveCaseInstruments) commits before
	// they are read here, or waits for this transaction and then moves
	// this count too, as copyCaseHarm does for the results.
	if tx.db.dialect == Postgres {
		if _, err := tx.exec(ctx, `SELECT id FROM cases WHERE id = ? FOR SHARE`, in.CaseID); err != nil {
			return err
		}
	}
	desks, err := tx.caseDesks(ctx, in.CaseID)
	if err != nil {
		return err
	}
	desks = append([]string{""}, desks...)
	tx.addInstrumentFlow(desks, countedOn, string(in.Type)+"|"+was, -1)
	tx.addInstrumentFlow(desks, issued, string(in.Type)+"|"+string(outcome), +1)
	return nil
}

// caseDesks returns the countries of case id (owner and asked), whose
// desks' summaries count its instruments.
func (tx *Tx) caseDesks(ctx context.Context, id int64) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT country_code FROM case_countries WHERE case_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var cc string
		if err := rows.Scan(&cc); err != nil {
			return nil, err
		}
		out = append(out, cc)
	}
	return out, rows.Err()
}

// addInstrumentFlow adds n instruments issued on (YYYY-MM-DD, "" for
// none) of key (type|outcome) to the pending changes of stat_flows (desk
// "") and of the desks' rows of stat_desk_flows.
func (tx *Tx) addInstrumentFlow(desks []string, issued, key string, n int64) {
	if issued == "" || n == 0 {
		return
	}
	if tx.flows == nil {
		tx.flows = map[flowKey]*flowDelta{}
	}
	for _, desk := range desks {
		k := flowKey{desk, "instrument", key, issued[:7]}
		if tx.flows[k] == nil {
			tx.flows[k] = &flowDelta{}
		}
		tx.flows[k].opened += n
	}
}

// moveCaseInstruments moves the counts of case id's instruments from the
// desks of its old countries (was) to those of its new ones (now), when
// they differ: the instruments count in the summary of each of their
// case's countries.
func (tx *Tx) moveCaseInstruments(ctx context.Context, id int64, was, now []string) error {
	var gone, added []string
	for _, cc := range was {
		if !slices.Contains(now, cc) {
			gone = append(gone, cc)
		}
	}
	for _, cc := range now {
		if !slices.Contains(was, cc) {
			added = append(added, cc)
		}
	}
	if len(gone) == 0 && len(added) == 0 {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT type, limit_outcome, counted_on, COUNT(*) FROM instruments WHERE case_id = ? AND counted_on <> '' GROUP BY type, limit_outcome, counted_on`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var typ, outcome, counted string
		var n int64
		if err := rows.Scan(&typ, &outcome, &counted, &n); err != nil {
			return err
		}
		tx.addInstrumentFlow(gone, counted, typ+"|"+outcome, -n)
		tx.addInstrumentFlow(added, counted, typ+"|"+outcome, n)
	}
	return rows.Err()
}

// flushFlows writes the transaction's pending changes of stat_flows and
// stat_desk_flows.
func (tx *Tx) flushFlows(ctx context.Context) error {
	if len(tx.flows) == 0 {
		return nil
	}
	keys := make([]flowKey, 0, len(tx.flows))
	for k, d := range tx.flows {
		if d.opened != 0 || d.closed != 0 {
			keys = append(keys, k)
		}
	}
	// In a fixed order, so that concurrent writers take row locks alike.
	// The agency's rows first.
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return cmp.Or(cmp.Compare(a.desk, b.desk), cmp.Compare(a.dim, b.dim), cmp.Compare(a.key, b.key), cmp.Compare(a.month, b.month)) < 0
	})
	agency := sort.Search(len(keys), func(i int) bool { return keys[i].desk != "" })
	if err := tx.upsertFlows(ctx, keys[:agency], false); err != nil {
		return err
	}
	if err := tx.upsertFlows(ctx, keys[agency:], true); err != nil {
		return err
	}
	tx.flows = nil
	return nil
}

// upsertFlows adds the pending changes of keys to stat_flows, or to
// stat_desk_flows when desk.
func (tx *Tx) upsertFlows(ctx context.Context, keys []flowKey, desk bool) error {
	table, cols, conflict, width := "stat_flows", "dim, k, month", "dim, k, month", 5
	if desk {
		table, cols, conflict, width = "stat_desk_flows", "desk, dim, k, month", "desk, dim, k, month", 6
	}
	row := "(" + placeholders(width) + ")"
	const per = 500
	for start := 0; start < len(keys); start += per {
		end := min(len(keys), start+per)
		var b strings.Builder
		b.WriteString(`INSERT INTO ` + table + ` (` + cols + `, opened, closed) VALUES `)
		args := make([]any, 0, width*(end-start))
		for i, k := range keys[start:end] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(row)
			d := tx.flows[k]
			if desk {
				args = append(args, k.desk)
			}
			args = append(args, k.dim, k.key, k.month, d.opened, d.closed)
		}
		b.WriteString(` ON CONFLICT (` + conflict + `) DO UPDATE SET opened = ` + table + `.opened + excluded.opened, closed = ` + table + `.closed + excluded.closed`)
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// flowTable is stat_flows read whole: per dimension and key, the months
// in order with the running totals of openings and closings.
type flowTable map[[2]string]*flowSeries

type flowSeries struct {
	months         []string // YYYY-MM, ascending
	opened, closed []int64  // running totals up to and including months[i]
}

// loadFlows reads stat_flows, or a desk's rows of stat_desk_flows.
func (tx *Tx) loadFlows(ctx context.Context, sc reportScope) (flowTable, error) {
	q := `SELECT dim, k, month, opened, closed FROM stat_flows ORDER BY dim, k, month`
	if sc.desk != "" {
		q = `SELECT dim, k, month, opened, closed FROM stat_desk_flows WHERE desk = ? ORDER BY dim, k, month`
	}
	rows, err := tx.query(ctx, q, sc.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := flowTable{}
	for rows.Next() {
		var dim, key, month string
		var o, c int64
		if err := rows.Scan(&dim, &key, &month, &o, &c); err != nil {
			return nil, err
		}
		s := t[[2]string{dim, key}]
		if s == nil {
			s = &flowSeries{}
			t[[2]string{dim, key}] = s
		}
		if n := len(s.months); n > 0 {
			o += s.opened[n-1]
			c += s.closed[n-1]
		}
		s.months, s.opened, s.closed = append(s.months, month), append(s.opened, o), append(s.closed, c)
	}
	return t, rows.Err()
}

// upTo returns the running totals of s for the months up to and
// including month.
func (s *flowSeries) upTo(month string) (opened, closed int64) {
	i := sort.SearchStrings(s.months, month)
	if i < len(s.months) && s.months[i] == month {
		i++
	}
	if i == 0 {
		return 0, 0
	}
	return s.opened[i-1], s.closed[i-1]
}

// flowCounter answers "how many cases of a dimension's key opened (or
// closed) on or before day d" from the summary and, for a day that is not
// the last of its month, the tables themselves for that month's days.
type flowCounter struct {
	tx    *Tx
	ctx   context.Context
	scope reportScope
	table flowTable
	edges map[string]map[[2]string][2]int64 // by day: per dimension and key, opened and closed in its month up to it
}

// cum returns the openings and closings of dim/key on or before d.
func (fc *flowCounter) cum(dim, key string, d crosscase.Date) (opened, closed int64, err error) {
	if d.IsZero() {
		return 0, 0, nil
	}
	month := dateText(d)[:7]
	s := fc.table[[2]string{dim, key}]
	if d.AddDays(1).Month == d.Month { // not the month's last day
		prev := dateText(crosscase.Date{Year: d.Year, Month: d.Month, Day: 1}.AddDays(-1))[:7]
		if s != nil {
			opened, closed = s.upTo(prev)
		}
		e, err := fc.edge(d)
		if err != nil {
			return 0, 0, err
		}
		v := e[[2]string{dim, key}]
		return opened + v[0], closed + v[1], nil
	}
	if s != nil {
		opened, closed = s.upTo(month)
	}
	return opened, closed, nil
}

// edge counts, per dimension and key, the cases opened and closed from
// the first of d's month to d, from the tables (indexed by date); for a
// desk, from its rows of case_countries (sc), which carry their cases'
// dates, and the other rows of those cases.
func (fc *flowCounter) edge(d crosscase.Date) (map[[2]string][2]int64, error) {
	day := dateText(d)
	if e, ok := fc.edges[day]; ok {
		return e, nil
	}
	first := dateText(crosscase.Date{Year: d.Year, Month: d.Month, Day: 1})
	e := map[[2]string][2]int64{}
	for i, col := range []string{"opened_on", "closed_on"} {
		add := func(rows *sql.Rows, key func(a, b string) [2]string) error {
			defer rows.Close()
			for rows.Next() {
				var a, b string
				var n int64
				if err := rows.Scan(&a, &b, &n); err != nil {
					return err
				}
				k := key(a, b)
				v := e[k]
				v[i] += n
				e[k] = v
			}
			return rows.Err()
		}
		// For a desk, the cases are its rows of case_countries and the
		// other tables are joined to them.
		cases, join, args := `cases WHERE `+col+` >= ? AND `+col+` <= ?`, ``, []any{first, day}
		if fc.scope.desk != "" {
			cases = `case_countries sc WHERE sc.country_code = ? AND sc.` + col + ` >= ? AND sc.` + col + ` <= ?`
			join, args = `case_countries sc CROSS JOIN `, []any{fc.scope.desk, first, day}
		}
		within := func(table string) string {
			if fc.scope.desk == "" {
				return table + ` c WHERE c.` + col + ` >= ? AND c.` + col + ` <= ?`
			}
			return join + table + ` c WHERE sc.country_code = ? AND sc.` + col + ` >= ? AND sc.` + col + ` <= ? AND c.case_id = sc.case_id`
		}
		var n int64
		if err := fc.tx.queryRow(fc.ctx, `SELECT COUNT(*) FROM `+cases, args...).Scan(&n); err != nil {
			return nil, err
		}
		v := e[[2]string{"all", ""}]
		v[i] += n
		e[[2]string{"all", ""}] = v
		rows, err := fc.tx.query(fc.ctx, `SELECT c.owner_country, c.crime_type, COUNT(*) FROM `+within("case_crime_types")+` GROUP BY c.owner_country, c.crime_type`, args...)
		if err != nil {
			return nil, err
		}
		byCrime := map[string]int64{}
		if err := add(rows, func(owner, ct string) [2]string { return [2]string{"owner_crime", owner + "|" + ct} }); err != nil {
			return nil, err
		}
		for k, v := range e {
			if k[0] == "owner_crime" {
				_, ct, _ := strings.Cut(k[1], "|")
				byCrime[ct] += v[i]
			}
		}
		for ct, n := range byCrime {
			v := e[[2]string{"crime", ct}]
			v[i] = n
			e[[2]string{"crime", ct}] = v
		}
		rows, err = fc.tx.query(fc.ctx, `SELECT c.country_code, c.party, COUNT(*) FROM `+within("case_countries")+` GROUP BY c.country_code, c.party`, args...)
		if err != nil {
			return nil, err
		}
		if err := add(rows, func(cc, party string) [2]string { return [2]string{"country", cc + "|" + party} }); err != nil {
			return nil, err
		}
		if col == "opened_on" {
			// An instrument is "opened" when issued: a month's instruments
			// are fewer than a desk's cases, so each probes its case's row
			// of the desk's country.
			rows, err = fc.tx.query(fc.ctx, `SELECT i.type, i.limit_outcome, COUNT(*) FROM instruments i WHERE i.issued_on >= ? AND i.issued_on <= ? AND `+fc.scope.probe("i.case_id")+` GROUP BY i.type, i.limit_outcome`,
				append([]any{first, day}, fc.scope.args...)...)
			if err != nil {
				return nil, err
			}
			if err := add(rows, func(t, outcome string) [2]string { return [2]string{"instrument", t + "|" + outcome} }); err != nil {
				return nil, err
			}
		}
	}
	if fc.edges == nil {
		fc.edges = map[string]map[[2]string][2]int64{}
	}
	fc.edges[day] = e
	return e, nil
}

// handled returns the cases of dim/key handled in from–to (opened on or
// before to, not closed before from) and those new in it.
func (fc *flowCounter) handled(dim, key string, from, to crosscase.Date) (handled, created int64, err error) {
	openedTo, _, err := fc.cum(dim, key, to)
	if err != nil {
		return 0, 0, err
	}
	openedBefore, closedBefore, err := fc.cum(dim, key, from.AddDays(-1))
	if err != nil {
		return 0, 0, err
	}
	return openedTo - closedBefore, openedTo - openedBefore, nil
}

// keysOf returns the keys of dim in the summary.
func (t flowTable) keysOf(dim string) []string {
	var out []string
	for k := range t {
		if k[0] == dim {
			out = append(out, k[1])
		}
	}
	sort.Strings(out)
	return out
}

// fillFromFlows computes the case figures of r in scope sc from the
// summary: handled and new of the period, the previous one and the five
// years, by crime type, owner country and crime type, and country and
// party; the instruments too.
func (tx *Tx) fillFromFlows(ctx context.Context, r *crosscase.Report, sc reportScope, yearsEnd crosscase.Date) error {
	t, err := tx.loadFlows(ctx, sc)
	if err != nil {
		return err
	}
	fc := &flowCounter{tx: tx, ctx: ctx, scope: sc, table: t}
	if err := fc.instruments(r); err != nil {
		return err
	}
	h, n, err := fc.handled("all", "", r.From, r.To)
	if err != nil {
		return err
	}
	r.Handled, r.New = int(h), int(n)
	if h, n, err = fc.handled("all", "", r.PreviousFrom, r.PreviousTo); err != nil {
		return err
	}
	r.PreviousHandled, r.PreviousNew = int(h), int(n)
	r.Years = make([]crosscase.YearFigure, crosscase.ReportYears)
	for i := range r.Years {
		y := r.To.Year - crosscase.ReportYears + 1 + i
		if h, n, err = fc.handled("all", "", crosscase.Date{Year: y, Month: time.January, Day: 1}, yearEnd(y, yearsEnd)); err != nil {
			return err
		}
		r.Years[i] = crosscase.YearFigure{Year: y, Handled: int(h), New: int(n)}
	}
	byType := map[string]*crosscase.CrimeTypeFigure{}
	for _, ct := range crosscase.CrimeTypes() {
		f := &crosscase.CrimeTypeFigure{Code: ct.Code, Name: ct.Name}
		byType[ct.Code] = f
		h, n, err := fc.handled("crime", ct.Code, r.From, r.To)
		if err != nil {
			return err
		}
		ph, _, err := fc.handled("crime", ct.Code, r.PreviousFrom, r.PreviousTo)
		if err != nil {
			return err
		}
		f.Handled, f.New, f.PreviousHandled = int(h), int(n), int(ph)
	}
	r.CrimeTypes = []crosscase.CrimeTypeFigure{}
	for _, ct := range crosscase.CrimeTypes() {
		f := byType[ct.Code]
		f.ChangePercent = crosscase.ChangePercent(f.PreviousHandled, f.Handled)
		r.CrimeTypes = append(r.CrimeTypes, *f)
	}
	sort.SliceStable(r.CrimeTypes, func(i, j int) bool { return r.CrimeTypes[i].Handled > r.CrimeTypes[j].Handled })
	r.CountryCrime = []crosscase.CountryCrimeCell{}
	for _, key := range t.keysOf("owner_crime") {
		h, _, err := fc.handled("owner_crime", key, r.From, r.To)
		if err != nil {
			return err
		}
		if h > 0 {
			owner, ct, _ := strings.Cut(key, "|")
			r.CountryCrime = append(r.CountryCrime, crosscase.CountryCrimeCell{Country: owner, CrimeType: ct, Cases: int(h)})
		}
	}
	counts := map[[2]string]int{}
	for _, key := range t.keysOf("country") {
		h, _, err := fc.handled("country", key, r.From, r.To)
		if err != nil {
			return err
		}
		cc, party, _ := strings.Cut(key, "|")
		counts[[2]string{cc, party}] = int(h)
	}
	return tx.rankCountries(ctx, r, counts)
}

// instruments fills r.Instruments, the instruments issued in the period
// by type and limit outcome, from the "instrument" dimension.
func (fc *flowCounter) instruments(r *crosscase.Report) error {
	byType := map[crosscase.InstrumentType]*crosscase.InstrumentFigure{}
	for _, key := range fc.table.keysOf("instrument") {
		_, issued, err := fc.handled("instrument", key, r.From, r.To)
		if err != nil {
			return err
		}
		t, outcome, _ := strings.Cut(key, "|")
		addInstrumentFigure(byType, crosscase.InstrumentType(t), crosscase.LimitOutcome(outcome), int(issued))
	}
	r.Instruments = instrumentFigures(byType)
	return nil
}
