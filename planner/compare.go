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
	// could be worked out, best first: the lowest net total, and the lowest
	// highest monthly payment. Scenarios never paid off come last; ties keep
	// the scenarios' order.
	ByNetTotal       []int
	ByHighestMonthly []int
}

// Entry is one scenario of a comparison: its result, or the error that kept
// it from being worked out.
type Entry struct {
	Result Result
	Err    error
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
		if e.Err == nil {
			c.ByNetTotal = append(c.ByNetTotal, i)
		}
	}
	c.ByHighestMonthly = append(c.ByHighestMonthly, c.ByNetTotal...)
	summary := func(i int) *Summary { return &c.Entries[i].Result.Summary }
	// A scenario whose debt is never paid off has totals that leave out what
	// it still owes: it ranks after every other, however low they look.
	trap := func(i int) int {
		if summary(i).NeverPaidOff {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(c.ByNetTotal, func(a, b int) int {
		return cmp.Or(cmp.Compare(trap(a), trap(b)), cmp.Compare(summary(a).NetTotal, summary(b).NetTotal),
			cmp.Compare(summary(a).HighestMonthly, summary(b).HighestMonthly))
	})
	slices.SortStableFunc(c.ByHighestMonthly, func(a, b int) int {
		return cmp.Or(cmp.Compare(trap(a), trap(b)), cmp.Compare(summary(a).HighestMonthly, summary(b).HighestMonthly),
			cmp.Compare(summary(a).NetTotal, summary(b).NetTotal))
	})
}
