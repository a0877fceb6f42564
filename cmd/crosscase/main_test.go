package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"crosscase/sqldb/sqldbtest"
)

// run runs the program with args and stdin, returning its output.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	err := m.Run(context.Background(), args)
	m.Close()
	return out.String(), err
}

// serve runs `crosscase serve` in the test's process on a random port
// and returns its URL and output; it stops when the test ends.
func serve(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	urls := make(chan string, 1)
	m := &Main{Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Getenv: func(string) string { return "" }, OnListening: func(u string) { urls <- u }}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case u := <-urls:
		return u, out
	case err := <-done:
		t.Fatalf("serve ended: %v\n%s", err, out.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start:\n%s", out.String())
	}
	return "", nil
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// api calls the JSON API with a bearer token.
func api(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v map[string]any
	json.NewDecoder(res.Body).Decode(&v)
	return res.StatusCode, v
}

func TestServeWithDemo(t *testing.T) {
	dir := t.TempDir()
	url, out := serve(t, "--data", dir, "--demo")
	if !regexp.MustCompile(`administrator "admin" with one-time password \S{20}`).MatchString(out.String()) {
		t.Fatalf("no one-time administrator password printed:\n%s", out)
	}
	if !strings.Contains(out.String(), "it.rossi") {
		t.Fatalf("demo sign-ins not printed:\n%s", out)
	}
	res, err := http.Get(url + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	// The CLI works on the store the server uses.
	tok, err := run(t, "", "token", "create", "--data", dir, "--user", "it.rossi")
	if err != nil {
		t.Fatal(err, tok)
	}
	token := strings.TrimSpace(tok)
	status, body := api(t, "GET", url+"/api/v1/cases?country=AL&q=drug", token, nil)
	items, _ := body["items"].([]any)
	if status != 200 || len(items) == 0 {
		t.Fatalf("Italy–Albania case not found: %d %v", status, body)
	}
	// A second start neither recreates the administrator nor reloads the demo.
	// The sign-ins are kept for their owner only, and every later start
	// names the file.
	signIns := filepath.Join(dir, "demo-sign-ins.txt")
	if fi, err := os.Stat(signIns); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("sign-ins file: %v %v", fi, err)
	}
	if b, _ := os.ReadFile(signIns); !regexp.MustCompile(`it\.rossi\s+desk_member\s+IT\s+\S{26}`).Match(b) {
		t.Errorf("sign-ins file lacks it.rossi:\n%s", b)
	}
	out2, err := run(t, "", "demo", "--data", dir)
	if err != nil || !strings.Contains(out2, "already loaded") || !strings.Contains(out2, "Demo sign-ins: "+signIns) {
		t.Fatalf("demo again: %v\n%s", err, out2)
	}
}

// TestDemoCommandHits loads the demo with `crosscase demo` and then
// serves it: the demo's hits are there as under `serve --demo` — the
// waiting one, the same-document one and the disclosed one — since the
// command writes through the same live hit check, and the index serve
// loads from the store checks nothing already stored.
func TestDemoCommandHits(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "", "demo", "--data", dir); err != nil {
		t.Fatal(err, out)
	}
	tok, err := run(t, "", "token", "create", "--data", dir, "--user", "it.rossi")
	if err != nil {
		t.Fatal(err, tok)
	}
	url, _ := serve(t, "--data", dir)
	status, body := api(t, "GET", url+"/api/v1/hits?limit=200", strings.TrimSpace(tok), nil)
	items, _ := body["items"].([]any)
	if status != 200 {
		t.Fatalf("hits: %d %v", status, body)
	}
	var got []string
	for _, it := range items {
		h := it.(map[string]any)
		got = append(got, fmt.Sprintf("%s %s %s %s", h["status"], h["kind"], h["match_kind"], h["other_country"]))
	}
	slices.Sort(got)
	want := []string{"disclosed iban  FR", "new person  DE", "new person same_document DE"}
	if !slices.Equal(got, want) {
		t.Fatalf("the Italian desk's hits after crosscase demo:\n got %q\nwant %q", got, want)
	}
}

// serve prints the address it listens on, and says so when that is every
// interface.
func TestListening(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080",
		"[::1]:8080":     "http://[::1]:8080",
		":8080":          "http://127.0.0.1:8080 and every network interface of this machine (--addr :8080)",
		"0.0.0.0:8080":   "http://127.0.0.1:8080 and every network interface",
	} {
		if got := listening(addr, 8080); !strings.HasPrefix(got, want) {
			t.Errorf("listening(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "", "migrate", "--data", dir); err != nil || !strings.Contains(out, "migrated") {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	// The first user must be created: the administrator comes with serve,
	// but the CLI can add users to a fresh store too.
	if out, err := run(t, "", "user", "add", "--data", dir, "--name", "root.admin", "--role", "administrator"); err != nil || !regexp.MustCompile(`password: \S{20}`).MatchString(out) {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if _, err := run(t, "", "demo", "--data", dir, "--cases", "50"); err != nil {
		t.Fatal(err)
	}
	// A desk from the command line, with a default name.
	if out, err := run(t, "", "desk", "add", "--data", dir, "--country", "nz", "--kind", "contact_point"); err != nil || !strings.Contains(out, "created desk New Zealand contact point") {
		t.Fatalf("desk add: %v\n%s", err, out)
	}
	if out, err := run(t, "", "desk", "add", "--data", dir, "--country", "NZ"); err == nil || !strings.Contains(err.Error(), "has a desk already") {
		t.Fatalf("a second desk for New Zealand: %v\n%s", err, out)
	}
	if _, err := run(t, "", "desk", "add", "--data", dir, "--country", "XX"); err == nil {
		t.Fatal("a desk for an unknown country was created")
	}
	if out, err := run(t, "", "user", "add", "--data", dir, "--desk", "NZ", "--role", "contact_point", "--name", "nz.smith"); err != nil {
		t.Fatalf("user on the new desk: %v\n%s", err, out)
	}
	if out, err := run(t, "a long enough password\n", "user", "add", "--data", dir, "--desk", "IT", "--name", "it.bianchi", "--password-stdin"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if out, err := run(t, "short\n", "user", "add", "--data", dir, "--desk", "IT", "--name", "it.verdi", "--password-stdin"); err == nil || !strings.Contains(out+err.Error(), "password") {
		t.Fatalf("short password accepted: %v\n%s", err, out)
	}
	if out, err := run(t, "", "user", "add", "--data", dir, "--country", "al", "--role", "jit_member", "--name", "jit.kola"); err != nil || !strings.Contains(out, "jit_member") {
		t.Fatalf("user add JIT member: %v\n%s", err, out)
	}
	if out, err := run(t, "", "user", "add", "--data", dir, "--role", "jit_member", "--name", "jit.nocountry"); err == nil || !strings.Contains(out+err.Error(), "country") {
		t.Fatalf("JIT member without a country: %v\n%s", err, out)
	}
	if _, err := run(t, "", "user", "add", "--data", dir, "--desk", "XX", "--name", "xx.nobody"); err == nil {
		t.Fatal("a user on an unknown desk was created")
	}
	if out, err := run(t, "", "token", "create", "--data", dir, "--user", "nobody"); err == nil {
		t.Fatalf("token for an unknown user: %s", out)
	}
	out, err := run(t, "", "audit", "verify", "--data", dir)
	if err != nil || !strings.Contains(out, "audit chain intact") {
		t.Fatalf("audit verify: %v\n%s", err, out)
	}
	// Tamper with entry 5 behind the store's back.
	db, err := openStoreFile(filepath.Join(dir, "crosscase.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`DROP TRIGGER audit_log_no_update`)
	if _, err := db.Exec(`UPDATE audit_log SET detail = 'forged' WHERE seq = 5`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err = run(t, "", "audit", "verify", "--data", dir)
	if err == nil || !strings.Contains(out+err.Error(), "5") {
		t.Fatalf("tampering not found: %v\n%s", err, out)
	}
	// A mistyped store path is refused, not taken for a new, empty store.
	typo := filepath.Join(dir, "no-such-store")
	for _, args := range [][]string{{"audit", "verify"}, {"audit", "checkpoint"}, {"token", "create", "--user", "it.bianchi"}, {"user", "add", "--desk", "IT", "--name", "it.nero"},
		{"desk", "add", "--country", "SE"}, {"report", "--year", "2024"}} {
		out, err := run(t, "", append(args, "--data", typo)...)
		if err == nil || !strings.Contains(out+err.Error(), "no store at") {
			t.Errorf("%v on a missing store: %v\n%s", args, err, out)
		}
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Errorf("a refused command created %s: %v", typo, err)
	}
	if _, err := run(t, "", "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}

// TestNoBench: the measuring commands are crosscase-bench's; the shipped
// binary answers them as it answers any unknown command.
func TestNoBench(t *testing.T) {
	for _, args := range [][]string{{"bench"}, {"bench", "match"}} {
		out, err := run(t, "", args...)
		if want := fmt.Sprintf("unknown command %q", strings.Join(args, " ")); err == nil || err.Error() != want {
			t.Errorf("%v: %v, want %s", args, err, want)
		}
		if strings.Contains(out, "bench") {
			t.Errorf("usage names bench:\n%s", out)
		}
	}
}

// TestCrashLosesNothingAcknowledged builds the binary and, on SQLite and
// on PostgreSQL, kills it with SIGKILL again and again while 8 clients
// create cases through the API: CROSSCASE_CRASH_CYCLES times (20 unless
// set; 100 and more for a longer run). After the last restart every case
// the server acknowledged (201) is there, no case is there twice, and the
// audit chain verifies.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	cycles := 20
	if v := os.Getenv("CROSSCASE_CRASH_CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("CROSSCASE_CRASH_CYCLES=%q", v)
		}
		cycles = n
	}
	const writers = 8
	bin := filepath.Join(t.TempDir(), "crosscase")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	eachStore(t, func(t *testing.T, name string, storeArgs []string) {
		if out, err := run(t, "", append([]string{"demo"}, storeArgs...)...); err != nil {
			t.Fatalf("demo: %v %s", err, out)
		}
		// A demo user: one added with 'user add' must first choose their
		// own password, and until then their token opens nothing.
		tok, err := run(t, "", append([]string{"token", "create", "--user", "it.rossi"}, storeArgs...)...)
		if err != nil {
			t.Fatal(err)
		}
		token := strings.TrimSpace(tok)

		acked := map[string]bool{}
		sent := 0
		for cycle := range cycles {
			cmd, url := startBinary(t, bin, storeArgs)
			var mu sync.Mutex
			var wg sync.WaitGroup
			stop := make(chan struct{})
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					client := &http.Client{Timeout: 5 * time.Second}
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						title := fmt.Sprintf("Crash test case %d-%d-%d", cycle, w, i)
						b, _ := json.Marshal(map[string]any{"title": title, "crime_types": []string{"cybercrime"}, "asked_countries": []string{"DE"}, "opened_on": "2025-05-13"})
						req, _ := http.NewRequest("POST", url+"/api/v1/cases", bytes.NewReader(b))
						req.Header.Set("Authorization", "Bearer "+token)
						req.Header.Set("Content-Type", "application/json")
						mu.Lock()
						sent++
						mu.Unlock()
						res, err := client.Do(req)
						if err != nil {
							return // the server is gone
						}
						io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if res.StatusCode == 201 {
							mu.Lock()
							acked[title] = true
							mu.Unlock()
						}
					}
				}()
			}
			time.Sleep(time.Duration(300+100*(cycle%5)) * time.Millisecond)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			close(stop)
			wg.Wait()
		}
		if len(acked) < cycles {
			t.Fatalf("only %d cases acknowledged in %d cycles", len(acked), cycles)
		}

		cmd, url := startBinary(t, bin, storeArgs)
		defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
		found := map[string]int{}
		cursor := ""
		for {
			status, body := api(t, "GET", url+"/api/v1/cases?limit=200&cursor="+cursor, token, nil)
			if status != 200 {
				t.Fatalf("list: %d %v", status, body)
			}
			items, _ := body["items"].([]any)
			for _, it := range items {
				found[it.(map[string]any)["title"].(string)]++
			}
			next, _ := body["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		for title := range acked {
			if found[title] == 0 {
				t.Errorf("acknowledged case %q lost in a crash", title)
			}
		}
		for title, n := range found {
			if n > 1 {
				t.Errorf("case %q stored %d times", title, n)
			}
		}
		out, err := run(t, "", append([]string{"audit", "verify"}, storeArgs...)...)
		if err != nil || !strings.Contains(out, "intact") {
			t.Fatalf("audit after the crashes: %v %s", err, out)
		}
		t.Logf("%s: %d SIGKILLs with %d writers; %d requests sent, %d acknowledged, all present after restart, none twice; audit chain intact",
			name, cycles, writers, sent, len(acked))
	})
}

// startBinary starts the built binary's serve on a free port and returns
// it with its URL once it listens.
func startBinary(t *testing.T, bin string, storeArgs []string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, storeArgs...)...)
	cmd.Env = append(os.Environ(), "CROSSCASE_DB=")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("server exited before listening")
			}
			if m := regexp.MustCompile(`serving on (\S+)`).FindStringSubmatch(l); m != nil {
				go func() {
					for range lines {
					}
				}()
				return cmd, m[1]
			}
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("server did not start")
		}
	}
}

func TestServeStartsFromSnapshot(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "", "demo", "--data", dir, "--cases", "20"); err != nil {
		t.Fatal(err, out)
	}
	t.Run("first", func(t *testing.T) {
		_, out := serve(t, "--data", dir)
		if !strings.Contains(out.String(), "from the store") {
			t.Fatalf("first start:\n%s", out)
		}
	})
	if _, err := os.Stat(filepath.Join(dir, "match-index.snapshot")); err != nil {
		t.Fatalf("no snapshot written at exit: %v", err)
	}
	tok, err := run(t, "", "token", "create", "--data", dir, "--user", "it.rossi")
	if err != nil {
		t.Fatal(err)
	}
	url, out := serve(t, "--data", dir)
	if !strings.Contains(out.String(), "from snapshot") {
		t.Fatalf("second start did not use the snapshot:\n%s", out)
	}
	status, _ := api(t, "GET", url+"/api/v1/cases", strings.TrimSpace(tok), nil)
	if status != 200 {
		t.Fatalf("server from snapshot answers %d", status)
	}
}

func TestParseThresholds(t *testing.T) {
	th, doc, err := parseThresholds("person=75, company=90, document=95")
	if err != nil || th["person"] != 75 || th["company"] != 90 || th["iban"] != 100 || doc != 95 {
		t.Fatalf("%v %d %v", th, doc, err)
	}
	for _, bad := range []string{"person", "person=0", "person=101", "spaceship=80", "person=high"} {
		if _, _, err := parseThresholds(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParsePublicURL(t *testing.T) {
	for spec, want := range map[string]string{"": "", "https://crosscase.example.eu": "https://crosscase.example.eu",
		"https://crosscase.example.eu/": "https://crosscase.example.eu", "http://localhost:8080": "http://localhost:8080"} {
		u, err := parsePublicURL(spec)
		if err != nil || (u == nil) != (want == "") || (u != nil && u.String() != want) {
			t.Errorf("%q: %v %v", spec, u, err)
		}
	}
	for _, bad := range []string{"crosscase.example.eu", "ftp://crosscase.example.eu", "https://", "https://crosscase.example.eu/app",
		"https://a:b@crosscase.example.eu", "https://crosscase.example.eu/?x=1", "https://crosscase.example.eu#top"} {
		if _, err := parsePublicURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// eachStore runs fn as a subtest on a new SQLite store and, when
// PostgreSQL is configured (always under CI=true), on a new PostgreSQL
// database; storeArgs are the flags that name the store.
func eachStore(t *testing.T, fn func(t *testing.T, name string, storeArgs []string)) {
	stores := map[string][]string{"sqlite": {"--data", t.TempDir()}}
	if _, required := sqldbtest.PostgresURL(); required || os.Getenv("CROSSCASE_TEST_POSTGRES") != "" {
		stores["postgres"] = []string{"--data", t.TempDir(), "--db", sqldbtest.NewPostgresDatabase(t)}
	}
	for name, storeArgs := range stores {
		t.Run(name, func(t *testing.T) { fn(t, name, storeArgs) })
	}
}

// serveDemo runs `crosscase serve --demo` on a new SQLite store and
// returns the program and the demo's sign-ins.
func serveDemo(t *testing.T) (*program, map[string]string) {
	storeArgs := []string{"--data", t.TempDir()}
	base, out := serve(t, append([]string{"--demo"}, storeArgs...)...)
	return &program{t: t, base: base, storeArgs: storeArgs}, demoLogins(t, out.String())
}

// ownCaseID returns the id of the one case of c's desk whose reference,
// title or summary contains q.
func (c *apiClient) ownCaseID(q string) int64 {
	c.p.t.Helper()
	var cases struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	c.call("GET", "/api/v1/cases?scope=owned&q="+url.QueryEscape(q), nil, 200, &cases)
	if len(cases.Items) != 1 {
		c.p.t.Fatalf("cases of the desk with %q: %+v", q, cases.Items)
	}
	return cases.Items[0].ID
}

// openStoreFile opens a SQLite store's file beside a running serve. The
// serve writes at start (its sweeps of missed time limits and retention
// limits) and whenever it records a token's use: this second connection
// waits for the write lock through a busy timeout, as the store's own
// connections do (README, "Configuration"), instead of failing at once
// with "database is locked" when they overlap.
func openStoreFile(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
}
