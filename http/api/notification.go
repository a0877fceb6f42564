package api

import (
	"net/http"

	"crosscase/http/server"
)

// handleAPINotificationList returns the caller's desk's notifications,
// newest first; ?unread=true for unread ones only.
func (s *Server) handleAPINotificationList(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "unread", "limit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	unread := false
	switch q.Str("unread") {
	case "", "false":
	case "true":
		unread = true
	default:
		s.APIError(w, r, server.BadRequest("unread", "Query parameter unread must be true or false."))
		return
	}
	limit, err := q.Limit(200)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Notifications.FindNotifications(r.Context(), unread, limit)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPINotificationRead marks a notification of the caller's desk read.
func (s *Server) handleAPINotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Notification")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Notifications.MarkNotificationRead(r.Context(), id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
