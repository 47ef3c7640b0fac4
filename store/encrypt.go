package store

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/crypto/chacha20poly1305"

	bolt "go.etcd.io/bbolt"
)

// copyBatch is how many values a copy of the file writes per transaction:
// a copy of a large file is made in steps, since the new file is nobody's
// until it is put in place.
const copyBatch = 20_000

// Encrypt makes the open file an encrypted one: a new file is written
// beside it with every value sealed under a new data key that the
// passphrase unlocks, checked, and put in its place; the DB then works on
// it. The new file never held plain text, so none is left in its free
// pages. Backups made before are still plain: the caller should say so.
func (db *DB) Encrypt(passphrase []byte, cost KeyCost) error {
	if db.header != nil {
		return fmt.Errorf("%s is already encrypted: carecost passphrase changes its passphrase", db.path)
	}
	return db.rekey(passphrase, cost)
}

// ChangePassphrase seals the encrypted file anew under a new data key,
// wrapped under the new passphrase at cost, in a new file put in its
// place: the old passphrase opens neither the file nor anything written
// to it from now on (backups made before still open with it).
func (db *DB) ChangePassphrase(old, passphrase []byte, cost KeyCost) error {
	if db.header == nil {
		return fmt.Errorf("%s is not encrypted: carecost encrypt encrypts it", db.path)
	}
	if _, err := db.header.unwrap(old); err != nil {
		return err
	}
	return db.rekey(passphrase, cost)
}

// rekey writes the file anew with every value sealed under a new data
// key, wrapped under passphrase.
func (db *DB) rekey(passphrase []byte, cost KeyCost) error {
	if db.bolt.IsReadOnly() {
		return errors.New("the file is open read-only: nothing was changed")
	}
	dataKey := make([]byte, chacha20poly1305.KeySize)
	if _, err := rand.Read(dataKey); err != nil {
		return err
	}
	header, err := newHeader(passphrase, dataKey, cost)
	if err != nil {
		return err
	}
	sealer, err := newSealCodec(dataKey)
	if err != nil {
		return err
	}
	return db.replaceWith(dataKey, func(src *bolt.Tx, dst *bolt.DB) error {
		return db.copyInto(src, dst, header, sealer)
	})
}

// Compact writes the file anew, with only what it holds now, and puts it
// in place: what deleted records left in its free pages is gone.
func (db *DB) Compact() error {
	if db.bolt.IsReadOnly() {
		return errors.New("the file is open read-only: nothing was changed")
	}
	return db.replaceWith(db.dataKey, func(src *bolt.Tx, dst *bolt.DB) error {
		return db.copyInto(src, dst, db.header, nil)
	})
}

// replaceWith writes a new file beside the open one with write, checks
// it (unlocked with key, for an encrypted one), and puts it in place of
// the open file (of the file a link names, if the path is a link), which
// the DB then works on. No other transaction of the DB runs meanwhile, so
// nothing saved is left behind; the new file is held (locked) before it
// is moved into place, so no other carecost can take it first. The open
// file is unchanged, and still used, if anything fails.
func (db *DB) replaceWith(key []byte, write func(src *bolt.Tx, dst *bolt.DB) error) (err error) {
	target, err := db.target()
	if err != nil {
		return err
	}
	if err := db.soundPages(); err != nil {
		return err
	}
	db.swap.Lock()
	defer db.swap.Unlock()
	dir, base := filepath.Dir(target), filepath.Base(target)
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w; nothing was changed", target, plainSyscall(err))
	}
	tmp := f.Name()
	f.Close()
	unfinished.add(tmp)
	defer unfinished.remove(tmp)
	var held *bolt.DB // the new file, once checked
	defer func() {
		if err != nil {
			if held != nil {
				held.Close()
			}
			os.Remove(tmp)
		}
	}()
	// The new file is synced once, whole, before it is checked: its own
	// commits on the way (an import's batches) need not wait for the disk.
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second, InitialMmapSize: db.copySize(), NoSync: true})
	if err != nil {
		return err
	}
	err = guard(func() error { return db.bolt.View(func(src *bolt.Tx) error { return write(src, dst) }) })
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write the new file: %w; nothing was changed", err)
	}
	check, err := Open(tmp, Options{Damaged: true, key: key})
	if err != nil {
		return fmt.Errorf("the new file cannot be read back (%w); nothing was changed", err)
	}
	var problems []string
	check.view(func(tx *bolt.Tx) error { problems = check.problems(tx); return nil })
	codec, header, dataKey := check.codec, check.header, check.dataKey
	check.Close()
	if len(problems) > 0 {
		return fmt.Errorf("the new file has problems (%s); nothing was changed", problems[0])
	}
	if held, err = bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second, MaxSize: db.maxSize}); err != nil {
		return fmt.Errorf("the new file cannot be opened (%w); nothing was changed", err)
	}
	if err = os.Rename(tmp, target); err != nil {
		return fmt.Errorf("cannot put the new file in place of %s: %w; nothing was changed", target, plainSyscall(err))
	}
	syncDir(dir)
	old := db.bolt
	db.bolt, db.codec, db.header, db.dataKey = held, codec, header, dataKey
	db.damage.note(nil, true) // just checked, every page
	old.Close()
	return nil
}

// target is the file the DB's path names: a link's target. A file with
// another name (a hard link) cannot be replaced without parting the two.
func (db *DB) target() (string, error) {
	target, err := filepath.EvalSymlinks(db.path)
	if err != nil {
		return "", fmt.Errorf("cannot find %s: %w; nothing was changed", db.path, plainSyscall(err))
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", fmt.Errorf("cannot find %s: %w; nothing was changed", db.path, plainSyscall(err))
	}
	if n := linkCount(info); n > 1 {
		return "", fmt.Errorf("%s has %d names (hard links): carecost can only write it anew under one; remove the others, or copy it, first; nothing was changed", db.path, n)
	}
	return target, nil
}

// soundPages refuses a file with damaged pages, which a copy would read.
func (db *DB) soundPages() error {
	if err := db.verifyDeep(nil); err != nil {
		return err
	}
	db.damage.Lock()
	found := slices.Clone(db.damage.found)
	db.damage.Unlock()
	if len(found) > 0 {
		return fmt.Errorf("%s is %w (%s): carecost rescue NEWFILE copies everything still readable into a new file", db.path, ErrDamaged, found[0].detail())
	}
	return nil
}

// copyInto copies the file's meta bucket (with header as its crypto
// header, or none) and every value of the patients, the list index and
// the catalog, as src holds them, into dst, in steps. With sealer, each
// value is opened with the file's codec and sealed with it; without,
// values are copied as they are.
func (db *DB) copyInto(src *bolt.Tx, dst *bolt.DB, header *cryptoHeader, sealer codec) (err error) {
	var reseal func(bucket string, k, v []byte) ([]byte, error)
	if sealer != nil {
		reseal = func(bucket string, k, v []byte) ([]byte, error) {
			plain, err := db.codec.open(bucket, k, v)
			if err != nil {
				return nil, err
			}
			return sealer.seal(bucket, k, plain)
		}
	}
	// An encrypted file keeps no index whose keys would be readable.
	w := &copier{db: dst, reseal: reseal, sealed: header != nil, tell: db.tell, total: db.patientsToTell(src)}
	if err := w.begin(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			w.tx.Rollback() // or dst could not be closed
		}
	}()
	meta, err := w.tx.CreateBucket(bucketMeta)
	if err != nil {
		return err
	}
	if err := src.Bucket(bucketMeta).ForEach(func(k, v []byte) error {
		if string(k) == string(keyCrypto) || string(k) == string(keyErase) {
			return nil // the copy holds nothing deleted
		}
		return meta.Put(k, v)
	}); err != nil {
		return err
	}
	if header != nil {
		raw, err := json.Marshal(header)
		if err != nil {
			return err
		}
		if err := meta.Put(keyCrypto, raw); err != nil {
			return err
		}
	}
	for _, name := range valueBuckets {
		if err := w.bucket(top(src, name), [][]byte{name}); err != nil {
			return err
		}
	}
	return w.tx.Commit()
}

// copier writes a copy of buckets into a new file, committing every
// copyBatch values.
type copier struct {
	db     *bolt.DB
	tx     *bolt.Tx
	n      int
	reseal func(bucket string, k, v []byte) ([]byte, error)
	sealed bool // the copy is encrypted: the ordered indexes stay behind
	// tell hears of each patient copied, of total.
	tell        func(step string, done, total int)
	done, total int
}

func (w *copier) begin() (err error) {
	w.tx, err = w.db.Begin(true)
	return err
}

// dest is the bucket at path in the current transaction. Its pages are
// filled: the copy puts keys in their order, so none is split to make room
// for one after it.
func (w *copier) dest(path [][]byte) (*bolt.Bucket, error) {
	b, err := w.tx.CreateBucketIfNotExists(path[0])
	for _, name := range path[1:] {
		if err != nil {
			return nil, err
		}
		b, err = b.CreateBucketIfNotExists(name)
	}
	if b != nil {
		b.FillPercent = 0.95
	}
	return b, err
}

// copySize is how much of memory a copy of the file is mapped into from
// the start: the file's size, so that the copy is never mapped again as
// it grows (each time, bbolt would go over every page held in memory).
func (db *DB) copySize() int {
	if info, err := os.Stat(db.path); err == nil {
		return int(min(info.Size(), 1<<34))
	}
	return 0
}

// bucket copies src, whose path from the top is path, with everything
// inside it.
func (w *copier) bucket(src shelf, path [][]byte) error {
	if src.Bucket == nil {
		return nil
	}
	if _, err := w.dest(path); err != nil {
		return err
	}
	values, subs := src.contents()
	for _, kv := range values {
		v := kv.v
		if w.reseal != nil {
			var err error
			if v, err = w.reseal(src.path, kv.k, kv.v); err != nil {
				return err
			}
		}
		b, err := w.dest(path)
		if err != nil {
			return err
		}
		if err := b.Put(kv.k, v); err != nil {
			return err
		}
		if w.n++; w.n%copyBatch == 0 {
			if err := w.tx.Commit(); err != nil {
				return err
			}
			if err := w.begin(); err != nil {
				return err
			}
		}
	}
	for _, name := range subs {
		sub := append(slices.Clone(path), name)
		if w.sealed && isOrderedIndex(sub) {
			continue
		}
		if len(sub) == 2 && bytes.Equal(sub[0], bucketPatients) {
			w.done++
			w.tell("Copying", w.done, w.total)
		}
		if err := w.bucket(src.sub(name), sub); err != nil {
			return err
		}
	}
	return nil
}
