package api

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

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
	AgreedOn  crosscase.Date `json:"agreed_on"`
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
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.JITs.FindJITs(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

func (s *Server) handleAPIJITCreate(w http.ResponseWriter, r *http.Request) {
	var req jitCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	j := &crosscase.JIT{Name: req.Name, Parties: req.Parties, CaseIDs: req.CaseIDs, SignedOn: req.SignedOn, DurationMonths: req.DurationMonths, EndsOn: req.EndsOn}
	if err := s.JITs.CreateJIT(r.Context(), j); err != nil {
		s.APIError(w, r, err)
		return
	}
	got, err := s.JITs.FindJIT(r.Context(), j.ID)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/jits/"+strconv.FormatInt(j.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, got)
}

// jitID returns the JIT id of the path, or answers 404.
func (s *Server) jitID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := server.APIPathID(r, "id", "JIT")
	if err != nil {
		s.APIError(w, r, err)
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
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, j)
}

// jitChanged answers with the JIT after a change.
func (s *Server) jitChanged(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	j, err := s.JITs.FindJIT(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, j)
}

func (s *Server) handleAPIJITExtend(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitExtensionRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.jitChanged(w, r, id, s.JITs.ExtendJIT(r.Context(), id, &crosscase.JITExtension{NewEndsOn: req.NewEndsOn, AgreedOn: req.AgreedOn, Reason: req.Reason}))
}

func (s *Server) handleAPIJITLinkCase(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitCaseRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
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
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	f := &crosscase.JITFunding{Label: req.Label, AppliedEUR: req.AppliedEUR, AppliedOn: req.AppliedOn}
	if err := s.JITs.AddJITFunding(r.Context(), id, f); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, f)
}

func (s *Server) handleAPIJITFundingUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	fid, err := server.APIPathID(r, "funding_id", "Funding record")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	var req crosscase.JITFundingUpdate
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	f, err := s.JITs.UpdateJITFunding(r.Context(), id, fid, req)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, f)
}

func (s *Server) handleAPIJITMemberCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitMemberCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	m := &crosscase.JITMember{UserID: req.UserID, CountryCode: req.CountryCode, AuthorityID: req.AuthorityID}
	if err := s.JITs.AddJITMember(r.Context(), id, m); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, m)
}

func (s *Server) handleAPIJITMessageList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	list, err := s.JITs.FindJITMessages(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

func (s *Server) handleAPIJITMessageCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	var req jitMessageCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	m := &crosscase.JITMessage{Body: req.Body, ParentID: req.ParentID}
	if err := s.JITs.PostJITMessage(r.Context(), id, m); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, m)
}

func (s *Server) handleAPIEvidenceList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	list, err := s.Evidence.FindEvidence(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
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
			return nil, server.BadRequest(field+"["+strconv.Itoa(i)+"]", "%q is not a user id.", crosscase.Clip(part))
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
	q, err := server.ReadQuery(r, "filename", "recipient_ids")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	recipients, err := parseIDList("recipient_ids", q.Str("recipient_ids"))
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	up := crosscase.EvidenceUpload{FileName: q.Str("filename"), ContentType: r.Header.Get("Content-Type"), RecipientIDs: recipients}
	if up.FileName == "" {
		s.APIError(w, r, server.BadRequest("filename", "Name the file with the query parameter filename."))
		return
	}
	if up.ContentType != "" {
		if _, _, err := mime.ParseMediaType(up.ContentType); err != nil {
			s.APIError(w, r, server.BadRequest("Content-Type", "The Content-Type header is not a media type."))
			return
		}
	}
	ev, err := s.ReceiveEvidence(w, r, id, up, r.Body)
	if e := (*crosscase.Error)(nil); errors.As(err, &e) && (e.Field == "file_name" || e.Field == "content_type") {
		// The store names the record's field; the request gave it as
		// the query parameter filename, or as its Content-Type.
		field := map[string]string{"file_name": "filename", "content_type": "Content-Type"}[e.Field]
		err = &crosscase.Error{Code: e.Code, Field: field, Message: e.Message}
	}
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/evidence/"+strconv.FormatInt(ev.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, ev)
}

func (s *Server) handleAPIEvidenceGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Evidence")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	ev, err := s.Evidence.FindEvidenceByID(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, ev)
}

func (s *Server) handleAPIEvidenceDownload(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Evidence")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.SendEvidence(w, r, id)
}

// handleAPIJITMemberDelete ends a membership.
func (s *Server) handleAPIJITMemberDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.jitID(w, r)
	if !ok {
		return
	}
	uid, err := server.APIPathID(r, "user_id", "Member")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.JITs.RemoveJITMember(r.Context(), id, uid); err != nil {
		s.APIError(w, r, err)
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
	cid, err := server.APIPathID(r, "case_id", "Linked case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.JITs.UnlinkJITCase(r.Context(), id, cid); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
