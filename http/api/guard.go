package api

import (
	"io"
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// requireAPIUser refuses API callers without a valid bearer token, with a
// query parameter the route does not take (server.QueryParams), with a
// body where the route takes none (server.NoBody), or with a body over
// the route's limit.
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
		if rt.TakesNoBody(r.Method) && hasBody(r) {
			s.APIError(w, r, server.BadRequest("body", "This endpoint takes no body; a reason for the audit log goes in the X-Crosscase-Reason header."))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h(w, r)
	})
}

// hasBody reports whether r carries a body: a length, or a first byte of
// one sent without a length (chunked).
func hasBody(r *http.Request) bool {
	if r.ContentLength != -1 || r.Body == nil || r.Body == http.NoBody {
		return r.ContentLength > 0
	}
	var b [1]byte
	n, _ := io.ReadFull(r.Body, b[:])
	return n > 0
}

// requireAPIUserEvidence is requireAPIUser for the evidence upload: its
// body may be as large as the configured evidence limit.
func (s *Server) requireAPIUserEvidence(h http.HandlerFunc, rt server.Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt.Limit = s.EvidenceLimit() + 1
		s.requireAPIUser(h, rt).ServeHTTP(w, r)
	})
}
