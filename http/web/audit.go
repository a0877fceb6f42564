package web

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"crosscase/http/server"

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
	CSVURL      string // the filtered entries as CSV
}

// handleAuditPage browses the audit log with filters, newest first, one
// page at a time, and verifies the hash chain on request. Only
// administrators read the log; the service refuses everyone else.
func (s *Server) handleAuditPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	data := &auditPage{
		pageBase:    pageBase{Title: "Audit log", Nav: "admin"},
		Actions:     crosscase.AuditActions(),
		ObjectTypes: crosscase.AuditObjectTypes(),
	}
	f, ferr := server.AuditFilterFromQuery(q, 100)
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
	if ferr == nil {
		cq := cloneValues(q)
		cq.Del("cursor")
		cq.Del("verify")
		data.CSVURL = "/admin/audit.csv?" + cq.Encode()
	}
	s.render(w, r, status, "admin_audit.html", data)
}

// handleAuditCSVPage downloads the entries the filter selects, newest
// first, as CSV, page by page from the store so that a long log is never
// held in memory. Administrators only, as the page; the export is audited
// with its filter.
func (s *Server) handleAuditCSVPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := server.AuditFilterFromQuery(q, 500)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	entries, next, err := s.Audit.FindAuditEntries(ctx, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	users, err := s.Users.ListUsers(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	q.Del("cursor")
	if err := s.Audit.RecordAudit(ctx, &crosscase.AuditEntry{Action: crosscase.ActionExport, ObjectType: "audit", Detail: "filter=" + q.Encode()}); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="crosscase-audit.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	cw.Write([]string{"seq", "at", "user", "action", "object_type", "object_id", "case_id", "remote_addr", "reason", "detail", "hash"})
	for {
		for _, e := range entries {
			name := e.UserName
			if name == "" {
				name = names[e.UserID]
			}
			cw.Write([]string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339), crosscase.CSVSafe(name), e.Action, e.ObjectType,
				idText(e.ObjectID), idText(e.CaseID), e.RemoteAddr, crosscase.CSVSafe(e.Reason), crosscase.CSVSafe(e.Detail), e.Hash})
		}
		if next == "" || ctx.Err() != nil {
			break
		}
		f.Cursor = next
		if entries, next, err = s.Audit.FindAuditEntries(ctx, f); err != nil {
			// The header is sent: end the file where the log could not
			// be read, and say so in the server's log.
			s.Logger.Error("audit export", "err", err)
			break
		}
	}
	cw.Flush()
}

// idText is an id as CSV text: empty for none.
func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
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
