package tui

import (
	"io"
	"strings"
	"unicode/utf8"

	"carecost/planner"
)

// terminalSafe keeps the styling the app draws, SGR sequences (ESC [
// parameters m), and makes everything else that could act on the terminal
// harmless: every other escape sequence (OSC, such as a clipboard write or
// a link; DCS, APC, PM, SOS; any other CSI) is dropped whole, and every
// other unsafe character (planner.Unsafe) shows as the placeholder. Text
// from records reaches the screen only through it.
func terminalSafe(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r == '\t' || planner.Unsafe(r) }) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i = escape(&b, s, i)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && n <= 1, planner.Unsafe(r):
			b.WriteRune(planner.Placeholder)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// escape handles the escape sequence at s[i]: an SGR sequence is written
// as it is, any other dropped. It returns where the text goes on.
func escape(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch s[i+1] {
	case '[': // CSI: parameters, intermediates, a final byte
		j := i + 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		params := s[i+2 : j]
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) {
			return len(s)
		}
		if s[j] == 'm' && !strings.ContainsAny(params, "<=>?") {
			b.WriteString(s[i : j+1])
		}
		return j + 1
	case ']', 'P', '_', '^', 'X': // strings, ended by BEL or ESC \
		for j := i + 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return i + 2
}

// safeWriter passes what is written through terminalSafe: for the
// accessible forms' prompts, which the terminal shows without the app's
// frame.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, terminalSafe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
