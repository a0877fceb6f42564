package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

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

// The sender desk adds a desk to a sent notice: a country with no one at
// the agency, registered as a contact-point desk on request.
func TestAddNoticeRecipients(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, al, de := f.as(t, "it.desk_member"), f.as(t, "al.liaison_prosecutor"), f.as(t, "de.desk_member")
		n := &crosscase.Notice{Subject: "Prison phones", Body: "Details.", RecipientDeskIDs: []int64{f.desks["DE"].ID}}
		if err := db.SendNotice(it, n, nil); err != nil {
			t.Fatal(err)
		}
		kr := addContactPoint(t, f, "KR") // a working arrangement only
		if _, err := db.FindNotice(kr, n.ID); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Fatalf("KR reads the notice before it is added: %v", err)
		}
		// Bad input names the entry; nothing changes.
		for _, tc := range []struct {
			ids   []int64
			field string
		}{
			{nil, "desk_ids"},
			{[]int64{f.desks["KR"].ID, 987654}, "desk_ids[1]"},
			{[]int64{f.desks["KR"].ID, f.desks["KR"].ID}, "desk_ids[1]"},
			{[]int64{-3}, "desk_ids[0]"},
			{[]int64{f.desks["DE"].ID}, "desk_ids[0]"},
			{[]int64{f.desks["IT"].ID}, "desk_ids[0]"},
		} {
			_, err := db.AddNoticeRecipients(it, n.ID, tc.ids)
			wantCode(t, err, crosscase.EINVALID)
			if got := crosscase.ErrorField(err); got != tc.field {
				t.Errorf("%v: field %q (%v), want %q", tc.ids, got, err, tc.field)
			}
		}
		// Only the sender desk's desk members and liaison prosecutors add;
		// another desk does not learn the notice exists.
		_, err := db.AddNoticeRecipients(de, n.ID, []int64{f.desks["KR"].ID})
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.AddNoticeRecipients(f.as(t, "it.analyst"), n.ID, []int64{f.desks["KR"].ID})
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.AddNoticeRecipients(al, n.ID, []int64{f.desks["KR"].ID})
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.AddNoticeRecipients(it, n.ID+1000, []int64{f.desks["KR"].ID})
		wantCode(t, err, crosscase.ENOTFOUND)
		if sent, _ := db.FindNotice(it, n.ID); sent.RecipientCount != 1 {
			t.Fatalf("after refusals %d recipients", sent.RecipientCount)
		}
		if c, _ := db.CountUnreadNotifications(kr); c != 0 {
			t.Fatalf("KR notified of a refused addition")
		}

		got, err := db.AddNoticeRecipients(it, n.ID, []int64{f.desks["KR"].ID, f.desks["AL"].ID})
		if err != nil || got.RecipientCount != 3 || len(got.Recipients) != 3 {
			t.Fatalf("added: %+v, %v", got, err)
		}
		notes, err := db.FindNotifications(kr, true, 10)
		if err != nil || len(notes) != 1 || notes[0].ObjectID != n.ID {
			t.Fatalf("KR notifications %+v, %v", notes, err)
		}
		seen, err := db.FindNotice(kr, n.ID)
		if err != nil || len(seen.Recipients) != 1 || seen.Recipients[0].Country != "KR" {
			t.Fatalf("KR reads %+v, %v", seen, err)
		}
		if err := db.AcknowledgeNotice(kr, n.ID); err != nil {
			t.Fatal(err)
		}
		if n := auditCount(t, f, crosscase.ActionUpdate, "notice"); n != 1 {
			t.Errorf("%d additions audited, want 1", n)
		}

		// Personal data: to Korea (working arrangement) refused whole, to
		// Albania (cooperation agreement) it goes, audited as a transfer.
		p := &crosscase.Notice{Subject: "Suspect identified", Body: "Name and passport.", PersonalData: true, RecipientDeskIDs: []int64{f.desks["DE"].ID}}
		if err := db.SendNotice(it, p, nil); err != nil {
			t.Fatal(err)
		}
		_, err = db.AddNoticeRecipients(it, p.ID, []int64{f.desks["AL"].ID, f.desks["KR"].ID})
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "personal_data" || !strings.Contains(crosscase.ErrorMessage(err), "Art. 56") {
			t.Errorf("refusal %v", err)
		}
		if _, err := db.FindNotice(al, p.ID); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Fatalf("AL reads the notice after a refused addition: %v", err)
		}
		transfers := auditCount(t, f, crosscase.ActionTransfer, "notice")
		if _, err := db.AddNoticeRecipients(it, p.ID, []int64{f.desks["AL"].ID}); err != nil {
			t.Fatal(err)
		}
		if got := auditCount(t, f, crosscase.ActionTransfer, "notice"); got != transfers+1 {
			t.Errorf("transfers audited %d, want %d", got, transfers+1)
		}
	})
}
