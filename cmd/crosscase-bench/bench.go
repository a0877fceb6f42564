package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"crosscase"
	"crosscase/hits"
	cchttp "crosscase/http"
	"crosscase/http/server"
	"crosscase/sqldb"
)

// runBench measures the whole system — HTTP server, services, store —
// through real HTTP on loopback against a loaded store (crosscase demo
// --cases N): case page and filtered case list latency, create-case
// throughput through the API (each with its audit entry), and the raw
// driver insert rate on the same machine, so our overhead is a ratio.
func (m *Main) runBench(ctx context.Context, args []string) error {
	fs := m.newFlagSet("crosscase-bench")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage, "\nFlags of crosscase-bench:\n")
		fs.PrintDefaults()
	}
	sf := &sqldb.Location{}
	sf.AddFlags(fs, m.Getenv)
	userName := fs.String("user", "", "desk member to act as (default: a member of the desk with most cases)")
	requests := fs.Int("requests", 2000, "requests per latency measurement")
	creates := fs.Int("creates", 3000, "cases to create through the API")
	conc := fs.Int("concurrency", 4, "concurrent clients for the create-case measurement")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	cpEvery := fs.Duration("checkpoint-every", 5*time.Minute, "checkpoint the audit log as serve does, at start and at this interval (0: not at all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	db, err := sqldb.OpenMigrated(ctx, *sf)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := crosscase.SystemContext(ctx)

	u, err := benchUser(sys, db, *userName)
	if err != nil {
		return err
	}
	_, sessionCookie, err := db.CreateSession(sys, u.ID, time.Hour)
	if err != nil {
		return err
	}
	_, token, err := db.CreateToken(sys, u.ID, "bench")
	if err != nil {
		return err
	}
	s, err := newServer(ctx, db)
	if err != nil {
		return err
	}
	s.Addr = "127.0.0.1:0"
	s.Logger = slog.New(slog.DiscardHandler)
	if err := s.Open(); err != nil {
		return err
	}
	defer s.Close()
	base := s.URL()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	// Visible case ids to read, collected through the API as the user.
	ids, err := benchCaseIDs(ctx, client, base, token, 2000)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return fmt.Errorf("user %s sees no cases: load data first with 'crosscase demo --cases N'", u.Name)
	}
	fmt.Fprintf(m.Stdout, "store %s; acting as %s (desk %s); %d visible case ids sampled\n", db.Dialect(), u.Name, u.DeskCountry, len(ids))

	rng := rand.New(rand.NewPCG(1, 2))
	page := func() (string, error) {
		return "/cases/" + fmt.Sprint(ids[rng.IntN(len(ids))]), nil
	}
	countries := []string{"IT", "DE", "FR", "ES", "NL", "BE", "PL", "RO", "AL", "GB", "CH", "UA"}
	crimes := crosscase.CrimeTypes()
	list := func() (string, error) {
		q := url.Values{}
		q.Set("country", countries[rng.IntN(len(countries))])
		q.Set("crime_type", crimes[rng.IntN(3)].Code)
		if rng.IntN(2) == 0 {
			q.Set("status", "open")
		}
		if rng.IntN(3) == 0 {
			q.Set("opened_from", fmt.Sprintf("%d-01-01", 2016+rng.IntN(8)))
		}
		return "/cases?" + q.Encode(), nil
	}
	for _, t := range []struct {
		name string
		next func() (string, error)
	}{{"case page (GET /cases/{id}, HTML with entities)", page}, {"filtered case list (GET /cases?country&crime_type&…)", list}} {
		lat, err := benchLatency(ctx, client, base, sessionCookie, *requests, t.next)
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		fmt.Fprintf(m.Stdout, "%-55s n=%d p50=%s p95=%s p99=%s max=%s\n", t.name, len(lat),
			pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[len(lat)-1].Round(time.Microsecond))
	}

	checkpoints := func() (int, time.Duration) { return 0, 0 }
	if *cpEvery > 0 {
		count, stop, err := startCheckpoints(ctx, db, sf, *cpEvery)
		if err != nil {
			return fmt.Errorf("audit checkpoints: %w", err)
		}
		defer stop()
		checkpoints = count
	}
	before, _ := checkpoints()
	rate, err := benchCreate(ctx, client, base, token, *creates, *conc)
	if err != nil {
		return fmt.Errorf("create case: %w", err)
	}
	fmt.Fprintf(m.Stdout, "%-55s n=%d concurrency=%d rate=%.0f/s\n", "create case (POST /api/v1/cases, with audit entry)", *creates, *conc, rate)
	if *cpEvery > 0 {
		n, mean := checkpoints()
		fmt.Fprintf(m.Stdout, "%-55s every %s: %d during the creates, %s each\n", "audit checkpoints (signed, in the log and the file)", *cpEvery, n-before, mean.Round(time.Microsecond))
	}

	raw, err := benchRawInsert(ctx, db, sf, *creates, *conc)
	if err != nil {
		return fmt.Errorf("raw insert: %w", err)
	}
	fmt.Fprintf(m.Stdout, "%-55s n=%d concurrency=%d rate=%.0f/s\n", "raw driver insert (one row per transaction)", *creates, *conc, raw)
	fmt.Fprintf(m.Stdout, "overhead: create case through the whole stack runs at %.1f%% of the raw insert rate\n", 100*rate/raw)
	return nil
}

// benchUser returns the named user, or a desk member of the desk owning most cases.
func benchUser(ctx context.Context, db *sqldb.DB, name string) (*crosscase.User, error) {
	if name != "" {
		return db.FindUserByName(ctx, name)
	}
	users, err := db.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	prefer := []string{"IT", "DE", "FR", "ES"}
	for _, cc := range prefer {
		for _, u := range users {
			if u.Role == crosscase.RoleDeskMember && u.DeskCountry == cc && !u.Disabled {
				return u, nil
			}
		}
	}
	for _, u := range users {
		if u.Role == crosscase.RoleDeskMember && !u.Disabled {
			return u, nil
		}
	}
	return nil, fmt.Errorf("no desk member to act as: run 'crosscase demo' first")
}

func benchCaseIDs(ctx context.Context, c *http.Client, base, token string, max int) ([]int64, error) {
	var ids []int64
	cursor := ""
	for len(ids) < max {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/cases?limit=200&cursor="+url.QueryEscape(cursor), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		var page struct {
			Items      []struct{ ID int64 } `json:"items"`
			NextCursor string               `json:"next_cursor"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			return nil, fmt.Errorf("list cases: status %d: %v", resp.StatusCode, err)
		}
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	return ids, nil
}

// benchLatency issues n sequential GETs with the session cookie and
// returns their sorted latencies (a warm-up of n/10 is not counted).
func benchLatency(ctx context.Context, c *http.Client, base, cookie string, n int, next func() (string, error)) ([]time.Duration, error) {
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n+n/10; i++ {
		p, _ := next()
		req, _ := http.NewRequestWithContext(ctx, "GET", base+p, nil)
		req.AddCookie(&http.Cookie{Name: "crosscase_session", Value: cookie})
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d := time.Since(start)
		if resp.StatusCode != 200 {
			return nil, fmt.Errorf("GET %s: status %d", p, resp.StatusCode)
		}
		if i >= n/10 {
			lat = append(lat, d)
		}
	}
	slices.Sort(lat)
	return lat, nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i > 0 {
		i--
	}
	return sorted[i].Round(time.Microsecond)
}

// ratePerSecond runs op for i = 1..n on conc goroutines and returns how
// many ops completed per second, or the first error.
func ratePerSecond(n, conc int, op func(i int64) error) (float64, error) {
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				if err := op(i); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// benchCreate creates n cases through the API with conc clients and returns cases per second.
func benchCreate(ctx context.Context, c *http.Client, base, token string, n, conc int) (float64, error) {
	return ratePerSecond(n, conc, func(i int64) error {
		body, _ := json.Marshal(map[string]any{
			"title":           fmt.Sprintf("Benchmark case %d", i),
			"summary":         "Created by crosscase-bench to measure create-case throughput.",
			"asked_countries": []string{"DE", "NL"},
			"crime_types":     []string{"drug_trafficking"},
			"opened_on":       "2025-05-13",
		})
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/cases", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	})
}

// benchRawInsert inserts n rows like a case row, one per transaction,
// straight through the driver with the store's durability settings, into
// a scratch table (PostgreSQL) or a scratch file beside the store (SQLite).
func benchRawInsert(ctx context.Context, db *sqldb.DB, sf *sqldb.Location, n, conc int) (float64, error) {
	var conn *sql.DB
	var err error
	ph := func(i int) string { return "?" }
	if db.Dialect() == "postgres" {
		conn, err = sql.Open("pgx", sf.URL)
		ph = func(i int) string { return fmt.Sprintf("$%d", i) }
	} else {
		path := filepath.Join(sf.Data, "bench-raw.db")
		defer os.Remove(path)
		defer os.Remove(path + "-wal")
		defer os.Remove(path + "-shm")
		conn, err = sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate")
		conn.SetMaxOpenConns(1)
	}
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS bench_raw_insert`); err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE bench_raw_insert (id BIGINT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL, opened_on TEXT NOT NULL)`); err != nil {
		return 0, err
	}
	defer conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS bench_raw_insert`)
	q := "INSERT INTO bench_raw_insert (id, title, summary, opened_on) VALUES (" + strings.Join([]string{ph(1), ph(2), ph(3), ph(4)}, ", ") + ")"
	return ratePerSecond(n, conc, func(i int64) error {
		_, err := conn.ExecContext(ctx, q, i, fmt.Sprintf("Benchmark case %d", i), "Created by crosscase-bench to measure create-case throughput.", "2025-05-13")
		return err
	})
}

// newServer returns an HTTP server over every service of db with the live
// hit check around them, set up as serve sets it up by default.
func newServer(ctx context.Context, db *sqldb.DB) (*server.Server, error) {
	c, _, err := hits.Open(ctx, db, db, hits.DefaultConfig())
	if err != nil {
		return nil, err
	}
	return cchttp.NewServer(hits.Wrap(db.Services(), c))
}
