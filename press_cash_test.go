package crosscase

import (
	"strings"
	"testing"
)

// TestPressTextCashByValue: cash recorded by its value in euros alone
// (the board's Value (EUR) field, no quantity) is the amount seized, and
// the press text gives it as it gives cash counted in euros; cash with
// neither is named without a number.
func TestPressTextCashByValue(t *testing.T) {
	for _, tc := range []struct {
		s    SeizureTally
		want string
	}{
		{SeizureTally{Type: "cash", ValueEUR: 5000}, "EUR 5,000 in cash was seized."},
		{SeizureTally{Type: "cash", Quantity: 12000, Unit: "EUR", ValueEUR: 12000}, "EUR 12,000 in cash was seized."},
		{SeizureTally{Type: "cash", Quantity: 3000, Unit: "USD", ValueEUR: 2800}, "USD 3,000 in cash was seized."},
		{SeizureTally{Type: "cash"}, "Cash was seized."},
		{SeizureTally{Type: "vehicles", ValueEUR: 90000}, "Vehicles were seized."},
	} {
		got := PressText(&PressSummary{ActionDate: Date{Year: 2026, Month: 12, Day: 6}, Seizures: []SeizureTally{tc.s}})
		if !strings.HasSuffix(got, " "+tc.want) {
			t.Errorf("%+v: %q, want it to end %q", tc.s, got, tc.want)
		}
	}
}
