package web

import (
	"net/http"

	"crosscase/http/server"

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
	only, err := server.TimelineKinds(r.URL.Query())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, events, err := s.CaseTimeline(r.Context(), id, only)
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
