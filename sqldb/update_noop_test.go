package sqldb_test

import (
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// updateEntries counts the update entries of the audit log.
func updateEntries(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'update'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// An update that changes nothing — no field, every field null, or every
// field equal to the stored value — writes nothing: the version stays and
// no update is audited (README, JSON API). A real change still raises the
// version and is audited; a stale version is still a conflict.
func TestUpdateChangingNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		admin := f.as(t, "it.administrator")

		// kind runs the updates of one kind: each of same changes nothing,
		// change changes something; each returns the version answered.
		kind := func(name string, version int, same []func(v int) (int, error), change func(v int) (int, error)) {
			t.Helper()
			for i, upd := range same {
				before := updateEntries(t, db)
				got, err := upd(version)
				if err != nil {
					t.Fatalf("%s: unchanged update %d: %v", name, i, err)
				}
				if got != version {
					t.Errorf("%s: unchanged update %d answered version %d, want %d", name, i, got, version)
				}
				if after := updateEntries(t, db); after != before {
					t.Errorf("%s: unchanged update %d wrote %d update entries", name, i, after-before)
				}
			}
			if _, err := same[0](version - 1); crosscase.ErrorCode(err) != crosscase.ECONFLICT {
				t.Errorf("%s: a stale version with nothing to change: %v, want a conflict", name, err)
			}
			before := updateEntries(t, db)
			got, err := change(version)
			if err != nil {
				t.Fatalf("%s: change: %v", name, err)
			}
			if got != version+1 || updateEntries(t, db) != before+1 {
				t.Errorf("%s: a change answered version %d (want %d) and wrote %d update entries (want 1)", name, got, version+1, updateEntries(t, db)-before)
			}
		}

		// Cases.
		c := f.newCase(t, it, "DE", "AL")
		if _, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: c.Version, Victims: ptr(3)}); err != nil {
			t.Fatal(err)
		}
		c, _ = db.FindCaseByID(it, c.ID)
		kind("case", c.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				// The stored values, the asked countries in another order.
				got, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: v, Title: ptr(c.Title), Summary: ptr(c.Summary),
					AskedCountries: ptr([]string{"DE", "AL"}), CrimeTypes: ptr(c.CrimeTypes), Priority: ptr(c.Priority), Status: ptr(c.Status),
					OpenedOn: ptr(c.OpenedOn), ClosedOn: ptr(c.ClosedOn), Victims: ptr(3), FinancialDamageEUR: ptr(c.FinancialDamageEUR)})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: v, Title: ptr("Port of Bari"), Victims: ptr(3)})
			return version(got, err)
		})
		if got, _ := db.FindCaseByID(it, c.ID); got.Title != "Port of Bari" || len(got.AskedCountries) != 2 {
			t.Errorf("case after the change: %+v", got)
		}

		// Entities: the stored values, and a name given with the spaces
		// the store trims.
		e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Çela", Nationality: "AL"}
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatal(err)
		}
		kind("entity", e.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateEntity(it, e.ID, crosscase.EntityUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				got, err := db.UpdateEntity(it, e.ID, crosscase.EntityUpdate{Version: v, Role: ptr(e.Role), GivenName: ptr(" Arben "), FamilyName: ptr(e.FamilyName), Nationality: ptr("AL"), Notes: ptr("")})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateEntity(it, e.ID, crosscase.EntityUpdate{Version: v, Notes: ptr("Seen in Bari.")})
			return version(got, err)
		})

		// Instruments.
		in := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-IT-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: mustDate(t, "2024-01-10")}
		if err := db.CreateInstrument(it, in); err != nil {
			t.Fatal(err)
		}
		kind("instrument", in.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				got, err := db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: v, Reference: ptr(in.Reference), Urgent: ptr(false),
					Status: ptr(in.Status), IssuedOn: ptr(in.IssuedOn), ReceivedOn: ptr(crosscase.Date{})})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: v, Reference: ptr("EIO-IT-1/a")})
			return version(got, err)
		})

		// Meetings: the participants in another order.
		m := &crosscase.Meeting{CaseID: c.ID, StartsAt: time.Date(2024, 2, 1, 9, 30, 0, 0, time.UTC), DeskIDs: []int64{f.desks["AL"].ID, f.desks["DE"].ID},
			Partners: []string{"eppo", "europol"}, Agenda: "Joint strategy."}
		if err := db.CreateMeeting(it, m); err != nil {
			t.Fatal(err)
		}
		kind("meeting", m.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateMeeting(it, m.ID, crosscase.MeetingUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				got, err := db.UpdateMeeting(it, m.ID, crosscase.MeetingUpdate{Version: v, StartsAt: ptr(m.StartsAt.In(time.FixedZone("CET", 3600))),
					DeskIDs: ptr([]int64{f.desks["DE"].ID, f.desks["AL"].ID}), Partners: ptr([]string{"europol", "eppo"}), Agenda: ptr(m.Agenda), Outcome: ptr("")})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateMeeting(it, m.ID, crosscase.MeetingUpdate{Version: v, Agenda: ptr("Joint strategy, revised.")})
			return version(got, err)
		})

		// Users, desks and agreements, by an administrator.
		u := f.users["de.analyst"]
		kind("user", u.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateUser(admin, u.ID, crosscase.UserUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				got, err := db.UpdateUser(admin, u.ID, crosscase.UserUpdate{Version: v, DisplayName: ptr(u.DisplayName), Role: ptr(u.Role), DeskID: ptr(u.DeskID), Disabled: ptr(false)})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateUser(admin, u.ID, crosscase.UserUpdate{Version: v, DisplayName: ptr("Analyst, Berlin")})
			return version(got, err)
		})
		d := f.desks["DE"]
		d, _ = db.FindDesk(admin, d.ID)
		kind("desk", d.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateDesk(admin, d.ID, crosscase.DeskUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				got, err := db.UpdateDesk(admin, d.ID, crosscase.DeskUpdate{Version: v, Name: ptr(d.Name)})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateDesk(admin, d.ID, crosscase.DeskUpdate{Version: v, Name: ptr("Desk of Germany")})
			return version(got, err)
		})
		a := &crosscase.Agreement{CountryCode: "KR", Kind: crosscase.AgreementWorkingArrangement, SignedOn: mustDate(t, "2024-05-01"), Title: "Arrangement"}
		if err := db.CreateAgreement(admin, a); err != nil {
			t.Fatal(err)
		}
		kind("agreement", a.Version, []func(int) (int, error){
			func(v int) (int, error) {
				got, err := db.UpdateAgreement(admin, a.ID, crosscase.AgreementUpdate{Version: v})
				return version(got, err)
			},
			func(v int) (int, error) {
				got, err := db.UpdateAgreement(admin, a.ID, crosscase.AgreementUpdate{Version: v, Kind: ptr(a.Kind), SignedOn: ptr(a.SignedOn), Title: ptr(a.Title)})
				return version(got, err)
			},
		}, func(v int) (int, error) {
			got, err := db.UpdateAgreement(admin, a.ID, crosscase.AgreementUpdate{Version: v, Title: ptr("Working arrangement")})
			return version(got, err)
		})

		// Countries have no version: the same standing is no change.
		for _, st := range []crosscase.Standing{crosscase.StandingLiaison, crosscase.StandingContactPoint} {
			before := updateEntries(t, db)
			if got, err := db.UpdateCountry(admin, "CH", crosscase.CountryUpdate{Standing: &st}); err != nil || got.Standing != st {
				t.Fatalf("country CH to %s: %+v, %v", st, got, err)
			}
			want := before
			if st != crosscase.StandingLiaison { // CH is a liaison prosecutor's country
				want++
			}
			if after := updateEntries(t, db); after != want {
				t.Errorf("country CH to %s: %d update entries, want %d", st, after-before, want-before)
			}
		}

		// The interface language, chosen again, is no change either.
		for i, lang := range []string{"fr", "fr"} {
			before := updateEntries(t, db)
			if err := db.SetLanguage(it, lang); err != nil {
				t.Fatal(err)
			}
			if after := updateEntries(t, db); after-before != 1-i {
				t.Errorf("language %s (%d): %d update entries, want %d", lang, i, after-before, 1-i)
			}
		}
	})
}

// version returns the version of what an update answered.
func version[T interface {
	*crosscase.Case | *crosscase.Entity | *crosscase.Instrument | *crosscase.Meeting | *crosscase.User | *crosscase.Desk | *crosscase.Agreement
}](got T, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	switch x := any(got).(type) {
	case *crosscase.Case:
		return x.Version, nil
	case *crosscase.Entity:
		return x.Version, nil
	case *crosscase.Instrument:
		return x.Version, nil
	case *crosscase.Meeting:
		return x.Version, nil
	case *crosscase.User:
		return x.Version, nil
	case *crosscase.Desk:
		return x.Version, nil
	default:
		return x.(*crosscase.Agreement).Version, nil
	}
}
