package match

import (
	"hash/maphash"
	"unsafe"
)

// strtab interns strings: each distinct string is stored once and named
// by a uint32 id; the ids of strings no entry uses any more are reused.
//
// The strings live back to back in one byte slice and are found by a map
// from their hash to their id, so the table holds no pointers: with
// millions of names and identifiers, the garbage collector has nothing to
// trace, and checks are not slowed down by its marking. The rare string
// whose hash another one has taken goes to a small ordinary map.
type strtab struct {
	seed    maphash.Seed
	data    []byte
	spans   []uint64 // per id: offset in data << 24 | length
	refs    []uint32 // per id: entries using it; 0 for a free id
	free    []uint32
	byHash  map[uint64]uint32
	clash   map[string]uint32
	garbage int // bytes of data no string uses
}

// maxStringLen is the longest string the table keeps whole.
const maxStringLen = 1<<24 - 1

func (t *strtab) init(seed maphash.Seed, n int) {
	*t = strtab{seed: seed, byHash: make(map[uint64]uint32, n), spans: make([]uint64, 0, n), refs: make([]uint32, 0, n)}
}

// len returns the number of strings in use.
func (t *strtab) len() int { return len(t.refs) - len(t.free) }

// get returns string id. The string shares the table's memory, which is
// never overwritten: only appended to, or replaced whole by compact.
func (t *strtab) get(id uint32) string {
	sp := t.spans[id]
	n := int(sp & maxStringLen)
	if n == 0 {
		return ""
	}
	return unsafe.String(&t.data[sp>>24], n)
}

// lookup returns the id of s, if the table has it.
func (t *strtab) lookup(s string) (uint32, bool) {
	if id, ok := t.byHash[maphash.String(t.seed, s)]; ok && t.get(id) == s {
		return id, true
	}
	id, ok := t.clash[s]
	return id, ok
}

// add stores s, which the table must not have, with no reference yet.
func (t *strtab) add(s string) uint32 {
	if len(s) > maxStringLen {
		s = s[:maxStringLen]
	}
	var id uint32
	if n := len(t.free); n > 0 {
		id = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		id = uint32(len(t.refs))
		t.spans = append(t.spans, 0)
		t.refs = append(t.refs, 0)
	}
	t.spans[id] = uint64(len(t.data))<<24 | uint64(len(s))
	t.data = append(t.data, s...)
	h := maphash.String(t.seed, s)
	if _, taken := t.byHash[h]; taken {
		if t.clash == nil {
			t.clash = map[string]uint32{}
		}
		t.clash[s] = id
	} else {
		t.byHash[h] = id
	}
	return id
}

// intern returns the id of s, adding s when new, and counts one more use.
func (t *strtab) intern(s string) uint32 {
	id, ok := t.lookup(s)
	if !ok {
		id = t.add(s)
	}
	t.refs[id]++
	return id
}

// release counts one use less of id and frees it after the last.
func (t *strtab) release(id uint32) {
	if t.refs[id]--; t.refs[id] > 0 {
		return
	}
	s := t.get(id)
	if h := maphash.String(t.seed, s); t.byHash[h] == id && t.hasHash(h) {
		delete(t.byHash, h)
	} else {
		delete(t.clash, s)
	}
	t.garbage += len(s)
	t.spans[id] = 0
	t.free = append(t.free, id)
	if t.garbage > 1<<20 && t.garbage > len(t.data)/2 {
		t.compact()
	}
}

func (t *strtab) hasHash(h uint64) bool {
	_, ok := t.byHash[h]
	return ok
}

// compact copies the strings in use to a new byte slice. Strings handed
// out before keep the old one alive for as long as they are used.
func (t *strtab) compact() {
	data := make([]byte, 0, len(t.data)-t.garbage)
	for id, r := range t.refs {
		if r == 0 {
			continue
		}
		s := t.get(uint32(id))
		t.spans[id] = uint64(len(data))<<24 | uint64(len(s))
		data = append(data, s...)
	}
	t.data, t.garbage = data, 0
}
