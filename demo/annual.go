package demo

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"time"

	"crosscase"
	"crosscase/refdata"
)

// The annual corpus: a year of the agency's work whose statistics
// reproduce the figures of the annual report in the seed (2024): nearly
// 13 000 cases handled, 1 022 new cases involving third countries of
// which 378 owned by them, the United Kingdom, Switzerland and Albania
// most involved, swindling and fraud, drug trafficking and money
// laundering leading, core international crimes +40 %, cybercrime +33 %,
// intellectual property crime +20 %, 640 coordination meetings, 361 JITs
// supported (25 % more than the year before, over half funded), more than
// 1 200 arrests, assets seized and frozen over EUR 1 billion, drugs worth
// almost EUR 20 billion, three times the victims and almost double the
// financial damage of the year before. Cases carry no entities: the
// statistics never read them. README, "Statistics and the annual report".

// annualFigures are the figures an annual corpus is built to.
type annualFigures struct {
	handled, created                               [5]int // the five years, oldest first
	thirdNew, thirdOwned                           int
	meetings                                       [5]int
	centres                                        [2]int // the year before, the report year
	jitsNew, jitsCarried, jitsPrevOnly, jitsFunded int
	arrests                                        int
	victims, prevVictims                           int64
	damage, prevDamage                             int64
}

// AnnualTargets are the figures the corpus is built to: the report year's
// and, for the year-on-year line, the four before (a workload up by more
// than 60 % over five years).
var annualTargets = annualFigures{
	handled: [5]int{8100, 9500, 10800, 12000, 12960}, created: [5]int{4200, 4700, 5100, 5400, 5640},
	thirdNew: 1022, thirdOwned: 378,
	meetings: [5]int{410, 450, 520, 560, 640},
	centres:  [2]int{26, 32},
	jitsNew:  200, jitsCarried: 161, jitsPrevOnly: 128, jitsFunded: 190,
	arrests: 1240,
	victims: 7800, prevVictims: 2500,
	damage: 4_100_000_000, prevDamage: 2_150_000_000,
}

// crimeShares are the crime types' shares of the cases handled in the
// report year; crimeGrowth their change on the year before where the
// report gives it.
var crimeShares = []weighted{
	{"swindling_fraud", 2600}, {"drug_trafficking", 2150}, {"money_laundering", 1500}, {"organised_property_crime", 700},
	{"migrant_smuggling", 520}, {"trafficking_human_beings", 480}, {"cybercrime", 600}, {"corruption", 300},
	{"core_international_crimes", 210}, {"terrorism", 180}, {"intellectual_property_crime", 120}, {"vat_fraud", 330},
	{"environmental_crime", 110}, {"weapons_trafficking", 190}, {"crimes_against_life", 400}, {"child_sexual_abuse", 90},
	{"counterfeiting_currency", 80}, {"other", 240},
}

var crimeGrowth = map[string]float64{"core_international_crimes": 0.40, "cybercrime": 1.0 / 3, "intellectual_property_crime": 0.20}

// thirdOwners and thirdAsked weigh the third countries that own cases and
// that are asked in them: the United Kingdom, Switzerland and Albania
// first.
var thirdOwners = []weighted{{"CH", 24}, {"GB", 22}, {"AL", 14}, {"UA", 10}, {"NO", 8}, {"US", 6}, {"RS", 6}, {"ME", 4}, {"MK", 3}, {"MD", 3}, {"GE", 3}}

var thirdAsked = []weighted{{"GB", 34}, {"CH", 24}, {"AL", 17}, {"UA", 10}, {"US", 9}, {"RS", 7}, {"NO", 6}, {"TR", 6}, {"BA", 5}, {"ME", 4},
	{"MK", 4}, {"MD", 3}, {"GE", 3}, {"MA", 3}, {"AE", 3}, {"BR", 3}, {"CO", 2}, {"EC", 2}, {"IL", 2}, {"LI", 1}}

// LoadAnnual loads the annual corpus for year (a year already over) and
// returns how many cases it created. ctx must carry the system actor.
func LoadAnnual(ctx context.Context, svc crosscase.Services, year int) (int, error) {
	if year < 1905 || year >= time.Now().UTC().Year() {
		return 0, fmt.Errorf("the annual corpus is for a year that is over, not %d", year)
	}
	jits, err := svc.JITs.FindJITs(ctx)
	if err != nil {
		return 0, fmt.Errorf("look for the annual corpus: %w", err)
	}
	for _, j := range jits {
		if j.Name == fmt.Sprintf("JIT %d-001", year) {
			return 0, ErrAlreadyLoaded
		}
	}
	jan1 := crosscase.Date{Year: year, Month: 1, Day: 1}
	before, err := svc.Reports.Report(ctx, jan1, crosscase.Date{Year: year, Month: 12, Day: 31})
	if err != nil {
		return 0, fmt.Errorf("read what the store counts for %d before the annual corpus: %w", year, err)
	}
	targets := annualTargets.beside(before)
	r := rand.New(rand.NewSource(int64(year)))
	member := memberStates()
	var members []weighted
	for _, w := range ownerWeights {
		if member[w.code] {
			members = append(members, w)
		}
	}
	var codes []string
	for _, w := range append(append([]weighted{}, members...), thirdOwners...) {
		codes = append(codes, w.code)
	}
	desks, err := ensureDesks(ctx, svc.Desks, uniq(codes))
	if err != nil {
		return 0, err
	}
	p := planAnnual(r, year, targets, members, member)
	bundles := make([]*crosscase.CaseBundle, len(p.cases))
	for i, c := range p.cases {
		c.OwnerDeskID = desks[c.OwnerCountry]
		bundles[i] = &crosscase.CaseBundle{Case: c}
	}
	for start := 0; start < len(bundles); start += BatchSize {
		if err := svc.CaseImporter.ImportCases(ctx, bundles[start:min(len(bundles), start+BatchSize)]); err != nil {
			return 0, fmt.Errorf("import the annual corpus: %w", err)
		}
	}
	countries := referenceCountries()
	var instruments []*crosscase.Instrument
	now := time.Date(year+1, time.March, 1, 12, 0, 0, 0, time.UTC)
	for _, b := range bundles[len(bundles)-p.created[4]:] {
		instruments = append(instruments, SyntheticInstruments(r, b, countries, now)...)
	}
	if err := svc.InstrumentImporter.ImportInstruments(ctx, instruments); err != nil {
		return 0, fmt.Errorf("import the annual corpus's instruments: %w", err)
	}
	var seeds []authoritySeed
	for _, cc := range uniq(p.jitCountries) {
		seeds = append(seeds, auth("annual-"+cc, cc, crosscase.AuthorityProsecution, "", "Public prosecution service ("+cc+")"))
	}
	authorities, err := ensureAuthorities(ctx, svc.Authorities, seeds)
	if err != nil {
		return 0, err
	}
	act := p.activity(r, year, desks, authorities)
	if err := svc.ActivityImporter.ImportActivity(ctx, act); err != nil {
		return 0, fmt.Errorf("import the annual corpus's activity: %w", err)
	}
	return len(bundles), nil
}

// beside returns the figures the corpus adds to a store whose report of
// the year is already r (the demo operations', loaded first), so that
// the report of the two together gives f's figures that the seed states
// exactly: the new cases involving and owned by third countries, the
// coordination meetings and centres, and the JITs supported, signed and
// funded.
func (f annualFigures) beside(r *crosscase.Report) annualFigures {
	less := func(n, by int) int { return max(0, n-by) }
	f.thirdNew = less(f.thirdNew, r.ThirdCountryNew)
	f.thirdOwned = less(f.thirdOwned, r.ThirdCountryOwned)
	f.meetings[4] = less(f.meetings[4], r.Meetings)
	f.meetings[3] = less(f.meetings[3], r.PreviousMeetings)
	f.centres[1] = less(f.centres[1], r.Centres)
	f.jitsNew = less(f.jitsNew, r.JITsSigned)
	f.jitsCarried = less(f.jitsCarried, r.JITsSupported-r.JITsSigned)
	f.jitsFunded = less(f.jitsFunded, r.JITsFunded)
	return f
}

// memberStates returns the codes of the EU member states, read once.
func memberStates() map[string]bool {
	out := map[string]bool{}
	for _, c := range refdata.Countries() {
		if c.Standing == crosscase.StandingMember {
			out[c.Code] = true
		}
	}
	return out
}

func uniq(codes []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range codes {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// annualPlan is the corpus before it is stored: cases in order of
// opening, with the sets the activity is drawn from.
type annualPlan struct {
	cases   []*crosscase.Case
	created [5]int
	// reportCases are the indexes of cases handled in the report year;
	// prevOnly those handled in the year before only.
	reportCases, prevOnly []int
	jitCountries          []string
	handledIn             [5][]int
	// withResults are the cases given results in the report year and in
	// the year before (of that year only); the victims and damage are
	// theirs.
	withResults, prevWithResults []*crosscase.Case
	// member holds the codes of the EU member states.
	member map[string]bool
	// targets are the figures the plan draws to (annualFigures.beside).
	targets annualFigures
}

// dayIn returns a day of year y between the days of year fromDay and
// toDay (1-based, inclusive).
func dayIn(r *rand.Rand, y, fromDay, toDay int) crosscase.Date {
	d := fromDay + r.Intn(toDay-fromDay+1)
	return crosscase.DateOf(time.Date(y, time.January, d, 0, 0, 0, 0, time.UTC))
}

func daysIn(y int) int { return time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay() }

// planAnnual draws the cases: a pool open at the start of the first year,
// each year's new cases, and each year's closures so that the cases open
// on 1 January of the next year are its handled less its new.
func planAnnual(r *rand.Rand, year int, t annualFigures, members []weighted, member map[string]bool) *annualPlan {
	p := &annualPlan{created: t.created, member: member, targets: t}
	first := year - 4
	open := []int{}
	add := func(opened crosscase.Date) int {
		c := &crosscase.Case{Title: "Case", Status: crosscase.CaseOpen, OpenedOn: opened, OwnerCountry: choose(r, members)}
		p.cases = append(p.cases, c)
		return len(p.cases) - 1
	}
	for i := 0; i < t.handled[0]-t.created[0]; i++ {
		y := first - 1 - r.Intn(2)
		open = append(open, add(dayIn(r, y, 1, daysIn(y))))
	}
	for k := 0; k < 5; k++ {
		y := first + k
		for i := 0; i < t.created[k]; i++ {
			open = append(open, add(dayIn(r, y, 1, daysIn(y))))
		}
		p.handledIn[k] = append([]int(nil), open...)
		closing := len(open) * 38 / 100 // the report year: some close
		if k < 4 {
			closing = t.handled[k] - (t.handled[k+1] - t.created[k+1])
		}
		r.Shuffle(len(open), func(i, j int) { open[i], open[j] = open[j], open[i] })
		for _, ci := range open[:closing] {
			c := p.cases[ci]
			from := 1
			if c.OpenedOn.Year == y {
				from = c.OpenedOn.Time().YearDay()
			}
			c.Status, c.ClosedOn = crosscase.CaseClosed, dayIn(r, y, from, daysIn(y))
		}
		open = append([]int(nil), open[closing:]...)
	}
	p.reportCases = p.handledIn[4]
	inReport := map[int]bool{}
	for _, ci := range p.reportCases {
		inReport[ci] = true
	}
	for _, ci := range p.handledIn[3] {
		if !inReport[ci] {
			p.prevOnly = append(p.prevOnly, ci)
		}
	}
	p.crimeTypes(r)
	p.countries(r, year, members)
	for i, c := range p.cases {
		c.Title = fmt.Sprintf("%s case %d", crosscase.CrimeTypeName(c.CrimeTypes[0]), i+1)
		c.Priority = crimePriority[c.CrimeTypes[0]]
	}
	p.withResults, p.prevWithResults = p.pick(r, p.reportCases, 600), p.pick(r, p.prevOnly, 520)
	for _, set := range []struct {
		cases           []*crosscase.Case
		victims, damage int64
	}{{p.withResults, t.victims, t.damage}, {p.prevWithResults, t.prevVictims, t.prevDamage}} {
		vs, ds := spread(r, set.victims, len(set.cases)), spread(r, set.damage, len(set.cases))
		for i, c := range set.cases {
			c.Victims, c.FinancialDamageEUR = int(vs[i]), ds[i]
		}
	}
	return p
}

// pick returns n cases of list, drawn at random.
func (p *annualPlan) pick(r *rand.Rand, list []int, n int) []*crosscase.Case {
	idx := append([]int(nil), list...)
	r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	out := make([]*crosscase.Case, 0, n)
	for _, ci := range idx[:min(n, len(idx))] {
		out = append(out, p.cases[ci])
	}
	return out
}

// spread splits total over n parts of at least 1, unevenly.
func spread(r *rand.Rand, total int64, n int) []int64 {
	w := make([]int64, n)
	var sum int64
	for i := range w {
		w[i] = int64(1 + r.Intn(20))
		sum += w[i]
	}
	out := make([]int64, n)
	var given int64
	for i := range w {
		out[i] = 1 + (total-int64(n))*w[i]/sum
		given += out[i]
	}
	out[0] += total - given
	return out
}

// crimeTypes gives each case one crime type: exactly the report year's
// shares among its handled cases, and for the types whose growth the
// report gives, the year before's count that growth implies.
func (p *annualPlan) crimeTypes(r *rand.Rand) {
	t := p.targets
	total := 0
	for _, w := range crimeShares {
		total += w.weight
	}
	target, prevTarget := map[string]int{}, map[string]int{}
	sum := 0
	for _, w := range crimeShares {
		target[w.code] = t.handled[4] * w.weight / total
		sum += target[w.code]
	}
	target["swindling_fraud"] += t.handled[4] - sum
	// The year before: the given growths, the rest in proportion.
	fixed, rest := 0, 0
	for code, g := range crimeGrowth {
		prevTarget[code] = int(float64(target[code])/(1+g) + 0.5)
		fixed += prevTarget[code]
	}
	for _, w := range crimeShares {
		if _, ok := crimeGrowth[w.code]; !ok {
			rest += target[w.code]
		}
	}
	sum = fixed
	for _, w := range crimeShares {
		if _, ok := crimeGrowth[w.code]; !ok {
			prevTarget[w.code] = (t.handled[3] - fixed) * target[w.code] / rest
			sum += prevTarget[w.code]
		}
	}
	prevTarget["swindling_fraud"] += t.handled[3] - sum
	// both: handled in both years; then only the report year, only the
	// year before. Each type takes its share of "both" in proportion to
	// the smaller of its two targets.
	inReport := map[int]bool{}
	for _, ci := range p.reportCases {
		inReport[ci] = true
	}
	var both, onlyReport []int
	inPrev := map[int]bool{}
	for _, ci := range p.handledIn[3] {
		inPrev[ci] = true
	}
	for _, ci := range p.reportCases {
		if inPrev[ci] {
			both = append(both, ci)
		} else {
			onlyReport = append(onlyReport, ci)
		}
	}
	shareBoth := map[string]int{}
	minSum := 0
	for _, w := range crimeShares {
		minSum += min(target[w.code], prevTarget[w.code])
	}
	sum = 0
	for _, w := range crimeShares {
		shareBoth[w.code] = len(both) * min(target[w.code], prevTarget[w.code]) / minSum
		sum += shareBoth[w.code]
	}
	shareBoth["swindling_fraud"] += len(both) - sum
	assign := func(list []int, counts map[string]int) {
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		k := 0
		for _, w := range crimeShares {
			for n := 0; n < counts[w.code] && k < len(list); n++ {
				p.cases[list[k]].CrimeTypes = []string{w.code}
				k++
			}
		}
		for ; k < len(list); k++ {
			p.cases[list[k]].CrimeTypes = []string{"swindling_fraud"}
		}
	}
	onlyR, onlyP := map[string]int{}, map[string]int{}
	for _, w := range crimeShares {
		onlyR[w.code] = target[w.code] - shareBoth[w.code]
		onlyP[w.code] = prevTarget[w.code] - shareBoth[w.code]
	}
	assign(both, shareBoth)
	assign(onlyReport, onlyR)
	assign(p.prevOnly, onlyP)
	for _, c := range p.cases {
		if len(c.CrimeTypes) == 0 {
			c.CrimeTypes = []string{choose(r, crimeWeights)}
		}
	}
}

// countries sets owners and asked countries: exactly thirdOwned of the
// report year's new cases owned by a third country, and thirdNew in all
// involving one; a sixth of the other cases ask a third country too.
func (p *annualPlan) countries(r *rand.Rand, year int, members []weighted) {
	t := p.targets
	askMembers := func(c *crosscase.Case, n int) {
		for len(c.AskedCountries) < n {
			cc := choose(r, members)
			if cc != c.OwnerCountry && !containsString(c.AskedCountries, cc) {
				c.AskedCountries = append(c.AskedCountries, cc)
			}
		}
	}
	askThird := func(c *crosscase.Case) {
		for {
			cc := choose(r, thirdAsked)
			if cc != c.OwnerCountry && !containsString(c.AskedCountries, cc) {
				c.AskedCountries = append(c.AskedCountries, cc)
				return
			}
		}
	}
	var created []int
	for i, c := range p.cases {
		if c.OpenedOn.Year == year {
			created = append(created, i)
		}
	}
	r.Shuffle(len(created), func(i, j int) { created[i], created[j] = created[j], created[i] })
	reportNew := map[int]bool{}
	for k, ci := range created {
		reportNew[ci] = true
		c := p.cases[ci]
		switch {
		case k < t.thirdOwned:
			c.OwnerCountry = choose(r, thirdOwners)
			askMembers(c, 1+r.Intn(2))
		case k < t.thirdNew:
			askMembers(c, r.Intn(2))
			askThird(c)
		default:
			askMembers(c, 1+r.Intn(3))
		}
	}
	for i, c := range p.cases {
		if reportNew[i] {
			continue
		}
		askMembers(c, 1+r.Intn(3))
		if r.Intn(6) == 0 {
			askThird(c)
		}
	}
	for _, c := range p.cases {
		if !p.member[c.OwnerCountry] {
			continue
		}
		for _, cc := range c.AskedCountries {
			if !p.member[cc] {
				p.jitCountries = append(p.jitCountries, cc)
			}
		}
	}
	for _, w := range members {
		p.jitCountries = append(p.jitCountries, w.code)
	}
}

// activity draws the meetings, results and JITs of the plan's cases
// (stored, with ids).
func (p *annualPlan) activity(r *rand.Rand, year int, desks, authorities map[string]int64) *crosscase.ActivityBundle {
	t := p.targets
	a := &crosscase.ActivityBundle{}
	for k := 0; k < 5; k++ {
		y := year - 4 + k
		list := p.handledIn[k]
		for i := 0; i < t.meetings[k]; i++ {
			c := p.cases[list[r.Intn(len(list))]]
			d := openDayIn(r, c, y)
			a.Meetings = append(a.Meetings, &crosscase.Meeting{CaseID: c.ID, StartsAt: d.Time().Add(time.Duration(9+r.Intn(6)) * time.Hour), Agenda: "Coordination meeting"})
		}
	}
	// Coordination centres of action days, on cases handled then.
	for k, n := range t.centres {
		y := year - 1 + k
		list := p.handledIn[3+k]
		for i := 0; i < n; i++ {
			c := p.cases[list[r.Intn(len(list))]]
			a.Centres = append(a.Centres, &crosscase.Centre{CaseID: c.ID, Name: fmt.Sprintf("Action day %d-%02d", y, i+1), ActionDate: openDayIn(r, c, y),
				Zones: []crosscase.CentreZone{{Country: c.OwnerCountry, Zone: europeanZone(c.OwnerCountry)}}})
		}
	}
	// Results of the report year on 600 of its cases, of the year before
	// on 520 cases handled then only; victims and damage on those cases.
	result := func(c *crosscase.Case, y int, res crosscase.Result) {
		res.CaseID, res.Country, res.Date, res.DeskID = c.ID, c.OwnerCountry, openDayIn(r, c, y), c.OwnerDeskID
		a.Results = append(a.Results, &res)
	}
	report, prev := p.withResults, p.prevWithResults
	for i, n := range spread(r, int64(t.arrests), 400) {
		result(report[i], year, crosscase.Result{Kind: crosscase.ResultArrest, Count: n})
	}
	for i, n := range spread(r, 930, 300) {
		result(report[100+i], year, crosscase.Result{Kind: crosscase.ResultSearch, Count: n})
	}
	for i, n := range spread(r, 140, 90) {
		result(report[i], year, crosscase.Result{Kind: crosscase.ResultSurrender, Count: n})
	}
	drugs := []string{"cocaine", "cocaine", "cocaine", "cannabis", "heroin", "methamphetamine", "amphetamine"}
	for i, v := range spread(r, 19_800_000_000, 150) {
		kg := float64(v) / 35_000 // about EUR 35 000 a kilogram, wholesale in the EU
		result(report[i*4%len(report)], year, crosscase.Result{Kind: crosscase.ResultSeizure, SeizureType: "drugs", Substance: drugs[r.Intn(len(drugs))], Quantity: float64(int64(kg*1000)) / 1000, Unit: "kg", Measure: "seized", ValueEUR: v})
	}
	assets := []string{"cash", "real_estate", "companies", "vehicles", "crypto"}
	for i, v := range spread(r, 640_000_000, 180) {
		result(report[(i*3+1)%len(report)], year, crosscase.Result{Kind: crosscase.ResultSeizure, SeizureType: assets[i%len(assets)], Quantity: float64(1 + r.Intn(12)), Unit: assetUnit(assets[i%len(assets)]), Measure: "seized", ValueEUR: v})
	}
	for i, v := range spread(r, 410_000_000, 120) {
		result(report[(i*5+2)%len(report)], year, crosscase.Result{Kind: crosscase.ResultSeizure, SeizureType: assets[i%len(assets)], Quantity: float64(1 + r.Intn(6)), Unit: assetUnit(assets[i%len(assets)]), Measure: "frozen", ValueEUR: v})
	}
	for i, v := range spread(r, 38_000_000, 25) {
		result(report[(i*7+3)%len(report)], year, crosscase.Result{Kind: crosscase.ResultAssetReturn, ValueEUR: v})
	}
	// The year before, on cases of that year only.
	for i, n := range spread(r, int64(t.arrests)*85/100, 350) {
		result(prev[i], year-1, crosscase.Result{Kind: crosscase.ResultArrest, Count: n})
	}
	for i, v := range spread(r, 560_000_000, 150) {
		result(prev[(i*3+1)%len(prev)], year-1, crosscase.Result{Kind: crosscase.ResultSeizure, SeizureType: assets[i%len(assets)], Quantity: 1, Unit: assetUnit(assets[i%len(assets)]), Measure: "seized", ValueEUR: v})
	}
	// Every case chosen for results has one in its year, so that its
	// victims and damage count there.
	has := map[int64]int{}
	for _, res := range a.Results {
		has[res.CaseID] = res.Date.Year
	}
	for _, set := range []struct {
		cases []*crosscase.Case
		y     int
	}{{report, year}, {prev, year - 1}} {
		for _, c := range set.cases {
			if has[c.ID] != set.y {
				result(c, set.y, crosscase.Result{Kind: crosscase.ResultInterrogation, Count: 1})
			}
		}
	}
	// JITs: signed in the report year; signed the year before and running
	// on; signed two years before and ended the year before.
	party := func(cc string) crosscase.JITParty {
		return crosscase.JITParty{CountryCode: cc, AuthorityIDs: []int64{authorities["annual-"+cc]}}
	}
	var members []string
	for _, cc := range p.jitCountries {
		if p.member[cc] {
			members = append(members, cc)
		}
	}
	members = uniq(members)
	var thirds []string
	for _, cc := range uniq(p.jitCountries) {
		if !p.member[cc] {
			thirds = append(thirds, cc)
		}
	}
	jit := func(i int, signed crosscase.Date, months int) *crosscase.JIT {
		a, b := members[r.Intn(len(members))], members[r.Intn(len(members))]
		for b == a {
			b = members[r.Intn(len(members))]
		}
		j := &crosscase.JIT{Name: fmt.Sprintf("JIT %d-%03d", signed.Year, i+1), SignedOn: signed, DurationMonths: months,
			Parties: []crosscase.JITParty{party(a), party(b)}, CreatedDeskID: desks[a]}
		if r.Intn(5) == 0 && len(thirds) > 0 {
			j.Parties = append(j.Parties, party(thirds[r.Intn(len(thirds))]))
		}
		return j
	}
	var jits []*crosscase.JIT
	for i := 0; i < t.jitsNew; i++ {
		jits = append(jits, jit(i, dayIn(r, year, 1, daysIn(year)), 12+6*r.Intn(3)))
	}
	for i := 0; i < t.jitsCarried; i++ {
		jits = append(jits, jit(i, dayIn(r, year-1, 1, daysIn(year-1)), 24))
	}
	for i := 0; i < t.jitsPrevOnly; i++ {
		// Signed in the first half two years before, for 12 months to 18:
		// ending in the year before.
		jits = append(jits, jit(t.jitsCarried+i, dayIn(r, year-2, 1, 180), 12+r.Intn(7)))
	}
	// Funding decided in the report year for jitsFunded of its JITs.
	running := jits[:t.jitsNew+t.jitsCarried]
	for _, k := range r.Perm(len(running))[:t.jitsFunded] {
		j := running[k]
		applied := j.SignedOn
		if applied.Year < year {
			applied = dayIn(r, year, 1, 200)
		}
		decided := applied.AddDays(20 + r.Intn(40))
		if decided.Year > year {
			decided = crosscase.Date{Year: year, Month: time.December, Day: 31}
		}
		grant := int64(20_000 + r.Intn(20)*5_000)
		j.Funding = []*crosscase.JITFunding{{Label: fmt.Sprintf("Call %d", year), AppliedEUR: grant + 10_000, GrantedEUR: grant, Status: crosscase.FundingGranted, AppliedOn: applied, DecidedOn: decided}}
	}
	a.JITs = jits
	return a
}

// assetUnit is the unit a seizure of an asset type is counted in.
func assetUnit(seizureType string) string {
	switch seizureType {
	case "cash":
		return "EUR"
	case "crypto":
		return "BTC"
	}
	return "items"
}

// openDayIn returns a day of year y on which case c was open.
func openDayIn(r *rand.Rand, c *crosscase.Case, y int) crosscase.Date {
	from := 1
	if c.OpenedOn.Year == y {
		from = c.OpenedOn.Time().YearDay()
	}
	to := daysIn(y)
	if !c.ClosedOn.IsZero() && c.ClosedOn.Year == y {
		to = c.ClosedOn.Time().YearDay()
	}
	return dayIn(r, y, from, to)
}

// europeanZone is the time zone of a member state's capital: its zone in
// Europe (Spain's Europe/Madrid, not Atlantic/Canary).
func europeanZone(country string) string {
	zones := crosscase.CountryZones(country)
	for _, z := range zones {
		if strings.HasPrefix(z, "Europe/") {
			return z
		}
	}
	return zones[0]
}
