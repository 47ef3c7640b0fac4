package tui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestRandomKeys presses thousands of keys at random, over every screen,
// form and question of the demo, at changing window sizes: the app never
// panics and never draws a line wider than the window. Letters are written
// in a folder of the test's own.
func TestRandomKeys(t *testing.T) {
	t.Chdir(t.TempDir())
	synctest.Test(t, func(t *testing.T) {
		m := start(t, demoStore(t), 100, 30)
		keys := []string{"1", "2", "3", "4", "5", "6", "7", "n", "e", "d", "x", "c", "u", "L", "w", "a", "p", "r", "g", "?",
			"y", "n", "esc", "esc", "enter", "enter", "enter", "up", "down", "down", "tab", "shift+tab", "ctrl+p", "/", "backspace",
			"0", "2026-12-01", "Ana", "$12.50", "300"}
		sizes := [][2]int{{100, 30}, {60, 20}, {40, 12}, {120, 45}, {30, 8}}
		rng := rand.New(rand.NewPCG(5, 6)) // fixed: a failure can be replayed
		w, h := 100, 30
		for step := range 1500 {
			if step%250 == 0 {
				size := sizes[rng.IntN(len(sizes))]
				w, h = size[0], size[1]
				next, cmd := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
				m = drive(t, next.(Model), cmd)
			}
			k := keys[rng.IntN(len(keys))]
			if len([]rune(k)) > 1 && !strings.ContainsAny(k, "+") && k != "esc" && k != "enter" && k != "up" && k != "down" &&
				k != "tab" && k != "backspace" {
				m = typeText(t, m, k)
			} else {
				m = press(t, m, k)
			}
			for i, line := range strings.Split(m.View().Content, "\n") {
				if ansi.StringWidth(line) > w {
					t.Fatalf("step %d (%q) at %dx%d: line %d is %d wide", step, k, w, h, i, ansi.StringWidth(line))
				}
			}
		}
	})
}

// Every screen at every tiny size, down to none at all, draws without a
// fault: the programs catalog and an open form among them.
func TestTinyWindowsDrawEveryScreen(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		for _, keys := range [][]string{{"p"}, {"enter", "5"}, {"enter", "6"}, {"a"}, {"n"}, {"?"}, {"enter", "6", "L"}} {
			m := start(t, memDemo(t, false), 100, 30)
			m = press(t, m, keys...)
			for w := 0; w < 45; w += 7 {
				for h := 0; h < 15; h += 2 {
					next, cmd := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
					m = drive(t, next.(Model), cmd)
					m = press(t, m, "down")
				}
			}
		}
	})
}
