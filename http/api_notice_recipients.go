package http

import (
	"net/http"
	"strconv"

	"crosscase"
)

// noticeRecipientsRequest is the body of POST /api/v1/notices/{id}/recipients.
type noticeRecipientsRequest struct {
	DeskIDs []int64 `json:"desk_ids"`
}

// handleAPINoticeAddRecipients sends a sent notice to more desks.
func (s *Server) handleAPINoticeAddRecipients(w http.ResponseWriter, r *http.Request) {
	id, err := apiPathID(r, "id", "Notice")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req noticeRecipientsRequest
	if err := readJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	n, err := s.Notices.AddNoticeRecipients(r.Context(), id, req.DeskIDs)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, n)
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
