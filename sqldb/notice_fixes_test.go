package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// addContactPoint registers a country with no one at the agency as a
// contact-point desk with one contact point user.
func addContactPoint(t *testing.T, f *fixture, cc string) context.Context {
	t.Helper()
	d := &crosscase.Desk{CountryCode: cc, Kind: crosscase.DeskContactPoint, Name: "Contact point " + cc}
	if err := f.db.CreateDesk(f.sys, d); err != nil {
		t.Fatal(err)
	}
	f.desks[cc] = d
	name := "cp." + strings.ToLower(cc)
	f.user(t, name, crosscase.RoleContactPoint, d.ID)
	return f.as(t, name)
}

// A recipient desk sees its own row only; the sender sees every
// recipient and who acknowledged.
func TestNoticeRecipientsSeenBySenderOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, al, de := f.as(t, "it.desk_member"), f.as(t, "al.liaison_prosecutor"), f.as(t, "de.desk_member")
		ch := addContactPoint(t, f, "CH")
		n := &crosscase.Notice{Subject: "Prison phones", Body: "Details.", ToAll: true}
		if err := db.SendNotice(it, n, nil); err != nil {
			t.Fatal(err)
		}
		if err := db.AcknowledgeNotice(al, n.ID); err != nil {
			t.Fatal(err)
		}
		for name, ctx := range map[string]context.Context{"CH": ch, "DE": de, "AL": al} {
			got, err := db.FindNotice(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Recipients) != 1 || got.Recipients[0].Country != name || got.RecipientCount != 1 ||
				len(got.RecipientDeskIDs) != 1 || got.RecipientDeskIDs[0] != f.desks[name].ID {
				t.Errorf("%s reads recipients %+v (count %d, ids %v), want its own row only", name, got.Recipients, got.RecipientCount, got.RecipientDeskIDs)
			}
			in, err := db.FindNotices(ctx, crosscase.Inbox, 0)
			if err != nil || len(in) != 1 || in[0].RecipientCount != 1 || len(in[0].RecipientDeskIDs) != 1 {
				t.Errorf("%s inbox %+v, %v", name, in, err)
			}
		}
		if got, _ := db.FindNotice(ch, n.ID); got != nil && got.AcknowledgedCount != 0 {
			t.Errorf("CH learns that %d desks acknowledged", got.AcknowledgedCount)
		}
		sent, err := db.FindNotice(it, n.ID)
		if err != nil || len(sent.Recipients) != 3 || sent.RecipientCount != 3 || sent.AcknowledgedCount != 1 {
			t.Fatalf("sender reads %+v, %v", sent, err)
		}
		for _, r := range sent.Recipients {
			if (r.Country == "AL") != (r.AcknowledgedBy == "al.liaison_prosecutor") {
				t.Errorf("sender sees %+v", r)
			}
		}
	})
}
