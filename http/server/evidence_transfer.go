package server

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

// EvidenceLimit returns the configured limit of an evidence file.
func (s *Server) EvidenceLimit() int64 {
	if s.EvidenceMax > 0 {
		return s.EvidenceMax
	}
	return DefaultEvidenceMax
}

// ReceiveEvidence refuses a declared length over the limit before
// reading anything, lets the upload outlast the server's timeouts, and
// streams body into the store.
func (s *Server) ReceiveEvidence(w http.ResponseWriter, r *http.Request, id int64, up crosscase.EvidenceUpload, body io.Reader) (*crosscase.Evidence, error) {
	max := s.EvidenceLimit()
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

// SendEvidence streams evidence id as an attachment with its length,
// type and stored SHA-256 (Repr-Digest, RFC 9530). A HEAD request gets the
// headers and records nothing. The download is recorded (and the file
// deleted after its last recipient) only once every byte was written and
// flushed to the client, in a transaction of its own: a download cut short
// does not count, and its attempt stays in the audit log.
func (s *Server) SendEvidence(w http.ResponseWriter, r *http.Request, id int64) {
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
	h.Set("Content-Disposition", ContentDisposition(ev.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
}

// readerOnly hides a file's WriterTo so that the copy uses a fixed buffer.
type readerOnly struct{ io.Reader }

// ContentDisposition returns an attachment header with a safe ASCII
// filename (anything else becomes '_') and the exact name in filename*.
func ContentDisposition(name string) string {
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

// DefaultEvidenceMax is the largest evidence file accepted unless the
// server is told otherwise (serve --evidence-max): 2 GiB.
const DefaultEvidenceMax = 2 << 30
