package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"carecost/planner"
)

// Save writes records in one transaction: all of them, or none. A record
// with no ID is new and gets one; each gets its times. A patient must be
// saved before (or in the same call as) the records that belong to them,
// and the records a record refers to (a scenario's course and plan, an
// application's program) must exist. The patient list's index is updated in
// the same transaction.
func (db *DB) Save(records ...planner.Record) error { return db.saveAs(nil, records) }

func (db *DB) saveAs(by *Actor, records []planner.Record) error {
	now := db.now()
	for _, r := range records {
		if id := *r.RecordID(); id != "" && !validID(id) {
			return fmt.Errorf("the %s's ID %q is not a carecost ID", r.RecordKind(), id)
		}
	}
	revs := make([]int64, len(records))
	for i, r := range records {
		stampNow(r, now)
		revs[i] = r.Stamps().Rev
	}
	err := db.update(func(tx *bolt.Tx) error {
		touched := make([]planner.ID, 0, 1)
		for _, r := range records {
			if err := db.mayChange(tx, by, r); err != nil {
				return err
			}
			_, isPatient := r.(*planner.PatientRecord)
			isNew := isPatient && top(tx, bucketPatients).sub([]byte(r.Owner())).Bucket == nil
			if err := db.put(tx, r, true); err != nil {
				var changed *ChangedError
				if errors.As(err, &changed) {
					changed.By = db.getText(teamShelf(tx, bucketLastBy), []byte(changed.ID))
				}
				return err
			}
			if err := db.audited(tx, by, r, "saved"); err != nil {
				return err
			}
			if isNew && by != nil && !by.Admin {
				// Whoever adds a patient may change their records.
				if err := db.putGrant(tx, db.advocateID(tx, by), r.Owner(), ReadWrite); err != nil {
					return err
				}
			}
			if o := r.Owner(); o != "" && !slices.Contains(touched, o) {
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
	if err != nil {
		// Nothing was saved: each record keeps the revision it was read
		// at, so a save tried again is judged as the first one was.
		for i, r := range records {
			r.Stamps().Rev = revs[i]
		}
	}
	return err
}

// SavePatient saves a patient and their plans in one transaction.
func (db *DB) SavePatient(p *planner.PatientRecord, plans ...*planner.PlanRecord) error {
	if p.ID == "" {
		p.ID = NewID()
	}
	records := []planner.Record{p}
	for _, plan := range plans {
		plan.PatientID = p.ID
		records = append(records, plan)
	}
	return db.Save(records...)
}

// put writes one record after checking what it refers to and, with
// checkRev, that it was read at the revision the file holds (an import
// replaces what is there, whatever its revision).
func (db *DB) put(tx *bolt.Tx, r planner.Record, checkRev bool) error {
	return db.putRecord(tx, r, checkRev, false)
}

// putRecord is put for an import by copy, when programsLater: the
// programs its applications name are written after its patients, as an
// export holds them.
func (db *DB) putRecord(tx *bolt.Tx, r planner.Record, checkRev, programsLater bool) error {
	if p, ok := r.(*planner.PatientRecord); ok {
		if err := p.Validate(); err != nil {
			return err
		}
		if err := db.patientDamage(tx, p.ID); err != nil {
			return err
		}
		created, err := tx.Bucket(bucketPatients).CreateBucketIfNotExists([]byte(p.ID))
		if err != nil {
			return err
		}
		b := shelf{created, string(bucketPatients) + "/" + string(p.ID)}
		for _, name := range patientBuckets {
			if _, err := b.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if err := db.nextRev(b, keyRecord, p, checkRev); err != nil {
			return err
		}
		return db.putValue(b, keyRecord, p)
	}
	if err := db.checkReferences(tx, r, programsLater); err != nil {
		return err
	}
	if v, ok := r.(validator); ok {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	b, err := db.recordBucket(tx, r)
	if err != nil {
		return fmt.Errorf("cannot save the %s: %w", r.RecordKind(), err)
	}
	if err := db.nextRev(b, []byte(*r.RecordID()), r, checkRev); err != nil {
		return err
	}
	return db.putValue(b, []byte(*r.RecordID()), r)
}

// audited keeps the audit entry of a change to r, and who made it, in
// tx.
func (db *DB) audited(tx *bolt.Tx, by *Actor, r planner.Record, action string) error {
	if by == nil {
		return nil
	}
	id := *r.RecordID()
	if action == "saved" {
		if err := db.putValue(teamShelf(tx, bucketLastBy), []byte(id), by.Name); err != nil {
			return err
		}
	}
	return db.audit(tx, by, AuditEntry{Action: action, Patient: r.Owner(), Kind: r.RecordKind(), Record: id})
}

// ErrChanged is a save refused because the record changed since it was
// read: someone else saved it in between. errors.As finds the
// *ChangedError, which says when.
var ErrChanged = errors.New("the record changed since it was read")

// ChangedError is a save from a stale revision, refused.
type ChangedError struct {
	Kind string // "scenario"
	ID   planner.ID
	// Rev and Updated are the revision the file holds and when it was
	// saved; By is who saved it, when the file's audit trail says.
	Rev     int64
	Updated time.Time
	By      string
	// Fields are where the record refused and the one the file holds
	// differ, by name ("Name", "Sources").
	Fields []string
	// Deleted: the record is no longer in the file.
	Deleted bool
}

// Gone says the record was deleted.
func (e *ChangedError) Gone() bool { return e.Deleted }

// DifferingFields names where the refused record and the file's differ.
func (e *ChangedError) DifferingFields() []string { return e.Fields }

// Changed is the record and the revision the file holds, for a form to
// save again from; a deleted record has none, and a save again is refused
// again.
func (e *ChangedError) Changed() (planner.ID, int64) {
	if e.Deleted {
		return "", 0
	}
	return e.ID, e.Rev
}

// differing names the fields whose values differ between the value at key
// and r, leaving out the stamps.
func (db *DB) differing(s shelf, key, data []byte, r planner.Record) []string {
	plain, err := db.codec.open(s.path, key, data)
	if err != nil {
		return nil
	}
	mine, err := json.Marshal(r)
	if err != nil {
		return nil
	}
	var a, b map[string]json.RawMessage
	if json.Unmarshal(plain, &a) != nil || json.Unmarshal(mine, &b) != nil {
		return nil
	}
	var out []string
	for k, v := range b {
		if k != "Created" && k != "Updated" && k != "Rev" && !bytes.Equal(a[k], v) {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok && k != "Rev" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func (e *ChangedError) Error() string {
	if e.Deleted {
		return "someone else deleted this " + e.Kind + " after you opened it"
	}
	who := "someone else"
	if e.By != "" {
		who = e.By
	}
	return fmt.Sprintf("%s changed this %s at %s, after you opened it", who, e.Kind, e.Updated.Local().Format("15:04 on 2006-01-02"))
}

func (e *ChangedError) Unwrap() error { return ErrChanged }

// nextRev gives r the revision after the one at key in s, or refuses it
// when r was read at another one; without check (an import), r keeps the
// revision it has.
func (db *DB) nextRev(s shelf, key []byte, r planner.Record, check bool) error {
	var was planner.Stamp
	data := s.Get(key)
	if data != nil {
		if err := db.decode(s, key, data, &was); err != nil {
			return err
		}
	}
	st := r.Stamps()
	switch {
	case check && data == nil && st.Rev != 0:
		// Read before, and gone since: someone deleted it. Saving it
		// would bring it back unseen.
		return &ChangedError{Kind: r.RecordKind(), ID: *r.RecordID(), Deleted: true}
	case check && st.Rev != was.Rev:
		e := &ChangedError{Kind: r.RecordKind(), ID: *r.RecordID(), Rev: was.Rev, Updated: was.Updated}
		e.Fields = db.differing(s, key, data, r)
		return e
	case check:
		st.Rev++
	}
	// An import keeps the revision it brings: the file is then the export
	// again, exactly.
	return nil
}

// validator is a record that can say what is wrong with it: the store
// refuses to save one that does.
type validator interface{ Validate() error }

// checkReferences makes sure the records r refers to exist; with
// programsLater, all but an application's program (see putRecord).
func (db *DB) checkReferences(tx *bolt.Tx, r planner.Record, programsLater bool) error {
	exists := func(bucket []byte, id planner.ID) bool {
		p, err := db.patientBucket(tx, r.Owner())
		return err == nil && p.Bucket.Bucket(bucket).Get([]byte(id)) != nil
	}
	missing := func(what string, id planner.ID) error {
		return fmt.Errorf("cannot save the %s: its %s (%s) is not in the file", r.RecordKind(), what, id)
	}
	switch r := r.(type) {
	case *planner.CourseRecord:
		if r.PlanID != "" && !exists(bucketPlans, r.PlanID) {
			return missing("plan", r.PlanID)
		}
	case *planner.ScenarioRecord:
		if !exists(bucketCourses, r.CourseID) {
			return missing("course", r.CourseID)
		}
	case *planner.Application:
		if !programsLater && tx.Bucket(bucketPrograms).Get([]byte(r.ProgramID)) == nil {
			return missing("program", r.ProgramID)
		}
	}
	if course := courseOf(r); course != "" && !exists(bucketCourses, course) {
		return missing("course", course)
	}
	return nil
}

// courseOf is the course a pre-authorization, checklist item, denial or
// estimate is about, if it names one.
func courseOf(r planner.Record) planner.ID {
	switch r := r.(type) {
	case *planner.PreAuthorization:
		return r.CourseID
	case *planner.ChecklistItem:
		return r.CourseID
	case *planner.Denial:
		return r.CourseID
	case *planner.GoodFaithEstimate:
		return r.CourseID
	}
	return ""
}

// Delete removes a record in one transaction. Deleting a patient removes
// everything of theirs; deleting a course removes the scenarios and the
// approval records of that course. A plan or program still in use is not
// deleted: the error names what uses it.
func (db *DB) Delete(r planner.Record) error { return db.deleteAs(nil, r) }

func (db *DB) deleteAs(by *Actor, r planner.Record) error {
	id := *r.RecordID()
	return db.update(func(tx *bolt.Tx) error {
		if err := db.mayChange(tx, by, r); err != nil {
			return err
		}
		if _, whole := r.(*planner.PatientRecord); whole && by != nil {
			if adv, _ := db.onTeam(tx, by); !adv.Admin {
				return &refused{"Only an admin deletes a patient with all their records: ask one. Nothing was deleted."}
			}
		}
		if err := db.audited(tx, by, r, "deleted"); err != nil {
			return err
		}
		// What is deleted stays in the file's free pages until it is
		// compacted: it is, when the file is next closed.
		if err := tx.Bucket(bucketMeta).Put(keyErase, []byte("1")); err != nil {
			return err
		}
		if _, ok := r.(*planner.PatientRecord); ok {
			if err := db.patientDamage(tx, id); err != nil {
				return err
			}
			gone := tx.Bucket(bucketPatients).Bucket([]byte(id))
			if gone == nil {
				return fmt.Errorf("patient %s: %w", id, ErrNotFound)
			}
			var records [][]byte
			gone.ForEachBucket(func(name []byte) error {
				return gone.Bucket(name).ForEach(func(k, _ []byte) error {
					records = append(records, bytes.Clone(k))
					return nil
				})
			})
			if err := db.forgetPatient(tx, id, append(records, []byte(id))); err != nil {
				return err
			}
			if err := tx.Bucket(bucketPatients).DeleteBucket([]byte(id)); err != nil {
				return err
			}
			return db.dropSummary(tx, id)
		}
		b, err := db.recordBucket(tx, r)
		if err != nil {
			return err
		}
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("%s %s: %w", r.RecordKind(), id, ErrNotFound)
		}
		if err := db.checkUnused(tx, r); err != nil {
			return err
		}
		if _, ok := r.(*planner.CourseRecord); ok {
			if err := db.deleteCourseRecords(tx, r.Owner(), id); err != nil {
				return err
			}
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		if r.Owner() == "" {
			return nil
		}
		return db.refreshSummary(tx, r.Owner())
	})
}

// checkUnused refuses to delete a plan or program that records refer to.
func (db *DB) checkUnused(tx *bolt.Tx, r planner.Record) error {
	id := *r.RecordID()
	switch r.(type) {
	case *planner.PlanRecord:
		f, err := db.loadFile(tx, r.Owner())
		if err != nil {
			return err
		}
		for _, c := range f.Courses {
			if c.PlanID == id {
				return fmt.Errorf("the plan is used by the course %q: choose another plan for it first", c.Name)
			}
		}
	case *planner.Program:
		patients := 0
		err := tx.Bucket(bucketPatients).ForEachBucket(func(patient []byte) error {
			p, err := db.patientBucket(tx, planner.ID(patient))
			if err != nil {
				return err
			}
			apps, err := loadAll[planner.Application](db, p.sub(bucketApplications))
			if err != nil {
				return err
			}
			if slices.ContainsFunc(apps, func(a planner.Application) bool { return a.ProgramID == id }) {
				patients++
			}
			return nil
		})
		switch {
		case err != nil:
			return err
		case patients == 1:
			return errors.New("1 patient has applied to the program (it has applications), so it stays in the catalog: their application keeps its history")
		case patients > 1:
			return fmt.Errorf("%d patients have applied to the program (it has applications), so it stays in the catalog: their applications keep their history", patients)
		}
	}
	return nil
}

// deleteCourseRecords deletes what belongs to a course that is being
// deleted.
func (db *DB) deleteCourseRecords(tx *bolt.Tx, patient, course planner.ID) error {
	p, err := db.patientBucket(tx, patient)
	if err != nil {
		return err
	}
	// ref reads only the CourseID of each record.
	var ref struct{ CourseID planner.ID }
	for _, name := range [][]byte{bucketScenarios, bucketPreAuths, bucketChecklist, bucketDenials, bucketEstimates} {
		b := p.sub(name)
		var doomed [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			ref.CourseID = ""
			if err := db.decode(b, k, v, &ref); err != nil {
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
func (db *DB) LoadPatient(id planner.ID) (planner.PatientFile, error) {
	var f planner.PatientFile
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		f, err = db.loadFile(tx, id)
		return err
	})
	return f, err
}

func (db *DB) loadFile(tx *bolt.Tx, id planner.ID) (planner.PatientFile, error) {
	var f planner.PatientFile
	b, err := db.patientBucket(tx, id)
	if err != nil {
		return f, err
	}
	raw := b.Get(keyRecord)
	if raw == nil {
		return f, fmt.Errorf("patient %s has no record: %w", id, ErrDamaged)
	}
	if err := db.decode(b, keyRecord, raw, &f.Patient); err != nil {
		return f, fmt.Errorf("patient %s: %w", id, err)
	}
	loaders := []error{
		into(&f.Plans)(loadAll[planner.PlanRecord](db, b.sub(bucketPlans))),
		into(&f.Courses)(loadAll[planner.CourseRecord](db, b.sub(bucketCourses))),
		into(&f.Scenarios)(loadAll[planner.ScenarioRecord](db, b.sub(bucketScenarios))),
		into(&f.PreAuthorizations)(loadAll[planner.PreAuthorization](db, b.sub(bucketPreAuths))),
		into(&f.Checklist)(loadAll[planner.ChecklistItem](db, b.sub(bucketChecklist))),
		into(&f.Contacts)(loadAll[planner.Contact](db, b.sub(bucketContacts))),
		into(&f.Denials)(loadAll[planner.Denial](db, b.sub(bucketDenials))),
		into(&f.Estimates)(loadAll[planner.GoodFaithEstimate](db, b.sub(bucketEstimates))),
		into(&f.Tasks)(loadAll[planner.Task](db, b.sub(bucketTasks))),
		into(&f.Applications)(loadAll[planner.Application](db, b.sub(bucketApplications))),
	}
	if err := errors.Join(loaders...); err != nil {
		return f, fmt.Errorf("patient %s: %w", id, err)
	}
	// The programs applied to, by name, for the agenda (none, if the
	// catalog's pages are damaged).
	programs := top(tx, bucketPrograms)
	for _, a := range f.Applications {
		if db.bucketDamage(bucketPrograms) != nil || programs.Bucket == nil {
			break
		}
		if f.ProgramNames == nil {
			f.ProgramNames = map[planner.ID]string{}
		}
		if raw := programs.Get([]byte(a.ProgramID)); raw != nil {
			var p planner.Program
			if err := db.decode(programs, []byte(a.ProgramID), raw, &p); err == nil {
				f.ProgramNames[a.ProgramID] = p.Name
			}
		}
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
func loadAll[T any](db *DB, b shelf) ([]T, error) {
	if b.Bucket == nil {
		return nil, fmt.Errorf("a bucket is missing: %w", ErrDamaged)
	}
	var out []T
	err := b.ForEach(func(k, v []byte) error {
		var rec T
		if err := db.decode(b, k, v, &rec); err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// Programs returns the assistance program catalog.
func (db *DB) Programs() ([]planner.Program, error) {
	var out []planner.Program
	err := db.view(func(tx *bolt.Tx) error {
		if err := db.bucketDamage(bucketPrograms); err != nil {
			return err
		}
		var err error
		out, err = loadAll[planner.Program](db, top(tx, bucketPrograms))
		return err
	})
	return out, err
}

// refreshSummary rewrites a patient's entry in the list index.
func (db *DB) refreshSummary(tx *bolt.Tx, id planner.ID) error {
	f, err := db.loadFile(tx, id)
	if err != nil {
		return err
	}
	s := f.Summary()
	return db.putSummary(tx, &s)
}

func (db *DB) putSummary(tx *bolt.Tx, s *planner.PatientSummary) error {
	index := patientIndex(tx)
	if index.Bucket == nil {
		return errors.New("the patient list index is missing: run carecost check --repair")
	}
	key, plain := []byte(s.ID), marshalSummary(s)
	data, err := db.codec.seal(index.path, key, plain)
	if err != nil {
		return err
	}
	var old []byte // what the ordered indexes hold of the patient
	if db.ordered() {
		old = db.storedSummary(index, key)
	}
	if err := index.Put(key, data); err != nil {
		return err
	}
	return db.putOrdered(tx, s.ID, old, plain)
}

// storedSummary is a patient's list index entry, opened: nil if there is
// none, empty if it does not open.
func (db *DB) storedSummary(index shelf, key []byte) []byte {
	v := index.Get(key)
	if v == nil {
		return nil
	}
	plain, err := db.codec.open(index.path, key, v)
	if err != nil {
		return []byte{}
	}
	return bytes.Clone(plain)
}

// dropSummary takes a patient out of the list index and the ordered
// indexes.
func (db *DB) dropSummary(tx *bolt.Tx, id planner.ID) error {
	index := patientIndex(tx)
	if names, agenda := orderedShelves(tx); db.ordered() && names.Bucket != nil && agenda.Bucket != nil {
		if err := db.dropOrdered(names, agenda, id, db.storedSummary(index, []byte(id))); err != nil {
			return err
		}
	}
	return index.Delete([]byte(id))
}

// viewIndex runs f in a read transaction with the patient list index,
// unless its pages are damaged or it is missing.
func (db *DB) viewIndex(f func(tx *bolt.Tx, index shelf) error) error {
	return db.view(func(tx *bolt.Tx) error {
		index, err := db.indexIn(tx)
		if err != nil {
			return err
		}
		return f(tx, index)
	})
}

// indexIn is the patient list index in tx, unless its pages are damaged or
// it is missing.
func (db *DB) indexIn(tx *bolt.Tx) (shelf, error) {
	if err := db.bucketDamage(bucketIndex); err != nil {
		return shelf{}, err
	}
	index := patientIndex(tx)
	if index.Bucket == nil {
		return shelf{}, errors.New("the patient list index is missing: run carecost check --repair")
	}
	return index, nil
}

// patientIndex is the patient list index, or nil if the file lacks it.
func patientIndex(tx *bolt.Tx) shelf {
	return top(tx, bucketIndex).sub(bucketPatientIndex)
}

// rebuildIndex writes the list index afresh from every patient's records.
func (db *DB) rebuildIndex(tx *bolt.Tx) error {
	index, err := tx.CreateBucketIfNotExists(bucketIndex)
	if err != nil {
		return err
	}
	if err := index.DeleteBucket(bucketPatientIndex); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
		return err
	}
	if _, err := index.CreateBucket(bucketPatientIndex); err != nil {
		return err
	}
	return tx.Bucket(bucketPatients).ForEachBucket(func(id []byte) error {
		return db.refreshSummary(tx, planner.ID(id))
	})
}

// ListPatients returns the patient list, sorted by name, from the index
// alone: no whole record is read. Reading 100,000 entries must stay quick,
// so their text is gathered into one buffer and cut into strings from a
// single allocation, and the few statuses are shared.
func (db *DB) ListPatients() ([]planner.PatientSummary, error) {
	var (
		out   []planner.PatientSummary
		text  []byte
		spans []summarySpans
	)
	err := db.viewIndex(func(tx *bolt.Tx, index shelf) error {
		// Count first, so the slices are made once at their full size:
		// growing them entry by entry copies them over and over.
		n, size := 0, 0
		c := index.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n, size = n+1, size+len(k)+len(v)
		}
		out, spans, text = make([]planner.PatientSummary, 0, n), make([]summarySpans, 0, n), make([]byte, 0, size)
		return db.forEachOpened(index, func(k, plain []byte) error {
			f, err := splitSummary(plain)
			if err != nil {
				return fmt.Errorf("the patient list is damaged (%w): run carecost check --repair", err)
			}
			s := planner.PatientSummary{Status: sharedStatus(f.status), BestNet: f.bestNet, NextDue: f.nextDue}
			var sp summarySpans
			text, sp.id = appendSpan(text, k)
			text, sp.name = appendSpan(text, f.name)
			text, sp.best = appendSpan(text, f.best)
			text, sp.waits = appendSpan(text, f.waits)
			out, spans = append(out, s), append(spans, sp)
			return nil
		})
	})
	all := string(text)
	for i := range out {
		out[i].ID = planner.ID(spans[i].id.of(all))
		out[i].Name = spans[i].name.of(all)
		out[i].Best = spans[i].best.of(all)
		out[i].BestWaits = spans[i].waits.of(all)
	}
	sortSummaries(out)
	return out, err
}

// sortSummaries sorts a patient list as the app shows it: by name, ignoring
// case, then by ID.
func sortSummaries(list []planner.PatientSummary) {
	slices.SortStableFunc(list, func(a, b planner.PatientSummary) int {
		return planner.ComparePatients(a, b)
	})
}

// Agenda returns what is open for every patient, from the list index
// alone, by date (then by the patient's name). Each patient's items are cut
// from one string, gathered in a compact form and sorted by whole numbers:
// a file of 100,000 patients must still open its agenda quickly.
func (db *DB) Agenda() ([]planner.AgendaItem, error) {
	out, err := db.patientAgenda()
	if err != nil {
		return nil, err
	}
	// The catalog's closed funds to check again, after the patients' items
	// of the same day.
	programs, err := db.Programs()
	if err != nil {
		return nil, err
	}
	return planner.MergeReminders(out, planner.FundReminders(programs)), nil
}

// patientAgenda is every patient's agenda items, by date (then by the
// patient's name), read from the list index whole.
func (db *DB) patientAgenda() ([]planner.AgendaItem, error) { return db.agendaOf(nil) }

// agendaOf is the agenda items of the patients named (of every patient,
// for nil), by date, then by the patient's name.
func (db *DB) agendaOf(ids []planner.ID) ([]planner.AgendaItem, error) {
	type patient struct{ id, name string }
	type entry struct {
		due     planner.Date
		kind    planner.AgendaKind
		what    string
		patient int32 // index into patients, then the patient's rank by name
		seq     int32 // the item's place in its patient's agenda
	}
	var (
		entries  []entry
		patients []patient
		items    []planner.AgendaItem // one patient's, reused
	)
	err := db.viewIndex(func(tx *bolt.Tx, index shelf) error {
		each := func(k, plain []byte) error {
			f, err := splitSummary(plain)
			if err == nil && len(f.agenda) > 0 {
				if items, err = appendAgenda(items[:0], string(f.agenda)); err == nil {
					for i, it := range items {
						entries = append(entries, entry{it.Due, it.Kind, it.What, int32(len(patients)), int32(i)})
					}
					patients = append(patients, patient{string(k), string(f.name)})
				}
			}
			if err != nil {
				return fmt.Errorf("the patient list is damaged (%w): run carecost check --repair", err)
			}
			return nil
		}
		if ids == nil {
			return db.forEachOpened(index, each)
		}
		for _, id := range ids {
			if v := index.Get([]byte(id)); v != nil {
				plain, err := db.codec.open(index.path, []byte(id), v)
				if err == nil {
					err = each([]byte(id), plain)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Rank the patients by name once; the entries then sort by date and rank.
	order := make([]int32, len(patients))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(planner.CompareNames(patients[a].name, patients[b].name), strings.Compare(patients[a].id, patients[b].id))
	})
	rank := make([]int32, len(patients))
	for r, p := range order {
		rank[p] = int32(r)
	}
	for i := range entries {
		entries[i].patient = rank[entries[i].patient]
	}
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.due, b.due), cmp.Compare(a.patient, b.patient), cmp.Compare(a.seq, b.seq))
	})
	out := make([]planner.AgendaItem, len(entries))
	for i, e := range entries {
		p := &patients[order[e.patient]]
		out[i] = planner.AgendaItem{PatientID: planner.ID(p.id), Patient: p.name, Due: e.due, Kind: e.kind, What: e.what}
	}
	return out, nil
}

// span is where a string lies in ListPatients' buffer.
type span struct{ start, end int }

func (s span) of(all string) string { return all[s.start:s.end] }

type summarySpans struct{ id, name, best, waits span }

func appendSpan(buf, b []byte) ([]byte, span) {
	start := len(buf)
	buf = append(buf, b...)
	return buf, span{start, len(buf)}
}
