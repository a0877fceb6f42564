package demo_test

import (
	"context"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestDemoJITs(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		logins, err := demo.LoadOperations(ctx, services(db))
		if err != nil {
			t.Fatal(err)
		}
		pw := map[string]string{}
		for _, l := range logins {
			pw[l.Name] = l.Password
		}
		all, err := db.FindJITs(ctx)
		if err != nil || len(all) != 2 {
			t.Fatalf("demo JITs: %d %v", len(all), err)
		}
		kovacs := as(t, db, "jit.kovacs", pw["jit.kovacs"])
		mine, err := db.FindJITs(kovacs)
		if err != nil || len(mine) != 1 || len(mine[0].Parties) != 2 || mine[0].CurrentEndsOn.String() != "2028-06-01" || len(mine[0].Funding) != 1 {
			t.Fatalf("jit.kovacs sees %+v %v", mine, err)
		}
		if cs, _, err := db.FindCases(kovacs, crosscase.CaseFilter{}); err != nil || len(cs) != 0 {
			t.Fatalf("jit.kovacs sees %d cases (%v)", len(cs), err)
		}
		if msgs, err := db.FindJITMessages(kovacs, mine[0].ID); err != nil || len(msgs) != 2 || msgs[1].ParentID != msgs[0].ID {
			t.Fatalf("thread %+v %v", msgs, err)
		}
		// Ukraine's liaison prosecutor, a member, sees the French case through the JIT.
		ua := as(t, db, "ua.shevchenko", pw["ua.shevchenko"])
		j, err := db.FindJIT(ua, all[0].ID)
		if err != nil || len(j.Cases) != 1 || !j.Cases[0].Visible {
			t.Fatalf("ua.shevchenko: %+v %v", j, err)
		}
	})
}
