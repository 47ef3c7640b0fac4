package tui

import (
	"testing"

	"carecost/planner"
)

// Every way to pay is whole in the table: a source read back from its form
// fields is of its kind and described in words, each of its fields
// explained by ? names a glossary term, and keys are not used twice.
func TestFundingKindsAreWhole(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, k := range fundingKinds {
		if k.key == "" || k.label == "" || seen[k.key] || k.read == nil || k.describe == nil {
			t.Fatalf("kind %v: %+v", k.kind, k)
		}
		seen[k.key] = true
		v := newValues(testContext(80, false))
		if k.fields != nil {
			k.fields(v, "1", planner.FundingSource{})
		}
		src := k.read(v, "1", planner.FundingSource{})
		if src.Kind() != k.kind || kindKey(&src) != k.key || sourceText(&src) == "" {
			t.Errorf("%s reads back as %v (%q)", k.key, src.Kind(), kindKey(&src))
		}
		for field := range k.terms {
			if _, ok := termFor("s1" + field); !ok {
				t.Errorf("%s: ? on %s explains nothing", k.key, field)
			}
		}
	}
	// Every kind a scenario can hold has its entry: the kinds run from
	// KindNone+1 to the last one with a name.
	for kind := planner.KindNone + 1; kind.String() != planner.KindNone.String(); kind++ {
		if _, ok := kindOf(func(k *fundingKind) bool { return k.kind == kind }); !ok {
			t.Errorf("no entry for %v", kind)
		}
	}
}

// The course form keeps the costs beside the bill, in their order: the
// kinds it asks for by name, a one-time cost, and a per-session cost of
// its own name; answering no to "any costs" clears them.
func TestCourseFormKeepsOtherCosts(t *testing.T) {
	t.Parallel()
	f := planner.DemoFile(func() planner.ID { return "X" })
	rec := f.Courses[0]
	rec.OtherCosts = []planner.OtherCost{{Name: "Travel", Amount: planner.Dollars(40), PerSession: true},
		{Name: "Hotel", Amount: planner.Dollars(200)}, {Name: "Parking", Amount: planner.Dollars(10), PerSession: true}}
	cx := testContext(80, false)
	d := courseForm(&f, rec, cx)
	*d.vals.text["ocCompanion"] = "25"
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	got := records[0].(*planner.CourseRecord).OtherCosts
	// In the order the course had them, the new companion after.
	want := []planner.OtherCost{{Name: "Travel", Amount: planner.Dollars(40), PerSession: true},
		{Name: "Hotel", Amount: planner.Dollars(200)}, {Name: "Parking", Amount: planner.Dollars(10), PerSession: true},
		{Name: "Companion", Amount: planner.Dollars(25), PerSession: true}}
	if len(got) != len(want) {
		t.Fatalf("other costs %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("other cost %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	d = courseForm(&f, rec, cx)
	*d.vals.flags["ocAny"] = false
	records, _, _ = d.save(d.vals)
	if got := records[0].(*planner.CourseRecord).OtherCosts; got != nil {
		t.Errorf("no costs beside the bill, but %+v", got)
	}
}

// A new way to pay from an HSA starts from the balance the patient's
// record gives: it is not asked twice.
func TestHSABalanceIsNotAskedTwice(t *testing.T) {
	t.Parallel()
	f := planner.DemoFile(func() planner.ID { return "X" })
	d := scenarioForm(&f, planner.ScenarioRecord{}, testContext(80, false))
	if got := *d.vals.text["s1HSABalance"]; got != "$1,200.00" {
		t.Errorf("the HSA balance starts as %q, want the record's $1,200.00", got)
	}
}
