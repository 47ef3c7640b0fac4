package planner

import (
	"testing"
	"time"
)

// plan20 is a plan with a $500 in-network deductible, 20% coinsurance and a
// $3,000 out-of-pocket maximum, and $1,000 / 40% out of network with no
// maximum; plan years start on January 1.
func plan20() Plan {
	return Plan{
		PlanYearStart: NewDate(2026, time.January, 1),
		InNetwork: CostSharing{Deductible: Dollars(500), Coinsurance: Percentage(20),
			OutOfPocketMax: Dollars(3_000), HasOutOfPocketMax: true},
		OutOfNetwork:        CostSharing{Deductible: Dollars(1_000), Coinsurance: Percentage(40)},
		OutOfNetworkCovered: true,
	}
}

func TestCostShareSingleClaims(t *testing.T) {
	day := NewDate(2026, time.June, 1)
	tests := []struct {
		name    string
		edit    func(*Plan)
		network Network
		billed  Money
		allowed Money
		bill    bool
		want    Share // the fields checked: Deductible, Coinsurance, Copay, OverMax, BalanceBill, Patient, Plan
	}{
		{
			// d = min(300, 500) = 300; c = 20% × 0 = 0; plan pays 0.
			name: "all deductible", allowed: Dollars(300),
			want: Share{Deductible: Dollars(300), Patient: Dollars(300)},
		},
		{
			// d = 500; c = 20% × (800 − 500) = 60; patient 560, plan 240.
			name: "deductible then coinsurance", allowed: Dollars(800),
			want: Share{Deductible: Dollars(500), Coinsurance: Dollars(60), Patient: Dollars(560), Plan: Dollars(240)},
		},
		{
			// Deductible met: c = 20% × 333.33 = 66.666 → $66.67 (half up).
			name: "coinsurance rounds half up", allowed: 33_333,
			edit: func(p *Plan) { p.Met.InNetwork.Deductible = Dollars(500) },
			want: Share{Coinsurance: 6_667, Patient: 6_667, Plan: 33_333 - 6_667},
		},
		{
			// Copay instead: the patient pays $40 only; the plan pays 260.
			name: "copay instead of deductible", allowed: Dollars(300),
			edit: func(p *Plan) { p.InNetwork.Copay, p.InNetwork.CopayRule = Dollars(40), CopayInsteadOfDeductible },
			want: Share{Copay: Dollars(40), Patient: Dollars(40), Plan: Dollars(260)},
		},
		{
			// Copay first: 40; then d = min(260, 100 left) = 100; c = 20% × 160 = 32;
			// patient 172, plan 128.
			name: "copay before deductible", allowed: Dollars(300),
			edit: func(p *Plan) {
				p.InNetwork.Copay, p.InNetwork.CopayRule = Dollars(40), CopayBeforeDeductible
				p.Met.InNetwork.Deductible = Dollars(400)
			},
			want: Share{Copay: Dollars(40), Deductible: Dollars(100), Coinsurance: Dollars(32), Patient: Dollars(172), Plan: Dollars(128)},
		},
		{
			// A copay larger than the allowed amount is cut to it.
			name: "copay above allowed", allowed: Dollars(25),
			edit: func(p *Plan) { p.InNetwork.Copay, p.InNetwork.CopayRule = Dollars(40), CopayInsteadOfDeductible },
			want: Share{Copay: Dollars(25), Patient: Dollars(25)},
		},
		{
			// $50 left of the $3,000 maximum: c = 20% × 500 = 100, capped at 50;
			// the plan pays 450.
			name: "out-of-pocket maximum caps the share", allowed: Dollars(500),
			edit: func(p *Plan) {
				p.Met.InNetwork.Deductible, p.Met.InNetwork.OutOfPocket = Dollars(500), Dollars(2_950)
			},
			want: Share{Coinsurance: Dollars(100), OverMax: Dollars(50), Patient: Dollars(50), Plan: Dollars(450)},
		},
		{
			// Maximum reached: the plan pays everything.
			name: "maximum reached", allowed: Dollars(500),
			edit: func(p *Plan) {
				p.Met.InNetwork.Deductible, p.Met.InNetwork.OutOfPocket = Dollars(500), Dollars(3_000)
			},
			want: Share{Coinsurance: Dollars(100), OverMax: Dollars(100), Plan: Dollars(500)},
		},
		{
			// Out of network, deductible met: c = 40% × 380 = 152; balance bill
			// 600 − 380 = 220; patient 372; plan 228.
			name: "out of network with balance bill", network: OutOfNetwork, billed: Dollars(600), allowed: Dollars(380), bill: true,
			edit: func(p *Plan) { p.Met.OutOfNetwork.Deductible = Dollars(1_000) },
			want: Share{Coinsurance: Dollars(152), BalanceBill: Dollars(220), Patient: Dollars(372), Plan: Dollars(228)},
		},
		{
			// No out-of-network benefits: the patient pays the allowed amount and
			// the balance bill: 380 + 220.
			name: "no out-of-network benefits", network: OutOfNetwork, billed: Dollars(600), allowed: Dollars(380), bill: true,
			edit: func(p *Plan) { p.OutOfNetworkCovered = false },
			want: Share{BalanceBill: Dollars(220), Patient: Dollars(600), NotCovered: true},
		},
		{
			// Family, embedded: individual $500 (met $100), family $1,000 (met
			// $900): left = min(400, 100) = 100; c = 20% × 200 = 40.
			name: "embedded family deductible", allowed: Dollars(300),
			edit: func(p *Plan) {
				p.Family, p.EmbeddedDeductible = true, true
				p.InNetwork.FamilyDeductible, p.InNetwork.FamilyOutOfPocketMax = Dollars(1_000), Dollars(6_000)
				p.Met.InNetwork = Accumulated{Deductible: Dollars(100), FamilyDeductible: Dollars(900)}
			},
			want: Share{Deductible: Dollars(100), Coinsurance: Dollars(40), Patient: Dollars(140), Plan: Dollars(160)},
		},
		{
			// Family, embedded: the individual $500 is met though the family's
			// $1,500 is not: c = 20% × 300 = 60.
			name: "embedded individual met first", allowed: Dollars(300),
			edit: func(p *Plan) {
				p.Family, p.EmbeddedDeductible = true, true
				p.InNetwork.FamilyDeductible = Dollars(1_500)
				p.Met.InNetwork = Accumulated{Deductible: Dollars(500), FamilyDeductible: Dollars(500)}
			},
			want: Share{Coinsurance: Dollars(60), Patient: Dollars(60), Plan: Dollars(240)},
		},
		{
			// Family, not embedded: only the family $1,500 counts (met $500), so
			// all $300 goes to the deductible even though the individual amount
			// is met.
			name: "aggregate family deductible", allowed: Dollars(300),
			edit: func(p *Plan) {
				p.Family = true
				p.InNetwork.FamilyDeductible = Dollars(1_500)
				p.Met.InNetwork = Accumulated{Deductible: Dollars(500), FamilyDeductible: Dollars(500)}
			},
			want: Share{Deductible: Dollars(300), Patient: Dollars(300)},
		},
		{
			// Family maximum: individual $3,000 (met $1,000), family $4,000 (met
			// $3,980): $20 left, so a $100 coinsurance is capped at 20.
			name: "family out-of-pocket maximum", allowed: Dollars(500),
			edit: func(p *Plan) {
				p.Family = true
				p.InNetwork.FamilyDeductible, p.InNetwork.FamilyOutOfPocketMax = Dollars(1_000), Dollars(4_000)
				p.Met.InNetwork = Accumulated{Deductible: Dollars(500), FamilyDeductible: Dollars(1_000),
					OutOfPocket: Dollars(1_000), FamilyOutOfPocket: Dollars(3_980)}
			},
			want: Share{Coinsurance: Dollars(100), OverMax: Dollars(80), Patient: Dollars(20), Plan: Dollars(480)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan20()
			p.Met.AsOf = day
			if tt.edit != nil {
				tt.edit(&p)
			}
			if err := p.Validate(); err != nil {
				t.Fatalf("plan does not validate: %v", err)
			}
			c := newCostSharer(&p, day)
			got := c.share(tt.network, day, tt.billed, tt.allowed, tt.bill)
			got.Billed, got.Allowed, got.PlanYear = 0, 0, 0
			if got != tt.want {
				t.Errorf("share =\n %+v, want\n %+v", got, tt.want)
			}
		})
	}
}

func TestCostShareAccumulatesAndResetsEachPlanYear(t *testing.T) {
	p := plan20()
	c := newCostSharer(&p, NewDate(2026, time.December, 17))
	claims := []struct {
		date Date
		want Money
	}{
		// Dec 17: d = 300 of the $500 deductible → 300.
		{NewDate(2026, time.December, 17), Dollars(300)},
		// Dec 24: d = 200 (what is left), c = 20% × 100 = 20 → 220.
		{NewDate(2026, time.December, 24), Dollars(220)},
		// Dec 31: deductible met: c = 20% × 300 = 60.
		{NewDate(2026, time.December, 31), Dollars(60)},
		// Jan 7 is a new plan year: the deductible starts over, d = 300.
		{NewDate(2027, time.January, 7), Dollars(300)},
	}
	for _, cl := range claims {
		got := c.share(InNetwork, cl.date, 0, Dollars(300), false)
		if got.Patient != cl.want {
			t.Errorf("%s: patient pays %s, want %s", cl.date, got.Patient, cl.want)
		}
	}
}

func TestMetAmountsCountOnlyInTheirPlanYear(t *testing.T) {
	// Plan years start on July 1. $500 met as of 2026-06-15 counts in the
	// year that began 2025-07-01; a claim on 2026-07-10 starts from zero.
	p := plan20()
	p.PlanYearStart = NewDate(2025, time.July, 1)
	p.Met = Met{AsOf: NewDate(2026, time.June, 15), InNetwork: Accumulated{Deductible: Dollars(500)}}
	c := newCostSharer(&p, NewDate(2026, time.June, 20))
	// June 20: deductible met → c = 20% × 300 = 60.
	if got := c.share(InNetwork, NewDate(2026, time.June, 20), 0, Dollars(300), false).Patient; got != Dollars(60) {
		t.Errorf("June claim: patient pays %s, want $60.00", got)
	}
	// July 10: new plan year → d = 300.
	if got := c.share(InNetwork, NewDate(2026, time.July, 10), 0, Dollars(300), false).Patient; got != Dollars(300) {
		t.Errorf("July claim: patient pays %s, want $300.00", got)
	}
}

func TestPlanYearOf(t *testing.T) {
	tests := []struct{ start, day, want Date }{
		{NewDate(2026, time.January, 1), NewDate(2027, time.March, 5), NewDate(2027, time.January, 1)},
		{NewDate(2025, time.July, 1), NewDate(2026, time.June, 30), NewDate(2025, time.July, 1)},
		{NewDate(2025, time.July, 1), NewDate(2026, time.July, 1), NewDate(2026, time.July, 1)},
		// A plan year that began on Feb 29 starts on Feb 28 in common years.
		{NewDate(2024, time.February, 29), NewDate(2025, time.March, 1), NewDate(2025, time.February, 28)},
		{NewDate(2024, time.February, 29), NewDate(2028, time.March, 1), NewDate(2028, time.February, 29)},
	}
	for _, tt := range tests {
		p := Plan{PlanYearStart: tt.start}
		if got := p.PlanYearOf(tt.day); got != tt.want {
			t.Errorf("plan year from %s containing %s = %s, want %s", tt.start, tt.day, got, tt.want)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Plan)
		want string
	}{
		{"no plan year", func(p *Plan) { p.PlanYearStart = 0 }, "no plan-year start date"},
		{"negative deductible", func(p *Plan) { p.InNetwork.Deductible = -1 }, "in-network deductible cannot be negative"},
		{"coinsurance over 100%", func(p *Plan) { p.OutOfNetwork.Coinsurance = OneHundredPercent + 1 }, "between 0% and 100%"},
		{"amount too large", func(p *Plan) { p.InNetwork.OutOfPocketMax = MaxMoney + 1 }, "largest amount"},
		{"family deductible below individual", func(p *Plan) {
			p.Family = true
			p.InNetwork.FamilyDeductible = Dollars(100)
		}, "less than the individual"},
		{"unknown copay rule", func(p *Plan) { p.InNetwork.CopayRule = 9 }, "copay rule"},
		{"negative met", func(p *Plan) { p.Met.OutOfNetwork.OutOfPocket = -5 }, "cannot be negative"},
	}
	for _, tt := range tests {
		p := plan20()
		tt.edit(&p)
		err := p.Validate()
		if err == nil || !contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	p := plan20()
	if err := p.Validate(); err != nil {
		t.Errorf("a good plan: %v", err)
	}
}
