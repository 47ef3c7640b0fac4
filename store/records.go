package store

import (
	"time"

	"carecost/planner"
)

// ID identifies a record: a ULID in its 26-character text form. IDs sort by
// the time they were made and say nothing about the person.
type ID string

// Stamp is when a record was first saved and last changed.
type Stamp struct {
	Created time.Time
	Updated time.Time
}

// Key identifies a record that belongs to a patient.
type Key struct {
	ID        ID
	PatientID ID
}

// Patient is a person whose care is planned, with everything carecost keeps
// about them.
type Patient struct {
	ID ID
	planner.Patient
	Stamp
}

// Plan is one of a patient's insurance plans.
type Plan struct {
	Key
	Insurer  string // "Acme Health"
	MemberID string
	Group    string
	Phone    string
	planner.Plan
	Notes string
	Stamp
}

// Course is a course of treatment, its insurance plan and where it stands
// with that plan.
type Course struct {
	Key
	PlanID ID // the plan that prices it; empty for none
	Status planner.CoverageStatus
	planner.Course
	Notes string
	Stamp
}

// Scenario is one way to pay for a course. The course and plan it prices are
// referred to, not copied, so editing the course changes every scenario.
type Scenario struct {
	Key
	CourseID           ID
	PlanID             ID // empty for self-pay
	Name               string
	Coverage           planner.Coverage
	Sources            []planner.FundingSource
	CountPendingGrants bool
	Stamp
}

// PreAuthorization is the insurer's prior approval of a course.
type PreAuthorization struct {
	Key
	CourseID         ID
	Required         string // "yes", "no", "unknown"
	Status           string // "not started", "submitted", "pending", "approved", "denied", "expired"
	Submitted        planner.Date
	Decided          planner.Date
	Reference        string
	ApprovedSessions int
	ValidFrom        planner.Date
	ValidTo          planner.Date
	InWriting        bool
	Notes            string
	Stamp
}

// ChecklistItem is one document for the medical-necessity case.
type ChecklistItem struct {
	Key
	CourseID ID
	Title    string
	Status   string // "missing", "requested", "received", "sent"
	Date     planner.Date
	Note     string
	Stamp
}

// Contact is one call or message in the contact log.
type Contact struct {
	Key
	When      time.Time
	Party     string // "insurer", "clinic", "provider", "program", "other"
	Person    string
	Reference string
	Said      string
	FollowUp  planner.Date
	InWriting bool
	Stamp
}

// Denial is a denial of coverage and the appeal of it.
type Denial struct {
	Key
	CourseID   ID
	Notice     planner.Date
	Reason     string
	ReasonText string
	Level      string // "internal", "second internal", "external review"
	Urgent     bool
	Filed      planner.Date
	Decision   string
	Decided    planner.Date
	// DeadlineOverride is the deadline printed on the notice, which wins
	// over the computed one.
	DeadlineOverride planner.Date
	Stamp
}

// Estimate is a Good Faith Estimate for self-pay care and the bill that
// followed it.
type Estimate struct {
	Key
	CourseID ID
	Amount   planner.Money
	Given    planner.Date
	Bill     planner.Money
	Billed   planner.Date
	Stamp
}

// Task is something to do for a patient.
type Task struct {
	Key
	Text string
	Due  planner.Date
	Done bool
	Stamp
}

// Program is an assistance program in the catalog all patients share.
type Program struct {
	ID      ID
	Name    string
	Kind    string // "nonprofit grant", "manufacturer program", "clinic sliding scale", "hospital charity care", "other"
	Contact string
	Website string
	Notes   string
	Stamp
}

// Application is a patient's application to an assistance program.
type Application struct {
	Key
	ProgramID ID
	Status    string // "considering", "applied", "awarded", "denied", "withdrawn"
	Applied   planner.Date
	Decided   planner.Date
	Requested planner.Money
	Awarded   planner.Money
	FollowUp  planner.Date
	Notes     string
	Stamp
}

// PatientFile is everything kept about one patient.
type PatientFile struct {
	Patient           Patient
	Plans             []Plan
	Courses           []Course
	Scenarios         []Scenario
	PreAuthorizations []PreAuthorization
	Checklist         []ChecklistItem
	Contacts          []Contact
	Denials           []Denial
	Estimates         []Estimate
	Tasks             []Task
	Applications      []Application
}

// Summary is what the patient list shows of a patient, kept in the list
// index so the list opens without reading whole records.
type Summary struct {
	ID     ID
	Name   string
	Status string // the first course's coverage status, in words
	// NextDue is the earliest open task or follow-up; zero if none.
	NextDue planner.Date
	// Best is the scenario with the lowest net total, if any can be worked out.
	Best    string
	BestNet planner.Money
}
