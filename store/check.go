package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
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
func Check(path string) ([]string, error) { return check(path, Options{}) }

// CheckWith is Check for an encrypted file, unlocked with passphrase.
func CheckWith(path string, passphrase []byte) ([]string, error) {
	return check(path, Options{Passphrase: passphrase})
}

// checkCopy is Check for a backup, unlocked with the data key of the file
// it copies (nil for a plain one): a copy of an older file is as sound as
// the file, so its older schema (and its index, in that schema's format)
// is no problem.
func checkCopy(path string, key []byte, progress func(string, int, int)) ([]string, error) {
	return check(path, Options{key: key, Progress: progress, copyOf: true})
}

// CheckOptions is Check with options of its own: a passphrase, a listener
// for its progress.
func CheckOptions(path string, opt Options) ([]string, error) { return check(path, opt) }

func check(path string, opt Options) ([]string, error) {
	opt.Damaged = true
	db, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var problems []string
	err = db.view(func(tx *bolt.Tx) error {
		problems = db.problems(tx)
		return nil
	})
	return problems, err
}

// problems is every problem Check finds, in tx.
func (db *DB) problems(tx *bolt.Tx) []string {
	var problems []string
	// A copy's pages are read once, for their structure and their values
	// (from the file mapped, on a goroutine for each core), before
	// anything but what Open verified is read through bbolt.
	db.damage.Lock()
	sound := len(db.damage.found) == 0
	db.damage.Unlock()
	if db.copyOf && sound && !tx.Writable() {
		if pages, values, ok := db.checkByPages(tx); ok {
			for _, p := range pages {
				problems = append(problems, p.Error()+rescueHint)
			}
			if len(pages) > 0 {
				return problems // bbolt cannot follow the pages safely
			}
			db.damage.note(nil, true)
			return db.checkRecords(tx, &values)
		}
	}
	if err := db.verifyDeep(tx); err != nil {
		return []string{err.Error()}
	}
	db.damage.Lock()
	found := slices.Clone(db.damage.found)
	db.damage.Unlock()
	for _, p := range found {
		problems = append(problems, p.Error()+rescueHint)
	}
	if len(found) > 0 {
		return append(problems, db.checkRecords(tx, nil)...)
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
		records = db.checkRecords(tx, nil)
	}
	for err := range structure {
		problems = append(problems, "the file's structure is damaged: "+err.Error())
	}
	if !alongside {
		records = db.checkRecords(tx, nil)
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
// values, when not nil, are the damaged values, read already; nil has them
// read.
func (db *DB) checkRecords(tx *bolt.Tx, values *[]*DamagedValueError) []string {
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
	if values == nil {
		read := db.damagedValues(tx)
		values = &read
	}
	for _, d := range *values {
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

// checkByPages reads every page of a backup's copy as tx sees it, once,
// from the file mapped, and opens every value on the way: it checks what
// verifyPages checks, what bbolt's own check does besides (each bucket's
// keys in order, every page in use or free), and finds each damaged
// value, in the order damagedValues finds them. The patients'
// buckets are shared among a goroutine for each core, which share the
// record of the pages reached too. ok is false if the file cannot be
// read so.
func (db *DB) checkByPages(tx *bolt.Tx) (pages []PageProblem, values []*DamagedValueError, ok bool) {
	// Its patients are not counted through bbolt before its pages are
	// read: the progress counts them, and its maker knows the total.
	const total = 0
	// What is found in a patient's bucket, by the patient's place in the
	// patients bucket.
	type inPatient[T any] struct {
		seq   int
		found T
	}
	type share struct {
		first   int
		buckets []sharedBucket
	}
	type worker struct {
		values   []inPatient[*DamagedValueError]
		problems []inPatient[PageProblem]
		err      error
	}
	err := db.readPages(tx, func(file, _ []byte, p *pageReader) {
		p.order = true
		shares := make(chan share, 4)
		workers := make([]worker, max(1, runtime.GOMAXPROCS(0)))
		var wg sync.WaitGroup
		var done atomic.Int64
		// However this walk ends (a fault is a panic here), the workers
		// are done before the file is unmapped.
		var closed sync.Once
		finish := func() { closed.Do(func() { close(shares) }); wg.Wait() }
		defer finish()
		for i := range workers {
			w := &workers[i]
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() {
					for range shares {
					}
				}()
				// A fault is a panic on this goroutine too, as withMapped
				// makes it on its own.
				defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
				defer func() {
					if r := recover(); r != nil {
						w.err = fmt.Errorf("it changed while it was read (%v)", r)
					}
				}()
				r := &pageReader{file: file, meta: p.meta, pageSize: p.pageSize, highMark: p.highMark,
					seen: p.seen, order: true, path: slices.Clone(bucketPatients)}
				var open valueOpener
				seq := 0
				r.value = func(path, k, v []byte) {
					if d, _ := open.damaged(db.codec, path, k, v); d != nil {
						w.values = append(w.values, inPatient[*DamagedValueError]{seq, d})
					}
				}
				for s := range shares {
					for i, b := range s.buckets {
						seq = s.first + i
						before := len(r.problems)
						r.bucket(b.root, b.inline, b.name)
						for _, pp := range r.problems[before:] {
							w.problems = append(w.problems, inPatient[PageProblem]{seq, pp})
						}
					}
					db.tell("Reading every value", int(done.Add(int64(len(s.buckets)))), total)
				}
			}()
		}
		// The file's own pages, and every bucket but the patients' own, are
		// read here, the rest handed on.
		byTop := make([][]*DamagedValueError, len(valueBuckets))
		var open valueOpener
		p.value = func(path, k, v []byte) {
			if d, top := open.damaged(db.codec, path, k, v); d != nil {
				byTop[top] = append(byTop[top], d)
			}
		}
		seq := 0
		p.share = func(b []sharedBucket) {
			shares <- share{seq, b}
			seq += len(b)
		}
		free, freeIDs := p.freePages()
		p.bucket(binary.LittleEndian.Uint64(p.meta[16:]), nil, nil)
		finish()
		var patientValues []inPatient[*DamagedValueError]
		var patientProblems []inPatient[PageProblem]
		for _, w := range workers {
			if w.err != nil {
				return // not ok: the caller reads it through bbolt, which says what it finds
			}
			patientValues = append(patientValues, w.values...)
			patientProblems = append(patientProblems, w.problems...)
		}
		slices.SortStableFunc(patientValues, func(a, b inPatient[*DamagedValueError]) int { return a.seq - b.seq })
		slices.SortStableFunc(patientProblems, func(a, b inPatient[PageProblem]) int { return a.seq - b.seq })
		for _, pp := range patientProblems {
			p.problems = append(p.problems, pp.found)
		}
		// Every page is in use or free, once all are followed without a
		// problem (those below one are not reached).
		p.checkFree(free, freeIDs, len(p.problems) == 0)
		pages = p.problems
		for _, v := range patientValues {
			byTop[0] = append(byTop[0], v.found) // valueBuckets[0]: the patients
		}
		for _, f := range byTop {
			values = append(values, f...)
		}
		ok = true
	})
	return pages, values, ok && err == nil
}

// valueOpener opens the values of the buckets a page reader follows, and
// keeps the last bucket's place for the codec.
type valueOpener struct {
	place  []byte
	bucket string // place, for the codec: made once a bucket
}

// damaged opens the value of key k in the bucket at path, and returns it
// if it is damaged, with the place of its top bucket in valueBuckets.
func (o *valueOpener) damaged(c codec, path, k, v []byte) (*DamagedValueError, int) {
	top, _, _ := bytes.Cut(path, []byte("/"))
	t := slices.IndexFunc(valueBuckets, func(name []byte) bool { return bytes.Equal(name, top) })
	if t < 0 {
		return nil, t // meta: not sealed
	}
	if !bytes.Equal(path, o.place) {
		o.place, o.bucket = append(o.place[:0], path...), string(path)
	}
	var d *DamagedValueError
	if _, err := c.open(o.bucket, k, v); errors.As(err, &d) {
		return d, t
	}
	return nil, t
}

// damagedValues opens every value of the patients, the list index and the
// program catalog, and returns each one that does not open as carecost
// sealed it, in the file's order: read through bbolt, bucket by bucket,
// leaving out those whose pages are damaged.
func (db *DB) damagedValues(tx *bolt.Tx) []*DamagedValueError {
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
