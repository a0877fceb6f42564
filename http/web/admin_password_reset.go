package web

import (
	"net/http"

	"crosscase"
)

type passwordResetPage struct {
	pageBase
	Account         *crosscase.User
	OneTimePassword string
}

// handleUserPasswordResetPage gives another user a one-time password and
// shows it to the administrator this once (README, "Nobody acts as
// someone else"; crosscase.CanResetPassword decides).
func (s *Server) handleUserPasswordResetPage(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUserForAdmin(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := parseForm(r); err != nil {
		s.Error(w, r, err)
		return
	}
	once, err := s.Users.ResetPassword(r.Context(), u.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // a credential: kept by no cache
	s.render(w, r, http.StatusOK, "admin_password_reset.html", &passwordResetPage{
		pageBase: pageBase{Title: "One-time password", Nav: "admin"}, Account: u, OneTimePassword: once})
}
