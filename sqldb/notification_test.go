package sqldb_test

import (
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestNotifications(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de, al := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "al.liaison_prosecutor")
		n := crosscase.Notification{Kind: crosscase.NotifyJITSetUp, Subject: "JIT Alpha set up", Link: "/jits/1", ObjectType: "jit", ObjectID: 1}
		// Twice the same country, and a country without a desk: one each.
		if err := db.NotifyCountries(f.sys, []string{"IT", "AL", "IT", "FR"}, n); err != nil {
			t.Fatal(err)
		}
		itList, err := db.FindNotifications(it, false, 50)
		if err != nil || len(itList) != 1 || itList[0].Subject != n.Subject || itList[0].ReadAt != nil || itList[0].DeskID != f.desks["IT"].ID {
			t.Fatalf("IT notifications %+v %v", itList, err)
		}
		if got, _ := db.FindNotifications(de, false, 50); len(got) != 0 {
			t.Fatalf("DE sees %d notifications", len(got))
		}
		if got, _ := db.CountUnreadNotifications(al); got != 1 {
			t.Fatalf("AL unread = %d", got)
		}
		// Another desk cannot mark IT's notification, by guessing its id.
		wantCode(t, db.MarkNotificationRead(de, itList[0].ID), crosscase.ENOTFOUND)
		if err := db.MarkNotificationRead(it, itList[0].ID); err != nil {
			t.Fatal(err)
		}
		// Marking again is harmless; unread lists and counts drop it.
		if err := db.MarkNotificationRead(it, itList[0].ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.CountUnreadNotifications(it); got != 0 {
			t.Fatalf("IT unread after reading = %d", got)
		}
		if got, _ := db.FindNotifications(it, true, 50); len(got) != 0 {
			t.Fatalf("IT unread list %v", got)
		}
		if got, _ := db.FindNotifications(it, false, 50); len(got) != 1 || got[0].ReadAt == nil {
			t.Fatalf("IT list after reading %+v", got)
		}
		// Users without a desk have an empty inbox.
		if got, err := db.FindNotifications(f.as(t, "it.jit_member"), false, 50); err != nil || len(got) != 0 {
			t.Fatalf("JIT member inbox %v %v", got, err)
		}
	})
}
