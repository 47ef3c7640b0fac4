package tui

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// lockedStore is a store whose file is encrypted with the passphrase
// "secret".
type lockedStore struct{ Store }

func (lockedStore) Encrypted() bool { return true }
func (lockedStore) Unlock(p []byte) error {
	if string(p) != "secret" {
		return errors.New("the passphrase is not this file's")
	}
	return nil
}

// lockApp is the app on st with a one-minute lock and a clock the test
// moves.
func lockApp(t *testing.T, st Store) (Model, *time.Time) {
	t.Helper()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	m := New(st, Options{Theme: ThemeDark, Today: today, LockAfter: time.Minute, Now: func() time.Time { return now }})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return drive(t, next.(Model), loadPatients(st)), &now
}

func tick(t *testing.T, m Model) Model {
	t.Helper()
	next, _ := m.Update(lockTickMsg{}) // the next tick it asks for is not waited on
	return next.(Model)
}

func TestIdleLockHidesEverythingUntilThePassphrase(t *testing.T) {
	t.Parallel()
	synctest.Test(t, idleLockHidesEverything)
}

func idleLockHidesEverything(t *testing.T) {
	m, now := lockApp(t, lockedStore{memDemo(t, true)})
	// A patient open, and a form with something typed in it.
	m = press(t, m, "down", "enter", "e", "x")
	*now = now.Add(59 * time.Second)
	if m = tick(t, m); m.lock.on {
		t.Fatal("locked before its time")
	}
	*now = now.Add(61 * time.Second)
	m = tick(t, m)
	text := screenText(m)
	for _, secret := range []string{"Sam Rivera", "Alex Moreno", "Cobalt", "Ketamine"} {
		if strings.Contains(text, secret) {
			t.Errorf("the lock shows %q:\n%s", secret, text)
		}
	}
	if !strings.Contains(text, "carecost is locked") || !strings.Contains(text, "It locked after 1 minute without a key pressed") ||
		!strings.Contains(text, "enter unlock") {
		t.Errorf("the lock screen:\n%s", text)
	}
	// What was read is dropped, not just hidden.
	if len(m.list.all) != 0 || m.ws.file.Patient.ID != "" || len(m.modals) != 0 {
		t.Error("the lock kept records in memory")
	}
	// Records arriving for the hidden screen are dropped too.
	next, _ := m.Update(listLoaded([]planner.PatientSummary{{ID: "x", Name: "Sam Rivera (fictional)"}}, false, nil))
	if m = next.(Model); strings.Contains(screenText(m), "Sam Rivera") || len(m.list.all) != 0 {
		t.Error("a list read while locked was shown")
	}

	// Keys other than the passphrase do nothing; a wrong one says so.
	m = press(t, m, "q", "n", "o", "enter")
	if !m.lock.on || !strings.Contains(screenText(m), "That is not this file's passphrase") {
		t.Fatalf("after a wrong passphrase:\n%s", screenText(m))
	}
	m = press(t, m, "s", "e", "c", "r", "e", "t")
	if !strings.Contains(screenText(m), "Passphrase: ••••••") {
		t.Errorf("the passphrase typed is not shown as dots:\n%s", screenText(m))
	}
	m = press(t, m, "enter")
	text = screenText(m)
	if m.lock.on || !strings.Contains(text, "Alex Moreno (fictional)") ||
		!strings.Contains(text, "The form that was open was closed by the lock; what was typed in it was not saved.") {
		t.Errorf("after unlocking:\n%s", text)
	}
	// A key pressed keeps it open.
	*now = now.Add(50 * time.Second)
	m = press(t, m, "down")
	*now = now.Add(50 * time.Second)
	if m = tick(t, m); m.lock.on {
		t.Error("locked 50 seconds after a key")
	}
}

// A plain file's lock hides the screen as well, opens with enter, and
// says the file is not encrypted.
func TestIdleLockOfAPlainFile(t *testing.T) {
	t.Parallel()
	m, now := lockApp(t, memDemo(t, false))
	*now = now.Add(2 * time.Minute)
	m = tick(t, m)
	text := screenText(m)
	if strings.Contains(text, "Sam Rivera") || !strings.Contains(text, "Press enter to open it again.") || !strings.Contains(text, "This file is not encrypted") {
		t.Errorf("the lock of a plain file:\n%s", text)
	}
	if m = press(t, m, "enter"); m.lock.on || !strings.Contains(screenText(m), "Sam Rivera") {
		t.Errorf("enter did not open it:\n%s", screenText(m))
	}
}
