package report

import (
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
		"  Tax savings (estimate):  -$264.00\n",
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
