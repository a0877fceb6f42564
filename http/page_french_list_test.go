package http

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"crosscase"
)

// frenchBareSemicolon finds a list's semicolon that French writes without
// the no-break space before it.
var frenchBareSemicolon = regexp.MustCompile("[^\u00a0]; ")

// rawText is the text of the first element at sel in r, its spaces as
// they are (pageText takes a no-break space for a space).
func rawText(t *testing.T, r *pageResult, sel string) string {
	t.Helper()
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(r.one(sel))
	return strings.TrimSpace(b.String())
}

// TestPageFrenchListSeparators: the lists the pages join, in French, set
// their semicolons off by a no-break space, as French writes them
// (locale.Printer.ListSeparator): the board's seized goods, the press
// text's and page's authorities and seized goods, a search hit's and a
// list check hit's fields.
func TestPageFrenchListSeparators(t *testing.T) {
	db, ts, it, centre, noon := newActionDayToday(t)
	ctx := userContext(it)
	m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSeizure, Country: "IT", Place: "Bari", PlannedAt: noon}
	if err := db.CreateMeasure(ctx, m); err != nil {
		t.Fatal(err)
	}
	moved, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: moved.Version, State: crosscase.MeasureDone,
		Outcome: crosscase.MeasureOutcome{Seizures: []crosscase.Seizure{{Type: "cash", ValueEUR: 7000}, {Type: "vehicles"}}}}); err != nil {
		t.Fatal(err)
	}
	b := ts.pageSignIn(it)
	b.acceptLanguage = "fr"
	board := b.get(fmt.Sprintf("/centres/%d", centre.ID)).wantStatus(http.StatusOK)
	if got, want := rawText(t, board, "#tally-seizures"), "espèces\u00a0; véhicules"; got != want {
		t.Errorf("the board's seized goods: %q, want %q", got, want)
	}

	// The press text closes with the authorities of each country.
	rome := ts.pageNewAuthority("IT", "Procura di Bari", crosscase.AuthorityProsecution, "Bari")
	berlin := ts.pageNewAuthority("DE", "Staatsanwaltschaft Berlin", crosscase.AuthorityProsecution, "Berlin")
	police := ts.pageNewAuthority("DE", "Polizei Berlin", crosscase.AuthorityPolice, "Berlin")
	c2 := &crosscase.Centre{CaseID: centre.CaseID, Name: "Second day", ActionDate: centre.ActionDate, AuthorityIDs: []int64{rome.ID, berlin.ID, police.ID},
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
	if err := db.CreateCentre(ctx, c2); err != nil {
		t.Fatal(err)
	}
	m2 := &crosscase.Measure{CentreID: c2.ID, Kind: crosscase.MeasureSeizure, Country: "IT", Place: "Bari", PlannedAt: noon}
	if err := db.CreateMeasure(ctx, m2); err != nil {
		t.Fatal(err)
	}
	moved, err = db.MoveMeasure(ctx, m2.ID, crosscase.MeasureMove{Version: m2.Version, State: crosscase.MeasureUnderWay})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveMeasure(ctx, m2.ID, crosscase.MeasureMove{Version: moved.Version, State: crosscase.MeasureDone,
		Outcome: crosscase.MeasureOutcome{Seizures: []crosscase.Seizure{{Type: "cash", ValueEUR: 7000}, {Type: "vehicles"}}}}); err != nil {
		t.Fatal(err)
	}
	press := b.get(fmt.Sprintf("/centres/%d/press", c2.ID)).wantStatus(http.StatusOK)
	text := rawText(t, press, "#press-text")
	if !strings.Contains(text, "Italie\u00a0: Procura di Bari\u00a0; Allemagne\u00a0: ") || frenchBareSemicolon.MatchString(text) {
		t.Errorf("the press text's authorities: %q", text)
	}
	for _, sel := range []string{"#press-authorities", "dl"} {
		if got := rawText(t, press, sel); !strings.Contains(got, "\u00a0; ") || frenchBareSemicolon.MatchString(got) {
			t.Errorf("the press page's %s: %q", sel, got)
		}
	}

	// A search hit's fields, and a list check hit's.
	w := newCheckWorld(t, db)
	ib := w.ts.pageSignIn(w.itUser)
	ib.acceptLanguage = "fr"
	why := rawText(t, ib.get("/search?q="+url.QueryEscape("Arben Cela")).wantStatus(http.StatusOK), "li.search-hit .why")
	if !strings.Contains(why, "\u00a0; ") || frenchBareSemicolon.MatchString(why) {
		t.Errorf("the search hit's fields: %q", why)
	}
	v := url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(checkList))}, "format": {"html"},
		"separator": {";"}, "col0": {"id"}, "col1": {"full_name"}, "col2": {"birth_date"}, "col3": {"phone"}}
	res := ib.postFiles("/checks/run", v).wantStatus(http.StatusOK)
	fields := rawText(t, res, "#check-hits tbody tr td.small")
	if !strings.Contains(fields, "\u00a0; ") || frenchBareSemicolon.MatchString(fields) {
		t.Errorf("the list check hits' fields: %q", fields)
	}
}
