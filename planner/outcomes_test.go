package planner

import (
	"strconv"
	"testing"
	"time"
)

// The demo's November, counted by hand from the demo's records:
//   - the internal appeal of the 2026-10-20 denial was filed on
//     2026-11-16 (1 filed), and is undecided (none won or lost);
//   - no pre-authorization was approved (the ketamine one was denied in
//     October, the esketamine one is pending);
//   - one application was sent, on 2026-11-10, and none awarded;
//   - two calls were logged in November (2026-11-16 and 2026-11-18; the
//     third was 2026-10-22);
//   - the appeal's deadline, 180 days from 2026-10-20 (2027-04-18), is not
//     in November: none met or missed;
//   - the costliest scenario is the loan, net $9,225.53, and the best plan
//     available now the grant, net $5,186.00: $4,039.53 saved.
func TestOutcomesOfTheDemo(t *testing.T) {
	n := 0
	f, _ := DemoFileWithCatalog(func() ID { n++; return ID("ID" + strconv.Itoa(n)) })
	o := f.Outcomes(NewDate(2026, time.November, 1), NewDate(2026, time.November, 30), NewDate(2026, time.December, 1))
	want := Outcomes{Patient: f.Patient.ID, Name: f.Patient.Name, From: NewDate(2026, time.November, 1), To: NewDate(2026, time.November, 30),
		AppealsFiled: 1, Applied: 1, Calls: 2, Savings: Dollars(4_039) + 53}
	if o != want {
		t.Errorf("got  %+v\nwant %+v", o, want)
	}
}

// Deadlines count once they have passed: met when filed on or before the
// day, missed otherwise; decisions count in the period they were made.
func TestOutcomesCountDeadlinesAndDecisions(t *testing.T) {
	n := 0
	f, _ := DemoFileWithCatalog(func() ID { n++; return ID("ID" + strconv.Itoa(n)) })
	course := f.Denials[0].CourseID
	day := func(m time.Month, d int) Date { return NewDate(2026, m, d) }
	// Three denials of 2026-01-05: their internal appeal is due 180 days
	// later, 2026-07-04 (26 days to the end of January leave 154; February
	// 28 leave 126, March 31 leave 95, April 30 leave 65, May 31 leave 34,
	// June 30 leave 4: July 4).
	notice := day(time.January, 5)
	due := day(time.July, 4)
	f.Denials = []Denial{
		{CourseID: course, Notice: notice, Reason: f.Denials[0].Reason, Level: LevelInternal, Filed: due, Decision: DecisionOverturned, Decided: day(time.August, 3)},
		{CourseID: course, Notice: notice, Reason: f.Denials[0].Reason, Level: LevelInternal, Filed: due.AddDays(1), Decision: DecisionUpheld, Decided: day(time.August, 20)},
		{CourseID: course, Notice: notice, Reason: f.Denials[0].Reason, Level: LevelInternal},
	}
	f.PreAuthorizations[1].Status, f.PreAuthorizations[1].Decided = PreAuthApproved, day(time.July, 9)
	// One approved in July that has since run out: approved all the same.
	f.PreAuthorizations[0].Status, f.PreAuthorizations[0].Decided = PreAuthExpired, day(time.July, 20)
	f.Applications[0].Status, f.Applications[0].Decided, f.Applications[0].Awarded = ApplicationAwarded, day(time.July, 15), Dollars(1_200)
	if got := f.Denials[0].FileDeadline(f.RouteFor(course)).Due; got != due {
		t.Fatalf("the deadline is %s, not %s", got, due)
	}
	o := f.Outcomes(day(time.July, 1), day(time.August, 31), day(time.December, 1))
	// Filed in the period: the first (on the day) and the second (a day
	// late); won one, lost one; of the three deadlines, one met and two
	// missed; two pre-authorizations approved; one award of $1,200.00.
	if o.AppealsFiled != 2 || o.AppealsWon != 1 || o.AppealsLost != 1 || o.DeadlinesMet != 1 || o.DeadlinesMissed != 2 ||
		o.PreAuthsApproved != 2 || o.Awarded != 1 || o.AwardedAmount != Dollars(1_200) {
		t.Errorf("%+v (the deadline: %s)", o, due)
	}
	// A deadline not yet passed counts as neither.
	if o := f.Outcomes(day(time.July, 1), day(time.August, 31), due); o.DeadlinesMet+o.DeadlinesMissed != 0 {
		t.Errorf("a deadline of today counted: %+v", o)
	}
	total := o.Add(o)
	if total.AppealsFiled != 4 || total.AwardedAmount != Dollars(2_400) || total.Savings != 2*o.Savings {
		t.Errorf("total %+v", total)
	}
}
