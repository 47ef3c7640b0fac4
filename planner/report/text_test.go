package report

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"carecost/planner"
)

// cardCliff is how the reports start the demo card's deferred-interest
// warning: the amount still owed is the card's own simulation's (see
// planner's card tests for how it is worked out), not a figure written
// here.
func cardCliff(c planner.Comparison) string {
	for _, e := range c.Entries {
		if e.Result.Name == "Ketamine on a medical card" {
			return "Medical card 12 months: " + e.Result.Sources[0].OwedAtPromoEnd.String() + " is still owed when a purchase's"
		}
	}
	return "no card in the demo"
}

func TestTextOfTheDemo(t *testing.T) {
	demo := planner.NewDemo()
	c := planner.Compare(demo.Scenarios)
	text := Text("Heading", demo.Scenarios, c)
	for _, want := range []string{
		"Heading\n\n",
		// The table's header and the in-network row, right-aligned figures
		// (net total 2,880: see planner's TestDemoFigures).
		"Scenario                    Net total  Up front  Top month",
		"Ketamine in network         $2,880.00   $620.00    $420.00",
		// Scenarios given alone wait on nothing: the lowest net total is
		// available now.
		"Best plan available now: Ketamine in network, net $2,880.00.\n",
		"By net total, the plans available now first:\n  1. Ketamine in network ($2,880.00)\n",
		"  Net total:              $2,880.00\n",
		"  Tax savings (estimate):   $264.00\n",
		"Warning: " + cardCliff(c),
		"Note: Personal loan 36 months: the origination fee of $443.62 comes out of the loan",
		"  Months paying:                 6\n",
	} {
		if !strings.Contains(text, want) && !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for i, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends in a space: %q", i+1, line)
		}
		if n := len([]rune(line)); n > PageWidth {
			t.Errorf("line %d is %d columns wide: %q", i+1, n, line)
		}
	}
}

// flat is text with every run of spaces and line breaks made one space:
// what a wrapped line says, wherever it was wrapped.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// Fit wraps at spaces, with a hanging indent, never inside a word: a date
// or a hyphenated word stays whole.
func TestFitWrapsAtSpacesOnly(t *testing.T) {
	line := "  Warning: if $1,550.00 is still owed on 2027-12-07, $1,053.41 of deferred interest is charged at once, self-pay or not"
	got := Fit(line, 40)
	// Counted by hand: "  Warning: if $1,550.00 is still owed on" is 40
	// columns; "    2027-12-07, $1,053.41 of deferred" is 37, and
	// " interest" would make 46; "    interest is charged at once," is 32,
	// and " self-pay" would make 41.
	want := "  Warning: if $1,550.00 is still owed on\n    2027-12-07, $1,053.41 of deferred\n    interest is charged at once,\n    self-pay or not"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if Fit("short", 40) != "short" || Fit("averyveryverylongwordthatcannotbreak x", 10) != "averyveryverylongwordthatcannotbreak\n  x" {
		t.Error("a short line or a long word was changed")
	}
	// Widths are counted in characters, not bytes: "  Zoë pays é" is 12
	// characters (14 bytes), so it fits 12 columns, and " a" would make 14.
	if got := Fit("  Zoë pays é a", 12); got != "  Zoë pays é\n    a" {
		t.Errorf("accented words: %q", got)
	}
}

// wrapLine splits words where strings.Fields does, white space of every
// kind, and counts characters: on lines of spaces, tabs, Unicode spaces and
// words of several bytes, it wraps as a plain word-by-word wrap does.
func TestWrapLineWrapsAsFieldsSplit(t *testing.T) {
	// plain is Fit's wrap, word by word from strings.Fields.
	plain := func(line string, width int) string {
		if utf8.RuneCountInString(line) <= width {
			return line
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		out, wide := indent, len(indent)
		for i, word := range strings.Fields(line) {
			n := utf8.RuneCountInString(word)
			switch {
			case i == 0:
				wide += n
			case wide+1+n <= width:
				out += " "
				wide += 1 + n
			default:
				out += "\n" + indent + "  "
				wide = len(indent) + 2 + n
			}
			out += word
		}
		return out
	}
	pieces := []string{" ", "  ", "\t", "\u00a0", "\u0085", "\u2003", "\u3000", "a", "Zoë", "$1,550.00", "2027-12-07", "é", "日本", "averyveryverylongword", "x"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		var line strings.Builder
		for range rng.IntN(4) {
			line.WriteByte(' ')
		}
		for range rng.IntN(30) {
			line.WriteString(pieces[rng.IntN(len(pieces))])
		}
		width := 5 + rng.IntN(40)
		var b strings.Builder
		wrapLine(&b, line.String(), width)
		if want := plain(line.String(), width); b.String() != want {
			t.Fatalf("%q at %d:\n%q\nwant\n%q", line.String(), width, b.String(), want)
		}
	}
}

// The demo's file: the ketamine course is appealing and the esketamine
// course needs pre-authorization, so the scenarios that count on the
// insurer are named apart, with what they wait on (see planner's
// TestRankingsSayWhatIsAvailableNow for the order).
func TestReportsSayWhatIsAvailableNow(t *testing.T) {
	n := 0
	f := planner.DemoFile(func() planner.ID { n++; return planner.ID("ID" + strconv.Itoa(n)) })
	scenarios, c := f.Compare()
	text := Text("H", scenarios, c)
	for _, want := range []string{
		"Best plan available now: Ketamine with a grant, net $5,186.00.\n",
		"Best if the insurer pays: Ketamine in network, net $2,880.00, if the appeal for IV ketamine infusions succeeds.\n",
		"  1. Ketamine with a grant ($5,186.00)\n",
		"  5. Ketamine in network ($2,880.00) — if the appeal for IV ketamine infusions succeeds\n",
		"  7. Esketamine, prior auth ($6,058.00) — if the pre-authorization for Esketamine nasal spray (FDA-approved) is approved\n",
		"Warning: Counts on the insurer paying, so it holds only if the appeal for IV ketamine infusions succeeds.",
	} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the text lacks %q", want)
		}
	}
	md := Markdown("H", scenarios, c)
	if !strings.Contains(flat(md), "- Best plan available now: Ketamine with a grant, net $5,186.00.") ||
		!strings.Contains(flat(md), "5. Ketamine in network ($2,880.00) — if the appeal for IV ketamine infusions succeeds") {
		t.Errorf("markdown:\n%s", md)
	}
	js := JSON([]Titled{{Title: "H", Comparison: c}})
	var back []struct {
		BestNow        string `json:"best_available_now"`
		BestIfApproved string `json:"best_if_approved"`
		Scenarios      []struct {
			Name     string `json:"name"`
			Standing string `json:"standing"`
			WaitsOn  string `json:"waits_on"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if b := back[0]; b.BestNow != "Ketamine with a grant" || b.BestIfApproved != "Ketamine in network" ||
		b.Scenarios[0].Standing != "if approved" || b.Scenarios[0].WaitsOn != "if the appeal for IV ketamine infusions succeeds" ||
		b.Scenarios[5].Standing != "available now" || b.Scenarios[5].WaitsOn != "" {
		t.Errorf("json: %+v", b)
	}
}

// A plan with a gap is named with what it leaves unpaid wherever it is
// ranked, and never called best.
func TestReportsNameTheGap(t *testing.T) {
	demo := planner.NewDemo()
	s := demo.Scenarios[0]
	s.Name, s.Sources = "Savings only", []planner.FundingSource{{Name: "Savings", Savings: &planner.Savings{Amount: planner.Dollars(500)}}}
	c := planner.Compare([]planner.Scenario{s})
	gap := c.Entries[0].Result.Summary.UnfundedGap
	text := Text("H", []planner.Scenario{s}, c)
	if gap == 0 || !strings.Contains(flat(text), "1. Savings only ("+c.Entries[0].Result.Summary.NetTotal.String()+") — leaves "+gap.String()+" unpaid") ||
		!strings.Contains(flat(text), "No scenario pays for everything: add a way to pay") || strings.Contains(text, "Best plan available now") {
		t.Errorf("gap %s:\n%s", gap, text)
	}
}

func TestTextShowsAScenarioThatCannotBeWorkedOut(t *testing.T) {
	demo := planner.NewDemo()
	scenarios := demo.Scenarios[:2]
	scenarios[1].Course.Start = 0
	text := Text("H", scenarios, planner.Compare(scenarios))
	want := "Ketamine superbill cannot be worked out: the course has no start date: enter the day of the first session"
	if !strings.Contains(flat(text), want) {
		t.Errorf("report:\n%s\nlacks %q", text, want)
	}
	if strings.Count(text, "Ketamine superbill") != 1 {
		t.Error("a scenario that cannot be worked out is ranked or detailed")
	}
}

func TestMarkdownAndJSON(t *testing.T) {
	demo := planner.NewDemo()
	c := planner.Compare(demo.Scenarios)
	md := Markdown("Sam", demo.Scenarios, c)
	for _, want := range []string{
		"# Sam\n",
		"| Ketamine in network | $2,880.00 | $620.00 | $420.00 | 6 | $0.00 | 4 | $0.00 |",
		"- Best plan available now: Ketamine in network, net $2,880.00.",
		"1. Ketamine in network ($2,880.00)\n",
		"## Ketamine on a medical card",
		// Both esketamine routes, the copay program and the ride home.
		"## Esketamine via pharmacy", "covered in network, the drug under the pharmacy benefit",
		"covered in network, the drug under the medical benefit",
		// The program pays its whole $2,000 in each of 2026 and 2027: it
		// runs out in both (see planner's TestDemoFigures).
		"1. Maker's copay program (fictional) (manufacturer copay program) pays $4,000.00",
		"- Other costs: $630.00",
		"- **Warning:** " + cardCliff(c),
	} {
		if !strings.Contains(md, want) && !strings.Contains(flat(md), flat(want)) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	js := JSON([]Titled{{Title: "Sam", Scenarios: demo.Scenarios, Comparison: c}, {Title: "Sam again", Scenarios: demo.Scenarios, Comparison: c}})
	var back []struct {
		Title     string `json:"title"`
		Scenarios []struct {
			Name     string `json:"name"`
			NetTotal int64  `json:"net_total_cents"`
		} `json:"scenarios"`
		Ranking []string `json:"ranking_by_net_total"`
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	// The pharmacy route's figures (worked out in planner's
	// TestDemoFigures): the route, the program's first run-out and what
	// the patient pays after it, the $630.00 of rides.
	var rx []struct {
		Scenarios []struct {
			Name    string `json:"name"`
			Route   string `json:"benefit_route"`
			Other   int64  `json:"other_costs_cents"`
			Sources []struct {
				Program *struct {
					Rule    string `json:"plan_rule"`
					RunOuts []struct {
						On    string `json:"on"`
						Month string `json:"month"`
						After int64  `json:"patient_pays_to_year_end_cents"`
					} `json:"runs_out"`
				} `json:"copay_program"`
			} `json:"sources"`
			Months []struct {
				Other int64 `json:"other_costs_cents"`
			} `json:"months"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(js, &rx); err != nil {
		t.Fatal(err)
	}
	var e *struct {
		Name    string `json:"name"`
		Route   string `json:"benefit_route"`
		Other   int64  `json:"other_costs_cents"`
		Sources []struct {
			Program *struct {
				Rule    string `json:"plan_rule"`
				RunOuts []struct {
					On    string `json:"on"`
					Month string `json:"month"`
					After int64  `json:"patient_pays_to_year_end_cents"`
				} `json:"runs_out"`
			} `json:"copay_program"`
		} `json:"sources"`
		Months []struct {
			Other int64 `json:"other_costs_cents"`
		} `json:"months"`
	}
	for i := range rx[0].Scenarios {
		if rx[0].Scenarios[i].Name == "Esketamine via pharmacy" {
			e = &rx[0].Scenarios[i]
		}
	}
	if e == nil {
		t.Fatal("no Esketamine via pharmacy in the JSON")
	}
	// $630 of rides is 21 sessions × $30, and December 2026's 8 sessions
	// (Dec 7 to 31, twice a week) are 8 × $30. The program runs out on
	// 2026-12-14, the patient then paying $2,202.20 to the year's end
	// (both worked in planner's TestDemoFigures), and again in 2027: from
	// Jan 1 the program has $2,000 and the accumulators start over, so the
	// weekly sessions of Jan 7 and Jan 14 take 777 each (1,554) and Jan 21
	// the last 446.
	if p := e.Sources[0].Program; e.Route != "pharmacy benefit" || e.Other != 63_000 || p == nil ||
		p.Rule != "copay accumulator" || len(p.RunOuts) != 2 || p.RunOuts[0].On != "2026-12-14" || p.RunOuts[0].Month != "2026-12" ||
		p.RunOuts[0].After != 220_220 || p.RunOuts[1].On != "2027-01-21" || e.Months[0].Other != 8*3_000 {
		t.Errorf("esketamine via pharmacy in JSON: %+v", e)
	}
	// One document for both; the in-network net total, $2,880.00, is
	// 288,000 cents.
	if len(back) != 2 || back[0].Scenarios[0].Name != "Ketamine in network" || back[0].Scenarios[0].NetTotal != 288_000 || back[0].Ranking[0] != "Ketamine in network" {
		t.Errorf("json %+v", back)
	}
}

// A hostile name (a clipboard write, a carriage return, a bidi override)
// reaches no report or letter as it is: every unsafe character shows as a
// placeholder.
func TestReportsAreSafeForTerminals(t *testing.T) {
	f := demoFile("H")
	hostile := "Sam\x1b]52;c;aGk=\x07\r\u202E\u009b"
	f.Patient.Name, f.Plans[0].Insurer, f.Scenarios[0].Name, f.Denials[0].ReasonText = hostile, hostile, hostile, hostile
	scenarios, c := f.Compare()
	js := JSON([]Titled{{Title: hostile, Comparison: c}})
	letter, _ := Letter(InternalAppeal, &f, f.Courses[0].ID, letterDay)
	for name, out := range map[string]string{"text": Text(hostile, scenarios, c), "markdown": Markdown(hostile, scenarios, c),
		"approval": ApprovalMarkdown(&f, letterDay), "letter": letter, "json": string(js)} {
		for _, r := range out {
			if planner.Unsafe(r) {
				t.Errorf("%s holds %U", name, r)
				break
			}
		}
		if name != "approval" && !strings.Contains(out, "Sam") {
			t.Errorf("%s lost the name", name)
		}
	}
}

// The JSON report names the patient, says where approval stands, and
// carries each scenario's months; the Markdown report shows them too.
func TestReportsCarryTheScheduleAndThePatient(t *testing.T) {
	n := 0
	f := planner.DemoFile(func() planner.ID { n++; return planner.ID("ID" + strconv.Itoa(n)) })
	scenarios, c := f.Compare()
	js := JSON([]Titled{{Title: "H", Comparison: c, File: &f, Today: planner.NewDate(2026, 12, 1)}})
	var back []struct {
		Patient struct {
			ID, Name string
		} `json:"patient"`
		Approval  []string `json:"approval"`
		Scenarios []struct {
			Name   string `json:"name"`
			Months []struct {
				Month   string `json:"month"`
				Charges int64  `json:"charges_cents"`
				PaidBy  []struct {
					Source string `json:"source"`
					Paid   int64  `json:"paid_cents"`
				} `json:"paid_by"`
			} `json:"months"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	b := back[0]
	if b.Patient.Name != "Sam Rivera (fictional)" || b.Patient.ID != string(f.Patient.ID) {
		t.Errorf("patient %+v", b.Patient)
	}
	if !strings.Contains(strings.Join(b.Approval, "\n"), "internal appeal filed 2026-11-16") {
		t.Errorf("approval %q", b.Approval)
	}
	// The grant scenario (self-pay at cash prices): in December 2026 the
	// $350.00 evaluation and six induction infusions at $550.00 are charged,
	// $3,650.00 (365000 cents). The $1,500.00 grant and the $1,200.00 in the
	// HSA pay that month; the clinic plan takes the rest of the course
	// ($6,950.00 - $1,500.00 - $1,200.00 = $4,250.00) and is paid from
	// January, so it pays nothing in December.
	for _, s := range b.Scenarios {
		if s.Name != "Ketamine with a grant" {
			continue
		}
		m := s.Months[0]
		paid := map[string]int64{}
		var total int64
		for _, p := range m.PaidBy {
			paid[p.Source] += p.Paid
			total += p.Paid
		}
		if m.Month != "2026-12" || m.Charges != 365000 || paid["Hope Bridge grant (fictional)"] != 150000 || paid["HSA"] != 120000 ||
			paid["Clinic plan 12 months"] != 0 || total != 270000 {
			t.Errorf("first month %+v", m)
		}
	}
	md := Markdown("H", scenarios, c)
	if !strings.Contains(md, "Month by month:") || !strings.Contains(md, "| 2026-12 | 6 | $3,650.00 | $0.00 | $0.00 |") {
		t.Errorf("markdown schedule:\n%s", md)
	}
}

// A call script asks what the case calls for, with room for the answers,
// and fits a printed page.
func TestCallScripts(t *testing.T) {
	n := 0
	f, _ := planner.DemoFileWithCatalog(func() planner.ID { n++; return planner.ID("ID" + strconv.Itoa(n)) })
	today := planner.NewDate(2026, 12, 1)
	for party, wants := range map[planner.Party][]string{
		planner.PartyInsurer: {"calling the insurer", "member ID BKH-000-DEMO", "The appeal filed 2026-11-16", "Is prior authorization needed for IV ketamine infusions?",
			"medical benefit or the pharmacy benefit", "The pre-authorization submitted 2026-11-20"},
		planner.PartyClinic:  {"calling the clinic", "itemized price per session", "Good Faith Estimate"},
		planner.PartyProgram: {"calling an assistance program", "Is the fund open now?", "The application to Second Wind Depression Care Fund (fictional) sent 2026-11-10"},
	} {
		script := CallScript(&f, party, today)
		for _, want := range append(wants, "The call's reference number: ____", "Please send that in writing") {
			if !strings.Contains(flat(script), flat(want)) {
				t.Errorf("%s: the script lacks %q:\n%s", party, want, script)
			}
		}
		for i, line := range strings.Split(script, "\n") {
			if n := len([]rune(line)); n > PageWidth {
				t.Errorf("%s: line %d is %d columns", party, i+1, n)
			}
		}
	}
}

func TestJSONCarriesACardsPaymentsAsTheyAre(t *testing.T) {
	// Three $1,000 sessions a month apart from 2027-01-10 on a 6-month
	// deferred-interest card at 36.5% paying $300 a month: the third
	// purchase is still owed $600 on its promotion's last day, and $180.90
	// is charged (worked in planner's TestDeferredInterestThreePurchasesCliff);
	// $375.00 a month would pay each in time.
	s := planner.Scenario{Name: "card", Course: planner.Course{Name: "Infusions", Start: planner.NewDate(2027, time.January, 10),
		Phases: []planner.Phase{{Name: "Session", Sessions: 3, Spacing: planner.Spacing{Count: 1, Unit: planner.EveryMonths},
			Price: planner.Price{Cash: planner.Dollars(1_000), Billed: planner.Dollars(1_000)}}}},
		Sources: []planner.FundingSource{{Name: "Card", DeferredCard: &planner.DeferredInterestCard{CreditLimit: planner.Dollars(5_000),
			PromoMonths: 6, APR: 365_000, MinimumFloor: planner.Dollars(25), PlannedPayment: planner.Dollars(300)}}}}
	js := JSON([]Titled{{Title: "card", Scenarios: []planner.Scenario{s}, Comparison: planner.Compare([]planner.Scenario{s})}})
	var back []struct {
		Scenarios []struct {
			Sources []struct {
				Payments []struct {
					From   string `json:"from"`
					Amount int64  `json:"amount_cents"`
					Months int    `json:"months"`
				} `json:"payments"`
				Text string `json:"payments_text"`
				Card struct {
					Charged  int64  `json:"deferred_interest_charged_cents"`
					On       string `json:"first_charged_on"`
					Owed     int64  `json:"owed_at_promotion_end_cents"`
					Clearing int64  `json:"clearing_payment_cents"`
					Last     string `json:"last_promotion_ends"`
				} `json:"deferred_interest"`
			} `json:"sources"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	src := back[0].Scenarios[0].Sources[0]
	// $300 from 2027-02 for 10 months, then the last $226.56 in 2027-12.
	if len(src.Payments) != 2 || src.Payments[0].From != "2027-02" || src.Payments[0].Amount != 30_000 || src.Payments[0].Months != 10 ||
		src.Payments[1].Amount != 22_656 || src.Text != "$300.00 a month for 10 months, then $226.56 in 2027-12: 11 payments in all" {
		t.Errorf("payments %+v %q", src.Payments, src.Text)
	}
	if c := src.Card; c.Charged != 18_090 || c.On != "2027-09-10" || c.Owed != 60_000 || c.Clearing != 37_500 || c.Last != "2027-09-10" {
		t.Errorf("card %+v", c)
	}
}
