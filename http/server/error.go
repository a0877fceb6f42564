package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"crosscase"
)

// StatusOf maps an application error code to its HTTP status. It is the
// only place where that mapping is made.
func StatusOf(code string) int {
	switch code {
	case crosscase.EINVALID:
		return http.StatusUnprocessableEntity
	case crosscase.ENOTFOUND:
		return http.StatusNotFound
	case crosscase.ECONFLICT:
		return http.StatusConflict
	case crosscase.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case crosscase.EFORBIDDEN:
		return http.StatusForbidden
	case crosscase.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case crosscase.ENOTIMPL:
		return http.StatusNotImplemented
	case crosscase.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case crosscase.ETOOMANY:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// Problem is an RFC 9457 problem document, with the offending field.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
	Field  string `json:"field,omitempty"`
}

// Error writes err to the client: problem+json under /api, an error page
// (ErrorPage) elsewhere. Internal errors are logged and shown only as a generic text.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := crosscase.ErrorCode(err)
	status := StatusOf(code)
	switch code {
	case crosscase.EINTERNAL:
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	case crosscase.EUNAVAILABLE:
		s.storeDown(err)
		w.Header().Set("Retry-After", retryAfterSeconds)
	}
	if isAPI(r) || s.ErrorPage == nil {
		writeProblem(w, status, code, crosscase.ErrorMessage(err), crosscase.ErrorField(err))
		return
	}
	s.ErrorPage(w, r, status, err)
}

func writeProblem(w http.ResponseWriter, status int, code, detail, field string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Problem{
		Type:   "https://crosscase.invalid/problems/" + code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
		Code:   code,
		Field:  field,
	})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func itoa(i int) string { return strconv.Itoa(i) }

// retryAfterSeconds is the Retry-After of a 503 while the store cannot be
// reached.
const retryAfterSeconds = "5"

// storeDown notes that the store could not be reached, logging it once
// per outage rather than once per request.
func (s *Server) storeDown(err error) {
	if s.outage.CompareAndSwap(false, true) {
		s.Logger.Error("the store cannot be reached; answering 503 until it can", "err", err)
	}
}

// storeUp notes that the store answered, logging the end of an outage.
func (s *Server) storeUp() {
	if s.outage.CompareAndSwap(true, false) {
		s.Logger.Info("the store can be reached again")
	}
}
