package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"crosscase"
	"crosscase/match"
	"crosscase/sqldb"
)

// query is a record to check and the entity it was derived from.
type query struct {
	rec   match.Record
	truth int64
}

// runBenchMatch measures the bulk check side by side with the way a team
// would otherwise do it on PostgreSQL — pg_trgm similarity on names with a
// GIN index plus exact joins on identifiers — on the same store and the
// same queries: entities of the store, each changed the way a national
// list spells them (diacritics dropped, names swapped, a typo, day and
// month swapped, a phone written nationally). Recall is the share of
// queries whose source entity is found.
func (m *Main) runBenchMatch(ctx context.Context, args []string) error {
	fs := m.newFlagSet("crosscase-bench match")
	sf := &sqldb.Location{}
	sf.AddFlags(fs, m.Getenv)
	n := fs.Int("records", 10000, "records to check")
	seed := fs.Uint64("seed", 1, "seed of the sample and its changes")
	skipTrgm := fs.Bool("skip-trgm", false, "measure only crosscase's own index")
	trgmEvery := fs.Int("trgm-every", 1, "check only every K-th query with pg_trgm (its rate and recall on that sample; at 5,000,000 entities it answers about 8 queries a second)")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := sqldb.OpenMigrated(ctx, *sf)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := crosscase.SystemContext(ctx)

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	var all []match.Record
	if _, err := db.ScanEntities(sys, func(ch crosscase.EntityChange) error {
		all = append(all, match.FromEntity(ch.Entity, ch.DeskID, ch.CaseCountry))
		return nil
	}); err != nil {
		return err
	}
	if len(all) == 0 {
		return errors.New("the store has no entities: load some with 'crosscase demo --cases N'")
	}
	fmt.Fprintf(m.Stdout, "store %s: %d entities read in %s\n", db.Dialect(), len(all), time.Since(start).Round(time.Millisecond))
	rng := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))
	queries := sampleQueries(rng, all, *n)
	fmt.Fprintf(m.Stdout, "%d queries (persons, companies, phones, IBANs, e-mails), each changed as a national list would spell it\n", len(queries))

	start = time.Now()
	ix := match.NewIndex(match.DefaultThresholds())
	if err := ix.UpsertAll(ctx, all, 0); err != nil {
		return err
	}
	build := time.Since(start)
	all = nil // the index keeps what it needs; the records go
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ix)
	// Single checks, one after another, as the live check runs them.
	var lat []time.Duration
	for i := 0; i < len(queries) && i < 5000; i++ {
		t := time.Now()
		ix.Check(queries[i].rec, 20)
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	fmt.Fprintf(m.Stdout, "%-34s n=%d p50=%s p95=%s p99=%s max=%s\n", "single-entity check:", len(lat), pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[len(lat)-1].Round(time.Microsecond))
	recs := make([]match.Record, len(queries))
	for i, q := range queries {
		recs[i] = q.rec
	}
	start = time.Now()
	found, err := match.BulkCheck(ctx, ix, recs, 0, nil)
	if err != nil {
		return err
	}
	took := time.Since(start)
	hitTruth := make([]bool, len(queries))
	for _, h := range found {
		if h.EntityID == queries[h.Row].truth {
			hitTruth[h.Row] = true
		}
	}
	fmt.Fprintf(m.Stdout, "%-34s build %s, heap %d MiB; check %s (%.0f records/s), recall %.3f\n", "crosscase index:",
		build.Round(time.Millisecond), (after.HeapInuse-min(after.HeapInuse, before.HeapInuse))>>20, took.Round(time.Millisecond),
		float64(len(queries))/took.Seconds(), share(hitTruth))

	// Responsiveness: the same bulk check as the server runs it (on half
	// the cores), while single checks go on as the live check runs them.
	busy := benchDuringBulk(ctx, ix, recs, queries)
	fmt.Fprintf(m.Stdout, "%-34s bulk on %d of %d cores took %s; meanwhile n=%d single checks p50=%s p95=%s p99=%s max=%s\n", "single check during a bulk job:",
		busy.workers, runtime.GOMAXPROCS(0), busy.bulk.Round(time.Millisecond), len(busy.lat), pct(busy.lat, 50), pct(busy.lat, 95), pct(busy.lat, 99), busy.lat[len(busy.lat)-1].Round(time.Microsecond))

	if *skipTrgm {
		return nil
	}
	if db.Dialect() != "postgres" {
		fmt.Fprintln(m.Stdout, "pg_trgm comparison: needs --db postgres://…")
		return nil
	}
	if *trgmEvery < 1 {
		return crosscase.FieldErrorf("trgm-every", "--trgm-every must be 1 or more.")
	}
	return m.benchTrgm(ctx, db, queries, *trgmEvery, took, share(hitTruth))
}

// duringBulk is what benchDuringBulk measured.
type duringBulk struct {
	workers int
	bulk    time.Duration
	lat     []time.Duration // sorted
}

// benchDuringBulk runs a bulk check of recs on half the cores, as the
// server does, and times single checks of queries, one after another,
// until it ends.
func benchDuringBulk(ctx context.Context, ix *match.Index, recs []match.Record, queries []query) duringBulk {
	out := duringBulk{workers: max(1, runtime.GOMAXPROCS(0)/2)}
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		_, _ = match.BulkCheck(ctx, ix, recs, out.workers, nil)
		out.bulk = time.Since(start)
	}()
	for i := 0; ; i++ {
		select {
		case <-done:
			slices.Sort(out.lat)
			return out
		default:
		}
		t := time.Now()
		ix.Check(queries[i%len(queries)].rec, 20)
		out.lat = append(out.lat, time.Since(t))
		time.Sleep(time.Millisecond) // entities are typed, not streamed
	}
}

func share(b []bool) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// sampleQueries picks n entities of the kinds lists hold and changes each.
func sampleQueries(rng *rand.Rand, all []match.Record, n int) []query {
	var out []query
	for tries := 0; len(out) < n && tries < n*20; tries++ {
		r := all[rng.IntN(len(all))]
		switch r.Kind {
		case crosscase.KindPerson, crosscase.KindCompany, crosscase.KindPhone, crosscase.KindIBAN, crosscase.KindEmail:
		default:
			continue
		}
		q := query{rec: perturb(rng, r), truth: r.EntityID}
		q.rec.EntityID, q.rec.CaseID, q.rec.DeskID = 0, 0, 0
		out = append(out, q)
	}
	return out
}

var foldDiacritics = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// perturb changes r the way another country's list would write it.
func perturb(rng *rand.Rand, r match.Record) match.Record {
	switch r.Kind {
	case crosscase.KindPerson:
		fold, _, _ := transform.String(foldDiacritics, r.GivenName)
		r.GivenName = fold
		fold, _, _ = transform.String(foldDiacritics, r.FamilyName)
		r.FamilyName = fold
		switch rng.IntN(4) {
		case 0:
			r.GivenName, r.FamilyName = r.FamilyName, r.GivenName
		case 1:
			r.FamilyName = typo(rng, r.FamilyName)
		case 2:
			r.FamilyName = strings.ToUpper(r.FamilyName)
		}
		if !r.BirthDate.IsZero() && rng.IntN(4) == 0 && r.BirthDate.Day <= 12 {
			r.BirthDate.Day, r.BirthDate.Month = int(r.BirthDate.Month), time.Month(r.BirthDate.Day)
		}
	case crosscase.KindCompany:
		r.Name = strings.ToUpper(strings.NewReplacer(".", "", ",", "").Replace(r.Name))
	case crosscase.KindPhone:
		// Written with the international prefix 00 and no spaces.
		digits := strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return c
			}
			return -1
		}, r.Value)
		if strings.HasPrefix(r.Value, "+") {
			r.Value = "00" + digits
		}
	case crosscase.KindIBAN:
		r.Value = strings.ToLower(r.Value)
	case crosscase.KindEmail:
		r.Value = strings.ToUpper(r.Value)
	}
	return r
}

// typo swaps two neighbouring letters or drops one.
func typo(rng *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 4 {
		return s
	}
	i := 1 + rng.IntN(len(rs)-2)
	if rng.IntN(2) == 0 {
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	}
	return string(append(rs[:i:i], rs[i+1:]...))
}
