package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func itoa(n int) string { return strconv.Itoa(n) }

// wrap breaks text into lines of at most width cells, each after indent.
func wrap(text string, width int, indent string) string {
	return indent + strings.ReplaceAll(ansi.Wordwrap(text, max(1, width-len(indent)), ""), "\n", "\n"+indent)
}

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
		// whole, at the width left beside the indent (wrapping each piece
		// again would leave short lines behind).
		parts := strings.Split(ansi.Wrap(l, width, " "), "\n")
		out = append(out, parts[0])
		rest, ok := strings.CutPrefix(l, parts[0])
		if !ok {
			rest = strings.Join(parts[1:], " ")
		}
		for _, again := range strings.Split(ansi.Wrap(strings.TrimLeft(rest, " "), width-2, " "), "\n") {
			out = append(out, "  "+strings.TrimLeft(again, " "))
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
