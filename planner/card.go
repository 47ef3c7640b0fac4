package planner

import "math/bits"

// A deferred-interest card ("no interest if paid in full within 12 months")
// is simulated statement by statement, as card agreements describe it:
//
//   - each day's charges are a purchase with its own promotion, which ends
//     PromoMonths after the purchase's date;
//   - interest accrues on each purchase's balance at the daily rate APR/365
//     from the purchase's date (the daily balance method), rounded to the
//     cent once a statement, and once more at a promotion's end when the
//     statement straddles it;
//   - while a purchase's promotion runs, its interest is deferred: waived if
//     the purchase is paid in full by the promotion's end, charged all at
//     once if not, after which interest is charged on it like any balance;
//   - a payment is due each month on the day of the month of the first
//     purchase, the first one a month after it; it is the larger of the
//     planned payment and the card's minimum, and never more than the
//     balance;
//   - the minimum payment goes to the oldest balance first; what is paid
//     above it goes first to a balance whose promotion ends before the
//     second payment after this one (the two statements before it ends),
//     then to the oldest balance, as 12 CFR 1026.53(b)(1) and (a) require
//     (https://www.ecfr.gov/current/title-12/part-1026/section-1026.53).
//
// A purchase made on a payment day comes after that day's payment.

// purchase is one day's charges on a deferred-interest card.
type purchase struct {
	date   Date
	month  int // the timeline's month of date
	amount Money
	ends   Date // the day its promotion ends
}

// paydays are a card's payment days, the first purchase's day of the month
// in each month after it (clamped to shorter months), worked out once and
// remembered: a card is run many times over the same days.
type paydays struct {
	first Date
	month Month  // first's
	day   int    // first's day of the month
	days  []Date // days[k] is the k-th payment day; days[0] is first
}

func newPaydays(first Date) *paydays {
	p := &paydays{}
	p.reset(first)
	return p
}

// reset starts the days from first, keeping those already worked out
// when first is the day they were worked out from.
func (p *paydays) reset(first Date) {
	if len(p.days) > 0 && p.first == first {
		return
	}
	p.month, p.day = first.monthDay()
	p.first, p.days = first, append(p.days[:0], first)
}

// at returns the k-th payment day.
func (p *paydays) at(k int) Date {
	for len(p.days) <= k {
		// first.AddMonths(len(p.days)), from first's calendar day
		// worked out once
		p.days = append(p.days, (p.month + Month(len(p.days))).day(p.day))
	}
	return p.days[k]
}

// purchaseState is a purchase while the card is simulated.
type purchaseState struct {
	balance Money // what is owed on it, charged interest included
	accrued Money // interest deferred during its promotion
	over    bool  // its promotion is over: paid in time, or charged
}

// cardRun is what a deferred-interest card costs under one monthly payment.
type cardRun struct {
	// owedAtPromoEnd is what was still owed on the purchases whose
	// promotions ended unpaid, each on its own last day; deferred is the
	// interest accrued unseen on every purchase (waived or charged);
	// charged is the part of it charged at once, first on cliffDate.
	owedAtPromoEnd Money
	deferred       Money
	charged        Money
	cliff          bool
	cliffDate      Date
	interest       Money // all interest charged: deferred and after
	neverPaidOff   bool
	last           int // the last month the run reached
	// belowMinimum: in month belowMonth the planned payment was less than
	// the card's minimum, minimumThen, so the card took the minimum.
	belowMinimum bool
	belowMonth   int
	minimumThen  Money
}

// run simulates the card from the first purchase with the planned payment
// (zero: the minimum only), recording each month's payment and the balance
// at its end in t (which may be nil): every cell of t from the first
// purchase's month to the last month run is written, and none is read
// before it is, so t's memory need not be cleared. states is working memory
// of len(buys). untilPromoEnd stops the run once every promotion is over, or
// as soon as one purchase is charged its deferred interest.
func (c *DeferredInterestCard) run(buys []purchase, states []purchaseState, days *paydays, planned Money, t *column, untilPromoEnd bool) cardRun {
	var out cardRun
	if len(buys) == 0 {
		return out
	}
	firstIdx := buys[0].month
	clear(states)
	var total Money // what is owed on every purchase added so far
	added := 0      // purchases added so far
	lastEnds := buys[len(buys)-1].ends
	// set records the balance owed at the end of month m (each event, in
	// date order, overwrites the month's figure).
	set := func(m int) {
		if t != nil {
			t.owed[m-t.from] = total
		}
	}
	// end closes purchase i's promotion: its deferred interest is waived
	// if it is paid, and charged onto its balance at once if it is not.
	end := func(i int) {
		s := &states[i]
		s.over = true
		out.deferred += s.accrued
		if s.balance == 0 {
			return
		}
		out.owedAtPromoEnd += s.balance
		out.charged += s.accrued
		out.interest += s.accrued
		if !out.cliff {
			out.cliff, out.cliffDate = true, buys[i].ends
		}
		s.balance += s.accrued
		total += s.accrued
	}
	// charge adds days of interest on purchase i's balance to it, and
	// says how much.
	charge := func(i int, days int) Money {
		in := dailyInterest(states[i].balance, c.APR, days)
		states[i].balance += in
		total += in
		return in
	}
	if t != nil {
		t.paid[firstIdx-t.from] = 0 // the first payment is a month on
	}
	prev := buys[0].date
	open := 0
	// The lowest balance after every promotion, and the statements since
	// it was reached (-1: none yet).
	var lowest Money
	sinceLow := -1
	for k := 1; ; k++ {
		pay := days.at(k)
		m := firstIdx + k
		// The purchases of this statement, from the last payment day to
		// the day before this one.
		for added < len(buys) && buys[added].date < pay {
			states[added].balance = buys[added].amount
			total += buys[added].amount
			set(buys[added].month)
			added++
		}
		// Purchases before open are paid and over: the loops below skip
		// them.
		for open < added && states[open].over && states[open].balance == 0 {
			open++
		}
		// Interest for the statement, purchase by purchase.
		var charged Money
		for i := open; i < added; i++ {
			s := &states[i]
			if s.balance == 0 {
				continue
			}
			from, ends := max(prev, buys[i].date), buys[i].ends
			switch {
			case !s.over && ends < pay:
				// The promotion ends within the statement: deferred
				// interest up to its end, then (as nothing paid it in
				// time) the cliff and ordinary interest after it.
				s.accrued += dailyInterest(s.balance, c.APR, from.DaysUntil(ends))
				end(i)
				if ends.Month() < pay.Month() && t != nil {
					t.owe(m-1, s.accrued) // the month ended with it owed
				}
				charged += charge(i, ends.DaysUntil(pay))
			case !s.over:
				s.accrued += dailyInterest(s.balance, c.APR, from.DaysUntil(pay))
			default:
				charged += charge(i, from.DaysUntil(pay))
			}
		}
		out.interest += charged
		// The payment, and where it goes.
		minimum := c.minimum(total)
		if planned > 0 && planned < minimum && !out.belowMinimum {
			out.belowMinimum, out.belowMonth, out.minimumThen = true, m, minimum
		}
		paid := min(max(planned, minimum), total)
		c.apply(states[open:added], buys[open:added], min(minimum, paid), paid-min(minimum, paid), days.at(k+2))
		total -= paid
		if t != nil {
			t.paid[m-t.from] = paid
		}
		// Promotions that end on the payment day, and purchases paid in
		// full before theirs ends.
		for i := open; i < added; i++ {
			if s := &states[i]; !s.over && (s.balance == 0 || buys[i].ends == pay) {
				end(i)
			}
		}
		set(m)
		prev = pay
		out.last = m
		if untilPromoEnd && (out.cliff || (added == len(buys) && pay >= lastEnds)) {
			return out
		}
		if added == len(buys) && total == 0 {
			return out
		}
		// After every promotion, a balance that has not come down in a
		// year of statements never will (one long statement's interest
		// may beat a payment that the year's still beats); nor is a
		// balance paid off that takes longer than a loan's longest term.
		if added == len(buys) && pay > lastEnds {
			if total < lowest || sinceLow < 0 {
				lowest, sinceLow = total, 0
			} else {
				sinceLow++
			}
		}
		if sinceLow >= 12 || m > buys[len(buys)-1].month+c.PromoMonths+maxTermMonths || total > MaxMoney {
			out.neverPaidOff = true
			return out
		}
	}
}

// apply pays minimum and then extra on the purchases, in the order 12 CFR
// 1026.53 asks: the minimum to the oldest balance first; the extra first to
// purchases whose promotion ends before window (the second payment day
// after this one), soonest first, then to the oldest balance.
func (c *DeferredInterestCard) apply(states []purchaseState, buys []purchase, minimum, extra Money, window Date) {
	payOldest := func(amount Money) Money {
		for i := range states {
			if amount == 0 {
				break
			}
			take := min(amount, states[i].balance)
			states[i].balance -= take
			amount -= take
		}
		return amount
	}
	payOldest(minimum)
	for extra > 0 {
		soonest := -1
		for i := range states {
			s := &states[i]
			if ends := buys[i].ends; !s.over && s.balance > 0 && ends < window && (soonest < 0 || ends < buys[soonest].ends) {
				soonest = i
			}
		}
		if soonest < 0 {
			break
		}
		take := min(extra, states[soonest].balance)
		states[soonest].balance -= take
		extra -= take
	}
	payOldest(extra)
}

// dailyInterest is the interest on balance at apr for days days, at the
// daily rate apr/365, rounded half up to the cent.
func dailyInterest(balance Money, apr Rate, days int) Money {
	if balance <= 0 || days <= 0 || apr == 0 {
		return 0
	}
	const den = 365 * int64(OneHundredPercent)
	rateDays := int64(apr) * int64(days)
	if hi, lo := bits.Mul64(uint64(balance), uint64(rateDays)); hi == 0 && lo < 1<<62 && rateDays > 0 {
		return Money(roundHalfUpSmall(int64(lo), den)) // the same rule, by one native division
	}
	return Money(roundHalfUp(int64(balance), rateDays, den))
}

// minimum is the card's minimum payment on balance.
func (c *DeferredInterestCard) minimum(balance Money) Money {
	return min(balance, max(c.MinimumFloor, balance.Times(c.MinimumRate)))
}

// clearingPayment returns the smallest level monthly payment that pays
// every purchase in full before its promotion ends, so no deferred interest
// is ever charged; zero when none does. Paying everything owed at each
// payment nearly always does (each purchase is paid at the first payment
// after it), but not a purchase made on a payment day whose one-month
// promotion ends before the next one (a payment day clamped to a short
// month's end, Feb 28, before Mar 31). A larger payment never leaves more
// owed on any day, so the answer is found by search, starting from a bound
// worked out from the purchases: everything bought up to a purchase must
// be paid by the last payment of its promotion, so the payment is at least
// that total over those payments, for every purchase. Without a minimum
// payment rule that bound is usually the answer; a rule that pays more in
// some months can let a smaller planned payment do, found below it.
func (c *DeferredInterestCard) clearingPayment(buys []purchase, states []purchaseState, days *paydays) Money {
	clears := func(payment Money) bool {
		return !c.run(buys, states, days, payment, nil, true).cliff
	}
	if len(buys) == 0 {
		return 0
	}
	var all, bound Money
	k := 1 // payments up to the promotion's end of the purchase at hand
	for i, b := range buys {
		all += b.amount
		end := b.ends
		for days.at(k+1) <= end {
			k++
		}
		if i == len(buys)-1 || buys[i+1].ends != end {
			bound = max(bound, Money(ceilDiv(int64(all), int64(k))))
		}
	}
	if all == 0 {
		return 0
	}
	// search finds the smallest payment in (lo, hi] that clears, given
	// that lo does not and hi does.
	search := func(lo, hi Money) Money {
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
	// A larger payment clears whenever a smaller one does, so the bound
	// is tried first: in most cases it, and the cent below it, settle the
	// answer in two runs of the card.
	bound = min(bound, all)
	if clears(bound) {
		// With no minimum payment rule, paying nothing pays nothing: it
		// cannot clear, and neither can any payment below the bound.
		if (c.MinimumRate == 0 && c.MinimumFloor == 0) || !clears(bound-1) {
			return bound
		}
		if clears(0) {
			return 0
		}
		return search(0, bound-1)
	}
	if clears(0) || !clears(all) {
		return 0
	}
	// Above the bound: widen the step until a payment clears.
	lo, step := bound, Money(Dollar)
	for {
		hi := min(lo+step, all)
		if clears(hi) {
			return search(lo, hi)
		}
		lo, step = hi, 2*step
	}
}
