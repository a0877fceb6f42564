package api

import (
	"net/http"
	"strconv"
	"time"

	"crosscase/http/server"

	"crosscase"
)

// Coordination centres in the JSON API (README, Coordination centres
// (action day, live)). Need to know and every rule are the store's; a
// centre the caller does not take part in is 404, as a missing one. No
// request body names a time: a user's change is logged when it is stored
// (MeasureMove's LoggedAt, a trusted loader's, has no JSON name, so the
// strict decoder refuses a body that sends one).

// centreCreateRequest is the body of POST /api/v1/cases/{id}/centres.
type centreCreateRequest struct {
	Name         string                 `json:"name"`
	ActionDate   crosscase.Date         `json:"action_date"`
	Zones        []crosscase.CentreZone `json:"zones"`
	DeskIDs      []int64                `json:"desk_ids"`
	AuthorityIDs []int64                `json:"authority_ids"`
	Partners     []string               `json:"partners"`
	MemberIDs    []int64                `json:"member_ids"`
	ActionID     int64                  `json:"action_id"`
}

// measureCreateRequest is the body of POST /api/v1/centres/{id}/measures.
type measureCreateRequest struct {
	Kind         crosscase.MeasureKind `json:"kind"`
	Country      string                `json:"country"`
	Place        string                `json:"place"`
	OwnerCountry string                `json:"owner_country"`
	EntityID     int64                 `json:"entity_id"`
	InstrumentID int64                 `json:"instrument_id"`
	PlannedAt    time.Time             `json:"planned_at"`
	Note         string                `json:"note"`
}

// centreMessageRequest is the body of POST /api/v1/centres/{id}/messages.
type centreMessageRequest struct {
	Text string `json:"text"`
}

// centreCloseRequest is the body of POST /api/v1/centres/{id}/close.
type centreCloseRequest struct {
	Version int `json:"version"`
}

// handleAPICentreList lists the centres the caller takes part in.
func (s *Server) handleAPICentreList(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Centres.FindCentres(r.Context(), 0)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPICaseCentreList lists a case's centres the caller takes part in.
func (s *Server) handleAPICaseCentreList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Centres.FindCentres(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPICentreCreate opens a centre for a case of the caller's desk.
func (s *Server) handleAPICentreCreate(w http.ResponseWriter, r *http.Request) {
	var req centreCreateRequest
	caseID, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	c := &crosscase.Centre{CaseID: caseID, Name: req.Name, ActionDate: req.ActionDate, Zones: req.Zones, DeskIDs: req.DeskIDs,
		AuthorityIDs: req.AuthorityIDs, Partners: req.Partners, MemberIDs: req.MemberIDs, ActionID: req.ActionID}
	if err := s.Centres.CreateCentre(r.Context(), c); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/centres/"+strconv.FormatInt(c.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, c)
}

// handleAPICentreGet returns a centre's board.
func (s *Server) handleAPICentreGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Centre")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	b, err := s.Centres.FindCentre(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, b)
}

// handleAPIMeasureCreate plans a measure.
func (s *Server) handleAPIMeasureCreate(w http.ResponseWriter, r *http.Request) {
	var req measureCreateRequest
	id, ok := s.readChange(w, r, "Centre", &req, nil)
	if !ok {
		return
	}
	m := &crosscase.Measure{CentreID: id, Kind: req.Kind, Country: req.Country, Place: req.Place, OwnerCountry: req.OwnerCountry,
		EntityID: req.EntityID, InstrumentID: req.InstrumentID, PlannedAt: req.PlannedAt, Note: req.Note}
	if err := s.Centres.CreateMeasure(r.Context(), m); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, m)
}

// handleAPIMeasureMove changes a measure's state.
func (s *Server) handleAPIMeasureMove(w http.ResponseWriter, r *http.Request) {
	var mv crosscase.MeasureMove
	id, ok := s.readChange(w, r, "Measure", &mv, nil)
	if !ok {
		return
	}
	// The version is checked by the store, after need to know: a centre
	// the caller takes no part in is 404 whatever the body.
	m, err := s.Centres.MoveMeasure(r.Context(), id, mv)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, m)
}

// handleAPIMeasureDecision raises an instrument of the case from a measure.
func (s *Server) handleAPIMeasureDecision(w http.ResponseWriter, r *http.Request) {
	var d crosscase.Decision
	id, ok := s.readChange(w, r, "Measure", &d, nil)
	if !ok {
		return
	}
	in, err := s.Centres.RaiseDecision(r.Context(), id, &d)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/instruments/"+strconv.FormatInt(in.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, in)
}

// handleAPICentreMessage writes a message in a centre's log.
func (s *Server) handleAPICentreMessage(w http.ResponseWriter, r *http.Request) {
	var req centreMessageRequest
	id, ok := s.readChange(w, r, "Centre", &req, nil)
	if !ok {
		return
	}
	ev, err := s.Centres.PostCentreMessage(r.Context(), id, crosscase.CentreMessage{Text: req.Text})
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, ev)
}

// handleAPICentreClose closes a centre; it is read-only afterwards.
func (s *Server) handleAPICentreClose(w http.ResponseWriter, r *http.Request) {
	var req centreCloseRequest
	id, ok := s.readChange(w, r, "Centre", &req, nil)
	if !ok {
		return
	}
	c, err := s.Centres.CloseCentre(r.Context(), id, crosscase.CentreClose{Version: req.Version})
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}

// handleAPICentreLog returns a centre's log after a sequence number.
func (s *Server) handleAPICentreLog(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Centre")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	q, err := server.ReadQuery(r, "after", "limit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	after, err := q.Int64("after")
	if err == nil && after < 0 {
		// As for the event stream: a query value that cannot be one is 400.
		err = server.BadRequest("after", "after is the sequence number of the last entry read, 0 or more.")
	}
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	limit, err := q.Limit(5000)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	evs, err := s.Centres.CentreEvents(r.Context(), id, after, limit)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(evs, ""))
}

// handleAPICentrePress returns a centre's press summary.
func (s *Server) handleAPICentrePress(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Centre")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	p, err := s.Centres.PressSummary(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, p)
}
