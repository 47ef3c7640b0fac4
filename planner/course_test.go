package planner

import (
	"slices"
	"testing"
	"time"
)

func dates(claims []Claim) []Date {
	var ds []Date
	for _, c := range claims {
		ds = append(ds, c.Date)
	}
	return ds
}

func TestCourseExpansion(t *testing.T) {
	d := func(m time.Month, day, year int) Date { return NewDate(year, m, day) }
	c := Course{
		Name:  "Infusions",
		Start: d(time.December, 7, 2026), // a Monday
		Fees:  []Fee{{Name: "Evaluation"}},
		Phases: []Phase{
			// Twice a week: days 0 and 3 of each week.
			{Name: "Induction", Sessions: 6, Spacing: Spacing{2, TimesPerWeek}},
			// Every 4 weeks, the first 4 weeks after the last induction.
			{Name: "Booster", Sessions: 3, Spacing: Spacing{4, EveryWeeks}},
		},
	}
	want := []Date{
		d(time.December, 7, 2026), // the evaluation, on day one
		d(time.December, 7, 2026), d(time.December, 10, 2026), d(time.December, 14, 2026),
		d(time.December, 17, 2026), d(time.December, 21, 2026), d(time.December, 24, 2026),
		// Dec 24 + 28 days = Jan 21; then Feb 18, Mar 18.
		d(time.January, 21, 2027), d(time.February, 18, 2027), d(time.March, 18, 2027),
	}
	claims := c.Claims()
	if got := dates(claims); !slices.Equal(got, want) {
		t.Errorf("dates\n %v, want\n %v", got, want)
	}
	if got := claims[0].Label(&c); got != "Evaluation" {
		t.Errorf("fee label %q", got)
	}
	if got := claims[2].Label(&c); got != "Induction 2 of 6" {
		t.Errorf("session label %q", got)
	}
	if c.Sessions() != 9 || c.End() != d(time.March, 18, 2027) {
		t.Errorf("sessions %d, end %s", c.Sessions(), c.End())
	}
}

func TestSpacings(t *testing.T) {
	start := NewDate(2027, time.January, 31)
	tests := []struct {
		spacing Spacing
		want    []int // days after the start (-1: see wantDates)
		wantDay []Date
	}{
		// Three a week: days 0, 2, 4, then 7, 9.
		{spacing: Spacing{3, TimesPerWeek}, want: []int{0, 2, 4, 7, 9}},
		{spacing: Spacing{1, TimesPerWeek}, want: []int{0, 7, 14}},
		{spacing: Spacing{10, EveryDays}, want: []int{0, 10, 20}},
		{spacing: Spacing{2, EveryWeeks}, want: []int{0, 14, 28}},
		// Monthly from Jan 31 keeps the 31st where it can: Feb 28, Mar 31,
		// Apr 30 (each counted from the start, so March is not the 28th).
		{spacing: Spacing{1, EveryMonths}, wantDay: []Date{start, NewDate(2027, time.February, 28),
			NewDate(2027, time.March, 31), NewDate(2027, time.April, 30)}},
	}
	for _, tt := range tests {
		n := max(len(tt.want), len(tt.wantDay))
		c := Course{Start: start, Phases: []Phase{{Name: "P", Sessions: n, Spacing: tt.spacing}}}
		want := tt.wantDay
		if want == nil {
			for _, days := range tt.want {
				want = append(want, start.AddDays(days))
			}
		}
		if got := dates(c.Claims()); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", tt.spacing, got, want)
		}
	}
}

func TestPhaseForMonths(t *testing.T) {
	// Every 2 weeks for 2 months from 2027-01-01: sessions before 2027-03-01
	// fall on Jan 1, 15, 29, Feb 12 and 26: five.
	c := Course{Start: NewDate(2027, time.January, 1), Phases: []Phase{{Name: "M", ForMonths: 2, Spacing: Spacing{2, EveryWeeks}}}}
	if got := c.Sessions(); got != 5 {
		t.Errorf("sessions %d, want 5", got)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("validate: %v", err)
	}
}

func TestSpacingWords(t *testing.T) {
	for spacing, want := range map[Spacing]string{
		{1, TimesPerWeek}: "once a week",
		{2, TimesPerWeek}: "twice a week",
		{3, TimesPerWeek}: "3 times a week",
		{1, EveryDays}:    "every day",
		{4, EveryWeeks}:   "every 4 weeks",
		{1, EveryMonths}:  "every month",
		{3, EveryMonths}:  "every 3 months",
	} {
		if got := spacing.String(); got != want {
			t.Errorf("%v: %q, want %q", spacing, got, want)
		}
	}
}

func TestCourseLimits(t *testing.T) {
	// An unvalidated course never expands past the session limit.
	c := Course{Start: NewDate(2027, time.January, 1), Phases: []Phase{
		{Name: "A", Sessions: 900, Spacing: Spacing{1, EveryDays}},
		{Name: "B", Sessions: 900, Spacing: Spacing{1, EveryDays}},
		{Name: "C", Sessions: 0, Spacing: Spacing{0, EveryDays}},
	}}
	if n := len(c.Claims()); n != maxSessions {
		t.Errorf("%d claims, want the %d limit", n, maxSessions)
	}
	if err := c.Validate(); err == nil || !contains(err.Error(), "C has no sessions") {
		t.Errorf("validate: %v", err)
	}
	c.Phases = c.Phases[:2]
	if err := c.Validate(); err == nil || !contains(err.Error(), "more than 1000 sessions") {
		t.Errorf("validate: %v", err)
	}
	// A spacing that runs the course centuries ahead is refused.
	c.Phases = []Phase{{Name: "Far", Sessions: 1000, Spacing: Spacing{366, EveryMonths}}}
	if err := c.Validate(); err == nil || !contains(err.Error(), "runs into the year") {
		t.Errorf("validate: %v", err)
	}
	c.Phases = []Phase{{Name: "Long", ForMonths: 121, Spacing: Spacing{1, EveryMonths}}}
	if err := c.Validate(); err == nil || !contains(err.Error(), "lasts 121 months") {
		t.Errorf("validate: %v", err)
	}
}
