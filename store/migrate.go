package store

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
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
	{"seal every value with a checksum of it and its place", (*DB).sealValues},
	{"add the team's records and the audit trail", createTeamBuckets},
	{"keep the patient list by name and the agenda by date", (*DB).rebuildOrdered},
}

// checksumSchema is the first schema version whose values carry a
// checksum (checksumCodec); the values of an older file are read as they
// are.
const checksumSchema = 6

// codecFor is the codec for the values of a file of the schema version.
func codecFor(version int) codec {
	if version < checksumSchema {
		return rawCodec{}
	}
	return checksumCodec{}
}

// SchemaVersion is the version of the files this carecost writes.
var SchemaVersion = len(migrations)

func (db *DB) migrate() error {
	// Most opens find the file up to date: look first, so that opening
	// writes nothing.
	current := false
	if err := db.viewNow(func(tx *bolt.Tx) error {
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
	before := db.codec
	err := db.update(func(tx *bolt.Tx) error {
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
		if db.header == nil {
			db.codec = codecFor(version)
		}
		for _, m := range migrations[version:] {
			if err := m.apply(db, tx); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(len(migrations))))
	})
	if err != nil {
		db.codec = before // nothing was migrated
	}
	return err
}

// useFileCodec reads the file's schema version and encryption header and
// sets the codec its values need: an encrypted file's is unlocked with
// the passphrase.
func (db *DB) useFileCodec(passphrase []byte) error {
	version := len(migrations)
	var header *cryptoHeader
	var headerErr error
	if err := db.viewNow(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			version, _ = schemaVersion(meta)
		}
		header, headerErr = readHeader(tx)
		return nil
	}); err != nil {
		return err
	}
	switch {
	case headerErr != nil:
		return fmt.Errorf("%s cannot be opened: %w", db.path, headerErr)
	case header == nil:
		db.codec = codecFor(version)
		return nil
	case passphrase == nil:
		return fmt.Errorf("%s %w", db.path, ErrNeedsPassphrase)
	}
	key, err := header.unwrap(passphrase)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w; nothing was changed", db.path, err)
	}
	c, err := newSealCodec(key)
	if err != nil {
		return err
	}
	db.codec, db.header, db.dataKey = c, header, key
	return nil
}

// useFileKey is useFileCodec for a file whose data key is known (nil for
// a plain one).
func (db *DB) useFileKey(key []byte) error {
	if key == nil {
		return db.useFileCodec(nil)
	}
	var header *cryptoHeader
	var err error
	db.view(func(tx *bolt.Tx) error {
		header, err = readHeader(tx)
		return nil
	})
	if err != nil || header == nil {
		return fmt.Errorf("%s has no encryption header to go with its key", db.path)
	}
	c, err := newSealCodec(key)
	if err != nil {
		return err
	}
	db.codec, db.header, db.dataKey = c, header, key
	return nil
}

// Encrypted says whether the file's values are encrypted.
func (db *DB) Encrypted() bool { return db.header != nil }

// Unlock says whether passphrase is the encrypted file's (ErrWrongPassphrase
// if not); a plain file needs none, and any unlocks it.
func (db *DB) Unlock(passphrase []byte) error {
	if db.header == nil {
		return nil
	}
	_, err := db.header.unwrap(passphrase)
	return err
}

// sealValues is version 6: every value of the patients, the list index
// and the program catalog is sealed with a checksum of it and its place,
// so damage is found when a value is read.
func (db *DB) sealValues(tx *bolt.Tx) error {
	// A patient's damaged pages are not to be walked.
	if patients := top(tx, bucketPatients); patients.Bucket != nil {
		_, ids := patients.contents()
		for _, id := range ids {
			if err := db.patientDamage(tx, planner.ID(id)); err != nil {
				return err
			}
		}
	}
	sealed := checksumCodec{}
	if err := rewriteValues(tx, sealed.seal); err != nil {
		return err
	}
	db.codec = sealed
	return nil
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
