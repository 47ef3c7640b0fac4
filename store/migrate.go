package store

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// migration is one step of the file's schema. The file's schema version is
// the number of migrations it has had; Open applies the missing ones in
// order, all in one transaction, so a file is never half migrated.
type migration struct {
	name  string
	apply func(db *DB, tx *bolt.Tx) error
}

// migrations is every schema change, oldest first. Append only: a released
// migration never changes.
var migrations = []migration{
	{"create the buckets", createBuckets},
	{"add the patient list index", buildPatientIndex},
	{"keep each patient's agenda in the list index", (*DB).rebuildIndex},
	{"give each agenda item its kind", (*DB).rebuildIndex},
	{"name the best plan available now in the list index", (*DB).rebuildIndex},
}

// SchemaVersion is the version of the files this carecost writes.
var SchemaVersion = len(migrations)

func (db *DB) migrate() error {
	// Most opens find the file up to date: look first, so that opening
	// writes nothing.
	current := false
	if err := db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v, err := schemaVersion(meta)
		current = err == nil && v == len(migrations)
		return nil
	}); err != nil {
		return err
	}
	if current {
		return nil
	}
	return db.update(func(tx *bolt.Tx) error {
		if err := checkHeader(tx, db.path); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		version := 0
		if meta != nil {
			var err error
			if version, err = schemaVersion(meta); err != nil {
				return err
			}
		}
		if version == len(migrations) {
			return nil
		}
		for _, m := range migrations[version:] {
			if err := m.apply(db, tx); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(len(migrations))))
	})
}

// createBuckets is version 1: the top-level buckets and the app marker.
func createBuckets(_ *DB, tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketPatients, bucketPrograms} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keyApp, []byte(appName))
}

// buildPatientIndex is version 2: the patient list reads a compact index
// instead of whole records; this builds it for the patients already there.
func buildPatientIndex(db *DB, tx *bolt.Tx) error {
	index, err := tx.CreateBucketIfNotExists(bucketIndex)
	if err != nil {
		return err
	}
	if _, err := index.CreateBucketIfNotExists(bucketPatientIndex); err != nil {
		return err
	}
	return db.rebuildIndex(tx)
}
