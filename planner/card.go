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
	last           int // the last month the run reached
}

// run simulates the card month by month from the first purchase (month
// first) with the planned payment, recording payments and balances in t
// (which may be nil). Month by month: interest on the balance carried in
// (unseen during the promotion, charged after it), then the payment (the
// larger of the planned and the minimum payment, at most the balance), then
// the month's purchases. When the promotion ends, a balance above zero
// brings every cent of the unseen interest onto the balance at once.
// untilPromoEnd stops the run there.
func (c *DeferredInterestCard) run(purchases []Money, first int, planned Money, t *column, untilPromoEnd bool) cardRun {
	out := cardRun{payment: planned}
	promoEnd := first + c.PromoMonths
	last := len(purchases) - 1
	var balance, accrued Money
	for m := first; ; m++ {
		out.last = m
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
			// After the promotion, a payment that does not beat the month's
			// interest never clears the balance, whatever is bought later;
			// nor does one that takes longer than a loan's longest term.
			stuck := m > promoEnd && balance > 0 && pay <= interest
			if stuck || m > promoEnd+maxTermMonths || balance > MaxMoney {
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
// if no payment can (a purchase in the month the promotion ends). Purchases
// after that month are not part of the promotion.
//
// No interest is added during the promotion, and a month's purchases are
// first paid the month after, so the purchases from month j on must be paid
// by the payments of months j+1 to the promotion's end: the payment is at
// least suffix(j) / (end − j) for every j. The largest of these bounds is
// enough (from the last month the balance was zero, every later payment is
// a full one), so it is the answer, unless the card's minimum payment rule
// pays more in some months and a smaller planned payment would also do;
// then a bisection below it finds the smallest.
func (c *DeferredInterestCard) clearingPayment(purchases []Money, first int) Money {
	end := first + c.PromoMonths
	if end < len(purchases) && purchases[end] > 0 {
		return 0
	}
	var bound, suffix Money
	for j := min(len(purchases), end) - 1; j >= first; j-- {
		suffix += purchases[j]
		if purchases[j] > 0 {
			bound = max(bound, Money(ceilDiv(int64(suffix), int64(end-j))))
		}
	}
	clears := func(payment Money) bool {
		return c.run(purchases, first, payment, nil, true).owedAtPromoEnd == 0
	}
	if (c.MinimumRate == 0 && c.MinimumFloor == 0) || bound == 0 || !clears(bound-1) {
		return bound
	}
	lo, hi := Money(-1), bound-1 // lo does not clear (or is below zero), hi does
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if clears(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
