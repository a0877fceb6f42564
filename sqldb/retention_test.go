package sqldb_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// Retention and review (README, "Retention and review"): who records
// what, a decision to keep holds off the sweep until it runs out, and an
// erased case's people are gone from every read, hit and the feed, their
// JIT evidence files and messages deleted, while the audit chain stays
// intact.
func TestRetentionReviewAndErasure(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		c := f.newCase(t, it, "AL")
		other := f.newCase(t, de)
		kola := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Kolaveri", IDNumber: "AL77123456"}
		phone := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: "+355 69 123 4567"}
		twin := &crosscase.Entity{CaseID: other.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ardit", FamilyName: "Kolaveri"}
		for _, e := range []*crosscase.Entity{kola, phone} {
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateEntity(de, twin); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordHits(f.sys, []crosscase.HitCandidate{{EntityID: twin.ID, FoundEntityID: kola.ID, Score: 97}}); err != nil {
			t.Fatal(err)
		}
		j := f.newJIT(t, it, "JIT Lake", []int64{c.ID}, "IT", "DE")
		f.addMember(t, it, j.ID, "de.jit_member", "DE")
		ev, err := db.UploadEvidence(it, j.ID, crosscase.EvidenceUpload{FileName: "kolaveri-statement.pdf", RecipientIDs: []int64{f.users["de.jit_member"].ID}}, strings.NewReader("statement"), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(f.dir, ev.StorageName)); err != nil {
			t.Fatalf("evidence file before: %v", err)
		}
		msg := &crosscase.JITMessage{Body: "Kolaveri was seen in Como on 3 March."}
		if err := db.PostJITMessage(it, j.ID, msg); err != nil {
			t.Fatal(err)
		}

		// Who records dates: the owner desk only; others are refused
		// as they would be for any write, a foreign desk as if the case
		// did not exist.
		dates := crosscase.RetentionDates{FinalDecisionOn: mustDate(t, "2023-04-10")}
		_, err = db.SetRetentionDates(f.as(t, "it.analyst"), c.ID, dates)
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.SetRetentionDates(f.as(t, "al.desk_member"), c.ID, dates)
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.SetRetentionDates(de, c.ID, dates)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.FindRetention(de, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.SetRetentionDates(it, c.ID, crosscase.RetentionDates{FinalDecisionOn: mustDate(t, "2026-01-01")})
		if crosscase.ErrorField(err) != "final_decision_on" {
			t.Fatalf("future final decision: %v", err)
		}
		r, err := db.SetRetentionDates(it, c.ID, dates)
		if err != nil {
			t.Fatal(err)
		}
		if r.Due.DeleteOn.String() != "2026-04-10" || r.Due.Ground != crosscase.GroundFinalDecision || r.Due.EraseNow || r.Due.ReviewOn.String() != "2026-04-10" {
			t.Fatalf("retention after dates: %+v", r.Due)
		}
		if due, err := db.FindRetentionDue(it, 30); err != nil || len(due) != 0 {
			t.Fatalf("due within 30 days, ten months ahead: %v %v", due, err)
		}

		// Ten months on, the deletion date has come: due, and a keep
		// decision with its reasons holds the sweep off until it runs out.
		now = time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC)
		due, err := db.FindRetentionDue(it, 30)
		if err != nil || len(due) != 1 || !due[0].Due.EraseNow {
			t.Fatalf("due after the limit: %+v %v", due, err)
		}
		_, err = db.ReviewRetention(it, c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewKeep})
		if crosscase.ErrorField(err) != "reason" {
			t.Fatalf("keep without reasons: %v", err)
		}
		_, err = db.ReviewRetention(it, c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewKeep, Reason: "Appeal pending", KeepUntil: mustDate(t, "2030-01-01")})
		if crosscase.ErrorField(err) != "keep_until" {
			t.Fatalf("keep beyond three years: %v", err)
		}
		r, err = db.ReviewRetention(it, c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewKeep, Reason: "Confiscation proceedings in Albania still need the coordination.", KeepUntil: mustDate(t, "2026-10-01")})
		if err != nil || r.Due.EraseNow || r.Due.KeptUntil.String() != "2026-10-01" || len(r.Reviews) != 1 || r.Reviews[0].DecidedByName != "it.desk-member" {
			t.Fatalf("keep: %+v %v", r, err)
		}
		if n, err := db.SweepRetention(f.sys); err != nil || n != 0 {
			t.Fatalf("sweep while kept: %d %v", n, err)
		}
		_, err = db.SweepRetention(f.as(t, "it.administrator"))
		wantCode(t, err, crosscase.EFORBIDDEN)

		// The keep decision runs out with no new one: the sweep deletes.
		now = time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
		n, err := db.SweepRetention(f.sys)
		if err != nil || n != 1 {
			t.Fatalf("sweep after the keep ran out: %d %v", n, err)
		}
		if n, err := db.SweepRetention(f.sys); err != nil || n != 0 {
			t.Fatalf("second sweep: %d %v", n, err)
		}
		for _, id := range []int64{kola.ID, phone.ID} {
			_, err := db.FindEntityByID(it, id)
			wantCode(t, err, crosscase.ENOTFOUND)
		}
		if list, err := db.FindEntities(it, c.ID); err != nil || len(list) != 0 {
			t.Fatalf("entities after erasure: %v %v", list, err)
		}
		for _, ctx := range []string{"it.desk_member", "de.desk_member"} {
			hs, _, err := db.FindHits(f.as(t, ctx), crosscase.HitFilter{})
			if err != nil || len(hs) != 0 {
				t.Fatalf("%s hits after erasure: %v %v", ctx, hs, err)
			}
		}
		got, err := db.FindCaseByID(it, c.ID)
		if err != nil || got.Summary != "" || got.EntityCount != 0 {
			t.Fatalf("case after erasure: %+v %v", got, err)
		}
		bundle, err := db.ExportCase(it, c.ID)
		if err != nil || len(bundle.Entities) != 0 {
			t.Fatalf("export after erasure: %v %v", bundle, err)
		}
		if _, err := os.Stat(filepath.Join(f.dir, ev.StorageName)); !os.IsNotExist(err) {
			t.Fatalf("evidence file after erasure: %v", err)
		}
		msgs, err := db.FindJITMessages(it, j.ID)
		if err != nil || len(msgs) != 1 || msgs[0].ID != msg.ID || !msgs[0].Erased || msgs[0].Body != "" || msgs[0].AuthorName == "" {
			t.Fatalf("JIT messages after erasure: %+v %v", msgs, err)
		}
		r, err = db.FindRetention(it, c.ID)
		if err != nil || r.ErasedGround != crosscase.GroundFinalDecision || r.ErasedAt.IsZero() || r.Entities != 0 || r.Due.EraseNow {
			t.Fatalf("retention after erasure: %+v %v", r, err)
		}
		deleted := map[int64]bool{}
		changes, err := db.EntityChanges(f.sys, 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range changes {
			if ch.Deleted {
				deleted[ch.EntityID] = true
			}
		}
		if !deleted[kola.ID] || !deleted[phone.ID] || deleted[twin.ID] {
			t.Fatalf("feed deletions: %v", deleted)
		}
		ns, err := db.FindNotifications(it, true, 50)
		if err != nil {
			t.Fatal(err)
		}
		told := false
		for _, n := range ns {
			told = told || n.Kind == "retention"
		}
		if !told {
			t.Fatalf("owner desk not told of the deletion: %+v", ns)
		}
		if rep, err := db.VerifyAudit(f.sys); err != nil || !rep.OK {
			t.Fatalf("audit after erasure: %+v %v", rep, err)
		}
		// No trace of the person in the audit log's details.
		entries, _, err := db.FindAuditEntries(f.as(t, "it.administrator"), crosscase.AuditFilter{CaseID: c.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.Contains(e.Detail, "Kolaveri") || strings.Contains(e.Detail, "AL77123456") {
				t.Fatalf("audit detail holds personal data: %+v", e)
			}
		}

		// Point (b): the German desk is told its suspect was acquitted.
		_, err = db.ReviewRetention(de, other.ID, &crosscase.RetentionReview{Decision: "archive"})
		if crosscase.ErrorField(err) != "decision" {
			t.Fatalf("unknown decision: %v", err)
		}
		err = db.RecordAcquittal(de, 0, twin.ID, mustDate(t, "2027-01-01"))
		if crosscase.ErrorField(err) != "final_on" {
			t.Fatalf("acquittal in the future: %v", err)
		}
		err = db.RecordAcquittal(it, 0, twin.ID, mustDate(t, "2026-09-01"))
		wantCode(t, err, crosscase.ENOTFOUND)
		if err := db.RecordAcquittal(de, 0, twin.ID, mustDate(t, "2026-09-01")); err != nil {
			t.Fatal(err)
		}
		_, err = db.FindEntityByID(de, twin.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
	})
}

// TestRetentionErasesInstrumentReasons: the free-text reasons of a case's
// instruments (extensions, delays, agreed surrender dates) describe the
// proceedings against the person and go with the case's personal data;
// an acquittal takes those of the acquitted person's instruments only.
func TestRetentionErasesInstrumentReasons(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, c, in := eawFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		other := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Lino", FamilyName: "Verdi"}
		if err := db.CreateEntity(it, other); err != nil {
			t.Fatal(err)
		}
		in2 := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-IT-2025-18", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: other.ID, IssuedOn: mustDate(t, "2025-03-01")}
		if err := db.CreateInstrument(it, in2); err != nil {
			t.Fatal(err)
		}
		arrest, st := mustDate(t, "2025-05-20"), crosscase.StatusArrested
		for _, x := range []*crosscase.Instrument{in, in2} {
			if _, err := db.UpdateInstrument(de, x.ID, crosscase.InstrumentUpdate{Version: 1, ReceivedOn: ptr(mustDate(t, "2025-03-02")), ArrestOn: &arrest, Status: &st}); err != nil {
				t.Fatal(err)
			}
		}
		reasonOf := func(id int64) string {
			t.Helper()
			got, err := db.FindInstrumentByID(it, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Extensions) != 1 {
				t.Fatalf("instrument %d has %d extensions", id, len(got.Extensions))
			}
			return got.Extensions[0].Reason
		}
		if _, err := db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "Marco Rossi is in hospital in Bolzano"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExtendInstrument(de, in2.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "Lino Verdi appealed"}); err != nil {
			t.Fatal(err)
		}

		if err := db.RecordAcquittal(it, 0, other.ID, mustDate(t, "2025-05-30")); err != nil {
			t.Fatal(err)
		}
		if got := reasonOf(in2.ID); got != "" {
			t.Errorf("after Verdi's acquittal, his instrument's extension reason is %q", got)
		}
		if got := reasonOf(in.ID); got != "Marco Rossi is in hospital in Bolzano" {
			t.Errorf("after Verdi's acquittal, Rossi's instrument's extension reason is %q", got)
		}
		if _, err := db.ReviewRetention(it, c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewDelete}); err != nil {
			t.Fatal(err)
		}
		if got := reasonOf(in.ID); got != "" {
			t.Errorf("after the case's deletion, the extension reason is %q", got)
		}
	})
}

// TestRetentionDueMostPressingFirst: the desk's due list comes the most
// pressing first, whatever the order the cases were registered in — a
// deletion overdue, then by the first date due, then by case
// (crosscase.SortRetentionDue; README, "Retention and review").
func TestRetentionDueMostPressingFirst(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		db.Now = func() time.Time { return time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC) }
		it := f.as(t, "it.desk_member")
		closed := &crosscase.Case{Title: "Closed, no date", CrimeTypes: []string{"drug_trafficking"},
			Status: crosscase.CaseClosed, OpenedOn: mustDate(t, "2023-03-01"), ClosedOn: mustDate(t, "2025-05-01")}
		if err := db.CreateCase(it, closed); err != nil {
			t.Fatal(err)
		}
		barred := func(on string) *crosscase.Case {
			c := f.newCase(t, it)
			if _, err := db.SetRetentionDates(it, c.ID, crosscase.RetentionDates{TimeBarredOn: mustDate(t, on)}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		late := barred("2025-06-20")
		soon := barred("2025-06-10")
		soonToo := barred("2025-06-10")
		overdue := barred("2025-06-01")
		due, err := db.FindRetentionDue(it, 30)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, r := range due {
			got = append(got, r.CaseID)
		}
		want := []int64{overdue.ID, soon.ID, soonToo.ID, late.ID, closed.ID}
		if !slices.Equal(got, want) {
			t.Fatalf("due order %v, want %v (overdue, 10 June twice by case, 20 June, closed with no date)", got, want)
		}
	})
}
