package planner

import (
	"cmp"
	"slices"
)

// Comparison is several scenarios worked out side by side, with their
// rankings.
type Comparison struct {
	ev      Evaluator
	Entries []Entry
	// ByNetTotal and ByHighestMonthly list the indexes of the entries that
	// could be worked out, best first, by where they stand (see Standing):
	// the plans available now, then those waiting on approval, then those
	// that leave part of the cost unpaid, then those never paid off; within
	// each, by the lowest net total or the lowest highest monthly payment.
	// Ties keep the scenarios' order.
	ByNetTotal       []int
	ByHighestMonthly []int
}

// Entry is one scenario of a comparison: its result, or the error that kept
// it from being worked out, and what it waits on.
type Entry struct {
	Result Result
	Err    error
	Waits  Waiting
}

// Compare works out every scenario and ranks them. A scenario with an error
// keeps its place in Entries with the error, and is left out of the rankings.
func Compare(scenarios []Scenario) Comparison {
	var c Comparison
	c.Recompute(scenarios)
	return c
}

// Recompute works the scenarios out again into c, reusing the memory of its
// earlier results: what the app does when an input changes. What c held
// before is replaced.
func (c *Comparison) Recompute(scenarios []Scenario) {
	if cap(c.Entries) < len(scenarios) {
		c.Entries = append(c.Entries[:cap(c.Entries)], make([]Entry, len(scenarios)-cap(c.Entries))...)
	}
	c.Entries = c.Entries[:len(scenarios)]
	c.ByNetTotal, c.ByHighestMonthly = c.ByNetTotal[:0], c.ByHighestMonthly[:0]
	for i := range scenarios {
		e := &c.Entries[i]
		e.Err = c.ev.Evaluate(&scenarios[i], &e.Result)
		e.Waits = scenarios[i].Waits
		if e.Err == nil {
			c.ByNetTotal = append(c.ByNetTotal, i)
		}
	}
	c.ByHighestMonthly = append(c.ByHighestMonthly, c.ByNetTotal...)
	summary := func(i int) *Summary { return &c.Entries[i].Result.Summary }
	// A scenario whose debt is never paid off has totals that leave out what
	// it still owes, and one with a gap leaves it unpaid: they rank after
	// every whole plan, however low they look; a plan waiting on approval
	// ranks after those available now.
	standing := func(i int) Standing { return c.Entries[i].Standing() }
	slices.SortStableFunc(c.ByNetTotal, func(a, b int) int {
		return cmp.Or(cmp.Compare(standing(a), standing(b)), cmp.Compare(summary(a).NetTotal, summary(b).NetTotal))
	})
	slices.SortStableFunc(c.ByHighestMonthly, func(a, b int) int {
		return cmp.Or(cmp.Compare(standing(a), standing(b)), cmp.Compare(summary(a).HighestMonthly, summary(b).HighestMonthly))
	})
}
