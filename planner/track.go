package planner

// column is one funding source's cells in a scenario's timeline: what was
// paid through it and what was owed on it, for each month from its first,
// from. A source's cells lie together, where only its months are, so its
// schedule is written and read back in one short run of memory.
type column struct {
	paid, owed []Money // owed is empty for a source nothing is owed on
	from       int
}

// pay records a payment in month m. A nil column records nothing.
func (c *column) pay(m int, amount Money) {
	if c != nil {
		c.paid[m-c.from] += amount
	}
}

// owe adds to what is owed at the end of month m.
func (c *column) owe(m int, amount Money) {
	if c != nil {
		c.owed[m-c.from] += amount
	}
}

// span is where a source's cells lie in a result's cells: its months from
// from to to (not included), what was paid in them at paid and what was
// owed at owed (-1: nothing is ever owed on it).
type span struct {
	from, to, paid, owed int
}

// cell is the cell of month m in the cells at, or 0 for a month the span
// leaves out.
func (s span) cell(cells []Money, at, m int) Money {
	if at < 0 || m < s.from || m >= s.to {
		return 0
	}
	return cells[at+m-s.from]
}
