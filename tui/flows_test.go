package tui

import (
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// runFlow is a person's way through the app at w×h: each message of a
// step, and every command it leads to, is taken before the next, as a
// person waits for the screen; after each step the screen must show want.
// The final screen, without escape codes, is compared with the test's
// golden file (refresh with go test ./tui -update). It runs in a synctest
// bubble, so a form's timers fire at once and nothing depends on how fast
// the machine is.
//
// These flows once ran as whole programs that waited for 60 ms of quiet
// after each key: under -race on a busy machine a form's move to its next
// field could take longer, and the next key landed in the field before
// (TestFlowLogACall failed about 1 run in 15). Screens that take no
// typing still run as whole programs (runProgram).
func runFlow(t *testing.T, m Model, w, h int, steps []flowStep) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		next, cmd := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		m = drive(t, next.(Model), tea.Batch(cmd, m.Init()))
		for _, s := range steps {
			for _, msg := range s.send {
				next, cmd := m.Update(msg)
				m = drive(t, next.(Model), cmd)
			}
			if s.want != "" && !strings.Contains(screenText(m), s.want) {
				t.Fatalf("the screen lacks %q:\n%s", s.want, screenText(m))
			}
		}
		golden.RequireEqual(t, screenText(m))
	})
}

// runProgram runs the whole program at w×h in a terminal of its own, waits
// for want on the screen after each step, and compares the final screen
// with the golden file, as runFlow does. It is for screens that take no
// typing: the screen is read from the model as drawn, not from the
// terminal's stream, where the renderer sends only what changed and a
// phrase can arrive in pieces.
func runProgram(t *testing.T, m Model, w, h int, steps []flowStep) {
	t.Helper()
	seen := &screenSeen{}
	tm := teatest.NewTestModel(t, watched{m, seen}, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	for _, s := range steps {
		for _, msg := range s.send {
			tm.Send(msg)
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
}

func (s *screenSeen) set(screen string) {
	s.mu.Lock()
	s.screen = screen
	s.mu.Unlock()
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
	return New(memDemo(t, false), Options{Demo: true, Theme: ThemeDark, Today: today})
}

func TestFlowDemoCompare(t *testing.T) {
	t.Parallel()
	runProgram(t, demoModel(t), 100, 30, []flowStep{
		{want: "Overview"},
		{send: []tea.Msg{typed('5')}, want: "Net totals"},
	})
}

func TestFlowPrivacyMode(t *testing.T) {
	t.Parallel()
	runProgram(t, New(memDemo(t, true), Options{Theme: ThemeDark, Today: today}), 100, 30, []flowStep{
		{want: "Best scenario"},
		{send: []tea.Msg{tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}}, want: "hidden"},
	})
}

func TestFlowTinyWindow(t *testing.T) {
	t.Parallel()
	runProgram(t, demoModel(t), 30, 8, []flowStep{{want: "enlarge"}})
}
