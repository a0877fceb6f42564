package api

import (
	"net/http"

	"crosscase/http/server"
)

// passwordReset is the answer to a password reset: the one-time password
// to hand to the user, shown this once.
type passwordReset struct {
	UserID          int64  `json:"user_id"`
	OneTimePassword string `json:"one_time_password"`
}

// handleAPIUserPasswordReset gives another user a one-time password,
// which they must change at their next sign-in (README, "Nobody acts as
// someone else"; crosscase.CanResetPassword).
func (s *Server) handleAPIUserPasswordReset(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "User")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	once, err := s.Users.ResetPassword(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.WriteJSON(w, r, http.StatusOK, passwordReset{UserID: id, OneTimePassword: once})
}
