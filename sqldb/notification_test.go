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

// Administrators and statistics users attached to a desk have no inbox,
// as they read no notices; contact points have one.
func TestNotificationsFollowTheNoticeRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cp := addContactPoint(t, f, "CH")
		n := crosscase.Notification{Kind: crosscase.NotifyNotice, Subject: "New notice", Link: "/notices/1", ObjectType: "notice", ObjectID: 1}
		if err := db.NotifyCountries(f.sys, []string{"IT", "CH"}, n); err != nil {
			t.Fatal(err)
		}
		mine, err := db.FindNotifications(f.as(t, "it.desk_member"), false, 50)
		if err != nil || len(mine) != 1 {
			t.Fatalf("IT desk member inbox %+v, %v", mine, err)
		}
		for _, name := range []string{"it.administrator", "it.statistics"} {
			ctx := f.as(t, name)
			if got, err := db.FindNotifications(ctx, false, 50); err != nil || len(got) != 0 {
				t.Errorf("%s sees %d notifications, %v", name, len(got), err)
			}
			if got, err := db.CountUnreadNotifications(ctx); err != nil || got != 0 {
				t.Errorf("%s unread = %d, %v", name, got, err)
			}
			wantCode(t, db.MarkNotificationRead(ctx, mine[0].ID), crosscase.ENOTFOUND)
		}
		if got, _ := db.CountUnreadNotifications(f.as(t, "it.desk_member")); got != 1 {
			t.Errorf("after refusals IT unread = %d, want 1", got)
		}
		got, err := db.FindNotifications(cp, true, 50)
		if err != nil || len(got) != 1 {
			t.Fatalf("contact point inbox %+v, %v", got, err)
		}
		if c, _ := db.CountUnreadNotifications(cp); c != 1 {
			t.Errorf("contact point unread = %d", c)
		}
		if err := db.MarkNotificationRead(cp, got[0].ID); err != nil {
			t.Fatal(err)
		}
	})
}
