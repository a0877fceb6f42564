package sqldb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"slices"
	"strconv"
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
		// The picker lists who may still be added: the parties' users of
		// a role that joins JITs, no one already a member, no one of
		// another country; for those who add members only.
		cands, err := db.FindJITMemberCandidates(it, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, m := range cands {
			names[m.UserName] = true
			if m.CountryCode != "IT" && m.CountryCode != "DE" {
				t.Errorf("candidate %s of %s, not a party", m.UserName, m.CountryCode)
			}
		}
		for _, n := range []string{"it.analyst", "de.liaison_prosecutor", "it.desk_member"} {
			if !names[f.users[n].Name] {
				t.Errorf("%s is not a candidate: %v", n, names)
			}
		}
		for _, n := range []string{"it.jit_member", "de.desk_member", "al.jit_member", "it.statistics", "al.desk_member"} {
			if names[f.users[n].Name] {
				t.Errorf("%s is a candidate", n)
			}
		}
		wantCode(t, func() error { _, err := db.FindJITMemberCandidates(f.as(t, "de.analyst"), j.ID); return err }(), crosscase.EFORBIDDEN)
		wantCode(t, func() error { _, err := db.FindJITMemberCandidates(f.as(t, "al.desk_member"), j.ID); return err }(), crosscase.ENOTFOUND)
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
			wantCode(t, db.ExtendJIT(al, id, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2030-01-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "x"}), crosscase.ENOTFOUND)
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
				Parties: []crosscase.JITParty{party("IT", f.auth["IT"].ID), party("DE", f.auth["DE"].ID)}}, crosscase.ENOTFOUND, "case_ids[0]"},
			{"case id not positive", crosscase.JIT{Name: "x", SignedOn: mustDate(t, "2025-06-01"), DurationMonths: 12, CaseIDs: []int64{-1},
				Parties: []crosscase.JITParty{party("IT", f.auth["IT"].ID), party("DE", f.auth["DE"].ID)}}, crosscase.EINVALID, "case_ids[0]"},
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
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-01-01"), AgreedOn: mustDate(t, "2026-03-02")}, "reason"},
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2027-06-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "More time"}, "new_ends_on"},
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2026-01-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "More time"}, "new_ends_on"},
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-01-01"), Reason: "More time"}, "agreed_on"},
			{crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-01-01"), AgreedOn: mustDate(t, "2025-05-31"), Reason: "More time"}, "agreed_on"},
		} {
			err := db.ExtendJIT(it, j.ID, &tc.ext)
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != tc.field {
				t.Errorf("extend %+v: %v, want field %s", tc.ext, err, tc.field)
			}
		}
		if err := db.ExtendJIT(it, j.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-01-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "Second action day"}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.ExtendJIT(f.as(t, "it.analyst"), j.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2029-01-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "x"}), crosscase.EFORBIDDEN)
		got, _ := db.FindJIT(it, j.ID)
		if got.CurrentEndsOn.String() != "2028-01-01" || len(got.Extensions) != 1 || got.EndsOn.String() != "2027-06-01" {
			t.Fatalf("after extension: %+v", got)
		}
		if got.Extensions[0].Reason != "Second action day" || got.Extensions[0].ReasonWithheld {
			t.Fatalf("a party desk reads the extension's reason: %+v", got.Extensions[0])
		}
		// An administrator administers the JIT but reads neither its cases
		// nor the reasons of its extensions, alone or in the list.
		admin := f.as(t, "it.administrator")
		seen, err := db.FindJIT(admin, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		listed, err := db.FindJITs(admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range listed {
			if l.ID == j.ID {
				seen = l
			}
			for _, x := range l.Extensions {
				if x.Reason != "" || !x.ReasonWithheld || len(l.Cases) != 0 {
					t.Fatalf("an administrator's list shows case content: %+v %+v", x, l.Cases)
				}
			}
		}
		if x := seen.Extensions[0]; x.Reason != "" || !x.ReasonWithheld || len(seen.Cases) != 0 || x.NewEndsOn.String() != "2028-01-01" {
			t.Fatalf("an administrator reads %+v, cases %+v", x, seen.Cases)
		}

		// Funding: applied → granted → paid; nothing else.
		fu := &crosscase.JITFunding{Label: "Call 2025-1", AppliedEUR: 50000, AppliedOn: mustDate(t, "2025-07-01")}
		if err := db.AddJITFunding(it, j.ID, fu); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateJITFunding(it, j.ID, fu.ID, crosscase.JITFundingUpdate{Status: crosscase.FundingPaid})
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
		// Twice is refused, naming the case by its reference.
		if err := db.LinkJITCase(de, jit.ID, deCase.ID); crosscase.ErrorField(err) != "case_id" || !strings.Contains(crosscase.ErrorMessage(err), deCase.Reference) {
			t.Fatalf("a second link of the case: %v", err)
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
		// The store's clock, not the machine's, says whether the JIT runs:
		// on a day of 2020 the member reaches the case, in lists too.
		db.Now = func() time.Time { return time.Date(2020, 6, 1, 9, 0, 0, 0, time.UTC) }
		if _, err := db.FindCaseByID(de, ended.ID); err != nil {
			t.Fatalf("member of the JIT while it ran: %v", err)
		}
		if list, _, err := db.FindCases(de, crosscase.CaseFilter{}); err != nil || !slices.ContainsFunc(list, func(c *crosscase.Case) bool { return c.ID == ended.ID }) {
			t.Fatalf("the case of the running JIT is not listed: %v", err)
		}
		db.Now = time.Now
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
		if crosscase.ErrorField(err) != "parties[1].country_code" || !strings.Contains(crosscase.ErrorMessage(err), "JIT space") || !strings.Contains(crosscase.ErrorMessage(err), "working arrangement") {
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
		err := db.ExtendJIT(it, short.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2035-06-02"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "More time"})
		if crosscase.ErrorField(err) != "new_ends_on" {
			t.Fatalf("extension past 120 months: %v", err)
		}
		if err := db.ExtendJIT(it, short.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2035-06-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "More time"}); err != nil {
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
		c, other := f.newCase(t, it), f.newCase(t, it) // opened 2023: made before the clock goes back
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

// TestJITExtensionAgreed: an extension is stored with the day its
// parties agreed it, read back with the JIT and named in the audit log;
// a day in the future, before the signature or after the end it extends
// is refused naming agreed_on and stores nothing (README, Joint
// investigation teams (JITs)).
func TestJITExtensionAgreed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		defer func() { db.Now = time.Now }()
		j := f.newJIT(t, it, "JIT Lake", nil, "IT", "DE") // 2025-06-01 to 2027-06-01
		for _, agreed := range []string{"2026-12-08", "2025-05-31"} {
			err := db.ExtendJIT(it, j.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-06-01"), AgreedOn: mustDate(t, agreed), Reason: "More time"})
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != "agreed_on" {
				t.Errorf("agreed %s: %v, want EINVALID naming agreed_on", agreed, err)
			}
		}
		ext := &crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-06-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "Financial enquiries continue."}
		if err := db.ExtendJIT(it, j.ID, ext); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindJIT(it, j.ID)
		if err != nil || len(got.Extensions) != 1 || got.CurrentEndsOn.String() != "2028-06-01" {
			t.Fatalf("after the extension: %+v %v", got, err)
		}
		if x := got.Extensions[0]; x.AgreedOn.String() != "2026-03-02" || x.NewEndsOn.String() != "2028-06-01" || !x.CreatedAt.Equal(now) || x.ID != ext.ID {
			t.Fatalf("extension read back: %+v", x)
		}
		entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{ObjectType: "jit", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		audited := false
		for _, e := range entries {
			audited = audited || (e.ObjectID == j.ID && e.Action == crosscase.ActionUpdate && e.Detail == "extended to 2028-06-01, agreed on 2026-03-02")
		}
		if !audited {
			t.Error("the extension's audit entry does not name its agreement")
		}

		// A JIT that ran out on 2025-01-15: an extension agreed on its last
		// day is recorded now; one agreed the day after is refused.
		ended := &crosscase.JIT{Name: "JIT Ended", SignedOn: mustDate(t, "2024-01-15"), DurationMonths: 12,
			Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}}
		if err := db.CreateJIT(it, ended); err != nil {
			t.Fatal(err)
		}
		err = db.ExtendJIT(it, ended.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2026-01-15"), AgreedOn: mustDate(t, "2025-01-16"), Reason: "Too late"})
		if crosscase.ErrorField(err) != "agreed_on" {
			t.Errorf("agreed after the end: %v", err)
		}
		if g, _ := db.FindJIT(it, ended.ID); len(g.Extensions) != 0 || g.CurrentEndsOn.String() != "2025-01-15" {
			t.Fatalf("a refused extension changed the JIT: %+v", g)
		}
		if err := db.ExtendJIT(it, ended.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2026-01-15"), AgreedOn: mustDate(t, "2025-01-15"), Reason: "Agreed on the last day"}); err != nil {
			t.Fatalf("agreed on the last day: %v", err)
		}
	})
}

// TestJITExtensionAgreedBackfill: migration 0033 gives an extension
// recorded before it the day it was recorded, in UTC, as its agreement
// day, whatever the session's time zone.
func TestJITExtensionAgreedBackfill(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		j := f.newJIT(t, it, "JIT Lake", nil, "IT", "DE")
		if err := db.ExtendJIT(it, j.ID, &crosscase.JITExtension{NewEndsOn: mustDate(t, "2028-06-01"), AgreedOn: mustDate(t, "2026-03-02"), Reason: "More time"}); err != nil {
			t.Fatal(err)
		}
		ms, err := sqldb.Migrations(db.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		var backfill string
		for _, m := range ms {
			if m.Version == 33 {
				_, backfill, _ = strings.Cut(m.SQL, "\nUPDATE ")
			}
		}
		if backfill == "" {
			t.Fatal("migration 0033 has no UPDATE")
		}
		// On one connection, released before the store reads (SQLite has
		// only one).
		func() {
			ctx := context.Background()
			conn, err := db.SQL().Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if db.Dialect() == sqldb.Postgres {
				if _, err := conn.ExecContext(ctx, `SET TIME ZONE 'Pacific/Auckland'`); err != nil {
					t.Fatal(err)
				}
				defer conn.ExecContext(ctx, `RESET TIME ZONE`)
			}
			// Recorded 2025-02-03 at 23:30 UTC (the 4th in Auckland).
			recorded := time.Date(2025, 2, 3, 23, 30, 0, 0, time.UTC).UnixMicro()
			if _, err := conn.ExecContext(ctx, `UPDATE jit_extensions SET agreed_on = '', created_at = `+strconv.FormatInt(recorded, 10)); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.ExecContext(ctx, "UPDATE "+backfill); err != nil {
				t.Fatal(err)
			}
		}()
		got, err := db.FindJIT(it, j.ID)
		if err != nil || len(got.Extensions) != 1 || got.Extensions[0].AgreedOn.String() != "2025-02-03" {
			t.Fatalf("backfilled: %+v %v", got, err)
		}
	})
}
