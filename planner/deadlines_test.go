package planner

import (
	"testing"
	"time"
)

func TestDeadlines(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return NewDate(y, m, day) }
	tests := []struct {
		name string
		got  Deadline
		want Date
	}{
		// 2026-03-02 + 180 days: 29 left in March, 30 in April, 31 in May,
		// 30 in June, 31 in July, 29 more → 2026-08-29.
		{"internal appeal", InternalAppealDue(d(2026, 3, 2), 0), d(2026, 8, 29)},
		// The date printed on the notice wins.
		{"internal appeal, notice date", InternalAppealDue(d(2026, 3, 2), d(2026, 8, 1)), d(2026, 8, 1)},
		// Filed 2026-05-10: +30 → 2026-06-09; +60 → 2026-07-09; +3 → 2026-05-13.
		{"appeal decision before the service", AppealDecisionDue(d(2026, 5, 10), PreService, 0), d(2026, 6, 9)},
		{"appeal decision after the service", AppealDecisionDue(d(2026, 5, 10), PostService, 0), d(2026, 7, 9)},
		{"urgent appeal decision", AppealDecisionDue(d(2026, 5, 10), Urgent, 0), d(2026, 5, 13)},
		// Submitted 2026-12-20: +15 → 2027-01-04; +30 → 2027-01-19.
		{"prior authorization decision", InitialDecisionDue(d(2026, 12, 20), PreService, 0), d(2027, 1, 4)},
		{"post-service decision", InitialDecisionDue(d(2026, 12, 20), PostService, 0), d(2027, 1, 19)},
		// Four calendar months from 2026-10-31 is February 2027, which has
		// 28 days: 2027-02-28, not March 3.
		{"external review, month end", ExternalReviewDue(d(2026, 10, 31), 0), d(2027, 2, 28)},
		// From 2027-10-31 it is February 2028, a leap year: 2028-02-29.
		{"external review, leap year", ExternalReviewDue(d(2027, 10, 31), 0), d(2028, 2, 29)},
		{"external review, mid-month", ExternalReviewDue(d(2026, 6, 15), 0), d(2026, 10, 15)},
		{"external review, notice date", ExternalReviewDue(d(2026, 10, 31), d(2026, 12, 30)), d(2026, 12, 30)},
		// Requested 2027-01-10: +45 → 2027-02-24; expedited +3 → 2027-01-13.
		{"external decision", ExternalDecisionDue(d(2027, 1, 10), false, 0), d(2027, 2, 24)},
		{"expedited external decision", ExternalDecisionDue(d(2027, 1, 10), true, 0), d(2027, 1, 13)},
	}
	for _, tt := range tests {
		if tt.got.Due != tt.want {
			t.Errorf("%s: due %s, want %s", tt.name, tt.got.Due, tt.want)
		}
		if tt.got.Rule == nil || tt.got.Rule.Source == "" || tt.got.Rule.Year == 0 {
			t.Errorf("%s: no rule with a year and a source", tt.name)
		}
	}
	if !InternalAppealDue(d(2026, 3, 2), d(2026, 8, 1)).Overridden || InternalAppealDue(d(2026, 3, 2), 0).Overridden {
		t.Error("override not marked")
	}
}

func TestDeadlineWords(t *testing.T) {
	due := Deadline{Due: NewDate(2027, 2, 28)}
	for today, want := range map[Date]string{
		NewDate(2027, 2, 16): "12 days left",
		NewDate(2027, 2, 27): "1 day left",
		NewDate(2027, 2, 28): "due today",
		NewDate(2027, 3, 1):  "overdue by 1 day",
		NewDate(2027, 3, 3):  "overdue by 3 days",
	} {
		if got := due.Left(today); got != want {
			t.Errorf("%s: %q, want %q", today, got, want)
		}
	}
	// The external review warning starts on day 60 after the final denial
	// (2026-10-31 + 60 = 2026-12-30).
	ext := ExternalReviewDue(NewDate(2026, 10, 31), 0)
	if ext.Warning(NewDate(2026, 12, 29)) != "" || ext.Warning(NewDate(2026, 12, 30)) == "" {
		t.Errorf("warning from %s: %q", ext.WarnFrom, ext.Warning(NewDate(2026, 12, 30)))
	}
	if ExternalReviewDue(NewDate(2026, 10, 31), NewDate(2027, 1, 15)).Warning(NewDate(2027, 1, 1)) != "" {
		t.Error("a date from the notice still warns")
	}
}

func TestGoodFaithDispute(t *testing.T) {
	// Estimate $3,300; a bill of $3,699.99 is $399.99 over: not disputable.
	// $3,700.00 is exactly $400 over: disputable, within 120 days of the
	// 2027-01-15 bill: 2027-05-15 (16 + 28 + 31 + 30 + 15 days).
	if ok, _ := GoodFaithDispute(Dollars(3_300), 369_999, NewDate(2027, 1, 15)); ok {
		t.Error("$399.99 over is disputable")
	}
	ok, by := GoodFaithDispute(Dollars(3_300), Dollars(3_700), NewDate(2027, 1, 15))
	if !ok || by.Due != NewDate(2027, 5, 15) {
		t.Errorf("$400 over: %v by %s", ok, by.Due)
	}
	for _, r := range ApprovalRules {
		if r.Name == "" || r.Value == "" || r.Year == 0 || r.Source == "" {
			t.Errorf("rule %+v is missing a part", r)
		}
	}
}
