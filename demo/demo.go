// Package demo loads demonstration data through the domain services: the
// operations of the agency's press releases as real cases, with their
// desks, authorities and demo sign-ins, and any number of synthetic cases
// for scale. It never touches a store directly. Its name lists and other
// lookup tables are package-level and read-only.
package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	mrand "math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"

	"crosscase"
	"crosscase/refdata"
)

// Login is a demo sign-in and its one-time password.
type Login struct {
	Name     string
	Role     string
	Desk     string // the desk's country code; "" for users without a desk
	Password string
}

// ErrAlreadyLoaded is returned by LoadOperations when the demo operations
// were loaded before.
var ErrAlreadyLoaded = errors.New("demo: already loaded")

// BatchSize is how many synthetic cases LoadSynthetic imports at once.
const BatchSize = 500

// LoadOperations loads the demo operations: the desks of the countries
// involved (reusing existing ones), the authorities that carried out the
// operations, the cases with their entities, and the demo users, whose
// sign-ins it returns with random passwords. ctx must carry the system
// actor. It returns ErrAlreadyLoaded, and changes nothing, when the first
// demo user exists already.
func LoadOperations(ctx context.Context, svc crosscase.Services) ([]Login, error) {
	users := demoUsers()
	if _, err := svc.Users.FindUserByName(ctx, users[0].name); err == nil {
		return nil, ErrAlreadyLoaded
	} else if crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
		return nil, fmt.Errorf("look for demo user %s: %w", users[0].name, err)
	}
	desks, err := ensureDesks(ctx, svc.Desks, operationDeskCountries())
	if err != nil {
		return nil, err
	}
	authorities, err := ensureAuthorities(ctx, svc.Authorities, operationAuthorities())
	if err != nil {
		return nil, err
	}
	ops := Operations(desks, authorities)
	if err := svc.CaseImporter.ImportCases(ctx, ops); err != nil {
		return nil, fmt.Errorf("import demo operations: %w", err)
	}
	// The instruments the press releases tell of.
	if err := svc.InstrumentImporter.ImportInstruments(ctx, operationInstruments(ops, authorities, crosscase.DateOf(time.Now().UTC()))); err != nil {
		return nil, fmt.Errorf("import demo instruments: %w", err)
	}
	var logins []Login
	created := map[string]*crosscase.User{}
	for _, du := range users {
		pw := rand.Text() // 26 characters, 130 bits
		u := &crosscase.User{Name: du.name, DisplayName: du.display, Role: du.role}
		switch {
		case du.role == crosscase.RoleJITMember:
			u.CountryCode = du.country // a JIT-only account's country: no desk
		case du.country != "":
			u.DeskID = desks[du.country]
		}
		if err := svc.Users.CreateUser(ctx, u, pw); err != nil {
			return logins, fmt.Errorf("create demo user %s: %w", du.name, err)
		}
		logins = append(logins, Login{Name: du.name, Role: string(du.role), Desk: du.country, Password: pw})
		created[du.name] = u
	}
	if logins, err = loadNewcomer(ctx, svc, desks, logins); err != nil {
		return logins, err
	}
	if err := loadJITs(ctx, svc, created, authorities); err != nil {
		return logins, err
	}
	if err := loadCoordination(ctx, svc, ops, desks, authorities); err != nil {
		return logins, fmt.Errorf("demo meetings, results and notices: %w", err)
	}
	if err := loadRetention(ctx, svc, ops); err != nil {
		return logins, err
	}
	if err := loadRelations(ctx, svc, ops); err != nil {
		return logins, err
	}
	if err := loadImport(ctx, svc, ops); err != nil {
		return logins, err
	}
	if err := loadListCheck(ctx, svc, ops); err != nil {
		return logins, err
	}
	return logins, nil
}

// LoadSynthetic imports n synthetic cases made by Synthetic from a
// generator seeded with seed, in batches of BatchSize, calling progress
// (if not nil) after each batch. It first creates the desks that owner
// countries lack. The same seed gives the same cases. ctx must carry the
// system actor.
func LoadSynthetic(ctx context.Context, svc crosscase.Services, n int, seed int64, progress func(done, total int)) error {
	if n <= 0 {
		return nil
	}
	desks, err := ensureDesks(ctx, svc.Desks, ownerCodes())
	if err != nil {
		return err
	}
	r := mrand.New(mrand.NewSource(seed))
	countries, now := referenceCountries(), time.Now()
	for done := 0; done < n; {
		if err := ctx.Err(); err != nil {
			return err
		}
		size := min(BatchSize, n-done)
		batch := make([]*crosscase.CaseBundle, size)
		for i := range batch {
			batch[i] = Synthetic(r, desks, done+i)
		}
		if err := svc.CaseImporter.ImportCases(ctx, batch); err != nil {
			return fmt.Errorf("import synthetic cases %d to %d: %w", done+1, done+size, err)
		}
		// Instruments of the batch, from a generator of their own so that
		// the cases stay those of the seed.
		ir := mrand.New(mrand.NewSource(seed*1_000_003 + int64(done)))
		var list []*crosscase.Instrument
		for _, b := range batch {
			list = append(list, SyntheticInstruments(ir, b, countries, now)...)
		}
		if err := svc.InstrumentImporter.ImportInstruments(ctx, list); err != nil {
			return fmt.Errorf("import instruments of synthetic cases %d to %d: %w", done+1, done+size, err)
		}
		done += size
		if progress != nil {
			progress(done, n)
		}
	}
	return nil
}

// Load loads the demo operations, once, as the demo command and serve
// --demo do, and then n synthetic cases (LoadScale). It writes the demo sign-ins to out
// and, when signIns is not "", to that file, readable by its owner only,
// so that a user who missed them finds them again: every later start
// names the file (README, "Quick start"). The synthetic cases' progress
// goes to progress. ctx must carry the system actor.
func Load(ctx context.Context, svc crosscase.Services, n int, signIns string, out, progress io.Writer) error {
	logins, err := LoadOperations(ctx, svc)
	switch {
	case err == ErrAlreadyLoaded:
		fmt.Fprintln(out, "Demo operations already loaded.")
		if _, err := os.Stat(signIns); signIns != "" && err == nil {
			fmt.Fprintf(out, "Demo sign-ins: %s (readable by you only; delete it when you no longer need it).\n", signIns)
		}
	case err != nil:
		return fmt.Errorf("load demo: %w", err)
	default:
		var b strings.Builder
		for _, l := range logins {
			fmt.Fprintf(&b, "  %-22s %-20s %-8s %s\n", l.Name, l.Role, l.Desk, l.Password)
		}
		fmt.Fprint(out, "Demo operations loaded. Demo sign-ins:\n"+b.String())
		if signIns != "" {
			if err := writeSignIns(signIns, b.String()); err != nil {
				return err
			}
			fmt.Fprintf(out, "They are also in %s, readable by you only, and named at every start.\n", signIns)
		}
	}
	return LoadScale(ctx, svc, n, progress)
}

// LoadScale loads n synthetic cases of seed 1 (LoadSynthetic), as the
// demo command does, writing their progress to progress. ctx must carry
// the system actor.
func LoadScale(ctx context.Context, svc crosscase.Services, n int, progress io.Writer) error {
	if n <= 0 {
		return nil
	}
	last := -1
	err := LoadSynthetic(ctx, svc, n, 1, func(done, total int) {
		if pct := done * 100 / total; pct != last {
			last = pct
			fmt.Fprintf(progress, "\rloading synthetic cases: %3d%% (%d/%d)", pct, done, total)
		}
	})
	fmt.Fprintln(progress)
	if err != nil {
		return fmt.Errorf("load synthetic cases: %w", err)
	}
	return nil
}

// writeSignIns writes the demo sign-ins to path with mode 0600, durably.
func writeSignIns(path, lines string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	text := "# crosscase demo sign-ins: user, role, desk, password\n" + lines
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return fmt.Errorf("write the demo sign-ins: %w", err)
	}
	return nil
}

// ensureDesks returns the desk ids of countries, creating the desks that
// do not exist yet: a national desk for a member state, a liaison
// prosecutor's office for a third country.
func ensureDesks(ctx context.Context, desks crosscase.DeskService, countries []string) (map[string]int64, error) {
	standing := map[string]crosscase.Country{}
	for _, c := range refdata.Countries() {
		standing[c.Code] = c
	}
	out := map[string]int64{}
	for _, code := range countries {
		d, err := desks.FindDeskByCountry(ctx, code)
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			c := standing[code]
			d = &crosscase.Desk{CountryCode: code, Kind: crosscase.DeskNational, Name: "National Desk for " + c.Name}
			switch c.Standing {
			case crosscase.StandingMember:
			case crosscase.StandingContactPoint:
				d.Kind, d.Name = crosscase.DeskContactPoint, "Contact point for "+c.Name
			default:
				d.Kind, d.Name = crosscase.DeskLiaison, "Liaison Prosecutor for "+c.Name
			}
			err = desks.CreateDesk(ctx, d)
			if crosscase.ErrorCode(err) == crosscase.ECONFLICT { // created meanwhile
				d, err = desks.FindDeskByCountry(ctx, code)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("desk for %s: %w", code, err)
		}
		out[code] = d.ID
	}
	return out, nil
}

// ensureAuthorities creates the authorities and returns their ids by key;
// an authority that exists already under the same name is reused.
func ensureAuthorities(ctx context.Context, svc crosscase.AuthorityService, seeds []authoritySeed) (map[string]int64, error) {
	out := map[string]int64{}
	for _, s := range seeds {
		a := s.Authority
		err := svc.CreateAuthority(ctx, &a)
		if crosscase.ErrorCode(err) == crosscase.ECONFLICT {
			var list []*crosscase.Authority
			if list, err = svc.ListAuthorities(ctx, a.CountryCode); err == nil {
				err = fmt.Errorf("authority %q reported as existing but not listed", a.Name)
				for _, have := range list {
					if have.Name == a.Name {
						a.ID, err = have.ID, nil
					}
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("authority %q: %w", s.Name, err)
		}
		out[s.key] = a.ID
	}
	return out, nil
}
