package http

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserLinkChart drives a real headless Chromium on a case's link
// chart: the served script shows its tools, the zoom buttons change the
// chart's view, and a relation made with the form under the chart appears
// in it and in the table (README, "Link chart").
func TestBrowserLinkChart(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	if err := db.CreateDesk(systemContext(), &crosscase.Desk{CountryCode: "IT", Kind: crosscase.DeskNational, Name: "National Desk Italy"}); err != nil {
		t.Fatal(err)
	}
	u := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	ctx := userContext(u)
	c := &crosscase.Case{Title: "Port of Bari", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.Date{Year: 2025, Month: 4, Day: 2}}
	if err := db.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range []*crosscase.Entity{
		{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arbër", FamilyName: "Çelaj"},
		{CaseID: c.ID, Kind: crosscase.KindOCG, Role: crosscase.RoleSuspect, Name: "Çelaj clan"},
		{CaseID: c.ID, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: "+355 69 765 4321"},
	} {
		if err := db.CreateEntity(ctx, e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	if err := db.CreateRelation(ctx, &crosscase.Relation{CaseID: c.ID, FromID: ids[0], ToID: ids[1], Kind: crosscase.RelationMemberOf}); err != nil {
		t.Fatal(err)
	}

	b := newBrowserSession(t, exe, 90*time.Second)
	path := fmt.Sprintf("/cases/%d/chart", c.ID)
	b.signIn(ts.URL()+path, u.Name, testPassword)
	b.do("the chart and its tools", chromedp.WaitVisible(chromedp.ID("link-chart")), chromedp.WaitVisible(chromedp.ID("chart-tools")))
	before, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById("link-chart").getAttribute("viewBox")`))
	if err != nil {
		t.Fatal(err)
	}
	b.do("zoom in", chromedp.Click(chromedp.CSS(`#chart-tools [data-zoom="in"]`)))
	after, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById("link-chart").getAttribute("viewBox")`))
	if err != nil {
		t.Fatal(err)
	}
	if before == after {
		t.Fatalf("zooming in left the view at %q", after)
	}
	// The pickers filter as one types, accents aside: "celaj" keeps the
	// person and the clan, hides the phone.
	b.do("filter the picker", chromedp.WaitVisible(chromedp.ID("f-from_id-filter")), chromedp.SendKeys(chromedp.ID("f-from_id-filter"), "celaj"))
	shown, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`[...document.getElementById("f-from_id").options].filter(o => !o.hidden).length`))
	if err != nil {
		t.Fatal(err)
	}
	if shown != 2 {
		t.Fatalf("%d entities shown for %q, want 2", shown, "celaj")
	}
	b.do("relate the phone",
		chromedp.SetValue(chromedp.ID("f-from_id"), fmt.Sprint(ids[0])),
		chromedp.SetValue(chromedp.ID("f-kind"), "uses_phone"),
		chromedp.SetValue(chromedp.ID("f-to_id"), fmt.Sprint(ids[2])))
	b.submit("relate", `#relation-form button[type="submit"]`)
	if got := b.text(".flash"); got != "The relation has been recorded." {
		t.Fatalf("flash %q", got)
	}
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#link-chart .edge").length * 10 + document.querySelectorAll("#relations tr.relation").length`))
	if err != nil {
		t.Fatal(err)
	}
	if n != 22 {
		t.Fatalf("edges×10 + table rows = %d, want 22", n)
	}
}
