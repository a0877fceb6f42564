package crosscase

import "time"

// Periods of figures without case content (README, "Statistics and the
// annual report", Privacy): a reader who is shown "< 5" for a small count
// (HidesSmallCounts) would get it back by subtraction if periods could
// differ by a day — the figures of 1 to 31 March minus those of 1 to 30
// March are the cases of 31 March — or if a period could end today and
// be asked again tomorrow. So their periods are whole calendar months
// that are over: the finest difference two periods can make is a month of
// the whole agency's (or desk's) cases, never a day's. Readers who work
// the desk's cases, and the command line's operator, ask any period.

// CheckPeriodFor checks from–to as CheckPeriod does and, for a reader u
// who is shown hidden small counts, that it is whole months that are
// over on today. EINVALID names from or to.
func CheckPeriodFor(u *User, from, to, today Date) error {
	if err := CheckPeriod(from, to); err != nil {
		return err
	}
	if !PeriodsInWholeMonths(u) {
		return nil
	}
	if from.Day != 1 {
		return FieldErrorf("from", "Your figures are of whole months: a period starts on the first day of a month.")
	}
	if to.AddDays(1).Day != 1 {
		return FieldErrorf("to", "Your figures are of whole months: a period ends on the last day of a month.")
	}
	if last := lastMonthOver(today); last.Before(to) {
		return FieldErrorf("to", "Your figures are of months that are over: a period ends on %s at the latest.", last)
	}
	return nil
}

// PeriodFor is PeriodOf for reader u on today: a year asked by a reader
// who gets whole months that are over (CheckPeriodFor) is the year's
// months that are over, so that the year under way reads as it stood at
// the end of last month. A period from–to is given back unchanged.
func PeriodFor(u *User, year string, from, to, today Date) (Date, Date, error) {
	from, to, err := PeriodOf(year, from, to)
	if err != nil || year == "" || !PeriodsInWholeMonths(u) {
		return from, to, err
	}
	if last := lastMonthOver(today); last.Before(to) {
		to = last
	}
	if to.Before(from) {
		return Date{}, Date{}, FieldErrorf("year", "The figures of %d start once its first month is over.", from.Year)
	}
	return from, to, nil
}

// YearSoFar is the period of the headline figures "so far this year" for
// reader u on today: the current year up to today, or, for a reader who
// gets whole months that are over, up to the end of last month — in
// January, the whole of last year.
func YearSoFar(u *User, today Date) (from, to Date) {
	from, to = Date{Year: today.Year, Month: time.January, Day: 1}, today
	if !PeriodsInWholeMonths(u) {
		return from, to
	}
	to = lastMonthOver(today)
	if to.Before(from) {
		from = Date{Year: today.Year - 1, Month: time.January, Day: 1}
	}
	return from, to
}

// ShowsBreakdowns reports whether reader u is given, for the period
// from–to, the figures that could single out a case once two periods are
// subtracted: the tables by crime type, by country and by owner country
// and crime type, and the victims and financial damage (README,
// "Statistics and the annual report", Privacy). A reader who works the
// desk's cases, and the operator, always are; a reader shown "< 5"
// (PeriodsInWholeMonths) only for a whole calendar year, so that no two
// periods of theirs overlap and the months between them cannot be worked
// out — the figures of January to April less those of January to March
// would otherwise be April's cases of a country and crime type, however
// few. Their other figures are the agency's (or the desk's) totals.
func ShowsBreakdowns(u *User, from, to Date) bool {
	return !PeriodsInWholeMonths(u) || IsCalendarYear(from, to)
}

// YearsEnd is the last day the table of years (the report's Years)
// counts of its last year, year, for reader u on today: that year's last
// day, or, for a reader who gets whole months that are over
// (PeriodsInWholeMonths), the end of last month while the year is under
// way — else the row of the year under way would count to today, and,
// asked again tomorrow, give tomorrow's cases, meetings and arrests.
func YearsEnd(u *User, year int, today Date) Date {
	end := Date{Year: year, Month: time.December, Day: 31}
	if !PeriodsInWholeMonths(u) {
		return end
	}
	if last := lastMonthOver(today); last.Before(end) {
		end = last
	}
	return end
}

// IsCalendarYear reports whether from–to is one whole calendar year.
func IsCalendarYear(from, to Date) bool {
	return from == Date{from.Year, time.January, 1} && to == Date{from.Year, time.December, 31}
}

// PeriodsInWholeMonths reports whether u's periods are whole months that
// are over: the readers shown hidden small counts, but the operator.
func PeriodsInWholeMonths(u *User) bool {
	return HidesSmallCounts(u) && !u.IsSystem()
}

// lastMonthOver is the last day of the month before today's.
func lastMonthOver(today Date) Date {
	return Date{Year: today.Year, Month: today.Month, Day: 1}.AddDays(-1)
}
