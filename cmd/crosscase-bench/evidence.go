package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"crosscase"
	"crosscase/evidence"
	"crosscase/sqldb"
)

// runBenchEvidence measures a JIT evidence upload through the real server
// on a loopback port: a generated stream of --size bytes is posted to the
// API, and the run reports its throughput, the process's memory growth
// during the upload (Go runtime/metrics and resident set size), and the
// raw write+fsync speed of the same folder for comparison.
func (m *Main) runBenchEvidence(ctx context.Context, args []string) error {
	fs := m.newFlagSet("crosscase-bench evidence")
	sizeFlag := fs.String("size", "1GiB", "size of the evidence file to upload")
	dirFlag := fs.String("dir", "", "folder for the store and the evidence files (default: a new folder in the current directory, removed afterwards)")
	if err := parse(fs, args); err != nil {
		return err
	}
	size, err := evidence.ParseSize(*sizeFlag)
	if err != nil {
		return fmt.Errorf("--size: %w", err)
	}
	dir := *dirFlag
	if dir == "" {
		if dir, err = os.MkdirTemp(".", "crosscase-bench-evidence-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	db, err := sqldb.OpenMigrated(ctx, sqldb.Location{Data: dir, Create: true})
	if err != nil {
		return err
	}
	defer db.Close()
	files, err := evidence.Open(filepath.Join(dir, "evidence"))
	if err != nil {
		return err
	}
	db.EvidenceFiles = files
	token, jitID, recipient, err := benchEvidenceSetup(ctx, db)
	if err != nil {
		return err
	}
	s, err := newServer(ctx, db)
	if err != nil {
		return err
	}
	s.EvidenceMax = size
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		return err
	}
	defer s.Close()

	fmt.Fprintf(m.Stdout, "evidence upload of %s through %s into %s\n", *sizeFlag, s.URL(), files.Path())
	// The digest the server must find, computed before the clock starts,
	// so that the client's hashing does not share the two cores with the
	// server during the upload.
	pattern := newPatternReader()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(pattern, size)); err != nil {
		return err
	}
	want := hex.EncodeToString(h.Sum(nil))
	pattern.off = 0
	runtime.GC()
	base := sampleMemory()
	var peak memSample
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				s := sampleMemory()
				mu.Lock()
				peak = peak.max(s)
				mu.Unlock()
			}
		}
	}()
	body := io.LimitReader(pattern, size)
	req, err := http.NewRequestWithContext(ctx, "POST", s.URL()+"/api/v1/jits/"+strconv.FormatInt(jitID, 10)+"/evidence?filename=bench.bin&recipient_ids="+strconv.FormatInt(recipient, 10), body)
	if err != nil {
		return err
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("Authorization", "Bearer "+token)
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	elapsed := time.Since(start)
	close(stop)
	<-done
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var ev crosscase.Evidence
	if err := json.NewDecoder(res.Body).Decode(&ev); err != nil || res.StatusCode != http.StatusCreated {
		return fmt.Errorf("upload: status %d: %v", res.StatusCode, err)
	}
	if ev.SHA256 != want || ev.Size != size {
		return fmt.Errorf("upload stored %d bytes with SHA-256 %s, sent %d with %s", ev.Size, ev.SHA256, size, want)
	}
	mb := float64(size) / 1e6
	fmt.Fprintf(m.Stdout, "upload:      %8.1f MB/s  (%s in %s, SHA-256 verified)\n", mb/elapsed.Seconds(), *sizeFlag, elapsed.Round(time.Millisecond))
	fmt.Fprintf(m.Stdout, "memory:      Go heap +%.1f MiB, Go total +%.1f MiB, RSS +%.1f MiB (peak during the upload over the idle server)\n",
		mib(peak.heap-base.heap), mib(peak.total-base.total), mib(peak.rss-base.rss))

	// The same folder, written the same way without the server.
	raw, err := rawWrite(files.Path(), size)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "raw disk:    %8.1f MB/s  (write+fsync of %s in the same folder, %s)\n", mb/raw.Seconds(), *sizeFlag, raw.Round(time.Millisecond))
	fmt.Fprintf(m.Stdout, "ratio:       upload runs at %.0f%% of the raw disk speed\n", 100*raw.Seconds()/elapsed.Seconds())
	return nil
}

// benchEvidenceSetup makes a JIT of IT and DE with a JIT-only member of
// each, and returns a token of the uploader, the JIT and the recipient.
func benchEvidenceSetup(ctx context.Context, db *sqldb.DB) (string, int64, int64, error) {
	sys := crosscase.SystemContext(ctx)
	desk := &crosscase.Desk{CountryCode: "IT", Kind: crosscase.DeskNational, Name: "National Desk Italy"}
	if err := db.CreateDesk(sys, desk); err != nil {
		return "", 0, 0, err
	}
	pw := rand.Text()
	deskUser := &crosscase.User{Name: "bench.desk", Role: crosscase.RoleDeskMember, DeskID: desk.ID}
	uploader := &crosscase.User{Name: "bench.uploader", Role: crosscase.RoleJITMember, CountryCode: "IT"}
	recipient := &crosscase.User{Name: "bench.recipient", Role: crosscase.RoleJITMember, CountryCode: "DE"}
	for _, u := range []*crosscase.User{deskUser, uploader, recipient} {
		if err := db.CreateUser(sys, u, pw); err != nil {
			return "", 0, 0, err
		}
	}
	deskUser.DeskCountry = "IT"
	auth := map[string]int64{}
	for _, cc := range []string{"IT", "DE"} {
		a := &crosscase.Authority{CountryCode: cc, Name: "Prosecution " + cc, Kind: crosscase.AuthorityProsecution}
		if err := db.CreateAuthority(sys, a); err != nil {
			return "", 0, 0, err
		}
		auth[cc] = a.ID
	}
	j := &crosscase.JIT{Name: "Bench JIT", SignedOn: crosscase.DateOf(time.Now()), DurationMonths: 12, Parties: []crosscase.JITParty{
		{CountryCode: "IT", AuthorityIDs: []int64{auth["IT"]}}, {CountryCode: "DE", AuthorityIDs: []int64{auth["DE"]}}}}
	if err := db.CreateJIT(crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: deskUser}), j); err != nil {
		return "", 0, 0, err
	}
	for u, cc := range map[*crosscase.User]string{uploader: "IT", recipient: "DE"} {
		if err := db.AddJITMember(sys, j.ID, &crosscase.JITMember{UserID: u.ID, CountryCode: cc, AuthorityID: auth[cc]}); err != nil {
			return "", 0, 0, err
		}
	}
	_, token, err := db.CreateToken(sys, uploader.ID, "bench")
	return token, j.ID, recipient.ID, err
}

// rawWrite writes size bytes to a new file in dir in 1 MiB writes,
// fsyncs it, and removes it; it returns how long the write and sync took.
func rawWrite(dir string, size int64) (time.Duration, error) {
	f, err := os.CreateTemp(dir, ".raw-")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 1<<20)
	r := newPatternReader()
	start := time.Now()
	for left := size; left > 0; {
		n := int64(len(buf))
		if left < n {
			n = left
		}
		if _, err := io.ReadFull(r, buf[:n]); err != nil {
			return 0, err
		}
		if _, err := f.Write(buf[:n]); err != nil {
			return 0, err
		}
		left -= n
	}
	if err := f.Sync(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// patternReader repeats 4 MiB of random bytes: cheap to generate, and
// nothing a disk or file system could compress away.
type patternReader struct {
	buf []byte
	off int
}

func newPatternReader() *patternReader {
	b := make([]byte, 4<<20)
	_, _ = rand.Read(b)
	return &patternReader{buf: b}
}

func (p *patternReader) Read(b []byte) (int, error) {
	n := copy(b, p.buf[p.off:])
	p.off = (p.off + n) % len(p.buf)
	return n, nil
}

// memSample is the process's memory at one moment.
type memSample struct{ heap, total, rss uint64 }

func (a memSample) max(b memSample) memSample {
	return memSample{max(a.heap, b.heap), max(a.total, b.total), max(a.rss, b.rss)}
}

// sampleMemory reads the Go heap and all memory mapped by the Go runtime
// (runtime/metrics) and the resident set size (/proc/self/status, Linux).
func sampleMemory() memSample {
	ms := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	metrics.Read(ms)
	s := memSample{heap: ms[0].Value.Uint64(), total: ms[1].Value.Uint64()}
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				s.rss = kb << 10
			}
		}
	}
	return s
}

func mib(n uint64) float64 {
	if int64(n) < 0 {
		return 0
	}
	return float64(n) / (1 << 20)
}
