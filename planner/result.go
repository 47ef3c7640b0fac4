package planner

// Result is a scenario worked out: every claim's cost sharing, what each
// source paid and cost, the month-by-month timeline, the summary and the
// flags.
type Result struct {
	Name    string
	Lines   []CostLine
	Sources []SourceResult
	Months  []MonthRow
	Summary Summary
	Flags   []Flag

	// cells holds each source's paid and owed cells, and spans where
	// they lie; see Paid and Owed.
	cells []Money
	spans []span
	// sharedLines: Lines are a kept pricing's, shared with the results
	// priced alike, and not to be written to (see Evaluator.keep).
	sharedLines bool
}

// Paid returns what went through source i in month m (both indexes into
// Sources and Months): a grant's payments to the provider, the patient's
// payments from savings or an account, installments on a debt.
func (r *Result) Paid(m, i int) Money { s := r.spans[i]; return s.cell(r.cells, s.paid, m) }

// Owed returns what is owed on source i at the end of month m.
func (r *Result) Owed(m, i int) Money { s := r.spans[i]; return s.cell(r.cells, s.owed, m) }

// Summary is what a scenario costs in all, and how it feels month to month.
type Summary struct {
	// CareCost is the price of the care under the coverage case: the allowed
	// amounts in network, the cash price for self-pay and superbills (after
	// any discount), the billed charges out of network.
	CareCost Money
	// InsurerPays is what the plan pays the provider, plus what it pays back
	// on superbills.
	InsurerPays Money
	// Assistance is what grants and copay programs pay.
	Assistance Money
	// OutOfPocket is the patient's own money toward the care: care cost less
	// insurer, assistance and the unfunded gap, before interest and fees.
	OutOfPocket Money
	Interest    Money
	Fees        Money
	// TaxSavings is the estimated tax saved by paying with HSA or FSA money.
	TaxSavings Money
	// UnfundedGap is what no source pays: still owed, and so counted in the
	// net total.
	UnfundedGap Money
	// OtherCosts are the course's costs beside the bill (rides, time off
	// work), counted apart from the medical costs.
	OtherCosts Money
	// NetTotal is what the course costs the patient in all:
	// out-of-pocket + unfunded gap + interest + fees − tax savings + other
	// costs.
	NetTotal Money
	// DueUpFront is what the patient pays on the course's first day, from any
	// of their own sources: charges, down payments, set-up fees.
	DueUpFront Money
	// HighestMonthly is the largest month of payments from income (pay as
	// you go, plans, cards, loans), in HighestMonth.
	HighestMonthly Money
	HighestMonth   Month
	// MonthsWithPayments counts the months with any payment from income;
	// MonthsOverBudget those above the patient's monthly budget.
	MonthsWithPayments int
	MonthsOverBudget   int
	// LastPayment is the month of the last payment from income (zero if none).
	LastPayment Month
	// NeverPaidOff: a debt's planned payments never clear it, so every
	// total above leaves out what would still be owed (StillOwed, at the
	// timeline's end) and the interest it would go on costing. Such a
	// scenario ranks after every other.
	NeverPaidOff bool
	StillOwed    Money
}

// MonthRow is one calendar month of a scenario's timeline.
type MonthRow struct {
	Month    Month
	Sessions int
	// Charges is what the patient was billed this month.
	Charges Money
	// PlanPaid is what the plan paid providers; Reimbursed what it paid the
	// patient back on superbills.
	PlanPaid   Money
	Reimbursed Money
	// FromIncome is this month's payments from the patient's income.
	FromIncome Money
	// Unfunded is this month's charges that no source paid.
	Unfunded Money
	// OtherCosts are this month's costs beside the bill, paid as they come;
	// they are not payments toward the care, and the budget is about
	// those.
	OtherCosts Money
	OverBudget bool
}

// SourceResult is what one funding source paid and cost.
type SourceResult struct {
	Name string
	Kind SourceKind
	// Counted is false for a pending grant the scenario does not count.
	Counted bool
	// Covers is how much of the patient's charges the source paid; FirstUse
	// the day it first paid one.
	Covers   Money
	FirstUse Date
	// Borrowed is the amount of a loan, fee included.
	Borrowed Money
	// Payment is the regular monthly payment of a debt; Payments how many
	// months it is paid in.
	Payment  Money
	Payments int
	Interest Money
	Fees     Money
	// TaxSavings is an HSA/FSA's estimated tax saved.
	TaxSavings Money
	// APRWithFees is the yearly cost of a loan or plan that charges a fee,
	// fees counted.
	APRWithFees Rate
	// PaidOff is the month of the last payment on a debt.
	PaidOff Month
	// NeverPaidOff: the planned payment never clears the debt, and
	// StillOwed is what is owed on it at the timeline's end.
	NeverPaidOff bool
	StillOwed    Money

	// A deferred-interest card, whose every purchase has its own
	// promotion: when the first and the last promotion end; what was still
	// owed on the purchases whose promotion ended unpaid, each on its own
	// last day; the interest accrued unseen on every purchase, and the part
	// of it charged at once (first on CliffDate); the level monthly payment
	// that pays every purchase in time.
	PromoEnds, LastPromoEnds Date
	OwedAtPromoEnd           Money
	DeferredInterest         Money
	CliffCharged             bool
	DeferredCharged          Money
	CliffDate                Date
	ClearingPayment          Money
	// A copay program: why it pays nothing, if it does not; each year its
	// yearly maximum ran out, the day and what the patient pays of the
	// sessions from then to the end of that year.
	Refused string
	RunOuts []RunOut
	// BelowMinimum is the first month the planned payment was below the
	// card's minimum payment (MinimumThen), so the card took the minimum;
	// zero if it never was.
	BelowMinimum Month
	MinimumThen  Money
}
