package crosscase

import (
	"slices"
	"testing"
)

// A sum of the victims or the financial damage recorded on fewer than 5
// cases, but on some, describes a case: the small-count rule hides it, in
// the period and the previous one alike, and keeps the results' own
// figures and the count of cases (README, "Statistics and the annual
// report").
func TestHideSmallCountsResultTotals(t *testing.T) {
	for _, tc := range []struct {
		cases  int64
		hidden bool
	}{{0, false}, {1, true}, {4, true}, {5, false}, {120, false}} {
		tot := &ResultTotals{Cases: tc.cases, Victims: 37, FinancialDamageEUR: 1_250_000, Arrests: 3, SeizedEUR: 500_000}
		tot.HideSmallCounts()
		want := ResultTotals{Cases: tc.cases, Victims: 37, FinancialDamageEUR: 1_250_000, Arrests: 3, SeizedEUR: 500_000}
		if tc.hidden {
			want.Victims, want.FinancialDamageEUR, want.VictimsDamageHidden = 0, 0, true
		}
		if tot.Cases != want.Cases || tot.Victims != want.Victims || tot.FinancialDamageEUR != want.FinancialDamageEUR ||
			tot.VictimsDamageHidden != want.VictimsDamageHidden || tot.Arrests != want.Arrests || tot.SeizedEUR != want.SeizedEUR {
			t.Errorf("%d cases: got %+v, want %+v", tc.cases, *tot, want)
		}
	}
	var none *ResultTotals
	none.HideSmallCounts() // a report without results has nothing to hide

	// The report hides both periods' and its tables say why.
	r := &Report{
		Results:         &ResultTotals{Cases: 1, Victims: 12, FinancialDamageEUR: 80_000, Arrests: 2},
		PreviousResults: &ResultTotals{Cases: 9, Victims: 40, FinancialDamageEUR: 300_000},
	}
	r.HideSmallCounts()
	if !r.Results.VictimsDamageHidden || r.Results.Victims != 0 || r.Results.FinancialDamageEUR != 0 || r.Results.Arrests != 2 {
		t.Errorf("period: %+v", *r.Results)
	}
	if r.PreviousResults.VictimsDamageHidden || r.PreviousResults.Victims != 40 {
		t.Errorf("previous period: %+v", *r.PreviousResults)
	}
	rows := map[string][]string{}
	for _, row := range r.Tables()[0].Rows {
		rows[row[0]] = row[1:]
	}
	for figure, want := range map[string][]string{
		"victims": {"< 5 cases", "40"}, "financial_damage_eur": {"< 5 cases", "300000"}, "arrests": {"2", "0"},
	} {
		if !slices.Equal(rows[figure], want) {
			t.Errorf("headline %s: %q, want %q", figure, rows[figure], want)
		}
	}

	// A desk's own users are not shown the rule (HidesSmallCounts), and
	// their tables give the figures as they are.
	own := &Report{Results: &ResultTotals{Cases: 1, Victims: 12}, PreviousResults: &ResultTotals{}}
	if HidesSmallCounts(&User{Role: RoleDeskMember, DeskID: 1}) {
		t.Error("a desk member's small counts are hidden")
	}
	for _, row := range own.Tables()[0].Rows {
		if row[0] == "victims" && row[1] != "12" {
			t.Errorf("desk's victims %q", row[1])
		}
	}
}
