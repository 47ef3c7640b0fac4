package planner

import (
	"testing"
	"time"
)

func TestFlagTexts(t *testing.T) {
	promoEnd := NewDate(2028, time.January, 15)
	// The amounts are inputs chosen for the words, not worked out: Text
	// only formats them.
	tests := []struct {
		flag Flag
		want string
	}{
		{Flag{Kind: FlagDeferredInterestAvoided, Source: "Card", Date: promoEnd, Month: NewDate(2027, time.December, 1).Month(),
			Amounts: [3]Money{17_544}},
			"Card is paid off in Dec 2027: each purchase is paid before its promotion ends (the last on 2028-01-15), so no interest is charged. Owing anything when a promotion ends would add its share of the $175.44 of interest deferred."},
		{Flag{Kind: FlagDeferredInterestCliff, Source: "Card", Date: promoEnd, Amounts: [3]Money{Dollars(100), 20_243, 10_834}},
			"Card: $100.00 is still owed when a purchase's promotion ends (first on 2028-01-15), so $202.43 of deferred interest is charged at once. Paying $108.34 a month pays each purchase in time."},
		{Flag{Kind: FlagDeferredInterestAvoided, Source: "Card", Date: promoEnd, Month: NewDate(2027, time.December, 1).Month()},
			"Card is paid off in Dec 2027: each purchase is paid before its promotion ends (the last on 2028-01-15), so no interest is charged."},
		{Flag{Kind: FlagNeverPaidOff, Source: "Card", Amounts: [3]Money{Dollars(10), Dollars(6_012)}},
			"Card: at $10.00 a month the balance is never paid off, because the payments do not keep up with the interest. The totals leave out the $6,012.00 still owed. Plan a larger payment."},
		{Flag{Kind: FlagNeverPaidOff, Source: "Card", Amounts: [3]Money{0, Dollars(12)}},
			"Card: paying only the minimum the balance is never paid off, because the payments do not keep up with the interest. The totals leave out the $12.00 still owed. Plan a larger payment."},
		{Flag{Kind: FlagNoOutOfNetworkBenefits, Billed: true}, "The plan pays nothing out of network, so you owe the whole bill."},
		{Flag{Kind: FlagWaitsOnApproval, Waits: Waiting{Course: "IV ketamine", Status: StatusAppealing}},
			"Counts on the insurer paying, so it holds only if the appeal for IV ketamine succeeds. Until then, plan on a scenario available now."},
		{Flag{Kind: FlagNoOutOfNetworkMax}, "No out-of-network out-of-pocket maximum entered: if the plan has one, costs may be overstated."},
		{Flag{Kind: FlagOverBudget, Count: 1, Month: NewDate(2027, time.January, 1).Month(), Amounts: [3]Money{Dollars(300), Dollars(450)}},
			"Payments are over the monthly budget of $300.00 in 1 month; the highest is $450.00 in Jan 2027."},
		{Flag{Kind: FlagPendingGrantIgnored, Source: "Fund"},
			"Fund is still pending, so it is not counted. Count pending grants to see the plan if it is awarded."},
		{Flag{Kind: FlagNoOutOfNetworkBenefits},
			"The plan pays nothing out of network, so nothing is paid back on these visits."},
		{Flag{Kind: FlagBalanceBill, Amounts: [3]Money{Dollars(440)}},
			"$440.00 is balance billing: what the out-of-network provider charges above the plan's allowed amount. It counts toward no maximum."},
		{Flag{Kind: FlagLoanFee, Source: "Loan", Financed: true, Rate: 95_800, Amounts: [3]Money{Dollars(50), Dollars(1_050), Dollars(1_000)}},
			"Loan: the origination fee of $50.00 is added to the loan, so you borrow $1,050.00 for $1,000.00 of care. The APR with fees is 9.58%."},
		{Flag{Kind: FlagKind(99)}, ""},
	}
	for _, tt := range tests {
		if got := tt.flag.Text(); got != tt.want {
			t.Errorf("kind %d:\n got %q\nwant %q", tt.flag.Kind, got, tt.want)
		}
	}
}

func TestNeverPaidOffInScenario(t *testing.T) {
	// $5,000 on the 26.99% card at $10 a month: flagged, never paid off.
	card := card2699()
	card.PlannedPayment = Dollars(10)
	s := weeklyScenario(1, Dollars(5_000), FundingSource{Name: "Card", DeferredCard: card})
	r := evaluate(t, &s)
	if !r.Sources[0].NeverPaidOff || findFlag(r, FlagNeverPaidOff) == nil || !r.Summary.NeverPaidOff || r.Summary.StillOwed <= Dollars(5_000) {
		t.Errorf("sources %+v flags %+v summary %+v", r.Sources, r.Flags, r.Summary)
	}
	// Paying $500 a month clears $5,000 in 10 months, inside the promotion.
	card.PlannedPayment = Dollars(500)
	r = evaluate(t, &s)
	if f := findFlag(r, FlagDeferredInterestAvoided); f == nil || r.Summary.Interest != 0 || f.Month != NewDate(2027, time.November, 1).Month() {
		t.Errorf("flags %+v, interest %s", r.Flags, r.Summary.Interest)
	}
}

func TestWords(t *testing.T) {
	words := map[string]string{
		Warning.String():                  "Warning",
		Info.String():                     "Note",
		SelfPay.String():                  "self-pay",
		CoveredInNetwork.String():         "covered in network",
		OutOfNetworkSuperbill.String():    "out of network, superbill",
		OutOfNetworkBilled.String():       "out of network, billed to the plan",
		NoCopay.String():                  "no copay",
		CopayInsteadOfDeductible.String(): "copay instead of deductible and coinsurance",
		CopayBeforeDeductible.String():    "copay, then deductible and coinsurance",
		KindNone.String():                 "no kind",
		KindFixedCard.String():            "medical credit card, reduced APR",
	}
	for got, want := range words {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	for k := KindGrant; k <= KindLoan; k++ {
		if k.String() == "no kind" {
			t.Errorf("kind %d has no name", k)
		}
	}
	if (&FundingSource{}).Kind() != KindNone {
		t.Error("an empty source has a kind")
	}
}
