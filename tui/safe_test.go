package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
)

func TestTerminalSafe(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		// The app's own styling stays.
		{"\x1b[1;38;2;1;2;3mbold\x1b[0m", "\x1b[1;38;2;1;2;3mbold\x1b[0m"},
		// A clipboard write, a link, a title change, DCS, APC and PM go
		// whole; other CSI (clear the screen, move the cursor) too.
		{"a\x1b]52;c;aGk=\x07b", "ab"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"\x1bPq#0\x1b\\x\x1b_apc\x1b\\y\x1b^pm\x07z", "xyz"},
		{"\x1b[2J\x1b[10;5Hhi\x1b[?25l", "hi"},
		// Carriage returns, backspaces, C1 controls and bidi overrides show.
		{"ab\rc\b\u009b\u202Ed", "ab\uFFFDc\uFFFD\uFFFD\uFFFDd"},
		{"tab\there", "tab here"},
		{"cut\x1b", "cut"},
	} {
		if got := terminalSafe(tc.in); got != tc.want {
			t.Errorf("terminalSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A patient whose name holds a clipboard write, a carriage return and a
// bidi override shows as text on every screen: the list, the title bar,
// the Overview and the Compare tab.
func TestHostileNamesShowAsText(t *testing.T) {
	t.Parallel()
	st := memDemo(t, false)
	for id, f := range st.files {
		f.Patient.Name = "Sam\x1b]52;c;aGk=\x07\rX\u202E\tY"
		f.Scenarios[0].Name = "Plan\x1b[2J\x1b]8;;http://evil\x1b\\"
		st.files[id] = f
	}
	m := start(t, st, 100, 30)
	for _, keys := range [][]string{nil, {"enter"}, {"5"}, {"6"}} {
		m = press(t, m, keys...)
		frame := m.View().Content
		if strings.Contains(frame, "\x1b]") || strings.Contains(frame, "\r") || strings.Contains(frame, "\x1b[2J") ||
			strings.ContainsRune(frame, '\u202E') {
			t.Errorf("after %v the frame holds a control sequence: %q", keys, frame)
		}
		if !strings.Contains(ansi.Strip(frame), "Sam") {
			t.Errorf("after %v the name is gone:\n%s", keys, ansi.Strip(frame))
		}
		for _, r := range ansi.Strip(frame) {
			if planner.Unsafe(r) {
				t.Errorf("after %v: %U on screen", keys, r)
				break
			}
		}
	}
}

// Whatever text reaches the screen, what is drawn holds no escape but SGR
// and no unsafe character.
func FuzzTerminalSafe(f *testing.F) {
	f.Add("\x1b[1mok\x1b[0m\x1b]52;c;x\x07\r\u202E")
	f.Fuzz(func(t *testing.T, s string) {
		out := terminalSafe(s)
		for i := 0; i < len(out); i++ {
			if out[i] == 0x1b {
				j := sgrEnd(out, i)
				if j < 0 {
					t.Fatalf("terminalSafe(%q) = %q keeps an escape that is not SGR at %d", s, out, i)
				}
				i = j - 1
			}
		}
		for _, r := range ansi.Strip(out) {
			if planner.Unsafe(r) && r != 0x1b {
				t.Fatalf("terminalSafe(%q) kept %U", s, r)
			}
		}
		if terminalSafe(out) != out {
			t.Fatalf("terminalSafe is not settled on %q", s)
		}
	})
}
