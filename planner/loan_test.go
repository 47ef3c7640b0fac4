package planner

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMonthlyPayment(t *testing.T) {
	tests := []struct {
		name      string
		principal Money
		apr       Rate
		months    int
		want      Money
	}{
		// r = 9.99%/12 = 0.008325; (1.008325)^36 = 1.347781; 5000 × 0.008325 ×
		// 1.347781 / 0.347781 = 161.3096 → $161.31.
		{"5000 at 9.99% for 36", Dollars(5_000), 99_900, 36, 16_131},
		// 0%: 1000 / 3 = 333.333… rounded up → $333.34.
		{"1000 at 0% for 3", Dollars(1_000), 0, 3, 33_334},
		// r = 1%: (1.01)^12 = 1.126825; 1000 × 0.01 × 1.126825 / 0.126825 =
		// 88.8488 → $88.85 (a standard table figure).
		{"1000 at 12% for 12", Dollars(1_000), Percentage(12), 12, 8_885},
		// One month: principal plus one month's interest: 1000 × (1 + 0.01) =
		// $1,010.00.
		{"one month", Dollars(1_000), Percentage(12), 1, 101_000},
		// r = 0.5%, n = 360: (1.005)^360 = 6.022575; 200000 × 0.005 × 6.022575
		// / 5.022575 = 1199.10 → $1,199.10 (the familiar 6% 30-year figure).
		{"200000 at 6% for 360", Dollars(200_000), Percentage(6), 360, 119_910},
		{"nothing borrowed", 0, Percentage(6), 12, 0},
		{"no term", Dollars(100), Percentage(6), 0, 0},
	}
	for _, tt := range tests {
		if got := MonthlyPayment(tt.principal, tt.apr, tt.months); got != tt.want {
			t.Errorf("%s: payment %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestAmortizeCheckFigures(t *testing.T) {
	// $5,000 at 9.99% for 36 months: 35 payments of $161.31 and a last one
	// that clears the balance; the rounded monthly interest adds up to
	// $807.26 (the schedule summed by hand month by month: balance ×
	// 0.008325 rounded, then less the payment).
	a := Amortize(Dollars(5_000), 99_900, 36)
	if a.Payment != 16_131 || a.Interest != 80_726 || len(a.Installments) != 36 {
		t.Fatalf("payment %s, interest %s over %d months; want $161.31, $807.26 over 36", a.Payment, a.Interest, len(a.Installments))
	}
	// Month 1: interest = 5000 × 0.008325 = 41.625 → $41.63 (half up);
	// principal 161.31 − 41.63 = 119.68; balance 4,880.32.
	if first := a.Installments[0]; first != (Installment{Payment: 16_131, Interest: 4_163, Principal: 11_968, Balance: 488_032}) {
		t.Errorf("first installment %+v", first)
	}
	// Total paid = 5,000 + 807.26 = 5,807.26 = 35 × 161.31 + last, so the
	// last payment is 5,807.26 − 5,645.85 = $161.41.
	last := a.Installments[35]
	if last.Payment != 16_141 || last.Balance != 0 {
		t.Errorf("last installment %+v, want a $161.41 payment leaving $0.00", last)
	}

	// $1,000 at 0% over 3 months: $333.34, $333.34, then the $333.32 left.
	z := Amortize(Dollars(1_000), 0, 3)
	var got []Money
	for _, in := range z.Installments {
		got = append(got, in.Payment)
	}
	if want := []Money{33_334, 33_334, 33_332}; !slices.Equal(got, want) || z.Interest != 0 {
		t.Errorf("0%% payments %v (interest %s), want %v", got, z.Interest, want)
	}

	// A tiny loan pays off before the term: $0.01 over 3 months at 0% is
	// one payment of a cent.
	if tiny := Amortize(1, 0, 3); len(tiny.Installments) != 1 || tiny.Installments[0].Payment != 1 {
		t.Errorf("one-cent loan: %+v", tiny.Installments)
	}
}

func TestAmortizationRepaysPrincipalExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		principal := Money(rng.Int64N(int64(Dollars(500_000)))) + 1
		apr := Rate(rng.Int64N(int64(MaxAPR) + 1))
		months := rng.IntN(maxTermMonths) + 1
		a := Amortize(principal, apr, months)
		var paid, principalPaid Money
		for _, in := range a.Installments {
			paid += in.Payment
			principalPaid += in.Principal
		}
		last := a.Installments[len(a.Installments)-1]
		if principalPaid != principal || paid != principal+a.Interest || last.Balance != 0 || len(a.Installments) > months {
			t.Fatalf("%s at %s over %d: repaid %s of principal, paid %s with %s interest, left %s after %d payments",
				principal, apr, months, principalPaid, paid, a.Interest, last.Balance, len(a.Installments))
		}
	}
}

func TestFastPaymentAgreesWithExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		principal := Money(rng.Int64N(int64(MaxMoney))) + 1
		apr := Rate(rng.Int64N(int64(MaxAPR))) + 1
		months := rng.IntN(maxTermMonths) + 1
		if fast, exact := MonthlyPayment(principal, apr, months), exactMonthlyPayment(principal, apr, months); fast != exact {
			t.Fatalf("%s at %s over %d: fast %s, exact %s", principal, apr, months, fast, exact)
		}
	}
}

func TestExactPaymentHalfCent(t *testing.T) {
	// An exact payment of a whole cent and a half takes the exact path:
	// one month at 12% (r = 1%) on 50¢ owes 50 × 1.01 = 50.5¢, which rounds
	// half up to 51¢.
	if got := MonthlyPayment(50, Percentage(12), 1); got != 51 {
		t.Errorf("50¢ for one month at 12%%: %d¢, want 51¢", got)
	}
	if got := exactMonthlyPayment(50, Percentage(12), 1); got != 51 {
		t.Errorf("exact: %d¢, want 51¢", got)
	}
}

func TestAPRWithFees(t *testing.T) {
	// $1,000 received, $1,052.64 borrowed (1000 / 0.95 rounded up) at 0% for
	// 12 months: 12 payments of 1052.64 / 12 = $87.72. The monthly rate i
	// with 87.72 × (1 − (1+i)^−12) / i = 1000 is 0.0079821… (solved to 30
	// digits by bisection); × 12 = 9.5786% → 9.58%.
	if got := APRWithFees(Dollars(1_000), 8_772, 12, 8_772); got != 95_800 {
		t.Errorf("APR with fees %s, want 9.58%%", got)
	}
	// No fee: the APR with fees is the APR. $5,000 at 9.99% for 36 months
	// (payment 161.31, last 161.41) gives back 9.99%.
	if got := APRWithFees(Dollars(5_000), 16_131, 36, 16_141); got != 99_900 {
		t.Errorf("APR without fees %s, want 9.99%%", got)
	}
	if got := APRWithFees(Dollars(1_000), Dollars(100), 10, Dollars(100)); got != 0 {
		t.Errorf("payments equal to proceeds: %s, want 0%%", got)
	}
	if got := APRWithFees(0, Dollars(100), 10, Dollars(100)); got != 0 {
		t.Errorf("no proceeds: %s, want 0%%", got)
	}
}
