package planner

import (
	"errors"
	"fmt"
	"time"
)

// Plan is a patient's health insurance: what the patient pays of each claim,
// in and out of the plan's network, and how much of that is already met this
// plan year.
type Plan struct {
	Name string // "Acme Silver PPO"
	// PlanYearStart is the first day of any plan year; its month and day
	// repeat every year, and on that day the deductible and out-of-pocket
	// amounts met start again from zero.
	PlanYearStart Date
	InNetwork     CostSharing
	// OutOfNetwork applies to providers outside the plan's network. Many HMO
	// and EPO plans pay nothing out of network: leave OutOfNetworkCovered
	// false for those.
	OutOfNetwork        CostSharing
	OutOfNetworkCovered bool
	// Family coverage: the family amounts in each CostSharing apply. With an
	// embedded deductible, the patient's own deductible is met when either
	// their individual amount or the family amount is reached; without one,
	// only the family amount counts.
	Family             bool
	EmbeddedDeductible bool
	// CopayAssistance is how the plan counts what a drug maker's copay
	// program pays.
	CopayAssistance AssistanceRule `json:",omitempty"`
	// Pharmacy is the plan's drug benefit for a drug from its specialty
	// pharmacy (the pharmacy benefit route).
	Pharmacy DrugBenefit `json:",omitzero"`
	// Met is what the patient (and family) have already paid toward the
	// deductibles and out-of-pocket maximums, as of a date.
	Met Met
}

// DrugBenefit is the drug tier a plan puts a specialty drug on: a copay
// per fill, or a coinsurance of the plan's price with a least and a most
// per fill, after a drug deductible. The drug deductible and out-of-pocket
// maximum are the plan's own for drugs (Separate), or the medical
// in-network ones, which drug fills then count toward (an integrated
// plan).
type DrugBenefit struct {
	Copay       Money
	Coinsurance Rate
	// MinPerFill and MaxPerFill bound the coinsurance of a fill; zero
	// MaxPerFill means no most.
	MinPerFill, MaxPerFill Money
	Separate               bool
	// With Separate: the drug deductible and out-of-pocket maximum.
	Deductible        Money
	OutOfPocketMax    Money
	HasOutOfPocketMax bool
}

// Entered reports whether the plan's drug tier was given.
func (b *DrugBenefit) Entered() bool { return b.Copay > 0 || b.Coinsurance > 0 }

// CostSharing is one network tier of a plan.
type CostSharing struct {
	Deductible Money
	// Coinsurance is the patient's share of the allowed amount once the
	// deductible is met (20% means the plan pays 80%).
	Coinsurance Rate
	Copay       Money
	CopayRule   CopayRule
	// OutOfPocketMax caps what the patient pays in a plan year toward covered
	// care (deductible, coinsurance and copays; never balance bills).
	// HasOutOfPocketMax false means the plan has none, or none was entered.
	OutOfPocketMax    Money
	HasOutOfPocketMax bool
	// Family amounts, read when Plan.Family is set.
	FamilyDeductible     Money
	FamilyOutOfPocketMax Money
}

// AssistanceRule is how a plan counts what a drug maker's copay program
// pays toward the patient's share.
type AssistanceRule int

const (
	// StandardAssistance: it counts toward the deductible and the
	// out-of-pocket maximum as if the patient had paid it.
	StandardAssistance AssistanceRule = iota
	// Accumulator: it counts toward neither, so once the program's yearly
	// maximum runs out the patient meets the whole deductible.
	Accumulator
	// Maximizer: the plan sets the patient's share so that the program's
	// yearly maximum is spread evenly over the year's sessions, and none
	// of it counts. carecost spreads it over the calendar year the
	// program's maximum counts in, which is the plan year of most plans
	// (those starting on January 1).
	Maximizer
)

func (r AssistanceRule) String() string {
	switch r {
	case Accumulator:
		return "copay accumulator"
	case Maximizer:
		return "copay maximizer"
	}
	return "counts copay help"
}

// CopayRule says how a copay combines with the deductible and coinsurance.
type CopayRule int

const (
	// NoCopay: the service has no copay.
	NoCopay CopayRule = iota
	// CopayInsteadOfDeductible: the patient pays the copay only; the deductible
	// and coinsurance do not apply to this service.
	CopayInsteadOfDeductible
	// CopayBeforeDeductible: the patient pays the copay first, then the
	// deductible and coinsurance apply to the rest of the allowed amount.
	CopayBeforeDeductible
)

func (r CopayRule) String() string {
	switch r {
	case CopayInsteadOfDeductible:
		return "copay instead of deductible and coinsurance"
	case CopayBeforeDeductible:
		return "copay, then deductible and coinsurance"
	}
	return "no copay"
}

// Met is what has been paid toward a plan's limits, as of a day. The amounts
// count for the plan year that contains AsOf (the year of the course's first
// claim, when AsOf is empty); later plan years start from zero.
type Met struct {
	AsOf         Date
	InNetwork    Accumulated
	OutOfNetwork Accumulated
	// Pharmacy is what counted toward a separate drug deductible and
	// maximum.
	Pharmacy Accumulated `json:",omitzero"`
}

// Accumulated is what has counted toward one tier's limits.
type Accumulated struct {
	Deductible        Money
	OutOfPocket       Money
	FamilyDeductible  Money
	FamilyOutOfPocket Money
}

// Tier returns the cost sharing for the network.
func (p *Plan) Tier(n Network) *CostSharing {
	if n == OutOfNetwork {
		return &p.OutOfNetwork
	}
	return &p.InNetwork
}

// PlanYearOf returns the first day of the plan year containing d. A plan
// year that starts on Feb 29 starts on Feb 28 in other years.
func (p *Plan) PlanYearOf(d Date) Date {
	_, month, day := p.PlanYearStart.Civil()
	year, _, _ := d.Civil()
	start := planYearStartIn(year, month, day)
	if start > d {
		start = planYearStartIn(year-1, month, day)
	}
	return start
}

func planYearStartIn(year int, month time.Month, day int) Date {
	return Date(daysFromCivil(year, int(month), min(day, daysIn(year, int(month)))) - epoch)
}

// Validate says in a sentence what is wrong with the plan, if anything.
func (p *Plan) Validate() error {
	if p.PlanYearStart.IsZero() {
		return errors.New("the plan has no plan-year start date: enter the first day of the plan year (often January 1)")
	}
	tiers := [...]struct {
		name, prefix string
		t            *CostSharing
		met          *Accumulated
	}{
		{"in-network", "the in-network ", &p.InNetwork, &p.Met.InNetwork},
		{"out-of-network", "the out-of-network ", &p.OutOfNetwork, &p.Met.OutOfNetwork},
	}
	for _, tier := range tiers {
		t := tier.t
		checks := []error{
			t.Deductible.validateNonNegative(tier.prefix, "deductible"),
			t.Coinsurance.validateShare(tier.prefix, "coinsurance"),
			t.Copay.validateNonNegative(tier.prefix, "copay"),
			t.OutOfPocketMax.validateNonNegative(tier.prefix, "out-of-pocket maximum"),
			t.FamilyDeductible.validateNonNegative(tier.prefix, "family deductible"),
			t.FamilyOutOfPocketMax.validateNonNegative(tier.prefix, "family out-of-pocket maximum"),
			tier.met.Deductible.validateNonNegative(tier.prefix, "deductible met"),
			tier.met.OutOfPocket.validateNonNegative(tier.prefix, "out-of-pocket amount met"),
			tier.met.FamilyDeductible.validateNonNegative(tier.prefix, "family deductible met"),
			tier.met.FamilyOutOfPocket.validateNonNegative(tier.prefix, "family out-of-pocket amount met"),
		}
		if err := firstError(checks); err != nil {
			return err
		}
		switch {
		case t.CopayRule < NoCopay || t.CopayRule > CopayBeforeDeductible:
			return fmt.Errorf("the %s copay rule is not one carecost knows", tier.name)
		case t.CopayRule != NoCopay && t.Copay == 0:
			return fmt.Errorf("the %s copay is $0.00 but a copay rule is set: enter the copay, or say there is none", tier.name)
		case t.CopayRule == NoCopay && t.Copay > 0:
			return fmt.Errorf("the %s copay of %s has no rule: say whether it is paid instead of or before the deductible", tier.name, t.Copay)
		case t.HasOutOfPocketMax && t.OutOfPocketMax < t.Deductible:
			return fmt.Errorf("the %s out-of-pocket maximum (%s) is less than the deductible (%s): check both, or leave the maximum blank if there is none", tier.name, t.OutOfPocketMax, t.Deductible)
		}
		if p.Family && t.FamilyDeductible > 0 && t.FamilyDeductible < t.Deductible {
			return fmt.Errorf("the %s family deductible (%s) is less than the individual one (%s): check both amounts", tier.name, t.FamilyDeductible, t.Deductible)
		}
	}
	if p.CopayAssistance < StandardAssistance || p.CopayAssistance > Maximizer {
		return fmt.Errorf("the plan's rule for copay help (%d) is not one carecost knows", p.CopayAssistance)
	}
	return p.Pharmacy.validate(&p.Met.Pharmacy)
}

func (b *DrugBenefit) validate(met *Accumulated) error {
	if err := firstError([]error{
		b.Copay.validateNonNegative("the drug ", "copay"),
		b.Coinsurance.validateShare("the drug ", "coinsurance"),
		b.MinPerFill.validateNonNegative("the drug coinsurance's ", "least per fill"),
		b.MaxPerFill.validateNonNegative("the drug coinsurance's ", "most per fill"),
		b.Deductible.validateNonNegative("the drug ", "deductible"),
		b.OutOfPocketMax.validateNonNegative("the drug ", "out-of-pocket maximum"),
		met.Deductible.validateNonNegative("the drug ", "deductible met"),
		met.OutOfPocket.validateNonNegative("the drug ", "out-of-pocket amount met"),
	}); err != nil {
		return err
	}
	switch {
	case b.Copay > 0 && b.Coinsurance > 0:
		return errors.New("the drug tier has both a copay and a coinsurance: a fill pays one or the other (the plan's drug list says which)")
	case b.MaxPerFill > 0 && b.MaxPerFill < b.MinPerFill:
		return fmt.Errorf("the drug coinsurance's most per fill (%s) is less than its least (%s): check both", b.MaxPerFill, b.MinPerFill)
	case b.Separate && b.HasOutOfPocketMax && b.OutOfPocketMax < b.Deductible:
		return fmt.Errorf("the drug out-of-pocket maximum (%s) is less than the drug deductible (%s): check both", b.OutOfPocketMax, b.Deductible)
	}
	return nil
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
