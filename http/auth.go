package http

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
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
		actor := &crosscase.Actor{RemoteAddr: s.clientAddr(r)}
		var err error
		if isAPI(r) {
			if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
				actor.User, err = s.Tokens.AuthenticateToken(ctx, strings.TrimPrefix(h, "Bearer "))
			}
		} else if c, cerr := r.Cookie(SessionCookie); cerr == nil && c.Value != "" {
			var sess *crosscase.Session
			if sess, actor.User, err = s.Sessions.FindSession(ctx, c.Value); err == nil {
				ctx = context.WithValue(ctx, sessionKey{}, sess)
				ctx = holdPendingSession(ctx, sess, actor)
			}
		}
		switch crosscase.ErrorCode(err) {
		case crosscase.EUNAVAILABLE:
			// A store that cannot be reached is not a bad credential: 503,
			// so that clients keep their tokens and sessions and retry.
			s.Error(w, r, err)
			return
		case "":
			if actor.User != nil {
				s.storeUp()
			}
		default:
			actor.User = nil // unknown, revoked or expired: anonymous
		}
		ctx = crosscase.NewContextWithActor(ctx, actor)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// route is how a page or endpoint is guarded, decided where it is
// registered (routes_web.go, routes_api.go).
type route struct {
	limit      int64 // the largest request body
	jitMembers bool  // JIT-only accounts may use it
}

// routeOption sets part of a route's guard.
type routeOption func(*route)

// jitMembers opens a route to JIT-only accounts (role jit_member): their
// JITs, their evidence, their own account and the dashboard, and the case
// endpoints that answer them through need to know as any caller without
// access (README, "Joint investigation teams"). Every route registered
// without it answers them 403, and the refusal is audited.
func jitMembers(r *route) { r.jitMembers = true }

// uploads lets a route take a CSV file or attachments of up to
// MaxUploadBytes instead of MaxBodyBytes.
func uploads(r *route) { r.limit = MaxUploadBytes }

// newRoute returns the guard of a route taking bodies of up to limit bytes.
func newRoute(limit int64, opts []routeOption) route {
	rt := route{limit: limit}
	for _, o := range opts {
		o(&rt)
	}
	return rt
}

// refuseJITMember answers 403 when a JIT-only account calls a route not
// open to it, and audits the refusal. It reports whether it did.
func (s *Server) refuseJITMember(w http.ResponseWriter, r *http.Request, rt route) bool {
	u := crosscase.UserFromContext(r.Context())
	if u == nil || u.Role != crosscase.RoleJITMember || rt.jitMembers {
		return false
	}
	_ = s.Audit.RecordAudit(r.Context(), &crosscase.AuditEntry{Action: crosscase.ActionRefuse, ObjectType: "route", Detail: crosscase.Clip(r.Pattern)})
	s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "A JIT member's account reaches only the JITs it is a member of."))
	return true
}

// requirePageUser sends callers without a session to the sign-in page and
// refuses state-changing requests without the session's CSRF token, or
// with a body over the route's limit.
func (s *Server) requirePageUser(h http.HandlerFunc, rt route) http.Handler {
	limit := rt.limit
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if crosscase.UserFromContext(r.Context()) == nil {
			if s.refusePending(w, r) {
				return
			}
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.Error(w, r, crosscase.Errorf(crosscase.EUNAUTHORIZED, "Your session has ended. Please sign in again."))
			return
		}
		if u := crosscase.UserFromContext(r.Context()); u.MustChangePassword && !passwordChangeAllowed(r) {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/account?change_password=1", http.StatusSeeOther)
				return
			}
			s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Choose your own password on the Account page first."))
			return
		}
		if s.requireSecondFactorSetUp(w, r) {
			return
		}
		if s.refuseJITMember(w, r, rt) {
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if crossSite(r) {
				s.Error(w, r, errCrossSite)
				return
			}
			if err := parseFormLimit(w, r, limit); err != nil {
				s.Error(w, r, err)
				return
			}
			if !s.validCSRF(r, r.PostFormValue("csrf_token")) {
				s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "The form has expired or did not come from this site. Reload the page and try again."))
				return
			}
			if err := setAuditReason(r, "reason", r.PostForm["reason"]); err != nil {
				s.Error(w, r, err)
				return
			}
		}
		h(w, r)
	})
}

// requireAPIUser refuses API callers without a valid bearer token, or
// with a body over the route's limit.
func (s *Server) requireAPIUser(h http.HandlerFunc, rt route) http.Handler {
	limit := rt.limit
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if crosscase.UserFromContext(r.Context()) == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="crosscase"`)
			s.Error(w, r, crosscase.Errorf(crosscase.EUNAUTHORIZED, "A valid API token is required (Authorization: Bearer …)."))
			return
		}
		if err := setAuditReason(r, "X-Crosscase-Reason", r.Header.Values("X-Crosscase-Reason")); err != nil {
			s.apiError(w, r, &requestError{status: http.StatusBadRequest, err: err})
			return
		}
		if s.refuseJITMember(w, r, rt) {
			return
		}
		if u := crosscase.UserFromContext(r.Context()); u.MustChangePassword && r.Pattern != "GET /api/v1/me" {
			// As on the pages: a password someone else chose opens nothing
			// until its owner chooses their own.
			s.apiError(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Choose your own password on the Account page first: the one you have was chosen by someone else."))
			return
		}
		if r.ContentLength > limit {
			s.apiError(w, r, bodyTooLarge(limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h(w, r)
	})
}

// errCrossSite refuses a form sent from another site.
var errCrossSite = crosscase.Errorf(crosscase.EFORBIDDEN, "The form did not come from this site.")

// crossSite reports whether the browser says a request comes from another
// site: a Sec-Fetch-Site other than same-origin or none, or else an Origin
// that is not the request's own host. Forms are refused on it before the
// CSRF token is even read (a second line behind the token).
func crossSite(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site != "same-origin" && site != "none"
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		return err != nil || u.Host != r.Host
	}
	return false
}

// setAuditReason gives the request's actor the reason the caller gave for
// it, for the audit log: the values of the API header or the page form
// field named field. Both are checked by crosscase.CheckAuditReason; more
// than one value is refused too.
func setAuditReason(r *http.Request, field string, values []string) *crosscase.Error {
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

// formMemoryBytes is how much of a multipart form is kept in memory while
// it is parsed; files beyond it are spooled to temporary files, which the
// server removes when the request ends.
const formMemoryBytes = 8 << 20

// bodyTooLarge is the error of a request body over limit bytes.
func bodyTooLarge(limit int64) error {
	return &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "body",
		Message: fmt.Sprintf("The request is larger than the limit of %s (%d bytes): send fewer or smaller files.", sizeText(limit), limit)}
}

// sizeText writes n bytes in MiB when it is a whole number of them.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// parseFormLimit parses the form of page request r, reading at most limit
// bytes of body: the one place where forms are parsed. A body over the
// limit is refused with a 413 naming it, whether the client announced its
// length (refused before reading) or not (refused when the limit is
// passed), rather than as a form whose CSRF token went missing.
func parseFormLimit(w http.ResponseWriter, r *http.Request, limit int64) error {
	if r.ContentLength > limit {
		return bodyTooLarge(limit)
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		err = r.ParseMultipartForm(formMemoryBytes)
	} else {
		err = r.ParseForm()
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return bodyTooLarge(limit)
	case err != nil:
		return crosscase.FieldErrorf("body", "The form could not be read: send it again from the page.")
	}
	return nil
}

// sessionFromContext returns the browser session of the request, or nil.
func sessionFromContext(ctx context.Context) *crosscase.Session {
	s, _ := ctx.Value(sessionKey{}).(*crosscase.Session)
	return s
}

// csrfToken returns the CSRF token for forms of the request's session:
// an HMAC of the session's secret key, so it needs no server-side state.
func csrfToken(r *http.Request) string {
	sess := sessionFromContext(r.Context())
	if sess == nil {
		return ""
	}
	m := hmac.New(sha256.New, []byte(sess.CSRFKey))
	m.Write([]byte("crosscase csrf"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *Server) validCSRF(r *http.Request, got string) bool {
	want := csrfToken(r)
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// clientAddr is the address a request comes from, for the audit log and
// the sign-in throttle: the peer's, or — when the peer is one of the
// server's trusted proxies — the nearest address in X-Forwarded-For that
// is not a trusted proxy (README, "Configuration", --trusted-proxy).
func (s *Server) clientAddr(r *http.Request) string {
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

// passwordChangeAllowed reports whether r is one of the few pages a user
// with a one-time password may use before choosing their own.
func passwordChangeAllowed(r *http.Request) bool {
	switch r.URL.Path {
	case "/account", "/account/password", "/logout":
		return true
	}
	return false
}
