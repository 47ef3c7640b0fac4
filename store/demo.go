package store

import "carecost/planner"

// AddDemo saves the planner's fictional demo as a patient, in one
// transaction, and returns the patient's ID. It is what `carecost --demo`
// fills its throwaway file with.
func (db *DB) AddDemo() (planner.ID, error) {
	demo := planner.NewDemo()
	patient := &planner.PatientRecord{ID: NewID(), Patient: demo.Patient}
	plan := &planner.PlanRecord{Key: planner.Key{ID: NewID(), PatientID: patient.ID}, Insurer: "Buckeye Health (fictional)",
		MemberID: "BKH-000-DEMO", Plan: demo.Plan}
	records := []planner.Record{patient, plan}
	courses := make(map[string]planner.ID, len(demo.Courses))
	var courseIDs []planner.ID
	statuses := []planner.CoverageStatus{planner.StatusNotCovered, planner.StatusNeedsPreAuthorization}
	for i, c := range demo.Courses {
		course := &planner.CourseRecord{Key: planner.Key{ID: NewID(), PatientID: patient.ID}, PlanID: plan.ID, Status: statuses[i%len(statuses)], Course: c}
		courses[c.Name] = course.ID
		courseIDs = append(courseIDs, course.ID)
		records = append(records, course)
	}
	for _, s := range demo.Scenarios {
		scenario := &planner.ScenarioRecord{Key: planner.Key{ID: NewID(), PatientID: patient.ID}, CourseID: courses[s.Course.Name],
			Name: s.Name, Coverage: s.Coverage, Sources: s.Sources, CountPendingGrants: s.CountPendingGrants}
		records = append(records, scenario)
	}
	records = append(records, planner.DemoApproval(patient.ID, courseIDs[0], courseIDs[1])...)
	return patient.ID, db.Save(records...)
}
