package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"crosscase"
)

type sessionKey struct{}

// withActor identifies the caller, if any: a bearer token under /api, the
// session cookie elsewhere. It never refuses; the require* wrappers do.
func (s *Server) withActor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		actor := &crosscase.Actor{RemoteAddr: s.ClientAddr(r)}
		tok, sess, u, err := s.authenticate(r)
		if err == nil {
			actor.User = u
			if tok != nil {
				actor.TokenID = tok.ID
			}
			if sess != nil {
				actor.SessionID = sess.ID
				ctx = context.WithValue(ctx, sessionKey{}, sess)
				ctx = holdPendingSession(ctx, sess, actor)
			}
		}
		switch crosscase.ErrorCode(err) {
		case "":
			if actor.User != nil {
				s.storeUp()
			}
		case crosscase.EUNAUTHORIZED: // unknown, revoked or expired: anonymous
		default:
			// A store that cannot be reached or fails is not a bad
			// credential: 503 or 500, so that clients keep their tokens
			// and sessions and retry, and pages do not sign users out.
			s.Error(w, r, err)
			return
		}
		ctx = crosscase.NewContextWithActor(ctx, actor)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// authenticate checks r's credential: the bearer token under /api, the
// session cookie elsewhere. With neither, all it returns is nil.
func (s *Server) authenticate(r *http.Request) (tok *crosscase.Token, sess *crosscase.Session, u *crosscase.User, err error) {
	ctx := r.Context()
	if isAPI(r) {
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			tok, u, err = s.Tokens.AuthenticateToken(ctx, strings.TrimPrefix(h, "Bearer "))
		}
	} else if c, cerr := r.Cookie(SessionCookie); cerr == nil && c.Value != "" {
		sess, u, err = s.Sessions.FindSession(ctx, c.Value)
	}
	return tok, sess, u, err
}

// Route is how a page or endpoint is guarded, decided where it is
// registered (web/routes.go, api/routes.go).
type Route struct {
	Limit               int64 // the largest request body
	LargeFields         bool  // a field of its form, not only a file, may be as large as Limit
	OpenToJITMembers    bool  // JIT-only accounts may use it
	OpenToContactPoints bool  // contact points may use it
	// TakesQuery says the handler reads its query parameters itself
	// (ReadQuery, naming the ones it takes); a route without it refuses
	// any query parameter before the handler runs.
	TakesQuery bool
	// NoBody says a POST route takes no body; GET, HEAD and DELETE
	// routes take none either way. A body sent to such a route is
	// refused before the handler runs.
	NoBody bool
	// Authorize, when set, refuses a caller who may not use the route
	// before its body is read (AuthorizeFirst); the request it returns,
	// which may carry what it found, goes on to the handler.
	Authorize func(*http.Request) (*http.Request, error)
	// Roles, when set, is the role rule of the root package that says
	// which roles reach the route at all (ForRoles).
	Roles func(crosscase.Role) bool
}

// ForRoles has a route refuse, 403 with what the caller's role reaches
// (crosscase.Role.Reach), every role that rule leaves out — a statistics
// user opening a case list — where its pages would otherwise answer an
// empty list, a 404 or a refusal of their own. The rule is the one the
// navigation uses to show the route's link.
func ForRoles(rule func(crosscase.Role) bool) RouteOption {
	return func(r *Route) { r.Roles = rule }
}

// RouteOption sets part of a route's guard.
type RouteOption func(*Route)

// JITMembers opens a route to JIT-only accounts (role jit_member): their
// JITs, their evidence, their own account and the dashboard, and the case
// endpoints that answer them through need to know as any caller without
// access (README, "Joint investigation teams"). Every route registered
// without it answers them 403, and the refusal is audited.
func JITMembers(r *Route) { r.OpenToJITMembers = true }

// ContactPoints opens a route to contact points (role contact_point):
// their notices, their notifications, their own account, the dashboard
// and the directory of authorities (README, "Notices"). Every route registered without it
// answers them 403, and the refusal is audited.
func ContactPoints(r *Route) { r.OpenToContactPoints = true }

// QueryParams marks an API route whose handler takes query parameters and reads
// them with ReadQuery. Every other API route refuses a query parameter
// (400 naming it) before anything is read or done: an option a client
// believes it gave is never silently ignored (README, "JSON API").
func QueryParams(r *Route) { r.TakesQuery = true }

// NoBody marks a POST API route that takes no body (an acknowledgement,
// a reset): a body sent to it, as to any GET or DELETE, is refused, 400
// naming body, so that what a client put in it (a reason for the audit
// log, a password) is never silently dropped.
func NoBody(r *Route) { r.NoBody = true }

// TakesNoBody reports whether a request of method to the route must come
// without a body.
func (rt Route) TakesNoBody(method string) bool {
	return rt.NoBody || method == http.MethodGet || method == http.MethodHead || method == http.MethodDelete
}

// Uploads lets a route take a CSV file or attachments of up to
// MaxUploadBytes instead of MaxBodyBytes.
func Uploads(r *Route) { r.Limit = MaxUploadBytes }

// ListForms lets a page route take the form that carries an uploaded
// list back as base64 for its columns to be mapped: a body of up to
// MaxListFormBytes, whose field holding the file may be that large.
func ListForms(r *Route) { r.Limit, r.LargeFields = MaxListFormBytes, true }

// AuthorizeFirst has a page route taking large bodies (Uploads,
// ListForms) refuse a caller who may not use it (f's error) before the
// body is read: a signed-in user who may not change the case, or check a
// list, costs the server no more than a request without a body.
func AuthorizeFirst(f func(*http.Request) (*http.Request, error)) RouteOption {
	return func(r *Route) { r.Authorize = f }
}

// NewRoute returns the guard of a route taking bodies of up to limit bytes.
func NewRoute(limit int64, opts []RouteOption) Route {
	rt := Route{Limit: limit}
	for _, o := range opts {
		o(&rt)
	}
	return rt
}

// RefuseNarrowAccount answers 403 when a JIT-only account or a contact
// point calls a route not open to it, or a role the route's rule leaves
// out calls it (ForRoles), saying what the role reaches
// (crosscase.Role.Reach), and audits the refusal. It reports whether it
// did.
func (s *Server) RefuseNarrowAccount(w http.ResponseWriter, r *http.Request, rt Route) bool {
	u := crosscase.UserFromContext(r.Context())
	switch {
	case u == nil:
		return false
	case u.Role.JITOnly() && !rt.OpenToJITMembers:
	case u.Role.NoticesOnly() && !rt.OpenToContactPoints:
	case rt.Roles != nil && !rt.Roles(u.Role):
	default:
		return false
	}
	_ = s.Audit.RecordAudit(r.Context(), &crosscase.AuditEntry{Action: crosscase.ActionRefuse, ObjectType: "route", Detail: crosscase.Clip(r.Pattern)})
	s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "%s", u.Role.Reach()))
	return true
}

// SetAuditReason gives the request's actor the reason the caller gave for
// it, for the audit log: the values of the API header or the page form
// field named field. Both are checked by crosscase.CheckAuditReason; more
// than one value is refused too.
func SetAuditReason(r *http.Request, field string, values []string) *crosscase.Error {
	var reason string
	switch len(values) {
	case 0:
	case 1:
		reason = values[0]
	default:
		return &crosscase.Error{Code: crosscase.EINVALID, Field: field, Message: "Give one reason."}
	}
	if err := crosscase.CheckAuditReason(field, reason); err != nil {
		var e *crosscase.Error
		errors.As(err, &e)
		return e
	}
	if a := crosscase.ActorFromContext(r.Context()); a != nil {
		a.Reason = reason
	}
	return nil
}

// BodyTooLarge is the error of a request body over limit bytes.
func BodyTooLarge(limit int64) error {
	return crosscase.Errorf(crosscase.ETOOLARGE, "The request is larger than the limit of %s (%d bytes): send fewer or smaller files.", sizeText(limit), limit).WithField("body")
}

// sizeText writes n bytes in MiB when it is a whole number of them.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// SessionFromContext returns the browser session of the request, or nil.
func SessionFromContext(ctx context.Context) *crosscase.Session {
	s, _ := ctx.Value(sessionKey{}).(*crosscase.Session)
	return s
}

// ClientAddr is the address a request comes from, for the audit log and
// the sign-in throttle: the peer's, or — when the peer is one of the
// server's trusted proxies — the nearest address in X-Forwarded-For that
// is not a trusted proxy (README, "Configuration", --trusted-proxy).
func (s *Server) ClientAddr(r *http.Request) string {
	return clientAddress(r.RemoteAddr, r.Header.Values("X-Forwarded-For"), s.TrustedProxies)
}

// clientAddress reads the client's address from the peer address and the
// X-Forwarded-For headers, trusting the headers only as far as they were
// written by trusted proxies: from the right, each address added by a
// trusted hop is skipped, and the first one that is not trusted is the
// client (an address a client wrote itself further left is ignored).
func clientAddress(peer string, forwarded []string, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(peer)
	if err != nil {
		host = peer
	}
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !isTrusted(addr) {
		return host
	}
	var hops []string
	for _, h := range forwarded {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return addr.String() // a hop that is not an address: trust nothing beyond it
		}
		if !isTrusted(a) {
			return a.Unmap().String()
		}
		addr = a
	}
	return addr.String()
}

// withSecurityHeaders sets headers every response carries.
func (s *Server) withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}

type pendingKey struct{}

// holdPendingSession keeps the user of a session still owing its second
// factor out of the actor: the request goes on as anonymous, the user
// known only to the code form.
func holdPendingSession(ctx context.Context, sess *crosscase.Session, actor *crosscase.Actor) context.Context {
	if sess.Factor != crosscase.SessionFactorPending || actor.User == nil {
		return ctx
	}
	ctx = context.WithValue(ctx, pendingKey{}, actor.User)
	actor.User = nil
	return ctx
}

// PendingUser returns the user of a session still owing its second
// factor, or nil.
func PendingUser(ctx context.Context) *crosscase.User {
	u, _ := ctx.Value(pendingKey{}).(*crosscase.User)
	return u
}
