package sqldb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/evidence"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// jitFixture adds authorities and a Korean JIT-only user to a fixture.
type jitFixture struct {
	*fixture
	auth map[string]*crosscase.Authority // by country
	dir  string
}

func newJITFixture(t *testing.T, db *sqldb.DB) *jitFixture {
	t.Helper()
	f := &jitFixture{fixture: newFixture(t, db), auth: map[string]*crosscase.Authority{}, dir: t.TempDir()}
	for _, cc := range []string{"IT", "DE", "KR", "AL"} {
		a := &crosscase.Authority{CountryCode: cc, Name: "Prosecution " + cc, Kind: crosscase.AuthorityProsecution}
		if err := db.CreateAuthority(f.sys, a); err != nil {
			t.Fatal(err)
		}
		f.auth[cc] = a
	}
	f.user(t, "kr.jit_member", crosscase.RoleJITMember, 0)
	files, err := evidence.Open(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	db.EvidenceFiles = files
	return f
}

func (f *jitFixture) newJIT(t *testing.T, ctx context.Context, name string, caseIDs []int64, countries ...string) *crosscase.JIT {
	t.Helper()
	j := &crosscase.JIT{Name: name, SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 24, CaseIDs: caseIDs}
	for _, cc := range countries {
		j.Parties = append(j.Parties, crosscase.JITParty{CountryCode: cc, AuthorityIDs: []int64{f.auth[cc].ID}})
	}
	if err := f.db.CreateJIT(ctx, j); err != nil {
		t.Fatal(err)
	}
	return j
}

func (f *jitFixture) addMember(t *testing.T, ctx context.Context, jitID int64, user, country string) {
	t.Helper()
	if err := f.db.AddJITMember(ctx, jitID, &crosscase.JITMember{UserID: f.users[user].ID, CountryCode: country, AuthorityID: f.auth[country].ID}); err != nil {
		t.Fatalf("add %s: %v", user, err)
	}
}

func TestJITSetUpAndNeedToKnow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it) // IT-owned, nobody asked
		j := f.newJIT(t, it, "JIT Lake", []int64{c.ID}, "IT", "DE")
		if j.ID == 0 || j.EndsOn.String() != "2027-06-01" || j.CurrentEndsOn != j.EndsOn {
			t.Fatalf("created %+v", j)
		}
		// Mandatory notification to the parties' desks, not to others.
		for cc, want := range map[string]int{"DE": 1, "IT": 1, "AL": 0} {
			ns, err := db.FindNotifications(f.as(t, strings.ToLower(cc)+".desk_member"), false, 50)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, n := range ns {
				if n.Kind == crosscase.NotifyJITSetUp && n.ObjectID == j.ID {
					got++
				}
			}
			if got != want {
				t.Errorf("%s desk: %d JIT notifications, want %d", cc, got, want)
			}
		}
		other := f.newJIT(t, it, "JIT River", nil, "IT", "DE")

		// Members: an administrator and a party desk member add them.
		f.addMember(t, f.sys, j.ID, "it.jit_member", "IT")
		f.addMember(t, it, j.ID, "de.jit_member", "DE")
		f.addMember(t, it, j.ID, "de.desk_member", "DE")
		for _, tc := range []struct {
			m     crosscase.JITMember
			field string
		}{
			{crosscase.JITMember{UserID: 999999, CountryCode: "IT", AuthorityID: f.auth["IT"].ID}, "user_id"},
			{crosscase.JITMember{UserID: f.users["al.jit_member"].ID, CountryCode: "AL", AuthorityID: f.auth["AL"].ID}, "country_code"},
			{crosscase.JITMember{UserID: f.users["it.analyst"].ID, CountryCode: "IT", AuthorityID: f.auth["DE"].ID}, "authority_id"},
			{crosscase.JITMember{UserID: f.users["al.statistics"].ID, CountryCode: "IT", AuthorityID: f.auth["IT"].ID}, "user_id"},
		} {
			err := db.AddJITMember(it, j.ID, &tc.m)
			wantCode(t, err, crosscase.EINVALID)
			if crosscase.ErrorField(err) != tc.field {
				t.Errorf("add %+v: field %q, want %q", tc.m, crosscase.ErrorField(err), tc.field)
			}
		}
		wantCode(t, db.AddJITMember(f.as(t, "de.analyst"), j.ID, &crosscase.JITMember{UserID: f.users["it.analyst"].ID, CountryCode: "IT", AuthorityID: f.auth["IT"].ID}), crosscase.EFORBIDDEN)
		wantCode(t, db.AddJITMember(f.as(t, "al.desk_member"), j.ID, &crosscase.JITMember{UserID: f.users["it.analyst"].ID, CountryCode: "IT", AuthorityID: f.auth["IT"].ID}), crosscase.ENOTFOUND)

		// A JIT-only member sees that JIT and nothing else.
		jm := f.as(t, "it.jit_member")
		list, err := db.FindJITs(jm)
		if err != nil || len(list) != 1 || list[0].ID != j.ID {
			t.Fatalf("JIT member's JITs: %v %v", list, err)
		}
		got, err := db.FindJIT(jm, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Cases) != 1 || got.Cases[0].Visible || got.Cases[0].Title != "" {
			t.Errorf("JIT-only member sees case content: %+v", got.Cases[0])
		}
		wantCode(t, func() error { _, err := db.FindJIT(jm, other.ID); return err }(), crosscase.ENOTFOUND)
		wantCode(t, func() error { _, err := db.FindCaseByID(jm, c.ID); return err }(), crosscase.ENOTFOUND)
		if cs, _, err := db.FindCases(jm, crosscase.CaseFilter{}); err != nil || len(cs) != 0 {
			t.Errorf("JIT member lists cases: %d %v", len(cs), err)
		}
		if hs, _, err := db.FindHits(jm, crosscase.HitFilter{}); err == nil && len(hs) != 0 {
			t.Errorf("JIT member lists hits: %d", len(hs))
		}

		// A desk user who is a member sees the linked case; a colleague
		// who is not a member does not (but sees the JIT: party desk).
		if _, err := db.FindCaseByID(f.as(t, "de.desk_member"), c.ID); err != nil {
			t.Fatalf("member of a linked JIT: %v", err)
		}
		wantCode(t, func() error { _, err := db.FindCaseByID(f.as(t, "de.analyst"), c.ID); return err }(), crosscase.ENOTFOUND)
		if g, err := db.FindJIT(f.as(t, "de.analyst"), j.ID); err != nil || g.Cases[0].Visible {
			t.Fatalf("party desk analyst: %+v %v", g, err)
		}
		// A desk of a non-party country gets 404 guessing ids.
		al := f.as(t, "al.desk_member")
		for _, id := range []int64{j.ID, other.ID, 999999} {
			wantCode(t, func() error { _, err := db.FindJIT(al, id); return err }(), crosscase.ENOTFOUND)
			wantCode(t, func() error { _, err := db.FindJITMessages(al, id); return err }(), crosscase.ENOTFOUND)
			wantCode(t, func() error { _, err := db.FindEvidence(al, id); return err }(), crosscase.ENOTFOUND)
			wantCode(t, db.PostJITMessage(al, id, &crosscase.JITMessage{Body: "hello"}), crosscase.ENOTFOUND)
			wantCode(t, db.ExtendJIT(al, id, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2030-01-01"), Reason: "x"}), crosscase.ENOTFOUND)
		}
		if l, _ := db.FindJITs(al); len(l) != 0 {
			t.Errorf("non-party desk lists %d JITs", len(l))
		}
	})
}

func TestJITBadInputChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		deCase := f.newCase(t, f.as(t, "de.desk_member")) // not visible to IT
		j := f.newJIT(t, it, "JIT Lake", nil, "IT", "DE")
		party := func(cc string, auth int64) crosscase.JITParty {
			return crosscase.JITParty{CountryCode: cc, AuthorityIDs: []int64{auth}}
		}
		for _, tc := range []struct {
			name  string
			j     crosscase.JIT
			code  string
			field string
		}{
			{"end before signing", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), EndsOn: mustDate(t, "2025-05-01"),
				Parties: []crosscase.JITParty{party("IT", f.auth["IT"].ID), party("DE", f.auth["DE"].ID)}}, crosscase.EINVALID, "ends_on"},
			{"unknown country", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12,
				Parties: []crosscase.JITParty{party("IT", f.auth["IT"].ID), party("QQ", f.auth["DE"].ID)}}, crosscase.EINVALID, "parties[1].country_code"},
			{"authority of another country", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12,
				Parties: []crosscase.JITParty{party("IT", f.auth["DE"].ID), party("DE", f.auth["DE"].ID)}}, crosscase.EINVALID, "parties[0].authority_ids[0]"},
			{"one party", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12,
				Parties: []crosscase.JITParty{party("IT", f.auth["IT"].ID)}}, crosscase.EINVALID, "parties"},
			{"not a party", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12,
				Parties: []crosscase.JITParty{party("AL", f.auth["AL"].ID), party("DE", f.auth["DE"].ID)}}, crosscase.EINVALID, "parties"},
			{"invisible case", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12, CaseIDs: []int64{deCase.ID},
				Parties: []crosscase.JITParty{party("IT", f.auth["IT"].ID), party("DE", f.auth["DE"].ID)}}, crosscase.ENOTFOUND, ""},
		} {
			err := db.CreateJIT(it, &tc.j)
			if crosscase.ErrorCode(err) != tc.code || crosscase.ErrorField(err) != tc.field {
				t.Errorf("%s: %v, want %s naming %q", tc.name, err, tc.code, tc.field)
			}
		}
		if l, _ := db.FindJITs(it); len(l) != 1 {
			t.Fatalf("bad input created JITs: %d", len(l))
		}
		for _, tc := range []struct {
			ext   crosscase.JITExtension
			field string
		}{
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-01-01")}, "reason"},
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2027-06-01"), Reason: "More time"}, "new_ends_on"},
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2026-01-01"), Reason: "More time"}, "new_ends_on"},
		} {
			err := db.ExtendJIT(it, j.ID, &tc.ext)
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != tc.field {
				t.Errorf("extend %+v: %v, want field %s", tc.ext, err, tc.field)
			}
		}
		if err := db.ExtendJIT(it, j.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-01-01"), Reason: "Second action day"}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.ExtendJIT(f.as(t, "it.analyst"), j.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2029-01-01"), Reason: "x"}), crosscase.EFORBIDDEN)
		got, _ := db.FindJIT(it, j.ID)
		if got.CurrentEndsOn.String() != "2028-01-01" || len(got.Extensions) != 1 || got.EndsOn.String() != "2027-06-01" {
			t.Fatalf("after extension: %+v", got)
		}

		// Funding: applied → granted → paid; nothing else.
		fu := &crosscase.JITFunding{Label: "Call 2025-1", AppliedEUR: 50000, AppliedOn: mustDate(t, "2025-07-01")}
		if err := db.AddJITFunding(it, j.ID, fu); err != nil {
			t.Fatal(err)
		}
		_, err := db.UpdateJITFunding(it, j.ID, fu.ID, crosscase.JITFundingUpdate{Status: crosscase.FundingPaid})
		wantCode(t, err, crosscase.EINVALID)
		_, err = db.UpdateJITFunding(it, j.ID, fu.ID, crosscase.JITFundingUpdate{Status: crosscase.FundingGranted, GrantedEUR: 60000, DecidedOn: mustDate(t, "2025-08-01")})
		if crosscase.ErrorField(err) != "granted_eur" {
			t.Fatalf("grant over the application: %v", err)
		}
		if _, err := db.UpdateJITFunding(it, j.ID, fu.ID, crosscase.JITFundingUpdate{Status: crosscase.FundingGranted, GrantedEUR: 40000, DecidedOn: mustDate(t, "2025-08-01")}); err != nil {
			t.Fatal(err)
		}
		if g, err := db.UpdateJITFunding(it, j.ID, fu.ID, crosscase.JITFundingUpdate{Status: crosscase.FundingPaid}); err != nil || g.Status != crosscase.FundingPaid || g.GrantedEUR != 40000 {
			t.Fatalf("paid: %+v %v", g, err)
		}

		// Messages: threads; a reply to another JIT's message is refused.
		other := f.newJIT(t, it, "JIT River", nil, "IT", "DE")
		m1 := &crosscase.JITMessage{Body: "Action day on 12 May."}
		m2 := &crosscase.JITMessage{Body: "Second thread."}
		o1 := &crosscase.JITMessage{Body: "Elsewhere."}
		for _, m := range []*crosscase.JITMessage{m1, m2} {
			if err := db.PostJITMessage(it, j.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.PostJITMessage(it, other.ID, o1); err != nil {
			t.Fatal(err)
		}
		reply := &crosscase.JITMessage{Body: "Agreed.", ParentID: m1.ID}
		if err := db.PostJITMessage(f.as(t, "de.desk_member"), j.ID, reply); err != nil {
			t.Fatal(err)
		}
		err = db.PostJITMessage(it, j.ID, &crosscase.JITMessage{Body: "x", ParentID: o1.ID})
		if crosscase.ErrorField(err) != "parent_id" {
			t.Fatalf("reply across JITs: %v", err)
		}
		wantCode(t, db.PostJITMessage(it, j.ID, &crosscase.JITMessage{Body: "  "}), crosscase.EINVALID)
		msgs, err := db.FindJITMessages(it, j.ID)
		if err != nil || len(msgs) != 3 || msgs[0].ID != m1.ID || msgs[1].ID != reply.ID || msgs[2].ID != m2.ID {
			t.Fatalf("thread: %v %v", msgs, err)
		}
	})
}

// evidenceFileCount counts the files in the evidence folder.
func evidenceFileCount(t *testing.T, dir string) int {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

func TestJITEvidence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		now := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		it := f.as(t, "it.desk_member")
		j := f.newJIT(t, it, "JIT Lake", nil, "IT", "DE")
		for _, m := range [][2]string{{"it.jit_member", "IT"}, {"de.jit_member", "DE"}, {"de.desk_member", "DE"}} {
			f.addMember(t, it, j.ID, m[0], m[1])
		}
		up := func(ctx context.Context, content []byte, recipients ...string) (*crosscase.Evidence, error) {
			var ids []int64
			for _, r := range recipients {
				ids = append(ids, f.users[r].ID)
			}
			return db.UploadEvidence(ctx, j.ID, crosscase.EvidenceUpload{FileName: "intercepts.zip", ContentType: "application/zip", RecipientIDs: ids}, bytes.NewReader(content), 1<<20)
		}
		content := bytes.Repeat([]byte("evidence "), 10000)
		sum := sha256.Sum256(content)
		jm := f.as(t, "it.jit_member")

		// Refusals keep nothing: a non-member, a file over the limit. (A
		// third country without a cooperation agreement is never a party
		// or member: TestJITThirdCountries.)
		_, err := up(jm, content, "it.analyst")
		if crosscase.ErrorField(err) != "recipient_ids[0]" {
			t.Errorf("non-member recipient: %v", err)
		}
		_, err = up(jm, make([]byte, 1<<20+1), "de.jit_member")
		wantCode(t, err, crosscase.ETOOLARGE)
		if !strings.Contains(crosscase.ErrorMessage(err), "1 MiB") {
			t.Errorf("too large: %v", err)
		}
		_, err = up(f.as(t, "al.desk_member"), content, "de.jit_member")
		wantCode(t, err, crosscase.ENOTFOUND)
		if n := evidenceFileCount(t, f.dir); n != 0 {
			t.Fatalf("%d files kept after refusals", n)
		}
		if l, _ := db.FindEvidence(it, j.ID); len(l) != 0 {
			t.Fatalf("rows kept after refusals: %d", len(l))
		}

		ev, err := up(jm, content, "de.jit_member", "de.desk_member")
		if err != nil {
			t.Fatal(err)
		}
		if ev.SHA256 != hex.EncodeToString(sum[:]) || ev.Size != int64(len(content)) || len(ev.Recipients) != 2 {
			t.Fatalf("uploaded %+v", ev)
		}
		// Only recipients and the uploader download; others of the space see metadata.
		_, _, err = db.OpenEvidence(f.as(t, "it.analyst"), ev.ID)
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, _, err = db.OpenEvidence(f.as(t, "al.desk_member"), ev.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		if _, err := db.FindEvidenceByID(f.as(t, "it.analyst"), ev.ID); err != nil {
			t.Fatal(err)
		}
		download := func(user string) []byte {
			t.Helper()
			_, rc, err := db.OpenEvidence(f.as(t, user), ev.ID)
			if err != nil {
				t.Fatalf("%s downloads: %v", user, err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.RecordEvidenceDownload(f.as(t, user), ev.ID); err != nil {
				t.Fatal(err)
			}
			return b
		}
		if !bytes.Equal(download("de.jit_member"), content) {
			t.Fatal("downloaded bytes differ")
		}
		if n := evidenceFileCount(t, f.dir); n != 1 {
			t.Fatalf("%d files after the first of two downloads", n)
		}
		// The last recipient's download still gets the whole file, then it is gone.
		if !bytes.Equal(download("de.desk_member"), content) {
			t.Fatal("last download differs")
		}
		if n := evidenceFileCount(t, f.dir); n != 0 {
			t.Fatalf("%d files after every recipient downloaded", n)
		}
		got, err := db.FindEvidenceByID(it, ev.ID)
		if err != nil || got.DeletedAt == nil || got.DeletedReason != crosscase.EvidenceDeletedDownloaded {
			t.Fatalf("after all downloads: %+v %v", got, err)
		}
		_, _, err = db.OpenEvidence(f.as(t, "de.jit_member"), ev.ID)
		wantCode(t, err, crosscase.ENOTFOUND)

		// At the latest 4 weeks after upload, whoever has not downloaded.
		ev2, err := up(jm, content, "de.jit_member")
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(crosscase.EvidenceRetention - time.Minute)
		if n, err := db.SweepEvidence(f.sys); err != nil || n != 0 {
			t.Fatalf("sweep before 4 weeks: %d %v", n, err)
		}
		now = now.Add(2 * time.Minute)
		if n, err := db.SweepEvidence(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep after 4 weeks: %d %v", n, err)
		}
		if n, err := db.SweepEvidence(f.sys); err != nil || n != 0 {
			t.Fatalf("second sweep: %d %v", n, err)
		}
		if n := evidenceFileCount(t, f.dir); n != 0 {
			t.Fatalf("%d files after the sweep", n)
		}
		got, _ = db.FindEvidenceByID(it, ev2.ID)
		if got.DeletedAt == nil || got.DeletedReason != crosscase.EvidenceDeletedExpired {
			t.Fatalf("after 4 weeks: %+v", got)
		}
		_, err = db.SweepEvidence(it)
		wantCode(t, err, crosscase.EFORBIDDEN)

		// The audit log holds upload, metadata read, download and delete, with who.
		entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{ObjectType: "jit_evidence", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, e := range entries {
			if e.ObjectID == ev.ID {
				seen[e.Action] = e.UserName
			}
		}
		for action, who := range map[string]string{crosscase.ActionUpload: "it.jit-member", crosscase.ActionRead: "it.analyst", crosscase.ActionDownload: "de.desk-member", crosscase.ActionDelete: "de.desk-member"} {
			if seen[action] == "" {
				t.Errorf("no %s entry for the evidence (have %v)", action, seen)
			} else if action != crosscase.ActionRead && action != crosscase.ActionDownload && seen[action] != who {
				t.Errorf("%s by %s, want %s", action, seen[action], who)
			}
		}
		rep, err := db.VerifyAudit(f.sys)
		if err != nil || !rep.OK {
			t.Fatalf("audit chain: %+v %v", rep, err)
		}
	})
}
