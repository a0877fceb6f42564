package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// actionCreateRequest is the body of POST /api/v1/cases/{id}/actions.
type actionCreateRequest struct {
	Date crosscase.Date `json:"date"`
	Name string         `json:"name"`
}

// resultCreateRequest is the body of POST /api/v1/cases/{id}/results.
type resultCreateRequest struct {
	ActionID    int64                `json:"action_id"`
	Kind        crosscase.ResultKind `json:"kind"`
	Country     string               `json:"country"`
	Date        crosscase.Date       `json:"date"`
	Count       int64                `json:"count"`
	SeizureType string               `json:"seizure_type"`
	Substance   string               `json:"substance"`
	Quantity    float64              `json:"quantity"`
	Unit        string               `json:"unit"`
	Measure     string               `json:"measure"`
	ValueEUR    int64                `json:"value_eur"`
	Notes       string               `json:"notes"`
}

// handleAPIActionList returns the actions of a visible case.
func (s *Server) handleAPIActionList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Results.FindActions(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIActionCreate adds an action day or step to a case of the
// caller's desk.
func (s *Server) handleAPIActionCreate(w http.ResponseWriter, r *http.Request) {
	var req actionCreateRequest
	id, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	a := &crosscase.Action{CaseID: id, Date: req.Date, Name: req.Name}
	if err := s.Results.CreateAction(r.Context(), a); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, a)
}

// handleAPIResultList returns the results of a visible case.
func (s *Server) handleAPIResultList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Results.FindResults(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIResultCreate records a result of a case.
func (s *Server) handleAPIResultCreate(w http.ResponseWriter, r *http.Request) {
	var req resultCreateRequest
	id, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	res := &crosscase.Result{CaseID: id, ActionID: req.ActionID, Kind: req.Kind, Country: req.Country, Date: req.Date, Count: req.Count,
		SeizureType: req.SeizureType, Substance: req.Substance, Quantity: req.Quantity, Unit: req.Unit, Measure: req.Measure,
		ValueEUR: req.ValueEUR, Notes: req.Notes}
	if err := s.Results.CreateResult(r.Context(), res); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/cases/"+strconv.FormatInt(id, 10)+"/results")
	s.WriteJSON(w, r, http.StatusCreated, res)
}

// handleAPIResultDelete removes a result.
func (s *Server) handleAPIResultDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Result")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Results.DeleteResult(r.Context(), 0, id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAPIResultTotals sums results for a period and country
// (statistics users and administrators).
func (s *Server) handleAPIResultTotals(w http.ResponseWriter, r *http.Request) {
	from, to, country, err := statsQuery(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	t, err := s.Results.ResultTotals(r.Context(), from, to, country)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, t)
}
