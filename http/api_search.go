package http

import (
	"net/http"
)

// handleAPISearch searches everything the caller may see (README,
// "Search").
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	q, err := readQuery(r, "q")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.Search.Search(r.Context(), q.str("q"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, res)
}
