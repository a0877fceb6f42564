package match

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"crosscase"
)

// Candidate is an entity of another case that probably is the same thing
// as the entity checked: its ids, its score (0..100) and which fields
// agreed.
type Candidate struct {
	EntityID int64        `json:"entity_id"`
	CaseID   int64        `json:"case_id"`
	DeskID   int64        `json:"desk_id"`
	Score    int          `json:"score"`
	Fields   []FieldScore `json:"fields"`
	// Kind is CandidateSameEntity, or CandidateSameDocument for a person
	// with the query's identity number under a clearly different name
	// (see SetDocumentThreshold).
	Kind string `json:"kind,omitempty"`
}

// Limits bound the work of one check against very common blocking keys.
//
// Blocking files every entry under a few keys (BlockingKeys); a check
// considers the entries that share at least one key with the query. Most
// keys are selective (an identifier, a date of birth with initials, a
// rare name), but some are not: the key of a frequent given name can hold
// a hundred thousand entries, and comparing them all would take far
// longer than the second a prosecutor waits. So a check first ranks the
// entries, without comparing any:
//
//  1. entries that share two or more of the query's keys, those sharing
//     the most keys first, then those whose rarest shared key is rarer,
//     then the most recently filed;
//  2. then entries that share one key, the rarest keys first and, within
//     a key, the most recently filed first (at most MaxSingleKey of them).
//
// Ranking reads the small keys whole (up to defaultSmallBlock entries, 4-byte
// slots) and only probes the large ones: each entry of a small key is
// looked up in the sorted postings of every large key, and the entries
// that only large keys hold are found by walking the smallest large key
// from its newest entry until enough entries that share all of them are
// found; the singles of a large key are read newest first, only as far
// as the check takes them. No key is read in order beyond its
// MaxPostingsPerKey most recently filed entries; an entry is looked up in
// the whole of a large key, so an old entry counts every key it shares.
// When the query has pairs of names (see pairKeys), the walk reads the
// entries of its pairs instead. At five million entities a check reads
// about an eighth of the postings a full scan of its keys would. Then it
// compares in rank order, skipping entries of
// another kind or of the query's own case, and stops
//
//   - after MaxCompared entries, or once the names compared add up to
//     MaxTokenPairs (the query's name tokens times the entry's, summed
//     over the entries compared: what Compare's time grows with, so long
//     group and company names get fewer comparisons than persons);
//   - when a group of entries sharing the same number of keys has brought
//     the hits to the check's limit: entries sharing fewer keys rarely
//     outscore them;
//   - after MaxMisses entries in a row scored below the threshold: further
//     down the ranking, hits are rarer still.
//
// The price: an entity that shares only one common key with the query
// ("M. Rossi" without a date of birth, against fifty thousand entries
// filed under the key of "Rossi"), or that ranks behind a long run of
// namesakes that do not match, may not be compared; nor is an entity
// that shares only large keys, in none of the query's pairs of names
// (or, without pairs, not in the newest MaxPostingsPerKey entries of the
// smallest of them). A date of birth, a second name or an identifier
// usually lifts the right entity to the top of the ranking. A full
// re-check with larger limits (SetLimits) finds the rest at a higher
// cost. Compare costs a few microseconds, so MaxCompared and
// MaxTokenPairs bound a check's time.
type Limits struct {
	MaxPostingsPerKey int // entries of one key read in order; default 100000
	MaxCompared       int // entries compared per check; default 1000
	MaxSingleKey      int // of which sharing a single key; default 1000
	MaxMisses         int // compared in a row below the threshold before stopping; default 300
	MaxTokenPairs     int // name tokens compared per check, query × entry, summed; default 20000
}

// DefaultLimits returns the limits a new Index starts with. On five
// million synthetic entities on two cores they kept a check's 99th
// percentile near 3 ms, and they find 98 in a hundred altered copies of
// an entity (a letter swapped or dropped, a date of birth missing or only
// its year, an identifier in capitals or without spaces).
func DefaultLimits() Limits {
	return Limits{MaxPostingsPerKey: 100000, MaxCompared: 1000, MaxSingleKey: 1000, MaxMisses: 300, MaxTokenPairs: 20000}
}

// DefaultCheckLimit is the number of candidates Check returns when its
// limit is zero or negative.
const DefaultCheckLimit = 20

const (
	noString = ^uint32(0)
	// listFlag marks a postings value as an index into Index.lists; a
	// value without it is the slot of the key's only entry.
	listFlag = uint32(1) << 31
	maxSlots = int(listFlag - 1)
	// maxKeyParts caps the tokens and phonetic keys kept per entry.
	maxKeyParts = 255
	// maxKeyLen caps the bytes kept of one token, phonetic key or identifier.
	maxKeyLen = 4096
)

// entry is one indexed entity: its ids and the keys Compare needs, with
// strings replaced by ids of the index's string table. It holds no
// pointers, so five million of them cost the garbage collector nothing.
type entry struct {
	entityID  int64
	caseID    int64
	deskID    int64
	birth     uint32 // packed date, 0 when unknown
	ident     uint32 // string id, noString when none
	off       uint32 // Tokens then Phonetic in Index.arena
	birthYear uint16
	nat       uint16 // packed nationality, 0 when unknown
	nTok      uint8
	nPh       uint8
	nAddr     uint8 // address words after Tokens and Phonetic in the arena
	kind      uint8 // index in Index.kinds
	live      bool
}

// words is how many arena words e uses.
func (e *entry) words() uint32 { return uint32(e.nTok) + uint32(e.nPh) + uint32(e.nAddr) }

// packNationality packs an ISO 3166-1 alpha-2 code into 10 bits (0 for "").
func packNationality(c string) uint16 {
	if len(c) != 2 {
		return 0
	}
	return uint16(c[0]-'A'+1)<<5 | uint16(c[1]-'A'+1)
}

func unpackNationality(p uint16) string {
	if p == 0 || int(p) >= len(nationalities) {
		return ""
	}
	return nationalities[p]
}

// nationalities holds every packed code's string, so that unpacking a
// nationality does not allocate.
var nationalities = func() (t [27 << 5]string) {
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			t[packNationality(string([]byte{a, b}))] = string([]byte{a, b})
		}
	}
	return t
}()

// Index holds the keys of every entity of every case and finds, for an
// entity, the entities of other cases that probably are the same. It is
// safe for concurrent use: checks share a read lock, changes take the
// write lock.
//
// A server fills it once at start (UpsertAll over every entity of the
// store, or LoadSnapshot and then the changes after its Watermark), keeps
// it current with Upsert and Remove as entities are saved and deleted,
// calls Check when an entity is saved and BulkCheck for lists received
// from outside, and saves a snapshot now and then (SaveSnapshot).
//
// Memory: per entity one fixed-size entry (48 bytes), its token and
// phonetic string ids (4 bytes each), and 4 bytes per blocking key; the
// strings themselves are interned once (a name shared by ten thousand
// entities is stored once). Blocking keys are kept only as 64-bit hashes:
// two keys with the same hash merely share a block, and Compare decides.
type Index struct {
	mu     sync.RWMutex
	th     Thresholds
	limits Limits
	// docThreshold is the least score of a same-document candidate; 0
	// when they are not reported.
	docThreshold int
	// tune is how checks rank and compare; the zero value is what the
	// program runs.
	tune    tuning
	seed    maphash.Seed
	kinds   []crosscase.EntityKind
	kindIdx map[crosscase.EntityKind]uint8

	entries []entry
	free    []uint32 // dead slots to reuse
	byID    map[int64]uint32
	arena   []uint32 // token and phonetic string ids of all entries
	garbage int      // arena words no live entry uses

	strs strtab

	// postings maps a blocking key's hash to the slot of its only entry,
	// or (with listFlag) to the index of its slots in lists. Lists are
	// sorted; new entries take new slots at the end (or reuse the slot of
	// a removed one), so the end of a list is roughly its newest part.
	postings  map[uint64]uint32
	lists     [][]uint32
	freeLists []uint32

	// persons counts the live person entries, for how rare a name is
	// (see rarity.go).
	persons int

	watermark int64
	// work adds up what checks did, for WorkDone.
	work struct {
		checks, visited, probes, candidates, ranked, compared, bounded atomic.Int64
	}
	// spare holds the working memory of finished checks for the next
	// ones. Not a sync.Pool: that is emptied by every garbage
	// collection, and a check's per-slot counters are megabytes.
	spareMu sync.Mutex
	spare   []*scratch
}

// NewIndex returns an empty index that reports candidates scoring at
// least th's threshold for their kind (DefaultThresholds when th is nil;
// 100 for a kind th does not name).
func NewIndex(th Thresholds) *Index {
	if th == nil {
		th = DefaultThresholds()
	}
	ix := &Index{
		th:       copyThresholds(th),
		limits:   DefaultLimits(),
		seed:     maphash.MakeSeed(),
		kindIdx:  map[crosscase.EntityKind]uint8{},
		byID:     map[int64]uint32{},
		postings: map[uint64]uint32{},
	}
	ix.strs.init(ix.seed, 0)
	for _, k := range crosscase.EntityKinds() {
		ix.kindOf(k)
	}
	return ix
}

func copyThresholds(th Thresholds) Thresholds {
	out := make(Thresholds, len(th))
	for k, v := range th {
		out[k] = v
	}
	return out
}

// SetThresholds replaces the minimum scores (nil restores the defaults).
func (ix *Index) SetThresholds(th Thresholds) {
	if th == nil {
		th = DefaultThresholds()
	}
	th = copyThresholds(th)
	ix.mu.Lock()
	ix.th = th
	ix.mu.Unlock()
}

// Thresholds returns a copy of the minimum scores in use.
func (ix *Index) Thresholds() Thresholds {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return copyThresholds(ix.th)
}

// SetLimits changes how much work one check may do; zero fields keep
// their current value.
func (ix *Index) SetLimits(l Limits) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if l.MaxPostingsPerKey > 0 {
		ix.limits.MaxPostingsPerKey = l.MaxPostingsPerKey
	}
	if l.MaxCompared > 0 {
		ix.limits.MaxCompared = l.MaxCompared
	}
	if l.MaxSingleKey > 0 {
		ix.limits.MaxSingleKey = l.MaxSingleKey
	}
	if l.MaxMisses > 0 {
		ix.limits.MaxMisses = l.MaxMisses
	}
	if l.MaxTokenPairs > 0 {
		ix.limits.MaxTokenPairs = l.MaxTokenPairs
	}
}

// Limits returns the limits in use.
func (ix *Index) Limits() Limits {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.limits
}

// Watermark returns the store position up to which the index is
// complete (see SetWatermark).
func (ix *Index) Watermark() int64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.watermark
}

// SetWatermark records the store position (for example the highest
// change sequence number applied) up to which the index holds every
// entity. A snapshot keeps it, so that a server started from the
// snapshot only needs to apply the changes made after it.
func (ix *Index) SetWatermark(w int64) {
	ix.mu.Lock()
	ix.watermark = w
	ix.mu.Unlock()
}

// Len returns the number of entities in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// Upsert files r under its keys, replacing the entity with r's EntityID
// when the index holds it already.
func (ix *Index) Upsert(r Record) {
	ix.UpsertKeys(r.EntityID, r.CaseID, r.DeskID, Normalize(r))
}

// UpsertKeys is Upsert for keys computed by Normalize.
func (ix *Index) UpsertKeys(entityID, caseID, deskID int64, k Keys) {
	p := ix.prepare(entityID, caseID, deskID, k)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.insertLocked(&p)
}

// UpsertAll files many records, normalising them on up to workers
// goroutines (GOMAXPROCS when workers < 1) while one goroutine files
// them in order. It stops early, with ctx's error, when ctx ends; the
// records filed by then stay filed. Checks run meanwhile see a growing
// index.
func (ix *Index) UpsertAll(ctx context.Context, records []Record, workers int) error {
	return ix.prepareAll(ctx, len(records), workers, func(i int) prepared {
		r := &records[i]
		return ix.prepare(r.EntityID, r.CaseID, r.DeskID, Normalize(*r))
	})
}

// prepareAll runs prep for 0..n-1 on workers goroutines in batches and
// files the results in order.
func (ix *Index) prepareAll(ctx context.Context, n, workers int, prep func(i int) prepared) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	const batch = 2048
	type job struct {
		from, to int
		out      chan []prepared
	}
	jobs := make(chan job)
	pending := make(chan job, 2*workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ps := make([]prepared, 0, j.to-j.from)
				for i := j.from; i < j.to; i++ {
					if ctx.Err() != nil {
						break
					}
					ps = append(ps, prep(i))
				}
				j.out <- ps
			}
		}()
	}
	go func() {
		defer close(pending)
		defer close(jobs)
		for from := 0; from < n; from += batch {
			j := job{from: from, to: min(from+batch, n), out: make(chan []prepared, 1)}
			select {
			case pending <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				j.out <- nil
				return
			}
		}
	}()
	for j := range pending {
		ps := <-j.out
		for len(ps) > 0 { // a few hundred at a time, so checks wait little
			n := min(len(ps), 256)
			ix.mu.Lock()
			for i := range ps[:n] {
				ix.insertLocked(&ps[i])
			}
			ix.mu.Unlock()
			ps = ps[n:]
		}
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: filing stopped: %w", err)
	}
	return nil
}

// Remove drops an entity; an unknown id is ignored.
func (ix *Index) Remove(entityID int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if slot, ok := ix.byID[entityID]; ok {
		ix.removeSlotLocked(slot)
		delete(ix.byID, entityID)
	}
}

// Check returns up to limit entities of cases other than r.CaseID that
// score at least the threshold of r.Kind against r, best first (ties by
// entity id). A limit of zero or less means DefaultCheckLimit.
func (ix *Index) Check(r Record, limit int) []Candidate {
	return ix.CheckKeys(Normalize(r), r.CaseID, limit)
}

// CheckKeys is Check for keys computed by Normalize; candidates of case
// caseID are left out.
func (ix *Index) CheckKeys(k Keys, caseID int64, limit int) []Candidate {
	out, _ := ix.check(k, caseID, limit)
	return out
}

// CheckAtLeast is Check with threshold in place of the index's threshold
// for r's kind: a search asks for what is alike, not only for hits (a
// family name alone finds every person of that family name, at 72).
func (ix *Index) CheckAtLeast(r Record, limit, threshold int) []Candidate {
	out, _ := ix.checkWith(Normalize(r), r.CaseID, limit, threshold)
	return out
}

// prepared is an entity ready to file: clamped keys and blocking hashes,
// computed without holding the lock.
type prepared struct {
	entityID, caseID, deskID int64
	keys                     Keys
	hashes                   []uint64
}

func (ix *Index) prepare(entityID, caseID, deskID int64, k Keys) prepared {
	k = clampKeys(k)
	return prepared{entityID: entityID, caseID: caseID, deskID: deskID, keys: k, hashes: ix.blockHashes(k, nil)}
}

// clampKeys makes k storable: at most maxKeyParts tokens and phonetic
// keys of at most maxKeyLen bytes, a date and year that fit the packed
// forms (or none). The index files and compares the clamped keys, so
// removal finds every key again.
func clampKeys(k Keys) Keys {
	if len(k.Tokens) > maxKeyParts {
		k.Tokens = k.Tokens[:maxKeyParts]
	}
	if len(k.Phonetic) > maxKeyParts {
		k.Phonetic = k.Phonetic[:maxKeyParts]
	}
	if len(k.Address) > maxKeyParts {
		k.Address = k.Address[:maxKeyParts]
	}
	if k.Kind != crosscase.KindPerson {
		k.Address, k.Nationality = nil, ""
	}
	if normNationality(k.Nationality) != k.Nationality {
		k.Nationality = ""
	}
	if slices.ContainsFunc(k.Tokens, tooLong) || slices.ContainsFunc(k.Phonetic, tooLong) || slices.ContainsFunc(k.Address, tooLong) {
		k.Tokens = slices.Clone(k.Tokens)
		k.Phonetic = slices.Clone(k.Phonetic)
		k.Address = slices.Clone(k.Address)
		for _, l := range [][]string{k.Tokens, k.Phonetic, k.Address} {
			for i := range l {
				l[i] = l[i][:min(len(l[i]), maxKeyLen)]
			}
		}
	}
	k.Ident = k.Ident[:min(len(k.Ident), maxKeyLen)]
	if _, ok := packDate(k.Birth); !ok {
		k.Birth = crosscase.Date{}
	}
	if k.BirthYear < 0 || k.BirthYear > 0xffff {
		k.BirthYear = 0
	}
	return k
}

func tooLong(s string) bool { return len(s) > maxKeyLen }

// packDate packs d into 32 bits (0 for the zero date).
func packDate(d crosscase.Date) (uint32, bool) {
	if d.IsZero() {
		return 0, true
	}
	if d.Year < 0 || d.Year >= 1<<20 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return 0, false
	}
	return uint32(d.Year)<<9 | uint32(d.Month)<<5 | uint32(d.Day), true
}

func unpackDate(p uint32) crosscase.Date {
	if p == 0 {
		return crosscase.Date{}
	}
	return crosscase.Date{Year: int(p >> 9), Month: time.Month(p >> 5 & 15), Day: int(p & 31)}
}

// blockHashes appends the distinct hashes of k's blocking keys to dst.
func (ix *Index) blockHashes(k Keys, dst []uint64) []uint64 {
	return ix.hashes(BlockingKeys(k), dst)
}

// lookupHashes appends the distinct hashes of the keys a check of k
// looks up (lookupKeys) to dst.
func (ix *Index) lookupHashes(k Keys, dst []uint64) []uint64 {
	return ix.hashes(lookupKeys(k), dst)
}

func (ix *Index) hashes(keys []string, dst []uint64) []uint64 {
	dst = dst[:0]
	for _, key := range keys {
		h := maphash.String(ix.seed, key)
		if !slices.Contains(dst, h) {
			dst = append(dst, h)
		}
	}
	return dst
}

func (ix *Index) kindOf(k crosscase.EntityKind) uint8 {
	if i, ok := ix.kindIdx[k]; ok {
		return i
	}
	if len(ix.kinds) == 255 {
		panic("match: more than 255 entity kinds") // the domain has ten
	}
	ix.kinds = append(ix.kinds, k)
	i := uint8(len(ix.kinds) - 1)
	ix.kindIdx[k] = i
	return i
}

func (ix *Index) insertLocked(p *prepared) {
	if slot, ok := ix.byID[p.entityID]; ok {
		ix.removeSlotLocked(slot)
	}
	if len(ix.free) == 0 && len(ix.entries) >= maxSlots {
		panic("match: index full")
	}
	k := &p.keys
	birth, _ := packDate(k.Birth)
	e := entry{
		entityID:  p.entityID,
		caseID:    p.caseID,
		deskID:    p.deskID,
		birth:     birth,
		ident:     noString,
		off:       uint32(len(ix.arena)),
		birthYear: uint16(k.BirthYear),
		nat:       packNationality(k.Nationality),
		nTok:      uint8(len(k.Tokens)),
		nPh:       uint8(len(k.Phonetic)),
		nAddr:     uint8(len(k.Address)),
		kind:      ix.kindOf(k.Kind),
		live:      true,
	}
	if k.Ident != "" {
		e.ident = ix.strs.intern(k.Ident)
	}
	if len(ix.arena)+len(k.Tokens)+len(k.Phonetic)+len(k.Address) > int(^uint32(0)) {
		ix.compactLocked()
		e.off = uint32(len(ix.arena))
	}
	for _, t := range k.Tokens {
		ix.arena = append(ix.arena, ix.strs.intern(t))
	}
	for _, t := range k.Phonetic {
		ix.arena = append(ix.arena, ix.strs.intern(t))
	}
	for _, t := range k.Address {
		ix.arena = append(ix.arena, ix.strs.intern(t))
	}
	var slot uint32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.entries[slot] = e
	} else {
		slot = uint32(len(ix.entries))
		ix.entries = append(ix.entries, e)
	}
	ix.byID[p.entityID] = slot
	if k.Kind == crosscase.KindPerson {
		ix.persons++
	}
	for _, h := range p.hashes {
		ix.addPosting(h, slot)
	}
}

func (ix *Index) addPosting(h uint64, slot uint32) {
	v, ok := ix.postings[h]
	switch {
	case !ok:
		ix.postings[h] = slot
	case v&listFlag == 0:
		if v == slot {
			return
		}
		var li uint32
		pair := []uint32{min(v, slot), max(v, slot)}
		if n := len(ix.freeLists); n > 0 {
			li = ix.freeLists[n-1]
			ix.freeLists = ix.freeLists[:n-1]
			ix.lists[li] = pair
		} else {
			li = uint32(len(ix.lists))
			ix.lists = append(ix.lists, pair)
		}
		ix.postings[h] = li | listFlag
	default:
		li := v &^ listFlag
		l := ix.lists[li]
		if n := len(l); n == 0 || l[n-1] < slot {
			ix.lists[li] = append(l, slot) // the usual case: a new slot
			return
		}
		if i, found := slices.BinarySearch(l, slot); !found {
			ix.lists[li] = slices.Insert(l, i, slot)
		}
	}
}

func (ix *Index) removePosting(h uint64, slot uint32) {
	v, ok := ix.postings[h]
	if !ok {
		return
	}
	if v&listFlag == 0 {
		if v == slot {
			delete(ix.postings, h)
		}
		return
	}
	li := v &^ listFlag
	l := ix.lists[li]
	i, found := slices.BinarySearch(l, slot)
	if !found {
		return
	}
	l = slices.Delete(l, i, i+1)
	switch len(l) {
	case 1:
		ix.postings[h] = l[0]
		ix.lists[li] = nil
		ix.freeLists = append(ix.freeLists, li)
	default:
		if cap(l) > 64 && len(l) < cap(l)/4 {
			l = slices.Clip(slices.Clone(l))
		}
		ix.lists[li] = l
	}
}

// keysOf rebuilds the keys of e, reusing buf's slices.
func (ix *Index) keysOf(e *entry, buf *Keys) {
	buf.Kind = ix.kinds[e.kind]
	buf.Tokens = buf.Tokens[:0]
	buf.Phonetic = buf.Phonetic[:0]
	buf.Address = buf.Address[:0]
	ids := ix.arena[e.off : e.off+e.words()]
	nt, np := uint32(e.nTok), uint32(e.nPh)
	for _, id := range ids[:nt] {
		buf.Tokens = append(buf.Tokens, ix.strs.get(id))
	}
	for _, id := range ids[nt : nt+np] {
		buf.Phonetic = append(buf.Phonetic, ix.strs.get(id))
	}
	for _, id := range ids[nt+np:] {
		buf.Address = append(buf.Address, ix.strs.get(id))
	}
	buf.Nationality = unpackNationality(e.nat)
	buf.Birth = unpackDate(e.birth)
	buf.BirthYear = int(e.birthYear)
	buf.Ident = ""
	if e.ident != noString {
		buf.Ident = ix.strs.get(e.ident)
	}
}

func (ix *Index) removeSlotLocked(slot uint32) {
	e := &ix.entries[slot]
	if !e.live {
		return
	}
	var k Keys
	ix.keysOf(e, &k)
	for _, h := range ix.blockHashes(k, nil) {
		ix.removePosting(h, slot)
	}
	if k.Kind == crosscase.KindPerson {
		ix.persons--
	}
	n := e.words()
	for _, id := range ix.arena[e.off : e.off+n] {
		ix.strs.release(id)
	}
	if e.ident != noString {
		ix.strs.release(e.ident)
	}
	ix.garbage += int(n)
	*e = entry{}
	ix.free = append(ix.free, slot)
	if ix.garbage > 1<<20 && ix.garbage > len(ix.arena)/2 {
		ix.compactLocked()
	}
}

// compactLocked rewrites the arena without the words of removed entries.
func (ix *Index) compactLocked() {
	live := len(ix.arena) - ix.garbage
	arena := make([]uint32, 0, live+live/8)
	for i := range ix.entries {
		e := &ix.entries[i]
		if !e.live {
			continue
		}
		n := e.words()
		off := uint32(len(arena))
		arena = append(arena, ix.arena[e.off:e.off+n]...)
		e.off = off
	}
	ix.arena, ix.garbage = arena, 0
}

// scratch is the per-check working memory, pooled.
type scratch struct {
	hashes   []uint64
	blocks   []block
	pairs    []block  // the query's pair keys (see pairKeys), walked not ranked
	pairKey  []string // the query's pair keys, while hashing them
	pairHash []uint64
	union    []uint32 // the entries of the pairs, sorted, when more than one
	dense    []uint16 // per slot, while ranking; zero between checks
	touched  []uint32
	strong   []ranked
	sorted   []ranked
	counts   []int
	singles  [][]uint32 // per block, its entries no other block has
	cand     []uint32
	tiers    []int // indexes in cand where a tier starts
	keys     Keys
	small    int      // blocks[:small] are read whole, the rest probed
	cursors  []cursor // per large block, while walking one
	seen     cursor   // over touched, sorted, while walking a large block
	fields   []FieldScore
	bound    Keys   // what cannotReach reads of an entry
	ahead    uint32 // what check read of entries ahead (see warm)
	visited  int    // postings read while ranking
	probes   int    // postings looked up in large blocks
	// largeSingles counts the singles of large blocks the check walked to.
	largeSingles int
	walk         walker
}

// walker walks the smallest large block newest first for the entries
// that only large blocks hold (see rank), as far as the check asks.
type walker struct {
	list      []uint32 // the smallest large block, or the entries of the query's pair keys
	self      int      // 1 when list is the smallest large block, whose cursor is not probed
	i         int      // list[i] is read next; below 0 when there is nothing to walk
	large     int      // large blocks, the most keys a walked entry shares
	all       int      // entries found in every large block
	maxStrong int      // the walk stops once all reaches it
	maxWalk   int      // or once it has read that many entries
	found     int      // entries found in two or more large blocks
	// held are the entries found while drawing those in every large block,
	// by keys shared, newest first: they rank in lower tiers.
	held [][]uint32
	// queue holds the entries found ahead of those drawn (see walkNext);
	// queue[next:] are still to be drawn.
	queue []walked
	next  int
}

// walked is an entry the walk found, with the number of large blocks
// that hold it.
type walked struct {
	slot   uint32
	shared uint16
}

// block is the sorted postings of one of the query's keys: list, or one
// when the key has a single entry.
type block struct {
	one  [1]uint32
	list []uint32
}

func (b *block) slots() []uint32 {
	if b.list != nil {
		return b.list
	}
	return b.one[:]
}

func (b block) size() int {
	if b.list != nil {
		return len(b.list)
	}
	return 1
}

// warmBatch is how many candidates check reads ahead at once: the
// entries drawn are scattered over the whole table, and loaded together
// their delays in memory overlap instead of adding up one candidate at a
// time. On five million entities, batches of 32 made a bulk check about
// a tenth faster than reading each entry four candidates ahead.
const warmBatch = 32

// warm reads the entries of slots, then the first name of each in the
// arena, so that comparing them finds both in the processor's cache.
func (ix *Index) warm(s *scratch, slots []uint32) {
	var a uint32
	for _, slot := range slots {
		a += uint32(ix.entries[slot].kind)
	}
	for _, slot := range slots {
		if e := &ix.entries[slot]; e.words() > 0 {
			a += ix.arena[e.off]
		}
	}
	s.ahead += a
}

// warmAhead is called as the j-th of n candidates is drawn, slot(i)
// being the i-th: at the start of each batch it warms the next one, and
// at the first also the first.
func (ix *Index) warmAhead(s *scratch, j, n int, slot func(i int) uint32) {
	if j%warmBatch != 0 {
		return
	}
	batch := func(from int) {
		var b [warmBatch]uint32
		k := 0
		for i := from; i < min(from+warmBatch, n); i++ {
			b[k] = slot(i)
			k++
		}
		ix.warm(s, b[:k])
	}
	if j == 0 {
		batch(0)
	}
	batch(j + warmBatch)
}

// tuning changes how a check ranks and compares candidates, not which
// hits it finds: tests set it to check that its shortcuts change nothing.
type tuning struct {
	// smallBlock is the size up to which rank reads a block whole
	// (0: defaultSmallBlock).
	smallBlock int
	// eagerWalk walks the large blocks whole before comparing, instead of
	// only as far as the comparisons go.
	eagerWalk bool
	// compareAll compares even the persons that cannotReach the threshold.
	compareAll bool
	// noPairWalk walks the smallest large block even when the query has
	// pair keys (see pairKeys).
	noPairWalk bool
}

// small is the size up to which rank reads a block whole.
func (t tuning) small() int {
	if t.smallBlock > 0 {
		return t.smallBlock
	}
	return defaultSmallBlock
}

// cannotReach reports whether entry e, a person compared with the person
// query k, scores below threshold whatever its names: its birth date,
// identity number, nationality and address weigh too much against it
// (personScoreBound), and rescue cannot lift it (mayRescue tells whether
// the query's names are rare enough for a coincidence of names with a
// different birth date to count). The margin of one point covers the
// rounding of sums taken in another order.
func (s *scratch) cannotReach(ix *Index, k *Keys, e *entry, threshold int, mayRescue bool) bool {
	b := &s.bound
	b.Birth, b.BirthYear, b.Nationality = unpackDate(e.birth), int(e.birthYear), unpackNationality(e.nat)
	b.Ident = ""
	if e.ident != noString {
		b.Ident = ix.strs.get(e.ident)
	}
	bound, ok := personScoreBound(k, b, e.nAddr > 0, &defaultWeights)
	if !ok || bound >= threshold-1 {
		return false
	}
	if compareIDs(k.Ident, b.Ident) != howDifferent {
		if _, h, known := compareBirth(k, b); known && (h == howExact || mayRescue) {
			return false
		}
	}
	return true
}

// ranked is an entry that shares several keys with the query.
type ranked struct {
	slot   uint32
	shared uint16 // keys shared
	rarest uint16 // the smallest shared block, as an index in blocks
}

// maxSpare is how many checks' working memory the index keeps.
const maxSpare = 4

func (ix *Index) getScratch() *scratch {
	ix.spareMu.Lock()
	defer ix.spareMu.Unlock()
	if n := len(ix.spare); n > 0 {
		s := ix.spare[n-1]
		ix.spare = ix.spare[:n-1]
		return s
	}
	return &scratch{}
}

func (ix *Index) putScratch(s *scratch) {
	if cap(s.strong) > 1<<16 || cap(s.sorted) > 1<<16 || cap(s.touched) > 1<<18 {
		s.strong, s.sorted, s.touched = nil, nil, nil
	}
	for i := range s.walk.held {
		if cap(s.walk.held[i]) > 1<<16 {
			s.walk.held[i] = nil
		}
	}
	for i := range s.singles {
		if cap(s.singles[i]) > 1<<16 {
			s.singles[i] = nil
		} else {
			s.singles[i] = s.singles[i][:0]
		}
	}
	clear(s.blocks) // drop references to the index's lists
	clear(s.pairs)
	if cap(s.union) > 1<<18 {
		s.union = nil
	}
	s.blocks, s.pairs, s.strong, s.cand, s.tiers = s.blocks[:0], s.pairs[:0], s.strong[:0], s.cand[:0], s.tiers[:0]
	ix.spareMu.Lock()
	if len(ix.spare) < maxSpare {
		ix.spare = append(ix.spare, s)
	}
	ix.spareMu.Unlock()
}

// check is CheckKeys that also reports how many entries it compared.
func (ix *Index) check(k Keys, caseID int64, limit int) ([]Candidate, int) {
	return ix.checkWith(k, caseID, limit, 0)
}

// checkWith is check with threshold in place of the index's for k's kind
// (0: the index's).
func (ix *Index) checkWith(k Keys, caseID int64, limit, threshold int) ([]Candidate, int) {
	if limit <= 0 {
		limit = DefaultCheckLimit
	}
	k = clampKeys(k)
	s := ix.getScratch()
	defer ix.putScratch(s)
	s.hashes = ix.lookupHashes(k, s.hashes)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	kind, ok := ix.kindIdx[k.Kind]
	if !ok || len(s.hashes) == 0 {
		return nil, 0
	}
	lim := ix.limits
	for _, h := range s.hashes {
		if b, ok := ix.block(h); ok {
			s.blocks = append(s.blocks, b)
		}
	}
	slices.SortStableFunc(s.blocks, func(a, b block) int { return cmp.Compare(a.size(), b.size()) })
	if len(s.blocks) > 255 { // a query with that many keys: the rarest suffice
		s.blocks = s.blocks[:255]
	}
	s.pairs = s.pairs[:0]
	if !ix.tune.noPairWalk && largeBlocks(s.blocks, ix.tune.small()) >= 2 { // else rank does not walk
		s.pairKey = pairKeys(&k, s.pairKey[:0])
		s.pairHash = ix.hashes(s.pairKey, s.pairHash)
		for _, h := range s.pairHash {
			if b, ok := ix.block(h); ok {
				s.pairs = append(s.pairs, b)
			}
		}
	}
	s.rank(len(ix.entries), lim.MaxCompared, lim.MaxPostingsPerKey, ix.tune.small())
	defer s.release()
	if ix.tune.eagerWalk {
		s.finishWalk()
	}

	// Shared most first, then singles of the rarest keys, newest first.
	// The candidates are drawn one at a time, as the comparisons below
	// ask for them: a check that stops early (its tier brought the hits
	// to limit, or too many misses in a row) neither reads the entries
	// it will not compare nor probes the large blocks for their singles.
	s.sortStrong()
	candidates := func(yield func(slot uint32) bool) {
		take := func(slot uint32) (more, stop bool) {
			if len(s.cand) >= lim.MaxCompared {
				return false, false
			}
			e := &ix.entries[slot]
			if e.live && e.kind == kind && e.caseID != caseID {
				s.cand = append(s.cand, slot)
				if !yield(slot) {
					return false, true
				}
			}
			return true, false
		}
		// Tiers: entries sharing the same number of keys. Comparing
		// stops after a tier that brought the hits to limit. Within a
		// tier, the entries the walk of the large blocks finds come
		// last (their rarest shared block is the smallest large one),
		// newest first: the order in which the walk finds them. So the
		// walk goes only as far as the comparisons ask.
		full, shared := false, uint16(0)
		enter := func(t uint16) {
			if t != shared {
				s.tiers = append(s.tiers, len(s.cand))
				shared = t
			}
		}
		// drawHeld draws the walked entries held for tier t; it reports
		// whether the check stops.
		drawHeld := func(t uint16) bool {
			held := s.walk.held[t]
			for j, slot := range held {
				ix.warmAhead(s, j, len(held), func(i int) uint32 { return held[i] })
				enter(t)
				more, stop := take(slot)
				if stop {
					return true
				}
				if full = !more; full {
					break
				}
			}
			return false
		}
		top, walkTop := uint16(s.walk.large), uint16(s.walk.large)
		if len(s.strong) > 0 {
			top = max(top, s.strong[0].shared)
		}
		i := 0
		for t := top; t >= 2 && !full; t-- {
			for ; i < len(s.strong) && s.strong[i].shared == t; i++ {
				ix.warmAhead(s, i, len(s.strong), func(i int) uint32 { return s.strong[i].slot })
				enter(t)
				more, stop := take(s.strong[i].slot)
				if stop {
					return
				}
				if full = !more; full {
					break
				}
			}
			if full || t > walkTop {
				continue
			}
			if t == walkTop {
				// Drawn as the walk finds them (those held come from a
				// walk finished beforehand); the others are held.
				if drawHeld(t) {
					return
				}
				for !full {
					slot, sh, ok := s.walkNext(ix, t)
					if !ok {
						break
					}
					if sh != t {
						s.walk.held[sh] = append(s.walk.held[sh], slot)
						continue
					}
					enter(t)
					more, stop := take(slot)
					if stop {
						return
					}
					full = !more
				}
				continue
			}
			s.finishWalk()
			if drawHeld(t) {
				return
			}
		}
		if n := len(s.cand) + lim.MaxSingleKey; n < lim.MaxCompared {
			lim.MaxCompared = n
		}
		s.tiers = append(s.tiers, len(s.cand))
		for b := 0; b < len(s.blocks) && !full; b++ {
			if b >= s.small {
				// A large block: its newest entries that no other block holds.
				s.resetCursors(b - s.small)
				l := s.blocks[b].slots()
				for i := len(l) - 1; i >= max(len(l)-lim.MaxPostingsPerKey, 0) && !full; i-- {
					s.visited++
					if s.largeSingle(b, l[i]) {
						s.largeSingles++
						more, stop := take(l[i])
						if stop {
							return
						}
						full = !more
					}
				}
				continue
			}
			singles := s.singles[b]
			for i := len(singles) - 1; i >= 0; i-- {
				// Drawn newest first: the j-th drawn is singles[len-1-j].
				ix.warmAhead(s, len(singles)-1-i, len(singles), func(j int) uint32 { return singles[len(singles)-1-j] })
				more, stop := take(singles[i])
				if stop {
					return
				}
				if full = !more; full {
					break
				}
			}
		}
	}

	if threshold <= 0 {
		t, ok := ix.th[k.Kind]
		if !ok {
			t = 100
		}
		threshold = t
	}
	counts := nameCounts{count: ix.tokenCount, persons: ix.persons}
	var out []Candidate
	var rescuedOut, docOut []Candidate
	compared, misses, pairs, bounded := 0, 0, 0, 0
	person := k.Kind == crosscase.KindPerson
	mayRescue := person && counts.mayRescueBirthDiffers(&k)
	for slot := range candidates {
		// slot is s.cand[i]: the tiers starting at or before i are known.
		i := len(s.cand) - 1
		if len(s.tiers) > 0 && s.tiers[0] == i {
			if len(out) >= limit {
				break
			}
			s.tiers = s.tiers[1:]
		}
		e := &ix.entries[slot]
		if misses >= lim.MaxMisses || pairs >= lim.MaxTokenPairs {
			break
		}
		pairs += max(len(k.Tokens), 1) * max(int(e.nTok), 1)
		compared++
		if person && !ix.tune.compareAll && s.cannotReach(ix, &k, e, threshold, mayRescue) {
			bounded++
			misses++
			continue
		}
		ix.keysOf(e, &s.keys)
		score, fields := compare(&k, &s.keys, s.fields)
		s.fields = fields[:0]
		if score >= threshold {
			score, fields = counts.common(&k, &s.keys, score, fields)
		}
		rescued := false
		if score < threshold {
			orig := score
			score, fields = counts.rescue(&k, score, fields)
			rescued = score != orig
		}
		if score < threshold {
			misses++
			if ix.docThreshold > 0 && k.Ident != "" && k.Ident == s.keys.Ident {
				if ds, df := compareDocument(&k, &s.keys, s.fields); ds >= ix.docThreshold {
					docOut = append(docOut, Candidate{EntityID: e.entityID, CaseID: e.caseID, DeskID: e.deskID,
						Score: ds, Fields: slices.Clone(df), Kind: CandidateSameDocument})
				}
			}
			continue
		}
		fields = slices.Clone(fields) // s.fields is reused for the next entry
		c := Candidate{EntityID: e.entityID, CaseID: e.caseID, DeskID: e.deskID, Score: score, Fields: fields}
		if rescued {
			// Kept aside: they neither fill the limit nor end a run of
			// misses, so that the check goes on to see whether there
			// are more of them.
			rescuedOut = append(rescuedOut, c)
			misses++
			continue
		}
		misses = 0
		out = append(out, c)
	}
	ix.countWork(s, compared, bounded)
	// More than maxRescued such coincidences for one query (a date of
	// birth recorded by default, say): in this register none is rare.
	if len(rescuedOut) <= maxRescued {
		out = append(out, rescuedOut...)
	}
	out = append(out, docOut...)
	slices.SortFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.EntityID, b.EntityID)
	})
	if len(out) > limit {
		out = out[:limit:limit]
	}
	return out, compared
}

// Work is what the checks of an index have done since it was made: how
// many checks ran, how many postings their ranking read or probed, how
// many entries it ranked, and how many of those were compared. Divided
// by Checks, it tells how a register's size costs each check.
type Work struct {
	Checks     int64 `json:"checks"`
	Visited    int64 `json:"postings_visited"` // read in order
	Probes     int64 `json:"probes"`           // looked up in a large block
	Ranked     int64 `json:"ranked"`
	Candidates int64 `json:"candidates"` // ranked, of the query's kind and in other cases, drawn for comparison
	Compared   int64 `json:"compared"`
	Bounded    int64 `json:"bounded"` // of Compared, judged by personScoreBound without reading names
}

// largeBlocks counts the blocks, sorted by size, larger than small.
func largeBlocks(blocks []block, small int) int {
	n := 0
	for i := len(blocks) - 1; i >= 0 && blocks[i].size() > small; i-- {
		n++
	}
	return n
}

// block returns the postings of key hash h, all of them: ranking reads
// at most MaxPostingsPerKey of a key in order, but looks an entry up in
// the whole key, so that an old entry counts every key it shares. ok is
// false when no entry holds the key. The caller holds ix.mu.
func (ix *Index) block(h uint64) (b block, ok bool) {
	v, ok := ix.postings[h]
	switch {
	case !ok:
		return block{}, false
	case v&listFlag == 0:
		return block{one: [1]uint32{v}}, true
	}
	return block{list: ix.lists[v&^listFlag]}, true
}

// WorkDone returns the work of the checks so far.
func (ix *Index) WorkDone() Work {
	return Work{Checks: ix.work.checks.Load(), Visited: ix.work.visited.Load(), Probes: ix.work.probes.Load(),
		Ranked: ix.work.ranked.Load(), Candidates: ix.work.candidates.Load(), Compared: ix.work.compared.Load(),
		Bounded: ix.work.bounded.Load()}
}

func (ix *Index) countWork(s *scratch, compared, bounded int) {
	ranked := len(s.strong) + s.walk.found + s.largeSingles
	for b := range s.small {
		ranked += len(s.singles[b])
	}
	ix.work.checks.Add(1)
	ix.work.visited.Add(int64(s.visited))
	ix.work.probes.Add(int64(s.probes))
	ix.work.candidates.Add(int64(len(s.cand)))
	ix.work.ranked.Add(int64(ranked))
	ix.work.compared.Add(int64(compared))
	ix.work.bounded.Add(int64(bounded))
	s.visited, s.probes, s.largeSingles = 0, 0, 0
}

// sortStrong orders strong by keys shared (most first), then by rarest
// shared key, then newest first: a counting sort, as rank leaves the
// entries of one (shared, rarest) bucket oldest first.
func (s *scratch) sortStrong() {
	n := len(s.blocks) + 1
	if n > 64 {
		slices.SortFunc(s.strong, func(a, b ranked) int {
			if c := cmp.Compare(b.shared, a.shared); c != 0 {
				return c
			}
			if c := cmp.Compare(a.rarest, b.rarest); c != 0 {
				return c
			}
			return cmp.Compare(b.slot, a.slot)
		})
		return
	}
	// Bucket (shared, rarest) at (n-shared)*n + rarest.
	s.counts = slices.Grow(s.counts[:0], n*n+1)[:n*n+1]
	clear(s.counts)
	bucket := func(r ranked) int { return (n-int(r.shared))*n + int(r.rarest) }
	for _, r := range s.strong {
		s.counts[bucket(r)+1]++
	}
	for i := 1; i < len(s.counts); i++ {
		s.counts[i] += s.counts[i-1]
	}
	s.sorted = slices.Grow(s.sorted[:0], len(s.strong))[:len(s.strong)]
	for i := len(s.strong) - 1; i >= 0; i-- { // newest first within a bucket
		r := s.strong[i]
		b := bucket(r)
		s.sorted[s.counts[b]] = r
		s.counts[b]++
	}
	s.strong, s.sorted = s.sorted, s.strong
}

// defaultSmallBlock is the size up to which rank reads a block whole.
// Larger blocks (the keys of common names) are never scanned whole: rank
// only probes them for entries it has already seen, and walks the newest
// part of the smallest of them.
const defaultSmallBlock = 2048

// rank sorts out the entries of the blocks (ordered smallest first):
// entries in two or more blocks go to strong, the others to the singles
// of their block.
//
// The small blocks (up to smallBlock entries) are read whole and counted
// in s.dense, one uint16 per slot: the number of blocks seen in the high
// byte, the first of them in the low byte. Each entry seen there is then
// looked up in the large blocks (a binary search in their sorted lists).
// Entries that only large blocks hold are found by walking the smallest
// large block from its newest entry, looking each up in the other large
// blocks, until maxStrong of them are in two or more (those are strong)
// or maxWalk entries were read. The singles of large blocks are not
// collected here: the check walks those blocks newest first for as many
// as it takes (see largeSingle). s.dense stays marked until release.
// Slots are below nslots.
func (s *scratch) rank(nslots, maxStrong, maxWalk, smallBlock int) {
	n := len(s.blocks)
	for len(s.singles) < n {
		s.singles = append(s.singles, nil)
	}
	s.small = 0
	s.walk.list, s.walk.i, s.walk.large, s.walk.found = nil, -1, 0, 0
	s.walk.queue, s.walk.next = s.walk.queue[:0], 0
	if n == 0 {
		return
	}
	if len(s.dense) < nslots {
		s.dense = make([]uint16, nslots+nslots/8)
	}
	for s.small < n && s.blocks[s.small].size() <= smallBlock {
		s.small++
	}
	dense, touched := s.dense, s.touched[:0]
	for b := range s.small {
		sl := s.blocks[b].slots()
		sl = sl[len(sl)-min(len(sl), maxWalk):]
		s.visited += len(sl)
		for _, slot := range sl {
			v := dense[slot]
			if v == 0 {
				touched = append(touched, slot)
				v = uint16(b)
			}
			dense[slot] = v + 1<<8
		}
	}
	s.touched = touched
	large := s.blocks[s.small:]
	if len(large) == 0 {
		for _, slot := range touched {
			s.place(slot, dense[slot]>>8, dense[slot]&0xff)
		}
		return
	}
	// The entries seen, newest first, looked up in every large block by
	// cursors that gallop down the sorted lists.
	slices.Sort(touched)
	s.resetCursors(-1)
	strong0 := len(s.strong)
	for i := len(touched) - 1; i >= 0; i-- {
		slot := touched[i]
		v := dense[slot]
		shared := v >> 8
		for l := range large {
			s.probes++
			if s.cursors[l].has(slot) {
				shared++
			}
		}
		s.place(slot, shared, v&0xff)
	}
	// place appended newest first; the order within a block is oldest first.
	slices.Reverse(s.strong[strong0:])
	for b := range s.small {
		slices.Reverse(s.singles[b])
	}
	if len(large) < 2 {
		return
	}
	// Entries in two or more large blocks and in no small one are found
	// by walking the smallest large block newest first (walkStep), as
	// the check draws them. Once maxStrong entries in every large block
	// are found, no older one can outrank them.
	w := &s.walk
	w.large, w.all, w.maxStrong, w.maxWalk = len(large), 0, maxStrong, maxWalk
	if len(s.pairs) > 0 {
		// The namesakes of the query's pairs of names: entries in two
		// large blocks are nearly all among them.
		s.resetCursors(-1)
		w.list, w.self = s.pairUnion(maxWalk), 0
	} else {
		s.resetCursors(0)
		w.list, w.self = large[0].slots(), 1
	}
	w.i = len(w.list) - 1
	for len(w.held) <= w.large {
		w.held = append(w.held, nil)
	}
	for t := range w.held {
		w.held[t] = w.held[t][:0]
	}
}

// pairUnion returns the entries of the query's pair blocks, sorted and
// each once; of each block its newest max.
func (s *scratch) pairUnion(max int) []uint32 {
	if len(s.pairs) == 1 {
		return s.pairs[0].slots()
	}
	u := s.union[:0]
	for i := range s.pairs {
		l := s.pairs[i].slots()
		u = append(u, l[len(l)-min(len(l), max):]...)
	}
	slices.Sort(u)
	s.union = slices.Compact(u)
	return s.union
}

// walkStep reads down the smallest large block to the next entry that is
// in another large block and in no small one, and returns it with the
// number of large blocks that hold it; ok is false once the walk is over.
// The walk uses the cursors rank set, so it must end before they are
// reset for another block.
func (s *scratch) walkStep() (slot uint32, shared uint16, ok bool) {
	w := &s.walk
	for w.i >= 0 && w.all < w.maxStrong && len(w.list)-w.i <= w.maxWalk {
		slot := w.list[w.i]
		w.i--
		s.visited++
		if s.seen.has(slot) {
			continue
		}
		shared := uint16(w.self)
		for l := w.self; l < w.large; l++ {
			s.probes++
			if s.cursors[l].has(slot) {
				shared++
			}
		}
		if shared > 1 {
			w.found++
			if int(shared) == w.large {
				w.all++
			}
			return slot, shared, true
		}
	}
	w.i = -1
	return 0, 0, false
}

// walkNext returns the walk's next entry. It finds them warmBatch at a
// time, and warms those found in want large blocks, which the check
// draws at once.
func (s *scratch) walkNext(ix *Index, want uint16) (slot uint32, shared uint16, ok bool) {
	w := &s.walk
	if w.next == len(w.queue) {
		w.queue, w.next = w.queue[:0], 0
		var batch [warmBatch]uint32
		n := 0
		for len(w.queue) < warmBatch {
			slot, shared, ok := s.walkStep()
			if !ok {
				break
			}
			w.queue = append(w.queue, walked{slot, shared})
			if shared == want {
				batch[n] = slot
				n++
			}
		}
		if len(w.queue) == 0 {
			return 0, 0, false
		}
		ix.warm(s, batch[:n])
	}
	f := w.queue[w.next]
	w.next++
	return f.slot, f.shared, true
}

// finishWalk walks to the end, holding the entries found by keys shared.
func (s *scratch) finishWalk() {
	w := &s.walk
	for _, f := range w.queue[w.next:] {
		w.held[f.shared] = append(w.held[f.shared], f.slot)
	}
	w.queue, w.next = w.queue[:0], 0
	for {
		slot, shared, ok := s.walkStep()
		if !ok {
			return
		}
		s.walk.held[shared] = append(s.walk.held[shared], slot)
	}
}

// place files a ranked entry as strong or as a single of its first block.
func (s *scratch) place(slot uint32, shared, first uint16) {
	if shared == 1 {
		s.singles[first] = append(s.singles[first], slot)
	} else {
		s.strong = append(s.strong, ranked{slot: slot, shared: shared, rarest: first})
	}
}

// resetCursors points a cursor at the end of every large block, for a
// walk down large block skip (whose own cursor is not used).
func (s *scratch) resetCursors(skip int) {
	// The entries of the small blocks, sorted: asked by cursor rather
	// than in s.dense, whose slots are scattered over megabytes.
	s.seen = cursor{list: s.touched, hi: len(s.touched)}
	large := s.blocks[s.small:]
	s.cursors = slices.Grow(s.cursors[:0], len(large))[:len(large)]
	for l := range large {
		if l == skip {
			s.cursors[l] = cursor{}
			continue
		}
		sl := large[l].slots()
		s.cursors[l] = cursor{list: sl, hi: len(sl)}
	}
}

// largeSingle reports whether slot, met walking down large block b
// (an index in s.blocks), is a single of it: in no small block and in no
// other large one. Slots must be asked in descending order after
// resetCursors(b - s.small).
func (s *scratch) largeSingle(b int, slot uint32) bool {
	if s.seen.has(slot) {
		return false
	}
	for l := range s.cursors {
		if l == b-s.small {
			continue
		}
		s.probes++
		if s.cursors[l].has(slot) {
			return false
		}
	}
	return true
}

// release clears the marks rank left in s.dense.
func (s *scratch) release() {
	for _, slot := range s.touched {
		s.dense[slot] = 0
	}
	s.touched = s.touched[:0]
}

// cursor answers whether a sorted list holds a slot, for slots asked in
// strictly descending order: it steps down from where the last answer
// left it, a few entries one by one (lists of one name's keys hold
// nearly the same entries), then galloping, so a walk costs the log of
// the gaps, not of the list, per slot.
type cursor struct {
	list []uint32
	hi   int // list[hi:] are above every slot still to be asked
}

func (c *cursor) has(slot uint32) bool {
	l, hi := c.list, c.hi
	if hi >= 4 {
		// The next four entries, counted rather than stepped through: how
		// many are above slot is how far the cursor moves, with no branch
		// for the processor to guess wrong.
		w := l[hi-4 : hi]
		n := above(w[3], slot) + above(w[2], slot) + above(w[1], slot) + above(w[0], slot)
		hi -= n
		if n < 4 {
			found := l[hi-1] == slot
			if found {
				hi--
			}
			c.hi = hi
			return found
		}
	} else {
		for hi > 0 && l[hi-1] > slot {
			hi--
		}
		found := hi > 0 && l[hi-1] == slot
		if found {
			hi--
		}
		c.hi = hi
		return found
	}
	// l[hi] > slot: gallop down to a bound lo with l[lo] <= slot.
	top, step := hi, 1 // l[top:] > slot
	lo := top - step
	for lo >= 0 && l[lo] > slot {
		top = lo
		step *= 2
		lo = top - step
	}
	// The first entry of l[lo:top] above slot.
	a, b := max(lo, 0), top
	for a < b {
		m := int(uint(a+b) >> 1)
		if l[m] <= slot {
			a = m + 1
		} else {
			b = m
		}
	}
	if a > 0 && l[a-1] == slot {
		c.hi = a - 1
		return true
	}
	c.hi = a
	return false
}

// above is 1 when v > slot, else 0.
func above(v, slot uint32) int {
	if v > slot {
		return 1
	}
	return 0
}

// Stats describes the index's size.
type Stats struct {
	Entities     int // live entries
	Slots        int // entries including reusable dead ones
	Strings      int // distinct interned strings
	Keys         int // distinct blocking key hashes
	Lists        int // keys with more than one entry
	LargestKey   int // entries of the largest key
	ArenaWords   int // token and phonetic ids stored
	GarbageWords int // arena words of removed entries
}

// Stats returns the index's size figures.
func (ix *Index) Stats() Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	st := Stats{Entities: len(ix.byID), Slots: len(ix.entries), Strings: ix.strs.len(), Keys: len(ix.postings),
		Lists: len(ix.lists) - len(ix.freeLists), ArenaWords: len(ix.arena), GarbageWords: ix.garbage}
	for _, l := range ix.lists {
		st.LargestKey = max(st.LargestKey, len(l))
	}
	if st.LargestKey == 0 && st.Keys > 0 {
		st.LargestKey = 1
	}
	return st
}

// tokenCount returns how many entries have a name token whose phonetic
// key is p: the size of its blocking key's list. The read lock is held.
func (ix *Index) tokenCount(p string) int {
	v, ok := ix.postings[maphash.String(ix.seed, "p:"+p)]
	switch {
	case !ok:
		return 0
	case v&listFlag == 0:
		return 1
	}
	return len(ix.lists[v&^listFlag])
}
