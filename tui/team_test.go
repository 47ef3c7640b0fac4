package tui

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
)

// Two people edit the same patient: the second save, from the revision
// both read, is refused; the form opens again with what was typed, says
// who changed what and where the two differ; saved again, it replaces
// the first.
func TestAStaleSaveReopensTheFormWithWhatWasTyped(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := demoStore(t)
		first, second := start(t, db, 100, 40), start(t, db, 100, 40)
		// Both open Sam's record to edit it.
		first = press(t, first, "enter", "e")
		second = press(t, second, "enter", "e")
		mustHave(t, second, "Edit Alex Moreno")
		// The first adds to the name and saves.
		first = typeText(t, first, " Jr")
		first = press(t, first, "ctrl+s")
		mustHave(t, first, "Saved")
		// The second, still on the revision they opened, changes the name
		// too and saves: refused.
		second = typeText(t, second, " Sr")
		second = press(t, second, "ctrl+s")
		mustSay(t, second, "Not saved: someone else changed this patient at", "Yours and theirs differ in: Name.",
			"What you typed is kept: ctrl+s saves it over theirs; esc keeps theirs.", "> Alex Moreno (fictional) Sr")
		f, _ := db.LoadPatient(first.ws.file.Patient.ID)
		if f.Patient.Name != "Alex Moreno (fictional) Jr" {
			t.Fatalf("after the refused save the file holds %q", f.Patient.Name)
		}
		// Saved again, on purpose: it replaces the first's change.
		second = press(t, second, "ctrl+s")
		mustHave(t, second, "Saved")
		if f, _ = db.LoadPatient(f.Patient.ID); f.Patient.Name != "Alex Moreno (fictional) Sr" || f.Patient.Rev != 3 {
			t.Errorf("after saving again: %q at revision %d", f.Patient.Name, f.Patient.Rev)
		}
	})
}

// A change someone else made is read again where it shows, and said.
func TestAChangeElsewhereIsShownAndSaid(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		st := memDemo(t, false)
		m := start(t, st, 100, 40)
		m = press(t, m, "enter", "4")
		id := m.ws.file.Patient.ID
		// Someone renames a scenario behind the app's back.
		f, _ := st.LoadPatient(id)
		s := f.Scenarios[0]
		s.Name = "Renamed by ana"
		if err := st.Save(&s); err != nil {
			t.Fatal(err)
		}
		next, cmd := m.Update(Changed{By: "ana", Patient: id, Kind: "scenario"})
		m = drive(t, next.(Model), cmd)
		mustHave(t, m, "ana changed a scenario in Sam Rivera (fictional)'s records", "Renamed by ana")
		// In privacy mode the line names nobody.
		m = press(t, m, "ctrl+p")
		next, cmd = m.Update(Changed{By: "ana", Patient: id, Kind: "plan"})
		m = drive(t, next.(Model), cmd)
		if text := screenText(m); !strings.Contains(text, "ana changed a plan in a patient's records") {
			t.Errorf("privacy mode:\n%s", text)
		}
	})
}

// On the team server the app writes no files and runs no clipboard
// program or editor: w, f, ctrl+v and ctrl+e say what to do instead.
func TestTheTeamServersAppWritesNothing(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		st := memDemo(t, false)
		m := New(st, Options{Theme: ThemeDark, Today: today, Files: failingFiles{t}, Remote: "ssh -p 23234 team.example.org"})
		next, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m = drive(t, next.(Model), tea.Batch(cmd, m.Init()))
		m = press(t, m, "enter", "6", "L", "enter", "enter")
		mustHave(t, m, "(a draft: c copies it")
		m = press(t, m, "w")
		mustSay(t, m, "The team server writes no files: c copies the letter, or on your own machine run ssh -p 23234 team.example.org letter "+
			string(m.ws.file.Patient.ID)+" internal-appeal "+string(m.ws.file.Courses[0].ID)+" > internal-appeal-sam-rivera-")
		m = press(t, m, "esc", "f")
		mustSay(t, m, "The team server writes no files. On your own machine: ssh -p 23234 team.example.org report "+string(m.ws.file.Patient.ID)+" --format pdf")
		m = press(t, m, "e")
		next, cmd = m.Update(tea.KeyPressMsg{Code: 'v', Mod: tea.ModCtrl})
		m = drive(t, next.(Model), cmd)
		mustHave(t, m, "copy and paste with your terminal's own keys")
	})
}

// failingFiles fails the test if anything is written.
type failingFiles struct{ t *testing.T }

func (f failingFiles) WriteFile(path string, _ []byte, _ bool) (string, error) {
	f.t.Errorf("wrote %s", path)
	return path, nil
}

// mustSay is mustHave of words that may wrap across lines.
func mustSay(t *testing.T, m Model, want ...string) {
	t.Helper()
	text := strings.Join(strings.Fields(screenText(m)), " ")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the screen does not say %q:\n%s", w, screenText(m))
		}
	}
}
