package planner

import (
	"slices"
	"testing"
)

func TestCompareRanks(t *testing.T) {
	// Three scenarios for one $1,200 session:
	//   savings:  net 1,200, highest month 0 (savings is not income)
	//   loan:     $1,200 at 0% over 12 months: net 1,200, $100 a month
	//   bad:      an invalid scenario, kept with its error, left unranked
	//   card:     $1,300 on the 26.99% card at $100 a month misses the
	//             12-month promotion by one payment, so its deferred
	//             interest is charged: net above 1,300; never more than
	//             $100 a month
	savings := weeklyScenario(1, Dollars(1_200), FundingSource{Name: "S", Savings: &Savings{Amount: Dollars(5_000)}})
	savings.Name = "savings"
	loan := weeklyScenario(1, Dollars(1_200), FundingSource{Name: "L", Loan: &PersonalLoan{Months: 12}})
	loan.Name = "loan"
	bad := weeklyScenario(1, Dollars(1_200))
	bad.Name, bad.Course.Start = "bad", 0
	card := weeklyScenario(1, Dollars(1_300), FundingSource{Name: "C", DeferredCard: card2699()})
	card.Name = "card"
	c := Compare([]Scenario{savings, loan, bad, card})
	// 12 payments of $100 by the promotion's end leave $100 of the $1,300
	// owed: the deferred interest is charged.
	if findFlag(c.Entries[3].Result, FlagDeferredInterestCliff) == nil || c.Entries[3].Result.Sources[0].OwedAtPromoEnd != Dollars(100) {
		t.Errorf("the card misses its promotion by $100: %+v", c.Entries[3].Result.Sources[0])
	}

	if c.Entries[2].Err == nil || c.Entries[2].Result.Name != "bad" {
		t.Errorf("bad scenario: %+v", c.Entries[2])
	}
	// Net totals: savings 1,200 = loan 1,200 < card; the tie keeps
	// the scenarios' order (savings first).
	if want := []int{0, 1, 3}; !slices.Equal(c.ByNetTotal, want) {
		t.Errorf("by net total %v, want %v", c.ByNetTotal, want)
	}
	// Highest month: savings 0 < loan 100 = card 100; the tie keeps the
	// scenarios' order (loan first).
	if want := []int{0, 1, 3}; !slices.Equal(c.ByHighestMonthly, want) {
		t.Errorf("by highest month %v, want %v", c.ByHighestMonthly, want)
	}
}

func TestRecomputeMatchesAFreshComparison(t *testing.T) {
	// Reusing a comparison's memory for other scenarios, then for the first
	// ones again, gives exactly what fresh comparisons give.
	demo, bench := NewDemo().Scenarios, benchScenarios(9)
	c := Compare(bench)
	for _, scenarios := range [][]Scenario{demo, bench[:3], demo} {
		c.Recompute(scenarios)
		fresh := Compare(scenarios)
		if len(c.Entries) != len(fresh.Entries) || !slices.Equal(c.ByNetTotal, fresh.ByNetTotal) || !slices.Equal(c.ByHighestMonthly, fresh.ByHighestMonthly) {
			t.Fatalf("rankings differ: %v %v", c.ByNetTotal, fresh.ByNetTotal)
		}
		for i := range fresh.Entries {
			got, want := &c.Entries[i].Result, &fresh.Entries[i].Result
			if got.Summary != want.Summary || len(got.Months) != len(want.Months) || len(got.Flags) != len(want.Flags) ||
				!slices.Equal(got.Lines, want.Lines) || !slices.Equal(got.Months, want.Months) {
				t.Fatalf("%s differs after reuse", want.Name)
			}
			for m := range want.Months {
				for k := range want.Sources {
					if got.Paid(m, k) != want.Paid(m, k) || got.Owed(m, k) != want.Owed(m, k) {
						t.Fatalf("%s: month %d source %d differs", want.Name, m, k)
					}
				}
			}
		}
	}
}
