package archive

import (
	"time"

	"github.com/pagokit/pagokit/receipt"
)

// checkPeriod applies the period rules of Build.
func checkPeriod(from, to receipt.Date) error {
	if !validDate(from) || !validDate(to) {
		return &PeriodError{From: from, To: to, Err: ErrInvalidDate}
	}
	if dateLess(to, from) {
		return &PeriodError{From: from, To: to, Err: ErrPeriodReversed}
	}
	if from.Year != to.Year || from.Month != to.Month {
		return &PeriodError{From: from, To: to, Err: ErrPeriodTooLong}
	}
	return nil
}

// validDate reports whether d is a calendar date of the years 1–9999.
func validDate(d receipt.Date) bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day
}

func dateLess(a, b receipt.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}

func inPeriod(d, from, to receipt.Date) bool {
	return !dateLess(d, from) && !dateLess(to, d)
}

func parseDate(s string) (receipt.Date, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return receipt.Date{}, false
	}
	return receipt.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
}

// receiptDate is the day a receipt belongs to: the Italian calendar day
// of its payment date-time, or its application date when it has no
// payment date-time.
func receiptDate(paid *time.Time, applied *receipt.Date) (receipt.Date, bool) {
	switch {
	case paid != nil:
		return italianDate(*paid), true
	case applied != nil:
		return *applied, true
	}
	return receipt.Date{}, false
}

// italianDate returns the calendar day of t in Italy: UTC+1, UTC+2 from
// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
// of October (the European rule, in force since 1996). It needs no time
// zone database.
func italianDate(t time.Time) receipt.Date {
	u := t.UTC()
	offset := time.Hour
	y := u.Year()
	if !u.Before(lastSunday(y, time.March)) && u.Before(lastSunday(y, time.October)) {
		offset = 2 * time.Hour
	}
	l := u.Add(offset)
	return receipt.Date{Year: l.Year(), Month: l.Month(), Day: l.Day()}
}

// lastSunday returns 01:00 UTC on the last Sunday of month m of year y.
func lastSunday(y int, m time.Month) time.Time {
	last := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC)
	return last.AddDate(0, 0, -int(last.Weekday()))
}
