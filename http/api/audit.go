package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// auditFilterFromAPIQuery builds the audit filter from the query string.
// from and to are dates; to includes its whole day.
func auditFilterFromAPIQuery(r *http.Request) (crosscase.AuditFilter, error) {
	q, err := server.ReadQuery(r, "user_id", "case_id", "action", "object_type", "from", "to", "cursor", "limit")
	if err != nil {
		return crosscase.AuditFilter{}, err
	}
	f := crosscase.AuditFilter{Action: q.Str("action"), ObjectType: q.Str("object_type"), Cursor: q.Values.Get("cursor")}
	if f.UserID, err = q.ID("user_id"); err != nil {
		return f, err
	}
	if f.CaseID, err = q.ID("case_id"); err != nil {
		return f, err
	}
	if f.Limit, err = q.Limit(500); err != nil {
		return f, err
	}
	from, err := q.Date("from")
	if err != nil {
		return f, err
	}
	to, err := q.Date("to")
	if err != nil {
		return f, err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return f, crosscase.FieldErrorf("to", "The end of the date range is before its start.")
	}
	if !from.IsZero() {
		f.From = from.Time()
	}
	if !to.IsZero() {
		f.To = to.AddDays(1).Time()
	}
	return f, nil
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
