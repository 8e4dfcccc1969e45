package triage

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Calendar tells business days from days off: weekends, the public holidays
// of a country and a tenant's own closing days. Follow-ups fall on business
// days only. The zero value has Saturday and Sunday off and no holidays.
type Calendar struct {
	// Country selects the public holidays ("FR", "BE", "DE", "ES", "IT",
	// "NL", "GB"; "" for none).
	Country string
	// Closed are extra days off (e.g. a company's annual closing), as dates.
	Closed []time.Time
}

// Countries lists the countries whose public holidays the calendar knows.
var Countries = []string{"BE", "DE", "ES", "FR", "GB", "IT", "NL"}

// ValidCountry reports whether c is "" or one of Countries.
func ValidCountry(c string) bool { return c == "" || slices.Contains(Countries, c) }

// ParseCalendar builds a calendar from a country code and closing days
// written YYYY-MM-DD, reporting the first bad one.
func ParseCalendar(country string, closed []string) (Calendar, error) {
	country = strings.ToUpper(strings.TrimSpace(country))
	if !ValidCountry(country) {
		return Calendar{}, fmt.Errorf("triage: unknown holiday country %q (known: %s)", country, strings.Join(Countries, ", "))
	}
	cal := Calendar{Country: country}
	for _, s := range closed {
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		if err != nil {
			return Calendar{}, fmt.Errorf("triage: closing day %q: want YYYY-MM-DD", s)
		}
		cal.Closed = append(cal.Closed, d)
	}
	return cal, nil
}

// BusinessDay reports whether d's calendar day is worked.
func (c Calendar) BusinessDay(d time.Time) bool {
	d = Day(d)
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, x := range c.Closed {
		if Day(x).Equal(d) {
			return false
		}
	}
	return !isHoliday(c.Country, d)
}

// OnOrAfter returns d's day if it is worked, else the next business day.
func (c Calendar) OnOrAfter(d time.Time) time.Time {
	d = Day(d)
	// A year has fewer than 30 consecutive days off in any calendar here;
	// the bound only guards against a closing list covering everything.
	for range 366 {
		if c.BusinessDay(d) {
			return d
		}
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// AddBusinessDays returns the day n business days after d's day (n ≤ 0:
// d's day moved to a business day).
func (c Calendar) AddBusinessDays(d time.Time, n int) time.Time {
	d = Day(d)
	for n > 0 {
		d = c.OnOrAfter(d.AddDate(0, 0, 1))
		n--
	}
	return c.OnOrAfter(d)
}

// isHoliday reports whether the UTC day d is a public holiday of country.
func isHoliday(country string, d time.Time) bool {
	if country == "" {
		return false
	}
	y := d.Year()
	md := func(m time.Month, day int) bool { return d.Month() == m && d.Day() == day }
	e := easter(y)
	off := int(d.Sub(e).Hours() / 24) // days after Easter Sunday
	switch country {
	case "FR":
		return md(1, 1) || off == 1 || md(5, 1) || md(5, 8) || off == 39 || off == 50 ||
			md(7, 14) || md(8, 15) || md(11, 1) || md(11, 11) || md(12, 25)
	case "BE":
		return md(1, 1) || off == 1 || md(5, 1) || off == 39 || off == 50 ||
			md(7, 21) || md(8, 15) || md(11, 1) || md(11, 11) || md(12, 25)
	case "DE": // nationwide holidays only; regional ones go in Closed
		return md(1, 1) || off == -2 || off == 1 || md(5, 1) || off == 39 || off == 50 ||
			md(10, 3) || md(12, 25) || md(12, 26)
	case "ES": // national holidays
		return md(1, 1) || md(1, 6) || off == -2 || md(5, 1) || md(8, 15) || md(10, 12) ||
			md(11, 1) || md(12, 6) || md(12, 8) || md(12, 25)
	case "IT":
		return md(1, 1) || md(1, 6) || off == 1 || md(4, 25) || md(5, 1) || md(6, 2) ||
			md(8, 15) || md(11, 1) || md(12, 8) || md(12, 25) || md(12, 26)
	case "NL":
		kings := 27
		if time.Date(y, 4, 27, 0, 0, 0, 0, time.UTC).Weekday() == time.Sunday {
			kings = 26
		}
		return md(1, 1) || off == 1 || md(4, kings) || off == 39 || off == 50 ||
			md(12, 25) || md(12, 26) || (y%5 == 0 && md(5, 5))
	case "GB": // England and Wales bank holidays, with substitute days
		return gbBankHoliday(d, off)
	}
	return false
}

// gbBankHoliday knows the bank holidays of England and Wales.
func gbBankHoliday(d time.Time, off int) bool {
	y, m := d.Year(), d.Month()
	switch {
	case off == -2 || off == 1:
		return true
	case m == time.May && d.Weekday() == time.Monday && (d.Day() <= 7 || d.Day() > 24):
		return true // early May and spring bank holidays
	case m == time.August && d.Weekday() == time.Monday && d.Day() > 24:
		return true // summer bank holiday
	}
	// New Year's Day, Christmas and Boxing Day move to the next weekdays
	// when they fall on a weekend.
	for _, fixed := range []time.Time{
		substitute(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), 0),
		substitute(time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC), 0),
		substitute(time.Date(y, 12, 26, 0, 0, 0, 0, time.UTC), 1),
	} {
		if fixed.Equal(d) {
			return true
		}
	}
	return false
}

// substitute moves a weekend holiday to the following Monday, or Tuesday
// when shift is 1 and the Monday is taken by the day before (Boxing Day).
func substitute(d time.Time, shift int) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, 2)
	case time.Sunday:
		return d.AddDate(0, 0, 1+shift)
	case time.Monday:
		if shift == 1 {
			// Christmas fell on Sunday and was moved here: Boxing Day goes to Tuesday.
			return d.AddDate(0, 0, 1)
		}
	}
	return d
}

// easter returns Easter Sunday of year y (Gregorian, anonymous algorithm).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
