package planner

import (
	"math/rand/v2"
	"testing"
	"time"
)

// card2699 is a deferred-interest card with a 12-month promotion and a
// 26.99% standard APR (r = 0.2699 / 12 = 0.0224916…), paying $100 a month.
func card2699() *DeferredInterestCard {
	return &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 12, APR: 269_900, PlannedPayment: Dollars(100)}
}

// testColumn is a lone column of n months.
func testColumn(n int) *column {
	buf := make([]Money, 2*n)
	return &column{paid: buf[:n], owed: buf[n:], stride: 1}
}

func TestDeferredInterestPaidInTime(t *testing.T) {
	// $1,200 bought in month 0, $100 a month: the 12th payment, in the
	// promotion's last month, clears it. The interest that accrued unseen,
	// on balances of 1,200, 1,100, … 100 (each × 0.0224916, rounded):
	// 26.99 + 24.74 + 22.49 + 20.24 + 17.99 + 15.74 + 13.50 + 11.25 + 9.00
	// + 6.75 + 4.50 + 2.25 = $175.44, is never charged.
	c := card2699()
	tr := testColumn(40)
	run := c.run([]Money{Dollars(1_200)}, 0, c.PlannedPayment, tr, false)
	if run.cliff || run.interest != 0 || run.deferred != 17_544 || run.owedAtPromoEnd != 0 {
		t.Errorf("run %+v: want no cliff, no interest, $175.44 deferred", run)
	}
	if run.last != 12 || tr.paid[12] != Dollars(100) || tr.owed[12] != 0 || tr.paid[13] != 0 {
		t.Errorf("timeline: last month %d, paid %v, owed %v", run.last, tr.paid, tr.owed)
	}
	if got := c.clearingPayment([]Money{Dollars(1_200)}, 0); got != Dollars(100) {
		t.Errorf("clearing payment %s, want $100.00 (1,200 / 12)", got)
	}
}

func TestDeferredInterestMissedByOnePayment(t *testing.T) {
	// $1,300 at $100 a month needs 13 payments; only 12 fall in the
	// promotion, so $100 is owed when it ends. Accrued unseen on 1,300,
	// 1,200, … 200: 29.24 + 26.99 + 24.74 + 22.49 + 20.24 + 17.99 + 15.74
	// + 13.50 + 11.25 + 9.00 + 6.75 + 4.50 = $202.43, all charged at once:
	// the balance becomes 302.43. Then, at 0.0224916 a month:
	//   month 13: 302.43 + 6.80 − 100 = 209.23
	//   month 14: 209.23 + 4.71 − 100 = 113.94
	//   month 15: 113.94 + 2.56 − 100 =  16.50
	//   month 16:  16.50 + 0.37 − 16.87 = 0
	// Interest in all: 202.43 + 6.80 + 4.71 + 2.56 + 0.37 = $216.87.
	c := card2699()
	tr := testColumn(40)
	run := c.run([]Money{Dollars(1_300)}, 0, c.PlannedPayment, tr, false)
	if !run.cliff || run.deferred != 20_243 || run.owedAtPromoEnd != Dollars(100) || run.interest != 21_687 {
		t.Errorf("run %+v: want the $202.43 cliff on $100 owed, $216.87 interest", run)
	}
	if run.last != 16 || tr.paid[16] != 1_687 || tr.owed[12] != 30_243 {
		t.Errorf("timeline: last month %d, last payment %s, owed after the cliff %s", run.last, tr.paid[16], tr.owed[12])
	}
	// 1,300 / 12 = 108.333… → $108.34 clears it in time.
	if got := c.clearingPayment([]Money{Dollars(1_300)}, 0); got != 10_834 {
		t.Errorf("clearing payment %s, want $108.34", got)
	}
}

func TestDeferredInterestMinimumPayment(t *testing.T) {
	// No planned payment: the minimum is the larger of 3% of the balance
	// and $35. On $1,000: month 1 pays max(30, 35) = 35.
	c := &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 6, APR: 269_900,
		MinimumRate: Percentage(3), MinimumFloor: Dollars(35)}
	if got := c.minimum(Dollars(1_000)); got != Dollars(35) {
		t.Errorf("minimum on $1,000 = %s, want $35.00", got)
	}
	// On $2,000: 3% = $60.
	if got := c.minimum(Dollars(2_000)); got != Dollars(60) {
		t.Errorf("minimum on $2,000 = %s, want $60.00", got)
	}
	// Below the floor, the whole balance.
	if got := c.minimum(Dollars(20)); got != Dollars(20) {
		t.Errorf("minimum on $20 = %s, want $20.00", got)
	}
	// Paying minimums for 6 months leaves most of $1,000 owed: the cliff.
	run := c.run([]Money{Dollars(1_000)}, 0, 0, nil, false)
	if !run.cliff || run.neverPaidOff {
		t.Errorf("minimum payments: %+v, want a cliff and a payoff", run)
	}
}

func TestDeferredInterestNeverPaidOff(t *testing.T) {
	// $10 a month on $5,000 at 26.99%: after the promotion the interest
	// (5,000 × 0.0224916 ≈ $112 a month) outruns the payment.
	c := card2699()
	c.PlannedPayment = Dollars(10)
	run := c.run([]Money{Dollars(5_000)}, 0, c.PlannedPayment, nil, false)
	if !run.neverPaidOff {
		t.Errorf("run %+v: want never paid off", run)
	}
}

func TestDeferredInterestLaterPurchases(t *testing.T) {
	// $600 in month 0 and $600 in month 3, $100 a month from month 1: the
	// promotion (12 months from the first purchase) ends after 12 payments
	// of $100 = $1,200: paid in time, so no interest.
	c := card2699()
	purchases := []Money{Dollars(600), 0, 0, Dollars(600)}
	run := c.run(purchases, 0, c.PlannedPayment, nil, false)
	if run.cliff || run.interest != 0 {
		t.Errorf("run %+v: want no interest", run)
	}
	// A purchase in the promotion's last month cannot be cleared in time.
	late := make([]Money, 13)
	late[0], late[12] = Dollars(100), Dollars(100)
	if got := c.clearingPayment(late, 0); got != 0 {
		t.Errorf("clearing payment with a last-month purchase = %s, want $0.00 (none can)", got)
	}
}

func TestDeferredCardInScenario(t *testing.T) {
	// Self-pay, one $1,300 session on 2027-01-15 on the card above: the
	// promotion ends 12 months after the purchase, on 2028-01-15, with $100
	// owed, so $202.43 of deferred interest is charged (see
	// TestDeferredInterestMissedByOnePayment).
	s := oneSessionScenario(Dollars(1_300))
	s.Sources = []FundingSource{{Name: "Card", DeferredCard: card2699()}}
	r := evaluate(t, &s)
	src := r.Sources[0]
	if !src.CliffCharged || src.PromoEnds != NewDate(2028, time.January, 15) || src.DeferredInterest != 20_243 || src.ClearingPayment != 10_834 {
		t.Errorf("card result %+v", src)
	}
	f := findFlag(r, FlagDeferredInterestCliff)
	if f == nil {
		t.Fatal("no deferred-interest flag")
	}
	want := "Card: if $100.00 is still owed on 2028-01-15, $202.43 of deferred interest is charged at once. Paying $108.34 a month clears it in time."
	if f.Text() != want {
		t.Errorf("flag text\n %q, want\n %q", f.Text(), want)
	}
	// Interest 216.87: net total 1,300 + 216.87 = $1,516.87; 16 monthly
	// payments (Feb 2027 to May 2028), never more than $100.
	if sum := r.Summary; sum.NetTotal != 151_687 || sum.Interest != 21_687 || sum.MonthsWithPayments != 16 ||
		sum.HighestMonthly != Dollars(100) || sum.LastPayment != NewDate(2028, time.May, 1).Month() {
		t.Errorf("summary %+v", sum)
	}
}

func TestClearingPaymentIsTheSmallest(t *testing.T) {
	// Against a plain bisection over every payment from $0 to the total
	// (owed at the promotion's end never grows as the payment grows), for
	// random purchase patterns with and without a minimum payment rule.
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 3000 {
		c := &DeferredInterestCard{CreditLimit: MaxMoney, PromoMonths: 1 + rng.IntN(18), APR: 269_900}
		if trial%2 == 1 {
			c.MinimumRate, c.MinimumFloor = Rate(rng.Int64N(int64(Percentage(10)))), Money(rng.Int64N(int64(Dollars(50))))
		}
		first := rng.IntN(3)
		purchases := make([]Money, first+1+rng.IntN(c.PromoMonths+2))
		purchases[first] = Money(rng.Int64N(int64(Dollars(3_000)))) + 1
		for m := first + 1; m < len(purchases); m++ {
			if rng.IntN(3) == 0 {
				purchases[m] = Money(rng.Int64N(int64(Dollars(800))))
			}
		}
		var total Money
		for _, p := range purchases {
			total += p
		}
		clears := func(p Money) bool { return c.run(purchases, first, p, nil, true).owedAtPromoEnd == 0 }
		want := Money(0)
		if clears(total) {
			lo, hi := Money(-1), total
			for hi-lo > 1 {
				if mid := lo + (hi-lo)/2; clears(mid) {
					hi = mid
				} else {
					lo = mid
				}
			}
			want = hi
		}
		if got := c.clearingPayment(purchases, first); got != want {
			t.Fatalf("card %+v, purchases %v from month %d: clearing payment %s, want %s", c, purchases, first, got, want)
		}
	}
}
