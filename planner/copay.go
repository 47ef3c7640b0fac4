package planner

// CopayProgram is a drug maker's copay assistance (a "copay card"): it
// pays the patient's share of each session's cost, the drug's fill first,
// up to PerSessionMax a session (zero: no such limit) and YearlyMax in a
// calendar year, leaving the patient at least PatientPays a session. It
// pays at the counter, before every other way to pay, and only toward the
// cost share of claims billed to a commercial plan: drug makers refuse
// Medicare, Medicaid, TRICARE, VA and other government coverage, which the
// federal anti-kickback statute bars them from paying (42 U.S.C.
// 1320a-7b(b); HHS OIG, Special Advisory Bulletin: Pharmaceutical
// Manufacturer Copayment Coupons, September 2014). How the plan counts
// what it pays is the plan's CopayAssistance rule.
type CopayProgram struct {
	YearlyMax     Money
	PerSessionMax Money
	PatientPays   Money
}

// governmentKinds are the plan kinds a copay program refuses.
var governmentKinds = map[PlanKind]bool{PlanMedicare: true, PlanMedicareAdvantage: true, PlanMedicarePartD: true,
	PlanMedicaid: true, PlanMedicaidManagedCare: true}

// copayRefusal says why a copay program pays nothing in the scenario, or
// "" when it pays.
func copayRefusal(s *Scenario) string {
	switch {
	case s.Coverage.Case == SelfPay || s.Coverage.Case == OutOfNetworkSuperbill:
		return "it pays only toward a plan's cost share on claims billed to the plan, and here the clinic is paid in cash. Many drug makers run a separate assistance program for people without coverage"
	case governmentKinds[s.PlanKind]:
		return "drug makers' copay programs refuse " + string(s.PlanKind) + " and other government coverage (Medicaid, TRICARE, VA), which federal law (42 U.S.C. 1320a-7b(b)) bars them from paying"
	case s.Coverage.Case == OutOfNetworkBilled && !s.Plan.OutOfNetworkCovered && !(s.Coverage.Route == PharmacyBenefit && s.Course.CarriesDrug()):
		return "the plan pays nothing out of network, so there is no cost share for it to help with"
	}
	return ""
}

// programRun is a copay program while a scenario is priced: what it has
// left in the calendar year, and when it ran out.
type programRun struct {
	p        *CopayProgram
	rule     AssistanceRule
	course   *Course
	drugOnly bool  // it pays only sessions that carry the course's drug
	year     int   // the calendar year left counts in
	left     Money // what it can still pay this year
	// For a maximizer, which spreads each year's maximum evenly: the
	// sessions of the course in each calendar year, and how many are done.
	sessions, done map[int]int
	// Each year's run-out: the day, and what the patient pays of the
	// sessions from then to the end of that year.
	outs []RunOut
}

// RunOut is the day a copay program's yearly maximum ran out, and what the
// patient paid of the sessions from that day to the end of its year.
type RunOut struct {
	On        Date
	PaysAfter Money
}

func newProgramRun(p *CopayProgram, rule AssistanceRule, course *Course, lines []CostLine) *programRun {
	run := &programRun{p: p, rule: rule, course: course, drugOnly: course.CarriesDrug()}
	if rule == Maximizer {
		run.sessions, run.done = map[int]int{}, map[int]int{}
		for i := range lines {
			if run.helps(&lines[i]) {
				run.sessions[lines[i].Claim.Date.Year()]++
			}
		}
	}
	return run
}

// helps reports whether the program pays toward a line: a session (not a
// one-time fee), and, for a course that carries a drug, a session that
// carries it (a drug maker helps with its own drug, not a consult).
func (run *programRun) helps(line *CostLine) bool {
	cl := &line.Claim
	return cl.Phase >= 0 && (!run.drugOnly || run.course.Phases[cl.Phase].Drug.Carried())
}

// pay works out what the program pays of a session's cost share (line's,
// already priced), changes the line as the plan's rule asks, and takes
// back from the plan's accumulators what the rule does not count.
func (run *programRun) pay(line *CostLine, sharer *costSharer, visit Network) {
	if !run.helps(line) {
		return
	}
	if y := line.Claim.Date.Year(); y != run.year {
		run.year, run.left = y, run.p.YearlyMax
	}
	if run.rule == Maximizer && !line.Share.NotCovered {
		run.maximize(line, sharer, visit)
		return
	}
	// What the patient owes of the session (a claim the plan does not
	// cover has no cost share to help with: only a drug's fill can be
	// paid), less what they still pay themselves.
	_, visitShare := line.Share.counted()
	_, fillShare := line.Fill.counted()
	want := max(0, visitShare+fillShare-run.p.PatientPays)
	if run.p.PerSessionMax > 0 {
		want = min(want, run.p.PerSessionMax)
	}
	x := min(want, run.left)
	if n := len(run.outs); x < want && (n == 0 || run.outs[n-1].On.Year() != run.year) {
		run.outs = append(run.outs, RunOut{On: line.Claim.Date})
	}
	if run.rule == Accumulator {
		// What the program pays counts toward nothing: the fill's part
		// first, then the visit's, each the deductible part first.
		fx := min(x, fillShare)
		vx := x - fx
		if line.HasFill {
			sharer.uncount(sharer.fillTier(), &line.Fill, min(fx, line.Fill.Deductible), fx)
		}
		if vx > 0 {
			sharer.uncount(visit, &line.Share, min(vx, line.Share.Deductible), vx)
		}
	}
	line.Program = x
	run.left -= x
	if n := len(run.outs); n > 0 && run.outs[n-1].On.Year() == run.year {
		run.outs[n-1].PaysAfter += line.Charged - x
	}
}

// maximize prices a session under a copay maximizer: the plan sets the
// patient's share to the program's even part of the year's maximum, plus
// what the patient still pays, and none of it counts toward the limits,
// so what the line counted is taken back.
func (run *programRun) maximize(line *CostLine, sharer *costSharer, visit Network) {
	d, oop := line.Share.counted()
	sharer.uncount(visit, &line.Share, d, oop)
	if line.HasFill {
		d, oop := line.Fill.counted()
		sharer.uncount(sharer.fillTier(), &line.Fill, d, oop)
	}
	y := run.year
	run.done[y]++
	allot := run.p.YearlyMax / Money(run.sessions[y])
	if run.done[y] == run.sessions[y] {
		allot = run.p.YearlyMax - allot*Money(run.sessions[y]-1) // the last takes the odd cents
	}
	if run.p.PerSessionMax > 0 {
		allot = min(allot, run.p.PerSessionMax)
	}
	allot = min(allot, run.left)
	charged := min(allot+run.p.PatientPays, line.Share.Allowed+line.Fill.Allowed)
	fillPart := min(charged, line.Fill.Allowed)
	visitPart := charged - fillPart
	line.Share = Share{Billed: line.Share.Billed, Allowed: line.Share.Allowed, PlanYear: line.Share.PlanYear,
		BalanceBill: line.Share.BalanceBill, Patient: visitPart + line.Share.BalanceBill, Plan: line.Share.Allowed - visitPart}
	if line.HasFill {
		line.Fill = Share{Billed: line.Fill.Billed, Allowed: line.Fill.Allowed, PlanYear: line.Fill.PlanYear,
			Patient: fillPart, Plan: line.Fill.Allowed - fillPart}
	}
	line.Charged = line.Share.Patient + line.Fill.Patient
	line.PlanPays = line.Share.Plan + line.Fill.Plan
	line.Program = min(allot, max(0, charged-run.p.PatientPays))
	run.left -= line.Program
}
