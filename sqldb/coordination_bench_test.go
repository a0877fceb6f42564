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

// benchResults is how many results the totals benchmark sums.
const benchResults = 20000

// BenchmarkResultTotals measures the annual-report totals over
// benchResults results of 200 cases, for all countries and for one.
func BenchmarkResultTotals(b *testing.B) {
	db := sqldbtest.NewSQLite(b)
	sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	desk := &crosscase.Desk{CountryCode: "IT", Kind: crosscase.DeskNational, Name: "Desk IT"}
	if err := db.CreateDesk(sys, desk); err != nil {
		b.Fatal(err)
	}
	u := &crosscase.User{Name: "it.bench", Role: crosscase.RoleDeskMember, DeskID: desk.ID}
	stats := &crosscase.User{Name: "stats.bench", Role: crosscase.RoleStatistics}
	for _, x := range []*crosscase.User{u, stats} {
		if err := db.CreateUser(sys, x, "benchmark password"); err != nil {
			b.Fatal(err)
		}
	}
	it := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u})
	countries := []string{"IT", "AL", "DE", "FR", "ES", "NL"}
	kinds := []crosscase.ResultKind{crosscase.ResultArrest, crosscase.ResultSearch, crosscase.ResultSeizure}
	var caseID int64
	for i := 0; i < benchResults; i++ {
		if i%100 == 0 {
			c := &crosscase.Case{Title: fmt.Sprintf("Case %d", i), CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.Date{Year: 2020, Month: 1, Day: 1}}
			if err := db.CreateCase(it, c); err != nil {
				b.Fatal(err)
			}
			caseID = c.ID
		}
		r := &crosscase.Result{CaseID: caseID, Kind: kinds[i%3], Country: countries[i%len(countries)],
			Date: crosscase.Date{Year: 2020 + i%6, Month: time.Month(1 + i%12), Day: 1 + i%28}}
		if r.Kind == crosscase.ResultSeizure {
			r.SeizureType, r.Substance, r.Quantity, r.Unit, r.Measure, r.ValueEUR = "drugs", "cocaine", 12.5, "kg", "seized", 400_000
		} else {
			r.Count = int64(1 + i%7)
		}
		if err := db.CreateResult(it, r); err != nil {
			b.Fatal(err)
		}
	}
	ctx := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: stats})
	for _, country := range []string{"", "AL"} {
		b.Run("country="+country, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ResultTotals(ctx, crosscase.Date{Year: 2024, Month: 1, Day: 1}, crosscase.Date{Year: 2024, Month: 12, Day: 31}, country); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSendNoticeAttachment measures sending a notice to one desk
// with one file of MaxAttachmentBytes (25 MiB), committed durably.
func BenchmarkSendNoticeAttachment(b *testing.B) {
	db := sqldbtest.NewSQLite(b)
	benchSend(b, db)
}

func benchSend(b *testing.B, db *sqldb.DB) {
	sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	var ids []int64
	for _, cc := range []string{"IT", "DE"} {
		d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskNational, Name: "Desk " + cc}
		if err := db.CreateDesk(sys, d); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	u := &crosscase.User{Name: "it.bench", Role: crosscase.RoleDeskMember, DeskID: ids[0]}
	if err := db.CreateUser(sys, u, "benchmark password"); err != nil {
		b.Fatal(err)
	}
	ctx := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u})
	content := make([]byte, crosscase.MaxAttachmentBytes)
	for i := range content {
		content[i] = byte(i * 7)
	}
	b.SetBytes(int64(len(content)))
	for b.Loop() {
		n := &crosscase.Notice{Subject: "Specifications", Body: "Attached.", RecipientDeskIDs: []int64{ids[1]}}
		if err := db.SendNotice(ctx, n, []crosscase.NoticeFile{{Name: "specs.bin", ContentType: "application/octet-stream", Content: content}}); err != nil {
			b.Fatal(err)
		}
	}
}
