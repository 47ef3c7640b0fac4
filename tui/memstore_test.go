package tui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"

	"carecost/planner"
)

// memStore is the app's store in memory, for tests about the screens
// alone: it keeps whole patient files and the catalog, and works out the
// list and the agenda from them as the real store's index would. Tests
// about saving use a real file.
type memStore struct {
	mu       sync.Mutex
	files    map[planner.ID]*planner.PatientFile
	programs []planner.Program
	next     int
}

func newMemStore() *memStore { return &memStore{files: map[planner.ID]*planner.PatientFile{}} }

// memDemo is the demo in memory, with a second patient when more is set.
func memDemo(t testing.TB, more bool) *memStore {
	t.Helper()
	st := newMemStore()
	f, catalog := planner.DemoFileWithCatalog(st.newID)
	st.programs = catalog
	st.files[f.Patient.ID] = &f
	if more {
		if err := st.Save(&planner.PatientRecord{Patient: planner.Patient{Name: "Alex Moreno (fictional)", Notes: "private"}}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func (s *memStore) NewID() planner.ID {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newID()
}

func (s *memStore) newID() planner.ID {
	s.next++
	return planner.ID(fmt.Sprintf("01J%023d", s.next))
}

func (s *memStore) ListPatients() ([]planner.PatientSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]planner.PatientSummary, 0, len(s.files))
	for _, f := range s.files {
		out = append(out, f.Summary())
	}
	slices.SortFunc(out, planner.ComparePatients)
	return out, nil
}

func (s *memStore) FirstPatients(n int) ([]planner.PatientSummary, bool, error) {
	list, err := s.ListPatients()
	return list[:min(n, len(list))], len(list) > n, err
}

func (s *memStore) Summaries(ids ...planner.ID) ([]planner.PatientSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []planner.PatientSummary
	for _, id := range ids {
		if f, ok := s.files[id]; ok {
			out = append(out, f.Summary())
		}
	}
	return out, nil
}

// AgendaPage gives the agenda n items at a time; a position is the
// number of items before it.
func (s *memStore) AgendaPage(after string, n int) ([]planner.AgendaItem, string, error) {
	list, _ := s.ListPatients()
	var all []planner.AgendaItem
	for _, p := range list {
		all = append(all, p.Agenda...)
	}
	slices.SortStableFunc(all, func(a, b planner.AgendaItem) int { return cmp.Compare(a.Due, b.Due) })
	from := 0
	if after != "" {
		from, _ = strconv.Atoi(after)
	}
	to := min(len(all), from+n)
	next := ""
	if to < len(all) {
		next = strconv.Itoa(to)
	}
	return all[from:to], next, nil
}

func (s *memStore) LoadPatient(id planner.ID) (planner.PatientFile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	if !ok {
		return planner.PatientFile{}, errors.New("there is no such patient")
	}
	// A copy, as a read from the file would be.
	c := *f
	c.Plans, c.Courses, c.Scenarios = slices.Clone(f.Plans), slices.Clone(f.Courses), slices.Clone(f.Scenarios)
	c.PreAuthorizations, c.Checklist, c.Contacts = slices.Clone(f.PreAuthorizations), slices.Clone(f.Checklist), slices.Clone(f.Contacts)
	c.Denials, c.Estimates, c.Tasks, c.Applications = slices.Clone(f.Denials), slices.Clone(f.Estimates), slices.Clone(f.Tasks), slices.Clone(f.Applications)
	return c, nil
}

func (s *memStore) Programs() ([]planner.Program, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.programs), nil
}

// upsert puts r in its place among records (by ID), or after them.
func upsert[T any, P interface {
	*T
	planner.Record
}](records *[]T, r P) {
	for i := range *records {
		if *P(&(*records)[i]).RecordID() == *r.RecordID() {
			(*records)[i] = *r
			return
		}
	}
	*records = append(*records, *r)
}

func (s *memStore) Save(records ...planner.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range records {
		if *r.RecordID() == "" {
			*r.RecordID() = s.newID()
		}
		if p, ok := r.(*planner.Program); ok {
			upsert(&s.programs, p)
			continue
		}
		if p, ok := r.(*planner.PatientRecord); ok {
			if f, ok := s.files[p.ID]; ok {
				f.Patient = *p
			} else {
				s.files[p.ID] = &planner.PatientFile{Patient: *p}
			}
			continue
		}
		f, ok := s.files[r.Owner()]
		if !ok {
			return errors.New("the patient is not in the file")
		}
		switch r := r.(type) {
		case *planner.PlanRecord:
			upsert(&f.Plans, r)
		case *planner.CourseRecord:
			upsert(&f.Courses, r)
		case *planner.ScenarioRecord:
			upsert(&f.Scenarios, r)
		case *planner.PreAuthorization:
			upsert(&f.PreAuthorizations, r)
		case *planner.ChecklistItem:
			upsert(&f.Checklist, r)
		case *planner.Contact:
			upsert(&f.Contacts, r)
		case *planner.Denial:
			upsert(&f.Denials, r)
		case *planner.GoodFaithEstimate:
			upsert(&f.Estimates, r)
		case *planner.Task:
			upsert(&f.Tasks, r)
		case *planner.Application:
			upsert(&f.Applications, r)
		default:
			return fmt.Errorf("memStore keeps no %s", r.RecordKind())
		}
	}
	return nil
}

// Delete deletes a patient or a program; what hangs on other records is
// the real store's to say, in the tests on a real file.
func (s *memStore) Delete(r planner.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r := r.(type) {
	case *planner.PatientRecord:
		delete(s.files, r.ID)
	case *planner.Program:
		s.programs = slices.DeleteFunc(s.programs, func(p planner.Program) bool { return p.ID == r.ID })
	default:
		return fmt.Errorf("memStore deletes no %s", r.RecordKind())
	}
	return nil
}
