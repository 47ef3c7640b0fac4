package planner

import (
	"cmp"
	"slices"
	"strings"
)

// AgendaItem is one dated thing open for a patient: a task, a follow-up, a
// deadline.
type AgendaItem struct {
	PatientID ID     `json:"-"`
	Patient   string `json:"-"` // the patient's name
	Due       Date
	What      string
}

// Agenda lists what is open for the patient, by date: tasks not done,
// follow-ups promised on calls (until a later contact with the same party),
// the deadlines of denials and pre-authorizations, disputes of bills above
// their Good Faith Estimate, and follow-ups of applications still open.
func (f *PatientFile) Agenda() []AgendaItem {
	var out []AgendaItem
	add := func(due Date, what string) {
		if !due.IsZero() {
			out = append(out, AgendaItem{PatientID: f.Patient.ID, Patient: f.Patient.Name, Due: due, What: what})
		}
	}
	for _, t := range f.Tasks {
		if !t.Done {
			add(t.Due, t.Text)
		}
	}
	for i := range f.Contacts {
		c := &f.Contacts[i]
		if c.FollowUp.IsZero() || f.followedUp(c) {
			continue
		}
		what := "Follow up with the " + string(c.Party)
		if c.Person != "" {
			what += " (" + c.Person + ")"
		}
		if said := firstLine(c.Said); said != "" {
			what += ": " + said
		}
		add(c.FollowUp, what)
	}
	for i := range f.Denials {
		d := &f.Denials[i]
		if f.superseded(d) {
			continue
		}
		for _, dl := range d.Deadlines() {
			add(dl.Due, dl.What+" — "+f.CourseName(d.CourseID))
		}
	}
	for i := range f.PreAuthorizations {
		p := &f.PreAuthorizations[i]
		for _, dl := range p.Deadlines() {
			add(dl.Due, dl.What+" — "+f.CourseName(p.CourseID))
		}
	}
	for i := range f.Estimates {
		g := &f.Estimates[i]
		if ok, dl := g.Dispute(); ok && !g.Disputed {
			add(dl.Due, "Dispute the bill above its Good Faith Estimate — "+f.CourseName(g.CourseID))
		}
	}
	for _, a := range f.Applications {
		if a.Status == "considering" || a.Status == "applied" {
			add(a.FollowUp, "Follow up on the assistance application")
		}
	}
	slices.SortStableFunc(out, func(a, b AgendaItem) int { return cmp.Compare(a.Due, b.Due) })
	return out
}

// followedUp reports whether a later contact with the same party has been
// logged, which closes the contact's follow-up.
func (f *PatientFile) followedUp(c *Contact) bool {
	for i := range f.Contacts {
		if later := &f.Contacts[i]; later.Party == c.Party && later.When.After(c.When) {
			return true
		}
	}
	return false
}

// superseded reports whether a later denial of the same course, at a
// later level or notice, has taken the denial's place, so its deadlines
// are no longer open.
func (f *PatientFile) superseded(d *Denial) bool {
	for i := range f.Denials {
		later := &f.Denials[i]
		if later.ID == d.ID || later.CourseID != d.CourseID {
			continue
		}
		if later.Notice > d.Notice || (later.Notice == d.Notice && levelRank(later.Level) > levelRank(d.Level)) {
			return true
		}
	}
	return false
}

func levelRank(l AppealLevel) int { return slices.Index(AppealLevels, l) }

// CourseName is the name of the patient's course with the ID.
func (f *PatientFile) CourseName(id ID) string {
	for _, c := range f.Courses {
		if c.ID == id {
			return c.Name
		}
	}
	return "a course no longer recorded"
}

// OpenDeadlines are the deadlines of the patient's denials and
// pre-authorizations that are still open, by date, each with the course it
// is about.
func (f *PatientFile) OpenDeadlines() []CourseDeadline {
	var out []CourseDeadline
	for i := range f.Denials {
		d := &f.Denials[i]
		if f.superseded(d) {
			continue
		}
		for _, dl := range d.Deadlines() {
			out = append(out, CourseDeadline{dl, f.CourseName(d.CourseID)})
		}
	}
	for i := range f.PreAuthorizations {
		p := &f.PreAuthorizations[i]
		for _, dl := range p.Deadlines() {
			out = append(out, CourseDeadline{dl, f.CourseName(p.CourseID)})
		}
	}
	slices.SortStableFunc(out, func(a, b CourseDeadline) int { return cmp.Compare(a.Due, b.Due) })
	return out
}

// CourseDeadline is a deadline and the name of the course it is about.
type CourseDeadline struct {
	Deadline
	Course string
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// When an agenda item falls, from a day.
type Bucket int

const (
	Overdue Bucket = iota
	DueToday
	ThisWeek // the next seven days
	Later
)

var bucketNames = [...]string{"Overdue", "Today", "This week", "Later"}

func (b Bucket) String() string { return bucketNames[b] }

// BucketOf says when a due date falls, seen from today.
func BucketOf(due, today Date) Bucket {
	switch n := today.DaysUntil(due); {
	case n < 0:
		return Overdue
	case n == 0:
		return DueToday
	case n <= 7:
		return ThisWeek
	}
	return Later
}
