package store

import (
	"carecost/planner"

	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check opens the file at path read-only and looks for anything wrong: a
// damaged page, a record that cannot be read or that belongs elsewhere, a
// list index that disagrees with the records. It returns each problem in
// words; none means the file is sound. The error is for a file it cannot
// open at all.
func Check(path string) ([]string, error) { return check(path, false) }

// checkCopy is Check for a backup: a copy of an older file is as sound as
// the file, so its older schema (and its index, in that schema's format)
// is no problem.
func checkCopy(path string) ([]string, error) { return check(path, true) }

func check(path string, copyOf bool) ([]string, error) {
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.copyOf = copyOf
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
	v, err := schemaVersion(tx.Bucket(bucketMeta))
	older := err == nil && v < len(migrations) && db.copyOf
	if (err != nil || v != len(migrations)) && !older {
		add("the schema version is %d, not %d: open the file with carecost to bring it up to date", v, len(migrations))
	}
	index := patientIndex(tx)
	if index == nil {
		add("the patient list index is missing: run carecost check --repair")
		return problems
	}
	patients := tx.Bucket(bucketPatients)
	patients.ForEachBucket(func(id []byte) error {
		f, err := db.loadFile(tx, planner.ID(id))
		if err != nil {
			add("patient %s cannot be read: %v (carecost rescue NEWFILE copies everything still readable into a new file)", id, err)
			return nil
		}
		for _, r := range f.Children() {
			if r.Owner() != planner.ID(id) {
				add("a %s (%s) kept under patient %s says it belongs to patient %s", r.RecordKind(), *r.RecordID(), id, r.Owner())
			}
		}
		if f.Patient.ID != planner.ID(id) {
			add("patient %s's record says its ID is %s", id, f.Patient.ID)
		}
		if older {
			return nil // an older file's index is in its own format; opening it makes it anew
		}
		want := f.Summary()
		raw := index.Get(id)
		if raw == nil {
			add("patient %s is missing from the patient list index: run carecost check --repair", id)
			return nil
		}
		plain, err := db.codec.open(raw)
		if err != nil || !bytes.Equal(plain, marshalSummary(&want)) {
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
	if _, err := loadAll[planner.Program](db, tx.Bucket(bucketPrograms)); err != nil {
		add("the program catalog cannot be read: %v", err)
	}
	return problems
}
