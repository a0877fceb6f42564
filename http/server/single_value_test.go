package server

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"crosscase"
)

// A parameter given twice is refused with one rule (oneValue), naming it
// in the same words: by the API (ReadQuery, 400) and by the pages' filters
// (422), which check every parameter of the page's query, the filter's and
// the page's own (the audit log's verify, the cursor) alike.
func TestParameterGivenTwice(t *testing.T) {
	filters := map[string]func(url.Values) error{
		"cases": func(q url.Values) error { _, err := CaseFilterFromQuery(q, 50); return err },
		"hits":  func(q url.Values) error { _, err := HitFilterFromQuery(q, 50); return err },
		"audit": func(q url.Values) error { _, err := AuditFilterFromQuery(q, 50); return err },
	}
	const want = `Query parameter "verify" is given 2 times.`
	for name, read := range filters {
		for _, q := range []url.Values{
			{"verify": {"1", "1"}},
			{"cursor": {"c1"}, "verify": {"1", ""}},
		} {
			err := read(q)
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != "verify" || crosscase.ErrorMessage(err) != want {
				t.Errorf("%s %s: %v, want EINVALID naming verify: %s", name, q.Encode(), err, want)
			}
		}
		if err := read(url.Values{"verify": {"1"}}); err != nil {
			t.Errorf("%s, verify once: %v", name, err)
		}
	}
	_, err := ReadQuery(httptest.NewRequest("GET", "/api/v1/audit?verify=1&verify=1", nil), "verify")
	re, ok := err.(*RequestError)
	if !ok || re.Status != 400 || re.Err.Field != "verify" || re.Err.Error() != crosscase.FieldErrorf("verify", "Query parameter %q is given %d times.", "verify", 2).Error() {
		t.Errorf("API: %v, want 400 naming verify: %s", err, want)
	}
}
