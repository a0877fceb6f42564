package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// fixture is a store with three desks (IT, AL, DE) and users on them.
type fixture struct {
	db     *sqldb.DB
	sys    context.Context
	desks  map[string]*crosscase.Desk
	users  map[string]*crosscase.User // by login name
	nextNo int
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, sys: crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor()),
		desks: map[string]*crosscase.Desk{}, users: map[string]*crosscase.User{}}
	for _, cc := range []string{"IT", "AL", "DE"} {
		kind := crosscase.DeskNational
		if cc == "AL" {
			kind = crosscase.DeskLiaison
		}
		d := &crosscase.Desk{CountryCode: cc, Kind: kind, Name: "Desk " + cc}
		if err := db.CreateDesk(f.sys, d); err != nil {
			t.Fatal(err)
		}
		f.desks[cc] = d
	}
	for _, cc := range []string{"IT", "AL", "DE"} {
		for _, role := range crosscase.Roles() {
			desk := f.desks[cc].ID
			if role == crosscase.RoleJITMember {
				desk = 0 // JIT members work for a national authority
			}
			if crosscase.RoleFitsDesk(role, f.desks[cc].Kind) != nil {
				continue // a contact point at a national desk
			}
			f.user(t, strings.ToLower(cc)+"."+string(role), role, desk)
		}
	}
	return f
}

func (f *fixture) user(t *testing.T, name string, role crosscase.Role, desk int64) *crosscase.User {
	t.Helper()
	u := &crosscase.User{Name: strings.ReplaceAll(name, "_", "-"), DisplayName: name, Role: role, DeskID: desk}
	if role == crosscase.RoleJITMember {
		// A JIT-only account's country is set by an administrator: here
		// the country its name starts with ("it.jit_member" works in IT).
		u.CountryCode, _, _ = strings.Cut(strings.ToUpper(name), ".")
	}
	if err := f.db.CreateUser(f.sys, u, "correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	f.users[name] = u
	return u
}

// as returns a context acting as the named user.
func (f *fixture) as(t *testing.T, name string) context.Context {
	t.Helper()
	u, ok := f.users[name]
	if !ok {
		t.Fatalf("no user %s", name)
	}
	return crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "192.0.2.7", Reason: "contract test"})
}

func (f *fixture) newCase(t *testing.T, ctx context.Context, asked ...string) *crosscase.Case {
	t.Helper()
	f.nextNo++
	c := &crosscase.Case{Title: fmt.Sprintf("Drug trafficking network %d", f.nextNo), Summary: "Cocaine and cannabis via the port of Durrës.",
		AskedCountries: asked, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: mustDate(t, "2023-03-01")}
	if err := f.db.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	return c
}

func mustDate(t *testing.T, s string) crosscase.Date {
	t.Helper()
	d, err := crosscase.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := crosscase.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func TestMigrations(t *testing.T) {
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		ms, err := sqldb.Migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) < 2 || ms[0].Version != 1 {
			t.Fatalf("%s: migrations %v", d, ms)
		}
	}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		// Migrating again is a no-op, and reference data is loaded.
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		cs, err := db.ListCountries(sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 249 {
			t.Errorf("countries = %d, want 249", len(cs))
		}
		ch, err := db.FindCountry(sys, "CH")
		if err != nil || ch.Standing != crosscase.StandingLiaison {
			t.Errorf("CH = %+v, %v; want a liaison prosecutor", ch, err)
		}
	})
}

func TestCaseLifecycle(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		if c.ID == 0 || c.Version != 1 || !strings.HasPrefix(c.Reference, "IT/2023/") || c.OwnerCountry != "IT" {
			t.Fatalf("created %+v", c)
		}
		got, err := db.FindCaseByID(it, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != c.Title || len(got.AskedCountries) != 1 || got.AskedCountries[0] != "AL" || got.Access != crosscase.AccessOwner {
			t.Fatalf("read back %+v", got)
		}
		title := "Operation at the port of Bari"
		upd, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: 1, Title: &title, AskedCountries: &[]string{"AL", "DE"}})
		if err != nil {
			t.Fatal(err)
		}
		if upd.Version != 2 || upd.Title != title || len(upd.AskedCountries) != 2 {
			t.Fatalf("updated %+v", upd)
		}
		// A stale version is refused, not silently applied.
		_, err = db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: 1, Title: &title})
		wantCode(t, err, crosscase.ECONFLICT)
		// Closing before opening is refused and changes nothing.
		closed, st := mustDate(t, "2020-01-01"), crosscase.CaseClosed
		_, err = db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: 2, Status: &st, ClosedOn: &closed})
		wantCode(t, err, crosscase.EINVALID)
		if crosscase.ErrorField(err) != "closed_on" {
			t.Errorf("field = %q", crosscase.ErrorField(err))
		}
		// An unknown (well-formed) country is refused by the store.
		_, err = db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: 2, AskedCountries: &[]string{"XX"}})
		wantCode(t, err, crosscase.EINVALID)
		if crosscase.ErrorField(err) != "asked_countries[0]" {
			t.Errorf("field = %q", crosscase.ErrorField(err))
		}
		again, _ := db.FindCaseByID(it, c.ID)
		if again.Version != 2 || len(again.AskedCountries) != 2 {
			t.Fatalf("a refused update changed the case: %+v", again)
		}
	})
}

func TestNeedToKnow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Çela", Nationality: "AL"}
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatal(err)
		}
		// The asked desk reads but does not write.
		al := f.as(t, "al.liaison_prosecutor")
		if got, err := db.FindCaseByID(al, c.ID); err != nil || got.Access != crosscase.AccessAsked {
			t.Fatalf("asked desk: %v, %v", got, err)
		}
		if _, err := db.FindEntities(al, c.ID); err != nil {
			t.Fatal(err)
		}
		title := "x"
		_, err := db.UpdateCase(al, c.ID, crosscase.CaseUpdate{Version: 1, Title: &title})
		wantCode(t, err, crosscase.EFORBIDDEN)
		wantCode(t, db.CreateEntity(al, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPhone, Value: "+39 080 555 0101"}), crosscase.EFORBIDDEN)

		// Every role of a foreign desk, and the roles that never see case
		// content on the owner desk, get ENOTFOUND everywhere.
		var outsiders []string
		for _, r := range crosscase.Roles() {
			if _, ok := f.users["de."+string(r)]; ok { // no contact point at a national desk
				outsiders = append(outsiders, "de."+string(r))
			}
		}
		outsiders = append(outsiders, "it.statistics", "it.administrator", "al.statistics", "al.administrator")
		for _, name := range outsiders {
			ctx := f.as(t, name)
			_, err := db.FindCaseByID(ctx, c.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			_, err = db.FindEntities(ctx, c.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			_, err = db.FindEntityByID(ctx, e.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			_, err = db.UpdateCase(ctx, c.ID, crosscase.CaseUpdate{Version: 1, Title: &title})
			wantCode(t, err, crosscase.ENOTFOUND)
			_, err = db.UpdateEntity(ctx, e.ID, crosscase.EntityUpdate{Version: 1, GivenName: &title})
			wantCode(t, err, crosscase.ENOTFOUND)
			wantCode(t, db.DeleteEntity(ctx, e.ID), crosscase.ENOTFOUND)
			wantCode(t, db.GrantCase(ctx, c.ID, f.desks["DE"].ID), crosscase.ENOTFOUND)
			_, err = db.ListCaseGrants(ctx, c.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
			list, _, err := db.FindCases(ctx, crosscase.CaseFilter{})
			if err != nil || len(list) != 0 {
				t.Fatalf("%s lists %d cases (%v)", name, len(list), err)
			}
			acts, err := db.RecentActivity(ctx, 20)
			if err != nil || len(acts) != 0 {
				t.Fatalf("%s sees %d activities (%v)", name, len(acts), err)
			}
		}
		// A grant opens the case to DE; revoking closes it again.
		de := f.as(t, "de.analyst")
		if err := db.GrantCase(it, c.ID, f.desks["DE"].ID); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindCaseByID(de, c.ID); err != nil || got.Access != crosscase.AccessGranted {
			t.Fatalf("granted: %v, %v", got, err)
		}
		if err := db.RevokeCaseGrant(it, c.ID, f.desks["DE"].ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.FindCaseByID(de, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		// A case id that does not exist looks the same as one not visible.
		_, err = db.FindCaseByID(it, c.ID+1000)
		wantCode(t, err, crosscase.ENOTFOUND)
		// Refusals are audited.
		admin := f.as(t, "it.administrator")
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID, Action: crosscase.ActionRefuse, Limit: 500})
		if err != nil || len(entries) < len(outsiders) {
			t.Fatalf("refusals audited: %d (%v)", len(entries), err)
		}
	})
}

func TestCaseFilterAndPagination(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		for i := 0; i < 23; i++ {
			asked := []string{"AL"}
			if i%3 == 0 {
				asked = []string{"DE"}
			}
			f.newCase(t, it, asked...)
		}
		seen := map[int64]bool{}
		cursor := ""
		pages := 0
		for {
			list, next, err := db.FindCases(it, crosscase.CaseFilter{Limit: 5, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, c := range list {
				if seen[c.ID] {
					t.Fatalf("case %d twice", c.ID)
				}
				seen[c.ID] = true
			}
			if next == "" {
				break
			}
			cursor = next
		}
		if len(seen) != 23 || pages != 5 {
			t.Fatalf("walked %d cases in %d pages", len(seen), pages)
		}
		de, _, err := db.FindCases(it, crosscase.CaseFilter{Country: "DE"})
		if err != nil || len(de) != 8 {
			t.Fatalf("country DE: %d (%v)", len(de), err)
		}
		q, _, err := db.FindCases(it, crosscase.CaseFilter{Query: "NETWORK 17"})
		if err != nil || len(q) != 1 {
			t.Fatalf("free text: %d (%v)", len(q), err)
		}
		asked, _, err := db.FindCases(f.as(t, "de.desk_member"), crosscase.CaseFilter{Scope: crosscase.ScopeAsked})
		if err != nil || len(asked) != 8 {
			t.Fatalf("DE asked: %d (%v)", len(asked), err)
		}
		_, _, err = db.FindCases(it, crosscase.CaseFilter{Cursor: "zzz"})
		wantCode(t, err, crosscase.EINVALID)
		_, _, err = db.FindCases(it, crosscase.CaseFilter{Query: "100%_"})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestAuditChain(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		if _, err := db.FindCaseByID(it, c.ID); err != nil {
			t.Fatal(err)
		}
		admin := f.as(t, "it.administrator")
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Action != crosscase.ActionRead || entries[1].Action != crosscase.ActionCreate {
			t.Fatalf("entries %+v", entries)
		}
		r := entries[0]
		if r.UserName != "it.desk-member" || r.RemoteAddr != "192.0.2.7" || r.Reason != "contract test" || r.CaseID != c.ID {
			t.Fatalf("read entry %+v", r)
		}
		_, _, err = db.FindAuditEntries(it, crosscase.AuditFilter{})
		wantCode(t, err, crosscase.EFORBIDDEN)

		// Concurrent writers keep one unbroken chain.
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					if _, err := db.FindCaseByID(it, c.ID); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		rep, err := db.VerifyAudit(admin)
		if err != nil || !rep.OK || rep.Entries < 42 {
			t.Fatalf("verify: %+v %v", rep, err)
		}
		// The database refuses to change an entry.
		if _, err := db.SQL().Exec(`UPDATE audit_log SET reason = 'forged' WHERE seq = 3`); err == nil {
			t.Fatal("the audit log accepted an update")
		}
	})
}

func TestAuditVerifyFindsTampering(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	f := newFixture(t, db)
	it := f.as(t, "it.desk_member")
	c := f.newCase(t, it)
	for i := 0; i < 5; i++ {
		db.FindCaseByID(it, c.ID)
	}
	// Someone with file access drops the trigger and edits entry 7.
	if _, err := db.SQL().Exec(`DROP TRIGGER audit_log_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`UPDATE audit_log SET reason = 'forged' WHERE seq = 7`); err != nil {
		t.Fatal(err)
	}
	rep, err := db.VerifyAudit(f.as(t, "it.administrator"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.FirstBroken != 7 {
		t.Fatalf("report %+v, want entry 7 broken", rep)
	}
}

func TestIdentity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		u, err := db.Authenticate(ctx, "it.desk-member", "correct horse battery staple")
		if err != nil || u.DeskCountry != "IT" {
			t.Fatalf("authenticate: %+v %v", u, err)
		}
		_, err = db.Authenticate(ctx, "it.desk-member", "wrong password!!")
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		_, err = db.Authenticate(ctx, "nobody", "wrong password!!")
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		// Duplicate names conflict, short passwords are refused.
		wantCode(t, db.CreateUser(f.sys, &crosscase.User{Name: "it.desk-member", Role: crosscase.RoleAnalyst, DeskID: f.desks["IT"].ID}, "long enough password"), crosscase.ECONFLICT)
		err = db.CreateUser(f.sys, &crosscase.User{Name: "new.user", Role: crosscase.RoleAnalyst, DeskID: f.desks["IT"].ID}, "short")
		if crosscase.ErrorField(err) != "password" {
			t.Fatalf("short password: %v", err)
		}
		// Non-administrators cannot create users.
		wantCode(t, db.CreateUser(f.as(t, "it.desk_member"), &crosscase.User{Name: "x.y", Role: crosscase.RoleAnalyst, DeskID: 1}, "long enough password"), crosscase.EFORBIDDEN)

		// Tokens: plain text once, hashed, revocable.
		it := f.as(t, "it.desk_member")
		// A label that shows nothing is refused naming it, not stored
		// (crosscase.CheckText).
		for _, blank := range []string{"\u200b", "  "} {
			_, _, err := db.CreateToken(it, u.ID, blank)
			wantField(t, err, crosscase.EINVALID, "label")
		}
		if list, err := db.ListTokens(it, u.ID); err != nil || len(list) != 0 {
			t.Fatalf("tokens after the refusals: %v %v", list, err)
		}
		tok, plain, err := db.CreateToken(it, u.ID, "laptop")
		if err != nil || !strings.HasPrefix(plain, tok.Prefix) {
			t.Fatalf("token: %+v %q %v", tok, plain, err)
		}
		if got, gu, err := db.AuthenticateToken(ctx, plain); err != nil || gu.ID != u.ID || got.ID != tok.ID {
			t.Fatalf("token auth: %v %v %v", got, gu, err)
		}
		// A token made by a request that came with a token is its child,
		// revoked with it, as are the child's own children.
		withToken := func(id int64) context.Context {
			return crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: crosscase.UserFromContext(it), TokenID: id})
		}
		child, childPlain, err := db.CreateToken(withToken(tok.ID), u.ID, "made by a script")
		if err != nil || child.ParentID != tok.ID {
			t.Fatalf("child token: %+v %v", child, err)
		}
		grandchild, grandchildPlain, err := db.CreateToken(withToken(child.ID), u.ID, "made by the script's script")
		if err != nil || grandchild.ParentID != child.ID {
			t.Fatalf("grandchild token: %+v %v", grandchild, err)
		}
		var stored int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM tokens WHERE hash LIKE '%` + plain[4:12] + `%'`).Scan(&stored)
		if stored != 0 {
			t.Fatal("token stored in plain text")
		}
		if err := db.RevokeToken(it, tok.ID); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{plain, childPlain, grandchildPlain} {
			_, _, err = db.AuthenticateToken(ctx, p)
			wantCode(t, err, crosscase.EUNAUTHORIZED)
		}
		if list, err := db.ListTokens(it, u.ID); err != nil || len(list) != 3 || list[0].RevokedAt == nil || list[1].RevokedAt == nil || list[0].ParentID != child.ID {
			t.Fatalf("tokens after revoking their parent: %+v %v", list, err)
		}
		// Another user cannot revoke it or see it.
		wantCode(t, db.RevokeToken(f.as(t, "de.desk_member"), tok.ID), crosscase.ENOTFOUND)

		// Sessions expire and end with the user.
		sess, cookie, err := db.CreateSession(ctx, u.ID, 3600e9)
		if err != nil || sess.CSRFKey == "" {
			t.Fatal(err)
		}
		if _, su, err := db.FindSession(ctx, cookie); err != nil || su.ID != u.ID {
			t.Fatalf("session: %v", err)
		}
		disabled := true
		if _, err := db.UpdateUser(f.sys, u.ID, crosscase.UserUpdate{Version: u.Version, Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		_, _, err = db.FindSession(ctx, cookie)
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		_, err = db.Authenticate(ctx, "it.desk-member", "correct horse battery staple")
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		_, expired, _ := db.CreateSession(ctx, f.users["de.analyst"].ID, -1)
		_, _, err = db.FindSession(ctx, expired)
		wantCode(t, err, crosscase.EUNAUTHORIZED)

		// A session used within the idle timeout lives on, up to its
		// expiry; one left idle ends.
		start := time.Now()
		now := start
		db.Now = func() time.Time { return now }
		defer func() { db.Now = time.Now }()
		_, used, _ := db.CreateSession(ctx, f.users["de.analyst"].ID, 12*time.Hour)
		for range 5 {
			now = now.Add(crosscase.SessionIdleTimeout - time.Minute)
			if _, _, err := db.FindSession(ctx, used); err != nil {
				t.Fatalf("session used every %s ended after %s: %v", crosscase.SessionIdleTimeout-time.Minute, now.Sub(start), err)
			}
		}
		now = now.Add(crosscase.SessionIdleTimeout)
		_, _, err = db.FindSession(ctx, used)
		wantCode(t, err, crosscase.EUNAUTHORIZED)
	})
}

func TestReferenceData(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		wantCode(t, db.CreateDesk(f.sys, &crosscase.Desk{CountryCode: "IT", Kind: crosscase.DeskNational, Name: "Second"}), crosscase.ECONFLICT)
		err := db.CreateDesk(f.sys, &crosscase.Desk{CountryCode: "QQ", Kind: crosscase.DeskNational, Name: "Nowhere"})
		if crosscase.ErrorField(err) != "country_code" {
			t.Fatalf("unknown country: %v", err)
		}
		st := crosscase.StandingContactPoint
		if _, err := db.UpdateCountry(f.as(t, "it.desk_member"), "BR", crosscase.CountryUpdate{Standing: &st}); crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
			t.Fatalf("desk member changed a country: %v", err)
		}
		if c, err := db.UpdateCountry(f.sys, "BR", crosscase.CountryUpdate{Standing: &st}); err != nil || c.Standing != st {
			t.Fatalf("update country: %v %v", c, err)
		}
		a := &crosscase.Agreement{CountryCode: "KR", Kind: crosscase.AgreementWorkingArrangement, SignedOn: mustDate(t, "2024-05-01"), Title: "Test"}
		if err := db.CreateAgreement(f.sys, a); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateAgreement(f.sys, a.ID, crosscase.AgreementUpdate{Version: 7})
		wantCode(t, err, crosscase.ECONFLICT)
		// An agreement is recorded once it is signed (crosscase.NotFuture).
		later := mustDate(t, "2099-01-01")
		wantField(t, db.CreateAgreement(f.sys, &crosscase.Agreement{CountryCode: "KR", Kind: crosscase.AgreementCooperation, SignedOn: later, Title: "Later"}), crosscase.EINVALID, "signed_on")
		_, err = db.UpdateAgreement(f.sys, a.ID, crosscase.AgreementUpdate{Version: a.Version, SignedOn: &later})
		wantField(t, err, crosscase.EINVALID, "signed_on")
		if now, err := db.FindAgreement(f.sys, a.ID); err != nil || now.SignedOn != a.SignedOn || now.Version != a.Version {
			t.Fatalf("after the refusals: %+v %v", now, err)
		}
		if err := db.DeleteAgreement(f.sys, a.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DeleteAgreement(f.sys, a.ID), crosscase.ENOTFOUND)
		auth := &crosscase.Authority{CountryCode: "IT", Name: "Procura della Repubblica di Bari", Kind: crosscase.AuthorityProsecution, City: "Bari"}
		if err := db.CreateAuthority(f.sys, auth); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CreateAuthority(f.sys, &crosscase.Authority{CountryCode: "IT", Name: auth.Name, Kind: crosscase.AuthorityCourt}), crosscase.ECONFLICT)
	})
}

func TestImportCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		bundle := func(title string) *crosscase.CaseBundle {
			return &crosscase.CaseBundle{
				Case: &crosscase.Case{Title: title, OwnerDeskID: f.desks["DE"].ID, AskedCountries: []string{"PL", "BE"}, CrimeTypes: []string{"migrant_smuggling"}, OpenedOn: mustDate(t, "2024-11-05")},
				Entities: []*crosscase.Entity{
					{Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Łukasz", FamilyName: "Nowak", Nationality: "PL"},
					{Kind: crosscase.KindIBAN, Value: "DE89 3704 0044 0532 0130 00"},
				},
			}
		}
		wantCode(t, db.ImportCases(f.as(t, "it.administrator"), []*crosscase.CaseBundle{bundle("x")}), crosscase.EFORBIDDEN)
		bad := bundle("bad")
		bad.Entities[1].Value = "DE00 0000"
		err := db.ImportCases(f.sys, []*crosscase.CaseBundle{bundle("good"), bad})
		if crosscase.ErrorField(err) != "bundles[1].entities[1].value" {
			t.Fatalf("bad bundle: %v", err)
		}
		if err := db.ImportCases(f.sys, []*crosscase.CaseBundle{bundle("one"), bundle("two")}); err != nil {
			t.Fatal(err)
		}
		de := f.as(t, "de.desk_member")
		list, _, err := db.FindCases(de, crosscase.CaseFilter{})
		if err != nil || len(list) != 2 {
			t.Fatalf("imported cases visible: %d (%v); a refused batch must add none", len(list), err)
		}
		es, err := db.FindEntities(de, list[0].ID)
		if err != nil || len(es) != 2 || es[1].Value != "DE89370400440532013000" {
			t.Fatalf("entities %+v %v", es, err)
		}
	})
}

func TestErrorsAreDomainErrors(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	_, err := db.FindCaseByID(context.Background(), 1)
	var e *crosscase.Error
	if !errors.As(err, &e) || e.Code != crosscase.EUNAUTHORIZED {
		t.Fatalf("no actor: %v", err)
	}
}

func TestExportCase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL")
		for _, v := range []string{"+39 080 555 0101", "+355 69 123 4567"} {
			if err := db.CreateEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: v}); err != nil {
				t.Fatal(err)
			}
		}
		b, err := db.ExportCase(f.as(t, "al.liaison_prosecutor"), c.ID)
		if err != nil || b.Case.ID != c.ID || len(b.Entities) != 2 {
			t.Fatalf("export: %+v %v", b, err)
		}
		for _, name := range []string{"de.desk_member", "it.statistics", "it.administrator"} {
			_, err := db.ExportCase(f.as(t, name), c.ID)
			wantCode(t, err, crosscase.ENOTFOUND)
		}
		entries, _, err := db.FindAuditEntries(f.as(t, "it.administrator"), crosscase.AuditFilter{CaseID: c.ID, Action: crosscase.ActionExport})
		if err != nil || len(entries) != 1 || entries[0].UserName != "al.liaison-prosecutor" || entries[0].Detail != "entities=2" {
			t.Fatalf("export audit: %+v %v", entries, err)
		}
	})
}

// TestTwoProcessesOnePostgres opens the same PostgreSQL database twice, as
// two serve processes would, writes through both at once and checks that
// each sees the other's cases and sessions and the audit chain is one line.
func TestTwoProcessesOnePostgres(t *testing.T) {
	dsn := sqldbtest.NewPostgresDatabase(t)
	ctx := context.Background()
	open := func() *sqldb.DB {
		db, err := sqldb.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	var wg sync.WaitGroup
	for _, db := range []*sqldb.DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := db.Migrate(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	f := newFixture(t, a)
	it := f.as(t, "it.desk_member")
	for _, db := range []*sqldb.DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				c := &crosscase.Case{Title: fmt.Sprintf("Parallel %d", i), CrimeTypes: []string{"cybercrime"}, OpenedOn: crosscase.Date{Year: 2025, Month: 1, Day: 2}}
				if err := db.CreateCase(it, c); err != nil {
					t.Error(err)
					return
				}
				if _, err := db.FindCaseByID(it, c.ID); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	list, _, err := b.FindCases(it, crosscase.CaseFilter{Limit: 200})
	if err != nil || len(list) != 40 {
		t.Fatalf("process b sees %d cases (%v), want 40", len(list), err)
	}
	_, cookie, err := a.CreateSession(ctx, f.users["it.desk_member"].ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, u, err := b.FindSession(ctx, cookie); err != nil || u.Name != "it.desk-member" {
		t.Fatalf("session made by a, read by b: %v %v", u, err)
	}
	rep, err := b.VerifyAudit(f.as(t, "it.administrator"))
	if err != nil || !rep.OK || rep.Entries < 80 {
		t.Fatalf("audit chain: %+v %v", rep, err)
	}
}

func TestMustChangePassword(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		u := &crosscase.User{Name: "it.given", Role: crosscase.RoleDeskMember, DeskID: f.desks["IT"].ID, MustChangePassword: true}
		if err := db.CreateUser(f.sys, u, "one-time password 1"); err != nil {
			t.Fatal(err)
		}
		got, err := db.Authenticate(context.Background(), "it.given", "one-time password 1")
		if err != nil || !got.MustChangePassword {
			t.Fatalf("one-time password: %+v %v", got, err)
		}
		self := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: got})
		if err := db.SetPassword(self, u.ID, "my own password 2"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Authenticate(context.Background(), "it.given", "my own password 2"); got == nil || got.MustChangePassword {
			t.Fatalf("after choosing their own: %+v", got)
		}
		if err := db.SetPassword(f.as(t, "it.administrator"), u.ID, "reset by admin 3"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Authenticate(context.Background(), "it.given", "reset by admin 3"); got == nil || !got.MustChangePassword {
			t.Fatalf("after an administrator's reset: %+v", got)
		}
	})
}

// sqliteFile opens a migrated SQLite store in the file crosscase.db of
// dir, for the tests that read the file itself; it is closed when the
// test ends.
func sqliteFile(t *testing.T, dir string) (*sqldb.DB, string) {
	t.Helper()
	path := filepath.Join(dir, "crosscase.db")
	db, err := sqldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db, path
}
