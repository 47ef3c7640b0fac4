package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// validProgram is a program every rule accepts, for tests to change one
// field of.
func validProgram() Program {
	return Program{
		Name:             "Hope Fund (fictional)",
		Kind:             ProgramNonprofitGrant,
		Amount:           Dollars(1_000),
		MaxIncomePercent: Percentage(300),
		States:           []string{"OH", "ky"},
		MinAge:           18,
		MaxAge:           64,
	}
}

func TestProgramValidate(t *testing.T) {
	tiers := func(p *Program, ts ...IncomeTier) { p.Amount, p.Tiers = 0, ts }
	tests := []struct {
		name   string
		change func(p *Program)
		want   string // "" for valid
	}{
		{"valid", func(p *Program) {}, ""},
		{"no name", func(p *Program) { p.Name = "" }, "the program has no name"},
		{"blank name", func(p *Program) { p.Name = "   " }, "the program has no name"},
		{"no kind", func(p *Program) { p.Kind = "" }, "choose what kind of program Hope Fund (fictional) is: nonprofit grant, manufacturer program, clinic sliding scale, hospital charity care, other"},
		{"unknown kind", func(p *Program) { p.Kind = "charity" }, "choose nonprofit grant, manufacturer program"},
		{"each kind", func(p *Program) { p.Kind = ProgramCharityCare }, ""},
		{"other kind", func(p *Program) { p.Kind = ProgramOther }, ""},
		{"negative amount", func(p *Program) { p.Amount = -Dollars(1) }, "the amount Hope Fund (fictional) pays cannot be negative"},
		{"share over 100%", func(p *Program) { p.Amount, p.Share = 0, Percentage(120) }, "must be between 0% and 100% (it is 120%)"},
		{"share of 100%", func(p *Program) { p.Amount, p.Share = 0, Percentage(100) }, ""},
		{"amount and share", func(p *Program) { p.Share = Percentage(50) }, "both a fixed amount and a share"},
		{"share and tiers", func(p *Program) {
			tiers(p, IncomeTier{UpToPercent: Percentage(200), PaysPercent: Percentage(100)})
			p.Share = Percentage(50)
		}, "both a share of the cost and income tiers"},
		{"negative cap", func(p *Program) { p.Cap = -1 }, "the cap of Hope Fund (fictional) cannot be negative"},
		{"negative sessions", func(p *Program) { p.Sessions = -1 }, "must be from 0 to 1000 (it is -1)"},
		{"nothing said of what it pays", func(p *Program) { p.Amount = 0 }, ""},
		{"negative income limit", func(p *Program) { p.MaxIncomePercent = -Percent }, "the income limit of Hope Fund (fictional) must be from 0% to 1000%"},
		// Income limits go past 100%: 400% of the guideline is common.
		{"income limit of 400%", func(p *Program) { p.MaxIncomePercent = Percentage(400) }, ""},
		{"income limit of 1000%", func(p *Program) { p.MaxIncomePercent = Percentage(1000) }, ""},
		{"income limit over 1000%", func(p *Program) { p.MaxIncomePercent = Percentage(1000) + 1 }, "must be from 0% to 1000%"},
		{"no income limit", func(p *Program) { p.MaxIncomePercent = 0 }, ""},
		{"tiers going up", func(p *Program) {
			tiers(p, IncomeTier{Percentage(200), Percentage(100), "Free"}, IncomeTier{Percentage(300), Percentage(50), "Half"})
		}, ""},
		{"tiers past 100% of the guideline to 400%", func(p *Program) {
			p.MaxIncomePercent = 0
			tiers(p, IncomeTier{Percentage(250), Percentage(100), ""}, IncomeTier{Percentage(400), Percentage(40), ""})
		}, ""},
		{"tiers going down", func(p *Program) {
			tiers(p, IncomeTier{Percentage(300), Percentage(50), ""}, IncomeTier{Percentage(200), Percentage(100), ""})
		}, "the income tiers of Hope Fund (fictional) must go up: tier 2 (up to 200%) does not go past tier 1 (up to 300%)"},
		{"tiers repeating a limit", func(p *Program) {
			tiers(p, IncomeTier{Percentage(200), Percentage(100), ""}, IncomeTier{Percentage(200), Percentage(50), ""})
		}, "must go up"},
		{"tier without its limit", func(p *Program) { tiers(p, IncomeTier{0, Percentage(100), ""}) }, "income tier 1 of Hope Fund (fictional) needs the income it goes up to"},
		{"tier paying over 100%", func(p *Program) { tiers(p, IncomeTier{Percentage(200), Percentage(101), ""}) }, "the share paid in income tier 1 of Hope Fund (fictional) must be between 0% and 100%"},
		{"tier above the income limit", func(p *Program) { tiers(p, IncomeTier{Percentage(400), Percentage(50), ""}) }, "goes up to 400%, above its income limit of 300%"},
		{"tier at the income limit", func(p *Program) { tiers(p, IncomeTier{Percentage(300), Percentage(50), ""}) }, ""},
		{"unknown state", func(p *Program) { p.States = []string{"OH", "XX"} }, `lists "XX", which is not a US state or territory code`},
		{"territory", func(p *Program) { p.States = []string{"PR"} }, ""}, // patients live there, and programs serve them
		{"every state", func(p *Program) { p.States = nil }, ""},
		{"unknown insurance rule", func(p *Program) { p.Insurance = "maybe" }, `the insurance rule of Hope Fund (fictional), "maybe", is not one carecost knows`},
		{"uninsured only", func(p *Program) { p.Insurance = UninsuredOnly }, ""},
		{"negative minimum age", func(p *Program) { p.MinAge = -1 }, "the minimum age of Hope Fund (fictional) must be from 0 to 130"},
		{"maximum age over 130", func(p *Program) { p.MaxAge = 131 }, "the maximum age of Hope Fund (fictional) must be from 0 to 130"},
		{"minimum above maximum", func(p *Program) { p.MinAge, p.MaxAge = 65, 64 }, "the minimum age of Hope Fund (fictional) (65) is above its maximum age (64)"},
		{"minimum equal to maximum", func(p *Program) { p.MinAge, p.MaxAge = 18, 18 }, ""},
		{"minimum with no maximum", func(p *Program) { p.MinAge, p.MaxAge = 65, 0 }, ""},
		{"poverty year not a year", func(p *Program) { p.PovertyYear = 26 }, "the poverty guideline year of Hope Fund (fictional), 26, is not a year"},
		// A year carecost has no table for is still a year the program can
		// name: screening says to check it.
		{"poverty year without a table", func(p *Program) { p.PovertyYear = 2024 }, ""},
		{"blank condition", func(p *Program) { p.Conditions = []string{"depression", " "} }, "condition 2 of Hope Fund (fictional) is blank"},
	}
	for _, tt := range tests {
		p := validProgram()
		tt.change(&p)
		err := p.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !contains(err.Error(), tt.want)):
			t.Errorf("%s: %v; want an error saying %q", tt.name, err, tt.want)
		}
	}
}

func TestProgramIncomeLimitAndTiers(t *testing.T) {
	p := Program{Tiers: []IncomeTier{
		{Percentage(150), Percentage(100), "Free care"},
		{Percentage(250), Percentage(75), ""},
	}}
	if p.IncomeLimit() != Percentage(250) {
		t.Errorf("the limit of a tiered program is %s, want its top tier's 250%%", p.IncomeLimit())
	}
	p.MaxIncomePercent = Percentage(400)
	if p.IncomeLimit() != Percentage(400) {
		t.Errorf("the limit is %s, want the stated 400%%", p.IncomeLimit())
	}
	if (&Program{}).IncomeLimit() != 0 {
		t.Error("a program with neither a limit nor tiers has a limit")
	}

	guideline := Dollars(27_320) // 2026, 48 states, household of 3
	tests := []struct {
		income Money
		want   Rate // the tier's UpToPercent; 0 for none
	}{
		{0, Percentage(150)},
		{Dollars(40_980), Percentage(150)}, // 150% × 27,320 = 40,980: at the top of tier 1
		{4_098_001, Percentage(250)},       // a cent over: tier 2
		{Dollars(40_981), Percentage(250)}, // a dollar over: tier 2
		{Dollars(41_000), Percentage(250)}, // 150.07%: tier 2
		{Dollars(68_300), Percentage(250)}, // 250% × 27,320 = 68,300: top of tier 2
		{Dollars(68_301), 0},               // over every tier
	}
	for _, tt := range tests {
		tier, ok := p.TierFor(tt.income, guideline)
		if ok != (tt.want != 0) || tier.UpToPercent != tt.want {
			t.Errorf("income %s: tier up to %s (%v), want up to %s", tt.income, tier.UpToPercent, ok, tt.want)
		}
	}
	if got := p.Tiers[0].Name(); got != "Free care" {
		t.Errorf("a labelled tier is named %q", got)
	}
	if got := p.Tiers[1].Name(); got != "pays 75% up to 250%" {
		t.Errorf("an unlabelled tier is named %q", got)
	}
}

func TestProgramServes(t *testing.T) {
	p := Program{States: []string{"OH", "ky"}}
	for state, want := range map[string]bool{"OH": true, "oh": true, " KY ": true, "IN": false, "": false} {
		if got := p.Serves(state); got != want {
			t.Errorf("serves %q: %v, want %v", state, got, want)
		}
	}
	if !(&Program{}).Serves("WY") {
		t.Error("a program listing no states does not serve Wyoming")
	}
}

func TestEnumsAreValid(t *testing.T) {
	for _, k := range ProgramKinds {
		if !k.Valid() {
			t.Errorf("kind %q", k)
		}
	}
	for _, r := range InsuranceRules {
		if !r.Valid() {
			t.Errorf("insurance rule %q", r)
		}
	}
	for _, s := range ApplicationStatuses {
		if !s.Valid() {
			t.Errorf("status %q", s)
		}
	}
	if ProgramKind("grant").Valid() || ApplicationStatus("").Valid() || InsuranceRule("none").Valid() {
		t.Error("a made-up choice is valid")
	}
	if InsuranceAny.String() != "insured or not" || UninsuredOnly.String() != "uninsured only" {
		t.Errorf("insurance rules read %q, %q", InsuranceAny, UninsuredOnly)
	}
}

func TestApplicationValidate(t *testing.T) {
	day := NewDate(2026, time.November, 10)
	tests := []struct {
		name string
		app  Application
		want string
	}{
		{"applied", Application{ProgramID: "P", Status: ApplicationApplied, Applied: day, Requested: Dollars(1_500)}, ""},
		{"considering, nothing else", Application{ProgramID: "P", Status: ApplicationConsidering}, ""},
		{"awarded", Application{ProgramID: "P", Status: ApplicationAwarded, Applied: day, Decided: day.AddDays(20), Awarded: Dollars(1_200)}, ""},
		{"decided the day it was sent", Application{ProgramID: "P", Status: ApplicationDenied, Applied: day, Decided: day}, ""},
		{"no program", Application{Status: ApplicationApplied}, "the application has no program"},
		{"no status", Application{ProgramID: "P"}, "choose where the application stands: considering, applied, awarded, denied, withdrawn"},
		{"unknown status", Application{ProgramID: "P", Status: "pending"}, `"pending", is not one carecost knows`},
		{"award without being awarded", Application{ProgramID: "P", Status: ApplicationApplied, Awarded: Dollars(500)},
			`the application has $500.00 awarded but its status is "applied"`},
		{"decided before sent", Application{ProgramID: "P", Status: ApplicationDenied, Applied: day, Decided: day.AddDays(-1)},
			"the decision (2026-11-09) comes before the application was sent (2026-11-10)"},
		{"negative request", Application{ProgramID: "P", Status: ApplicationApplied, Requested: -1}, "the amount requested cannot be negative"},
		{"negative award", Application{ProgramID: "P", Status: ApplicationAwarded, Awarded: -Dollars(5)}, "the amount awarded cannot be negative"},
		{"huge request", Application{ProgramID: "P", Status: ApplicationApplied, Requested: MaxMoney + 1}, "is more than $1,000,000,000.00"},
	}
	for _, tt := range tests {
		err := tt.app.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !contains(err.Error(), tt.want)):
			t.Errorf("%s: %v; want an error saying %q", tt.name, err, tt.want)
		}
	}
}

func TestGrantSource(t *testing.T) {
	tests := []struct {
		name    string
		app     Application
		program string
		canFund bool
		want    FundingSource // Grant set when canFund
		err     string
	}{
		{"awarded is a committed grant of the award",
			Application{ProgramID: "P", Status: ApplicationAwarded, Requested: Dollars(1_500), Awarded: Dollars(1_200)}, "Hope Fund",
			true, FundingSource{Name: "Hope Fund grant", Grant: &Grant{Amount: Dollars(1_200)}}, ""},
		{"applied is a pending grant of the request",
			Application{ProgramID: "P", Status: ApplicationApplied, Requested: Dollars(1_500)}, "Hope Fund",
			true, FundingSource{Name: "Hope Fund grant", Grant: &Grant{Amount: Dollars(1_500), Pending: true}}, ""},
		{"a program with no name",
			Application{ProgramID: "P", Status: ApplicationApplied, Requested: Dollars(250)}, " ",
			true, FundingSource{Name: "Assistance grant", Grant: &Grant{Amount: Dollars(250), Pending: true}}, ""},
		{"awarded with no amount", Application{ProgramID: "P", Status: ApplicationAwarded}, "Hope Fund",
			false, FundingSource{}, "the award from Hope Fund has no amount"},
		{"applied with no amount", Application{ProgramID: "P", Status: ApplicationApplied}, "Hope Fund",
			false, FundingSource{}, "the application to Hope Fund has no amount requested"},
		{"considering", Application{ProgramID: "P", Status: ApplicationConsidering, Requested: Dollars(900)}, "Hope Fund",
			false, FundingSource{}, "hasn't been sent yet"},
		{"denied", Application{ProgramID: "P", Status: ApplicationDenied, Requested: Dollars(900)}, "Hope Fund",
			false, FundingSource{}, "the application to Hope Fund was denied, so there is no grant to count"},
		{"withdrawn", Application{ProgramID: "P", Status: ApplicationWithdrawn, Requested: Dollars(900)}, "Hope Fund",
			false, FundingSource{}, "was withdrawn"},
		{"not valid", Application{Status: ApplicationApplied, Requested: Dollars(900)}, "Hope Fund",
			false, FundingSource{}, "has no program"},
	}
	for _, tt := range tests {
		if got := tt.app.CanFund(); got != tt.canFund {
			t.Errorf("%s: CanFund %v, want %v", tt.name, got, tt.canFund)
		}
		got, err := GrantSource(tt.app, tt.program)
		if tt.err != "" {
			if err == nil || !contains(err.Error(), tt.err) || got.Grant != nil {
				t.Errorf("%s: %+v, %v; want an error saying %q", tt.name, got, err, tt.err)
			}
			continue
		}
		if err != nil || got.Name != tt.want.Name || got.Grant == nil || *got.Grant != *tt.want.Grant {
			t.Errorf("%s: %+v (%+v), %v; want %+v (%+v)", tt.name, got, got.Grant, err, tt.want, tt.want.Grant)
			continue
		}
		if got.Kind() != KindGrant {
			t.Errorf("%s: a %s", tt.name, got.Kind())
		}
		if err := got.Validate(); err != nil {
			t.Errorf("%s: the source it makes is not valid: %v", tt.name, err)
		}
	}
}

func TestDemoPrograms(t *testing.T) {
	programs := DemoPrograms()
	if len(programs) != 4 {
		t.Fatalf("%d demo programs, want 4", len(programs))
	}
	kinds := map[ProgramKind]bool{}
	tiered, limitedStates, restricted := 0, 0, 0
	for _, p := range programs {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
		if !p.Fictional || !strings.HasSuffix(p.Name, "(fictional)") {
			t.Errorf("%s is not marked fictional", p.Name)
		}
		if !strings.HasPrefix(p.Contact, "555-01") || !strings.HasSuffix(p.Website, ".example.org") {
			t.Errorf("%s: contact %q, website %q; want a 555-01xx number and an example.org site", p.Name, p.Contact, p.Website)
		}
		kinds[p.Kind] = true
		if len(p.Tiers) > 0 {
			tiered++
		}
		if len(p.States) > 0 {
			limitedStates++
		}
		if p.VeteransOnly || p.Insurance == UninsuredOnly {
			restricted++
		}
	}
	if len(kinds) != 4 || tiered < 2 || limitedStates < 1 || restricted < 1 {
		t.Errorf("%d kinds, %d tiered, %d limited to states, %d for veterans or the uninsured only", len(kinds), tiered, limitedStates, restricted)
	}
	programs[0].Tiers[0].PaysPercent = 0
	if DemoPrograms()[0].Tiers[0].PaysPercent != Percentage(100) {
		t.Error("DemoPrograms shares its tiers between calls")
	}
}

func TestDemoApplication(t *testing.T) {
	a := DemoApplication("PROGRAM")
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.Status != ApplicationApplied || a.Applied != NewDate(2026, time.November, 10) || a.Requested != Dollars(1_500) ||
		a.FollowUp != NewDate(2026, time.December, 4) || a.Notes == "" || a.ProgramID != "PROGRAM" {
		t.Errorf("demo application %+v", a)
	}
	source, err := GrantSource(a, "Second Wind Depression Care Fund (fictional)")
	if err != nil || source.Grant == nil || *source.Grant != (Grant{Amount: Dollars(1_500), Pending: true}) ||
		source.Name != "Second Wind Depression Care Fund (fictional) grant" {
		t.Errorf("demo grant %+v, %v", source, err)
	}
}

func TestDemoFileWithCatalog(t *testing.T) {
	n := 0
	newID := func() ID {
		n++
		return ID(fmt.Sprintf("ID%02d", n))
	}
	f, catalog := DemoFileWithCatalog(newID)
	plain := DemoFile(func() ID { return "X" })
	if len(catalog) != len(DemoPrograms()) || len(f.Applications) != 1 {
		t.Fatalf("%d programs, %d applications; want 4 and 1", len(catalog), len(f.Applications))
	}
	// The file is DemoFile's, with the application added.
	if len(f.Children()) != len(plain.Children())+1 || f.Patient.ID != "ID01" {
		t.Errorf("%d records under patient %s; DemoFile has %d", len(f.Children()), f.Patient.ID, len(plain.Children()))
	}
	ids := map[ID]bool{}
	for _, r := range append(f.Children(), &f.Patient) {
		ids[*r.RecordID()] = true
	}
	for i := range catalog {
		ids[catalog[i].ID] = true
		if catalog[i].Name != DemoPrograms()[i].Name {
			t.Errorf("program %d is %q", i, catalog[i].Name)
		}
	}
	if len(ids) != n {
		t.Errorf("%d IDs made, %d distinct records", n, len(ids))
	}
	// The application is the patient's, to the grant fund, which the
	// patient must check: within its 400% limit (150%), with conditions
	// only the fund can judge.
	a := f.Applications[0]
	i := slices.IndexFunc(catalog, func(p Program) bool { return p.ID == a.ProgramID })
	if i < 0 || a.PatientID != f.Patient.ID || a.ID == "" || a.Status != ApplicationApplied {
		t.Fatalf("application %+v", a)
	}
	fund := catalog[i]
	if fund.Name != "Second Wind Depression Care Fund (fictional)" || fund.Kind != ProgramNonprofitGrant {
		t.Errorf("the application is to %s", fund.Name)
	}
	if s := Screen(f.Patient.Patient, FactsOf(f.Patient.Patient), fund, screeningDay); s.Verdict != Check {
		t.Errorf("the demo patient screens %s for %s: %q", s.Verdict, fund.Name, s.Reasons)
	}
	// Applied for $1,500, the fund's fixed amount: a pending grant of it.
	if source, err := GrantSource(a, fund.Name); err != nil || source.Grant.Amount != fund.Amount || !source.Grant.Pending {
		t.Errorf("the application as a grant: %+v, %v", source, err)
	}
	// The application's follow-up joins the agenda.
	if !slices.ContainsFunc(f.Agenda(), func(item AgendaItem) bool {
		return item.Due == a.FollowUp && item.What == "Follow up on the application to "+fund.Name && item.Kind == AgendaApplication
	}) {
		t.Errorf("agenda %v", f.Agenda())
	}
	if err := f.Patient.Validate(); err != nil || f.Patient.Insured != AnswerYes || f.Patient.Veteran != AnswerNo {
		t.Errorf("the demo patient says insured %q, veteran %q (%v)", f.Patient.Insured, f.Patient.Veteran, err)
	}
}

func TestSortProgramsByName(t *testing.T) {
	programs := []Program{{ID: "3", Name: "beta"}, {ID: "2", Name: "Alpha"}, {ID: "1", Name: "alpha"}, {ID: "0", Name: "Beta"}, {ID: "4", Name: "alpha"}}
	SortProgramsByName(programs)
	var got []string
	for _, p := range programs {
		got = append(got, p.Name+"/"+string(p.ID))
	}
	if want := []string{"Alpha/2", "alpha/1", "alpha/4", "Beta/0", "beta/3"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// Text from a shared catalog may not carry control codes to the screen.
func TestProgramRefusesControlCharacters(t *testing.T) {
	for _, p := range []Program{
		{Name: "Hope\x1b[31m Fund", Kind: ProgramOther},
		{Name: "Hope", Kind: ProgramOther, Conditions: []string{"depression\x07"}},
		{Name: "Hope", Kind: ProgramOther, Notes: "call \x1b[2J first"},
	} {
		err := p.Validate()
		if err == nil || !strings.Contains(err.Error(), "control character") || strings.ContainsRune(err.Error(), '\x1b') {
			t.Errorf("%q: %v", p.Name, err)
		}
	}
	ok := Program{Name: "Hope", Kind: ProgramOther, HowToApply: "Line one\n\tLine two", Notes: "a\nb"}
	if err := ok.Validate(); err != nil {
		t.Errorf("new lines and tabs in notes: %v", err)
	}
}
