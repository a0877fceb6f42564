package server

import (
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
)

// ServeAttachment writes an attachment as a download: never shown inline,
// whatever its type, so that a file cannot run as a page of this site.
func (s *Server) ServeAttachment(w http.ResponseWriter, r *http.Request, param string) {
	noticeID, err := APIPathID(r, "id", "Notice")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	id, err := APIPathID(r, param, "Attachment")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	a, content, err := s.Notices.FindAttachment(r.Context(), noticeID, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-SHA256", a.SHA256)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(content)
}

// PartFileName is the file name a part of a multipart form was sent with,
// as it was sent. mime/multipart's own FileName keeps only the name's
// last element, so that "scans/intercepts.txt" or "../../intercepts.txt"
// would be kept as "intercepts.txt" where the rule of a file's name
// (crosscase.CheckFileName, README "Joint investigation teams") refuses
// it, naming the field. Empty when the part names no file.
func PartFileName(h textproto.MIMEHeader) string {
	_, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
	if err != nil {
		return ""
	}
	return params["filename"]
}
