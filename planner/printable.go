package planner

import (
	"math/bits"
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
// and newlines, read eight bytes at a time; only the other bytes are
// decoded.
func printable[T string | []byte](s T) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if odd := notPlain(uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56); odd == 0 {
				i += 8
				continue
			} else {
				i += bits.TrailingZeros64(odd) / 8
			}
		} else if plainByte[s[i]] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == '\t' || r == utf8.RuneError && n == 1 || Unsafe(r) {
			return false
		}
		i += n
	}
	return true
}

// notPlain has the high bit set of each of the eight bytes of x (the
// first byte lowest) that is not a plainByte: from 0x80 up, below a space
// but the newline, and DEL. Each byte is worked out in its own eight
// bits: no sum carries into the next byte.
func notPlain(x uint64) uint64 {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	low := x & lows
	below := ^(low + (0x80-' ')*ones) & highs // the low seven bits under 0x20
	del := (low + ones) & highs               // the low seven bits all set: 0x7f
	nl := x ^ '\n'*ones
	newline := ^((nl&lows + lows) | nl) & highs // the byte is 0x0a
	return x&highs | below&^newline | del
}

// PrintableBytes says whether Printable would leave b as it is.
func PrintableBytes(b []byte) bool { return printable(b) }

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

// EscapeMarkdown is text a person typed, made to stand for itself in
// Markdown (https://spec.commonmark.org/0.31.2/#backslash-escapes): a
// backslash before each character that would start a span of bold or
// italic, a code span, HTML or an entity, and before each backslash; and
// before the mark that would make a line it starts a heading, a quote or
// an item of a list (#, >, -, +, or the dot or parenthesis after a
// number). A member ID like W2*77*31 is then not shown as W27731 with 77
// in italic, nor a clinic named "#1 Spine Center" as a heading.
func EscapeMarkdown(s string) string {
	const marks = "\\*_`<&"
	at := blockMark(s)
	if at < 0 && !strings.ContainsAny(s, marks) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i == at || strings.IndexByte(marks, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// blockMark is where in s, at the start of a line, the mark of a heading,
// a quote or a list item is, or -1.
func blockMark(s string) int {
	lead := len(s) - len(strings.TrimLeft(s, " "))
	rest := s[lead:]
	switch {
	case rest == "":
		return -1
	case strings.IndexByte("#>-+", rest[0]) >= 0:
		return lead
	}
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if digits > 0 && digits < len(rest) && (rest[digits] == '.' || rest[digits] == ')') {
		return lead + digits
	}
	return -1
}
