package planner

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// Course is a course of treatment: phases of sessions and one-time fees, with
// their prices. Nothing in it is specific to one treatment.
type Course struct {
	Name string // "IV ketamine infusions"
	// Approval is the treatment's standing with the FDA for this use,
	// which some assistance funds ask about.
	Approval FDAApproval `json:",omitempty"`
	Start    Date        // the day of the first session; one-time fees fall on it too
	// Phases run one after another: each phase's first session comes one of
	// its own intervals after the previous phase's last session.
	Phases []Phase
	Fees   []Fee
	// PayUpFrontDiscount is the clinic's discount off the cash price when the
	// whole course is paid on the first day.
	PayUpFrontDiscount Rate
	// OtherCosts are what the course costs beside the bill: a ride to each
	// session, a companion, time off work, childcare. They count in the
	// net total and month by month, always apart from the medical costs;
	// no funding source pays them.
	OtherCosts []OtherCost `json:",omitempty"`
}

// OtherCost is a cost beside the bill: Amount at each session, or once on
// the course's first day.
type OtherCost struct {
	Name       string
	Amount     Money
	PerSession bool
}

// FDAApproval is a treatment's standing with the U.S. Food and Drug
// Administration for the use it is given for; "" when not said.
type FDAApproval string

const (
	ApprovalUnknown FDAApproval = ""
	// ApprovedForUse: the drug is approved for this use (esketamine for
	// treatment-resistant depression).
	ApprovedForUse FDAApproval = "FDA-approved for this use"
	// OffLabel: an approved drug given for another use (IV ketamine, an
	// approved anesthetic, for depression).
	OffLabel FDAApproval = "off-label"
	// NotApproved: the drug is not FDA-approved for any use.
	NotApproved FDAApproval = "not FDA-approved"
)

// FDAApprovals are the choices of an FDAApproval.
var FDAApprovals = []FDAApproval{ApprovalUnknown, ApprovedForUse, OffLabel, NotApproved}

// Phase is a run of sessions at a regular spacing, such as an induction
// series of 6 infusions twice a week, or boosters every 4 weeks for 6 months.
type Phase struct {
	Name string // "Induction"
	// Sessions is how many sessions the phase has; or, when it is zero,
	// ForMonths says how long the phase lasts.
	Sessions  int
	ForMonths int
	Spacing   Spacing
	Price     Price
	// PackagePrice, when set, is the clinic's cash price for the whole phase,
	// paid at its first session, instead of the per-session cash price.
	PackagePrice Money
	// Drug is the drug given at each session, when the phase carries one
	// (such as esketamine, given in the clinic): then Price is the visit
	// alone (administration and monitoring).
	Drug DrugPrice `json:",omitzero"`
}

// DrugPrice is what the drug of one session costs by each benefit route
// (see BenefitRoute): bought and billed by the clinic with the visit
// (Medical, priced like any claim), or dispensed by the plan's specialty
// pharmacy for one fill at the plan's price (Pharmacy).
type DrugPrice struct {
	Medical  Price
	Pharmacy Money
}

// Carried reports whether the phase's sessions carry a drug.
func (d DrugPrice) Carried() bool { return d != DrugPrice{} }

// plus is the price of a visit with its drug billed with it.
func (p Price) plus(q Price) Price {
	return Price{Billed: p.Billed + q.Billed, AllowedInNetwork: p.AllowedInNetwork + q.AllowedInNetwork,
		AllowedOutOfNetwork: p.AllowedOutOfNetwork + q.AllowedOutOfNetwork, Cash: p.Cash + q.Cash}
}

// Fee is a one-time charge on the course's first day, such as an evaluation.
type Fee struct {
	Name  string
	Price Price
}

// Price is what one session or fee costs, depending on who pays.
type Price struct {
	// Billed is the provider's full charge (the "chargemaster" price).
	Billed Money
	// Allowed amounts are what the plan accepts as the price in and out of
	// network; the plan's cost sharing applies to them.
	AllowedInNetwork    Money
	AllowedOutOfNetwork Money
	// Cash is the self-pay price.
	Cash Money
}

// Spacing is how often a phase's sessions happen: Count times a week, or
// every Count days, weeks or months.
type Spacing struct {
	Count int
	Unit  SpacingUnit
}

// SpacingUnit is the unit of a Spacing.
type SpacingUnit int

const (
	TimesPerWeek SpacingUnit = iota
	EveryDays
	EveryWeeks
	EveryMonths
)

// Limits that keep a course and its timeline a size a person plans.
const (
	maxSessions    = 1000
	maxSpacing     = 366
	maxPhaseMonths = 120
	MaxPhases      = 50 // phases, and one-time fees, and other costs, each
)

// String describes the spacing in words: "twice a week", "every 4 weeks".
func (s Spacing) String() string {
	switch s.Unit {
	case TimesPerWeek:
		switch s.Count {
		case 1:
			return "once a week"
		case 2:
			return "twice a week"
		}
		return strconv.Itoa(s.Count) + " times a week"
	case EveryDays:
		return every(s.Count, "day")
	case EveryWeeks:
		return every(s.Count, "week")
	}
	return every(s.Count, "month")
}

func every(n int, unit string) string {
	if n == 1 {
		return "every " + unit
	}
	return "every " + strconv.Itoa(n) + " " + unit + "s"
}

// after returns the date of the session k intervals after first. Sessions
// several times a week spread over the week: twice a week falls on days 0
// and 3, three times on days 0, 2 and 4. Monthly sessions keep the first
// session's day of the month, clamped to shorter months.
func (s Spacing) after(first Date, k int) Date {
	switch s.Unit {
	case TimesPerWeek:
		return first.AddDays(7*(k/s.Count) + (k%s.Count)*7/s.Count)
	case EveryDays:
		return first.AddDays(k * s.Count)
	case EveryWeeks:
		return first.AddDays(7 * k * s.Count)
	}
	return first.AddMonths(k * s.Count)
}

// Claim is one dated charge of a course: a session or a fee.
type Claim struct {
	Date Date
	// Phase is the index into Course.Phases, or -1 for a fee, whose index
	// into Course.Fees is Fee.
	Phase int
	Fee   int
	// Number is the session's place in its phase, 1 to Of.
	Number, Of int
	Price      Price
	// Package marks the first session of a phase sold as a package: its cash
	// price is the package price; the phase's other sessions cost nothing in
	// cash.
	Package bool
	// InPackage marks a session paid for by its phase's package.
	InPackage bool
}

// Label names the claim for people: "Induction 2 of 6", or the fee's name.
func (c Claim) Label(course *Course) string {
	if c.Phase < 0 {
		return course.Fees[c.Fee].Name
	}
	return course.Phases[c.Phase].Name + " " + strconv.Itoa(c.Number) + " of " + strconv.Itoa(c.Of)
}

// CashPrice is what the claim costs a self-paying patient.
func (c Claim) CashPrice(course *Course) Money {
	switch {
	case c.Package:
		return course.Phases[c.Phase].PackagePrice
	case c.InPackage:
		return 0
	}
	return c.Price.Cash
}

// Claims expands the course into its dated charges, in date order: fees on
// the first day, then every session of every phase. A course that Validate
// rejects may expand to fewer sessions than it asks for.
func (c *Course) Claims() []Claim {
	claims := make([]Claim, 0, len(c.Fees)+c.sessionCountBound())
	c.eachClaim(func(cl Claim) { claims = append(claims, cl) })
	return claims
}

// eachClaim calls f with each of the course's claims, in date order.
func (c *Course) eachClaim(f func(Claim)) {
	for i, fee := range c.Fees {
		f(Claim{Date: c.Start, Phase: -1, Fee: i, Price: fee.Price})
	}
	c.eachPhase(func(i int, first Date, n int) {
		ph := &c.Phases[i]
		for k := range n {
			f(Claim{
				Date:      ph.Spacing.after(first, k),
				Phase:     i,
				Number:    k + 1,
				Of:        n,
				Price:     ph.Price,
				Package:   ph.PackagePrice > 0 && k == 0,
				InPackage: ph.PackagePrice > 0 && k > 0,
			})
		}
	})
}

// eachPhase calls f with each phase's index, first session date and number
// of sessions, stopping once maxSessions sessions have been laid out.
func (c *Course) eachPhase(f func(i int, first Date, n int)) {
	next, laid := c.Start, 0
	for i := range c.Phases {
		ph := &c.Phases[i]
		if ph.Spacing.Count < 1 || laid >= maxSessions {
			return
		}
		if i > 0 {
			next = ph.Spacing.after(next, 1)
		}
		n := min(ph.sessionsFrom(next), maxSessions-laid)
		if n == 0 {
			continue
		}
		f(i, next, n)
		laid += n
		next = ph.Spacing.after(next, n-1)
	}
}

// sessionsFrom returns how many sessions the phase has when it starts on
// first: Sessions, or every session that falls before first + ForMonths.
func (ph *Phase) sessionsFrom(first Date) int {
	if ph.Sessions > 0 {
		return ph.Sessions
	}
	end := first.AddMonths(min(ph.ForMonths, maxPhaseMonths))
	n := 0
	for n < maxSessions && ph.Spacing.after(first, n) < end {
		n++
	}
	return n
}

// sessionCountBound is a cheap upper bound on the number of sessions, for
// sizing.
func (c *Course) sessionCountBound() int {
	n := 0
	for i := range c.Phases {
		n += max(c.Phases[i].Sessions, 0) + max(min(c.Phases[i].ForMonths, maxPhaseMonths), 0)*31
	}
	return min(n, maxSessions)
}

// Sessions returns how many sessions the course has.
func (c *Course) Sessions() int {
	total := 0
	c.eachPhase(func(_ int, _ Date, n int) { total += n })
	return total
}

// End returns the day of the course's last session (its start, if it has
// none).
func (c *Course) End() Date {
	end := c.Start
	c.eachPhase(func(i int, first Date, n int) { end = c.Phases[i].Spacing.after(first, n-1) })
	return end
}

// Validate says in a sentence what is wrong with the course, if anything.
func (c *Course) Validate() error {
	if c.Start.IsZero() {
		return errors.New("the course has no start date: enter the day of the first session")
	}
	if y, _, _ := c.Start.Civil(); c.Start < 0 || y < minYear || y > maxYear-100 {
		return fmt.Errorf("the course's start date %s is outside the years %d–%d", c.Start, minYear, maxYear-100)
	}
	if len(c.Phases) > MaxPhases {
		return fmt.Errorf("the course has %d phases; carecost plans up to %d", len(c.Phases), MaxPhases)
	}
	if len(c.Fees) > MaxPhases {
		return fmt.Errorf("the course has %d one-time fees; carecost plans up to %d", len(c.Fees), MaxPhases)
	}
	if len(c.Phases) == 0 {
		return errors.New("the course has no sessions: add a phase, such as 6 sessions twice a week")
	}
	total := 0
	for i := range c.Phases {
		ph := &c.Phases[i]
		name := ph.Name
		if name == "" {
			name = "phase " + strconv.Itoa(i+1)
		}
		switch {
		case ph.Sessions < 0:
			return fmt.Errorf("%s has a negative number of sessions", name)
		case ph.Sessions > maxSessions:
			return fmt.Errorf("%s has %d sessions; carecost plans up to %d", name, ph.Sessions, maxSessions)
		case ph.Sessions == 0 && ph.ForMonths <= 0:
			return fmt.Errorf("%s has no sessions: enter how many, or for how many months", name)
		case ph.Sessions == 0 && ph.ForMonths > maxPhaseMonths:
			return fmt.Errorf("%s lasts %d months; carecost plans up to %d", name, ph.ForMonths, maxPhaseMonths)
		case ph.Spacing.Count < 1:
			return fmt.Errorf("%s needs a spacing of at least 1, like twice a week or every 4 weeks", name)
		case ph.Spacing.Unit < TimesPerWeek || ph.Spacing.Unit > EveryMonths:
			return fmt.Errorf("%s has a spacing unit carecost does not know", name)
		case ph.Spacing.Unit == TimesPerWeek && ph.Spacing.Count > 7:
			return fmt.Errorf("%s has %d sessions a week; the most is 7", name, ph.Spacing.Count)
		case ph.Spacing.Count > maxSpacing:
			return fmt.Errorf("%s has sessions %s; the longest spacing is %d", name, ph.Spacing, maxSpacing)
		}
		if err := ph.Price.validate(name); err != nil {
			return err
		}
		if err := ph.PackagePrice.validateNonNegative("the package price of ", name); err != nil {
			return err
		}
		// The drug's name is put together only to say what is wrong.
		if ph.Drug.Medical.validate(name) != nil {
			return ph.Drug.Medical.validate("the drug of " + name)
		}
		if err := ph.Drug.Pharmacy.validateNonNegative("the pharmacy price of the drug of ", name); err != nil {
			return err
		}
		total += ph.sessionsFrom(c.Start)
	}
	if total > maxSessions {
		return fmt.Errorf("the course has more than %d sessions; split it into shorter courses", maxSessions)
	}
	if y, _, _ := c.End().Civil(); y > maxYear-100 {
		return fmt.Errorf("the course runs into the year %d: check the start date and spacing", y)
	}
	for _, f := range c.Fees {
		name := f.Name
		if name == "" {
			name = "a one-time fee"
		}
		if err := f.Price.validate(name); err != nil {
			return err
		}
	}
	if !slices.Contains(FDAApprovals, c.Approval) {
		return choiceError("the course's FDA approval", string(c.Approval), FDAApprovals[1:])
	}
	if len(c.OtherCosts) > MaxPhases {
		return fmt.Errorf("the course has %d other costs; carecost plans up to %d", len(c.OtherCosts), MaxPhases)
	}
	for _, o := range c.OtherCosts {
		name := o.Name
		if name == "" {
			name = "a cost beside the bill"
		}
		if err := o.Amount.validateNonNegative("the amount of ", name); err != nil {
			return err
		}
	}
	return c.PayUpFrontDiscount.validateShare("the pay-up-front discount", "")
}

// otherCostsOf returns what the course's costs beside the bill come to for
// one claim: each per-session cost for a session, each one-time cost for
// the first of the course's claims (first is true).
func (c *Course) otherCostsOf(cl Claim, first bool) Money {
	var total Money
	for _, o := range c.OtherCosts {
		if (o.PerSession && cl.Phase >= 0) || (!o.PerSession && first) {
			total += o.Amount
		}
	}
	return total
}

func (p Price) validate(what string) error {
	return firstError([]error{
		p.Billed.validateNonNegative("the billed price of ", what),
		p.AllowedInNetwork.validateNonNegative("the in-network allowed amount of ", what),
		p.AllowedOutOfNetwork.validateNonNegative("the out-of-network allowed amount of ", what),
		p.Cash.validateNonNegative("the cash price of ", what),
	})
}

// CarriesDrug reports whether any phase of the course carries a drug.
func (c *Course) CarriesDrug() bool {
	for i := range c.Phases {
		if c.Phases[i].Drug.Carried() {
			return true
		}
	}
	return false
}
