package sqldb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The store implements the services of meetings, results and notices.
var (
	_ crosscase.MeetingService = (*sqldb.DB)(nil)
	_ crosscase.ResultService  = (*sqldb.DB)(nil)
	_ crosscase.NoticeService  = (*sqldb.DB)(nil)
)

// auditCount counts the audit entries of action on objectType.
func auditCount(t *testing.T, f *fixture, action, objectType string) int {
	t.Helper()
	entries, _, err := f.db.FindAuditEntries(f.sys, crosscase.AuditFilter{Action: action, ObjectType: objectType, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func TestMeetings(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, al, de := f.as(t, "it.desk_member"), f.as(t, "al.liaison_prosecutor"), f.as(t, "de.desk_member")
		c := f.newCase(t, it, "AL")
		past := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)

		// Bad input is refused naming the field, and nothing is stored.
		for _, tc := range []struct {
			m     crosscase.Meeting
			field string
		}{
			{crosscase.Meeting{StartsAt: time.Date(2100, 1, 2, 10, 0, 0, 0, time.UTC), Outcome: "Agreed a joint strategy."}, "outcome"},
			{crosscase.Meeting{StartsAt: past, Partners: []string{"kgb"}}, "partners[0]"},
			{crosscase.Meeting{StartsAt: past, Partners: []string{"europol", "europol"}}, "partners[1]"},
			{crosscase.Meeting{StartsAt: past, DeskIDs: []int64{987654}}, "desk_ids[0]"},
			{crosscase.Meeting{StartsAt: past, AuthorityIDs: []int64{987654}}, "authority_ids[0]"},
			{crosscase.Meeting{}, "starts_at"},
			{crosscase.Meeting{StartsAt: past, Agenda: "bad \u202e text"}, "agenda"},
		} {
			m := tc.m
			m.CaseID = c.ID
			err := db.CreateMeeting(it, &m)
			wantCode(t, err, crosscase.EINVALID)
			if got := crosscase.ErrorField(err); got != tc.field {
				t.Errorf("%+v: field %q, want %q", tc.m, got, tc.field)
			}
		}
		if ms, err := db.FindMeetings(it, c.ID); err != nil || len(ms) != 0 {
			t.Fatalf("after refusals: %d meetings, %v", len(ms), err)
		}

		m := &crosscase.Meeting{CaseID: c.ID, StartsAt: past, DeskIDs: []int64{f.desks["AL"].ID},
			Partners: []string{"eppo", "europol"}, Agenda: "Joint strategy for the action day."}
		if err := db.CreateMeeting(it, m); err != nil {
			t.Fatal(err)
		}
		future := &crosscase.Meeting{CaseID: c.ID, StartsAt: time.Date(2100, 6, 1, 14, 0, 0, 0, time.UTC), Agenda: "Follow-up."}
		if err := db.CreateMeeting(it, future); err != nil {
			t.Fatal(err)
		}
		// Only the owner desk writes; the asked desk reads; others see nothing.
		wantCode(t, db.CreateMeeting(al, &crosscase.Meeting{CaseID: c.ID, StartsAt: past}), crosscase.EFORBIDDEN)
		outcome := "Agreed to set up a JIT."
		_, err := db.UpdateMeeting(al, m.ID, crosscase.MeetingUpdate{Version: 1, Outcome: &outcome})
		wantCode(t, err, crosscase.EFORBIDDEN)
		ms, err := db.FindMeetings(al, c.ID)
		if err != nil || len(ms) != 2 || ms[0].ID != m.ID || len(ms[0].DeskIDs) != 1 || strings.Join(ms[0].Partners, ",") != "europol,eppo" {
			t.Fatalf("asked desk reads %+v, %v", ms, err)
		}
		_, err = db.FindMeetings(de, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.FindMeeting(de, m.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.UpdateMeeting(de, m.ID, crosscase.MeetingUpdate{Version: 1, Outcome: &outcome})
		wantCode(t, err, crosscase.ENOTFOUND)
		wantCode(t, db.DeleteMeeting(de, m.ID), crosscase.ENOTFOUND)

		// The outcome is recorded after the meeting, not before.
		got, err := db.UpdateMeeting(it, m.ID, crosscase.MeetingUpdate{Version: 1, Outcome: &outcome})
		if err != nil || got.Outcome != outcome || got.Version != 2 {
			t.Fatalf("record outcome: %+v, %v", got, err)
		}
		_, err = db.UpdateMeeting(it, future.ID, crosscase.MeetingUpdate{Version: 1, Outcome: &outcome})
		wantCode(t, err, crosscase.EINVALID)
		_, err = db.UpdateMeeting(it, m.ID, crosscase.MeetingUpdate{Version: 1, Outcome: &outcome})
		wantCode(t, err, crosscase.ECONFLICT)
		if n := auditCount(t, f, crosscase.ActionCreate, "meeting"); n != 2 {
			t.Errorf("%d create entries for meetings, want 2", n)
		}
		if n := auditCount(t, f, crosscase.ActionUpdate, "meeting"); n != 1 {
			t.Errorf("%d update entries for meetings, want 1", n)
		}

		// Statistics count meetings by period and country, numbers only.
		stats := f.sys // any period: statistics users ask whole months that are over (TestReport)
		for _, tc := range []struct {
			from, to string
			country  string
			want     int
		}{
			// The meeting scheduled in 2100 has not been held: not counted.
			{"", "", "", 1}, {"2100-01-01", "2100-12-31", "", 0}, {"2024-01-01", "2024-12-31", "", 1}, {"2024-03-05", "2024-03-05", "", 1},
			{"2024-01-01", "2024-12-31", "IT", 1}, {"2024-01-01", "2024-12-31", "AL", 1}, {"", "", "DE", 0},
			{"2025-01-01", "2025-12-31", "", 0},
		} {
			var from, to crosscase.Date
			if tc.from != "" {
				from, to = mustDate(t, tc.from), mustDate(t, tc.to)
			}
			n, err := db.CountMeetings(stats, from, to, tc.country)
			if err != nil || n != tc.want {
				t.Errorf("CountMeetings(%s, %s, %q) = %d, %v; want %d", tc.from, tc.to, tc.country, n, err, tc.want)
			}
		}
		_, err = db.CountMeetings(it, crosscase.Date{}, crosscase.Date{}, "")
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.CountMeetings(stats, mustDate(t, "2024-02-01"), mustDate(t, "2024-01-01"), "")
		wantCode(t, err, crosscase.EINVALID)
		_, err = db.CountMeetings(stats, crosscase.Date{}, crosscase.Date{}, "XX")
		wantCode(t, err, crosscase.EINVALID)

		if err := db.DeleteMeeting(it, future.ID); err != nil {
			t.Fatal(err)
		}
		if n := auditCount(t, f, crosscase.ActionDelete, "meeting"); n != 1 {
			t.Errorf("%d delete entries for meetings, want 1", n)
		}
	})
}

func TestResults(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, al, de := f.as(t, "it.desk_member"), f.as(t, "al.liaison_prosecutor"), f.as(t, "de.desk_member")
		c := f.newCase(t, it, "AL")
		other := f.newCase(t, it)
		day := mustDate(t, "2024-05-13")
		action := &crosscase.Action{CaseID: c.ID, Date: day, Name: "Action day"}
		if err := db.CreateAction(it, action); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CreateAction(al, &crosscase.Action{CaseID: c.ID, Date: day, Name: "Ours"}), crosscase.EFORBIDDEN)
		wantCode(t, db.CreateAction(it, &crosscase.Action{CaseID: c.ID, Name: "No date"}), crosscase.EINVALID)
		otherAction := &crosscase.Action{CaseID: other.ID, Date: day, Name: "Elsewhere"}
		if err := db.CreateAction(it, otherAction); err != nil {
			t.Fatal(err)
		}

		seizure := func(mod func(r *crosscase.Result)) *crosscase.Result {
			r := &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: day,
				SeizureType: "drugs", Substance: "cocaine", Quantity: 12.5, Unit: "kg", Measure: "seized", ValueEUR: 900_000}
			if mod != nil {
				mod(r)
			}
			return r
		}
		for _, tc := range []struct {
			r     *crosscase.Result
			field string
		}{
			{seizure(func(r *crosscase.Result) { r.Substance = "" }), "substance"},
			{seizure(func(r *crosscase.Result) { r.Unit = "" }), "unit"},
			{seizure(func(r *crosscase.Result) { r.Quantity = -1 }), "quantity"},
			{seizure(func(r *crosscase.Result) { r.ValueEUR = -5 }), "value_eur"},
			{seizure(func(r *crosscase.Result) { r.Measure = "borrowed" }), "measure"},
			{seizure(func(r *crosscase.Result) { r.SeizureType = "gold" }), "seizure_type"},
			{seizure(func(r *crosscase.Result) { r.Country = "XX" }), "country"},
			{seizure(func(r *crosscase.Result) { r.Date = mustDate(t, "2001-01-01") }), "date"},
			{seizure(func(r *crosscase.Result) { r.ActionID = otherAction.ID }), "action_id"},
			{seizure(func(r *crosscase.Result) { r.Notes = "<script>\x00" }), "notes"},
			{&crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: day}, "count"},
			{&crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: day, Count: 2, Unit: "kg"}, "unit"},
			{&crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultAssetReturn, Country: "UA", Date: day}, "value_eur"},
			{&crosscase.Result{CaseID: c.ID, Kind: "party", Country: "IT", Date: day}, "kind"},
		} {
			err := db.CreateResult(it, tc.r)
			wantCode(t, err, crosscase.EINVALID)
			if got := crosscase.ErrorField(err); got != tc.field {
				t.Errorf("%+v: field %q (%v), want %q", tc.r, got, err, tc.field)
			}
		}
		if rs, err := db.FindResults(it, c.ID); err != nil || len(rs) != 0 {
			t.Fatalf("after refusals: %d results, %v", len(rs), err)
		}

		for _, r := range []*crosscase.Result{
			{CaseID: c.ID, ActionID: action.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: day, Count: 30},
			{CaseID: c.ID, ActionID: action.ID, Kind: crosscase.ResultSearch, Country: "IT", Date: day, Count: 45},
			seizure(func(r *crosscase.Result) { r.ActionID = action.ID }),
			seizure(func(r *crosscase.Result) { r.Quantity, r.ValueEUR = 0.25, 10_000 }),
			seizure(func(r *crosscase.Result) {
				r.SeizureType, r.Substance, r.Quantity, r.Unit, r.Measure, r.ValueEUR = "cash", "", 250_000, "EUR", "seized", 250_000
			}),
			seizure(func(r *crosscase.Result) {
				r.SeizureType, r.Substance, r.Quantity, r.Unit, r.Measure, r.ValueEUR, r.Date = "real_estate", "", 2, "items", "frozen", 1_500_000, mustDate(t, "2023-06-01")
			}),
			{CaseID: c.ID, Kind: crosscase.ResultAssetReturn, Country: "UA", Date: day, ValueEUR: 57_000_000},
		} {
			if err := db.CreateResult(it, r); err != nil {
				t.Fatalf("%+v: %v", r, err)
			}
		}
		// The asked desk reports its own country's results, not others'.
		alArrests := &crosscase.Result{CaseID: c.ID, ActionID: action.ID, Kind: crosscase.ResultArrest, Country: "AL", Date: day, Count: 22}
		if err := db.CreateResult(al, alArrests); err != nil {
			t.Fatal(err)
		}
		err := db.CreateResult(al, &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: day, Count: 1})
		wantCode(t, err, crosscase.EFORBIDDEN)
		wantCode(t, db.CreateResult(f.as(t, "al.analyst"), &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "AL", Date: day, Count: 1}), crosscase.EFORBIDDEN)
		// Another desk neither reads nor writes them, even guessing ids.
		_, err = db.FindResults(de, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.FindActions(de, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		wantCode(t, db.CreateResult(de, &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "DE", Date: day, Count: 1}), crosscase.ENOTFOUND)
		wantCode(t, db.DeleteResult(de, 0, alArrests.ID), crosscase.ENOTFOUND)

		rs, err := db.FindResults(al, c.ID)
		if err != nil || len(rs) != 8 {
			t.Fatalf("asked desk reads %d results, %v", len(rs), err)
		}
		if acts, err := db.FindActions(al, c.ID); err != nil || len(acts) != 1 || acts[0].Name != "Action day" {
			t.Fatalf("actions %+v, %v", acts, err)
		}

		stats := f.sys // any period: statistics users ask whole months that are over (TestReport)
		tot, err := db.ResultTotals(stats, crosscase.Date{}, crosscase.Date{}, "")
		if err != nil {
			t.Fatal(err)
		}
		if tot.Arrests != 52 || tot.Searches != 45 || tot.Cases != 1 || tot.ReturnedEUR != 57_000_000 ||
			tot.SeizedEUR != 1_160_000 || tot.FrozenEUR != 1_500_000 || tot.DrugsEUR != 910_000 {
			t.Errorf("totals %+v", tot)
		}
		var cocaine *crosscase.SeizureTotal
		for i, s := range tot.Seizures {
			if s.Substance == "cocaine" {
				cocaine = &tot.Seizures[i]
			}
		}
		if cocaine == nil || cocaine.Quantity != 12.75 || cocaine.Unit != "kg" || cocaine.Entries != 2 {
			t.Errorf("cocaine %+v", cocaine)
		}
		tot, err = db.ResultTotals(stats, mustDate(t, "2024-01-01"), mustDate(t, "2024-12-31"), "AL")
		if err != nil || tot.Arrests != 22 || tot.Searches != 0 || len(tot.Seizures) != 0 {
			t.Errorf("Albania 2024: %+v, %v", tot, err)
		}
		tot, err = db.ResultTotals(stats, mustDate(t, "2023-01-01"), mustDate(t, "2023-12-31"), "")
		if err != nil || tot.FrozenEUR != 1_500_000 || tot.Arrests != 0 {
			t.Errorf("2023: %+v, %v", tot, err)
		}
		_, err = db.ResultTotals(it, crosscase.Date{}, crosscase.Date{}, "")
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.ResultTotals(stats, mustDate(t, "2024-02-01"), mustDate(t, "2024-01-01"), "")
		wantCode(t, err, crosscase.EINVALID)

		// The reporting desk or the owner deletes; audited.
		var itArrest int64
		for _, r := range rs {
			if r.Kind == crosscase.ResultArrest && r.Country == "IT" {
				itArrest = r.ID
			}
		}
		wantCode(t, db.DeleteResult(al, 0, itArrest), crosscase.EFORBIDDEN)
		if err := db.DeleteResult(al, 0, alArrests.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteResult(it, 0, itArrest); err != nil {
			t.Fatal(err)
		}
		if n := auditCount(t, f, crosscase.ActionCreate, "result"); n != 8 {
			t.Errorf("%d create entries for results, want 8", n)
		}
		if n := auditCount(t, f, crosscase.ActionDelete, "result"); n != 2 {
			t.Errorf("%d delete entries for results, want 2", n)
		}
	})
}

func TestNotices(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, al, de := f.as(t, "it.desk_member"), f.as(t, "al.liaison_prosecutor"), f.as(t, "de.desk_member")
		// A country without anyone at the agency, registered on request
		// as a contact-point desk, and one with a working arrangement.
		for _, cc := range []string{"KR", "FR"} {
			kind := crosscase.DeskContactPoint
			if cc == "FR" {
				kind = crosscase.DeskNational
			}
			d := &crosscase.Desk{CountryCode: cc, Kind: kind, Name: "Desk " + cc}
			if err := db.CreateDesk(f.sys, d); err != nil {
				t.Fatal(err)
			}
			f.desks[cc] = d
		}
		f.user(t, "kr.contact_point", crosscase.RoleContactPoint, f.desks["KR"].ID)
		f.user(t, "fr.desk_member", crosscase.RoleDeskMember, f.desks["FR"].ID)
		kr, fr := f.as(t, "kr.contact_point"), f.as(t, "fr.desk_member")

		spec := []byte("%PDF-1.7 technical specifications of the device\n")
		n := &crosscase.Notice{Subject: "New undetectable phone used in prisons", Body: "Small device with few metal parts.\nSee the specifications.",
			RecipientDeskIDs: []int64{f.desks["AL"].ID, f.desks["DE"].ID}}
		if err := db.SendNotice(it, n, []crosscase.NoticeFile{{Name: "specs.pdf", ContentType: "application/pdf", Content: spec}}); err != nil {
			t.Fatal(err)
		}
		if n.ID == 0 || n.RecipientCount != 2 || len(n.Attachments) != 1 || n.Attachments[0].Size != int64(len(spec)) ||
			n.Attachments[0].SHA256 != fmt.Sprintf("%x", sha256.Sum256(spec)) {
			t.Fatalf("sent %+v", n)
		}
		// Recipients are told, read it and its attachment; others get 404.
		notes, err := db.FindNotifications(al, true, 10)
		if err != nil || len(notes) != 1 || notes[0].Kind != crosscase.NotifyNotice || notes[0].ObjectID != n.ID {
			t.Fatalf("AL notifications %+v, %v", notes, err)
		}
		got, err := db.FindNotice(al, n.ID)
		if err != nil || got.Subject != n.Subject || len(got.Attachments) != 1 || len(got.Recipients) != 1 {
			t.Fatalf("AL reads %+v, %v", got, err)
		}
		a, content, err := db.FindAttachment(al, n.ID, got.Attachments[0].ID)
		if err != nil || !bytes.Equal(content, spec) || a.Name != "specs.pdf" {
			t.Fatalf("attachment %+v, %v", a, err)
		}
		for _, ctx := range []context.Context{fr, kr, f.as(t, "it.statistics"), f.as(t, "it.administrator")} {
			_, err = db.FindNotice(ctx, n.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			_, _, err = db.FindAttachment(ctx, n.ID, got.Attachments[0].ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			wantCode(t, db.AcknowledgeNotice(ctx, n.ID), crosscase.ENOTFOUND)
		}
		_, _, err = db.FindAttachment(al, n.ID+1000, got.Attachments[0].ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		// The sender's desk does not acknowledge its own notice.
		wantCode(t, db.AcknowledgeNotice(it, n.ID), crosscase.ENOTFOUND)

		// Acknowledgements: who and when; the sender sees who has not.
		if err := db.AcknowledgeNotice(al, n.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.AcknowledgeNotice(f.as(t, "al.desk_member"), n.ID); err != nil {
			t.Fatal(err)
		}
		sent, err := db.FindNotice(it, n.ID)
		if err != nil || sent.AcknowledgedCount != 1 || sent.RecipientCount != 2 {
			t.Fatalf("sender sees %+v, %v", sent, err)
		}
		for _, r := range sent.Recipients {
			switch r.Country {
			case "AL":
				if r.AcknowledgedAt == nil || r.AcknowledgedBy != "al.liaison_prosecutor" {
					t.Errorf("AL acknowledgement %+v", r)
				}
			case "DE":
				if r.AcknowledgedAt != nil {
					t.Errorf("DE acknowledged %+v", r)
				}
			}
		}
		if c, err := db.CountUnacknowledgedNotices(de); err != nil || c != 1 {
			t.Errorf("DE unacknowledged %d, %v", c, err)
		}
		if c, err := db.CountUnacknowledgedNotices(al); err != nil || c != 0 {
			t.Errorf("AL unacknowledged %d, %v", c, err)
		}
		out, err := db.FindNotices(it, crosscase.Outbox, 0)
		if err != nil || len(out) != 1 || out[0].AcknowledgedCount != 1 {
			t.Fatalf("outbox %+v, %v", out, err)
		}
		in, err := db.FindNotices(al, crosscase.Inbox, 0)
		if err != nil || len(in) != 1 || in[0].Recipients[0].AcknowledgedAt == nil {
			t.Fatalf("inbox %+v, %v", in, err)
		}
		if in, err := db.FindNotices(fr, crosscase.Inbox, 0); err != nil || len(in) != 0 {
			t.Fatalf("FR inbox %+v, %v", in, err)
		}

		// Bad input: named field, nothing sent.
		for _, tc := range []struct {
			n     crosscase.Notice
			files []crosscase.NoticeFile
			field string
			code  string
		}{
			{crosscase.Notice{Subject: "x", Body: "y", RecipientDeskIDs: []int64{987654}}, nil, "recipient_desk_ids[0]", crosscase.EINVALID},
			{crosscase.Notice{Subject: "x", Body: "y"}, nil, "recipient_desk_ids", crosscase.EINVALID},
			{crosscase.Notice{Subject: "", Body: "y", ToAll: true}, nil, "subject", crosscase.EINVALID},
			{crosscase.Notice{Subject: "a\u202eb", Body: "y", ToAll: true}, nil, "subject", crosscase.EINVALID},
			{crosscase.Notice{Subject: "x", Body: "y", RecipientDeskIDs: []int64{f.desks["IT"].ID}}, nil, "recipient_desk_ids[0]", crosscase.EINVALID},
			{crosscase.Notice{Subject: "x", Body: "y", ToAll: true}, []crosscase.NoticeFile{{Name: "../etc/passwd", ContentType: "text/plain", Content: []byte("x")}}, "attachments[0].name", crosscase.EINVALID},
			{crosscase.Notice{Subject: "x", Body: "y", ToAll: true}, []crosscase.NoticeFile{{Name: "..", ContentType: "text/plain", Content: []byte("x")}}, "attachments[0].name", crosscase.EINVALID},
			{crosscase.Notice{Subject: "x", Body: "y", ToAll: true}, []crosscase.NoticeFile{{Name: "a.txt", ContentType: "garbage", Content: []byte("x")}}, "attachments[0].content_type", crosscase.EINVALID},
			{crosscase.Notice{Subject: "x", Body: "y", ToAll: true}, []crosscase.NoticeFile{{Name: "big.bin", ContentType: "application/octet-stream", Content: make([]byte, crosscase.MaxAttachmentBytes+1)}}, "attachments[0]", crosscase.ETOOLARGE},
		} {
			err := db.SendNotice(it, &tc.n, tc.files)
			wantCode(t, err, tc.code)
			if got := crosscase.ErrorField(err); got != tc.field {
				t.Errorf("%+v: field %q (%v), want %q", tc.n, got, err, tc.field)
			}
		}
		// Contact points and analysts do not send.
		wantCode(t, db.SendNotice(kr, &crosscase.Notice{Subject: "x", Body: "y", ToAll: true}, nil), crosscase.EFORBIDDEN)
		wantCode(t, db.SendNotice(f.as(t, "it.analyst"), &crosscase.Notice{Subject: "x", Body: "y", ToAll: true}, nil), crosscase.EFORBIDDEN)

		// The partner data rule: personal data to Korea (working
		// arrangement) is refused whole, naming the rule; nothing is sent.
		transfers := auditCount(t, f, crosscase.ActionTransfer, "notice")
		personal := &crosscase.Notice{Subject: "Suspect identified", Body: "Name and passport number of the supplier.", PersonalData: true,
			RecipientDeskIDs: []int64{f.desks["DE"].ID, f.desks["KR"].ID}}
		err = db.SendNotice(it, personal, nil)
		wantCode(t, err, crosscase.EFORBIDDEN)
		if msg := crosscase.ErrorMessage(err); !strings.Contains(msg, "Art. 56") || !strings.Contains(msg, "working arrangement") {
			t.Errorf("refusal message %q does not name the rule", msg)
		}
		wantCode(t, db.SendNotice(it, &crosscase.Notice{Subject: "x", Body: "y", PersonalData: true, ToAll: true}, nil), crosscase.EFORBIDDEN)
		if in, _ := db.FindNotices(de, crosscase.Inbox, 0); len(in) != 1 {
			t.Errorf("DE inbox holds %d notices after a refused send, want 1", len(in))
		}
		if in, _ := db.FindNotices(kr, crosscase.Inbox, 0); len(in) != 0 {
			t.Errorf("KR inbox holds %d notices after a refused send", len(in))
		}
		if out, _ := db.FindNotices(it, crosscase.Outbox, 0); len(out) != 1 {
			t.Errorf("outbox holds %d notices after refused sends, want 1", len(out))
		}
		if n := auditCount(t, f, crosscase.ActionRefuse, "notice"); n < 2 {
			t.Errorf("%d refusals of notices audited, want at least 2", n)
		}
		// To Albania (cooperation agreement) it goes, and the transfer is audited.
		toAL := &crosscase.Notice{Subject: "Suspect identified", Body: "Name and passport number of the supplier.", PersonalData: true,
			RecipientDeskIDs: []int64{f.desks["AL"].ID, f.desks["DE"].ID}}
		if err := db.SendNotice(it, toAL, nil); err != nil {
			t.Fatal(err)
		}
		if n := auditCount(t, f, crosscase.ActionTransfer, "notice"); n != transfers+1 {
			t.Errorf("transfers audited %d, want %d (one for AL, none for DE, a member state)", n, transfers+1)
		}

		// Without personal data a notice goes to every desk, contact points
		// included, and the contact point acknowledges it.
		all := &crosscase.Notice{Subject: "Prison phones: technical details", Body: "For all desks.", ToAll: true}
		if err := db.SendNotice(f.as(t, "it.liaison_prosecutor"), all, nil); err != nil {
			t.Fatal(err)
		}
		if all.RecipientCount != 4 {
			t.Errorf("to all: %d recipients, want AL, DE, FR, KR", all.RecipientCount)
		}
		in, err = db.FindNotices(kr, crosscase.Inbox, 0)
		if err != nil || len(in) != 1 || in[0].ID != all.ID {
			t.Fatalf("KR inbox %+v, %v", in, err)
		}
		if err := db.AcknowledgeNotice(kr, all.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.AcknowledgeNotice(f.as(t, "de.analyst"), all.ID), crosscase.EFORBIDDEN)
		// The contact point sees nothing else.
		if cs, _, err := db.FindCases(kr, crosscase.CaseFilter{}); err != nil || len(cs) != 0 {
			t.Errorf("contact point lists %d cases, %v", len(cs), err)
		}
		if n := auditCount(t, f, crosscase.ActionAcknowledge, "notice"); n != 2 {
			t.Errorf("%d acknowledgements audited, want 2", n)
		}
		if n := auditCount(t, f, crosscase.ActionRead, "notice_attachment"); n != 1 {
			t.Errorf("%d attachment reads audited, want 1", n)
		}
		if n := auditCount(t, f, crosscase.ActionCreate, "notice"); n != 3 {
			t.Errorf("%d notices sent in the audit log, want 3", n)
		}
	})
}

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
		n, err := db.CountMeetings(f.sys, from, to, "")
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
// results in the period and country, each case once; to the statistics
// user, only when 5 cases or more stand behind them (README, "Statistics
// and the annual report").
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
		results := []*crosscase.Result{
			{CaseID: a.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: mustDate(t, "2024-05-13"), Count: 4},
			{CaseID: a.ID, Kind: crosscase.ResultSearch, Country: "IT", Date: mustDate(t, "2024-05-13"), Count: 9},
			{CaseID: b.ID, Kind: crosscase.ResultArrest, Country: "AL", Date: mustDate(t, "2023-11-02"), Count: 1},
		}
		// Three more cases with a result in 2023 in Italy: five cases
		// with results in all.
		for i := 1; i <= 3; i++ {
			c := setCase(i, int64(i)*1000)
			results = append(results, &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: mustDate(t, "2023-06-01"), Count: 1})
		}
		for _, r := range results {
			if err := db.CreateResult(it, r); err != nil {
				t.Fatal(err)
			}
		}
		stats := f.sys // any period: statistics users ask whole months that are over (TestReport)
		for _, tc := range []struct {
			from, to, country string
			cases, victims    int64
			damage            int64
			hidden            bool
		}{
			{"", "", "", 5, 133, 5_306_000, false},
			{"2023-01-01", "2024-12-31", "", 5, 133, 5_306_000, false},
			// Fewer than five cases: their own figures, hidden.
			{"2024-01-01", "2024-12-31", "", 1, 0, 0, true},
			{"", "", "AL", 1, 0, 0, true},
			{"", "", "IT", 4, 0, 0, true},
			{"2025-01-01", "2025-12-31", "", 0, 0, 0, false},
		} {
			var from, to crosscase.Date
			if tc.from != "" {
				from, to = mustDate(t, tc.from), mustDate(t, tc.to)
			}
			tot, err := db.ResultTotals(stats, from, to, tc.country)
			if err != nil || tot.Cases != tc.cases || tot.Victims != tc.victims || tot.FinancialDamageEUR != tc.damage || tot.VictimsHidden != tc.hidden || tot.DamageHidden != tc.hidden {
				t.Errorf("%s..%s %q: %+v, %v; want cases %d victims %d damage %d hidden %v", tc.from, tc.to, tc.country, tot, err, tc.cases, tc.victims, tc.damage, tc.hidden)
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
