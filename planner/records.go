package planner

import "time"

// What carecost records: these types are what the store keeps and the app
// shows. Each has an ID, the patient it belongs to (but a patient or a
// program) and its times; see Record.

// ID identifies a record: a ULID in its 26-character text form, made by the
// store. IDs sort by the time they were made and say nothing about the
// person.
type ID string

// Stamp is when a record was first saved and last changed.
type Stamp struct {
	Created time.Time
	Updated time.Time
	// Rev counts the record's saves: the store refuses a save made from
	// an older revision than the one it holds, so two people editing one
	// record never overwrite each other unseen. 0 before the first save.
	Rev int64 `json:",omitempty"`
}

// Key identifies a record that belongs to a patient.
type Key struct {
	ID        ID
	PatientID ID
}

// PatientRecord is a person whose care is planned, as carecost keeps them.
type PatientRecord struct {
	ID ID
	Patient
	Stamp
}

// PlanRecord is one of a patient's insurance plans.
type PlanRecord struct {
	Key
	// Kind is the kind of plan, which decides the rules of an appeal; ""
	// when not said.
	Kind     PlanKind `json:",omitempty"`
	Insurer  string   // "Acme Health"
	MemberID string
	Group    string
	Phone    string
	Plan
	Notes string
	Stamp
}

// CourseRecord is a course of treatment, its insurance plan and where it stands
// with that plan.
type CourseRecord struct {
	Key
	PlanID ID // the plan that prices it; empty for none
	Status CoverageStatus
	Course
	// Who gives it, for the letters: the prescribing provider, their
	// National Provider Identifier, and the clinic's name and address.
	Provider string `json:",omitempty"`
	NPI      string `json:",omitempty"`
	Clinic   string `json:",omitempty"`
	Notes    string
	Stamp
}

// ScenarioRecord is one way to pay for a course. The course is referred
// to, not copied, so editing the course (or changing its plan) changes
// every scenario of it; a case that involves insurance uses the course's
// plan.
type ScenarioRecord struct {
	Key
	CourseID           ID
	Name               string
	Coverage           Coverage
	Sources            []FundingSource
	CountPendingGrants bool
	Stamp
}

// PreAuthorization is the insurer's prior approval of a course.
type PreAuthorization struct {
	Key
	CourseID         ID
	Required         Answer
	Status           PreAuthStatus
	Urgent           bool // asked for as urgent: decided within 72 hours
	Submitted        Date
	Decided          Date
	Reference        string
	ApprovedSessions int // 0: not stated
	ValidFrom        Date
	ValidTo          Date
	InWriting        bool
	Notes            string
	Stamp
}

// ChecklistItem is one document for the medical-necessity case.
type ChecklistItem struct {
	Key
	CourseID ID
	Title    string
	Status   DocStatus
	Date     Date // when it reached its status
	Note     string
	Stamp
}

// Contact is one call or message in the contact log.
type Contact struct {
	Key
	When      time.Time
	Party     Party
	Person    string
	Reference string
	Said      string
	// Decision: the insurer (or whoever) gave a decision on this call,
	// which should be had in writing.
	Decision bool
	FollowUp Date
	// FollowUpDone closes the follow-up: it leaves the agenda.
	FollowUpDone bool
	InWriting    bool
	Stamp
}

// Denial is a denial of coverage and the appeal of it: the notice, and the
// appeal or review filed against it at one level.
type Denial struct {
	Key
	CourseID   ID
	Notice     Date // the date of the denial notice (for an external review: of the final internal denial)
	Reason     DenialReason
	ReasonText string // the reason as the notice words it
	Reference  string // the claim or case number on the notice
	Level      AppealLevel
	Urgency    Urgency
	Filed      Date
	Decision   Decision
	Decided    Date
	// DeadlineOverride is the filing deadline printed on the notice, which
	// wins over the computed one.
	DeadlineOverride Date
	Notes            string
	Stamp
}

// GoodFaithEstimate is a Good Faith Estimate for self-pay care and the bill that
// followed it.
type GoodFaithEstimate struct {
	Key
	CourseID ID
	Provider string
	Amount   Money
	Given    Date
	Bill     Money
	Billed   Date
	Disputed bool // a dispute has been started
	Stamp
}

// Task is something to do for a patient.
type Task struct {
	Key
	Text string
	Due  Date
	Done bool
	Stamp
}

// PatientFile is everything kept about one patient.
type PatientFile struct {
	Patient           PatientRecord
	Plans             []PlanRecord
	Courses           []CourseRecord
	Scenarios         []ScenarioRecord
	PreAuthorizations []PreAuthorization
	Checklist         []ChecklistItem
	Contacts          []Contact
	Denials           []Denial
	Estimates         []GoodFaithEstimate
	Tasks             []Task
	Applications      []Application
	// ProgramNames names the programs of the applications, for the agenda;
	// the store fills it from the catalog. It is not part of the record.
	ProgramNames map[ID]string `json:"-"`
}

// PatientSummary is what the patient list shows of a patient, kept in the list
// index so the list opens without reading whole records.
type PatientSummary struct {
	ID     ID
	Name   string
	Status string // the first course's coverage status, in words
	// NextDue is the date of the first item on the patient's agenda; zero
	// if none.
	NextDue Date
	// Agenda is what is open for the patient, by date (see
	// PatientFile.Agenda); the list index keeps it for the agenda of every
	// patient.
	Agenda []AgendaItem
	// Best is the scenario with the lowest net total among the plans
	// available now; with none, among those that wait on approval, and then
	// BestWaits says what it waits on. A plan that leaves part of the cost
	// unpaid is never best.
	Best      string
	BestNet   Money
	BestWaits string `json:",omitempty"`
}

// Record is what every kind of record has: *PatientRecord, *PlanRecord,
// *CourseRecord, *ScenarioRecord, *PreAuthorization, *ChecklistItem,
// *Contact, *Denial, *GoodFaithEstimate, *Task, *Application and *Program.
type Record interface {
	RecordID() *ID
	// Owner is the patient the record belongs to: itself for a patient,
	// nobody ("") for a program.
	Owner() ID
	Stamps() *Stamp
	// RecordKind names the kind of record for messages: "plan", "scenario".
	RecordKind() string
}

func (k *Key) RecordID() *ID    { return &k.ID }
func (k *Key) Owner() ID        { return k.PatientID }
func (s *Stamp) Stamps() *Stamp { return s }

func (r *PatientRecord) RecordID() *ID      { return &r.ID }
func (r *PatientRecord) Owner() ID          { return r.ID }
func (r *PatientRecord) RecordKind() string { return "patient" }
func (r *Program) RecordID() *ID            { return &r.ID }
func (r *Program) Owner() ID                { return "" }
func (r *Program) RecordKind() string       { return "program" }

func (r *PlanRecord) RecordKind() string        { return "plan" }
func (r *CourseRecord) RecordKind() string      { return "course" }
func (r *ScenarioRecord) RecordKind() string    { return "scenario" }
func (r *PreAuthorization) RecordKind() string  { return "pre-authorization" }
func (r *ChecklistItem) RecordKind() string     { return "checklist item" }
func (r *Contact) RecordKind() string           { return "contact" }
func (r *Denial) RecordKind() string            { return "denial" }
func (r *GoodFaithEstimate) RecordKind() string { return "Good Faith Estimate" }
func (r *Task) RecordKind() string              { return "task" }
func (r *Application) RecordKind() string       { return "application" }
