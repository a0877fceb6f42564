package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// noticeCreateRequest is the body of POST /api/v1/notices, or its
// "notice" part when files are attached.
type noticeCreateRequest struct {
	Subject          string  `json:"subject"`
	Body             string  `json:"body"`
	PersonalData     bool    `json:"personal_data"`
	ToAll            bool    `json:"to_all"`
	RecipientDeskIDs []int64 `json:"recipient_desk_ids"`
}

func (req *noticeCreateRequest) toNotice() *crosscase.Notice {
	return &crosscase.Notice{Subject: req.Subject, Body: req.Body, PersonalData: req.PersonalData, ToAll: req.ToAll, RecipientDeskIDs: req.RecipientDeskIDs}
}

// readFilePart reads one uploaded file, at most MaxAttachmentBytes: a
// larger file is refused as soon as the limit is passed, naming field.
func readFilePart(p *multipart.Part, field string) (crosscase.NoticeFile, error) {
	f := crosscase.NoticeFile{Name: server.PartFileName(p.Header), ContentType: p.Header.Get("Content-Type")}
	if f.ContentType == "" {
		f.ContentType = "application/octet-stream"
	}
	b, err := io.ReadAll(io.LimitReader(p, crosscase.MaxAttachmentBytes+1))
	if err != nil {
		return f, uploadReadError(err, field)
	}
	if len(b) > crosscase.MaxAttachmentBytes {
		return f, &crosscase.Error{Code: crosscase.ETOOLARGE, Field: field,
			Message: fmt.Sprintf("%s is larger than the limit of %d bytes (25 MiB) for one file.", f.Name, crosscase.MaxAttachmentBytes)}
	}
	f.Content = b
	return f, nil
}

// uploadReadError turns a failed read of an upload into a 413 when the
// request passed its size limit, and a 400 otherwise.
func uploadReadError(err error, field string) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return server.BodyTooLarge(server.MaxUploadBytes)
	}
	return server.BadRequest(field, "The upload could not be read.")
}

// readNoticeRequest reads a notice to send: a JSON body, or a
// multipart/form-data body with the notice as JSON in a part named
// "notice" and each file in a part named "attachment".
func readNoticeRequest(r *http.Request) (*crosscase.Notice, []crosscase.NoticeFile, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		var req noticeCreateRequest
		if err := server.ReadJSON(r, &req); err != nil {
			return nil, nil, err
		}
		return req.toNotice(), nil, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, server.BadRequest("body", "The multipart body could not be read.")
	}
	var n *crosscase.Notice
	var files []crosscase.NoticeFile
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, uploadReadError(err, "body")
		}
		switch p.FormName() {
		case "notice":
			if n != nil {
				return nil, nil, server.BadRequest("notice", "Give the notice part once.")
			}
			b, err := io.ReadAll(io.LimitReader(p, server.MaxBodyBytes+1))
			if err != nil {
				return nil, nil, uploadReadError(err, "notice")
			}
			if len(b) > server.MaxBodyBytes {
				return nil, nil, &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "notice", Message: "The notice part is larger than 1 MiB."}
			}
			var req noticeCreateRequest
			if err := server.DecodeBody(b, &req); err != nil {
				return nil, nil, err
			}
			n = req.toNotice()
		case "attachment":
			field := "attachments[" + strconv.Itoa(len(files)) + "]"
			if len(files) >= crosscase.MaxAttachments {
				return nil, nil, crosscase.FieldErrorf("attachments", "A notice carries at most %d files.", crosscase.MaxAttachments)
			}
			f, err := readFilePart(p, field)
			if err != nil {
				return nil, nil, err
			}
			files = append(files, f)
		default:
			return nil, nil, server.BadRequest(crosscase.Clip(p.FormName()), "Unknown part %q; send \"notice\" and \"attachment\" parts.", crosscase.Clip(p.FormName()))
		}
	}
	if n == nil {
		return nil, nil, server.BadRequest("notice", "The multipart body needs a part named \"notice\" holding the notice as JSON.")
	}
	return n, files, nil
}

// handleAPINoticeSend sends a notice from the caller's desk.
func (s *Server) handleAPINoticeSend(w http.ResponseWriter, r *http.Request) {
	n, files, err := readNoticeRequest(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Notices.SendNotice(r.Context(), n, files); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/notices/"+strconv.FormatInt(n.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, n)
}

// handleAPINoticeList returns the caller's desk's inbox or outbox.
func (s *Server) handleAPINoticeList(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "box", "limit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	box := crosscase.NoticeBox(q.Str("box"))
	if box == "" {
		box = crosscase.Inbox
	}
	limit, err := q.Limit(200)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Notices.FindNotices(r.Context(), box, limit)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPINoticeGet returns a notice the caller's desk sent or received.
func (s *Server) handleAPINoticeGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Notice")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	n, err := s.Notices.FindNotice(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, n)
}

// handleAPINoticeAcknowledge acknowledges a notice for the caller's desk.
func (s *Server) handleAPINoticeAcknowledge(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Notice")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Notices.AcknowledgeNotice(r.Context(), id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAPIAttachmentGet downloads an attachment of a readable notice.
func (s *Server) handleAPIAttachmentGet(w http.ResponseWriter, r *http.Request) {
	s.ServeAttachment(w, r, "attachment_id")
}
