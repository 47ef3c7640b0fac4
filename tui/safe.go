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
	if !needsCleaning(s) {
		return s // the usual frame: text and the app's own styling
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

// needsCleaning reports whether terminalSafe would change s: whether it
// holds anything but safe characters and SGR sequences. It allocates
// nothing, and skips plain ASCII a byte at a time.
func needsCleaning(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7f, c == '\n':
		case c == 0x1b:
			j := sgrEnd(s, i)
			if j < 0 {
				return true
			}
			i = j - 1
		case c < 0x80:
			return true // a control character, or a tab
		case c == 0xc2, c == 0xe2, c == 0xef:
			// The lead bytes of the unsafe characters above U+007F: C1
			// controls (C2 80 to C2 9F), bidirectional controls (E2 80
			// AA to E2 80 AE, E2 81 A6 to E2 81 A9), the byte-order mark
			// (EF BB BF).
			r, _ := utf8.DecodeRuneInString(s[i:])
			if planner.Unsafe(r) {
				return true
			}
		}
	}
	return false
}

// sgrEnd is where the SGR sequence at s[i] ends, or -1 if s[i] starts
// any other escape sequence.
func sgrEnd(s string, i int) int {
	if i+1 >= len(s) || s[i+1] != '[' {
		return -1
	}
	for j := i + 2; j < len(s); j++ {
		switch c := s[j]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return j + 1
		default:
			return -1
		}
	}
	return -1
}

// escape handles the escape sequence at s[i]: an SGR sequence is written
// as it is, any other dropped. It returns where the text goes on.
func escape(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	if j := sgrEnd(s, i); j >= 0 {
		b.WriteString(s[i:j])
		return j
	}
	switch s[i+1] {
	case '[': // any other CSI: parameters, intermediates, a final byte, dropped
		j := i + 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) {
			return len(s)
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
