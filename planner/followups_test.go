package planner

import (
	"strings"
	"testing"
)

func followupsFile() PatientFile {
	return PatientFile{
		Courses: []CourseRecord{{Key: Key{ID: "C"}, Status: StatusNeedsPreAuthorization, Course: Course{Name: "Infusions"}},
			{Key: Key{ID: "D"}, Status: StatusCovered, Course: Course{Name: "Other"}}},
		PreAuthorizations: []PreAuthorization{{Key: Key{ID: "P"}, CourseID: "C", Status: PreAuthSubmitted, Submitted: NewDate(2026, 10, 6)},
			{Key: Key{ID: "Q"}, CourseID: "D", Status: PreAuthPending}},
	}
}

func whats(changes []Change) string {
	var w []string
	for _, c := range changes {
		w = append(w, c.What)
	}
	return strings.Join(w, "; ")
}

// A denial notice decides the pre-authorization that waited, and the
// course's coverage follows the appeal: denied, appealing once filed,
// covered when overturned, denied when upheld. Other courses are left
// alone.
func TestChangesAfterADenial(t *testing.T) {
	f := followupsFile()
	notice := NewDate(2026, 10, 20)
	d := Denial{CourseID: "C", Notice: notice}
	changes := f.ChangesAfter(&d)
	if got := whats(changes); got != "mark the pre-authorization of Infusions denied (it was submitted); "+
		"set the coverage of Infusions to denied (it was needs pre-authorization)" {
		t.Errorf("a new denial: %q", got)
	}
	if p := changes[0].Record.(*PreAuthorization); p.ID != "P" || p.Status != PreAuthDenied || p.Decided != notice {
		t.Errorf("pre-authorization %+v", p)
	}
	if f.PreAuthorizations[0].Status != PreAuthSubmitted || f.Courses[0].Status != StatusNeedsPreAuthorization {
		t.Error("the file itself was changed")
	}
	// A notice dated before the request was submitted is not its answer.
	early := Denial{CourseID: "C", Notice: NewDate(2026, 10, 1)}
	if got := whats(f.ChangesAfter(&early)); got != "set the coverage of Infusions to denied (it was needs pre-authorization)" {
		t.Errorf("an earlier notice: %q", got)
	}
	// Filed: appealing.
	d.Filed = NewDate(2026, 11, 16)
	if c := f.ChangesAfter(&d); c[len(c)-1].Record.(*CourseRecord).Status != StatusAppealing {
		t.Errorf("filed: %q", whats(c))
	}
	// Once the file agrees, nothing more is asked.
	f.PreAuthorizations[0].Status, f.Courses[0].Status = PreAuthDenied, StatusAppealing
	if c := f.ChangesAfter(&d); len(c) != 0 {
		t.Errorf("nothing to change, but %q", whats(c))
	}
	// Overturned: the pre-authorization is approved as of the decision, and
	// the course covered.
	d.Decision, d.Decided = DecisionOverturned, NewDate(2026, 12, 10)
	changes = f.ChangesAfter(&d)
	if got := whats(changes); got != "mark the pre-authorization of Infusions approved, as the appeal overturned the denial; "+
		"set the coverage of Infusions to covered (it was appealing)" {
		t.Errorf("overturned: %q", got)
	}
	if p := changes[0].Record.(*PreAuthorization); p.Status != PreAuthApproved || p.Decided != d.Decided {
		t.Errorf("overturned pre-authorization %+v", p)
	}
	// Upheld: denied.
	d.Decision = DecisionUpheld
	if c := f.ChangesAfter(&d); whats(c) != "set the coverage of Infusions to denied (it was appealing)" {
		t.Errorf("upheld: %q", whats(c))
	}
}

// An approved pre-authorization makes its course covered; a denied one
// makes it denied, unless an appeal is under way.
func TestChangesAfterAPreAuthorization(t *testing.T) {
	f := followupsFile()
	p := f.PreAuthorizations[0]
	p.Status = PreAuthApproved
	if c := f.ChangesAfter(&p); whats(c) != "set the coverage of Infusions to covered (it was needs pre-authorization)" {
		t.Errorf("approved: %q", whats(c))
	}
	p.Status = PreAuthDenied
	if c := f.ChangesAfter(&p); whats(c) != "set the coverage of Infusions to denied (it was needs pre-authorization)" {
		t.Errorf("denied: %q", whats(c))
	}
	f.Courses[0].Status = StatusAppealing
	if c := f.ChangesAfter(&p); len(c) != 0 {
		t.Errorf("denied while appealing: %q", whats(c))
	}
	p.Status = PreAuthPending
	if c := f.ChangesAfter(&p); len(c) != 0 {
		t.Errorf("pending: %q", whats(c))
	}
	if c := f.ChangesAfter(&Task{}); c != nil {
		t.Error("a task changed something")
	}
}

// An experimental or off-label denial adds the doctor's certification to
// the course's checklist, once.
func TestExperimentalDenialAsksForTheCertification(t *testing.T) {
	f := followupsFile()
	f.Courses[0].Status = StatusDenied
	f.PreAuthorizations = nil
	d := Denial{CourseID: "C", Notice: NewDate(2026, 10, 20), Reason: ReasonExperimental}
	changes := f.ChangesAfter(&d)
	if len(changes) != 1 || changes[0].Record.(*ChecklistItem).Title != CertificationTitle || changes[0].Record.(*ChecklistItem).Status != DocMissing {
		t.Fatalf("changes %q", whats(changes))
	}
	f.Checklist = append(f.Checklist, *changes[0].Record.(*ChecklistItem))
	if c := f.ChangesAfter(&d); len(c) != 0 {
		t.Errorf("asked twice: %q", whats(c))
	}
}
