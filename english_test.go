package crosscase

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The English the domain, the store and the command line write counts in
// the singular for one and the plural otherwise, zero included.
func TestCountInEnglish(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{CountInEnglish("%d arrests in %s", 1, 1, "IT"), "1 arrest in IT"},
		{CountInEnglish("%d arrests in %s", 2, 2, "IT"), "2 arrests in IT"},
		{CountInEnglish("%d entries", 1), "1 entry"},
		{CountInEnglish("%d entries", 0), "0 entries"},
		{CountInEnglish("%s companies", 1, "1"), "1 company"},
		{CountInEnglish("%d more", 1), "1 more"}, // no singular: as it is
		{Count{"%d entries", 1}.String(), "1 entry"},
		{fmt.Sprintf("the checkpoint of %s", Count{"%d entries", 12}), "the checkpoint of 12 entries"},
		{AuditProblem{Format: "%d checkpoints signed by another key were not checked", Args: []any{1}}.Text(), "1 checkpoint signed by another key was not checked"},
		{AuditProblem{Format: "%d checkpoints in files were not checked, for want of a public key", Args: []any{2}}.Text(), "2 checkpoints in files were not checked, for want of a public key"},
		{AuditProblem{Format: "the content of entry %d does not match its hash", Args: []any{int64(1)}}.Text(), "the content of entry 1 does not match its hash"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	// Each singular takes the values of its plural.
	for other, one := range englishOne {
		if one == other || strings.Count(one, "%") != strings.Count(other, "%") {
			t.Errorf("%q: singular %q", other, one)
		}
	}
}

// A result counted once is singular in the title the JSON API gives.
func TestTimelineTitleSingular(t *testing.T) {
	p := TimelineParts{Case: &Case{ID: 7}, Results: []*Result{
		{Kind: ResultArrest, Count: 1, Country: "IT", Date: d("2024-05-14")},
		{Kind: ResultSearch, Count: 1, Country: "DE", Date: d("2024-05-15")},
		{Kind: ResultSurrender, Count: 2, Country: "FR", Date: d("2024-05-16")},
	}}
	var got []string
	for _, e := range Timeline(p, []TimelineKind{TimelineResult}) {
		got = append(got, e.Title)
	}
	if want := "1 arrest in IT|1 search in DE|2 surrenders in FR"; strings.Join(got, "|") != want {
		t.Fatalf("titles %q, want %s", got, want)
	}
}

// The refusal of a list over the quota counts the names and identifiers
// in their own form.
func TestListCheckQuotaCountsInEnglish(t *testing.T) {
	_, err := ListCheckQuota(10, 10, 1)
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Message, "The list checks 1 name or identifier and you may check 0 more today (at most 10 a day") {
		t.Fatalf("%v", err)
	}
}
