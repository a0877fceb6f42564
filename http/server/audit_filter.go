package server

import (
	"net/url"
	"strconv"

	"crosscase"
)

// AuditFilterFromQuery reads the audit log's filter from query values,
// for the page and the API alike: a user's and a case's id, an action, an
// object type and a range of days, from and to, the whole of the last day
// included (a value that cannot be read is EINVALID naming its
// parameter), at most limit entries a page. The filter's own Validate
// checks the range.
func AuditFilterFromQuery(q url.Values, limit int) (crosscase.AuditFilter, error) {
	if err := singleValues(q); err != nil {
		return crosscase.AuditFilter{}, err
	}
	f := crosscase.AuditFilter{
		Action:     FormText(q, "action"),
		ObjectType: FormText(q, "object_type"),
		Cursor:     q.Get("cursor"),
		Limit:      limit,
	}
	var err error
	if f.UserID, err = FormID(q, "user_id"); err != nil {
		return f, err
	}
	if f.CaseID, err = FormID(q, "case_id"); err != nil {
		return f, err
	}
	from, err := FormDate(q, "from")
	if err != nil {
		return f, err
	}
	to, err := FormDate(q, "to")
	if err != nil {
		return f, err
	}
	if !from.IsZero() {
		f.From = from.Time()
	}
	if !to.IsZero() {
		f.To = to.AddDays(1).Time() // the filter's To is the first moment left out
	}
	return f, nil
}

// FormID parses field as an id, a whole number not below 0; empty is 0.
func FormID(v url.Values, field string) (int64, error) {
	s := FormText(v, field)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, crosscase.FieldErrorf(field, "Enter a whole number, without separators.")
	}
	return n, nil
}
