package demo_test

import (
	"context"
	"strings"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/evidence"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestDemoJITs: the Italy–Albania JIT has Albanian and Italian members
// and evidence exchanged both ways: the Italian desk's file waits for the
// Albanian police officer, the officer's file waits for the Italian desk
// (README, Quick start).
func TestDemoJITs(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		files, err := evidence.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		db.EvidenceFiles = files
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
		// Each extension was agreed while the JIT ran, before the end it
		// extends, and the case timeline dates it then: not the day the
		// demo was loaded, after the new end.
		for _, j := range all {
			end := j.EndsOn
			for _, x := range j.Extensions {
				if x.AgreedOn.IsZero() || x.AgreedOn.Before(j.SignedOn) || end.Before(x.AgreedOn) {
					t.Errorf("%s: extension to %s agreed on %q, not while it ran (to %s)", j.Name, x.NewEndsOn, x.AgreedOn, end)
				}
				end = x.NewEndsOn
			}
			extended := 0
			for _, e := range crosscase.Timeline(crosscase.TimelineParts{Case: &crosscase.Case{}, JITs: []*crosscase.JIT{j}}, []crosscase.TimelineKind{crosscase.TimelineJIT}) {
				to, ok := strings.CutPrefix(e.Title, "JIT extended to ")
				if !ok {
					continue
				}
				extended++
				if newEnd, err := crosscase.ParseDate(to[:10]); err != nil || !e.On.Before(newEnd) || e.On != j.Extensions[extended-1].AgreedOn {
					t.Errorf("%s: %q dated %s", j.Name, e.Title, e.On)
				}
			}
			if extended != len(j.Extensions) {
				t.Errorf("%s: %d extensions on the timeline, want %d", j.Name, extended, len(j.Extensions))
			}
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
		rossi := as(t, db, "it.rossi", pw["it.rossi"])
		j, err := db.FindJIT(rossi, mine[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		countries := map[string][]string{}
		for _, m := range j.Members {
			countries[m.CountryCode] = append(countries[m.CountryCode], m.UserName)
		}
		if len(countries["AL"]) != 2 || len(countries["IT"]) != 1 || countries["IT"][0] != "it.rossi" {
			t.Fatalf("members by country: %v", countries)
		}
		evs, err := db.FindEvidence(rossi, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		ways := map[string]string{}
		for _, f := range evs {
			for _, r := range f.Recipients {
				ways[f.UploaderName+" → "+r.UserName+" ("+r.CountryCode+")"] = f.FileName
			}
		}
		if len(evs) != 2 || ways["it.rossi → jit.kovacs (AL)"] != "intercepts-summary.txt" || ways["jit.kovacs → it.rossi (IT)"] != "durres-seizure-report.txt" {
			t.Fatalf("evidence: %v", ways)
		}
		for name, ctx := range map[string]context.Context{"it.rossi": rossi, "jit.kovacs": kovacs} {
			for _, f := range evs {
				if _, err := db.CheckEvidenceDownload(ctx, f.ID); err != nil {
					t.Errorf("%s may not download %s: %v", name, f.FileName, err)
				}
			}
		}
		// Ukraine's liaison prosecutor, a member, sees the French case through the JIT.
		ua := as(t, db, "ua.shevchenko", pw["ua.shevchenko"])
		j, err = db.FindJIT(ua, all[0].ID)
		if err != nil || len(j.Cases) != 1 || !j.Cases[0].Visible {
			t.Fatalf("ua.shevchenko: %+v %v", j, err)
		}
	})
}
