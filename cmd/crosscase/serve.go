package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"crosscase"
	"crosscase/demo"
	"crosscase/evidence"
	"crosscase/hits"
	cchttp "crosscase/http"
	"crosscase/match"
	"crosscase/sqldb"
)

// runServe serves the web pages and API until ctx ends.
func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.newFlagSet("serve")
	sf := m.addStoreFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on: this machine only by default; :8080 for every interface")
	withDemo := fs.Bool("demo", false, "load the demo operations on first start and print their sign-ins")
	demoYear := fs.Int("demo-year", 0, "with --demo: also load the annual corpus of this year (e.g. 2024), whose statistics reproduce the annual report; about 10 s on first start")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (set when served over TLS or behind a TLS proxy)")
	proxies := fs.String("trusted-proxy", "", "comma-separated addresses or CIDR prefixes of proxies in front whose X-Forwarded-For gives the client's address (audit log, sign-in throttle)")
	publicURL := fs.String("public-url", "", "the address users reach the site by, e.g. https://crosscase.example.eu: passkeys are made for its name and answered only there (default: the name each request came by)")
	requireSecondFactor := fs.Bool("require-second-factor", false, "every user, not only administrators, must set up two-step sign-in (TOTP) before using the pages")
	thresholdSpec := fs.String("thresholds", "", "lowest score of a hit per entity kind, e.g. person=80,company=85 (default: person 80, company and ocg 85, identifiers 100)")
	snapshot := fs.String("index-snapshot", "", "file of the match index snapshot: read at start, written every 10 minutes and at exit (default DATA/match-index.snapshot on SQLite; none on PostgreSQL)")
	// JIT evidence files.
	evidenceDir := fs.String("evidence-dir", "", "folder of JIT evidence files (default DATA/evidence); with several serve processes on PostgreSQL, a folder they all share")
	evidenceMax := fs.String("evidence-max", "2GiB", "largest JIT evidence file accepted, e.g. 2GiB, 500MiB")
	checkRows := fs.Int("check-rows-per-day", crosscase.DefaultListCheckRowsPerDay, "names and identifiers one user may check a UTC day across their bulk checks, on the pages and the API, a row counting once for each it checks (0: no limit; the check command is not limited)")
	checkpoints := addCheckpointFlags(fs, "serve")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *checkRows < 0 {
		return errors.New("--check-rows-per-day must be 0 (no limit) or more")
	}
	maxEvidence, err := evidence.ParseSize(*evidenceMax)
	if err != nil {
		return fmt.Errorf("--evidence-max: %w", err)
	}
	if *evidenceDir == "" {
		*evidenceDir = filepath.Join(sf.Data, "evidence")
	}
	sf.Create = true // the first start makes the store
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.ensureAdministrator(ctx, db); err != nil {
		return err
	}
	stopCheckpoints, err := m.startCheckpoints(ctx, db, sf, checkpoints)
	if err != nil {
		return err
	}
	defer stopCheckpoints()
	if err := m.startEvidence(ctx, db, *evidenceDir); err != nil {
		return err
	}
	if *snapshot == "" && sf.URL == "" {
		*snapshot = filepath.Join(sf.Data, "match-index.snapshot")
	}
	thresholds, documentThreshold, err := parseThresholds(*thresholdSpec)
	if err != nil {
		return err
	}
	checker, err := m.startChecker(ctx, db, hits.Config{Thresholds: thresholds, DocumentThreshold: documentThreshold, Snapshot: *snapshot})
	if err != nil {
		return err
	}
	if *snapshot != "" {
		// Save at exit so that the next start is quick, with the saver
		// startChecker made (one save at a time).
		defer checker.AfterErase(context.Background())
	}
	// The one wiring: the store's services with the live hit check around
	// them. The demo loads through it too, so its entities are checked.
	svc := hits.Wrap(db.Services(), checker)
	if *withDemo {
		if err := demo.Load(systemContext(ctx), svc, 0, signInsFile(sf), m.Stdout, m.Stderr); err != nil {
			return err
		}
		if err := demo.DiscloseDemoHits(systemContext(ctx), svc); err != nil {
			return err
		}
		if *demoYear != 0 {
			if n, err := demo.LoadAnnual(systemContext(ctx), svc, *demoYear); err == nil {
				fmt.Fprintf(m.Stdout, "Annual corpus of %d loaded: %d cases.\n", *demoYear, n)
			} else if err != demo.ErrAlreadyLoaded {
				return err
			}
		}
	}
	s, err := cchttp.NewServer(svc)
	if err != nil {
		return err
	}
	s.EvidenceMax = maxEvidence
	s.CheckRowsPerDay = *checkRows
	s.Addr = *addr
	s.SecureCookies = *secure
	if s.PublicURL, err = parsePublicURL(*publicURL); err != nil {
		return err
	}
	if s.TrustedProxies, err = parseTrustedProxies(*proxies); err != nil {
		return err
	}
	s.RequireSecondFactor = *requireSecondFactor
	s.Logger = slog.New(slog.NewTextHandler(m.Stderr, nil))
	if err := s.Open(); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// Missed instrument time limits, every minute.
	go sweepDeadlines(ctx, db, time.Minute, s.Logger)
	// Personal data past their retention limit, every hour.
	go sweepRetention(ctx, svc.Retention, time.Hour, s.Logger)
	fmt.Fprintf(m.Stdout, "crosscase serving on %s (store: %s)\n", listening(*addr, s.Port()), db.Dialect())
	if m.OnListening != nil {
		m.OnListening(s.URL())
	}
	<-ctx.Done()
	fmt.Fprintln(m.Stdout, "crosscase: shutting down")
	return s.Close()
}

// listening says where serve listens: the URL of the address it was
// given, and, when that names no host, that every interface is served.
func listening(addr string, port int) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "0.0.0.0" || host == "::" {
		return fmt.Sprintf("http://127.0.0.1:%d and every network interface of this machine (--addr %s)", port, addr)
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port))
}

// startChecker makes the live hit check ready (hits.Open) and follows the
// store's entity feed until ctx ends, so that entities written through
// other processes are checked too.
func (m *Main) startChecker(ctx context.Context, db *sqldb.DB, cfg hits.Config) (*hits.Checker, error) {
	start := time.Now()
	cfg.Logger = slog.New(slog.NewTextHandler(m.Stderr, nil))
	c, from, err := hits.Open(ctx, db, db, cfg)
	if err != nil {
		return nil, err
	}
	path := cfg.Snapshot
	logger := c.Logger
	fmt.Fprintf(m.Stdout, "match index ready: %s from %s in %s\n", crosscase.Count{Format: "%d entities", N: int64(c.Index().Len())}, from, time.Since(start).Round(time.Millisecond))
	go c.Run(ctx, time.Second)
	if path != "" {
		save := snapshotSaver(path, c, logger)
		// A deletion of personal data under the retention rules rewrites
		// the snapshot at once (README, "Retention and review").
		c.AfterErase = save
		go every(ctx, 10*time.Minute, func() { save(ctx) })
	}
	return c, nil
}

// snapshotSaver returns the one function that writes c's index to path,
// one save at a time, so that a save begun before a deletion cannot
// replace the file written after it.
func snapshotSaver(path string, c *hits.Checker, logger *slog.Logger) func(ctx context.Context) {
	var mu sync.Mutex
	return func(ctx context.Context) {
		mu.Lock()
		defer mu.Unlock()
		if err := c.Index().SaveSnapshot(ctx, path); err != nil {
			logger.Error("save match index snapshot", "err", err)
		}
	}
}

// ensureAdministrator creates the first administrator on a store without
// users and prints its one-time password; there is never a fixed password.
func (m *Main) ensureAdministrator(ctx context.Context, db *sqldb.DB) error {
	ctx = systemContext(ctx)
	n, err := db.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	pw := generatePassword()
	u := &crosscase.User{Name: "admin", DisplayName: "Administrator", Role: crosscase.RoleAdministrator, MustChangePassword: true}
	if err := db.CreateUser(ctx, u, pw); err != nil {
		return fmt.Errorf("create first administrator: %w", err)
	}
	fmt.Fprintf(m.Stdout, "First start: created administrator %q with one-time password %s\n", u.Name, pw)
	fmt.Fprintln(m.Stdout, "It works until the first sign-in, which asks for a new password.")
	return nil
}

// generatePassword returns 20 random characters from an unambiguous alphabet.
func generatePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// parseThresholds reads "kind=score,…" over the default thresholds.
// parseThresholds reads --thresholds: kind=score pairs for the entity
// kinds, and document=score for the same-document hits (README, "Hits").
func parseThresholds(spec string) (match.Thresholds, int, error) {
	th, document := match.DefaultThresholds(), match.DefaultDocumentThreshold
	for _, pair := range strings.Split(spec, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		kind, score, ok := strings.Cut(pair, "=")
		n, err := strconv.Atoi(strings.TrimSpace(score))
		k := crosscase.EntityKind(strings.TrimSpace(kind))
		if !ok || err != nil || n < 1 || n > 100 || !k.Valid() && k != "document" {
			return nil, 0, fmt.Errorf("--thresholds: %q is not kind=score with a known kind (or document) and a score from 1 to 100", pair)
		}
		if k == "document" {
			document = n
			continue
		}
		th[k] = n
	}
	return th, document, nil
}

// every calls fn every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// parsePublicURL reads --public-url: an http or https URL with a host name
// and no path, query or user; "" is none.
func parsePublicURL(spec string) (*url.URL, error) {
	if spec == "" {
		return nil, nil
	}
	u, err := url.Parse(spec)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("--public-url: %q is not a site's address such as https://crosscase.example.eu", spec)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// parseTrustedProxies reads --trusted-proxy: addresses or CIDR prefixes,
// comma-separated.
func parseTrustedProxies(spec string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(spec, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxy: %q is neither an address nor a CIDR prefix", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
