package api

import (
	"net/http"
	"strconv"
	"time"

	"crosscase/http/server"

	"crosscase"
)

// instrumentCreateRequest is the body of POST /api/v1/cases/{id}/instruments.
// The case comes from the path; id, version, clocks and times are the server's.
type instrumentCreateRequest struct {
	Type                 crosscase.InstrumentType   `json:"type"`
	Reference            string                     `json:"reference"`
	IssuingCountry       string                     `json:"issuing_country"`
	ExecutingCountry     string                     `json:"executing_country"`
	IssuingAuthorityID   int64                      `json:"issuing_authority_id"`
	ExecutingAuthorityID int64                      `json:"executing_authority_id"`
	EntityID             int64                      `json:"entity_id"`
	Urgent               bool                       `json:"urgent"`
	Status               crosscase.InstrumentStatus `json:"status"`
	IssuedOn             crosscase.Date             `json:"issued_on"`
	ReceivedOn           crosscase.Date             `json:"received_on"`
	AcknowledgedOn       crosscase.Date             `json:"acknowledged_on"`
	ArrestOn             crosscase.Date             `json:"arrest_on"`
	ConsentOn            crosscase.Date             `json:"consent_on"`
	DecisionOn           crosscase.Date             `json:"decision_on"`
	ExecutionOn          crosscase.Date             `json:"execution_on"`
	SurrenderOn          crosscase.Date             `json:"surrender_on"`
	ReceivedAt           *time.Time                 `json:"received_at"`
	DecidedAt            *time.Time                 `json:"decided_at"`
	ExecutedAt           *time.Time                 `json:"executed_at"`
}

func (req *instrumentCreateRequest) toInstrument(caseID int64) *crosscase.Instrument {
	in := &crosscase.Instrument{CaseID: caseID, Type: req.Type, Reference: req.Reference,
		IssuingCountry: req.IssuingCountry, ExecutingCountry: req.ExecutingCountry,
		IssuingAuthorityID: req.IssuingAuthorityID, ExecutingAuthorityID: req.ExecutingAuthorityID,
		EntityID: req.EntityID, Urgent: req.Urgent, Status: req.Status,
		IssuedOn: req.IssuedOn, ReceivedOn: req.ReceivedOn, AcknowledgedOn: req.AcknowledgedOn, ArrestOn: req.ArrestOn,
		ConsentOn: req.ConsentOn, DecisionOn: req.DecisionOn, ExecutionOn: req.ExecutionOn, SurrenderOn: req.SurrenderOn}
	for _, p := range []struct {
		from *time.Time
		to   *time.Time
	}{{req.ReceivedAt, &in.ReceivedAt}, {req.DecidedAt, &in.DecidedAt}, {req.ExecutedAt, &in.ExecutedAt}} {
		if p.from != nil {
			*p.to = *p.from
		}
	}
	return in
}

// delayReasonsRequest is the body of POST /api/v1/instruments/{id}/delay-reasons.
type delayReasonsRequest struct {
	Version int                 `json:"version"`
	Clock   crosscase.ClockKind `json:"clock"`
	Reasons string              `json:"reasons"`
}

func instrumentLocation(id int64) string { return "/api/v1/instruments/" + strconv.FormatInt(id, 10) }

// handleAPIInstrumentList returns the instruments of a case the caller may see.
func (s *Server) handleAPIInstrumentList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Instruments.FindInstruments(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIInstrumentCreate adds an instrument to a case of the caller's desk.
func (s *Server) handleAPIInstrumentCreate(w http.ResponseWriter, r *http.Request) {
	var req instrumentCreateRequest
	caseID, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	in := req.toInstrument(caseID)
	if err := s.Instruments.CreateInstrument(r.Context(), in); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", instrumentLocation(in.ID))
	s.WriteJSON(w, r, http.StatusCreated, in)
}

// handleAPIInstrumentGet returns an instrument of a case the caller may see.
func (s *Server) handleAPIInstrumentGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Instrument")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	in, err := s.Instruments.FindInstrumentByID(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, in)
}

// handleAPIInstrumentUpdate records dates or a status change.
func (s *Server) handleAPIInstrumentUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.InstrumentUpdate
	id, ok := s.readChange(w, r, "Instrument", &upd, &upd.Version)
	if !ok {
		return
	}
	in, err := s.Instruments.UpdateInstrument(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, in)
}

// handleAPIInstrumentExtend extends one clock, with its reason.
func (s *Server) handleAPIInstrumentExtend(w http.ResponseWriter, r *http.Request) {
	var req crosscase.ExtensionRequest
	id, ok := s.readChange(w, r, "Instrument", &req, nil)
	if !ok {
		return
	}
	// No clock may be extended by more than 30 days in all (FD 2002/584/JHA
	// Art. 17(4); EU–Norway/Iceland Surrender Agreement Art. 20(4); Trade
	// and Cooperation Agreement Art. 615(4); Directive 2014/41/EU Art.
	// 12(5)); the store checks the days still allowed.
	if req.Days < 1 || req.Days > 30 {
		s.APIError(w, r, server.BadRequest("days", "Days must be between 1 and 30."))
		return
	}
	in, err := s.Instruments.ExtendInstrument(r.Context(), id, req)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, in)
}

// handleAPIInstrumentDelayReasons records why a time limit was missed.
func (s *Server) handleAPIInstrumentDelayReasons(w http.ResponseWriter, r *http.Request) {
	var req delayReasonsRequest
	id, ok := s.readChange(w, r, "Instrument", &req, &req.Version)
	if !ok {
		return
	}
	in, err := s.Instruments.RecordDelayReasons(r.Context(), id, req.Version, req.Clock, req.Reasons)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, in)
}

// handleAPIDeadlines returns the deadlines view of the caller's desk.
func (s *Server) handleAPIDeadlines(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "type", "days", "limit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	f := crosscase.DeadlineFilter{Type: crosscase.InstrumentType(q.Str("type"))}
	days, err := q.Int64("days")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if q.Str("days") != "" && (days < 1 || days > 366) {
		s.APIError(w, r, server.BadRequest("days", "Query parameter days must be between 1 and 366."))
		return
	}
	f.Days = int(days)
	if f.Limit, err = q.Limit(500); err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Instruments.FindDeadlines(r.Context(), f)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, list)
}
