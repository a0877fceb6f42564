package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"crosscase/http/strictjson"

	"crosscase"
)

// RequestError is a request the server could not read: a body that is not
// JSON, has the wrong shape, an unknown or repeated field, or a query
// parameter that is not of its type. It is answered with its own status
// (400, or 415 for a body that is not JSON at all), while a well-formed
// request with a value the services refuse is EINVALID through statusOf.
type RequestError struct {
	Status int
	Err    *crosscase.Error
}

func (e *RequestError) Error() string { return e.Err.Error() }

// Unwrap returns the application error, so that crosscase.ErrorCode,
// ErrorMessage and ErrorField see it.
func (e *RequestError) Unwrap() error { return e.Err }

// BadRequest returns a 400 EINVALID error naming field.
func BadRequest(field, format string, args ...any) error {
	return &RequestError{Status: http.StatusBadRequest, Err: crosscase.FieldErrorf(field, format, args...)}
}

// APIError writes err as a problem document: a requestError with its own
// status, anything else through Server.Error and statusOf.
func (s *Server) APIError(w http.ResponseWriter, r *http.Request, err error) {
	var re *RequestError
	if errors.As(err, &re) {
		writeProblem(w, re.Status, re.Err.Code, re.Err.Message, re.Err.Field)
		return
	}
	s.Error(w, r, err)
}

// WriteJSON writes v as the JSON response with status. Responses carry
// case data, so they are never cached.
func (s *Server) WriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.Error(w, r, fmt.Errorf("encode response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// List is the shape of every list the API returns. NextCursor is
// "" on the last page (and for lists that are not paged).
type List[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// NewList returns items as a list response; a nil slice becomes [].
func NewList[T any](items []T, next string) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, NextCursor: next}
}

// ReadJSON reads the request body into v, strictly: a JSON media type, at
// most MaxBodyBytes, valid UTF-8, exactly one object of v's shape with no
// unknown, repeated or mistyped fields, nothing after it. Errors name the
// offending field, or "body".
func ReadJSON(r *http.Request, v any) error {
	if err := checkJSONContentType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || len(body) > MaxBodyBytes {
		return &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "body",
			Message: fmt.Sprintf("The request body is larger than the limit of %d bytes.", MaxBodyBytes)}
	} else if err != nil {
		return BadRequest("body", "The request body could not be read.")
	}
	return DecodeBody(body, v)
}

// DecodeBody decodes a JSON body strictly (strictjson.Decode); what it
// refuses is a 400 naming the field.
func DecodeBody(body []byte, v any) error {
	err := strictjson.Decode(body, v)
	var e *strictjson.Error
	if errors.As(err, &e) {
		return BadRequest(e.Field, "%s", e.Message)
	}
	return err
}

// checkJSONContentType accepts application/json and any +json type, with
// no charset or charset=utf-8.
func checkJSONContentType(ct string) error {
	unsupported := func(format string, args ...any) error {
		return &RequestError{Status: http.StatusUnsupportedMediaType, Err: crosscase.FieldErrorf("Content-Type", format, args...)}
	}
	if ct == "" {
		return unsupported("Send the body as JSON with Content-Type: application/json.")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return unsupported("The Content-Type header could not be read; use application/json.")
	}
	if mt != "application/json" && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return unsupported("Content-Type %s is not JSON; use application/json.", mt)
	}
	for k, v := range params {
		if k != "charset" || !strings.EqualFold(v, "utf-8") {
			return unsupported("Only UTF-8 JSON is accepted (parameter %s=%s).", k, v)
		}
	}
	return nil
}

// Path and query parameters.

// APIPathID returns the positive integer path value name, written as the
// API writes ids: decimal digits, no sign, no leading zero, so that one
// record has one address ("/cases/+7" or "/cases/007" is not case 7).
// Anything else is a resource that does not exist: ENOTFOUND, as for an
// id that is not there or not visible, so that guessing reveals nothing.
func APIPathID(r *http.Request, name, what string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, crosscase.Errorf(crosscase.ENOTFOUND, "%s not found.", what)
	}
	return id, nil
}

// Query is a request's Query string, checked for unknown and repeated
// parameters before its values are read.
type Query struct{ Values url.Values }

// ReadQuery parses r's query string and refuses parameters not in allowed
// and parameters given twice.
func ReadQuery(r *http.Request, allowed ...string) (Query, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return Query{}, BadRequest("query", "The query string could not be read.")
	}
	for k, vs := range v {
		ok := false
		for _, a := range allowed {
			if k == a {
				ok = true
				break
			}
		}
		if !ok {
			if len(allowed) == 0 {
				return Query{}, BadRequest(k, "This endpoint takes no query parameters.")
			}
			return Query{}, BadRequest(k, "Unknown query parameter %q; known: %s.", crosscase.Clip(k), strings.Join(allowed, ", "))
		}
		if err := oneValue(k, vs); err != nil {
			var e *crosscase.Error
			errors.As(err, &e)
			return Query{}, &RequestError{Status: http.StatusBadRequest, Err: e}
		}
		if !utf8.ValidString(vs[0]) {
			return Query{}, BadRequest(k, "Query parameter %q is not valid UTF-8.", k)
		}
	}
	return Query{v}, nil
}

// Str returns parameter name, trimmed ("" when absent).
func (q Query) Str(name string) string { return strings.TrimSpace(q.Values.Get(name)) }

// Int64 returns parameter name as a whole number (0 when absent).
func (q Query) Int64(name string) (int64, error) {
	s := q.Str(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, BadRequest(name, "Query parameter %s must be a whole number.", name)
	}
	return n, nil
}

// ID returns parameter name as a positive ID (0 when absent).
func (q Query) ID(name string) (int64, error) {
	n, err := q.Int64(name)
	if err == nil && n < 0 {
		err = BadRequest(name, "Query parameter %s must be a positive id.", name)
	}
	return n, err
}

// Limit returns parameter "Limit" (0 when absent, for the service's
// default), which must be between 1 and max.
func (q Query) Limit(max int) (int, error) {
	n, err := q.Int64("limit")
	if err != nil {
		return 0, err
	}
	if q.Str("limit") != "" && (n < 1 || n > int64(max)) {
		return 0, BadRequest("limit", "Query parameter limit must be between 1 and %d.", max)
	}
	return int(n), nil
}

// Date returns parameter name as a Date (zero when absent).
func (q Query) Date(name string) (crosscase.Date, error) {
	s := q.Str(name)
	if s == "" {
		return crosscase.Date{}, nil
	}
	d, err := crosscase.ParseDate(s)
	if err != nil {
		return crosscase.Date{}, BadRequest(name, "Query parameter %s must be a real calendar date YYYY-MM-DD between 1900 and 2200: %v.", name, err)
	}
	return d, nil
}

// RequireVersion refuses an update without the version it applies to.
func RequireVersion(v int) error {
	if v <= 0 {
		return BadRequest("version", "Give the version of the record you are changing (from its last read); it detects concurrent changes.")
	}
	return nil
}
