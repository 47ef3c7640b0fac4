package planner

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var screeningDay = NewDate(2026, time.November, 20)

// screeningPatient is the demo household: 3 people in Ohio earning
// $41,000, which is 41,000 / 27,320 = 150.07% of the 2026 guideline
// (15,960 + 2×5,680 = 27,320).
func screeningPatient() Patient {
	return Patient{Name: "Sam", BirthDate: NewDate(1988, time.April, 12), State: "OH", HouseholdSize: 3, AnnualIncome: Dollars(41_000)}
}

// incomeProgram takes households up to 200% of the guideline, nothing else.
func incomeProgram() Program {
	return Program{Name: "Hope Fund", Kind: ProgramNonprofitGrant, Amount: Dollars(1_000), MaxIncomePercent: Percentage(200)}
}

var knownFacts = ScreeningFacts{Insured: AnswerYes, Veteran: AnswerNo}

// reasonsSay reports whether some reason contains want.
func reasonsSay(s Screening, want string) bool {
	return slices.ContainsFunc(s.Reasons, func(r string) bool { return strings.Contains(r, want) })
}

func TestScreenSpecSentence(t *testing.T) {
	s := Screen(screeningPatient(), knownFacts, incomeProgram(), screeningDay)
	want := "Household of 3 in Ohio earning $41,000 is 150% of the 2026 guideline ($27,320); this program's limit is 200%"
	if s.Verdict != Eligible || len(s.Reasons) != 1 || s.Reasons[0] != want || len(s.Missing) != 0 {
		t.Errorf("%s %q missing %q; want eligible, %q", s.Verdict, s.Reasons, s.Missing, want)
	}
	// 41,000 / 27,320 = 150.0732%.
	if s.Guideline != Dollars(27_320) || s.GuidelineYear != 2026 || s.IncomePercent != 1_500_732 || s.Tier != nil {
		t.Errorf("guideline %s of %d, income at %s, tier %v", s.Guideline, s.GuidelineYear, s.IncomePercent, s.Tier)
	}
}

func TestScreenIncome(t *testing.T) {
	tests := []struct {
		name    string
		patient func(p *Patient)
		facts   ScreeningFacts
		program func(p *Program)
		want    Verdict
		reason  string
		missing []string
	}{
		// 200% × 27,320 = 54,640.
		{"exactly at the limit", func(p *Patient) { p.AnnualIncome = Dollars(54_640) }, knownFacts, nil,
			Eligible, "earning $54,640 is 200% of the 2026 guideline ($27,320); this program's limit is 200%", nil},
		{"a dollar over", func(p *Patient) { p.AnnualIncome = Dollars(54_641) }, knownFacts, nil,
			NotEligible, "earning $54,641 is 200.0037% of the 2026 guideline", nil}, // 54,641 / 27,320 = 2.0000366 → 200.0037%
		// 54,640.01 / 27,320 = 200.0000366%, a Rate of 200.0000%: the
		// sentence mustn't claim it equals the limit.
		{"a cent over", func(p *Patient) { p.AnnualIncome = 5_464_001 }, knownFacts, nil,
			NotEligible, "earning $54,640.01 is just over 200% of the 2026 guideline", nil},
		// 50,000 / 27,320 = 183.0161% → shows 183%.
		{"under the limit", func(p *Patient) { p.AnnualIncome = Dollars(50_000) }, knownFacts, nil,
			Eligible, "is 183% of the 2026 guideline", nil},
		// 60,000 / 27,320 = 219.6193% → shows 220%.
		{"well over", func(p *Patient) { p.AnnualIncome = Dollars(60_000) }, knownFacts, nil,
			NotEligible, "earning $60,000 is 220% of the 2026 guideline ($27,320); this program's limit is 200%", nil},
		{"no income entered", func(p *Patient) { p.AnnualIncome = 0 }, knownFacts, nil,
			Check, "This program's income limit is 200% of the poverty guideline: enter the household's yearly income to check it",
			[]string{MissingIncome}},
		{"no income at all", func(p *Patient) { p.AnnualIncome = 0 }, ScreeningFacts{NoIncome: true}, nil,
			Eligible, "earning $0 is 0% of the 2026 guideline", nil},
		{"no household size", func(p *Patient) { p.HouseholdSize = 0 }, knownFacts, nil,
			Check, "enter the household's size to check it", []string{MissingHousehold}},
		{"nothing entered", func(p *Patient) { p.AnnualIncome, p.HouseholdSize, p.State = 0, 0, "" }, knownFacts, nil,
			Check, "enter the household's yearly income, size and state to check it", []string{MissingIncome, MissingHousehold, MissingState}},
		{"unknown state", func(p *Patient) { p.State = "XX" }, knownFacts, nil,
			Check, `"XX" is not a US state code`, nil},
		{"a territory", func(p *Patient) { p.State = "PR" }, knownFacts, nil,
			Check, "HHS publishes no poverty guidelines for Puerto Rico: ask the program which figures it uses", nil},
		{"a household too large", func(p *Patient) { p.HouseholdSize = 150 }, knownFacts, nil,
			Check, "A household of 150 people is more than carecost works with", nil},
		{"a year carecost has no table for", nil, knownFacts, func(p *Program) { p.PovertyYear = 2024 },
			Check, "This program goes by the 2024 poverty guidelines, which carecost doesn't have (it has 2025 and 2026): ask the program for its income limit in dollars", nil},
		// 2025, household of 3: 15,650 + 2×5,500 = 26,650; 200% = 53,300.
		{"the 2025 table at the limit", func(p *Patient) { p.AnnualIncome = Dollars(53_300) }, knownFacts, func(p *Program) { p.PovertyYear = 2025 },
			Eligible, "earning $53,300 is 200% of the 2025 guideline ($26,650)", nil},
		{"the 2025 table a dollar over", func(p *Patient) { p.AnnualIncome = Dollars(53_301) }, knownFacts, func(p *Program) { p.PovertyYear = 2025 },
			NotEligible, "of the 2025 guideline ($26,650)", nil},
		// Alaska 2026, household of 3: 19,950 + 2×7,100 = 34,150; 200% =
		// 68,300; 41,000 / 34,150 = 120.06% → 120%.
		{"Alaska", func(p *Patient) { p.State = "ak" }, knownFacts, nil,
			Eligible, "Household of 3 in Alaska earning $41,000 is 120% of the 2026 Alaska guideline ($34,150)", nil},
		{"Alaska at the limit", func(p *Patient) { p.State, p.AnnualIncome = "AK", Dollars(68_300) }, knownFacts, nil, Eligible, "is 200%", nil},
		{"Alaska a dollar over", func(p *Patient) { p.State, p.AnnualIncome = "AK", Dollars(68_301) }, knownFacts, nil, NotEligible, "", nil},
		// Hawaii 2026, household of 3: 18,360 + 2×6,530 = 31,420; 41,000 /
		// 31,420 = 130.49% → 130%.
		{"Hawaii", func(p *Patient) { p.State = "HI" }, knownFacts, nil,
			Eligible, "in Hawaii earning $41,000 is 130% of the 2026 Hawaii guideline ($31,420)", nil},
		// DC uses the 48-state figures: 41,000 / 27,320 → 150%.
		{"the District of Columbia", func(p *Patient) { p.State = "DC" }, knownFacts, nil,
			Eligible, "in the District of Columbia earning $41,000 is 150% of the 2026 guideline", nil},
		// A limit of 150%: 150% × 27,320 = 40,980, so 41,000 is over, by
		// 0.07%: it shows as 150.07%, not as the limit itself.
		{"just over a limit it rounds to", nil, knownFacts, func(p *Program) { p.MaxIncomePercent = Percentage(150) },
			NotEligible, "is 150.07% of the 2026 guideline ($27,320); this program's limit is 150%", nil},
		{"no income limit needs no income", func(p *Patient) { p.AnnualIncome, p.HouseholdSize, p.State = 0, 0, "" }, knownFacts,
			func(p *Program) { p.MaxIncomePercent = 0 }, Eligible, "This program has no income limit", nil},
		{"a negative income counts as none", func(p *Patient) { p.AnnualIncome = -Dollars(2_000) }, knownFacts, nil,
			Eligible, "earning $0 is 0%", nil},
	}
	for _, tt := range tests {
		p, prog := screeningPatient(), incomeProgram()
		if tt.patient != nil {
			tt.patient(&p)
		}
		if tt.program != nil {
			tt.program(&prog)
		}
		s := Screen(p, tt.facts, prog, screeningDay)
		if s.Verdict != tt.want || !reasonsSay(s, tt.reason) || !slices.Equal(s.Missing, tt.missing) {
			t.Errorf("%s: %s %q missing %q; want %s saying %q, missing %q", tt.name, s.Verdict, s.Reasons, s.Missing, tt.want, tt.reason, tt.missing)
		}
	}
}

func TestScreenStates(t *testing.T) {
	tests := []struct {
		state   string
		serves  []string
		want    Verdict
		reason  string
		missing []string
	}{
		{"OH", []string{"OH", "KY"}, Eligible, "This program serves Ohio", nil},
		{"oh", []string{"KY", "oh"}, Eligible, "This program serves Ohio", nil},
		{"IN", []string{"OH", "KY"}, NotEligible, "This program serves only Ohio and Kentucky, and the patient lives in Indiana", nil},
		{"", []string{"OH", "KY"}, Check, "This program serves only Ohio and Kentucky: enter the patient's state", []string{MissingState}},
		{"ZZ", []string{"OH"}, Check, `"ZZ" is not a US state code`, nil},
		{"DC", []string{"DC", "MD", "VA"}, Eligible, "This program serves the District of Columbia", nil},
		{"WY", []string{"AL", "AZ", "AR", "CA", "CO", "CT"}, NotEligible, "This program serves only 6 states, and the patient lives in Wyoming", nil},
		{"WY", nil, Eligible, "", nil},
	}
	for _, tt := range tests {
		p := screeningPatient()
		p.State = tt.state
		prog := Program{Name: "Local Fund", Kind: ProgramOther, States: tt.serves}
		s := Screen(p, knownFacts, prog, screeningDay)
		if s.Verdict != tt.want || !reasonsSay(s, tt.reason) || !slices.Equal(s.Missing, tt.missing) {
			t.Errorf("%q in %v: %s %q missing %q; want %s saying %q", tt.state, tt.serves, s.Verdict, s.Reasons, s.Missing, tt.want, tt.reason)
		}
	}
}

func TestScreenAge(t *testing.T) {
	// The program takes ages 18 to 64; screening on 2026-11-20.
	tests := []struct {
		name   string
		born   Date
		want   Verdict
		reason string
	}{
		// 2026 − 2008 = 18, and the birthday is the day itself.
		{"18 on the day", NewDate(2008, time.November, 20), Eligible, "The patient is 18; this program is for ages 18 to 64"},
		// The 18th birthday is tomorrow: still 17.
		{"18 tomorrow", NewDate(2008, time.November, 21), NotEligible, "The patient is 17; this program is for ages 18 to 64"},
		// 2026 − 1962 = 64 today.
		{"64 on the day", NewDate(1962, time.November, 20), Eligible, "The patient is 64"},
		// 2026 − 1961 = 65 tomorrow: 64 today.
		{"65 tomorrow", NewDate(1961, time.November, 21), Eligible, "The patient is 64"},
		// 2026 − 1961 = 65 today: over the maximum.
		{"65 on the day", NewDate(1961, time.November, 20), NotEligible, "The patient is 65; this program is for ages 18 to 64"},
		{"no birth date", 0, Check, "This program is for ages 18 to 64: enter the patient's birth date"},
		{"born after today", NewDate(2027, time.January, 1), Check, "The birth date 2027-01-01 is after today: check it"},
	}
	for _, tt := range tests {
		p := screeningPatient()
		p.BirthDate = tt.born
		prog := Program{Name: "Adult Fund", Kind: ProgramOther, MinAge: 18, MaxAge: 64}
		s := Screen(p, knownFacts, prog, screeningDay)
		if s.Verdict != tt.want || !reasonsSay(s, tt.reason) {
			t.Errorf("%s: %s %q; want %s saying %q", tt.name, s.Verdict, s.Reasons, tt.want, tt.reason)
		}
	}
	if s := Screen(Patient{}, knownFacts, Program{Name: "A", Kind: ProgramOther, MinAge: 18}, screeningDay); !slices.Equal(s.Missing, []string{MissingBirthDate}) {
		t.Errorf("missing %q, want the birth date", s.Missing)
	}
	// One-sided limits.
	for _, tt := range []struct {
		minAge, maxAge int
		want           Verdict
		reason         string
	}{
		{65, 0, NotEligible, "The patient is 38; this program is for ages 65 and over"}, // 2026 − 1988 = 38 (birthday in April, passed)
		{0, 40, Eligible, "The patient is 38; this program is for ages 40 and under"},
		{0, 37, NotEligible, "this program is for ages 37 and under"},
	} {
		s := Screen(screeningPatient(), knownFacts, Program{Name: "A", Kind: ProgramOther, MinAge: tt.minAge, MaxAge: tt.maxAge}, screeningDay)
		if s.Verdict != tt.want || !reasonsSay(s, tt.reason) {
			t.Errorf("ages %d–%d: %s %q; want %s saying %q", tt.minAge, tt.maxAge, s.Verdict, s.Reasons, tt.want, tt.reason)
		}
	}
}

func TestAgeOn(t *testing.T) {
	leapling := NewDate(2008, time.February, 29)
	tests := []struct {
		birth, day Date
		want       int
	}{
		{NewDate(1988, time.April, 12), NewDate(2026, time.April, 11), 37}, // the day before the 38th birthday
		{NewDate(1988, time.April, 12), NewDate(2026, time.April, 12), 38}, // the birthday itself
		{leapling, NewDate(2026, time.February, 28), 17},                   // no February 29 in 2026: not yet
		{leapling, NewDate(2026, time.March, 1), 18},                       // March 1 it is
		{leapling, NewDate(2028, time.February, 29), 20},                   // 2028 − 2008 = 20 on the day
		{NewDate(2000, time.December, 31), NewDate(2001, time.January, 1), 0},
	}
	for _, tt := range tests {
		if got := AgeOn(tt.birth, tt.day); got != tt.want {
			t.Errorf("born %s, on %s: %d, want %d", tt.birth, tt.day, got, tt.want)
		}
	}
}

func TestScreenInsurance(t *testing.T) {
	tests := []struct {
		rule    InsuranceRule
		insured Answer
		want    Verdict
		reason  string
	}{
		{InsuranceAny, AnswerYes, Eligible, ""},
		{InsuranceAny, "", Eligible, ""},
		{InsuredOnly, AnswerYes, Eligible, "The patient has health insurance, as this program requires"},
		{InsuredOnly, AnswerNo, NotEligible, "This program is only for people with health insurance, and the patient has none"},
		{UninsuredOnly, AnswerNo, Eligible, "The patient has no health insurance, as this program requires"},
		{UninsuredOnly, AnswerYes, NotEligible, "This program is only for people without health insurance, and the patient has it"},
		{UninsuredOrUnderinsured, AnswerNo, Eligible, "The patient has no health insurance"},
		{UninsuredOrUnderinsured, AnswerYes, Check, "ask the program whether the patient's coverage counts"},
		{UninsuredOnly, AnswerUnknown, Check, "This program is for people uninsured only: say whether the patient has health insurance"},
		{InsuredOnly, "", Check, "say whether the patient has health insurance"},
	}
	for _, tt := range tests {
		prog := Program{Name: "A", Kind: ProgramOther, Insurance: tt.rule}
		s := Screen(screeningPatient(), ScreeningFacts{Insured: tt.insured}, prog, screeningDay)
		wantMissing := tt.rule != InsuranceAny && tt.insured != AnswerYes && tt.insured != AnswerNo
		if s.Verdict != tt.want || !reasonsSay(s, tt.reason) || slices.Contains(s.Missing, MissingInsurance) != wantMissing {
			t.Errorf("%q, insured %q: %s %q missing %q; want %s saying %q", tt.rule, tt.insured, s.Verdict, s.Reasons, s.Missing, tt.want, tt.reason)
		}
	}
}

func TestScreenVeteran(t *testing.T) {
	tests := []struct {
		veteransOnly bool
		veteran      Answer
		want         Verdict
		reason       string
	}{
		{true, AnswerYes, Eligible, "The patient is a veteran, as this program requires"},
		{true, AnswerNo, NotEligible, "This program is only for veterans, and the patient is not one"},
		{true, AnswerUnknown, Check, "This program is only for veterans: say whether the patient is one"},
		{true, "", Check, "say whether the patient is one"},
		{false, "", Eligible, ""},
		{false, AnswerNo, Eligible, ""},
	}
	for _, tt := range tests {
		prog := Program{Name: "A", Kind: ProgramOther, VeteransOnly: tt.veteransOnly}
		s := Screen(screeningPatient(), ScreeningFacts{Veteran: tt.veteran}, prog, screeningDay)
		wantMissing := tt.want == Check
		if s.Verdict != tt.want || !reasonsSay(s, tt.reason) || slices.Contains(s.Missing, MissingVeteran) != wantMissing {
			t.Errorf("veterans only %v, veteran %q: %s %q missing %q; want %s saying %q", tt.veteransOnly, tt.veteran, s.Verdict, s.Reasons, s.Missing, tt.want, tt.reason)
		}
	}
}

func TestScreenConditions(t *testing.T) {
	prog := incomeProgram()
	prog.Conditions = []string{"treatment-resistant depression", "a doctor's referral"}
	s := Screen(screeningPatient(), knownFacts, prog, screeningDay)
	want := "Confirm with the program that the patient meets what it requires, which carecost can't check: treatment-resistant depression; a doctor's referral"
	// The income rule is met, so the conditions alone make it a check,
	// said before the rule met.
	if s.Verdict != Check || len(s.Reasons) != 2 || s.Reasons[0] != want || !contains(s.Reasons[1], "is 150%") || len(s.Missing) != 0 {
		t.Errorf("%s %q missing %q; want check, saying %q first", s.Verdict, s.Reasons, s.Missing, want)
	}
	// A failed rule wins over conditions, and is said first.
	p := screeningPatient()
	p.AnnualIncome = Dollars(60_000)
	s = Screen(p, knownFacts, prog, screeningDay)
	if s.Verdict != NotEligible || !contains(s.Reasons[0], "earning $60,000") || s.Reasons[1] != want {
		t.Errorf("over the limit, with conditions: %s %q", s.Verdict, s.Reasons)
	}
}

func TestScreenTiers(t *testing.T) {
	// Free up to 150%, 75% off up to 250%, 40% off up to 400%. With the
	// 2026 guideline for 3 (27,320): 150% = 40,980; 250% = 68,300;
	// 400% = 109,280.
	prog := Program{Name: "Riverbend", Kind: ProgramCharityCare, Tiers: []IncomeTier{
		{Percentage(150), Percentage(100), "Free care"},
		{Percentage(250), Percentage(75), "75% off"},
		{Percentage(400), Percentage(40), ""},
	}}
	tests := []struct {
		income Money
		want   Verdict
		tier   Rate // the tier's UpToPercent; 0 for none
		reason string
	}{
		{Dollars(40_980), Eligible, Percentage(150), "The tier for incomes up to 150% applies (“Free care”): the program pays 100% of the cost"},
		{Dollars(40_981), Eligible, Percentage(250), "The tier for incomes up to 250% applies (“75% off”): the program pays 75% of the cost"},
		{Dollars(41_000), Eligible, Percentage(250), "this program's limit is 400%"}, // 150.07%: the second tier
		{Dollars(68_300), Eligible, Percentage(250), "up to 250%"},
		{Dollars(68_301), Eligible, Percentage(400), "The tier for incomes up to 400% applies: the program pays 40% of the cost"},
		{Dollars(109_280), Eligible, Percentage(400), "is 400% of the 2026 guideline"},
		{Dollars(109_281), NotEligible, 0, "this program's limit is 400%"},
	}
	for _, tt := range tests {
		p := screeningPatient()
		p.AnnualIncome = tt.income
		s := Screen(p, knownFacts, prog, screeningDay)
		gotTier := Rate(0)
		if s.Tier != nil {
			gotTier = s.Tier.UpToPercent
		}
		if s.Verdict != tt.want || gotTier != tt.tier || !reasonsSay(s, tt.reason) {
			t.Errorf("income %s: %s, tier up to %s, %q; want %s, tier up to %s, saying %q", tt.income, s.Verdict, gotTier, s.Reasons, tt.want, tt.tier, tt.reason)
		}
	}
	// Tiers that stop below the income limit: 300% × 27,320 = 81,960 is
	// within 400% but above the tiers.
	prog.MaxIncomePercent = Percentage(400)
	prog.Tiers = prog.Tiers[:2]
	p := screeningPatient()
	p.AnnualIncome = Dollars(81_960)
	if s := Screen(p, knownFacts, prog, screeningDay); s.Verdict != Eligible || s.Tier != nil || !reasonsSay(s, "above this program's tiers but within its limit") {
		t.Errorf("above the tiers: %s %v %q", s.Verdict, s.Tier, s.Reasons)
	}
}

func TestScreenProgramNotValid(t *testing.T) {
	prog := incomeProgram()
	prog.MinAge, prog.MaxAge = 70, 60
	s := Screen(screeningPatient(), knownFacts, prog, screeningDay)
	if s.Verdict != Check || !reasonsSay(s, "carecost can't screen this program until its record is fixed: the minimum age of Hope Fund (70) is above its maximum age (60)") {
		t.Errorf("%s %q", s.Verdict, s.Reasons)
	}
}

func TestScreenSaysWhenGuidelinesMayBeOld(t *testing.T) {
	note := "carecost's newest poverty guidelines are for 2026; newer ones are usually higher, so ask the program which figures it uses"
	s := Screen(screeningPatient(), knownFacts, incomeProgram(), NewDate(2027, time.February, 1))
	if s.Verdict != Eligible || s.Reasons[len(s.Reasons)-1] != note {
		t.Errorf("in 2027: %s %q", s.Verdict, s.Reasons)
	}
	if s := Screen(screeningPatient(), knownFacts, incomeProgram(), screeningDay); reasonsSay(s, "newest poverty guidelines") {
		t.Errorf("in 2026: %q", s.Reasons)
	}
	// A program that names its year is screened by that year, without the note.
	prog := incomeProgram()
	prog.PovertyYear = 2026
	if s := Screen(screeningPatient(), knownFacts, prog, NewDate(2027, time.February, 1)); reasonsSay(s, "newest poverty guidelines") {
		t.Errorf("a program naming 2026, in 2027: %q", s.Reasons)
	}
}

func TestPercentText(t *testing.T) {
	tests := []struct {
		exact, limit Rate
		within       bool
		want         string
	}{
		{1_500_732, Percentage(200), true, "150%"},
		{1_500_732, Percentage(150), false, "150.07%"},              // 150.0732% over 150%: whole would say 150%
		{1_496_000, 1_497_000, true, "149.6%"},                      // 149.6% within 149.7%: whole would say 150%
		{1_499_996, 1_499_998, true, "149.9996%"},                   // 149.9996% within 149.9998%: hundredths would say 150%
		{Percentage(200), Percentage(200), false, "just over 200%"}, // over by less than 0.00005%
		{Percentage(200), Percentage(200), true, "200%"},
	}
	for _, tt := range tests {
		if got := percentText(tt.exact, tt.limit, tt.within); got != tt.want {
			t.Errorf("percentText(%s, %s, %v) = %q, want %q", tt.exact, tt.limit, tt.within, got, tt.want)
		}
	}
}

func TestScreenAllDemo(t *testing.T) {
	demo := NewDemo()
	got := ScreenAll(demo.Patient, DemoScreeningFacts(), DemoPrograms(), screeningDay)
	want := []struct {
		name    string
		verdict Verdict
	}{
		// 150.07%: free care (up to 200%), in Ohio.
		{"Maple Street Clinic Sliding Scale (fictional)", Eligible},
		// 150.07% is just over the free tier (150%): 75% off, in Ohio.
		{"Riverbend General Hospital Financial Assistance (fictional)", Eligible},
		// Within 400%, but its conditions need confirming.
		{"Second Wind Depression Care Fund (fictional)", Check},
		// The patient is insured; the program is for the uninsured only.
		{"Sample Pharma Patient Assistance (fictional)", NotEligible},
	}
	if len(got) != len(want) {
		t.Fatalf("%d screenings, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Program.Name != w.name || got[i].Verdict != w.verdict {
			t.Errorf("%d: %s %s %q; want %s %s", i, got[i].Program.Name, got[i].Verdict, got[i].Reasons, w.name, w.verdict)
		}
	}
	if got[0].Tier == nil || got[0].Tier.Label != "Free care" || got[1].Tier == nil || got[1].Tier.Label != "75% off" {
		t.Errorf("tiers %v, %v", got[0].Tier, got[1].Tier)
	}
}

func TestScreenAllOrder(t *testing.T) {
	programs := []Program{
		{Name: "zeta", Kind: ProgramOther, VeteransOnly: true}, // not eligible
		{Name: "Beta", Kind: ProgramOther},                     // eligible
		{Name: "gamma", Kind: ProgramOther, Conditions: []string{"x"}},
		{Name: "alpha", Kind: ProgramOther},
		{Name: "Alpha", Kind: ProgramOther, MinAge: 18}, // eligible (38), same name in other case: stays in input order
		{Name: "delta", Kind: ProgramOther, Conditions: []string{"y"}},
	}
	got := ScreenAll(screeningPatient(), knownFacts, programs, screeningDay)
	var names []string
	for _, s := range got {
		names = append(names, s.Verdict.String()+" "+s.Program.Name)
	}
	want := []string{"eligible alpha", "eligible Alpha", "eligible Beta", "check delta", "check gamma", "not eligible zeta"}
	if !slices.Equal(names, want) {
		t.Errorf("order %q, want %q", names, want)
	}
	if len(ScreenAll(screeningPatient(), knownFacts, nil, screeningDay)) != 0 {
		t.Error("screening no programs gave results")
	}
}

func TestScreenNeverPanics(t *testing.T) {
	odd := []Program{
		{},
		{Name: "x", Kind: ProgramOther, MaxIncomePercent: -1},
		{Name: "x", Kind: ProgramOther, Tiers: []IncomeTier{{UpToPercent: -5}}},
		{Name: "x", Kind: ProgramOther, MaxIncomePercent: Percentage(1000), PovertyYear: 2999},
	}
	patients := []Patient{
		{},
		{State: "??", HouseholdSize: -3, AnnualIncome: -MaxMoney, BirthDate: NewDate(2999, time.December, 31)},
		{State: "oh", HouseholdSize: 1 << 40, AnnualIncome: MaxMoney},
	}
	for _, prog := range odd {
		for _, p := range patients {
			s := Screen(p, ScreeningFacts{Insured: "perhaps"}, prog, 0)
			if s.Verdict < Eligible || s.Verdict > NotEligible || len(s.Reasons) == 0 && s.Verdict != Eligible {
				t.Errorf("%+v, %+v: %s %q", prog, p, s.Verdict, s.Reasons)
			}
		}
	}
}

func TestVerdictWords(t *testing.T) {
	for v, want := range map[Verdict]string{Eligible: "eligible", Check: "check", NotEligible: "not eligible", 0: "not screened"} {
		if v.String() != want {
			t.Errorf("%d reads %q, want %q", v, v.String(), want)
		}
	}
}

func TestFactsOf(t *testing.T) {
	tests := []struct {
		name    string
		patient Patient
		want    ScreeningFacts
	}{
		{"nothing said", Patient{Name: "Ana"}, ScreeningFacts{}},
		{"insured, not a veteran", Patient{Insured: AnswerYes, Veteran: AnswerNo}, ScreeningFacts{Insured: AnswerYes, Veteran: AnswerNo}},
		{"uninsured veteran", Patient{Insured: AnswerNo, Veteran: AnswerYes}, ScreeningFacts{Insured: AnswerNo, Veteran: AnswerYes}},
		{"not known yet", Patient{Insured: AnswerUnknown, Veteran: AnswerUnknown}, ScreeningFacts{Insured: AnswerUnknown, Veteran: AnswerUnknown}},
		// An income of zero is a blank on the record unless the record
		// says the household has none; an income entered wins.
		{"no income entered", Patient{AnnualIncome: 0, Insured: AnswerNo}, ScreeningFacts{Insured: AnswerNo}},
		{"no income at all", Patient{NoIncome: true}, ScreeningFacts{NoIncome: true}},
		{"no income, but a figure", Patient{NoIncome: true, AnnualIncome: Dollars(1)}, ScreeningFacts{}},
	}
	for _, tt := range tests {
		if got := FactsOf(tt.patient); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if want := (ScreeningFacts{Insured: AnswerYes, Veteran: AnswerNo, Treatments: []Treatment{
		{"IV ketamine infusions", OffLabel}, {"Esketamine nasal spray (FDA-approved)", ApprovedForUse}}}); !reflect.DeepEqual(DemoScreeningFacts(), want) {
		t.Errorf("the demo patient's facts are %+v", DemoScreeningFacts())
	}
}

func TestScreenWithTheFactsOfThePatient(t *testing.T) {
	veterans := Program{Name: "Vets", Kind: ProgramOther, VeteransOnly: true, Insurance: UninsuredOnly}
	p := screeningPatient()
	// Nothing said: both answers are missing.
	s := Screen(p, FactsOf(p), veterans, screeningDay)
	if s.Verdict != Check || !slices.Equal(s.Missing, []string{MissingInsurance, MissingVeteran}) {
		t.Errorf("nothing said: %s, missing %q", s.Verdict, s.Missing)
	}
	p.Insured, p.Veteran = AnswerNo, AnswerYes
	if s := Screen(p, FactsOf(p), veterans, screeningDay); s.Verdict != Eligible || len(s.Missing) != 0 {
		t.Errorf("an uninsured veteran: %s %q, missing %q", s.Verdict, s.Reasons, s.Missing)
	}
	p.Veteran = AnswerNo
	if s := Screen(p, FactsOf(p), veterans, screeningDay); s.Verdict != NotEligible || !reasonsSay(s, "the patient is not one") {
		t.Errorf("not a veteran: %s %q", s.Verdict, s.Reasons)
	}
}

func TestPatientValidate(t *testing.T) {
	for _, p := range []Patient{{}, {Insured: AnswerUnknown, Veteran: AnswerYes}, {Insured: AnswerNo, Veteran: AnswerNo}} {
		if err := p.Validate(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
	tests := []struct {
		patient Patient
		want    string
	}{
		{Patient{Insured: "perhaps"}, `whether the patient has health insurance, "perhaps", is not one carecost knows: choose unknown, yes, no`},
		{Patient{Veteran: "Yes"}, `whether the patient is a veteran, "Yes", is not one carecost knows: choose unknown, yes, no`},
	}
	for _, tt := range tests {
		if err := tt.patient.Validate(); err == nil || err.Error() != tt.want {
			t.Errorf("%+v: %v, want %q", tt.patient, err, tt.want)
		}
	}
}

func TestScreeningSaysWhereTheFundStands(t *testing.T) {
	p, facts := NewDemo().Patient, DemoScreeningFacts()
	prog := Program{Name: "Fund", Kind: ProgramNonprofitGrant, Fund: FundClosed, FundCheckedOn: NewDate(2026, time.November, 20),
		ReopensOn: NewDate(2020, time.January, 4)}
	// Closed when checked on 2026-11-20; it re-opens each January 4th,
	// next on 2027-01-04. A closed fund is a "check", never a "no".
	s := Screen(p, facts, prog, NewDate(2026, time.December, 1))
	want := "The fund was closed as of 2026-11-20: check again; it re-opens on 2027-01-04"
	if s.Verdict != Check || !slices.Contains(s.Reasons, want) {
		t.Errorf("%v %q, want %q", s.Verdict, s.Reasons, want)
	}
	s = Screen(p, facts, prog, NewDate(2027, time.February, 1))
	if want := "The fund was closed as of 2026-11-20: check again; it was to re-open on 2027-01-04"; !slices.Contains(s.Reasons, want) {
		t.Errorf("%q, want %q", s.Reasons, want)
	}
	prog.Fund, prog.ReopensOn = FundOpen, 0
	if s := Screen(p, facts, prog, NewDate(2026, time.December, 1)); s.Verdict != Eligible || !slices.Contains(s.Reasons, "The fund was open as of 2026-11-20") {
		t.Errorf("open: %v %q", s.Verdict, s.Reasons)
	}
	prog.FundCheckedOn = 0
	if err := prog.Validate(); err == nil || err.Error() != "the fund of Fund is open, but as of when? Enter the day it was checked" {
		t.Errorf("no date: %v", err)
	}
}

func TestScreeningKnowsOffLabelUse(t *testing.T) {
	p := NewDemo().Patient
	ketamine := ScreeningFacts{Insured: AnswerYes, Treatments: []Treatment{{"IV ketamine infusions", OffLabel}}}
	prog := Program{Name: "Fund", Kind: ProgramNonprofitGrant, ExcludesOffLabel: true}
	today := NewDate(2026, time.December, 1)
	// IV ketamine for depression is off-label: the fund refuses it.
	s := Screen(p, ketamine, prog, today)
	if want := "This fund does not pay for off-label use, and IV ketamine infusions is off-label"; s.Verdict != NotEligible || s.Reasons[0] != want {
		t.Errorf("%v %q, want %q", s.Verdict, s.Reasons, want)
	}
	// With an approved course too, it can help with that one.
	s = Screen(p, DemoScreeningFacts(), prog, today)
	want := "This fund does not pay for off-label use: IV ketamine infusions is off-label, so it can help only with Esketamine nasal spray (FDA-approved)"
	if s.Verdict != Eligible || !slices.Contains(s.Reasons, want) {
		t.Errorf("%v %q, want %q", s.Verdict, s.Reasons, want)
	}
	// Only approved treatments, and the standing not said: check.
	prog.ExcludesOffLabel, prog.RequiresFDAApproved = false, true
	s = Screen(p, ScreeningFacts{Insured: AnswerYes, Treatments: []Treatment{{Name: "Infusions"}}}, prog, today)
	want = "This fund pays only for a treatment the FDA has approved for its use: say whether the FDA has approved Infusions for this use"
	if s.Verdict != Check || !slices.Contains(s.Reasons, want) {
		t.Errorf("%v %q, want %q", s.Verdict, s.Reasons, want)
	}
	// A drug not approved for any use fails it.
	s = Screen(p, ScreeningFacts{Insured: AnswerYes, Treatments: []Treatment{{"Trial drug", NotApproved}}}, prog, today)
	if s.Verdict != NotEligible {
		t.Errorf("not approved: %v %q", s.Verdict, s.Reasons)
	}
}

func TestClosedFundsAreOnTheAgenda(t *testing.T) {
	// The demo's Second Wind fund, closed as of 2026-11-20, re-opens on
	// January 4th: checked again then. A closed fund naming no day is
	// checked again two weeks after it was found closed (2026-12-04).
	programs := DemoPrograms()
	programs = append(programs, Program{Name: "Quiet fund", Kind: ProgramNonprofitGrant, Fund: FundClosed, FundCheckedOn: NewDate(2026, time.November, 20)})
	items := FundReminders(programs)
	if len(items) != 2 || items[0].Due != NewDate(2026, time.December, 4) || items[1].Due != NewDate(2027, time.January, 4) ||
		items[1].What != "Check whether the fund of Second Wind Depression Care Fund (fictional) has re-opened (closed as of 2026-11-20)" ||
		items[0].Kind != AgendaFund || items[0].PatientID != "" {
		t.Errorf("reminders %+v", items)
	}
}

func TestScreeningRefusesUnapprovedDrugsAndRechecksAYearOn(t *testing.T) {
	p := NewDemo().Patient
	today := NewDate(2026, time.December, 1)
	// A fund that refuses off-label use refuses a drug approved for no use
	// too.
	prog := Program{Name: "Fund", Kind: ProgramNonprofitGrant, ExcludesOffLabel: true}
	facts := ScreeningFacts{Insured: AnswerYes, Treatments: []Treatment{{"Trial drug", NotApproved}}}
	if s := Screen(p, facts, prog, today); s.Verdict != NotEligible || s.Reasons[0] != "This fund does not pay for off-label use, and Trial drug is not FDA-approved" {
		t.Errorf("%v %q", s.Verdict, s.Reasons)
	}
	// Off-label and not said: the refusal, and the question.
	facts.Treatments = []Treatment{{"IV ketamine", OffLabel}, {Name: "Spray"}}
	want := "This fund does not pay for off-label use: IV ketamine is off-label; say whether the FDA has approved Spray for this use"
	if s := Screen(p, facts, prog, today); s.Verdict != Check || !slices.Contains(s.Reasons, want) {
		t.Errorf("%v %q, want %q", s.Verdict, s.Reasons, want)
	}
	// Found closed on the very day it was to re-open (January 4th): checked
	// again a year on.
	prog = Program{Name: "Fund", Kind: ProgramNonprofitGrant, Fund: FundClosed, FundCheckedOn: NewDate(2027, time.January, 4), ReopensOn: NewDate(2027, time.January, 4)}
	if got := prog.RecheckOn(); got != NewDate(2028, time.January, 4) {
		t.Errorf("recheck on %s, want 2028-01-04", got)
	}
}

func TestAPatientInATerritoryIsSavedAndScreenedAsCheck(t *testing.T) {
	// Puerto Rico and Guam are where patients live; HHS publishes no
	// poverty guidelines for them, so an income limit is a "check".
	for _, code := range []string{"PR", "gu"} {
		p := Patient{Name: "Ana", State: code, HouseholdSize: 2, AnnualIncome: Dollars(20_000)}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
	p := Patient{Name: "Ana", State: "PR", HouseholdSize: 2, AnnualIncome: Dollars(20_000)}
	prog := Program{Name: "Fund", Kind: ProgramNonprofitGrant, MaxIncomePercent: Percentage(300)}
	s := Screen(p, ScreeningFacts{}, prog, NewDate(2026, time.December, 1))
	if s.Verdict != Check || !strings.Contains(strings.Join(s.Reasons, " "), "HHS publishes no poverty guidelines for Puerto Rico") {
		t.Errorf("%v %q", s.Verdict, s.Reasons)
	}
	if err := (&Patient{State: "XX"}).Validate(); err == nil {
		t.Error("XX accepted")
	}
}

func TestAProgramForOneStateRefusesATerritory(t *testing.T) {
	// A patient in Puerto Rico against an Ohio-only program: a "no", with
	// the territory named; a program may list Puerto Rico too.
	p := Patient{Name: "Ana", State: "PR"}
	s := Screen(p, ScreeningFacts{}, Program{Name: "Fund", Kind: ProgramNonprofitGrant, States: []string{"OH"}}, NewDate(2026, time.December, 1))
	if s.Verdict != NotEligible || s.Reasons[0] != "This program serves only Ohio, and the patient lives in Puerto Rico" {
		t.Errorf("%v %q", s.Verdict, s.Reasons)
	}
	s = Screen(p, ScreeningFacts{}, Program{Name: "Fund", Kind: ProgramNonprofitGrant, States: []string{"PR"}}, NewDate(2026, time.December, 1))
	if s.Verdict != Eligible {
		t.Errorf("a Puerto Rico program: %v %q", s.Verdict, s.Reasons)
	}
}
