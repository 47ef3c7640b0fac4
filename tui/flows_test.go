package tui

import (
	"bytes"
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
// test's golden file (refresh with go test ./tui -update).
func runFlow(t *testing.T, m Model, w, h int, steps []flowStep) {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	for _, s := range steps {
		for _, msg := range s.send {
			tm.Send(msg)
		}
		if s.want != "" {
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s.want)) },
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
		}
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	golden.RequireEqual(t, ansi.Strip(final.View().Content))
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
