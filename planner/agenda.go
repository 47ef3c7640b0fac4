package planner

import (
	"cmp"
	"errors"
	"slices"
	"strings"
)

// AgendaItem is one dated thing open for a patient: a task, a follow-up, a
// deadline.
type AgendaItem struct {
	PatientID ID     `json:"-"`
	Patient   string `json:"-"` // the patient's name
	Due       Date
	Kind      AgendaKind
	What      string
	// Record is the task, contact or application the item comes from, as
	// the patient's file gives it; the list's index does not keep it.
	Record ID `json:"-"`
}

// AgendaKind is what sort of thing an agenda item is: what privacy mode
// shows in place of its words.
type AgendaKind string

const (
	AgendaTask        AgendaKind = "task"
	AgendaFollowUp    AgendaKind = "follow-up"
	AgendaDeadline    AgendaKind = "deadline"
	AgendaDispute     AgendaKind = "bill dispute"
	AgendaApplication AgendaKind = "assistance application"
	// AgendaFund: a closed fund of the catalog to check again; it names
	// no patient.
	AgendaFund AgendaKind = "fund to check again"
)

// Agenda lists what is open for the patient, by date: tasks not done,
// follow-ups promised on calls (until a later contact with the same party),
// the deadlines of denials and pre-authorizations, disputes of bills above
// their Good Faith Estimate, and follow-ups of applications still open.
func (f *PatientFile) Agenda() []AgendaItem {
	var out []AgendaItem
	kind := AgendaTask
	var record ID
	add := func(due Date, what string) {
		if !due.IsZero() {
			out = append(out, AgendaItem{PatientID: f.Patient.ID, Patient: f.Patient.Name, Due: due, Kind: kind, What: what, Record: record})
		}
	}
	for _, t := range f.Tasks {
		if !t.Done {
			record = t.ID
			add(t.Due, t.Text)
		}
	}
	kind = AgendaFollowUp
	for i := range f.Contacts {
		c := &f.Contacts[i]
		if c.FollowUp.IsZero() || c.FollowUpDone {
			continue
		}
		what := "Follow up with the " + string(c.Party)
		if c.Person != "" {
			what += " (" + c.Person + ")"
		}
		if said := firstLine(c.Said); said != "" {
			what += ": " + said
		}
		record = c.ID
		add(c.FollowUp, what)
	}
	record = ""
	kind = AgendaDeadline
	for _, dl := range f.OpenDeadlines() {
		add(dl.Due, dl.What+" — "+dl.Course)
	}
	kind = AgendaDispute
	for i := range f.Estimates {
		g := &f.Estimates[i]
		if ok, dl := g.Dispute(); ok && !g.Disputed {
			add(dl.Due, "Dispute the bill above its Good Faith Estimate — "+f.CourseName(g.CourseID))
		}
	}
	kind = AgendaApplication
	for _, a := range f.Applications {
		if a.Open() {
			record = a.ID
			what := "Follow up on the application"
			if name := f.ProgramNames[a.ProgramID]; name != "" {
				what += " to " + name
			}
			add(a.FollowUp, what)
		}
	}
	slices.SortStableFunc(out, func(a, b AgendaItem) int { return cmp.Compare(a.Due, b.Due) })
	return out
}

// snoozeDays is how far z puts an agenda item off.
const snoozeDays = 7

// FollowThrough is what x (done) or z (a week on from today, or from its
// day if later: snooze) does to an agenda item of the patient's: the changed task, contact or application,
// and the words to say. A deadline or a dispute is done by recording what
// was filed, never from the agenda; the error says so.
func (f *PatientFile) FollowThrough(it AgendaItem, snooze bool, today Date) (Record, string, error) {
	for _, item := range f.Agenda() {
		// An application's words name its program, which may have been
		// renamed since the agenda was read: its day and kind are enough.
		same := item.What == it.What || item.Kind == AgendaApplication
		if item.Due != it.Due || item.Kind != it.Kind || !same || item.Record == "" {
			continue
		}
		// A week from today, or from the day it is due if that is later.
		later := max(item.Due, today).AddDays(snoozeDays)
		for i := range f.Tasks {
			if t := f.Tasks[i]; t.ID == item.Record {
				if snooze {
					t.Due = later
					return &t, "Put off to " + later.String() + ": " + t.Text, nil
				}
				t.Done = true
				return &t, "Done: " + t.Text, nil
			}
		}
		for i := range f.Contacts {
			if c := f.Contacts[i]; c.ID == item.Record {
				if snooze {
					c.FollowUp = later
					return &c, "Follow-up put off to " + later.String(), nil
				}
				c.FollowUpDone = true
				return &c, "Follow-up done", nil
			}
		}
		for i := range f.Applications {
			if a := f.Applications[i]; a.ID == item.Record {
				if !snooze {
					return nil, "", errors.New("an application is done when its answer comes: record the answer on tab 7 (enter opens it)")
				}
				a.FollowUp = later
				return &a, "Follow-up of the application put off to " + later.String(), nil
			}
		}
	}
	switch it.Kind {
	case AgendaDeadline, AgendaDispute:
		return nil, "", errors.New("a deadline is met by what is filed, not from the agenda: open the patient (enter) and record it")
	case AgendaFund:
		return nil, "", errors.New("a fund is checked in the catalog: enter opens it, and e records what you found")
	}
	return nil, "", errors.New("that item is no longer on the patient's agenda: it was changed since the agenda was read")
}

// escalated reports whether an internal appeal that was upheld has been
// taken further: a denial of the same course at a higher level, dated on
// or after the decision, is recorded. Its external review deadline is then
// no longer open. Nothing else closes a denial's deadlines: separate
// denials of one course each keep theirs.
func (f *PatientFile) escalated(d *Denial) bool {
	if d.Decision != DecisionUpheld || d.Level == LevelExternal {
		return false
	}
	for i := range f.Denials {
		later := &f.Denials[i]
		if later.ID != d.ID && later.CourseID == d.CourseID && levelRank(later.Level) > levelRank(d.Level) && later.Notice >= d.Decided {
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
		if f.escalated(d) {
			continue
		}
		for _, dl := range d.Deadlines(f.RouteFor(d.CourseID)) {
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

// MergeReminders puts the catalog's funds to check again among the
// patients' items, each after the patients' items of its day.
func MergeReminders(items, reminders []AgendaItem) []AgendaItem {
	if len(reminders) == 0 {
		return items
	}
	out := append(items, reminders...)
	slices.SortStableFunc(out, func(a, b AgendaItem) int { return cmp.Compare(a.Due, b.Due) })
	return out
}
