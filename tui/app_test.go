package tui

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
	"carecost/store"
)

var today = planner.NewDate(2026, time.November, 29)

// openDemo is a real store on a temp file holding the demo.
func openDemo(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "carecost.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	return db
}

// demoStore is openDemo with a second patient.
func demoStore(t testing.TB) *store.DB {
	t.Helper()
	db := openDemo(t)
	if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Alex Moreno (fictional)", Notes: "private"}}); err != nil {
		t.Fatal(err)
	}
	return db
}

// drive runs a command and feeds its messages back, as the program would;
// batches and sequences are unpacked. A cursor's blink is dropped, so a
// form's timers end rather than tick forever: tests that open forms run in
// a synctest bubble, where those timers fire at once.
func drive(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	feed(cmd, func(msg tea.Msg) tea.Cmd {
		next, more := m.Update(msg)
		m = next.(Model)
		return more
	})
	return m
}

// feed runs cmd and hands each message it gives to update, and then runs
// what update asks for in turn, until nothing more is asked: the loop of
// drive, for a model of any kind.
func feed(cmd tea.Cmd, update func(tea.Msg) tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if cmds, ok := cmdList(msg); ok {
			queue = append(queue, cmds...)
			continue
		}
		if msg == nil || strings.HasSuffix(reflect.TypeOf(msg).PkgPath(), "bubbles/v2/cursor") {
			continue
		}
		queue = append(queue, update(msg))
	}
}

// cmdList unpacks tea.Batch and tea.Sequence messages, whose type for a
// sequence is not exported.
func cmdList(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		next, cmd := m.Update(keyMsg(k))
		m = drive(t, next.(Model), cmd)
	}
	return m
}

// keyMsg is the message of a key, by its name or its letter.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+p":
		return tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func start(t testing.TB, st Store, w, h int) Model {
	t.Helper()
	m := New(st, Options{Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = next.(Model)
	return drive(t, m, loadFirstPatients(st))
}

func screenText(m Model) string { return ansi.Strip(m.View().Content) }

func TestListOpenTabsAndBack(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 100, 30)
	text := screenText(m)
	// Sorted by name: Alex before Sam.
	if !strings.Contains(text, "Alex Moreno (fictional)") || strings.Index(text, "Alex") > strings.Index(text, "Sam Rivera") {
		t.Fatalf("list:\n%s", text)
	}
	// The best plan available now: the ketamine course is appealing, so
	// the in-network $2,880.00 waits; the grant's $5,186.00 does not.
	if !strings.Contains(text, "$5,186.00 (Ketamine with a gran") || !strings.Contains(text, "2 patients.") {
		t.Errorf("list lacks the best scenario or the count:\n%s", text)
	}
	m = press(t, m, "down", "enter")
	if m.screen != screenWorkspace || m.ws.file.Patient.Name != "Sam Rivera (fictional)" {
		t.Fatalf("enter did not open Sam: screen %d", m.screen)
	}
	for _, tc := range []struct {
		keys []string
		tab  tab
		want string
	}{
		{[]string{"tab"}, insuranceTab{}, "Deductible: $2,000.00 ($1,400.00 met)"},
		{[]string{"tab"}, treatmentTab{}, "2026-12-24  Induction 6 of 6"},
		{[]string{"shift+tab"}, insuranceTab{}, "Out of network"},
		{[]string{"4"}, scenariosTab{}, "7. Esketamine, prior auth"},
		{[]string{"5"}, compareTab{}, "Net totals"},
		{[]string{"1"}, overviewTab{}, "What to plan on"},
	} {
		m = press(t, m, tc.keys...)
		if m.ws.current() != tc.tab || !strings.Contains(screenText(m), tc.want) {
			t.Errorf("after %v: tab %d, screen:\n%s", tc.keys, m.ws.tab, screenText(m))
		}
	}
	m = press(t, m, "esc")
	if m.screen != screenPatients {
		t.Error("esc did not go back to the list")
	}
}

func TestCompareSelectsAScenario(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 100, 60)
	m = press(t, m, "down", "enter", "5")
	// The best plan available now is selected first: Ketamine with a
	// grant, the sixth; the in-network one waits on the appeal.
	if !strings.Contains(screenText(m), "▸ Ketamine with a grant") || !strings.Contains(screenText(m), "Ketamine in ne… (if approved)") {
		t.Fatalf("compare:\n%s", screenText(m))
	}
	m = press(t, m, "up", "up")
	text := screenText(m)
	// The warning's amount is the card simulation's own (worked in the
	// planner's card tests), read from the comparison.
	owed := m.ws.comparison.Entries[3].Result.Sources[0].OwedAtPromoEnd.String()
	if !strings.Contains(text, "▸ Ketamine on a medical card") || !strings.Contains(text, "Warning: Medical card 12 months: "+owed+" is still owed when a purchase's promotion ends") {
		t.Errorf("after three downs:\n%s", text)
	}
}

func TestFilterAndPrivacy(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 100, 30)
	m = press(t, m, "/", "s", "a", "m")
	text := screenText(m)
	if strings.Contains(text, "Alex") || !strings.Contains(text, "Sam Rivera") || !strings.Contains(text, "filter: sam") {
		t.Errorf("filtered:\n%s", text)
	}
	m = press(t, m, "backspace", "backspace", "backspace", "x", "y", "z")
	if !strings.Contains(screenText(m), "No patient matches") {
		t.Errorf("no match:\n%s", screenText(m))
	}
	m = press(t, m, "esc")
	if m.list.filter != "" || len(m.list.shown) != 2 {
		t.Errorf("esc left the filter %q", m.list.filter)
	}
	m = press(t, m, "ctrl+p")
	text = screenText(m)
	if strings.Contains(text, "Sam Rivera") || strings.Contains(text, "Alex") || !strings.Contains(text, "Patient 1 (hidden)") ||
		!strings.Contains(text, "Privacy mode on") || !strings.Contains(text, "privacy mode") {
		t.Errorf("privacy mode:\n%s", text)
	}
	// The open patient's own name shows.
	m = press(t, m, "down", "enter")
	if !strings.Contains(screenText(m), "Sam Rivera (fictional)") {
		t.Errorf("open patient under privacy:\n%s", screenText(m))
	}
	m = press(t, m, "ctrl+p")
	if !strings.Contains(screenText(m), "Privacy mode off") {
		t.Error("privacy did not turn off")
	}
}

func TestHelpAndGlossary(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 100, 30)
	m = press(t, m, "?")
	if !strings.Contains(screenText(m), "All keys on this screen") || !strings.Contains(screenText(m), "filter") {
		t.Errorf("help:\n%s", screenText(m))
	}
	m = press(t, m, "esc", "g")
	if !strings.Contains(screenText(m), "Deductible") || !strings.Contains(screenText(m), "before the plan starts to share the cost") {
		t.Errorf("glossary:\n%s", screenText(m))
	}
	m = press(t, m, "down", "down", "esc")
	if len(m.modals) != 0 {
		t.Error("esc did not close the glossary")
	}
	for _, term := range []string{"Deductible", "Coinsurance", "Copay", "Out-of-pocket maximum", "Allowed amount", "Balance billing",
		"Superbill", "Deferred interest", "APR", "Origination fee", "HSA/FSA", "FPL"} {
		found := false
		for _, g := range Glossary {
			found = found || g.Name == term
		}
		if !found {
			t.Errorf("the glossary lacks %s", term)
		}
	}
}

func TestEveryWindowSizeFits(t *testing.T) {
	t.Parallel()
	db := memDemo(t, true)
	base := start(t, db, 100, 30)
	base = press(t, base, "down", "enter")
	for _, tab := range []string{"1", "2", "3", "4", "5"} {
		m := press(t, base, tab)
		for _, size := range [][2]int{{1, 1}, {2, 5}, {39, 11}, {40, 12}, {45, 14}, {60, 20}, {80, 24}, {100, 30}, {200, 60}} {
			next, _ := m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			text := next.(Model).View().Content
			lines := strings.Split(text, "\n")
			if len(lines) > size[1] {
				t.Errorf("tab %s at %dx%d: %d lines", tab, size[0], size[1], len(lines))
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("tab %s at %dx%d: a line of %d cells: %q", tab, size[0], size[1], ansi.StringWidth(l), ansi.Strip(l))
					break
				}
			}
			// Too small a window shows the start of the notice, cut to fit.
			if first := ansi.Strip(lines[0]); (size[0] < minWidth || size[1] < minHeight) && (first == "" || !(strings.HasPrefix(first, "Please enlarge") || strings.HasPrefix("Please enlarge", first))) {
				t.Errorf("at %dx%d the first line is %q, not the notice", size[0], size[1], first)
			}
		}
	}
}

// failingStore fails every call.
type failingStore struct{}

func (failingStore) ListPatients() ([]planner.PatientSummary, error) {
	return nil, errors.New("the disk is full")
}
func (failingStore) LoadPatient(planner.ID) (planner.PatientFile, error) {
	return planner.PatientFile{}, errors.New("gone")
}
func (failingStore) Save(...planner.Record) error { return errors.New("no") }
func (failingStore) Delete(planner.Record) error  { return errors.New("no") }
func (failingStore) FirstPatients(int) ([]planner.PatientSummary, bool, error) {
	return nil, false, errors.New("the disk is full")
}
func (failingStore) Summaries(...planner.ID) ([]planner.PatientSummary, error) {
	return nil, errors.New("the disk is full")
}
func (failingStore) AgendaPage(string, int) ([]planner.AgendaItem, string, error) {
	return nil, "", errors.New("the disk is full")
}
func (failingStore) NewID() planner.ID { return "01J0000000000000000000000X" }
func (failingStore) Programs() ([]planner.Program, error) {
	return nil, errors.New("the disk is full")
}

func TestStoreErrorsAreToldInWords(t *testing.T) {
	t.Parallel()
	m := start(t, failingStore{}, 100, 30)
	if !strings.Contains(screenText(m), "Could not read the patient list: the disk is full") || !m.failed {
		t.Errorf("screen:\n%s", screenText(m))
	}
	m = press(t, m, "a")
	if !strings.Contains(screenText(m), "Could not read the agenda: the disk is full") {
		t.Errorf("agenda:\n%s", screenText(m))
	}
}

func TestEmptyFileWelcomes(t *testing.T) {
	t.Parallel()
	db, err := store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := start(t, db, 100, 30)
	text := screenText(m)
	if !strings.Contains(text, "Welcome to carecost") || !strings.Contains(text, "carecost --demo") || !strings.Contains(text, "No patients yet.") {
		t.Errorf("welcome:\n%s", text)
	}
}

func TestAccessibleModeIsLabelledLines(t *testing.T) {
	t.Parallel()
	db := memDemo(t, true)
	m := New(db, Options{Accessible: true, Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	m = drive(t, next.(Model), loadPatients(db))
	text := screenText(m)
	if !strings.Contains(text, "Patient 1 of 2 (selected): Alex Moreno (fictional). Insurance: no treatment course yet.") || !strings.Contains(text, "Keys: enter open") {
		t.Errorf("list:\n%s", text)
	}
	m = press(t, m, "down", "enter", "5")
	text = screenText(m)
	if !strings.Contains(text, "Scenario 1: Ketamine in network. Not available now: if the appeal for IV ketamine infusions") ||
		!strings.Contains(text, "Scenario 6 (selected): Ketamine with a grant. Net total: $5,186.00.") || strings.Contains(text, "█") || strings.Contains(text, "▸") ||
		// Every figure the table and the chart show, in words: the grant
		// scenario's care cost is the $6,950.00 cash price (350 + 12 × 550).
		!strings.Contains(strings.Join(strings.Fields(text), " "), "Care cost: $6,950.00. Insurer pays: $0.00. Assistance: $1,500.00.") {
		t.Errorf("compare:\n%s", text)
	}
}

func TestDemoOpensItsPatient(t *testing.T) {
	t.Parallel()
	db := memDemo(t, false)
	m := New(db, Options{Demo: true, Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, next.(Model), m.Init())
	text := screenText(m)
	if m.screen != screenWorkspace || !strings.Contains(text, "Demo — nothing is saved to your file") {
		t.Errorf("demo:\n%s", text)
	}
}

func TestLongListKeepsTheSelectionInView(t *testing.T) {
	t.Parallel()
	db, err := store.Open(filepath.Join(t.TempDir(), "many.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var records []planner.Record
	for i := range 60 {
		records = append(records, &planner.PatientRecord{ID: store.NewID(), Patient: planner.Patient{Name: "Patient " + padLeft(itoa(i), 2)}})
	}
	if err := db.Save(records...); err != nil {
		t.Fatal(err)
	}
	m := start(t, db, 80, 20)
	for range 45 {
		m = press(t, m, "down")
	}
	text := screenText(m)
	if !strings.Contains(text, "Patient 45") || strings.Contains(text, "Patient  0") || len(strings.Split(text, "\n")) > 20 {
		t.Errorf("after 45 downs:\n%s", text)
	}
	m = press(t, m, "/", "4", "4")
	if !strings.Contains(screenText(m), "Patient 44") || strings.Contains(screenText(m), "Patient 45") {
		t.Errorf("filtered:\n%s", screenText(m))
	}
}

func TestAnAnswerForAPatientLeftBehindIsDropped(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 100, 30)
	// enter asks for Sam's records; esc comes before the answer.
	next, _ := m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	next, load := next.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	next, _ = next.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	m = drive(t, next.(Model), load)
	if m.screen != screenPatients {
		t.Error("a late answer opened the patient the person had left")
	}
}

func TestPrivacyModeFilterMatchesNoNames(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 100, 30)
	m = press(t, m, "ctrl+p", "/", "s", "a", "m")
	text := screenText(m)
	if !strings.Contains(text, "No patient matches") || !strings.Contains(text, "names are hidden") {
		t.Errorf("privacy filter:\n%s", text)
	}
	m = press(t, m, "esc", "down", "d")
	if strings.Contains(screenText(m), "Sam") || !strings.Contains(screenText(m), "Delete the patient 'Patient 2 (hidden)'") {
		t.Errorf("privacy delete:\n%s", screenText(m))
	}
}

func TestALongStatusWrapsOntoTwoLines(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, true), 60, 20)
	m.setStatus("Could not save: the disk is full — nothing was changed. Free some space and submit the form again.", true)
	m.render()
	text := screenText(m)
	lines := strings.Split(text, "\n")
	if len(lines) > 20 || !strings.Contains(text, "Could not save: the disk is full") || !strings.Contains(text, "submit the form again.") {
		t.Errorf("%d lines:\n%s", len(lines), text)
	}
}
