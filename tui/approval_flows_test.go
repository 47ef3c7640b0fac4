package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/charmbracelet/x/exp/golden"
	"time"

	tea "charm.land/bubbletea/v2"

	"carecost/planner"
	"carecost/store"
)

// The approval workflow as a person goes through it, run as whole programs
// and compared with their golden files (refresh with go test ./tui -update).

// clock is the fixed time of these runs: 2026-11-29, 10:30.
func clock() time.Time { return time.Date(2026, time.November, 29, 10, 30, 0, 0, time.UTC) }

func approvalModel(t *testing.T, st Store) Model {
	t.Helper()
	return New(st, Options{Demo: true, Theme: ThemeDark, Today: today, Now: clock})
}

// keys are the messages of key names and text, for runFlow.
func keys(names ...string) []tea.Msg {
	var out []tea.Msg
	for _, n := range names {
		switch n {
		case "enter":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter})
		case "down":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyDown})
		case "esc":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEscape})
		default:
			// A word is pasted, as a person's typing arrives at once;
			// a single letter is a key press.
			if len([]rune(n)) > 1 {
				out = append(out, tea.PasteMsg{Content: n})
				continue
			}
			out = append(out, typed([]rune(n)[0]))
		}
	}
	return out
}

func TestFlowLogACall(t *testing.T) {
	t.Parallel()
	db := openDemo(t)
	runFlow(t, approvalModel(t, db), 100, 40, []flowStep{
		{want: "Overview"},
		{send: keys("6"), want: "Open deadlines"},
		{send: keys("c"), want: "Log a call or message"},
		// When: the clock's time, kept; with the insurer; then who, the
		// reference and what was said.
		{send: keys("enter", "enter", "Priya", "enter", "REF-5521", "enter", "Approved 6 infusions verbally", "enter"),
			want: "Did they give a decision"},
		// A decision, not in writing; follow up by 2026-12-03, not done.
		{send: keys("y", "n", "2026-12-03", "enter", "n"), want: "Saved the insurer contact"},
		{want: "Get it in writing"},
	})
	f, err := db.LoadPatient(mustFirst(t, db))
	if err != nil {
		t.Fatal(err)
	}
	got := f.ContactsNewestFirst()[0]
	if got.Person != "Priya" || got.Reference != "REF-5521" || got.Party != planner.PartyInsurer || !got.Decision || got.InWriting ||
		got.FollowUp != planner.NewDate(2026, 12, 3) || !got.When.Equal(clock()) {
		t.Errorf("saved %+v", got)
	}
}

func mustFirst(t *testing.T, db *store.DB) planner.ID {
	t.Helper()
	list, err := db.ListPatients()
	if err != nil || len(list) == 0 {
		t.Fatalf("list %v, %v", list, err)
	}
	return list[0].ID
}

func TestFlowRecordADenial(t *testing.T) {
	t.Parallel()
	db := openDemo(t)
	runFlow(t, approvalModel(t, db), 100, 40, []flowStep{
		{want: "Overview"},
		{send: keys("6", "n"), want: "What would you like to add?"},
		// The third choice: a denial.
		{send: keys("down", "down", "enter"), want: "Record a denial"},
		// About the esketamine course, noticed on 2026-11-02, off-label
		// (the third reason), with the notice's words and claim number.
		{send: keys("down", "enter", "2026-11-02", "enter", "down", "down", "enter", "Not approved for this use", "enter", "CLM-77", "enter"),
			want: "Appeal level"},
		// An internal appeal, before the service, not filed yet: the
		// rest blank. The course needed pre-authorization: now it is
		// denied, and carecost asks before saying so. (The pending request
		// was sent on 2026-11-20, after this notice: it stays pending.)
		{send: keys("enter", "enter", "enter", "enter", "enter", "enter", "enter"),
			want: "Set the coverage of Esketamine nasal spray (FDA-approved) to denied (it was needs"},
		{send: keys("y"), want: "Saved the denial of 2026-11-02"},
		// 2026-11-02 + 180 days = 2027-05-01, 153 days after 2026-11-29
		// (see planner's TestDenialDeadlinesAndNextStep).
		{want: "2027-05-01  153 days left  File the internal appeal"},
	})
	// One transaction: the denial, the pre-authorization and the course.
	f, err := db.LoadPatient(mustFirst(t, db))
	if err != nil {
		t.Fatal(err)
	}
	esketamine := f.Courses[1]
	if esketamine.Status != planner.StatusDenied || len(f.Denials) != 2 {
		t.Errorf("course %v, %d denials", esketamine.Status, len(f.Denials))
	}
	for _, p := range f.PreAuthorizations {
		if p.CourseID == esketamine.ID && p.Status != planner.PreAuthPending {
			t.Errorf("pre-authorization %+v", p)
		}
	}
}

// Declining the changes a denial calls for saves the denial alone.
func TestRecordADenialAndDecline(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := openDemo(t)
		m := toTheChangesQuestion(t, db)
		mustHave(t, m, "This also calls for changes elsewhere", "any other key to save only what you entered")
		m = press(t, m, "n")
		mustHave(t, m, "Saved the denial of 2026-11-02")
		f, err := db.LoadPatient(mustFirst(t, db))
		if err != nil {
			t.Fatal(err)
		}
		if f.Courses[1].Status != planner.StatusNeedsPreAuthorization || len(f.Denials) != 2 {
			t.Errorf("course %v, %d denials", f.Courses[1].Status, len(f.Denials))
		}
		golden.RequireEqual(t, screenText(m))
	})
}

// A denial dated after the pending request was sent is its answer: the
// pre-authorization and the course are marked denied with it.
func TestFlowDenialDecidesThePreAuthorization(t *testing.T) {
	t.Parallel()
	db := openDemo(t)
	runFlow(t, approvalModel(t, db), 100, 40, []flowStep{
		{want: "Overview"},
		{send: keys("6", "n", "down", "down", "enter"), want: "Record a denial"},
		// The esketamine course (requested 2026-11-20), noticed 2026-11-25.
		{send: keys("down", "enter", "2026-11-25", "enter", "enter", "enter", "enter"), want: "Appeal level"},
		{send: keys("enter", "enter", "enter", "enter", "enter", "enter", "enter"),
			want: "Mark the pre-authorization of Esketamine nasal spray (FDA-approved) denied (it was pending)."},
		{send: keys("y"), want: "Saved the denial of 2026-11-25"},
		// 2026-11-25 + 180 days = 2027-05-24, 176 days after 2026-11-29.
		{want: "Pre-authorization: denied, submitted 2026-11-20, decided 2026-11-25"},
	})
	f, err := db.LoadPatient(mustFirst(t, db))
	if err != nil {
		t.Fatal(err)
	}
	if f.Courses[1].Status != planner.StatusDenied {
		t.Errorf("course %v", f.Courses[1].Status)
	}
}

// An approved pre-authorization makes its course covered, once the person
// says yes; and the scenarios that waited on it are available now.
func TestApprovedPreAuthorizationCoversTheCourse(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := openDemo(t)
		m := start(t, db, 100, 40)
		m = press(t, m, "enter", "6")
		// The esketamine pre-authorization, pending: the first record shown
		// for the second course. Select it and edit.
		for topForm(m) == nil || !strings.Contains(screenText(m), "Edit the pre-authorization") {
			m = press(t, m, "down")
			if it, ok := m.ws.selectedItem(); ok && it.kind == itemPreAuth && m.ws.file.PreAuthorizations[it.i].Status == planner.PreAuthPending {
				m = press(t, m, "e")
			}
		}
		// Where it stands: from pending, two down is denied, one is approved.
		m = press(t, m, "enter", "enter", "down", "enter")
		for range 9 {
			m = press(t, m, "enter")
		}
		mustHave(t, m, "Set the coverage of Esketamine nasal spray (FDA-approved) to covered")
		m = press(t, m, "y")
		mustHave(t, m, "Saved the pre-authorization")
		// The words stay with the tab they were said on.
		m = press(t, m, "5")
		mustHave(t, m, "Esketamine, prior auth")
		if strings.Contains(screenText(m), "Saved the pre-authorization") {
			t.Errorf("the status followed to Compare:\n%s", screenText(m))
		}
		if strings.Contains(screenText(m), "Esketamine, pr… (if approved)") {
			t.Errorf("still waits:\n%s", screenText(m))
		}
		golden.RequireEqual(t, screenText(m))
	})
}

// threePatients is a file with the demo and two more patients, each with
// something due: overdue, today and later.
func threePatients(t *testing.T) *store.DB {
	t.Helper()
	db := openDemo(t)
	for _, p := range []struct {
		name string
		task string
		due  planner.Date
	}{
		{"Alex Moreno (fictional)", "Send the therapist's letter", today.AddDays(-3)},
		{"Bea Lindqvist (fictional)", "Call the foundation about the grant", today},
		{"Chris Osei (fictional)", "Ask for the itemized bill", today.AddDays(12)},
	} {
		patient := &planner.PatientRecord{Patient: planner.Patient{Name: p.name}}
		if err := db.SavePatient(patient); err != nil {
			t.Fatal(err)
		}
		if err := db.Save(&planner.Task{Key: planner.Key{PatientID: patient.ID}, Text: p.task, Due: p.due}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestFlowAgenda(t *testing.T) {
	t.Parallel()
	m := New(threePatients(t), Options{Theme: ThemeDark, Today: today, Now: clock})
	runProgram(t, m, 100, 30, []flowStep{
		{want: "Best scenario"},
		{send: keys("a"), want: "Overdue"},
	})
}

func TestFlowAgendaPrivacy(t *testing.T) {
	t.Parallel()
	m := New(threePatients(t), Options{Theme: ThemeDark, Today: today, Now: clock})
	runProgram(t, m, 100, 30, []flowStep{
		{want: "Best scenario"},
		{send: []tea.Msg{typed('a'), tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}}, want: "Patient 1 (hidden)"},
	})
}

func TestFlowLetter(t *testing.T) {
	t.Parallel()
	runFlow(t, approvalModel(t, memDemo(t, false)), 100, 40, []flowStep{
		{want: "Overview"},
		// L, then the internal appeal letter (offered first, as there is
		// a denial) about the ketamine course.
		{send: keys("6", "L"), want: "Which letter?"},
		{send: keys("enter", "enter"), want: "Request for an internal appeal"},
	})
}

func TestAgendaOpensThePatient(t *testing.T) {
	t.Parallel()
	m := start(t, threePatients(t), 100, 30)
	m = press(t, m, "a")
	mustHave(t, m, "Overdue", "Send the therapist's letter (overdue by 3 days)", "Today", "This week", "Later")
	// The first line is the overdue task of Alex; enter opens Alex on the
	// Approval tab, and esc goes back to the agenda.
	m = press(t, m, "enter")
	if m.screen != screenWorkspace || m.ws.current() != tab(approvalTab{}) || m.ws.file.Patient.Name != "Alex Moreno (fictional)" {
		t.Fatalf("opened %q on tab %d", m.ws.file.Patient.Name, m.ws.tab)
	}
	mustHave(t, m, "[ ] Send the therapist's letter — by 2026-11-26 (overdue by 3 days)")
	m = press(t, m, "esc")
	if m.screen != screenAgenda {
		t.Errorf("esc went to screen %d", m.screen)
	}
	// In privacy mode no name shows.
	m = press(t, m, "ctrl+p")
	// Nor anything an item says: notes of calls, tasks, courses.
	for _, name := range []string{"Alex", "Bea", "Chris", "Sam", "Dr. Lee", "therapist", "ketamine", "Second Wind"} {
		if strings.Contains(screenText(m), name) {
			t.Errorf("%s shows in privacy mode:\n%s", name, screenText(m))
		}
	}
}

func TestWriteLetter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "appeal.md")
	// A new file is written, readable only by its owner.
	if msg := writeLetter(store.Files{}, path, "first", false)().(letterWrittenMsg); msg.err != nil || msg.exists || msg.path != path {
		t.Fatalf("new file: %+v", msg)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v", info.Mode().Perm(), err)
	}
	// An existing file is not touched unless replacing is asked for.
	if msg := writeLetter(store.Files{}, path, "second", false)().(letterWrittenMsg); !msg.exists || msg.err != nil {
		t.Errorf("existing file: %+v", msg)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("the existing file became %q", b)
	}
	if msg := writeLetter(store.Files{}, path, "second", true)().(letterWrittenMsg); msg.err != nil {
		t.Errorf("replacing: %+v", msg)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Errorf("the replaced file holds %q", b)
	}
	// A folder that is not there: a sentence, and nothing written.
	if msg := writeLetter(store.Files{}, filepath.Join(dir, "no", "such", "x.md"), "x", false)().(letterWrittenMsg); msg.err == nil ||
		!strings.Contains(msg.err.Error(), "folder does not exist") {
		t.Errorf("missing folder: %+v", msg)
	}
	// A folder's own name is not a file to replace.
	if msg := writeLetter(store.Files{}, dir, "x", false)().(letterWrittenMsg); msg.err == nil || msg.exists {
		t.Errorf("a folder: %+v", msg)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// ~/ is the home folder.
	t.Setenv("HOME", dir)
	if msg := writeLetter(store.Files{}, "~/home.md", "x", false)().(letterWrittenMsg); msg.err != nil || msg.path != filepath.Join(dir, "home.md") {
		t.Errorf("~/: %+v", msg)
	}
}

// Esc on the question of what else a denial changes goes back to the form,
// with everything typed, and saves nothing; ctrl+c does the same.
func TestEscOnTheChangesQuestionGoesBackToTheForm(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := openDemo(t)
		m := toTheChangesQuestion(t, db)
		mustHave(t, m, "This also calls for changes elsewhere")
		for _, k := range []tea.KeyPressMsg{{Code: tea.KeyEscape}, {Code: 'c', Mod: tea.ModCtrl}} {
			next, cmd := m.Update(k)
			m = drive(t, next.(Model), cmd)
			if d := topForm(m); d == nil || d.saving || d.vals.get("notice") != "2026-11-02" {
				t.Fatalf("after %v: %+v\n%s", k, d, screenText(m))
			}
			// The form is open again, every field editable: going through
			// it submits it again, and the question comes back.
			for i := 0; i < 20 && !strings.Contains(screenText(m), "This also calls for changes elsewhere"); i++ {
				m = press(t, m, "enter")
			}
			mustHave(t, m, "This also calls for changes elsewhere")
		}
		f, err := db.LoadPatient(mustFirst(t, db))
		if err != nil || len(f.Denials) != 1 {
			t.Errorf("%d denials saved, %v", len(f.Denials), err)
		}
	})
}

// toTheChangesQuestion records a denial of the esketamine course, noticed
// on 2026-11-02, up to the question of what else it changes.
func toTheChangesQuestion(t *testing.T, db *store.DB) Model {
	t.Helper()
	m := start(t, db, 100, 40)
	m = press(t, m, "enter", "6", "n", "down", "down", "enter", "down", "enter")
	m = typeText(t, m, "2026-11-02")
	for range 11 {
		m = press(t, m, "enter")
	}
	return m
}

// On the agenda, x marks a task done and z puts it off a week; a
// deadline is neither, and says so.
func TestAgendaDoneAndSnooze(t *testing.T) {
	t.Parallel()
	db := threePatients(t)
	m := start(t, db, 100, 40)
	m = press(t, m, "a")
	mustHave(t, m, "Send the therapist's letter (overdue by 3 days)")
	// The first item is Alex's overdue task: x, and it is done and gone.
	m = press(t, m, "x")
	mustHave(t, m, "Done: Send the therapist's letter")
	if strings.Contains(screenText(m), "Send the therapist's letter (overdue") {
		t.Errorf("the done task is still on the agenda:\n%s", screenText(m))
	}
	// Now Bea's task due today is first: z puts it off to a week on.
	m = press(t, m, "z")
	want := "Put off to " + today.AddDays(7).String() + ": Call the foundation about the grant"
	mustHave(t, m, want)
	// in returns the agenda's item saying what, and whether it has one.
	in := func(items []planner.AgendaItem, what string) (int, bool) {
		for i, it := range items {
			if it.What == what {
				return i, true
			}
		}
		return 0, false
	}
	items, _ := db.Agenda()
	if i, ok := in(items, "Call the foundation about the grant"); !ok || items[i].Due != today.AddDays(7) {
		t.Errorf("Bea's task: on the agenda %v, due %v", ok, items[i].Due)
	}
	if _, ok := in(items, "Send the therapist's letter"); ok {
		t.Error("Alex's task is still open")
	}
	// In privacy mode, what it says names nothing: Chris's task, done.
	m = press(t, m, "ctrl+p")
	i, ok := in(m.agenda.items, "Ask for the itemized bill")
	if !ok {
		t.Fatal("Chris's task is not on the agenda")
	}
	m.agenda.cursor = i
	m = press(t, m, "x")
	mustHave(t, m, "Saved (details hidden).")
	if strings.Contains(screenText(m), "itemized") {
		t.Errorf("privacy mode shows the task:\n%s", screenText(m))
	}
	if items, _ := db.Agenda(); func() bool { _, ok := in(items, "Ask for the itemized bill"); return ok }() {
		t.Error("Chris's task is still open")
	}
	m = press(t, m, "ctrl+p")
	// A deadline (the demo patient's appeal and pre-authorization have
	// them): not from the agenda.
	deadline := -1
	for i, it := range m.agenda.items {
		if it.Kind == planner.AgendaDeadline {
			deadline = i
			break
		}
	}
	if deadline < 0 {
		t.Fatal("no deadline on the agenda")
	}
	m.agenda.cursor = deadline
	m = press(t, m, "x")
	mustHave(t, m, "A deadline is met by what is filed, not from the agenda")
}
