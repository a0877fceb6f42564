package demo_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/sqldb/sqldbtest"
)

// TestAnnualCorpusReproducesTheReport loads the annual corpus of 2024 and
// checks that its report gives the figures of the annual report in the
// seed (README, "Statistics and the annual report"): alone, and beside
// the demo operations, loaded first as serve --demo --demo-year 2024 and
// crosscase demo --year 2024 do, whose own figures of 2024 the corpus
// leaves room for.
func TestAnnualCorpusReproducesTheReport(t *testing.T) {
	if testing.Short() {
		t.Skip("loads about 29 000 cases")
	}
	t.Run("alone", func(t *testing.T) { checkAnnualReport(t, false) })
	t.Run("beside the demo operations", func(t *testing.T) { checkAnnualReport(t, true) })
}

func checkAnnualReport(t *testing.T, withOperations bool) {
	db := sqldbtest.NewSQLite(t)
	sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	if withOperations {
		if err := demo.Load(sys, db.Services(), 0, filepath.Join(t.TempDir(), "sign-ins.txt"), io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	n, err := demo.LoadAnnual(sys, db.Services(), 2024)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadAnnual(sys, db.Services(), 2024); err != demo.ErrAlreadyLoaded {
		t.Fatalf("second load: %v", err)
	}
	from, _ := crosscase.ParseDate("2024-01-01")
	to, _ := crosscase.ParseDate("2024-12-31")
	r, err := db.Report(sys, from, to)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d cases loaded; 2024: handled %d, new %d, third-country new %d (owned %d), meetings %d, JITs %d (before %d, funded %d), arrests %d, assets EUR %d, drugs EUR %d, victims %d (before %d), damage EUR %d (before %d)",
		n, r.Handled, r.New, r.ThirdCountryNew, r.ThirdCountryOwned, r.Meetings, r.JITsSupported, r.PreviousJITsSupported, r.JITsFunded,
		r.Results.Arrests, r.Results.AssetsEUR(), r.Results.DrugsEUR, r.Results.Victims, r.PreviousResults.Victims, r.Results.FinancialDamageEUR, r.PreviousResults.FinancialDamageEUR)
	want := func(name string, ok bool) {
		t.Helper()
		if !ok {
			t.Errorf("%s does not match the annual report", name)
		}
	}
	want("nearly 13 000 cases handled", r.Handled >= 12_900 && r.Handled < 13_000)
	want("1 022 new cases involving third countries", r.ThirdCountryNew == 1022)
	want("378 new cases owned by third countries", r.ThirdCountryOwned == 378)
	want("UK, then Switzerland, then Albania", len(r.ThirdCountries) > 3 && r.ThirdCountries[0].Code == "GB" && r.ThirdCountries[1].Code == "CH" && r.ThirdCountries[2].Code == "AL")
	want("swindling and fraud, drug trafficking, money laundering first", r.CrimeTypes[0].Code == "swindling_fraud" && r.CrimeTypes[1].Code == "drug_trafficking" && r.CrimeTypes[2].Code == "money_laundering")
	growth := map[string]int{}
	for _, c := range r.CrimeTypes {
		if c.ChangePercent != nil {
			growth[c.Code] = *c.ChangePercent
		}
	}
	near := func(got, want int) bool { return got >= want-1 && got <= want+1 }
	want("core international crimes +40 %", near(growth["core_international_crimes"], 40))
	want("cybercrime +one third", near(growth["cybercrime"], 33))
	want("intellectual property crime +20 %", near(growth["intellectual_property_crime"], 20))
	want("640 coordination meetings", r.Meetings == 640)
	want("32 coordination centres", r.Centres == 32)
	want("361 JITs supported", r.JITsSupported == 361)
	want("25 % more JITs than the year before", near(*crosscase.ChangePercent(r.PreviousJITsSupported, r.JITsSupported), 25))
	want("over half of the JITs funded", r.JITsFunded*2 > r.JITsSupported)
	want("more than 1 200 arrests", r.Results.Arrests > 1200 && r.Results.Arrests < 1300)
	want("assets seized and frozen over EUR 1 billion", r.Results.AssetsEUR() > 1_000_000_000 && r.Results.AssetsEUR() < 1_200_000_000)
	want("drugs worth almost EUR 20 billion", r.Results.DrugsEUR > 19_000_000_000 && r.Results.DrugsEUR < 20_000_000_000)
	want("more than three times the victims", r.Results.Victims > 3*r.PreviousResults.Victims && r.Results.Victims < 4*r.PreviousResults.Victims)
	want("almost double the financial damage", r.Results.FinancialDamageEUR*10 > 18*r.PreviousResults.FinancialDamageEUR && r.Results.FinancialDamageEUR < 2*r.PreviousResults.FinancialDamageEUR)
	want("a workload up by more than 60 % over five years", len(r.Years) == 5 && r.Years[4].Handled*100 >= 160*r.Years[0].Handled)
}
