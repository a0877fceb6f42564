package http

import (
	"net/http"
	"net/url"
	"strconv"

	"crosscase"
)

type auditPage struct {
	pageBase
	Form        *formState
	Entries     []*crosscase.AuditEntry
	Users       []*crosscase.User
	UserNames   map[int64]string
	Actions     []string
	ObjectTypes []string
	NextURL     string
	FirstURL    string
	Report      *crosscase.AuditReport
}

// auditActions are the actions the audit filter offers.
var auditActions = []string{
	crosscase.ActionCreate, crosscase.ActionRead, crosscase.ActionList, crosscase.ActionUpdate,
	crosscase.ActionDelete, crosscase.ActionExport, crosscase.ActionGrant, crosscase.ActionRevoke,
	crosscase.ActionRefuse, crosscase.ActionLogin, crosscase.ActionLogout, crosscase.ActionFailed,
}

// auditObjectTypes are the object types the audit filter offers.
var auditObjectTypes = []string{
	"case", "entity", "user", "desk", "agreement", "country", "authority", "token", "session", "page",
}

// handleAuditPage browses the audit log with filters, newest first, one
// page at a time, and verifies the hash chain on request. Only
// administrators read the log; the service refuses everyone else.
func (s *Server) handleAuditPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	data := &auditPage{
		pageBase:    pageBase{Title: "Audit log", Nav: "admin"},
		Actions:     auditActions,
		ObjectTypes: auditObjectTypes,
	}
	f, ferr := auditFilterFromQuery(q)
	if ferr == nil {
		var next string
		var err error
		data.Entries, next, err = s.Audit.FindAuditEntries(ctx, f)
		if err != nil && !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		ferr = err
		if next != "" {
			nq := cloneValues(q)
			nq.Del("verify")
			nq.Set("cursor", next)
			data.NextURL = "/admin/audit?" + nq.Encode()
		}
	} else if _, _, err := s.Audit.FindAuditEntries(ctx, crosscase.AuditFilter{Limit: 1}); err != nil {
		// A bad filter from a non-administrator is still a refusal.
		s.Error(w, r, err)
		return
	}
	data.Form = newForm(q, ferr)
	if q.Get("cursor") != "" {
		fq := cloneValues(q)
		fq.Del("cursor")
		fq.Del("verify")
		data.FirstURL = "/admin/audit?" + fq.Encode()
	}
	users, err := s.Users.ListUsers(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data.Users = users
	data.UserNames = map[int64]string{}
	for _, u := range users {
		data.UserNames[u.ID] = u.Name
	}
	if q.Get("verify") != "" {
		if data.Report, err = s.Audit.VerifyAudit(ctx); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	status := http.StatusOK
	if ferr != nil {
		status = formStatus(ferr)
	}
	s.render(w, r, status, "admin_audit.html", data)
}

func auditFilterFromQuery(q url.Values) (crosscase.AuditFilter, error) {
	f := crosscase.AuditFilter{
		Action:     formText(q, "action"),
		ObjectType: formText(q, "object_type"),
		Cursor:     q.Get("cursor"),
		Limit:      100,
	}
	var err error
	if f.UserID, err = formInt(q, "user_id"); err != nil {
		return f, err
	}
	if f.CaseID, err = formInt(q, "case_id"); err != nil {
		return f, crosscase.FieldErrorf("case_id", "A case id is a whole number.")
	}
	from, err := formDate(q, "from")
	if err != nil {
		return f, err
	}
	to, err := formDate(q, "to")
	if err != nil {
		return f, err
	}
	if !from.IsZero() {
		f.From = from.Time()
	}
	if !to.IsZero() {
		if !from.IsZero() && to.Before(from) {
			return f, crosscase.FieldErrorf("to", "The end of the date range is before its start.")
		}
		// The whole last day is included.
		f.To = to.AddDays(1).Time().Add(-1)
	}
	return f, nil
}

// UserName is the name shown for an entry: its own, or the user's.
func (p *auditPage) UserName(e *crosscase.AuditEntry) string {
	if e.UserName != "" {
		return e.UserName
	}
	if n := p.UserNames[e.UserID]; n != "" {
		return n
	}
	if e.UserID != 0 {
		return "user " + strconv.FormatInt(e.UserID, 10)
	}
	return "—"
}
