package crosscase

import (
	"errors"
	"fmt"
	"time"
)

// Error codes. Every error that reaches a user carries one of these; the
// HTTP adapter maps each to a status in exactly one function.
const (
	ECONFLICT     = "conflict"     // stale version, duplicate key
	EINTERNAL     = "internal"     // anything unexpected; details are never shown
	EINVALID      = "invalid"      // bad input; Field names what is wrong
	ENOTFOUND     = "not_found"    // missing, or not visible to the caller
	EUNAUTHORIZED = "unauthorized" // no or bad credentials
	EFORBIDDEN    = "forbidden"    // known caller, action not allowed by role
	ETOOLARGE     = "too_large"    // request body or file over its limit
	ENOTIMPL      = "not_implemented"
	EUNAVAILABLE  = "unavailable" // the store cannot be reached now; try again later
	ETOOMANY      = "too_many"    // over a quota (the bulk check's rows a day); Field names what counts
)

// Error is the one error type of the application. Message is safe to show
// to the user; Field, when set, names the offending input field in the
// JSON spelling of the API (e.g. "asked_countries[2]").
type Error struct {
	Code    string
	Message string
	Field   string
	// Format and Args are what Message was written from, so that a page
	// can write the message in the reader's language (README, "Languages").
	Format string
	Args   []any
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("crosscase error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("crosscase error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// WithField sets the offending field of e and returns e, for an error of
// another code than EINVALID that names a field:
// Errorf(ECONFLICT, "%s has a desk already.", code).WithField("country_code").
func (e *Error) WithField(field string) *Error {
	e.Field = field
	return e
}

// WithSentence returns a copy of e with sentence after its message and
// its format, so that a page still writes it in the reader's language.
func (e *Error) WithSentence(sentence string) *Error {
	out := *e
	out.Message += " " + sentence
	if out.Format != "" {
		out.Format += " " + sentence
	}
	return &out
}

// InField returns err naming field instead of its own, with its code,
// message and format kept so that a page still writes it in the reader's
// language; err as it is when it holds no *Error.
func InField(err error, field string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Field = field
	return &out
}

// FieldErrorf returns an EINVALID *Error naming field.
func FieldErrorf(field string, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Label is a value of an error's message that is itself a message: the
// label of one of the system's codes or a phrase of the law ("European
// Arrest Warrant", "Final decision on surrender"). The message writes it
// as it is; a page writes it in the reader's language, as it writes the
// message's format (README, "Languages").
type Label string

// CountryLabel is a country in an error's message, written "Albania
// (AL)"; a page names it in the reader's language.
type CountryLabel struct{ Code, Name string }

// String writes the country's name and code, or its code alone when it
// has no name.
func (c CountryLabel) String() string {
	if c.Name == "" {
		return c.Code
	}
	return c.Name + " (" + c.Code + ")"
}

// Moment is a moment in an error's message, written to the minute in UTC
// ("2025-05-13 06:00 UTC"); a page writes it as the reader's language
// writes dates.
type Moment time.Time

// String writes m to the minute in UTC.
func (m Moment) String() string { return time.Time(m).UTC().Format("2006-01-02 15:04 UTC") }

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the message of its
// *Error, or a generic text for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorField returns the offending field of err, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// Wrap annotates *errp with a formatted context if it is non-nil, keeping
// the chain intact for errors.As. Use as `defer crosscase.Wrap(&err, "op %d", id)`.
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
