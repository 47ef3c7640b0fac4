package report

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"carecost/planner"
)

// A stream of reports, element by element, is the JSON array made whole:
// the report of every patient is written one patient at a time.
func TestJSONByElementsIsTheWholeArray(t *testing.T) {
	n := 0
	f := planner.DemoFile(func() planner.ID { n++; return planner.ID("ID" + strconv.Itoa(n)) })
	scenarios, comparison := f.Compare()
	today := planner.NewDate(2026, 12, 2)
	var reports []Titled
	var whole []jsonReport
	for _, title := range []string{"First", "Second \u0085 with a C1 control", "Third"} {
		r := Titled{Title: title, Scenarios: scenarios, Comparison: comparison, File: &f, Today: today}
		reports = append(reports, r)
		whole = append(whole, jsonReportOf(r))
	}
	want, _ := json.MarshalIndent(whole, "", "  ")
	want = append([]byte(planner.Printable(string(want))), '\n')
	if got := JSON(reports); !bytes.Equal(got, want) {
		t.Errorf("by elements:\n%s\nwhole:\n%s", got, want)
	}
	if empty := JSON(nil); string(empty) != "[]\n" {
		t.Errorf("no reports: %q", empty)
	}
}

// jsonReportOf is what AppendJSONElement writes r as, with each
// scenario's months, which it writes from the result.
func jsonReportOf(r Titled) jsonReport {
	js := jsonOf(r.Title, r.Scenarios, r.Comparison)
	for i := range js.Scenarios {
		js.Scenarios[i].Months = jsonMonthsOf(js.Scenarios[i].result)
	}
	if f := r.File; f != nil {
		js.Patient = &jsonPatient{ID: string(f.Patient.ID), Name: f.Patient.Name}
		for _, l := range ApprovalLines(f, r.Today) {
			js.Approval = append(js.Approval, l.Text)
		}
	}
	return js
}

// jsonMonthsOf is a worked-out scenario's months as jsonMonth lays them
// out, and nil for one that is not.
func jsonMonthsOf(r *planner.Result) []jsonMonth {
	if r == nil {
		return nil
	}
	months := []jsonMonth{}
	for m, row := range r.Months {
		jm := jsonMonth{Month: row.Month.String(), Sessions: row.Sessions, Charges: int64(row.Charges), PlanPaid: int64(row.PlanPaid),
			Reimbursed: int64(row.Reimbursed), FromIncome: int64(row.FromIncome), Unfunded: int64(row.Unfunded), OtherCosts: int64(row.OtherCosts),
			OverBudget: row.OverBudget, PaidBy: []jsonPaidBy{}}
		for i, src := range r.Sources {
			jm.PaidBy = append(jm.PaidBy, jsonPaidBy{Source: src.Name, Paid: int64(r.Paid(m, i)), Owed: int64(r.Owed(m, i))})
		}
		months = append(months, jm)
	}
	return months
}

// The report's JSON is written by hand, and is what encoding/json makes of
// the report's types by their tags, indented and made printable: for the
// demo and its patient's file; for deferred-interest cards that miss
// their promotion, pay in time, and are planned below their minimum; for
// scenarios that cannot be worked out; paid in cash or billed out of
// network under Medicare (whose patients a copay program refuses); and
// without the scenarios or the file.
func TestJSONIsWhatEncodingJSONMakesOfTheReport(t *testing.T) {
	f := demoFile("J")
	today := planner.NewDate(2026, 12, 2)
	scenarios, c := f.Compare()
	hostile := "Sam <&> \"\\\x00\x1b[31m\t\r\n\x7f\u0085\u2028\u2029\u202e\ufeff\xff\xc3é"
	odd := demoFile("K")
	odd.Patient.Name, odd.Scenarios[0].Name, odd.Scenarios[1].Sources[0].Name = hostile, hostile, hostile
	oddScenarios, oddC := odd.Compare()
	broken := planner.NewDemo().Scenarios
	broken[1].Course.Start = 0
	broken[2].Sources = nil
	refused := planner.NewDemo().Scenarios
	for i := range refused {
		refused[i].Plan.CopayAssistance, refused[i].Plan.OutOfNetworkCovered = planner.Maximizer, true
		refused[i].Coverage.Case = []planner.CoverageCase{planner.SelfPay, planner.OutOfNetworkBilled}[i%2]
		refused[i].PlanKind = planner.PlanMedicare
	}
	// The cards of TestJSONCarriesACardsPaymentsAsTheyAre: $300 a month
	// misses the promotion, $375 pays in time, and $20 is below the
	// minimum payment.
	cards := map[string]planner.Scenario{}
	for name, planned := range map[string]planner.Money{"card": planner.Dollars(300), "in time": planner.Dollars(375), "below minimum": planner.Dollars(20)} {
		cards[name] = planner.Scenario{Name: name, Course: planner.Course{Name: "Infusions", Start: planner.NewDate(2027, time.January, 10),
			Phases: []planner.Phase{{Name: "Session", Sessions: 3, Spacing: planner.Spacing{Count: 1, Unit: planner.EveryMonths},
				Price: planner.Price{Cash: planner.Dollars(1_000), Billed: planner.Dollars(1_000)}}}},
			Sources: []planner.FundingSource{{Name: "Card", DeferredCard: &planner.DeferredInterestCard{CreditLimit: planner.Dollars(5_000),
				PromoMonths: 6, APR: 365_000, MinimumFloor: planner.Dollars(25), PlannedPayment: planned}}}}
	}
	reports := map[string]Titled{
		"demo":         {Title: "Sam", Scenarios: scenarios, Comparison: c, File: &f, Today: today},
		"no scenarios": {Title: "Sam", Comparison: c},
		"hostile":      {Title: hostile, Scenarios: oddScenarios, Comparison: oddC, File: &odd, Today: today},
		"broken":       {Title: "broken", Scenarios: broken, Comparison: planner.Compare(broken)},
		"refused":      {Title: "refused", Scenarios: refused, Comparison: planner.Compare(refused)},
		"nothing":      {},
	}
	for name, s := range cards {
		reports[name] = Titled{Title: name, Scenarios: []planner.Scenario{s}, Comparison: planner.Compare([]planner.Scenario{s})}
	}
	for name, r := range reports {
		js := jsonReportOf(r)
		want, err := json.MarshalIndent(js, "  ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = []byte(planner.Printable(string(want)))
		got := AppendJSONElement(nil, r)
		if !planner.PrintableBytes(got) {
			t.Errorf("%s is not printable", name)
		}
		if !bytes.Equal(got, want) {
			at := 0
			for at < min(len(got), len(want)) && got[at] == want[at] {
				at++
			}
			t.Errorf("%s: written by hand, from byte %d:\n%.300s\nencoding/json:\n%.300s", name, at, got[at:], want[at:])
		}
	}
}

// A string in the report is escaped as encoding/json escapes it, and what
// would act on a terminal is a placeholder, as Printable makes it, whatever
// its bytes.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "Sam Rivera", "<&>\"\\", "\x00\x1f\t\n\r\b\f\x7f", "\u0085\u009b\u2028\u2029\u202a\u2066\ufeff",
		"\xff\xfe\xc3", "é中𝄞", "\xed\xa0\x80", "a\U0010ffffb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != planner.Printable(string(want)) {
			t.Errorf("%q: %s, not %s", s, got, planner.Printable(string(want)))
		}
	})
}

// BenchmarkAppendJSONElement is one patient of the JSON report of every
// patient, the demo's eight scenarios, into memory already grown.
func BenchmarkAppendJSONElement(b *testing.B) {
	f := demoFile("B")
	scenarios, c := f.Compare()
	r := Titled{Title: "Sam", Scenarios: scenarios, Comparison: c, File: &f, Today: planner.NewDate(2026, 12, 2)}
	buf := AppendJSONElement(nil, r)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSONElement(buf[:0], r)
	}
}

// A line deeper than the report goes is indented all the same.
func TestJSONLinesDeeperThanTheReportGo(t *testing.T) {
	for _, comma := range []bool{false, true} {
		w := jsonOut{depth: 40}
		w.line(comma)
		want := "\n" + strings.Repeat(" ", 2+2*40)
		if comma {
			want = "," + want
		}
		if string(w.b) != want {
			t.Errorf("comma %v: %q", comma, w.b)
		}
	}
}
