package planner

import (
	"testing"
	"time"
)

// programScenario is twelve monthly sessions from 2027-01-15, $1,000
// allowed each, covered in network by an employer plan with a $2,000
// deductible, 20% coinsurance and a $5,000 maximum, nothing met; a drug
// maker's copay program with a $2,500 yearly maximum pays first, then
// income.
func programScenario(rule AssistanceRule) Scenario {
	return Scenario{Name: "program", PlanKind: PlanEmployerInsured,
		Course: Course{Name: "Spray", Start: jan15, Phases: []Phase{{Name: "Dose", Sessions: 12, Spacing: Spacing{1, EveryMonths},
			Price: Price{Billed: Dollars(1_200), AllowedInNetwork: Dollars(1_000), Cash: Dollars(1_100)}}}},
		Plan: Plan{Name: "P", PlanYearStart: NewDate(2027, time.January, 1), CopayAssistance: rule,
			InNetwork: CostSharing{Deductible: Dollars(2_000), Coinsurance: Percentage(20), OutOfPocketMax: Dollars(5_000), HasOutOfPocketMax: true}},
		Coverage: Coverage{Case: CoveredInNetwork},
		Sources:  []FundingSource{{Name: "Copay card", CopayProgram: &CopayProgram{YearlyMax: Dollars(2_500)}}, payAsYouGo},
	}
}

func TestCopayProgramCountedAsPaid(t *testing.T) {
	// Standard: what the program pays counts as if the patient paid it.
	//   Jan: deductible 1,000 → program 1,000 (1,500 left)
	//   Feb: deductible 1,000 → program 1,000 (500 left); deductible met
	//   Mar, Apr: 20% × 1,000 = 200 each → program 200, 200 (100 left)
	//   May: 200 → program 100, the maximum runs out; patient 100
	//   Jun–Dec: 200 a month from income
	// Program 2,500; patient 100 + 7 × 200 = $1,500.00, all from May on.
	s := programScenario(StandardAssistance)
	r := evaluate(t, &s)
	src := r.Sources[0]
	if src.Covers != Dollars(2_500) || len(src.RunOuts) != 1 || src.RunOuts[0] != (RunOut{NewDate(2027, time.May, 15), Dollars(1_500)}) {
		t.Errorf("program %+v", src)
	}
	if sum := r.Summary; sum.Assistance != Dollars(2_500) || sum.OutOfPocket != Dollars(1_500) || sum.NetTotal != Dollars(1_500) {
		t.Errorf("summary %+v", sum)
	}
	want := "Copay card's $2,500.00 yearly maximum runs out on 2027-05-15: from then to the end of 2027 you pay $1,500.00 of the sessions' costs yourself."
	if f := findFlag(r, FlagCopayRunsOut); f == nil || f.Text() != want {
		t.Errorf("flag %v, want %q", f, want)
	}
	if r.Paid(4, 0) != Dollars(100) || r.Paid(4, 1) != Dollars(100) || r.Months[4].FromIncome != Dollars(100) {
		t.Errorf("May: program %s, income %s", r.Paid(4, 0), r.Paid(4, 1))
	}
}

func TestCopayProgramUnderAnAccumulator(t *testing.T) {
	// Accumulator: what the program pays counts toward nothing.
	//   Jan: deductible 1,000 → program 1,000 (1,500 left); met stays 0
	//   Feb: deductible 1,000 (2,000 left) → program 1,000 (500 left)
	//   Mar: deductible 1,000 → program 500, runs out; patient 500, which
	//        counts: 500 of the deductible met
	//   Apr: deductible 1,000 (1,500 left) → patient 1,000; 1,500 met
	//   May: deductible 500, 20% × 500 = 100 → patient 600; met
	//   Jun–Dec: 200 a month
	// Patient 500 + 1,000 + 600 + 7 × 200 = $3,500.00 — $2,000 more than
	// under the standard rule, the whole deductible met again.
	s := programScenario(Accumulator)
	r := evaluate(t, &s)
	src := r.Sources[0]
	if src.Covers != Dollars(2_500) || len(src.RunOuts) != 1 || src.RunOuts[0] != (RunOut{NewDate(2027, time.March, 15), Dollars(3_500)}) {
		t.Errorf("program %+v", src)
	}
	if r.Summary.OutOfPocket != Dollars(3_500) || r.Lines[3].Charged != Dollars(1_000) || r.Lines[4].Charged != Dollars(600) {
		t.Errorf("summary %+v, April %s, May %s", r.Summary, r.Lines[3].Charged, r.Lines[4].Charged)
	}
	want := "Copay card's $2,500.00 yearly maximum runs out on 2027-03-15: from then to the end of 2027 you pay $3,500.00 of the sessions' costs yourself. " +
		"The plan has a copay accumulator: nothing the program paid counts toward your deductible or out-of-pocket maximum, so you meet them yourself after it runs out."
	if f := findFlag(r, FlagCopayRunsOut); f == nil || f.Text() != want {
		t.Errorf("flag %v, want %q", f, want)
	}
}

func TestCopayProgramUnderAMaximizer(t *testing.T) {
	// Maximizer: the plan spreads the $2,500 over 2027's twelve sessions,
	// 2,500 / 12 = 208.33 each and the last 2,500 − 11 × 208.33 = 208.37;
	// the patient pays nothing, and the plan the rest of each $1,000:
	// 1,000 − 208.33 = 791.67.
	s := programScenario(Maximizer)
	r := evaluate(t, &s)
	if src := r.Sources[0]; src.Covers != Dollars(2_500) || src.RunOuts != nil || r.Summary.OutOfPocket != 0 {
		t.Errorf("program %+v, summary %+v", src, r.Summary)
	}
	if r.Lines[0].Program != 20_833 || r.Lines[11].Program != 20_837 || r.Lines[0].PlanPays != 79_167 {
		t.Errorf("lines %+v %+v", r.Lines[0], r.Lines[11])
	}
	if findFlag(r, FlagCopayMaximizer) == nil {
		t.Error("no maximizer flag")
	}
	// Paying at most $150 a session with $10 left to the patient: the
	// program pays 150 and the patient 10 of each session, 12 × 10 = $120.
	s.Sources[0].CopayProgram.PerSessionMax, s.Sources[0].CopayProgram.PatientPays = Dollars(150), Dollars(10)
	r = evaluate(t, &s)
	if r.Lines[0].Program != Dollars(150) || r.Lines[0].Charged != Dollars(160) || r.Summary.OutOfPocket != Dollars(120) {
		t.Errorf("limited: line %+v, summary %+v", r.Lines[0], r.Summary)
	}
}

func TestCopayProgramRefusesGovernmentCoverage(t *testing.T) {
	// Medicare: the program pays nothing, and says why; the patient pays
	// the standard figures' whole share: 1,000 + 1,000 + 10 × 200 = 4,000.
	s := programScenario(StandardAssistance)
	s.PlanKind = PlanMedicare
	r := evaluate(t, &s)
	if src := r.Sources[0]; src.Counted || src.Covers != 0 || r.Summary.OutOfPocket != Dollars(4_000) {
		t.Errorf("program %+v, summary %+v", src, r.Summary)
	}
	want := "Copay card pays nothing here: drug makers' copay programs refuse Original Medicare (Parts A and B) and other government coverage (Medicaid, TRICARE, VA), which federal law (42 U.S.C. 1320a-7b(b)) bars them from paying."
	if f := findFlag(r, FlagCopayRefused); f == nil || f.Text() != want {
		t.Errorf("flag %v, want %q", f, want)
	}
	s.PlanKind, s.Coverage.Case = PlanEmployerInsured, SelfPay
	if r := evaluate(t, &s); r.Sources[0].Covers != 0 || findFlag(r, FlagCopayRefused) == nil {
		t.Errorf("self-pay: %+v", r.Sources[0])
	}
	// Not recorded: it pays, with a word to check.
	s.PlanKind, s.Coverage.Case = PlanKindUnknown, CoveredInNetwork
	if r := evaluate(t, &s); r.Sources[0].Covers != Dollars(2_500) || findFlag(r, FlagCopayKindUnknown) == nil {
		t.Errorf("unknown kind: %+v", r.Sources[0])
	}
	// Two programs are one too many.
	s.Sources = append(s.Sources, s.Sources[0])
	if _, err := Evaluate(&s); err == nil {
		t.Error("two copay programs accepted")
	}
}

func TestCopayProgramPaysTheFillFirst(t *testing.T) {
	// The pharmacy benefit route of drugCourse (see TestPharmacyBenefitFillsTheDrug):
	// session 1 costs the patient 200 for the visit and 550 for the fill.
	// A program paying at most $500 a session, under an accumulator, pays
	// 500 of the fill; the fill's $500 deductible part does not count, so
	// the second fill meets the drug deductible again: 500 + 25% × 200 =
	// 50 → 550, the program 500, the patient 50 + the visit's 200.
	s := routeScenario(PharmacyBenefit)
	s.PlanKind, s.Plan.CopayAssistance = PlanIndividual, Accumulator
	s.Sources = append([]FundingSource{{Name: "Card", CopayProgram: &CopayProgram{YearlyMax: Dollars(10_000), PerSessionMax: Dollars(500)}}}, s.Sources...)
	r := evaluate(t, &s)
	if l := r.Lines[0]; l.Program != Dollars(500) || l.Charged != Dollars(750) {
		t.Errorf("first session %+v", l)
	}
	if l := r.Lines[1]; l.Fill.Deductible != Dollars(500) || l.Fill.Patient != Dollars(550) || l.Program != Dollars(500) || l.Charged-l.Program != Dollars(250) {
		t.Errorf("second session %+v", l)
	}
}

func TestCopayProgramWhereItCannotHelp(t *testing.T) {
	// Out of network, billed to a plan with no out-of-network benefits:
	// no cost share, so nothing for the program to pay.
	s := programScenario(StandardAssistance)
	s.Coverage.Case = OutOfNetworkBilled
	s.Course.Phases[0].Price.AllowedOutOfNetwork = Dollars(800)
	r := evaluate(t, &s)
	if r.Sources[0].Covers != 0 || r.Sources[0].Refused != "the plan pays nothing out of network, so there is no cost share for it to help with" || r.Summary.InsurerPays != 0 {
		t.Errorf("program %+v, summary %+v", r.Sources[0], r.Summary)
	}
	// A maximizer keeps the least the patient pays: sessions of $100
	// allowed (all deductible), $2,500 spread as 208.33 a session, $10
	// left to the patient: the plan sets the share to min(208.33 + 10,
	// 100) = 100, the program pays 90 and the patient 10, 12 × 10 = $120.
	s = programScenario(Maximizer)
	s.Course.Phases[0].Price.AllowedInNetwork = Dollars(100)
	s.Sources[0].CopayProgram.PatientPays = Dollars(10)
	r = evaluate(t, &s)
	if l := r.Lines[0]; l.Program != Dollars(90) || l.Charged != Dollars(100) || r.Summary.OutOfPocket != Dollars(120) {
		t.Errorf("maximizer line %+v, summary %+v", l, r.Summary)
	}
	// A course that carries a drug: the program pays only the sessions
	// that carry it, not a consult without it. drugCourse's four doses
	// after a $200 consult phase: the consult's deductible is the patient's.
	s = routeScenario(PharmacyBenefit)
	s.PlanKind = PlanIndividual
	s.Course.Phases = append([]Phase{{Name: "Consult", Sessions: 1, Spacing: Spacing{1, EveryWeeks},
		Price: Price{Billed: Dollars(250), AllowedInNetwork: Dollars(200), Cash: Dollars(250)}}}, s.Course.Phases...)
	s.Sources = append([]FundingSource{{Name: "Card", CopayProgram: &CopayProgram{YearlyMax: Dollars(10_000)}}}, s.Sources...)
	r = evaluate(t, &s)
	if l := r.Lines[0]; l.Program != 0 || l.Charged != Dollars(200) || r.Lines[1].Program == 0 {
		t.Errorf("consult %+v, first dose %+v", l, r.Lines[1])
	}
}
