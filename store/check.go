package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check opens the file at path read-only and looks for anything wrong: a
// damaged page, a record that cannot be read or that belongs elsewhere, a
// list index that disagrees with the records. It returns each problem in
// words; none means the file is sound. The error is for a file it cannot
// open at all.
func Check(path string) ([]string, error) {
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var problems []string
	err = db.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problems = append(problems, "the file's structure is damaged: "+err.Error())
		}
		problems = append(problems, db.checkRecords(tx)...)
		return nil
	})
	return problems, err
}

// Repair rebuilds the patient list index from the records, in one
// transaction. It is what `carecost check --repair` runs when the index
// disagrees with the records.
func (db *DB) Repair() error {
	return db.update(db.rebuildIndex)
}

// checkRecords decodes every record and compares the index with them.
func (db *DB) checkRecords(tx *bolt.Tx) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for _, name := range [][]byte{bucketMeta, bucketPatients, bucketPrograms, bucketIndex} {
		if tx.Bucket(name) == nil {
			add("the %s bucket is missing", name)
			return problems
		}
	}
	if v, err := schemaVersion(tx.Bucket(bucketMeta)); err != nil || v != len(migrations) {
		add("the schema version is %d, not %d: open the file with carecost to bring it up to date", v, len(migrations))
	}
	index := patientIndex(tx)
	if index == nil {
		add("the patient list index is missing: run carecost check --repair")
		return problems
	}
	patients := tx.Bucket(bucketPatients)
	patients.ForEachBucket(func(id []byte) error {
		f, err := db.loadFile(tx, ID(id))
		if err != nil {
			add("patient %s cannot be read: %v", id, err)
			return nil
		}
		for _, r := range f.children() {
			if r.owner() != ID(id) {
				add("a %s (%s) kept under patient %s says it belongs to patient %s", r.kind(), *r.id(), id, r.owner())
			}
		}
		if f.Patient.ID != ID(id) {
			add("patient %s's record says its ID is %s", id, f.Patient.ID)
		}
		want := summarize(&f)
		raw := index.Get(id)
		if raw == nil {
			add("patient %s is missing from the patient list index: run carecost check --repair", id)
			return nil
		}
		plain, err := db.codec.open(raw)
		if err != nil || !bytes.Equal(plain, want.marshal()) {
			add("patient %s's entry in the patient list index is out of date: run carecost check --repair", id)
		}
		return nil
	})
	index.ForEach(func(id, _ []byte) error {
		if patients.Bucket(id) == nil {
			add("the patient list index names patient %s, who is not in the file: run carecost check --repair", id)
		}
		return nil
	})
	if _, err := loadAll[Program](db, tx.Bucket(bucketPrograms)); err != nil {
		add("the program catalog cannot be read: %v", err)
	}
	return problems
}

// children returns every record that belongs to the patient, apart from
// the patient's own.
func (f *PatientFile) children() []Record {
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
