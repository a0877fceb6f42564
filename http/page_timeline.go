package http

import (
	"net/http"

	"crosscase"
)

// timelinePage is a case's timeline with its filter.
type timelinePage struct {
	pageBase
	Case   *crosscase.Case
	Events []crosscase.TimelineEvent
	Kinds  []crosscase.TimelineKind
	Only   map[crosscase.TimelineKind]bool
}

// handleTimelinePage shows a case's timeline, filtered by ?kind=.
func (s *Server) handleTimelinePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	only, err := timelineKinds(r.URL.Query())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, events, err := s.caseTimeline(r.Context(), id, only)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &timelinePage{pageBase: pageBase{Title: "Timeline · %s", TitleArgs: []any{c.Reference}, Nav: "cases"}, Case: c, Events: events, Kinds: crosscase.TimelineKinds(), Only: map[crosscase.TimelineKind]bool{}}
	for _, k := range only {
		p.Only[k] = true
	}
	s.render(w, r, http.StatusOK, "timeline.html", p)
}

// handleAPITimeline returns a case's timeline, filtered by ?kind=.
func (s *Server) handleAPITimeline(w http.ResponseWriter, r *http.Request) {
	id, err := apiPathID(r, "id", "Case")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if _, err := readQuery(r, "kind"); err != nil {
		s.apiError(w, r, err)
		return
	}
	only, err := timelineKinds(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	_, events, err := s.caseTimeline(r.Context(), id, only)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if events == nil {
		events = []crosscase.TimelineEvent{}
	}
	s.writeJSON(w, r, http.StatusOK, newList(events, ""))
}
