package tui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

func itoa(n int) string { return strconv.Itoa(n) }

// wrap breaks text into lines of at most width cells, each after indent.
func wrap(text string, width int, indent string) string {
	return indent + strings.ReplaceAll(keepHyphens(ansi.Wordwrap, text, max(1, width-len(indent))), "\n", "\n"+indent)
}

// nbHyphen is the non-breaking hyphen, which stands in for a hyphen inside
// a word or a date while text is wrapped.
const nbHyphen = "\u2011"

// keepHyphens wraps text with wrapper (which breaks at any hyphen) so that
// no line ends inside a date (2026-11-28) or a hyphenated word
// (out-of-pocket): a hyphen between two letters or digits holds them
// together, as the hyphens that start an option (--format) hold to it,
// and each comes back as it was.
func keepHyphens(wrapper func(string, int, string) string, text string, width int) string {
	if !strings.Contains(text, "-") {
		return wrapper(text, width, " ")
	}
	r := []rune(text)
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '-' && isWordRune(r[i-1]) && isWordRune(r[i+1]) {
			r[i] = '\u2011'
		}
	}
	// The hyphens that start a word, as an option's (--format), hold to
	// it too.
	for a := 0; a < len(r); a++ {
		if r[a] != '-' || (a > 0 && (isWordRune(r[a-1]) || r[a-1] == '\u2011')) {
			continue
		}
		b := a
		for b < len(r) && r[b] == '-' {
			b++
		}
		if b < len(r) && isWordRune(r[b]) {
			for i := a; i < b; i++ {
				r[i] = '\u2011'
			}
		}
		a = b
	}
	return strings.ReplaceAll(wrapper(string(r), width, " "), nbHyphen, "-")
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// padRight and padLeft pad s with spaces to width cells.
func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(0, width-ansi.StringWidth(s))) + s
}

// cut shortens s to width cells, ending in … when it had to cut.
func cut(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width <= 1 {
		return ansi.Truncate(s, width, "")
	}
	return ansi.Truncate(s, width, "…")
}

// wrapLines word-wraps every line wider than width, indenting what wraps by
// two spaces, so that no line of a screen is cut off.
func wrapLines(lines []string, width int) []string {
	out, _ := wrapLinesAt(lines, width, -1)
	return out
}

// wrapLinesAt is wrapLines, also saying where line at (of lines) starts
// among the wrapped lines; -1 stays -1.
func wrapLinesAt(lines []string, width, at int) ([]string, int) {
	out := make([]string, 0, len(lines))
	wrappedAt := -1
	for i, l := range lines {
		if i == at {
			wrappedAt = len(out)
		}
		if ansi.StringWidth(l) <= width || width < 8 {
			out = append(out, l)
			continue
		}
		// The first line at the full width; the rest of the text, as a
		// whole, at the width left beside the hanging indent: two more
		// than the line's own, so an indented item's continuation stays
		// under its text (wrapping each piece again would leave short
		// lines behind).
		own := len(l) - len(strings.TrimLeft(l, " "))
		indent := strings.Repeat(" ", min(own+2, width/3))
		parts := strings.Split(keepHyphens(ansi.Wrap, l, width), "\n")
		out = append(out, parts[0])
		rest, ok := strings.CutPrefix(l, parts[0])
		if !ok {
			rest = strings.Join(parts[1:], " ")
		}
		for _, again := range strings.Split(keepHyphens(ansi.Wrap, strings.TrimLeft(rest, " "), width-len(indent)), "\n") {
			out = append(out, indent+strings.TrimLeft(again, " "))
		}
	}
	return out, wrappedAt
}

// lines is how many lines b holds so far: the number of the next line
// written to it.
func lines(b *strings.Builder) int { return strings.Count(b.String(), "\n") }

// sentence starts text with a capital letter.
func sentence(text string) string {
	if text == "" {
		return text
	}
	return strings.ToUpper(text[:1]) + text[1:]
}

// btoi is 1 for true, 0 for false: a count of what holds.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
