// Package server is what crosscase's JSON API (package api) and pages
// (package web) share: the listener, the identification of the caller,
// the route guards, the mapping of errors to statuses (in exactly one
// function) and JSON. Every handler reads and writes through the domain
// services, which enforce need to know.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync/atomic"
	"time"

	"crosscase"
)

// Limits.
const (
	// MaxBodyBytes is the largest request body accepted (1 MiB).
	MaxBodyBytes = 1 << 20
	// MaxUploadBytes is the largest CSV file accepted for a bulk check or
	// an import (64 MiB, about 500,000 rows); larger lists go through
	// the command line.
	MaxUploadBytes = 64 << 20
	// MaxListFormBytes is the largest form that carries an uploaded list
	// back, as base64 in one of its fields, for its columns to be mapped
	// (the second step of the bulk check's page and of an import's): the
	// base64 of a file of MaxUploadBytes, and MaxBodyBytes for the
	// form's other fields, so that a file accepted at upload always
	// passes the mapping.
	MaxListFormBytes = (MaxUploadBytes+2)/3*4 + MaxBodyBytes
	// SessionTTL is how long a browser session lasts without signing in again.
	SessionTTL = 12 * time.Hour
	// SessionCookie is the name of the session cookie.
	SessionCookie = "crosscase_session"
)

// Server is the HTTP server of crosscase: built by New over the services,
// with the pages (package web) and the JSON API (package api) mounted on
// it, configured through its exported fields, then Open.
type Server struct {
	ln     net.Listener
	server *http.Server

	// Addr is the address to listen on, e.g. ":8080" or "127.0.0.1:0".
	Addr string
	// SecureCookies marks cookies Secure; set it when serving over TLS or
	// behind a TLS-terminating proxy.
	SecureCookies bool
	// PublicURL, when set, is the address users reach the site by
	// (scheme and host): passkeys are then made for its host name and
	// answered only on requests that came by it, whatever other names
	// reach the server. Unset, the host a request came by is used.
	PublicURL *url.URL
	// TrustedProxies are the proxies whose X-Forwarded-For is believed
	// for the client's address (audit log, sign-in throttle).
	TrustedProxies []netip.Prefix
	// RequireSecondFactor makes every user, not only administrators, set
	// up a second factor before using the pages (crosscase.NeedsSecondFactor).
	RequireSecondFactor bool
	// Logger receives request errors; internal details go here, never to users.
	Logger *slog.Logger

	// Services are every domain service, wired once: the store's
	// (sqldb.DB.Services) with the live hit check around them (hits.Wrap).
	crosscase.Services
	// EvidenceMax is the largest JIT evidence file accepted (0:
	// DefaultEvidenceMax).
	EvidenceMax int64
	// CheckRowsPerDay is how many names and identifiers (records) one
	// user checks a UTC day across their bulk checks, pages and API, a
	// row counting once for each (crosscase.ListCheckQuota; 0: no limit).
	// serve sets crosscase.DefaultListCheckRowsPerDay unless told.
	CheckRowsPerDay int
	// StreamHeartbeat is how often a live stream sends a comment and
	// checks again that its caller may have it (0: 15 s).
	StreamHeartbeat time.Duration
	// StreamWriteTimeout is how long a live stream waits for its client
	// to take a write before dropping it (0: 10 s).
	StreamWriteTimeout time.Duration

	// ErrorPage writes the error of a request outside /api as a page
	// (nil: as a problem document too).
	ErrorPage func(w http.ResponseWriter, r *http.Request, status int, err error)

	// mounts register the audiences' routes (Mount).
	mounts []func(*http.ServeMux)
	// outage is set while the store cannot be reached (logged once).
	outage atomic.Bool
	// streamsDone is closed when the server shuts down: live streams
	// end then instead of holding the shutdown up.
	streamsDone chan struct{}
	// frames are the encoded events of the live streams.
	frames sseFrames
}

// Clock is the time by which a page dates what it shows by itself
// (today's deadlines, a form's default day, the running JITs): the
// store's, so that a page and the rule it shows read one day.
func (s *Server) Clock() time.Time { return s.Store.Clock() }

// New returns a server over svc with no routes but the health check:
// mount the API and the pages on it (Mount) before Open. Every service
// must be set: a server missing one would answer for a capability it does
// not have.
func New(svc crosscase.Services) (*Server, error) {
	if err := svc.Complete(); err != nil {
		return nil, err
	}
	s := &Server{Services: svc, Logger: slog.Default(), streamsDone: make(chan struct{})}
	s.server = &http.Server{
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	s.server.RegisterOnShutdown(func() { close(s.streamsDone) })
	return s, nil
}

// Open starts listening on Addr and serving in the background.
func (s *Server) Open() (err error) {
	s.server.Handler = s.Handler()
	if s.ln, err = net.Listen("tcp", s.Addr); err != nil {
		return err
	}
	go func() {
		if err := s.server.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Logger.Error("serve", "err", err)
		}
	}()
	return nil
}

// Close stops the server, letting requests in flight finish for up to 10 s.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.server.Shutdown(ctx)
}

// Port returns the port the server listens on (useful with ":0").
func (s *Server) Port() int {
	if s.ln == nil {
		return 0
	}
	return s.ln.Addr().(*net.TCPAddr).Port
}

// URL returns the base URL of the running server.
func (s *Server) URL() string {
	return "http://127.0.0.1:" + itoa(s.Port())
}

// Mount adds an audience's routes: register is called with the server's
// mux each time the handler is built.
func (s *Server) Mount(register func(mux *http.ServeMux)) {
	s.mounts = append(s.mounts, register)
}

// Handler returns the server's routes: the health check here, and those of
// every mounted audience. Every route is guarded where it is registered.
//
// Three kinds of route: public ones (sign-in, health, static files, the
// API description), pages (need a browser session; state-changing forms
// also need the session's CSRF token) and API endpoints (need a bearer
// token). A JIT-only account reaches a page or endpoint only when its
// route is registered with JITMembers, a contact point only when it is
// registered with ContactPoints; every other one answers them 403.
// Signing in only identifies the caller: what the caller may see or
// change is decided by the services, in one place in the store.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	for _, register := range s.mounts {
		register(mux)
	}
	return s.withSecurityHeaders(s.withAddressLimit(s.withActor(mux)))
}

// MaxAddressLength is the longest request address (path and query) the
// server reads: longer ones answer 414 naming the query, as a problem for
// the API and as the error page for pages. Headers as a whole are limited
// to 64 KiB by the HTTP server itself, which answers 431 before any route.
const MaxAddressLength = 8 << 10

// withAddressLimit refuses a request whose address is longer than
// MaxAddressLength, before anyone is signed in or anything is read.
func (s *Server) withAddressLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) <= MaxAddressLength {
			next.ServeHTTP(w, r)
			return
		}
		err := &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "query",
			Message: "The address is longer than " + itoa(MaxAddressLength) + " characters: shorten the search or the filters."}
		if isAPI(r) || s.ErrorPage == nil {
			writeProblem(w, http.StatusRequestURITooLong, err.Code, err.Message, err.Field)
			return
		}
		s.ErrorPage(w, r, http.StatusRequestURITooLong, err)
	})
}
