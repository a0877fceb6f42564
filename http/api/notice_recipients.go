package api

import "net/http"

// noticeRecipientsRequest is the body of POST /api/v1/notices/{id}/recipients.
type noticeRecipientsRequest struct {
	DeskIDs []int64 `json:"desk_ids"`
}

// handleAPINoticeAddRecipients sends a sent notice to more desks.
func (s *Server) handleAPINoticeAddRecipients(w http.ResponseWriter, r *http.Request) {
	var req noticeRecipientsRequest
	id, ok := s.readChange(w, r, "Notice", &req, nil)
	if !ok {
		return
	}
	n, err := s.Notices.AddNoticeRecipients(r.Context(), id, req.DeskIDs)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, n)
}
