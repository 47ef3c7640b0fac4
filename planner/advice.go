package planner

// Advice: every ranking and every "best" answers what the patient can count
// on now. A scenario that counts on the insurer paying for a course whose
// coverage is not approved is "if approved": it is ranked after the plans
// available now and named apart from them, with the approval it waits on.
// A scenario that leaves part of the cost unpaid is never called best.

// Waiting is what a scenario waits on before it can be counted on: the
// coverage of its course, when the scenario counts on the insurer paying
// and the course is not known to be covered. Its zero value waits on
// nothing.
type Waiting struct {
	Course string
	Status CoverageStatus
}

// Waits reports whether there is anything to wait on.
func (w Waiting) Waits() bool { return w.Course != "" }

// String says what must happen first, as a condition: "if the appeal for
// IV ketamine infusions succeeds".
func (w Waiting) String() string {
	if !w.Waits() {
		return ""
	}
	switch w.Status {
	case StatusNeedsPreAuthorization:
		return "if the pre-authorization for " + w.Course + " is approved"
	case StatusDenied:
		return "if the denial of " + w.Course + " is overturned"
	case StatusAppealing:
		return "if the appeal for " + w.Course + " succeeds"
	case StatusNotCovered:
		return "if the plan pays for " + w.Course + " after all (it is marked not covered)"
	case StatusUnknown:
		return "if the plan covers " + w.Course + " (not known yet: ask the insurer)"
	}
	return ""
}

// waitingFor is what a scenario with a coverage case waits on, for a
// course with a coverage status: nothing when it is self-pay or the course
// is covered.
func waitingFor(c CoverageCase, course string, status CoverageStatus) Waiting {
	if c == SelfPay || status == StatusCovered {
		return Waiting{}
	}
	if course == "" {
		course = "the course" // a course with no name still waits
	}
	return Waiting{Course: course, Status: status}
}

// Standing is where a worked-out scenario stands as advice, in the order
// rankings list them.
type Standing int

const (
	// Available now: it pays for everything, and counts on nothing not yet
	// approved.
	AvailableNow Standing = iota
	// IfApproved: it pays for everything once its course's coverage is
	// approved.
	IfApproved
	// LeavesGap: part of the cost is left unpaid (Summary.UnfundedGap).
	LeavesGap
	// NeverPaidOff: a debt's planned payments never clear it.
	NeverPaidOff
)

// StandingOf is where an entry stands.
func (e *Entry) Standing() Standing {
	s := &e.Result.Summary
	switch {
	case s.NeverPaidOff:
		return NeverPaidOff
	case s.UnfundedGap > 0:
		return LeavesGap
	case e.Waits.Waits():
		return IfApproved
	}
	return AvailableNow
}

// BestNow is the entry of the lowest net total among the plans available
// now, if there is one.
func (c *Comparison) BestNow() (int, bool) { return c.first(AvailableNow) }

// BestIfApproved is the entry of the lowest net total among the plans
// that wait on approval, when it is lower than the best available now (or
// nothing is available now): what approval would change.
func (c *Comparison) BestIfApproved() (int, bool) {
	i, ok := c.first(IfApproved)
	if now, any := c.BestNow(); ok && any && c.Entries[i].Result.Summary.NetTotal >= c.Entries[now].Result.Summary.NetTotal {
		return 0, false
	}
	return i, ok
}

// first is the first entry of ByNetTotal that stands so.
func (c *Comparison) first(s Standing) (int, bool) {
	for _, i := range c.ByNetTotal {
		if c.Entries[i].Standing() == s {
			return i, true
		}
	}
	return 0, false
}

// String names the standing in a few words.
func (s Standing) String() string {
	switch s {
	case IfApproved:
		return "if approved"
	case LeavesGap:
		return "leaves part unpaid"
	case NeverPaidOff:
		return "never paid off"
	}
	return "available now"
}
