package match

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
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
}

// Limits bound the work of one check against very common blocking keys.
//
// Blocking files every entry under a few keys (BlockingKeys); a check
// compares the query with the entries that share a key with it. Most keys
// are selective (an identifier, a phonetic name key combined with a birth
// year), but some are not: the phonetic key of a frequent family name can
// hold hundreds of thousands of entries. Comparing them all would take
// far longer than the second a prosecutor waits, so a check reads the
// query's keys from the smallest block to the largest and
//
//   - takes at most MaxPostingsPerKey entries of any one key, the most
//     recently filed first, and
//   - stops once MaxCompared distinct entries of the query's kind from
//     other cases are collected.
//
// Because the combined keys (name plus birth year, identifier) are the
// small ones, they are always read in full before a large plain-name key
// is touched. The price: an entity that shares only an oversized key with
// the query (say "M. Rossi" without a date of birth, against fifty
// thousand entries filed under the key of "Rossi") is found only when it
// is among the newest MaxPostingsPerKey entries of that key. Giving a date
// of birth or an identifier avoids the problem; a full re-check with
// larger limits (SetLimits) finds the rest at a higher cost.
type Limits struct {
	MaxPostingsPerKey int // entries read from one key; default 2000
	MaxCompared       int // distinct entries compared per check; default 3000
}

// DefaultLimits returns the limits a new Index starts with.
func DefaultLimits() Limits { return Limits{MaxPostingsPerKey: 2000, MaxCompared: 3000} }

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
	nTok      uint8
	nPh       uint8
	kind      uint8 // index in Index.kinds
	live      bool
}

// Index holds the keys of every entity of every case and finds, for an
// entity, the entities of other cases that probably are the same. It is
// safe for concurrent use: checks share a read lock, changes take the
// write lock.
//
// Memory: per entity one fixed-size entry (about 56 bytes), its token and
// phonetic string ids (4 bytes each), and 4 bytes per blocking key; the
// strings themselves are interned once (a name shared by ten thousand
// entities is stored once). Blocking keys are kept only as 64-bit hashes:
// two keys with the same hash merely share a block, and Compare decides.
type Index struct {
	mu      sync.RWMutex
	th      Thresholds
	limits  Limits
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
	// or (with listFlag) to the index of its slots in lists. Lists keep
	// the order entries were filed in, newest last.
	postings  map[uint64]uint32
	lists     [][]uint32
	freeLists []uint32

	watermark int64
	scratch   sync.Pool
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
		strs:     strtab{ids: map[string]uint32{}},
	}
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
		ix.mu.Lock()
		for i := range ps {
			ix.insertLocked(&ps[i])
		}
		ix.mu.Unlock()
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
// keys, a date and year that fit the packed forms (or none). The index
// files and compares the clamped keys, so removal finds every key again.
func clampKeys(k Keys) Keys {
	if len(k.Tokens) > maxKeyParts {
		k.Tokens = k.Tokens[:maxKeyParts]
	}
	if len(k.Phonetic) > maxKeyParts {
		k.Phonetic = k.Phonetic[:maxKeyParts]
	}
	if _, ok := packDate(k.Birth); !ok {
		k.Birth = crosscase.Date{}
	}
	if k.BirthYear < 0 || k.BirthYear > 0xffff {
		k.BirthYear = 0
	}
	return k
}

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
	dst = dst[:0]
	for _, key := range BlockingKeys(k) {
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
		// More kinds than any store knows; file them all as the last one.
		return 254
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
		nTok:      uint8(len(k.Tokens)),
		nPh:       uint8(len(k.Phonetic)),
		kind:      ix.kindOf(k.Kind),
		live:      true,
	}
	if k.Ident != "" {
		e.ident = ix.strs.intern(k.Ident)
	}
	if len(ix.arena)+len(k.Tokens)+len(k.Phonetic) > int(^uint32(0)) {
		ix.compactLocked()
		e.off = uint32(len(ix.arena))
	}
	for _, t := range k.Tokens {
		ix.arena = append(ix.arena, ix.strs.intern(t))
	}
	for _, t := range k.Phonetic {
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
		var li uint32
		if n := len(ix.freeLists); n > 0 {
			li = ix.freeLists[n-1]
			ix.freeLists = ix.freeLists[:n-1]
			ix.lists[li] = append(ix.lists[li][:0], v, slot)
		} else {
			li = uint32(len(ix.lists))
			ix.lists = append(ix.lists, []uint32{v, slot})
		}
		ix.postings[h] = li | listFlag
	default:
		li := v &^ listFlag
		ix.lists[li] = append(ix.lists[li], slot)
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
	i := slices.Index(l, slot)
	if i < 0 {
		return
	}
	l = slices.Delete(l, i, i+1) // keeps filing order
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
	ids := ix.arena[e.off : e.off+uint32(e.nTok)+uint32(e.nPh)]
	for _, id := range ids[:e.nTok] {
		buf.Tokens = append(buf.Tokens, ix.strs.strs[id])
	}
	for _, id := range ids[e.nTok:] {
		buf.Phonetic = append(buf.Phonetic, ix.strs.strs[id])
	}
	buf.Birth = unpackDate(e.birth)
	buf.BirthYear = int(e.birthYear)
	buf.Ident = ""
	if e.ident != noString {
		buf.Ident = ix.strs.strs[e.ident]
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
	n := uint32(e.nTok) + uint32(e.nPh)
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
		n := uint32(e.nTok) + uint32(e.nPh)
		off := uint32(len(arena))
		arena = append(arena, ix.arena[e.off:e.off+n]...)
		e.off = off
	}
	ix.arena, ix.garbage = arena, 0
}

// scratch is the per-check working memory, pooled.
type scratch struct {
	hashes []uint64
	blocks []block
	seen   map[uint32]struct{}
	cand   []uint32
	keys   Keys
}

// block is the postings of one of the query's keys: list, or one when
// the key has a single entry.
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

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{seen: map[uint32]struct{}{}}
}

func (ix *Index) putScratch(s *scratch) {
	clear(s.seen)
	if len(s.cand) > 1<<16 {
		s.cand = nil
		s.seen = map[uint32]struct{}{}
	}
	s.blocks = s.blocks[:0]
	s.cand = s.cand[:0]
	ix.scratch.Put(s)
}

// check is CheckKeys that also reports how many entries it compared.
func (ix *Index) check(k Keys, caseID int64, limit int) ([]Candidate, int) {
	if limit <= 0 {
		limit = DefaultCheckLimit
	}
	k = clampKeys(k)
	s := ix.getScratch()
	defer ix.putScratch(s)
	s.hashes = ix.blockHashes(k, s.hashes)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	kind, ok := ix.kindIdx[k.Kind]
	if !ok || len(s.hashes) == 0 {
		return nil, 0
	}
	for _, h := range s.hashes {
		v, ok := ix.postings[h]
		switch {
		case !ok:
		case v&listFlag == 0:
			s.blocks = append(s.blocks, block{one: [1]uint32{v}})
		default:
			s.blocks = append(s.blocks, block{list: ix.lists[v&^listFlag]})
		}
	}
	slices.SortFunc(s.blocks, func(a, b block) int { return cmp.Compare(a.size(), b.size()) })
	lim := ix.limits
collect:
	for i := range s.blocks {
		slots := s.blocks[i].slots()
		if len(slots) > lim.MaxPostingsPerKey {
			slots = slots[len(slots)-lim.MaxPostingsPerKey:]
		}
		for i := len(slots) - 1; i >= 0; i-- {
			slot := slots[i]
			e := &ix.entries[slot]
			if !e.live || e.kind != kind || e.caseID == caseID {
				continue
			}
			if _, dup := s.seen[slot]; dup {
				continue
			}
			if len(s.cand) >= lim.MaxCompared {
				break collect
			}
			s.seen[slot] = struct{}{}
			s.cand = append(s.cand, slot)
		}
	}
	threshold, ok := ix.th[k.Kind]
	if !ok {
		threshold = 100
	}
	var out []Candidate
	for _, slot := range s.cand {
		e := &ix.entries[slot]
		ix.keysOf(e, &s.keys)
		score, fields := Compare(k, s.keys)
		if score < threshold {
			continue
		}
		out = append(out, Candidate{EntityID: e.entityID, CaseID: e.caseID, DeskID: e.deskID, Score: score, Fields: fields})
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.EntityID, b.EntityID)
	})
	if len(out) > limit {
		out = out[:limit:limit]
	}
	return out, len(s.cand)
}

// strtab interns strings: each distinct string is stored once and named
// by a uint32 id; ids of strings no entry uses any more are reused.
type strtab struct {
	ids  map[string]uint32
	strs []string
	refs []uint32
	free []uint32
}

func (t *strtab) intern(s string) uint32 {
	if id, ok := t.ids[s]; ok {
		t.refs[id]++
		return id
	}
	var id uint32
	if n := len(t.free); n > 0 {
		id = t.free[n-1]
		t.free = t.free[:n-1]
		t.strs[id], t.refs[id] = s, 1
	} else {
		id = uint32(len(t.strs))
		t.strs = append(t.strs, s)
		t.refs = append(t.refs, 1)
	}
	t.ids[s] = id
	return id
}

func (t *strtab) release(id uint32) {
	if t.refs[id]--; t.refs[id] == 0 {
		delete(t.ids, t.strs[id])
		t.strs[id] = ""
		t.free = append(t.free, id)
	}
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
	st := Stats{Entities: len(ix.byID), Slots: len(ix.entries), Strings: len(ix.strs.ids), Keys: len(ix.postings),
		Lists: len(ix.lists) - len(ix.freeLists), ArenaWords: len(ix.arena), GarbageWords: ix.garbage}
	for _, l := range ix.lists {
		st.LargestKey = max(st.LargestKey, len(l))
	}
	if st.LargestKey == 0 && st.Keys > 0 {
		st.LargestKey = 1
	}
	return st
}
