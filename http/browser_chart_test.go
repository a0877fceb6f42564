package http

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
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

// demoItalyAlbaniaChart signs it.rossi in to the demo in a browser and
// returns it with the address of the Italy–Albania case's link chart.
func demoItalyAlbaniaChart(t *testing.T) (*browserSession, string) {
	t.Helper()
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	_, albania := demoItalyAlbania(t, ts)
	return b, fmt.Sprintf("%s/cases/%d/chart", ts.URL(), albania.ID)
}

// TestBrowserLinkChartLabels opens the demo's Italy–Albania link chart as
// it.rossi on a laptop (1366×768): every node's label is shown, none
// overlaps another, and every node is inside the chart's frame (README,
// "Link chart"); the labels and nodes would be counted the same way on any
// other screen, the chart being one drawing scaled.
func TestBrowserLinkChartLabels(t *testing.T) {
	b, chart := demoItalyAlbaniaChart(t)
	b.do("open the chart at 1366×768",
		chromedp.EmulateViewport(1366, 768),
		chromedp.Navigate(chart),
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
	b, chart := demoItalyAlbaniaChart(t)
	b.do("open the chart at 390×844",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(chart),
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

// touch dispatches one touch event with the given points, each [x, y] in
// CSS pixels of the viewport, the first finger's id 0, the second's 1.
func touch(kind input.DispatchTouchEventType, points ...[2]float64) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		tps := []*input.TouchPoint{}
		for i, p := range points {
			id := float64(i)
			tps = append(tps, &input.TouchPoint{X: p[0], Y: p[1], ID: &id})
		}
		_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: kind, TouchPoints: tps})
		return chromedp.Void{}, err
	}
}

// gesture moves fingers from their points in from to those in to in steps
// touchMove events, after a touchStart at from and before a touchEnd.
func gesture(from, to [][2]float64, steps int) chromedp.Action[chromedp.Void] {
	actions := []chromedp.Action[chromedp.Void]{touch(input.DispatchTouchEventTypeTouchStart, from...)}
	for s := 1; s <= steps; s++ {
		at := make([][2]float64, len(from))
		for i := range from {
			f := float64(s) / float64(steps)
			at[i] = [2]float64{from[i][0] + (to[i][0]-from[i][0])*f, from[i][1] + (to[i][1]-from[i][1])*f}
		}
		actions = append(actions, touch(input.DispatchTouchEventTypeTouchMove, at...))
	}
	actions = append(actions, touch(input.DispatchTouchEventTypeTouchEnd))
	return chromedp.Steps(actions...)
}

// chartViewJS gives the link chart's view (its viewBox: x, y, width,
// height), the chart's units per screen pixel, and the centre of its frame
// on the screen.
const chartViewJS = `(function () {
  var svg = document.getElementById("link-chart"), v = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
  return [v.x, v.y, v.width, v.height, v.width / r.width, r.left + r.width / 2, r.top + r.height / 2];
})()`

// TestBrowserLinkChartTouch opens the demo's Italy–Albania link chart as
// it.rossi on a touch phone (390×844) and moves it with fingers as the
// hint above it says (README, "Link chart"): a one-finger drag, even one
// started on a node, pans the view by as much as the finger moved and opens
// nothing; a two-finger pinch zooms it out and back in about the point
// between the fingers; and a tap on a node opens the node's page, as a
// click does.
func TestBrowserLinkChartTouch(t *testing.T) {
	b, chart := demoItalyAlbaniaChart(t)
	b.do("open the chart on a touch phone of 390×844",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch),
		func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, t, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 2})
			return chromedp.Void{}, err
		},
		chromedp.Navigate(chart),
		chromedp.WaitVisible(chromedp.ID("chart-hint")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("link-chart").scrollIntoView({block: "center"})`))
	view := func() []float64 {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](chartViewJS))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	near := func(what string, got, want, within float64) {
		t.Helper()
		if math.Abs(got-want) > within {
			b.screenshot("link-chart-touch")
			t.Fatalf("%s: %.1f, want %.1f", what, got, want)
		}
	}

	// The chart opens centred on its most connected node: the drag starts
	// on it.
	v0 := view()
	cx, cy := v0[5], v0[6]
	b.do("drag one finger 120 px left and 60 px up from the centre",
		gesture([][2]float64{{cx, cy}}, [][2]float64{{cx - 120, cy - 60}}, 8))
	v1 := view()
	near("the view's left edge after the drag", v1[0], v0[0]+120*v0[4], 1)
	near("the view's top edge after the drag", v1[1], v0[1]+60*v0[4], 1)
	near("the view's width after the drag", v1[2], v0[2], 0.01)
	if at, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil || at != chart {
		t.Fatalf("after a drag started on a node the page is %q (%v), want the chart still", at, err)
	}

	// Two fingers 200 px apart brought to 100 px apart and moved 40 px
	// right and 30 px down: the view shows twice as much, the point of the
	// chart that was between them, at the frame's centre, still between
	// them.
	mid := [2]float64{v1[0] + v1[2]/2, v1[1] + v1[3]/2}
	b.do("pinch two fingers together, moving them",
		gesture([][2]float64{{cx - 100, cy}, {cx + 100, cy}}, [][2]float64{{cx - 10, cy + 30}, {cx + 90, cy + 30}}, 10))
	v2 := view()
	near("the view's width after pinching out", v2[2], v1[2]*2, 1)
	near("the view's height after pinching out", v2[3], v1[3]*2, 1)
	near("the chart's x under the fingers after pinching out", v2[0]+v2[2]/2+40*v2[4], mid[0], 1)
	near("the chart's y under the fingers after pinching out", v2[1]+v2[3]/2+30*v2[4], mid[1], 1)
	b.do("spread two fingers apart, back to where they started",
		gesture([][2]float64{{cx - 10, cy + 30}, {cx + 90, cy + 30}}, [][2]float64{{cx - 100, cy}, {cx + 100, cy}}, 10))
	v3 := view()
	near("the view's width after spreading", v3[2], v1[2], 1)
	near("the chart's x under the fingers after spreading", v3[0]+v3[2]/2, mid[0], 1)
	near("the chart's y under the fingers after spreading", v3[1]+v3[3]/2, mid[1], 1)

	// A tap on a node shown in the frame opens it, a finger's while after
	// the pinch. Chromium's gesture recognizer now and then takes a tap
	// that follows a pinch closely for part of it: the node gets its
	// pointer down and up and no click, so nothing opens. A finger lifted
	// from a pinch does not tap within milliseconds; the test waits as
	// long, and taps again (at most three times) if no click came.
	for try := 1; ; try++ {
		if _, err := chromedp.Run(b.ctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		node, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]any](`(function () {
  var frame = document.getElementById("link-chart").getBoundingClientRect();
  var found = null;
  document.querySelectorAll("#link-chart a.node").forEach(function (a) {
    var r = a.querySelector("circle").getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (!found && x > frame.left + 20 && x < frame.right - 20 && y > frame.top + 20 && y < frame.bottom - 20 && document.elementFromPoint(x, y).closest("a") === a) {
      found = [x, y, a.href.baseVal !== undefined ? new URL(a.href.baseVal, location.href).href : a.href];
    }
  });
  return found;
})()`))
		if err != nil || len(node) != 3 {
			b.screenshot("link-chart-touch")
			t.Fatalf("no node shown in the frame to tap: %v %v", node, err)
		}
		x, y, href := node[0].(float64), node[1].(float64), node[2].(string)
		ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
		res, err := chromedp.RunResponse(ctx, chromedp.Steps(
			touch(input.DispatchTouchEventTypeTouchStart, [2]float64{x, y}),
			touch(input.DispatchTouchEventTypeTouchEnd)))
		cancel()
		if err != nil {
			if try < 3 {
				t.Logf("tap %d on the node at (%.0f, %.0f) opened nothing (%v): tapping again", try, x, y, err)
				continue
			}
			b.screenshot("link-chart-touch")
			t.Fatalf("tap the node at (%.0f, %.0f), %d times: %v", x, y, try, err)
		}
		at, err := chromedp.Run(b.ctx, chromedp.Location())
		if err != nil || res.Status != 200 || at != href {
			t.Fatalf("a tap on the node opened %s (%d, %v), want %s", at, res.Status, err, href)
		}
		return
	}
}
