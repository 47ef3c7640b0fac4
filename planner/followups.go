package planner

import "slices"

// An approval record often means a change elsewhere: a denial notice
// decides the pre-authorization that was waiting and the course's
// coverage; an appeal that is filed or decided moves the course on; an
// approved pre-authorization makes the course covered. ChangesAfter says
// what those changes are, for the person to accept or decline before the
// record and the changes are saved together.

// Change is a record changed because of another, and the change in words.
type Change struct {
	Record Record
	What   string
}

// ChangesAfter returns the changes a denial or a pre-authorization about
// to be saved calls for in the file's other records: none when they agree
// with it already.
func (f *PatientFile) ChangesAfter(r Record) []Change {
	switch r := r.(type) {
	case *Denial:
		return f.afterDenial(r)
	case *PreAuthorization:
		return f.afterPreAuth(r)
	}
	return nil
}

// CoverageAfter is where a course stands once a denial is recorded: denied
// until an appeal is filed, appealing while it waits for the decision,
// covered once overturned, denied if upheld.
func (d *Denial) CoverageAfter() CoverageStatus {
	switch {
	case d.Decision == DecisionOverturned:
		return StatusCovered
	case d.Decision == DecisionUpheld:
		return StatusDenied
	case !d.Filed.IsZero():
		return StatusAppealing
	}
	return StatusDenied
}

func (f *PatientFile) afterDenial(d *Denial) []Change {
	var out []Change
	// A denial a later one has replaced (an appeal taken further, a newer
	// notice) no longer decides the course.
	if f.escalated(d) || slices.ContainsFunc(f.Denials, func(o Denial) bool {
		return o.ID != d.ID && o.CourseID == d.CourseID && o.Notice > d.Notice
	}) {
		return nil
	}
	for _, p := range f.PreAuthorizations {
		if p.CourseID != d.CourseID {
			continue
		}
		switch {
		case d.Decision == DecisionOverturned && p.Status == PreAuthDenied:
			p.Status = PreAuthApproved
			if p.Decided.IsZero() || p.Decided < d.Decided {
				p.Decided = d.Decided
			}
			out = append(out, Change{&p, "mark the pre-authorization of " + f.CourseName(p.CourseID) + " approved, as the appeal overturned the denial"})
		case d.Decision != DecisionOverturned && (p.Status == PreAuthSubmitted || p.Status == PreAuthPending) &&
			(p.Submitted.IsZero() || d.Notice >= p.Submitted):
			// A notice dated before the request was sent is about
			// something else.
			was := p.Status
			p.Status = PreAuthDenied
			if p.Decided.IsZero() {
				p.Decided = d.Notice
			}
			out = append(out, Change{&p, "mark the pre-authorization of " + f.CourseName(p.CourseID) + " denied (it was " + string(was) + ")"})
		}
	}
	out = append(out, f.courseChange(d.CourseID, d.CoverageAfter())...)
	// An experimental or off-label denial goes to external review with the
	// treating doctor's certification: it joins the checklist.
	if (d.Reason == ReasonExperimental || d.Reason == ReasonOffLabel) && d.Decision != DecisionOverturned &&
		!slices.ContainsFunc(f.Checklist, func(c ChecklistItem) bool { return c.CourseID == d.CourseID && c.Title == CertificationTitle }) {
		item := ChecklistItem{Key: Key{PatientID: d.PatientID}, CourseID: d.CourseID, Title: CertificationTitle, Status: DocMissing}
		out = append(out, Change{&item, "add the treating doctor's certification to the checklist of " + f.CourseName(d.CourseID) +
			": an external review of an experimental or off-label denial needs it"})
	}
	return out
}

// CertificationTitle is the checklist document an external review of an
// experimental or investigational denial needs (45 CFR 147.136(d); the
// NAIC Uniform Health Carrier External Review Model Act, section 10).
const CertificationTitle = "Treating doctor's certification: standard treatments did not work or are not appropriate, and this one is likely to help more"

func (f *PatientFile) afterPreAuth(p *PreAuthorization) []Change {
	switch p.Status {
	case PreAuthApproved:
		return f.courseChange(p.CourseID, StatusCovered)
	case PreAuthDenied:
		// An appeal under way is the course's standing, not the denial.
		if i := slices.IndexFunc(f.Courses, func(c CourseRecord) bool { return c.ID == p.CourseID }); i >= 0 && f.Courses[i].Status == StatusAppealing {
			return nil
		}
		return f.courseChange(p.CourseID, StatusDenied)
	}
	return nil
}

// courseChange sets a course's coverage status, if it differs.
func (f *PatientFile) courseChange(course ID, status CoverageStatus) []Change {
	i := slices.IndexFunc(f.Courses, func(c CourseRecord) bool { return c.ID == course })
	if i < 0 || f.Courses[i].Status == status {
		return nil
	}
	c := f.Courses[i]
	was := c.Status
	c.Status = status
	return []Change{{&c, "set the coverage of " + c.Name + " to " + status.String() + " (it was " + was.String() + ")"}}
}
