package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The idle lock: after Options.LockAfter without a key pressed, every
// screen is hidden and everything the app had read from the file is
// dropped (the list, the open patient, the agenda, the catalog, any form
// with what was typed in it). The file's passphrase opens it again; a
// plain file, which anyone at the computer could open anyway, opens with
// enter.

// idleLock is the lock's state.
type idleLock struct {
	after time.Duration // 0: never
	on    bool
	// last is when the last key was pressed.
	last  time.Time
	typed []rune
	// checking: the passphrase typed is being tried (deriving its key
	// takes a moment); wrong: the last one tried was not the file's.
	checking, wrong bool
	// closed names what the lock closed that held unsaved typing.
	closed string
}

// unlocker is a store whose file can be encrypted (the store package's
// is): Unlock says whether a passphrase is the file's.
type unlocker interface {
	Encrypted() bool
	Unlock(passphrase []byte) error
}

type lockTickMsg struct{}
type unlockedMsg struct{ err error }

// lockTick wakes the lock to look at the clock: often enough that it
// locks within a tenth of the time (and at least every minute).
func (l *idleLock) tick() tea.Cmd {
	if l.after <= 0 {
		return nil
	}
	every := min(max(l.after/10, time.Second), time.Minute)
	return tea.Tick(every, func(time.Time) tea.Msg { return lockTickMsg{} })
}

// encrypted says whether the app's file is encrypted.
func (m *Model) encrypted() bool {
	u, ok := m.store.(unlocker)
	return ok && u.Encrypted()
}

// lockTicked locks the app if no key was pressed for the lock's time.
func (m *Model) lockTicked() tea.Cmd {
	if f, ok := m.modals.top().(*formDialog); ok && f.vals.accessible {
		// Its prompts run outside the app, where keys are not seen: the
		// lock would throw away the answers when they come back.
		return m.lock.tick()
	}
	if !m.lock.on && m.ctx.clock().Sub(m.lock.last) >= m.lock.after {
		m.engageLock()
	}
	return m.lock.tick()
}

// engageLock hides everything and drops what was read.
func (m *Model) engageLock() {
	m.lock.closed = ""
	for _, d := range m.modals {
		if f, ok := d.(*formDialog); ok && f.unsaved() {
			m.lock.closed = "The form that was open was closed by the lock; what was typed in it was not saved."
		}
	}
	m.lock.on, m.lock.typed, m.lock.wrong, m.lock.checking = true, nil, false, false
	m.modals = nil
	m.ws = newWorkspace()
	m.list = patientList{}
	m.agenda = agenda{}
	m.catalog = nil
	m.screen, m.opening, m.fromAgenda, m.busy = screenPatients, "", false, false
	m.setStatus("", false)
}

// lockKey is a key on the lock screen: the passphrase is typed, enter
// tries it.
func (m *Model) lockKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.keys
	if m.lock.checking {
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if !m.encrypted() {
			return m.unlocked(unlockedMsg{})
		}
		pass := []byte(string(m.lock.typed))
		m.lock.checking, m.lock.typed = true, nil
		u := m.store.(unlocker)
		return func() tea.Msg { return unlockedMsg{u.Unlock(pass)} }
	case key.Matches(msg, k.Erase):
		if n := len(m.lock.typed); n > 0 {
			m.lock.typed = m.lock.typed[:n-1]
		}
	case key.Matches(msg, k.Back):
		m.lock.typed = nil
	default:
		if msg.Text != "" && m.encrypted() {
			m.lock.typed = append(m.lock.typed, []rune(msg.Text)...)
			m.lock.wrong = false
		}
	}
	return nil
}

// unlocked answers a passphrase tried: the app opens on the patient list,
// read again.
func (m *Model) unlocked(msg unlockedMsg) tea.Cmd {
	m.lock.checking = false
	if msg.err != nil {
		m.lock.wrong = true
		return nil
	}
	m.lock.on, m.lock.last = false, m.ctx.clock()
	m.setStatus(strings.TrimSpace("Unlocked. "+m.lock.closed), false)
	return m.readList()
}

// lockView is the lock screen.
func (m *Model) lockView() string {
	lines := []string{"carecost is locked", "",
		"It locked after " + lockWords(m.lock.after) + " without a key pressed, and hid what was on screen.", ""}
	switch {
	case !m.encrypted():
		lines = append(lines, "Press enter to open it again.", "",
			"This file is not encrypted: anyone at this computer can open it. carecost encrypt encrypts it.")
	case m.lock.checking:
		lines = append(lines, "Passphrase: "+strings.Repeat("•", 8), "Checking the passphrase…")
	default:
		lines = append(lines, "Passphrase: "+strings.Repeat("•", len(m.lock.typed)))
		if m.lock.wrong {
			lines = append(lines, "That is not this file's passphrase. Type it again.")
		}
	}
	return strings.Join(lines, "\n")
}

// lockWords says the lock's time in words: "10 minutes".
func lockWords(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute")
	}
	return plural(int(d.Round(time.Second)/time.Second), "second")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

// lockHelp is the lock screen's keys.
func (k KeyMap) lockHelp() keyHelp {
	open := relabel(k.Open, "unlock")
	quit := relabel(k.ForceQuit, "quit")
	return keyHelp{short: []key.Binding{open, quit}, full: [][]key.Binding{{open, quit}}}
}
