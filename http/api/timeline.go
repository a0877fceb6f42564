package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// handleAPITimeline returns a case's timeline, filtered by ?kind=.
func (s *Server) handleAPITimeline(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if _, err := server.ReadQuery(r, "kind"); err != nil {
		s.APIError(w, r, err)
		return
	}
	only, err := server.TimelineKinds(r.URL.Query())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	_, events, err := s.CaseTimeline(r.Context(), id, only)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if events == nil {
		events = []crosscase.TimelineEvent{}
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(events, ""))
}
