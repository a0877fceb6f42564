package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// reviewRequest is the body of POST /api/v1/cases/{id}/retention/reviews.
type reviewRequest struct {
	Decision  crosscase.ReviewDecision `json:"decision"`
	Reason    string                   `json:"reason"`
	KeepUntil crosscase.Date           `json:"keep_until"`
}

// acquittalRequest is the body of POST /api/v1/entities/{id}/acquittal.
type acquittalRequest struct {
	FinalOn crosscase.Date `json:"final_on"`
}

// handleAPIRetentionGet returns a visible case's retention record
// (README, "Retention and review").
func (s *Server) handleAPIRetentionGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	rec, err := s.Retention.FindRetention(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, rec)
}

// handleAPIRetentionPut records a case's dates of Art. 29(1); a date left
// out or null is not known.
func (s *Server) handleAPIRetentionPut(w http.ResponseWriter, r *http.Request) {
	var req crosscase.RetentionDates
	id, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	rec, err := s.Retention.SetRetentionDates(r.Context(), id, req)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, rec)
}

// handleAPIRetentionReview records a review: keep until the next review
// with reasons, or delete the case's personal data now.
func (s *Server) handleAPIRetentionReview(w http.ResponseWriter, r *http.Request) {
	var req reviewRequest
	id, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	rec, err := s.Retention.ReviewRetention(r.Context(), id, &crosscase.RetentionReview{Decision: req.Decision, Reason: req.Reason, KeepUntil: req.KeepUntil})
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, rec)
}

// handleAPIAcquittal deletes a person on the agency being told of their
// final acquittal (Art. 29(1)(b)).
func (s *Server) handleAPIAcquittal(w http.ResponseWriter, r *http.Request) {
	var req acquittalRequest
	id, ok := s.readChange(w, r, "Entity", &req, nil)
	if !ok {
		return
	}
	if err := s.Retention.RecordAcquittal(r.Context(), 0, id, req.FinalOn); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAPIRetentionDue lists the caller's desk's cases whose review or
// deletion falls due within days (default 90).
func (s *Server) handleAPIRetentionDue(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "days")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	days := int64(90)
	if q.Str("days") != "" {
		if days, err = q.Int64("days"); err != nil {
			s.APIError(w, r, err)
			return
		}
	}
	if days < 0 || days > 1098 {
		s.APIError(w, r, server.BadRequest("days", "Query parameter days must be between 0 and 1098."))
		return
	}
	list, err := s.Retention.FindRetentionDue(r.Context(), int(days))
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}
