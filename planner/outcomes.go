package planner

// Outcomes are what the work on one patient's case came to over a period,
// for an advocate's report to whoever funds the work. Each count is of
// what happened from From to To (both days included).
type Outcomes struct {
	Patient  ID
	Name     string
	From, To Date
	// AppealsFiled counts the denials appealed (filed) in the period;
	// AppealsWon and AppealsLost the appeals decided in it, overturned or
	// upheld.
	AppealsFiled, AppealsWon, AppealsLost int
	// PreAuthsApproved counts the pre-authorizations approved in the
	// period (those that have expired since included).
	PreAuthsApproved int
	// Applied counts the applications to assistance programs sent in the
	// period; Awarded those awarded in it, for AwardedAmount in all.
	Applied, Awarded int
	AwardedAmount    Money
	// Savings is what the best plan available now saves against the
	// costliest scenario that can be worked out, as the records stand
	// today (zero with fewer than two): an estimate, and of the case as a
	// whole rather than of the period.
	Savings Money
	// DeadlinesMet and DeadlinesMissed count the appeal filing deadlines
	// that fell in the period and have passed: met when the appeal was
	// filed on or before the day, missed when it was not.
	DeadlinesMet, DeadlinesMissed int
	// Calls counts the calls and messages logged in the period.
	Calls int
}

// Outcomes works out the file's outcomes from from to to, as of today.
func (f *PatientFile) Outcomes(from, to, today Date) Outcomes {
	o := Outcomes{Patient: f.Patient.ID, Name: f.Patient.Name, From: from, To: to}
	in := func(d Date) bool { return !d.IsZero() && d >= from && d <= to }
	for i := range f.Denials {
		d := &f.Denials[i]
		if in(d.Filed) {
			o.AppealsFiled++
		}
		if in(d.Decided) {
			switch d.Decision {
			case DecisionOverturned:
				o.AppealsWon++
			case DecisionUpheld:
				o.AppealsLost++
			}
		}
		due := d.FileDeadline(f.RouteFor(d.CourseID)).Due
		if !in(due) || due >= today {
			continue // not in the period, or not passed yet
		}
		if !d.Filed.IsZero() && d.Filed <= due {
			o.DeadlinesMet++
		} else {
			o.DeadlinesMissed++
		}
	}
	for _, p := range f.PreAuthorizations {
		// An approval that has since run out was approved all the same.
		if (p.Status == PreAuthApproved || p.Status == PreAuthExpired) && in(p.Decided) {
			o.PreAuthsApproved++
		}
	}
	for _, a := range f.Applications {
		if in(a.Applied) {
			o.Applied++
		}
		if a.Status == ApplicationAwarded && in(a.Decided) {
			o.Awarded++
			o.AwardedAmount += a.Awarded
		}
	}
	for _, c := range f.Contacts {
		if in(DateOf(c.When)) {
			o.Calls++
		}
	}
	f.WithComparison(func(_ []Scenario, c *Comparison) {
		if best, ok := c.BestNow(); ok {
			worked, costliest := 0, Money(0)
			for _, e := range c.Entries {
				if e.Err == nil {
					worked++
					costliest = max(costliest, e.Result.Summary.NetTotal)
				}
			}
			if worked > 1 {
				o.Savings = costliest - c.Entries[best].Result.Summary.NetTotal
			}
		}
	})
	return o
}

// Add sums two patients' outcomes (for a total).
func (o Outcomes) Add(p Outcomes) Outcomes {
	o.AppealsFiled += p.AppealsFiled
	o.AppealsWon += p.AppealsWon
	o.AppealsLost += p.AppealsLost
	o.PreAuthsApproved += p.PreAuthsApproved
	o.Applied += p.Applied
	o.Awarded += p.Awarded
	o.AwardedAmount += p.AwardedAmount
	o.Savings += p.Savings
	o.DeadlinesMet += p.DeadlinesMet
	o.DeadlinesMissed += p.DeadlinesMissed
	o.Calls += p.Calls
	return o
}
