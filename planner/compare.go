package planner

import (
	"cmp"
	"slices"
)

// Comparison is several scenarios worked out side by side, with their
// rankings.
type Comparison struct {
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
	c := Comparison{Entries: make([]Entry, len(scenarios))}
	for i := range scenarios {
		r, err := Evaluate(&scenarios[i])
		c.Entries[i] = Entry{Result: r, Err: err}
		if err == nil {
			c.ByNetTotal = append(c.ByNetTotal, i)
		}
	}
	c.ByHighestMonthly = slices.Clone(c.ByNetTotal)
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
	return c
}
