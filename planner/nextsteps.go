package planner

import "slices"

// Next steps: what the patient's records call for, in plain words, each
// with the record it comes from, a due date where one applies, and what
// does it in the app (a letter to draft, a call to log, a record to edit).

// StepAction is what carries a next step out.
type StepAction int

const (
	// StepLetter: draft the letter Step.Letter names.
	StepLetter StepAction = iota
	// StepCall: make a call, and log it.
	StepCall
	// StepEdit: correct or complete the record the step comes from.
	StepEdit
)

// LetterName names a letter carecost drafts, as its file name starts.
type LetterName string

const (
	LetterPreAuth        LetterName = "preauthorization-request"
	LetterNecessity      LetterName = "medical-necessity-request"
	LetterAppeal         LetterName = "internal-appeal"
	LetterExternal       LetterName = "external-review-request"
	LetterClaimFile      LetterName = "claim-file-request"
	LetterRepresentative LetterName = "authorized-representative"
	LetterComplaint      LetterName = "complaint"
)

// Step is one thing to do next.
type Step struct {
	What   string
	Record ID // the record the step comes from
	Course ID // the course it is about
	Due    Date
	Action StepAction
	Letter LetterName // for StepLetter
}

// NextSteps are the steps the records call for on a day, the most pressing
// first: by due date, undated ones after, each course's in the order of
// what must happen first.
func (f *PatientFile) NextSteps(today Date) []Step {
	var out []Step
	for i := range f.Denials {
		d := &f.Denials[i]
		if f.escalated(d) {
			continue
		}
		out = append(out, f.denialSteps(d, today)...)
	}
	for i := range f.PreAuthorizations {
		p := &f.PreAuthorizations[i]
		for _, dl := range p.Deadlines() {
			if today > dl.Due {
				out = append(out, Step{What: "The decision on the pre-authorization of " + f.CourseName(p.CourseID) + " was due on " + dl.Due.String() +
					": call the insurer, ask for it in writing, and log the call.", Record: p.ID, Course: p.CourseID, Due: dl.Due, Action: StepCall})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Step) int {
		switch {
		case a.Due.IsZero() && b.Due.IsZero():
			return 0
		case a.Due.IsZero():
			return 1
		case b.Due.IsZero():
			return -1
		}
		return int(a.Due) - int(b.Due)
	})
	return out
}

// denialSteps are what one denial calls for.
func (f *PatientFile) denialSteps(d *Denial, today Date) []Step {
	step := func(what string, due Date, a StepAction, letter LetterName) Step {
		return Step{What: what, Record: d.ID, Course: d.CourseID, Due: due, Action: a, Letter: letter}
	}
	course := f.CourseName(d.CourseID)
	r := f.RouteFor(d.CourseID)
	last := "you can complain to " + r.Complaint + "."
	if r.Beyond != "" {
		last = r.Beyond + " Or " + last
	}
	switch {
	case d.Notice.IsZero():
		return []Step{step("Enter the date on the denial notice of "+course+": the deadlines count from it.", 0, StepEdit, "")}
	case d.Decision == DecisionOverturned:
		if f.approvedInWriting(d.CourseID) {
			return nil
		}
		return []Step{step("The denial of "+course+" was overturned: ask for the approval in writing, note its reference number, "+
			"and record it on the pre-authorization.", 0, StepCall, "")}
	case r.None:
		return []Step{step(sentenceCase(r.Explain), 0, StepLetter, LetterComplaint)}
	case d.Decision == DecisionUpheld && (d.Level == LevelExternal || r.Next == ""):
		return []Step{step("The denial of "+course+" was upheld at the last level carecost follows: "+last, 0, StepLetter, LetterComplaint)}
	case d.Decision == DecisionUpheld:
		if d.Decided.IsZero() {
			return []Step{step("Enter the date the appeal of "+course+" was decided: the next level's deadline counts from it.", 0, StepEdit, "")}
		}
		if r.NextAuto {
			return []Step{step("The plan upheld its denial of "+course+": it must send the case to "+r.Next+" itself. Call to check it did, and log the call.",
				0, StepCall, "")}
		}
		dl := d.NextLevelDue(r)
		what := "Ask for the " + r.Next + " of the denial of " + course + " by " + dl.Due.String() + "."
		if r.ACA {
			what = "Request an external review of the denial of " + course + " by " + dl.Due.String() + "."
		}
		if d.Reason == ReasonExperimental || d.Reason == ReasonOffLabel {
			what += " Include the treating doctor's certification that standard treatments did not work or are not appropriate; " +
				"if delay would make the treatment much less effective, ask for an expedited review."
		}
		return []Step{step(what, dl.Due, StepLetter, LetterExternal)}
	case !d.Filed.IsZero():
		dl := d.DecisionDeadline(r)
		if dl.Due.IsZero() {
			return []Step{step("The appeal of "+course+" was filed: call to ask when the decision will come, and log the call.", 0, StepCall, "")}
		}
		if today > dl.Due {
			return []Step{
				step("The decision on the appeal of "+course+" was due on "+dl.Due.String()+": call, ask for it in writing, and log the call.", dl.Due, StepCall, ""),
				step("A plan that misses its deadline can be reported: complain to "+r.Complaint+".", 0, StepLetter, LetterComplaint),
			}
		}
		return []Step{step("The decision on the appeal of "+course+" is due by "+dl.Due.String()+"; if none has come by then, call.", dl.Due, StepCall, "")}
	}
	// Not filed yet.
	if d.Level == LevelExternal && r.Next == "" {
		return []Step{step("This kind of plan has no level after the "+r.First+": "+last, 0, StepLetter, LetterComplaint)}
	}
	dl := d.FileDeadline(r)
	if dl.Due.IsZero() {
		return []Step{step("The plan sends the review of "+course+" on itself: call to check it has, and log the call.", 0, StepCall, "")}
	}
	if today > dl.Due {
		return []Step{step("The deadline to appeal the denial of "+course+" passed on "+dl.Due.String()+
			": call the insurer to ask whether a late appeal is accepted for good cause, and log the call.", dl.Due, StepCall, "")}
	}
	appeal, letter := "File the "+r.First+" of "+course+" by "+dl.Due.String()+".", LetterAppeal
	if d.Level == LevelExternal {
		appeal, letter = dl.What+" for "+course+" by "+dl.Due.String()+".", LetterExternal
	}
	// The appeal first: it is what must be done; the rest helps it.
	steps := []Step{step(appeal, dl.Due, StepLetter, letter)}
	if d.Level == LevelExternal {
		return steps
	}
	steps = append(steps,
		step("Ask the insurer for the claim file and the criteria used to deny "+course+": you are entitled to them free of charge.", dl.Due, StepLetter, LetterClaimFile))
	switch d.Reason {
	case ReasonNotNecessary, ReasonExperimental, ReasonOffLabel:
		steps = append(steps, step("Ask the treating doctor to request a peer-to-peer review: a call with the plan's medical reviewer, "+
			"which can reverse a denial before any appeal.", dl.Due, StepCall, ""))
	}
	return append(steps,
		step("If someone helps with the appeal (an advocate, a relative), name them the patient's authorized representative, "+
			"so the insurer will speak with them.", dl.Due, StepLetter, LetterRepresentative))
}

// approvedInWriting reports whether a pre-authorization of the course is
// approved and confirmed in writing.
func (f *PatientFile) approvedInWriting(course ID) bool {
	return slices.ContainsFunc(f.PreAuthorizations, func(p PreAuthorization) bool {
		return p.CourseID == course && p.Status == PreAuthApproved && p.InWriting
	})
}
