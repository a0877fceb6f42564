package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

type noticeListPage struct {
	pageBase
	Box       crosscase.NoticeBox
	Notices   []*crosscase.Notice
	CanSend   bool
	ShowSent  bool // the desk sends notices: the Sent box (crosscase.ReadsSentNotices)
	Countries *countryIndex
}

// handleNoticeListPage shows the desk's inbox or outbox.
func (s *Server) handleNoticeListPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	showSent := crosscase.ReadsSentNotices(u)
	box := crosscase.NoticeBox(r.URL.Query().Get("box"))
	if box == "" || box == crosscase.Outbox && !showSent {
		box = crosscase.Inbox // a desk that only receives has no Sent box
	}
	list, err := s.Notices.FindNotices(ctx, box, 100)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &noticeListPage{pageBase: pageBase{Title: "Notices", Nav: "notices"}, Box: box, Notices: list,
		CanSend: crosscase.CanSendNotices(u), ShowSent: showSent}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notices.html", data)
}

type noticeFormPage struct {
	pageBase
	Form   *formState
	Groups []deskGroup
}

// deskGroup is the desks of one kind, for the recipients' checkboxes.
type deskGroup struct {
	Label string
	Desks []*crosscase.Desk
}

// groupDesks sorts desks, but those of skip, by kind.
func groupDesks(desks []*crosscase.Desk, skip map[int64]bool) []deskGroup {
	groups := []deskGroup{{Label: "National desks"}, {Label: "Liaison prosecutors"}, {Label: "Contact points"}}
	for _, d := range desks {
		if skip[d.ID] {
			continue
		}
		switch d.Kind {
		case crosscase.DeskNational:
			groups[0].Desks = append(groups[0].Desks, d)
		case crosscase.DeskLiaison:
			groups[1].Desks = append(groups[1].Desks, d)
		default:
			groups[2].Desks = append(groups[2].Desks, d)
		}
	}
	return groups
}

func (s *Server) renderNoticeForm(w http.ResponseWriter, r *http.Request, status int, form *formState) {
	ctx := r.Context()
	desks, err := s.Desks.ListDesks(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := crosscase.UserFromContext(ctx)
	groups := groupDesks(desks, map[int64]bool{u.DeskID: true})
	s.render(w, r, status, "notice_form.html", &noticeFormPage{pageBase: pageBase{Title: "Send a notice", Nav: "notices"}, Form: form, Groups: groups})
}

// handleNoticeNewPage shows the form to send a notice.
func (s *Server) handleNoticeNewPage(w http.ResponseWriter, r *http.Request) {
	if !crosscase.CanSendNotices(crosscase.UserFromContext(r.Context())) {
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors send notices."))
		return
	}
	v := url.Values{}
	v.Set("recipients", "all")
	s.renderNoticeForm(w, r, http.StatusOK, newForm(v, nil))
}

// noticeFromForm reads the send form (already parsed, with its files).
func noticeFromForm(r *http.Request) (*crosscase.Notice, []crosscase.NoticeFile, url.Values, error) {
	v := url.Values{}
	if r.MultipartForm == nil {
		return nil, nil, v, crosscase.FieldErrorf("body", "Send the form as multipart/form-data.")
	}
	for k, vs := range r.MultipartForm.Value {
		v[k] = vs
	}
	n := &crosscase.Notice{Subject: server.FormText(v, "subject"), Body: v.Get("body"), PersonalData: v.Get("personal_data") == "on", ToAll: v.Get("recipients") == "all"}
	if !n.ToAll {
		for _, s := range formValues(v, "recipient_desk_ids") {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil || id <= 0 {
				return nil, nil, v, crosscase.FieldErrorf("recipient_desk_ids", "Choose desks from the list.")
			}
			n.RecipientDeskIDs = append(n.RecipientDeskIDs, id)
		}
	}
	var files []crosscase.NoticeFile
	for i, fh := range r.MultipartForm.File["attachment"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		field := "attachments[" + strconv.Itoa(i) + "]"
		name := server.PartFileName(fh.Header)
		if fh.Size > crosscase.MaxAttachmentBytes {
			return nil, nil, v, crosscase.Errorf(crosscase.ETOOLARGE, "%s is larger than the limit of 25 MiB for one file.", name).WithField(field)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, nil, v, crosscase.FieldErrorf(field, "The file could not be read.")
		}
		b, err := io.ReadAll(io.LimitReader(f, crosscase.MaxAttachmentBytes+1))
		f.Close()
		if err != nil || len(b) > crosscase.MaxAttachmentBytes {
			return nil, nil, v, crosscase.FieldErrorf(field, "The file could not be read, or is larger than 25 MiB.")
		}
		ct := fh.Header.Get("Content-Type")
		if ct == "" {
			ct = "application/octet-stream"
		}
		files = append(files, crosscase.NoticeFile{Name: name, ContentType: ct, Content: b})
	}
	return n, files, v, nil
}

// handleNoticeSendPage sends a notice from the caller's desk.
func (s *Server) handleNoticeSendPage(w http.ResponseWriter, r *http.Request) {
	n, files, v, err := noticeFromForm(r)
	if err == nil {
		err = s.Notices.SendNotice(r.Context(), n, files)
	}
	if err != nil {
		if isFormError(err) || crosscase.ErrorField(err) != "" {
			// The browser does not keep the files chosen: the form names
			// them, to be chosen again.
			if r.MultipartForm != nil && crosscase.ErrorCode(err) != crosscase.ETOOLARGE {
				for _, fh := range r.MultipartForm.File["attachment"] {
					if name := server.PartFileName(fh.Header); name != "" {
						v.Add("attachment_names", name)
					}
				}
			}
			s.renderNoticeForm(w, r, formStatus(err), newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/notices/"+strconv.FormatInt(n.ID, 10), "notice_sent")
}

type noticePage struct {
	pageBase
	Notice    *crosscase.Notice
	IsSender  bool
	Mine      *crosscase.NoticeRecipient // the caller's desk as recipient
	CanAck    bool
	Countries *countryIndex
	// CanAdd shows the sender desk the form to add recipients: Addable
	// are the desks that have not received the notice.
	CanAdd  bool
	Addable []deskGroup
	AddForm *formState
}

// handleNoticePage shows a notice with its attachments and, to the
// sender, who has and has not acknowledged it.
func (s *Server) handleNoticePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderNoticePage(w, r, id, nil)
}

// renderNoticePage shows notice id, with addErr next to the form that
// adds recipients when it refused the desks chosen.
func (s *Server) renderNoticePage(w http.ResponseWriter, r *http.Request, id int64, addErr error) {
	ctx := r.Context()
	n, err := s.Notices.FindNotice(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := crosscase.UserFromContext(ctx)
	data := &noticePage{pageBase: pageBase{Title: n.Subject, Nav: "notices"}, Notice: n, IsSender: n.SenderDeskID == u.DeskID}
	for _, rc := range n.Recipients {
		if rc.DeskID == u.DeskID {
			data.Mine = rc
		}
	}
	data.CanAck = data.Mine != nil && data.Mine.AcknowledgedAt == nil && crosscase.CanAcknowledgeNotices(u)
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	data.CanAdd = data.IsSender && crosscase.CanSendNotices(u)
	status := http.StatusOK
	if data.CanAdd {
		desks, err := s.Desks.ListDesks(ctx)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		has := map[int64]bool{u.DeskID: true}
		for _, id := range n.RecipientDeskIDs {
			has[id] = true
		}
		data.Addable = groupDesks(desks, has)
		v := url.Values{}
		if addErr != nil {
			v = r.PostForm
			status = formStatus(addErr)
		}
		data.AddForm = newForm(v, addErr)
	}
	s.render(w, r, status, "notice.html", data)
}

// handleNoticeAcknowledgePage acknowledges a notice for the caller's desk.
func (s *Server) handleNoticeAcknowledgePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Notices.AcknowledgeNotice(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/notices/"+strconv.FormatInt(id, 10), "notice_acknowledged")
}

// handleNoticeAttachmentPage downloads an attachment.
func (s *Server) handleNoticeAttachmentPage(w http.ResponseWriter, r *http.Request) {
	s.ServeAttachment(w, r, "attachment_id")
}

// handleNoticeAddRecipientsPage adds the desks chosen on the notice page.
func (s *Server) handleNoticeAddRecipientsPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var ids []int64
	for _, v := range formValues(r.PostForm, "desk_ids") {
		d, err := strconv.ParseInt(v, 10, 64)
		if err != nil || d <= 0 {
			s.renderNoticePage(w, r, id, crosscase.FieldErrorf("desk_ids", "Choose desks from the list."))
			return
		}
		ids = append(ids, d)
	}
	if _, err := s.Notices.AddNoticeRecipients(r.Context(), id, ids); err != nil {
		if crosscase.ErrorField(err) != "" {
			s.renderNoticePage(w, r, id, err)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/notices/"+strconv.FormatInt(id, 10), "notice_recipients_added")
}
