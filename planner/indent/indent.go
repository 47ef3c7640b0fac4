// Package indent lays out compact JSON on lines, as encoding/json's Indent
// does, in a fraction of its time: Indent checks its input with JSON's
// whole scanner, byte by byte, and JSON that encoding/json has just made
// needs no checking. An export of every patient spent more of its time in
// Indent than in making the JSON.
package indent

import "bytes"

// JSON appends to dst the compact JSON src (as json.Marshal makes it: no
// space outside strings), laid out as json.Indent(dst, src, prefix,
// indent) lays it out: each element of an object or array on a line of
// its own, beginning with prefix and one indent per level, an empty
// object or array kept on one line, and a space after each colon. Like
// Indent, it puts neither prefix nor indent before the first line. src
// must be valid JSON; what JSON makes of anything else is not promised.
func JSON(dst, src []byte, prefix, indent string) []byte {
	// line is a newline, the prefix and an indent for each level open: a
	// new line is one append of its start.
	line := make([]byte, 0, 1+len(prefix)+8*len(indent))
	line = append(append(line, '\n'), prefix...)
	base, depth, opened := len(line), 0, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if opened {
			// The first element after { or [ starts a line; an empty
			// object or array closes on the same one.
			opened = false
			if c != '}' && c != ']' {
				dst = append(dst, line[:base+depth*len(indent)]...)
			}
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if depth++; len(line) < base+depth*len(indent) {
				line = append(line, indent...)
			}
			opened = true
		case '}', ']':
			depth--
			if src[i-1] != '{' && src[i-1] != '[' {
				dst = append(dst, line[:base+depth*len(indent)]...)
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = append(dst, line[:base+depth*len(indent)]...)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd is the index just past the string that starts with the quote
// at src[start]: the first quote after it that no backslash escapes.
func stringEnd(src []byte, start int) int {
	for at := start + 1; ; {
		q := bytes.IndexByte(src[at:], '"')
		if q < 0 {
			return len(src) // cut short: not valid JSON
		}
		at += q
		// A quote behind an odd number of backslashes is escaped.
		slashes := 0
		for j := at - 1; j > start && src[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 0 {
			return at + 1
		}
		at++
	}
}
