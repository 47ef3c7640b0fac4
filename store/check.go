package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// Check opens the file at path read-only and looks for anything wrong: a
// damaged page, a record that cannot be read or that belongs elsewhere, a
// list index that disagrees with the records. It returns each problem in
// words; none means the file is sound. The error is for a file it cannot
// open at all.
func Check(path string) ([]string, error) { return check(path, Options{}, false) }

// CheckWith is Check for an encrypted file, unlocked with passphrase.
func CheckWith(path string, passphrase []byte) ([]string, error) {
	return check(path, Options{Passphrase: passphrase}, false)
}

// checkCopy is Check for a backup, unlocked with the data key of the file
// it copies (nil for a plain one): a copy of an older file is as sound as
// the file, so its older schema (and its index, in that schema's format)
// is no problem.
func checkCopy(path string, key []byte, progress func(string, int, int)) ([]string, error) {
	return check(path, Options{key: key, Progress: progress}, true)
}

// CheckOptions is Check with options of its own: a passphrase, a listener
// for its progress.
func CheckOptions(path string, opt Options) ([]string, error) { return check(path, opt, false) }

func check(path string, opt Options, copyOf bool) ([]string, error) {
	opt.Damaged = true
	db, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.copyOf = copyOf
	var problems []string
	err = db.view(func(tx *bolt.Tx) error {
		problems = db.problems(tx)
		return nil
	})
	return problems, err
}

// problems is every problem Check finds, in tx.
func (db *DB) problems(tx *bolt.Tx) []string {
	if err := db.verifyDeep(tx); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	db.damage.Lock()
	found := slices.Clone(db.damage.found)
	db.damage.Unlock()
	for _, p := range found {
		problems = append(problems, p.Error()+rescueHint)
	}
	if len(found) > 0 {
		return append(problems, db.checkRecords(tx)...)
	}
	// bbolt's own check follows every page, on a goroutine of its own
	// (only a file whose pages are all sound is safe for it). A copy's
	// records are checked on this one meanwhile: a read transaction may
	// be read from both, and a copy's check begins no other transaction
	// (bbolt's check reads a read-only file's free list as it starts,
	// unguarded from a transaction begun then). A write transaction
	// keeps the buckets it opens, and is read from one goroutine at a
	// time.
	alongside := db.copyOf && !tx.Writable()
	structure := tx.Check()
	// However this ends (a panic in checkRecords is caught by the
	// caller), bbolt's check is waited for before the transaction is.
	defer func() {
		for range structure {
		}
	}()
	var records []string
	if alongside {
		records = db.checkRecords(tx)
	}
	for err := range structure {
		problems = append(problems, "the file's structure is damaged: "+err.Error())
	}
	if !alongside {
		records = db.checkRecords(tx)
	}
	return append(problems, records...)
}

// rescueHint ends a problem that only a rescue can mend.
const rescueHint = " (carecost rescue NEWFILE copies everything still readable into a new file)"

// mustBeSound refuses to write into a file with problems, since what is
// written would mix with what is damaged: the file must be mended
// (repaired, or rescued into a new one) first. what is what was not done.
func (db *DB) mustBeSound(tx *bolt.Tx, what string) error {
	problems := db.problems(tx)
	if len(problems) == 0 {
		return nil
	}
	first := problems[0]
	if len(problems) > 1 {
		first = fmt.Sprintf("%d problems; the first: %s", len(problems), first)
	}
	return fmt.Errorf("%s %w (%s): run carecost check to see what is wrong and mend it first; %s",
		db.path, ErrDamaged, first, what)
}

// Repair rebuilds the patient list index from the records, and the
// ordered indexes from it, in one transaction. It is what `carecost check
// --repair` runs when the index disagrees with the records.
func (db *DB) Repair() error {
	return db.update(func(tx *bolt.Tx) error {
		// Dropped first, so that nothing of the old entries is left in
		// them, and made last, from the new entries.
		if index := tx.Bucket(bucketIndex); index != nil {
			if err := dropOrderedBuckets(index); err != nil {
				return err
			}
		}
		if err := db.rebuildIndex(tx); err != nil {
			return err
		}
		return db.rebuildOrdered(tx)
	})
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
	// What is in a bucket whose pages are damaged is not read: Check has
	// said so already.
	indexOK := db.bucketDamage(bucketIndex) == nil
	patientsOK := db.bucketDamage(bucketPatients) == nil
	programsOK := db.bucketDamage(bucketPrograms) == nil
	var index shelf
	if indexOK {
		if index = patientIndex(tx); index.Bucket == nil {
			add("the patient list index is missing: run carecost check --repair")
			return problems
		}
	}
	const rescue = rescueHint
	damaged := map[string]bool{}
	for _, d := range db.damagedValues(tx) {
		hint := rescue
		if strings.HasPrefix(d.Place, string(bucketPrograms)+"/") {
			damaged[string(bucketPrograms)] = true
		}
		if strings.HasPrefix(d.Place, index.path+"/") {
			hint = ": run carecost check --repair"
		} else if rest, ok := strings.CutPrefix(d.Place, string(bucketPatients)+"/"); ok {
			patient, _, _ := strings.Cut(rest, "/")
			damaged[patient] = true
		}
		add("%v%s", d, hint)
	}
	patients := tx.Bucket(bucketPatients)
	// A backup's values are the file's, byte for byte, each under its
	// checksum: that every one opens (above) says the copy reads back as
	// the file does, and its records were checked with the file.
	if patientsOK && !db.copyOf {
		var ids []planner.ID
		patients.ForEachBucket(func(id []byte) error {
			if !damaged[string(id)] && db.patientDamage(tx, planner.ID(id)) == nil { // else said above
				ids = append(ids, planner.ID(bytes.Clone(id)))
			}
			return nil
		})
		problems = append(problems, db.checkPatients(ids, older || !indexOK)...)
	}
	if indexOK && patientsOK {
		index.ForEach(func(id, _ []byte) error {
			if patients.Bucket(id) == nil {
				add("the patient list index names patient %s, who is not in the file: run carecost check --repair", id)
			}
			return nil
		})
	}
	// The ordered indexes are made from the list index: while it needs
	// repair, so do they, and counting them would say nothing more.
	repair := slices.ContainsFunc(problems, func(p string) bool { return strings.HasSuffix(p, "check --repair") })
	if indexOK && !db.copyOf && !older && !repair {
		problems = append(problems, db.checkOrdered(tx, index)...)
	}
	if !programsOK {
		return problems
	}
	if _, err := loadAll[planner.Program](db, top(tx, bucketPrograms)); err != nil && !damaged[string(bucketPrograms)] {
		add("the program catalog cannot be read: %v", err)
	}
	return problems
}

// damagedValues opens every value of the patients, the list index and the
// program catalog, and returns each one that does not open as carecost
// sealed it, in the file's order.
func (db *DB) damagedValues(tx *bolt.Tx) []*DamagedValueError {
	db.damage.Lock()
	sound := len(db.damage.found) == 0
	db.damage.Unlock()
	if db.copyOf && sound {
		if found, ok := db.damagedValuesByPages(tx); ok {
			return found
		}
	}
	return db.damagedValuesByBuckets(tx)
}

// damagedValuesByPages is damagedValues read from the file's pages as
// they are mapped, the way copyPages reads them, rather than through
// bbolt's buckets and cursors: the check of a backup, whose pages were
// all verified as it was opened, reads every value in half the time. ok
// is false if the pages cannot be followed.
func (db *DB) damagedValuesByPages(tx *bolt.Tx) (found []*DamagedValueError, ok bool) {
	pageSize := uint64(db.bolt.Info().PageSize)
	metas, err := metaPages(tx, pageSize)
	if err != nil {
		return nil, false
	}
	total, done := db.patientsToTell(tx), 0
	var patient, place []byte
	var bucket string // place, for the codec: made once a bucket
	// The pages hold the top buckets in the order of their names, and
	// damagedValuesByBuckets reads them in valueBuckets' order.
	byTop := make([][]*DamagedValueError, len(valueBuckets))
	err = withMapped(db.path, func(file []byte) {
		p, err := pageReaderAt(file, metas[metaOffset:metaEnd], pageSize)
		if err != nil {
			return
		}
		p.value = func(path, k, v []byte) {
			top, rest, _ := bytes.Cut(path, []byte("/"))
			t := slices.IndexFunc(valueBuckets, func(name []byte) bool { return bytes.Equal(name, top) })
			if t < 0 {
				return // meta: not sealed
			}
			if t == 0 { // patients
				if id, _, _ := bytes.Cut(rest, []byte("/")); !bytes.Equal(id, patient) {
					patient = append(patient[:0], id...)
					done++
					db.tell("Reading every value", done, total)
				}
			}
			if !bytes.Equal(path, place) {
				place, bucket = append(place[:0], path...), string(path)
			}
			var d *DamagedValueError
			if _, err := db.codec.open(bucket, k, v); errors.As(err, &d) {
				byTop[t] = append(byTop[t], d)
			}
		}
		p.bucket(binary.LittleEndian.Uint64(p.meta[16:]), nil, nil)
		ok = len(p.problems) == 0
	})
	for _, f := range byTop {
		found = append(found, f...)
	}
	return found, ok && err == nil
}

// damagedValuesByBuckets is damagedValues read through bbolt, bucket by
// bucket, leaving out those whose pages are damaged.
func (db *DB) damagedValuesByBuckets(tx *bolt.Tx) []*DamagedValueError {
	var found []*DamagedValueError
	total, done := db.patientsToTell(tx), 0
	var walk func(s shelf)
	walk = func(s shelf) {
		s.ForEach(func(k, v []byte) error {
			if v == nil {
				if s.path == string(bucketPatients) {
					done++
					db.tell("Reading every value", done, total)
					if db.patientDamage(tx, planner.ID(k)) != nil {
						return nil // its pages are damaged: Check says so
					}
				}
				walk(s.sub(k))
				return nil
			}
			var d *DamagedValueError
			if _, err := db.codec.open(s.path, k, v); errors.As(err, &d) {
				found = append(found, d)
			}
			return nil
		})
	}
	for _, name := range valueBuckets {
		if s := top(tx, name); s.Bucket != nil && db.bucketDamage(name) == nil {
			walk(s)
		}
	}
	return found
}

// checkPatients reads each patient's records and works their list entry
// out again (not for an older file, whose index is in its own format and
// made anew when it is opened): most of a check's work, a comparison per
// patient, so it is shared among the cores, each in a read transaction of
// its own (a transaction is one goroutine's). The problems come in the
// order of ids.
func (db *DB) checkPatients(ids []planner.ID, skipIndex bool) []string {
	found := make([][]string, len(ids))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	var done atomic.Int64
	for w := range workers {
		wg.Go(func() {
			db.view(func(tx *bolt.Tx) error {
				index := patientIndex(tx)
				for i := w; i < len(ids); i += workers {
					found[i] = db.checkPatient(tx, index, ids[i], skipIndex)
					db.tell("Checking every patient", int(done.Add(1)), len(ids))
				}
				return nil
			})
		})
	}
	wg.Wait()
	var out []string
	for _, f := range found {
		out = append(out, f...)
	}
	return out
}

// checkPatient is what is wrong with one patient's records, in tx.
func (db *DB) checkPatient(tx *bolt.Tx, index shelf, id planner.ID, skipIndex bool) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	f, err := db.loadFile(tx, id)
	if err != nil {
		add("patient %s cannot be read: %v%s", id, err, rescueHint)
		return problems
	}
	for _, r := range f.Children() {
		if r.Owner() != id {
			add("a %s (%s) kept under patient %s says it belongs to patient %s", r.RecordKind(), *r.RecordID(), id, r.Owner())
		}
	}
	if f.Patient.ID != id {
		add("patient %s's record says its ID is %s", id, f.Patient.ID)
	}
	if skipIndex {
		return problems
	}
	raw := index.Get([]byte(id))
	if raw == nil {
		add("patient %s is missing from the patient list index: run carecost check --repair", id)
		return problems
	}
	plain, err := db.codec.open(index.path, []byte(id), raw)
	if err != nil {
		return problems // a damaged entry: said with the damaged values
	}
	if want := f.Summary(); !bytes.Equal(plain, marshalSummary(&want)) {
		add("patient %s's entry in the patient list index is out of date: run carecost check --repair", id)
		return problems
	}
	if !db.ordered() {
		return problems
	}
	// The ordered indexes hold the entry's keys, each with its value.
	names, agenda := orderedShelves(tx)
	if names.Bucket == nil || agenda.Bucket == nil {
		return problems // said once, by checkOrdered
	}
	e, _ := storedEntries(id, plain) // it is the entry worked out just now
	if names.Get(e.name) == nil {
		add("patient %s is missing from the patient list's order: run carecost check --repair", id)
	}
	for i, k := range e.keys {
		v := agenda.Get(k)
		if v == nil {
			add("patient %s's agenda item due %s is missing from the agenda's order: run carecost check --repair", id, e.items[i].Due)
			continue
		}
		if got, err := db.codec.open(agenda.path, k, v); err == nil && !bytes.Equal(got, e.values[i]) {
			add("patient %s's agenda item due %s is out of date in the agenda's order: run carecost check --repair", id, e.items[i].Due)
		}
	}
	return problems
}

// checkOrdered says what is wrong with the ordered indexes as a whole: a
// plain file lacks them, an encrypted one holds them, or they hold more
// entries than the list index names (checkPatient finds those missing).
func (db *DB) checkOrdered(tx *bolt.Tx, index shelf) []string {
	names, agenda := orderedShelves(tx)
	switch {
	case !db.ordered() && (names.Bucket != nil || agenda.Bucket != nil):
		return []string{"the encrypted file holds an index whose keys are readable: run carecost check --repair"}
	case !db.ordered():
		return nil
	case names.Bucket == nil || agenda.Bucket == nil:
		return []string{"the patient list's order or the agenda's order is missing: run carecost check --repair"}
	}
	patients, items := 0, 0
	index.ForEach(func(k, v []byte) error {
		patients++
		// Each entry's items, counted as orderedEntries keeps them.
		if plain, err := db.codec.open(index.path, k, v); err == nil {
			if f, err := splitSummary(plain); err == nil {
				if its, err := splitAgenda(f.agenda); err == nil {
					items += min(len(its), maxAgenda)
				}
			}
		}
		return nil
	})
	var problems []string
	if n := names.Stats().KeyN; n > patients {
		problems = append(problems, fmt.Sprintf("the patient list's order names %d patients who are not in the list: run carecost check --repair", n-patients))
	}
	if n := agenda.Stats().KeyN; n > items {
		problems = append(problems, fmt.Sprintf("the agenda's order holds %d items no patient has: run carecost check --repair", n-items))
	}
	return problems
}
