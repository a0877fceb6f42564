package web

import (
	"errors"
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// Two-step sign-in (README, "Who sees what"). A session whose user has a
// second factor starts pending: its user is not the request's actor, so
// that nothing but the code form (/login/second-factor) answers it. A user
// who needs a second factor (crosscase.NeedsSecondFactor) and has none is
// sent to the Account page to set it up before any other page opens.

// secondFactorURL is the code form, returning to next.
func secondFactorURL(next string) string {
	return "/login/second-factor?next=" + urlQueryEscape(next)
}

type secondFactorPage struct {
	pageBase
	Name string
	Next string
	// Error is why the last attempt failed, written in the reader's
	// language from its format (errorText).
	Error error
	// Passkeys says the user has passkeys: the page offers one.
	Passkeys bool
}

func (s *Server) renderSecondFactor(w http.ResponseWriter, r *http.Request, status int, u *crosscase.User, next string, msg error) {
	keys, err := s.SecondFactors.Passkeys(r.Context(), u.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "second_factor.html", &secondFactorPage{
		pageBase: pageBase{Title: "Two-step sign-in"}, Name: u.Name, Next: next, Error: msg, Passkeys: len(keys) > 0,
	})
}

// handleSecondFactorPage shows the code form to a session owing it.
func (s *Server) handleSecondFactorPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	u := server.PendingUser(r.Context())
	if u == nil {
		target := next
		if crosscase.UserFromContext(r.Context()) == nil {
			target = "/login?next=" + urlQueryEscape(next)
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	s.renderSecondFactor(w, r, http.StatusOK, u, next, nil)
}

// pendingForm reads the form of a session owing the second step, as every
// form is read (cross-site refused, size limited, CSRF token checked). It
// answers the request itself and reports false when it may not go on.
func (s *Server) pendingForm(w http.ResponseWriter, r *http.Request) (*crosscase.User, *crosscase.Session, bool) {
	ctx := r.Context()
	u, sess := server.PendingUser(ctx), server.SessionFromContext(ctx)
	if u == nil || sess == nil {
		s.Error(w, r, crosscase.Errorf(crosscase.EUNAUTHORIZED, "Your session has ended. Please sign in again."))
		return nil, nil, false
	}
	if crossSite(r) {
		s.Error(w, r, errCrossSite)
		return nil, nil, false
	}
	if err := parseFormLimit(w, r, server.Route{Limit: 64 << 10}); err != nil {
		s.Error(w, r, err)
		return nil, nil, false
	}
	if !s.validCSRF(r, r.PostFormValue("csrf_token")) {
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "The form has expired or did not come from this site. Reload the page and try again."))
		return nil, nil, false
	}
	return u, sess, true
}

// throttleSecondStep answers 429 when the account or the address has
// failed too often, as for the password, and reports whether it did;
// when it did not, the attempt counts as a failure until
// completeSecondStep (or passSignIn) takes it back with the ticket
// returned.
func (s *Server) throttleSecondStep(w http.ResponseWriter, r *http.Request, u *crosscase.User, next string) (crosscase.SignInTicket, bool) {
	ticket, secs, err := s.signInAttempt(w, r, u.Name, "second factor throttled")
	if err != nil {
		s.Error(w, r, err)
		return ticket, true
	}
	if secs == 0 {
		return ticket, false
	}
	s.renderSecondFactor(w, r, http.StatusTooManyRequests, u, next, crosscase.Errorf(crosscase.EFORBIDDEN, tooManySignIns, secs))
	return ticket, true
}

// completeSecondStep lets session sess in after its second step (how:
// detail, for the audit log) and goes on to next; ticket is the attempt
// that throttleSecondStep counted, taken back.
func (s *Server) completeSecondStep(w http.ResponseWriter, r *http.Request, u *crosscase.User, sess *crosscase.Session, ticket crosscase.SignInTicket, detail, next string) {
	ctx := r.Context()
	// The answer was right: the attempt is taken back whatever follows.
	s.passSignIn(ctx, ticket)
	if err := s.SecondFactors.SetSessionFactor(ctx, sess.ID, crosscase.SessionFactorVerified); err != nil {
		s.Error(w, r, err)
		return
	}
	actor := crosscase.ActorFromContext(ctx)
	if err := s.SignIns.SignInSucceeded(ctx, u.Name); err != nil {
		s.Logger.Error("forget failed sign-ins", "err", err)
	}
	signedIn := *actor
	signedIn.User = u
	if err := s.Audit.RecordAudit(crosscase.NewContextWithActor(ctx, &signedIn), &crosscase.AuditEntry{
		Action: crosscase.ActionLogin, ObjectType: "session", ObjectID: sess.ID, Detail: detail,
		UserID: u.ID, UserName: u.Name, DeskID: u.DeskID, RemoteAddr: actor.RemoteAddr,
	}); err != nil {
		s.Logger.Error("record sign-in", "err", err)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// handleSecondFactor checks the code of a session owing it: throttled and
// audited as the password is; a right code lets the session in.
func (s *Server) handleSecondFactor(w http.ResponseWriter, r *http.Request) {
	u, sess, ok := s.pendingForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	next := safeNext(r.PostFormValue("next"))
	if r.PostFormValue("cancel") != "" {
		if c, err := r.Cookie(server.SessionCookie); err == nil && c.Value != "" {
			if err := s.Sessions.DeleteSession(ctx, c.Value); err != nil {
				s.Error(w, r, err)
				return
			}
		}
		http.SetCookie(w, &http.Cookie{Name: server.SessionCookie, Value: "", Path: "/", MaxAge: -1,
			HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	ticket, throttled := s.throttleSecondStep(w, r, u, next)
	if throttled {
		return
	}
	recovery, err := s.SecondFactors.VerifySecondFactor(ctx, u.ID, r.PostFormValue("code"))
	if err != nil {
		actor := crosscase.ActorFromContext(ctx)
		if crosscase.ErrorCode(err) != crosscase.EUNAUTHORIZED {
			s.passSignIn(ctx, ticket) // not checked: no failure
			s.Error(w, r, err)
			return
		}
		s.auditSignIn(ctx, u.Name, actor, "second factor")
		refusal := crosscase.Errorf(crosscase.EUNAUTHORIZED, "That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.")
		if errors.Is(err, crosscase.ErrCodeUsed) {
			refusal = crosscase.ErrCodeUsed
		}
		s.renderSecondFactor(w, r, http.StatusUnauthorized, u, next, refusal)
		return
	}
	detail := "second factor"
	if recovery {
		detail = "recovery code"
	}
	s.completeSecondStep(w, r, u, sess, ticket, detail, next)
}

// secondFactorAccount is the second-factor part of the Account page.
type secondFactorAccount struct {
	Enabled  bool
	Required bool // the user must have one (crosscase.NeedsSecondFactor)
	// Enrolment is a new secret to confirm with a code; RecoveryCodes the
	// codes just made, shown once.
	Enrolment     *crosscase.SecondFactorEnrolment
	RecoveryCodes []string
	Form          *formState
	// Passkeys are the user's passkeys; PasskeyForm the form that adds one.
	Passkeys    []*crosscase.Passkey
	PasskeyForm *formState
	// PasskeysHere says whether the site, as the browser reached it, can
	// have passkeys (not at an IP address).
	PasskeysHere bool
	// PasskeysAt is the site's own address when passkeys answer only
	// there (serve --public-url) and the browser came by another.
	PasskeysAt string
}

func (s *Server) loadSecondFactorAccount(r *http.Request, sf *secondFactorAccount) error {
	u := crosscase.UserFromContext(r.Context())
	on, err := s.SecondFactors.SecondFactorEnabled(r.Context(), u.ID)
	if err != nil {
		return err
	}
	sf.Enabled, sf.Required = on, crosscase.NeedsSecondFactor(u, s.RequireSecondFactor)
	if sf.Form == nil {
		sf.Form = newForm(nil, nil)
	}
	if sf.PasskeyForm == nil {
		sf.PasskeyForm = newForm(nil, nil)
	}
	if sf.Passkeys, err = s.SecondFactors.Passkeys(r.Context(), u.ID); err != nil {
		return err
	}
	_, rpErr := s.relyingParty(r)
	sf.PasskeysHere = rpErr == nil
	if !sf.PasskeysHere && s.PublicURL != nil {
		sf.PasskeysAt = s.PublicURL.String()
	}
	return nil
}

// handleSecondFactorBeginPage makes a new secret and shows it with the
// form that confirms it.
func (s *Server) handleSecondFactorBeginPage(w http.ResponseWriter, r *http.Request) {
	enr, err := s.SecondFactors.BeginSecondFactor(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, &accountPage{SecondFactor: secondFactorAccount{Enrolment: enr}})
}

// handleSecondFactorConfirmPage turns the second factor on with a code of
// the new secret, shows the recovery codes once, and counts this session
// as having given it.
func (s *Server) handleSecondFactorConfirmPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	codes, err := s.SecondFactors.ConfirmSecondFactor(ctx, v.Get("code"))
	if err != nil {
		if !isFormError(err) || crosscase.ErrorCode(err) == crosscase.ECONFLICT {
			s.Error(w, r, err)
			return
		}
		// The same secret again, which the app already holds.
		enr, berr := s.SecondFactors.BeginSecondFactor(ctx)
		if berr != nil {
			s.Error(w, r, berr)
			return
		}
		s.renderAccount(w, r, formStatus(err), &accountPage{SecondFactor: secondFactorAccount{Enrolment: enr, Form: newForm(nil, err)}})
		return
	}
	if sess := server.SessionFromContext(ctx); sess != nil {
		if err := s.SecondFactors.SetSessionFactor(ctx, sess.ID, crosscase.SessionFactorVerified); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.renderAccount(w, r, http.StatusOK, &accountPage{SecondFactor: secondFactorAccount{RecoveryCodes: codes}})
}

// handleSecondFactorDisablePage turns the caller's second factor off with
// a current code, unless they must have one.
func (s *Server) handleSecondFactorDisablePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if crosscase.NeedsSecondFactor(crosscase.UserFromContext(ctx), s.RequireSecondFactor) {
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Your account must keep two-step sign-in."))
		return
	}
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if status, err := s.throttledCheck(w, r, "code", "second factor", func() error {
		return s.SecondFactors.DisableSecondFactor(ctx, v.Get("code"))
	}); err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderAccount(w, r, status, &accountPage{SecondFactor: secondFactorAccount{Form: newForm(nil, err)}})
		return
	}
	s.redirectFlash(w, r, "/account", "two_step_off")
}

// handleSecondFactorResetPage removes another user's second factor, for
// administrators.
func (s *Server) handleSecondFactorResetPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.SecondFactors.ResetSecondFactor(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/users/"+strconv.FormatInt(id, 10), "two_step_reset")
}
