package web

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"crosscase/http/server"
	"crosscase/locale"

	"crosscase"
)

type jitListPage struct {
	pageBase
	JITs      []*crosscase.JIT
	Countries *countryIndex
	CanCreate bool
}

// handleJITListPage lists the JITs the caller may see.
func (s *Server) handleJITListPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := &jitListPage{pageBase: pageBase{Title: "Joint investigation teams", Nav: "jits"}, CanCreate: crosscase.CanSetUpJIT(crosscase.UserFromContext(ctx))}
	var err error
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.JITs, err = s.JITs.FindJITs(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "jits.html", data)
}

type jitFormPage struct {
	pageBase
	Authorities []*crosscase.Authority
	Cases       []*crosscase.Case
	Countries   *countryIndex
	Form        *formState
}

func (s *Server) renderJITForm(w http.ResponseWriter, r *http.Request, status int, form *formState) {
	ctx := r.Context()
	data := &jitFormPage{pageBase: pageBase{Title: "Set up a JIT", Nav: "jits"}, Form: form}
	var err error
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Authorities, err = s.Authorities.ListAuthorities(ctx, ""); err != nil {
		s.Error(w, r, err)
		return
	}
	sort.SliceStable(data.Authorities, func(i, k int) bool { return data.Authorities[i].CountryCode < data.Authorities[k].CountryCode })
	if data.Cases, _, err = s.Cases.FindCases(ctx, crosscase.CaseFilter{Limit: 200}); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "jit_form.html", data)
}

// handleJITNewPage shows the form to set up a JIT.
func (s *Server) handleJITNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderJITForm(w, r, http.StatusOK, newForm(nil, nil))
}

// handleJITCreatePage sets up a JIT: its parties are the countries of the
// authorities chosen.
func (s *Server) handleJITCreatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	j, err := s.jitFromForm(r, v)
	if err == nil {
		err = s.JITs.CreateJIT(r.Context(), j)
	}
	if err != nil {
		if isFormError(err) {
			s.renderJITForm(w, r, formStatus(err), newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/jits/"+strconv.FormatInt(j.ID, 10), "jit_created")
}

func (s *Server) jitFromForm(r *http.Request, v url.Values) (*crosscase.JIT, error) {
	j := &crosscase.JIT{Name: server.FormText(v, "name")}
	var err error
	if j.SignedOn, err = server.FormDate(v, "signed_on"); err != nil {
		return nil, err
	}
	if j.EndsOn, err = server.FormDate(v, "ends_on"); err != nil {
		return nil, err
	}
	n, err := formInt(v, "duration_months")
	if err != nil {
		return nil, err
	}
	j.DurationMonths = int(n)
	byCountry := map[string]int{}
	for i, s2 := range formValues(v, "authority_ids") {
		id, err := strconv.ParseInt(s2, 10, 64)
		if err != nil {
			return nil, crosscase.FieldErrorf("authority_ids", "Choice %d is not an authority.", i+1)
		}
		a, err := s.Authorities.FindAuthority(r.Context(), id)
		if err != nil {
			return nil, crosscase.FieldErrorf("authority_ids", "Authority %d does not exist.", id)
		}
		k, ok := byCountry[a.CountryCode]
		if !ok {
			k = len(j.Parties)
			byCountry[a.CountryCode] = k
			j.Parties = append(j.Parties, crosscase.JITParty{CountryCode: a.CountryCode})
		}
		j.Parties[k].AuthorityIDs = append(j.Parties[k].AuthorityIDs, id)
	}
	for _, s2 := range formValues(v, "case_ids") {
		id, err := strconv.ParseInt(s2, 10, 64)
		if err != nil {
			return nil, crosscase.FieldErrorf("case_ids", "%q is not a case.", crosscase.Clip(s2))
		}
		j.CaseIDs = append(j.CaseIDs, id)
	}
	return j, nil
}

type jitPage struct {
	pageBase
	JIT         *crosscase.JIT
	Countries   *countryIndex
	Authorities map[int64]*crosscase.Authority
	Messages    []threadedMessage
	Evidence    []*crosscase.Evidence
	ToDownload  []*crosscase.Evidence // marked for the caller, not yet downloaded
	Space       bool                  // the caller sees messages and evidence
	CanManage   bool
	CanMembers  bool
	Forms       map[string]*formState
	EvidenceMax int64
	// Candidates are the users who may be added (the member picker);
	// Linkable the cases the caller may link (the case picker).
	Candidates []*crosscase.JITMember
	Linkable   []*crosscase.Case
}

// threadedMessage is a message with its depth in its thread and its
// opening words, which name it in the reply picker.
type threadedMessage struct {
	*crosscase.JITMessage
	Depth   int
	Excerpt string
}

// excerpt returns the first words of s, at most n characters, on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n])) + "…"
	}
	return s
}

// Form returns the state of form name (empty when it was not sent).
func (p *jitPage) Form(name string) *formState {
	if f := p.Forms[name]; f != nil {
		return f
	}
	return newForm(nil, nil)
}

// CanDownload reports whether the caller may download ev.
func (p *jitPage) CanDownload(ev *crosscase.Evidence) bool {
	if ev.DeletedAt != nil {
		return false
	}
	if ev.UploadedBy == p.User.ID {
		return true
	}
	for _, r := range ev.Recipients {
		if r.UserID == p.User.ID {
			return true
		}
	}
	return false
}

// Authority names authority id.
func (p *jitPage) Authority(id int64) string {
	if a := p.Authorities[id]; a != nil {
		return a.Name
	}
	return "authority " + strconv.FormatInt(id, 10)
}

// renderJIT shows JIT id; form, when not nil, is the form named formName
// sent again with its error.
func (s *Server) renderJIT(w http.ResponseWriter, r *http.Request, status int, id int64, formName string, form *formState) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	j, err := s.JITs.FindJIT(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &jitPage{pageBase: pageBase{Title: j.Name, Nav: "jits"}, JIT: j, Forms: map[string]*formState{}, EvidenceMax: s.EvidenceLimit(),
		Authorities: map[int64]*crosscase.Authority{}}
	if form != nil {
		data.Forms[formName] = form
	}
	if today := crosscase.DateOf(s.Clock().UTC()); data.Forms["extensions"] == nil && j.Running(today) {
		// The extension form proposes today as the day the parties agreed
		// it; once the JIT has run out, the day is asked for: it came
		// before the end (README, Joint investigation teams (JITs)).
		data.Forms["extensions"] = newForm(url.Values{"agreed_on": {today.String()}}, nil)
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	for _, p := range j.Parties {
		list, err := s.Authorities.ListAuthorities(ctx, p.CountryCode)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, a := range list {
			data.Authorities[a.ID] = a
		}
	}
	data.Space = crosscase.CanUseJITSpace(u, j)
	data.CanManage = crosscase.CanManageJIT(u, j)
	data.CanMembers = crosscase.CanAddJITMembers(u, j) && j.Running(crosscase.DateOf(s.Clock().UTC()))
	if data.CanMembers {
		if data.Candidates, err = s.JITs.FindJITMemberCandidates(ctx, id); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if data.CanManage {
		if data.Linkable, err = s.linkableCases(ctx, j); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if data.Space {
		msgs, err := s.JITs.FindJITMessages(ctx, id)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		depth := map[int64]int{}
		for _, m := range msgs {
			d := 0
			if m.ParentID != 0 {
				d = depth[m.ParentID] + 1
			}
			depth[m.ID] = d
			data.Messages = append(data.Messages, threadedMessage{m, min(d, 6), excerpt(m.Body, 60)})
		}
		if data.Evidence, err = s.Evidence.FindEvidence(ctx, id); err != nil {
			s.Error(w, r, err)
			return
		}
		expired := s.Clock().Add(-crosscase.EvidenceRetention)
		for _, ev := range data.Evidence {
			for _, rc := range ev.Recipients {
				if rc.UserID == u.ID && rc.DownloadedAt == nil && ev.DeletedAt == nil && ev.UploadedAt.After(expired) {
					data.ToDownload = append(data.ToDownload, ev)
				}
			}
		}
	}
	s.render(w, r, status, "jit.html", data)
}

// linkableCases are the cases the caller may see that j does not link
// yet, newest first, for the case picker.
func (s *Server) linkableCases(ctx context.Context, j *crosscase.JIT) ([]*crosscase.Case, error) {
	list, _, err := s.Cases.FindCases(ctx, crosscase.CaseFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	linked := map[int64]bool{}
	for _, c := range j.Cases {
		linked[c.ID] = true
	}
	var out []*crosscase.Case
	for _, c := range list {
		if !linked[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// handleJITPage shows a JIT: parties, cases, dates, extensions, funding,
// members, the message thread and the evidence with who still has to
// download it.
func (s *Server) handleJITPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderJIT(w, r, http.StatusOK, id, "", nil)
}

// jitFormPost reads the form of a JIT page, runs do and redirects back
// with flash, or shows the page again with the error next to form name.
func (s *Server) jitFormPost(w http.ResponseWriter, r *http.Request, name, flash string, do func(id int64, v url.Values) error) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	if err := do(id, v); err != nil {
		if isFormError(err) || crosscase.ErrorCode(err) == crosscase.EFORBIDDEN && name == "evidence" {
			s.renderJIT(w, r, formStatus(err), id, name, newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/jits/"+strconv.FormatInt(id, 10)+"#"+name, flash)
}

// handleJITExtendPage extends a JIT. Its reason comes in field
// extension_reason: the field reason is the audit log's.
func (s *Server) handleJITExtendPage(w http.ResponseWriter, r *http.Request) {
	s.jitFormPost(w, r, "extensions", "jit_extended", func(id int64, v url.Values) error {
		d, err := server.FormDate(v, "new_ends_on")
		if err != nil {
			return err
		}
		agreed, err := server.FormDate(v, "agreed_on")
		if err != nil {
			return err
		}
		x := &crosscase.JITExtension{NewEndsOn: d, AgreedOn: agreed, Reason: strings.TrimSpace(v.Get("extension_reason"))}
		return recordReason(s.JITs.ExtendJIT(r.Context(), id, x), "extension_reason")
	})
}

// handleJITLinkCasePage links a case to a JIT. The case comes in field
// link_case_id, labelled Link a case, so that a refusal of the store's
// field case_id is named as the page names the choice.
func (s *Server) handleJITLinkCasePage(w http.ResponseWriter, r *http.Request) {
	s.jitFormPost(w, r, "cases", "jit_case_linked", func(id int64, v url.Values) error {
		cid, err := formInt(v, "link_case_id")
		if err != nil {
			return err
		}
		if cid == 0 {
			return crosscase.FieldErrorf("link_case_id", "Choose a case.")
		}
		return moveFieldError(s.JITs.LinkJITCase(r.Context(), id, cid), "case_id", "link_case_id")
	})
}

func (s *Server) handleJITFundingCreatePage(w http.ResponseWriter, r *http.Request) {
	s.jitFormPost(w, r, "funding", "jit_funding_added", func(id int64, v url.Values) error {
		amount, err := formInt(v, "applied_eur")
		if err != nil {
			return err
		}
		on, err := server.FormDate(v, "applied_on")
		if err != nil {
			return err
		}
		return s.JITs.AddJITFunding(r.Context(), id, &crosscase.JITFunding{Label: server.FormText(v, "label"), AppliedEUR: amount, AppliedOn: on})
	})
}

func (s *Server) handleJITFundingUpdatePage(w http.ResponseWriter, r *http.Request) {
	fid, err := pathID(r, "funding_id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.jitFormPost(w, r, "funding", "jit_funding_saved", func(id int64, v url.Values) error {
		granted, err := formInt(v, "granted_eur")
		if err != nil {
			return err
		}
		on, err := server.FormDate(v, "decided_on")
		if err != nil {
			return err
		}
		_, err = s.JITs.UpdateJITFunding(r.Context(), id, fid, crosscase.JITFundingUpdate{Status: crosscase.FundingStatus(server.FormText(v, "status")), GrantedEUR: granted, DecidedOn: on})
		return err
	})
}

func (s *Server) handleJITMemberCreatePage(w http.ResponseWriter, r *http.Request) {
	s.jitFormPost(w, r, "members", "jit_member_added", func(id int64, v url.Values) error {
		uid, err := formInt(v, "user_id")
		if err != nil {
			return err
		}
		if uid == 0 {
			return crosscase.FieldErrorf("user_id", "Choose the person to add.")
		}
		aid, err := formInt(v, "authority_id")
		if err != nil {
			return err
		}
		return s.JITs.AddJITMember(r.Context(), id, &crosscase.JITMember{UserID: uid, CountryCode: server.FormText(v, "country_code"), AuthorityID: aid})
	})
}

func (s *Server) handleJITMessagePage(w http.ResponseWriter, r *http.Request) {
	s.jitFormPost(w, r, "messages", "jit_message_posted", func(id int64, v url.Values) error {
		parent, err := formInt(v, "parent_id")
		if err != nil {
			return err
		}
		return s.JITs.PostJITMessage(r.Context(), id, &crosscase.JITMessage{Body: strings.TrimSpace(v.Get("body")), ParentID: parent})
	})
}

// handleEvidenceUploadPage streams a file uploaded with the page's form
// (multipart: csrf_token, then recipient_ids, then file, in that order)
// to disk, without spooling it in memory or temporary files.
func (s *Server) handleEvidenceUploadPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	forbidden := crosscase.Errorf(crosscase.EFORBIDDEN, "The form has expired or did not come from this site. Reload the page and try again.")
	mr, err := r.MultipartReader()
	if err != nil {
		s.Error(w, r, crosscase.FieldErrorf("file", "Send the file with the page's upload form."))
		return
	}
	v := url.Values{}
	csrfOK := false
	small := func(p *multipart.Part) string {
		b, _ := io.ReadAll(io.LimitReader(p, 1024))
		return string(b)
	}
	var up crosscase.EvidenceUpload
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			s.Error(w, r, crosscase.FieldErrorf("file", "The upload could not be read."))
			return
		}
		switch p.FormName() {
		case "csrf_token":
			csrfOK = s.validCSRF(r, small(p))
		case "recipient_ids":
			v.Add("recipient_ids", small(p))
		case "file":
			if !csrfOK {
				s.Error(w, r, forbidden)
				return
			}
			up.FileName, up.ContentType = server.PartFileName(p.Header), p.Header.Get("Content-Type")
			for _, rid := range formValues(v, "recipient_ids") {
				n, err := strconv.ParseInt(rid, 10, 64)
				if err != nil {
					s.renderJIT(w, r, http.StatusUnprocessableEntity, id, "evidence", newForm(v, crosscase.FieldErrorf("recipient_ids", "Choose members from the list.")))
					return
				}
				up.RecipientIDs = append(up.RecipientIDs, n)
			}
			if up.FileName == "" {
				s.renderJIT(w, r, http.StatusUnprocessableEntity, id, "evidence", newForm(v, crosscase.FieldErrorf("file", "Choose a file to upload.")))
				return
			}
			ev, err := s.ReceiveEvidence(w, r, id, up, &lastFilePart{p: p, mr: mr})
			if err != nil {
				if isFormError(err) || crosscase.ErrorCode(err) == crosscase.EFORBIDDEN || crosscase.ErrorCode(err) == crosscase.ETOOLARGE {
					if crosscase.ErrorCode(err) == crosscase.ETOOLARGE {
						// The rest of the body is not read: answer and close.
						w.Header().Set("Connection", "close")
						err = evidenceTooLarge(s.printer(r), s.EvidenceLimit())
					} else {
						// The browser does not keep the file chosen: the
						// form says to choose it again.
						v.Set("file_name", up.FileName)
					}
					s.renderJIT(w, r, formStatus(err), id, "evidence", newForm(v, err))
					return
				}
				s.Error(w, r, err)
				return
			}
			s.redirectFlash(w, r, "/jits/"+strconv.FormatInt(id, 10)+"#evidence-"+strconv.FormatInt(ev.ID, 10), "evidence_uploaded")
			return
		default:
			_, _ = io.Copy(io.Discard, io.LimitReader(p, 1<<16))
		}
	}
	if !csrfOK {
		s.Error(w, r, forbidden)
		return
	}
	s.renderJIT(w, r, http.StatusUnprocessableEntity, id, "evidence", newForm(v, crosscase.FieldErrorf("file", "Choose a file to upload.")))
}

// lastFilePart reads the file part p of the evidence form and, at its end,
// the rest of the form mr: a second file fails the read, so that the
// upload is refused naming the file and nothing is kept, where taking the
// first file would drop the others without a word. Other fields after
// the file are read and ignored; a form cut short fails the read too.
type lastFilePart struct {
	p  *multipart.Part
	mr *multipart.Reader
}

// Read reads the file into b; at its end, it reads the rest of the form
// and fails on a second file or a form cut short.
func (l *lastFilePart) Read(b []byte) (int, error) {
	n, err := l.p.Read(b)
	if err != io.EOF {
		return n, err
	}
	for {
		next, err := l.mr.NextPart()
		if err != nil {
			return n, err // io.EOF at the form's end
		}
		if next.FormName() == "file" {
			return n, crosscase.FieldErrorf("file", "The form sent more than one file; send one at a time.")
		}
		if _, err := io.Copy(io.Discard, io.LimitReader(next, 1<<16)); err != nil {
			return n, err
		}
	}
}

// evidenceTooLargeFormat is the page's refusal of a file over the
// evidence limit.
const evidenceTooLargeFormat = "The file is larger than the limit of %s; nothing was kept."

// evidenceTooLarge is the page's refusal of a file over the evidence
// limit max, the limit written as p's language writes a file's size
// (2 GiB), not as a count of bytes.
func evidenceTooLarge(p *locale.Printer, max int64) error {
	limit := fileSize(p, max)
	return &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "file", Message: fmt.Sprintf(evidenceTooLargeFormat, limit),
		Format: evidenceTooLargeFormat, Args: []any{limit}}
}

// handleEvidenceDownloadPage downloads a file from the JIT page.
func (s *Server) handleEvidenceDownloadPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// A download counts and may delete the file: it must come from this
	// site's own pages (or be typed in), never from another site's link,
	// image or form (Fetch Metadata; browsers that send none are let through).
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Evidence is downloaded from its JIT page on this site, not through a link from elsewhere."))
		return
	}
	s.SendEvidence(w, r, id)
}

// handleJITMemberRemovePage ends a membership from the JIT page.
func (s *Server) handleJITMemberRemovePage(w http.ResponseWriter, r *http.Request) {
	uid, err := pathID(r, "user_id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.jitFormPost(w, r, "members", "jit_member_removed", func(id int64, _ url.Values) error {
		return s.JITs.RemoveJITMember(r.Context(), id, uid)
	})
}

// handleJITCaseUnlinkPage unlinks a case from the JIT page.
func (s *Server) handleJITCaseUnlinkPage(w http.ResponseWriter, r *http.Request) {
	cid, err := pathID(r, "case_id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.jitFormPost(w, r, "cases", "jit_case_unlinked", func(id int64, _ url.Values) error {
		return s.JITs.UnlinkJITCase(r.Context(), id, cid)
	})
}
