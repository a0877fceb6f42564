package crosscase_test

import (
	"testing"

	"crosscase"
)

// TestPeriodFor: a year asked by a statistics user is its months that are
// over; in January the year under way has none yet.
func TestPeriodFor(t *testing.T) {
	stats := &crosscase.User{ID: 7, Role: crosscase.RoleStatistics}
	member := &crosscase.User{ID: 9, Role: crosscase.RoleDeskMember, DeskID: 1}
	today := date(t, "2026-12-06")
	from, to, err := crosscase.PeriodFor(stats, "2026", crosscase.Date{}, crosscase.Date{}, today)
	if err != nil || from != date(t, "2026-01-01") || to != date(t, "2026-11-30") {
		t.Fatalf("the year under way for statistics: %s–%s %v", from, to, err)
	}
	if _, to, _ = crosscase.PeriodFor(stats, "2025", crosscase.Date{}, crosscase.Date{}, today); to != date(t, "2025-12-31") {
		t.Fatalf("a year that is over: to %s", to)
	}
	if _, to, _ = crosscase.PeriodFor(member, "2026", crosscase.Date{}, crosscase.Date{}, today); to != date(t, "2026-12-31") {
		t.Fatalf("a desk member's year: to %s", to)
	}
	if _, _, err = crosscase.PeriodFor(stats, "2026", crosscase.Date{}, crosscase.Date{}, date(t, "2026-01-20")); crosscase.ErrorCode(err) != crosscase.EINVALID {
		t.Fatalf("January's year under way: %v", err)
	}
	if from, to = crosscase.YearSoFar(stats, date(t, "2026-01-20")); from != date(t, "2025-01-01") || to != date(t, "2025-12-31") {
		t.Fatalf("so far this year, in January: %s–%s", from, to)
	}
	if from, to = crosscase.YearSoFar(stats, today); from != date(t, "2026-01-01") || to != date(t, "2026-11-30") {
		t.Fatalf("so far this year: %s–%s", from, to)
	}
	if _, to = crosscase.YearSoFar(member, today); to != today {
		t.Fatalf("a desk member's year so far ends %s", to)
	}
}

// TestPreviousPeriod: whole months are compared with as many whole months
// before them; other periods with as many days.
func TestPreviousPeriod(t *testing.T) {
	for _, c := range [][4]string{
		{"2024-01-01", "2024-12-31", "2023-01-01", "2023-12-31"},
		{"2023-01-01", "2024-12-31", "2021-01-01", "2022-12-31"},
		{"2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29"},
		{"2026-01-01", "2026-11-30", "2025-02-01", "2025-12-31"},
		{"2024-03-01", "2024-05-31", "2023-12-01", "2024-02-29"},
		{"2024-03-02", "2024-03-11", "2024-02-21", "2024-03-01"},
	} {
		from, to := crosscase.PreviousPeriod(date(t, c[0]), date(t, c[1]))
		if from.String() != c[2] || to.String() != c[3] {
			t.Errorf("%s–%s: previous %s–%s, want %s–%s", c[0], c[1], from, to, c[2], c[3])
		}
	}
}

// TestShowsBreakdowns: the figures by crime type and country, and the
// victims and damage, go to a reader shown "< 5" for whole calendar years
// only, so that no two of their periods overlap; a desk's own users and
// the operator get them for any period.
func TestShowsBreakdowns(t *testing.T) {
	stats := &crosscase.User{ID: 7, Role: crosscase.RoleStatistics}
	admin := &crosscase.User{ID: 8, Role: crosscase.RoleAdministrator}
	member := &crosscase.User{ID: 9, Role: crosscase.RoleDeskMember, DeskID: 1}
	system := crosscase.SystemActor().User
	for _, c := range []struct {
		from, to string
		year     bool
	}{
		{"2025-01-01", "2025-12-31", true},
		{"2024-01-01", "2024-12-31", true},
		{"2025-01-01", "2025-11-30", false},
		{"2025-02-01", "2026-01-31", false},
		{"2024-01-01", "2025-12-31", false},
		{"2025-05-01", "2025-05-31", false},
	} {
		from, to := date(t, c.from), date(t, c.to)
		if got := crosscase.IsCalendarYear(from, to); got != c.year {
			t.Errorf("IsCalendarYear(%s, %s) = %v", from, to, got)
		}
		for _, u := range []*crosscase.User{stats, admin} {
			if got := crosscase.ShowsBreakdowns(u, from, to); got != c.year {
				t.Errorf("ShowsBreakdowns(%s, %s–%s) = %v", u.Role, from, to, got)
			}
		}
		for _, u := range []*crosscase.User{member, system} {
			if !crosscase.ShowsBreakdowns(u, from, to) {
				t.Errorf("ShowsBreakdowns(%s, %s–%s) = false", u.Name, from, to)
			}
		}
	}
}

// TestYearsEnd: the table of years counts the year under way to the end
// of last month for a reader of whole months that are over, so that it
// does not change from one day to the next; to its last day for others.
func TestYearsEnd(t *testing.T) {
	stats := &crosscase.User{ID: 7, Role: crosscase.RoleStatistics}
	admin := &crosscase.User{ID: 8, Role: crosscase.RoleAdministrator, DeskID: 1}
	member := &crosscase.User{ID: 9, Role: crosscase.RoleDeskMember, DeskID: 1}
	today := date(t, "2026-12-06")
	for _, c := range []struct {
		u    *crosscase.User
		year int
		want string
	}{
		{stats, 2026, "2026-11-30"}, {admin, 2026, "2026-11-30"}, {stats, 2025, "2025-12-31"},
		{member, 2026, "2026-12-31"}, {crosscase.SystemActor().User, 2026, "2026-12-31"},
	} {
		if got := crosscase.YearsEnd(c.u, c.year, today); got != date(t, c.want) {
			t.Errorf("YearsEnd(%s, %d) = %s, want %s", c.u.Role, c.year, got, c.want)
		}
	}
}
