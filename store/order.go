package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	berrors "go.etcd.io/bbolt/errors"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// The list index is keyed by patient ID, which says nothing of the order
// the screens show. Beside it, a plain file keeps two indexes laid out for
// those screens, so that their first page is read through a cursor, at
// the same cost for ten patients or three hundred thousand:
//
//	index/names   folded name, 0x00, patient ID           → patient ID
//	index/agenda  due date (YYYY-MM-DD), folded name, 0x00,
//	              patient ID, 0x00, the item's place (2 bytes) → kind, what, name
//
// Their keys hold names and dates. An encrypted file leaves keys readable,
// so it keeps neither: its list and agenda are read whole, from the
// sealed list index, as before.
var (
	bucketNameOrder   = []byte("names")  // inside index
	bucketAgendaOrder = []byte("agenda") // inside index
)

// orderedBuckets are the indexes only a plain file keeps.
var orderedBuckets = [][]byte{bucketNameOrder, bucketAgendaOrder}

// isOrderedIndex reports whether a bucket's path is one of them.
func isOrderedIndex(path [][]byte) bool {
	return len(path) == 2 && bytes.Equal(path[0], bucketIndex) &&
		slices.ContainsFunc(orderedBuckets, func(b []byte) bool { return bytes.Equal(b, path[1]) })
}

// ordered reports whether the file keeps the ordered indexes.
func (db *DB) ordered() bool { return db.header == nil }

// listKey is a patient's key in index/names: the folded name, then the ID,
// so that namesakes sort by ID as ListPatients sorts them.
func listKey(name string, id planner.ID) []byte {
	b := appendKeyName(make([]byte, 0, min(len(name), maxKeyName)+1+len(id)), name)
	b = append(b, 0)
	return append(b, id...)
}

// maxKeyName is the most bytes of a folded name a key holds: bbolt's keys
// are at most 32 KiB, and nothing bounds a name's length. Two names alike
// in their first 512 bytes sort by ID in the ordered indexes, a difference
// from ListPatients no person will meet; FirstPatients sorts its page.
const maxKeyName = 512

// appendKeyName appends the name folded, cut at maxKeyName bytes on a
// letter's boundary.
func appendKeyName(b []byte, name string) []byte {
	start := len(b)
	b = planner.AppendFolded(b, name)
	if len(b)-start <= maxKeyName {
		return b
	}
	end := start + maxKeyName
	for end > start && !utf8.RuneStart(b[end]) {
		end--
	}
	return b[:end]
}

// agendaKey is an agenda item's key in index/agenda: its date, then its
// patient as index/names sorts them, then its place in the patient's
// agenda.
func agendaKey(due planner.Date, name string, id planner.ID, seq int) []byte {
	b := make([]byte, 0, 10+min(len(name), maxKeyName)+len(id)+4)
	b = append(b, due.String()...)
	b = appendKeyName(b, name)
	b = append(b, 0)
	b = append(b, id...)
	b = append(b, 0)
	return binary.BigEndian.AppendUint16(b, uint16(seq))
}

// idOfNameKey is the patient ID at the end of a key of index/names.
func idOfNameKey(k []byte) (planner.ID, bool) {
	i := bytes.IndexByte(k, 0) // a name holds no 0x00: control characters are dropped
	if i < 0 || i == len(k)-1 {
		return "", false
	}
	return planner.ID(k[i+1:]), true
}

// idOfAgendaKey is the patient ID in a key of index/agenda.
func idOfAgendaKey(k []byte) (planner.ID, bool) {
	if len(k) < 10+1+1+1+2 || k[len(k)-3] != 0 {
		return "", false
	}
	rest := k[10 : len(k)-3]
	i := bytes.IndexByte(rest, 0)
	if i < 0 || i == len(rest)-1 {
		return "", false
	}
	return planner.ID(rest[i+1:]), true
}

func marshalAgendaValue(it planner.AgendaItem, name string) []byte {
	b := make([]byte, 0, len(it.Kind)+len(it.What)+len(name)+3)
	for _, field := range []string{string(it.Kind), it.What, name} {
		b = append(b, field...)
		b = append(b, fieldEnd)
	}
	return b
}

// splitAgendaValue reads an index/agenda entry: its key's date and
// patient, its value's kind, what is due and the patient's name.
func splitAgendaValue(k, v []byte) (planner.AgendaItem, error) {
	id, ok := idOfAgendaKey(k)
	due, okDate := indexDate(string(k[:min(10, len(k))]))
	if !ok || !okDate {
		return planner.AgendaItem{}, errSummary
	}
	var fields [3]string
	rest := string(v)
	for i := range fields {
		j := strings.IndexByte(rest, fieldEnd)
		if j < 0 {
			return planner.AgendaItem{}, errSummary
		}
		fields[i], rest = rest[:j], rest[j+1:]
	}
	if rest != "" {
		return planner.AgendaItem{}, errSummary
	}
	return planner.AgendaItem{PatientID: id, Patient: fields[2], Due: due, Kind: planner.AgendaKind(fields[0]), What: fields[1]}, nil
}

// orderedShelves are index/names and index/agenda, or shelves with nil
// buckets in a file that keeps neither.
func orderedShelves(tx *bolt.Tx) (names, agenda shelf) {
	index := top(tx, bucketIndex)
	return index.sub(bucketNameOrder), index.sub(bucketAgendaOrder)
}

// orderedEntries are a summary's keys and values in the ordered indexes.
// Its fields are as the list index holds them, control characters gone.
func orderedEntries(id planner.ID, name string, agenda []planner.AgendaItem) (nk []byte, keys, values [][]byte) {
	nk = listKey(name, id)
	for i, it := range agenda[:min(len(agenda), maxAgenda)] {
		keys = append(keys, agendaKey(it.Due, name, id, i))
		values = append(values, marshalAgendaValue(it, name))
	}
	return nk, keys, values
}

// stored is a list index entry's entries in the ordered indexes: its key
// in index/names, and in index/agenda the keys and values of the items.
type stored struct {
	name         []byte
	keys, values [][]byte
	items        []planner.AgendaItem
}

// storedEntries are the ordered entries of a list index entry (opened)
// as stored.
func storedEntries(id planner.ID, plain []byte) (stored, error) {
	f, err := splitSummary(plain)
	if err != nil {
		return stored{}, err
	}
	items, err := splitAgenda(f.agenda)
	if err != nil {
		return stored{}, err
	}
	nk, keys, values := orderedEntries(id, string(f.name), items)
	return stored{nk, keys, values, items}, nil
}

// putOrdered writes a patient's ordered entries, having taken away those of
// the entry stored before (old, opened; nil if there was none).
func (db *DB) putOrdered(tx *bolt.Tx, id planner.ID, old []byte, entry []byte) error {
	names, agenda := orderedShelves(tx)
	if !db.ordered() || names.Bucket == nil || agenda.Bucket == nil {
		return nil // an encrypted file
	}
	if err := db.dropOrdered(names, agenda, id, old); err != nil {
		return err
	}
	e, err := storedEntries(id, entry)
	if err != nil {
		return err
	}
	sealed, err := db.codec.seal(names.path, e.name, []byte(id))
	if err != nil {
		return err
	}
	if err := names.Put(e.name, sealed); err != nil {
		return err
	}
	for i, k := range e.keys {
		sealed, err := db.codec.seal(agenda.path, k, e.values[i])
		if err != nil {
			return err
		}
		if err := agenda.Put(k, sealed); err != nil {
			return err
		}
	}
	return nil
}

// dropOrdered takes a patient's entries out of the ordered indexes: those
// the list index entry old (opened) names, or, if it cannot be read, every
// entry with the patient's ID, found by reading the indexes whole.
func (db *DB) dropOrdered(names, agenda shelf, id planner.ID, old []byte) error {
	if old == nil {
		return nil
	}
	e, err := storedEntries(id, old)
	if err == nil {
		if err := names.Delete(e.name); err != nil {
			return err
		}
		for _, k := range e.keys {
			if err := agenda.Delete(k); err != nil {
				return err
			}
		}
		return nil
	}
	for _, s := range []struct {
		shelf shelf
		id    func([]byte) (planner.ID, bool)
	}{{names, idOfNameKey}, {agenda, idOfAgendaKey}} {
		var gone [][]byte
		s.shelf.ForEach(func(k, _ []byte) error {
			if got, ok := s.id(k); ok && got == id {
				gone = append(gone, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range gone {
			if err := s.shelf.Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// rebuildOrdered makes the ordered indexes afresh from the list index, in
// a plain file; an encrypted file loses them.
func (db *DB) rebuildOrdered(tx *bolt.Tx) error {
	index := tx.Bucket(bucketIndex)
	if err := dropOrderedBuckets(index); err != nil {
		return err
	}
	if !db.ordered() {
		return nil
	}
	for _, name := range orderedBuckets {
		if _, err := index.CreateBucket(name); err != nil {
			return err
		}
	}
	list := patientIndex(tx)
	values, _ := list.contents()
	for _, kv := range values {
		// An entry that does not open or read is left out: check names
		// it, and repair makes the list index anew from the records, and
		// these from it.
		plain, err := db.codec.open(list.path, kv.k, kv.v)
		if err != nil {
			continue
		}
		if err := db.putOrdered(tx, planner.ID(kv.k), nil, plain); err != nil && !errors.Is(err, errSummary) {
			return err
		}
	}
	return nil
}

// dropOrderedBuckets deletes the ordered indexes, if index holds them.
func dropOrderedBuckets(index *bolt.Bucket) error {
	for _, name := range orderedBuckets {
		if err := index.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
	}
	return nil
}

// FirstPatients is the first n patients of the list, sorted by name, and
// whether more follow. A plain file reads them through index/names, n
// entries whatever its size; an encrypted one reads its list whole, and
// gives all of it.
func (db *DB) FirstPatients(n int) ([]planner.PatientSummary, bool, error) {
	if !db.ordered() {
		// Read whole anyway: all of it, and nothing more to read.
		all, err := db.ListPatients()
		return all, false, err
	}
	n = min(max(n, 0), maxFirstPatients)
	var (
		out  []planner.PatientSummary
		more bool
	)
	// pages, while the file's pages are not all verified yet, checks
	// those the page is read from before bbolt reads them.
	read := func(tx *bolt.Tx, index shelf, pages *pageReader) error {
		names, _ := orderedShelves(tx)
		if names.Bucket == nil {
			return errors.New("the patient list's order is missing: run carecost check --repair")
		}
		if root := uint64(names.Root()); pages != nil && root != 0 {
			if err := pages.firstLeaves(root, n+1, names.path); err != nil {
				return damagedFile(db.path, err.(PageProblem))
			}
		}
		var ids []planner.ID
		c := names.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(ids) == n {
				more = true
				break
			}
			id, ok := idOfNameKey(k)
			if !ok {
				return fmt.Errorf("the patient list's order is damaged: run carecost check --repair")
			}
			ids = append(ids, id)
		}
		if root := uint64(index.Root()); pages != nil && root != 0 {
			for _, id := range ids {
				if err := pages.seekPath(root, []byte(id), index.path); err != nil {
					return damagedFile(db.path, err.(PageProblem))
				}
			}
		}
		var err error
		out, err = db.summariesIn(index, ids)
		return err
	}
	var err error
	if db.verified() {
		err = db.viewIndex(func(tx *bolt.Tx, index shelf) error { return read(tx, index, nil) })
	} else {
		err = db.firstPageEarly(read)
	}
	sortSummaries(out)
	return out, more, err
}

// PatientIDs is every patient's ID in the list's order, without the rest
// of the list: a command over every patient reads each in turn, and the
// list of 300,000 took some 60 MB to hold, and as much again while it was
// read. A plain file reads them from index/names (namesakes alike in their
// first 512 bytes by ID, see maxKeyName); an encrypted one, which keeps
// none, or one whose index/names cannot be trusted (below) from its list,
// read whole.
func (db *DB) PatientIDs() ([]planner.ID, error) {
	fromList := func() ([]planner.ID, error) {
		list, err := db.ListPatients()
		ids := make([]planner.ID, len(list))
		for i := range list {
			ids[i] = list[i].ID
		}
		return ids, err
	}
	if !db.ordered() {
		return fromList()
	}
	// The list is read instead when index/names is missing (a file of
	// schema 7 or older opened read-only, not brought up to date), holds a
	// key it cannot name a patient by, or holds another number of patients
	// than the list (it leaves out one whose list entry is damaged: the
	// list then says what is wrong).
	var ids []planner.ID
	useList := false
	err := db.viewIndex(func(tx *bolt.Tx, index shelf) error {
		names, _ := orderedShelves(tx)
		if useList = names.Bucket == nil; useList {
			return nil
		}
		c := names.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			id, ok := idOfNameKey(k)
			if useList = !ok; useList {
				return nil
			}
			ids = append(ids, id)
		}
		listed := 0
		lc := index.Cursor()
		for k, _ := lc.First(); k != nil; k, _ = lc.Next() {
			listed++
		}
		useList = listed != len(ids)
		return nil
	})
	if err == nil && useList {
		return fromList()
	}
	return ids, err
}

// maxFirstPatients bounds the first page: a page is a screen's worth, or
// a few.
const maxFirstPatients = 1 << 20

// firstPageEarly runs read on the list index in one transaction, with a
// reader of the file's pages, before they are all verified.
func (db *DB) firstPageEarly(read func(tx *bolt.Tx, index shelf, pages *pageReader) error) error {
	var err error
	if merr := withMapped(db.path, func(file []byte) {
		var pages *pageReader
		if pages, err = newPageReader(file); err != nil {
			return
		}
		err = db.viewNow(func(tx *bolt.Tx) error {
			if db.verified() {
				// Verified meanwhile: what it found holds, and a write
				// since then may have changed the pages the reader was
				// made for (bbolt wrote them).
				if err := db.waitVerified(); err != nil {
					return err
				}
				pages = nil
			}
			// Else nothing was written since Open, and the reader's
			// pages are this transaction's.
			index, err := db.indexIn(tx)
			if err != nil {
				return err
			}
			return read(tx, index, pages)
		})
	}); merr != nil {
		return fmt.Errorf("cannot read %s (%v): close carecost and open it again", db.path, merr)
	}
	return err
}

// Summaries is the list entries of the patients named, in the order
// named; a patient no longer in the file is left out.
func (db *DB) Summaries(ids ...planner.ID) ([]planner.PatientSummary, error) {
	var out []planner.PatientSummary
	err := db.viewIndex(func(_ *bolt.Tx, index shelf) error {
		var err error
		out, err = db.summariesIn(index, ids)
		return err
	})
	return out, err
}

// summariesIn reads the list entries of ids from the list index.
func (db *DB) summariesIn(index shelf, ids []planner.ID) ([]planner.PatientSummary, error) {
	out := make([]planner.PatientSummary, 0, len(ids))
	for _, id := range ids {
		v := index.Get([]byte(id))
		if v == nil {
			continue
		}
		plain, err := db.codec.open(index.path, []byte(id), v)
		if err != nil {
			return nil, err
		}
		f, err := splitSummary(plain)
		if err != nil {
			return nil, fmt.Errorf("the patient list is damaged (%w): run carecost check --repair", err)
		}
		out = append(out, planner.PatientSummary{ID: id, Name: string(f.name), Status: sharedStatus(f.status),
			NextDue: f.nextDue, Best: string(f.best), BestNet: f.bestNet, BestWaits: string(f.waits)})
	}
	return out, nil
}

// AgendaPage is up to n of the patients' agenda items, by date (then by
// the patient's name), from the one after the position after ("" for the
// first), and the position to read the next page from ("" when there is
// no more). A plain file reads the page through index/agenda, n entries
// whatever its size; an encrypted one reads the agenda whole, in one page.
// The catalog's funds to check again are not among them (see Agenda).
func (db *DB) AgendaPage(after string, n int) ([]planner.AgendaItem, string, error) {
	if !db.ordered() {
		all, err := db.patientAgenda()
		return all, "", err
	}
	var (
		out  []planner.AgendaItem
		next string
	)
	err := db.view(func(tx *bolt.Tx) error {
		if err := db.bucketDamage(bucketIndex); err != nil {
			return err
		}
		_, agenda := orderedShelves(tx)
		if agenda.Bucket == nil {
			return errors.New("the agenda's order is missing: run carecost check --repair")
		}
		c := agenda.Cursor()
		k, v := c.First()
		if after != "" {
			k, v = c.Seek([]byte(after))
			if k != nil && string(k) == after {
				k, v = c.Next()
			}
		}
		last := []byte(nil)
		for ; k != nil; k, v = c.Next() {
			if len(out) == n {
				next = string(last) // more follow
				break
			}
			plain, err := db.codec.open(agenda.path, k, v)
			if err != nil {
				return err
			}
			it, err := splitAgendaValue(k, plain)
			if err != nil {
				return fmt.Errorf("the agenda is damaged (%w): run carecost check --repair", err)
			}
			out, last = append(out, it), k
		}
		return nil
	})
	return out, next, err
}
