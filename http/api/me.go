package api

import (
	"fmt"
	"net/http"
	"strings"

	"crosscase"
	"crosscase/http/server"
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
// document rather than an HTML page: 405 with Allow when the path is an
// endpoint's under another method (RFC 9110, 15.5.6), else 404. mux is
// the API's, asked which of its patterns each method would reach.
func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request, mux *http.ServeMux) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.APIError(w, r, &server.RequestError{Status: http.StatusMethodNotAllowed, Err: &crosscase.Error{Code: crosscase.EINVALID,
			Message: fmt.Sprintf("This endpoint does not take %s; it takes %s.", r.Method, strings.Join(allow, ", "))}})
		return
	}
	s.APIError(w, r, crosscase.Errorf(crosscase.ENOTFOUND, "There is no API endpoint %s at this path; see /api/openapi.json.", r.Method))
}
