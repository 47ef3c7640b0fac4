package store

import "carecost/planner"

// AddDemo saves the planner's fictional demo as a patient, in one
// transaction, and returns the patient's ID. It is what `carecost --demo`
// fills its throwaway file with.
func (db *DB) AddDemo() (planner.ID, error) {
	f := planner.DemoFile(NewID)
	return f.Patient.ID, db.Save(append([]planner.Record{&f.Patient}, f.Children()...)...)
}
