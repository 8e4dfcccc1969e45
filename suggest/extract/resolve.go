package extract

import (
	"strconv"
	"time"
)

// lastDay stands for the last day of a month ("fin mars").
const lastDay = -1

// maxYearsAway bounds how far from the day received a written year may be.
const maxYearsAway = 10

// epoch is the earliest date returned: anything before is a misreading.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// resolve returns the day m designates. A missing year is the nearest one
// to today; after a promise or absence cue, the first on or after the week
// before today; after a paid cue, the last on or before the week after.
func (m mention) resolve(today time.Time, c cue) (time.Time, bool) {
	switch {
	case !m.at.IsZero():
		return m.at, !m.at.Before(epoch)
	case m.month == 0:
		return nextDay(m.day, today)
	case m.year != 0:
		y := m.year
		if y < 100 {
			y += 2000
		}
		if y < today.Year()-maxYearsAway || y > today.Year()+maxYearsAway {
			return time.Time{}, false
		}
		d, ok := makeDate(y, m.month, m.day)
		return d, ok && !d.Before(epoch)
	case c == promiseCue || c == absenceCue:
		d, ok := makeDate(today.Year(), m.month, m.day)
		if !ok || d.Before(today.AddDate(0, 0, -7)) {
			d, ok = makeDate(today.Year()+1, m.month, m.day)
		}
		return d, ok && !d.Before(epoch)
	case c == paidCue:
		d, ok := makeDate(today.Year(), m.month, m.day)
		if !ok || d.After(today.AddDate(0, 0, 7)) {
			d, ok = makeDate(today.Year()-1, m.month, m.day)
		}
		return d, ok && !d.Before(epoch)
	}
	var best time.Time
	for y := today.Year() - 1; y <= today.Year()+1; y++ {
		d, ok := makeDate(y, m.month, m.day)
		if ok && (best.IsZero() || absDays(d.Sub(today)) < absDays(best.Sub(today))) {
			best = d
		}
	}
	return best, !best.IsZero() && !best.Before(epoch)
}

// nextDay returns the first day numbered day on or after today.
func nextDay(day int, today time.Time) (time.Time, bool) {
	for i := range 12 {
		first := time.Date(today.Year(), today.Month()+time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		if d, ok := makeDate(first.Year(), first.Month(), day); ok && !d.Before(today) {
			return d, true
		}
	}
	return time.Time{}, false
}

// makeDate returns the date, false when it does not exist (31 February).
func makeDate(year int, month time.Month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || year < 1 || year > 9999 {
		return time.Time{}, false
	}
	if day == lastDay {
		return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC), true
	}
	if day < 1 || day > 31 {
		return time.Time{}, false
	}
	d := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return d, d.Day() == day
}

func absDays(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// atoi reads the digits s holds; the finders only pass short digit runs.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
