package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"crosscase"
)

// ListCountries returns every country ordered by name; any signed-in user.
func (d *DB) ListCountries(ctx context.Context) ([]*crosscase.Country, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var out []*crosscase.Country
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT code, name, standing FROM countries ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c := &crosscase.Country{}
			var st string
			if err := rows.Scan(&c.Code, &c.Name, &st); err != nil {
				return err
			}
			c.Standing = crosscase.Standing(st)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// FindCountry returns ENOTFOUND for an unknown code.
func (d *DB) FindCountry(ctx context.Context, code string) (*crosscase.Country, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var c *crosscase.Country
	err := d.read(ctx, func(tx *Tx) (err error) {
		c, err = tx.findCountry(ctx, code)
		return err
	})
	return c, err
}

func (tx *Tx) findCountry(ctx context.Context, code string) (*crosscase.Country, error) {
	c := &crosscase.Country{}
	var st string
	err := tx.queryRow(ctx, `SELECT code, name, standing FROM countries WHERE code = ?`, code).Scan(&c.Code, &c.Name, &st)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Country")
	} else if err != nil {
		return nil, err
	}
	c.Standing = crosscase.Standing(st)
	return c, nil
}

// UpdateCountry changes a country's standing; administrators only.
func (d *DB) UpdateCountry(ctx context.Context, code string, upd crosscase.CountryUpdate) (*crosscase.Country, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if upd.Standing != nil && !upd.Standing.Valid() {
		return nil, crosscase.FieldErrorf("standing", "Standing must be member_state, liaison_prosecutor, contact_point or none.")
	}
	var c *crosscase.Country
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if c, err = tx.findCountry(ctx, code); err != nil {
			return err
		}
		before := *c
		if upd.Standing != nil {
			c.Standing = *upd.Standing
		}
		if len(crosscase.ChangedCountryFields(&before, c)) == 0 {
			return nil // nothing to change: nothing written, nothing audited
		}
		if _, err := tx.exec(ctx, `UPDATE countries SET standing = ? WHERE code = ?`, string(c.Standing), code); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "country", 0, 0, "code="+code+" standing="+string(c.Standing))
		return nil
	})
	return c, err
}

const agreementColumns = `id, COALESCE(country_code, ''), organisation, kind, signed_on, title, version, created_at, updated_at`

func scanAgreement(s scanner) (*crosscase.Agreement, error) {
	a := &crosscase.Agreement{}
	var kind, signed string
	var created, updated int64
	if err := s.Scan(&a.ID, &a.CountryCode, &a.Organisation, &kind, &signed, &a.Title, &a.Version, &created, &updated); err != nil {
		return nil, err
	}
	a.Kind = crosscase.AgreementKind(kind)
	a.SignedOn = parseDateText(signed)
	a.CreatedAt, a.UpdatedAt = fromMicros(created), fromMicros(updated)
	return a, nil
}

// ListAgreements returns all agreements, newest first; any signed-in user.
func (d *DB) ListAgreements(ctx context.Context) ([]*crosscase.Agreement, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var out []*crosscase.Agreement
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+agreementColumns+` FROM agreements ORDER BY signed_on DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAgreement(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// FindAgreement returns ENOTFOUND when id does not exist.
func (d *DB) FindAgreement(ctx context.Context, id int64) (*crosscase.Agreement, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var a *crosscase.Agreement
	err := d.read(ctx, func(tx *Tx) (err error) {
		a, err = tx.findAgreement(ctx, id)
		return err
	})
	return a, err
}

func (tx *Tx) findAgreement(ctx context.Context, id int64) (*crosscase.Agreement, error) {
	a, err := scanAgreement(tx.queryRow(ctx, `SELECT `+agreementColumns+` FROM agreements WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Agreement")
	}
	return a, err
}

// CreateAgreement is for administrators; EINVALID names the bad field.
func (d *DB) CreateAgreement(ctx context.Context, a *crosscase.Agreement) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		if err := a.Validate(tx.latestToday()); err != nil {
			return err
		}
		var country any
		if a.CountryCode != "" {
			c, err := tx.findCountry(ctx, a.CountryCode)
			if err != nil {
				return crosscase.FieldErrorf("country_code", "%q is not an ISO 3166-1 country.", a.CountryCode)
			}
			if c.Standing == crosscase.StandingMember {
				return crosscase.FieldErrorf("country_code", "%s is a member state: the agency's agreements are with third countries and bodies.", c.Name)
			}
			country = a.CountryCode
		}
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO agreements (country_code, organisation, kind, signed_on, title, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
			country, a.Organisation, string(a.Kind), dateText(a.SignedOn), a.Title, now, now)
		if err != nil {
			return err
		}
		a.ID, a.Version, a.CreatedAt, a.UpdatedAt = id, 1, fromMicros(now), fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "agreement", id, 0, "kind="+string(a.Kind))
		return nil
	})
}

// UpdateAgreement is for administrators; ECONFLICT on a stale version.
func (d *DB) UpdateAgreement(ctx context.Context, id int64, upd crosscase.AgreementUpdate) (*crosscase.Agreement, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	var a *crosscase.Agreement
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if a, err = tx.findAgreement(ctx, id); err != nil {
			return err
		}
		if a.Version != upd.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The agreement was changed by someone else. Reload it and apply your change again.")
		}
		before := *a
		if upd.Kind != nil {
			a.Kind = *upd.Kind
		}
		if upd.SignedOn != nil {
			a.SignedOn = *upd.SignedOn
		}
		if upd.Title != nil {
			a.Title = *upd.Title
		}
		if err := a.Validate(tx.latestToday()); err != nil {
			return err
		}
		if len(crosscase.ChangedAgreementFields(&before, a)) == 0 {
			*a = before // nothing to change: nothing written, the version kept
			return nil
		}
		now := micros(tx.now)
		res, err := tx.exec(ctx, `UPDATE agreements SET kind = ?, signed_on = ?, title = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			string(a.Kind), dateText(a.SignedOn), a.Title, now, id, upd.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return crosscase.Errorf(crosscase.ECONFLICT, "The agreement was changed by someone else. Reload it and apply your change again.")
		}
		a.Version++
		a.UpdatedAt = fromMicros(now)
		tx.audit(ctx, crosscase.ActionUpdate, "agreement", id, 0, "kind="+string(a.Kind))
		return nil
	})
	return a, err
}

// DeleteAgreement is for administrators; ENOTFOUND when missing.
func (d *DB) DeleteAgreement(ctx context.Context, id int64) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM agreements WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Agreement")
		}
		tx.audit(ctx, crosscase.ActionDelete, "agreement", id, 0, "")
		return nil
	})
}

const deskColumns = `id, country_code, kind, name, version, created_at`

func scanDesk(s scanner) (*crosscase.Desk, error) {
	d := &crosscase.Desk{}
	var kind string
	var created int64
	if err := s.Scan(&d.ID, &d.CountryCode, &kind, &d.Name, &d.Version, &created); err != nil {
		return nil, err
	}
	d.Kind, d.CreatedAt = crosscase.DeskKind(kind), fromMicros(created)
	return d, nil
}

// ListDesks returns all desks ordered by country code; any signed-in user.
func (d *DB) ListDesks(ctx context.Context) ([]*crosscase.Desk, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var out []*crosscase.Desk
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+deskColumns+` FROM desks ORDER BY country_code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			k, err := scanDesk(rows)
			if err != nil {
				return err
			}
			out = append(out, k)
		}
		return rows.Err()
	})
	return out, err
}

// FindDesk returns ENOTFOUND when id does not exist.
func (d *DB) FindDesk(ctx context.Context, id int64) (*crosscase.Desk, error) {
	return d.findDeskWhere(ctx, `id = ?`, id)
}

// FindDeskByCountry returns ENOTFOUND when the country has no desk.
func (d *DB) FindDeskByCountry(ctx context.Context, code string) (*crosscase.Desk, error) {
	return d.findDeskWhere(ctx, `country_code = ?`, code)
}

func (d *DB) findDeskWhere(ctx context.Context, where string, arg any) (*crosscase.Desk, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var k *crosscase.Desk
	err := d.read(ctx, func(tx *Tx) (err error) {
		k, err = scanDesk(tx.queryRow(ctx, `SELECT `+deskColumns+` FROM desks WHERE `+where, arg))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Desk")
		}
		return err
	})
	return k, err
}

// CreateDesk is for administrators: EINVALID for an unknown country,
// ECONFLICT when the country has a desk already.
func (d *DB) CreateDesk(ctx context.Context, k *crosscase.Desk) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	if err := k.Validate(); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.findCountry(ctx, k.CountryCode); err != nil {
			return crosscase.FieldErrorf("country_code", "%q is not an ISO 3166-1 country.", k.CountryCode)
		}
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO desks (country_code, kind, name, version, created_at) VALUES (?, ?, ?, 1, ?)`, k.CountryCode, string(k.Kind), k.Name, now)
		if crosscase.ErrorCode(err) == crosscase.ECONFLICT {
			return crosscase.Errorf(crosscase.ECONFLICT, "%s has a desk already.", k.CountryCode).WithField("country_code")
		} else if err != nil {
			return err
		}
		k.ID, k.Version, k.CreatedAt = id, 1, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "desk", id, 0, "country="+k.CountryCode)
		return nil
	})
}

// UpdateDesk is for administrators; ECONFLICT on a stale version.
func (d *DB) UpdateDesk(ctx context.Context, id int64, upd crosscase.DeskUpdate) (*crosscase.Desk, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	var k *crosscase.Desk
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		k, err = scanDesk(tx.queryRow(ctx, `SELECT `+deskColumns+` FROM desks WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Desk")
		} else if err != nil {
			return err
		}
		if k.Version != upd.Version {
			return crosscase.Errorf(crosscase.ECONFLICT, "The desk was changed by someone else. Reload it and apply your change again.")
		}
		before := *k
		if upd.Name != nil {
			k.Name = *upd.Name
		}
		if err := k.Validate(); err != nil {
			return err
		}
		if len(crosscase.ChangedDeskFields(&before, k)) == 0 {
			*k = before // nothing to change: nothing written, the version kept
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE desks SET name = ?, version = version + 1 WHERE id = ? AND version = ?`, k.Name, id, upd.Version); err != nil {
			return err
		}
		k.Version++
		tx.audit(ctx, crosscase.ActionUpdate, "desk", id, 0, "")
		return nil
	})
	return k, err
}

const authorityColumns = `id, country_code, name, kind, city, created_at`

func scanAuthority(s scanner) (*crosscase.Authority, error) {
	a := &crosscase.Authority{}
	var kind string
	var created int64
	if err := s.Scan(&a.ID, &a.CountryCode, &a.Name, &kind, &a.City, &created); err != nil {
		return nil, err
	}
	a.Kind, a.CreatedAt = crosscase.AuthorityKind(kind), fromMicros(created)
	return a, nil
}

// ListAuthorities returns the authorities of country (all when ""), by name.
func (d *DB) ListAuthorities(ctx context.Context, country string) ([]*crosscase.Authority, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	q, args := `SELECT `+authorityColumns+` FROM authorities ORDER BY country_code, name`, []any{}
	if country != "" {
		q, args = `SELECT `+authorityColumns+` FROM authorities WHERE country_code = ? ORDER BY name`, []any{country}
	}
	var out []*crosscase.Authority
	err := d.read(ctx, func(tx *Tx) error {
		if country != "" {
			// An unknown country is a mistake to name, as in the case
			// filter, not an empty list.
			if _, err := tx.findCountry(ctx, country); crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
				return crosscase.FieldErrorf("country", "%q is not a country of the reference data.", country)
			} else if err != nil {
				return err
			}
		}
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAuthority(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// FindAuthority returns ENOTFOUND when id does not exist.
func (d *DB) FindAuthority(ctx context.Context, id int64) (*crosscase.Authority, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var a *crosscase.Authority
	err := d.read(ctx, func(tx *Tx) (err error) {
		a, err = scanAuthority(tx.queryRow(ctx, `SELECT `+authorityColumns+` FROM authorities WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Authority")
		}
		return err
	})
	return a, err
}

// CreateAuthority adds a national authority. Administrators, desk members
// and liaison prosecutors may add them (desks record the authorities they
// work with); ECONFLICT when the country has one of that name already.
func (d *DB) CreateAuthority(ctx context.Context, a *crosscase.Authority) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !crosscase.CanAddAuthority(u) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members, liaison prosecutors and administrators add authorities.")
	}
	if err := a.Validate(); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.findCountry(ctx, a.CountryCode); err != nil {
			return crosscase.FieldErrorf("country_code", "%q is not an ISO 3166-1 country.", a.CountryCode)
		}
		now := micros(tx.now)
		id, err := tx.insert(ctx, `INSERT INTO authorities (country_code, name, kind, city, created_at) VALUES (?, ?, ?, ?, ?)`, a.CountryCode, a.Name, string(a.Kind), a.City, now)
		if crosscase.ErrorCode(err) == crosscase.ECONFLICT {
			return crosscase.Errorf(crosscase.ECONFLICT, "%s has an authority of that name already.", a.CountryCode).WithField("name")
		} else if err != nil {
			return err
		}
		a.ID, a.CreatedAt = id, fromMicros(now)
		tx.audit(ctx, crosscase.ActionCreate, "authority", id, 0, "country="+a.CountryCode+" id="+strconv.FormatInt(id, 10))
		return nil
	})
}
