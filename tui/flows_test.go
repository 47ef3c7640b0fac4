package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// runFlow runs the whole program at w×h, waits for want on the screen after
// each step, and compares the final screen, without escape codes, with the
// test's golden file (refresh with go test ./tui -update). The screen is
// read from the model as drawn, not from the terminal's stream, where the
// renderer sends only what changed and a phrase can arrive in pieces.
func runFlow(t *testing.T, m Model, w, h int, steps []flowStep) {
	t.Helper()
	seen := &screenSeen{}
	tm := teatest.NewTestModel(t, watched{m, seen}, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	for _, s := range steps {
		for _, msg := range s.send {
			sent := time.Now()
			tm.Send(msg)
			// A form moves to its next field by a command of its own: the
			// next key waits until the app has taken this one and what
			// followed from it, as a person's typing would.
			seen.settle(sent, 5*time.Second)
		}
		if s.want != "" && !seen.waitFor(s.want, 5*time.Second) {
			t.Fatalf("waited 5s for %q; the screen:\n%s", s.want, seen.text())
		}
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(watched).Model
	golden.RequireEqual(t, ansi.Strip(final.View().Content))
}

// watched is the app, noting each screen it draws for runFlow to wait on.
type watched struct {
	Model
	seen *screenSeen
}

func (w watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := w.Model.Update(msg)
	w.Model = next.(Model)
	w.seen.set(ansi.Strip(w.Model.frame))
	return w, cmd
}

type screenSeen struct {
	mu     sync.Mutex
	screen string
	last   time.Time // when the app last took a message
}

func (s *screenSeen) set(screen string) {
	s.mu.Lock()
	s.screen, s.last = screen, time.Now()
	s.mu.Unlock()
}

// settle waits until the app has taken a message since a time and then
// nothing for 60 ms.
func (s *screenSeen) settle(since time.Time, limit time.Duration) {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		s.mu.Lock()
		last := s.last
		s.mu.Unlock()
		if last.After(since) && time.Since(last) > 60*time.Millisecond {
			return
		}
	}
}

func (s *screenSeen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screen
}

func (s *screenSeen) waitFor(want string, limit time.Duration) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(s.text(), want) {
			return true
		}
	}
	return false
}

type flowStep struct {
	send []tea.Msg
	want string
}

func typed(r rune) tea.Msg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func demoModel(t *testing.T) Model {
	t.Helper()
	return New(openDemo(t), Options{Demo: true, Theme: ThemeDark, Today: today})
}

func TestFlowDemoCompare(t *testing.T) {
	runFlow(t, demoModel(t), 100, 30, []flowStep{
		{want: "Overview"},
		{send: []tea.Msg{typed('5')}, want: "Net totals"},
	})
}

func TestFlowPrivacyMode(t *testing.T) {
	runFlow(t, New(demoStore(t), Options{Theme: ThemeDark, Today: today}), 100, 30, []flowStep{
		{want: "Best scenario"},
		{send: []tea.Msg{tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}}, want: "hidden"},
	})
}

func TestFlowTinyWindow(t *testing.T) {
	runFlow(t, demoModel(t), 30, 8, []flowStep{{want: "enlarge"}})
}
