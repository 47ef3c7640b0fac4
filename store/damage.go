package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// deepAtOpen is the largest file whose every page is verified when it is
// opened (about 20 ms): in a larger one each patient's pages are verified
// the first time the patient is read, and the whole file by check,
// backup, export, import and rescue.
var deepAtOpen int64 = 64 << 20

// quickAtOpen is the smallest file whose pages are verified in two steps
// when it is opened (see verifyOpening): what the list's first page needs
// before Open returns, and the rest in the background, before any other
// read or write. Below it (about 10,000 patients), verifying is a few
// milliseconds, done at once.
var quickAtOpen int64 = 128 << 20

// verification is the verifying of a large file's pages that goes on
// after Open has returned.
type verification struct {
	done chan struct{}
	err  error // what it found that keeps the file from being read; set before done is closed
}

// verifyRest verifies the pages verifyOpening left, behind Open, and notes
// what it finds. Until it is done, every read and write waits for it (see
// waitVerified) but Open's own reads of the meta bucket and the first page
// of the list (FirstPatients), which verifies what it reads itself.
// Nothing is written to the file meanwhile, so what is verified is what
// is read afterwards.
func (db *DB) verifyRest() {
	v := &verification{done: make(chan struct{})}
	db.verifying = v
	go func() {
		defer close(v.done)
		found, err := verifyPages(db.path, true)
		if err != nil {
			v.err = fmt.Errorf("cannot read %s (%v): close carecost and open it again", db.path, err)
			return
		}
		db.damage.note(found, false)
		if p, ok := db.damage.outsidePatients(); ok {
			v.err = damagedFile(db.path, p)
		}
	}()
}

// waitVerified waits until the file's pages are all verified, and says
// what keeps it from being read, if anything.
func (db *DB) waitVerified() error {
	if v := db.verifying; v != nil {
		<-v.done
		return v.err
	}
	return nil
}

// verified says whether the file's pages are all verified by now.
func (db *DB) verified() bool {
	if v := db.verifying; v != nil {
		select {
		case <-v.done:
		default:
			return false
		}
	}
	return true
}

// damagedFile is the refusal of a file damaged outside its patients'
// buckets.
func damagedFile(path string, p PageProblem) error {
	return fmt.Errorf("%s is %w %s; carecost rescue NEWFILE copies everything still readable into a new file", path, ErrDamaged, p.detail())
}

// damage is what verifyPages found in the file that bbolt cannot follow
// safely, by the bucket it is in: "patients/ID" for a patient's, a
// top-level bucket's name, or "" for the file's own pages. Nothing reads
// inside a damaged bucket.
type damage struct {
	sync.Mutex
	found []PageProblem
	in    map[string]PageProblem
	// shallow: the patients' buckets were not all verified; each is
	// verified before it is first read, and then listed in sound.
	shallow bool
	sound   map[planner.ID]bool
	// alone counts the patients verified one by one (see patientDamage).
	alone int
	// madeIDs are the patients whose buckets the write transaction madeTx
	// makes: bbolt's own, not yet in the file.
	madeTx  *bolt.Tx
	madeIDs map[planner.ID]bool
}

// note keeps what verifyPages found; deep says it read every page.
func (d *damage) note(found []PageProblem, deep bool) {
	d.Lock()
	defer d.Unlock()
	d.found, d.in, d.shallow = found, map[string]PageProblem{}, !deep
	for _, p := range found {
		if _, ok := d.in[damagedBucket(p.Bucket)]; !ok {
			d.in[damagedBucket(p.Bucket)] = p
		}
	}
}

// damagedBucket is the bucket whose records a problem at path makes
// unreadable: a patient's, or a top-level bucket.
func damagedBucket(path string) string {
	if rest, ok := strings.CutPrefix(path, string(patientsPrefix)); ok {
		id, _, _ := strings.Cut(rest, "/")
		return string(patientsPrefix) + id
	}
	top, _, _ := strings.Cut(path, "/")
	return top
}

// outsidePatients is the first problem that is not confined to one
// patient's bucket, if any: the file's own pages first, then its meta
// bucket, then any other.
func (d *damage) outsidePatients() (PageProblem, bool) {
	d.Lock()
	defer d.Unlock()
	for _, b := range []string{"", string(bucketMeta)} {
		if p, ok := d.in[b]; ok {
			return p, true
		}
	}
	for _, p := range d.found {
		if !strings.HasPrefix(damagedBucket(p.Bucket), string(patientsPrefix)) {
			return p, true
		}
	}
	return PageProblem{}, false
}

// bucketDamage says whether the top-level bucket name, or the file
// itself, is damaged.
func (db *DB) bucketDamage(name []byte) error {
	db.damage.Lock()
	defer db.damage.Unlock()
	for _, b := range []string{"", string(name)} {
		if p, ok := db.damage.in[b]; ok {
			return fmt.Errorf("%w (carecost rescue NEWFILE copies everything still readable into a new file)", p)
		}
	}
	return nil
}

// verifyWholeAfter is how many patients are verified one by one before
// the rest of the file is verified at once: at 100,000 patients, the
// whole file takes as long as about 2,500 patients one by one.
var verifyWholeAfter = 500

// patientDamage says whether the bucket of patient id is damaged, first
// verifying its pages if the file was opened without that. It must be
// asked before anything inside the bucket is read.
func (db *DB) patientDamage(tx *bolt.Tx, id planner.ID) error {
	if err := db.bucketDamage(bucketPatients); err != nil {
		return err
	}
	db.damage.Lock()
	p, damaged := db.damage.in[string(patientsPrefix)+string(id)]
	verify := db.damage.shallow && !db.damage.sound[id]
	db.damage.Unlock()
	if damaged {
		return patientDamaged(id, p)
	}
	if !verify {
		return nil
	}
	// A task that reads patient after patient (a report of all, the
	// month's outcomes) has the whole file verified once: mapping the file
	// for each patient's pages took four times as long as reading the
	// patient.
	db.damage.Lock()
	db.damage.alone++
	whole := db.damage.alone == verifyWholeAfter
	db.damage.Unlock()
	if whole {
		if err := db.verifyDeep(tx); err != nil {
			return err
		}
		return db.patientDamage(tx, id)
	}
	b := tx.Bucket(bucketPatients).Bucket([]byte(id))
	if b == nil {
		if tx.Writable() {
			// Not in the file: a bucket the transaction makes for it is
			// bbolt's own, in memory (kept inline) until it commits.
			db.damage.made(tx, id)
		}
		return nil // not in the file: the caller says so
	}
	if db.damage.madeIn(tx, id) {
		return nil
	}
	var err error
	if root := uint64(b.Root()); root == 0 {
		// A bucket holding buckets is never kept inside its parent.
		err = errors.New("it is kept inline, as no patient's is")
	} else {
		err = verifyTree(db.path, root, string(patientsPrefix)+string(id))
	}
	if err != nil {
		var p PageProblem
		if !errors.As(err, &p) {
			p = PageProblem{Bucket: string(patientsPrefix) + string(id), Err: err}
		}
		return patientDamaged(id, p)
	}
	db.damage.markSound(id)
	return nil
}

// made notes that patient id had no bucket when the write transaction tx
// looked: one it makes is bbolt's own. It holds for tx alone, which may
// yet be rolled back (see forget).
func (d *damage) made(tx *bolt.Tx, id planner.ID) {
	d.Lock()
	defer d.Unlock()
	if d.madeTx != tx {
		d.madeTx, d.madeIDs = tx, map[planner.ID]bool{}
	}
	d.madeIDs[id] = true
}

// madeIn says whether tx made patient id's bucket.
func (d *damage) madeIn(tx *bolt.Tx, id planner.ID) bool {
	d.Lock()
	defer d.Unlock()
	return d.madeTx == tx && d.madeIDs[id]
}

// forget ends what made noted for tx, once it has committed or rolled
// back.
func (d *damage) forget(tx *bolt.Tx) {
	d.Lock()
	defer d.Unlock()
	if d.madeTx == tx {
		d.madeTx, d.madeIDs = nil, nil
	}
}

// markSound notes that patient id's bucket has been verified.
func (d *damage) markSound(id planner.ID) {
	d.Lock()
	defer d.Unlock()
	if d.sound == nil {
		d.sound = map[planner.ID]bool{}
	}
	d.sound[id] = true
}

func patientDamaged(id planner.ID, p PageProblem) error {
	return fmt.Errorf("patient %s cannot be read (%w): carecost rescue NEWFILE copies everything still readable into a new file", id, p)
}

// Unwrap makes every page problem ErrDamaged.
func (p PageProblem) Unwrap() error { return ErrDamaged }

// verifyDeep verifies every page of the file as tx sees it, if Open did
// not, and notes what it finds; with no tx, in a read transaction of its
// own. Its pages are read from tx's meta page, not the file's: another
// writer may commit meanwhile, and pages of the file's latest commit, read
// by no open transaction, may be handed on to the next and written over
// while they are read.
func (db *DB) verifyDeep(tx *bolt.Tx) error {
	if tx == nil {
		return db.view(db.verifyDeep)
	}
	if err := db.waitVerified(); err != nil {
		return err
	}
	db.damage.Lock()
	shallow := db.damage.shallow
	db.damage.Unlock()
	if !shallow {
		return nil
	}
	metas, err := metaPages(tx, uint64(db.bolt.Info().PageSize))
	if err != nil {
		return err
	}
	found, err := verifyPagesAt(db.path, metas[metaOffset:metaEnd])
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", db.path, err)
	}
	db.damage.note(found, true)
	return nil
}
