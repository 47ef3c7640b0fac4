package planner

import (
	"strings"
	"testing"
)

func stepsFile(d Denial) PatientFile {
	d.ID, d.CourseID = "D", "C"
	return PatientFile{Courses: []CourseRecord{{Key: Key{ID: "C"}, Course: Course{Name: "Infusions"}}}, Denials: []Denial{d}}
}

func letters(steps []Step) []LetterName {
	var out []LetterName
	for _, s := range steps {
		out = append(out, s.Letter)
	}
	return out
}

func TestNextStepsOfADenial(t *testing.T) {
	today := NewDate(2026, 11, 29)
	notice := NewDate(2026, 11, 2)
	// Not filed, off-label: the appeal, then what helps it (the claim
	// file, a peer-to-peer review, an authorized representative); all by
	// the filing deadline, 2026-11-02 + 180 days = 2027-05-01.
	f := stepsFile(Denial{Notice: notice, Reason: ReasonOffLabel, Level: LevelInternal})
	steps := f.NextSteps(today)
	if len(steps) != 4 || steps[0].Letter != LetterAppeal || steps[0].What != "File the internal appeal of Infusions by 2027-05-01." ||
		steps[1].Letter != LetterClaimFile || steps[2].Action != StepCall || steps[3].Letter != LetterRepresentative {
		t.Fatalf("not filed: %+v", steps)
	}
	for _, s := range steps {
		if s.Due != NewDate(2027, 5, 1) || s.Record != "D" || s.Course != "C" {
			t.Errorf("step %+v", s)
		}
	}
	// Out of network: no peer-to-peer review to ask for.
	f = stepsFile(Denial{Notice: notice, Reason: ReasonOutOfNetwork, Level: LevelInternal})
	if got := letters(f.NextSteps(today)); len(got) != 3 {
		t.Errorf("out of network: %v", got)
	}
	// Filed 2026-11-16, before the service: decided within 30 days, by
	// 2026-12-16. Late on 2026-12-17: call, and the complaint.
	f = stepsFile(Denial{Notice: notice, Filed: NewDate(2026, 11, 16), Level: LevelInternal})
	if s := f.NextSteps(today); len(s) != 1 || s[0].Due != NewDate(2026, 12, 16) || s[0].Action != StepCall {
		t.Errorf("filed: %+v", s)
	}
	if s := f.NextSteps(NewDate(2026, 12, 17)); len(s) != 2 || s[1].Letter != LetterComplaint || !strings.Contains(s[0].What, "was due on 2026-12-16") {
		t.Errorf("late: %+v", s)
	}
	// Upheld on 2026-12-10: the external review within four months, by
	// 2027-04-10; for an experimental denial, with the doctor's
	// certification and the expedited route.
	f = stepsFile(Denial{Notice: notice, Filed: NewDate(2026, 11, 16), Decision: DecisionUpheld, Decided: NewDate(2026, 12, 10),
		Level: LevelInternal, Reason: ReasonExperimental})
	if s := f.NextSteps(today); len(s) != 1 || s[0].Letter != LetterExternal || s[0].Due != NewDate(2027, 4, 10) ||
		!strings.Contains(s[0].What, "treating doctor's certification") || !strings.Contains(s[0].What, "expedited review") {
		t.Errorf("upheld: %+v", s)
	}
	// Taken to external review: the internal denial asks nothing more; the
	// external one, once upheld, leaves the complaint.
	f.Denials = append(f.Denials, Denial{Key: Key{ID: "E"}, CourseID: "C", Notice: NewDate(2026, 12, 10), Level: LevelExternal,
		Filed: NewDate(2026, 12, 12), Decision: DecisionUpheld, Decided: NewDate(2027, 1, 20)})
	if s := f.NextSteps(today); len(s) != 1 || s[0].Record != "E" || s[0].Letter != LetterComplaint {
		t.Errorf("external upheld: %+v", s)
	}
	// Overturned: ask for it in writing, until an approval in writing is
	// recorded.
	f = stepsFile(Denial{Notice: notice, Filed: NewDate(2026, 11, 16), Decision: DecisionOverturned, Decided: NewDate(2026, 12, 1)})
	if s := f.NextSteps(today); len(s) != 1 || !strings.Contains(s[0].What, "ask for the approval in writing") {
		t.Errorf("overturned: %+v", s)
	}
	f.PreAuthorizations = []PreAuthorization{{CourseID: "C", Status: PreAuthApproved, InWriting: true}}
	if s := f.NextSteps(today); len(s) != 0 {
		t.Errorf("approved in writing: %+v", s)
	}
	// No notice date: enter it.
	f = stepsFile(Denial{})
	if s := f.NextSteps(today); len(s) != 1 || s[0].Action != StepEdit {
		t.Errorf("no date: %+v", s)
	}
}

// A pre-authorization whose decision is late calls for a call; steps are
// ordered by date, undated ones last.
func TestNextStepsInOrder(t *testing.T) {
	f := stepsFile(Denial{Notice: NewDate(2026, 11, 2), Filed: NewDate(2026, 11, 16), Level: LevelInternal})
	// Submitted 2026-11-01, prior authorization: 15 days, due 2026-11-16,
	// late on 2026-11-29.
	f.PreAuthorizations = []PreAuthorization{{Key: Key{ID: "P"}, CourseID: "C", Status: PreAuthSubmitted, Submitted: NewDate(2026, 11, 1)}}
	f.Denials = append(f.Denials, Denial{Key: Key{ID: "X"}, CourseID: "C"})
	s := f.NextSteps(NewDate(2026, 11, 29))
	if len(s) != 3 || s[0].Record != "P" || s[0].Due != NewDate(2026, 11, 16) || s[1].Record != "D" || s[2].Record != "X" {
		t.Errorf("steps %+v", s)
	}
}

// The demo on its day: the appeal waits for its decision, due 2026-12-16.
func TestNextStepsOfTheDemo(t *testing.T) {
	f := DemoFile(func() ID { return "X" })
	s := f.NextSteps(NewDate(2026, 11, 29))
	if len(s) != 1 || s[0].What != "The decision on the appeal of IV ketamine infusions is due by 2026-12-16; if none has come by then, call." {
		t.Errorf("demo: %+v", s)
	}
}
