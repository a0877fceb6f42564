package crosscase_test

import (
	"testing"

	"crosscase"
)

func TestCheckLimit(t *testing.T) {
	for _, tc := range []struct {
		in, want int
		field    string
	}{{0, 50, ""}, {1, 1, ""}, {200, 200, ""}, {201, 201, "limit"}, {-1, -1, "limit"}} {
		n := tc.in
		err := crosscase.CheckLimit(&n, 50, 200)
		if n != tc.want || crosscase.ErrorField(err) != tc.field {
			t.Errorf("CheckLimit(%d) = %d, %v; want %d, field %q", tc.in, n, err, tc.want, tc.field)
		}
	}
}
