package planner

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// demoFile is the demo as stored records: a plan, the two courses and the
// scenarios, with IDs as the store would give them.
func demoFile() PatientFile {
	d := NewDemo()
	f := PatientFile{Patient: PatientRecord{ID: "P", Patient: d.Patient}}
	f.Plans = []PlanRecord{{Key: Key{ID: "PLAN", PatientID: "P"}, Plan: d.Plan}}
	for i, c := range d.Courses {
		f.Courses = append(f.Courses, CourseRecord{Key: Key{ID: ID("C" + string(rune('0'+i))), PatientID: "P"}, PlanID: "PLAN",
			Status: StatusNeedsPreAuthorization, Course: c})
	}
	for _, s := range d.Scenarios {
		course := ID("C0")
		if s.Course.Name != d.Courses[0].Name {
			course = "C1"
		}
		f.Scenarios = append(f.Scenarios, ScenarioRecord{Key: Key{ID: ID(s.Name), PatientID: "P"}, CourseID: course,
			Name: s.Name, Coverage: s.Coverage, Sources: s.Sources, CountPendingGrants: s.CountPendingGrants})
	}
	return f
}

func TestPatientFileCompareMatchesTheDemo(t *testing.T) {
	// Assembled from records, each scenario works out as the demo's own.
	f := demoFile()
	_, got := f.Compare()
	want := Compare(NewDemo().Scenarios)
	for i := range want.Entries {
		if got.Entries[i].Err != nil || got.Entries[i].Result.Summary != want.Entries[i].Result.Summary {
			t.Errorf("%s: %+v, want %+v", want.Entries[i].Result.Name, got.Entries[i].Result.Summary, want.Entries[i].Result.Summary)
		}
	}
	// A scenario whose course is gone keeps its place with an error and is
	// left out of the rankings.
	f.Scenarios[0].CourseID = "gone"
	f.Courses[1].PlanID = "gone" // the esketamine course: the last two scenarios, covered in network
	_, c := f.Compare()
	last := len(f.Scenarios) - 1
	if c.Entries[0].Err == nil || c.Entries[last].Err == nil || !contains(c.Entries[last].Err.Error(), "its course has no plan") ||
		len(c.ByNetTotal) != len(f.Scenarios)-3 || len(c.ByHighestMonthly) != len(f.Scenarios)-3 {
		t.Errorf("broken scenarios: %v, %v, rankings %v", c.Entries[0].Err, c.Entries[last].Err, c.ByNetTotal)
	}
}

func TestPatientFileSummary(t *testing.T) {
	f := demoFile()
	day := NewDate(2027, time.March, 1)
	f.Tasks = []Task{{Text: "done", Due: day.AddDays(-9), Done: true}, {Text: "open", Due: day}}
	f.Contacts = []Contact{{Party: PartyInsurer, FollowUp: day.AddDays(3)}}
	f.Applications = []Application{{Status: "applied", FollowUp: day.AddDays(-2)}}
	s := f.Summary()
	// The lowest net total is the in-network ketamine scenario's $2,880.00
	// (see TestDemoFigures), but its course needs pre-authorization here:
	// the best plan available now is the self-paid course with the grant,
	// $5,186.00, and the list names it. The earliest open date is the
	// application's follow-up, two days before the task.
	if s.ID != "P" || s.Status != "needs pre-authorization" || s.NextDue != day.AddDays(-2) || s.Best != "Ketamine with a grant" ||
		s.BestNet != Dollars(5_186) || s.BestWaits != "" {
		t.Errorf("summary %+v", s)
	}
	// Once covered, the in-network scenario is available now, and best.
	f.Courses[0].Status = StatusCovered
	if s := f.Summary(); s.Best != "Ketamine in network" || s.BestNet != Dollars(2_880) || s.BestWaits != "" {
		t.Errorf("covered: %+v", s)
	}
	// With nothing available now, the list names the best plan if approval
	// comes, and what it waits on.
	f.Courses[0].Status = StatusDenied
	f.Scenarios = f.Scenarios[:1]
	if s := f.Summary(); s.Best != "Ketamine in network" || s.BestWaits != "if the denial of IV ketamine infusions is overturned" {
		t.Errorf("denied: %+v", s)
	}
	// When every scenario leaves part of the cost unpaid, none is best.
	gap := f
	gap.Scenarios = gap.Scenarios[:1]
	gap.Scenarios[0].Sources = []FundingSource{{Name: "Savings", Savings: &Savings{Amount: Dollars(10)}}}
	gap.Courses = slices.Clone(f.Courses)
	gap.Courses[0].Status = StatusCovered
	if s := gap.Summary(); s.Best != "" || s.BestWaits != NoWholePlan {
		t.Errorf("all gaps: %+v", s)
	}
	if (&PatientFile{}).Summary().Status != NoCourseStatus {
		t.Error("no course, but a status")
	}
	// Children lists plans before courses before scenarios, each owned by
	// the patient.
	kids := f.Children()
	if len(kids) != 1+2+len(f.Scenarios)+4 || kids[0].RecordKind() != "plan" || kids[1].RecordKind() != "course" || kids[3].RecordKind() != "scenario" {
		t.Errorf("%d children, first %s", len(kids), kids[0].RecordKind())
	}
	for _, r := range kids {
		if r.Owner() != "P" && r.RecordKind() != "task" && r.RecordKind() != "contact" && r.RecordKind() != "application" {
			t.Errorf("%s owned by %q", r.RecordKind(), r.Owner())
		}
	}
	kinds := map[string]bool{}
	for _, r := range []Record{&PatientRecord{}, &Program{}, &PreAuthorization{}, &ChecklistItem{}, &Denial{}, &GoodFaithEstimate{}} {
		kinds[r.RecordKind()] = true
		if r.Stamps() == nil || r.RecordID() == nil {
			t.Errorf("%s has no stamp or ID", r.RecordKind())
		}
	}
	if len(kinds) != 6 || (&PatientRecord{ID: "X"}).Owner() != "X" || (&Program{}).Owner() != "" {
		t.Error("record kinds or owners are wrong")
	}
	for s := StatusUnknown; s.Valid(); s++ {
		if s.String() == "" {
			t.Errorf("status %d has no words", s)
		}
	}
}

// A comparison worked out patient after patient into the same memory is
// each time what a fresh one is: with a scenario that cannot be worked
// out (its course gone) after a patient whose scenarios all can, and back.
func TestCompareIntoReusesItsMemoryAsAFreshComparison(t *testing.T) {
	n := 0
	whole := DemoFile(func() ID { n++; return ID("ID" + strconv.Itoa(n)) })
	broken := whole
	broken.Scenarios = slices.Clone(whole.Scenarios)
	broken.Scenarios[0].CourseID = "gone"
	var c Comparison
	for _, f := range []*PatientFile{&whole, &broken, &whole} {
		f.CompareInto(&c)
		_, fresh := f.Compare()
		if !slices.Equal(c.ByNetTotal, fresh.ByNetTotal) || !slices.Equal(c.ByHighestMonthly, fresh.ByHighestMonthly) || len(c.Entries) != len(fresh.Entries) {
			t.Fatalf("rankings %v %v, fresh %v %v", c.ByNetTotal, c.ByHighestMonthly, fresh.ByNetTotal, fresh.ByHighestMonthly)
		}
		for i := range fresh.Entries {
			got, want := &c.Entries[i], &fresh.Entries[i]
			if (got.Err == nil) != (want.Err == nil) || got.Result.Summary != want.Result.Summary || !slices.Equal(got.Result.Months, want.Result.Months) {
				t.Errorf("entry %d: %v %+v, fresh %v %+v", i, got.Err, got.Result.Summary, want.Err, want.Result.Summary)
			}
		}
	}
	if _, fresh := broken.Compare(); fresh.Entries[0].Err == nil || slices.Contains(fresh.ByNetTotal, 0) {
		t.Error("the scenario whose course is gone was worked out")
	}
}
