package http

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserCentreLive drives two headless Chromium sessions of two
// desks, each on its own server process over one PostgreSQL store (the
// deployment of README, "Coordination centres (action day, live)"): the
// German desk marks an arrest under way and then done on its board; the
// Italian owner desk, on the other server, sees the measure's state and
// the tally change without reloading. A third desk that takes no part
// gets 404 for the board and its stream.
func TestBrowserCentreLive(t *testing.T) {
	exe := browsertest.Chromium(t)
	if _, required := sqldbtest.PostgresURL(); !required {
		if os.Getenv("CROSSCASE_TEST_POSTGRES") == "" {
			t.Log("CROSSCASE_TEST_POSTGRES unset: trying the default server")
		}
	}
	dsn := sqldbtest.NewPostgresDatabase(t)
	ctx := context.Background()
	open := func() *sqldb.DB {
		db, err := sqldb.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	dbA, dbB := open(), open()
	a, b := newTestServer(t, dbA), newTestServer(t, dbB)
	it := a.user("it.member", crosscase.RoleDeskMember, "IT")
	de := a.user("de.member", crosscase.RoleDeskMember, "DE")
	se := a.user("se.member", crosscase.RoleDeskMember, "SE")
	c := a.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", Summary: "Migrant smuggling through the port.",
		AskedCountries: []string{"DE"}, CrimeTypes: []string{"migrant_smuggling"}, OpenedOn: pageDate(t, "2023-03-01")})
	suspect := a.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"})
	rome, _ := time.LoadLocation("Europe/Rome")
	now := time.Now().In(rome)
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day Harbour", ActionDate: crosscase.DateOf(now),
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}, DeskIDs: []int64{de.DeskID}}
	if err := dbA.CreateCentre(userContext(it), centre); err != nil {
		t.Fatal(err)
	}
	arrest := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureArrest, Country: "DE", Place: "Hamburg", EntityID: suspect.ID,
		PlannedAt: time.Date(now.Year(), now.Month(), now.Day(), 6, 0, 0, 0, rome)}
	if err := dbA.CreateMeasure(userContext(it), arrest); err != nil {
		t.Fatal(err)
	}
	board := fmt.Sprintf("/centres/%d", centre.ID)
	row := fmt.Sprintf("#measure-%d", arrest.ID)

	signIn := func(s *browserSession, base, name string) {
		t.Helper()
		s.signIn(base+board, name, testPassword)
		s.do("wait for the board as "+name, chromedp.WaitVisible(chromedp.ID("tally-arrested")), chromedp.WaitVisible(chromedp.CSS(row)))
	}
	italy := newBrowserSession(t, exe, 120*time.Second)
	germany := newBrowserSession(t, exe, 120*time.Second)
	signIn(italy, a.URL(), it.Name)
	signIn(germany, b.URL(), de.Name)
	if got := italy.text("#tally-arrested"); got != "0" {
		t.Fatalf("arrested before: %q", got)
	}
	// A mark that a reload would wipe out; and wait for the stream to be open.
	poll := func(s *browserSession, step, expr string) {
		t.Helper()
		if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	if _, err := chromedp.Run(italy.ctx, chromedp.Evaluate[string](`window.__sameDocument = "yes"`)); err != nil {
		t.Fatal(err)
	}
	poll(italy, "wait for the stream", `document.getElementById("live").textContent.indexOf("live") >= 0`)

	move := func(state string) {
		t.Helper()
		germany.do("choose "+state, chromedp.SetValue(chromedp.CSS(row+` select[name="state"]`), state))
		germany.submit("mark the arrest "+state, row+` form.m-move button[type="submit"]`)
		germany.do("wait for the board after "+state, chromedp.WaitVisible(chromedp.CSS(row)))
	}
	move("under_way")
	move("done")

	start := time.Now()
	italy.do("see the arrest done on the other server's board", chromedp.WaitVisible(chromedp.CSS(row+".state-done")))
	poll(italy, "see the tally change", `document.getElementById("tally-arrested").textContent === "1"`)
	t.Logf("the update reached the other server's board %v after the page saw it", time.Since(start))
	same, err := chromedp.Run(italy.ctx, chromedp.Evaluate[string](`window.__sameDocument || ""`))
	if err != nil || same != "yes" {
		t.Fatal("the board was reloaded to show the update")
	}
	if got := italy.text(row + " .m-state"); got != "Done" {
		t.Fatalf("state on the Italian board: %q", got)
	}
	if got := italy.text("#log-list"); !strings.Contains(got, "Under way → Done") {
		t.Fatalf("log on the Italian board: %q", got)
	}
	artifacts := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err == nil {
		if buf, err := chromedp.Run(italy.ctx, chromedp.FullScreenshot(100)); err == nil {
			_ = os.WriteFile(filepath.Join(artifacts, "centre-board.png"), buf, 0o644)
		}
	}

	// A desk that takes no part: 404 for the board and for its stream.
	client := b.signIn(se.Name, testPassword)
	for _, p := range []string{board, board + "/events", board + "/press"} {
		res, err := client.Get(b.URL() + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound || strings.Contains(string(body), "Harbour") || strings.Contains(res.Header.Get("Content-Type"), "event-stream") {
			t.Fatalf("%s as a desk that takes no part: %d %s", p, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
}

// TestBrowserCentreClosedIsNotLive: a board open when its centre closes
// says so, stops following the stream and no longer says it is live; a
// closed centre's board opened later follows no stream at all.
func TestBrowserCentreClosedIsNotLive(t *testing.T) {
	exe := browsertest.Chromium(t)
	db, ts, it, centre, _ := newActionDayToday(t)
	s := newBrowserSession(t, exe, 90*time.Second)
	s.signIn(ts.URL()+fmt.Sprintf("/centres/%d", centre.ID), it.Name, testPassword)
	s.do("wait for the board", chromedp.WaitVisible(chromedp.ID("board")))
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`document.getElementById("live").textContent.indexOf("●") >= 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("wait for the stream: %v", err)
	}
	if _, err := db.CloseCentre(userContext(it), centre.ID, crosscase.CentreClose{Version: centre.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`document.getElementById("centre-state").classList.contains("badge-closed") && document.getElementById("live").textContent === ""`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the board still says it is live after the centre closed: %v (%q)", err, s.text("#live"))
	}
	s.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("board")), chromedp.Sleep(1500*time.Millisecond))
	if got := s.text("#live"); got != "" {
		t.Errorf("a closed centre's board says %q", got)
	}
}
