package match

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math/rand"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"crosscase"
)

func person(id, caseID int64, given, family string, born crosscase.Date) Record {
	return Record{EntityID: id, CaseID: caseID, DeskID: caseID * 10, Kind: crosscase.KindPerson,
		GivenName: given, FamilyName: family, BirthDate: born, Nationality: "IT"}
}

func ident(id, caseID int64, kind crosscase.EntityKind, value, country string) Record {
	return Record{EntityID: id, CaseID: caseID, DeskID: caseID * 10, Kind: kind, Value: value, Country: country}
}

func company(id, caseID int64, name, country string) Record {
	return Record{EntityID: id, CaseID: caseID, DeskID: caseID * 10, Kind: crosscase.KindCompany, Name: name, Country: country}
}

var born1980 = crosscase.Date{Year: 1980, Month: time.May, Day: 12}

func ids(cs []Candidate) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.EntityID
	}
	return out
}

func TestCheckFindsOtherCasesOnly(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(person(1, 100, "Mario", "Rossi", born1980))
	ix.Upsert(person(2, 200, "Mario", "Rossi", born1980))
	ix.Upsert(person(3, 100, "Mario", "Rossi", born1980)) // same case as 1
	ix.Upsert(person(4, 300, "Jan", "Kowalski", crosscase.Date{Year: 1966, Month: time.March, Day: 1}))
	ix.Upsert(company(5, 400, "Mario Rossi", "IT")) // another kind
	if n := ix.Len(); n != 5 {
		t.Fatalf("Len = %d, want 5", n)
	}

	got := ix.Check(person(1, 100, "Mario", "Rossi", born1980), 0)
	if want := []int64{2}; !slices.Equal(ids(got), want) {
		t.Fatalf("Check from case 100 = %v, want %v", ids(got), want)
	}
	c := got[0]
	if c.CaseID != 200 || c.DeskID != 2000 || c.Score < ix.Thresholds()[crosscase.KindPerson] || len(c.Fields) == 0 {
		t.Fatalf("candidate = %+v", c)
	}

	// A record of no case sees every case's Mario Rossi, not the company.
	got = ix.Check(person(0, 0, "Mario", "Rossi", born1980), 0)
	if want := []int64{1, 2, 3}; !slices.Equal(ids(got), want) {
		t.Fatalf("Check from no case = %v, want %v", ids(got), want)
	}
	if got := ix.Check(person(0, 0, "Anna", "Nowak", born1980), 0); len(got) != 0 {
		t.Fatalf("Check of an unknown person = %v", ids(got))
	}
}

func TestUpsertReplacesAndRemoveForgets(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(person(1, 100, "Mario", "Rossi", born1980))
	ix.Upsert(person(2, 200, "Mario", "Rossi", born1980))
	q := person(0, 0, "Mario", "Rossi", born1980)

	// Entity 2 renamed: no longer found under its old name, found under the new one.
	ix.Upsert(person(2, 200, "Jan", "Kowalski", born1980))
	if ix.Len() != 2 {
		t.Fatalf("Len after replace = %d, want 2", ix.Len())
	}
	if got := ids(ix.Check(q, 0)); !slices.Equal(got, []int64{1}) {
		t.Fatalf("after rename, Check = %v, want [1]", got)
	}
	if got := ids(ix.Check(person(0, 0, "Jan", "Kowalski", born1980), 0)); !slices.Equal(got, []int64{2}) {
		t.Fatalf("Check new name = %v, want [2]", got)
	}

	// Entity 1 moved to case 200: now hidden from checks of case 200.
	ix.Upsert(person(1, 200, "Mario", "Rossi", born1980))
	if got := ix.Check(person(9, 200, "Mario", "Rossi", born1980), 0); len(got) != 0 {
		t.Fatalf("Check from the entity's new case = %v", ids(got))
	}

	ix.Remove(1)
	ix.Remove(1)   // twice is harmless
	ix.Remove(404) // unknown is harmless
	if got := ix.Check(q, 0); len(got) != 0 {
		t.Fatalf("after Remove, Check = %v", ids(got))
	}
	ix.Remove(2)
	if st := ix.Stats(); st.Entities != 0 || st.Keys != 0 || st.Strings != 0 || st.Lists != 0 {
		t.Fatalf("empty index keeps %+v", st)
	}
}

func TestCheckIdentifiersByExactValue(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(ident(1, 100, crosscase.KindIBAN, "DE89 3704 0044 0532 0130 00", "DE"))
	ix.Upsert(ident(2, 200, crosscase.KindIBAN, "DE89370400440532013000", "DE"))
	ix.Upsert(ident(3, 300, crosscase.KindIBAN, "DE89 3704 0044 0532 0130 01", "DE"))
	ix.Upsert(ident(4, 400, crosscase.KindEmail, "mario.rossi@libero.it", ""))
	ix.Upsert(ident(5, 500, crosscase.KindEmail, "Mario.Rossi@Libero.IT", ""))

	got := ix.Check(ident(1, 100, crosscase.KindIBAN, "DE89 3704 0044 0532 0130 00", "DE"), 0)
	if !slices.Equal(ids(got), []int64{2}) || got[0].Score != 100 {
		t.Fatalf("IBAN check = %+v, want entity 2 with score 100", got)
	}
	if got := ix.Check(ident(0, 0, crosscase.KindIBAN, "DE89 3704 0044 0532 0130 02", "DE"), 0); len(got) != 0 {
		t.Fatalf("an IBAN one digit off matched %v", ids(got))
	}
	if got := ids(ix.Check(ident(0, 0, crosscase.KindEmail, "MARIO.ROSSI@libero.it", ""), 0)); !slices.Equal(got, []int64{4, 5}) {
		t.Fatalf("e-mail check = %v, want [4 5]", got)
	}
	// The same text as another kind is not the same thing.
	if got := ix.Check(ident(0, 0, crosscase.KindDocument, "DE89370400440532013000", ""), 0); len(got) != 0 {
		t.Fatalf("a document number matched IBANs %v", ids(got))
	}
}

func TestCheckOrderLimitAndThresholds(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 30; i++ {
		ix.Upsert(ident(i, i, crosscase.KindPhone, "+39 333 123 4567", "IT"))
	}
	q := ident(0, 0, crosscase.KindPhone, "+39 333 123 4567", "IT")
	if got := ids(ix.Check(q, 0)); len(got) != DefaultCheckLimit || !slices.IsSorted(got) || got[0] != 1 {
		t.Fatalf("default limit: %v", got)
	}
	if got := ids(ix.Check(q, 3)); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("limit 3 = %v, want the three lowest ids among equal scores", got)
	}
	if got := ix.Check(q, 100); len(got) != 30 {
		t.Fatalf("limit 100 gave %d, want 30", len(got))
	}
	ix.SetThresholds(Thresholds{crosscase.KindPhone: 101})
	if got := ix.Check(q, 100); len(got) != 0 {
		t.Fatalf("threshold above 100 still gives %d", len(got))
	}
	ix.SetThresholds(Thresholds{}) // kinds not named need 100
	if got := ix.Check(q, 100); len(got) != 30 {
		t.Fatalf("empty thresholds give %d, want 30 exact matches", len(got))
	}
	ix.SetThresholds(nil)
	if got, want := ix.Thresholds(), DefaultThresholds(); !reflect.DeepEqual(got, want) {
		t.Fatalf("SetThresholds(nil) gives %v, want %v", got, want)
	}
}

// A key shared by more entries than the limits allow: the newest are
// compared, never more than MaxSingleKey of a single shared key nor
// MaxCompared in all, and a key longer than MaxPostingsPerKey is read
// from its newest part only.
func TestCheckCapsHugeBlocks(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 500; i++ {
		ix.Upsert(ident(i, i, crosscase.KindPhone, "+39 333 123 4567", "IT"))
	}
	q := Normalize(ident(0, 0, crosscase.KindPhone, "+39 333 123 4567", "IT"))
	newest := func(got []Candidate, n int64) {
		t.Helper()
		for _, c := range got {
			if c.EntityID <= 500-n {
				t.Fatalf("compared entity %d, not one of the %d newest", c.EntityID, n)
			}
		}
	}
	ix.SetLimits(Limits{MaxSingleKey: 100})
	got, compared := ix.check(q, 0, 1000)
	if len(got) != 100 || compared != 100 {
		t.Fatalf("MaxSingleKey 100: %d candidates, %d compared; want 100", len(got), compared)
	}
	newest(got, 100)
	ix.SetLimits(Limits{MaxSingleKey: 1000})
	if got, compared = ix.check(q, 0, 1000); len(got) != 500 || compared != 500 {
		t.Fatalf("MaxSingleKey 1000: %d candidates, %d compared; want 500", len(got), compared)
	}
	ix.SetLimits(Limits{MaxPostingsPerKey: 100, MaxCompared: 40})
	got, compared = ix.check(q, 0, 1000)
	if compared != 40 || len(got) != 40 {
		t.Fatalf("capped: %d candidates, %d compared; want 40", len(got), compared)
	}
	newest(got, 40)
	ix.SetLimits(Limits{MaxPostingsPerKey: 30}) // the others stay
	d := DefaultLimits()
	if l := ix.Limits(); l != (Limits{MaxPostingsPerKey: 30, MaxCompared: 40, MaxSingleKey: 1000, MaxMisses: d.MaxMisses, MaxTokenPairs: d.MaxTokenPairs}) {
		t.Fatalf("Limits = %+v", l)
	}
	if got, compared = ix.check(q, 0, 1000); compared != 30 {
		t.Fatalf("per-key cap 30 compared %d", compared)
	}
	newest(got, 30)
	// Entries of the query's own case do not use up the budget.
	for i := int64(501); i <= 600; i++ {
		ix.Upsert(ident(i, 7, crosscase.KindPhone, "+39 333 123 4567", "IT"))
	}
	ix.SetLimits(Limits{MaxPostingsPerKey: 1000, MaxCompared: 10})
	got, _ = ix.check(q, 7, 1000)
	if len(got) != 10 || got[0].CaseID == 7 {
		t.Fatalf("same-case entries used the budget: %+v", got)
	}
}

// The selective keys are read before an oversized one, so a match that
// shares a small key is found even when a large key fills the budget.
func TestCheckReadsSmallBlocksFirst(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(person(1, 1, "Mario", "Zanzottera", born1980))
	for i := int64(2); i <= 400; i++ {
		ix.Upsert(person(i, i, "Mario", fmt.Sprintf("Other%c%c", 'a'+i%26, 'a'+i/26), born1980))
	}
	ix.SetLimits(Limits{MaxPostingsPerKey: 50, MaxCompared: 20})
	if got := ids(ix.Check(person(0, 0, "Mario", "Zanzottera", born1980), 5)); !slices.Contains(got, 1) {
		t.Fatalf("the match under a rare key was missed: %v", got)
	}
}

// An entry that shares two keys with the query outranks hundreds that
// share one, however old it is.
func TestCheckRanksSharedKeysFirst(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(Record{EntityID: 1, CaseID: 1, Kind: crosscase.KindPerson, GivenName: "Anna", FamilyName: "Rossi"})
	for i := int64(2); i <= 600; i++ {
		r := person(i, i, "Anna", fmt.Sprintf("Other%c%c", 'a'+i%26, 'a'+i/26), born1980)
		if i%2 == 0 {
			r.GivenName, r.FamilyName = "Luca", "Rossi"
		}
		ix.Upsert(r)
	}
	ix.SetLimits(Limits{MaxCompared: 10})
	got, compared := ix.check(Normalize(person(0, 0, "Anna", "Rossi", born1980)), 0, 5)
	if compared != 10 || len(got) == 0 || got[0].EntityID != 1 {
		t.Fatalf("compared %d, found %v; want entity 1 first", compared, ids(got))
	}
}

// Once the entries sharing the most keys give limit hits, those sharing
// fewer are not compared.
func TestCheckStopsAfterAFullTier(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 30; i++ {
		ix.Upsert(person(i, i, "Anna", "Rossi", born1980))
	}
	for i := int64(31); i <= 130; i++ {
		ix.Upsert(person(i, i, "Anna", fmt.Sprintf("Other%c%c", 'a'+i%26, 'a'+i/26), born1980))
	}
	q := Normalize(person(0, 0, "Anna", "Rossi", born1980))
	got, compared := ix.check(q, 0, 5)
	if len(got) != 5 || compared != 30 {
		t.Fatalf("limit 5: %d hits after %d compared; want 5 after the 30 namesakes", len(got), compared)
	}
	if _, compared = ix.check(q, 0, 40); compared <= 30 {
		t.Fatalf("limit 40: compared %d; the tier of the namesakes gave too few hits, the next tier is due", compared)
	}
}

// A run of MaxMisses entries below the threshold ends the check.
func TestCheckStopsAfterMisses(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 100; i++ { // share the given name only: no hits
		ix.Upsert(person(i, i, "Anna", fmt.Sprintf("Other%c%c", 'a'+i%26, 'a'+i/26), born1980))
	}
	q := Normalize(person(0, 0, "Anna", "Rossi", born1980))
	if got, compared := ix.check(q, 0, 5); len(got) != 0 || compared != 100 {
		t.Fatalf("default limits: %d hits after %d compared; want none after 100", len(got), compared)
	}
	ix.SetLimits(Limits{MaxMisses: 30})
	if _, compared := ix.check(q, 0, 5); compared != 30 {
		t.Fatalf("MaxMisses 30: compared %d", compared)
	}
	ix.Upsert(person(101, 101, "Anna", "Rossi", born1980)) // ranks first: no misses before it
	if got, _ := ix.check(q, 0, 5); !slices.Equal(ids(got), []int64{101}) {
		t.Fatalf("hits %v, want [101]", ids(got))
	}
}

// Long names use up MaxTokenPairs sooner than short ones.
func TestCheckBudgetsTokenPairs(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 100; i++ {
		ix.Upsert(company(i, i, "Alpha Beta Gamma Delta Trading Company", "IT"))
	}
	q := Normalize(company(0, 0, "Alpha Beta Gamma Delta Trading Company", "IT"))
	n := len(q.Tokens)
	if n < 2 {
		t.Fatalf("tokens %v", q.Tokens)
	}
	ix.SetLimits(Limits{MaxTokenPairs: 10 * n * n, MaxSingleKey: 1000})
	if _, compared := ix.check(q, 0, 1000); compared != 10 {
		t.Fatalf("compared %d entries of %d tokens within %d token pairs; want 10", compared, n, 10*n*n)
	}
}

func TestIndexKeepsEveryKeysField(t *testing.T) {
	// The index stores Keys field by field (entry, keysOf). A new field
	// must be stored too, or Compare would see it empty for every indexed
	// entity.
	var got []string
	for f := range reflect.TypeFor[Keys]().Fields() {
		got = append(got, f.Name)
	}
	want := []string{"Kind", "Tokens", "Phonetic", "Birth", "BirthYear", "Ident", "Nationality", "Address"}
	if !slices.Equal(got, want) {
		t.Fatalf("Keys has fields %v; the index stores %v: update entry, keysOf and the snapshot", got, want)
	}
	ix := NewIndex(nil)
	r := person(1, 1, "José María", "Álvarez García", born1980)
	ix.Upsert(r)
	var k Keys
	ix.keysOf(&ix.entries[ix.byID[1]], &k)
	if want := Normalize(r); !reflect.DeepEqual(k, want) {
		t.Fatalf("stored keys %+v, want %+v", k, want)
	}
	r = Record{EntityID: 2, CaseID: 1, Kind: crosscase.KindPerson, FamilyName: "Rossi", BirthYear: 1971}
	ix.Upsert(r)
	ix.keysOf(&ix.entries[ix.byID[2]], &k)
	if want := Normalize(r); !reflect.DeepEqual(k, want) {
		t.Fatalf("stored keys %+v, want %+v", k, want)
	}
	r = person(3, 1, "Anna", "Nowak", born1980)
	r.IDNumber, r.Nationality, r.Address = "ABC 123456", "pl", "ul. Marszałkowska 10, 00-590 Warszawa"
	ix.Upsert(r)
	ix.keysOf(&ix.entries[ix.byID[3]], &k)
	if want := Normalize(r); !reflect.DeepEqual(k, want) || k.Ident == "" || k.Nationality != "PL" || len(k.Address) < 3 {
		t.Fatalf("stored keys %+v, want %+v", k, want)
	}
}

func TestCompactKeepsEntries(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 200; i++ {
		ix.Upsert(person(i, i, "Mario", fmt.Sprintf("Rossi%d", i%7), born1980))
	}
	for i := int64(1); i <= 200; i += 2 {
		ix.Remove(i)
	}
	before := ix.Check(person(0, 0, "Mario", "Rossi3", born1980), 100)
	ix.mu.Lock()
	words := len(ix.arena)
	ix.compactLocked()
	after := len(ix.arena)
	ix.mu.Unlock()
	if after >= words {
		t.Fatalf("compaction kept %d of %d words", after, words)
	}
	if got := ix.Check(person(0, 0, "Mario", "Rossi3", born1980), 100); !reflect.DeepEqual(got, before) || len(got) == 0 {
		t.Fatalf("after compaction %v, before %v", ids(got), ids(before))
	}
	if st := ix.Stats(); st.GarbageWords != 0 || st.Entities != 100 {
		t.Fatalf("stats after compaction %+v", st)
	}
}

func TestUpsertAll(t *testing.T) {
	var recs []Record
	for i := int64(1); i <= 5000; i++ {
		recs = append(recs, person(i, i%50+1, "Mario", fmt.Sprintf("Rossi%d", i%100), born1980))
	}
	// A later record of the same entity wins.
	recs = append(recs, person(7, 1, "Jan", "Kowalski", born1980))
	ix := NewIndex(nil)
	if err := ix.UpsertAll(context.Background(), recs, 3); err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 5000 {
		t.Fatalf("Len = %d, want 5000", ix.Len())
	}
	if got := ids(ix.Check(person(0, 0, "Jan", "Kowalski", born1980), 0)); !slices.Equal(got, []int64{7}) {
		t.Fatalf("Check of the replaced entity = %v", got)
	}
	one := NewIndex(nil)
	for _, r := range recs {
		one.Upsert(r)
	}
	q := person(0, 3, "Mario", "Rossi42", born1980)
	if a, b := ix.Check(q, 1000), one.Check(q, 1000); !reflect.DeepEqual(a, b) || len(a) != 50 {
		t.Fatalf("UpsertAll and Upsert differ: %d and %d candidates", len(a), len(b))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := NewIndex(nil).UpsertAll(ctx, recs, 2); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled UpsertAll: %v", err)
	}
}

// Checks, upserts and removals at once; run with -race.
func TestIndexConcurrentUse(t *testing.T) {
	ix := NewIndex(nil)
	const n = 400
	for i := int64(1); i <= n; i++ {
		ix.Upsert(person(i, i%20+1, "Mario", fmt.Sprintf("Rossi%d", i%10), born1980))
	}
	deadline := time.Now().Add(300 * time.Millisecond)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				id := int64(1 + r.Intn(n))
				switch r.Intn(4) {
				case 0:
					ix.Remove(id)
				case 1:
					ix.Upsert(person(id, id%20+1, "Mario", fmt.Sprintf("Rossi%d", id%10), born1980))
				default:
					for _, c := range ix.Check(person(0, 0, "Mario", fmt.Sprintf("Rossi%d", id%10), born1980), 5) {
						if c.EntityID%10 != id%10 {
							t.Errorf("Check for Rossi%d gave entity %d", id%10, c.EntityID)
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	for i := int64(1); i <= n; i++ {
		ix.Upsert(person(i, i%20+1, "Mario", fmt.Sprintf("Rossi%d", i%10), born1980))
	}
	if got := ix.Check(person(0, 0, "Mario", "Rossi4", born1980), 1000); len(got) != n/10 {
		t.Fatalf("after the storm, %d candidates for Rossi4, want %d", len(got), n/10)
	}
	for i := int64(1); i <= n; i++ {
		ix.Remove(i)
	}
	if st := ix.Stats(); st.Entities != 0 || st.Keys != 0 || st.Strings != 0 {
		t.Fatalf("empty index keeps %+v", st)
	}
}

func TestStringTable(t *testing.T) {
	ix := NewIndex(nil)
	st := &ix.strs
	a, b := st.intern("alpha"), st.intern("beta")
	if st.intern("alpha") != a || st.get(a) != "alpha" || st.get(b) != "beta" || st.len() != 2 {
		t.Fatalf("intern: %d %d %q %q", a, b, st.get(a), st.get(b))
	}
	// Pretend "gamma" has the hash of "alpha": it goes to the clash map.
	st.byHash[maphash.String(st.seed, "gamma")] = a
	g := st.intern("gamma")
	if id, ok := st.lookup("gamma"); !ok || id != g || st.get(g) != "gamma" || len(st.clash) != 1 {
		t.Fatalf("clashing string: id %d, ok %v, clash %v", id, ok, st.clash)
	}
	if id, ok := st.lookup("alpha"); !ok || id != a {
		t.Fatalf("alpha lost: %d %v", id, ok)
	}
	st.release(g)
	if _, ok := st.lookup("gamma"); ok || len(st.clash) != 0 || st.byHash[maphash.String(st.seed, "gamma")] != a {
		t.Fatalf("released clashing string still there: %v", st.clash)
	}
	delete(st.byHash, maphash.String(st.seed, "gamma"))
	st.release(a)
	if _, ok := st.lookup("alpha"); !ok {
		t.Fatal("alpha freed while still used")
	}
	st.release(a)
	if _, ok := st.lookup("alpha"); ok || st.len() != 1 {
		t.Fatalf("alpha not freed: %d strings", st.len())
	}
	if id := st.intern("delta"); id != a && id != g {
		t.Fatalf("a freed id is not reused: %d", id)
	}
	// Compaction keeps every string in use and drops the others.
	var ids []uint32
	for i := 0; i < 5000; i++ {
		ids = append(ids, st.intern(strings.Repeat("x", 300)+strconv.Itoa(i)))
	}
	for i, id := range ids {
		if i%10 != 0 {
			st.release(id)
		}
	}
	if len(st.data) >= 5000*300 {
		t.Fatalf("no compaction: %d bytes, %d garbage", len(st.data), st.garbage)
	}
	st.compact()
	if st.garbage != 0 || len(st.data) > 200000 {
		t.Fatalf("after compact: %d bytes, %d garbage", len(st.data), st.garbage)
	}
	for i := 0; i < 5000; i += 10 {
		if got, want := st.get(ids[i]), strings.Repeat("x", 300)+strconv.Itoa(i); got != want {
			t.Fatalf("string %d after compaction: %q", i, got)
		}
		if id, ok := st.lookup(strings.Repeat("x", 300) + strconv.Itoa(i)); !ok || id != ids[i] {
			t.Fatalf("lookup %d after compaction: %d %v", i, id, ok)
		}
	}
	if st.get(b) != "beta" {
		t.Fatal("beta lost")
	}
}

// rank against a plain count of every block's slots: the entries of
// small blocks are counted whole, those of large blocks found by probing
// and walking, and the singles of a large block are told apart as the
// check walks it.
func TestRank(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for round := 0; round < 300; round++ {
		smallBlock := 20 + r.Intn(200)
		s := &scratch{}
		n := 2 + r.Intn(11)
		for b := 0; b < n; b++ {
			var l []uint32
			for slot := uint32(r.Intn(5)); slot < 300; slot += 1 + uint32(r.Intn(1+b*4)) {
				l = append(l, slot)
			}
			if len(l) == 1 {
				s.blocks = append(s.blocks, block{one: [1]uint32{l[0]}})
			} else {
				s.blocks = append(s.blocks, block{list: l})
			}
		}
		slices.SortStableFunc(s.blocks, func(a, b block) int { return a.size() - b.size() })
		count, rarest := map[uint32]int{}, map[uint32]int{}
		for b := range s.blocks {
			for _, slot := range s.blocks[b].slots() {
				if count[slot] == 0 {
					rarest[slot] = b
				}
				count[slot]++
			}
		}
		// Every other round, the query has pair keys: their entries are
		// walked instead of the smallest large block.
		inPair := map[uint32]bool{}
		if round%2 == 1 {
			for range 1 + r.Intn(2) {
				var l []uint32
				for slot := uint32(r.Intn(3)); slot < 300; slot += 1 + uint32(r.Intn(6)) {
					l = append(l, slot)
					inPair[slot] = true
				}
				s.pairs = append(s.pairs, block{list: l})
			}
		}
		s.rank(300, 1<<30, 1<<30, smallBlock)
		s.finishWalk()
		for sh, held := range s.walk.held {
			for _, slot := range held {
				first := uint16(s.small) // the smallest large block, walked
				if len(s.pairs) > 0 && rarest[slot] >= s.small {
					first = uint16(rarest[slot]) // walked from the pair keys
				}
				s.strong = append(s.strong, ranked{slot: slot, shared: uint16(sh), rarest: first})
			}
		}
		seen := map[uint32]bool{}
		for _, x := range s.strong {
			seen[x.slot] = true
			if count[x.slot] != int(x.shared) || rarest[x.slot] != int(x.rarest) || x.shared < 2 {
				t.Fatalf("round %d: %+v, want shared %d rarest %d", round, x, count[x.slot], rarest[x.slot])
			}
		}
		for b := range s.small {
			if !slices.IsSorted(s.singles[b]) {
				t.Fatalf("singles of block %d out of order", b)
			}
			for _, slot := range s.singles[b] {
				seen[slot] = true
				if count[slot] != 1 || rarest[slot] != b {
					t.Fatalf("single %d in block %d: count %d", slot, b, count[slot])
				}
			}
		}
		for b := s.small; b < len(s.blocks); b++ {
			s.resetCursors(b - s.small)
			l := s.blocks[b].slots()
			for i := len(l) - 1; i >= 0; i-- {
				single := s.largeSingle(b, l[i])
				if single != (count[l[i]] == 1) {
					t.Fatalf("round %d: slot %d of large block %d: single %v, count %d", round, l[i], b, single, count[l[i]])
				}
				if single {
					seen[l[i]] = true
				}
			}
		}
		// Entries in two large blocks but not in the smallest of them
		// (or in none of the pair keys, when there are some) are the
		// walk's known blind spot.
		blind := func(slot uint32, c int) bool {
			if c < 2 || rarest[slot] < s.small {
				return false
			}
			if len(s.pairs) > 0 {
				return !inPair[slot]
			}
			return rarest[slot] > s.small
		}
		for slot, c := range count {
			if !seen[slot] && !blind(slot, c) {
				t.Fatalf("round %d: slot %d (count %d, first block %d of %d, small %d) not ranked", round, slot, c, rarest[slot], len(s.blocks), s.small)
			}
		}
		s.release()
		if slices.ContainsFunc(s.dense, func(v uint16) bool { return v != 0 }) {
			t.Fatal("rank left counts behind")
		}
	}
}

// A cursor answers like a binary search for slots asked in descending
// order.
func TestCursor(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for round := 0; round < 200; round++ {
		var l []uint32
		for slot := uint32(r.Intn(10)); slot < 5000; slot += 1 + uint32(r.Intn(1+r.Intn(50))) {
			l = append(l, slot)
		}
		c := cursor{list: l, hi: len(l)}
		for slot := int64(5100); slot >= 0; slot -= 1 + int64(r.Intn(30)) {
			_, want := slices.BinarySearch(l, uint32(slot))
			if got := c.has(uint32(slot)); got != want {
				t.Fatalf("round %d: has(%d) = %v, want %v", round, slot, got, want)
			}
		}
	}
}

// BenchmarkRank: ten overlapping keys of 15000 to 25000 entries each, as
// for a person with three common names among five million entities, and
// one small key (a date of birth).
func BenchmarkRank(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	s := &scratch{}
	var small []uint32
	for slot := uint32(r.Intn(50)); slot < 3_000_000; slot += uint32(1 + r.Intn(100_000)) {
		small = append(small, slot)
	}
	s.blocks = append(s.blocks, block{list: small})
	for k := 0; k < 10; k++ {
		var l []uint32
		step := 100 + r.Intn(100)
		for slot := uint32(r.Intn(50)); slot < 3_000_000; slot += uint32(1 + r.Intn(step*2)) {
			l = append(l, slot)
		}
		s.blocks = append(s.blocks, block{list: l})
	}
	slices.SortStableFunc(s.blocks, func(a, b block) int { return a.size() - b.size() })
	for b.Loop() {
		s.strong = s.strong[:0]
		for i := range s.singles {
			s.singles[i] = s.singles[i][:0]
		}
		s.rank(3_000_000, 1000, 100000, defaultSmallBlock)
		s.finishWalk()
		s.release()
	}
}

// Comparing the query with an indexed entry allocates nothing: neither
// rebuilding the entry's keys nor scoring nor explaining them.
func TestComparePairDoesNotAllocate(t *testing.T) {
	ix := NewIndex(nil)
	recs := []Record{
		{EntityID: 1, CaseID: 1, Kind: crosscase.KindPerson, GivenName: "Jana", FamilyName: "Nováková", BirthDate: born1980, Nationality: "CZ", IDNumber: "AB1234567", Address: "Národní 12, Praha"},
		{EntityID: 2, CaseID: 2, Kind: crosscase.KindPerson, GivenName: "Sasha", FamilyName: "Grinevich"},
		{EntityID: 3, CaseID: 3, Kind: crosscase.KindCompany, Name: "Nordlicht Handels GmbH"},
		{EntityID: 4, CaseID: 4, Kind: crosscase.KindIBAN, Value: "DE89 3704 0044 0532 0130 00"},
	}
	queries := []Record{
		{Kind: crosscase.KindPerson, GivenName: "Jana", FamilyName: "Novakova", BirthDate: born1980, Nationality: "SK", IDNumber: "AB1234568", Address: "Narodni 12 Praha"},
		{Kind: crosscase.KindPerson, FamilyName: "Aleksandr Grinevich"},
		{Kind: crosscase.KindCompany, Name: "Nordlicht Handel"},
		{Kind: crosscase.KindIBAN, Value: "de89370400440532013000"},
	}
	for _, r := range recs {
		ix.Upsert(r)
	}
	var buf Keys
	var fields []FieldScore
	for i, q := range queries {
		k := Normalize(q)
		e := &ix.entries[ix.byID[recs[i].EntityID]]
		allocs := testing.AllocsPerRun(100, func() {
			ix.keysOf(e, &buf)
			_, fields = compare(&k, &buf, fields[:0])
		})
		if allocs != 0 {
			t.Errorf("%s: %.1f allocations per compared pair", q.Kind, allocs)
		}
	}
}
