package planner

import (
	"strconv"
	"testing"
	"time"
)

// benchScenarios returns n varied scenarios for the ketamine demo course,
// each with a timeline of about five years: every coverage case, and
// sources that run from grants to a 60-month loan.
func benchScenarios(n int) []Scenario {
	demo := NewDemo()
	cases := []CoverageCase{CoveredInNetwork, OutOfNetworkSuperbill, OutOfNetworkBilled, SelfPay}
	scenarios := make([]Scenario, n)
	for i := range scenarios {
		s := demo.Scenarios[0]
		s.Name = "Scenario " + strconv.Itoa(i+1)
		s.Coverage = Coverage{Case: cases[i%len(cases)], PayUpFront: i%8 == 7}
		s.CountPendingGrants = i%2 == 0
		s.Sources = []FundingSource{
			{Name: "Grant", Grant: &Grant{Share: Percentage(10), Cap: Dollars(400), Pending: i%3 == 0}},
			{Name: "HSA", HealthAccount: &HealthAccount{Balance: Dollars(300), TaxRate: Percentage(22)}},
			{Name: "Clinic plan", PaymentPlan: &PaymentPlan{Limit: Dollars(600), DownPayment: Dollars(100), Months: 12, APR: Percentage(5), SetUpFee: Dollars(25)}},
			{Name: "Card", DeferredCard: &DeferredInterestCard{CreditLimit: Dollars(1_500), PromoMonths: 6 * (1 + i%4), APR: 299_900,
				MinimumRate: Percentage(3), MinimumFloor: Dollars(35), PlannedPayment: Dollars(60 + 10*int64(i))}},
			{Name: "Loan", Loan: &PersonalLoan{MaxAmount: Dollars(1_000), Months: 60, APR: 149_900,
				OriginationFee: Percentage(int64(i % 7)), FeeFinanced: i%2 == 1}},
			{Name: "Fixed card", FixedCard: &FixedPaymentCard{CreditLimit: Dollars(5_000), Months: 24, APR: 99_900}},
		}
		scenarios[i] = s
	}
	return scenarios
}

func TestBenchScenariosRunFiveYears(t *testing.T) {
	for _, s := range benchScenarios(20) {
		r := evaluate(t, &s)
		if len(r.Months) < 60 {
			t.Errorf("%s: %d months, want at least 60", s.Name, len(r.Months))
		}
	}
}

// BenchmarkCompare20 evaluates and ranks 20 scenarios with timelines of
// five years or more: what the app recomputes on every key press.
func BenchmarkCompare20(b *testing.B) {
	scenarios := benchScenarios(20)
	b.ReportAllocs()
	for b.Loop() {
		Compare(scenarios)
	}
}

// BenchmarkEvaluate is one such scenario.
func BenchmarkEvaluate(b *testing.B) {
	s := benchScenarios(1)[0]
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Evaluate(&s)
	}
}

// BenchmarkMonthlyPayment is the amortization formula alone.
func BenchmarkMonthlyPayment(b *testing.B) {
	for b.Loop() {
		MonthlyPayment(Dollars(7_393), 149_900, 60)
	}
}

func BenchmarkParseMoney(b *testing.B) {
	for b.Loop() {
		_, _ = ParseMoney("$1,200.50")
	}
}

func BenchmarkAddMonths(b *testing.B) {
	d := NewDate(2026, time.January, 31)
	for b.Loop() {
		d.AddMonths(13)
	}
}

// BenchmarkRecompute20 is the same work done as the app does it on a key
// press: into the comparison it already has, reusing its memory.
func BenchmarkRecompute20(b *testing.B) {
	scenarios := benchScenarios(20)
	c := Compare(scenarios)
	b.ReportAllocs()
	for b.Loop() {
		c.Recompute(scenarios)
	}
}

// BenchmarkCompare20Floor is the floor the two above are measured
// against: the bare int64 arithmetic of the same 20 schedules, with no
// dates, flags or ranking — each month, every source's interest at its
// monthly rate, rounded half up, and its payment taken off, for 60 months.
func BenchmarkCompare20Floor(b *testing.B) {
	// monthly is the monthly rate, APR/12, in ten-millionths.
	type source struct{ balance, payment, monthly int64 }
	scenarios := make([][]source, 20)
	for i := range scenarios {
		scenarios[i] = []source{
			{40_000, 0, 0}, {30_000, 30_000, 0}, // the grant and the HSA: no interest
			{50_000, 4_300, 41_667},                    // the clinic plan: 5%/12 = 0.41667%
			{150_000, 6_000 + 1_000*int64(i), 249_917}, // the card: 29.99%/12 = 2.49917%
			{100_000, 2_400, 124_917},                  // the loan: 14.99%/12 = 1.24917%
			{500_000, 23_000, 83_250},                  // the fixed card: 9.99%/12 = 0.8325%
		}
	}
	var sink int64
	for b.Loop() {
		for _, sources := range scenarios {
			var total int64
			for _, s := range sources {
				balance := s.balance
				for range 60 {
					interest := (balance*s.monthly + 5_000_000) / 10_000_000 // cents, half up
					pay := min(balance+interest, s.payment)
					balance += interest - pay
					total += pay
				}
			}
			sink += total
		}
	}
	if sink == 42 {
		b.Log(sink)
	}
}
