package match_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"crosscase"
	"crosscase/demo"
	"crosscase/match"
)

// The benchmarks run on an index of CROSSCASE_BENCH_ENTITIES entities
// (default 200000) made by demo.Synthetic: about 40% persons with names
// typical of their nationality, 12% companies with their country's legal
// forms, the rest phones, IBANs, e-mails, vehicles, wallets, addresses and
// passports. Bulk checks take CROSSCASE_BENCH_BULK records (default
// 100000).
//
// The demo's name lists are short (some twenty names per country), so its
// persons have far more namesakes than real ones: a worst case for
// blocking. CROSSCASE_BENCH_NAMES names a file of real name words, one
// per line as word<TAB>…<TAB>count (the Wikidata Latin–Cyrillic file of
// the linkage test data has that shape); then 85% of family names and 50%
// of given names are drawn from it, weighted by count, for a long tail
// like a real population's. For example:
//
//	CROSSCASE_BENCH_ENTITIES=1000000 go test ./match -run '^$' -bench . -benchtime 1x
//
// BenchmarkCheck reports its latency percentiles with -benchtime of a few
// thousand checks at least (say -benchtime 20000x), or, in a run of
// -benchtime 1x, over CROSSCASE_BENCH_LATENCY_CHECKS checks. With
// CROSSCASE_BENCH_UNLIMITED=1 the index compares every entry that shares
// a key with the query: its recall is then what blocking alone allows, and
// the difference to the default run is what the limits cost. With
// CROSSCASE_BENCH_PERSON_IDS=P, P% of persons carry an identity number
// (two letters and seven digits, filed under ten keys) and an address.

func envInt(tb testing.TB, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q is not a positive number", name, s)
	}
	return n
}

// envIntOr is envInt that also accepts 0.
func envIntOr(tb testing.TB, name string, def int) int {
	if os.Getenv(name) == "0" {
		return 0
	}
	return envInt(tb, name, def)
}

// benchDesks gives every country that owns synthetic cases a desk id.
func benchDesks() map[string]int64 {
	codes := strings.Fields("IT DE FR ES NL RO PL BE PT AT GR HU CZ SE BG HR LT SK SI IE LU LV EE FI DK CY MT CH GB AL NO UA US RS ME MK MD GE IS")
	out := map[string]int64{}
	for i, c := range codes {
		out[c] = int64(i + 1)
	}
	return out
}

// names is a weighted list of name words.
type names struct {
	words []string
	cum   []int64 // running total of the weights
}

// loadNames reads CROSSCASE_BENCH_NAMES, or returns nil when it is unset.
func loadNames(tb testing.TB) *names {
	path := os.Getenv("CROSSCASE_BENCH_NAMES")
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	d := &names{}
	total := int64(0)
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f[0]) < 2 || !utf8.ValidString(f[0]) {
			continue
		}
		w, err := strconv.ParseInt(strings.TrimSpace(f[len(f)-1]), 10, 64)
		if err != nil || w <= 0 {
			w = 1
		}
		rs := []rune(f[0])
		total += w
		d.words = append(d.words, strings.ToUpper(string(rs[:1]))+string(rs[1:]))
		d.cum = append(d.cum, total)
	}
	if len(d.words) < 1000 {
		tb.Fatalf("%s: %d name words; want a long list", path, len(d.words))
	}
	return d
}

func (d *names) pick(r *rand.Rand) string {
	i, _ := slices.BinarySearch(d.cum, r.Int63n(d.cum[len(d.cum)-1])+1)
	return d.words[i]
}

// generate calls emit with n records of synthetic cases made from seed:
// entity ids firstID, firstID+1, …, case ids from firstCase on. With
// tail, person names are drawn partly from it.
func generate(seed int64, n int, firstID, firstCase int64, tail *names, emit func(match.Record)) {
	r := rand.New(rand.NewSource(seed))
	withIDs, _ := strconv.Atoi(os.Getenv("CROSSCASE_BENCH_PERSON_IDS"))
	desks := benchDesks()
	id := firstID
	for i := 0; id < firstID+int64(n); i++ {
		b := demo.Synthetic(r, desks, i)
		for _, e := range b.Entities {
			if id == firstID+int64(n) {
				return
			}
			e.ID, e.CaseID = id, firstCase+int64(i)
			id++
			if tail != nil && e.Kind == crosscase.KindPerson {
				if r.Intn(100) < 85 {
					e.FamilyName = tail.pick(r)
				}
				if r.Intn(100) < 50 {
					e.GivenName = tail.pick(r)
				}
			}
			rec := match.FromEntity(e, b.Case.OwnerDeskID, b.Case.OwnerCountry)
			if e.Kind == crosscase.KindPerson && r.Intn(100) < withIDs {
				rec.IDNumber = fmt.Sprintf("%c%c%07d", 'A'+r.Intn(26), 'A'+r.Intn(26), r.Intn(10_000_000))
				rec.Address = fmt.Sprintf("%s %d, %05d %s", streets[r.Intn(len(streets))], 1+r.Intn(200), r.Intn(100_000), towns[r.Intn(len(towns))])
			}
			emit(rec)
		}
	}
}

// streets and towns make synthetic addresses.
var (
	streets = strings.Fields("Hauptstraße Via_Roma Rue_de_la_Paix Ulica_Długa Calle_Mayor Kerkstraat Vasileos_Konstantinou Strada_Victoriei Rruga_e_Kavajës High_Street")
	towns   = strings.Fields("Berlin Roma Paris Warszawa Madrid Utrecht Athina București Tiranë Leeds Napoli Lyon Kraków Sevilla Gent Patra Cluj Durrës")
)

// perturb returns r as another desk might have typed it: a letter
// swapped or dropped in a name, the date of birth missing or only its
// year known, an identifier written with other spacing and case.
func perturb(rnd *rand.Rand, r match.Record) match.Record {
	switch {
	case r.Kind == crosscase.KindPerson:
		switch rnd.Intn(4) {
		case 0:
			r.FamilyName = typo(rnd, r.FamilyName)
		case 1:
			r.GivenName = typo(rnd, r.GivenName)
		case 2:
			r.BirthYear, r.BirthDate = r.BirthDate.Year, crosscase.Date{}
		default:
			r.BirthDate = crosscase.Date{}
		}
	case r.Kind.IsNamed():
		r.Name = typo(rnd, r.Name)
	default:
		r.Value = strings.ToUpper(strings.ReplaceAll(r.Value, " ", ""))
	}
	return r
}

// typo swaps two neighbouring letters or drops one.
func typo(rnd *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 4 {
		return s
	}
	i := 1 + rnd.Intn(len(rs)-2)
	if rnd.Intn(2) == 0 {
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	}
	return string(append(rs[:i:i], rs[i+1:]...))
}

// corpus is an index of synthetic entities and queries against it.
type corpus struct {
	n         int
	ix        *match.Index
	built     time.Duration
	heapInuse uint64        // bytes the index holds
	gc        time.Duration // one full collection with the index in memory
	queries   []match.Record
	sources   []int64 // per query: the entity it copies, 0 for none
	perturbed []bool  // per query: the copy was altered
}

// queryMix returns n queries: 40% exact copies of indexed entities entered
// in a new case, 30% perturbed copies, 30% entities the index does not
// hold (most of which match nothing); and per query the entity copied (0
// for none) and whether the copy was altered.
func queryMix(seed int64, sample []match.Record, n int, tail *names) (qs []match.Record, sources []int64, perturbed []bool) {
	rnd := rand.New(rand.NewSource(seed))
	var fresh []match.Record
	generate(seed+1, n*3/10+1, 1<<40, 1<<40, tail, func(r match.Record) { fresh = append(fresh, r) })
	for i := 0; i < n; i++ {
		var q match.Record
		switch p := rnd.Intn(10); {
		case p < 4:
			q = sample[rnd.Intn(len(sample))]
		case p < 7:
			q = perturb(rnd, sample[rnd.Intn(len(sample))])
			perturbed = append(perturbed, true)
		default:
			q = fresh[rnd.Intn(len(fresh))]
			q.EntityID = 0
		}
		if len(perturbed) == len(qs) {
			perturbed = append(perturbed, false)
		}
		sources = append(sources, q.EntityID)
		q.EntityID, q.CaseID = 0, -1
		qs = append(qs, q)
	}
	return qs, sources, perturbed
}

func heapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// buildIndex files n synthetic entities, 100000 at a time, and keeps a
// sample of them.
func buildIndex(tb testing.TB, n int, tail *names) (*match.Index, []match.Record, time.Duration) {
	ix := match.NewIndex(nil)
	rnd := rand.New(rand.NewSource(7))
	const sampleSize = 20000
	var sample []match.Record
	seen := 0
	chunk := make([]match.Record, 0, 100000)
	var took time.Duration
	flush := func() {
		start := time.Now()
		if err := ix.UpsertAll(context.Background(), chunk, 0); err != nil {
			tb.Fatal(err)
		}
		took += time.Since(start)
		chunk = chunk[:0]
	}
	generate(1, n, 1, 1, tail, func(r match.Record) {
		seen++
		if len(sample) < sampleSize {
			sample = append(sample, r)
		} else if j := rnd.Intn(seen); j < sampleSize {
			sample[j] = r
		}
		chunk = append(chunk, r)
		if len(chunk) == cap(chunk) {
			flush()
		}
	})
	flush()
	return ix, sample, took
}

var corpora = struct {
	sync.Mutex
	m map[int]*corpus
}{m: map[int]*corpus{}}

// corpusOf returns the benchmark index, built once per process.
func corpusOf(tb testing.TB) *corpus {
	n := envInt(tb, "CROSSCASE_BENCH_ENTITIES", 200000)
	corpora.Lock()
	defer corpora.Unlock()
	if c := corpora.m[n]; c != nil {
		return c
	}
	tail := loadNames(tb)
	before := heapInuse()
	ix, sample, took := buildIndex(tb, n, tail)
	if os.Getenv("CROSSCASE_BENCH_UNLIMITED") == "1" {
		ix.SetLimits(match.Limits{MaxPostingsPerKey: 1 << 30, MaxCompared: 1 << 30, MaxSingleKey: 1 << 30, MaxMisses: 1 << 30, MaxTokenPairs: 1 << 30})
	}
	c := &corpus{n: n, ix: ix, built: took}
	c.heapInuse = heapInuse() - before // with the sample of 20000 records
	start := time.Now()
	runtime.GC()
	c.gc = time.Since(start)
	c.queries, c.sources, c.perturbed = queryMix(3, sample, 20000, tail)
	st := ix.Stats()
	tb.Logf("index of %d entities built in %v (filing only); heap %.0f MiB; a full GC %v; %d strings, %d keys (%d with several entries, largest %d)",
		n, took.Round(time.Millisecond), mib(c.heapInuse), c.gc.Round(time.Millisecond), st.Strings, st.Keys, st.Lists, st.LargestKey)
	corpora.m[n] = c
	return c
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func reportLatency(b *testing.B, lat []time.Duration) {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(lat, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(lat, 1)), "max-ms")
}

// BenchmarkCheck: one entity checked against the index, as when a
// prosecutor saves an entity.
func BenchmarkCheck(b *testing.B) {
	c := corpusOf(b)
	lat := make([]time.Duration, 0, 1<<16)
	hits, i := 0, 0
	for b.Loop() {
		q := c.queries[i%len(c.queries)]
		i++
		start := time.Now()
		hits += len(c.ix.Check(q, match.DefaultCheckLimit))
		if len(lat) < cap(lat) {
			lat = append(lat, time.Since(start))
		}
	}
	if n := envIntOr(b, "CROSSCASE_BENCH_LATENCY_CHECKS", 0); n > 0 && len(lat) < n {
		// A run of -benchtime 1x (a huge index built once for several
		// benchmarks) still measures the latency over n checks.
		for j := 0; j < n; j++ {
			q := c.queries[(i+j)%len(c.queries)]
			start := time.Now()
			c.ix.Check(q, match.DefaultCheckLimit)
			lat = append(lat, time.Since(start))
		}
	}
	reportLatency(b, lat)
	b.ReportMetric(float64(hits)/float64(i), "hits/op")
	b.ReportMetric(float64(c.n), "entities")
	b.ReportMetric(mib(c.heapInuse), "index-MiB")
	b.ReportMetric(float64(c.gc)/float64(time.Millisecond), "gc-ms")
	exact, altered := c.recall(2000)
	b.ReportMetric(exact, "recall-copies")
	b.ReportMetric(altered, "recall-altered")
}

// recall returns the share of the first n copied queries whose source is
// among the candidates (with room for all of them), for exact and for
// altered copies. Ties of many namesakes do not hide the source; this
// measures what blocking and the limits lose.
func (c *corpus) recall(n int) (exact, altered float64) {
	var found, total [2]int
	for i, q := range c.queries {
		if c.sources[i] == 0 {
			continue
		}
		if n--; n < 0 {
			break
		}
		k := 0
		if c.perturbed[i] {
			k = 1
		}
		total[k]++
		for _, cand := range c.ix.Check(q, 100000) {
			if cand.EntityID == c.sources[i] {
				found[k]++
				break
			}
		}
	}
	return float64(found[0]) / float64(max(total[0], 1)), float64(found[1]) / float64(max(total[1], 1))
}

// BenchmarkCheckParallel: checks from as many goroutines as cores, as
// from several prosecutors at once.
func BenchmarkCheckParallel(b *testing.B) {
	c := corpusOf(b)
	var mu sync.Mutex
	var lat []time.Duration
	var next int64
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			mu.Lock()
			q := c.queries[next%int64(len(c.queries))]
			next++
			mu.Unlock()
			start := time.Now()
			c.ix.Check(q, match.DefaultCheckLimit)
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	reportLatency(b, lat)
}

// BenchmarkBuild: filing N entities into a new index (normalising
// included, generating not), and the heap the index holds.
func BenchmarkBuild(b *testing.B) {
	n := envInt(b, "CROSSCASE_BENCH_ENTITIES", 200000)
	recs := make([]match.Record, 0, n)
	generate(1, n, 1, 1, loadNames(b), func(r match.Record) { recs = append(recs, r) })
	var held uint64
	for b.Loop() {
		b.StopTimer()
		before := heapInuse()
		b.StartTimer()
		ix := match.NewIndex(nil)
		if err := ix.UpsertAll(context.Background(), recs, 0); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		held = heapInuse() - before
		runtime.KeepAlive(ix)
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/(float64(b.Elapsed().Seconds())/float64(b.N)), "entities/s")
	b.ReportMetric(mib(held), "index-MiB")
}

// BenchmarkSnapshotLoad: a server's start from a snapshot file.
func BenchmarkSnapshotLoad(b *testing.B) {
	c := corpusOf(b)
	path := filepath.Join(b.TempDir(), "index.snap")
	start := time.Now()
	if err := c.ix.SaveSnapshot(context.Background(), path); err != nil {
		b.Fatal(err)
	}
	saved := time.Since(start)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := match.LoadSnapshot(path)
		if err != nil {
			b.Fatal(err)
		}
		if ix.Len() != c.ix.Len() {
			b.Fatalf("loaded %d entities of %d", ix.Len(), c.ix.Len())
		}
	}
	b.ReportMetric(saved.Seconds(), "save-s")
	b.ReportMetric(mib(uint64(fi.Size())), "file-MiB")
	b.ReportMetric(float64(c.n), "entities")
}

// BenchmarkBulkCheck: a list of CROSSCASE_BENCH_BULK records checked
// against the index on every core.
func BenchmarkBulkCheck(b *testing.B) {
	c := corpusOf(b)
	n := envInt(b, "CROSSCASE_BENCH_BULK", 100000)
	recs, _, _ := queryMix(11, c.queries, n, loadNames(b)) // copies of copies: as many matches as the single checks
	hits := 0
	before := c.ix.WorkDone()
	cpu0 := cpuTime()
	for b.Loop() {
		h, err := match.BulkCheck(context.Background(), c.ix, recs, 0, nil)
		if err != nil {
			b.Fatal(err)
		}
		hits = len(h)
	}
	per := b.Elapsed().Seconds() / float64(b.N)
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	after := c.ix.WorkDone()
	checks := float64(n) * float64(b.N)
	b.ReportMetric(per, "s/bulk")
	b.ReportMetric(float64(n)/per, "records/s")
	b.ReportMetric(float64(hits), "hits")
	// What one record's check did: postings read or probed while
	// ranking, entries ranked, entries compared.
	b.ReportMetric(float64(after.Visited-before.Visited)/checks, "postings/rec")
	b.ReportMetric(float64(after.Probes-before.Probes)/checks, "probes/rec")
	b.ReportMetric(float64(after.Ranked-before.Ranked)/checks, "ranked/rec")
	b.ReportMetric(float64(after.Candidates-before.Candidates)/checks, "candidates/rec")
	// CPU time of the whole process: on a shared machine, less
	// disturbed by other work than the elapsed time.
	b.ReportMetric(cpu, "cpu-s/bulk")
	b.ReportMetric(float64(after.Compared-before.Compared)/checks, "compared/rec")
	b.ReportMetric(float64(after.Bounded-before.Bounded)/checks, "bounded/rec")
	b.StopTimer()
	exact, altered := c.recall(2000)
	b.ReportMetric(exact, "recall-copies")
	b.ReportMetric(altered, "recall-altered")
}

// Every exact copy of an indexed entity, entered in another case, finds
// the entity: blocking loses nothing on realistic data of this size.
func TestSyntheticCopiesAreFound(t *testing.T) {
	ix, sample, _ := buildIndex(t, 20000, nil)
	kinds := map[crosscase.EntityKind]int{}
	missed := 0
	for _, r := range sample[:3000] {
		kinds[r.Kind]++
		q := r
		q.CaseID = -1
		found := false
		for _, c := range ix.Check(q, 1000) {
			found = found || c.EntityID == r.EntityID
		}
		if !found {
			missed++
			if missed <= 5 {
				t.Errorf("copy of %+v not found", r)
			}
		}
	}
	if missed > 0 {
		t.Fatalf("%d of 3000 copies missed", missed)
	}
	for _, k := range []crosscase.EntityKind{crosscase.KindPerson, crosscase.KindCompany, crosscase.KindPhone, crosscase.KindIBAN, crosscase.KindEmail} {
		if kinds[k] < 50 {
			t.Fatalf("the synthetic sample has %d of kind %s: %v", kinds[k], k, kinds)
		}
	}
}

// The generator's records are what ReadCSV and the store would give:
// valid entities.
func TestSyntheticRecordsAreValid(t *testing.T) {
	var buf bytes.Buffer
	generate(5, 3000, 1, 1, nil, func(r match.Record) {
		for _, s := range []string{r.GivenName, r.FamilyName, r.Name, r.Value} {
			if !utf8.ValidString(s) {
				fmt.Fprintf(&buf, "%+v\n", r)
			}
		}
		if r.EntityID <= 0 || r.CaseID <= 0 || r.DeskID <= 0 || !r.Kind.Valid() {
			fmt.Fprintf(&buf, "%+v\n", r)
		}
	})
	if buf.Len() > 0 {
		t.Fatalf("bad records:\n%s", buf.String())
	}
}

// Skipping the persons whose birth date, identity number, nationality
// and address keep them below the threshold changes no hit.
func TestBoundedCheckSameHits(t *testing.T) {
	ix, sample, _ := buildIndex(t, 50000, nil)
	recs, _, _ := queryMix(3, sample, 5000, nil)
	with, err := match.BulkCheck(context.Background(), ix, recs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	before := ix.WorkDone()
	match.SetBoundPersons(ix, false)
	without, err := match.BulkCheck(context.Background(), ix, recs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ix.WorkDone().Bounded != before.Bounded {
		t.Fatal("bounded with bounding off")
	}
	if before.Bounded == 0 {
		t.Fatal("no person bounded")
	}
	if !reflect.DeepEqual(with, without) {
		t.Fatalf("%d hits with the bound, %d without; they differ", len(with), len(without))
	}
	t.Logf("%d hits; %d of %d comparisons bounded", len(with), before.Bounded, before.Compared)
}

// Walking the large blocks only as far as the comparisons go changes no
// hit, and reads fewer postings. Blocks over 64 entries count as large
// here, so that most queries have several.
func TestLazyWalkSameHits(t *testing.T) {
	ix, sample, _ := buildIndex(t, 50000, nil)
	recs, _, _ := queryMix(3, sample, 5000, nil)
	match.SetSmallBlock(ix, 64)
	lazy, err := match.BulkCheck(context.Background(), ix, recs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	w0 := ix.WorkDone()
	match.SetLazyWalk(ix, false)
	eager, err := match.BulkCheck(context.Background(), ix, recs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	w1 := ix.WorkDone()
	if !reflect.DeepEqual(lazy, eager) {
		t.Fatalf("%d hits walking lazily, %d walking whole; they differ", len(lazy), len(eager))
	}
	lazyRead, eagerRead := w0.Visited+w0.Probes, w1.Visited+w1.Probes-w0.Visited-w0.Probes
	if lazyRead >= eagerRead {
		t.Fatalf("postings read and probed: %d walking lazily, %d walking whole", lazyRead, eagerRead)
	}
	t.Logf("%d hits; postings read and probed: %d walking lazily, %d walking whole", len(lazy), lazyRead, eagerRead)
}

// Walking the namesakes of a query's pairs of names, instead of the
// newest entries of its smallest large block, finds every copy the
// latter found and reads fewer postings. Blocks over 64 entries count as
// large here, so that most queries have several.
func TestPairWalkFindsCopies(t *testing.T) {
	ix, sample, _ := buildIndex(t, 50000, nil)
	recs, sources, _ := queryMix(5, sample, 5000, nil)
	match.SetSmallBlock(ix, 64)
	found := func() (map[int]bool, int64) {
		w0 := ix.WorkDone()
		hits, err := match.BulkCheck(context.Background(), ix, recs, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		w1 := ix.WorkDone()
		got := map[int]bool{}
		for _, h := range hits {
			if sources[h.Row] != 0 && h.EntityID == sources[h.Row] {
				got[h.Row] = true
			}
		}
		return got, w1.Visited + w1.Probes - w0.Visited - w0.Probes
	}
	pairs, pairRead := found()
	match.SetPairWalk(ix, false)
	block, blockRead := found()
	for row := range block {
		if !pairs[row] {
			t.Errorf("record %d: the walk of the smallest large block finds its copy, the walk of pairs does not: %+v", row, recs[row])
		}
	}
	if pairRead >= blockRead {
		t.Errorf("postings read and probed: %d walking pairs, %d walking the smallest large block", pairRead, blockRead)
	}
	t.Logf("copies found: %d walking pairs, %d walking the smallest large block; postings read and probed: %d, %d", len(pairs), len(block), pairRead, blockRead)
}
