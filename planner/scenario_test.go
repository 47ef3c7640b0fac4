package planner

import (
	"testing"
	"time"
)

var jan15 = NewDate(2027, time.January, 15)

// oneSessionScenario is self-pay for one session on 2027-01-15 at cash.
func oneSessionScenario(cash Money) Scenario {
	return Scenario{
		Name: "one session",
		Course: Course{Name: "Test course", Start: jan15, Phases: []Phase{
			{Name: "Session", Sessions: 1, Spacing: Spacing{1, EveryWeeks}, Price: Price{Cash: cash, Billed: cash}},
		}},
		Coverage: Coverage{Case: SelfPay},
	}
}

// weeklyScenario is self-pay for n sessions a week apart from 2027-01-15.
func weeklyScenario(n int, cash Money, sources ...FundingSource) Scenario {
	s := oneSessionScenario(cash)
	s.Course.Phases[0].Sessions = n
	s.Sources = sources
	return s
}

func evaluate(t *testing.T, s *Scenario) Result {
	t.Helper()
	r, err := Evaluate(s)
	if err != nil {
		t.Fatalf("Evaluate(%q): %v", s.Name, err)
	}
	return r
}

func findFlag(r Result, kind FlagKind) *Flag {
	for i := range r.Flags {
		if r.Flags[i].Kind == kind {
			return &r.Flags[i]
		}
	}
	return nil
}

var payAsYouGo = FundingSource{Name: "Pay as you go", PayAsYouGo: &PayAsYouGo{}}

func TestSuperbillCheckFigure(t *testing.T) {
	// $200 charged, $120 allowed out of network, 30% coinsurance, the
	// deductible met: the plan pays back (120 − 0) × (1 − 0.30) = $84.00,
	// 45 days later; the patient's net is 200 − 84 = $116.00.
	s := oneSessionScenario(Dollars(200))
	s.Course.Phases[0].Price.AllowedOutOfNetwork = Dollars(120)
	s.Plan = Plan{
		PlanYearStart:       NewDate(2027, time.January, 1),
		OutOfNetwork:        CostSharing{Deductible: Dollars(1_000), Coinsurance: Percentage(30)},
		OutOfNetworkCovered: true,
		Met:                 Met{AsOf: NewDate(2027, time.January, 10), OutOfNetwork: Accumulated{Deductible: Dollars(1_000)}},
	}
	s.Coverage = Coverage{Case: OutOfNetworkSuperbill}
	s.Sources = []FundingSource{payAsYouGo}
	r := evaluate(t, &s)

	line := r.Lines[0]
	// 2027-01-15 + 45 days = 2027-03-01 (16 days left in January, 28 in
	// February, then March 1).
	if line.Charged != Dollars(200) || line.Reimbursed != Dollars(84) || line.ReimbursedOn != NewDate(2027, time.March, 1) {
		t.Errorf("line: charged %s, reimbursed %s on %s", line.Charged, line.Reimbursed, line.ReimbursedOn)
	}
	sum := r.Summary
	if sum.CareCost != Dollars(200) || sum.InsurerPays != Dollars(84) || sum.OutOfPocket != Dollars(116) || sum.NetTotal != Dollars(116) {
		t.Errorf("summary %+v", sum)
	}
	// The timeline runs January to March: $200 paid in January, $84 back in
	// March.
	if len(r.Months) != 3 || r.Months[0].FromIncome != Dollars(200) || r.Months[2].Reimbursed != Dollars(84) {
		t.Errorf("timeline %+v", r.Months)
	}
	if f := findFlag(r, FlagSuperbillWait); f == nil || f.Text() != "You pay the clinic $200.00 at the visits and wait about 45 days after each one for the plan to pay back $84.00 in all." {
		t.Errorf("superbill flag %+v", f)
	}
	// Without out-of-network benefits nothing comes back, and the app says so.
	s.Plan.OutOfNetworkCovered = false
	r = evaluate(t, &s)
	if r.Summary.InsurerPays != 0 || r.Summary.NetTotal != Dollars(200) || findFlag(r, FlagNoOutOfNetworkBenefits) == nil {
		t.Errorf("no OON benefits: summary %+v, flags %+v", r.Summary, r.Flags)
	}
}

func TestCourseAcrossPlanYearPaysDeductibleTwice(t *testing.T) {
	// Four weekly $300 sessions from 2026-12-17 under plan20 ($500
	// deductible, 20%, nothing met): Dec 17 → 300; Dec 24 → 200 + 20% × 100
	// = 220; Dec 31 → 20% × 300 = 60; Jan 7, a new plan year → 300 again.
	// The patient pays 880; the plan pays 1,200 − 880 = 320.
	s := weeklyScenario(4, Dollars(400), payAsYouGo)
	s.Course.Start = NewDate(2026, time.December, 17)
	s.Course.Phases[0].Price.AllowedInNetwork = Dollars(300)
	s.Plan = plan20()
	s.Coverage = Coverage{Case: CoveredInNetwork}
	r := evaluate(t, &s)

	var deductible Money
	for _, l := range r.Lines {
		deductible += l.Share.Deductible
	}
	// 500 in the 2026 plan year and 300 in 2027.
	if deductible != Dollars(800) {
		t.Errorf("deductible paid %s, want $800.00", deductible)
	}
	sum := r.Summary
	if sum.CareCost != Dollars(1_200) || sum.OutOfPocket != Dollars(880) || sum.InsurerPays != Dollars(320) {
		t.Errorf("summary %+v", sum)
	}
	// December: 300 + 220 + 60 = 580; January: 300.
	if r.Months[0].FromIncome != Dollars(580) || r.Months[1].FromIncome != Dollars(300) || sum.HighestMonth != NewDate(2026, time.December, 1).Month() {
		t.Errorf("months: %s, %s", r.Months[0].FromIncome, r.Months[1].FromIncome)
	}
	f := findFlag(r, FlagDeductibleResets)
	if f == nil || f.Text() != "The plan year starts again on 2027-01-01: the deductible starts over, and sessions from then on pay $300.00 toward it." {
		t.Errorf("reset flag %+v", f)
	}
	if findFlag(r, FlagNoOutOfPocketMax) != nil {
		t.Error("the plan has a maximum, but the no-maximum flag is raised")
	}
	s.Plan.InNetwork.HasOutOfPocketMax = false
	if f := findFlag(evaluate(t, &s), FlagNoOutOfPocketMax); f == nil || f.Text() != "No out-of-pocket maximum entered — costs may be overstated." {
		t.Errorf("no-maximum flag %+v", f)
	}
}

func TestOutOfNetworkBilledBalanceBill(t *testing.T) {
	// Two $600 sessions billed to the plan out of network, $380 allowed, the
	// $1,000 deductible met, 40%: each 152 + balance bill 220 = 372; the
	// patient pays 744, the plan 456; care cost is the billed 1,200.
	s := weeklyScenario(2, Dollars(550), payAsYouGo)
	s.Course.Phases[0].Price = Price{Billed: Dollars(600), AllowedOutOfNetwork: Dollars(380), Cash: Dollars(550)}
	s.Plan = plan20()
	s.Plan.Met = Met{AsOf: jan15, OutOfNetwork: Accumulated{Deductible: Dollars(1_000)}}
	s.Coverage = Coverage{Case: OutOfNetworkBilled}
	r := evaluate(t, &s)
	if sum := r.Summary; sum.CareCost != Dollars(1_200) || sum.OutOfPocket != Dollars(744) || sum.InsurerPays != Dollars(456) {
		t.Errorf("summary %+v", sum)
	}
	if f := findFlag(r, FlagBalanceBill); f == nil || f.Amounts[0] != Dollars(440) {
		t.Errorf("balance bill flag %+v, want $440.00", f)
	}
	// Out of network the plan has no maximum: flagged as such.
	if findFlag(r, FlagNoOutOfNetworkMax) == nil || findFlag(r, FlagNoOutOfPocketMax) != nil {
		t.Errorf("no out-of-network maximum: flags %+v", r.Flags)
	}
}

func TestSelfPayUpFrontAndPackage(t *testing.T) {
	// Six $550 sessions and a $350 evaluation, paid up front at 10% off:
	// 6 × 550 + 350 = 3,650; 10% = 365; due on day one 3,285.
	s := weeklyScenario(6, Dollars(550), payAsYouGo)
	s.Course.Fees = []Fee{{Name: "Evaluation", Price: Price{Cash: Dollars(350)}}}
	s.Course.PayUpFrontDiscount = Percentage(10)
	s.Coverage.PayUpFront = true
	r := evaluate(t, &s)
	if sum := r.Summary; sum.CareCost != Dollars(3_285) || sum.DueUpFront != Dollars(3_285) || sum.NetTotal != Dollars(3_285) {
		t.Errorf("summary %+v", sum)
	}
	if f := findFlag(r, FlagUpFrontDiscount); f == nil || f.Text() != "Paying for the whole course up front saves $365.00." {
		t.Errorf("discount flag %+v", f)
	}
	// A package: the phase for $3,000 paid at its first session instead of
	// 6 × 550 = 3,300.
	s.Coverage.PayUpFront = false
	s.Course.Fees = nil
	s.Course.Phases[0].PackagePrice = Dollars(3_000)
	r = evaluate(t, &s)
	if r.Summary.CareCost != Dollars(3_000) || r.Lines[0].Charged != Dollars(3_000) || r.Lines[1].Charged != 0 {
		t.Errorf("package: care cost %s, first two charges %s, %s", r.Summary.CareCost, r.Lines[0].Charged, r.Lines[1].Charged)
	}
}

func TestPaymentPlan(t *testing.T) {
	// Two $1,000 sessions; the clinic plan takes $500 down and a $30 set-up
	// fee on day one, and the other 1,500 over 3 months at 0%: $500 a month.
	plan := FundingSource{Name: "Clinic plan", PaymentPlan: &PaymentPlan{DownPayment: Dollars(500), Months: 3, SetUpFee: Dollars(30)}}
	s := weeklyScenario(2, Dollars(1_000), plan)
	r := evaluate(t, &s)
	src := r.Sources[0]
	if src.Covers != Dollars(2_000) || src.Payment != Dollars(500) || src.Payments != 3 || src.Fees != Dollars(30) {
		t.Errorf("plan %+v", src)
	}
	// The fee makes the plan cost more than 0%: 1,470 received against
	// three payments of 500. Monthly i solves 500 × (1 − (1+i)^−3)/i = 1470:
	// i = 0.0101698… (solved to 30 digits by bisection), × 12 = 12.2037%
	// → 12.20%.
	if src.APRWithFees != 122_000 {
		t.Errorf("APR with fees %s, want 12.2%%", src.APRWithFees)
	}
	sum := r.Summary
	// Jan: 530 (down + fee); Feb, Mar, Apr: 500. Net 2,000 + 30.
	if sum.DueUpFront != Dollars(530) || sum.NetTotal != Dollars(2_030) || sum.MonthsWithPayments != 4 || sum.HighestMonthly != Dollars(530) {
		t.Errorf("summary %+v", sum)
	}
	if r.Owed(0, 0) != Dollars(1_500) || r.Owed(3, 0) != 0 {
		t.Errorf("owed: %v", []Money{r.Owed(0, 0), r.Owed(3, 0)})
	}
}

func TestPersonalLoanFees(t *testing.T) {
	// $1,000 of care, a 12-month loan at 0% with a 5% fee taken from the
	// proceeds: borrow 1000 / 0.95 = 1,052.6316 → $1,052.64 (rounded up so
	// the proceeds cover the care); fee $52.64; 12 payments of $87.72; APR
	// with fees 9.58% (see TestAPRWithFees).
	loan := &PersonalLoan{Months: 12, OriginationFee: Percentage(5)}
	s := weeklyScenario(1, Dollars(1_000), FundingSource{Name: "Loan", Loan: loan})
	r := evaluate(t, &s)
	src := r.Sources[0]
	if src.Borrowed != 105_264 || src.Fees != 5_264 || src.Payment != 8_772 || src.Payments != 12 || src.APRWithFees != 95_800 {
		t.Errorf("loan %+v", src)
	}
	want := "Loan: the origination fee of $52.64 comes out of the loan, so you borrow $1,052.64 to receive $1,000.00. The APR with fees is 9.58%."
	if f := findFlag(r, FlagLoanFee); f == nil || f.Text() != want {
		t.Errorf("loan flag %+v", f)
	}
	if sum := r.Summary; sum.NetTotal != 105_264 || sum.DueUpFront != 0 {
		t.Errorf("summary %+v", sum)
	}

	// Financed: fee = 5% × 1,000 = $50, added: borrow $1,050.
	loan.FeeFinanced = true
	src = evaluate(t, &s).Sources[0]
	if src.Borrowed != Dollars(1_050) || src.Fees != Dollars(50) {
		t.Errorf("financed fee: %+v", src)
	}

	// At most $800 borrowed with the fee deducted: 800 × 0.95 = $760 of
	// care; the other $240 is unfunded.
	loan.FeeFinanced, loan.MaxAmount = false, Dollars(800)
	r = evaluate(t, &s)
	if r.Sources[0].Covers != Dollars(760) || r.Sources[0].Borrowed != Dollars(800) || r.Summary.UnfundedGap != Dollars(240) {
		t.Errorf("capped loan: %+v, gap %s", r.Sources[0], r.Summary.UnfundedGap)
	}
}

func TestLoanCheckFigureInScenario(t *testing.T) {
	// $5,000 of care on a 36-month loan at 9.99% with no fee: $161.31 a
	// month and $807.26 of interest, as in TestAmortizeCheckFigures.
	loan := FundingSource{Name: "Loan", Loan: &PersonalLoan{Months: 36, APR: 99_900}}
	s := weeklyScenario(1, Dollars(5_000), loan)
	r := evaluate(t, &s)
	if sum := r.Summary; sum.Interest != 80_726 || sum.NetTotal != 580_726 || sum.HighestMonthly != 16_141 || sum.MonthsWithPayments != 36 {
		t.Errorf("summary %+v", sum)
	}
	if findFlag(r, FlagLoanFee) != nil {
		t.Error("a loan without a fee is flagged for one")
	}
}

func TestFixedPaymentCard(t *testing.T) {
	// Two $1,200 sessions, on Jan 15 and Feb 12 (4 weeks apart), each
	// becoming its own 12-month plan at 0%: $100 a month from February and
	// from March, so March to January pay $200 and February 2028 $100.
	card := FundingSource{Name: "Card", FixedCard: &FixedPaymentCard{CreditLimit: Dollars(5_000), Months: 12}}
	s := weeklyScenario(2, Dollars(1_200), card)
	s.Course.Phases[0].Spacing = Spacing{4, EveryWeeks}
	r := evaluate(t, &s)
	if len(r.Months) != 14 || r.Months[1].FromIncome != Dollars(100) || r.Months[2].FromIncome != Dollars(200) || r.Months[13].FromIncome != Dollars(100) {
		t.Errorf("%d months; Feb %s, Mar %s, last %s", len(r.Months), r.Months[1].FromIncome, r.Months[2].FromIncome, r.Months[len(r.Months)-1].FromIncome)
	}
	if src := r.Sources[0]; src.Payments != 13 || src.Interest != 0 || r.Owed(1, 0) != Dollars(2_300) {
		t.Errorf("card %+v; owed in February %s (1,100 + 1,200)", src, r.Owed(1, 0))
	}
}

func TestGrants(t *testing.T) {
	// Three $550 sessions; a grant of 50% of each charge up to $600 pays
	// 275, 275 and then the 50 left of its cap; pay as you go pays the rest:
	// 1,650 − 600 = 1,050.
	grant := FundingSource{Name: "Fund", Grant: &Grant{Share: Percentage(50), Cap: Dollars(600)}}
	s := weeklyScenario(3, Dollars(550), grant, payAsYouGo)
	r := evaluate(t, &s)
	if sum := r.Summary; sum.Assistance != Dollars(600) || sum.OutOfPocket != Dollars(1_050) || sum.NetTotal != Dollars(1_050) {
		t.Errorf("summary %+v", sum)
	}
	if paid := r.Paid(0, 0); paid != Dollars(600) {
		t.Errorf("grant paid %s in January, want $600.00", paid)
	}

	// Pending and not counted: pay as you go pays all 1,650, and the app says
	// the grant was left out.
	s.Sources[0].Grant.Pending = true
	r = evaluate(t, &s)
	if r.Summary.Assistance != 0 || r.Sources[0].Counted || findFlag(r, FlagPendingGrantIgnored) == nil {
		t.Errorf("pending grant: assistance %s, flags %+v", r.Summary.Assistance, r.Flags)
	}
	// Counted: back to $600, with a warning that it is not yet awarded.
	s.CountPendingGrants = true
	r = evaluate(t, &s)
	if f := findFlag(r, FlagPendingGrantCounted); r.Summary.Assistance != Dollars(600) || f == nil ||
		f.Text() != "Counts $600.00 from Fund, which is still pending: if it is not awarded, you owe that too." {
		t.Errorf("counted pending grant: assistance %s, flag %+v", r.Summary.Assistance, f)
	}
	// A fixed $1,000 grant covers the first session and $450 of the second.
	s.Sources[0].Grant = &Grant{Amount: Dollars(1_000)}
	r = evaluate(t, &s)
	if r.Summary.Assistance != Dollars(1_000) || r.Sources[1].Covers != Dollars(650) {
		t.Errorf("fixed grant: %s, then %s", r.Summary.Assistance, r.Sources[1].Covers)
	}
}

func TestUnfundedGapAndOverBudget(t *testing.T) {
	// $2,200 of care (four $550 weekly sessions), $1,000 of savings: $1,200
	// has no source. The net total counts it: 1,000 + 1,200 = 2,200.
	savings := FundingSource{Name: "Savings", Savings: &Savings{Amount: Dollars(1_000)}}
	s := weeklyScenario(4, Dollars(550), savings)
	r := evaluate(t, &s)
	if sum := r.Summary; sum.UnfundedGap != Dollars(1_200) || sum.OutOfPocket != Dollars(1_000) || sum.NetTotal != Dollars(2_200) || sum.MonthsWithPayments != 0 {
		t.Errorf("summary %+v", sum)
	}
	if f := findFlag(r, FlagUnfundedGap); f == nil || f.Text() != "$1,200.00 of the cost has no way to pay it yet: add a funding source or raise a limit. It is counted in the net total." {
		t.Errorf("gap flag %+v", f)
	}
	// Savings first, then pay as you go with a $300 budget. The sessions
	// fall on Jan 15, 22, 29 and Feb 5: January has 3 × 550 = 1,650 of
	// charges, 1,000 from savings and 650 from income; February 550 from
	// income. Both months are over the budget.
	s.Sources = append(s.Sources, payAsYouGo)
	s.MonthlyBudget = Dollars(300)
	r = evaluate(t, &s)
	want := "Payments are over the monthly budget of $300.00 in 2 months; the highest is $650.00 in Jan 2027."
	if f := findFlag(r, FlagOverBudget); f == nil || f.Text() != want || !r.Months[0].OverBudget || !r.Months[1].OverBudget {
		t.Errorf("over-budget flag %+v", f)
	}
}

func TestHealthAccountTaxEstimate(t *testing.T) {
	// $1,000 from an HSA at a 22% combined rate saves an estimated $220.
	hsa := FundingSource{Name: "HSA", HealthAccount: &HealthAccount{Balance: Dollars(1_500), TaxRate: Percentage(22)}}
	s := weeklyScenario(1, Dollars(1_000), hsa)
	r := evaluate(t, &s)
	if sum := r.Summary; sum.TaxSavings != Dollars(220) || sum.NetTotal != Dollars(780) || sum.DueUpFront != Dollars(1_000) || sum.HighestMonthly != 0 {
		t.Errorf("summary %+v", sum)
	}
	if f := findFlag(r, FlagTaxEstimate); f == nil || f.Text() != "The $220.00 saved on taxes by paying with HSA/FSA money is an estimate at a 22% tax rate, not tax advice." {
		t.Errorf("tax flag %+v", f)
	}
}

func TestScenarioValidation(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Scenario)
		want string
	}{
		{"no start", func(s *Scenario) { s.Course.Start = 0 }, "no start date"},
		{"no phases", func(s *Scenario) { s.Course.Phases = nil }, "no sessions"},
		{"no sessions", func(s *Scenario) { s.Course.Phases[0].Sessions = 0 }, "no sessions: enter how many"},
		{"too many sessions", func(s *Scenario) { s.Course.Phases[0].Sessions = 5000 }, "carecost plans up to 1000"},
		{"negative price", func(s *Scenario) { s.Course.Phases[0].Price.Cash = -1 }, "cash price of Session cannot be negative"},
		{"spacing", func(s *Scenario) { s.Course.Phases[0].Spacing = Spacing{0, EveryWeeks} }, "spacing of at least 1"},
		{"eight a week", func(s *Scenario) { s.Course.Phases[0].Spacing = Spacing{8, TimesPerWeek} }, "the most is 7"},
		{"discount", func(s *Scenario) { s.Course.PayUpFrontDiscount = OneHundredPercent + 1 }, "pay-up-front discount"},
		{"plan needed", func(s *Scenario) { s.Coverage.Case = CoveredInNetwork }, "plan-year start"},
		{"unknown case", func(s *Scenario) { s.Coverage.Case = 7 }, "coverage case"},
		{"lag", func(s *Scenario) { s.Coverage.ReimbursementLagDays = -1 }, "reimbursement lag"},
		{"budget", func(s *Scenario) { s.MonthlyBudget = -1 }, "monthly budget cannot be negative"},
		{"two kinds", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Mixed", Savings: &Savings{}, PayAsYouGo: &PayAsYouGo{}}}
		}, "exactly one kind"},
		{"grant both", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "G", Grant: &Grant{Amount: 1, Share: 1}}}
		}, "both an amount and a share"},
		{"grant neither", func(s *Scenario) { s.Sources = []FundingSource{{Name: "G", Grant: &Grant{}}} }, "neither"},
		{"term", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Loan", Loan: &PersonalLoan{Months: 0}}}
		}, "term of 1 to 360 months"},
		{"apr", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Plan", PaymentPlan: &PaymentPlan{Months: 12, APR: MaxAPR + 1}}}
		}, "APR of Plan must be between"},
		{"fee", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Loan", Loan: &PersonalLoan{Months: 12, OriginationFee: Percentage(51)}}}
		}, "carecost takes up to 50%"},
		{"start out of range", func(s *Scenario) { s.Course.Start = Date(1 << 30) }, "outside the years"},
		{"in-network allowed amount", func(s *Scenario) {
			s.Coverage.Case = CoveredInNetwork
			s.Plan = plan20()
		}, "Session has no in-network allowed amount"},
		{"out-of-network allowed amount", func(s *Scenario) {
			s.Coverage.Case = OutOfNetworkSuperbill
			s.Plan = plan20()
		}, "Session has no out-of-network allowed amount"},
		{"maximum below deductible", func(s *Scenario) {
			s.Coverage.Case = CoveredInNetwork
			s.Plan = plan20()
			s.Course.Phases[0].Price.AllowedInNetwork = Dollars(100)
			s.Plan.InNetwork.OutOfPocketMax = Dollars(100)
		}, "out-of-pocket maximum ($100.00) is less than the deductible ($500.00)"},
		{"copay with no rule", func(s *Scenario) {
			s.Coverage.Case = CoveredInNetwork
			s.Plan = plan20()
			s.Course.Phases[0].Price.AllowedInNetwork = Dollars(100)
			s.Plan.InNetwork.Copay = Dollars(40)
		}, "copay of $40.00 has no rule"},
		{"rule with no copay", func(s *Scenario) {
			s.Coverage.Case = CoveredInNetwork
			s.Plan = plan20()
			s.Course.Phases[0].Price.AllowedInNetwork = Dollars(100)
			s.Plan.InNetwork.CopayRule = CopayInsteadOfDeductible
		}, "copay is $0.00 but a copay rule is set"},
		{"promo", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Card", DeferredCard: &DeferredInterestCard{CreditLimit: 1, PromoMonths: 0}}}
		}, "promotion of 1 to 60 months"},
		{"card limit", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Card", DeferredCard: &DeferredInterestCard{PromoMonths: 6, PlannedPayment: 1}}}
		}, "needs a credit limit"},
		{"card payment", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Card", DeferredCard: &DeferredInterestCard{CreditLimit: 1, PromoMonths: 6}}}
		}, "planned monthly payment or a minimum"},
		{"fixed card", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "Card", FixedCard: &FixedPaymentCard{Months: 12}}}
		}, "needs a credit limit"},
		{"hsa", func(s *Scenario) {
			s.Sources = []FundingSource{{Name: "HSA", HealthAccount: &HealthAccount{Balance: -1}}}
		}, "balance of HSA cannot be negative"},
		{"too many sources", func(s *Scenario) { s.Sources = make([]FundingSource, 21) }, "up to 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := weeklyScenario(2, Dollars(100), payAsYouGo)
			tt.edit(&s)
			_, err := Evaluate(&s)
			if err == nil || !contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestNoSourcesLeavesEverythingUnfunded(t *testing.T) {
	s := weeklyScenario(2, Dollars(100))
	r := evaluate(t, &s)
	if r.Summary.UnfundedGap != Dollars(200) || r.Summary.NetTotal != Dollars(200) {
		t.Errorf("summary %+v", r.Summary)
	}
}

func TestNeverPaidOffRanksLast(t *testing.T) {
	// Six weekly $500 sessions on a 29.99% deferred card paying $25 a month
	// (a 1% minimum of $30 or less pays under the ~$75 of monthly interest
	// on $3,000, so it is never paid off), against a 60-month loan at
	// 29.99%: the loan costs more on paper, but the card's totals leave out
	// what it still owes, so the loan ranks first.
	card := FundingSource{Name: "Card", DeferredCard: &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 6,
		APR: 299_900, MinimumFloor: Dollars(25), PlannedPayment: Dollars(25)}}
	trap := weeklyScenario(6, Dollars(500), card)
	trap.Name = "trap"
	loan := weeklyScenario(6, Dollars(500), FundingSource{Name: "Loan", Loan: &PersonalLoan{Months: 60, APR: 299_900}})
	loan.Name = "loan"
	c := Compare([]Scenario{trap, loan})
	trapSum := c.Entries[0].Result.Summary
	if !trapSum.NeverPaidOff || trapSum.StillOwed == 0 || trapSum.NetTotal >= c.Entries[1].Result.Summary.NetTotal {
		t.Fatalf("the trap: %+v", trapSum)
	}
	if c.ByNetTotal[0] != 1 || c.ByHighestMonthly[0] != 1 {
		t.Errorf("rankings %v, %v: the never-paid-off card must come last", c.ByNetTotal, c.ByHighestMonthly)
	}
}

func TestSuperbillForAPackageListsWhatWasPaid(t *testing.T) {
	// Six sessions sold as a $1,000 package (cash $550 each otherwise), $380
	// allowed out of network, 40% coinsurance, deductible met. The superbill
	// lists what was paid: 1,000 / 6 = 166.66 for five sessions and 166.70
	// for the last (1,000 − 5 × 166.66). The plan allows the smaller of that
	// and $380 and pays the rest after the patient's 40%, which is the
	// rounded charge: 166.66 − round(66.664 → 66.66) = $100.00 for each of
	// five sessions, 166.70 − 66.68 = $100.02 for the last: $600.02 back on
	// $1,000 paid, $399.98 out of pocket.
	s := weeklyScenario(6, Dollars(550), payAsYouGo)
	s.Course.Phases[0].PackagePrice = Dollars(1_000)
	s.Course.Phases[0].Price.AllowedOutOfNetwork = Dollars(380)
	s.Plan = plan20()
	s.Plan.OutOfNetwork.Coinsurance = Percentage(40)
	s.Plan.Met = Met{AsOf: jan15, OutOfNetwork: Accumulated{Deductible: Dollars(1_000)}}
	s.Coverage = Coverage{Case: OutOfNetworkSuperbill}
	r := evaluate(t, &s)
	if r.Summary.CareCost != Dollars(1_000) || r.Summary.InsurerPays != 60_002 || r.Summary.OutOfPocket != 39_998 {
		t.Errorf("summary %+v", r.Summary)
	}
}

func TestFinancedFeeLoanUsesItsWholeLimit(t *testing.T) {
	// $20,000 of care; a loan of at most $10,000 with a 10% fee added to it:
	// it can cover 10,000 / 1.1 = 9,090.909… → $9,090.91 would borrow
	// 9,090.91 + 909.09 = $10,000.00 exactly; so it covers $9,090.91.
	loan := FundingSource{Name: "Loan", Loan: &PersonalLoan{MaxAmount: Dollars(10_000), Months: 12, OriginationFee: Percentage(10), FeeFinanced: true}}
	s := weeklyScenario(1, Dollars(20_000), loan)
	r := evaluate(t, &s)
	if src := r.Sources[0]; src.Covers != 909_091 || src.Borrowed != Dollars(10_000) {
		t.Errorf("loan %+v", src)
	}
}

func TestDeductibleResetFlagEachYear(t *testing.T) {
	// Monthly $300 sessions from 2026-11-02, 15 of them, under plan20 ($500
	// deductible): two fall in 2026, twelve in 2027 and one in 2028. The plan
	// year starts again on 2027-01-01 (the first two 2027 sessions pay 300 +
	// 200 toward the deductible) and on 2028-01-01 (the one session, 300).
	s := weeklyScenario(15, Dollars(300), payAsYouGo)
	s.Course.Start = NewDate(2026, time.November, 2)
	s.Course.Phases[0].Spacing = Spacing{1, EveryMonths}
	s.Course.Phases[0].Price.AllowedInNetwork = Dollars(300)
	s.Plan = plan20()
	s.Coverage = Coverage{Case: CoveredInNetwork}
	r := evaluate(t, &s)
	var resets []string
	for _, f := range r.Flags {
		if f.Kind == FlagDeductibleResets {
			resets = append(resets, f.Date.String()+" "+f.Amounts[0].String())
		}
	}
	if len(resets) != 2 || resets[0] != "2027-01-01 $500.00" || resets[1] != "2028-01-01 $300.00" {
		t.Errorf("reset flags %v", resets)
	}
}

func TestOtherCostsBesideTheBill(t *testing.T) {
	// Four weekly $500 sessions from 2027-01-15 (Jan 15, 22, 29, Feb 5),
	// paid as they come, with a $40 ride to each session and a one-time
	// $120 for a companion's travel on the first day: other costs are
	// 4 × 40 + 120 = $280, $240 of it in January (3 rides and the $120) and
	// $40 in February. The net total is 2,000 + 280 = $2,280.00; the
	// payments toward the care stay $1,500 in January and $500 in February.
	s := weeklyScenario(4, Dollars(500), payAsYouGo)
	s.Course.OtherCosts = []OtherCost{{Name: "Ride", Amount: Dollars(40), PerSession: true}, {Name: "Companion's travel", Amount: Dollars(120)}}
	r := evaluate(t, &s)
	if r.Summary.OtherCosts != Dollars(280) || r.Summary.NetTotal != Dollars(2_280) || r.Summary.OutOfPocket != Dollars(2_000) {
		t.Errorf("summary %+v", r.Summary)
	}
	if len(r.Months) != 2 || r.Months[0].OtherCosts != Dollars(240) || r.Months[1].OtherCosts != Dollars(40) ||
		r.Months[0].FromIncome != Dollars(1_500) || r.Summary.HighestMonthly != Dollars(1_500) {
		t.Errorf("months %+v", r.Months)
	}
	s.Course.OtherCosts[0].Amount = -1
	if _, err := Evaluate(&s); err == nil || err.Error() != "the amount of Ride cannot be negative (it is -$0.01)" {
		t.Errorf("negative cost: %v", err)
	}
}

// Every charge carries its day of the month, so that a card's promotions
// are worked out from the month and day priced, not from the calendar:
// those give the charge's own date back.
func TestChargesKnowTheirDay(t *testing.T) {
	for _, s := range append(NewDemo().Scenarios, benchScenarios(8)...) {
		pr := price(&s.Course, &s.Coverage, &s.Plan, nil, nil, nil)
		if len(pr.charges) == 0 {
			t.Fatalf("%s: no charges", s.Name)
		}
		start := s.Course.Start.Month()
		for _, ch := range pr.charges {
			if _, day := ch.date.monthDay(); ch.day != day || (start+Month(ch.month)).day(ch.day) != ch.date {
				t.Fatalf("%s: the charge of %s has day %d of month %d", s.Name, ch.date, ch.day, ch.month)
			}
		}
	}
}
