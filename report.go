package crosscase

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"time"
)

// The statistics and the annual report (README, "Statistics and the
// annual report"): figures counted from the records the cases hold, for a
// period, never a case's content. Each figure's definition is written once,
// on its field here, and the store's query follows it.

// SmallCount is the smallest count shown as itself in a cell that could
// point at a case (a country × crime type in a period) to a reader who
// does not know the cases: smaller ones read "< 5".
const SmallCount = 5

// AgencyScope is the scope of a report over every case of the agency
// (ReportScope); a desk's report has its country's code instead.
const AgencyScope = "agency"

// ReportYears is how many calendar years, up to the period's end, the
// year-on-year figures of a report (Report.Years) cover.
const ReportYears = 5

// SmallCountText is what the tables write for a hidden count under
// SmallCount: "< 5".
var SmallCountText = "< " + strconv.Itoa(SmallCount)

// SmallCasesText is what the tables write for a sum over the cases (their
// victims, their financial damage) drawn from fewer than SmallCount
// cases, hidden from a reader who does not know the cases: "< 5 cases".
var SmallCasesText = SmallCountText + " cases"

// WithheldCountText is what the tables write for a count of 5 or more
// withheld because, with the counts shown beside it, it would give back a
// hidden one (Report.HideSmallCounts, CrimeTypeFigure.HandledWithheld).
const WithheldCountText = "withheld"

// WithheldText is what the tables write for a figure given for whole
// calendar years only (ShowsBreakdowns).
const WithheldText = "whole years only"

// Report is the statistical annex of a period: From to To, both included.
type Report struct {
	From Date `json:"from"`
	To   Date `json:"to"`
	// PreviousFrom and PreviousTo are the period of the same length just
	// before, which the changes compare with.
	PreviousFrom Date `json:"previous_from"`
	PreviousTo   Date `json:"previous_to"`
	// Scope is AgencyScope for every case, or the country code of the desk
	// whose own figures these are (its cases: owned or asked in).
	Scope string `json:"scope"`
	// SmallCountsHidden: cells under SmallCount of the country × crime type
	// table are hidden (their Cases is 0 and Hidden true).
	SmallCountsHidden bool `json:"small_counts_hidden"`
	// BreakdownsWithheld: the period is not a whole calendar year and the
	// reader is shown "< 5" (ShowsBreakdowns is false), so the tables by
	// crime type, third country, member state and owner country × crime
	// type are empty, and the victims and financial damage withheld
	// (ResultTotals.HarmWithheld).
	BreakdownsWithheld bool `json:"breakdowns_withheld"`

	// Handled: cases open at any time in the period (opened on or before
	// its end, not closed before its start). New: opened in the period.
	Handled         int `json:"handled"`
	New             int `json:"new"`
	PreviousHandled int `json:"previous_handled"`
	PreviousNew     int `json:"previous_new"`
	// ThirdCountryNew: new cases in which a country that is not a member
	// state owns or is asked; ThirdCountryOwned: new cases a third
	// country's desk owns.
	ThirdCountryNew   int `json:"third_country_new"`
	ThirdCountryOwned int `json:"third_country_owned"`

	CrimeTypes     []CrimeTypeFigure  `json:"crime_types"`
	ThirdCountries []CountryFigure    `json:"third_countries"`
	Desks          []DeskFigure       `json:"desks"`
	CountryCrime   []CountryCrimeCell `json:"country_crime"`

	// Meetings: coordination meetings held (starting in the period, not
	// after now). Centres: coordination centres held on an action day in
	// the period.
	Meetings         int `json:"meetings"`
	PreviousMeetings int `json:"previous_meetings"`
	Centres          int `json:"centres"`

	// JITsSupported: JITs running at any time in the period (signed on or
	// before its end, current end on or after its start);
	// JITsSigned: signed in the period; JITsFunded: supported JITs with
	// funding granted (or paid) by a decision in the period, and
	// FundingGrantedEUR its sum.
	JITsSupported         int   `json:"jits_supported"`
	PreviousJITsSupported int   `json:"previous_jits_supported"`
	JITsSigned            int   `json:"jits_signed"`
	JITsFunded            int   `json:"jits_funded"`
	FundingGrantedEUR     int64 `json:"funding_granted_eur"`

	Instruments []InstrumentFigure `json:"instruments"`

	// Results: what the results dated in the period count (arrests,
	// surrenders, searches, seizures and freezes by type, assets
	// returned), and the victims and financial damage of the cases with a
	// result in it.
	Results         *ResultTotals `json:"results"`
	PreviousResults *ResultTotals `json:"previous_results"`

	// Years: the headline figures of the ReportYears calendar years up to
	// the period's end, for the year-on-year line.
	Years []YearFigure `json:"years"`
}

// CrimeTypeFigure counts the cases of a crime type (a case of several
// types counts once for each).
type CrimeTypeFigure struct {
	Code            string `json:"code"`
	Name            string `json:"name"`
	Handled         int    `json:"handled"`
	New             int    `json:"new"`
	PreviousHandled int    `json:"previous_handled"`
	// ChangePercent is the change of Handled on the previous period, in
	// whole percent; null when the previous period had none.
	ChangePercent *int `json:"change_percent"`
	// Hidden: the counts under SmallCount are hidden (they read 0, and
	// "< 5" in the tables), and so is the change.
	Hidden bool `json:"hidden"`
	// HandledWithheld: Handled would give back a hidden count of the owner
	// country × crime type table, whose column adds up to it
	// (Report.HideSmallCounts), so it reads 0 and "withheld" in the
	// tables, and the change is null. NewWithheld: so is New, 5 or more,
	// which is never more than Handled and equal to it when every case
	// is new (a New under SmallCount stays hidden, "< 5"), or since the
	// crime types' add up to the new cases and another one is hidden
	// alone.
	HandledWithheld bool `json:"handled_withheld"`
	NewWithheld     bool `json:"new_withheld"`
	// PreviousWithheld: PreviousHandled, 5 or more, is withheld (and the
	// change), since the crime types' add up to the previous period's
	// cases handled and another one is hidden alone.
	PreviousWithheld bool `json:"previous_withheld"`
}

// CountryFigure ranks a third country by participation: cases handled in
// the period that it owns or is asked in.
type CountryFigure struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Cases  int    `json:"cases"`
	Hidden bool   `json:"hidden"` // Cases is under SmallCount and reads 0
	// Withheld: Cases, 5 or more, would give back a hidden count
	// (Report.HideSmallCounts); it reads 0, and "withheld" in the tables.
	Withheld bool `json:"withheld"`
}

// DeskFigure is a member state's part: cases handled in the period that
// its desk owns, and those it is asked in.
type DeskFigure struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Owned   int    `json:"owned"`
	AskedIn int    `json:"asked_in"`
	Hidden  bool   `json:"hidden"` // the counts under SmallCount read 0
	// OwnedWithheld, AskedInWithheld: the count, 5 or more, would give
	// back a hidden count (Report.HideSmallCounts); it reads 0, and
	// "withheld" in the tables.
	OwnedWithheld   bool `json:"owned_withheld"`
	AskedInWithheld bool `json:"asked_in_withheld"`
}

// CountryCrimeCell is the cases handled in the period owned by a country
// and of a crime type. Hidden: fewer than SmallCount, not shown.
// Withheld: 5 or more, not shown either, since with the figures shown
// beside it it would give back a hidden one (Report.HideSmallCounts).
type CountryCrimeCell struct {
	Country   string `json:"country"`
	CrimeType string `json:"crime_type"`
	Cases     int    `json:"cases"`
	Hidden    bool   `json:"hidden"`
	Withheld  bool   `json:"withheld"`
}

// InstrumentFigure counts the instruments of a type issued in the period:
// Missed, those with a legal time limit missed; Running, those with a
// limit still running; Met, the others (every limit met, or none).
type InstrumentFigure struct {
	Type    InstrumentType `json:"type"`
	Label   string         `json:"label"`
	Issued  int            `json:"issued"`
	Met     int            `json:"met"`
	Missed  int            `json:"missed"`
	Running int            `json:"running"`
}

// LimitOutcome is where an instrument stands against its legal time
// limits, as the statistics count it (README, "Statistics and the annual
// report"): missed, running or met.
type LimitOutcome string

// The outcomes of LimitOutcomeOf.
const (
	LimitMissed  LimitOutcome = "missed"
	LimitRunning LimitOutcome = "running"
	LimitMet     LimitOutcome = "met"
)

// LimitOutcomeOf says where in stands given its clocks: missed when a
// breach of a limit is recorded and not voided; running when a clock with
// a due date is still open; met otherwise (every limit met, or none). The
// store keeps it on the instrument whenever its clocks or breaches are
// written, so that the statistics count one range of an index.
func LimitOutcomeOf(in *Instrument, clocks []Clock) LimitOutcome {
	for _, b := range in.Breaches {
		if b.VoidedAt.IsZero() {
			return LimitMissed
		}
	}
	for _, c := range clocks {
		if c.Open() && !c.DueAt.IsZero() {
			return LimitRunning
		}
	}
	return LimitMet
}

// YearFigure is one calendar year's headline figures.
type YearFigure struct {
	Year          int   `json:"year"`
	Handled       int   `json:"handled"`
	New           int   `json:"new"`
	Meetings      int   `json:"meetings"`
	JITsSupported int   `json:"jits_supported"`
	Arrests       int64 `json:"arrests"`
}

// ChangePercent returns the change from before to now in whole percent,
// nil when before is 0.
func ChangePercent(before, now int) *int {
	if before == 0 {
		return nil
	}
	p := int(math.Round(float64(now-before) * 100 / float64(before)))
	return &p
}

// PreviousPeriod returns the period of the same length just before
// from–to: for whole calendar months (a year, a quarter, the months a
// statistics user asks, CheckPeriodFor), as many whole months; else as
// many days.
func PreviousPeriod(from, to Date) (Date, Date) {
	if from.Day == 1 && to.AddDays(1).Day == 1 {
		months := (to.Year-from.Year)*12 + int(to.Month-from.Month) + 1
		start := DateOf(time.Date(from.Year, from.Month-time.Month(months), 1, 0, 0, 0, 0, time.UTC))
		return start, from.AddDays(-1)
	}
	days := int(to.Time().Sub(from.Time())/(24*time.Hour)) + 1
	return from.AddDays(-days), from.AddDays(-1)
}

// CheckPeriod checks a statistics period: both dates given, in order, at
// most ten years long.
func CheckPeriod(from, to Date) error {
	if from.IsZero() {
		return FieldErrorf("from", "Give the first day of the period.")
	}
	if to.IsZero() {
		return FieldErrorf("to", "Give the last day of the period.")
	}
	if to.Before(from) {
		return FieldErrorf("to", "The end of the period (%s) is before its start (%s).", to, from)
	}
	if from.AddDays(3660).Before(to) {
		return FieldErrorf("to", "A period is at most ten years long.")
	}
	return nil
}

// ReportScope says whose figures u sees: every case ("agency") for
// statistics users and the command line's system actor; their own desk's cases (its country's code) for the
// users of a desk who read cases and for administrators who have a desk;
// ok is false for everyone else. README, "Statistics and the annual
// report".
func ReportScope(u *User, deskCountry string) (scope string, ok bool) {
	switch {
	case u == nil || u.Disabled:
		return "", false
	case u.Role == RoleStatistics || u.IsSystem():
		return AgencyScope, true
	case (CanReadCases(u) || u.IsAdmin()) && u.DeskID != 0 && deskCountry != "":
		return deskCountry, true
	}
	return "", false
}

// HidesSmallCounts reports whether u is shown "< 5" instead of a count
// under SmallCount in a cell that could point at a case: statistics users
// and administrators, who see no case content. Users who work a desk's
// cases see their own desk's counts as they are.
func HidesSmallCounts(u *User) bool {
	return u == nil || u.Role == RoleStatistics || u.IsAdmin()
}

// HideSmallCounts hides the counts under SmallCount of r's country ×
// crime type table, and of the tables whose totals would give a hidden
// cell back by subtraction: the crime types (and their change), the third
// countries and the member states' desks. Every crime type of a country
// that owns a case in the period is listed, the empty ones hidden as well,
// in the same order whether hidden or not, so that a "< 5" does not tell
// that the combination exists. Then it withholds what would give a hidden
// count back (withholdSecondary), and lists the hidden and withheld rows
// of the ranked tables after the others, in a fixed order, so that their
// place does not tell their size.
func (r *Report) HideSmallCounts() {
	r.SmallCountsHidden = true
	hide := func(v *int) bool {
		if *v < SmallCount {
			*v = 0
			return true
		}
		return false
	}
	have := map[[2]string]bool{}
	countries := []string{}
	for i := range r.CountryCrime {
		c := &r.CountryCrime[i]
		if !have[[2]string{c.Country, ""}] {
			have[[2]string{c.Country, ""}] = true
			countries = append(countries, c.Country)
		}
		have[[2]string{c.Country, c.CrimeType}] = true
	}
	for _, cc := range countries {
		for _, ct := range CrimeTypes() {
			if !have[[2]string{cc, ct.Code}] {
				r.CountryCrime = append(r.CountryCrime, CountryCrimeCell{Country: cc, CrimeType: ct.Code})
			}
		}
	}
	slices.SortFunc(r.CountryCrime, func(a, b CountryCrimeCell) int {
		return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.CrimeType, b.CrimeType))
	})
	t := sdcTable{report: r}
	for i := range r.CountryCrime {
		c := &r.CountryCrime[i]
		c.Hidden = hide(&c.Cases)
	}
	handledHidden, newHidden, previousHidden := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i := range r.CrimeTypes {
		c := &r.CrimeTypes[i]
		h, n, p := hide(&c.Handled), hide(&c.New), hide(&c.PreviousHandled)
		if h || p {
			c.ChangePercent = nil
		}
		c.Hidden = h || n || p
		handledHidden[c.Code], newHidden[c.Code], previousHidden[c.Code] = h, n, p
	}
	for i := range r.ThirdCountries {
		c := &r.ThirdCountries[i]
		c.Hidden = hide(&c.Cases)
	}
	ownedHidden, askedHidden := map[string]bool{}, map[string]bool{}
	for i := range r.Desks {
		d := &r.Desks[i]
		o, a := hide(&d.Owned), hide(&d.AskedIn)
		d.Hidden = o || a
		ownedHidden[d.Code], askedHidden[d.Code] = o, a
	}
	t.withholdSecondary(countries, handledHidden, ownedHidden, askedHidden)
	// The crime types' new cases add up to the new cases, and their
	// previous cases handled to the previous period's, as their cases
	// handled to the cases handled (in withholdSecondary): a crime type's
	// count hidden alone in that column would be the total less the others.
	r.withholdAlone(newHidden, func(c *CrimeTypeFigure) (int, bool) { return c.New, c.NewWithheld },
		func(c *CrimeTypeFigure) { c.New, c.NewWithheld = 0, true })
	r.withholdAlone(previousHidden, func(c *CrimeTypeFigure) (int, bool) { return c.PreviousHandled, c.PreviousWithheld },
		func(c *CrimeTypeFigure) { c.PreviousHandled, c.ChangePercent, c.PreviousWithheld = 0, nil, true })
	r.sortHidden()
	r.Results.HideSmallCounts()
	r.PreviousResults.HideSmallCounts()
}

// withholdAlone withholds, when one crime type's count (read by get)
// is hidden alone among r's crime types, the smallest shown other
// (withhold), taking the crime types in the taxonomy's order for a tie.
func (r *Report) withholdAlone(hidden map[string]bool, get func(*CrimeTypeFigure) (int, bool), withhold func(*CrimeTypeFigure)) {
	unknown, least := 0, 0
	var smallest *CrimeTypeFigure
	for _, ct := range CrimeTypes() {
		i := slices.IndexFunc(r.CrimeTypes, func(c CrimeTypeFigure) bool { return c.Code == ct.Code })
		if i < 0 {
			return // a crime type not listed: its count is not known
		}
		c := &r.CrimeTypes[i]
		v, withheld := get(c)
		switch {
		case hidden[c.Code] || withheld:
			unknown++
		case smallest == nil || v < least:
			smallest, least = c, v
		}
	}
	if unknown == 1 && smallest != nil {
		withhold(smallest)
	}
}

// sortHidden lists the crime types, third countries and desks with a
// hidden or withheld figure after the others, in a fixed order (the
// taxonomy's, the codes'), so that a row's place among its neighbours
// does not bound it.
func (r *Report) sortHidden() {
	order := map[string]int{}
	for i, ct := range CrimeTypes() {
		order[ct.Code] = i + 1
	}
	slices.SortStableFunc(r.CrimeTypes, func(a, b CrimeTypeFigure) int {
		// The order is by cases handled: those not shown go last.
		ha, hb := a.HandledWithheld || a.Hidden && a.Handled < SmallCount, b.HandledWithheld || b.Hidden && b.Handled < SmallCount
		if c := shownFirst(ha, hb); c != 0 || !ha {
			return cmp.Or(c, cmp.Compare(b.Handled, a.Handled))
		}
		return cmp.Or(cmp.Compare(order[a.Code], order[b.Code]), cmp.Compare(a.Code, b.Code))
	})
	slices.SortStableFunc(r.ThirdCountries, func(a, b CountryFigure) int {
		ha, hb := a.Hidden || a.Withheld, b.Hidden || b.Withheld
		if c := shownFirst(ha, hb); c != 0 || !ha {
			return cmp.Or(c, cmp.Compare(b.Cases, a.Cases), cmp.Compare(a.Code, b.Code))
		}
		return cmp.Compare(a.Code, b.Code)
	})
	slices.SortStableFunc(r.Desks, func(a, b DeskFigure) int {
		ha, hb := a.Hidden || a.OwnedWithheld || a.AskedInWithheld, b.Hidden || b.OwnedWithheld || b.AskedInWithheld
		if c := shownFirst(ha, hb); c != 0 || !ha {
			return cmp.Or(c, cmp.Compare(b.Owned+b.AskedIn, a.Owned+a.AskedIn), cmp.Compare(a.Code, b.Code))
		}
		return cmp.Compare(a.Code, b.Code)
	})
}

// shownFirst orders a row whose figure is shown before one whose figure
// is not (hidden a, hidden b): -1, 1, or 0 when both are alike.
func shownFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// WithholdBreakdowns empties the tables that ShowsBreakdowns keeps to
// whole calendar years for r's reader, and withholds the victims and
// financial damage of both periods.
func (r *Report) WithholdBreakdowns() {
	r.BreakdownsWithheld = true
	r.CrimeTypes, r.ThirdCountries, r.Desks, r.CountryCrime = []CrimeTypeFigure{}, []CountryFigure{}, []DeskFigure{}, []CountryCrimeCell{}
	r.Results.WithholdHarm()
	r.PreviousResults.WithholdHarm()
}

// WithholdHarm withholds t's victims and financial damage, which read 0
// with HarmWithheld set (ShowsBreakdowns); the tables write them
// WithheldText.
func (t *ResultTotals) WithholdHarm() {
	if t == nil {
		return
	}
	t.Victims, t.FinancialDamageEUR, t.VictimsHidden, t.DamageHidden, t.HarmWithheld = 0, 0, false, false, true
}

// HideSmallCounts hides t's victims, and t's financial damage, each when
// fewer than SmallCount cases, but at least one, stand behind it: summed
// over so few cases it describes a case (with one, it is its own). The
// cases behind a sum are those that record the figure (VictimsCases,
// DamageCases), not all the cases with results, most of which may record
// none; a sum over fewer than SmallCount cases with results is hidden
// whatever they record, since even its 0 tells of them. A hidden figure
// reads 0, with VictimsHidden or DamageHidden set, and "< 5 cases" in the
// tables. These are t's only sums of a figure recorded on the cases; the
// other totals count and value the results themselves, and Cases, how
// many cases there are, is kept as the report's other counts of cases are.
func (t *ResultTotals) HideSmallCounts() {
	if t == nil || t.Cases == 0 {
		return
	}
	small := func(behind int64) bool {
		return t.Cases < SmallCount || (behind > 0 && behind < SmallCount)
	}
	if small(t.VictimsCases) {
		t.Victims, t.VictimsHidden = 0, true
	}
	if small(t.DamageCases) {
		t.FinancialDamageEUR, t.DamageHidden = 0, true
	}
}

// ReportService computes the statistics of a period for the caller's
// scope (ReportScope), audited as a statistics access.
type ReportService interface {
	Report(ctx context.Context, from, to Date) (*Report, error)
}

// PeriodOf reads a period from a year ("2024": the calendar year) or from
// two dates; a year and dates together are refused.
func PeriodOf(year string, from, to Date) (Date, Date, error) {
	if year == "" {
		return from, to, CheckPeriod(from, to)
	}
	if !from.IsZero() || !to.IsZero() {
		return Date{}, Date{}, FieldErrorf("year", "Give a year or a period from–to, not both.")
	}
	y := 0
	for _, c := range year {
		if c < '0' || c > '9' || y > 10000 {
			return Date{}, Date{}, FieldErrorf("year", "%q is not a year.", Clip(year))
		}
		y = y*10 + int(c-'0')
	}
	if y < 1900 || y > 2200 {
		return Date{}, Date{}, FieldErrorf("year", "The year must be between 1900 and 2200.")
	}
	return Date{y, time.January, 1}, Date{y, time.December, 31}, nil
}

// ReportTable is one table of a report as text, as the page, the CSV
// download and `crosscase report` give it: a hidden small count reads
// "< 5".
type ReportTable struct {
	Name    string     `json:"name"`
	Title   string     `json:"title"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	// Withheld: the table is given for whole calendar years only and has
	// no rows (Report.BreakdownsWithheld).
	Withheld bool `json:"withheld"`
}

// CSVRows returns t's rows with every cell through CSVSafe, as a CSV
// file of the table writes them.
func (t ReportTable) CSVRows() [][]string {
	out := make([][]string, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = make([]string, len(row))
		for j, v := range row {
			out[i][j] = CSVSafe(v)
		}
	}
	return out
}

// Tables returns r's tables in the order of the report (README,
// "Statistics and the annual report", lists their columns).
func (r *Report) Tables() []ReportTable {
	n := func(v int) string { return strconv.Itoa(v) }
	n64 := func(v int64) string { return strconv.FormatInt(v, 10) }
	// small is a count of a row with hidden counts: under SmallCount it
	// reads "< 5".
	small := func(hidden bool, v int) string {
		if hidden && v < SmallCount {
			return SmallCountText
		}
		return n(v)
	}
	// count is a count that may be withheld as well: "withheld".
	count := func(hidden, withheld bool, v int) string {
		if withheld {
			return WithheldCountText
		}
		return small(hidden, v)
	}
	// harm is a victims or damage figure: hidden, it reads "< 5 cases".
	harm := func(t *ResultTotals, hidden bool, v int64) string {
		switch {
		case t.HarmWithheld:
			return WithheldText
		case hidden:
			return SmallCasesText
		}
		return n64(v)
	}
	pct := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	res, prev := r.Results, r.PreviousResults
	if res == nil {
		res = &ResultTotals{}
	}
	if prev == nil {
		prev = &ResultTotals{}
	}
	headline := ReportTable{Name: "headline", Title: "Headline figures", Columns: []string{"figure", "period", "previous_period"}, Rows: [][]string{
		{"cases_handled", n(r.Handled), n(r.PreviousHandled)},
		{"cases_new", n(r.New), n(r.PreviousNew)},
		{"new_cases_involving_third_countries", n(r.ThirdCountryNew), ""},
		{"new_cases_owned_by_third_countries", n(r.ThirdCountryOwned), ""},
		{"coordination_meetings", n(r.Meetings), n(r.PreviousMeetings)},
		{"coordination_centres", n(r.Centres), ""},
		{"jits_supported", n(r.JITsSupported), n(r.PreviousJITsSupported)},
		{"jits_signed", n(r.JITsSigned), ""},
		{"jits_funded", n(r.JITsFunded), ""},
		{"jit_funding_granted_eur", n64(r.FundingGrantedEUR), ""},
		{"arrests", n64(res.Arrests), n64(prev.Arrests)},
		{"surrenders", n64(res.Surrenders), n64(prev.Surrenders)},
		{"searches", n64(res.Searches), n64(prev.Searches)},
		{"seized_eur", n64(res.SeizedEUR), n64(prev.SeizedEUR)},
		{"frozen_eur", n64(res.FrozenEUR), n64(prev.FrozenEUR)},
		{"assets_seized_frozen_eur", n64(res.AssetsEUR()), n64(prev.AssetsEUR())},
		{"drugs_seized_eur", n64(res.DrugsEUR), n64(prev.DrugsEUR)},
		{"assets_returned_eur", n64(res.ReturnedEUR), n64(prev.ReturnedEUR)},
		{"victims", harm(res, res.VictimsHidden, res.Victims), harm(prev, prev.VictimsHidden, prev.Victims)},
		{"financial_damage_eur", harm(res, res.DamageHidden, res.FinancialDamageEUR), harm(prev, prev.DamageHidden, prev.FinancialDamageEUR)},
	}}
	crimes := ReportTable{Name: "crime_types", Title: "Cases by crime type", Columns: []string{"crime_type", "name", "handled", "new", "previous_handled", "change_percent"}}
	for _, c := range r.CrimeTypes {
		crimes.Rows = append(crimes.Rows, []string{c.Code, c.Name, count(c.Hidden, c.HandledWithheld, c.Handled), count(c.Hidden, c.NewWithheld, c.New), count(c.Hidden, c.PreviousWithheld, c.PreviousHandled), pct(c.ChangePercent)})
	}
	third := ReportTable{Name: "third_countries", Title: "Third countries by participation", Columns: []string{"rank", "country", "name", "cases"}}
	for i, c := range r.ThirdCountries {
		third.Rows = append(third.Rows, []string{n(i + 1), c.Code, c.Name, count(c.Hidden, c.Withheld, c.Cases)})
	}
	desks := ReportTable{Name: "desks", Title: "Member states: cases owned and asked in", Columns: []string{"country", "name", "owned", "asked_in"}}
	for _, d := range r.Desks {
		desks.Rows = append(desks.Rows, []string{d.Code, d.Name, count(d.Hidden, d.OwnedWithheld, d.Owned), count(d.Hidden, d.AskedInWithheld, d.AskedIn)})
	}
	cc := ReportTable{Name: "country_crime", Title: "Cases by owner country and crime type", Columns: []string{"country", "crime_type", "cases"}}
	for _, c := range r.CountryCrime {
		cc.Rows = append(cc.Rows, []string{c.Country, c.CrimeType, count(c.Hidden, c.Withheld, c.Cases)})
	}
	inst := ReportTable{Name: "instruments", Title: "Instruments issued and their legal time limits", Columns: []string{"type", "label", "issued", "met", "missed", "running"}}
	for _, i := range r.Instruments {
		inst.Rows = append(inst.Rows, []string{string(i.Type), i.Label, n(i.Issued), n(i.Met), n(i.Missed), n(i.Running)})
	}
	seiz := ReportTable{Name: "seizures", Title: "Seizures and freezes", Columns: []string{"seizure_type", "measure", "substance", "unit", "quantity", "value_eur", "entries"}}
	for _, z := range res.Seizures {
		seiz.Rows = append(seiz.Rows, []string{z.SeizureType, z.Measure, z.Substance, z.Unit, strconv.FormatFloat(z.Quantity, 'f', -1, 64), n64(z.ValueEUR), n64(z.Entries)})
	}
	years := ReportTable{Name: "years", Title: "Year on year", Columns: []string{"year", "handled", "new", "meetings", "jits_supported", "arrests"}}
	for _, y := range r.Years {
		years.Rows = append(years.Rows, []string{n(y.Year), n(y.Handled), n(y.New), n(y.Meetings), n(y.JITsSupported), n64(y.Arrests)})
	}
	crimes.Withheld, third.Withheld, desks.Withheld, cc.Withheld = r.BreakdownsWithheld, r.BreakdownsWithheld, r.BreakdownsWithheld, r.BreakdownsWithheld
	return []ReportTable{headline, crimes, third, desks, cc, inst, seiz, years}
}
