package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// bucketOf returns the name of the bucket a record of r's kind lives in:
// inside the patient's bucket, or top-level for programs; nil for the
// patient's own record.
func bucketOf(r planner.Record) []byte {
	switch r.(type) {
	case *planner.PlanRecord:
		return bucketPlans
	case *planner.CourseRecord:
		return bucketCourses
	case *planner.ScenarioRecord:
		return bucketScenarios
	case *planner.PreAuthorization:
		return bucketPreAuths
	case *planner.ChecklistItem:
		return bucketChecklist
	case *planner.Contact:
		return bucketContacts
	case *planner.Denial:
		return bucketDenials
	case *planner.GoodFaithEstimate:
		return bucketEstimates
	case *planner.Task:
		return bucketTasks
	case *planner.Application:
		return bucketApplications
	case *planner.Program:
		return bucketPrograms
	}
	return nil
}

// NewID returns a new record ID.
func NewID() planner.ID { return planner.ID(ulid.Make().String()) }

// validID reports whether id is a well-formed ULID.
func validID(id planner.ID) bool {
	_, err := ulid.ParseStrict(string(id))
	return err == nil
}

// ErrNotFound is returned for a record that is not in the file.
var ErrNotFound = errors.New("not found")

// patientBucket returns the patient's bucket, or an error naming what is
// missing.
func (db *DB) patientBucket(tx *bolt.Tx, patient planner.ID) (shelf, error) {
	if patient == "" {
		return shelf{}, errors.New("the record belongs to no patient")
	}
	if err := db.patientDamage(tx, patient); err != nil {
		return shelf{}, err
	}
	b := top(tx, bucketPatients).sub([]byte(patient))
	if b.Bucket == nil {
		return shelf{}, fmt.Errorf("patient %s: %w", patient, ErrNotFound)
	}
	return b, nil
}

// recordBucket returns the bucket a record of r's kind lives in.
func (db *DB) recordBucket(tx *bolt.Tx, r planner.Record) (shelf, error) {
	var b shelf
	if _, isProgram := r.(*planner.Program); isProgram {
		b = top(tx, bucketPrograms)
	} else {
		p, err := db.patientBucket(tx, r.Owner())
		if err != nil {
			return shelf{}, err
		}
		b = p.sub(bucketOf(r))
	}
	if b.Bucket == nil {
		return shelf{}, fmt.Errorf("there is no place for a %s in the file: run carecost check", r.RecordKind())
	}
	return b, nil
}

// stampNow sets a record's ID (if new) and times before it is written.
func stampNow(r planner.Record, now time.Time) {
	if *r.RecordID() == "" {
		*r.RecordID() = NewID()
	}
	s := r.Stamps()
	if s.Created.IsZero() {
		s.Created = now
	}
	s.Updated = now
}

// NewID makes an ID for a record about to be saved; see the package's NewID.
func (db *DB) NewID() planner.ID { return NewID() }
