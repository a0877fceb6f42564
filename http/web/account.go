package web

import (
	"net/http"
	"net/url"

	"crosscase"
	"crosscase/http/server"
	"crosscase/locale"
)

type accountPage struct {
	pageBase
	Tokens        []*crosscase.Token
	NewToken      string // plain text of a token just created, shown once
	NewTokenLabel string
	PasswordForm  *formState
	TokenForm     *formState
	// The deadlines calendar feed: tokens, and the address just created.
	NewCalendarURL string
	Calendar       *calendarAccount
	SecondFactor   secondFactorAccount
	// Languages are the interface's languages, for the language form.
	Languages []locale.Language
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, data *accountPage) {
	u := crosscase.UserFromContext(r.Context())
	data.Title, data.Nav = "Your account", "account"
	data.Languages = locale.Languages
	if data.PasswordForm == nil {
		data.PasswordForm = newForm(nil, nil)
	}
	if data.TokenForm == nil {
		data.TokenForm = newForm(nil, nil)
	}
	var err error
	if data.Tokens, err = s.Tokens.ListTokens(r.Context(), u.ID); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Calendar, err = s.loadCalendarAccount(r, data.NewCalendarURL); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.loadSecondFactorAccount(r, &data.SecondFactor); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.NewToken != "" || data.NewCalendarURL != "" {
		// The plain token is in this page only: never keep it anywhere.
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, status, "account.html", data)
}

// handleAccountPage shows the caller's account, password form and tokens.
func (s *Server) handleAccountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, &accountPage{})
}

// handleLanguagePage sets the language of the caller's pages; "" follows
// the browser (README, "Languages").
func (s *Server) handleLanguagePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Users.SetLanguage(r.Context(), server.FormText(v, "language")); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/account", "language_saved")
}

// handlePasswordPage changes the caller's password after checking the
// current one.
func (s *Server) handlePasswordPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	current, next, confirm := v.Get("current_password"), v.Get("new_password"), v.Get("confirm_password")
	// Passwords are never sent back into the form.
	kept := url.Values{}
	failWith := func(status int, err error) {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderAccount(w, r, status, &accountPage{PasswordForm: newForm(kept, err)})
	}
	fail := func(err error) { failWith(formStatus(err), err) }
	// Throttled as a sign-in: a session alone must not become a way to
	// guess the password.
	if status, err := s.throttledCheck(w, r, "current_password", "current password", func() error {
		_, err := s.Users.Authenticate(ctx, u.Name, current)
		if crosscase.ErrorCode(err) == crosscase.EUNAUTHORIZED {
			err = crosscase.FieldErrorf("current_password", "Your current password is not correct.")
		}
		return err
	}); err != nil {
		failWith(status, err)
		return
	}
	if next != confirm {
		fail(crosscase.FieldErrorf("confirm_password", "The two new passwords differ."))
		return
	}
	if u.MustChangePassword && next == current {
		fail(crosscase.FieldErrorf("new_password", "Choose a password of your own, not the one you were given."))
		return
	}
	if len([]rune(next)) < crosscase.MinPasswordLength {
		fail(crosscase.FieldErrorf("new_password", "A password has at least %d characters.", crosscase.MinPasswordLength))
		return
	}
	if err := s.Users.SetPassword(ctx, u.ID, next); err != nil {
		if crosscase.ErrorField(err) == "password" {
			err = crosscase.InField(err, "new_password")
		}
		fail(err)
		return
	}
	s.redirectFlash(w, r, "/account", "password_changed")
}

// handleTokenCreatePage creates an API token and shows it, once.
func (s *Server) handleTokenCreatePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	label := server.FormText(v, "label")
	tok, plain, err := s.Tokens.CreateToken(ctx, u.ID, label)
	if err != nil {
		if crosscase.ErrorCode(err) == crosscase.EINVALID && crosscase.ErrorField(err) == "" {
			err = crosscase.InField(err, "label")
		}
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderAccount(w, r, formStatus(err), &accountPage{TokenForm: newForm(v, err)})
		return
	}
	s.renderAccount(w, r, http.StatusOK, &accountPage{NewToken: plain, NewTokenLabel: tok.Label})
}

// handleTokenRevokePage revokes one of the caller's tokens.
func (s *Server) handleTokenRevokePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Tokens.RevokeToken(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/account", "token_revoked")
}

// calendarAccount is the calendar part of the account page.
type calendarAccount struct {
	Tokens  []*crosscase.CalendarToken
	NewURL  string // the feed address just created, shown once
	Enabled bool   // the user's role has deadlines
}

// loadCalendarAccount fills the calendar part of the account page.
func (s *Server) loadCalendarAccount(r *http.Request, newURL string) (*calendarAccount, error) {
	u := crosscase.UserFromContext(r.Context())
	out := &calendarAccount{NewURL: newURL, Enabled: s.Calendar != nil && crosscase.CanReadCases(u)}
	if !out.Enabled {
		return out, nil
	}
	var err error
	out.Tokens, err = s.Calendar.ListCalendarTokens(r.Context())
	return out, err
}
