package planner

// Network says whether a provider is in the plan's network.
type Network int

const (
	InNetwork Network = iota
	OutOfNetwork
)

// Share is what one claim costs the patient and the plan. For each covered
// claim with allowed amount A, in date order (the deductible first, then
// coinsurance or a copay, up to the out-of-pocket maximum, as
// healthcare.gov's glossary describes them):
//
//	deductible part   d = min(A, deductible − met)
//	coinsurance part  c = round(coinsurance × (A − d))
//	copay             instead of d and c, or before them (then they apply to A − copay)
//	patient pays      min(d + c + copay, out-of-pocket max − met), plus any balance bill
//	plan pays         A − the patient's cost share
type Share struct {
	Billed      Money
	Allowed     Money
	Deductible  Money
	Coinsurance Money
	Copay       Money
	// OverMax is how much of d + c + copay the out-of-pocket maximum took off.
	OverMax Money
	// BalanceBill is what an out-of-network provider may bill above the
	// allowed amount; it counts toward no maximum.
	BalanceBill Money
	// NotCovered: the plan pays nothing for this claim (no out-of-network
	// benefits).
	NotCovered bool
	// Patient is the patient's whole part of the claim: cost share and
	// balance bill. Plan is what the plan pays of the allowed amount.
	Patient Money
	Plan    Money
	// PlanYear is the first day of the plan year the claim counted in.
	PlanYear Date
}

// costSharer applies a plan to claims in date order, keeping what has been
// met toward each tier's limits in the current plan year.
type costSharer struct {
	plan    *Plan
	metYear Date // the plan year Plan.Met counts in
	// by tier: in network, out of network, a separate drug benefit
	year [3]Date
	met  [3]Accumulated
	// the last plan year looked up, [yearStart, yearEnd)
	yearStart, yearEnd Date
}

func newCostSharer(p *Plan, firstClaim Date) costSharer {
	asOf := p.Met.AsOf
	if asOf.IsZero() {
		asOf = firstClaim
	}
	return costSharer{plan: p, metYear: p.PlanYearOf(asOf)}
}

// share prices one claim on date under network n. balanceBill says whether
// the provider bills the patient for billed − allowed (an out-of-network
// provider that bills the plan directly).
func (c *costSharer) share(n Network, date Date, billed, allowed Money, balanceBill bool) Share {
	p := c.plan
	c.moveYear(date)
	s := Share{Billed: billed, Allowed: allowed, PlanYear: c.yearStart}
	if balanceBill && n == OutOfNetwork && billed > allowed {
		s.BalanceBill = billed - allowed
	}
	if n == OutOfNetwork && !p.OutOfNetworkCovered {
		s.NotCovered = true
		s.Patient = allowed + s.BalanceBill
		return s
	}
	t, met := p.Tier(n), c.accumulated(n, s.PlanYear)

	rest := allowed
	switch t.CopayRule {
	case CopayInsteadOfDeductible:
		s.Copay = min(t.Copay, allowed)
		rest = 0
	case CopayBeforeDeductible:
		s.Copay = min(t.Copay, allowed)
		rest = allowed - s.Copay
	}
	s.Deductible = min(rest, c.deductibleLeft(t, met))
	s.Coinsurance = (rest - s.Deductible).Times(t.Coinsurance)
	share := s.Deductible + s.Coinsurance + s.Copay
	if left, capped := c.outOfPocketLeft(t, met); capped && share > left {
		s.OverMax = share - left
		share = left
	}
	s.Patient = share + s.BalanceBill
	s.Plan = allowed - share
	met.add(s.counted())
	return s
}

// pharmacyTier indexes a separate drug benefit's accumulators.
const pharmacyTier Network = 2

// accumulated is what has counted toward tier n's limits in the plan year
// starting on year: what the plan's Met says for the year it counts in,
// nothing for a later one.
func (c *costSharer) accumulated(n Network, year Date) *Accumulated {
	if year != c.year[n] {
		c.year[n] = year
		c.met[n] = Accumulated{}
		if year == c.metYear {
			c.met[n] = c.plan.Met.tier(n)
		}
	}
	return &c.met[n]
}

// moveYear makes [yearStart, yearEnd) the plan year holding date.
func (c *costSharer) moveYear(date Date) {
	if date < c.yearStart || date >= c.yearEnd {
		c.yearStart = c.plan.PlanYearOf(date)
		c.yearEnd = c.plan.PlanYearOf(c.yearStart.AddMonths(12).AddDays(7))
	}
}

// fill prices one fill of a drug from the plan's specialty pharmacy, at the
// plan's price, on date: the drug deductible first (the medical in-network
// one, for an integrated plan), then the tier's copay, or its coinsurance
// held between the least and the most per fill, never more than what is
// left of the price; all of it at most what is left of the out-of-pocket
// maximum. What the patient pays counts toward the drug limits, or toward
// the medical in-network ones on an integrated plan.
func (c *costSharer) fill(date Date, price Money) Share {
	b := &c.plan.Pharmacy
	c.moveYear(date)
	s := Share{Billed: price, Allowed: price, PlanYear: c.yearStart}
	var dedLeft, oopLeft Money
	capped := true
	met := c.accumulated(c.fillTier(), s.PlanYear)
	if b.Separate {
		dedLeft = max(0, b.Deductible-met.Deductible)
		oopLeft, capped = max(0, b.OutOfPocketMax-met.OutOfPocket), b.HasOutOfPocketMax
	} else {
		t := &c.plan.InNetwork
		dedLeft = c.deductibleLeft(t, met)
		oopLeft, capped = c.outOfPocketLeft(t, met)
	}
	s.Deductible = min(price, dedLeft)
	rest := price - s.Deductible
	if b.Copay > 0 {
		s.Copay = min(b.Copay, rest)
	} else {
		share := max(rest.Times(b.Coinsurance), b.MinPerFill)
		if b.MaxPerFill > 0 {
			share = min(share, b.MaxPerFill)
		}
		s.Coinsurance = min(share, rest)
	}
	share := s.Deductible + s.Coinsurance + s.Copay
	if capped && share > oopLeft {
		s.OverMax = share - oopLeft
		share = oopLeft
	}
	s.Patient, s.Plan = share, price-share
	met.add(s.counted())
	return s
}

// counted is what a claim counts toward the plan's limits: the part of its
// deductible the patient's cost share paid, and the cost share itself
// (never a balance bill, nor a claim the plan does not cover).
func (s *Share) counted() (deductible, outOfPocket Money) {
	if s.NotCovered {
		return 0, 0
	}
	share := s.Patient - s.BalanceBill
	return min(s.Deductible, share), share
}

// fillTier is the accumulators a drug's fill counts toward: the drug
// benefit's own, or the medical in-network ones on an integrated plan.
func (c *costSharer) fillTier() Network {
	if c.plan.Pharmacy.Separate {
		return pharmacyTier
	}
	return InNetwork
}

// add counts what a claim paid toward the deductible and the
// out-of-pocket maximum, for the patient and the family; a negative amount
// takes it back.
func (a *Accumulated) add(deductible, outOfPocket Money) {
	a.Deductible += deductible
	a.FamilyDeductible += deductible
	a.OutOfPocket += outOfPocket
	a.FamilyOutOfPocket += outOfPocket
}

// uncount takes back from tier n's accumulators, in the plan year of s,
// what a claim counted but the plan's rule does not: deductible toward
// the deductible, outOfPocket toward the maximum.
func (c *costSharer) uncount(n Network, s *Share, deductible, outOfPocket Money) {
	c.accumulated(n, s.PlanYear).add(-deductible, -outOfPocket)
}

// deductibleLeft is what remains of the patient's deductible this plan year.
func (c *costSharer) deductibleLeft(t *CostSharing, met *Accumulated) Money {
	individual := max(0, t.Deductible-met.Deductible)
	if !c.plan.Family || t.FamilyDeductible == 0 {
		return individual
	}
	family := max(0, t.FamilyDeductible-met.FamilyDeductible)
	if c.plan.EmbeddedDeductible {
		return min(individual, family)
	}
	return family
}

// outOfPocketLeft is what the patient may still pay this plan year before
// the plan pays everything; capped is false when there is no maximum. Under
// the ACA an individual's maximum is always embedded in a family plan's.
func (c *costSharer) outOfPocketLeft(t *CostSharing, met *Accumulated) (left Money, capped bool) {
	if !t.HasOutOfPocketMax {
		return 0, false
	}
	left = max(0, t.OutOfPocketMax-met.OutOfPocket)
	if c.plan.Family && t.FamilyOutOfPocketMax > 0 {
		left = min(left, max(0, t.FamilyOutOfPocketMax-met.FamilyOutOfPocket))
	}
	return left, true
}

func (m Met) tier(n Network) Accumulated {
	switch n {
	case OutOfNetwork:
		return m.OutOfNetwork
	case pharmacyTier:
		return m.Pharmacy
	}
	return m.InNetwork
}
