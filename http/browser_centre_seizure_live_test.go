package http

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
)

// TestBrowserCentreSeizureWithoutQuantityLive: a seizure recorded
// without a quantity (cash by its value, vehicles not yet counted) is
// named without a number on the board, whether the page was drawn with
// it or the live stream brought it (static/centre.js): "cash; vehicles",
// not "cash: 0; vehicles: 0". In French the list's semicolon comes after
// a no-break space, live as on a reload (locale.Printer.ListSeparator).
func TestBrowserCentreSeizureWithoutQuantityLive(t *testing.T) {
	exe := browsertest.Chromium(t)
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
// without it; measures planned later in the day's order take their place
// in the list by planned time, as on a reload, not at its end; and the
// line saying who changed a measure last and when reads live as on a
// reload, after a plan and after a move.
func TestBrowserCentrePlannedLiveShowsTime(t *testing.T) {
	exe := browsertest.Chromium(t)
	db, ts, it, centre, noon := newActionDayToday(t)
	ctx := userContext(it)
	s := newBrowserSession(t, exe, 90*time.Second)
	s.signIn(ts.URL()+fmt.Sprintf("/centres/%d", centre.ID), it.Name, testPassword)
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`document.getElementById("live").textContent.indexOf("live") >= 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("wait for the stream: %v", err)
	}
	plan := func(at time.Time) *crosscase.Measure {
		t.Helper()
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "Bari", PlannedAt: at}
		if err := db.CreateMeasure(ctx, m); err != nil {
			t.Fatal(err)
		}
		s.do("wait for the planned measure", chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#measure-%d .m-head", m.ID))))
		return m
	}
	m := plan(noon)
	head := fmt.Sprintf("#measure-%d .m-head", m.ID)
	const want = "12:00 House search Planned"
	if got := s.text(head); got != want {
		t.Errorf("the measure planned live reads %q, want %q", got, want)
	}
	// Earlier in the day, then at the same time: before it, then after it.
	early := plan(noon.Add(-3 * time.Hour))
	same := plan(noon)
	if _, err := db.MoveMeasure(ctx, early.ID, crosscase.MeasureMove{Version: early.Version, State: crosscase.MeasureUnderWay}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector("#measure-%d").classList.contains("state-under_way")`, early.ID), chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the move did not show live: %v", err)
	}
	board := func() (order []string, who map[string]string) {
		t.Helper()
		out, err := chromedp.Run(s.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#measures-IT > li")).map(li => li.id + "|" + li.querySelector(".m-who").textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		who = map[string]string{}
		for _, o := range out {
			id, w, _ := strings.Cut(o, "|")
			order = append(order, id)
			who[id] = w
		}
		return order, who
	}
	liveOrder, liveWho := board()
	wantOrder := []string{fmt.Sprintf("measure-%d", early.ID), fmt.Sprintf("measure-%d", m.ID), fmt.Sprintf("measure-%d", same.ID)}
	if !slices.Equal(liveOrder, wantOrder) {
		t.Errorf("the measures planned live are in the order %q, want %q", liveOrder, wantOrder)
	}
	s.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(head)))
	if got := s.text(head); got != want {
		t.Errorf("the measure as the page draws it reads %q, want %q", got, want)
	}
	order, who := board()
	if !slices.Equal(order, wantOrder) {
		t.Errorf("the measures as the page draws them are in the order %q, want %q", order, wantOrder)
	}
	for id, w := range who {
		if liveWho[id] != w {
			t.Errorf("%s: who changed it reads %q live, %q on a reload", id, liveWho[id], w)
		}
	}
}
