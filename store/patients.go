package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// Save writes records in one transaction: all of them, or none. A record
// with no ID is new and gets one; each gets its times. A patient must be
// saved before (or in the same call as) the records that belong to them,
// and the records a record refers to (a scenario's course and plan, an
// application's program) must exist. The patient list's index is updated in
// the same transaction.
func (db *DB) Save(records ...Record) error {
	now := db.now()
	for _, r := range records {
		if id := *r.id(); id != "" && !id.valid() {
			return fmt.Errorf("the %s's ID %q is not a carecost ID", r.kind(), id)
		}
	}
	for _, r := range records {
		stampNow(r, now)
	}
	return db.update(func(tx *bolt.Tx) error {
		touched := make([]ID, 0, 1)
		for _, r := range records {
			if err := db.put(tx, r); err != nil {
				return err
			}
			if o := r.owner(); o != "" && !slices.Contains(touched, o) {
				touched = append(touched, o)
			}
		}
		for _, id := range touched {
			if err := db.refreshSummary(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// SavePatient saves a patient and their plans in one transaction.
func (db *DB) SavePatient(p *Patient, plans ...*Plan) error {
	if p.ID == "" {
		p.ID = NewID()
	}
	records := []Record{p}
	for _, plan := range plans {
		plan.PatientID = p.ID
		records = append(records, plan)
	}
	return db.Save(records...)
}

// put writes one record after checking what it refers to.
func (db *DB) put(tx *bolt.Tx, r Record) error {
	if p, ok := r.(*Patient); ok {
		b, err := tx.Bucket(bucketPatients).CreateBucketIfNotExists([]byte(p.ID))
		if err != nil {
			return err
		}
		for _, name := range patientBuckets {
			if _, err := b.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return db.putValue(b, keyRecord, p)
	}
	if err := checkReferences(tx, r); err != nil {
		return err
	}
	b, err := recordBucket(tx, r)
	if err != nil {
		return fmt.Errorf("cannot save the %s: %w", r.kind(), err)
	}
	return db.putValue(b, []byte(*r.id()), r)
}

func (db *DB) putValue(b *bolt.Bucket, key []byte, v any) error {
	data, err := db.encode(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// checkReferences makes sure the records r refers to exist.
func checkReferences(tx *bolt.Tx, r Record) error {
	exists := func(bucket []byte, id ID) bool {
		p, err := patientBucket(tx, r.owner())
		return err == nil && p.Bucket(bucket).Get([]byte(id)) != nil
	}
	missing := func(what string, id ID) error {
		return fmt.Errorf("cannot save the %s: its %s (%s) is not in the file", r.kind(), what, id)
	}
	switch r := r.(type) {
	case *Course:
		if r.PlanID != "" && !exists(bucketPlans, r.PlanID) {
			return missing("plan", r.PlanID)
		}
	case *Scenario:
		if !exists(bucketCourses, r.CourseID) {
			return missing("course", r.CourseID)
		}
		if r.PlanID != "" && !exists(bucketPlans, r.PlanID) {
			return missing("plan", r.PlanID)
		}
	case *Application:
		if tx.Bucket(bucketPrograms).Get([]byte(r.ProgramID)) == nil {
			return missing("program", r.ProgramID)
		}
	}
	return nil
}

// Delete removes a record in one transaction. Deleting a patient removes
// everything of theirs; deleting a course removes the scenarios and the
// approval records of that course. A plan or program still in use is not
// deleted: the error names what uses it.
func (db *DB) Delete(r Record) error {
	id := *r.id()
	return db.update(func(tx *bolt.Tx) error {
		if _, ok := r.(*Patient); ok {
			if tx.Bucket(bucketPatients).Bucket([]byte(id)) == nil {
				return fmt.Errorf("patient %s: %w", id, ErrNotFound)
			}
			if err := tx.Bucket(bucketPatients).DeleteBucket([]byte(id)); err != nil {
				return err
			}
			return patientIndex(tx).Delete([]byte(id))
		}
		b, err := recordBucket(tx, r)
		if err != nil {
			return err
		}
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("%s %s: %w", r.kind(), id, ErrNotFound)
		}
		if err := db.checkUnused(tx, r); err != nil {
			return err
		}
		if _, ok := r.(*Course); ok {
			if err := db.deleteCourseRecords(tx, r.owner(), id); err != nil {
				return err
			}
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		if r.owner() == "" {
			return nil
		}
		return db.refreshSummary(tx, r.owner())
	})
}

// checkUnused refuses to delete a plan or program that records refer to.
func (db *DB) checkUnused(tx *bolt.Tx, r Record) error {
	id := *r.id()
	switch r.(type) {
	case *Plan:
		f, err := db.loadFile(tx, r.owner())
		if err != nil {
			return err
		}
		for _, c := range f.Courses {
			if c.PlanID == id {
				return fmt.Errorf("the plan is used by the course %q: choose another plan for it first", c.Name)
			}
		}
		for _, s := range f.Scenarios {
			if s.PlanID == id {
				return fmt.Errorf("the plan is used by the scenario %q: change or delete it first", s.Name)
			}
		}
	case *Program:
		return tx.Bucket(bucketPatients).ForEachBucket(func(patient []byte) error {
			apps, err := loadAll[Application](db, tx.Bucket(bucketPatients).Bucket(patient).Bucket(bucketApplications))
			if err != nil {
				return err
			}
			for _, a := range apps {
				if a.ProgramID == id {
					return errors.New("the program has applications: delete them first")
				}
			}
			return nil
		})
	}
	return nil
}

// deleteCourseRecords deletes what belongs to a course that is being
// deleted.
func (db *DB) deleteCourseRecords(tx *bolt.Tx, patient, course ID) error {
	p, err := patientBucket(tx, patient)
	if err != nil {
		return err
	}
	// courseOf reads only the CourseID of each record.
	var ref struct{ CourseID ID }
	for _, name := range [][]byte{bucketScenarios, bucketPreAuths, bucketChecklist, bucketDenials, bucketEstimates} {
		b := p.Bucket(name)
		var doomed [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			ref.CourseID = ""
			if err := db.decode(v, &ref); err != nil {
				return err
			}
			if ref.CourseID == course {
				doomed = append(doomed, bytes.Clone(k))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range doomed {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// LoadPatient reads everything kept about one patient.
func (db *DB) LoadPatient(id ID) (PatientFile, error) {
	var f PatientFile
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		f, err = db.loadFile(tx, id)
		return err
	})
	return f, err
}

func (db *DB) loadFile(tx *bolt.Tx, id ID) (PatientFile, error) {
	var f PatientFile
	b, err := patientBucket(tx, id)
	if err != nil {
		return f, err
	}
	raw := b.Get(keyRecord)
	if raw == nil {
		return f, fmt.Errorf("patient %s has no record: %w", id, ErrDamaged)
	}
	if err := db.decode(raw, &f.Patient); err != nil {
		return f, fmt.Errorf("patient %s: %w", id, err)
	}
	loaders := []error{
		into(&f.Plans)(loadAll[Plan](db, b.Bucket(bucketPlans))),
		into(&f.Courses)(loadAll[Course](db, b.Bucket(bucketCourses))),
		into(&f.Scenarios)(loadAll[Scenario](db, b.Bucket(bucketScenarios))),
		into(&f.PreAuthorizations)(loadAll[PreAuthorization](db, b.Bucket(bucketPreAuths))),
		into(&f.Checklist)(loadAll[ChecklistItem](db, b.Bucket(bucketChecklist))),
		into(&f.Contacts)(loadAll[Contact](db, b.Bucket(bucketContacts))),
		into(&f.Denials)(loadAll[Denial](db, b.Bucket(bucketDenials))),
		into(&f.Estimates)(loadAll[Estimate](db, b.Bucket(bucketEstimates))),
		into(&f.Tasks)(loadAll[Task](db, b.Bucket(bucketTasks))),
		into(&f.Applications)(loadAll[Application](db, b.Bucket(bucketApplications))),
	}
	if err := errors.Join(loaders...); err != nil {
		return f, fmt.Errorf("patient %s: %w", id, err)
	}
	return f, nil
}

// into stores a loaded slice where it belongs and passes the error on.
func into[T any](dst *[]T) func([]T, error) error {
	return func(v []T, err error) error {
		*dst = v
		return err
	}
}

// loadAll decodes every record in a bucket, in key (creation) order.
func loadAll[T any](db *DB, b *bolt.Bucket) ([]T, error) {
	if b == nil {
		return nil, fmt.Errorf("a bucket is missing: %w", ErrDamaged)
	}
	var out []T
	err := b.ForEach(func(k, v []byte) error {
		var rec T
		if err := db.decode(v, &rec); err != nil {
			return fmt.Errorf("record %s: %w", k, err)
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// Programs returns the assistance program catalog.
func (db *DB) Programs() ([]Program, error) {
	var out []Program
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = loadAll[Program](db, tx.Bucket(bucketPrograms))
		return err
	})
	return out, err
}

// PlannerScenario assembles a stored scenario with its course, plan and the
// patient's budget into what the planner works out.
func (f *PatientFile) PlannerScenario(s *Scenario) (planner.Scenario, error) {
	out := planner.Scenario{Name: s.Name, Coverage: s.Coverage, Sources: s.Sources,
		MonthlyBudget: f.Patient.MonthlyBudget, CountPendingGrants: s.CountPendingGrants}
	i := slices.IndexFunc(f.Courses, func(c Course) bool { return c.ID == s.CourseID })
	if i < 0 {
		return out, fmt.Errorf("the scenario %q has no course", s.Name)
	}
	out.Course = f.Courses[i].Course
	if s.PlanID != "" {
		j := slices.IndexFunc(f.Plans, func(p Plan) bool { return p.ID == s.PlanID })
		if j < 0 {
			return out, fmt.Errorf("the scenario %q has no plan", s.Name)
		}
		out.Plan = f.Plans[j].Plan
	}
	return out, nil
}

// Compare works out every scenario of the patient, in their stored order.
// A scenario whose course or plan is gone keeps its place with the error.
func (f *PatientFile) Compare() ([]planner.Scenario, planner.Comparison) {
	scenarios := make([]planner.Scenario, len(f.Scenarios))
	var broken []int
	var errs []error
	for i := range f.Scenarios {
		s, err := f.PlannerScenario(&f.Scenarios[i])
		scenarios[i] = s
		if err != nil {
			broken, errs = append(broken, i), append(errs, err)
		}
	}
	c := planner.Compare(scenarios)
	for k, i := range broken {
		c.Entries[i].Err = errs[k]
		c.ByNetTotal = slices.DeleteFunc(c.ByNetTotal, func(j int) bool { return j == i })
		c.ByHighestMonthly = slices.DeleteFunc(c.ByHighestMonthly, func(j int) bool { return j == i })
	}
	return scenarios, c
}

// noCourseStatus is the list's status for a patient with no course.
const noCourseStatus = "no treatment course yet"

// summarize works out what the patient list shows of a patient.
func summarize(f *PatientFile) Summary {
	s := Summary{ID: f.Patient.ID, Name: f.Patient.Name, Status: noCourseStatus}
	if len(f.Courses) > 0 {
		s.Status = f.Courses[0].Status.String()
	}
	due := func(d planner.Date) {
		if !d.IsZero() && (s.NextDue.IsZero() || d < s.NextDue) {
			s.NextDue = d
		}
	}
	for _, t := range f.Tasks {
		if !t.Done {
			due(t.Due)
		}
	}
	for _, c := range f.Contacts {
		due(c.FollowUp)
	}
	for _, a := range f.Applications {
		due(a.FollowUp)
	}
	if _, c := f.Compare(); len(c.ByNetTotal) > 0 {
		best := c.Entries[c.ByNetTotal[0]].Result
		s.Best, s.BestNet = best.Name, best.Summary.NetTotal
	}
	return s
}

// refreshSummary rewrites a patient's entry in the list index.
func (db *DB) refreshSummary(tx *bolt.Tx, id ID) error {
	f, err := db.loadFile(tx, id)
	if err != nil {
		return err
	}
	s := summarize(&f)
	return db.putSummary(tx, &s)
}

func (db *DB) putSummary(tx *bolt.Tx, s *Summary) error {
	data, err := db.codec.seal(s.marshal())
	if err != nil {
		return err
	}
	return patientIndex(tx).Put([]byte(s.ID), data)
}

func patientIndex(tx *bolt.Tx) *bolt.Bucket {
	return tx.Bucket(bucketIndex).Bucket(bucketPatientIndex)
}

// rebuildIndex writes the list index afresh from every patient's records.
func (db *DB) rebuildIndex(tx *bolt.Tx) error {
	index := tx.Bucket(bucketIndex)
	if err := index.DeleteBucket(bucketPatientIndex); err != nil {
		return err
	}
	if _, err := index.CreateBucket(bucketPatientIndex); err != nil {
		return err
	}
	return tx.Bucket(bucketPatients).ForEachBucket(func(id []byte) error {
		return db.refreshSummary(tx, ID(id))
	})
}

// ListPatients returns the patient list, sorted by name, from the index
// alone: no whole record is read. Reading 100,000 entries must stay quick,
// so their text is gathered into one buffer and cut into strings from a
// single allocation, and the few statuses are shared.
func (db *DB) ListPatients() ([]Summary, error) {
	var (
		out   []Summary
		text  []byte
		spans []summarySpans
	)
	err := db.view(func(tx *bolt.Tx) error {
		index := patientIndex(tx)
		// Count first, so the slices are made once at their full size:
		// growing them entry by entry copies them over and over.
		n, size := 0, 0
		c := index.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n, size = n+1, size+len(k)+len(v)
		}
		out, spans, text = make([]Summary, 0, n), make([]summarySpans, 0, n), make([]byte, 0, size)
		return index.ForEach(func(k, v []byte) error {
			plain, err := db.codec.open(v)
			if err != nil {
				return err
			}
			f, err := splitSummary(plain)
			if err != nil {
				return fmt.Errorf("the patient list is damaged (%w): run carecost check --repair", err)
			}
			s := Summary{Status: sharedStatus(f.status), BestNet: f.bestNet, NextDue: f.nextDue}
			var sp summarySpans
			text, sp.id = appendSpan(text, k)
			text, sp.name = appendSpan(text, f.name)
			text, sp.best = appendSpan(text, f.best)
			out, spans = append(out, s), append(spans, sp)
			return nil
		})
	})
	all := string(text)
	for i := range out {
		out[i].ID = ID(spans[i].id.of(all))
		out[i].Name = spans[i].name.of(all)
		out[i].Best = spans[i].best.of(all)
	}
	slices.SortStableFunc(out, func(a, b Summary) int {
		return cmp.Or(compareFolded(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
	})
	return out, err
}

// span is where a string lies in ListPatients' buffer.
type span struct{ start, end int }

func (s span) of(all string) string { return all[s.start:s.end] }

type summarySpans struct{ id, name, best span }

func appendSpan(buf, b []byte) ([]byte, span) {
	start := len(buf)
	buf = append(buf, b...)
	return buf, span{start, len(buf)}
}

// compareFolded compares names ignoring case, without allocating.
func compareFolded(a, b string) int {
	// Most names are ASCII: compare byte by byte until a difference or a
	// non-ASCII byte.
	i := 0
	for i < len(a) && i < len(b) && a[i] < utf8.RuneSelf && b[i] < utf8.RuneSelf {
		ca, cb := lowerASCII(a[i]), lowerASCII(b[i])
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
		i++
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		ra, na := firstRune(a)
		rb, nb := firstRune(b)
		if c := cmp.Compare(foldRune(ra), foldRune(rb)); c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}
