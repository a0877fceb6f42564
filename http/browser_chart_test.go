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

// chartOverlapsJS counts, on the link chart as shown, the pairs of node
// labels whose boxes overlap and the nodes outside the chart's frame.
const chartOverlapsJS = `(function () {
  var svg = document.getElementById("link-chart");
  var frame = svg.parentElement.getBoundingClientRect();
  var labels = [...svg.querySelectorAll(".nodes a.node text")].filter(function (t) { return getComputedStyle(t).display !== "none"; })
    .map(function (t) { return t.getBoundingClientRect(); });
  var overlaps = 0;
  for (var i = 0; i < labels.length; i++) {
    for (var j = i + 1; j < labels.length; j++) {
      var a = labels[i], b = labels[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) { overlaps++; }
    }
  }
  var outside = [...svg.querySelectorAll(".nodes circle")].filter(function (c) {
    var r = c.getBoundingClientRect();
    return r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom;
  }).length;
  return [labels.length, overlaps, outside];
})()`

// TestBrowserLinkChartLabels opens the demo's Italy–Albania link chart as
// it.rossi on a laptop (1366×768): every node's label is shown, none
// overlaps another, and every node is inside the chart's frame (README,
// "Link chart"); the labels and nodes would be counted the same way on any
// other screen, the chart being one drawing scaled.
func TestBrowserLinkChartLabels(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	_, albania := demoItalyAlbania(t, ts)
	b.do("open the chart at 1366×768",
		chromedp.EmulateViewport(1366, 768),
		chromedp.Navigate(fmt.Sprintf("%s/cases/%d/chart", ts.URL(), albania.ID)),
		chromedp.WaitVisible(chromedp.ID("chart-tools")))
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]int](chartOverlapsJS))
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#link-chart a.node").length`))
	if err != nil {
		t.Fatal(err)
	}
	if nodes < 40 || got[0] != nodes || got[1] != 0 || got[2] != 0 {
		b.screenshot("link-chart-labels")
		t.Fatalf("%d nodes, %d labels shown, %d pairs of labels overlapping, %d nodes outside the frame; want every label shown, none overlapping, none outside", nodes, got[0], got[1], got[2])
	}
	t.Logf("%d nodes, %d labels, no overlap", nodes, got[0])
}

// chartLabelSizeJS gives, on the link chart as shown, the number of node
// labels shown inside its frame and the smallest of their font sizes in
// screen pixels.
const chartLabelSizeJS = `(function () {
  var svg = document.getElementById("link-chart");
  var frame = svg.parentElement.getBoundingClientRect();
  var k = svg.getScreenCTM().a, n = 0, least = 1000;
  svg.querySelectorAll(".nodes a.node text").forEach(function (t) {
    if (getComputedStyle(t).display === "none") { return; }
    var r = t.getBoundingClientRect();
    if (r.right < frame.left || r.left > frame.right || r.bottom < frame.top || r.top > frame.bottom) { return; }
    n++;
    least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * k);
  });
  return [n, least];
})()`

// TestBrowserLinkChartPhone opens the demo's Italy–Albania link chart as
// it.rossi on a phone (390×844): fitted whole, its labels would be 4 to 5
// pixels tall, so it opens zoomed in, its labels 9 pixels or more, saying
// it can be moved; "Fit whole chart" then shows every node in the frame
// (README, "Link chart").
func TestBrowserLinkChartPhone(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	_, albania := demoItalyAlbania(t, ts)
	b.do("open the chart at 390×844",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(fmt.Sprintf("%s/cases/%d/chart", ts.URL(), albania.ID)),
		chromedp.WaitVisible(chromedp.ID("chart-tools")),
		chromedp.WaitVisible(chromedp.ID("chart-hint")),
		chromedp.WaitVisible(chromedp.CSS(`#chart-tools [data-zoom="fit"]`)))
	opened := viewWidth(b)
	size, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](chartLabelSizeJS))
	if err != nil {
		t.Fatal(err)
	}
	if size[0] < 1 || size[1] < 9 {
		b.screenshot("link-chart-phone")
		t.Fatalf("%v labels shown, the smallest %.1f px; want some, at 9 px or more", size[0], size[1])
	}
	t.Logf("%v labels shown, the smallest %.1f px", size[0], size[1])
	b.do("fit the whole chart", chromedp.Click(chromedp.CSS(`#chart-tools [data-zoom="fit"]`)))
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]int](chartOverlapsJS))
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#link-chart a.node").length`))
	if err != nil {
		t.Fatal(err)
	}
	if nodes < 40 || got[0] != nodes || got[2] != 0 {
		b.screenshot("link-chart-phone-fit")
		t.Fatalf("fitted: %d nodes, %d labels shown, %d nodes outside the frame; want every label shown, none outside", nodes, got[0], got[2])
	}
	if fitted := viewWidth(b); fitted <= opened*2 {
		t.Fatalf("the fitted view is %.0f wide, the first %.0f: want it more than twice as wide", fitted, opened)
	}
}

// viewWidth is the width of the link chart's view (its viewBox) as shown.
func viewWidth(b *browserSession) float64 {
	b.t.Helper()
	w, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`document.getElementById("link-chart").viewBox.baseVal.width`))
	if err != nil {
		b.t.Fatal(err)
	}
	return w
}
