package crosscase_test

import (
	"strings"
	"testing"

	"crosscase"
)

// TestListCheckQuota: the rows a user has left today, and the refusal of
// a check that would exceed them.
func TestListCheckQuota(t *testing.T) {
	for _, c := range []struct {
		perDay, used, rows, left int
		refused                  bool
	}{
		{100, 0, 100, 100, false},
		{100, 60, 40, 40, false},
		{100, 60, 41, 40, true},
		{100, 120, 1, 0, true}, // a quota lowered since
		{0, 1_000_000, 1_000_000, -1, false},
	} {
		left, err := crosscase.ListCheckQuota(c.perDay, c.used, c.rows)
		if left != c.left || (err != nil) != c.refused {
			t.Errorf("ListCheckQuota(%d, %d, %d) = %d, %v", c.perDay, c.used, c.rows, left, err)
		}
		if err != nil && (crosscase.ErrorCode(err) != crosscase.ETOOMANY || crosscase.ErrorField(err) != "body" || !strings.Contains(crosscase.ErrorMessage(err), "more today")) {
			t.Errorf("refusal: %v", err)
		}
	}
}
