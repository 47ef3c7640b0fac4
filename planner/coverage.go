package planner

import "fmt"

// Coverage is how a scenario prices the course: which of the ways insurance
// may (or may not) pay applies.
type Coverage struct {
	Case CoverageCase
	// ReimbursementLagDays is how long the plan takes to pay a superbill
	// back; zero means DefaultReimbursementLag.
	ReimbursementLagDays int
	// PayUpFront, for self-pay, pays the whole course on the first day at the
	// course's pay-up-front discount.
	PayUpFront bool
	// Route is how the drug of a course that carries one is billed.
	Route BenefitRoute `json:",omitempty"`
}

// BenefitRoute is how a drug given in the clinic is billed to the plan.
type BenefitRoute int

const (
	// MedicalBenefit ("buy and bill"): the clinic buys the drug and bills
	// it with the visit, under the medical cost sharing.
	MedicalBenefit BenefitRoute = iota
	// PharmacyBenefit: the plan's specialty pharmacy dispenses each fill
	// under the plan's drug tier; the clinic bills the administration and
	// monitoring visit under the medical cost sharing.
	PharmacyBenefit
)

func (r BenefitRoute) String() string {
	if r == PharmacyBenefit {
		return "pharmacy benefit"
	}
	return "medical benefit"
}

// CoverageCase is one way a course can be paid for by insurance.
type CoverageCase int

const (
	// SelfPay: not covered; the patient pays the clinic's cash price.
	SelfPay CoverageCase = iota
	// CoveredInNetwork: an in-network provider bills the plan; the patient
	// pays the plan's cost sharing on the in-network allowed amount.
	CoveredInNetwork
	// OutOfNetworkSuperbill: the patient pays the cash price at each visit,
	// sends the plan a superbill, and is paid back the plan's share of the
	// out-of-network allowed amount after a lag.
	OutOfNetworkSuperbill
	// OutOfNetworkBilled: an out-of-network provider bills the plan; the
	// patient pays the out-of-network cost sharing plus the balance bill.
	OutOfNetworkBilled
)

// DefaultReimbursementLag is how long a superbill usually takes to be paid.
const DefaultReimbursementLag = 45

const maxReimbursementLag = 730

func (c CoverageCase) String() string {
	switch c {
	case CoveredInNetwork:
		return "covered in network"
	case OutOfNetworkSuperbill:
		return "out of network, superbill"
	case OutOfNetworkBilled:
		return "out of network, billed to the plan"
	}
	return "self-pay"
}

// network is the plan network a case's visits are priced in.
func (c CoverageCase) network() Network {
	if c == CoveredInNetwork {
		return InNetwork
	}
	return OutOfNetwork
}

// usesPlan reports whether the case needs an insurance plan.
func (c CoverageCase) usesPlan() bool { return c != SelfPay }

func (c *Coverage) lag() int {
	if c.ReimbursementLagDays == 0 {
		return DefaultReimbursementLag
	}
	return c.ReimbursementLagDays
}

func (c *Coverage) validate() error {
	if c.Case < SelfPay || c.Case > OutOfNetworkBilled {
		return fmt.Errorf("the coverage case %d is not one carecost knows", c.Case)
	}
	if c.Route < MedicalBenefit || c.Route > PharmacyBenefit {
		return fmt.Errorf("the benefit route %d is not one carecost knows", c.Route)
	}
	if c.ReimbursementLagDays < 0 || c.ReimbursementLagDays > maxReimbursementLag {
		return fmt.Errorf("a reimbursement lag of %d days is outside 0–%d days", c.ReimbursementLagDays, maxReimbursementLag)
	}
	return nil
}

// CostLine is one claim of the course as the scenario prices it.
type CostLine struct {
	Claim Claim
	// Share is the plan's cost sharing (zero for self-pay).
	Share Share
	// Fill is the cost sharing of the session's drug when it comes from
	// the plan's pharmacy (the pharmacy benefit route; HasFill); Share is
	// then the visit's alone.
	Fill    Share
	HasFill bool
	// Program is what a drug maker's copay program pays of Charged.
	Program Money
	// Charged is what the patient is asked to pay for the claim at the visit,
	// before any pay-up-front discount (which applies to the course as a
	// whole: see the discount flag).
	Charged Money
	// PlanPays is what the plan pays the provider directly.
	PlanPays Money
	// Reimbursed is what the plan pays the patient back for a superbill, on
	// ReimbursedOn.
	Reimbursed   Money
	ReimbursedOn Date

	// month and reimbursedMonth index the timeline's months.
	month, reimbursedMonth int
}

// superbillAmount is what a superbill lists for a claim: its cash price, or
// for a session paid as part of a package, its share of the package (the
// package price split evenly, the last session taking the odd cents).
func superbillAmount(cl Claim, course *Course) Money {
	if cl.Phase < 0 || !(cl.Package || cl.InPackage) {
		return cl.Price.Cash
	}
	pkg := course.Phases[cl.Phase].PackagePrice
	each := pkg / Money(cl.Of)
	if cl.Number == cl.Of {
		return pkg - each*Money(cl.Of-1)
	}
	return each
}

// charge is money the patient owes the provider on a day; program is what
// a copay program pays of it.
type charge struct {
	date    Date
	month   int // the timeline's month
	day     int // date's day of its month
	amount  Money
	program Money
}

// pricing is the course priced under a coverage case.
type pricing struct {
	lines    []CostLine
	charges  []charge // what the patient owes, in date order
	careCost Money
	discount Money
	program  *programRun // a copay program's run, if it pays
}

// price applies the coverage case (and plan, where it needs one) to the
// course's claims, numbering their months from the course's first. It
// appends the lines and charges to the slices given, reusing their memory.
func price(course *Course, cov *Coverage, plan *Plan, lines []CostLine, charges []charge, program *CopayProgram) pricing {
	pr := pricing{lines: lines[:0], charges: charges[:0]}
	if n := len(course.Fees) + course.sessionCountBound(); cap(pr.lines) < n {
		pr.lines = make([]CostLine, 0, n)
	}
	course.eachClaim(func(cl Claim) { pr.lines = append(pr.lines, CostLine{Claim: cl}) })
	visits := monthIndex{start: course.Start.Month()}
	paybacks := visits
	var sharer costSharer
	if cov.Case.usesPlan() && len(pr.lines) > 0 {
		sharer = newCostSharer(plan, pr.lines[0].Claim.Date)
	}
	if program != nil {
		pr.program = newProgramRun(program, plan.CopayAssistance, course, pr.lines)
	}
	for i := range pr.lines {
		line := &pr.lines[i]
		// The drug comes with the visit, unless the pharmacy fills it.
		if ph := line.Claim.Phase; ph >= 0 && course.Phases[ph].Drug.Carried() {
			if cov.Route == PharmacyBenefit && cov.Case.usesPlan() {
				line.HasFill = true
			} else {
				line.Claim.Price = line.Claim.Price.plus(course.Phases[ph].Drug.Medical)
			}
		}
		cl := line.Claim
		line.month = visits.of(cl.Date)
		switch cov.Case {
		case SelfPay:
			line.Charged = cl.CashPrice(course)
		case CoveredInNetwork:
			line.Share = sharer.share(InNetwork, cl.Date, cl.Price.Billed, cl.Price.AllowedInNetwork, false)
			line.Charged, line.PlanPays = line.Share.Patient, line.Share.Plan
		case OutOfNetworkBilled:
			line.Share = sharer.share(OutOfNetwork, cl.Date, cl.Price.Billed, cl.Price.AllowedOutOfNetwork, true)
			line.Charged, line.PlanPays = line.Share.Patient, line.Share.Plan
		case OutOfNetworkSuperbill:
			// The superbill lists what the clinic charged for the session;
			// the plan never allows more than that.
			superbill := superbillAmount(cl, course)
			line.Share = sharer.share(OutOfNetwork, cl.Date, superbill, min(cl.Price.AllowedOutOfNetwork, superbill), false)
			line.Charged = cl.CashPrice(course)
			line.Reimbursed = line.Share.Plan
			if line.Reimbursed > 0 {
				line.ReimbursedOn = cl.Date.AddDays(cov.lag())
				line.reimbursedMonth = paybacks.of(line.ReimbursedOn)
			}
		}
		if line.HasFill {
			line.Fill = sharer.fill(cl.Date, course.Phases[cl.Phase].Drug.Pharmacy)
			line.Charged += line.Fill.Patient
			line.PlanPays += line.Fill.Plan
		}
		if pr.program != nil {
			pr.program.pay(line, &sharer, cov.Case.network())
		}
		pr.careCost += line.Charged + line.PlanPays
		if line.Charged != 0 {
			pr.charges = append(pr.charges, charge{cl.Date, line.month, visits.day(cl.Date), line.Charged, line.Program})
		}
	}
	if cov.Case == SelfPay && cov.PayUpFront {
		total := pr.careCost
		pr.discount = total.Times(course.PayUpFrontDiscount)
		pr.careCost = total - pr.discount
		_, day := course.Start.monthDay()
		pr.charges = append(pr.charges[:0], charge{course.Start, 0, day, pr.careCost, 0})
	}
	return pr
}

// CoverageText names a scenario's coverage case and, for a course that
// carries a drug and a case with a plan, its benefit route: "covered in
// network, the drug under the pharmacy benefit".
func CoverageText(s *Scenario) string {
	text := s.Coverage.Case.String()
	if s.Coverage.Case.usesPlan() && s.Course.CarriesDrug() {
		text += ", the drug under the " + s.Coverage.Route.String()
	}
	return text
}
