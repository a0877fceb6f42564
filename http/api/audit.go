package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// auditFilterFromAPIQuery builds the audit filter from the query string
// (server.AuditFilterFromQuery); the filter's own Validate checks the
// values.
func auditFilterFromAPIQuery(r *http.Request) (crosscase.AuditFilter, error) {
	q, err := server.ReadQuery(r, "user_id", "case_id", "action", "object_type", "from", "to", "cursor", "limit")
	if err != nil {
		return crosscase.AuditFilter{}, err
	}
	limit, err := q.Limit(500)
	if err != nil {
		return crosscase.AuditFilter{}, err
	}
	f, err := server.AuditFilterFromQuery(q.Values, limit)
	if err != nil {
		// A query parameter that cannot be read, as in every list: 400.
		return f, server.BadRequest(crosscase.ErrorField(err), "Query parameter %s: %s", crosscase.ErrorField(err), crosscase.ErrorMessage(err))
	}
	return f, f.Validate()
}

// handleAPIAuditList returns one page of the audit log, newest first
// (administrators).
func (s *Server) handleAPIAuditList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, err := auditFilterFromAPIQuery(r)
	if err != nil {
		// A bad filter from someone who may not read the log at all is
		// answered, and recorded, as the refusal it is.
		if !crosscase.UserFromContext(ctx).IsAdmin() {
			_, _, err = s.Audit.FindAuditEntries(ctx, crosscase.AuditFilter{Limit: 1})
		}
		s.refuseAudit(w, r, err)
		return
	}
	entries, next, err := s.Audit.FindAuditEntries(ctx, f)
	if err != nil {
		s.refuseAudit(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(entries, next))
}

// handleAPIAuditVerify recomputes the audit log's hash chain
// (administrators).
func (s *Server) handleAPIAuditVerify(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	rep, err := s.Audit.VerifyAudit(r.Context())
	if err != nil {
		s.refuseAudit(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, rep)
}

// handleAPIAuditCheckpoint returns the latest signed checkpoint of the
// audit log, for any signed-in user but JIT-only accounts: it holds no
// personal data, and a witness on another host keeps each one it reads
// (README, "Who sees what").
func (s *Server) handleAPIAuditCheckpoint(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	cp, err := s.Audit.LatestAuditCheckpoint(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, cp)
}

// refuseAudit writes err; a refusal to read the audit log is itself
// recorded in the log.
func (s *Server) refuseAudit(w http.ResponseWriter, r *http.Request, err error) {
	if crosscase.ErrorCode(err) == crosscase.EFORBIDDEN {
		ctx := r.Context()
		u := crosscase.UserFromContext(ctx)
		if rerr := s.Audit.RecordAudit(ctx, &crosscase.AuditEntry{
			Action: crosscase.ActionRefuse, ObjectType: "audit",
			UserID: u.ID, UserName: u.Name, DeskID: u.DeskID, RemoteAddr: s.ClientAddr(r),
			Detail: r.Method + " " + r.URL.Path,
		}); rerr != nil {
			s.Logger.Error("record refusal", "err", rerr)
		}
	}
	s.APIError(w, r, err)
}
