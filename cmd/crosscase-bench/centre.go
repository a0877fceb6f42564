package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"crosscase"
	"crosscase/sqldb"
)

// runBenchCentre measures the live stream of a coordination centre
// (README, Coordination centres (action day, live), Figures): N clients
// connected over two server processes sharing one PostgreSQL store (one
// process on SQLite), a writer changing measures' states at a fixed rate
// through the API of both processes in turn, and for every event and
// every client the delay from the event's transaction to its receipt,
// the events lost, and the servers' memory per connected client; then a
// client that reconnects after missing --catchup events. The servers are
// this program started again as child processes (centre-serve), so that
// the fan-out crosses real process boundaries and each server's memory is
// its own.
func (m *Main) runBenchCentre(ctx context.Context, args []string) error {
	fs := m.newFlagSet("crosscase-bench centre")
	dbURL := fs.String("db", m.Getenv("CROSSCASE_DB"), "PostgreSQL URL of a role that may create databases: a new database is made for the run and dropped after it (empty: SQLite in a temporary folder, one server)")
	clients := fs.Int("clients", 200, "connected participants, spread over the servers")
	rate := fs.Int("rate", 20, "state changes per second")
	duration := fs.Duration("duration", 60*time.Second, "how long the writer runs")
	catchup := fs.Int("catchup", 600, "events a reconnecting client has missed")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *clients < 1 || *rate < 1 || *duration <= 0 || *catchup < 1 {
		return errors.New("--clients, --rate, --duration and --catchup must be positive")
	}
	dsn, cleanup, err := benchCentreStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer cleanup()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	setup, err := benchCentreSetup(ctx, db, *rate)
	if err != nil {
		return err
	}
	nServers := 1
	if db.Dialect() == sqldb.Postgres {
		nServers = 2
	}
	var servers []*childServer
	for range nServers {
		cs, err := startChildServer(ctx, dsn)
		if err != nil {
			return err
		}
		defer cs.stop()
		servers = append(servers, cs)
	}
	fmt.Fprintf(m.Stdout, "centre stream: %d clients over %d server process(es) on %s, %d state changes/s for %s\n", *clients, nServers, db.Dialect(), *rate, *duration)

	// Connect the clients, then measure the servers' memory per client.
	idle := make([]uint64, len(servers))
	for i, s := range servers {
		idle[i] = s.rss()
	}
	recv := make([]*benchClient, *clients)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i := range recv {
		c := &benchClient{}
		recv[i] = c
		s := servers[i%len(servers)]
		ready := make(chan error, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.run(cctx, s.url, setup.readerToken, setup.centreID, setup.lastSeq, ready)
		}()
		if err := <-ready; err != nil {
			return fmt.Errorf("client %d: %w", i, err)
		}
	}
	time.Sleep(2 * time.Second)
	var perClient float64
	for i, s := range servers {
		perClient += float64(s.rss()) - float64(idle[i])
	}
	perClient /= float64(*clients)

	// The writer: --rate measures moved in turn, each once a second at
	// its own offset, through the servers alternately.
	changes, errs := setup.write(ctx, servers, *rate, *duration)
	time.Sleep(2 * time.Second) // the last events in flight
	cancel()
	wg.Wait()
	if errs > 0 {
		fmt.Fprintf(m.Stdout, "writer:      %d of %d state changes failed\n", errs, changes)
	}
	var lat []time.Duration
	first, every := map[int64]time.Duration{}, map[int64]time.Duration{} // per event: the first and the last client's delay
	lost, dup, last := 0, 0, setup.lastSeq+int64(changes-errs)
	for _, c := range recv {
		l, d := c.check(setup.lastSeq, last)
		lost, dup = lost+l, dup+d
		lat = append(lat, c.lat...)
		for i, seq := range c.seqs {
			if f, ok := first[seq]; !ok || c.lat[i] < f {
				first[seq] = c.lat[i]
			}
			every[seq] = max(every[seq], c.lat[i])
		}
	}
	quantiles := func(list []time.Duration) func(float64) time.Duration {
		sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
		return func(p float64) time.Duration {
			if len(list) == 0 {
				return 0
			}
			return list[int(p*float64(len(list)-1))].Round(100 * time.Microsecond)
		}
	}
	values := func(m map[int64]time.Duration) []time.Duration {
		var out []time.Duration
		for _, d := range m {
			out = append(out, d)
		}
		return out
	}
	q, qFirst, qEvery := quantiles(lat), quantiles(values(first)), quantiles(values(every))
	fmt.Fprintf(m.Stdout, "writes:      %d state changes committed (%.1f/s)\n", changes-errs, float64(changes-errs)/duration.Seconds())
	fmt.Fprintf(m.Stdout, "deliveries:  %d (events × clients); lost %d, duplicated %d\n", len(lat), lost, dup)
	fmt.Fprintf(m.Stdout, "latency:     p50 %s  p99 %s  max %s  (each delivery: from the event's append, just before its commit, to its receipt by a client)\n", q(0.5), q(0.99), q(1))
	fmt.Fprintf(m.Stdout, "every client: p50 %s  p99 %s  max %s  (each event: until the last client received it)\n", qEvery(0.5), qEvery(0.99), qEvery(1))
	fmt.Fprintf(m.Stdout, "first client: p50 %s  p99 %s  max %s  (each event: until the first client received it)\n", qFirst(0.5), qFirst(0.99), qFirst(1))
	fmt.Fprintf(m.Stdout, "memory:      %.1f KiB resident per connected client (servers' RSS with the clients idle, over their RSS before)\n", perClient/1024)

	// Catch-up: --catchup events written while a client is away, then
	// the client reconnects with Last-Event-ID.
	from := last
	n, errs2 := setup.writeN(ctx, servers, *catchup)
	if errs2 > 0 {
		return fmt.Errorf("catch-up writes: %d failed", errs2)
	}
	start := time.Now()
	got, err := catchUp(ctx, servers[len(servers)-1].url, setup.readerToken, setup.centreID, from, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "catch-up:    %d missed events received in %s after reconnecting with Last-Event-ID\n", got, time.Since(start).Round(time.Millisecond))
	return nil
}

// benchCentreStore returns the DSN of an empty store for the run and a
// function that removes it: a new PostgreSQL database beside admin's, or
// an SQLite file in a temporary folder.
func benchCentreStore(ctx context.Context, admin string) (string, func(), error) {
	if admin == "" {
		dir, err := os.MkdirTemp("", "crosscase-bench-centre-")
		if err != nil {
			return "", nil, err
		}
		return filepath.Join(dir, "crosscase.db"), func() { os.RemoveAll(dir) }, nil
	}
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		return "", nil, err
	}
	name := "crosscase_bench_centre_" + strings.ToLower(rand.Text()[:10])
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		conn.Close()
		return "", nil, fmt.Errorf("create the bench database: %w", err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		conn.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		_, _ = conn.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		conn.Close()
	}, nil
}

// centreSetup is the centre the bench drives.
type centreSetup struct {
	centreID    int64
	lastSeq     int64
	writerToken string
	readerToken string
	measures    []int64
	mu          sync.Mutex
	versions    map[int64]int
	states      map[int64]crosscase.MeasureState
}

// benchCentreSetup makes an Italian case asked of Germany, a centre of
// both desks and n measures, and tokens of a writer (the owner desk) and
// a reader (the German desk).
func benchCentreSetup(ctx context.Context, db *sqldb.DB, n int) (*centreSetup, error) {
	sys := crosscase.SystemContext(ctx)
	pw := rand.Text()
	users := map[string]*crosscase.User{}
	for _, cc := range []string{"IT", "DE"} {
		d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskNational, Name: "National Desk " + cc}
		if err := db.CreateDesk(sys, d); err != nil {
			return nil, err
		}
		u := &crosscase.User{Name: "bench." + strings.ToLower(cc), Role: crosscase.RoleDeskMember, DeskID: d.ID}
		if err := db.CreateUser(sys, u, pw); err != nil {
			return nil, err
		}
		u.DeskCountry = cc
		users[cc] = u
	}
	as := func(u *crosscase.User) context.Context {
		return crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: u, RemoteAddr: "bench", Reason: "benchmark"})
	}
	it := as(users["IT"])
	c := &crosscase.Case{Title: "Bench action day", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.Date{Year: 2024, Month: 1, Day: 1}}
	if err := db.CreateCase(it, c); err != nil {
		return nil, err
	}
	today := crosscase.DateOf(time.Now().UTC())
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Bench centre", ActionDate: today,
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}, DeskIDs: []int64{users["DE"].DeskID}}
	if err := db.CreateCentre(it, centre); err != nil {
		return nil, err
	}
	s := &centreSetup{centreID: centre.ID, versions: map[int64]int{}, states: map[int64]crosscase.MeasureState{}}
	for i := range n {
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "DE", Place: fmt.Sprintf("Address %d", i+1),
			PlannedAt: today.Time().Add(time.Duration(6*60+i) * time.Minute)}
		if err := db.CreateMeasure(it, m); err != nil {
			return nil, err
		}
		s.measures = append(s.measures, m.ID)
		s.versions[m.ID], s.states[m.ID] = m.Version, m.State
	}
	b, err := db.FindCentre(it, centre.ID)
	if err != nil {
		return nil, err
	}
	s.lastSeq = b.LastSeq
	if _, s.writerToken, err = db.CreateToken(sys, users["IT"].ID, "bench"); err != nil {
		return nil, err
	}
	if _, s.readerToken, err = db.CreateToken(sys, users["DE"].ID, "bench"); err != nil {
		return nil, err
	}
	return s, nil
}

// benchCycle is the cycle of states the writer moves each measure
// through: planned → under way → postponed → planned, without end.
var benchCycle = map[crosscase.MeasureState]crosscase.MeasureState{
	crosscase.MeasurePlanned: crosscase.MeasureUnderWay, crosscase.MeasureUnderWay: crosscase.MeasurePostponed, crosscase.MeasurePostponed: crosscase.MeasurePlanned,
}

// move moves measure id one step through the API of server base.
func (s *centreSetup) move(ctx context.Context, base string, id int64) error {
	s.mu.Lock()
	v, st := s.versions[id], s.states[id]
	s.mu.Unlock()
	body, _ := json.Marshal(map[string]any{"version": v, "state": benchCycle[st]})
	req, _ := http.NewRequestWithContext(ctx, "POST", fmt.Sprintf("%s/api/v1/measures/%d/state", base, id), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.writerToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var m crosscase.Measure
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil || res.StatusCode != 200 {
		return fmt.Errorf("move %d: status %d", id, res.StatusCode)
	}
	s.mu.Lock()
	s.versions[id], s.states[id] = m.Version, m.State
	s.mu.Unlock()
	return nil
}

// write moves the measures at rate changes per second for d: measure i
// once a second at offset i/rate, through the servers alternately.
func (s *centreSetup) write(ctx context.Context, servers []*childServer, rate int, d time.Duration) (changes, errs int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now().Add(100 * time.Millisecond)
	for i, id := range s.measures {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; ; k++ {
				at := start.Add(time.Duration(k)*time.Second + time.Duration(i)*time.Second/time.Duration(rate))
				if at.Sub(start) >= d {
					return
				}
				time.Sleep(time.Until(at))
				err := s.move(ctx, servers[(i+k)%len(servers)].url, id)
				mu.Lock()
				changes++
				if err != nil {
					errs++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return changes, errs
}

// writeN makes n state changes as fast as the writer goes.
func (s *centreSetup) writeN(ctx context.Context, servers []*childServer, n int) (int, int) {
	errs := 0
	for i := range n {
		if err := s.move(ctx, servers[i%len(servers)].url, s.measures[i%len(s.measures)]); err != nil {
			errs++
		}
	}
	return n - errs, errs
}

// benchClient is one connected participant: what it received.
type benchClient struct {
	seqs []int64
	lat  []time.Duration
}

// run reads the centre's stream from after until ctx ends; ready
// receives nil once the stream is open.
func (c *benchClient) run(ctx context.Context, base, token string, centre, after int64, ready chan<- error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/centres/%d/events", base, centre), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Last-Event-ID", strconv.FormatInt(after, 10))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ready <- err
		return
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		ready <- fmt.Errorf("stream: status %d", res.StatusCode)
		return
	}
	ready <- nil
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var seq int64
	for sc.Scan() {
		line := sc.Bytes()
		if id, ok := bytes.CutPrefix(line, []byte("id: ")); ok {
			seq, _ = strconv.ParseInt(string(id), 10, 64)
			continue
		}
		if !bytes.HasPrefix(line, []byte("data: ")) {
			continue
		}
		now := time.Now()
		// Only the event's time is read from its data: decoding the whole
		// event 4,000 times a second would load the client more than the
		// servers it measures.
		if at, ok := eventAt(line); ok {
			c.seqs = append(c.seqs, seq)
			c.lat = append(c.lat, now.Sub(at))
		}
	}
}

// eventAt finds the "at" time of an event's data line.
func eventAt(line []byte) (time.Time, bool) {
	_, rest, ok := bytes.Cut(line, []byte(`"at":"`))
	if !ok {
		return time.Time{}, false
	}
	v, _, ok := bytes.Cut(rest, []byte(`"`))
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(v))
	return t, err == nil
}

// check counts the events of (from, to] the client did not receive, and
// those it received twice.
func (c *benchClient) check(from, to int64) (lost, dup int) {
	seen := map[int64]int{}
	for _, s := range c.seqs {
		seen[s]++
	}
	for s := from + 1; s <= to; s++ {
		switch n := seen[s]; {
		case n == 0:
			lost++
		case n > 1:
			dup += n - 1
		}
	}
	return lost, dup
}

// catchUp reconnects after seq and returns once n events have arrived.
func catchUp(ctx context.Context, base, token string, centre, after int64, n int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/centres/%d/events", base, centre), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Last-Event-ID", strconv.FormatInt(after, 10))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	got, want := 0, after+1
	for sc.Scan() {
		line := sc.Text()
		if id, ok := strings.CutPrefix(line, "id: "); ok {
			if seq, _ := strconv.ParseInt(id, 10, 64); seq != want {
				return got, fmt.Errorf("catch-up: event %d, want %d", seq, want)
			}
			want++
			if got++; got == n {
				return got, nil
			}
		}
	}
	return got, fmt.Errorf("catch-up: the stream ended after %d of %d events", got, n)
}

// childServer is a serve process started by runBenchCentre.
type childServer struct {
	cmd *exec.Cmd
	url string
}

// startChildServer starts this program as centre-serve over dsn and
// waits for its URL.
func startChildServer(ctx context.Context, dsn string) (*childServer, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "centre-serve", "--dsn", dsn)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		return nil, fmt.Errorf("centre-serve did not start: %w", err)
	}
	return &childServer{cmd: cmd, url: strings.TrimSpace(line)}, nil
}

func (s *childServer) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

// rss is the resident set size of the server process.
func (s *childServer) rss() uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// runCentreServe is the server process of runBenchCentre: the store at
// --dsn (migrated) served on a loopback port, whose URL it prints.
func (m *Main) runCentreServe(ctx context.Context, args []string) error {
	fs := m.newFlagSet("crosscase-bench centre-serve")
	dsn := fs.String("dsn", "", "the store")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := newServer(ctx, db)
	if err != nil {
		return err
	}
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, s.URL())
	<-ctx.Done()
	return s.Close()
}
