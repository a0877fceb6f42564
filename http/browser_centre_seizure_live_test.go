package http

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
)

// TestBrowserCentreSeizureWithoutQuantityLive: a seizure recorded
// without a quantity (cash by its value, vehicles not yet counted) is
// named without a number on the board, whether the page was drawn with
// it or the live stream brought it (static/centre.js): "cash; vehicles",
// not "cash: 0; vehicles: 0". In French the list's semicolon comes after
// a no-break space, live as on a reload (locale.Printer.ListSeparator).
func TestBrowserCentreSeizureWithoutQuantityLive(t *testing.T) {
	exe := pageChromium(t)
	for _, tc := range []struct{ lang, want string }{{"en", "cash; vehicles"}, {"fr", "espèces\u00a0; véhicules"}} {
		t.Run(tc.lang, func(t *testing.T) {
			db, ts, it, centre, noon := newActionDayToday(t)
			ctx := userContext(it)
			if err := db.SetLanguage(ctx, tc.lang); err != nil {
				t.Fatal(err)
			}
			m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSeizure, Country: "IT", Place: "Bari",
				PlannedAt: noon}
			if err := db.CreateMeasure(ctx, m); err != nil {
				t.Fatal(err)
			}
			moved, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
			if err != nil {
				t.Fatal(err)
			}
			s := newBrowserSession(t, exe, 90*time.Second)
			s.signIn(ts.URL()+fmt.Sprintf("/centres/%d", centre.ID), it.Name, testPassword)
			s.do("wait for the board", chromedp.WaitVisible(chromedp.ID("tally-seizures")))
			if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`document.getElementById("live").textContent.indexOf("●") >= 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
				t.Fatalf("wait for the stream: %v", err)
			}
			if _, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: moved.Version, State: crosscase.MeasureDone,
				Outcome: crosscase.MeasureOutcome{Seizures: []crosscase.Seizure{{Type: "cash", ValueEUR: 7000}, {Type: "vehicles"}}}}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`/7.000/.test(document.getElementById("tally-seized").textContent)`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
				t.Fatalf("the tally did not change live: %v (%q)", err, s.text("#tally-seized"))
			}
			if got := s.text("#tally-seizures"); got != tc.want {
				t.Errorf("seizures after the live change: %q, want %q", got, tc.want)
			}
			s.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("tally-seizures")))
			if got := s.text("#tally-seizures"); got != tc.want {
				t.Errorf("seizures as the page draws them: %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBrowserCentrePlannedLiveShowsTime: a measure planned while the
// board is open appears with its planned time in its country's zone, as
// the page draws it on a reload ("12:00 House search Planned"), not
// without it.
func TestBrowserCentrePlannedLiveShowsTime(t *testing.T) {
	exe := pageChromium(t)
	db, ts, it, centre, noon := newActionDayToday(t)
	ctx := userContext(it)
	s := newBrowserSession(t, exe, 90*time.Second)
	s.signIn(ts.URL()+fmt.Sprintf("/centres/%d", centre.ID), it.Name, testPassword)
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`document.getElementById("live").textContent.indexOf("live") >= 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("wait for the stream: %v", err)
	}
	m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "Bari",
		PlannedAt: noon}
	if err := db.CreateMeasure(ctx, m); err != nil {
		t.Fatal(err)
	}
	head := fmt.Sprintf("#measure-%d .m-head", m.ID)
	s.do("wait for the planned measure", chromedp.WaitVisible(chromedp.CSS(head)))
	const want = "12:00 House search Planned"
	if got := s.text(head); got != want {
		t.Errorf("the measure planned live reads %q, want %q", got, want)
	}
	s.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(head)))
	if got := s.text(head); got != want {
		t.Errorf("the measure as the page draws it reads %q, want %q", got, want)
	}
}
