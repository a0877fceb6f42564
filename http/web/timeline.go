package web

import (
	"net/http"
	"strings"

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
	// Edit holds, by the index of an event, the link to change it, where
	// the reader may (a meeting, for whoever may write the case).
	Edit map[int]string
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
	if len(only) == 0 {
		// No filter shows every kind, so every box is ticked: unticking
		// one leaves it out.
		for _, k := range p.Kinds {
			p.Only[k] = true
		}
	}
	p.Edit = meetingLinks(crosscase.UserFromContext(r.Context()), c, events)
	s.render(w, r, http.StatusOK, "timeline.html", p)
}

// meetingLinks returns the form of each meeting of the timeline (whose
// link is its row in the case page's meetings section, which every
// reader of the case may open), by the event's index, only where
// crosscase.CanWriteCase lets u save it.
func meetingLinks(u *crosscase.User, c *crosscase.Case, events []crosscase.TimelineEvent) map[int]string {
	edit := map[int]string{}
	canWrite := crosscase.CanWriteCase(u, c)
	for i := range events {
		e := &events[i]
		_, id, ok := strings.Cut(e.Link, "#meeting-")
		if e.Kind != crosscase.TimelineMeeting || !ok {
			continue
		}
		if canWrite {
			edit[i] = "/meetings/" + id + "/edit"
		}
	}
	return edit
}
