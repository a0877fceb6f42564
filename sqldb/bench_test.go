package sqldb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// benchCases is the size of the store the benchmarks run on. Whole-system
// figures on 100,000 cases come from `crosscase-bench`.
const benchCases = 5000

// benchStore returns a store of benchCases cases (ten entities each)
// owned by IT, DE and AL in turn, and a desk member of IT.
func benchStore(b *testing.B, open func(testing.TB) *sqldb.DB) (*sqldb.DB, context.Context, []int64) {
	b.Helper()
	db := open(b)
	sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	desks := map[string]int64{}
	for _, cc := range []string{"IT", "DE", "AL"} {
		d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskNational, Name: "Desk " + cc}
		if err := db.CreateDesk(sys, d); err != nil {
			b.Fatal(err)
		}
		desks[cc] = d.ID
	}
	u := &crosscase.User{Name: "it.bench", Role: crosscase.RoleDeskMember, DeskID: desks["IT"]}
	if err := db.CreateUser(sys, u, "benchmark password"); err != nil {
		b.Fatal(err)
	}
	u.DeskCountry = "IT"
	owners := []string{"IT", "DE", "AL"}
	var batch []*crosscase.CaseBundle
	for i := 0; i < benchCases; i++ {
		owner := owners[i%3]
		asked := owners[(i+1)%3]
		c := &crosscase.Case{Title: fmt.Sprintf("Case %d: trafficking network", i), Summary: "Synthetic case for benchmarks.",
			OwnerDeskID: desks[owner], AskedCountries: []string{asked}, CrimeTypes: []string{[]string{"drug_trafficking", "money_laundering", "swindling_fraud"}[i%3]},
			OpenedOn: crosscase.Date{Year: 2020 + i%5, Month: time.Month(1 + i%12), Day: 1 + i%28}}
		var es []*crosscase.Entity
		for j := 0; j < 10; j++ {
			es = append(es, &crosscase.Entity{Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: fmt.Sprintf("Given%d", j), FamilyName: fmt.Sprintf("Family%d", i), Nationality: owner})
		}
		batch = append(batch, &crosscase.CaseBundle{Case: c, Entities: es})
		if len(batch) == 500 {
			if err := db.ImportCases(sys, batch); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	ctx := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "127.0.0.1"})
	list, _, err := db.FindCases(ctx, crosscase.CaseFilter{Limit: 200})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	return db, ctx, ids
}

func eachStore(b *testing.B, fn func(b *testing.B, open func(testing.TB) *sqldb.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, sqldbtest.NewSQLite) })
	b.Run("postgres", func(b *testing.B) { fn(b, sqldbtest.NewPostgres) })
}

// BenchmarkCasePage measures what the case page reads: the case and its
// entities, each an audited read.
func BenchmarkCasePage(b *testing.B) {
	eachStore(b, func(b *testing.B, open func(testing.TB) *sqldb.DB) {
		db, ctx, ids := benchStore(b, open)
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			id := ids[i%len(ids)]
			if _, err := db.FindCaseByID(ctx, id); err != nil {
				b.Fatal(err)
			}
			if _, err := db.FindEntities(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCaseList measures a filtered, visible-only case list page.
func BenchmarkCaseList(b *testing.B) {
	eachStore(b, func(b *testing.B, open func(testing.TB) *sqldb.DB) {
		db, ctx, _ := benchStore(b, open)
		filters := []crosscase.CaseFilter{
			{},
			{Country: "DE"},
			{CrimeType: "money_laundering", Status: crosscase.CaseOpen},
			{OpenedFrom: crosscase.Date{Year: 2022, Month: time.January, Day: 1}, OpenedTo: crosscase.Date{Year: 2022, Month: time.December, Day: 31}},
			{Query: "network 41"},
		}
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, _, err := db.FindCases(ctx, filters[i%len(filters)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreateCase measures registering a case with its audit entry.
func BenchmarkCreateCase(b *testing.B) {
	eachStore(b, func(b *testing.B, open func(testing.TB) *sqldb.DB) {
		db, ctx, _ := benchStore(b, open)
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			c := &crosscase.Case{Title: fmt.Sprintf("New case %d", i), AskedCountries: []string{"DE"}, CrimeTypes: []string{"swindling_fraud"}, OpenedOn: crosscase.Date{Year: 2025, Month: time.May, Day: 13}}
			if err := db.CreateCase(ctx, c); err != nil {
				b.Fatal(err)
			}
		}
	})
}
