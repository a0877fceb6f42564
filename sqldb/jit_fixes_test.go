package sqldb_test

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// Only the owner desk links a case to a JIT, and is told when it does;
// a desk merely asked in the case is refused (403), on set-up and later.
func TestJITCaseLinkNeedsOwnerDesk(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		deCase := f.newCase(t, de, "IT") // DE owns it; IT is asked and sees it
		if _, err := db.FindCaseByID(it, deCase.ID); err != nil {
			t.Fatal(err)
		}
		j := &crosscase.JIT{Name: "JIT Lake", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 24, CaseIDs: []int64{deCase.ID},
			Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}}
		err := db.CreateJIT(it, j)
		wantCode(t, err, crosscase.EFORBIDDEN)
		if !strings.Contains(crosscase.ErrorMessage(err), "owner desk (DE)") {
			t.Errorf("refusal does not say who may link: %v", err)
		}
		if l, _ := db.FindJITs(it); len(l) != 0 {
			t.Fatalf("refused set-up created a JIT")
		}
		jit := f.newJIT(t, it, "JIT Lake", nil, "IT", "DE")
		wantCode(t, db.LinkJITCase(it, jit.ID, deCase.ID), crosscase.EFORBIDDEN)
		wantCode(t, db.LinkJITCase(f.as(t, "de.analyst"), jit.ID, deCase.ID), crosscase.EFORBIDDEN)
		if g, _ := db.FindJIT(it, jit.ID); len(g.CaseIDs) != 0 {
			t.Fatalf("refused link stored: %v", g.CaseIDs)
		}
		// The owner desk links it, and its inbox says so.
		if err := db.LinkJITCase(de, jit.ID, deCase.ID); err != nil {
			t.Fatal(err)
		}
		ns, err := db.FindNotifications(de, false, 50)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, n := range ns {
			found = found || (n.Kind == crosscase.NotifyJITCaseLinked && n.ObjectID == jit.ID && strings.Contains(n.Subject, deCase.Reference))
		}
		if !found {
			t.Errorf("owner desk not told of the link: %+v", ns)
		}
	})
}

// A member's country is their desk's or their account's, read from the
// store: a desk user of a non-party country is refused, and so is a
// declared country that is not the real one.
func TestJITMemberRealCountry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it)
		j := f.newJIT(t, it, "JIT Lake", []int64{c.ID}, "IT", "DE")
		for _, tc := range []struct {
			user, country, field string
		}{
			{"al.desk_member", "AL", "user_id"},      // desk of a non-party country
			{"al.desk_member", "DE", "country_code"}, // declares a party country
			{"al.jit_member", "DE", "country_code"},  // JIT-only account of AL declares DE
			{"it.analyst", "DE", "country_code"},     // IT desk user declares DE
		} {
			err := db.AddJITMember(it, j.ID, &crosscase.JITMember{UserID: f.users[tc.user].ID, CountryCode: tc.country, AuthorityID: f.auth[tc.country].ID})
			wantCode(t, err, crosscase.EINVALID)
			if crosscase.ErrorField(err) != tc.field {
				t.Errorf("%s as %s: field %q, want %q (%v)", tc.user, tc.country, crosscase.ErrorField(err), tc.field, err)
			}
		}
		if _, err := db.FindCaseByID(f.as(t, "al.desk_member"), c.ID); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Fatalf("refused member reads the case: %v", err)
		}
		// The real country is filled in when none is given.
		m := &crosscase.JITMember{UserID: f.users["de.jit_member"].ID, AuthorityID: f.auth["DE"].ID}
		if err := db.AddJITMember(it, j.ID, m); err != nil || m.CountryCode != "DE" {
			t.Fatalf("add without a country: %+v %v", m, err)
		}

		// A JIT-only account needs a known country, set by an administrator.
		for _, u := range []*crosscase.User{
			{Name: "x.one", Role: crosscase.RoleJITMember},
			{Name: "x.two", Role: crosscase.RoleJITMember, CountryCode: "QQ"},
			{Name: "x.three", Role: crosscase.RoleJITMember, CountryCode: "Italy"},
			{Name: "x.four", Role: crosscase.RoleDeskMember, DeskID: f.desks["IT"].ID, CountryCode: "DE"},
		} {
			err := db.CreateUser(f.sys, u, "correct horse battery staple")
			if crosscase.ErrorField(err) != "country_code" {
				t.Errorf("create %+v: %v, want country_code", u, err)
			}
		}
		wantCode(t, db.CreateUser(it, &crosscase.User{Name: "x.five", Role: crosscase.RoleJITMember, CountryCode: "IT"}, "correct horse battery staple"), crosscase.EFORBIDDEN)
		// An administrator moves the account to AL: it is then refused as
		// a recipient of evidence, and the JIT-only member does not
		// download as DE.
		de := f.users["de.jit_member"]
		al := "AL"
		got, err := db.UpdateUser(f.sys, de.ID, crosscase.UserUpdate{Version: de.Version, CountryCode: &al})
		if err != nil || got.CountryCode != "AL" {
			t.Fatalf("update country: %+v %v", got, err)
		}
		_, err = db.UploadEvidence(it, j.ID, crosscase.EvidenceUpload{FileName: "a.zip", RecipientIDs: []int64{de.ID}}, strings.NewReader("x"), 1<<20)
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "recipient_ids[0]" {
			t.Errorf("moved member: %v", err)
		}
	})
}

// A desk user's access to a linked case through a JIT ends with the JIT,
// and with their membership of a party country's desk.
func TestJITCaseAccessEndsWithJIT(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		running, ended := f.newCase(t, it), f.newCase(t, it)
		// The JIT of the ended case ran in 2020; it is set up as of then.
		db.Now = func() time.Time { return time.Date(2020, 3, 1, 9, 0, 0, 0, time.UTC) }
		old := &crosscase.JIT{Name: "JIT 2020", SignedOn: mustDate(t, "2020-01-01"), DurationMonths: 12, CaseIDs: []int64{ended.ID},
			Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}}
		if err := db.CreateJIT(it, old); err != nil {
			t.Fatal(err)
		}
		f.addMember(t, it, old.ID, "de.desk_member", "DE")
		db.Now = time.Now
		j := f.newJIT(t, it, "JIT Lake", []int64{running.ID}, "IT", "DE")
		f.addMember(t, it, j.ID, "de.desk_member", "DE")
		de := f.as(t, "de.desk_member")
		if _, err := db.FindCaseByID(de, running.ID); err != nil {
			t.Fatalf("member of a running JIT: %v", err)
		}
		wantCode(t, func() error { _, err := db.FindCaseByID(de, ended.ID); return err }(), crosscase.ENOTFOUND)
		// Moved to the AL desk (not a party): the case is out of reach.
		u := f.users["de.desk_member"]
		alDesk := f.desks["AL"].ID
		if _, err := db.UpdateUser(f.sys, u.ID, crosscase.UserUpdate{Version: u.Version, DeskID: &alDesk}); err != nil {
			t.Fatal(err)
		}
		moved := *u
		moved.DeskID, moved.DeskCountry = alDesk, "AL"
		ctx := crosscase.NewContextWithActor(it, &crosscase.Actor{User: &moved})
		wantCode(t, func() error { _, err := db.FindCaseByID(ctx, running.ID); return err }(), crosscase.ENOTFOUND)
	})
}

// A JIT's space holds operational personal data: a third country with
// only a working arrangement (KR) is refused as a party and as a member's
// country; one with a cooperation agreement (AL) is allowed, audited.
func TestJITThirdCountries(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		party := func(cc string) crosscase.JITParty {
			return crosscase.JITParty{CountryCode: cc, AuthorityIDs: []int64{f.auth[cc].ID}}
		}
		kr := &crosscase.JIT{Name: "JIT Seoul", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12, Parties: []crosscase.JITParty{party("IT"), party("KR")}}
		err := db.CreateJIT(it, kr)
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "parties[1].country_code" || !strings.Contains(crosscase.ErrorMessage(err), "jit_space") || !strings.Contains(crosscase.ErrorMessage(err), "working arrangement") {
			t.Errorf("KR party: %v", err)
		}
		if l, _ := db.FindJITs(it); len(l) != 0 {
			t.Fatalf("refused JIT stored")
		}
		j := f.newJIT(t, it, "JIT Durrës", nil, "IT", "DE", "AL")
		f.addMember(t, it, j.ID, "al.jit_member", "AL")
		// KR cannot join a JIT of which it is not a party anyway; its
		// member's country is refused by the rule even before that.
		err = db.AddJITMember(it, j.ID, &crosscase.JITMember{UserID: f.users["kr.jit_member"].ID, CountryCode: "KR", AuthorityID: f.auth["KR"].ID})
		if crosscase.ErrorCode(err) == "" {
			t.Fatal("KR member added")
		}
		got, err := db.FindJIT(it, j.ID)
		if err != nil || len(got.Members) != 1 {
			t.Fatalf("members: %+v %v", got, err)
		}
		entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{ObjectType: "jit", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		transfers, refusals := 0, 0
		for _, e := range entries {
			if e.Action == crosscase.ActionTransfer && e.ObjectID == j.ID && e.Detail == "to=AL what=jit_space" {
				transfers++
			}
			if e.Action == crosscase.ActionRefuse {
				refusals++
			}
		}
		if transfers != 2 { // the party, and the member
			t.Errorf("%d jit_space transfers to AL audited, want 2", transfers)
		}
		if refusals == 0 {
			t.Error("the KR refusal is not audited")
		}
	})
}

// readSpy reports whether an upload body was read at all.
type readSpy struct{ read bool }

func (r *readSpy) Read(p []byte) (int, error) {
	r.read = true
	return 0, io.EOF
}

// Recipients and the partner data rule are checked before a byte of the
// file is read: a refused upload reads nothing and keeps nothing.
func TestEvidenceRecipientsCheckedBeforeTheFile(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		j := f.newJIT(t, it, "JIT Durrës", nil, "IT", "AL")
		f.addMember(t, it, j.ID, "al.jit_member", "AL")
		f.addMember(t, it, j.ID, "it.jit_member", "IT")
		up := func(recipients ...int64) (*readSpy, error) {
			spy := &readSpy{}
			_, err := db.UploadEvidence(it, j.ID, crosscase.EvidenceUpload{FileName: "a.zip", RecipientIDs: recipients}, spy, 1<<20)
			return spy, err
		}
		spy, err := up(f.users["it.jit_member"].ID, f.users["de.jit_member"].ID)
		if crosscase.ErrorField(err) != "recipient_ids[1]" || spy.read {
			t.Fatalf("non-member: %v, body read %v", err, spy.read)
		}
		// Albania's agreement is withdrawn: its member may no longer receive.
		as, err := db.ListAgreements(f.sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.CountryCode == "AL" {
				if err := db.DeleteAgreement(f.sys, a.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		spy, err = up(f.users["al.jit_member"].ID)
		if crosscase.ErrorCode(err) != crosscase.EFORBIDDEN || crosscase.ErrorField(err) != "recipient_ids[0]" || spy.read {
			t.Fatalf("AL without agreement: %v, body read %v", err, spy.read)
		}
		if n := evidenceFileCount(t, f.dir); n != 0 {
			t.Fatalf("%d files kept", n)
		}
		if _, err := up(f.users["it.jit_member"].ID); err != nil {
			t.Fatal(err)
		}
	})
}

// stuckFiles is an evidence folder whose Remove fails for one file.
type stuckFiles struct {
	crosscase.EvidenceFiles
	stuck string
}

func (s *stuckFiles) Remove(name string) error {
	if name == s.stuck {
		return os.ErrPermission
	}
	return s.EvidenceFiles.Remove(name)
}

// Evidence 4 weeks old is refused at once, before any sweep; a sweep
// goes on past a file it cannot remove.
func TestEvidenceExpiryAndStuckSweep(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		now := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		it := f.as(t, "it.desk_member")
		j := f.newJIT(t, it, "JIT Lake", nil, "IT", "DE")
		f.addMember(t, it, j.ID, "de.jit_member", "DE")
		var evs []*crosscase.Evidence
		for _, name := range []string{"a.bin", "b.bin"} {
			ev, err := db.UploadEvidence(it, j.ID, crosscase.EvidenceUpload{FileName: name, RecipientIDs: []int64{f.users["de.jit_member"].ID}}, strings.NewReader(name), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			evs = append(evs, ev)
		}
		de := f.as(t, "de.jit_member")
		now = now.Add(crosscase.EvidenceRetention - time.Second)
		_, rc, err := db.OpenEvidence(de, evs[0].ID)
		if err != nil {
			t.Fatalf("just within 4 weeks: %v", err)
		}
		rc.Close()
		now = now.Add(time.Second)
		_, _, err = db.OpenEvidence(de, evs[0].ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		if !strings.Contains(crosscase.ErrorMessage(err), "Art. 21") {
			t.Errorf("expiry refusal: %v", err)
		}
		wantCode(t, db.RecordEvidenceDownload(de, evs[0].ID), crosscase.ENOTFOUND)
		if got, _ := db.FindEvidenceToDownload(de); len(got) != 0 {
			t.Errorf("expired files still to download: %d", len(got))
		}

		real := db.EvidenceFiles
		db.EvidenceFiles = &stuckFiles{EvidenceFiles: real, stuck: evs[0].StorageName}
		n, err := db.SweepEvidence(f.sys)
		if err == nil || n != 1 {
			t.Fatalf("sweep with a stuck file: %d %v", n, err)
		}
		if c := evidenceFileCount(t, f.dir); c != 1 {
			t.Fatalf("%d files after the sweep, want the stuck one only", c)
		}
		for _, ev := range evs {
			got, _ := db.FindEvidenceByID(it, ev.ID)
			if got.DeletedAt == nil {
				t.Errorf("%s not marked deleted", ev.FileName)
			}
		}
	})
}

// A JIT lasts 1 to 120 months however its end is given, extensions
// included; funding is applied for after the signature.
func TestJITDurationLimits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		parties := []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}
		for _, end := range []string{"2190-01-01", "2035-06-02"} {
			err := db.CreateJIT(it, &crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), EndsOn: mustDate(t, end), Parties: parties})
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != "ends_on" {
				t.Errorf("end %s: %v", end, err)
			}
		}
		if l, _ := db.FindJITs(it); len(l) != 0 {
			t.Fatalf("refused JITs stored: %d", len(l))
		}
		j := &crosscase.JIT{Name: "JIT Ten Years", SignedOn: mustDate(t, "2025-06-01"), EndsOn: mustDate(t, "2035-06-01"), Parties: parties}
		if err := db.CreateJIT(it, j); err != nil || j.DurationMonths != 120 {
			t.Fatalf("120 months: %d %v", j.DurationMonths, err)
		}
		short := f.newJIT(t, it, "JIT Short", nil, "IT", "DE") // 24 months from 2025-06-01
		err := db.ExtendJIT(it, short.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2035-06-02"), Reason: "More time"})
		if crosscase.ErrorField(err) != "new_ends_on" {
			t.Fatalf("extension past 120 months: %v", err)
		}
		if err := db.ExtendJIT(it, short.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2035-06-01"), Reason: "More time"}); err != nil {
			t.Fatalf("extension to 120 months: %v", err)
		}
		err = db.AddJITFunding(it, short.ID, &crosscase.JITFunding{Label: "Early", AppliedEUR: 1000, AppliedOn: mustDate(t, "2025-05-31")})
		if crosscase.ErrorField(err) != "applied_on" {
			t.Fatalf("funding before the signature: %v", err)
		}
		if g, _ := db.FindJIT(it, short.ID); len(g.Funding) != 0 {
			t.Fatal("refused funding stored")
		}
	})
}

// After its current end a JIT's space is read-only; party desk members
// remove members and unlink cases, audited.
func TestJITEndAndRemoval(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it)
		now := time.Date(2020, 3, 1, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		j := &crosscase.JIT{Name: "JIT 2020", SignedOn: mustDate(t, "2020-01-01"), DurationMonths: 12, CaseIDs: []int64{c.ID},
			Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}}
		if err := db.CreateJIT(it, j); err != nil {
			t.Fatal(err)
		}
		f.addMember(t, it, j.ID, "de.jit_member", "DE")
		f.addMember(t, it, j.ID, "de.desk_member", "DE")
		if err := db.PostJITMessage(it, j.ID, &crosscase.JITMessage{Body: "Before the end."}); err != nil {
			t.Fatal(err)
		}
		// The last day still runs; the day after, read-only.
		now = time.Date(2021, 1, 1, 23, 0, 0, 0, time.UTC)
		if err := db.PostJITMessage(it, j.ID, &crosscase.JITMessage{Body: "On the last day."}); err != nil {
			t.Fatal(err)
		}
		now = time.Date(2021, 1, 2, 0, 0, 1, 0, time.UTC)
		other := f.newCase(t, it)
		for name, err := range map[string]error{
			"message": db.PostJITMessage(it, j.ID, &crosscase.JITMessage{Body: "After."}),
			"member":  db.AddJITMember(it, j.ID, &crosscase.JITMember{UserID: f.users["it.jit_member"].ID, AuthorityID: f.auth["IT"].ID}),
			"case":    db.LinkJITCase(it, j.ID, other.ID),
			"evidence": func() error {
				_, err := db.UploadEvidence(it, j.ID, crosscase.EvidenceUpload{FileName: "a", RecipientIDs: []int64{f.users["de.jit_member"].ID}}, strings.NewReader("x"), 1<<20)
				return err
			}(),
		} {
			if crosscase.ErrorCode(err) != crosscase.EFORBIDDEN || !strings.Contains(crosscase.ErrorMessage(err), "read-only") {
				t.Errorf("%s after the end: %v", name, err)
			}
		}
		if msgs, err := db.FindJITMessages(f.as(t, "de.jit_member"), j.ID); err != nil || len(msgs) != 2 {
			t.Fatalf("reading after the end: %d %v", len(msgs), err)
		}
		if evidenceFileCount(t, f.dir) != 0 {
			t.Fatal("a file was kept")
		}

		// Removal and unlinking: party desk members only.
		wantCode(t, db.RemoveJITMember(f.as(t, "de.analyst"), j.ID, f.users["de.jit_member"].ID), crosscase.EFORBIDDEN)
		wantCode(t, db.RemoveJITMember(f.as(t, "al.desk_member"), j.ID, f.users["de.jit_member"].ID), crosscase.ENOTFOUND)
		wantCode(t, db.RemoveJITMember(f.as(t, "de.jit_member"), j.ID, f.users["de.jit_member"].ID), crosscase.EFORBIDDEN)
		wantCode(t, db.RemoveJITMember(it, j.ID, f.users["it.analyst"].ID), crosscase.ENOTFOUND)
		if err := db.RemoveJITMember(f.as(t, "de.desk_member"), j.ID, f.users["de.jit_member"].ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, func() error { _, err := db.FindJIT(f.as(t, "de.jit_member"), j.ID); return err }(), crosscase.ENOTFOUND)
		wantCode(t, db.UnlinkJITCase(f.as(t, "de.analyst"), j.ID, c.ID), crosscase.EFORBIDDEN)
		wantCode(t, db.UnlinkJITCase(it, j.ID, other.ID), crosscase.ENOTFOUND)
		if err := db.UnlinkJITCase(f.as(t, "de.desk_member"), j.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		if g, _ := db.FindJIT(it, j.ID); len(g.CaseIDs) != 0 || len(g.Members) != 1 {
			t.Fatalf("after removal: cases %v, %d members", g.CaseIDs, len(g.Members))
		}
		entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var revoked, unlinked bool
		for _, e := range entries {
			revoked = revoked || (e.Action == crosscase.ActionRevoke && e.ObjectType == "jit_member" && e.ObjectID == j.ID && e.UserName == "de.desk-member")
			unlinked = unlinked || (e.ObjectType == "jit_case" && e.Detail == "unlinked" && e.CaseID == c.ID)
		}
		if !revoked || !unlinked {
			t.Errorf("audit: removal %v, unlink %v", revoked, unlinked)
		}
	})
}
