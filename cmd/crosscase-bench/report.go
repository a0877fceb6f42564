package main

import (
	"context"
	crand "crypto/rand"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"time"

	"crosscase"
	"crosscase/demo"
	"crosscase/refdata"
	"crosscase/sqldb"
)

// runBenchReport measures the statistics report (README, "Statistics and
// the annual report", Figures): it loads --cases cases over ten years into
// an empty store, with their meetings, results and instruments and a crime
// type and countries each, then computes the report of the last year
// --runs times and prints p50 and p99.
func (m *Main) runBenchReport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("report")
	sf := &sqldb.Location{}
	sf.AddFlags(fs, m.Getenv)
	n := fs.Int("cases", 1_000_000, "cases to load (none when the store has cases already)")
	runs := fs.Int("runs", 20, "reports to compute")
	year := fs.Int("year", 2024, "the year reported; cases open from nine years before")
	desk := fs.String("desk", "", "also measure the report of this country's desk (its own figures, read from its cases), e.g. DE")
	if err := parse(fs, args); err != nil {
		return err
	}
	sf.Create = true
	db, err := sqldb.OpenMigrated(ctx, *sf)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := crosscase.SystemContext(ctx)
	from, to := crosscase.Date{Year: *year, Month: time.January, Day: 1}, crosscase.Date{Year: *year, Month: time.December, Day: 31}
	if r, err := db.Report(sys, from, to); err != nil {
		return err
	} else if r.Handled == 0 {
		start := time.Now()
		if err := loadReportCorpus(sys, db, *n, *year, m.Stderr); err != nil {
			return err
		}
		if err := db.Analyze(ctx); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "loaded %d cases in %s\n", *n, time.Since(start).Round(time.Second))
	}
	if err := m.measureReport(sys, db, "report", from, to, *runs); err != nil {
		return err
	}
	if *desk == "" {
		return nil
	}
	as, err := reportDeskUser(sys, db, strings.ToUpper(*desk))
	if err != nil {
		return fmt.Errorf("--desk: %w", err)
	}
	return m.measureReport(as, db, "report of the "+strings.ToUpper(*desk)+" desk", from, to, *runs)
}

// measureReport computes the report of from–to runs times as ctx's user
// and prints its main figures and the times taken.
func (m *Main) measureReport(ctx context.Context, db *sqldb.DB, name string, from, to crosscase.Date, runs int) error {
	var times []time.Duration
	var rep *crosscase.Report
	for i := 0; i < runs; i++ {
		start := time.Now()
		var err error
		if rep, err = db.Report(ctx, from, to); err != nil {
			return err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	issued, missed, running := 0, 0, 0
	for _, f := range rep.Instruments {
		issued, missed, running = issued+f.Issued, missed+f.Missed, running+f.Running
	}
	fmt.Fprintf(m.Stdout, "%s of %d on %s: handled %d, new %d, meetings %d, arrests %d, instruments %d (%d missed, %d running); %d runs: p50 %s, p99 %s, max %s\n",
		name, to.Year, db.Dialect(), rep.Handled, rep.New, rep.Meetings, rep.Results.Arrests, issued, missed, running, len(times),
		pct(times, 50).Round(time.Millisecond), pct(times, 99).Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
	return nil
}

// reportDeskUser returns a context acting as a member of the desk of
// country cc, made the first time.
func reportDeskUser(sys context.Context, db *sqldb.DB, cc string) (context.Context, error) {
	d, err := db.FindDeskByCountry(sys, cc)
	if err != nil {
		return nil, err
	}
	name := "bench.report." + strings.ToLower(cc)
	u, err := db.FindUserByName(sys, name)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		u = &crosscase.User{Name: name, Role: crosscase.RoleDeskMember, DeskID: d.ID}
		err = db.CreateUser(sys, u, crand.Text())
	}
	if err != nil {
		return nil, err
	}
	u.DeskCountry = cc
	return crosscase.NewContextWithActor(sys, &crosscase.Actor{User: u, RemoteAddr: "bench", Reason: "benchmark"}), nil
}

// loadReportCorpus imports n cases opened over the ten years to year, a
// third still open, with a meeting for one case in ten, two results for
// one in five, and the instruments of the demo's annual corpus (zero to
// three a case, demo.SyntheticInstruments) issued while the case is open.
// The store's clock stands at the end of January after year while they
// are written, and the missed limits are then recorded, so that the
// instruments of year are met, missed or still running as they would be
// when its report is written.
func loadReportCorpus(ctx context.Context, db *sqldb.DB, n, year int, progress interface{ Write([]byte) (int, error) }) error {
	r := rand.New(rand.NewSource(1))
	// The instruments draw from their own source, so that the cases,
	// meetings and results are those of a corpus without them.
	ri := rand.New(rand.NewSource(2))
	loadNow := time.Date(year+1, time.January, 31, 12, 0, 0, 0, time.UTC)
	saved := db.Now
	db.Now = func() time.Time { return loadNow }
	defer func() { db.Now = saved }()
	countries := map[string]*crosscase.Country{}
	for _, c := range refdata.Countries() {
		countries[c.Code] = &c
	}
	var members, thirds []string
	for _, c := range refdata.Countries() {
		switch c.Standing {
		case crosscase.StandingMember:
			members = append(members, c.Code)
		case crosscase.StandingLiaison:
			thirds = append(thirds, c.Code)
		}
	}
	desks := map[string]int64{}
	for _, cc := range append(append([]string{}, members...), thirds...) {
		d, err := db.FindDeskByCountry(ctx, cc)
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			d = &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskNational, Name: "Desk " + cc}
			if slices.Contains(thirds, cc) {
				d.Kind = crosscase.DeskLiaison
			}
			err = db.CreateDesk(ctx, d)
		}
		if err != nil {
			return err
		}
		desks[cc] = d.ID
	}
	crimes := crosscase.CrimeTypes()
	const batch = 5000
	for done := 0; done < n; done += batch {
		var bundles []*crosscase.CaseBundle
		for i := done; i < min(n, done+batch); i++ {
			y := year - 9 + r.Intn(10)
			opened := crosscase.DateOf(time.Date(y, 1, 1+r.Intn(365), 0, 0, 0, 0, time.UTC))
			owner := members[r.Intn(len(members))]
			if r.Intn(30) == 0 {
				owner = thirds[r.Intn(len(thirds))]
			}
			c := &crosscase.Case{Title: fmt.Sprintf("Case %d", i+1), OwnerDeskID: desks[owner], OpenedOn: opened, Status: crosscase.CaseOpen,
				CrimeTypes: []string{crimes[r.Intn(len(crimes))].Code}, Victims: r.Intn(5), FinancialDamageEUR: int64(r.Intn(100_000))}
			for k := 0; k < 1+r.Intn(3); k++ {
				cc := members[r.Intn(len(members))]
				if r.Intn(8) == 0 {
					cc = thirds[r.Intn(len(thirds))]
				}
				if cc != owner && !slices.Contains(c.AskedCountries, cc) {
					c.AskedCountries = append(c.AskedCountries, cc)
				}
			}
			if r.Intn(3) != 0 {
				closed := opened.AddDays(30 + r.Intn(3*365))
				if closed.Before(crosscase.Date{Year: year + 1, Month: 1, Day: 1}) {
					c.Status, c.ClosedOn = crosscase.CaseClosed, closed
				}
			}
			bundles = append(bundles, &crosscase.CaseBundle{Case: c})
		}
		if err := db.ImportCases(ctx, bundles); err != nil {
			return err
		}
		act := &crosscase.ActivityBundle{}
		for _, b := range bundles {
			c := b.Case
			end := c.ClosedOn
			if end.IsZero() || end.Year > year {
				end = crosscase.Date{Year: year, Month: 12, Day: 31}
			}
			span := int(end.Time().Sub(c.OpenedOn.Time()).Hours()/24) + 1
			on := func() crosscase.Date { return c.OpenedOn.AddDays(r.Intn(max(1, span))) }
			if r.Intn(10) == 0 {
				act.Meetings = append(act.Meetings, &crosscase.Meeting{CaseID: c.ID, StartsAt: on().Time().Add(10 * time.Hour), Agenda: "Coordination"})
			}
			if r.Intn(5) == 0 {
				act.Results = append(act.Results,
					&crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: c.OwnerCountry, Date: on(), Count: int64(1 + r.Intn(4)), DeskID: c.OwnerDeskID},
					&crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultSeizure, Country: c.OwnerCountry, Date: on(), SeizureType: "cash", Quantity: 1000, Unit: "EUR", Measure: "seized", ValueEUR: int64(1000 + r.Intn(1_000_000)), DeskID: c.OwnerDeskID})
			}
		}
		if err := db.ImportActivity(ctx, act); err != nil {
			return err
		}
		var instruments []*crosscase.Instrument
		for _, b := range bundles {
			end := b.Case.ClosedOn
			if end.IsZero() || end.Year > year {
				end = crosscase.Date{Year: year, Month: 12, Day: 31}
			}
			instruments = append(instruments, demo.SyntheticInstruments(ri, b, countries, end.Time().Add(12*time.Hour))...)
		}
		if err := db.ImportInstruments(ctx, instruments); err != nil {
			return err
		}
		fmt.Fprintf(progress, "\rloading cases: %d/%d", min(n, done+batch), n)
	}
	fmt.Fprintln(progress)
	missed, err := db.SweepMissedDeadlines(ctx)
	fmt.Fprintf(progress, "missed limits recorded: %d\n", missed)
	return err
}
