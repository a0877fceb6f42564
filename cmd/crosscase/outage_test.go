package main

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"crosscase/sqldb/sqldbtest"
)

// TestStoreOutage serves from PostgreSQL through a connection that the
// test cuts and restores: while the store cannot be reached, requests
// with a valid token answer 503 with Retry-After — never 401 or 404, so
// clients keep their tokens — the outage is logged once, and the same
// process answers again once the store is back, without a restart.
func TestStoreOutage(t *testing.T) {
	dsn := sqldbtest.NewPostgresDatabase(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := newCutProxy(t, u.Host)
	viaProxy := *u
	viaProxy.Host = p.addr
	store := []string{"--data", t.TempDir(), "--db", viaProxy.String()}

	base, out := serve(t, append([]string{"--demo"}, store...)...)
	tok, err := run(t, "", append([]string{"token", "create", "--user", "it.rossi"}, store...)...)
	if err != nil {
		t.Fatal(err, tok)
	}
	token := strings.TrimSpace(tok)
	get := func(path string) (int, http.Header) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, res.Header
	}
	if status, _ := get("/api/v1/cases"); status != 200 {
		t.Fatalf("before the outage: %d", status)
	}

	p.cut()
	for i, path := range []string{"/api/v1/cases", "/api/v1/me", "/api/v1/cases/1", "/api/v1/hits/count", "/api/v1/cases", "/api/v1/notifications"} {
		status, h := get(path)
		if status != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
			t.Errorf("request %d, GET %s while the store is down: %d (Retry-After %q), want 503 with Retry-After", i, path, status, h.Get("Retry-After"))
		}
	}
	if res, err := http.Get(base + "/healthz"); err != nil || res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz while the store is down: %v %v", res, err)
	}

	p.restore()
	deadline := time.Now().Add(20 * time.Second)
	for {
		status, _ := get("/api/v1/cases")
		if status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the outage: still %d", status)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if n := strings.Count(out.String(), "the store cannot be reached"); n != 1 {
		t.Errorf("the outage was logged %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out.String(), "the store can be reached again") {
		t.Errorf("the end of the outage was not logged:\n%s", out)
	}
}

// cutProxy forwards TCP connections to a server until cut: then it
// closes every connection and refuses new ones until restored.
type cutProxy struct {
	t      *testing.T
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	p := &cutProxy{t: t, target: target}
	p.listen("127.0.0.1:0")
	t.Cleanup(p.cut)
	return p
}

func (p *cutProxy) listen(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// cut closes the listener and every connection.
func (p *cutProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// restore listens again on the same address.
func (p *cutProxy) restore() { p.listen(p.addr) }

// TestStoreFailureIsNotABadToken: a store that answers with an error
// other than "unknown token" (here its tokens table is gone) is a failure
// of the server, 500, not a bad credential: clients keep their tokens.
func TestStoreFailureIsNotABadToken(t *testing.T) {
	dir := t.TempDir()
	base, _ := serve(t, "--demo", "--data", dir)
	tok, err := run(t, "", "token", "create", "--user", "it.rossi", "--data", dir)
	if err != nil {
		t.Fatal(err, tok)
	}
	me := func() int {
		req, _ := http.NewRequest("GET", base+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(tok))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if status := me(); status != http.StatusOK {
		t.Fatalf("before: %d", status)
	}
	db, err := openStoreFile(filepath.Join(dir, "crosscase.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`ALTER TABLE tokens RENAME TO tokens_gone`); err != nil {
		t.Fatal(err)
	}
	if status := me(); status != http.StatusInternalServerError {
		t.Fatalf("with the tokens table gone: %d, want 500", status)
	}
}
