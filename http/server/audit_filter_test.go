package server

import (
	"net/url"
	"testing"
	"time"

	"crosscase"
)

// The page and the API read the audit log's filter with one function:
// the last day of the range is included up to its last moment, a value
// that cannot be read names its parameter, and a range that ends before
// it starts is the filter's Validate's to refuse.
func TestAuditFilterFromQuery(t *testing.T) {
	q := url.Values{"user_id": {"7"}, "case_id": {" 42 "}, "action": {"read"}, "object_type": {"case"},
		"from": {"2025-05-01"}, "to": {"2025-05-02"}, "cursor": {"99"}}
	f, err := AuditFilterFromQuery(q, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := crosscase.AuditFilter{UserID: 7, CaseID: 42, Action: "read", ObjectType: "case", Cursor: "99", Limit: 100,
		From: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 5, 3, 0, 0, 0, 0, time.UTC)}
	if f != want {
		t.Fatalf("got %+v\nwant %+v", f, want)
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	for field, v := range map[string]string{"user_id": "x", "case_id": "-1", "from": "2025-02-30", "to": "yesterday"} {
		if _, err := AuditFilterFromQuery(url.Values{field: {v}}, 100); crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != field {
			t.Errorf("%s=%s: %v", field, v, err)
		}
	}
	f, err = AuditFilterFromQuery(url.Values{"from": {"2025-05-02"}, "to": {"2025-05-01"}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Validate(); crosscase.ErrorField(err) != "to" {
		t.Errorf("a range that ends before it starts: %v", err)
	}
}
