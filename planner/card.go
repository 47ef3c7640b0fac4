package planner

// cardRun is what a deferred-interest card costs under one monthly payment.
type cardRun struct {
	payment Money // the planned payment the run used
	// owedAtPromoEnd is the balance left when the promotion ends (after that
	// month's payment); deferred is the interest accrued unseen by then, or
	// by payoff if earlier.
	owedAtPromoEnd Money
	deferred       Money
	cliff          bool // the deferred interest was charged
	interest       Money
	neverPaidOff   bool
}

// run simulates the card month by month from the first purchase (month
// first) with the planned payment, recording payments and balances on t
// (which may be nil). Month by month: interest on the balance carried in
// (unseen during the promotion, charged after it), then the payment (the
// larger of the planned and the minimum payment, at most the balance), then
// the month's purchases. When the promotion ends, a balance above zero
// brings every cent of the unseen interest onto the balance at once.
// untilPromoEnd stops the run there.
func (c *DeferredInterestCard) run(purchases []Money, first int, planned Money, t *track, untilPromoEnd bool) cardRun {
	out := cardRun{payment: planned}
	promoEnd := first + c.PromoMonths
	last := len(purchases) - 1
	var balance, accrued Money
	for m := first; ; m++ {
		if m > first {
			interest := monthlyInterest(balance, c.APR)
			if m <= promoEnd {
				accrued += interest
			} else {
				balance += interest
				out.interest += interest
			}
			pay := min(max(planned, c.minimum(balance)), balance)
			balance -= pay
			if pay > 0 {
				t.pay(m, pay)
			}
			stuck := m > promoEnd && m >= last && balance > 0 && pay <= interest
			if stuck || m > promoEnd+maxTermMonths {
				out.neverPaidOff = true
				t.owe(m, balance)
				return out
			}
		}
		if m <= last {
			balance += purchases[m]
		}
		if m == promoEnd {
			out.owedAtPromoEnd, out.deferred = balance, accrued
			if untilPromoEnd {
				return out
			}
			if balance > 0 {
				out.cliff = true
				balance += accrued
				out.interest += accrued
			}
		}
		t.owe(m, balance)
		if balance == 0 && m >= last && m > first {
			if m < promoEnd {
				out.deferred = accrued
			}
			return out
		}
	}
}

// minimum is the card's minimum payment on balance.
func (c *DeferredInterestCard) minimum(balance Money) Money {
	return min(balance, max(c.MinimumFloor, balance.Times(c.MinimumRate)))
}

// clearingPayment returns the smallest monthly payment that leaves nothing
// owed when the promotion ends, so no deferred interest is ever charged; zero
// if no payment can (a purchase in the promotion's last month).
//
// Interest is not added during the promotion, so the payments must at least
// add up to the purchases: total / PromoMonths is a floor, and usually the
// answer. From there the search gallops up, then halves back.
func (c *DeferredInterestCard) clearingPayment(purchases []Money, first int) Money {
	var total Money
	for _, p := range purchases {
		total += p
	}
	clears := func(payment Money) bool {
		return c.run(purchases, first, payment, nil, true).owedAtPromoEnd == 0
	}
	if !clears(total) {
		return 0
	}
	lo := Money(ceilDiv(int64(total), int64(c.PromoMonths)))
	if clears(lo) {
		return lo
	}
	step := Money(1)
	hi := min(lo+step, total)
	for !clears(hi) { // lo does not clear; look for a hi that does
		lo, step = hi, 2*step
		hi = min(lo+step, total)
	}
	for hi-lo > 1 { // lo does not clear, hi does
		mid := lo + (hi-lo)/2
		if clears(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
