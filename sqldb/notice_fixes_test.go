package sqldb_test

import (
	"context"
	"strings"
	"time"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// addContactPoint registers a country with no one at the agency as a
// contact-point desk with one contact point user.
func addContactPoint(t *testing.T, f *fixture, cc string) context.Context {
	t.Helper()
	d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskContactPoint, Name: "Contact point " + cc}
	if err := f.db.CreateDesk(f.sys, d); err != nil {
		t.Fatal(err)
	}
	f.desks[cc] = d
	name := "cp." + strings.ToLower(cc)
	f.user(t, name, crosscase.RoleContactPoint, d.ID)
	return f.as(t, name)
}

// A recipient desk sees its own row only; the sender sees every
// recipient and who acknowledged.
func TestNoticeRecipientsSeenBySenderOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, al, de := f.as(t, "it.desk_member"), f.as(t, "al.liaison_prosecutor"), f.as(t, "de.desk_member")
		ch := addContactPoint(t, f, "CH")
		n := &crosscase.Notice{Subject: "Prison phones", Body: "Details.", ToAll: true}
		if err := db.SendNotice(it, n, nil); err != nil {
			t.Fatal(err)
		}
		if err := db.AcknowledgeNotice(al, n.ID); err != nil {
			t.Fatal(err)
		}
		for name, ctx := range map[string]context.Context{"CH": ch, "DE": de, "AL": al} {
			got, err := db.FindNotice(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Recipients) != 1 || got.Recipients[0].Country != name || got.RecipientCount != 1 ||
				len(got.RecipientDeskIDs) != 1 || got.RecipientDeskIDs[0] != f.desks[name].ID {
				t.Errorf("%s reads recipients %+v (count %d, ids %v), want its own row only", name, got.Recipients, got.RecipientCount, got.RecipientDeskIDs)
			}
			in, err := db.FindNotices(ctx, crosscase.Inbox, 0)
			if err != nil || len(in) != 1 || in[0].RecipientCount != 1 || len(in[0].RecipientDeskIDs) != 1 {
				t.Errorf("%s inbox %+v, %v", name, in, err)
			}
		}
		if got, _ := db.FindNotice(ch, n.ID); got != nil && got.AcknowledgedCount != 0 {
			t.Errorf("CH learns that %d desks acknowledged", got.AcknowledgedCount)
		}
		sent, err := db.FindNotice(it, n.ID)
		if err != nil || len(sent.Recipients) != 3 || sent.RecipientCount != 3 || sent.AcknowledgedCount != 1 {
			t.Fatalf("sender reads %+v, %v", sent, err)
		}
		for _, r := range sent.Recipients {
			if (r.Country == "AL") != (r.AcknowledgedBy == "al.liaison_prosecutor") {
				t.Errorf("sender sees %+v", r)
			}
		}
	})
}

// Meetings are counted once held: one scheduled later today or next week
// is not, even when the period covers it.
func TestCountMeetingsHeldOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		now := time.Now().UTC()
		for _, at := range []time.Time{now.Add(-48 * time.Hour), now.Add(-time.Minute), now.Add(time.Hour), now.AddDate(0, 0, 7)} {
			if err := db.CreateMeeting(it, &crosscase.Meeting{CaseID: c.ID, StartsAt: at}); err != nil {
				t.Fatal(err)
			}
		}
		from, to := crosscase.DateOf(now.AddDate(0, 0, -10)), crosscase.DateOf(now.AddDate(0, 0, 10))
		n, err := db.CountMeetings(f.as(t, "de.statistics"), from, to, "")
		if err != nil || n != 2 {
			t.Errorf("CountMeetings(%s, %s) = %d, %v; want the 2 held", from, to, n, err)
		}
	})
}

// Impossible dates of actions and results are refused, naming the field,
// and nothing is stored.
func TestActionAndResultDates(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL") // opened 2023-03-01
		tomorrow := crosscase.DateOf(time.Now().UTC().AddDate(0, 0, 2))
		for _, d := range []crosscase.Date{tomorrow, mustDate(t, "2023-02-28")} {
			err := db.CreateAction(it, &crosscase.Action{CaseID: c.ID, Date: d, Name: "Action day"})
			wantCode(t, err, crosscase.EINVALID)
			if crosscase.ErrorField(err) != "date" {
				t.Errorf("action on %s: field %q", d, crosscase.ErrorField(err))
			}
		}
		if as, err := db.FindActions(it, c.ID); err != nil || len(as) != 0 {
			t.Fatalf("actions after refusals: %d, %v", len(as), err)
		}
		action := &crosscase.Action{CaseID: c.ID, Date: mustDate(t, "2024-05-13"), Name: "Action day"}
		if err := db.CreateAction(it, action); err != nil {
			t.Fatal(err)
		}
		arrest := func(d crosscase.Date, action int64) *crosscase.Result {
			return &crosscase.Result{CaseID: c.ID, ActionID: action, Kind: crosscase.ResultArrest, Country: "IT", Date: d, Count: 3}
		}
		for _, r := range []*crosscase.Result{
			arrest(tomorrow, 0),
			arrest(tomorrow, action.ID),
			arrest(mustDate(t, "2023-02-01"), 0),
			arrest(mustDate(t, "2024-05-12"), action.ID), // the day before its action
		} {
			err := db.CreateResult(it, r)
			wantCode(t, err, crosscase.EINVALID)
			if crosscase.ErrorField(err) != "date" {
				t.Errorf("result on %s: field %q (%v)", r.Date, crosscase.ErrorField(err), err)
			}
		}
		if rs, err := db.FindResults(it, c.ID); err != nil || len(rs) != 0 {
			t.Fatalf("results after refusals: %d, %v", len(rs), err)
		}
		// On the action's day, later, and today are fine.
		for _, r := range []*crosscase.Result{arrest(action.Date, action.ID), arrest(mustDate(t, "2024-09-01"), action.ID), arrest(crosscase.DateOf(time.Now().UTC()), 0)} {
			if err := db.CreateResult(it, r); err != nil {
				t.Errorf("result on %s: %v", r.Date, err)
			}
		}
	})
}

// The totals carry the victims and financial damage of the cases with
// results in the period and country, each case once.
func TestResultTotalsVictimsAndDamage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		setCase := func(victims int, damage int64) *crosscase.Case {
			c := f.newCase(t, it, "AL")
			if _, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: c.Version, Victims: &victims, FinancialDamageEUR: &damage}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		a, b, none := setCase(120, 5_000_000), setCase(7, 300_000), setCase(1000, 9)
		_ = none // no results: not counted
		for _, r := range []*crosscase.Result{
			{CaseID: a.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: mustDate(t, "2024-05-13"), Count: 4},
			{CaseID: a.ID, Kind: crosscase.ResultSearch, Country: "IT", Date: mustDate(t, "2024-05-13"), Count: 9},
			{CaseID: b.ID, Kind: crosscase.ResultArrest, Country: "AL", Date: mustDate(t, "2023-11-02"), Count: 1},
		} {
			if err := db.CreateResult(it, r); err != nil {
				t.Fatal(err)
			}
		}
		stats := f.as(t, "de.statistics")
		for _, tc := range []struct {
			from, to, country string
			cases, victims    int64
			damage            int64
		}{
			{"", "", "", 2, 127, 5_300_000},
			{"2024-01-01", "2024-12-31", "", 1, 120, 5_000_000},
			{"", "", "AL", 1, 7, 300_000},
			{"2025-01-01", "2025-12-31", "", 0, 0, 0},
		} {
			var from, to crosscase.Date
			if tc.from != "" {
				from, to = mustDate(t, tc.from), mustDate(t, tc.to)
			}
			tot, err := db.ResultTotals(stats, from, to, tc.country)
			if err != nil || tot.Cases != tc.cases || tot.Victims != tc.victims || tot.FinancialDamageEUR != tc.damage {
				t.Errorf("%s..%s %q: %+v, %v; want cases %d victims %d damage %d", tc.from, tc.to, tc.country, tot, err, tc.cases, tc.victims, tc.damage)
			}
		}
	})
}
