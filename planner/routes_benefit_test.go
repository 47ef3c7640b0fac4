package planner

import (
	"testing"
)

// drugCourse is four weekly sessions from 2027-01-15 (Jan 15, 22, 29 and
// Feb 5) of a drug given in the clinic: the visit (administration and
// monitoring) allowed $200, the drug $600 under the medical benefit, and
// $700 for one fill at the plan's specialty pharmacy.
func drugCourse() Course {
	return Course{Name: "Spray", Start: jan15, Phases: []Phase{{Name: "Dose", Sessions: 4, Spacing: Spacing{1, EveryWeeks},
		Price: Price{Billed: Dollars(250), AllowedInNetwork: Dollars(200), Cash: Dollars(250)},
		Drug:  DrugPrice{Medical: Price{Billed: Dollars(800), AllowedInNetwork: Dollars(600), Cash: Dollars(700)}, Pharmacy: Dollars(700)}}}}
}

// drugPlan has a $1,000 deductible, 20% and a $4,000 maximum in network,
// nothing met; its drug tier is 25% of the plan's price, at least $50 and at
// most $150 a fill, after a separate $500 drug deductible, with a $2,000
// drug maximum.
func drugPlan() Plan {
	return Plan{Name: "P", PlanYearStart: NewDate(2027, 1, 1),
		InNetwork: CostSharing{Deductible: Dollars(1_000), Coinsurance: Percentage(20), OutOfPocketMax: Dollars(4_000), HasOutOfPocketMax: true},
		Pharmacy: DrugBenefit{Coinsurance: Percentage(25), MinPerFill: Dollars(50), MaxPerFill: Dollars(150), Separate: true,
			Deductible: Dollars(500), OutOfPocketMax: Dollars(2_000), HasOutOfPocketMax: true}}
}

func routeScenario(route BenefitRoute) Scenario {
	return Scenario{Name: route.String(), Course: drugCourse(), Plan: drugPlan(),
		Coverage: Coverage{Case: CoveredInNetwork, Route: route}, Sources: []FundingSource{payAsYouGo}}
}

func TestMedicalBenefitBillsTheDrugWithTheVisit(t *testing.T) {
	// Each session is one claim of 200 + 600 = $800 allowed:
	//   1: deductible 800 (of 1,000)           patient 800, plan 0
	//   2: deductible 200, 20% × 600 = 120     patient 320, plan 480
	//   3: 20% × 800 = 160                     patient 160, plan 640
	//   4: 160                                 patient 160, plan 640
	// Patient 1,440; care cost 3,200; insurer 1,760.
	s := routeScenario(MedicalBenefit)
	r := evaluate(t, &s)
	if sum := r.Summary; sum.OutOfPocket != Dollars(1_440) || sum.CareCost != Dollars(3_200) || sum.InsurerPays != Dollars(1_760) {
		t.Errorf("summary %+v", sum)
	}
	if r.Lines[1].Charged != Dollars(320) || r.Lines[0].HasFill {
		t.Errorf("second session %+v", r.Lines[1])
	}
}

func TestPharmacyBenefitFillsTheDrug(t *testing.T) {
	// The visits, $200 each under the medical deductible (1,000 not met by
	// four): patient 4 × 200 = 800. The fills, $700 each, under the drug
	// tier with its own $500 deductible:
	//   1: deductible 500, 25% × 200 = 50 (the least is $50)   patient 550, plan 150
	//   2: 25% × 700 = 175, held to the most, $150            patient 150, plan 550
	//   3 and 4: 150 each                                      plan 550 each
	// Patient 800 + 550 + 3 × 150 = 1,800; care cost 4 × 900 = 3,600;
	// insurer 150 + 3 × 550 = 1,800.
	s := routeScenario(PharmacyBenefit)
	r := evaluate(t, &s)
	if sum := r.Summary; sum.OutOfPocket != Dollars(1_800) || sum.CareCost != Dollars(3_600) || sum.InsurerPays != Dollars(1_800) {
		t.Errorf("summary %+v", sum)
	}
	l := r.Lines[0]
	if !l.HasFill || l.Share.Patient != Dollars(200) || l.Fill.Deductible != Dollars(500) || l.Fill.Coinsurance != Dollars(50) || l.Charged != Dollars(750) {
		t.Errorf("first session %+v", l)
	}
	if l := r.Lines[1]; l.Fill.Coinsurance != Dollars(150) || l.Fill.Plan != Dollars(550) {
		t.Errorf("second fill %+v", l.Fill)
	}
}

func TestPharmacyBenefitSharedWithTheMedicalDeductible(t *testing.T) {
	// An integrated plan: the drug counts toward the medical $1,000
	// deductible and $4,000 maximum. On each day the visit comes first:
	//   Jan 15 visit: deductible 200 (800 left)        200
	//          fill:  deductible 700 (100 left)        700
	//   Jan 22 visit: deductible 100, 20% × 100 = 20   120
	//          fill:  25% × 700 = 175 → the most, 150  150
	//   Jan 29 visit: 20% × 200 = 40; fill 150         190
	//   Feb 5  the same                                190
	// Patient 200 + 700 + 120 + 150 + 190 + 190 = 1,550.
	s := routeScenario(PharmacyBenefit)
	s.Plan.Pharmacy.Separate = false
	r := evaluate(t, &s)
	if r.Summary.OutOfPocket != Dollars(1_550) || r.Lines[0].Fill.Deductible != Dollars(700) || r.Lines[1].Share.Patient != Dollars(120) {
		t.Errorf("summary %+v, lines %+v", r.Summary, r.Lines[:2])
	}
	// A copay tier: $100 a fill after the deductible. Jan 15: visit 200,
	// fill deductible 700 (rest 0, so no copay); Jan 22: visit 120, fill
	// 100; then 40 + 100 twice: 200 + 700 + 220 + 140 + 140 = 1,400.
	s.Plan.Pharmacy = DrugBenefit{Copay: Dollars(100)}
	r = evaluate(t, &s)
	if r.Summary.OutOfPocket != Dollars(1_400) {
		t.Errorf("copay tier: out of pocket %s, want $1,400.00", r.Summary.OutOfPocket)
	}
}

func TestPharmacyBenefitNeedsWhatItFills(t *testing.T) {
	for _, tc := range []struct {
		change func(*Scenario)
		want   string
	}{
		{func(s *Scenario) { s.Coverage.Case = SelfPay },
			"self-pay has no pharmacy benefit: the clinic's cash price includes the drug, so choose the medical benefit route"},
		{func(s *Scenario) { s.Course.Phases[0].Drug = DrugPrice{} },
			"the course carries no drug, so the pharmacy benefit has nothing to fill: give a phase its drug's prices, or choose the medical benefit"},
		{func(s *Scenario) { s.Plan.Pharmacy = DrugBenefit{} },
			"the plan's drug tier is not entered: give its copay or coinsurance per fill (the plan's drug list, its formulary, says which)"},
		{func(s *Scenario) { s.Course.Phases[0].Drug.Pharmacy = 0 },
			"the drug of Dose has no pharmacy price: enter the plan's price for one fill (the plan or its pharmacy can tell you)"},
		{func(s *Scenario) { s.Plan.Pharmacy.MaxPerFill = Dollars(10) },
			"the drug coinsurance's most per fill ($10.00) is less than its least ($50.00): check both"},
	} {
		s := routeScenario(PharmacyBenefit)
		tc.change(&s)
		if _, err := Evaluate(&s); err == nil || err.Error() != tc.want {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
}
