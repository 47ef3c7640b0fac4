package planner

import (
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CompareNames compares two names as the patient list sorts them: letter
// by letter, each folded to its lower case, without allocating.
func CompareNames(a, b string) int {
	// Most names are ASCII: compare byte by byte until a difference or a
	// non-ASCII byte.
	i := 0
	for i < len(a) && i < len(b) && a[i] < utf8.RuneSelf && b[i] < utf8.RuneSelf {
		ca, cb := lowerASCII(a[i]), lowerASCII(b[i])
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
		i++
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		ra, na := firstRune(a)
		rb, nb := firstRune(b)
		if c := cmp.Compare(foldRune(ra), foldRune(rb)); c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func firstRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// AppendFolded appends name with each letter folded as CompareNames folds
// it. The bytes of two folded names compare as CompareNames compares the
// names, since UTF-8 keeps the order of the code points and a shorter
// prefix sorts first: a store can keep names in this order by key.
func AppendFolded(b []byte, name string) []byte {
	for name != "" {
		r, n := firstRune(name)
		b = utf8.AppendRune(b, foldRune(r))
		name = name[n:]
	}
	return b
}

// ComparePatients is the patient list's order: by name (CompareNames), then
// by ID, so that namesakes keep one order.
func ComparePatients(a, b PatientSummary) int {
	return cmp.Or(CompareNames(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
}
