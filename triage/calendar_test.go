package triage

import (
	"testing"
	"time"
)

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25"} {
		if got := easter(y).Format(time.DateOnly); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestBusinessDay(t *testing.T) {
	tests := []struct {
		country string
		day     string
		want    bool
	}{
		{"", "2026-11-11", true},    // no country: a Wednesday is worked
		{"FR", "2026-11-11", false}, // Armistice
		{"FR", "2026-11-12", true},
		{"FR", "2026-05-14", false}, // Ascension 2026
		{"FR", "2026-05-25", false}, // Whit Monday 2026
		{"FR", "2026-04-06", false}, // Easter Monday
		{"FR", "2026-04-03", true},  // Good Friday is worked in France…
		{"DE", "2026-04-03", false}, // …not in Germany
		{"DE", "2025-10-03", false}, // German Unity Day
		{"DE", "2026-10-02", true},
		{"BE", "2026-07-21", false},
		{"ES", "2026-12-08", false},
		{"IT", "2026-06-02", false},
		{"NL", "2026-04-27", false}, // King's Day
		{"NL", "2025-05-05", false}, // Liberation Day, every five years
		{"NL", "2026-05-05", true},
		{"GB", "2026-05-04", false}, // early May bank holiday
		{"GB", "2026-05-25", false}, // spring bank holiday
		{"GB", "2026-08-31", false}, // summer bank holiday
		{"GB", "2026-12-28", false}, // Boxing Day 2026 is a Saturday: moved to Monday
		{"GB", "2022-12-27", false}, // Christmas 2022 on a Sunday: moved to Tuesday
		{"GB", "2021-12-28", false}, // Boxing Day 2021 on a Sunday: moved to Tuesday
		{"GB", "2026-12-29", true},
		{"FR", "2026-11-14", false}, // Saturday
	}
	for _, tt := range tests {
		cal := Calendar{Country: tt.country}
		if got := cal.BusinessDay(date(tt.day)); got != tt.want {
			t.Errorf("%s %s: business day = %v, want %v", tt.country, tt.day, got, tt.want)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	fr, err := ParseCalendar("fr", []string{"2026-12-24", "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-09", 1, "2026-11-10"},
		{"2026-11-10", 1, "2026-11-12"}, // skips the 11th
		{"2026-11-13", 1, "2026-11-16"}, // Friday → Monday
		{"2026-11-13", 0, "2026-11-13"},
		{"2026-11-14", 0, "2026-11-16"}, // a Saturday moves to Monday
		{"2026-12-22", 3, "2026-12-29"}, // 23, (24 closed, 25 holiday, weekend) 28, 29
		{"2026-12-30", 1, "2027-01-04"}, // 31 closed, 1 January, weekend
	}
	for _, tt := range tests {
		if got := fr.AddBusinessDays(date(tt.from), tt.n).Format(time.DateOnly); got != tt.want {
			t.Errorf("%s + %d business days = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestParseCalendarErrors(t *testing.T) {
	if _, err := ParseCalendar("XX", nil); err == nil {
		t.Error("unknown country accepted")
	}
	if _, err := ParseCalendar("FR", []string{"24/12/2026"}); err == nil {
		t.Error("bad closing day accepted")
	}
	if err := (Settings{ConfidenceThreshold: 1.2}).Validate(); err == nil {
		t.Error("threshold above 1 accepted")
	}
}

func TestFollowUpOn(t *testing.T) {
	cal := Calendar{Country: "FR"}
	st := Status{Code: "promise_to_pay", FollowUpDays: 7, ActionTemplate: "check_payment"}
	now := date("2026-11-09")
	// A promise for Tuesday 10 November: follow-up the day after is the 11th,
	// a holiday, so Thursday 12.
	if f := FollowUpOn(st, date("2026-11-11"), now, cal); f.Due.Format(time.DateOnly) != "2026-11-12" || f.Template != "check_payment" {
		t.Errorf("follow-up %+v", f)
	}
	// A day already past falls back on the status's plan: 7 business days.
	if f := FollowUpOn(st, date("2026-11-01"), now, cal); f.Due.Format(time.DateOnly) != "2026-11-19" {
		t.Errorf("past day: follow-up %+v", f)
	}
	if f := PlanFollowUp(Status{Code: "dispute_resolved"}, now, cal); f != nil {
		t.Errorf("no follow-up expected, got %+v", f)
	}
}
