package planner

// track is one funding source's money month by month, indexed from the
// course's first month: what was paid through it, and what was owed on it at
// each month's end.
type track struct {
	paid []Money
	owed []Money
}

// grow makes room for month m, reallocating both slices together with room
// to spare: most tracks run a few years.
func (t *track) grow(m int) {
	if m < len(t.paid) {
		return
	}
	if m >= cap(t.paid) {
		size := max(2*(m+1), 64)
		buf := make([]Money, 2*size)
		paid, owed := buf[:len(t.paid):size], buf[size:size+len(t.owed):2*size]
		copy(paid, t.paid)
		copy(owed, t.owed)
		t.paid, t.owed = paid, owed
	}
	t.paid, t.owed = t.paid[:m+1], t.owed[:m+1]
}

// reserve sizes an empty track for n months, when the caller knows how long
// it runs.
func (t *track) reserve(n int) {
	if cap(t.paid) == 0 && n > 0 {
		buf := make([]Money, 2*n)
		t.paid, t.owed = buf[:0:n], buf[n:n:2*n]
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
