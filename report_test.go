package crosscase

import (
	"reflect"
	"slices"
	"testing"
)

// A sum of the victims or the financial damage recorded on fewer than 5
// cases, but on some, describes a case: the small-count rule hides it, in
// the period and the previous one alike, and keeps the results' own
// figures and the count of cases (README, "Statistics and the annual
// report"). The cases behind a sum are those that record the figure, not
// every case with results: each figure is hidden on its own.
func TestHideSmallCountsResultTotals(t *testing.T) {
	for _, tc := range []struct {
		cases, victimsCases, damageCases int64
		victimsHidden, damageHidden      bool
	}{
		{0, 0, 0, false, false},
		{1, 1, 1, true, true},
		{1, 0, 0, true, true}, // even a 0 tells of the one case
		{4, 4, 2, true, true},
		{5, 5, 5, false, false},
		{120, 120, 30, false, false},
		// Five cases with results, one recording victims: its own.
		{5, 1, 5, true, false},
		{9, 6, 4, false, true},
		{9, 0, 0, false, false},
	} {
		tot := &ResultTotals{Cases: tc.cases, VictimsCases: tc.victimsCases, DamageCases: tc.damageCases, Victims: 37, FinancialDamageEUR: 1_250_000, Arrests: 3, SeizedEUR: 500_000}
		tot.HideSmallCounts()
		want := ResultTotals{Cases: tc.cases, VictimsCases: tc.victimsCases, DamageCases: tc.damageCases, Victims: 37, FinancialDamageEUR: 1_250_000, Arrests: 3, SeizedEUR: 500_000}
		if tc.victimsHidden {
			want.Victims, want.VictimsHidden = 0, true
		}
		if tc.damageHidden {
			want.FinancialDamageEUR, want.DamageHidden = 0, true
		}
		if tot.Cases != want.Cases || tot.Victims != want.Victims || tot.FinancialDamageEUR != want.FinancialDamageEUR ||
			tot.VictimsHidden != want.VictimsHidden || tot.DamageHidden != want.DamageHidden || tot.Arrests != want.Arrests || tot.SeizedEUR != want.SeizedEUR {
			t.Errorf("%d cases (%d with victims, %d with damage): got %+v, want %+v", tc.cases, tc.victimsCases, tc.damageCases, *tot, want)
		}
	}
	var none *ResultTotals
	none.HideSmallCounts() // a report without results has nothing to hide

	// The report hides both periods' and its tables say why.
	r := &Report{
		Results:         &ResultTotals{Cases: 1, VictimsCases: 1, DamageCases: 1, Victims: 12, FinancialDamageEUR: 80_000, Arrests: 2},
		PreviousResults: &ResultTotals{Cases: 9, VictimsCases: 7, DamageCases: 9, Victims: 40, FinancialDamageEUR: 300_000},
	}
	r.HideSmallCounts()
	if !r.Results.VictimsHidden || !r.Results.DamageHidden || r.Results.Victims != 0 || r.Results.FinancialDamageEUR != 0 || r.Results.Arrests != 2 {
		t.Errorf("period: %+v", *r.Results)
	}
	if r.PreviousResults.VictimsHidden || r.PreviousResults.DamageHidden || r.PreviousResults.Victims != 40 {
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

// TestHideSmallCountsColumn: a crime type's handled cases are the sum of
// its column of the owner country × crime type table, so when the column
// has one hidden cell the total is withheld too; with two or more hidden
// cells the total gives back only their sum, and is shown.
func TestHideSmallCountsColumn(t *testing.T) {
	r := &Report{
		CrimeTypes: []CrimeTypeFigure{
			{Code: "cybercrime", Name: "Cybercrime", Handled: 97, New: 20, PreviousHandled: 80},
			{Code: "fraud", Name: "Swindling and fraud", Handled: 45, New: 10, PreviousHandled: 45},
		},
		CountryCrime: []CountryCrimeCell{
			{Country: "DE", CrimeType: "cybercrime", Cases: 40}, {Country: "FR", CrimeType: "cybercrime", Cases: 30},
			{Country: "IT", CrimeType: "cybercrime", Cases: 25}, {Country: "NL", CrimeType: "cybercrime", Cases: 2},
			{Country: "DE", CrimeType: "fraud", Cases: 20}, {Country: "FR", CrimeType: "fraud", Cases: 20},
			{Country: "IT", CrimeType: "fraud", Cases: 2}, {Country: "NL", CrimeType: "fraud", Cases: 3},
		},
	}
	r.HideSmallCounts()
	// Cybercrime's column has NL's 2 hidden alone: 97 less the shown cells
	// would be it…
	byCode := map[string]CrimeTypeFigure{}
	for _, c := range r.CrimeTypes {
		byCode[c.Code] = c
	}
	if c := byCode["cybercrime"]; !c.HandledWithheld || c.Handled != 0 || c.ChangePercent != nil || !c.NewWithheld || c.New != 0 {
		t.Errorf("cybercrime: %+v", c)
	}
	// …while fraud's has two, IT's 2 and NL's 3, whose sum alone the
	// total gives.
	if c := byCode["fraud"]; c.HandledWithheld || c.Handled != 45 {
		t.Errorf("fraud: %+v", c)
	}
	for _, row := range r.Tables()[1].Rows {
		if row[0] == "cybercrime" && row[2] != WithheldCountText {
			t.Errorf("crime types table, cybercrime handled %q", row[2])
		}
	}
	// A desk's own figures are not hidden at all.
	own := &Report{CrimeTypes: []CrimeTypeFigure{{Code: "cybercrime", Handled: 97}}}
	if own.CrimeTypes[0].HandledWithheld {
		t.Error("a report whose counts are not hidden withholds a total")
	}
}

// TestReportTableCSVRows: a table's cells are written to CSV defused, a
// substance typed as a formula among them, while figures and signed
// changes stay as they are.
func TestReportTableCSVRows(t *testing.T) {
	tab := ReportTable{Columns: []string{"substance", "quantity", "change"},
		Rows: [][]string{{"=cmd|' /C calc'!A0", "12.5", "-40"}, {"@SUM(A1)", "< 5", "+33"}, {"-x", "0", ""}}}
	got := tab.CSVRows()
	want := [][]string{{"'=cmd|' /C calc'!A0", "12.5", "-40"}, {"'@SUM(A1)", "< 5", "+33"}, {"'-x", "0", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CSV rows %q, want %q", got, want)
	}
	if tab.Rows[0][0] != "=cmd|' /C calc'!A0" {
		t.Error("CSVRows changed the table itself")
	}
}
