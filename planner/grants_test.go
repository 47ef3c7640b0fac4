package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// hopeFund is a nonprofit grant that says nothing of what it pays; cases
// set its Amount or Cap.
func hopeFund() Program {
	return Program{ID: "P", Name: "Hope Fund", Kind: ProgramNonprofitGrant}
}

// applied is application A1 to hopeFund, sent, asking for the amount.
func applied(requested Money) Application {
	return Application{Key: Key{ID: "A1"}, ProgramID: "P", Status: ApplicationApplied, Requested: requested}
}

// awarded is application A1 to hopeFund, awarded the amount.
func awarded(amount Money) Application {
	return Application{Key: Key{ID: "A1"}, ProgramID: "P", Status: ApplicationAwarded, Requested: Dollars(1_500), Awarded: amount}
}

// grantOf is a grant counted from an application.
func grantOf(app ID, amount Money, pending bool) FundingSource {
	return FundingSource{Name: "Hope Fund grant", Grant: &Grant{Amount: amount, Pending: pending, Application: app}}
}

// Ways to pay for the cases to put in scenarios. The functions tested
// replace a grant, never edit it, so the cases can share them.
var (
	byHand     = FundingSource{Name: "Hope Fund grant", Grant: &Grant{Amount: Dollars(100)}} // typed in, no application
	clinicPlan = FundingSource{Name: "Clinic plan 12 months", PaymentPlan: &PaymentPlan{Months: 12}}
	hsaSource  = FundingSource{Name: "HSA", HealthAccount: &HealthAccount{Balance: Dollars(1_200)}}
	savings    = FundingSource{Name: "Savings", Savings: &Savings{Amount: Dollars(800)}}
)

// sourcesInWords puts a scenario's ways to pay in words to compare: a
// grant as its name, amount, pending or not and application; anything
// else by its name.
func sourcesInWords(sources []FundingSource) []string {
	out := make([]string, 0, len(sources))
	for _, s := range sources {
		if g := s.Grant; g != nil {
			out = append(out, fmt.Sprintf("%s %s pending=%v from %q", s.Name, g.Amount, g.Pending, g.Application))
			continue
		}
		out = append(out, s.Name)
	}
	return out
}

// scenariosInWords is every scenario of the file in words, one a line.
func scenariosInWords(f PatientFile) []string {
	var out []string
	for _, s := range f.Scenarios {
		out = append(out, s.Name+": "+strings.Join(sourcesInWords(s.Sources), "; "))
	}
	return out
}

func TestApplicationOpen(t *testing.T) {
	tests := []struct {
		status ApplicationStatus
		open   bool
	}{
		{ApplicationConsidering, true}, // not sent yet: still to be answered
		{ApplicationApplied, true},     // sent, waiting for the answer
		{ApplicationAwarded, false},
		{ApplicationDenied, false},
		{ApplicationWithdrawn, false},
	}
	for _, tt := range tests {
		a := Application{Status: tt.status}
		if got := a.Open(); got != tt.open {
			t.Errorf("%s: open %v, want %v", tt.status, got, tt.open)
		}
	}
}

func TestFromApplication(t *testing.T) {
	tests := []struct {
		name   string
		source FundingSource
		app    ID
		want   bool
	}{
		{"the application's grant", grantOf("A1", Dollars(1_500), true), "A1", true},
		{"another application's grant", grantOf("A2", Dollars(1_500), true), "A1", false},
		// A grant typed by hand has no application; an empty ID must not
		// claim every such grant.
		{"a grant typed by hand", byHand, "", false},
		{"a grant typed by hand, asked of A1", byHand, "A1", false},
		{"not a grant", clinicPlan, "A1", false},
	}
	for _, tt := range tests {
		if got := tt.source.FromApplication(tt.app); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScenariosCounting(t *testing.T) {
	f := PatientFile{Scenarios: []ScenarioRecord{
		{Name: "Clinic plan", Sources: []FundingSource{grantOf("A1", Dollars(1_500), true), clinicPlan}},
		{Name: "HSA only", Sources: []FundingSource{hsaSource}},
		{Name: "Typed by hand", Sources: []FundingSource{byHand, savings}},
		{Name: "Twice", Sources: []FundingSource{grantOf("A1", Dollars(1_500), true), savings, grantOf("A1", Dollars(1_500), true)}},
		{Name: "Other fund", Sources: []FundingSource{grantOf("A2", Dollars(700), false)}},
	}}
	tests := []struct {
		app  ID
		want []string
	}{
		// In the file's order; a scenario counting the grant twice is
		// named once.
		{"A1", []string{"Clinic plan", "Twice"}},
		{"A2", []string{"Other fund"}},
		{"A9", nil},
		{"", nil}, // not the grant typed by hand
	}
	for _, tt := range tests {
		if got := f.ScenariosCounting(tt.app); !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.app, got, tt.want)
		}
	}
}

func TestScenarioCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 scenarios", 1: "1 scenario", 2: "2 scenarios", 12: "12 scenarios"} {
		if got := ScenarioCount(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
}

func TestGrantFor(t *testing.T) {
	fixed := func(amount Money) Program { p := hopeFund(); p.Amount = amount; return p }
	capped := func(most Money) Program { p := hopeFund(); p.Share, p.Cap = Percentage(50), most; return p }
	const note = " (capped at the $1,500.00 the program pays at most)"
	tests := []struct {
		name    string
		app     Application
		program Program
		want    Grant
		note    string
		err     string
	}{
		{"pending over the fixed amount",
			// asked for $2,000.00, the program pays $1,500.00: capped at $1,500.00
			applied(Dollars(2_000)), fixed(Dollars(1_500)),
			Grant{Amount: Dollars(1_500), Pending: true, Application: "A1"}, note, ""},
		{"pending one cent over the fixed amount",
			// asked for $1,500.01, the program pays $1,500.00: capped at $1,500.00
			applied(Dollars(1_500) + 1), fixed(Dollars(1_500)),
			Grant{Amount: Dollars(1_500), Pending: true, Application: "A1"}, note, ""},
		{"pending at the fixed amount",
			// asked for $1,500.00, the program pays $1,500.00: not more, not capped
			applied(Dollars(1_500)), fixed(Dollars(1_500)),
			Grant{Amount: Dollars(1_500), Pending: true, Application: "A1"}, "", ""},
		{"pending under the fixed amount",
			// asked for $1,000.00 of a $1,500.00 program: $1,000.00 as asked
			applied(Dollars(1_000)), fixed(Dollars(1_500)),
			Grant{Amount: Dollars(1_000), Pending: true, Application: "A1"}, "", ""},
		{"pending over the cap, no fixed amount",
			// asked for $2,500.00 of a program paying 50% up to $1,500.00: capped at $1,500.00
			applied(Dollars(2_500)), capped(Dollars(1_500)),
			Grant{Amount: Dollars(1_500), Pending: true, Application: "A1"}, note, ""},
		{"pending under the cap, no fixed amount",
			// asked for $900.00 of a program paying up to $1,500.00: $900.00 as asked
			applied(Dollars(900)), capped(Dollars(1_500)),
			Grant{Amount: Dollars(900), Pending: true, Application: "A1"}, "", ""},
		{"pending, the program says nothing of what it pays",
			// asked for $5,000.00, no amount and no cap to hold it to: $5,000.00
			applied(Dollars(5_000)), hopeFund(),
			Grant{Amount: Dollars(5_000), Pending: true, Application: "A1"}, "", ""},
		{"awarded over the fixed amount",
			// awarded $2,000.00 by a $1,500.00 program: what was awarded is
			// what it pays, $2,000.00, never capped
			awarded(Dollars(2_000)), fixed(Dollars(1_500)),
			Grant{Amount: Dollars(2_000), Application: "A1"}, "", ""},
		{"awarded over the cap",
			// awarded $1,800.00 by a program capped at $1,500.00: $1,800.00, never capped
			awarded(Dollars(1_800)), capped(Dollars(1_500)),
			Grant{Amount: Dollars(1_800), Application: "A1"}, "", ""},
		{"awarded with no amount", awarded(0), fixed(Dollars(1_500)),
			Grant{}, "", "the award from Hope Fund has no amount"},
		{"considering", Application{Key: Key{ID: "A1"}, ProgramID: "P", Status: ApplicationConsidering, Requested: Dollars(900)}, hopeFund(),
			Grant{}, "", "hasn't been sent yet"},
		{"denied", Application{Key: Key{ID: "A1"}, ProgramID: "P", Status: ApplicationDenied}, fixed(Dollars(1_500)),
			Grant{}, "", "was denied, so there is no grant to count"},
	}
	for _, tt := range tests {
		src, note, err := GrantFor(tt.app, tt.program)
		if tt.err != "" {
			if err == nil || !contains(err.Error(), tt.err) || note != "" {
				t.Errorf("%s: %+v, %q, %v; want an error saying %q", tt.name, src, note, err, tt.err)
			}
			continue
		}
		if err != nil || src.Name != "Hope Fund grant" || src.Grant == nil || *src.Grant != tt.want || note != tt.note {
			t.Errorf("%s: %q %+v, %q, %v; want %+v, %q", tt.name, src.Name, src.Grant, note, err, tt.want, tt.note)
		}
	}
}

// Ported from the tui's TestWithGrant, with the boundary cases added.
func TestWithGrant(t *testing.T) {
	s := ScenarioRecord{Name: "Clinic plan", Sources: []FundingSource{clinicPlan}}
	fund := hopeFund()
	fund.Amount = Dollars(1_500)
	tests := []struct {
		name    string
		s       ScenarioRecord
		app     Application
		program Program
		want    []string // the sources, in words
		status  string
		err     string
	}{
		{"pending, before the clinic plan", s, applied(Dollars(1_500)), hopeFund(),
			// asked for $1,500.00 of a program that says nothing of what it pays
			[]string{`Hope Fund grant $1,500.00 pending=true from "A1"`, "Clinic plan 12 months"},
			"Added the Hope Fund grant ($1,500.00, pending: Compare shows the scenario with and without it) to 'Clinic plan'.", ""},
		// Awarded later, the same application's grant replaces the pending
		// one rather than counting twice.
		{"awarded replaces the pending grant",
			ScenarioRecord{Name: "Clinic plan", Sources: []FundingSource{grantOf("A1", Dollars(1_500), true), clinicPlan}},
			awarded(Dollars(1_200)), hopeFund(),
			// awarded $1,200.00: it counts $1,200.00, committed
			[]string{`Hope Fund grant $1,200.00 pending=false from "A1"`, "Clinic plan 12 months"},
			"Added the Hope Fund grant ($1,200.00) to 'Clinic plan'.", ""},
		{"an earlier grant of the application, not first, is replaced and the new one put first",
			ScenarioRecord{Name: "Mixed", Sources: []FundingSource{hsaSource, grantOf("A1", Dollars(900), true), clinicPlan, grantOf("A1", Dollars(900), true)}},
			awarded(Dollars(1_200)), hopeFund(),
			// the two pending $900.00 grants go; the award of $1,200.00 comes first
			[]string{`Hope Fund grant $1,200.00 pending=false from "A1"`, "HSA", "Clinic plan 12 months"},
			"Added the Hope Fund grant ($1,200.00) to 'Mixed'.", ""},
		{"another application's grant stays",
			ScenarioRecord{Name: "Two funds", Sources: []FundingSource{grantOf("A2", Dollars(700), false), savings}},
			applied(Dollars(1_000)), hopeFund(),
			// $1,000.00 asked, first; A2's $700.00 award kept behind it
			[]string{`Hope Fund grant $1,000.00 pending=true from "A1"`, `Hope Fund grant $700.00 pending=false from "A2"`, "Savings"},
			"Added the Hope Fund grant ($1,000.00, pending: Compare shows the scenario with and without it) to 'Two funds'.", ""},
		// A grant typed by hand under the same name is left alone.
		{"a grant typed by hand stays",
			ScenarioRecord{Name: "By hand", Sources: []FundingSource{byHand}},
			applied(Dollars(1_500)), hopeFund(),
			// $1,500.00 asked, before the $100.00 typed by hand
			[]string{`Hope Fund grant $1,500.00 pending=true from "A1"`, `Hope Fund grant $100.00 pending=false from ""`},
			"Added the Hope Fund grant ($1,500.00, pending: Compare shows the scenario with and without it) to 'By hand'.", ""},
		// Asking for more than the program pays counts only what it pays.
		{"capped at what the program pays", s, applied(Dollars(5_000)), fund,
			// $5,000.00 asked of a $1,500.00 fund: a pending $1,500.00
			[]string{`Hope Fund grant $1,500.00 pending=true from "A1"`, "Clinic plan 12 months"},
			"Added the Hope Fund grant ($1,500.00 (capped at the $1,500.00 the program pays at most), pending: Compare shows the scenario with and without it) to 'Clinic plan'.", ""},
		// An application still being considered funds nothing, and says why.
		{"considering", s, Application{ProgramID: "P", Status: ApplicationConsidering}, hopeFund(),
			[]string{"Clinic plan 12 months"}, "", "hasn't been sent yet"},
	}
	for _, tt := range tests {
		before := sourcesInWords(tt.s.Sources)
		got, status, err := WithGrant(tt.s, tt.app, tt.program)
		switch {
		case tt.err != "" && (err == nil || !contains(err.Error(), tt.err)):
			t.Errorf("%s: %v; want an error saying %q", tt.name, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		}
		if d := sourcesInWords(got.Sources); !slices.Equal(d, tt.want) || status != tt.status {
			t.Errorf("%s:\n%q, %q\nwant\n%q, %q", tt.name, d, status, tt.want, tt.status)
		}
		// The scenario it came from is not changed.
		if d := sourcesInWords(tt.s.Sources); !slices.Equal(d, before) {
			t.Errorf("%s: the scenario given became %q", tt.name, d)
		}
	}
}

// followFile has application A1's grant in two scenarios, the second
// counting it twice, A2's in another, and one without either.
func followFile() PatientFile {
	return PatientFile{Scenarios: []ScenarioRecord{
		{Key: Key{ID: "S1"}, Name: "Mixed", Sources: []FundingSource{byHand, hsaSource, grantOf("A1", Dollars(1_500), true), clinicPlan}},
		{Key: Key{ID: "S2"}, Name: "HSA only", Sources: []FundingSource{hsaSource}},
		{Key: Key{ID: "S3"}, Name: "Twice", Sources: []FundingSource{grantOf("A1", Dollars(1_500), true), savings, grantOf("A1", Dollars(1_500), true)}},
		{Key: Key{ID: "S4"}, Name: "Other fund", Sources: []FundingSource{grantOf("A2", Dollars(700), true)}},
	}}
}

func TestFollowApplication(t *testing.T) {
	fund := hopeFund()
	fund.Amount = Dollars(1_500)
	withdrawn := applied(Dollars(1_500))
	withdrawn.Status = ApplicationWithdrawn
	denied := Application{Key: Key{ID: "A1"}, ProgramID: "P", Status: ApplicationDenied, Requested: Dollars(1_500)}
	considering := applied(Dollars(1_500))
	considering.Status = ApplicationConsidering
	tests := []struct {
		name    string
		app     Application
		changed map[ID][]string // each changed scenario's sources, in words
		order   []ID            // the changed scenarios, in the file's order
		note    string
	}{
		// Denied or withdrawn, the grant leaves every scenario counting it,
		// both copies where it was counted twice; the grant typed by hand
		// and A2's stay.
		{"denied", denied, map[ID][]string{
			// the pending $1,500.00 goes; the $100.00 typed by hand stays
			"S1": {`Hope Fund grant $100.00 pending=false from ""`, "HSA", "Clinic plan 12 months"},
			"S3": {"Savings"},
		}, []ID{"S1", "S3"}, ""},
		{"withdrawn", withdrawn, map[ID][]string{
			// as denied: the pending $1,500.00 goes, the $100.00 by hand stays
			"S1": {`Hope Fund grant $100.00 pending=false from ""`, "HSA", "Clinic plan 12 months"},
			"S3": {"Savings"},
		}, []ID{"S1", "S3"}, ""},
		// Awarded a new amount, the one grant takes the place of the first
		// and the copy goes.
		{"awarded a new amount", awarded(Dollars(1_200)), map[ID][]string{
			// the pending $1,500.00 becomes the $1,200.00 awarded, third as it was
			"S1": {`Hope Fund grant $100.00 pending=false from ""`, "HSA", `Hope Fund grant $1,200.00 pending=false from "A1"`, "Clinic plan 12 months"},
			// the two pending $1,500.00 become one $1,200.00, first as it was
			"S3": {`Hope Fund grant $1,200.00 pending=false from "A1"`, "Savings"},
		}, []ID{"S1", "S3"}, ""},
		{"awarded more than the program pays", awarded(Dollars(2_000)), map[ID][]string{
			// awarded $2,000.00 by a $1,500.00 fund: the award, $2,000.00, not capped
			"S1": {`Hope Fund grant $100.00 pending=false from ""`, "HSA", `Hope Fund grant $2,000.00 pending=false from "A1"`, "Clinic plan 12 months"},
			"S3": {`Hope Fund grant $2,000.00 pending=false from "A1"`, "Savings"},
		}, []ID{"S1", "S3"}, ""},
		{"asking for more while pending", applied(Dollars(1_800)), map[ID][]string{
			// $1,800.00 asked of a $1,500.00 fund: still a pending $1,500.00
			"S1": {`Hope Fund grant $100.00 pending=false from ""`, "HSA", `Hope Fund grant $1,500.00 pending=true from "A1"`, "Clinic plan 12 months"},
			"S3": {`Hope Fund grant $1,500.00 pending=true from "A1"`, "Savings"},
		}, []ID{"S1", "S3"}, ""},
		// Awarded with no amount yet, or sent back to considering, there
		// is no amount to count: the grants stay as they were.
		{"awarded with no amount yet", awarded(0), nil, nil,
			" Its grant in 2 scenarios is left as it was until an amount is entered."},
		{"back to considering", considering, nil, nil,
			" Its grant in 2 scenarios is left as it was until an amount is entered."},
		{"another application, no amount yet",
			Application{Key: Key{ID: "A2"}, ProgramID: "P", Status: ApplicationAwarded}, nil, nil,
			" Its grant in 1 scenario is left as it was until an amount is entered."},
		{"an application no scenario counts",
			Application{Key: Key{ID: "A9"}, ProgramID: "P", Status: ApplicationDenied}, nil, nil, ""},
	}
	for _, tt := range tests {
		f := followFile()
		before := scenariosInWords(f)
		changed, note := f.FollowApplication(tt.app, fund)
		if note != tt.note {
			t.Errorf("%s: note %q, want %q", tt.name, note, tt.note)
		}
		var order []ID
		for _, r := range changed {
			s, ok := r.(*ScenarioRecord)
			if !ok {
				t.Errorf("%s: changed a %s", tt.name, r.RecordKind())
				continue
			}
			order = append(order, s.ID)
			if d := sourcesInWords(s.Sources); !slices.Equal(d, tt.changed[s.ID]) {
				t.Errorf("%s: %s (%s) has\n%q\nwant\n%q", tt.name, s.ID, s.Name, d, tt.changed[s.ID])
			}
		}
		if !slices.Equal(order, tt.order) {
			t.Errorf("%s: changed %v, want %v", tt.name, order, tt.order)
		}
		// The file is left as it was: the changes are returned to save.
		if after := scenariosInWords(f); !slices.Equal(after, before) {
			t.Errorf("%s: the file changed:\n%q\nwas\n%q", tt.name, after, before)
		}
	}
}

// Ported from the tui's TestWithGrant and TestGrantStaysTiedToItsApplication:
// the grant put in by WithGrant follows the application.
func TestWithGrantThenFollow(t *testing.T) {
	hope := hopeFund()
	s := ScenarioRecord{Name: "Clinic plan", Sources: []FundingSource{clinicPlan}}
	// asked for $1,500.00, pending
	got, _, err := WithGrant(s, applied(Dollars(1_500)), hope)
	if err != nil {
		t.Fatal(err)
	}
	// awarded $1,200.00: replaces the pending $1,500.00
	again, _, err := WithGrant(got, awarded(Dollars(1_200)), hope)
	if err != nil || len(again.Sources) != 2 || again.Sources[0].Grant.Pending || again.Sources[0].Grant.Amount != Dollars(1_200) {
		t.Fatalf("awarded: %+v, %v", again.Sources, err)
	}
	f := PatientFile{Scenarios: []ScenarioRecord{again, s}}
	// Awarded with no amount yet, the grant is left as it was.
	if changed, note := f.FollowApplication(awarded(0), hope); len(changed) != 0 || !strings.Contains(note, "left as it was") {
		t.Errorf("awarded without an amount: %d changed, %q", len(changed), note)
	}
	// Once the application is denied, its grant leaves the scenarios that
	// counted it, and only those.
	denied := awarded(0)
	denied.Status = ApplicationDenied
	changed, _ := f.FollowApplication(denied, hope)
	if len(changed) != 1 || len(changed[0].(*ScenarioRecord).Sources) != 1 || len(f.Scenarios[0].Sources) != 2 {
		t.Errorf("after the denial: %d changed %+v", len(changed), changed)
	}
	if got := f.ScenariosCounting("A1"); len(got) != 1 || got[0] != "Clinic plan" {
		t.Errorf("counted in %v", got)
	}

	// The demo's first scenario (HSA, pay as you go) with A1's grant put in
	// twice: the denial takes both, leaving the two it had.
	demo := DemoFile(func() ID { return "X" })
	twice := demo.Scenarios[0]
	grant := FundingSource{Name: "Hope grant", Grant: &Grant{Amount: Dollars(500), Application: "A1"}}
	twice.Sources = append(append([]FundingSource{grant}, twice.Sources...), grant)
	demo.Scenarios = []ScenarioRecord{twice}
	changed, _ = demo.FollowApplication(Application{Key: Key{ID: "A1"}, ProgramID: "P", Status: ApplicationDenied}, Program{ID: "P", Name: "Hope"})
	if len(changed) != 1 || !slices.Equal(sourcesInWords(changed[0].(*ScenarioRecord).Sources), []string{"HSA", "Pay as you go"}) {
		t.Errorf("after the denial: %+v", changed)
	}
}

// The demo's application, to the Second Wind fund, counted in the demo's
// grant scenario and then awarded.
func TestDemoApplicationFollowed(t *testing.T) {
	n := 0
	f, catalog := DemoFileWithCatalog(func() ID { n++; return ID(fmt.Sprintf("ID%02d", n)) })
	a := f.Applications[0]
	fund := catalog[slices.IndexFunc(catalog, func(p Program) bool { return p.ID == a.ProgramID })]
	if !a.Open() || len(f.ScenariosCounting(a.ID)) != 0 {
		t.Fatalf("the demo application: open %v, counted in %q", a.Open(), f.ScenariosCounting(a.ID))
	}
	i := slices.IndexFunc(f.Scenarios, func(s ScenarioRecord) bool { return s.Name == "Ketamine with a grant" })
	s, status, err := WithGrant(f.Scenarios[i], a, fund)
	// asked for $1,500.00 of a fund paying $1,500.00: not more, not capped
	want := "Added the Second Wind Depression Care Fund (fictional) grant ($1,500.00, pending: Compare shows the scenario with and without it) to 'Ketamine with a grant'."
	if err != nil || status != want || len(s.Sources) != 5 || s.Sources[0].Grant.Amount != Dollars(1_500) {
		t.Fatalf("%q, %d sources, %v", status, len(s.Sources), err)
	}
	f.Scenarios[i] = s
	if got := f.ScenariosCounting(a.ID); !slices.Equal(got, []string{"Ketamine with a grant"}) {
		t.Errorf("counted in %q", got)
	}
	a.Status, a.Awarded = ApplicationAwarded, Dollars(1_000)
	changed, note := f.FollowApplication(a, fund)
	// awarded $1,000.00: the pending $1,500.00 becomes $1,000.00, first;
	// the demo's own two grants, the HSA and the clinic plan follow
	if len(changed) != 1 || note != "" {
		t.Fatalf("%d changed, %q", len(changed), note)
	}
	got := sourcesInWords(changed[0].(*ScenarioRecord).Sources)
	wantSources := []string{
		fmt.Sprintf("Second Wind Depression Care Fund (fictional) grant $1,000.00 pending=false from %q", a.ID),
		`Hope Bridge grant (fictional) $1,500.00 pending=false from ""`, // the demo's own, typed in
		`Relief Fund grant (fictional) $0.00 pending=true from ""`,      // a 50% share up to $1,000.00, no fixed amount
		"HSA", "Clinic plan 12 months",
	}
	if !slices.Equal(got, wantSources) {
		t.Errorf("after the award:\n%q\nwant\n%q", got, wantSources)
	}
}
