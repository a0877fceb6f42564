package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// benchInstruments is how many instruments BenchmarkDeadlines loads:
// 1,000,000 unless CROSSCASE_BENCH_INSTRUMENTS says otherwise.
func benchInstruments() int {
	if n, err := strconv.Atoi(os.Getenv("CROSSCASE_BENCH_INSTRUMENTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// benchCountries are the desks of the deadlines benchmark: the member
// states, weighted so that a few desks take part in most instruments.
var benchCountries = []string{"DE", "IT", "FR", "ES", "NL", "BE", "PL", "RO", "PT", "AT", "SE", "CZ", "HU", "GR", "BG",
	"SK", "HR", "SI", "LT", "LV", "EE", "FI", "DK", "IE", "LU", "MT", "CY"}

// bulkInsert inserts rows (each of width columns) with multi-row INSERTs.
func bulkInsert(b *testing.B, tx *sql.Tx, dialect, prefix string, width int, rows [][]any) {
	b.Helper()
	per := 30000 / width
	for len(rows) > 0 {
		n := min(per, len(rows))
		var sb strings.Builder
		sb.WriteString(prefix)
		args := make([]any, 0, n*width)
		k := 0
		for i := 0; i < n; i++ {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(")
			for j := 0; j < width; j++ {
				if j > 0 {
					sb.WriteString(", ")
				}
				k++
				if dialect == sqldb.Postgres {
					sb.WriteString("$" + strconv.Itoa(k))
				} else {
					sb.WriteString("?")
				}
			}
			sb.WriteString(")")
			args = append(args, rows[i]...)
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			b.Fatal(err)
		}
		rows = rows[n:]
	}
}

// loadDeadlineBench fills db with n instruments over n/10 cases. Each
// instrument's clocks are computed with crosscase.Clocks and its
// deadline rows written as the store writes them (one per country
// concerned). Rows go in with bulk INSERTs, the audit entries of the
// loading being no part of what is measured.
func loadDeadlineBench(b *testing.B, db *sqldb.DB, n int) (map[string]*crosscase.User, int) {
	b.Helper()
	sys := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	users := map[string]*crosscase.User{}
	for _, cc := range benchCountries {
		d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskNational, Name: "Desk " + cc}
		if err := db.CreateDesk(sys, d); err != nil {
			b.Fatal(err)
		}
		u := &crosscase.User{Name: strings.ToLower(cc) + ".bench", Role: crosscase.RoleDeskMember, DeskID: d.ID}
		if err := db.CreateUser(sys, u, "benchmark password"); err != nil {
			b.Fatal(err)
		}
		u.DeskCountry = cc
		users[cc] = u
	}
	desks, err := db.ListDesks(sys)
	if err != nil {
		b.Fatal(err)
	}
	deskID := map[string]int64{}
	for _, d := range desks {
		deskID[d.CountryCode] = d.ID
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string {
		// Zipf-like: the first countries take part most often.
		return benchCountries[min(len(benchCountries)-1, int(r.ExpFloat64()*5))]
	}
	now := time.Now().UTC()
	today := crosscase.DateOf(now)
	types := []crosscase.InstrumentType{crosscase.InstrumentEIO, crosscase.InstrumentEIO, crosscase.InstrumentEIO, crosscase.InstrumentEAW, crosscase.InstrumentEAW,
		crosscase.InstrumentFreezing, crosscase.InstrumentConfiscation, crosscase.InstrumentMLA, crosscase.InstrumentExtradition, crosscase.InstrumentTransfer}
	cases := n / 10
	running := 0
	const chunk = 20000 // instruments per transaction
	for start := 0; start < n; start += chunk {
		tx, err := db.SQL().Begin()
		if err != nil {
			b.Fatal(err)
		}
		var caseRows, ccRows, inRows, dlRows [][]any
		for i := start; i < min(n, start+chunk); i++ {
			caseID := int64(i/10 + 1)
			owner := benchCountries[int(caseID)%len(benchCountries)]
			asked := pick()
			if asked == owner {
				asked = benchCountries[(int(caseID)+1)%len(benchCountries)]
			}
			if i%10 == 0 {
				opened := today.AddDays(-r.IntN(3 * 365)).String()
				caseRows = append(caseRows, []any{caseID, fmt.Sprintf("%s/2025/%06d", owner, caseID), "Bench case", deskID[owner], owner, "open", opened, int64(0), int64(0)})
				ccRows = append(ccRows, []any{caseID, owner, "owner"}, []any{caseID, asked, "asked"})
			}
			typ := types[r.IntN(len(types))]
			issuing, executing := owner, asked
			if r.IntN(3) == 0 {
				issuing, executing = asked, owner
			}
			in := &crosscase.Instrument{ID: int64(i + 1), CaseID: caseID, Type: typ, IssuingCountry: issuing, ExecutingCountry: executing, Status: crosscase.StatusIssued}
			// Most instruments are history; about one in eight is still
			// running, a few of them past their limit.
			age := r.IntN(3 * 365)
			if r.IntN(8) == 0 {
				age = r.IntN(100)
			}
			in.IssuedOn = today.AddDays(-age - 5)
			in.ReceivedOn = in.IssuedOn.AddDays(1 + r.IntN(3))
			if typ == crosscase.InstrumentEAW || typ == crosscase.InstrumentExtradition {
				in.ArrestOn = in.ReceivedOn
			}
			if age > 120 {
				in.DecisionOn = in.ReceivedOn.AddDays(r.IntN(25))
				in.AcknowledgedOn = in.ReceivedOn
				in.ExecutionOn, in.SurrenderOn = in.DecisionOn.AddDays(r.IntN(9)), crosscase.Date{}
				if typ == crosscase.InstrumentEAW || typ == crosscase.InstrumentExtradition {
					in.SurrenderOn, in.ExecutionOn = in.DecisionOn.AddDays(r.IntN(9)), crosscase.Date{}
				}
				in.Status = crosscase.StatusRefused
			}
			if typ == crosscase.InstrumentFreezing && r.IntN(4) == 0 {
				in.Urgent = true
				in.ReceivedAt = in.ReceivedOn.Time().Add(time.Duration(r.IntN(24)) * time.Hour)
			}
			inRows = append(inRows, []any{in.ID, in.CaseID, string(in.Type), "REF-" + strconv.Itoa(i+1), issuing, executing, boolSmall(in.Urgent), string(in.Status),
				in.IssuedOn.String(), in.ReceivedOn.String(), in.AcknowledgedOn.String(), in.ArrestOn.String(), in.DecisionOn.String(), in.ExecutionOn.String(), in.SurrenderOn.String(),
				microsOf(in.ReceivedAt), int64(1), now.UnixMicro(), now.UnixMicro()})
			parties := []string{issuing, executing}
			if owner != issuing && owner != executing {
				parties = append(parties, owner)
			}
			open := false
			for _, c := range crosscase.Clocks(in, now) {
				if !c.Open() || c.DueAt.IsZero() {
					continue
				}
				open = true
				for _, p := range parties {
					dlRows = append(dlRows, []any{p, in.ID, string(c.Kind), in.CaseID, string(in.Type), c.DueAt.UnixMicro(), 0})
				}
			}
			if open {
				running++
			}
		}
		d := db.Dialect()
		bulkInsert(b, tx, d, `INSERT INTO cases (id, reference, title, owner_desk_id, owner_country, status, opened_on, created_at, updated_at) VALUES `, 9, caseRows)
		bulkInsert(b, tx, d, `INSERT INTO case_countries (case_id, country_code, party) VALUES `, 3, ccRows)
		bulkInsert(b, tx, d, `INSERT INTO instruments (id, case_id, type, reference, issuing_country, executing_country, urgent, status,
			issued_on, received_on, acknowledged_on, arrest_on, decision_on, execution_on, surrender_on, received_at, version, created_at, updated_at) VALUES `, 19, inRows)
		bulkInsert(b, tx, d, `INSERT INTO instrument_deadlines (party_country, instrument_id, clock, case_id, itype, due_at, missed) VALUES `, 7, dlRows)
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if db.Dialect() == sqldb.Postgres {
		for _, t := range []string{"cases", "instruments"} {
			if _, err := db.SQL().Exec(`SELECT setval(pg_get_serial_sequence('` + t + `', 'id'), (SELECT MAX(id) FROM ` + t + `))`); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := db.Analyze(sys); err != nil {
		b.Fatal(err)
	}
	_ = cases
	return users, running
}

func boolSmall(v bool) int {
	if v {
		return 1
	}
	return 0
}

func microsOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// BenchmarkDeadlines measures the deadlines view (overdue and due within
// 7 days, as the page asks for it, audit entry included) over
// benchInstruments() instruments, for the desks of the busiest and of a
// small country, with and without a type filter, and reports p50 and p99.
//
//	go test ./sqldb -run '^$' -bench Deadlines -benchtime 400x -timeout 60m
func BenchmarkDeadlines(b *testing.B) {
	for _, store := range []struct {
		name string
		open func(testing.TB) *sqldb.DB
	}{{"sqlite", sqldbtest.NewSQLite}, {"postgres", sqldbtest.NewPostgres}} {
		b.Run(store.name, func(b *testing.B) {
			if store.name == "postgres" {
				if _, ok := sqldbtest.PostgresURL(); !ok {
					b.Skip("CROSSCASE_TEST_POSTGRES not set")
				}
			}
			db := store.open(b)
			n := benchInstruments()
			start := time.Now()
			users, running := loadDeadlineBench(b, db, n)
			b.Logf("%s: loaded %d instruments (%d with a running clock) in %s", store.name, n, running, time.Since(start).Round(time.Second))
			filters := []crosscase.DeadlineFilter{{}, {Type: crosscase.InstrumentEAW}, {Type: crosscase.InstrumentConfiscation}, {Days: 30}}
			askers := []string{"DE", "IT", "FR", "MT", "CY"}
			var lat []time.Duration
			var rows int
			type slow struct {
				d    time.Duration
				what string
			}
			var slowest []slow
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				u := users[askers[i%len(askers)]]
				ctx := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "127.0.0.1"})
				t0 := time.Now()
				f := filters[(i/len(askers))%len(filters)]
				dl, err := db.FindDeadlines(ctx, f)
				lat = append(lat, time.Since(t0))
				slowest = append(slowest, slow{lat[len(lat)-1], fmt.Sprintf("%s %+v", u.DeskCountry, f)})
				if err != nil {
					b.Fatal(err)
				}
				rows += len(dl.Overdue) + len(dl.DueSoon)
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			sort.Slice(slowest, func(i, j int) bool { return slowest[i].d > slowest[j].d })
			for _, s := range slowest[:min(3, len(slowest))] {
				b.Logf("slow: %s %s", s.d.Round(time.Millisecond), s.what)
			}
			p := func(q float64) float64 {
				return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(p(0.50), "p50-ms")
			b.ReportMetric(p(0.99), "p99-ms")
			b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
		})
	}
}
