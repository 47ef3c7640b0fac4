package planner

import "strconv"

// Deadline is a date something must happen by, worked out from a rule or
// taken from the notice.
type Deadline struct {
	What string
	Due  Date
	Rule *Rule
	// Overridden: the date printed on the notice, which wins over the rule.
	Overridden bool
	// WarnFrom, when set, is the day from which the app warns that a
	// shorter limit may apply (some external review processes allow only
	// 60 days).
	WarnFrom Date
	// Caution, when set, is said with the date until the notice's own date
	// replaces it: the rule is the law's, the plan may set another.
	Caution string
}

// Urgency is how fast a claim must be decided.
type Urgency int

const (
	PreService Urgency = iota // before the care: prior authorization
	PostService
	Urgent
)

// due is the rule's date, unless the notice gives one.
func due(d Date, override Date) (Date, bool) {
	if !override.IsZero() {
		return override, true
	}
	return d, false
}

// InternalAppealDue is the last day to file an internal appeal: 180 days
// after the denial notice, or the date on the notice.
func InternalAppealDue(notice, override Date) Deadline {
	d, over := due(notice.AddDays(180), override)
	return Deadline{What: "File the internal appeal", Due: d, Rule: &RuleInternalAppeal, Overridden: over}
}

// AppealDecisionDue is when the insurer must decide an internal appeal
// filed on a day: 30 days before the service, 60 after it, 72 hours (three
// days) if urgent.
func AppealDecisionDue(filed Date, u Urgency, override Date) Deadline {
	days := map[Urgency]int{PreService: 30, PostService: 60, Urgent: 3}[u]
	d, over := due(filed.AddDays(days), override)
	return Deadline{What: "The insurer's decision on the appeal is due", Due: d, Rule: &RuleAppealDecision, Overridden: over}
}

// InitialDecisionDue is when the insurer must decide a request submitted on
// a day: 15 days for prior authorization, 30 after the service, 72 hours
// (three days) if urgent.
func InitialDecisionDue(submitted Date, u Urgency, override Date) Deadline {
	days := map[Urgency]int{PreService: 15, PostService: 30, Urgent: 3}[u]
	d, over := due(submitted.AddDays(days), override)
	return Deadline{What: "The insurer's decision on the request is due", Due: d, Rule: &RuleInitialDecision, Overridden: over}
}

// ExternalReviewDue is the last day to request an external review: four
// calendar months after the final internal denial (clamped to a shorter
// month's end), with a warning from day 60, since some plans and states
// allow only that; or the date on the notice.
func ExternalReviewDue(finalDenial, override Date) Deadline {
	d, over := due(finalDenial.AddMonths(4), override)
	return Deadline{What: "Request an external review", Due: d, Rule: &RuleExternalReview, Overridden: over,
		WarnFrom: finalDenial.AddDays(60)}
}

// ExternalDecisionDue is when the external reviewer must decide: 45 days
// after the request, or 72 hours (three days) if expedited.
func ExternalDecisionDue(requested Date, expedited bool, override Date) Deadline {
	days := 45
	if expedited {
		days = 3
	}
	d, over := due(requested.AddDays(days), override)
	return Deadline{What: "The external reviewer's decision is due", Due: d, Rule: &RuleExternalDecision, Overridden: over}
}

// GoodFaithDispute says whether a bill can be disputed against its Good
// Faith Estimate ($400 or more above it) and by when: 120 days after the
// bill.
func GoodFaithDispute(estimate, bill Money, billed Date) (disputable bool, by Deadline) {
	by = Deadline{What: "Start a billing dispute", Due: billed.AddDays(120), Rule: &RuleGoodFaithEstimate}
	return bill-estimate >= Dollars(400), by
}

// Left says how the deadline stands on a day: "12 days left", "due today",
// "1 day left", "overdue by 3 days".
func (d Deadline) Left(today Date) string {
	n := today.DaysUntil(d.Due)
	switch {
	case n == 0:
		return "due today"
	case n == 1:
		return "1 day left"
	case n > 1:
		return strconv.Itoa(n) + " days left"
	case n == -1:
		return "overdue by 1 day"
	}
	return "overdue by " + strconv.Itoa(-n) + " days"
}

// Warning says, from its WarnFrom day on, that a shorter limit may already
// have passed; "" before then or when there is none.
func (d Deadline) Warning(today Date) string {
	if d.Caution != "" && !d.Overridden {
		return d.Caution
	}
	if d.WarnFrom.IsZero() || today < d.WarnFrom || d.Overridden {
		return ""
	}
	return "Some plans and states allow only 60 days for this, and 60 days have passed since " + d.WarnFrom.AddDays(-60).String() +
		": check the deadline on your notice."
}
