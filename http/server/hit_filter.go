package server

import (
	"net/url"

	"crosscase"
)

// HitFilterFromQuery reads the hit list's filter from query values, for
// the page and the API alike: a status (one of the hit states, empty for
// all), a case's id and the cursor, at most limit hits a page. A status
// or an id that cannot be read is EINVALID naming its parameter; the
// cursor is the store's to check.
func HitFilterFromQuery(q url.Values, limit int) (crosscase.HitFilter, error) {
	if err := singleValues(q); err != nil {
		return crosscase.HitFilter{}, err
	}
	f := crosscase.HitFilter{
		Status: crosscase.HitStatus(FormText(q, "status")),
		Cursor: q.Get("cursor"),
		Limit:  limit,
	}
	if f.Status != "" && !f.Status.Valid() {
		return f, crosscase.FieldErrorf("status", "Status must be new, disclosed, restricted or dismissed.")
	}
	var err error
	if f.CaseID, err = FormID(q, "case_id"); err != nil {
		return f, err
	}
	return f, nil
}
