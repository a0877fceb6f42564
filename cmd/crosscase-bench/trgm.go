package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"crosscase"
	"crosscase/sqldb"
)

// benchTrgm runs the same queries the way a team would without crosscase:
// PostgreSQL's pg_trgm similarity (the % operator, with a GIN trigram
// index) on lower-cased full names of persons and names of companies, and
// exact joins on identifiers stripped of spaces and case. It works on
// scratch tables it drops afterwards. With every > 1 it checks only every
// every-th query, a sample of the same mix, and compares rates.
func (m *Main) benchTrgm(ctx context.Context, store *sqldb.DB, queries []query, every int, oursTook time.Duration, oursRecall float64) error {
	db := store.SQL()
	exec := func(q string, args ...any) error {
		_, err := db.ExecContext(ctx, q, args...)
		return err
	}
	if err := exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm`); err != nil {
		return fmt.Errorf("pg_trgm: %w", err)
	}
	defer exec(`DROP TABLE IF EXISTS bench_trgm_entities, bench_trgm_queries`)
	start := time.Now()
	for _, q := range []string{
		`DROP TABLE IF EXISTS bench_trgm_entities, bench_trgm_queries`,
		`CREATE TABLE bench_trgm_entities AS SELECT id, kind,
			lower(CASE WHEN kind = 'person' THEN given_name || ' ' || family_name ELSE name END) AS name,
			lower(regexp_replace(value, '[\s\-./()]', '', 'g')) AS ident
			FROM entities`,
		`CREATE INDEX ON bench_trgm_entities USING gin (name gin_trgm_ops) WHERE kind IN ('person', 'company')`,
		`CREATE INDEX ON bench_trgm_entities (ident) WHERE ident <> ''`,
		`ANALYZE bench_trgm_entities`,
		`CREATE TABLE bench_trgm_queries (qid INT PRIMARY KEY, kind TEXT, name TEXT, ident TEXT, truth BIGINT)`,
	} {
		if err := exec(q); err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
	}
	prepared := time.Since(start)
	for startRow := 0; startRow < len(queries); startRow += 1000 {
		end := min(len(queries), startRow+1000)
		var b strings.Builder
		b.WriteString(`INSERT INTO bench_trgm_queries (qid, kind, name, ident, truth) VALUES `)
		args := make([]any, 0, (end-startRow)*5)
		for i := startRow; i < end; i++ {
			if i%every != 0 {
				continue
			}
			r := queries[i].rec
			name, ident := "", ""
			switch r.Kind {
			case crosscase.KindPerson:
				name = strings.ToLower(r.GivenName + " " + r.FamilyName)
			case crosscase.KindCompany:
				name = strings.ToLower(r.Name)
			default:
				ident = strings.ToLower(strings.NewReplacer(" ", "", "-", "", ".", "", "/", "", "(", "", ")", "").Replace(r.Value))
			}
			if len(args) > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
			args = append(args, i, string(r.Kind), name, ident, queries[i].truth)
		}
		if len(args) == 0 {
			continue
		}
		if err := exec(b.String(), args...); err != nil {
			return fmt.Errorf("load queries: %w", err)
		}
	}
	// The check runs on as many connections as the machine has cores,
	// each taking every n-th query of the sample, as a team would to use
	// the machine.
	workers := runtime.GOMAXPROCS(0)
	found := make([]bool, len(queries)) // each worker writes its own queries only
	check := func(w int) error {
		rows, err := db.QueryContext(ctx, `
			SELECT q.qid, m.id FROM bench_trgm_queries q
			CROSS JOIN LATERAL (
				SELECT e.id FROM bench_trgm_entities e
				WHERE e.kind = q.kind AND e.kind IN ('person', 'company') AND e.name % q.name
				ORDER BY similarity(e.name, q.name) DESC LIMIT 10) m
			WHERE q.name <> '' AND (q.qid / $3) % $1 = $2
			UNION ALL
			SELECT q.qid, e.id FROM bench_trgm_queries q JOIN bench_trgm_entities e ON e.ident = q.ident AND e.kind = q.kind
			WHERE q.ident <> '' AND (q.qid / $3) % $1 = $2`, workers, w, every)
		if err != nil {
			return fmt.Errorf("trigram check: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var qid int
			var id int64
			if err := rows.Scan(&qid, &id); err != nil {
				return fmt.Errorf("trigram check: %w", err)
			}
			if queries[qid].truth == id {
				found[qid] = true
			}
		}
		return rows.Err()
	}
	start = time.Now()
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = check(w)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	took := time.Since(start)
	var sample []bool
	for i := 0; i < len(found); i += every {
		sample = append(sample, found[i])
	}
	rate := float64(len(sample)) / took.Seconds()
	what := fmt.Sprintf("%d queries", len(sample))
	if every > 1 {
		what += fmt.Sprintf(" (1 in %d)", every)
	}
	fmt.Fprintf(m.Stdout, "%-34s prepare %s; %s on %d connections in %s (%.1f records/s), recall %.3f\n", "pg_trgm + exact identifier joins:",
		prepared.Round(time.Millisecond), what, workers, took.Round(time.Millisecond), rate, share(sample))
	if every > 1 {
		all := time.Duration(float64(len(queries)) / rate * float64(time.Second))
		fmt.Fprintf(m.Stdout, "%-34s all %d queries at that rate: %s\n", "", len(queries), all.Round(time.Millisecond))
	}
	ours := float64(len(queries)) / oursTook.Seconds()
	fmt.Fprintf(m.Stdout, "crosscase is %.1f× faster (%.0f against %.1f records/s) at recall %.3f against %.3f\n", ours/rate, ours, rate, oursRecall, share(sample))
	return nil
}
