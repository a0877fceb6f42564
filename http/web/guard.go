package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

// requirePageUser sends callers without a session to the sign-in page and
// refuses state-changing requests without the session's CSRF token, or
// with a body over the route's limit.
func (s *Server) requirePageUser(h http.HandlerFunc, rt server.Route) http.Handler {
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
		if s.RefuseNarrowAccount(w, r, rt) {
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if crossSite(r) {
				s.refuseUnread(w, r, errCrossSite)
				return
			}
			if rt.Authorize != nil {
				// Before the body is read: whoever may not use the
				// route costs no more than an empty request.
				ar, err := rt.Authorize(r)
				if err != nil {
					s.refuseUnread(w, r, err)
					return
				}
				r = ar
			}
			if rt.LargeFields {
				select {
				case s.largeForms <- struct{}{}:
					defer func() { <-s.largeForms }()
				default:
					w.Header().Set("Retry-After", "10")
					s.refuseUnread(w, r, errLargeFormsBusy)
					return
				}
			}
			if err := parseFormLimit(w, r, rt); err != nil {
				s.Error(w, r, err)
				return
			}
			if !s.validCSRF(r, r.PostFormValue("csrf_token")) {
				s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "The form has expired or did not come from this site. Reload the page and try again."))
				return
			}
			if err := server.SetAuditReason(r, "reason", r.PostForm["reason"]); err != nil {
				s.Error(w, r, err)
				return
			}
		}
		h(w, r)
	})
}

// refuseUnread answers a form refused before its body is read, and closes
// the connection after the answer: the server would otherwise read up to
// 256 KiB of a body it does not want before answering, and wait for a
// client that sends its body slowly.
func (s *Server) refuseUnread(w http.ResponseWriter, r *http.Request, err error) {
	w.Header().Set("Connection", "close")
	s.Error(w, r, err)
}

// errLargeFormsBusy answers a list form while maxLargeForms others are
// being read.
var errLargeFormsBusy = crosscase.Errorf(crosscase.ETOOMANY, "The server is reading other long lists at this moment: send this one again in a few seconds.").WithField("body")

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

// csrfToken returns the CSRF token for forms of the request's session:
// an HMAC of the session's secret key, so it needs no server-side state.
func csrfToken(r *http.Request) string {
	sess := server.SessionFromContext(r.Context())
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

// passwordChangeAllowed reports whether r is one of the few pages a user
// with a one-time password may use before choosing their own.
func passwordChangeAllowed(r *http.Request) bool {
	switch r.URL.Path {
	case "/account", "/account/password", "/logout":
		return true
	}
	return false
}

// requirePageUserEvidence is requirePageUser for the evidence upload
// form: its body may be as large as the evidence limit, and it is not
// parsed here (that would spool the file), so the handler checks the
// CSRF token, the form's first part.
func (s *Server) requirePageUserEvidence(h http.HandlerFunc, rt server.Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if crosscase.UserFromContext(r.Context()) == nil {
			if s.refusePending(w, r) {
				return
			}
			s.Error(w, r, crosscase.Errorf(crosscase.EUNAUTHORIZED, "Your session has ended. Please sign in again."))
			return
		}
		if crosscase.UserFromContext(r.Context()).MustChangePassword {
			s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Choose your own password on the Account page first."))
			return
		}
		if s.requireSecondFactorSetUp(w, r) {
			return
		}
		if s.RefuseNarrowAccount(w, r, rt) {
			return
		}
		if crossSite(r) {
			s.Error(w, r, errCrossSite)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.EvidenceLimit()+1<<20)
		h(w, r)
	})
}

// formMemoryBytes is how much of a multipart form is kept in memory while
// it is parsed; files beyond it are spooled to temporary files, which the
// server removes when the request ends.
const formMemoryBytes = 8 << 20

// parseFormLimit parses the form of page request r, reading at most
// rt.Limit bytes of body: the one place where forms are parsed. A body
// over the limit is refused with a 413 naming it, whether the client
// announced its length (refused before reading) or not (refused when the
// limit is passed), rather than as a form whose CSRF token went missing.
// A multipart form keeps its fields in memory, up to formMemoryBytes and
// 10 MiB more in all; a route whose fields may be larger
// (rt.LargeFields: a list carried back as base64) may keep up to its
// limit.
func parseFormLimit(w http.ResponseWriter, r *http.Request, rt server.Route) error {
	limit := rt.Limit
	if r.ContentLength > limit {
		return server.BodyTooLarge(limit)
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		memory := int64(formMemoryBytes)
		if rt.LargeFields {
			memory = limit
		}
		err = r.ParseMultipartForm(memory)
	} else {
		err = r.ParseForm()
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return server.BodyTooLarge(limit)
	case err != nil:
		return crosscase.FieldErrorf("body", "The form could not be read: send it again from the page.")
	}
	unixNewlines(r.Form)
	unixNewlines(r.PostForm)
	if r.MultipartForm != nil {
		unixNewlines(r.MultipartForm.Value)
	}
	return nil
}

// unixNewlines writes each line break of v's values as "\n": a browser
// sends a text area's line breaks as "\r\n", and a text kept as the page
// sent it would differ from the same text given through the JSON API,
// and a form saved unchanged would count as a change (README, JSON API).
func unixNewlines(v map[string][]string) {
	for _, vs := range v {
		for i, s := range vs {
			if strings.Contains(s, "\r\n") {
				vs[i] = strings.ReplaceAll(s, "\r\n", "\n")
			}
		}
	}
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// refusePending answers a request of a session owing its second factor:
// pages send it to the code form, anything else is 403. It reports
// whether it did.
func (s *Server) refusePending(w http.ResponseWriter, r *http.Request) bool {
	if server.PendingUser(r.Context()) == nil {
		return false
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, secondFactorURL(r.URL.RequestURI()), http.StatusSeeOther)
		return true
	}
	s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Give the code of your second factor first."))
	return true
}

// requireSecondFactorSetUp sends a signed-in user who needs a second
// factor and has not given one in this session to set it up (or, when it
// was set up in another session meanwhile, to give a code). It reports
// whether it answered.
func (s *Server) requireSecondFactorSetUp(w http.ResponseWriter, r *http.Request) bool {
	ctx := r.Context()
	u, sess := crosscase.UserFromContext(ctx), server.SessionFromContext(ctx)
	if u == nil || sess == nil || sess.Factor == crosscase.SessionFactorVerified ||
		!crosscase.NeedsSecondFactor(u, s.RequireSecondFactor) || secondFactorSetupAllowed(r) {
		return false
	}
	on, err := s.SecondFactors.SecondFactorEnabled(ctx, u.ID)
	if err != nil {
		s.Error(w, r, err)
		return true
	}
	if on {
		// Set up in another session: this one owes a code too.
		if err := s.SecondFactors.SetSessionFactor(ctx, sess.ID, crosscase.SessionFactorPending); err != nil {
			s.Error(w, r, err)
			return true
		}
		if r.Method == http.MethodGet {
			http.Redirect(w, r, secondFactorURL(r.URL.RequestURI()), http.StatusSeeOther)
			return true
		}
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Give the code of your second factor first."))
		return true
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/account?second_factor=1#second-factor", http.StatusSeeOther)
		return true
	}
	s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Set up two-step sign-in on the Account page first."))
	return true
}

// secondFactorSetupAllowed reports whether r is one of the few pages a
// user who must set up a second factor may use before doing so.
func secondFactorSetupAllowed(r *http.Request) bool {
	switch r.URL.Path {
	case "/account", "/account/password", "/account/second-factor", "/account/second-factor/confirm", "/logout":
		return true
	}
	return false
}
