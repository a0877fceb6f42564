package server

import (
	"net/url"
	"testing"

	"crosscase"
)

// The page and the API read the hit list's filter with one function: each
// value trimmed, a status or a case id that cannot be read refused naming
// its parameter.
func TestHitFilterFromQuery(t *testing.T) {
	for _, tc := range []struct {
		name  string
		q     url.Values
		want  crosscase.HitFilter
		field string // the parameter a refusal names
	}{
		{"empty", url.Values{}, crosscase.HitFilter{Limit: 50}, ""},
		{"every value", url.Values{"status": {" disclosed "}, "case_id": {" 42 "}, "cursor": {"h99"}},
			crosscase.HitFilter{Status: crosscase.HitDisclosed, CaseID: 42, Cursor: "h99", Limit: 50}, ""},
		{"each status", url.Values{"status": {"dismissed"}}, crosscase.HitFilter{Status: crosscase.HitDismissed, Limit: 50}, ""},
		{"no case", url.Values{"case_id": {""}}, crosscase.HitFilter{Limit: 50}, ""},
		{"unknown status", url.Values{"status": {"maybe"}}, crosscase.HitFilter{}, "status"},
		{"status in capitals", url.Values{"status": {"NEW"}}, crosscase.HitFilter{}, "status"},
		{"case id not a number", url.Values{"case_id": {"x"}}, crosscase.HitFilter{}, "case_id"},
		{"negative case id", url.Values{"case_id": {"-1"}}, crosscase.HitFilter{}, "case_id"},
		{"case id with separators", url.Values{"case_id": {"1,000"}}, crosscase.HitFilter{}, "case_id"},
		{"bad status and case id", url.Values{"status": {"maybe"}, "case_id": {"x"}}, crosscase.HitFilter{}, "status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := HitFilterFromQuery(tc.q, 50)
			if tc.field != "" {
				if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != tc.field {
					t.Fatalf("got %v, want EINVALID naming %s", err, tc.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f != tc.want {
				t.Errorf("got %+v\nwant %+v", f, tc.want)
			}
		})
	}
}
