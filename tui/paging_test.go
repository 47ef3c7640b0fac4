package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"

	"carecost/planner"
	"carecost/store"
)

// countingStore counts the whole reads of the list and of the agenda.
type countingStore struct {
	*memStore
	lists, pages atomic.Int32
	// listErr, if set, is what reading the whole list gives.
	listErr error
}

func (s *countingStore) ListPatients() ([]planner.PatientSummary, error) {
	s.lists.Add(1)
	if s.listErr != nil {
		return nil, s.listErr
	}
	return s.memStore.ListPatients()
}

func (s *countingStore) AgendaPage(after string, n int) ([]planner.AgendaItem, string, error) {
	s.pages.Add(1)
	return s.memStore.AgendaPage(after, n)
}

// manyPatients is a store of n patients, "Patient 0000" on, each with a
// task due on one of 30 days from today.
func manyPatients(t *testing.T, n int) *countingStore {
	t.Helper()
	st := newMemStore()
	for i := range n {
		p := &planner.PatientRecord{Patient: planner.Patient{Name: fmt.Sprintf("Patient %04d", i)}}
		if err := st.Save(p); err != nil {
			t.Fatal(err)
		}
		task := &planner.Task{Key: planner.Key{PatientID: p.ID}, Text: fmt.Sprintf("Call about %04d", i), Due: today.AddDays(i % 30)}
		if err := st.Save(task); err != nil {
			t.Fatal(err)
		}
	}
	return &countingStore{memStore: st}
}

// The first frame shows the list's first page, and says the rest is being
// read; the rest follows without a key.
func TestTheFirstFrameShowsTheFirstPage(t *testing.T) {
	t.Parallel()
	st := manyPatients(t, firstPatients+50)
	m := New(st, Options{Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	next, rest := next.Update(loadFirstPatients(st)())
	m = next.(Model)
	if n := st.lists.Load(); n != 0 {
		t.Errorf("the first frame read the whole list %d times", n)
	}
	mustHave(t, m, "Patient 0000", "(the first 200; reading the rest…)", "Loading the patient list…")
	m = drive(t, m, rest)
	if strings.Contains(screenText(m), "reading the rest") || !strings.Contains(screenText(m), "250 patients.") {
		t.Errorf("once read whole:\n%s", screenText(m))
	}
	m = press(t, m, "end")
	mustHave(t, m, "▸ Patient 0249")
}

// A large file whose rest is found damaged behind its first page says so,
// and no longer says the rest is coming.
func TestTheRestOfTheListNotReadIsSaid(t *testing.T) {
	t.Parallel()
	st := manyPatients(t, firstPatients+50)
	st.listErr = errors.New("carecost.db is damaged in patients: page 9 says it is page 12")
	m := New(st, Options{Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	next, rest := next.Update(loadFirstPatients(st)())
	m = drive(t, next.(Model), rest)
	mustHave(t, m, "▸ Patient 0000", "(the first 200; the rest could not be read)", "Could not read the patient list: carecost.db is damaged in patients")
	if strings.Contains(screenText(m), "reading the rest") {
		t.Errorf("still says the rest is coming:\n%s", screenText(m))
	}
}

// A saved patient's entry takes its place in the list, read alone: the
// list is not read again, on saving or on coming back to it.
func TestASaveReadsItsEntryAlone(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		st := manyPatients(t, 30)
		m := start(t, st, 100, 40)
		before := st.lists.Load()
		m = press(t, m, "n")
		m = fill(t, m, "Patient 0010a", "", "", "", "", "", "", "", "", "")
		mustHave(t, m, "Saved patient 'Patient 0010a'", "▸ Patient 0010a")
		text := screenText(m)
		if strings.Index(text, "Patient 0010a") < strings.Index(text, "Patient 0010 ") || strings.Index(text, "Patient 0010a") > strings.Index(text, "Patient 0011") {
			t.Errorf("the new patient is out of order:\n%s", text)
		}
		// Renamed from its workspace, then back on the list: it moves.
		m = press(t, m, "enter", "e")
		m = typeText(t, m, "z")
		m = press(t, m, "ctrl+s")
		mustHave(t, m, "Saved patient 'Patient 0010az'")
		m = press(t, m, "esc")
		if m.screen != screenPatients {
			t.Fatalf("esc left screen %d", m.screen)
		}
		if names := names(m.list.all); names[11] != "Patient 0010az" || names[10] != "Patient 0010" || len(names) != 31 {
			t.Errorf("after the rename: %q", names)
		}
		mustHave(t, m, "▸ Patient 0010az")
		if got := st.lists.Load(); got != before {
			t.Errorf("the list was read whole %d more times", got-before)
		}
		// Deleted: gone from the list, which is still not read whole.
		m = press(t, m, "end", "d", "y")
		mustHave(t, m, "Deleted patient 'Patient 0029'")
		if names := names(m.list.all); len(names) != 30 || names[29] != "Patient 0028" || strings.Contains(screenText(m), "  Patient 0029 ") {
			t.Errorf("after the delete: %q\n%s", names, screenText(m))
		}
		if got := st.lists.Load(); got != before {
			t.Errorf("the list was read whole %d more times", got-before)
		}
	})
}

// The agenda is read a page at a time as the cursor goes down it, and
// walking it shows every item in order, the catalog's closed funds among
// them after the patients' items of their day.
func TestTheAgendaIsReadByPages(t *testing.T) {
	t.Parallel()
	st := manyPatients(t, agendaPage*2+30)
	// A fund found closed today is checked again in two weeks, after the
	// patients' items of that day.
	program := planner.Program{ID: "01JPROGRAM0000000000000001", Name: "Second Wind", Fund: planner.FundClosed, FundCheckedOn: today}
	st.programs = append(st.programs, program)
	m := start(t, st, 100, 30)
	m = press(t, m, "a")
	if n := st.pages.Load(); n != 1 || len(m.agenda.items) > agendaPage+1 {
		t.Fatalf("opening read %d pages, %d items", n, len(m.agenda.items))
	}
	var walked []planner.AgendaItem
	for range agendaPage*2 + 60 {
		walked = append(walked, m.agenda.items[m.agenda.cursor])
		m = press(t, m, "down")
	}
	walked = append(walked, m.agenda.items[m.agenda.cursor])
	whole, _, _ := st.memStore.AgendaPage("", 1<<20)
	programs, _ := st.Programs()
	whole = planner.MergeReminders(whole, planner.FundReminders(programs))
	if len(walked) < len(whole) {
		t.Fatalf("walked %d items of %d", len(walked), len(whole))
	}
	for i, it := range whole {
		if walked[i] != it {
			t.Fatalf("item %d: %+v, want %+v", i, walked[i], it)
		}
	}
	if n := st.pages.Load(); n != 3 {
		t.Errorf("walking it read %d pages, want 3", n)
	}
	if strings.Contains(screenText(m), "(more: ↓)") {
		t.Errorf("at the end, the agenda says there is more:\n%s", screenText(m))
	}
}

func names(list []planner.PatientSummary) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Name)
	}
	return out
}

// An advocate's list follows the grants an admin gives and takes away, as
// the team server tells the session; a patient open when revoked closes.
func TestTheListFollowsGrants(t *testing.T) {
	t.Parallel()
	db := demoStore(t)
	admin := &store.Actor{Name: "lee", Fingerprint: "SHA256:lee", Admin: true}
	if err := db.AddAdvocate(nil, "lee", store.PublicKey{Fingerprint: "SHA256:lee", Line: "ssh-ed25519 AAAA lee"}, true); err != nil {
		t.Fatal(err)
	}
	if err := db.AddAdvocate(admin, "ana", store.PublicKey{Fingerprint: "SHA256:ana", Line: "ssh-ed25519 AAAA ana"}, false); err != nil {
		t.Fatal(err)
	}
	all, _ := db.ListPatients()
	alex, sam := all[0], all[1]
	if err := db.Grant(admin, "ana", sam.ID, store.ReadOnly); err != nil {
		t.Fatal(err)
	}
	st := db.Session(store.Actor{Name: "ana", Fingerprint: "SHA256:ana"}, nil)
	m := start(t, st, 100, 30)
	if got := names(m.list.all); len(got) != 1 || got[0] != sam.Name {
		t.Fatalf("ana's list: %q", got)
	}
	if err := db.Grant(admin, "ana", alex.ID, store.ReadWrite); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, func() tea.Msg { return Changed{By: "lee", Patient: alex.ID, Kind: GrantChange} })
	if got := names(m.list.all); len(got) != 2 || got[0] != alex.Name {
		t.Errorf("after the grant: %q", got)
	}
	mustHave(t, m, "lee gave you a patient's records.")
	// Sam is open when lee revokes Sam.
	m = press(t, m, "down", "enter")
	if m.screen != screenWorkspace || m.ws.file.Patient.ID != sam.ID {
		t.Fatalf("Sam is not open: screen %d", m.screen)
	}
	if err := db.Revoke(admin, "ana", sam.ID); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, func() tea.Msg { return Changed{By: "lee", Patient: sam.ID, Kind: GrantChange, Deleted: true} })
	if got := names(m.list.all); len(got) != 1 || got[0] != alex.Name || m.screen != screenPatients {
		t.Errorf("after the revoke: %q on screen %d", got, m.screen)
	}
	// Taken off the team: nothing is left.
	if err := db.RemoveAdvocate(admin, "ana"); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, func() tea.Msg { return Changed{By: "lee", Kind: GrantChange, Deleted: true} })
	if len(m.list.all) != 0 {
		t.Errorf("off the team: %q", names(m.list.all))
	}
	mustHave(t, m, "lee took you off the team")
}

// A change heard while the whole list is being read is not lost when the
// older list arrives: the list is read once more.
func TestAChangeHeardWhileTheListIsReadIsKept(t *testing.T) {
	t.Parallel()
	st := memDemo(t, true)
	m := New(st, Options{Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(Model)
	old := loadFirstPatients(st)() // read before the change
	list, _ := st.ListPatients()
	f, _ := st.LoadPatient(list[0].ID)
	f.Patient.Name = "Alex Renamed (fictional)"
	if err := st.Save(&f.Patient); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, func() tea.Msg { return Changed{By: "ana", Patient: f.Patient.ID, Kind: "patient"} })
	next, cmd := m.Update(old)
	m = drive(t, next.(Model), cmd)
	if got := names(m.list.all); len(got) != 2 || got[0] != "Alex Renamed (fictional)" {
		t.Errorf("the list after the older read: %q", got)
	}
}

// A filter typed on looks only among those it showed: at every key it
// shows what a filter typed whole would, in each order, names hidden or
// not, and with accents on either side.
func TestAFilterTypedOnNarrowsWhatItShowed(t *testing.T) {
	t.Parallel()
	names := []string{"García Lopez", "garcia lópez", "Gabriel", "Ángela Ruiz", "angela", "Ann", "Zoë Garcia", "Bob"}
	var list []planner.PatientSummary
	for i, n := range names {
		list = append(list, planner.PatientSummary{ID: planner.ID(fmt.Sprintf("01J%023d", i)), Name: n,
			Status: []string{"covered", "denied", "appealing"}[i%3], NextDue: today.AddDays(i % 4)})
	}
	slices.SortFunc(list, planner.ComparePatients)
	for _, privacy := range []bool{false, true} {
		for order := range listOrders {
			var l patientList
			l.order = order
			l.set(listLoaded(list, false, nil), privacy)
			for _, filter := range []string{"g", "ga", "gar", "garc", "garcí", "garcía", "garcía ", "a", "an", "ang", "d", "de"} {
				l.filter = filter
				l.refilter(privacy)
				var whole patientList
				whole.order, whole.filter = order, filter
				whole.set(listLoaded(list, false, nil), privacy)
				if !slices.Equal(l.shown, whole.shown) {
					t.Errorf("privacy %v, order %v, filter %q: %v, typed whole %v", privacy, order, filter, l.shown, whole.shown)
				}
				// What it finds is what containsFolded finds.
				for i, s := range list {
					needle := strings.ToLower(filter)
					want := (!privacy && containsFolded(s.Name, needle)) || strings.Contains(s.Status, needle)
					if slices.Contains(l.shown, i) != want {
						t.Errorf("filter %q, %q: shown %v, want %v", filter, s.Name, !want, want)
					}
				}
			}
		}
	}
}
