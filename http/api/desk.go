package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// deskCreateRequest is the body of POST /api/v1/desks.
type deskCreateRequest struct {
	CountryCode string             `json:"country_code"`
	Kind        crosscase.DeskKind `json:"kind"`
	Name        string             `json:"name"`
}

// handleAPIDeskList returns every desk; desks are not case content.
func (s *Server) handleAPIDeskList(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	desks, err := s.Desks.ListDesks(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(desks, ""))
}

// handleAPIDeskCreate adds a desk (administrators).
func (s *Server) handleAPIDeskCreate(w http.ResponseWriter, r *http.Request) {
	var req deskCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	d := &crosscase.Desk{CountryCode: req.CountryCode, Kind: req.Kind, Name: req.Name}
	if err := s.Desks.CreateDesk(r.Context(), d); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/desks/"+strconv.FormatInt(d.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, d)
}

// handleAPIDeskGet returns one desk.
func (s *Server) handleAPIDeskGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Desk")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	d, err := s.Desks.FindDesk(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}

// handleAPIDeskUpdate renames a desk (administrators).
func (s *Server) handleAPIDeskUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.DeskUpdate
	id, ok := s.readChange(w, r, "Desk", &upd, &upd.Version)
	if !ok {
		return
	}
	d, err := s.Desks.UpdateDesk(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
