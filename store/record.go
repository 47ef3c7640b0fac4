package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
)

// Record is any kind of record Save and Delete take: *Patient, *Plan,
// *Course, *Scenario, *PreAuthorization, *ChecklistItem, *Contact, *Denial,
// *Estimate, *Task, *Application and *Program.
type Record interface {
	id() *ID
	// owner is the patient the record belongs to: itself for a Patient,
	// none for a Program.
	owner() ID
	stamp() *Stamp
	// bucket is the record's bucket: inside the patient's bucket, or
	// top-level for programs; nil for the patient's own record.
	bucket() []byte
	// kind names the record for messages: "plan", "scenario".
	kind() string
}

func (k *Key) id() *ID         { return &k.ID }
func (k *Key) owner() ID       { return k.PatientID }
func (s *Stamp) stamp() *Stamp { return s }

func (r *Patient) id() *ID        { return &r.ID }
func (r *Patient) owner() ID      { return r.ID }
func (r *Patient) bucket() []byte { return nil }
func (r *Patient) kind() string   { return "patient" }

func (r *Program) id() *ID        { return &r.ID }
func (r *Program) owner() ID      { return "" }
func (r *Program) bucket() []byte { return bucketPrograms }
func (r *Program) kind() string   { return "program" }

func (r *Plan) bucket() []byte             { return bucketPlans }
func (r *Plan) kind() string               { return "plan" }
func (r *Course) bucket() []byte           { return bucketCourses }
func (r *Course) kind() string             { return "course" }
func (r *Scenario) bucket() []byte         { return bucketScenarios }
func (r *Scenario) kind() string           { return "scenario" }
func (r *PreAuthorization) bucket() []byte { return bucketPreAuths }
func (r *PreAuthorization) kind() string   { return "pre-authorization" }
func (r *ChecklistItem) bucket() []byte    { return bucketChecklist }
func (r *ChecklistItem) kind() string      { return "checklist item" }
func (r *Contact) bucket() []byte          { return bucketContacts }
func (r *Contact) kind() string            { return "contact" }
func (r *Denial) bucket() []byte           { return bucketDenials }
func (r *Denial) kind() string             { return "denial" }
func (r *Estimate) bucket() []byte         { return bucketEstimates }
func (r *Estimate) kind() string           { return "Good Faith Estimate" }
func (r *Task) bucket() []byte             { return bucketTasks }
func (r *Task) kind() string               { return "task" }
func (r *Application) bucket() []byte      { return bucketApplications }
func (r *Application) kind() string        { return "application" }

// NewID returns a new record ID.
func NewID() ID { return ID(ulid.Make().String()) }

// valid reports whether id is a well-formed ULID.
func (id ID) valid() bool {
	_, err := ulid.ParseStrict(string(id))
	return err == nil
}

// ErrNotFound is returned for a record that is not in the file.
var ErrNotFound = errors.New("not found")

// patientBucket returns the patient's bucket, or an error naming what is
// missing.
func patientBucket(tx *bolt.Tx, patient ID) (*bolt.Bucket, error) {
	if patient == "" {
		return nil, errors.New("the record belongs to no patient")
	}
	b := tx.Bucket(bucketPatients).Bucket([]byte(patient))
	if b == nil {
		return nil, fmt.Errorf("patient %s: %w", patient, ErrNotFound)
	}
	return b, nil
}

// recordBucket returns the bucket a record of r's kind lives in.
func recordBucket(tx *bolt.Tx, r Record) (*bolt.Bucket, error) {
	if r.owner() == "" {
		return tx.Bucket(r.bucket()), nil
	}
	p, err := patientBucket(tx, r.owner())
	if err != nil {
		return nil, err
	}
	return p.Bucket(r.bucket()), nil
}

// stampNow sets a record's ID (if new) and times before it is written.
func stampNow(r Record, now time.Time) {
	if *r.id() == "" {
		*r.id() = NewID()
	}
	s := r.stamp()
	if s.Created.IsZero() {
		s.Created = now
	}
	s.Updated = now
}
