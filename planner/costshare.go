package planner

// Network says whether a provider is in the plan's network.
type Network int

const (
	InNetwork Network = iota
	OutOfNetwork
)

// Share is what one claim costs the patient and the plan. For each covered
// claim with allowed amount A, in date order (DESIGN.md, "Insurance cost
// sharing"):
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
	year    [2]Date
	met     [2]Accumulated
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
	if date < c.yearStart || date >= c.yearEnd {
		c.yearStart = p.PlanYearOf(date)
		c.yearEnd = p.PlanYearOf(c.yearStart.AddMonths(12).AddDays(7))
	}
	s := Share{Billed: billed, Allowed: allowed, PlanYear: c.yearStart}
	if balanceBill && n == OutOfNetwork && billed > allowed {
		s.BalanceBill = billed - allowed
	}
	if n == OutOfNetwork && !p.OutOfNetworkCovered {
		s.NotCovered = true
		s.Patient = allowed + s.BalanceBill
		return s
	}
	if s.PlanYear != c.year[n] {
		c.year[n] = s.PlanYear
		c.met[n] = Accumulated{}
		if s.PlanYear == c.metYear {
			c.met[n] = c.plan.Met.tier(n)
		}
	}
	t, met := p.Tier(n), &c.met[n]

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

	countedDeductible := min(s.Deductible, share)
	met.Deductible += countedDeductible
	met.FamilyDeductible += countedDeductible
	met.OutOfPocket += share
	met.FamilyOutOfPocket += share
	return s
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
	if n == OutOfNetwork {
		return m.OutOfNetwork
	}
	return m.InNetwork
}
