package planner

import (
	"math"
	"math/big"
)

// Installment is one month of an amortized loan.
type Installment struct {
	Payment   Money
	Interest  Money
	Principal Money
	Balance   Money // owed after the payment
}

// Amortization is a level-payment schedule.
type Amortization struct {
	Payment      Money // the regular payment; the last may be smaller
	Installments []Installment
	Interest     Money
}

// Amortize lays out the monthly payments that repay principal at apr over
// months, as a level-payment loan is: the payment is L·r / (1 − (1+r)^−n)
// rounded to the cent with r = APR/12; each month's interest is the balance
// times r, rounded; the last payment clears what is left. At 0% the payment
// is L/n rounded up to the cent, and the last one is smaller.
func Amortize(principal Money, apr Rate, months int) Amortization {
	a := Amortization{Payment: MonthlyPayment(principal, apr, months)}
	if principal <= 0 || months <= 0 {
		return a
	}
	cells := make([]Money, 2*(months+1))
	paid, owed := cells[:months+1], cells[months+1:]
	var count int
	a.Interest, _, count = amortize(principal, apr, months, a.Payment, paid, owed)
	a.Installments = make([]Installment, count)
	before := principal // owed before the month's payment, interest aside
	for k := 1; k <= count; k++ {
		// what is owed after a payment is what was owed, plus the
		// month's interest, less the payment
		interest := owed[k] + paid[k] - before
		a.Installments[k-1] = Installment{Payment: paid[k], Interest: interest, Principal: paid[k] - interest, Balance: owed[k]}
		before = owed[k]
	}
	return a
}

// amortize lays out the schedule of a level-payment loan of principal
// repaid by payment at apr over months: it adds month k's payment (k from
// 1 to months) to paid[k] and what is owed after it to owed[k], and returns
// the interest paid in all, the last payment, and the number of payments.
// It stops early if the balance is paid before the term ends. paid and owed
// have at least months+1 cells; a debt's cells take several schedules
// added together, as a card's purchases each amortized on their own.
func amortize(principal Money, apr Rate, months int, payment Money, paid, owed []Money) (interest, last Money, count int) {
	paid, owed = paid[:months+1], owed[:months+1]
	balance := principal
	for k := 1; k <= months && balance > 0; k++ {
		in := monthlyInterest(balance, apr)
		pay := payment
		if k == months || pay >= balance+in {
			pay = balance + in
		}
		balance += in - pay
		interest += in
		paid[k] += pay
		owed[k] += balance
		last, count = pay, k
	}
	return interest, last, count
}

// monthlyInterest is one month's interest on balance at apr: balance × APR/12,
// rounded by carecost's rule.
func monthlyInterest(balance Money, apr Rate) Money {
	const perYear = 12 * int64(OneHundredPercent)
	if fitsProduct(int64(balance), int64(apr)) {
		return Money(roundHalfUpSmall(int64(balance)*int64(apr), perYear))
	}
	return Money(roundHalfUp(int64(balance), int64(apr), perYear))
}

// MonthlyPayment returns the level payment that repays principal at apr in
// months, rounded half up to the cent (at 0%, rounded up).
//
// The formula's power is computed in float64 first. Its relative error is
// below 1e-8 for any term and rate carecost accepts, so unless the exact
// value could lie within that distance of a half cent, rounding the float
// gives the exact answer. Otherwise the payment is recomputed exactly in
// integers.
func MonthlyPayment(principal Money, apr Rate, months int) Money {
	return levelFor(apr, months).payment(principal)
}

// level is the level-payment formula at one APR and term, its power worked
// out once for the many principals a card's purchases are amortized at on
// the same terms.
type level struct {
	apr    Rate
	months int
	factor float64 // r·(1+r)^n / ((1+r)^n − 1), with r = APR/12 and n = months
}

func levelFor(apr Rate, months int) level {
	l := level{apr: apr, months: months}
	if apr != 0 && months > 0 {
		r := float64(apr) / (12 * float64(OneHundredPercent))
		growth := math.Pow(1+r, float64(months))
		l.factor = r * growth / (growth - 1)
	}
	return l
}

// payment is MonthlyPayment of principal at l's terms.
func (l level) payment(principal Money) Money {
	if principal <= 0 || l.months <= 0 {
		return 0
	}
	if l.apr == 0 {
		return Money(ceilDiv(int64(principal), int64(l.months)))
	}
	exact := float64(principal) * l.factor
	floor := math.Floor(exact)
	if distance := math.Abs(exact - floor - 0.5); distance > exact*1e-7+1e-6 {
		return Money(math.Floor(exact + 0.5))
	}
	return exactMonthlyPayment(principal, l.apr, l.months)
}

// exactMonthlyPayment computes the amortization formula in integers: with
// a = 12 + APR and b = 12 (in millionths), (1+r)^n = a^n / b^n, so the
// payment is L·APR·a^n / (12 · (a^n − b^n)), rounded half up.
func exactMonthlyPayment(principal Money, apr Rate, months int) Money {
	b := big.NewInt(12 * int64(OneHundredPercent))
	a := new(big.Int).Add(b, big.NewInt(int64(apr)))
	n := big.NewInt(int64(months))
	an := new(big.Int).Exp(a, n, nil)
	bn := new(big.Int).Exp(b, n, nil)
	num := new(big.Int).Mul(big.NewInt(int64(principal)), big.NewInt(int64(apr)))
	num.Mul(num, an)
	den := new(big.Int).Sub(an, bn)
	den.Mul(den, b)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return Money(q.Int64())
}

// APRWithFees returns the annual rate at which a loan's payments (months
// payments a month apart, the first a month from now; every one of them
// payment except the last, which is last) are worth exactly proceeds today:
// the cost of the loan with its fees counted, as a lender's disclosed APR.
// It is a figure to compare, never used to compute money: solved by Newton's
// method in float64 and rounded to a hundredth of a percent.
func APRWithFees(proceeds, payment Money, months int, last Money) Rate {
	if proceeds <= 0 || months <= 0 {
		return 0
	}
	total := payment*Money(months-1) + last
	if total <= proceeds {
		return 0
	}
	// The present value falls and curves upward as the rate rises, so from a
	// guess below the answer each Newton step lands closer, still below it;
	// from above, the first step lands below. The simple-interest rate
	// starts it near.
	target := float64(proceeds)
	monthly := 2 * float64(total-proceeds) / (target * float64(months+1))
	for range 100 {
		value, slope := presentValue(monthly, payment, months, last)
		step := (value - target) / slope
		monthly -= step
		if monthly <= -0.99 {
			monthly = -0.99
		}
		if math.Abs(step) < 1e-13 {
			break
		}
	}
	hundredths := math.Round(monthly * 12 * 10_000) // hundredths of a percent a year
	return Rate(hundredths) * (Percent / 100)
}

// presentValue returns the value today of the loan's payments at a monthly
// rate, and its derivative with respect to the rate.
func presentValue(monthly float64, payment Money, months int, last Money) (value, slope float64) {
	v := 1 / (1 + monthly)
	discount := 1.0
	for k := 1; k <= months; k++ {
		p := float64(payment)
		if k == months {
			p = float64(last)
		}
		discount *= v
		value += p * discount
		slope -= float64(k) * p * discount * v
	}
	return value, slope
}
