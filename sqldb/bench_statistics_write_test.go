package sqldb_test

import (
	"fmt"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
)

// BenchmarkStatisticsWrites measures the writes that move the statistics'
// summaries (README, Statistics and the annual report, Figures): a result
// recorded, an instrument issued, and a change of a case's countries
// asked, which moves its instruments and results between desks' rows.
func BenchmarkStatisticsWrites(b *testing.B) {
	eachStore(b, func(b *testing.B, open func(testing.TB) *sqldb.DB) {
		db, ctx, ids := benchStore(b, open)
		var owned []int64
		for _, id := range ids {
			c, err := db.FindCaseByID(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			if c.OwnerCountry == "IT" {
				owned = append(owned, id)
			}
		}
		if len(owned) == 0 {
			b.Fatal("no case of IT")
		}
		day := crosscase.Date{Year: 2025, Month: time.May, Day: 13}
		// Each case holds a result and an instrument, as a real case does,
		// before its countries change.
		for i, id := range owned {
			if err := db.CreateResult(ctx, &crosscase.Result{CaseID: id, Kind: crosscase.ResultArrest, Country: "IT", Date: day, Count: 1}); err != nil {
				b.Fatal(err)
			}
			if err := db.CreateInstrument(ctx, &crosscase.Instrument{CaseID: id, Type: crosscase.InstrumentEIO, Reference: fmt.Sprintf("EIO-setup-%d", i),
				IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: day}); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("result", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				r := &crosscase.Result{CaseID: owned[i%len(owned)], Kind: crosscase.ResultArrest, Country: "IT", Date: day, Count: 2}
				if err := db.CreateResult(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("instrument", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				in := &crosscase.Instrument{CaseID: owned[i%len(owned)], Type: crosscase.InstrumentEIO, Reference: fmt.Sprintf("EIO-bench-%d", i),
					IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: day}
				if err := db.CreateInstrument(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("case_countries", func(b *testing.B) {
			versions := map[int64]int{}
			asked := [][]string{{"DE", "FR"}, {"DE"}}
			for i := 0; b.Loop(); i++ {
				id := owned[i%len(owned)]
				v, ok := versions[id]
				if !ok {
					c, err := db.FindCaseByID(ctx, id)
					if err != nil {
						b.Fatal(err)
					}
					v = c.Version
				}
				c, err := db.UpdateCase(ctx, id, crosscase.CaseUpdate{Version: v, AskedCountries: &asked[(i/len(owned))%2]})
				if err != nil {
					b.Fatal(err)
				}
				versions[id] = c.Version
			}
		})
	})
}
