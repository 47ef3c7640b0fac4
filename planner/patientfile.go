package planner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Scenario assembles a stored scenario with its course, plan and the
// patient's budget into what Evaluate works out.
func (f *PatientFile) Scenario(s *ScenarioRecord) (Scenario, error) {
	out := Scenario{Name: s.Name, Coverage: s.Coverage, Sources: s.Sources,
		MonthlyBudget: f.Patient.MonthlyBudget, CountPendingGrants: s.CountPendingGrants}
	i := slices.IndexFunc(f.Courses, func(c CourseRecord) bool { return c.ID == s.CourseID })
	if i < 0 {
		return out, fmt.Errorf("the scenario %q has no course", s.Name)
	}
	out.Course = f.Courses[i].Course
	out.Waits = waitingFor(s.Coverage.Case, f.Courses[i].Name, f.Courses[i].Status)
	if s.Coverage.Case == SelfPay {
		return out, nil
	}
	planID := f.Courses[i].PlanID
	j := slices.IndexFunc(f.Plans, func(p PlanRecord) bool { return p.ID == planID })
	if planID == "" || j < 0 {
		return out, fmt.Errorf("the scenario %q counts on insurance, but its course has no plan: give the course a plan, or make the scenario self-pay", s.Name)
	}
	out.Plan, out.PlanKind = f.Plans[j].Plan, f.Plans[j].Kind
	return out, nil
}

// Compare works out every scenario of the patient, in their stored order.
// A scenario whose course or plan is gone keeps its place with the error.
func (f *PatientFile) Compare() ([]Scenario, Comparison) {
	var c Comparison
	scenarios := f.CompareInto(&c)
	return scenarios, c
}

// CompareInto is Compare worked out into c, reusing its memory (see
// Comparison.Recompute): for a task that works patient after patient out
// and keeps nothing of each once it is written.
func (f *PatientFile) CompareInto(c *Comparison) []Scenario {
	scenarios := make([]Scenario, len(f.Scenarios))
	var broken []int
	var errs []error
	for i := range f.Scenarios {
		s, err := f.Scenario(&f.Scenarios[i])
		scenarios[i] = s
		if err != nil {
			broken, errs = append(broken, i), append(errs, err)
		}
	}
	c.Recompute(scenarios)
	for k, i := range broken {
		c.Entries[i].Err = errs[k]
		c.ByNetTotal = slices.DeleteFunc(c.ByNetTotal, func(j int) bool { return j == i })
		c.ByHighestMonthly = slices.DeleteFunc(c.ByHighestMonthly, func(j int) bool { return j == i })
	}
	return scenarios
}

// comparisons are the memory of comparisons worked out and read at once
// (for a patient's list entry, outcomes or report), reused from one
// patient to the next: an import, a check or a report works out every
// patient of the file.
var comparisons = sync.Pool{New: func() any { return new(Comparison) }}

// WithComparison works the patient's scenarios out into pooled memory,
// and runs read on them; nothing of c may be kept once read returns.
func (f *PatientFile) WithComparison(read func(scenarios []Scenario, c *Comparison)) {
	c := comparisons.Get().(*Comparison)
	defer comparisons.Put(c)
	read(f.CompareInto(c), c)
}

// NoWholePlan is the patient list's word when every scenario leaves part
// of the cost unpaid, or is never paid off: none is best.
const NoWholePlan = "no scenario pays for everything"

// NoCourseStatus is the patient list's status for a patient with no course.
const NoCourseStatus = "no treatment course yet"

// Summary works out what the patient list shows of the patient.
func (f *PatientFile) Summary() PatientSummary {
	s := PatientSummary{ID: f.Patient.ID, Name: f.Patient.Name, Status: f.Status()}
	s.Agenda = f.Agenda()
	if len(s.Agenda) > 0 {
		s.NextDue = s.Agenda[0].Due
	}
	f.WithComparison(func(_ []Scenario, c *Comparison) {
		i, ok := c.BestNow()
		if !ok {
			i, ok = c.BestIfApproved()
		}
		switch {
		case ok:
			best := &c.Entries[i]
			s.Best, s.BestNet = best.Result.Name, best.Result.Summary.NetTotal
			s.BestWaits = best.Waits.String()
		case len(c.ByNetTotal) > 0:
			s.BestWaits = NoWholePlan
		}
	})
	return s
}

// Status is the patient list's status of the patient: the first course's
// coverage status, in words.
func (f *PatientFile) Status() string {
	if len(f.Courses) == 0 {
		return NoCourseStatus
	}
	return f.Courses[0].Status.String()
}

// Children returns every record that belongs to the patient, apart from the
// patient's own, plans and courses before what refers to them.
func (f *PatientFile) Children() []Record {
	var out []Record
	out = appendRecords(out, f.Plans)
	out = appendRecords(out, f.Courses)
	out = appendRecords(out, f.Scenarios)
	out = appendRecords(out, f.PreAuthorizations)
	out = appendRecords(out, f.Checklist)
	out = appendRecords(out, f.Contacts)
	out = appendRecords(out, f.Denials)
	out = appendRecords(out, f.Estimates)
	out = appendRecords(out, f.Tasks)
	return appendRecords(out, f.Applications)
}

// appendRecords appends a pointer to each element of records.
func appendRecords[T any, P interface {
	*T
	Record
}](out []Record, records []T) []Record {
	for i := range records {
		out = append(out, P(&records[i]))
	}
	return out
}

// CourseRecords counts what is recorded about a course, which goes with it
// when it is deleted.
type CourseRecords struct {
	Scenarios, Denials, PreAuthorizations, Checklist, Estimates int
	// OpenDenials are the denials with a deadline still open.
	OpenDenials int
}

// RecordsOf counts the records about a course.
func (f *PatientFile) RecordsOf(course ID) CourseRecords {
	var r CourseRecords
	for _, s := range f.Scenarios {
		if s.CourseID == course {
			r.Scenarios++
		}
	}
	for i := range f.Denials {
		if d := &f.Denials[i]; d.CourseID == course {
			r.Denials++
			if len(d.Deadlines(f.RouteFor(course))) > 0 {
				r.OpenDenials++
			}
		}
	}
	for _, p := range f.PreAuthorizations {
		if p.CourseID == course {
			r.PreAuthorizations++
		}
	}
	_, r.Checklist = f.ChecklistProgress(course)
	for _, g := range f.Estimates {
		if g.CourseID == course {
			r.Estimates++
		}
	}
	return r
}

// String says what the records are, for the question before deleting the
// course: " with its 6 scenarios, 1 denial, …", or "" when there are none.
func (r CourseRecords) String() string {
	var parts []string
	count := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	count(r.Scenarios, "scenario", "scenarios")
	count(r.Denials, "denial", "denials")
	count(r.PreAuthorizations, "pre-authorization", "pre-authorizations")
	count(r.Checklist, "checklist document", "checklist documents")
	count(r.Estimates, "Good Faith Estimate", "Good Faith Estimates")
	if len(parts) == 0 {
		return ""
	}
	text := " with its " + strings.Join(parts, ", ")
	if r.OpenDenials > 0 {
		text += " (a denial still has a deadline open)"
	}
	return text
}
