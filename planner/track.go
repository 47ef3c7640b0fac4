package planner

// track is one funding source's money month by month, indexed from the
// course's first month: what was paid through it, and what was owed on it at
// each month's end.
type track struct {
	paid []Money
	owed []Money
}

func (t *track) grow(m int) {
	for len(t.paid) <= m {
		t.paid = append(t.paid, 0)
		t.owed = append(t.owed, 0)
	}
}

// pay records a payment in month m.
func (t *track) pay(m int, amount Money) {
	if t == nil {
		return
	}
	t.grow(m)
	t.paid[m] += amount
}

// owe adds to what is owed at the end of month m.
func (t *track) owe(m int, amount Money) {
	if t == nil {
		return
	}
	t.grow(m)
	t.owed[m] += amount
}

func (t *track) months() int { return len(t.paid) }
