// Package sqldb stores crosscase's data in SQLite (embedded, the default)
// or PostgreSQL (for large deployments with several serve processes).
// One type, DB, implements every service interface of the domain against
// either database: queries are written once with '?' placeholders and
// rebound for PostgreSQL, and driver errors are turned into the domain's
// error codes in one place (translate).
//
// Need to know is decided in one function, visibleCasePredicate, beside
// every authorize* check in access.go (docs/design.md, rule 5); the audit
// log is appended in the same transaction as the change or read it
// records, so that nothing happens without its entry.
package sqldb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"crosscase"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is the store. It implements every service interface of package
// crosscase. Open one with Open; it is safe for concurrent use.
type DB struct {
	db *sql.DB // read-write: every transaction that may write
	// rdb serves reads that are not audited. On SQLite it is a separate
	// pool of read-only connections, which in WAL mode run beside the one
	// writer; on PostgreSQL it is db.
	rdb     *sql.DB
	dialect string

	countriesMu sync.Mutex
	countries   map[string]bool // known country codes; codes are never removed

	signInSecretMu  sync.Mutex
	signInSecretKey []byte // the store's secret for signInKeys, once read
	// Now returns the current time; tests may replace it.
	Now func() time.Time

	// EvidenceFiles keeps the bytes of JIT evidence (nil: uploads are
	// refused as not configured).
	EvidenceFiles crosscase.EvidenceFiles

	// AuditAnchor is what VerifyAudit checks the audit chain against
	// beyond itself (nil: the chain alone).
	AuditAnchor *AuditAnchor

	// CentrePoll is how often the live stream of centres polls the log
	// for events a wake-up missed (0: every second). Set before the first
	// subscription.
	CentrePoll time.Duration

	// flushOwed: on SQLite, a deletion of personal data has committed
	// whose write-ahead log no checkpoint has emptied since
	// (flushErased).
	flushOwed atomic.Bool

	// statements counts the statements run in transactions, for the tests
	// that hold a refusal to the work of an answer for a missing object.
	statements atomic.Int64

	// dsn opens the connection that listens for centre events
	// (PostgreSQL); hub fans them out to this process's live streams.
	dsn     string
	hubOnce sync.Once
	hub     *centreHub
}

// SQLite's own lower() folds only the letters A to Z, so that a search
// for "ștefănescu" would not find Ștefănescu, nor "çela" Çela; it is
// replaced, for every SQLite connection of the program, by Go's Unicode
// lower-casing, which is what PostgreSQL's lower() does on a UTF-8
// database (README, "Search"). No index is built on lower().
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		default:
			return v, nil // NULL, and numbers as they are
		}
	})
}

// Open opens the store named by dsn: a postgres:// or postgresql:// URL, or
// the path of an SQLite file (created if missing). It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	d := &DB{Now: time.Now, dsn: dsn}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d.dialect = Postgres
		d.db, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		d.db.SetMaxOpenConns(32)
		d.db.SetMaxIdleConns(32)
		d.db.SetConnMaxIdleTime(5 * time.Minute)
		d.rdb = d.db
	} else {
		d.dialect = SQLite
		d.db, err = sql.Open("sqlite", sqliteDSN(dsn, false))
		if err != nil {
			return nil, err
		}
		// SQLite has one writer. Every transaction here may write (reads
		// of case content are audited), so one connection serialises them
		// in Go instead of in busy-wait loops inside SQLite.
		d.db.SetMaxOpenConns(1)
		d.db.SetMaxIdleConns(1)
		d.db.SetConnMaxLifetime(0)
		if err := d.db.PingContext(ctx); err != nil {
			d.db.Close()
			return nil, fmt.Errorf("connect to %s store: %w", d.dialect, err)
		}
		d.rdb, err = sql.Open("sqlite", sqliteDSN(dsn, true))
		if err != nil {
			d.db.Close()
			return nil, err
		}
		d.rdb.SetMaxOpenConns(4)
		d.rdb.SetMaxIdleConns(4)
		// A process that ended owing a flush of deleted personal data
		// (flushErased) left no trace of it: the first retention sweep
		// runs one.
		d.flushOwed.Store(true)
	}
	if err := d.rdb.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("connect to %s store: %w", d.dialect, err)
	}
	return d, nil
}

// sqliteDSN returns the driver DSN for the database file at path, with the
// pragmas every connection needs; readOnly connections refuse writes.
func sqliteDSN(path string, readOnly bool) string {
	v := url.Values{}
	for _, p := range []string{
		// Write-ahead log: readers do not block the writer, and a commit
		// is one sequential append.
		"journal_mode(WAL)",
		// FULL syncs the log on every commit: an acknowledged write
		// survives a crash of the process and of the machine.
		"synchronous(FULL)",
		// Enforce the schema's foreign keys (off by default in SQLite).
		"foreign_keys(1)",
		// Overwrite deleted content with zeros, so that personal data
		// deleted (README, "Retention and review") cannot be read back
		// from a freed page of the file.
		"secure_delete(1)",
		// Wait for a lock held by another process (e.g. `crosscase
		// user add` beside a running server) instead of failing at once.
		"busy_timeout(10000)",
		// Keep temporary b-trees (sorts) in memory.
		"temp_store(MEMORY)",
		// A larger page cache (64 MiB) keeps the hot indexes in memory.
		"cache_size(-65536)",
	} {
		v.Add("_pragma", p)
	}
	if readOnly {
		v.Add("_pragma", "query_only(1)")
		return "file:" + path + "?" + v.Encode()
	}
	// Take the write lock at BEGIN, so that a transaction that reads then
	// writes never fails half-way with SQLITE_BUSY.
	v.Set("_txlock", "immediate")
	return "file:" + path + "?" + v.Encode()
}

// Dialect returns "sqlite" or "postgres".
func (d *DB) Dialect() string { return d.dialect }

// Close closes the store.
func (d *DB) Close() error {
	if d.hub != nil {
		d.hub.close()
	}
	err := d.db.Close()
	if d.rdb != nil && d.rdb != d.db {
		d.rdb.Close()
	}
	return err
}

// Ping reports whether the store is reachable.
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }

// SQL returns the underlying database handle, for benchmarks and tools.
func (d *DB) SQL() *sql.DB { return d.db }

// rebind turns '?' placeholders into $1, $2 … for PostgreSQL. Queries
// never contain a literal '?' elsewhere.
func (d *DB) rebind(q string) string {
	if d.dialect != Postgres {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// Tx is a transaction with the store's dialect.
type Tx struct {
	tx *sql.Tx
	db *DB
	// audit holds the entries to append at commit, in order.
	pending []*crosscase.AuditEntry
	// refusals are the refusals recorded during a Batch, written after it.
	refusals []*crosscase.AuditEntry
	now      time.Time
	// afterCommit runs once the transaction has committed (the wake-up
	// of live streams).
	afterCommit []func()
	// flows are the changes to the statistics' summary of openings and
	// closings, written at commit (report_flows.go).
	flows map[flowKey]*flowDelta
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	tx.db.statements.Add(1)
	r, err := tx.tx.ExecContext(ctx, tx.db.rebind(q), args...)
	return r, translate(err)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	tx.db.statements.Add(1)
	rows, err := tx.tx.QueryContext(ctx, tx.db.rebind(q), args...)
	return rows, translate(err)
}

// each runs query q with args and calls fn for every row, in order,
// stopping at fn's first error.
func (tx *Tx) each(ctx context.Context, q string, args []any, fn func(rows *sql.Rows) error) error {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	tx.db.statements.Add(1)
	return tx.tx.QueryRowContext(ctx, tx.db.rebind(q), args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, translate(err)
}

// withTx runs fn in a transaction and commits it with its audit entries;
// any error rolls everything back, audit entries included. Refusals that
// must be audited even though the operation failed are recorded by
// recordRefusal in a transaction of their own.
func (d *DB) withTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if b, ok := ctx.Value(batchKey{}).(*Tx); ok && b != nil && b.db == d {
		// Inside Batch: the batch's transaction commits. What this call
		// queued for the audit log goes when it fails, as it would have
		// rolled back alone.
		n, h := len(b.pending), len(b.afterCommit)
		if err := fn(b); err != nil {
			b.pending, b.afterCommit = b.pending[:n], b.afterCommit[:h]
			return err
		}
		return nil
	}
	sqlTx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{tx: sqlTx, db: d, now: d.Now().UTC()}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return unavailable(err)
	}
	if err := tx.flushFlows(ctx); err != nil {
		return unavailable(err)
	}
	if err := tx.flushAudit(ctx); err != nil {
		return unavailable(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return translate(err)
	}
	for _, f := range tx.afterCommit {
		f()
	}
	return nil
}

// read runs fn in a read-only transaction on the read pool; fn must not
// write or audit.
func (d *DB) read(ctx context.Context, fn func(tx *Tx) error) error {
	if b, ok := ctx.Value(batchKey{}).(*Tx); ok && b != nil && b.db == d {
		// Inside Batch: its transaction serves, saving a BEGIN and a COMMIT.
		n := len(b.pending)
		err := fn(b)
		if len(b.pending) != n {
			b.pending = b.pending[:n]
			return fmt.Errorf("sqldb: audit entries queued in a read-only call")
		}
		return err
	}
	sqlTx, err := d.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: d.dialect == Postgres})
	if err != nil {
		return translate(err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, db: d, now: d.Now().UTC()}
	if err := fn(tx); err != nil {
		return unavailable(err)
	}
	if len(tx.pending) > 0 {
		return fmt.Errorf("sqldb: audit entries queued in a read-only transaction")
	}
	return translate(sqlTx.Commit())
}

// translate maps driver errors to domain errors: unique violations become
// ECONFLICT and foreign-key violations EINVALID. Anything else is returned
// as is and shown to users as an internal error.
func translate(err error) error {
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if unreachable(err) {
		return &wrapped{errUnavailable, err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return &wrapped{crosscase.Errorf(crosscase.ECONFLICT, "This already exists."), err}
		case "23503":
			return &wrapped{crosscase.Errorf(crosscase.EINVALID, "A referenced record does not exist."), err}
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &wrapped{crosscase.Errorf(crosscase.ECONFLICT, "This already exists."), err}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &wrapped{crosscase.Errorf(crosscase.EINVALID, "A referenced record does not exist."), err}
		}
	}
	return err
}

// errUnavailable is the domain error of a store that cannot be reached.
var errUnavailable = crosscase.Errorf(crosscase.EUNAVAILABLE, "The store cannot be reached just now; nothing was changed. Try again in a few seconds.")

// unreachable reports whether err says the store could not be reached or
// went away (the server down, restarting or refusing connections, the
// connection cut, the database file unreadable), rather than that the
// request was wrong: such a request may succeed when retried.
func unreachable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08: connection exception; 57P01-57P03: the server is
		// shutting down or starting; 53300: too many connections.
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03" || pgErr.Code == "53300"
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_FULL:
			return true
		}
	}
	return false
}

// unavailable returns err as errUnavailable when the store could not be
// reached, and as it is otherwise.
func unavailable(err error) error {
	if err == nil || crosscase.ErrorCode(err) != crosscase.EINTERNAL || !unreachable(err) {
		return err
	}
	return &wrapped{errUnavailable, err}
}

// wrapped is a domain error that keeps the driver error for logs.
type wrapped struct {
	domain *crosscase.Error
	driver error
}

func (w *wrapped) Error() string { return w.domain.Error() + ": " + w.driver.Error() }

// Unwrap returns both errors, so errors.As finds the domain error first.
func (w *wrapped) Unwrap() []error { return []error{w.domain, w.driver} }

// micros and fromMicros store times as microseconds since 1970 (UTC) in
// both dialects, so that values compare and scan alike.
func micros(t time.Time) int64 { return t.UTC().UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// dateText stores a Date as YYYY-MM-DD ("" for none), which sorts by date.
func dateText(d crosscase.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseDateText(s string) crosscase.Date {
	if s == "" {
		return crosscase.Date{}
	}
	d, err := crosscase.ParseDate(s)
	if err != nil {
		return crosscase.Date{}
	}
	return d
}

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// eachChunk calls fn for ids, in their order, in chunks of at most 500:
// in is "(?, …)" with one mark per id of the chunk and args its ids, so
// that no query names more than 500 of them.
func eachChunk(ids []int64, fn func(in string, args []any) error) error {
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(len(ids), start+500)]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		if err := fn(`(`+placeholders(len(part))+`)`, args); err != nil {
			return err
		}
	}
	return nil
}

// notFound is the error for anything missing or not visible.
func notFound(what string) error {
	return crosscase.Errorf(crosscase.ENOTFOUND, "%s not found.", what)
}

// Analyze refreshes the query planner's statistics; run it after loading
// many rows at once (crosscase demo --cases N), so that lists keep using
// the right indexes.
func (d *DB) Analyze(ctx context.Context) error {
	_, err := d.db.ExecContext(ctx, `ANALYZE`)
	return translate(err)
}

// batchKey marks a context whose store calls share Batch's transaction.
type batchKey struct{}

// Batch runs fn, and every store call fn makes with the context it is
// given, in one transaction that commits with all their audit entries
// (one commit instead of one per audited read: a page that reads several
// audited things pays one synchronous commit). fn's error rolls it all
// back. Refusals recorded inside (recordRefusal) are written after the
// batch ends, in a transaction of their own, whatever the outcome.
// Reads that do not audit (d.read) join it too.
func (d *DB) Batch(ctx context.Context, fn func(ctx context.Context) error) error {
	if b, ok := ctx.Value(batchKey{}).(*Tx); ok && b != nil && b.db == d {
		return fn(ctx) // already in a batch
	}
	var refusals []*crosscase.AuditEntry
	err := d.withTx(ctx, func(tx *Tx) error {
		defer func() { refusals = tx.refusals }()
		return fn(context.WithValue(ctx, batchKey{}, tx))
	})
	if len(refusals) > 0 {
		_ = d.withTx(context.WithoutCancel(ctx), func(tx *Tx) error {
			tx.pending = append(tx.pending, refusals...)
			return nil
		})
	}
	return err
}

// Services returns every domain service of the store as one value. Its
// Lists is nil: the list check runs on the live hit check's index, which
// hits.Wrap adds.
func (d *DB) Services() crosscase.Services {
	return crosscase.Services{
		Store:              d,
		Countries:          d,
		Agreements:         d,
		Desks:              d,
		Authorities:        d,
		Users:              d,
		Tokens:             d,
		Sessions:           d,
		SignIns:            d,
		SecondFactors:      d,
		Cases:              d,
		Entities:           d,
		Activity:           d,
		Audit:              d,
		Hits:               d,
		ListChecks:         d,
		Notifications:      d,
		JITs:               d,
		Evidence:           d,
		Meetings:           d,
		Results:            d,
		Notices:            d,
		Centres:            d,
		Instruments:        d,
		Calendar:           d,
		CaseImporter:       d,
		InstrumentImporter: d,
		Retention:          d,
		Reports:            d,
		Relations:          d,
		ActivityImporter:   d,
	}
}
