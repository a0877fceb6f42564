package http

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// instrumentWorld is a case of IT asked to DE, with a suspect, and the
// clients of the IT and DE desks and of FR (not in the case).
type instrumentWorld struct {
	ts             *testServer
	it, de, fr, al *apiClient
	c              *crosscase.Case
	e              *crosscase.Entity
}

func newInstrumentWorld(t *testing.T, db *sqldb.DB) *instrumentWorld {
	t.Helper()
	ts := newTestServer(t, db)
	w := &instrumentWorld{ts: ts,
		it: ts.apiUser("it.member", crosscase.RoleDeskMember, "IT"),
		de: ts.apiUser("de.member", crosscase.RoleDeskMember, "DE"),
		fr: ts.apiUser("fr.member", crosscase.RoleDeskMember, "FR"),
		al: ts.apiUser("al.liaison", crosscase.RoleLiaison, "AL")}
	w.c = ts.pageNewCase(w.it.User, &crosscase.Case{Title: "Cocaine route via Bari", AskedCountries: []string{"DE", "AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.DateOf(time.Now().AddDate(-1, 0, 0))})
	w.e = ts.pageNewEntity(w.it.User, &crosscase.Entity{CaseID: w.c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Luca", FamilyName: "Bianchi"})
	return w
}

func day(offset int) string { return time.Now().UTC().AddDate(0, 0, offset).Format(time.DateOnly) }

func TestAPIInstruments(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		casePath := fmt.Sprintf("/api/v1/cases/%d/instruments", w.c.ID)
		var in crosscase.Instrument
		w.it.post(casePath, map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0042", "issuing_country": "IT", "executing_country": "DE",
			"entity_id": w.e.ID, "issued_on": day(-40)}).decode(t, http.StatusCreated, &in)
		if in.ID == 0 || in.Status != crosscase.StatusIssued || len(in.Clocks) != 2 {
			t.Fatalf("created %+v", in)
		}
		path := fmt.Sprintf("/api/v1/instruments/%d", in.ID)
		// The executing desk records the arrest 50 days ago.
		var got crosscase.Instrument
		w.de.patch(path, map[string]any{"version": 1, "arrest_on": day(-50)}).wantProblem(t, http.StatusUnprocessableEntity, "arrest_on") // before the issue
		w.de.patch(path, map[string]any{"version": 1, "arrest_on": day(-30), "status": "arrested"}).decode(t, http.StatusOK, &got)
		if got.Status != crosscase.StatusArrested || got.Version != 2 {
			t.Fatalf("updated %+v", got)
		}
		// Deadlines: the decision is due 60 days after the arrest.
		var dl crosscase.DeadlineList
		w.de.get("/api/v1/deadlines?days=31").decode(t, http.StatusOK, &dl)
		if len(dl.DueSoon) != 1 || dl.DueSoon[0].Due.String() != day(30) || dl.DueSoon[0].Clock != crosscase.ClockEAWDecision {
			t.Fatalf("deadlines %+v", dl.DueSoon)
		}
		w.de.get("/api/v1/deadlines?type=eio&days=31").decode(t, http.StatusOK, &dl)
		if len(dl.DueSoon) != 0 {
			t.Fatalf("EIO filter %+v", dl.DueSoon)
		}
		w.de.get("/api/v1/deadlines?type=warrant").wantProblem(t, http.StatusUnprocessableEntity, "type")
		w.de.get("/api/v1/deadlines?days=0").wantProblem(t, http.StatusBadRequest, "days")
		w.de.get("/api/v1/deadlines?when=soon").wantProblem(t, http.StatusBadRequest, "when")
		// Invalid transitions and bad input: 4xx naming the field, nothing changed.
		w.it.patch(path, map[string]any{"version": 2, "status": "issued"}).wantProblem(t, http.StatusUnprocessableEntity, "status")
		w.it.patch(path, map[string]any{"version": 2, "status": "executed"}).wantProblem(t, http.StatusUnprocessableEntity, "status")
		w.de.patch(path, map[string]any{"version": 2, "decision_on": day(-31)}).wantProblem(t, http.StatusUnprocessableEntity, "decision_on")
		w.de.patch(path, map[string]any{"version": 2, "surrender_on": day(-1)}).wantProblem(t, http.StatusUnprocessableEntity, "surrender_on")
		w.de.patch(path, map[string]any{"version": 2, "arrest_on": "2025-02-30"}).wantProblem(t, http.StatusBadRequest, "arrest_on")
		w.de.patch(path, map[string]any{"version": 2, "arrest_on": 20250101}).wantProblem(t, http.StatusBadRequest, "arrest_on")
		w.de.patch(path, map[string]any{"version": 2, "reference": "<script>"}).wantProblem(t, http.StatusForbidden, "reference")
		w.de.patch(path, `{"version": 2, "arrest_on": `).wantProblem(t, http.StatusBadRequest, "")
		w.it.patch(path, map[string]any{"version": 2, "executing_country": "ZZ"}).wantProblem(t, http.StatusUnprocessableEntity, "executing_country")
		w.it.patch(path, map[string]any{"version": 1, "reference": "x"}).wantProblem(t, http.StatusConflict, "")
		w.al.patch(path, map[string]any{"version": 2, "decision_on": day(-1)}).wantProblem(t, http.StatusForbidden, "")
		// Extensions: a reason, within 30 days.
		ext := path + "/extensions"
		w.de.post(ext, map[string]any{"clock": "eaw_decision", "days": 30}).wantProblem(t, http.StatusUnprocessableEntity, "reason")
		w.de.post(ext, map[string]any{"clock": "eaw_decision", "days": 45, "reason": "Complex case"}).wantProblem(t, http.StatusBadRequest, "days")
		w.de.post(ext, map[string]any{"clock": "eaw_surrender", "days": 5, "reason": "x"}).wantProblem(t, http.StatusUnprocessableEntity, "clock")
		w.de.get(path).decode(t, http.StatusOK, &got)
		if got.Version != 2 || got.Status != crosscase.StatusArrested || len(got.Extensions) != 0 || got.Reference != "EAW/BA/2025/0042" {
			t.Fatalf("bad input changed the instrument: %+v", got)
		}
		w.de.post(ext, map[string]any{"clock": "eaw_decision", "days": 30, "reason": "Hearing postponed: the person's lawyer was ill."}).decode(t, http.StatusOK, &got)
		if len(got.Extensions) != 1 || got.Clocks[0].Due.String() != day(60) {
			t.Fatalf("extended %+v", got.Clocks)
		}
		// Need to know: FR guesses ids and gets 404s, like for a missing one.
		w.fr.get(path).wantProblem(t, http.StatusNotFound, "")
		w.fr.get("/api/v1/instruments/987654").wantProblem(t, http.StatusNotFound, "")
		w.fr.patch(path, map[string]any{"version": 3, "decision_on": day(0)}).wantProblem(t, http.StatusNotFound, "")
		w.fr.post(ext, map[string]any{"clock": "eaw_decision", "days": 1, "reason": "x"}).wantProblem(t, http.StatusNotFound, "")
		w.fr.get(casePath).wantProblem(t, http.StatusNotFound, "")
		w.fr.post(casePath, map[string]any{"type": "mla", "reference": "x", "issuing_country": "FR", "executing_country": "IT", "issued_on": day(-1)}).wantProblem(t, http.StatusNotFound, "")
		w.fr.get("/api/v1/deadlines").decode(t, http.StatusOK, &dl)
		if len(dl.Overdue)+len(dl.DueSoon) != 0 {
			t.Fatalf("FR sees deadlines %+v", dl)
		}
		// Create refusals name the field.
		w.it.post(casePath, map[string]any{"type": "eaw", "reference": "x", "issuing_country": "IT", "executing_country": "FR", "issued_on": day(-1)}).wantProblem(t, http.StatusUnprocessableEntity, "executing_country")
		w.it.post(casePath, map[string]any{"type": "eaw", "reference": "x", "issuing_country": "IT", "executing_country": "DE", "issued_on": day(5)}).wantProblem(t, http.StatusUnprocessableEntity, "issued_on")
		w.it.post(casePath, map[string]any{"type": "eaw", "reference": "x", "issuing_country": "IT", "executing_country": "DE", "issued_on": day(-5), "received_on": day(-6)}).wantProblem(t, http.StatusUnprocessableEntity, "received_on")
		w.it.post(casePath, map[string]any{"type": "eaw", "reference": "x", "issuing_country": "IT", "executing_country": "DE", "issued_on": day(-5), "id": 5}).wantProblem(t, http.StatusBadRequest, "id")
		w.de.post(casePath, map[string]any{"type": "mla", "reference": "x", "issuing_country": "DE", "executing_country": "IT", "issued_on": day(-1)}).wantProblem(t, http.StatusForbidden, "")
		var list server.List[*crosscase.Instrument]
		w.al.get(casePath).decode(t, http.StatusOK, &list)
		if len(list.Items) != 1 {
			t.Fatalf("list %+v", list.Items)
		}
		// Audited: the create, reads and updates of the instrument.
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{ObjectType: "instrument", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range entries {
			actions[e.Action]++
		}
		if actions[crosscase.ActionCreate] != 1 || actions[crosscase.ActionRead] < 2 || actions[crosscase.ActionUpdate] < 2 || actions[crosscase.ActionRefuse] < 3 {
			t.Fatalf("audit actions %v", actions)
		}
	})
}

// TestAPIInstrumentScope: a type between countries it does not run
// between is 422 naming the country, with the instrument to use, and
// nothing is stored or changed.
func TestAPIInstrumentScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		casePath := fmt.Sprintf("/api/v1/cases/%d/instruments", w.c.ID)
		p := w.it.post(casePath, map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0050", "issuing_country": "IT", "executing_country": "AL",
			"entity_id": w.e.ID, "issued_on": day(-10)}).wantProblem(t, http.StatusUnprocessableEntity, "executing_country")
		if want := "A European Arrest Warrant runs only between EU Member States (Framework Decision 2002/584/JHA); Albania (AL) is not one: use an extradition request (extradition)."; p.Detail != want {
			t.Fatalf("detail %q, want %q", p.Detail, want)
		}
		p = w.it.post(casePath, map[string]any{"type": "eio", "reference": "EIO/BA/2025/0051", "issuing_country": "AL", "executing_country": "IT",
			"issued_on": day(-10)}).wantProblem(t, http.StatusUnprocessableEntity, "issuing_country")
		if !strings.Contains(p.Detail, "Directive 2014/41/EU") || !strings.HasSuffix(p.Detail, "use a mutual legal assistance request (mla).") {
			t.Fatalf("detail %q", p.Detail)
		}
		var list server.List[*crosscase.Instrument]
		w.it.get(casePath).decode(t, http.StatusOK, &list)
		if len(list.Items) != 0 {
			t.Fatalf("stored after refusals: %+v", list.Items)
		}
		// The instrument the message names is accepted.
		var ex crosscase.Instrument
		w.it.post(casePath, map[string]any{"type": "extradition", "reference": "EXT/BA/2025/0050", "issuing_country": "IT", "executing_country": "AL",
			"entity_id": w.e.ID, "issued_on": day(-10)}).decode(t, http.StatusCreated, &ex)
		// Moving a warrant to a third country changes nothing.
		var eaw, got crosscase.Instrument
		w.it.post(casePath, map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0052", "issuing_country": "IT", "executing_country": "DE",
			"issued_on": day(-10)}).decode(t, http.StatusCreated, &eaw)
		path := fmt.Sprintf("/api/v1/instruments/%d", eaw.ID)
		w.it.patch(path, map[string]any{"version": 1, "executing_country": "AL"}).wantProblem(t, http.StatusUnprocessableEntity, "executing_country")
		w.it.get(path).decode(t, http.StatusOK, &got)
		if got.Version != 1 || got.ExecutingCountry != "DE" {
			t.Fatalf("after the refusal: %+v", got)
		}
		w.it.get(casePath).decode(t, http.StatusOK, &list)
		if len(list.Items) != 2 {
			t.Fatalf("%d instruments, want the extradition request and the warrant", len(list.Items))
		}
	})
}

func TestCalendarFeed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		it := userContext(w.it.User)
		in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW;BA,2025\\42 with a long reference that folds ÄÖÜ",
			IssuingCountry: "IT", ExecutingCountry: "DE", EntityID: w.e.ID, IssuedOn: pageDate(t, day(-20)), ArrestOn: pageDate(t, day(-10)), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(it, in); err != nil {
			t.Fatal(err)
		}
		fz := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentFreezing, Urgent: true, Reference: "FRZ-1", IssuingCountry: "IT", ExecutingCountry: "DE",
			IssuedOn: pageDate(t, day(-1)), ReceivedAt: time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Minute), Status: crosscase.StatusReceived}
		if err := db.CreateInstrument(it, fz); err != nil {
			t.Fatal(err)
		}
		b := w.ts.pageSignIn(w.de.User)
		res := b.postCSRF("/account/calendar-tokens", url.Values{}).wantStatus(http.StatusOK)
		feedURL := res.text("#new-calendar-url")
		u, err := url.Parse(feedURL)
		if err != nil || !strings.HasPrefix(u.Path, "/calendar/") || !strings.HasSuffix(u.Path, ".ics") {
			t.Fatalf("feed address %q", feedURL)
		}
		// No cookie, no bearer: the address is the credential.
		resp, err := http.Get(w.ts.URL() + u.Path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		events := parseICS(t, string(body))
		if len(events) != 2 {
			t.Fatalf("events %v", events)
		}
		byUID := map[string]map[string]string{}
		for _, e := range events {
			byUID[e["UID"]] = e
			if e["DTSTAMP"] == "" || !strings.HasSuffix(e["DTSTAMP"], "Z") {
				t.Errorf("DTSTAMP %q", e["DTSTAMP"])
			}
			if strings.Contains(e["SUMMARY"]+e["DESCRIPTION"], "Bianchi") || strings.Contains(e["SUMMARY"]+e["DESCRIPTION"], "Luca") {
				t.Errorf("personal data in the feed: %v", e)
			}
		}
		eaw := byUID[fmt.Sprintf("instrument-%d-eaw_decision@crosscase", in.ID)]
		wantDue := time.Now().UTC().AddDate(0, 0, 50).Format("20060102")
		if eaw == nil || eaw["DTSTART;VALUE=DATE"] != wantDue {
			t.Fatalf("EAW event %v, want all-day on %s", eaw, wantDue)
		}
		if !strings.Contains(eaw["SUMMARY"], `EAW\;BA\,2025\\42`) {
			t.Errorf("summary not escaped: %q", eaw["SUMMARY"])
		}
		frz := byUID[fmt.Sprintf("instrument-%d-freezing_decision@crosscase", fz.ID)]
		wantAt := fz.ReceivedAt.Add(48 * time.Hour).Format("20060102T150405Z")
		if frz == nil || frz["DTSTART"] != wantAt {
			t.Fatalf("freezing event %v, want %s", frz, wantAt)
		}
		// A bad or revoked token is a plain 404.
		for _, p := range []string{"/calendar/ccal_nothing.ics", "/calendar/" + strings.TrimSuffix(strings.TrimPrefix(u.Path, "/calendar/"), ".ics")} {
			resp, err := http.Get(w.ts.URL() + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("%s: %d", p, resp.StatusCode)
			}
		}
		toks, _ := db.ListCalendarTokens(userContext(w.de.User))
		b.postCSRF(fmt.Sprintf("/account/calendar-tokens/%d/revoke", toks[0].ID), url.Values{}).wantStatus(http.StatusSeeOther)
		resp, err = http.Get(w.ts.URL() + u.Path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("revoked feed: %d", resp.StatusCode)
		}
	})
}

// parseICS checks the RFC 5545 framing of an iCalendar object (CRLF line
// ends, lines of at most 75 octets, folding) and returns its events as
// maps of property (with parameters) to raw value.
func parseICS(t *testing.T, s string) []map[string]string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the feed does not end in CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for _, l := range raw {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Fatalf("bare line break in %q", l)
		}
		if len(l) > 75 {
			t.Fatalf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("not a calendar: %q … %q", lines[0], lines[len(lines)-1])
	}
	var version, prodid bool
	var events []map[string]string
	var cur map[string]string
	for _, l := range lines[1 : len(lines)-1] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("content line without a colon: %q", l)
		}
		switch {
		case l == "BEGIN:VEVENT":
			cur = map[string]string{}
		case l == "END:VEVENT":
			for _, p := range []string{"UID", "DTSTAMP", "SUMMARY"} {
				if cur[p] == "" {
					t.Fatalf("event without %s: %v", p, cur)
				}
			}
			if cur["DTSTART"] == "" && cur["DTSTART;VALUE=DATE"] == "" {
				t.Fatalf("event without DTSTART: %v", cur)
			}
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur[name] = value
		case name == "VERSION":
			version = value == "2.0"
		case name == "PRODID":
			prodid = value != ""
		}
	}
	if !version || !prodid {
		t.Fatal("calendar without VERSION:2.0 or PRODID")
	}
	return events
}

// newArrestedEAW creates an EAW of w's case, arrested 30 days ago by DE.
func newArrestedEAW(t *testing.T, w *instrumentWorld) (string, crosscase.Instrument) {
	t.Helper()
	var in crosscase.Instrument
	w.it.post(fmt.Sprintf("/api/v1/cases/%d/instruments", w.c.ID), map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0099", "issuing_country": "IT", "executing_country": "DE",
		"entity_id": w.e.ID, "issued_on": day(-40)}).decode(t, http.StatusCreated, &in)
	path := fmt.Sprintf("/api/v1/instruments/%d", in.ID)
	w.de.patch(path, map[string]any{"version": 1, "arrest_on": day(-30), "status": "arrested"}).decode(t, http.StatusOK, &in)
	return path, in
}

// TestAPIExtensionDaysBounded: days outside 1..30 are a 400 naming days,
// not a 500, and change nothing.
func TestAPIExtensionDaysBounded(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		path, in := newArrestedEAW(t, w)
		for _, days := range []any{int64(1) << 40, 9223372036854775807, 31, 0, -5} {
			w.de.post(path+"/extensions", map[string]any{"clock": "eaw_decision", "days": days, "reason": "Hearing postponed"}).wantProblem(t, http.StatusBadRequest, "days")
		}
		var got crosscase.Instrument
		w.de.get(path).decode(t, http.StatusOK, &got)
		if got.Version != in.Version || len(got.Extensions) != 0 {
			t.Fatalf("changed: %+v", got.Extensions)
		}
	})
}

// TestAPISurrenderDatesAndClearing: a new agreed surrender date starts a
// new 10-day limit (FD 2002/584/JHA Art. 23(3)); bad input names the
// field; another desk gets 404; the executing desk may not clear a date.
func TestAPISurrenderDatesAndClearing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		path, in := newArrestedEAW(t, w)
		w.de.patch(path, map[string]any{"version": in.Version, "arrest_on": ""}).wantProblem(t, http.StatusForbidden, "arrest_on")
		w.de.patch(path, map[string]any{"version": in.Version, "received_on": day(-35), "decision_on": day(-20), "status": "surrender_ordered"}).decode(t, http.StatusOK, &in)
		sd := path + "/surrender-dates"
		w.fr.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-1), "ground": "force_majeure", "reason": "Strike"}).wantProblem(t, http.StatusNotFound, "")
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-1), "ground": "holiday", "reason": "x"}).wantProblem(t, http.StatusUnprocessableEntity, "ground")
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-30), "ground": "force_majeure", "reason": "x"}).wantProblem(t, http.StatusUnprocessableEntity, "agreed_on")
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": "tomorrow", "ground": "force_majeure", "reason": "x"}).wantProblem(t, http.StatusBadRequest, "agreed_on")
		w.de.post(sd, map[string]any{"version": in.Version + 5, "agreed_on": day(-1), "ground": "force_majeure", "reason": "x"}).wantProblem(t, http.StatusConflict, "")
		var got crosscase.Instrument
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-1), "ground": "humanitarian", "reason": "The person is in hospital"}).decode(t, http.StatusOK, &got)
		for _, c := range got.Clocks {
			if c.Kind == crosscase.ClockEAWSurrender && (c.Due.String() != day(9) || c.State != crosscase.ClockRunning || c.Article != "Framework Decision 2002/584/JHA, Art. 23(4)") {
				t.Fatalf("surrender clock %+v", c)
			}
		}
		if len(got.SurrenderDates) != 1 || got.Version != in.Version+1 {
			t.Fatalf("instrument %+v", got)
		}
	})
}

// auditCount counts the audit entries of action on objectType.
func auditCount(t *testing.T, db *sqldb.DB, action, objectType string) int {
	t.Helper()
	admin := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{Action: action, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.ObjectType == objectType {
			n++
		}
	}
	return n
}

// TestCalendarFeedETag: an unchanged feed polled with If-None-Match is a
// 304 with no audit entry; a change gives a new tag; bad and revoked
// tokens are audited as refusals, without the token; the feed of a user
// who must change a password someone else set is closed.
func TestCalendarFeedETag(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		newArrestedEAW(t, w)
		b := w.ts.pageSignIn(w.de.User)
		u, err := url.Parse(b.postCSRF("/account/calendar-tokens", url.Values{}).wantStatus(http.StatusOK).text("#new-calendar-url"))
		if err != nil {
			t.Fatal(err)
		}
		get := func(path, inm string) *http.Response {
			t.Helper()
			req, _ := http.NewRequest("GET", w.ts.URL()+path, nil)
			if inm != "" {
				req.Header.Set("If-None-Match", inm)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp
		}
		first := get(u.Path, "")
		tag := first.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || tag == "" {
			t.Fatalf("first poll %d, tag %q", first.StatusCode, tag)
		}
		lists := auditCount(t, db, crosscase.ActionList, "instrument_deadline")
		if again := get(u.Path, tag); again.StatusCode != http.StatusNotModified || again.Header.Get("ETag") != tag {
			t.Fatalf("unchanged poll %d, tag %q", again.StatusCode, again.Header.Get("ETag"))
		}
		if n := auditCount(t, db, crosscase.ActionList, "instrument_deadline"); n != lists {
			t.Fatalf("a 304 wrote %d audit entries", n-lists)
		}
		// A new instrument changes the feed: 200 with a new tag.
		newArrestedEAW(t, w)
		if changed := get(u.Path, tag); changed.StatusCode != http.StatusOK || changed.Header.Get("ETag") == tag {
			t.Fatalf("changed poll %d, tag %q", changed.StatusCode, changed.Header.Get("ETag"))
		}
		// Bad tokens are refusals in the audit log.
		refusals := auditCount(t, db, crosscase.ActionRefuse, "calendar_token")
		if r := get("/calendar/ccal_guess.ics", ""); r.StatusCode != http.StatusNotFound {
			t.Fatalf("bad token %d", r.StatusCode)
		}
		if n := auditCount(t, db, crosscase.ActionRefuse, "calendar_token"); n != refusals+1 {
			t.Fatalf("bad token refusals %d, want %d", n, refusals+1)
		}
		// Polling a bad address again within the hour is counted, not
		// recorded again; the first refusal after the hour is, with the
		// count.
		for range 3 {
			if r := get("/calendar/ccal_guess.ics", ""); r.StatusCode != http.StatusNotFound {
				t.Fatalf("bad token %d", r.StatusCode)
			}
		}
		if n := auditCount(t, db, crosscase.ActionRefuse, "calendar_token"); n != refusals+1 {
			t.Fatalf("repeated bad token refusals %d, want %d", n, refusals+1)
		}
		later := time.Now().Add(61 * time.Minute)
		db.Now = func() time.Time { return later }
		if r := get("/calendar/ccal_guess.ics", ""); r.StatusCode != http.StatusNotFound {
			t.Fatalf("bad token %d", r.StatusCode)
		}
		db.Now = time.Now
		if n := auditCount(t, db, crosscase.ActionRefuse, "calendar_token"); n != refusals+2 {
			t.Fatalf("bad token refusals after the hour %d, want %d", n, refusals+2)
		}
		admin := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{Action: crosscase.ActionRefuse, Limit: 1})
		if err != nil || len(entries) != 1 || !strings.HasPrefix(entries[0].Detail, "unknown; 3 more in the hour from ") {
			t.Fatalf("refusal after the hour: %+v, %v", entries, err)
		}
		// A password set by an administrator closes the feed until the
		// user chooses their own.
		if err := db.SetPassword(systemContext(), w.de.User.ID, "a one-time password 42"); err != nil {
			t.Fatal(err)
		}
		if r := get(u.Path, ""); r.StatusCode != http.StatusNotFound {
			t.Fatalf("feed of a user who must change their password: %d", r.StatusCode)
		}
	})
}
