package api

import (
	"net/http"

	"crosscase/http/server"
)

// handleAPISearch searches everything the caller may see (README,
// "Search"): one page, from cursor (a next cursor of an earlier page).
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "q", "cursor")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	res, err := s.Search.Search(r.Context(), q.Str("q"), q.Str("cursor"))
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}
