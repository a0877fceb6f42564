package api

import (
	"net/http"
	"strconv"
	"time"

	"crosscase/http/server"

	"crosscase"
)

// meetingCreateRequest is the body of POST /api/v1/cases/{id}/meetings.
type meetingCreateRequest struct {
	StartsAt     time.Time `json:"starts_at"`
	DeskIDs      []int64   `json:"desk_ids"`
	AuthorityIDs []int64   `json:"authority_ids"`
	Partners     []string  `json:"partners"`
	Agenda       string    `json:"agenda"`
	Outcome      string    `json:"outcome"`
}

// MeetingCountResponse is the answer of GET /api/v1/statistics/meetings.
type MeetingCountResponse struct {
	From     crosscase.Date `json:"from"`
	To       crosscase.Date `json:"to"`
	Country  string         `json:"country"`
	Meetings int            `json:"meetings"`
}

// handleAPIPartnerAgencies lists the partner agencies a meeting may name.
func (s *Server) handleAPIPartnerAgencies(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(crosscase.PartnerAgencies(), ""))
}

// handleAPIMeetingList returns the meetings of a visible case.
func (s *Server) handleAPIMeetingList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Meetings.FindMeetings(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIMeetingCreate schedules a meeting of a case of the caller's desk.
func (s *Server) handleAPIMeetingCreate(w http.ResponseWriter, r *http.Request) {
	var req meetingCreateRequest
	caseID, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	m := &crosscase.Meeting{CaseID: caseID, StartsAt: req.StartsAt, DeskIDs: req.DeskIDs, AuthorityIDs: req.AuthorityIDs,
		Partners: req.Partners, Agenda: req.Agenda, Outcome: req.Outcome}
	if err := s.Meetings.CreateMeeting(r.Context(), m); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/meetings/"+strconv.FormatInt(m.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, m)
}

// handleAPIMeetingGet returns a meeting of a visible case.
func (s *Server) handleAPIMeetingGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Meeting")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	m, err := s.Meetings.FindMeeting(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, m)
}

// handleAPIMeetingUpdate changes a meeting, e.g. to record its outcome.
func (s *Server) handleAPIMeetingUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.MeetingUpdate
	id, ok := s.readChange(w, r, "Meeting", &upd, &upd.Version)
	if !ok {
		return
	}
	m, err := s.Meetings.UpdateMeeting(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, m)
}

// handleAPIMeetingDelete removes a meeting; its audit record remains.
func (s *Server) handleAPIMeetingDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Meeting")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Meetings.DeleteMeeting(r.Context(), id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// statsQuery reads the from, to and country parameters of a statistics
// endpoint.
func statsQuery(r *http.Request) (from, to crosscase.Date, country string, err error) {
	q, err := server.ReadQuery(r, "from", "to", "country")
	if err != nil {
		return
	}
	if from, err = q.Date("from"); err != nil {
		return
	}
	if to, err = q.Date("to"); err != nil {
		return
	}
	return from, to, q.Str("country"), nil
}

// handleAPIMeetingCount counts meetings for a period and country
// (statistics users and administrators).
func (s *Server) handleAPIMeetingCount(w http.ResponseWriter, r *http.Request) {
	from, to, country, err := statsQuery(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	n, err := s.Meetings.CountMeetings(r.Context(), from, to, country)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, MeetingCountResponse{From: from, To: to, Country: country, Meetings: n})
}
