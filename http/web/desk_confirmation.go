package web

import (
	"net/http"
	"strconv"

	"crosscase"
)

// handleDeskConfirmPage confirms a user's place on their desk
// (crosscase.CanConfirmDesk decides; README, "Nobody acts as someone
// else") and goes back to where the button was: the administrator's page
// of the user, or the dashboard.
func (s *Server) handleDeskConfirmPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := s.Users.ConfirmDesk(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	back := "/"
	if crosscase.UserFromContext(r.Context()).IsAdmin() {
		back = "/admin/users/" + strconv.FormatInt(id, 10)
	}
	s.redirectFlash(w, r, back, "desk_confirmed")
}
