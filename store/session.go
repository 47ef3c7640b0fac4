package store

import (
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// Change is a save or delete one advocate made, for the other sessions to
// hear: who, and whose records. It names no record's contents.
type Change struct {
	By      string
	Patient planner.ID // "" for the programs catalog
	Kind    string     // "scenario"
	Deleted bool
}

// Session is the file as one advocate sees it in a session of the team
// server: only the patients their grants allow, every change checked
// against them and kept in the audit trail, every change heard by the
// others. Grants are read afresh at each call, so a revoke counts at the
// advocate's next action.
type Session struct {
	db       *DB
	by       Actor
	onChange func(Change)

	mu      sync.Mutex
	seen    map[planner.ID]time.Time // when each patient's view was last kept
	pending []View                   // views not yet written
	flushed time.Time
}

// viewAgain is how long a patient viewed again in a session is not kept
// in the audit trail again.
const viewAgain = 15 * time.Minute

// flushEvery is how often views are written: a batch at a time.
const flushEvery = 2 * time.Second

// Session opens the file for an advocate; onChange, when set, hears each
// change they make once it is saved.
func (db *DB) Session(by Actor, onChange func(Change)) *Session {
	return &Session{db: db, by: by, onChange: onChange, seen: map[planner.ID]time.Time{}}
}

// Actor is who the session is.
func (s *Session) Actor() Actor { return s.by }

// ListPatients is the patients the advocate may read: read through their
// grants, unless they are an admin, who reads every patient.
func (s *Session) ListPatients() ([]planner.PatientSummary, error) {
	if s.db.IsAdmin(&s.by) {
		return s.db.ListPatients()
	}
	ids, err := s.granted()
	if err != nil {
		return nil, err
	}
	list, err := s.db.Summaries(ids...)
	sortSummaries(list)
	return list, err
}

// granted is the patients the advocate may read, by their grants read now.
func (s *Session) granted() ([]planner.ID, error) {
	allowed, err := s.readable()
	ids := make([]planner.ID, 0, len(allowed))
	for id, access := range allowed {
		if access != NoAccess {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, err
}

// FirstPatients is the first n patients of the advocate's list.
func (s *Session) FirstPatients(n int) ([]planner.PatientSummary, bool, error) {
	if s.db.IsAdmin(&s.by) {
		return s.db.FirstPatients(n)
	}
	list, err := s.ListPatients() // read through the grants: all of it at once
	return list, false, err
}

// Summaries is the list entries of the patients named that the advocate
// may read.
func (s *Session) Summaries(ids ...planner.ID) ([]planner.PatientSummary, error) {
	list, err := s.db.Summaries(ids...)
	return readableOnly(s, list, err, func(p planner.PatientSummary) planner.ID { return p.ID })
}

// AgendaPage is a page of the agenda of the patients the advocate may
// read: an admin's by pages, as the file's; anyone else's whole, in one
// page, from their grants.
func (s *Session) AgendaPage(after string, n int) ([]planner.AgendaItem, string, error) {
	if s.db.IsAdmin(&s.by) {
		return s.db.AgendaPage(after, n)
	}
	if after != "" {
		return nil, "", nil
	}
	ids, err := s.granted()
	if err != nil {
		return nil, "", err
	}
	items, err := s.db.agendaOf(ids)
	return items, "", err
}

// readableOnly keeps what belongs to the patients the advocate may read
// now (all of it for an admin), and what belongs to nobody.
func readableOnly[T any](s *Session, all []T, err error, patient func(T) planner.ID) ([]T, error) {
	if err != nil || s.db.IsAdmin(&s.by) {
		return all, err
	}
	allowed, err := s.readable()
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, x := range all {
		if id := patient(x); id == "" || allowed[id] != NoAccess {
			out = append(out, x)
		}
	}
	return out, nil
}

// readable is the advocate's grants, read now.
func (s *Session) readable() (map[planner.ID]Access, error) {
	out := map[planner.ID]Access{}
	err := s.db.view(func(tx *bolt.Tx) error {
		b := teamShelf(tx, bucketGrants).sub([]byte(s.db.advocateID(tx, &s.by)))
		if b.Bucket == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			out[planner.ID(k)] = Access(s.db.getText(b, k))
			return nil
		})
	})
	return out, err
}

// LoadPatient reads a patient's records, when the advocate may; the view
// is kept in the audit trail.
func (s *Session) LoadPatient(id planner.ID) (planner.PatientFile, error) {
	if err := s.db.MayRead(&s.by, id); err != nil {
		return planner.PatientFile{}, err
	}
	f, err := s.db.LoadPatient(id)
	if err == nil {
		s.viewed(id)
	}
	return f, err
}

// viewed notes a view, and writes the views noted when it is time.
func (s *Session) viewed(id planner.ID) {
	s.mu.Lock()
	now := s.db.now()
	if at, ok := s.seen[id]; !ok || now.Sub(at) >= viewAgain {
		s.seen[id] = now
		s.pending = append(s.pending, View{id, now})
	}
	due := len(s.pending) > 0 && now.Sub(s.flushed) >= flushEvery
	s.mu.Unlock()
	if due {
		s.Flush()
	}
}

// Flush writes the views not yet written, in one transaction; if it
// cannot, they wait for the next.
func (s *Session) Flush() error {
	s.mu.Lock()
	pending := s.pending
	s.pending, s.flushed = nil, s.db.now()
	s.mu.Unlock()
	err := s.db.Viewed(&s.by, pending)
	if err != nil {
		s.mu.Lock()
		s.pending = append(pending, s.pending...)
		s.mu.Unlock()
	}
	return err
}

// Save saves records as the advocate, and tells the others.
func (s *Session) Save(records ...planner.Record) error {
	if err := s.db.SaveAs(&s.by, records...); err != nil {
		return err
	}
	s.tell(records, false)
	return nil
}

// Delete deletes a record as the advocate, and tells the others.
func (s *Session) Delete(r planner.Record) error {
	if err := s.db.DeleteAs(&s.by, r); err != nil {
		return err
	}
	s.tell([]planner.Record{r}, true)
	return nil
}

func (s *Session) tell(records []planner.Record, deleted bool) {
	if s.onChange == nil || len(records) == 0 {
		return
	}
	s.onChange(Change{By: s.by.Name, Patient: records[0].Owner(), Kind: records[0].RecordKind(), Deleted: deleted})
}

// Programs is the catalog, which every advocate reads.
func (s *Session) Programs() ([]planner.Program, error) { return s.db.Programs() }

// Agenda is what is open for the patients the advocate may read.
func (s *Session) Agenda() ([]planner.AgendaItem, error) {
	all, err := s.db.Agenda()
	return readableOnly(s, all, err, func(it planner.AgendaItem) planner.ID { return it.PatientID })
}

// NewID makes an ID for a record about to be saved.
func (s *Session) NewID() planner.ID { return NewID() }

// MayRead says why the advocate may not read the patient's records; nil
// when they may.
func (s *Session) MayRead(patient planner.ID) error { return s.db.MayRead(&s.by, patient) }
