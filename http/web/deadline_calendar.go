package web

import (
	"time"

	"crosscase"
)

// calendarDay is one day of the deadlines calendar with what falls due.
type calendarDay struct {
	Date      crosscase.Date
	InMonth   bool // false for the days of the weeks' edges outside the month
	Today     bool
	Deadlines []*crosscase.Deadline
}

// monthWeeks lays the deadlines due in the month of first out as weeks
// from Monday to Sunday (week: the one week starting on first's Monday).
func monthWeeks(first crosscase.Date, week bool, list []*crosscase.Deadline, today crosscase.Date) [][]calendarDay {
	byDay := map[crosscase.Date][]*crosscase.Deadline{}
	for _, d := range list {
		byDay[d.Due] = append(byDay[d.Due], d)
	}
	start := first
	for start.Time().Weekday() != time.Monday {
		start = start.AddDays(-1)
	}
	var weeks [][]calendarDay
	for day := start; ; {
		var w []calendarDay
		for i := 0; i < 7; i++ {
			w = append(w, calendarDay{Date: day, InMonth: week || day.Month == first.Month, Today: day == today, Deadlines: byDay[day]})
			day = day.AddDays(1)
		}
		weeks = append(weeks, w)
		if week || day.Month != first.Month || day.Year != first.Year {
			break
		}
	}
	return weeks
}
