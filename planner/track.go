package planner

// column is one funding source's cells in a scenario's timeline: what was
// paid through it and what was owed on it, month by month. The timeline
// keeps every source's cells side by side, stride to a month, so a source's
// schedule is written straight where the result reads it.
type column struct {
	paid, owed []Money
	stride, at int
}

// pay records a payment in month m. A nil column records nothing.
func (c *column) pay(m int, amount Money) {
	if c != nil {
		c.paid[m*c.stride+c.at] += amount
	}
}

// owe adds to what is owed at the end of month m.
func (c *column) owe(m int, amount Money) {
	if c != nil {
		c.owed[m*c.stride+c.at] += amount
	}
}
