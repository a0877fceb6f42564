package web

import (
	"net/http"

	"crosscase"
)

type notificationsPage struct {
	pageBase
	Notifications []*crosscase.Notification
}

// handleNotificationsPage shows the desk's inbox: what the system told the
// desk (a JIT set up with its country, a missed time limit, a notice).
func (s *Server) handleNotificationsPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.Notifications.FindNotifications(r.Context(), false, 200)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notifications.html", &notificationsPage{
		pageBase: pageBase{Title: "Notifications", Nav: "notifications"}, Notifications: list})
}

// handleNotificationReadPage marks a notification read and follows its link.
func (s *Server) handleNotificationReadPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := parseForm(r); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Notifications.MarkNotificationRead(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}
