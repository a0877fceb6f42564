package server

import (
	"net/url"
	"strings"

	"crosscase"
)

// CaseFilterFromQuery reads the case list's filter from query values, for the page
// and the API alike: each value trimmed, the dates as YYYY-MM-DD (a bad one
// is EINVALID naming its parameter), at most limit cases a page.
func CaseFilterFromQuery(q url.Values, limit int) (crosscase.CaseFilter, error) {
	if err := singleValues(q, "scope", "country", "crime_type", "status", "priority", "q", "cursor", "opened_from", "opened_to"); err != nil {
		return crosscase.CaseFilter{}, err
	}
	f := crosscase.CaseFilter{
		Scope:     crosscase.CaseScope(FormText(q, "scope")),
		Country:   FormText(q, "country"),
		CrimeType: FormText(q, "crime_type"),
		Status:    crosscase.CaseStatus(FormText(q, "status")),
		Priority:  FormText(q, "priority"),
		Query:     FormText(q, "q"),
		Cursor:    q.Get("cursor"),
		Limit:     limit,
	}
	var err error
	if f.OpenedFrom, err = FormDate(q, "opened_from"); err != nil {
		return f, err
	}
	if f.OpenedTo, err = FormDate(q, "opened_to"); err != nil {
		return f, err
	}
	return f, nil
}

// singleValues refuses a filter parameter given more than once, naming
// it: a list takes one value of each, and a page read the first of several
// and dropped the others, showing a list filtered on less than was asked
// (README, JSON API: a repeated parameter). The API refuses them before
// (ReadQuery); the pages, through the shared filters, here.
func singleValues(q url.Values, names ...string) error {
	for _, n := range names {
		if vs := q[n]; len(vs) > 1 {
			return crosscase.FieldErrorf(n, "Query parameter %q is given %d times.", n, len(vs))
		}
	}
	return nil
}

// FormText returns the trimmed value of field.
func FormText(v url.Values, field string) string { return strings.TrimSpace(v.Get(field)) }

// FormDate parses field as YYYY-MM-DD; empty is the zero Date.
func FormDate(v url.Values, field string) (crosscase.Date, error) {
	s := FormText(v, field)
	if s == "" {
		return crosscase.Date{}, nil
	}
	d, err := crosscase.ParseDate(s)
	if err != nil {
		return crosscase.Date{}, crosscase.FieldErrorf(field, "Enter a real date as YYYY-MM-DD, between 1900 and 2200.")
	}
	return d, nil
}
