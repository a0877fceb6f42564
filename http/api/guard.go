package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// requireAPIUser refuses API callers without a valid bearer token, with a
// query parameter the route does not take (server.QueryParams), or with a body
// over the route's limit.
func (s *Server) requireAPIUser(h http.HandlerFunc, rt server.Route) http.Handler {
	limit := rt.Limit
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if crosscase.UserFromContext(r.Context()) == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="crosscase"`)
			s.Error(w, r, crosscase.Errorf(crosscase.EUNAUTHORIZED, "A valid API token is required (Authorization: Bearer …)."))
			return
		}
		if err := server.SetAuditReason(r, "X-Crosscase-Reason", r.Header.Values("X-Crosscase-Reason")); err != nil {
			s.APIError(w, r, &server.RequestError{Status: http.StatusBadRequest, Err: err})
			return
		}
		if s.RefuseNarrowAccount(w, r, rt) {
			return
		}
		if u := crosscase.UserFromContext(r.Context()); u.MustChangePassword && r.Pattern != "GET /api/v1/me" {
			// As on the pages: a password someone else chose opens nothing
			// until its owner chooses their own.
			s.APIError(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Choose your own password on the Account page first: the one you have was chosen by someone else."))
			return
		}
		if !rt.TakesQuery {
			if _, err := server.ReadQuery(r); err != nil {
				s.APIError(w, r, err)
				return
			}
		}
		if r.ContentLength > limit {
			s.APIError(w, r, server.BodyTooLarge(limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h(w, r)
	})
}

// requireAPIUserEvidence is requireAPIUser for the evidence upload: its
// body may be as large as the configured evidence limit.
func (s *Server) requireAPIUserEvidence(h http.HandlerFunc, rt server.Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt.Limit = s.EvidenceLimit() + 1
		s.requireAPIUser(h, rt).ServeHTTP(w, r)
	})
}
