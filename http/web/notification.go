package web

import (
	"net/http"

	"crosscase"
	"crosscase/locale"
)

// notificationSubject writes n's subject in p's language from the format
// and values the store kept (crosscase.NotificationSubjects), each value
// that is itself a message of the catalog (an instrument's or a clock's
// name) translated too; a notification written before they were kept is
// shown as it was written.
func notificationSubject(p *locale.Printer, n *crosscase.Notification) string {
	if n.SubjectFormat == "" {
		return n.Subject
	}
	args := make([]any, len(n.SubjectArgs))
	for i, v := range n.SubjectArgs {
		args[i] = p.T(v)
	}
	return p.T(n.SubjectFormat, args...)
}

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
