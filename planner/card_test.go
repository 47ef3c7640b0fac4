package planner

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// The cards here charge 36.5% a year, so the daily rate 0.365 / 365 is
// exactly 0.1% a day: $1,000 owed for 31 days accrues $31.00.
const apr365 Rate = 365_000

// buysOn makes purchases of the amounts on the dates, numbering their
// months from the first one's.
func buysOn(purchases ...any) []purchase {
	var out []purchase
	for i := 0; i < len(purchases); i += 2 {
		d, amount := purchases[i].(Date), purchases[i+1].(Money)
		out = append(out, purchase{date: d, amount: amount, month: int(d.Month() - purchases[0].(Date).Month())})
	}
	return out
}

// testColumn is a lone column of n months.
func testColumn(n int) *column {
	buf := make([]Money, 2*n)
	return &column{paid: buf[:n], owed: buf[n:]}
}

// promote gives each purchase the end of its promotion on the card.
func promote(c *DeferredInterestCard, buys []purchase) []purchase {
	for i := range buys {
		buys[i].ends = buys[i].date.AddMonths(c.PromoMonths)
	}
	return buys
}

func runCard(c *DeferredInterestCard, buys []purchase, planned Money, t *column) cardRun {
	buys = promote(c, buys)
	return c.run(buys, make([]purchaseState, len(buys)), newPaydays(buys[0].date), planned, t, false)
}

func clearing(c *DeferredInterestCard, buys []purchase) Money {
	buys = promote(c, buys)
	return c.clearingPayment(buys, make([]purchaseState, len(buys)), newPaydays(buys[0].date))
}

func TestDailyInterest(t *testing.T) {
	// $1,000 × 0.365 × 31 / 365 = $31.00; $780.90 × 0.365 × 30 / 365 =
	// 23.427 → $23.43; $504.33 for 31 days = 15.634… → $15.63; at 26.99%,
	// $1,000 for 30 days: 1,000 × 0.2699 × 30 / 365 = 22.1835… → $22.18.
	for _, tt := range []struct {
		balance Money
		apr     Rate
		days    int
		want    Money
	}{
		{Dollars(1_000), apr365, 31, Dollars(31)},
		{78_090, apr365, 30, 2_343},
		{50_433, apr365, 31, 1_563},
		{Dollars(1_000), 269_900, 30, 2_218},
		{Dollars(1_000), 0, 30, 0},
		{0, apr365, 30, 0},
	} {
		if got := dailyInterest(tt.balance, tt.apr, tt.days); got != tt.want {
			t.Errorf("dailyInterest(%s, %s, %d) = %s, want %s", tt.balance, tt.apr, tt.days, got, tt.want)
		}
	}
}

func TestDeferredInterestPaidInTime(t *testing.T) {
	// $1,200 bought on 2027-01-15, $100 paid on the 15th of each month from
	// February: the 12th payment falls on 2028-01-15, the day the promotion
	// ends, and clears it. The interest deferred on the balance of each
	// statement, at 0.1% a day:
	//   1,200 × 31 days = 37.20   1,100 × 28 = 30.80   1,000 × 31 = 31.00
	//     900 × 30      = 27.00     800 × 31 = 24.80     700 × 30 = 21.00
	//     600 × 31      = 18.60     500 × 31 = 15.50     400 × 30 = 12.00
	//     300 × 31      =  9.30     200 × 30 =  6.00     100 × 31 =  3.10
	// = $236.30, never charged.
	c := &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 12, APR: apr365, PlannedPayment: Dollars(100)}
	buys := buysOn(jan15, Dollars(1_200))
	tr := testColumn(40)
	run := runCard(c, buys, c.PlannedPayment, tr)
	if run.cliff || run.interest != 0 || run.deferred != 23_630 || run.owedAtPromoEnd != 0 || run.belowMinimum {
		t.Errorf("run %+v: want no cliff, no interest, $236.30 deferred", run)
	}
	if run.last != 12 || tr.paid[12] != Dollars(100) || tr.owed[12] != 0 || tr.owed[0] != Dollars(1_200) || tr.owed[11] != Dollars(100) {
		t.Errorf("timeline: last month %d, paid %v, owed %v", run.last, tr.paid, tr.owed)
	}
	// 1,200 / 12 payments = $100.00; $99.99 leaves 12 cents owed.
	if got := clearing(c, buys); got != Dollars(100) {
		t.Errorf("clearing payment %s, want $100.00", got)
	}
}

// threeMonths is $1,000 bought on the 10th of January, February and March
// 2027 on a card with a 6-month promotion (ending on the 10th of July,
// August and September), 36.5% APR and a $25 minimum payment. Payments
// fall on the 10th of each month from February; a purchase on a payment
// day comes after the payment.
func threeMonths() (*DeferredInterestCard, []purchase) {
	c := &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 6, APR: apr365, MinimumFloor: Dollars(25)}
	return c, buysOn(NewDate(2027, time.January, 10), Dollars(1_000), NewDate(2027, time.February, 10), Dollars(1_000),
		NewDate(2027, time.March, 10), Dollars(1_000))
}

func TestDeferredInterestThreePurchasesCliff(t *testing.T) {
	// $300 a month. P1, P2, P3 are the purchases; each statement's interest
	// is deferred at 0.1% a day on what each owes, then the payment goes
	// $25 (the minimum) to the oldest balance and the rest to a balance
	// whose promotion ends before the second payment after this one, else
	// to the oldest (12 CFR 1026.53):
	//  Feb 10 (31 d): P1 +31.00.                 Pay P1 1,000 → 700.
	//  Mar 10 (28 d): P1 +19.60 (50.60), P2 +28.00. Pay P1 700 → 400.
	//  Apr 10 (31 d): P1 +12.40 (63.00), P2 +31.00 (59.00), P3 +31.00.
	//                                            Pay P1 400 → 100.
	//  May 10 (30 d): P1 +3.00 (66.00), P2 +30.00 (89.00), P3 +30.00 (61.00).
	//                 Pay P1 100 → 0 (paid in time: $66.00 waived), P2 → 800.
	//  Jun 10 (31 d): P2 +24.80 (113.80), P3 +31.00 (92.00). Pay P2 → 500
	//                 (P2's promotion ends Aug 10, not before the payment of
	//                 Aug 10, so the oldest rule applies).
	//  Jul 10 (30 d): P2 +15.00 (128.80), P3 +30.00 (122.00). P2 ends before
	//                 the Sep 10 payment: it takes the $275 too. P2 → 200.
	//  Aug 10 (31 d): P2 +6.20 (135.00), P3 +31.00 (153.00). $25 + $175 clear
	//                 P2 on its last day ($135.00 waived); $100 to P3 → 900.
	//  Sep 10 (31 d): P3 +27.90 (180.90). Pay P3 → 600, still owed when its
	//                 promotion ends that day: $180.90 charged, P3 = 780.90.
	//  Oct 10 (30 d): 780.90 + 23.43 − 300 = 504.33
	//  Nov 10 (31 d): 504.33 + 15.63 − 300 = 219.96
	//  Dec 10 (30 d): 219.96 + 6.60 = 226.56, paid in full.
	// Interest 180.90 + 23.43 + 15.63 + 6.60 = $226.56; deferred in all
	// 66.00 + 135.00 + 180.90 = $381.90; payments 10 × 300 + 226.56 =
	// 3,226.56 = 3,000 + 226.56.
	c, buys := threeMonths()
	tr := testColumn(400)
	run := runCard(c, buys, Dollars(300), tr)
	if !run.cliff || run.cliffDate != NewDate(2027, time.September, 10) || run.owedAtPromoEnd != Dollars(600) ||
		run.charged != 18_090 || run.deferred != 38_190 || run.interest != 22_656 || run.neverPaidOff {
		t.Errorf("run %+v", run)
	}
	if run.last != 11 || tr.paid[11] != 22_656 || tr.paid[10] != Dollars(300) || tr.owed[8] != 78_090 || tr.owed[9] != 50_433 || tr.owed[11] != 0 {
		t.Errorf("timeline: last %d, paid %v, owed %v", run.last, tr.paid[:12], tr.owed[:12])
	}
	// The least level payment that pays each purchase in time: the $3,000
	// must be paid by the 8th payment (Sep 10), so at least 3,000 / 8 =
	// $375.00; at that, P1's $1,000 is paid by the 3rd payment and P2's by
	// the 6th, both in time. $374.99 leaves 8 cents of P3 owed.
	if got := clearing(c, buys); got != Dollars(375) {
		t.Errorf("clearing payment %s, want $375.00", got)
	}
}

func TestDeferredInterestThreePurchasesPaidInTime(t *testing.T) {
	// $400 a month, the same purchases:
	//  Feb 10: P1 +31.00, 1,000 → 600.  Mar 10: P1 +16.80, P2 +28.00; P1 → 200.
	//  Apr 10: P1 +6.20 (54.00), P2 +31.00 (59.00), P3 +31.00; P1 → 0
	//          ($54.00 waived), P2 → 800.
	//  May 10: P2 +24.00 (83.00), P3 +30.00 (61.00); P2 → 400.
	//  Jun 10: P2 +12.40 (95.40), P3 +31.00 (92.00); P2 → 0 ($95.40 waived).
	//  Jul 10: P3 +30.00 (122.00); → 600.  Aug 10: P3 +18.60 (140.60); → 200.
	//  Sep 10: P3 +6.20 (146.80); $200 pays it on its last day ($146.80 waived).
	// No interest; $296.20 deferred and waived; 7 × 400 + 200 = 3,000.
	c, buys := threeMonths()
	tr := testColumn(400)
	run := runCard(c, buys, Dollars(400), tr)
	if run.cliff || run.interest != 0 || run.deferred != 29_620 || run.last != 8 || tr.paid[8] != Dollars(200) {
		t.Errorf("run %+v, paid %v", run, tr.paid[:10])
	}
}

func TestDeferredCardThreeMonthsInScenario(t *testing.T) {
	// The purchases of threeMonths as a self-pay course of three $1,000
	// sessions a month apart from 2027-01-10, paying $300 a month: the net
	// total is 3,000 + 226.56 interest = $3,226.56, and the payments are
	// quoted as they are.
	c, _ := threeMonths()
	c.PlannedPayment = Dollars(300)
	s := Scenario{Name: "card", Course: Course{Name: "Infusions", Start: NewDate(2027, time.January, 10), Phases: []Phase{
		{Name: "Session", Sessions: 3, Spacing: Spacing{1, EveryMonths}, Price: Price{Cash: Dollars(1_000), Billed: Dollars(1_000)}},
	}}, Sources: []FundingSource{{Name: "Card", DeferredCard: c}}}
	r := evaluate(t, &s)
	src := r.Sources[0]
	if src.ClearingPayment != Dollars(375) || src.DeferredCharged != 18_090 || src.OwedAtPromoEnd != Dollars(600) ||
		src.PromoEnds != NewDate(2027, time.July, 10) || src.LastPromoEnds != NewDate(2027, time.September, 10) || src.Payments != 11 {
		t.Errorf("card %+v", src)
	}
	if r.Summary.NetTotal != 322_656 || r.Summary.Interest != 22_656 {
		t.Errorf("summary %+v", r.Summary)
	}
	if got, want := PaymentsText(r.PaymentSteps(0)), "$300.00 a month for 10 months, then $226.56 in 2027-12: 11 payments in all"; got != want {
		t.Errorf("payments %q, want %q", got, want)
	}
	f := findFlag(r, FlagDeferredInterestCliff)
	want := "Card: $600.00 is still owed when a purchase's promotion ends (first on 2027-09-10), so $180.90 of deferred interest is charged at once. Paying $375.00 a month pays each purchase in time."
	if f == nil || f.Text() != want {
		t.Errorf("flag %v, want %q", f, want)
	}
}

func TestDeferredInterestBelowMinimum(t *testing.T) {
	// $1,000 on 2027-01-15, a 12-month promotion, a minimum of 3% or $35,
	// and $20 planned: the first statement's minimum is max(30.00, 35) =
	// $35.00, so the card takes $35 and the plan is flagged.
	c := &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 12, APR: 269_900,
		MinimumRate: Percentage(3), MinimumFloor: Dollars(35), PlannedPayment: Dollars(20)}
	s := weeklyScenario(1, Dollars(1_000), FundingSource{Name: "Card", DeferredCard: c})
	r := evaluate(t, &s)
	f := findFlag(r, FlagBelowMinimum)
	want := "Card: the planned $20.00 a month is below the card's minimum payment of $35.00 in Feb 2027, so the card takes the minimum. Plan at least the minimum."
	if f == nil || f.Text() != want || r.Sources[0].MinimumThen != Dollars(35) || r.Paid(1, 0) != Dollars(35) {
		t.Errorf("flag %v, want %q; paid %s", f, want, r.Paid(1, 0))
	}
	// On $2,000 3% is $60; on $20, the whole balance.
	if c.minimum(Dollars(2_000)) != Dollars(60) || c.minimum(Dollars(20)) != Dollars(20) {
		t.Error("minimum payment rule")
	}
}

func TestDeferredInterestNeverPaidOff(t *testing.T) {
	// $10 a month on $5,000 at 26.99%: after the promotion the interest
	// (5,000 × 0.2699 × 30 / 365 ≈ $111 a month) outruns the payment.
	c := &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 12, APR: 269_900, PlannedPayment: Dollars(10)}
	if run := runCard(c, buysOn(jan15, Dollars(5_000)), c.PlannedPayment, nil); !run.neverPaidOff || !run.cliff {
		t.Errorf("run %+v: want a cliff, never paid off", run)
	}
}

func TestClearingPaymentIsTheSmallest(t *testing.T) {
	// For random purchases (several a month, some on a payment day) with
	// and without a minimum payment rule, the clearing payment pays every
	// purchase in time and a cent less does not; and no payment between
	// it and the whole balance charges deferred interest.
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 1500 {
		c := &DeferredInterestCard{CreditLimit: MaxMoney, PromoMonths: 1 + rng.IntN(18), APR: 269_900}
		if trial%2 == 1 {
			c.MinimumRate, c.MinimumFloor = Rate(rng.Int64N(int64(Percentage(10)))), Money(rng.Int64N(int64(Dollars(50))))
		}
		start := NewDate(2027, time.January, 1+rng.IntN(31))
		var args []any
		d := start
		var all Money
		for range 1 + rng.IntN(8) {
			amount := Money(rng.Int64N(int64(Dollars(1_500)))) + 1
			args = append(args, d, amount)
			all += amount
			d = d.AddDays(rng.IntN(40))
		}
		buys := promote(c, buysOn(args...))
		states, days := make([]purchaseState, len(buys)), newPaydays(buys[0].date)
		clears := func(p Money) bool { return !c.run(buys, states, days, p, nil, true).cliff }
		got := c.clearingPayment(buys, states, days)
		if got == 0 && !clears(all) {
			continue // no level payment clears: said so, not searched for
		}
		if !clears(got) || (got > 0 && clears(got-1)) {
			t.Fatalf("card %+v, purchases %+v: clearing payment %s is not the smallest that clears", c, buys, got)
		}
		for range 5 {
			if p := got + Money(rng.Int64N(int64(all-got)+1)); !clears(p) {
				t.Fatalf("card %+v, purchases %+v: %s clears but %s does not", c, buys, got, p)
			}
		}
	}
}

// card2699 is a deferred-interest card with a 12-month promotion and a
// 26.99% standard APR, paying $100 a month.
func card2699() *DeferredInterestCard {
	return &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 12, APR: 269_900, PlannedPayment: Dollars(100)}
}

func TestPaymentsAreQuotedAsTheyAre(t *testing.T) {
	// Each step as it is, the last one alone; more than four steps (a
	// minimum that follows the balance) by their range and their most.
	m := NewDate(2027, time.February, 1).Month()
	steps := []PaymentStep{{m, Dollars(50), 8}, {m + 8, 7_404, 3}, {m + 11, 1_230, 1}}
	if got, want := PaymentsText(steps), "$50.00 a month for 8 months, then $74.04 a month from 2027-10 for 3 months, then $12.30 in 2028-01: 12 payments in all"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	steps = []PaymentStep{{m, 7_500, 1}, {m + 1, 7_275, 1}, {m + 2, 7_057, 1}, {m + 3, 9_120, 1}, {m + 4, 2_222, 1}}
	if got, want := PaymentsText(steps), "$75.00 in 2027-02, then $72.75 in 2027-03, then from $70.57 in 2027-04 to $22.22 in 2027-06, changing with the balance (the most, $91.20, in 2027-05): 5 payments in all"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got := PaymentsText([]PaymentStep{{m, Dollars(100), 12}}); got != "$100.00 a month for 12 months" {
		t.Errorf("one step: %q", got)
	}
}

func TestDeferredInterestNoPaymentClearsAPurchaseOnAShortMonthsEnd(t *testing.T) {
	// Two $500 sessions, 2027-01-31 and 2027-02-28, on a card with a
	// one-month promotion: payments fall on Feb 28 (Jan 31 clamped) and
	// Mar 31. The second purchase comes after the Feb 28 payment and its
	// promotion ends on Mar 28, before the next payment: no level payment
	// pays it in time, and carecost says so rather than searching forever.
	c := &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 1, APR: apr365, PlannedPayment: Dollars(600)}
	s := Scenario{Name: "short", Course: Course{Name: "C", Start: NewDate(2027, time.January, 31), Phases: []Phase{
		{Name: "Session", Sessions: 2, Spacing: Spacing{1, EveryMonths}, Price: Price{Cash: Dollars(500)}}}},
		Sources: []FundingSource{{Name: "Card", DeferredCard: c}}}
	done := make(chan Result, 1)
	go func() { r, _ := Evaluate(&s); done <- r }()
	select {
	case r := <-done:
		f := findFlag(r, FlagDeferredInterestCliff)
		if r.Sources[0].ClearingPayment != 0 || f == nil || !strings.Contains(f.Text(), "No level monthly payment pays each purchase in time") {
			t.Errorf("card %+v, flag %v", r.Sources[0], f)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Evaluate did not return")
	}
}

func TestDeferredInterestSlowPayoffIsNotNeverPaidOff(t *testing.T) {
	// $10,000 on 2027-01-15, a 6-month promotion at 36.5%, $305 a month and
	// no minimum rule. Deferred, at 0.1% a day on each statement's balance:
	// 10,000 × 31 = 310.00, 9,695 × 28 = 271.46, 9,390 × 31 = 291.09,
	// 9,085 × 30 = 272.55, 8,780 × 31 = 272.18, 8,475 × 30 = 254.25, in all
	// 1,671.53. The sixth payment, on Jul 15, leaves 10,000 − 6 × 305 =
	// 8,170 owed on the promotion's last day, so the balance becomes
	// 8,170 + 1,671.53 = 9,841.53; to Aug 15 (31 days) its interest is
	// 305.087… → $305.09, more than the payment. But the year's payments
	// still beat the year's interest, so the card is paid off.
	c := &DeferredInterestCard{CreditLimit: Dollars(20_000), PromoMonths: 6, APR: apr365, PlannedPayment: Dollars(305)}
	if run := runCard(c, buysOn(jan15, Dollars(10_000)), c.PlannedPayment, nil); run.neverPaidOff || !run.cliff {
		t.Errorf("run %+v: want a cliff and a payoff", run)
	}
}

func TestDailyInterestIsTheRoundingRule(t *testing.T) {
	// The native division of small products gives what the 128-bit rule
	// gives, on either side of where it takes over.
	rng := rand.New(rand.NewPCG(7, 8))
	for range 100_000 {
		balance := Money(rng.Int64N(1 << (1 + rng.IntN(62))))
		apr, days := Rate(rng.Int64N(int64(Percentage(400)))), 1+rng.IntN(400)
		want := Money(0)
		if balance > 0 && apr > 0 {
			want = Money(roundHalfUp(int64(balance), int64(apr)*int64(days), 365*int64(OneHundredPercent)))
		}
		if got := dailyInterest(balance, apr, days); got != want {
			t.Fatalf("dailyInterest(%d, %d, %d) = %d, want %d", balance, apr, days, got, want)
		}
	}
	// $1,500.00 at 29.99% for 31 days: 150000 × 0.2999 × 31 / 365 =
	// 3820.64… cents, so $38.21.
	if got := dailyInterest(Dollars(1_500), 299_900, 31); got != 3_821 {
		t.Errorf("dailyInterest($1,500, 29.99%%, 31) = %s, want $38.21", got)
	}
}

func TestPaydaysAreTheMonthsAfterTheFirst(t *testing.T) {
	// Each payment day is the first day's date n months on, clamped to a
	// shorter month; a reset to another day starts again from it.
	days := newPaydays(NewDate(2027, time.January, 31))
	for first := NewDate(2027, time.January, 1); first < NewDate(2029, time.January, 1); first = first.AddDays(3) {
		days.reset(first)
		for k := 40; k >= 0; k -= 7 {
			if got, want := days.at(k), first.AddMonths(k); got != want {
				t.Fatalf("from %s, payment day %d is %s, want %s", first, k, got, want)
			}
		}
		days.reset(first) // the same day again keeps them
		if len(days.days) != 41 {
			t.Fatalf("from %s again, %d payment days kept, want the 41 worked out", first, len(days.days))
		}
		if got, want := days.at(13), first.AddMonths(13); got != want {
			t.Fatalf("from %s again, payment day 13 is %s, want %s", first, got, want)
		}
	}
}

// An Evaluator keeps the clearing payments it worked out: each one it
// gives, for a card seen before or not, with another planned payment or
// other terms, and after older ones were replaced, is the one a fresh
// search finds.
func TestKeptClearingPaymentsAreThoseSearched(t *testing.T) {
	scenarios := variantsOf(benchScenarios(24), 4, func(v *Scenario, i, variant int) {
		card := *v.Sources[3].DeferredCard
		switch variant {
		case 1: // another planned payment: the same clearing payment
			card.PlannedPayment += Dollars(15)
		case 2: // another minimum payment, for each scenario
			card.MinimumFloor = Dollars(int64(20 + i))
		case 3: // a shorter promotion (other purchases' ends) at another rate
			card.PromoMonths, card.APR = max(1, card.PromoMonths-3), Rate(199_900+1_000*int64(i))
		}
		v.Sources[3].DeferredCard = &card
	})
	ev := keptAgainstFresh(t, scenarios, func(pass, i int, kept, fresh *Result) {
		if got, want := kept.Sources[3].ClearingPayment, fresh.Sources[3].ClearingPayment; got != want {
			t.Fatalf("pass %d, scenario %d: clearing payment %v, a fresh search %v", pass, i, got, want)
		}
	})
	if len(ev.clearings.items) != maxClearings {
		t.Errorf("%d clearing payments kept, want %d", len(ev.clearings.items), maxClearings)
	}
}

// An Evaluator keeps the APRs with fees it solved for, as it keeps
// clearing payments: each it gives, for a loan or plan seen before or
// not, and after older ones were replaced, is the one solved afresh.
func TestKeptAPRsWithFeesAreThoseSolved(t *testing.T) {
	scenarios := variantsOf(benchScenarios(24), 3, func(v *Scenario, i, variant int) {
		loan, plan := *v.Sources[4].Loan, *v.Sources[2].PaymentPlan
		switch variant {
		case 1: // a shorter loan, and a dearer set-up
			loan.Months, plan.SetUpFee = 36, Dollars(int64(30+i))
		case 2: // another rate and fee
			loan.APR, loan.OriginationFee = Rate(99_900+1_000*int64(i)), Percentage(int64(1+i%5))
		}
		v.Sources[4].Loan, v.Sources[2].PaymentPlan = &loan, &plan
	})
	ev := keptAgainstFresh(t, scenarios, func(pass, i int, kept, fresh *Result) {
		for _, k := range []int{2, 4} {
			if got, want := kept.Sources[k].APRWithFees, fresh.Sources[k].APRWithFees; got != want || want == 0 {
				t.Fatalf("pass %d, scenario %d, %s: APR with fees %v, solved afresh %v", pass, i, kept.Sources[k].Name, got, want)
			}
		}
	})
	if len(ev.aprs.items) != maxClearings {
		t.Errorf("%d APRs kept, want %d", len(ev.aprs.items), maxClearings)
	}
	// Figures alike but one: $1,000 received, $90 a month, and then the
	// term or the last payment differs.
	for _, f := range []struct {
		months  int
		last    Money
		payment Money
	}{{12, Dollars(90), Dollars(90)}, {13, Dollars(90), Dollars(90)}, {12, Dollars(95), Dollars(90)}, {12, Dollars(90), Dollars(91)}, {12, Dollars(90), Dollars(90)}} {
		got, want := ev.aprWithFees(Dollars(1_000), f.payment, f.months, f.last), APRWithFees(Dollars(1_000), f.payment, f.months, f.last)
		if got != want {
			t.Errorf("%d payments of %s, the last %s: APR with fees %v kept, %v solved", f.months, f.payment, f.last, got, want)
		}
	}
}
