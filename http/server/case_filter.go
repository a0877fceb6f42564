package server

import (
	"net/url"
	"sort"
	"strings"

	"crosscase"
)

// CaseFilterFromQuery reads the case list's filter from query values, for the page
// and the API alike: each value trimmed, the dates as YYYY-MM-DD (a bad one
// is EINVALID naming its parameter), at most limit cases a page.
func CaseFilterFromQuery(q url.Values, limit int) (crosscase.CaseFilter, error) {
	if err := singleValues(q); err != nil {
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

// singleValues refuses any parameter of q given more than once, naming
// the first in order of name (oneValue): the pages, through the shared
// filters, check every parameter of their query, the filter's and the
// page's own (the audit log's verify) alike.
func singleValues(q url.Values) error {
	names := make([]string, 0, len(q))
	for n := range q {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := oneValue(n, q[n]); err != nil {
			return err
		}
	}
	return nil
}

// oneValue refuses parameter name given more than once (values), naming
// it: a list takes one value of each, and a page read the first of several
// and dropped the others, showing a list filtered on less than was asked
// (README, JSON API: a repeated parameter). The API (ReadQuery) and the
// pages (singleValues) refuse it here.
func oneValue(name string, values []string) error {
	if len(values) > 1 {
		return crosscase.FieldErrorf(name, "Query parameter %q is given %d times.", name, len(values))
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
