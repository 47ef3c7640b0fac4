package planner

import (
	"strconv"
)

// Flag is a risk or a fact about a scenario that a person should not miss,
// told in plain words by Text. Its figures are kept as values, so the text is
// only formatted when shown.
type Flag struct {
	Kind     FlagKind
	Severity Severity
	Source   string   // the funding source it is about, if any
	Amounts  [3]Money // the figures Text quotes; see each FlagKind
	Date     Date
	Month    Month
	Count    int
	Rate     Rate
	// Financed: a loan's fee is added to the loan, not taken from it.
	Financed bool
	// Billed: the case is an out-of-network provider billing the plan.
	Billed bool
	// Waits is the approval a scenario waits on (FlagWaitsOnApproval).
	Waits Waiting
	// Reason is why a copay program pays nothing (FlagCopayRefused).
	Reason string
	// Rule is how the plan counts copay help (the copay program flags).
	Rule AssistanceRule
}

// Severity says whether a flag warns of a risk or tells a fact.
type Severity int

const (
	Info Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "Warning"
	}
	return "Note"
}

// FlagKind says what a flag is about, and which of its fields it uses.
type FlagKind int

const (
	// FlagDeferredInterestCliff: a deferred-interest card is still owed on
	// when its promotion ends (Date). Amounts: owed then, the deferred
	// interest charged at once, the payment that would clear it in time.
	FlagDeferredInterestCliff FlagKind = iota
	// FlagDeferredInterestAvoided: the card is paid off (Month) before the
	// promotion ends (Date). Amounts: the deferred interest at stake.
	FlagDeferredInterestAvoided
	// FlagNeverPaidOff: a debt's payment never clears it. Amounts: the
	// planned payment (zero: the minimum only), what is still owed.
	FlagNeverPaidOff
	// FlagOverBudget: Count months of payments are over the budget.
	// Amounts: budget, highest month's payments (in Month).
	FlagOverBudget
	// FlagUnfundedGap: charges no source pays. Amounts: the gap.
	FlagUnfundedGap
	// FlagPendingGrantCounted: a pending grant is counted. Amounts: what it
	// pays.
	FlagPendingGrantCounted
	// FlagPendingGrantIgnored: a pending grant is left out.
	FlagPendingGrantIgnored
	// FlagDeductibleResets: a new plan year starts (Date) during the course.
	// Amounts: the deductible paid again from then on.
	FlagDeductibleResets
	// FlagNoOutOfPocketMax: the in-network tier has no maximum entered.
	FlagNoOutOfPocketMax
	// FlagSuperbillWait: paid at the visits, reimbursed later (Count days).
	// Amounts: paid at the visits, paid back.
	FlagSuperbillWait
	// FlagNoOutOfNetworkBenefits: the plan pays nothing out of network.
	FlagNoOutOfNetworkBenefits
	// FlagBalanceBill: Amounts: the balance bills in all.
	FlagBalanceBill
	// FlagLoanFee: a loan's origination fee. Amounts: fee, borrowed, received;
	// Rate: the APR with fees; Count 1 when the fee is financed.
	FlagLoanFee
	// FlagTaxEstimate: Amounts: the tax saved; Rate: the tax rate.
	FlagTaxEstimate
	// FlagUpFrontDiscount: Amounts: the discount.
	FlagUpFrontDiscount
	// FlagNoOutOfNetworkMax: the out-of-network tier has no maximum entered.
	FlagNoOutOfNetworkMax
	// FlagWaitsOnApproval: the scenario counts on the insurer paying for a
	// course not approved yet (Waits).
	FlagWaitsOnApproval
	// FlagBelowMinimum: a card's planned payment is below its minimum
	// payment, first in Month. Amounts: the planned payment, the minimum
	// then.
	FlagBelowMinimum
	// FlagOtherCosts: the course's costs beside the bill. Amounts: their
	// total.
	FlagOtherCosts
	// FlagCopayRefused: a copay program pays nothing, for Reason.
	FlagCopayRefused
	// FlagCopayRunsOut: a copay program's yearly maximum runs out on Date,
	// under the plan's Rule. Amounts: the yearly maximum, what the patient
	// pays from then to the end of that year (Count).
	FlagCopayRunsOut
	// FlagCopayMaximizer: the plan spreads a program's yearly maximum
	// (Amounts) over the year's sessions, and counts none of it.
	FlagCopayMaximizer
	// FlagCopayKindUnknown: the plan's kind is not recorded, so whether a
	// copay program may pay is not known.
	FlagCopayKindUnknown
)

// Text tells the flag in a sentence or two of plain words.
func (f Flag) Text() string {
	a, b, c := f.Amounts[0], f.Amounts[1], f.Amounts[2]
	switch f.Kind {
	case FlagWaitsOnApproval:
		return "Counts on the insurer paying, so it holds only " + f.Waits.String() + ". Until then, plan on a scenario available now."
	case FlagDeferredInterestCliff:
		text := f.Source + ": " + a.String() + " is still owed when a purchase's promotion ends (first on " + f.Date.String() + "), so " + b.String() + " of deferred interest is charged at once."
		if c > 0 {
			return text + " Paying " + c.String() + " a month pays each purchase in time."
		}
		return text + " No level monthly payment pays each purchase in time: a purchase's promotion ends before the payment after it, so pay it off on its own."
	case FlagDeferredInterestAvoided:
		text := f.Source + " is paid off in " + f.Month.Label() + ": each purchase is paid before its promotion ends (the last on " + f.Date.String() + "), so no interest is charged."
		if a > 0 {
			text += " Owing anything when a promotion ends would add its share of the " + a.String() + " of interest deferred."
		}
		return text
	case FlagCopayRefused:
		return f.Source + " pays nothing here: " + f.Reason + "."
	case FlagCopayRunsOut:
		text := f.Source + "'s " + a.String() + " yearly maximum runs out on " + f.Date.String() + ": from then to the end of " + strconv.Itoa(f.Count) + " you pay " + b.String() + " of the sessions' costs yourself."
		if f.Rule == Accumulator {
			text += " The plan has a copay accumulator: nothing the program paid counts toward your deductible or out-of-pocket maximum, so you meet them yourself after it runs out."
		}
		return text
	case FlagCopayMaximizer:
		return "The plan has a copay maximizer: it spreads " + f.Source + "'s " + a.String() + " a year over the year's sessions, and none of it counts toward your deductible or out-of-pocket maximum."
	case FlagCopayKindUnknown:
		return f.Source + " pays only for a commercial plan (from an employer or the marketplace), never for Medicare or Medicaid: the plan's kind is not recorded, so check it."
	case FlagOtherCosts:
		return "The net total counts " + a.String() + " of costs beside the bill (the course's other costs, such as travel or time off work), apart from the medical costs."
	case FlagBelowMinimum:
		return f.Source + ": the planned " + a.String() + " a month is below the card's minimum payment of " + b.String() + " in " + f.Month.Label() + ", so the card takes the minimum. Plan at least the minimum."
	case FlagNeverPaidOff:
		paying := "at " + a.String() + " a month"
		if a == 0 {
			paying = "paying only the minimum"
		}
		return f.Source + ": " + paying + " the balance is never paid off, because the payments do not keep up with the interest. The totals leave out the " + b.String() + " still owed. Plan a larger payment."
	case FlagOverBudget:
		return "Payments are over the monthly budget of " + a.String() + " in " + months(f.Count) + "; the highest is " + b.String() + " in " + f.Month.Label() + "."
	case FlagUnfundedGap:
		return a.String() + " of the cost has no way to pay it yet: add a funding source or raise a limit. It is counted in the net total."
	case FlagPendingGrantCounted:
		return "Counts " + a.String() + " from " + f.Source + ", which is still pending: if it is not awarded, you owe that too."
	case FlagPendingGrantIgnored:
		return f.Source + " is still pending, so it is not counted. Count pending grants to see the plan if it is awarded."
	case FlagDeductibleResets:
		return "The plan year starts again on " + f.Date.String() + ": the deductible starts over, and sessions from then on pay " + a.String() + " toward it."
	case FlagNoOutOfPocketMax:
		return "No out-of-pocket maximum entered — costs may be overstated."
	case FlagSuperbillWait:
		return "You pay the clinic " + a.String() + " at the visits and wait about " + strconv.Itoa(f.Count) + " days after each one for the plan to pay back " + b.String() + " in all."
	case FlagNoOutOfNetworkBenefits:
		if f.Billed {
			return "The plan pays nothing out of network, so you owe the whole bill."
		}
		return "The plan pays nothing out of network, so nothing is paid back on these visits."
	case FlagNoOutOfNetworkMax:
		return "No out-of-network out-of-pocket maximum entered: if the plan has one, costs may be overstated."
	case FlagBalanceBill:
		return a.String() + " is balance billing: what the out-of-network provider charges above the plan's allowed amount. It counts toward no maximum."
	case FlagLoanFee:
		how := "comes out of the loan, so you borrow " + b.String() + " to receive " + c.String()
		if f.Financed {
			how = "is added to the loan, so you borrow " + b.String() + " for " + c.String() + " of care"
		}
		return f.Source + ": the origination fee of " + a.String() + " " + how + ". The APR with fees is " + f.Rate.String() + "."
	case FlagTaxEstimate:
		return "The " + a.String() + " saved on taxes by paying with HSA/FSA money is an estimate at a " + f.Rate.String() + " tax rate, not tax advice."
	case FlagUpFrontDiscount:
		return "Paying for the whole course up front saves " + a.String() + "."
	}
	return ""
}

func months(n int) string {
	if n == 1 {
		return "1 month"
	}
	return strconv.Itoa(n) + " months"
}

// flags finds what a person should be told about the result.
func (e *evaluation) flags(r *Result) []Flag {
	// Gathered in the Evaluator's memory, and kept in the result's own,
	// sized once to what was found.
	flags := e.ev.flags[:0]
	add := func(f Flag) { flags = append(flags, f) }
	s, sum := e.s, &r.Summary

	if s.Waits.Waits() {
		add(Flag{Kind: FlagWaitsOnApproval, Severity: Warning, Waits: s.Waits})
	}
	if sum.UnfundedGap > 0 {
		add(Flag{Kind: FlagUnfundedGap, Severity: Warning, Amounts: [3]Money{sum.UnfundedGap}})
	}
	for i := range r.Sources {
		src := &r.Sources[i]
		switch src.Kind {
		case KindDeferredCard:
			switch {
			case src.CliffCharged:
				add(Flag{Kind: FlagDeferredInterestCliff, Severity: Warning, Source: src.Name, Date: src.CliffDate,
					Amounts: [3]Money{src.OwedAtPromoEnd, src.DeferredCharged, src.ClearingPayment}})
			case src.Covers > 0 && !src.NeverPaidOff:
				add(Flag{Kind: FlagDeferredInterestAvoided, Severity: Info, Source: src.Name, Date: src.LastPromoEnds,
					Month: src.PaidOff, Amounts: [3]Money{src.DeferredInterest}})
			}
			if src.BelowMinimum != 0 {
				add(Flag{Kind: FlagBelowMinimum, Severity: Warning, Source: src.Name, Month: src.BelowMinimum,
					Amounts: [3]Money{s.Sources[i].DeferredCard.PlannedPayment, src.MinimumThen}})
			}
		case KindCopayProgram:
			p := s.Sources[i].CopayProgram
			switch {
			case src.Refused != "":
				add(Flag{Kind: FlagCopayRefused, Severity: Warning, Source: src.Name, Reason: src.Refused})
			}
			for _, out := range src.RunOuts {
				add(Flag{Kind: FlagCopayRunsOut, Severity: Warning, Source: src.Name, Date: out.On, Count: out.On.Year(), Rule: s.Plan.CopayAssistance,
					Amounts: [3]Money{p.YearlyMax, out.PaysAfter}})
			}
			if src.Refused == "" && s.Plan.CopayAssistance == Maximizer {
				add(Flag{Kind: FlagCopayMaximizer, Severity: Info, Source: src.Name, Rule: Maximizer, Amounts: [3]Money{p.YearlyMax}})
			}
			if src.Refused == "" && s.PlanKind == PlanKindUnknown {
				add(Flag{Kind: FlagCopayKindUnknown, Severity: Info, Source: src.Name})
			}
		case KindGrant:
			if s.Sources[i].Grant.Pending {
				if src.Counted {
					if src.Covers > 0 {
						add(Flag{Kind: FlagPendingGrantCounted, Severity: Warning, Source: src.Name, Amounts: [3]Money{src.Covers}})
					}
				} else {
					add(Flag{Kind: FlagPendingGrantIgnored, Severity: Info, Source: src.Name})
				}
			}
		case KindLoan:
			if src.Fees > 0 {
				add(Flag{Kind: FlagLoanFee, Severity: Info, Source: src.Name, Rate: src.APRWithFees, Financed: s.Sources[i].Loan.FeeFinanced,
					Amounts: [3]Money{src.Fees, src.Borrowed, src.Covers}})
			}
		case KindHealthAccount:
			if src.TaxSavings > 0 {
				add(Flag{Kind: FlagTaxEstimate, Severity: Info, Amounts: [3]Money{src.TaxSavings}, Rate: s.Sources[i].HealthAccount.TaxRate})
			}
		}
		if src.NeverPaidOff {
			// The planned payment, unless the card takes its minimum
			// instead (then "paying only the minimum").
			var planned Money
			if c := s.Sources[i].DeferredCard; c != nil && src.BelowMinimum == 0 {
				planned = c.PlannedPayment
			}
			add(Flag{Kind: FlagNeverPaidOff, Severity: Warning, Source: src.Name, Amounts: [3]Money{planned, src.StillOwed}})
		}
	}
	if sum.MonthsOverBudget > 0 {
		add(Flag{Kind: FlagOverBudget, Severity: Warning, Count: sum.MonthsOverBudget, Month: sum.HighestMonth,
			Amounts: [3]Money{s.MonthlyBudget, sum.HighestMonthly}})
	}
	if sum.OtherCosts > 0 {
		add(Flag{Kind: FlagOtherCosts, Severity: Info, Amounts: [3]Money{sum.OtherCosts}})
	}
	e.coverageFlags(r, add)
	e.ev.flags = flags
	return append(r.Flags[:0], flags...)
}

// coverageFlags tells what the coverage case means for this course.
func (e *evaluation) coverageFlags(r *Result, add func(Flag)) {
	s := e.s
	switch s.Coverage.Case {
	case SelfPay:
		if e.pricing.discount > 0 {
			add(Flag{Kind: FlagUpFrontDiscount, Severity: Info, Amounts: [3]Money{e.pricing.discount}})
		}
		return
	case OutOfNetworkSuperbill, OutOfNetworkBilled:
		if !s.Plan.OutOfNetworkCovered {
			add(Flag{Kind: FlagNoOutOfNetworkBenefits, Severity: Warning, Billed: s.Coverage.Case == OutOfNetworkBilled})
			return
		}
	}
	network := s.Coverage.Case.network()
	// The deductible starts over with each plan year after the first: one
	// flag a year, with what the sessions of that year pay toward it.
	var first, year Date
	var again Money
	flush := func() {
		if again > 0 {
			add(Flag{Kind: FlagDeductibleResets, Severity: Info, Date: year, Amounts: [3]Money{again}})
		}
	}
	var balanceBills, paidAtVisits, paidBack Money
	for i := range r.Lines {
		l := &r.Lines[i]
		if i == 0 {
			first, year = l.Share.PlanYear, l.Share.PlanYear
		}
		if l.Share.PlanYear != year {
			flush()
			year, again = l.Share.PlanYear, 0
		}
		if year != first {
			again += l.Share.Deductible + l.Fill.Deductible
		}
		balanceBills += l.Share.BalanceBill
		paidAtVisits += l.Charged
		paidBack += l.Reimbursed
	}
	flush()
	if !s.Plan.Tier(network).HasOutOfPocketMax {
		if network == InNetwork {
			add(Flag{Kind: FlagNoOutOfPocketMax, Severity: Warning})
		} else {
			add(Flag{Kind: FlagNoOutOfNetworkMax, Severity: Warning})
		}
	}
	if balanceBills > 0 {
		add(Flag{Kind: FlagBalanceBill, Severity: Warning, Amounts: [3]Money{balanceBills}})
	}
	if s.Coverage.Case == OutOfNetworkSuperbill && paidBack > 0 {
		add(Flag{Kind: FlagSuperbillWait, Severity: Info, Count: s.Coverage.lag(), Amounts: [3]Money{paidAtVisits, paidBack}})
	}
}
