package api

import (
	"net/http"

	"crosscase/http/server"
)

// handleAPIDeskConfirmationList lists the accounts waiting for a second
// person to confirm their place on a desk that the caller may confirm:
// their own desk's for its members, every desk's for administrators
// (README, "Nobody acts as someone else").
func (s *Server) handleAPIDeskConfirmationList(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	users, err := s.Users.DeskConfirmations(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(users, ""))
}

// handleAPIUserDeskConfirm confirms a user's place on their desk
// (crosscase.CanConfirmDesk): from then on the account reads the desk's
// cases.
func (s *Server) handleAPIUserDeskConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "User")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	u, err := s.Users.ConfirmDesk(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, u)
}
