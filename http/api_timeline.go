package http

import (
	"net/http"

	"crosscase"
)

// handleAPITimeline returns a case's timeline, filtered by ?kind=.
func (s *Server) handleAPITimeline(w http.ResponseWriter, r *http.Request) {
	id, err := APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if _, err := ReadQuery(r, "kind"); err != nil {
		s.APIError(w, r, err)
		return
	}
	only, err := TimelineKinds(r.URL.Query())
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
	s.writeJSON(w, r, http.StatusOK, NewList(events, ""))
}
