package demo_test

import (
	"context"
	"strings"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func services(db *sqldb.DB) crosscase.Services {
	return db.Services()
}

// as returns a context acting as user name, signed in with password.
func as(t *testing.T, db *sqldb.DB, name, password string) context.Context {
	t.Helper()
	u, err := db.Authenticate(context.Background(), name, password)
	if err != nil {
		t.Fatalf("sign in as %s: %v", name, err)
	}
	return crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "test"})
}

func TestLoadIntoStore(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		svc := services(db)

		// A desk that exists already is reused, not duplicated.
		it := &crosscase.Desk{CountryCode: "IT", Kind: crosscase.DeskNational, Name: "Italian Desk"}
		if err := db.CreateDesk(ctx, it); err != nil {
			t.Fatal(err)
		}

		logins, err := demo.LoadOperations(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		if len(logins) < 12 {
			t.Fatalf("%d demo sign-ins", len(logins))
		}
		passwords := map[string]string{}
		for _, l := range logins {
			if len(l.Password) < 16 {
				t.Errorf("%s: password of %d characters", l.Name, len(l.Password))
			}
			passwords[l.Name] = l.Password
			as(t, db, l.Name, l.Password) // every sign-in works
		}
		if _, err := demo.LoadOperations(ctx, svc); err != demo.ErrAlreadyLoaded {
			t.Fatalf("second load: %v, want ErrAlreadyLoaded", err)
		}

		// The Italian desk owns the Italy–Albania case, with its 52 suspects.
		rossi := as(t, db, "it.rossi", passwords["it.rossi"])
		if u := crosscase.UserFromContext(rossi); u.DeskID != it.ID {
			t.Fatalf("it.rossi is at desk %d, want the existing Italian desk %d", u.DeskID, it.ID)
		}
		cases, _, err := db.FindCases(rossi, crosscase.CaseFilter{Scope: crosscase.ScopeOwned, Query: "Albanian"})
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) != 1 || !strings.HasPrefix(cases[0].Reference, "IT/2020/") {
			t.Fatalf("Italian desk's Albanian cases: %+v", cases)
		}
		ia := cases[0]
		// The Italian desk starts with a limit overdue and one due this week.
		dl, err := db.FindDeadlines(rossi, crosscase.DeadlineFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(dl.Overdue) != 1 || dl.Overdue[0].Reference != "OEI 2025/187 Arezzo" || len(dl.DueSoon) != 1 || dl.DueSoon[0].Reference != "MAE 2025/09 Arezzo" {
			t.Errorf("the Italian desk's deadlines: overdue %d, due soon %d", len(dl.Overdue), len(dl.DueSoon))
		}
		ents, err := db.FindEntities(rossi, ia.ID)
		if err != nil {
			t.Fatal(err)
		}
		suspects := 0
		for _, e := range ents {
			if e.Kind == crosscase.KindPerson && e.Role == crosscase.RoleSuspect {
				suspects++
			}
		}
		if suspects != 52 {
			t.Errorf("Italy–Albania case holds %d suspects, want 52", suspects)
		}
		if len(ia.AuthorityIDs) < 2 {
			t.Errorf("Italy–Albania case names %d authorities", len(ia.AuthorityIDs))
		}
		// Its retention is reviewed and kept; the gold robbers' deletion
		// falls due within weeks, on the desk's retention list.
		if r, err := db.FindRetention(rossi, ia.ID); err != nil || len(r.Reviews) != 1 || r.Due.KeptUntil.IsZero() {
			t.Errorf("Italy–Albania retention: %+v %v", r, err)
		}
		if due, err := db.FindRetentionDue(rossi, 90); err != nil || len(due) != 1 || !strings.HasPrefix(due[0].Title, "Gold robbers") || due[0].Due.Ground != crosscase.GroundTimeBarred {
			t.Errorf("Italian desk's retention due: %+v %v", due, err)
		}

		// The Albanian liaison prosecutor sees it as an asked country; the
		// French desk does not see it at all.
		hoxha := as(t, db, "al.hoxha", passwords["al.hoxha"])
		if _, err := db.FindCaseByID(hoxha, ia.ID); err != nil {
			t.Errorf("Albanian liaison prosecutor: %v", err)
		}
		lefevre := as(t, db, "fr.lefevre", passwords["fr.lefevre"])
		if _, err := db.FindCaseByID(lefevre, ia.ID); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Errorf("French desk reading the Italy–Albania case: %v, want not found", err)
		}
		owned, _, err := db.FindCases(lefevre, crosscase.CaseFilter{Scope: crosscase.ScopeOwned})
		if err != nil || len(owned) != 2 {
			t.Errorf("French desk owns %d cases (%v), want the prison phones and the JIT with Ukraine and Monaco", len(owned), err)
		}

		// The instruments of the releases: the gold robbers' arrest warrants
		// executed in Romania, surrendered within the limits (and a fifth
		// whose decision is due, above).
		gold, _, err := db.FindCases(rossi, crosscase.CaseFilter{Scope: crosscase.ScopeOwned, Query: "gold robbers"})
		if err != nil || len(gold) != 1 {
			t.Fatalf("gold robbers case: %v, %v", gold, err)
		}
		ins, err := db.FindInstruments(rossi, gold[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		eaws := 0
		for _, in := range ins {
			if in.Type == crosscase.InstrumentEAW && in.Reference != "MAE 2025/09 Arezzo" { // the one still running, above
				eaws++
				if in.Status != crosscase.StatusSurrendered || in.ArrestOn.String() != "2025-04-24" || in.EntityID == 0 {
					t.Errorf("EAW %+v", in)
				}
				for _, c := range in.Clocks {
					if c.State != crosscase.ClockMet {
						t.Errorf("EAW %s clock %s is %s", in.Reference, c.Kind, c.State)
					}
				}
			}
		}
		if eaws != 4 {
			t.Errorf("%d EAWs on the gold robbers case, want 4", eaws)
		}
		// The British fake broker surrendered by the United Kingdom under
		// the Trade and Cooperation Agreement, within its limits; the
		// United Kingdom's desk, asked in the case, sees it.
		walker := as(t, db, "gb.walker", passwords["gb.walker"])
		cyber, _, err := db.FindCases(walker, crosscase.CaseFilter{Query: "cyber-trading"})
		if err != nil || len(cyber) != 1 {
			t.Fatalf("cyber-trading case: %v, %v", cyber, err)
		}
		if ins, err = db.FindInstruments(walker, cyber[0].ID); err != nil {
			t.Fatal(err)
		}
		tca := 0
		for _, in := range ins {
			if in.Type != crosscase.InstrumentSurrenderUK {
				continue
			}
			tca++
			if in.IssuingCountry != "DE" || in.ExecutingCountry != "GB" || in.Status != crosscase.StatusSurrendered || in.EntityID == 0 || len(in.Clocks) != 2 {
				t.Errorf("surrender to the United Kingdom %+v", in)
			}
			for _, c := range in.Clocks {
				if c.State != crosscase.ClockMet || !strings.HasPrefix(c.Article, "Trade and Cooperation Agreement, Art. 6") {
					t.Errorf("%s clock %s is %s (%s)", in.Reference, c.Kind, c.State, c.Article)
				}
			}
		}
		if tca != 1 {
			t.Errorf("%d surrenders under the Trade and Cooperation Agreement on the cyber-trading case, want 1", tca)
		}

		var calls [][2]int
		if err := demo.LoadSynthetic(ctx, svc, 200, 1, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
			t.Fatal(err)
		}
		if len(calls) != 1 || calls[0] != [2]int{200, 200} {
			t.Errorf("progress calls %v, want one call (200, 200)", calls)
		}
		desks, err := db.ListDesks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(desks) != 40 {
			t.Errorf("%d desks, want the 27 member states, 12 liaison prosecutors and a contact point", len(desks))
		}
		all, _, err := db.FindCases(rossi, crosscase.CaseFilter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) <= 2 {
			t.Errorf("the Italian desk sees %d cases after the synthetic load", len(all))
		}
		// Synthetic cases come with a spread of instruments.
		types := map[crosscase.InstrumentType]int{}
		for _, c := range all {
			list, err := db.FindInstruments(rossi, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range list {
				types[in.Type]++
			}
		}
		if types[crosscase.InstrumentEIO] == 0 || types[crosscase.InstrumentEAW] == 0 || len(types) < 4 {
			t.Errorf("instrument types of the Italian desk's cases: %v", types)
		}
	})
}
