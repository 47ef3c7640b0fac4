package store

import (
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// Rescue gathers every record of the file that can still be read, for a
// new file, and says in words what it had to leave out: a record whose
// bytes no longer decode, one whose course, plan or program was lost with
// it, one that no longer makes sense. It reads a damaged file as far as
// bbolt can; what it returns imports into a new file as it is.
func (db *DB) Rescue() (*Export, []string, error) {
	x := &Export{Format: exportFormat, Version: exportVersion, Patients: []planner.PatientFile{}, Programs: []planner.Program{}}
	var lost []string
	note := func(format string, args ...any) { lost = append(lost, fmt.Sprintf(format, args...)) }
	if err := db.verifyDeep(nil); err != nil {
		return nil, nil, err
	}
	if p, ok := db.damage.outsidePatients(); ok && p.Bucket == "" {
		return nil, nil, fmt.Errorf("nothing can be read: %w", p)
	}
	err := db.view(func(tx *bolt.Tx) error {
		if err := db.bucketDamage(bucketPrograms); err != nil {
			note("the program catalog, and every application to a program: the file's pages holding the catalog are damaged")
		} else if b := top(tx, bucketPrograms); b.Bucket != nil {
			b.ForEach(func(k, v []byte) error {
				var p planner.Program
				if err := db.decode(b, k, v, &p); err != nil || p.Validate() != nil || unsafeText(&p, "") != nil {
					note("program %s: it cannot be read", k)
					return nil
				}
				x.Programs = append(x.Programs, p)
				return nil
			})
		}
		patients := top(tx, bucketPatients)
		if patients.Bucket == nil {
			note("the patients could not be found: the file's patient bucket is missing")
			return nil
		}
		if err := db.bucketDamage(bucketPatients); err != nil {
			note("every patient: the file's pages listing the patients are damaged")
			return nil
		}
		return patients.ForEachBucket(func(id []byte) error {
			if err := db.patientDamage(tx, planner.ID(id)); err != nil {
				note("patient %s and everything recorded about them: the file's pages holding them are damaged", id)
				return nil
			}
			if f, ok := db.rescuePatient(patients.sub(id), planner.ID(id), x.Programs, note); ok {
				x.Patients = append(x.Patients, f)
			}
			return nil
		})
	})
	return x, lost, err
}

// rescuePatient reads what it can of one patient.
func (db *DB) rescuePatient(b shelf, id planner.ID, programs []planner.Program, note func(string, ...any)) (planner.PatientFile, bool) {
	var f planner.PatientFile
	if err := db.decode(b, keyRecord, b.Get(keyRecord), &f.Patient); err != nil || f.Patient.ID != id || f.Patient.Validate() != nil || unsafeText(&f.Patient, "") != nil {
		note("patient %s and everything recorded about them: the patient's own record cannot be read", id)
		return f, false
	}
	name := f.Patient.Name
	read := func(bucket []byte, each func(s shelf, k, v []byte) error) {
		sub := b.sub(bucket)
		if sub.Bucket == nil {
			return
		}
		sub.ForEach(func(k, v []byte) error {
			if err := each(sub, k, v); err != nil {
				note("a %s record (%s) of %s: %v", bucket, k, name, err)
			}
			return nil
		})
	}
	f.Plans = rescueAll[planner.PlanRecord](db, bucketPlans, id, read)
	f.Courses = rescueAll[planner.CourseRecord](db, bucketCourses, id, read)
	f.Scenarios = rescueAll[planner.ScenarioRecord](db, bucketScenarios, id, read)
	f.PreAuthorizations = rescueAll[planner.PreAuthorization](db, bucketPreAuths, id, read)
	f.Checklist = rescueAll[planner.ChecklistItem](db, bucketChecklist, id, read)
	f.Contacts = rescueAll[planner.Contact](db, bucketContacts, id, read)
	f.Denials = rescueAll[planner.Denial](db, bucketDenials, id, read)
	f.Estimates = rescueAll[planner.GoodFaithEstimate](db, bucketEstimates, id, read)
	f.Tasks = rescueAll[planner.Task](db, bucketTasks, id, read)
	f.Applications = rescueAll[planner.Application](db, bucketApplications, id, read)

	// What refers to a record that was lost goes too, or loses the
	// reference.
	has := func(ids []planner.ID, id planner.ID) bool { return slices.Contains(ids, id) }
	var plans, courses, progs []planner.ID
	for _, p := range f.Plans {
		plans = append(plans, p.ID)
	}
	for i := range f.Courses {
		if c := &f.Courses[i]; c.PlanID != "" && !has(plans, c.PlanID) {
			note("the plan of %s's course %q: it could not be read, so the course has no plan now", name, c.Name)
			c.PlanID = ""
		}
		courses = append(courses, f.Courses[i].ID)
	}
	for _, p := range programs {
		progs = append(progs, p.ID)
	}
	lostCourse := func(kind string, course planner.ID) bool {
		if has(courses, course) {
			return false
		}
		note("a %s of %s: its course could not be read", kind, name)
		return true
	}
	f.Scenarios = slices.DeleteFunc(f.Scenarios, func(s planner.ScenarioRecord) bool { return lostCourse("scenario", s.CourseID) })
	f.PreAuthorizations = slices.DeleteFunc(f.PreAuthorizations, func(p planner.PreAuthorization) bool { return lostCourse("pre-authorization", p.CourseID) })
	f.Checklist = slices.DeleteFunc(f.Checklist, func(c planner.ChecklistItem) bool { return lostCourse("checklist document", c.CourseID) })
	f.Denials = slices.DeleteFunc(f.Denials, func(d planner.Denial) bool { return lostCourse("denial", d.CourseID) })
	f.Estimates = slices.DeleteFunc(f.Estimates, func(g planner.GoodFaithEstimate) bool { return lostCourse("Good Faith Estimate", g.CourseID) })
	f.Applications = slices.DeleteFunc(f.Applications, func(a planner.Application) bool {
		if has(progs, a.ProgramID) {
			return false
		}
		note("an application of %s: its program could not be read", name)
		return true
	})
	return f, true
}

// rescueAll reads the records of one kind that decode, belong to the
// patient and make sense; read notes the others.
func rescueAll[T any, P interface {
	*T
	planner.Record
}](db *DB, bucket []byte, owner planner.ID, read func([]byte, func(shelf, []byte, []byte) error)) []T {
	var out []T
	read(bucket, func(s shelf, k, v []byte) error {
		var rec T
		if err := db.decode(s, k, v, &rec); err != nil {
			return fmt.Errorf("it cannot be read")
		}
		r := P(&rec)
		if r.Owner() != owner || !validID(*r.RecordID()) {
			return fmt.Errorf("it belongs elsewhere")
		}
		if v, ok := any(r).(validator); ok {
			if err := v.Validate(); err != nil {
				return fmt.Errorf("it does not make sense (%v)", err)
			}
		}
		if err := unsafeText(r, ""); err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	return out
}
