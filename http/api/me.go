package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// handleAPIMe returns the caller, as identified by the bearer token.
func (s *Server) handleAPIMe(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, crosscase.UserFromContext(r.Context()))
}

// handleAPINotFound answers any other path under /api with a problem
// document rather than an HTML page.
func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	s.APIError(w, r, crosscase.Errorf(crosscase.ENOTFOUND, "There is no API endpoint %s at this path; see /api/openapi.json.", r.Method))
}
