package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// authorityCreateRequest is the body of POST /api/v1/authorities.
type authorityCreateRequest struct {
	CountryCode string                  `json:"country_code"`
	Name        string                  `json:"name"`
	Kind        crosscase.AuthorityKind `json:"kind"`
	City        string                  `json:"city"`
}

// handleAPIAuthorityList returns the authorities, of one country when
// ?country= is given.
func (s *Server) handleAPIAuthorityList(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "country")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	country := q.Str("country")
	if country != "" && !crosscase.ValidCountryCode(country) {
		s.APIError(w, r, server.BadRequest("country", "Query parameter country must be an ISO 3166-1 alpha-2 code such as IT."))
		return
	}
	list, err := s.Authorities.ListAuthorities(r.Context(), country)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIAuthorityCreate adds a national competent authority.
func (s *Server) handleAPIAuthorityCreate(w http.ResponseWriter, r *http.Request) {
	var req authorityCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	a := &crosscase.Authority{CountryCode: req.CountryCode, Name: req.Name, Kind: req.Kind, City: req.City}
	if err := s.Authorities.CreateAuthority(r.Context(), a); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/authorities/"+strconv.FormatInt(a.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, a)
}

// handleAPIAuthorityGet returns one authority.
func (s *Server) handleAPIAuthorityGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Authority")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	a, err := s.Authorities.FindAuthority(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, a)
}
