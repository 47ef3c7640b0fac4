package tui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"carecost/planner"
	"carecost/store"
)

// typeText types s into the app, a key press a character.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		next, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		m = drive(t, next.(Model), cmd)
	}
	return m
}

// fill types each value into the form's next field and moves on with
// enter; "" leaves a field as it is.
func fill(t *testing.T, m Model, values ...string) Model {
	t.Helper()
	for _, v := range values {
		m = typeText(t, m, v)
		m = press(t, m, "enter")
	}
	return m
}

func mustHave(t *testing.T, m Model, want ...string) {
	t.Helper()
	text := screenText(m)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Fatalf("the screen lacks %q:\n%s", w, text)
		}
	}
}

// TestFirstRun is a newcomer's first time in the app: an empty file, a patient, a
// plan, a course and two scenarios, then the comparison. Every step is
// saved in the file as it goes.
func TestFirstRun(t *testing.T) {
	t.Parallel()
	synctest.Test(t, firstRun)
}

func firstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "carecost.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := start(t, db, 100, 30)
	mustHave(t, m, "Welcome to carecost", "Press n to add the first one")

	// The patient: a bad date is refused in words, and nothing is lost.
	m = press(t, m, "n")
	mustHave(t, m, "New patient", "Name")
	m = fill(t, m, "Jane Doe (fictional)", "1980-02-30")
	mustHave(t, m, "February 1980 has 29 days, not 30")
	m = press(t, m, "backspace", "backspace")
	m = fill(t, m, "29", "OH", "3", "41,000", "300", "", "", "", "")
	mustHave(t, m, "Saved patient 'Jane Doe (fictional)'", "Jane Doe (fictional)")
	m = press(t, m, "enter")
	mustHave(t, m, "Monthly budget: $300.00 a month", "Insurance: no plan entered", "Treatment: no course entered")

	// The plan, on the Insurance tab: $2,000 deductible, 20%, $6,000
	// maximum, $1,400 met; no out-of-network benefits.
	m = press(t, m, "2", "n")
	mustHave(t, m, "New insurance plan")
	m = fill(t, m, "Acme Health", "Silver PPO", "M-123", "G-77", "", "", "")
	m = fill(t, m, "2,000", "20", "", "", "6,000", "1,400", "1,900", "2026-11-15")
	m = fill(t, m, "", "", "", "", "", "", "")
	mustHave(t, m, "Saved plan 'Silver PPO'", "Deductible: $2,000.00 ($1,400.00 met)", "Out of network: the plan pays nothing.")

	// The course, on the Treatment tab: an evaluation and six infusions
	// twice a week from 2026-12-07.
	m = press(t, m, "3", "n")
	mustHave(t, m, "New treatment course")
	m = fill(t, m, "IV ketamine infusions", "2026-12-07", "", "", "", "", "")
	m = fill(t, m, "Induction", "6", "", "2", "", "550", "600", "420", "380")
	// A blank name for phase 2 ends the phases: one key, not eighteen.
	m = fill(t, m, "")
	m = fill(t, m, "Evaluation", "350", "450", "280", "300")
	m = fill(t, m, "Dr. Robin Lee (fictional)", "", "Lakeside Infusion Center (fictional)", "")
	mustHave(t, m, "Saved course 'IV ketamine infusions'", "2026-12-24  Induction 6 of 6")

	// Two scenarios: covered in network, paid as you go; and self-pay on a
	// personal loan of 12 months at 0%.
	m = press(t, m, "4", "n")
	mustHave(t, m, "New funding scenario")
	// Only what applies is asked: no superbill lag, no paying up front,
	// no order for one way to pay; way 2 shows after way 1, and "none"
	// ends the list.
	m = typeText(t, m, "In network")
	m = press(t, m, "enter", "enter", "down", "enter")
	m = press(t, m, "down", "down", "down", "down", "enter")
	m = fill(t, m, "Income", "")
	mustHave(t, m, "Saved scenario 'In network'")

	m = press(t, m, "n")
	m = typeText(t, m, "Loan 12 months")
	m = press(t, m, "enter", "enter", "enter")
	m = fill(t, m, "") // self-pay: not up front
	for range 8 {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	m = fill(t, m, "Bank loan")
	m = fill(t, m, "", "12", "", "", "")
	m = fill(t, m, "")
	mustHave(t, m, "Saved scenario 'Loan 12 months'")

	// The comparison. In network: the deductible left is 600 (2,000 − 1,400);
	// the evaluation (280) and six infusions (6 × 420) are 2,800 allowed:
	// 600 + 20% × 2,200 = 440 → $1,040.00. Self-pay: 350 + 6 × 550 =
	// $3,650.00 on a 0% loan: 3,650 / 12 = 304.1666… → $304.17 a month.
	m = press(t, m, "5")
	// The course's coverage is not known yet, so the in-network plan waits
	// on the insurer: the loan is the best plan available now.
	mustHave(t, m, "$1,040.00", "$3,650.00", "$304.17", "Best plan available now: Loan 12 months, net $3,650.00.",
		"Best if the insurer pays: In network, net $1,040.00, if the plan covers IV ketamine infusions")
	golden.RequireEqual(t, screenText(m))

	// All of it is in the file.
	f, err := db.LoadPatient(m.ws.file.Patient.ID)
	if err != nil || len(f.Plans) != 1 || len(f.Courses) != 1 || len(f.Scenarios) != 2 || f.Patient.BirthDate != planner.NewDate(1980, 2, 29) {
		t.Fatalf("stored: %+v, %v", f, err)
	}
	if f.Plans[0].Group != "G-77" || f.Courses[0].Provider != "Dr. Robin Lee (fictional)" || f.Courses[0].Clinic != "Lakeside Infusion Center (fictional)" {
		t.Errorf("group %q, provider %q, clinic %q", f.Plans[0].Group, f.Courses[0].Provider, f.Courses[0].Clinic)
	}
}

func TestEscOnAChangedFormAsksFirst(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, true), 100, 30)
		// An unchanged form closes at once.
		m = press(t, m, "n", "esc")
		if topForm(m) != nil {
			t.Fatal("esc on an unchanged form left it open")
		}
		m = press(t, m, "n")
		m = typeText(t, m, "Half typed")
		m = press(t, m, "esc")
		mustHave(t, m, "Discard your changes?")
		// n goes back with the text still there.
		m = press(t, m, "n")
		mustHave(t, m, "Half typed")
		m = press(t, m, "esc", "y")
		if topForm(m) != nil {
			t.Fatal("y did not discard")
		}
		mustHave(t, m, "Changes discarded.")
		if list, _ := m.store.ListPatients(); len(list) != 2 {
			t.Errorf("a discarded form saved something: %d patients", len(list))
		}
	})
}

func TestDeleteAsksWithTheNameAndDefaultsToNo(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, demoStore(t), 100, 30)
		m = press(t, m, "down", "d")
		mustHave(t, m, "Delete the patient 'Sam Rivera (fictional)' and everything recorded about them?")
		m = press(t, m, "enter")
		mustHave(t, m, "Nothing was deleted.", "Sam Rivera")
		m = press(t, m, "d", "y")
		mustHave(t, m, "Deleted patient 'Sam Rivera (fictional)'.")
		if strings.Contains(screenText(m), "Sam Rivera (fictional)  ") || len(m.list.all) != 1 {
			t.Errorf("still listed:\n%s", screenText(m))
		}
	})
}

// saveFails is a store whose saves fail as a full disk does.
type saveFails struct{ Store }

func (saveFails) Save(...planner.Record) error {
	return errors.New("the disk is full")
}

func TestAFailedSaveKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, saveFails{demoStore(t)}, 100, 30)
		m = press(t, m, "n")
		m = fill(t, m, "Kept Name", "", "", "", "", "", "", "", "", "")
		mustHave(t, m, "Could not save: the disk is full — nothing was changed.", "Kept Name", "New patient")
	})
}

func TestScenariosTabNeedsACourseFirst(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, true), 100, 45)
		m = press(t, m, "enter", "4", "n")
		mustHave(t, m, "Add a treatment course first")
		// On the demo patient, c copies the selected scenario: the one
		// Compare selects too, at first the best available now. The copy
		// is selected.
		m = press(t, m, "esc", "down", "enter", "4", "c")
		mustHave(t, m, "Saved scenario 'Copy of Ketamine with a grant'", "▸ 9. Copy of Ketamine with a grant")
		// Chosen on Compare, the same scenario is chosen on Scenarios: the
		// copy (the 9th) is selected on both, and two up is the 7th.
		m = press(t, m, "5", "up", "up", "4")
		if i, _ := m.ws.selected(scenariosTab{}); m.ws.file.Scenarios[i].Name != "Esketamine, prior auth" {
			t.Errorf("Scenarios selects %q", m.ws.file.Scenarios[i].Name)
		}
	})
}

func TestQuestionMarkOnAFieldExplainsItsTerm(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, true), 100, 30)
		m = press(t, m, "down", "enter", "2", "e")
		// The first group: insurer, name, member ID, group number, plan
		// year, kind of plan, how it counts copay help; then the in-network
		// group, whose first field is the deductible.
		m = fill(t, m, "", "", "", "", "", "", "")
		m = press(t, m, "?")
		mustHave(t, m, "Deductible: What you pay each plan year before the plan starts to share the cost.")
		// The next key takes the explanation away; ? on a name is just typed.
		m = press(t, m, "esc", "y", "1", "e", "?")
		if strings.Contains(screenText(m), "What you pay each plan year") || topForm(m).vals.get("name") != "Sam Rivera (fictional)?" {
			t.Errorf("? in the name field: %q\n%s", topForm(m).vals.get("name"), screenText(m))
		}
	})
}

func TestSourceOrder(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"1,2,3,4": "0123", "2,1": "1023", "4": "3012", "": "0123", " 3 , 1 ": "2013", "9,x,2,2": "1023",
	} {
		got := ""
		for _, i := range sourceOrder(text, 4) {
			got += itoa(i)
		}
		if got != want {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
	for text, ok := range map[string]bool{"2,1": true, "": true, "1,1": false, "5": false, "a": false} {
		if _, err := parseOrder(text, 4); (err == nil) != ok {
			t.Errorf("%q: %v", text, err)
		}
	}
}

// maybeSaved is a save the disk failed while finishing: it may be there.
type maybeSaved struct{}

func (maybeSaved) Error() string {
	return "the disk reported an error while saving (input/output error): the change may or may not have been saved; look before entering it again, and check the disk"
}
func (maybeSaved) MaybeSaved() bool { return true }

// A save the disk failed while finishing says the change may be there,
// never that nothing was changed.
func TestASaveThatMayHaveHappenedSaysSo(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, false), 100, 30)
	next, _ := m.Update(savedMsg{err: maybeSaved{}})
	text := screenText(next.(Model))
	if !strings.Contains(text, "may or may not have been") || strings.Contains(text, "nothing was changed") {
		t.Errorf("screen:\n%s", text)
	}
}

// damagedLoads is a store whose file is damaged where one patient's
// records are kept.
type damagedLoads struct {
	Store
	bad planner.ID
}

type damageError struct{}

func (damageError) Error() string {
	return "the file's structure is damaged in patients/X: page 11 says it is page 12"
}
func (damageError) Damaged() bool { return true }

func (s damagedLoads) LoadPatient(id planner.ID) (planner.PatientFile, error) {
	if id == s.bad {
		return planner.PatientFile{}, fmt.Errorf("patient %s cannot be read (%w)", id, damageError{})
	}
	return s.Store.LoadPatient(id)
}

// A patient whose records the file has lost is named, with what to do;
// the others still open, and the news goes once one does.
func TestADamagedPatientSaysWhatToDo(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		st := memDemo(t, true)
		list, _ := st.ListPatients()
		var sam planner.ID
		for _, s := range list {
			if strings.HasPrefix(s.Name, "Sam") {
				sam = s.ID
			}
		}
		m := start(t, damagedLoads{st, sam}, 100, 30)
		m = press(t, m, "down", "enter")
		mustHave(t, m, "Sam Rivera (fictional)'s records cannot be read: the file is damaged where they are kept;",
			"Quit and run carecost rescue NEWFILE")
		m = press(t, m, "up", "enter")
		mustHave(t, m, "Alex Moreno (fictional)")
		if strings.Contains(screenText(m), "cannot be read") {
			t.Errorf("the failure stayed:\n%s", screenText(m))
		}
	})
}
