package crosscase_test

import (
	"strings"
	"testing"
	"time"

	"crosscase"
)

func TestCheckTransfer(t *testing.T) {
	d := func(y int, m time.Month, day int) crosscase.Date { return crosscase.Date{Year: y, Month: m, Day: day} }
	agreements := []*crosscase.Agreement{
		{CountryCode: "AL", Kind: crosscase.AgreementCooperation, SignedOn: d(2018, time.October, 5)},
		{CountryCode: "KR", Kind: crosscase.AgreementWorkingArrangement, SignedOn: d(2025, time.April, 30)},
		{CountryCode: "AM", Kind: crosscase.AgreementWorkingArrangement, SignedOn: d(2024, time.September, 23)},
		{CountryCode: "AM", Kind: crosscase.AgreementCooperation, SignedOn: d(2024, time.April, 5)},
	}
	today := d(2026, time.November, 25)
	tests := []struct {
		name    string
		country *crosscase.Country
		on      crosscase.Date
		want    []string // substrings of the refusal; nil when allowed
	}{
		{"member state: not a third country", &crosscase.Country{Code: "IT", Name: "Italy", Standing: crosscase.StandingMember}, today, nil},
		{"cooperation agreement (Art. 56(2))", &crosscase.Country{Code: "AL", Name: "Albania", Standing: crosscase.StandingLiaison}, today, nil},
		{"cooperation agreement beside a working arrangement", &crosscase.Country{Code: "AM", Name: "Armenia", Standing: crosscase.StandingContactPoint}, today, nil},
		{"before the agreement was signed", &crosscase.Country{Code: "AL", Name: "Albania", Standing: crosscase.StandingLiaison}, d(2018, time.October, 4), []string{"no cooperation agreement", "Art. 56"}},
		{"working arrangement only", &crosscase.Country{Code: "KR", Name: "Korea", Standing: crosscase.StandingContactPoint}, today, []string{"only a working arrangement", "2025-04-30", "Art. 56", "Korea (KR)"}},
		{"no agreement at all", &crosscase.Country{Code: "IL", Name: "Israel", Standing: crosscase.StandingNone}, today, []string{"no cooperation agreement"}},
		{"unknown country", nil, today, []string{"unknown country"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := crosscase.CheckTransfer(tt.country, agreements, tt.on, crosscase.TransferNotice)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
				t.Fatalf("got %v, want a refusal", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(crosscase.ErrorMessage(err), w) {
					t.Errorf("message %q lacks %q", crosscase.ErrorMessage(err), w)
				}
			}
		})
	}
}
