package match

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"crosscase"
)

// snapshotFixture is an index with every kind of entry, some replaced
// and removed, with its own thresholds, limits and watermark.
func snapshotFixture(t *testing.T) (*Index, []Record) {
	t.Helper()
	recs := []Record{
		person(1, 100, "Mario", "Rossi", born1980),
		person(2, 200, "Mario", "Rossi", born1980),
		person(3, 300, "José María", "Álvarez García", crosscase.Date{}),
		{EntityID: 4, CaseID: 400, Kind: crosscase.KindPerson, FamilyName: "Иванов", GivenName: "Дмитрий", BirthYear: 1985},
		company(5, 500, "Rossi Trasporti S.r.l.", "IT"),
		company(6, 600, "Rossi Trasporti SRL", "IT"),
		{EntityID: 7, CaseID: 700, Kind: crosscase.KindOCG, Name: "Napoli group"},
		ident(8, 800, crosscase.KindIBAN, "DE89 3704 0044 0532 0130 00", "DE"),
		ident(9, 900, crosscase.KindIBAN, "DE89370400440532013000", "DE"),
		ident(10, 100, crosscase.KindPhone, "+39 333 123 4567", "IT"),
		ident(11, 200, crosscase.KindPhone, "+39 333 123 4567", "IT"),
		ident(12, 300, crosscase.KindEmail, "mario.rossi@libero.it", ""),
		ident(1<<40, 1<<41, crosscase.KindDocument, "YA1234567", "IT"),
		{EntityID: 14, CaseID: 1400, Kind: crosscase.KindPerson, GivenName: "Anna", FamilyName: "Nowak", BirthDate: born1980,
			Nationality: "PL", IDNumber: "ABC 123456", Address: "ul. Marszałkowska 10, 00-590 Warszawa"},
		{EntityID: 15, CaseID: 1500, Kind: crosscase.KindPerson, GivenName: "Ana", FamilyName: "Nowak",
			Nationality: "PL", IDNumber: "ABC123465", Address: "Marszalkowska 10, Warszawa"},
	}
	ix := NewIndex(Thresholds{crosscase.KindPerson: 70, crosscase.KindCompany: 80, crosscase.KindIBAN: 100, crosscase.KindPhone: 100, crosscase.KindEmail: 100, crosscase.KindOCG: 90, crosscase.KindDocument: 100})
	for _, r := range recs {
		ix.Upsert(r)
	}
	ix.Upsert(person(13, 1300, "Gone", "Away", born1980))
	ix.Remove(13)
	ix.Upsert(person(3, 300, "José María", "Álvarez García", born1980)) // replaced
	recs[2].BirthDate = born1980
	ix.SetLimits(Limits{MaxPostingsPerKey: 777, MaxCompared: 999, MaxSingleKey: 55, MaxMisses: 33, MaxTokenPairs: 4444})
	ix.SetWatermark(123456789)
	return ix, recs
}

func writeSnapshot(t *testing.T, ix *Index) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ix.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// settle gives loaded the thresholds and limits of ix.
func settle(loaded, ix *Index) {
	loaded.SetThresholds(ix.Thresholds())
	loaded.SetLimits(ix.Limits())
}

func sameAnswers(t *testing.T, a, b *Index, recs []Record) {
	t.Helper()
	if a.Len() != b.Len() {
		t.Fatalf("Len %d and %d", a.Len(), b.Len())
	}
	for _, r := range recs {
		for _, caseID := range []int64{r.CaseID, 0} {
			q := r
			q.CaseID = caseID
			if x, y := a.Check(q, 100), b.Check(q, 100); !reflect.DeepEqual(x, y) {
				t.Fatalf("Check(%+v):\n%+v\n%+v", q, x, y)
			}
		}
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	ix, recs := snapshotFixture(t)
	data := writeSnapshot(t, ix)
	got, err := ReadSnapshot(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got.Watermark() != 123456789 {
		t.Fatalf("watermark %d", got.Watermark())
	}
	// Settings are the program's, not the snapshot's.
	if !reflect.DeepEqual(got.Thresholds(), DefaultThresholds()) || got.Limits() != DefaultLimits() {
		t.Fatalf("loaded settings %v %+v, want the defaults", got.Thresholds(), got.Limits())
	}
	settle(got, ix)
	sameAnswers(t, ix, got, recs)
	hits := 0
	for _, r := range recs {
		hits += len(got.Check(r, 100))
	}
	if hits == 0 {
		t.Fatal("the fixture has no hits: the comparison above proves nothing")
	}
	for _, id := range []int64{1, 3, 1 << 40, 14} {
		var want, have Keys
		ix.keysOf(&ix.entries[ix.byID[id]], &want)
		got.keysOf(&got.entries[got.byID[id]], &have)
		if !reflect.DeepEqual(want, have) {
			t.Fatalf("entity %d: keys %+v, want %+v", id, have, want)
		}
	}
	// The loaded index works on: changes apply, and it writes the same snapshot.
	again := writeSnapshot(t, got)
	if !bytes.Equal(again, writeSnapshot(t, mustRead(t, again))) {
		t.Fatal("a snapshot of a loaded snapshot changes on every round trip")
	}
	got.Remove(2)
	if c := got.Check(recs[0], 100); len(c) != 0 {
		t.Fatalf("after Remove the loaded index still finds %v", ids(c))
	}

	empty := writeSnapshot(t, NewIndex(nil))
	if e := mustRead(t, empty); e.Len() != 0 || !reflect.DeepEqual(e.Thresholds(), DefaultThresholds()) {
		t.Fatalf("empty index round trip: %d entries, %v", e.Len(), e.Thresholds())
	}
}

func mustRead(t *testing.T, data []byte) *Index {
	t.Helper()
	ix, err := ReadSnapshot(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// Large enough for several frames.
func TestSnapshotManyFrames(t *testing.T) {
	ix := NewIndex(nil)
	var recs []Record
	for i := int64(1); i <= 60000; i++ {
		r := ident(i, i%977, crosscase.KindPhone, "+39 333 "+strconv.FormatInt(1000000+i, 10), "IT")
		recs = append(recs, r)
	}
	if err := ix.UpsertAll(context.Background(), recs, 2); err != nil {
		t.Fatal(err)
	}
	data := writeSnapshot(t, ix)
	if len(data) <= maxFrame+100 {
		t.Fatalf("snapshot of %d bytes does not test frames", len(data))
	}
	got := mustRead(t, data)
	sameAnswers(t, ix, got, recs[:200])
}

func TestSnapshotRefusesDamage(t *testing.T) {
	ix, _ := snapshotFixture(t)
	data := writeSnapshot(t, ix)
	check := func(name string, b []byte, want error) {
		t.Helper()
		got, err := ReadSnapshot(bytes.NewReader(b))
		if !errors.Is(err, want) || got != nil {
			t.Fatalf("%s: got %v, %v; want %v", name, got, err, want)
		}
	}
	// Every single flipped byte is caught.
	for i := range data {
		b := bytes.Clone(data)
		b[i] ^= 0x40
		want := ErrCorruptSnapshot
		if i >= 8 && i < 12 {
			want = ErrSnapshotVersion
		}
		if i >= 16 && i < 16+32 {
			// Inside the fingerprint: the frame checksum catches it first.
			want = ErrCorruptSnapshot
		}
		check("flip", b, want)
	}
	for _, n := range []int{0, 5, 12, 20, len(data) / 2, len(data) - 8, len(data) - 1} {
		check("truncated", data[:n], ErrCorruptSnapshot)
	}
	check("trailing byte", append(bytes.Clone(data), 0), ErrCorruptSnapshot)
	check("twice", append(bytes.Clone(data), data...), ErrCorruptSnapshot)

	// A snapshot made with other normalisation rules: right checksum,
	// other fingerprint.
	b := bytes.Clone(data)
	n := binary.LittleEndian.Uint32(b[12:])
	payload := b[16 : 16+n]
	payload[0] ^= 1
	binary.LittleEndian.PutUint32(b[16+n:], crc32.Checksum(payload, castagnoli))
	check("stale", b, ErrStaleSnapshot)
}

func TestSaveAndLoadSnapshot(t *testing.T) {
	ix, recs := snapshotFixture(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "index.snap")
	if err := ix.SaveSnapshot(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	ix.Upsert(person(99, 9900, "Mario", "Rossi", born1980))
	if err := ix.SaveSnapshot(context.Background(), path); err != nil { // over the old one
		t.Fatal(err)
	}
	got, err := LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	settle(got, ix)
	sameAnswers(t, ix, got, recs)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("folder holds %v, want only the snapshot", entries)
	}
	if _, err := LoadSnapshot(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	if err := os.WriteFile(path, []byte("not a snapshot"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSnapshot(path); !errors.Is(err, ErrCorruptSnapshot) {
		t.Fatalf("garbage file: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.SaveSnapshot(ctx, path); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled save: %v", err)
	}
}

func TestKeysFingerprintIsStable(t *testing.T) {
	if first, second := KeysFingerprint(), KeysFingerprint(); first != second {
		t.Fatal("fingerprint differs between calls")
	}
	if KeysFingerprint() == [32]byte{} {
		t.Fatal("fingerprint is zero")
	}
}
