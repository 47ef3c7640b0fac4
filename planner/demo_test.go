package planner

import (
	"strings"
	"testing"
)

func TestDemoCoversTheStory(t *testing.T) {
	d := NewDemo()
	if len(d.Scenarios) < 5 || len(d.Courses) != 2 {
		t.Fatalf("%d scenarios over %d courses", len(d.Scenarios), len(d.Courses))
	}
	cases := map[CoverageCase]bool{}
	kinds := map[SourceKind]bool{}
	treatments := map[string]bool{}
	for _, s := range d.Scenarios {
		cases[s.Coverage.Case] = true
		treatments[s.Course.Name] = true
		for i := range s.Sources {
			kinds[s.Sources[i].Kind()] = true
		}
	}
	for _, c := range []CoverageCase{CoveredInNetwork, OutOfNetworkSuperbill, SelfPay} {
		if !cases[c] {
			t.Errorf("no demo scenario is %s", c)
		}
	}
	for _, k := range []SourceKind{KindGrant, KindHealthAccount, KindPaymentPlan, KindDeferredCard, KindLoan, KindCopayProgram} {
		if !kinds[k] {
			t.Errorf("no demo scenario uses a %s", k)
		}
	}
	if len(treatments) != 2 {
		t.Errorf("treatments %v, want ketamine and esketamine", treatments)
	}
	if !strings.Contains(d.Patient.Name, "fictional") || !strings.Contains(d.Plan.Name, "fictional") {
		t.Errorf("demo names are not labelled fictional: %q, %q", d.Patient.Name, d.Plan.Name)
	}
	// The ketamine course: 6 induction infusions at $550 cash / $600 billed.
	k := d.Courses[0].Phases[0]
	if k.Sessions != 6 || k.Price.Cash != Dollars(550) || k.Price.Billed != Dollars(600) {
		t.Errorf("induction %+v", k)
	}
}

func TestDemoFigures(t *testing.T) {
	scenarios := NewDemo().Scenarios
	c := Compare(scenarios)
	byName, scenarioNamed := map[string]Result{}, map[string]*Scenario{}
	for i, e := range c.Entries {
		if e.Err != nil {
			t.Fatalf("%s: %v", e.Result.Name, e.Err)
		}
		byName[e.Result.Name], scenarioNamed[e.Result.Name] = e.Result, &scenarios[i]
	}
	// In network: $600 of the 2026 deductible is left (2,000 − 1,400). In
	// December the evaluation (280) and six infusions (6 × 420) are 2,800
	// allowed: 600 deductible + 20% × 2,200 = 440 → 1,040. In 2027 six
	// boosters (2,520 allowed) meet a new deductible: 2,000 + 20% × 520 =
	// 104 → 2,104. Out of pocket 3,144; the HSA's 1,200 saves an estimated
	// 22% = 264: net 2,880.
	in := byName["Ketamine in network"].Summary
	if in.OutOfPocket != Dollars(3_144) || in.TaxSavings != Dollars(264) || in.NetTotal != Dollars(2_880) {
		t.Errorf("in network: %+v", in)
	}
	// Self-pay: 350 + 12 × 550 = 6,950; the clinic plan takes 500 down and a
	// $49 fee, then 6,450 / 12 = $537.50 a month.
	plan := byName["Ketamine clinic plan"]
	if plan.Summary.CareCost != Dollars(6_950) || plan.Sources[0].Payment != 53_750 || plan.Summary.DueUpFront != Dollars(549) {
		t.Errorf("clinic plan: %+v", plan.Summary)
	}
	// The loan borrows 6,950 / 0.94 = 7,393.617 → $7,393.62.
	if loan := byName["Ketamine with a loan"].Sources[0]; loan.Borrowed != 739_362 {
		t.Errorf("loan borrows %s", loan.Borrowed)
	}
	// Esketamine's visit ($220 allowed) and drug ($640) are one claim of
	// $860 a session under the medical route. In December 2026 (8
	// sessions), $600 of the deductible is left: 600 + 20% × 260 = 652,
	// then 7 × 172 (20% × 860) = 1,204. In 2027 (13 sessions) it starts
	// again: 860, 860, then 280 + 20% × 580 = 396, then 10 × 172 = 1,720,
	// so 3,836. Out of pocket 652 + 1,204 + 3,836 = 5,692, less the HSA's
	// estimated 22% × 1,200 = 264 of tax saved: 5,428; plus a $30 ride home
	// from each of the 8 + 4 + 9 = 21 sessions, 5,428 + 630 = $6,058.00.
	med := byName["Esketamine, prior auth"]
	coverage := CoverageText(scenarioNamed["Esketamine, prior auth"])
	if med.Summary.NetTotal != Dollars(6_058) || med.Summary.OtherCosts != Dollars(630) || coverage != "covered in network, the drug under the medical benefit" {
		t.Errorf("esketamine, medical benefit: %+v %q", med.Summary, coverage)
	}
	// The pharmacy route, under the plan's copay accumulator, with the
	// maker's $2,000 a year. In 2026 the plan has $1,400 of its $2,000
	// deductible met and none of the $500 drug deductible. Each of the
	// first sessions: the visit $220 (deductible) and the fill 500 + 30% ×
	// 190 = 557, so $777, all paid by the program and none of it counted:
	// Dec 7 and Dec 10 take $1,554, and Dec 14 the last $446, when it runs
	// out. From then the patient pays, to the end of 2026:
	//   Dec 14  777 − 446 = 331 (of the 446, the fill's deductible part
	//           counts nothing; 54 of the drug deductible and 111 of the
	//           drug maximum do count, and the visit's 220)
	//   Dec 17  visit 220; fill 446 + 30% × 244 (73.20) = 519.20; 739.20 in all
	//   Dec 21  visit 160 + 20% × 60 = 172; fill 207 (30% × 690) → 379
	//   Dec 24, 28, 31  visit 44, fill 207 → 251 each
	// 331 + 739.20 + 379 + 3 × 251 = $2,202.20.
	rx := byName["Esketamine via pharmacy"]
	want := "Maker's copay program (fictional)'s $2,000.00 yearly maximum runs out on 2026-12-14: from then to the end of 2026 you pay $2,202.20 of the sessions' costs yourself."
	if f := findFlag(rx, FlagCopayRunsOut); f == nil || !strings.HasPrefix(f.Text(), want) || rx.Lines[2].Program != 44_600 {
		t.Errorf("esketamine via pharmacy: %v, want %q", f, want)
	}
	if rx.Lines[0].Fill.Patient != 55_700 || rx.Lines[0].Share.Patient != 22_000 || rx.Lines[3].Charged != 73_920 {
		t.Errorf("esketamine via pharmacy: lines %+v", rx.Lines[:4])
	}
	// The card's $300 a month misses the promotion.
	if findFlag(byName["Ketamine on a medical card"], FlagDeferredInterestCliff) == nil {
		t.Error("the demo card does not show the deferred-interest cliff")
	}
}

// TestMoneyIsConserved checks, for every demo scenario and more, that the
// timeline and the summary account for every cent: what the patient paid
// through their own sources is the out-of-pocket cost plus what the plan
// paid back, interest and fees; grants pay the assistance; the months'
// charges are the patient's charges.
func TestMoneyIsConserved(t *testing.T) {
	scenarios := append(NewDemo().Scenarios, benchScenarios(12)...)
	// Two deferred-interest cards side by side, each run on its own.
	two := weeklyScenario(6, Dollars(550),
		FundingSource{Name: "Card A", DeferredCard: &DeferredInterestCard{CreditLimit: Dollars(1_200), PromoMonths: 6, APR: 269_900, PlannedPayment: Dollars(150)}},
		FundingSource{Name: "Card B", DeferredCard: &DeferredInterestCard{CreditLimit: Dollars(5_000), PromoMonths: 12, APR: 299_900, PlannedPayment: Dollars(400)}})
	two.Name = "two cards"
	scenarios = append(scenarios, two)
	for i := range scenarios {
		s := &scenarios[i]
		r := evaluate(t, s)
		sum := r.Summary
		var patientPaid, grantPaid, charges, reimbursed, unfunded, highest Money
		for m, row := range r.Months {
			for k := range r.Sources {
				paid := r.Paid(m, k)
				if r.Sources[k].Kind == KindGrant || r.Sources[k].Kind == KindCopayProgram {
					grantPaid += paid
				} else {
					patientPaid += paid
				}
			}
			charges += row.Charges
			reimbursed += row.Reimbursed
			unfunded += row.Unfunded
			highest = max(highest, row.FromIncome)
		}
		neverPaid := false
		for _, src := range r.Sources {
			neverPaid = neverPaid || src.NeverPaidOff
		}
		if !neverPaid && patientPaid != sum.OutOfPocket+reimbursed+sum.Interest+sum.Fees {
			t.Errorf("%s: patient paid %s, want out of pocket %s + reimbursed %s + interest %s + fees %s",
				s.Name, patientPaid, sum.OutOfPocket, reimbursed, sum.Interest, sum.Fees)
		}
		if grantPaid != sum.Assistance || unfunded != sum.UnfundedGap || highest != sum.HighestMonthly {
			t.Errorf("%s: grants %s vs %s, unfunded %s vs %s, highest %s vs %s", s.Name,
				grantPaid, sum.Assistance, unfunded, sum.UnfundedGap, highest, sum.HighestMonthly)
		}
		if charges != sum.CareCost-(sum.InsurerPays-reimbursed) {
			t.Errorf("%s: charges %s, want care cost %s less plan payments %s", s.Name, charges, sum.CareCost, sum.InsurerPays-reimbursed)
		}
		var other Money
		for _, row := range r.Months {
			other += row.OtherCosts
		}
		if other != sum.OtherCosts || sum.NetTotal != sum.OutOfPocket+sum.UnfundedGap+sum.Interest+sum.Fees-sum.TaxSavings+sum.OtherCosts {
			t.Errorf("%s: net total %s does not add up (other costs %s by month, %s in all)", s.Name, sum.NetTotal, other, sum.OtherCosts)
		}
		if last := len(r.Months) - 1; !neverPaid {
			for k := range r.Sources {
				if owed := r.Owed(last, k); owed != 0 {
					t.Errorf("%s: %s still owes %s at the end", s.Name, r.Sources[k].Name, owed)
				}
			}
		}
	}
}
