package document

import "strings"

// Inline draws a line of Markdown, as carecost drafts letters: each span
// between two "**" with bold, each between two "*" with italic, each
// character escaped with a backslash as itself; the rest as it is. As in
// CommonMark (https://spec.commonmark.org/0.31.2/#emphasis-and-strong-emphasis),
// a mark opens a span only when a character other than a space follows
// it and a closing mark comes later with a character other than a space
// before it; any other mark is a character like the others, so nothing
// typed is ever dropped. Spans do not nest: inside one, a mark of the
// other kind is shown as it is.
func Inline(line string, bold, italic func(string) string) string {
	var b, span strings.Builder
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && isPunct(line[i+1]):
			b.WriteByte(line[i+1])
			i += 2
		case c == '*':
			mark, draw := "*", italic
			if strings.HasPrefix(line[i:], "**") {
				mark, draw = "**", bold
			}
			inner := line[i+len(mark):]
			end := closing(inner, mark)
			if end < 0 {
				b.WriteString(mark)
				i += len(mark)
				continue
			}
			span.Reset()
			unescape(&span, inner[:end])
			b.WriteString(draw(span.String()))
			i += len(mark) + end + len(mark)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closing finds the mark that closes a span whose text starts s, or -1:
// the first one not escaped, not part of a longer run of marks, and after
// a character other than a space, when a character other than a space
// starts s.
func closing(s, mark string) int {
	if s == "" || s[0] == ' ' || s[0] == '*' {
		return -1
	}
	for j := 0; j < len(s); j++ {
		switch {
		case s[j] == '\\' && j+1 < len(s) && isPunct(s[j+1]):
			j++
		case s[j] == '*':
			run := j
			for run < len(s) && s[run] == '*' {
				run++
			}
			if run-j == len(mark) && s[j-1] != ' ' {
				return j
			}
			j = run - 1
		}
	}
	return -1
}

// unescape writes s to b with each escaped character as itself.
func unescape(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
}

// isPunct says whether c is ASCII punctuation, which a backslash escapes
// in Markdown.
func isPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
}

// A LineKind is what a line of a drafted letter is.
type LineKind int

const (
	Blank LineKind = iota
	Heading
	Quote
	Item
	Paragraph
)

// LetterLine says what a line of a letter's Markdown is, as carecost
// drafts letters, from the line as written: a heading (#), a quote (> ),
// an item of a list (- , nested under spaces), a paragraph's line, or
// blank. Text is the line without its mark and the spaces around it,
// still in Markdown (to draw with Inline); nested is how many spaces an
// item is indented by. An escaped mark (\#, typed text) makes a
// paragraph.
func LetterLine(line string) (kind LineKind, text string, nested int) {
	line = strings.TrimRight(line, " ")
	trimmed := strings.TrimLeft(line, " ")
	switch {
	case line == "":
		return Blank, "", 0
	case strings.HasPrefix(line, "#"):
		return Heading, strings.TrimSpace(strings.TrimLeft(line, "#")), 0
	case strings.HasPrefix(line, "> "):
		return Quote, strings.TrimPrefix(line, "> "), 0
	case strings.HasPrefix(trimmed, "- "):
		return Item, strings.TrimPrefix(trimmed, "- "), len(line) - len(trimmed)
	}
	return Paragraph, line, 0
}
