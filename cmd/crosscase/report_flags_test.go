package main

import (
	"strings"
	"testing"
)

// TestReportBadPeriodNamesFlag: `crosscase report` refuses a bad period
// naming the flag that gave it, in words, as the other commands write a
// refusal ("name: …"), not as the error's internal form
// ("crosscase error: code=invalid field=year …"), and reads no store.
func TestReportBadPeriodNamesFlag(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--year", "20x4"}, `--year: "20x4" is not a year.`},
		{[]string{"--year", "1800"}, "--year: The year must be between 1900 and 2200."},
		{[]string{"--from", "2024-02-30", "--to", "2024-03-01"}, `--from: "2024-02-30" is not a date in the form YYYY-MM-DD`},
		{[]string{"--from", "2024-01-01", "--to", "2024-13-01"}, `--to: "2024-13-01" is not a date in the form YYYY-MM-DD`},
		{[]string{"--from", "2024-05-01", "--to", "2024-01-01"}, "--to: The end of the period (2024-01-01) is before its start (2024-05-01)."},
		{[]string{"--year", "2024", "--from", "2024-01-01", "--to", "2024-02-01"}, "--year: Give a year or a period from–to, not both."},
	} {
		out, err := run(t, "", append(append([]string{"report"}, tc.args...), "--data", dir)...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("report %s: %v (%s), want %q", strings.Join(tc.args, " "), err, out, tc.want)
		}
	}
}
