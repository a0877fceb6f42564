package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crosscase/http/server"

	"crosscase"
)

// loginCSRFCookie holds the double-submit token of the sign-in form: there
// is no session yet to derive a CSRF token from, so the form carries a
// random value that must equal this cookie's.
const loginCSRFCookie = "crosscase_login"

// loginFailedMessage is the same for an unknown user, a wrong password and
// a disabled account, so that the answer does not tell which.
const loginFailedMessage = "Wrong login name or password."

// unknownLoginName stands in the audit log for a name typed at sign-in
// that is no account's (it cannot be a login name).
const unknownLoginName = "(not an account)"

// loginFailedFloor is the least time a failed sign-in takes, so that an
// unknown name and a wrong password take about as long to refuse.
const loginFailedFloor = 300 * time.Millisecond

type loginPage struct {
	pageBase
	Name  string
	Next  string
	Token string
	// Error is why the last attempt failed, written in the reader's
	// language from its format (errorText).
	Error error
}

// handleLoginPage shows the sign-in form, or sends a signed-in user on.
func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if crosscase.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, "", next, nil)
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, name, next string, msg error) {
	tok := randomToken()
	http.SetCookie(w, &http.Cookie{
		Name: loginCSRFCookie, Value: tok, Path: "/login", MaxAge: 3600,
		HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode,
	})
	s.render(w, r, status, "login.html", &loginPage{
		pageBase: pageBase{Title: "Sign in"},
		Name:     name, Next: next, Token: tok, Error: msg,
	})
}

// handleLogin checks the credentials, starts a session and records the
// attempt in the audit log (the login name only, never the password).
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if crossSite(r) {
		s.Error(w, r, errCrossSite)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.Error(w, r, crosscase.Errorf(crosscase.EINVALID, "The sign-in form could not be read."))
		return
	}
	ctx := r.Context()
	name := strings.TrimSpace(r.PostForm.Get("name"))
	password := r.PostForm.Get("password")
	next := safeNext(r.PostForm.Get("next"))

	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostForm.Get("csrf_token"))) != 1 {
		s.renderLogin(w, r, http.StatusForbidden, name, next, crosscase.Errorf(crosscase.EFORBIDDEN,
			"The sign-in form has expired or did not come from this site. Your browser must accept cookies from this site; please try again."))
		return
	}

	actor := crosscase.ActorFromContext(ctx)
	// Throttled before the password is hashed, so that guessing costs the
	// server next to nothing (crosscase.SignInWait); an attempt let
	// through counts as a failure until the password proves right.
	ticket, secs, err := s.signInAttempt(w, r, name, "throttled")
	if err != nil {
		s.Error(w, r, err)
		return
	} else if secs > 0 {
		s.renderLogin(w, r, http.StatusTooManyRequests, name, next, crosscase.Errorf(crosscase.EFORBIDDEN, tooManySignIns, secs))
		return
	}
	start := time.Now()
	u, err := s.Users.Authenticate(ctx, name, password)
	if err != nil {
		if crosscase.ErrorCode(err) != crosscase.EUNAUTHORIZED {
			s.passSignIn(ctx, ticket) // not checked: no failure
			s.Error(w, r, err)
			return
		}
		wait(ctx, loginFailedFloor-time.Since(start))
		s.auditSignIn(ctx, name, actor, "")
		s.renderLogin(w, r, http.StatusUnauthorized, name, next, crosscase.Errorf(crosscase.EUNAUTHORIZED, loginFailedMessage))
		return
	}
	// With a second factor the session owes a code, and the failures are
	// forgotten only when it is given (second_factor.go).
	s.passSignIn(ctx, ticket)
	owesCode, err := s.SecondFactors.SecondFactorEnabled(ctx, u.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !owesCode {
		if err := s.SignIns.SignInSucceeded(ctx, name); err != nil {
			s.Logger.Error("forget failed sign-ins", "err", err)
		}
	}

	// A new session on every sign-in; an old one in this browser ends.
	if old, err := r.Cookie(server.SessionCookie); err == nil && old.Value != "" {
		_ = s.Sessions.DeleteSession(ctx, old.Value)
	}
	sess, value, err := s.Sessions.CreateSession(ctx, u.ID, server.SessionTTL)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var detail string
	if owesCode {
		detail = "second factor owed"
		if err := s.SecondFactors.SetSessionFactor(ctx, sess.ID, crosscase.SessionFactorPending); err != nil {
			_ = s.Sessions.DeleteSession(ctx, value)
			s.Error(w, r, err)
			return
		}
		next = secondFactorURL(next)
	}
	signedIn := *actor
	signedIn.User = u
	if err := s.Audit.RecordAudit(crosscase.NewContextWithActor(ctx, &signedIn), &crosscase.AuditEntry{
		Action: crosscase.ActionLogin, ObjectType: "session", ObjectID: sess.ID, Detail: detail,
		UserID: u.ID, UserName: u.Name, DeskID: u.DeskID, RemoteAddr: actor.RemoteAddr,
	}); err != nil {
		// What is not recorded does not happen.
		_ = s.Sessions.DeleteSession(ctx, value)
		s.Error(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: server.SessionCookie, Value: value, Path: "/",
		Expires: sess.ExpiresAt, MaxAge: int(server.SessionTTL.Seconds()),
		HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode,
	})
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: "", Path: "/login", MaxAge: -1,
		HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// auditSignIn records a failed or throttled attempt to sign in as name:
// the name as typed (clipped) when it is an account's, never the
// password.
func (s *Server) auditSignIn(ctx context.Context, name string, actor *crosscase.Actor, detail string) {
	// What was typed as the name is recorded only when it is an
	// account's: users type their password there too, and the log is
	// kept for good and read by administrators.
	logged := clipLoginName(name)
	if known, err := s.Users.LoginNameExists(ctx, name); err != nil || !known {
		logged = unknownLoginName
	}
	if err := s.Audit.RecordAudit(ctx, &crosscase.AuditEntry{
		Action: crosscase.ActionFailed, ObjectType: "session", Detail: detail,
		UserName: logged, RemoteAddr: actor.RemoteAddr,
	}); err != nil {
		s.Logger.Error("record failed sign-in", "err", err)
	}
}

// handleLogout ends the session, records it and returns to the sign-in page.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	var sessID int64
	if sess := server.SessionFromContext(ctx); sess != nil {
		sessID = sess.ID
	}
	if c, err := r.Cookie(server.SessionCookie); err == nil && c.Value != "" {
		if err := s.Sessions.DeleteSession(ctx, c.Value); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if err := s.Audit.RecordAudit(ctx, &crosscase.AuditEntry{
		Action: crosscase.ActionLogout, ObjectType: "session", ObjectID: sessID,
		UserID: u.ID, UserName: u.Name, DeskID: u.DeskID, RemoteAddr: s.ClientAddr(r),
	}); err != nil {
		s.Logger.Error("record sign-out", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: server.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	s.redirectFlash(w, r, "/login", "signed_out")
}

// safeNext returns next when it is a path on this site, "/" otherwise, so
// that the sign-in page cannot be used to send users elsewhere.
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	if u.Path == "/login" || u.Path == "/logout" {
		return "/"
	}
	return next
}

// clipLoginName keeps a typed login name short and printable for the
// audit log.
func clipLoginName(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i >= 64 {
			b.WriteString("…")
			break
		}
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wait sleeps for d, or until ctx ends.
func wait(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// tooManySignIns is the refusal of an attempt the throttle holds back,
// with the seconds to wait.
const tooManySignIns = "Too many failed sign-ins for this account or from this address. Try again in %d seconds."

// signInAttempt counts an attempt to sign in as name from the caller's
// address (crosscase.SignInThrottle) before its secret is checked. When
// the account or the address must wait, it audits the attempt held back
// with detail, sets Retry-After, and returns the seconds to wait (0 when
// the attempt may go on); the ticket is for passSignIn once the secret
// proves right.
func (s *Server) signInAttempt(w http.ResponseWriter, r *http.Request, name, detail string) (crosscase.SignInTicket, int, error) {
	ctx := r.Context()
	actor := crosscase.ActorFromContext(ctx)
	ticket, retry, err := s.SignIns.SignInAttempt(ctx, name, actor.RemoteAddr)
	if err != nil || retry <= 0 {
		return ticket, 0, err
	}
	s.auditSignIn(ctx, name, actor, detail)
	secs := int((retry + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	return ticket, secs, nil
}

// passSignIn takes back the failure that an attempt let through was
// counted as (crosscase.SignInThrottle): ticket is what SignInAttempt
// changed. It is done even when the client has gone meanwhile (during
// the password's hashing, say): its request's end does not cancel it.
func (s *Server) passSignIn(ctx context.Context, ticket crosscase.SignInTicket) {
	if err := s.SignIns.SignInPassed(context.WithoutCancel(ctx), ticket); err != nil {
		s.Logger.Error("take back a sign-in attempt", "err", err)
	}
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
