package http

import (
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestStatisticsArrestsLinePlural: under the arrests of the statistics'
// headline figures, one surrender and one search are said in the
// singular, and any other number in the plural, in each language.
func TestStatisticsArrestsLinePlural(t *testing.T) {
	w := newPageWorld(t, sqldbtest.NewSQLite(t))
	stats := w.ts.user("stats.plural", crosscase.RoleStatistics, "")
	line := func(lang string) string {
		t.Helper()
		b := w.ts.pageSignIn(stats)
		b.acceptLanguage = lang
		return b.get("/statistics?year=2024").wantStatus(http.StatusOK).text("#fig-arrests + dd")
	}
	if got, want := line("en"), "0 surrenders · 0 searches"; got != want {
		t.Errorf("en, none: %q, want %q", got, want)
	}
	ctx := userContext(w.it)
	for _, k := range []crosscase.ResultKind{crosscase.ResultSurrender, crosscase.ResultSearch} {
		if err := w.ts.db.CreateResult(ctx, &crosscase.Result{CaseID: w.tramontana.ID, Kind: k, Country: "IT", Date: pageDate(t, "2024-05-13"), Count: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for lang, want := range map[string]string{"en": "1 surrender · 1 search", "fr": "1 remise · 1 perquisition", "de": "1 Übergabe · 1 Durchsuchung",
		"it": "1 consegna · 1 perquisizione", "es": "1 entrega · 1 registro"} {
		if got := line(lang); got != want {
			t.Errorf("%s, one each: %q, want %q", lang, got, want)
		}
	}
	if err := w.ts.db.CreateResult(ctx, &crosscase.Result{CaseID: w.tramontana.ID, Kind: crosscase.ResultSearch, Country: "IT", Date: pageDate(t, "2024-05-14"), Count: 2}); err != nil {
		t.Fatal(err)
	}
	if got, want := line("de"), "1 Übergabe · 3 Durchsuchungen"; got != want {
		t.Errorf("de, one surrender and three searches: %q, want %q", got, want)
	}
}
