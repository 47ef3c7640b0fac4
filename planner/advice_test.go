package planner

import (
	"slices"
	"strconv"
	"testing"
)

// The demo: the ketamine course is appealing and the esketamine course
// needs pre-authorization, so every scenario that counts on the insurer
// waits on approval. Net totals and highest months (see TestDemoFigures
// and the README's table; the card's and the pharmacy route's come from
// their simulations, whose rules the card and copay tests work by hand,
// and only their places matter here: the card above the clinic plan's
// 6,999 and below the loan's 9,225.53, the pharmacy route above the
// medical route's 6,058 and its top month below it):
//
//	0 Ketamine in network     $2,880.00  top $420.00    waits (appealing)
//	1 Ketamine superbill      $5,678.00  top $950.00    waits (appealing)
//	2 Ketamine clinic plan    $6,999.00  top $549.00    self-pay: now
//	3 Ketamine on a card      $8,697.90  top $300.00    self-pay: now
//	4 Ketamine with a loan    $9,225.53  top $256.27    self-pay: now
//	5 Ketamine with a grant   $5,186.00  top $354.17    self-pay: now
//	6 Esketamine, prior auth  $6,058.00  top $2,288.00  waits (pre-auth)
//	7 Esketamine via pharmacy $7,145.40  top $1,070.20  waits (pre-auth)
func TestRankingsSayWhatIsAvailableNow(t *testing.T) {
	n := 0
	f := DemoFile(func() ID { n++; return ID("ID" + strconv.Itoa(n)) })
	_, c := f.Compare()
	// Available now by net total: 5, 2, 3, 4; then waiting: 0, 1, 6, 7.
	if want := []int{5, 2, 3, 4, 0, 1, 6, 7}; !slices.Equal(c.ByNetTotal, want) {
		t.Errorf("by net total %v, want %v", c.ByNetTotal, want)
	}
	// By highest month: now 4 ($256.27), 3 ($300), 5, 2; waiting 0 ($420),
	// 1 ($950), 7, 6.
	if want := []int{4, 3, 5, 2, 0, 1, 7, 6}; !slices.Equal(c.ByHighestMonthly, want) {
		t.Errorf("by highest month %v, want %v", c.ByHighestMonthly, want)
	}
	// The best available now is the grant's $5,186.00; approval of the
	// ketamine appeal would make it the in-network $2,880.00.
	if i, ok := c.BestNow(); !ok || i != 5 {
		t.Errorf("best now %d, %v", i, ok)
	}
	if i, ok := c.BestIfApproved(); !ok || i != 0 || c.Entries[i].Waits.String() != "if the appeal for IV ketamine infusions succeeds" {
		t.Errorf("best if approved %d, %v, %q", i, ok, c.Entries[i].Waits)
	}
	if w := c.Entries[6].Waits.String(); w != "if the pre-authorization for Esketamine nasal spray (FDA-approved) is approved" {
		t.Errorf("esketamine waits %q", w)
	}
	// Once the appeal succeeds, the ketamine scenarios are available now and
	// the in-network one is best; nothing cheaper waits.
	f.Courses[0].Status = StatusCovered
	_, c = f.Compare()
	if i, ok := c.BestNow(); !ok || i != 0 {
		t.Errorf("covered: best now %d", i)
	}
	if i, ok := c.BestIfApproved(); ok {
		t.Errorf("covered: best if approved %d, though the esketamine's $6,058.00 is dearer than $2,880.00", i)
	}
}

// Every status but covered leaves a scenario that counts on the insurer
// waiting; self-pay never waits.
func TestWaitingFor(t *testing.T) {
	for _, tc := range []struct {
		c      CoverageCase
		status CoverageStatus
		want   string
	}{
		{CoveredInNetwork, StatusCovered, ""},
		{SelfPay, StatusDenied, ""},
		{CoveredInNetwork, StatusNeedsPreAuthorization, "if the pre-authorization for X is approved"},
		{OutOfNetworkSuperbill, StatusDenied, "if the denial of X is overturned"},
		{OutOfNetworkBilled, StatusAppealing, "if the appeal for X succeeds"},
		{CoveredInNetwork, StatusNotCovered, "if the plan pays for X after all (it is marked not covered)"},
		{CoveredInNetwork, StatusUnknown, "if the plan covers X (not known yet: ask the insurer)"},
	} {
		w := waitingFor(tc.c, "X", tc.status)
		if w.String() != tc.want || w.Waits() != (tc.want != "") {
			t.Errorf("%v, %v: %q", tc.c, tc.status, w)
		}
	}
}

// A plan that leaves part of the cost unpaid is never best, however low
// its net total, and ranks after every whole plan; ties keep the order
// the scenarios were given in, whatever their other figures.
func TestGapsAreNeverBestAndTiesKeepTheirOrder(t *testing.T) {
	// Four weekly sessions of $500.00 cash: $2,000.00.
	gap := weeklyScenario(4, Dollars(500), FundingSource{Name: "savings", Savings: &Savings{Amount: Dollars(1_000)}})
	gap.Name = "half paid"
	whole := func(name string) Scenario {
		s := weeklyScenario(4, Dollars(500), FundingSource{Name: "income", PayAsYouGo: &PayAsYouGo{}})
		s.Name = name
		return s
	}
	// The gap scenario pays $1,000.00 and leaves $1,000.00 unpaid, which
	// counts in its net total: $2,000.00, the same as the two whole plans.
	c := Compare([]Scenario{gap, whole("first"), whole("second")})
	if c.Entries[0].Result.Summary.UnfundedGap != Dollars(1_000) || c.Entries[0].Standing() != LeavesGap {
		t.Fatalf("gap: %+v", c.Entries[0].Result.Summary)
	}
	if want := []int{1, 2, 0}; !slices.Equal(c.ByNetTotal, want) || !slices.Equal(c.ByHighestMonthly, want) {
		t.Errorf("rankings %v, %v, want %v", c.ByNetTotal, c.ByHighestMonthly, want)
	}
	if i, ok := c.BestNow(); !ok || i != 1 {
		t.Errorf("best now %d", i)
	}
	// With only the gap, nothing is best.
	c = Compare([]Scenario{gap})
	if _, ok := c.BestNow(); ok {
		t.Error("a plan with a gap was called best")
	}
	if _, ok := c.BestIfApproved(); ok {
		t.Error("a plan with a gap was called best if approved")
	}
}
