package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// hitDecisionRequest is the body of POST /api/v1/hits/{id}/decision.
type hitDecisionRequest struct {
	Status crosscase.HitStatus `json:"status"`
	// Reason says why, for the audit log; needed to restrict or dismiss
	// (crosscase.CheckHitReason). It may come in the X-Crosscase-Reason
	// header instead, as for every call.
	Reason string `json:"reason"`
}

// HitCountResponse is the answer of GET /api/v1/hits/count.
type HitCountResponse struct {
	New int `json:"new"`
}

// apiHit prepares h for the API: lists are [] rather than null.
func apiHit(h *crosscase.Hit) *crosscase.Hit {
	if h.Fields == nil {
		h.Fields = []crosscase.HitField{}
	}
	return h
}

// hitFilterFromAPIQuery builds the hit list filter from the query string
// (server.HitFilterFromQuery); the store checks the cursor.
func hitFilterFromAPIQuery(r *http.Request) (crosscase.HitFilter, error) {
	q, err := server.ReadQuery(r, "status", "case_id", "cursor", "limit")
	if err != nil {
		return crosscase.HitFilter{}, err
	}
	limit, err := q.Limit(200)
	if err != nil {
		return crosscase.HitFilter{}, err
	}
	f, err := server.HitFilterFromQuery(q.Values, limit)
	if err != nil {
		// A query parameter that cannot be read, as in every list: 400.
		return f, server.BadRequest(crosscase.ErrorField(err), "Query parameter %s: %s", crosscase.ErrorField(err), crosscase.ErrorMessage(err))
	}
	return f, nil
}

// handleAPIHitList returns one page of the hits of the caller's desk.
func (s *Server) handleAPIHitList(w http.ResponseWriter, r *http.Request) {
	f, err := hitFilterFromAPIQuery(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, next, err := s.Hits.FindHits(r.Context(), f)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	for _, h := range list {
		apiHit(h)
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, next))
}

// handleAPIHitGet returns a hit of the caller's desk.
func (s *Server) handleAPIHitGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Hit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	h, err := s.Hits.FindHit(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, apiHit(h))
}

// handleAPIHitDecision discloses, restricts or dismisses a hit of the
// caller's desk; the store decides who may do which.
func (s *Server) handleAPIHitDecision(w http.ResponseWriter, r *http.Request) {
	var req hitDecisionRequest
	id, ok := s.readChange(w, r, "Hit", &req, nil)
	if !ok {
		return
	}
	if req.Reason != "" {
		if len(r.Header.Values("X-Crosscase-Reason")) > 0 {
			s.APIError(w, r, server.BadRequest("reason", "Give the reason once: in the body or in the X-Crosscase-Reason header."))
			return
		}
		if err := server.SetAuditReason(r, "reason", []string{req.Reason}); err != nil {
			s.APIError(w, r, err)
			return
		}
	}
	h, err := s.Hits.DecideHit(r.Context(), id, req.Status)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, apiHit(h))
}

// handleAPIHitCount returns how many hits of the caller's desk are new.
func (s *Server) handleAPIHitCount(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	n, err := s.Hits.CountNewHits(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, HitCountResponse{New: n})
}
