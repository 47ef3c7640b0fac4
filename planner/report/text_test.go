package report

import (
	"encoding/json"
	"strings"
	"testing"

	"carecost/planner"
)

func TestTextOfTheDemo(t *testing.T) {
	demo := planner.NewDemo()
	text := Text("Heading", demo.Scenarios, planner.Compare(demo.Scenarios))
	for _, want := range []string{
		"Heading\n\n",
		// The table's header and the in-network row, right-aligned figures
		// (net total 2,880: see planner's TestDemoFigures).
		"Scenario                    Net total  Up front  Highest month",
		"Ketamine in network         $2,880.00   $620.00        $420.00",
		"Lowest net total:\n  1. Ketamine in network ($2,880.00)\n",
		"  Net total:              $2,880.00\n",
		"  Tax savings (estimate):   $264.00\n",
		"Warning: Medical card 12 months: if ",
		"Note: Personal loan 36 months: the origination fee of $443.62 comes out of the loan",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for i, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends in a space: %q", i+1, line)
		}
	}
}

func TestTextShowsAScenarioThatCannotBeWorkedOut(t *testing.T) {
	demo := planner.NewDemo()
	scenarios := demo.Scenarios[:2]
	scenarios[1].Course.Start = 0
	text := Text("H", scenarios, planner.Compare(scenarios))
	want := "Ketamine superbill   cannot be worked out: the course has no start date: enter the day of the first session\n"
	if !strings.Contains(text, want) {
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
		"Lowest net total: **Ketamine in network**.",
		"## Ketamine on a medical card",
		"- **Warning:** Medical card 12 months: if $1,550.00 is still owed on 2027-12-07",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	js, err := JSON([]Titled{{"Sam", c}, {"Sam again", c}})
	if err != nil {
		t.Fatal(err)
	}
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
	// One document for both; the in-network net total, $2,880.00, is
	// 288,000 cents.
	if len(back) != 2 || back[0].Scenarios[0].Name != "Ketamine in network" || back[0].Scenarios[0].NetTotal != 288_000 || back[0].Ranking[0] != "Ketamine in network" {
		t.Errorf("json %+v", back)
	}
}
