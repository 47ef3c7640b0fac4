package planner

import (
	"reflect"
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

// An Evaluator keeps the pricings it worked out: what it gives for a
// course, coverage and plan seen before, for ones that differ from those
// kept by one field, after older ones were replaced, and after a course's
// phase was changed in its own memory, is what pricing afresh gives.
func TestKeptPricingsAreThoseWorkedOut(t *testing.T) {
	scenarios := variantsOf(benchScenarios(8), 4, func(v *Scenario, i, variant int) {
		switch variant {
		case 1: // a dearer first phase
			v.Course.Phases[0].Price.Cash += Dollars(int64(1 + i))
		case 2: // the deductible partly met
			v.Plan.Met.InNetwork.Deductible, v.Plan.Met.OutOfNetwork.Deductible = Dollars(int64(100+i)), Dollars(int64(100+i))
		case 3: // paid back later
			v.Coverage.ReimbursementLagDays = 40 + i
		}
	})
	same := func(pass, i int, kept, fresh *Result) {
		t.Helper()
		if !slices.Equal(kept.Lines, fresh.Lines) || kept.Summary != fresh.Summary || !slices.Equal(kept.Months, fresh.Months) {
			t.Fatalf("pass %d, scenario %d (%s): the kept pricing differs from a fresh one", pass, i, scenarios[i].Coverage.Case)
		}
	}
	ev := keptAgainstFresh(t, scenarios, same)
	if len(ev.pricings.items) != maxPricings {
		t.Errorf("%d pricings kept, want %d", len(ev.pricings.items), maxPricings)
	}
	// A phase changed where it lies, as an edit changes it: the kept
	// course is a copy, and no longer the same.
	last := len(scenarios) - 1
	again := func(pass int) {
		t.Helper()
		var r Result
		if err := ev.Evaluate(&scenarios[last], &r); err != nil {
			t.Fatal(err)
		}
		fresh := evaluate(t, &scenarios[last])
		same(pass, last, &r, &fresh)
	}
	again(2)
	scenarios[last].Course.Phases[0].Price.Cash += Dollars(50)
	again(3)
}

// variantsOf makes n variants of each scenario of base, each with sources
// and phases of its own, that vary changes: variant v of scenario i.
func variantsOf(base []Scenario, n int, vary func(s *Scenario, i, v int)) []Scenario {
	var out []Scenario
	for i, s := range base {
		for v := range n {
			c := s
			c.Sources, c.Course.Phases = slices.Clone(s.Sources), slices.Clone(s.Course.Phases)
			vary(&c, i, v)
			out = append(out, c)
		}
	}
	return out
}

// keptAgainstFresh works every scenario out twice over through one
// Evaluator, more of them than it keeps (so the second pass finds some
// replaced), and hands same each result with a fresh Evaluate's. It
// returns the Evaluator.
func keptAgainstFresh(t *testing.T, scenarios []Scenario, same func(pass, i int, kept, fresh *Result)) *Evaluator {
	t.Helper()
	var ev Evaluator
	var r Result
	for pass := range 2 {
		for i := range scenarios {
			if err := ev.Evaluate(&scenarios[i], &r); err != nil {
				t.Fatal(err)
			}
			fresh := evaluate(t, &scenarios[i])
			same(pass, i, &r, &fresh)
		}
	}
	return &ev
}

// sameCourse compares every field of a course: one changed at a time, by
// reflection so that a field added later is changed too, makes the courses
// differ.
func TestSameCourseComparesEveryField(t *testing.T) {
	base := NewDemo().Courses[0]
	typ := reflect.TypeFor[Course]()
	for i := range typ.NumField() {
		c := base
		c.Phases, c.Fees, c.OtherCosts = slices.Clone(base.Phases), slices.Clone(base.Fees), slices.Clone(base.OtherCosts)
		f := reflect.ValueOf(&c).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + " changed")
		case reflect.Int, reflect.Int32, reflect.Int64:
			f.SetInt(f.Int() + 1)
		case reflect.Slice:
			f.Set(reflect.Append(f, reflect.Zero(f.Type().Elem())))
		default:
			t.Fatalf("Course.%s is a %s: teach this test to change it", typ.Field(i).Name, f.Kind())
		}
		if sameCourse(&base, &c) {
			t.Errorf("courses that differ in %s are taken as the same", typ.Field(i).Name)
		}
	}
}

// Results priced alike share the lines of the pricing kept for them. A
// result held from an earlier comparison, as a screen holds one, keeps its
// lines as they were however many pricings replace the one it shares; and
// what the comparison then gives is what a fresh one gives.
func TestAHeldResultKeepsItsLines(t *testing.T) {
	scenarios := benchScenarios(8)
	c := Compare(scenarios)
	held := c.Entries[4].Result // priced as scenario 0 was: in network
	if &held.Lines[0] != &c.Entries[0].Result.Lines[0] {
		t.Fatal("scenarios 0 and 4, priced alike, do not share their lines")
	}
	want := slices.Clone(held.Lines)
	for range 2 * maxPricings {
		for i := range scenarios {
			s := &scenarios[i]
			s.Course.Phases = slices.Clone(s.Course.Phases)
			p := &s.Course.Phases[0].Price
			p.Billed, p.AllowedInNetwork, p.AllowedOutOfNetwork, p.Cash = p.Billed+1, p.AllowedInNetwork+1, p.AllowedOutOfNetwork+1, p.Cash+1
		}
		c.Recompute(scenarios)
	}
	if !slices.Equal(held.Lines, want) {
		t.Fatal("a held result's lines changed as later pricings replaced the one it shared")
	}
	for i := range scenarios {
		fresh := evaluate(t, &scenarios[i])
		if got := &c.Entries[i].Result; !slices.Equal(got.Lines, fresh.Lines) || got.Summary != fresh.Summary {
			t.Fatalf("scenario %d: the comparison differs from a fresh evaluation", i)
		}
	}
}

// A scenario priced like one before it has only its funding left to check,
// and is checked: its error is the one Validate gives.
func TestAScenarioPricedAlikeIsStillChecked(t *testing.T) {
	good := benchScenarios(1)[0]
	bad := good
	bad.Sources = slices.Clone(good.Sources)
	bad.Sources[1].HealthAccount = &HealthAccount{Balance: -Dollars(1)}
	want := bad.Validate()
	if want == nil {
		t.Fatal("a negative balance passed Validate")
	}
	c := Compare([]Scenario{good, bad})
	if err := c.Entries[1].Err; err == nil || err.Error() != want.Error() {
		t.Fatalf("priced alike, the bad scenario gave %v, want %v", err, want)
	}
	if c.Entries[0].Err != nil || !slices.Equal(c.ByNetTotal, []int{0}) {
		t.Fatalf("the good scenario: %v, ranked %v", c.Entries[0].Err, c.ByNetTotal)
	}
}

// A deferred-interest card's run writes every cell of its scratch memory
// that is read back, so that memory is handed over as the last run left
// it: memory filled with nonsense gives the same results as fresh memory.
func TestACardsRunNeedsNoClearedMemory(t *testing.T) {
	scenarios := benchScenarios(8)
	var ev Evaluator
	var r Result
	for i := range scenarios {
		slab := ev.cardCells[:cap(ev.cardCells)]
		for j := range slab {
			slab[j] = Money(-7_777_777 - j)
		}
		if err := ev.Evaluate(&scenarios[i], &r); err != nil {
			t.Fatal(err)
		}
		if i == 0 && cap(ev.cardCells) == 0 {
			t.Fatal("the first scenario ran no card: nothing to test")
		}
		fresh := evaluate(t, &scenarios[i])
		if r.Summary != fresh.Summary || !slices.Equal(r.Months, fresh.Months) || !slices.Equal(r.cells, fresh.cells) {
			t.Fatalf("scenario %d: a run on memory not cleared differs from a fresh one", i)
		}
	}
}

// The payment days a comparison keeps for its cards are good until a card
// with another first day takes their place: a card's clearing payment,
// searched for after the cards after it were run, is worked out on its
// own days, however many first days came before. Eight scenarios fill the
// days kept, each with a card first used at another session; then one
// with two cards, the first its days found among them, the second with
// new days that replace the oldest, the first's. And one scenario with
// more cards, each first used on another day, than days are kept.
func TestCardsKeepTheirOwnPaymentDays(t *testing.T) {
	base := benchScenarios(1)[0]
	base.Course.Fees = nil
	base.Course.Phases = []Phase{{Name: "Infusion", Sessions: 12, Spacing: Spacing{5, EveryWeeks}, Price: Price{Cash: Dollars(550), Billed: Dollars(550)}}}
	base.Coverage = Coverage{Case: SelfPay}
	card := func(limit int64) FundingSource {
		return FundingSource{Name: "Card", DeferredCard: &DeferredInterestCard{CreditLimit: Dollars(limit), PromoMonths: 6, APR: 299_900,
			MinimumRate: Percentage(3), MinimumFloor: Dollars(35), PlannedPayment: Dollars(20)}}
	}
	var scenarios []Scenario
	for _, before := range []int64{0, 2, 3, 4, 5, 6, 7, 8} { // sessions paid from savings before the card
		s := base
		s.Sources = []FundingSource{{Name: "Savings", Savings: &Savings{Amount: Dollars(550 * before)}}, card(100_000)}
		scenarios = append(scenarios, s)
	}
	two := base
	two.Sources = []FundingSource{card(550), card(100_000)} // one session on the first, the rest on the second
	many := base
	many.Sources = nil
	for range maxPaydays + 1 {
		many.Sources = append(many.Sources, card(550)) // a session on each
	}
	scenarios = append(scenarios, two, many)
	c := Compare(scenarios)
	for i := range scenarios {
		fresh := evaluate(t, &scenarios[i])
		for k, want := range fresh.Sources {
			if want.Kind != KindDeferredCard || want.Covers == 0 {
				continue
			}
			if got := c.Entries[i].Result.Sources[k]; got.ClearingPayment != want.ClearingPayment || want.ClearingPayment == 0 {
				t.Fatalf("scenario %d, card %d: clearing payment %s in the comparison, %s alone", i, k, got.ClearingPayment, want.ClearingPayment)
			}
		}
	}
	// Alone, the cards of one scenario are as many: each its own days.
	r := evaluate(t, &many)
	if r.Sources[0].ClearingPayment == 0 {
		t.Fatal("the first card has no clearing payment")
	}
	for k := range r.Sources {
		if r.Sources[k].ClearingPayment != r.Sources[0].ClearingPayment {
			t.Fatalf("card %d of %d alike: clearing payment %s, the first's %s", k, len(r.Sources), r.Sources[k].ClearingPayment, r.Sources[0].ClearingPayment)
		}
	}
}
