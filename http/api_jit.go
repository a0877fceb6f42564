package http

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"crosscase"
)

// DefaultEvidenceMax is the largest evidence file accepted unless the
// server is told otherwise (serve --evidence-max): 2 GiB.
const DefaultEvidenceMax = 2 << 30

// evidenceMax returns the configured limit of an evidence file.
func (s *Server) evidenceMax() int64 {
	if s.EvidenceMax > 0 {
		return s.EvidenceMax
	}
	return DefaultEvidenceMax
}

// jitMemberAllowed reports whether a JIT-only account (RoleJITMember) may
// use the route with pattern: its JITs, its evidence, its own account
// and the dashboard, nothing else (docs/design.md, rule 1: a JIT member
// sees only their JITs); the store applies need to know inside these routes.
func jitMemberAllowed(pattern string) bool {
	switch pattern {
	case "GET /jits/new", "POST /jits", "POST /api/v1/jits":
		// Setting up a JIT is for desk members and liaison prosecutors;
		// its form lists every authority.
		return false
	case "GET /{$}", "POST /logout", "GET /account", "POST /account/password", "POST /account/tokens", "POST /account/tokens/{id}/revoke",
		"GET /api/v1/me", "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}":
		return true
	}
	_, path, _ := strings.Cut(pattern, " ")
	for _, prefix := range []string{"/jits", "/evidence", "/api/v1/jits", "/api/v1/evidence",
		// Case content through the API: the store's need to know answers
		// these as for any caller without access (404, empty lists), so
		// that a JIT member cannot tell a case that exists from one that
		// does not.
		"/api/v1/cases", "/api/v1/entities", "/api/v1/hits", "/api/v1/activity"} {
		if path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

// refuseJITMember answers 403 when a JIT-only account calls a route
// outside its JITs, and audits the refusal. It reports whether it did.
func (s *Server) refuseJITMember(w http.ResponseWriter, r *http.Request) bool {
	u := crosscase.UserFromContext(r.Context())
	if u == nil || u.Role != crosscase.RoleJITMember || jitMemberAllowed(r.Pattern) {
		return false
	}
	if s.Audit != nil {
		_ = s.Audit.RecordAudit(r.Context(), &crosscase.AuditEntry{Action: crosscase.ActionRefuse, ObjectType: "route", Detail: clip(r.Pattern)})
	}
	s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "A JIT member's account reaches only the JITs it is a member of."))
	return true
}

// requireAPIUserEvidence is requireAPIUser for the evidence upload: its
// body may be as large as the configured evidence limit.
func (s *Server) requireAPIUserEvidence(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requireAPIUserLimit(h, s.evidenceMax()+1).ServeHTTP(w, r)
	})
}

// extendDeadlines lets a request carrying or returning size bytes run
// past the server's 60 s read and write timeouts: at least an hour, and
// at least size at 1 MiB/s.
func extendDeadlines(w http.ResponseWriter, size int64) {
	d := time.Duration(size>>20) * time.Second
	if d < time.Hour {
		d = time.Hour
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(d))
	_ = rc.SetWriteDeadline(time.Now().Add(d))
}

// jitCreateRequest is the body of POST /api/v1/jits.
type jitCreateRequest struct {
	Name           string               `json:"name"`
	Parties        []crosscase.JITParty `json:"parties"`
	CaseIDs        []int64              `json:"case_ids"`
	SignedOn       crosscase.Date       `json:"signed_on"`
	DurationMonths int                  `json:"duration_months"`
	EndsOn         crosscase.Date       `json:"ends_on"`
}

// jitExtensionRequest is the body of POST /api/v1/jits/{id}/extensions.
type jitExtensionRequest struct {
	NewEndsOn crosscase.Date `json:"new_ends_on"`
	Reason    string         `json:"reason"`
}

// jitCaseRequest is the body of POST /api/v1/jits/{id}/cases.
type jitCaseRequest struct {
	CaseID int64 `json:"case_id"`
}

// jitFundingCreateRequest is the body of POST /api/v1/jits/{id}/funding.
type jitFundingCreateRequest struct {
	Label      string         `json:"label"`
	AppliedEUR int64          `json:"applied_eur"`
	AppliedOn  crosscase.Date `json:"applied_on"`
}

// jitMemberCreateRequest is the body of POST /api/v1/jits/{id}/members.
type jitMemberCreateRequest struct {
	UserID      int64  `json:"user_id"`
	CountryCode string `json:"country_code"`
	AuthorityID int64  `json:"authority_id"`
}

// jitMessageCreateRequest is the body of POST /api/v1/jits/{id}/messages.
type jitMessageCreateRequest struct {
	Body     string `json:"body"`
	ParentID int64  `json:"parent_id"`
}

func (s *Server) handleAPIJITList(w http.ResponseWriter, r *http.Request) {
	if _, err := readQuery(r); err != nil {
		s.apiError(w, r, err)
		return
	}
	list, err := s.JITs.FindJITs(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newList(list, ""))
}

func (s *Server) handleAPIJITCreate(w http.ResponseWriter, r *http.Request) {
	var req jitCreateRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	j := &crosscase.JIT{Name: req.Name, Parties: req.Parties, CaseIDs: req.CaseIDs, SignedOn: req.SignedOn, DurationMonths: req.DurationMonths, EndsOn: req.EndsOn}
	if err := s.JITs.CreateJIT(r.Context(), j); err != nil {
		s.apiError(w, r, err)
		return
	}
	got, err := s.JITs.FindJIT(r.Context(), j.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/jits/"+strconv.FormatInt(j.ID, 10))
	s.writeJSON(w, r, http.StatusCreated, got)
}

// jitID returns the JIT id of the path, or answers 404.
func (s *Server) jitID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := apiPathID(r, "id", "JIT")
	if err != nil {
		s.apiError(w, r, err)
		return 0, false
	}
	return id, true
}

func (s *Server) handleAPIJITGet(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	j, err := s.JITs.FindJIT(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, j)
}

// jitChanged answers with the JIT after a change.
func (s *Server) jitChanged(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	j, err := s.JITs.FindJIT(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, j)
}

func (s *Server) handleAPIJITExtend(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitExtensionRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.jitChanged(w, r, id, s.JITs.ExtendJIT(r.Context(), id, &crosscase.JITExtension{NewEndsOn: req.NewEndsOn, Reason: req.Reason}))
}

func (s *Server) handleAPIJITLinkCase(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitCaseRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.jitChanged(w, r, id, s.JITs.LinkJITCase(r.Context(), id, req.CaseID))
}

func (s *Server) handleAPIJITFundingCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitFundingCreateRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	f := &crosscase.JITFunding{Label: req.Label, AppliedEUR: req.AppliedEUR, AppliedOn: req.AppliedOn}
	if err := s.JITs.AddJITFunding(r.Context(), id, f); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, f)
}

func (s *Server) handleAPIJITFundingUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	fid, err := apiPathID(r, "funding_id", "Funding record")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req crosscase.JITFundingUpdate
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := s.JITs.UpdateJITFunding(r.Context(), id, fid, req)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, f)
}

func (s *Server) handleAPIJITMemberCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitMemberCreateRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	m := &crosscase.JITMember{UserID: req.UserID, CountryCode: req.CountryCode, AuthorityID: req.AuthorityID}
	if err := s.JITs.AddJITMember(r.Context(), id, m); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, m)
}

func (s *Server) handleAPIJITMessageList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	list, err := s.JITs.FindJITMessages(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newList(list, ""))
}

func (s *Server) handleAPIJITMessageCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitMessageCreateRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	m := &crosscase.JITMessage{Body: req.Body, ParentID: req.ParentID}
	if err := s.JITs.PostJITMessage(r.Context(), id, m); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, m)
}

func (s *Server) handleAPIEvidenceList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	list, err := s.Evidence.FindEvidence(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newList(list, ""))
}

// parseIDList reads "1,2,3" as ids, naming field on failure.
func parseIDList(field, s string) ([]int64, error) {
	var out []int64
	for i, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil || n <= 0 {
			return nil, badRequest(field+"["+strconv.Itoa(i)+"]", "%q is not a user id.", clip(part))
		}
		out = append(out, n)
	}
	return out, nil
}

// handleAPIEvidenceUpload takes the file as the raw request body, its type
// in Content-Type, its name in ?filename= and its recipients in
// ?recipient_ids=1,2. The body is streamed to disk in constant memory.
func (s *Server) handleAPIEvidenceUpload(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	q, err := readQuery(r, "filename", "recipient_ids")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	recipients, err := parseIDList("recipient_ids", q.str("recipient_ids"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	up := crosscase.EvidenceUpload{FileName: q.str("filename"), ContentType: r.Header.Get("Content-Type"), RecipientIDs: recipients}
	if up.FileName == "" {
		s.apiError(w, r, badRequest("filename", "Name the file with the query parameter filename."))
		return
	}
	if up.ContentType != "" {
		if _, _, err := mime.ParseMediaType(up.ContentType); err != nil {
			s.apiError(w, r, badRequest("Content-Type", "The Content-Type header is not a media type."))
			return
		}
	}
	ev, err := s.receiveEvidence(w, r, id, up, r.Body)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/evidence/"+strconv.FormatInt(ev.ID, 10))
	s.writeJSON(w, r, http.StatusCreated, ev)
}

// receiveEvidence refuses a declared length over the limit before
// reading anything, lets the upload outlast the server's timeouts, and
// streams body into the store.
func (s *Server) receiveEvidence(w http.ResponseWriter, r *http.Request, id int64, up crosscase.EvidenceUpload, body io.Reader) (*crosscase.Evidence, error) {
	max := s.evidenceMax()
	if r.ContentLength > max+1<<20 {
		return nil, &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "file",
			Message: fmt.Sprintf("The file is larger than the limit of %d bytes; nothing was kept.", max)}
	}
	if s.Evidence == nil {
		return nil, crosscase.Errorf(crosscase.ENOTIMPL, "This server keeps no evidence files.")
	}
	extendDeadlines(w, r.ContentLength)
	return s.Evidence.UploadEvidence(r.Context(), id, up, body, max)
}

func (s *Server) handleAPIEvidenceGet(w http.ResponseWriter, r *http.Request) {
	id, err := apiPathID(r, "id", "Evidence")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ev, err := s.Evidence.FindEvidenceByID(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, ev)
}

func (s *Server) handleAPIEvidenceDownload(w http.ResponseWriter, r *http.Request) {
	id, err := apiPathID(r, "id", "Evidence")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.sendEvidence(w, r, id)
}

// sendEvidence streams evidence id as an attachment with its length,
// type and stored SHA-256 (Repr-Digest, RFC 9530). A HEAD request gets the
// headers and records nothing. The download is recorded (and the file
// deleted after its last recipient) only once every byte was written and
// flushed to the client, in a transaction of its own: a download cut short
// does not count, and its attempt stays in the audit log.
func (s *Server) sendEvidence(w http.ResponseWriter, r *http.Request, id int64) {
	if s.Evidence == nil {
		s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "This server keeps no evidence files."))
		return
	}
	if r.Method == http.MethodHead {
		ev, err := s.Evidence.CheckEvidenceDownload(r.Context(), id)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		setEvidenceHeaders(w, ev)
		w.WriteHeader(http.StatusOK)
		return
	}
	ev, rc, err := s.Evidence.OpenEvidence(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	defer rc.Close()
	setEvidenceHeaders(w, ev)
	extendDeadlines(w, ev.Size)
	w.WriteHeader(http.StatusOK)
	buf := make([]byte, 1<<20)
	n, err := io.CopyBuffer(w, readerOnly{rc}, buf)
	if err == nil && n != ev.Size {
		err = fmt.Errorf("sent %d of %d bytes", n, ev.Size)
	}
	if err == nil {
		err = http.NewResponseController(w).Flush()
	}
	if err != nil {
		s.Logger.Warn("evidence download cut; not counted", "id", id, "err", err)
		return
	}
	// The client has every byte: the download counts even if it hangs up now.
	if err := s.Evidence.RecordEvidenceDownload(context.WithoutCancel(r.Context()), id); err != nil {
		s.Logger.Warn("evidence download not recorded", "id", id, "err", err)
	}
}

// setEvidenceHeaders sets the headers of an evidence download.
func setEvidenceHeaders(w http.ResponseWriter, ev *crosscase.Evidence) {
	sum, _ := hex.DecodeString(ev.SHA256)
	h := w.Header()
	ct := ev.ContentType
	if _, _, err := mime.ParseMediaType(ct); err != nil || ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.FormatInt(ev.Size, 10))
	h.Set("Content-Disposition", contentDisposition(ev.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
}

// readerOnly hides a file's WriterTo so that the copy uses a fixed buffer.
type readerOnly struct{ io.Reader }

// contentDisposition returns an attachment header with a safe ASCII
// filename (anything else becomes '_') and the exact name in filename*.
func contentDisposition(name string) string {
	safe := strings.Map(func(c rune) rune {
		if c > unicode.MaxASCII || c < 0x20 || c == 0x7f || strings.ContainsRune(`"\/:*?<>|;%`, c) {
			return '_'
		}
		return c
	}, name)
	safe = strings.TrimLeft(safe, ".")
	if safe == "" {
		safe = "evidence"
	}
	return `attachment; filename="` + safe + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// handleAPIJITMemberDelete ends a membership.
func (s *Server) handleAPIJITMemberDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	uid, err := apiPathID(r, "user_id", "Member")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.JITs.RemoveJITMember(r.Context(), id, uid); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAPIJITCaseDelete unlinks a case.
func (s *Server) handleAPIJITCaseDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	cid, err := apiPathID(r, "case_id", "Linked case")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.JITs.UnlinkJITCase(r.Context(), id, cid); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
