package match

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"crosscase"
)

// Snapshot errors; ReadSnapshot wraps them with details.
var (
	ErrSnapshotVersion = errors.New("match: snapshot format version not supported")
	ErrStaleSnapshot   = errors.New("match: snapshot made with other normalisation rules")
	ErrCorruptSnapshot = errors.New("match: snapshot damaged")
)

const (
	snapshotMagic   = "CCMATCH\n"
	snapshotVersion = 2
	maxFrame        = 1 << 20
	endTag          = "END"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// KeysFingerprint returns a digest of what Normalize and BlockingKeys make
// of a fixed set of probe records. Two programs with the same fingerprint
// file the same entities under the same keys, so one can load the other's
// snapshots.
func KeysFingerprint() [32]byte {
	h := sha256.New()
	put := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	for _, r := range probeRecords() {
		k := Normalize(r)
		put(string(k.Kind))
		put(strconv.Itoa(len(k.Tokens)))
		for _, t := range k.Tokens {
			put(t)
		}
		put(strconv.Itoa(len(k.Phonetic)))
		for _, t := range k.Phonetic {
			put(t)
		}
		put(k.Birth.String())
		put(strconv.Itoa(k.BirthYear))
		put(k.Ident)
		put(k.Nationality)
		put(strconv.Itoa(len(k.Address)))
		for _, t := range k.Address {
			put(t)
		}
		bks := BlockingKeys(k)
		put(strconv.Itoa(len(bks)))
		for _, b := range bks {
			put(b)
		}
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// probeRecords are varied records whose keys stand for the normalisation
// rules.
func probeRecords() []Record {
	d := func(y int, m time.Month, day int) crosscase.Date { return crosscase.Date{Year: y, Month: m, Day: day} }
	p := func(given, family string, born crosscase.Date, year int, nat string) Record {
		return Record{Kind: crosscase.KindPerson, GivenName: given, FamilyName: family, BirthDate: born, BirthYear: year, Nationality: nat}
	}
	withID := func(r Record, id, address string) Record {
		r.IDNumber, r.Address = id, address
		return r
	}
	id := func(k crosscase.EntityKind, v, country string) Record {
		return Record{Kind: k, Value: v, Country: country}
	}
	named := func(k crosscase.EntityKind, name, country string) Record {
		return Record{Kind: k, Name: name, Country: country}
	}
	return []Record{
		p("Mario", "Rossi", d(1980, 5, 12), 0, "IT"),
		p("José María", "Álvarez García", d(1975, 1, 3), 0, "ES"),
		p("Jürgen", "Müller-Lüdenscheidt", crosscase.Date{}, 1968, "DE"),
		p("Łukasz", "Wałęsa", d(1990, 12, 31), 0, "PL"),
		p("Дмитрий", "Иванов", d(1985, 7, 7), 0, "UA"),
		p("Олександр", "Шевченко", crosscase.Date{}, 0, "UA"),
		p("Γεώργιος", "Παπαδόπουλος", d(1971, 2, 28), 0, "GR"),
		p("Ahmet", "Yılmaz", d(1988, 4, 9), 0, "TR"),
		p("Mohammed", "El Amrani", crosscase.Date{}, 1979, "MA"),
		p("Seán", "Ó Briain", d(1966, 10, 1), 0, "IE"),
		p("", "O'Neill", crosscase.Date{}, 0, "GB"),
		p("Jean-Pierre", "", d(1959, 6, 15), 0, "FR"),
		p("Nguyễn", "Văn An", crosscase.Date{}, 0, "VN"),
		p("ANNA  ", "  de la Cruz ", d(2001, 9, 11), 0, ""),
		p("محمد عبدالعزيز", "الأسد", d(1983, 8, 17), 0, "SY"),
		p("", "欧阳小龙", crosscase.Date{}, 1992, "CN"),
		p("Hsiao-lung", "Ch'en", crosscase.Date{}, 0, "TW"),
		p("Pieter", "Bruegel the Elder", crosscase.Date{}, 0, "BE"),
		p("たろう", "山田", crosscase.Date{}, 0, "JP"),
		p("", "エーリッヒ・ザロモン", crosscase.Date{}, 0, ""),
		p("정은", "김", crosscase.Date{}, 0, "KR"),
		p("नरेन्द्र", "मोदी", crosscase.Date{}, 0, "IN"),
		p("ბიძინა", "ივანიშვილი", crosscase.Date{}, 0, "GE"),
		p("בנימין", "נתניהו", crosscase.Date{}, 0, "IL"),
		p("ทักษิณ", "ชินวัตร", crosscase.Date{}, 0, "TH"),
		p("Sasha", "M0rozov", crosscase.Date{}, 0, ""),
		withID(p("Marco", "Bianchi", d(1977, 3, 21), 0, "it"), "CA 12345 AB", "Via Giuseppe Verdi 7, 20121 Milano"),
		withID(p("Klaus", "Schmidt", crosscase.Date{}, 0, "DE"), "L01X00T47", "Hauptstraße 5a, 10115 Berlin"),
		withID(p("Ivan", "Petrov", crosscase.Date{}, 0, "BG"), "12-34", "ул. Витоша 15, София 1000"),
		named(crosscase.KindCompany, "Rossi Trasporti S.r.l.", "IT"),
		named(crosscase.KindCompany, `UAB "Baltijos Logistika"`, "LT"),
		named(crosscase.KindCompany, "Müller & Söhne GmbH & Co. KG", "DE"),
		named(crosscase.KindCompany, "ООО «Восток Трейд»", "RU"),
		named(crosscase.KindOCG, "Napoli group (drug trafficking)", ""),
		id(crosscase.KindPhone, "+39 333 123 4567", "IT"),
		id(crosscase.KindPhone, "0049 (171) 234-5678", "DE"),
		id(crosscase.KindPhone, "0612345678", "NL"),
		id(crosscase.KindEmail, "Mario.Rossi@Libero.IT", ""),
		id(crosscase.KindIBAN, "de89 3704 0044 0532 0130 00", "DE"),
		id(crosscase.KindVehicle, "AB 123 CD", "IT"),
		id(crosscase.KindCryptoWallet, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", ""),
		id(crosscase.KindAddress, "Via Roma 12, 00184 Roma", "IT"),
		id(crosscase.KindDocument, "YA1234567", "IT"),
	}
}

// WriteSnapshot writes the index to w: a snapshot, written to a file so that a server starts in
// seconds instead of re-reading and re-normalising every entity of the
// store.
//
// Snapshot or rebuild: a rebuild reads every entity from the store,
// normalises it (transliteration, phonetic keys: the expensive part) and
// files it; it is always correct and is what a server does when it has no
// usable snapshot. A snapshot holds the normalised keys themselves, so
// loading it only files them again. It is usable while
//
//   - its format version is one this program reads (ErrSnapshotVersion
//     otherwise),
//   - it was written by a program that normalises exactly as this one
//     does: the snapshot carries a fingerprint of Normalize and
//     BlockingKeys over fixed probe records, and a snapshot whose
//     fingerprint differs is refused with ErrStaleSnapshot, because its
//     keys would no longer meet the keys of new entries,
//   - and it is intact: the data is written in frames of at most 1 MiB,
//     each with its CRC-32C, and a snapshot that is cut short, altered or
//     followed by stray bytes is refused with ErrCorruptSnapshot.
//
// A snapshot also keeps the index's watermark (SetWatermark): the store
// position up to which it is complete. A server loads the snapshot, then
// applies the changes the store made after the watermark (upserting
// created and changed entities, removing deleted ones) before it answers,
// and writes a new snapshot from time to time and when it stops. On any
// error from ReadSnapshot it rebuilds from the store.
//
// Layout: the 8 bytes "CCMATCH\n", a 4-byte little-endian format version,
// then frames (4-byte little-endian payload length, payload, 4-byte
// CRC-32C of the payload) ending with an empty frame. The payloads,
// concatenated, hold: the fingerprint (32 bytes), the watermark, the kind
// table, the string table and the entries ordered by entity id (ids, kind, birth date and year, and the
// string ids of identifier, tokens, phonetic keys and address words, and the nationality), in varints.
//
// Checks go on while WriteSnapshot runs; changes wait until it is done.
func (ix *Index) WriteSnapshot(w io.Writer) error {
	fp := KeysFingerprint()
	ix.mu.RLock()
	defer ix.mu.RUnlock()

	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString(snapshotMagic); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := binary.Write(bw, binary.LittleEndian, uint32(snapshotVersion)); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	enc := &frameWriter{w: bw, buf: make([]byte, 0, maxFrame+64)}
	enc.bytes(fp[:])
	enc.varint(ix.watermark)
	enc.uvarint(uint64(len(ix.kinds)))
	for _, k := range ix.kinds {
		enc.str(string(k))
	}

	// Live strings only, renumbered densely.
	remap := make([]uint32, len(ix.strs.refs))
	n := uint32(0)
	for id, r := range ix.strs.refs {
		if r > 0 {
			remap[id] = n
			n++
		}
	}
	enc.uvarint(uint64(n))
	for id, r := range ix.strs.refs {
		if r > 0 {
			enc.str(ix.strs.get(uint32(id)))
		}
	}

	slots := make([]uint32, 0, len(ix.byID))
	for i := range ix.entries {
		if ix.entries[i].live {
			slots = append(slots, uint32(i))
		}
	}
	slices.SortFunc(slots, func(a, b uint32) int { return cmp.Compare(ix.entries[a].entityID, ix.entries[b].entityID) })
	enc.uvarint(uint64(len(slots)))
	prev := int64(0)
	for _, slot := range slots {
		e := &ix.entries[slot]
		enc.varint(e.entityID - prev) // ascending: small deltas
		prev = e.entityID
		enc.varint(e.caseID)
		enc.varint(e.deskID)
		enc.uvarint(uint64(e.kind))
		enc.uvarint(uint64(e.birth))
		enc.uvarint(uint64(e.birthYear))
		if e.ident == noString {
			enc.uvarint(0)
		} else {
			enc.uvarint(uint64(remap[e.ident]) + 1)
		}
		enc.uvarint(uint64(e.nat))
		ids := ix.arena[e.off : e.off+e.words()]
		for _, part := range [...]uint8{e.nTok, e.nPh, e.nAddr} {
			enc.uvarint(uint64(part))
			for _, id := range ids[:part] {
				enc.uvarint(uint64(remap[id]))
			}
			ids = ids[part:]
		}
		if enc.err != nil {
			break
		}
	}
	enc.bytes([]byte(endTag))
	enc.flush()
	enc.frame(nil) // the empty end frame
	if enc.err != nil {
		return fmt.Errorf("write snapshot: %w", enc.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}

// frameWriter collects varint-encoded values into frames.
type frameWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (f *frameWriter) frame(p []byte) {
	if f.err != nil {
		return
	}
	var hdr [4]byte
	binary.LittleEndian.PutUint32(hdr[:], uint32(len(p)))
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc32.Checksum(p, castagnoli))
	for _, b := range [][]byte{hdr[:], p, sum[:]} {
		if _, err := f.w.Write(b); err != nil {
			f.err = err
			return
		}
	}
}

func (f *frameWriter) flush() {
	if len(f.buf) > 0 {
		f.frame(f.buf)
		f.buf = f.buf[:0]
	}
}

func (f *frameWriter) grow() {
	if len(f.buf) >= maxFrame {
		f.frame(f.buf[:maxFrame])
		f.buf = f.buf[:copy(f.buf, f.buf[maxFrame:])]
	}
}

func (f *frameWriter) uvarint(v uint64) { f.buf = binary.AppendUvarint(f.buf, v); f.grow() }
func (f *frameWriter) varint(v int64)   { f.buf = binary.AppendVarint(f.buf, v); f.grow() }

func (f *frameWriter) bytes(b []byte) {
	for len(b) > 0 {
		n := min(len(b), maxFrame-len(f.buf))
		f.buf = append(f.buf, b[:n]...)
		b = b[n:]
		f.grow()
	}
}

func (f *frameWriter) str(s string) {
	f.uvarint(uint64(len(s)))
	f.bytes([]byte(s))
}

// frameReader reads the concatenated payloads of checked frames.
type frameReader struct {
	r   *bufio.Reader
	buf []byte
	pos int
	end bool // the empty frame was read
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorruptSnapshot, fmt.Sprintf(format, args...))
}

func (f *frameReader) next() error {
	if f.end {
		return corrupt("data runs past the end frame")
	}
	var hdr [4]byte
	if _, err := io.ReadFull(f.r, hdr[:]); err != nil {
		return corrupt("cut short: %v", err)
	}
	n := binary.LittleEndian.Uint32(hdr[:])
	if n > maxFrame {
		return corrupt("frame of %d bytes", n)
	}
	if cap(f.buf) < int(n)+4 {
		f.buf = make([]byte, int(n)+4)
	}
	f.buf = f.buf[:int(n)+4]
	if _, err := io.ReadFull(f.r, f.buf); err != nil {
		return corrupt("cut short: %v", err)
	}
	payload := f.buf[:n]
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(f.buf[n:]) {
		return corrupt("checksum mismatch")
	}
	f.buf, f.pos = payload, 0
	f.end = n == 0
	return nil
}

func (f *frameReader) readByte() (byte, error) {
	for f.pos >= len(f.buf) {
		if err := f.next(); err != nil {
			return 0, err
		}
		if f.end {
			return 0, corrupt("data ends early")
		}
	}
	b := f.buf[f.pos]
	f.pos++
	return b, nil
}

// ReadByte lets binary.ReadUvarint read from f.
func (f *frameReader) ReadByte() (byte, error) { return f.readByte() }

func (f *frameReader) uvarint() (uint64, error) {
	if f.pos+binary.MaxVarintLen64 <= len(f.buf) {
		v, n := binary.Uvarint(f.buf[f.pos:])
		if n <= 0 {
			return 0, corrupt("bad number")
		}
		f.pos += n
		return v, nil
	}
	v, err := binary.ReadUvarint(f)
	if err != nil && !errors.Is(err, ErrCorruptSnapshot) {
		err = corrupt("bad number: %v", err)
	}
	return v, err
}

func (f *frameReader) varint() (int64, error) {
	u, err := f.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v, err
}

func (f *frameReader) bytes(n int) ([]byte, error) {
	out := make([]byte, 0, min(n, maxFrame))
	for len(out) < n {
		if f.pos >= len(f.buf) {
			if _, err := f.readByte(); err != nil {
				return nil, err
			}
			f.pos--
		}
		k := min(n-len(out), len(f.buf)-f.pos)
		out = append(out, f.buf[f.pos:f.pos+k]...)
		f.pos += k
	}
	return out, nil
}

func (f *frameReader) str(max uint64) (string, error) {
	n, err := f.uvarint()
	if err != nil {
		return "", err
	}
	if n > max {
		return "", corrupt("string of %d bytes", n)
	}
	b, err := f.bytes(int(n))
	return string(b), err
}

// count reads a count no larger than max.
func (f *frameReader) count(what string, max uint64) (int, error) {
	n, err := f.uvarint()
	if err == nil && n > max {
		err = corrupt("%d %s", n, what)
	}
	return int(n), err
}

// ReadSnapshot reads an index written by WriteSnapshot, filing its
// entries on GOMAXPROCS goroutines. See the errors above for the refusals.
// A snapshot holds data, not settings: the index has DefaultThresholds and
// DefaultLimits until the caller sets its own.
func ReadSnapshot(r io.Reader) (*Index, error) {
	ix, err := readSnapshot(r)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	return ix, nil
}

func readSnapshot(r io.Reader) (*Index, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var head [12]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, corrupt("no header: %v", err)
	}
	if string(head[:8]) != snapshotMagic {
		return nil, corrupt("not a match index snapshot")
	}
	if v := binary.LittleEndian.Uint32(head[8:]); v != snapshotVersion {
		return nil, fmt.Errorf("%w: version %d, this program reads %d", ErrSnapshotVersion, v, snapshotVersion)
	}
	f := &frameReader{r: br}
	fp, err := f.bytes(32)
	if err != nil {
		return nil, err
	}
	if want := KeysFingerprint(); string(fp) != string(want[:]) {
		return nil, ErrStaleSnapshot
	}
	ix := NewIndex(nil)
	if ix.watermark, err = f.varint(); err != nil {
		return nil, err
	}
	n, err := f.count("kinds", 255)
	if err != nil {
		return nil, err
	}
	kinds := make([]crosscase.EntityKind, n)
	for i := range kinds {
		s, err := f.str(64)
		if err != nil {
			return nil, err
		}
		kinds[i] = crosscase.EntityKind(s)
	}
	ix.kinds, ix.kindIdx = kinds, map[crosscase.EntityKind]uint8{}
	for i, k := range kinds {
		if _, dup := ix.kindIdx[k]; dup {
			return nil, corrupt("kind %q twice", k)
		}
		ix.kindIdx[k] = uint8(i)
	}
	if n, err = f.count("strings", uint64(listFlag)); err != nil {
		return nil, err
	}
	// The snapshot's string table becomes the index's: entries keep its ids.
	st := &ix.strs
	st.init(ix.seed, n)
	for range n {
		s, err := f.str(1 << 16)
		if err != nil {
			return nil, err
		}
		if _, dup := st.lookup(s); dup {
			return nil, corrupt("string %q twice", s)
		}
		st.add(s)
	}
	if n, err = f.count("entries", uint64(maxSlots)); err != nil {
		return nil, err
	}
	ix.byID = make(map[int64]uint32, n)
	ix.postings = make(map[uint64]uint32, n/2)
	ix.entries = make([]entry, 0, n)
	const chunk = 1 << 14
	prev := int64(0)
	for from := 0; from < n; from += chunk {
		to := min(from+chunk, n)
		for i := from; i < to; i++ {
			e, err := ix.readEntry(f, i, prev, len(kinds))
			if err != nil {
				return nil, err
			}
			prev = e.entityID
			if kinds[e.kind] == crosscase.KindPerson {
				ix.persons++
			}
			ix.byID[e.entityID] = uint32(len(ix.entries))
			ix.entries = append(ix.entries, e)
		}
		ix.postEntries(from, to)
	}
	for id, r := range st.refs {
		if r == 0 { // not written by WriteSnapshot, but harmless
			st.refs[id] = 1
			st.release(uint32(id))
		}
	}
	tag, err := f.bytes(len(endTag))
	if err != nil {
		return nil, err
	}
	if string(tag) != endTag || f.pos != len(f.buf) {
		return nil, corrupt("no end mark after the entries")
	}
	if err := f.next(); err != nil {
		return nil, err
	}
	if !f.end {
		return nil, corrupt("data after the end mark")
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, corrupt("bytes after the end frame")
	}
	return ix, nil
}

// readEntry reads entry i of a snapshot (prev: the entity id before it),
// appending its string ids to the arena and counting their uses.
func (ix *Index) readEntry(f *frameReader, i int, prev int64, kinds int) (entry, error) {
	e := entry{live: true, ident: noString, off: uint32(len(ix.arena))}
	d, err := f.varint()
	if err != nil {
		return e, err
	}
	if i > 0 && d <= 0 {
		return e, corrupt("entity ids out of order")
	}
	e.entityID = prev + d
	if e.caseID, err = f.varint(); err != nil {
		return e, err
	}
	if e.deskID, err = f.varint(); err != nil {
		return e, err
	}
	kind, err := f.uvarint()
	if err != nil {
		return e, err
	}
	if kind >= uint64(kinds) {
		return e, corrupt("kind %d of %d", kind, kinds)
	}
	e.kind = uint8(kind)
	birth, err := f.uvarint()
	if err != nil {
		return e, err
	}
	if p, ok := packDate(unpackDate(uint32(birth))); !ok || uint64(p) != birth {
		return e, corrupt("birth date")
	}
	e.birth = uint32(birth)
	year, err := f.uvarint()
	if err != nil {
		return e, err
	}
	if year > 0xffff {
		return e, corrupt("birth year")
	}
	e.birthYear = uint16(year)
	st := &ix.strs
	strID := func(v uint64) (uint32, error) {
		if v >= uint64(len(st.refs)) {
			return 0, corrupt("string %d of %d", v, len(st.refs))
		}
		st.refs[v]++
		return uint32(v), nil
	}
	ident, err := f.uvarint()
	if err != nil {
		return e, err
	}
	if ident > 0 {
		if e.ident, err = strID(ident - 1); err != nil {
			return e, err
		}
	}
	nat, err := f.uvarint()
	if err != nil {
		return e, err
	}
	if nat > 0xffff || packNationality(normNationality(unpackNationality(uint16(nat)))) != uint16(nat) {
		return e, corrupt("nationality")
	}
	e.nat = uint16(nat)
	for _, part := range [...]*uint8{&e.nTok, &e.nPh, &e.nAddr} {
		m, err := f.count("keys", maxKeyParts)
		if err != nil {
			return e, err
		}
		*part = uint8(m)
		for range m {
			v, err := f.uvarint()
			if err != nil {
				return e, err
			}
			id, err := strID(v)
			if err != nil {
				return e, err
			}
			ix.arena = append(ix.arena, id)
		}
	}
	return e, nil
}

// postEntries files entries from..to-1 under their blocking keys,
// computing the keys on GOMAXPROCS goroutines. Only for an index nobody
// else uses yet.
func (ix *Index) postEntries(from, to int) {
	hashes := make([][]uint64, to-from)
	workers := runtime.GOMAXPROCS(0)
	per := (len(hashes) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(hashes); lo += per {
		hi := min(lo+per, len(hashes))
		wg.Add(1)
		go func() {
			defer wg.Done()
			var k Keys
			for i := lo; i < hi; i++ {
				ix.keysOf(&ix.entries[from+i], &k)
				hashes[i] = ix.blockHashes(k, nil)
			}
		}()
	}
	wg.Wait()
	for i, hs := range hashes {
		for _, h := range hs {
			ix.addPosting(h, uint32(from+i))
		}
	}
}

// SaveSnapshot writes the index to path so that it survives a crash or a
// power loss at any moment: it writes a temporary file beside path,
// fsyncs it, renames it over path and fsyncs the folder. A reader sees
// the old snapshot or the new one, never a part.
func (ix *Index) SaveSnapshot(ctx context.Context, path string) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := ix.WriteSnapshot(tmp); err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("save snapshot %s: sync folder: %w", path, err)
	}
	return nil
}

// LoadSnapshot reads the snapshot saved at path by SaveSnapshot.
func LoadSnapshot(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load snapshot: %w", err)
	}
	defer f.Close()
	ix, err := ReadSnapshot(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ix, nil
}
