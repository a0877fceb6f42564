package api

import (
	"net/http"

	"crosscase/http/server"
)

// noticeRecipientsRequest is the body of POST /api/v1/notices/{id}/recipients.
type noticeRecipientsRequest struct {
	DeskIDs []int64 `json:"desk_ids"`
}

// handleAPINoticeAddRecipients sends a sent notice to more desks.
func (s *Server) handleAPINoticeAddRecipients(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Notice")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	var req noticeRecipientsRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	n, err := s.Notices.AddNoticeRecipients(r.Context(), id, req.DeskIDs)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, n)
}
