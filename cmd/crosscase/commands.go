package main

import (
	"bufio"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"crosscase"
	"crosscase/demo"
	"crosscase/hits"
	"crosscase/sqldb"
)

// runMigrate applies the store's migrations and seeds reference data.
func (m *Main) runMigrate(ctx context.Context, args []string) error {
	fs := m.newFlagSet("migrate")
	sf := m.addStoreFlags(fs)
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	sf.Create = true
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	fmt.Fprintf(m.Stdout, "store migrated (%s)\n", db.Dialect())
	return nil
}

// signInsFile is where the demo's sign-ins are kept: the data folder,
// which holds the SQLite store (or nothing else, with PostgreSQL).
func signInsFile(sf *sqldb.Location) string {
	return filepath.Join(sf.Data, "demo-sign-ins.txt")
}

// runDemo loads the demo operations and, with --cases N, synthetic cases.
func (m *Main) runDemo(ctx context.Context, args []string) error {
	fs := m.newFlagSet("demo")
	sf := m.addStoreFlags(fs)
	n := fs.Int("cases", 0, "also load N synthetic cases (about 10 entities each)")
	year := fs.Int("year", 0, "also load the annual corpus of this year (a year that is over, e.g. 2024): about 29 000 cases whose statistics reproduce the annual report")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *n < 0 || *n > 10_000_000 {
		return fmt.Errorf("--cases must be between 0 and 10000000")
	}
	sf.Create = true
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.ensureAdministrator(ctx, db); err != nil {
		return err
	}
	// The one wiring, as under serve --demo: the demo operations' entities
	// are checked as they are written, so that their hits are there when
	// serve starts (the index serve loads checks nothing already stored).
	checker, _, err := hits.Open(ctx, db, db, hits.DefaultConfig())
	if err != nil {
		return err
	}
	svc := hits.Wrap(db.Services(), checker)
	if err := demo.Load(systemContext(ctx), svc, 0, signInsFile(sf), m.Stdout, m.Stderr); err != nil {
		return err
	}
	if err := demo.DiscloseDemoHits(systemContext(ctx), svc); err != nil {
		return err
	}
	// The synthetic cases are scale data, stored without the live check
	// (README, "Command line"): their generated names would make a hit
	// of most of their entities and the load several times slower.
	if err := demo.LoadScale(systemContext(ctx), db.Services(), *n, m.Stderr); err != nil {
		return err
	}
	if *year != 0 {
		start := time.Now()
		cases, err := demo.LoadAnnual(systemContext(ctx), svc, *year)
		if err == demo.ErrAlreadyLoaded {
			fmt.Fprintf(m.Stdout, "Annual corpus of %d already loaded.\n", *year)
		} else if err != nil {
			return err
		} else {
			fmt.Fprintf(m.Stdout, "Annual corpus of %d loaded: %d cases in %s. Its report: crosscase report --year %d, or /statistics as stats.jansen.\n", *year, cases, time.Since(start).Round(time.Millisecond), *year)
		}
	}
	if *n > 0 || *year != 0 {
		if err := db.Analyze(ctx); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
	}
	return nil
}

// runUserAdd creates a user; the password comes from stdin or is generated.
func (m *Main) runUserAdd(ctx context.Context, args []string) error {
	fs := m.newFlagSet("user add")
	sf := m.addStoreFlags(fs)
	desk := fs.String("desk", "", "country code of the user's desk (e.g. IT)")
	country := fs.String("country", "", "for a jit_member (no desk): the country of the authority they work for")
	role := fs.String("role", string(crosscase.RoleDeskMember), "role: desk_member, liaison_prosecutor, analyst, statistics, administrator, contact_point, jit_member")
	name := fs.String("name", "", "login name")
	display := fs.String("display-name", "", "name shown in pages")
	stdinPw := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	ctx = systemContext(ctx)
	u := &crosscase.User{Name: *name, DisplayName: *display, Role: crosscase.Role(*role), MustChangePassword: true,
		CountryCode: strings.ToUpper(*country)}
	if *desk != "" {
		d, err := db.FindDeskByCountry(ctx, strings.ToUpper(*desk))
		if err != nil {
			return fmt.Errorf("--desk %s: %s", *desk, crosscase.ErrorMessage(err))
		}
		u.DeskID = d.ID
	}
	pw, generated := "", false
	if *stdinPw {
		line, err := bufio.NewReader(m.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from stdin: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	} else {
		pw, generated = generatePassword(), true
	}
	if err := db.CreateUser(ctx, u, pw); err != nil {
		return userError(err, userAddFlags)
	}
	fmt.Fprintf(m.Stdout, "created user %s (id %d, %s)\n", u.Name, u.ID, u.Role)
	if generated {
		fmt.Fprintf(m.Stdout, "password: %s\n", pw)
	}
	return nil
}

// runTokenCreate creates an API token for a user and prints it once.
func (m *Main) runTokenCreate(ctx context.Context, args []string) error {
	fs := m.newFlagSet("token create")
	sf := m.addStoreFlags(fs)
	name := fs.String("user", "", "login name of the token's user")
	label := fs.String("label", "command line", "what the token is for")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	ctx = systemContext(ctx)
	u, err := db.FindUserByName(ctx, *name)
	if err != nil {
		return fmt.Errorf("--user %q: %s", *name, crosscase.ErrorMessage(err))
	}
	_, plain, err := db.CreateToken(ctx, u.ID, *label)
	if err != nil {
		return userError(err, tokenCreateFlags)
	}
	fmt.Fprintln(m.Stdout, plain)
	return nil
}

// runAuditVerify checks the audit log's hash chain, and against the
// signed checkpoints that it is complete (auditAnchor).
func (m *Main) runAuditVerify(ctx context.Context, args []string) error {
	fs := m.newFlagSet("audit verify")
	sf := m.addStoreFlags(fs)
	cf := addCheckpointFlags(fs, "verify")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	anchor, err := m.auditAnchor(cf, sf)
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	db.AuditAnchor = anchor
	rep, err := db.VerifyAudit(systemContext(ctx))
	if err != nil {
		return err
	}
	if rep.Notice != "" {
		fmt.Fprintf(m.Stderr, "note: %s\n", rep.Notice)
	}
	if !rep.OK {
		if rep.FirstBroken == 0 {
			return fmt.Errorf("audit log of %s fails verification: %s", crosscase.Count{Format: "%d entries", N: rep.Entries}, rep.Problem)
		}
		return fmt.Errorf("audit log of %s fails verification; entries from %d on cannot be trusted: %s", crosscase.Count{Format: "%d entries", N: rep.Entries}, rep.FirstBroken, rep.Problem)
	}
	fmt.Fprintf(m.Stdout, "audit chain intact: %s\n", crosscase.Count{Format: "%d entries", N: rep.Entries})
	if cp := rep.Checkpoint; cp != nil {
		if rep.Checkpoints == 1 {
			fmt.Fprintf(m.Stdout, "complete up to entry %d, by the one signed checkpoint (%s)\n", cp.Size, cp.Source)
		} else {
			fmt.Fprintf(m.Stdout, "complete up to entry %d, by the latest of %d signed checkpoints (%s)\n", cp.Size, rep.Checkpoints, cp.Source)
		}
	}
	return nil
}

// userError turns a service error into a message for the terminal,
// naming the flag the user typed for the field the error names: flags
// maps a crosscase.Error's Field (the API's spelling, e.g.
// "country_code") to the command's flag (e.g. "--country"). A field that
// no flag of the command gave, such as a file's line and column, is named
// as it is.
func userError(err error, flags map[string]string) error {
	if f := crosscase.ErrorField(err); f != "" {
		if flag, ok := flags[f]; ok {
			f = flag
		}
		return fmt.Errorf("%s: %s", f, crosscase.ErrorMessage(err))
	}
	if crosscase.ErrorCode(err) != crosscase.EINTERNAL {
		return fmt.Errorf("%s", crosscase.ErrorMessage(err))
	}
	return err
}

// The flags of each command that passes them to the store's validation,
// by the field its refusals name (userError).
var (
	deskAddFlags     = map[string]string{"country_code": "--country", "kind": "--kind", "name": "--name"}
	userAddFlags     = map[string]string{"name": "--name", "display_name": "--display-name", "role": "--role", "country_code": "--country", "desk_id": "--desk", "password": "--password-stdin"}
	tokenCreateFlags = map[string]string{"user_id": "--user", "label": "--label"}
	mappingFlagNames = map[string]string{"map": "--map", "id_column": "--id-column", "separator": "--semicolon"}
	importFlags      = map[string]string{"map": "--map", "id_column": "--id-column", "separator": "--semicolon", "case": "--case", "case_id": "--case", "role": "--role"}
	reportFlags      = map[string]string{"year": "--year", "from": "--from", "to": "--to"}
)

// runDeskAdd creates a desk, so that a fresh store gets its desks without
// the API: a member state's national desk, a third country's liaison
// prosecutor's desk or a contact point's.
func (m *Main) runDeskAdd(ctx context.Context, args []string) error {
	fs := m.newFlagSet("desk add")
	sf := m.addStoreFlags(fs)
	country := fs.String("country", "", "ISO 3166-1 alpha-2 code of the desk's country (e.g. IT)")
	kind := fs.String("kind", string(crosscase.DeskNational), "national_desk, liaison_prosecutor or contact_point")
	name := fs.String("name", "", "name shown in pages (default: the country's name and the kind)")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	ctx = systemContext(ctx)
	d := &crosscase.Desk{CountryCode: strings.ToUpper(*country), Kind: crosscase.DeskKind(*kind), Name: *name}
	if d.Name == "" && d.CountryCode != "" {
		c, err := db.FindCountry(ctx, d.CountryCode)
		switch {
		case err == nil:
			d.Name = c.Name + " " + map[crosscase.DeskKind]string{crosscase.DeskNational: "national desk",
				crosscase.DeskLiaison: "liaison prosecutor", crosscase.DeskContactPoint: "contact point"}[d.Kind]
		case crosscase.ErrorCode(err) == crosscase.ENOTFOUND:
			// The default name is the country's: without one, the refusal
			// is of the country, not of a name never typed.
			return userError(crosscase.FieldErrorf("country_code", "Unknown country %q.", d.CountryCode), deskAddFlags)
		default:
			return err
		}
	}
	if err := db.CreateDesk(ctx, d); err != nil {
		return userError(err, deskAddFlags)
	}
	fmt.Fprintf(m.Stdout, "created desk %s (id %d, %s, %s)\n", d.Name, d.ID, d.CountryCode, d.Kind)
	return nil
}
