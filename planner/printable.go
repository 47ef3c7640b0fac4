package planner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text that came from a person or a file is printed on terminals and
// written into files a terminal may print. A control character in it (an
// escape sequence that writes the clipboard, a carriage return that
// overwrites a line) or a bidirectional override (that shows text in
// another order than it is read) would act instead of showing. Printable
// makes such text safe, and Unsafe says which characters it replaces.

// Placeholder is what Printable shows in place of an unsafe character.
const Placeholder = '\uFFFD'

// Unsafe reports whether a character acts on a terminal rather than
// printing: every C0 control but the line break and the tab, DEL, every
// C1 control, and the bidirectional embeddings, overrides and isolates
// (U+202A to U+202E, U+2066 to U+2069), and the byte-order mark inside
// text.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r): // C0, DEL and C1
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// plainByte marks the bytes that are whole characters no terminal acts
// on: printable ASCII and the newline.
var plainByte = func() (plain [256]bool) {
	for c := ' '; c < 0x7f; c++ {
		plain[c] = true
	}
	plain['\n'] = true
	return plain
}()

// printable says whether s is valid UTF-8 with no tab and no unsafe
// character: Printable leaves it as it is. Most text is printable ASCII
// and newlines, read a byte at a time; only the other bytes are decoded.
func printable(s string) bool {
	for i := 0; i < len(s); {
		if plainByte[s[i]] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\t' || r == utf8.RuneError && n == 1 || Unsafe(r) {
			return false
		}
		i += n
	}
	return true
}

// Printable returns text with every unsafe character shown as the
// placeholder, and tabs as spaces, so that what a terminal shows is the
// text itself; bytes that are not UTF-8 (a lone 0x9B is a control on some
// terminals) are placeholders too. Text with none is returned as it is.
func Printable(s string) string {
	if printable(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case Unsafe(r):
			return Placeholder
		}
		return r
	}, s)
}
