package planner

import "testing"

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Sam Rivera", "Sam Rivera"},
		{"two\nlines", "two\nlines"},
		{"a\tb", "a b"},
		// A clipboard write (OSC 52), a carriage return, a backspace, a C1
		// CSI, bidi overrides and isolates, DEL, a byte-order mark.
		{"\x1b]52;c;aGk=\x07x", "\uFFFD]52;c;aGk=\uFFFDx"},
		{"ab\rcd\bx", "ab\uFFFDcd\uFFFDx"},
		{"\u009b31m", "\uFFFD31m"},
		{"\u202Etxt.exe\u2066\u2069", "\uFFFDtxt.exe\uFFFD\uFFFD"},
		{"\x7f\ufeff", "\uFFFD\uFFFD"},
		{"caf\xe9", "caf\uFFFD"}, // not UTF-8
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzPrintable(f *testing.F) {
	f.Add("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Printable(s) {
			if Unsafe(r) && r != Placeholder || r == '\t' || r == 0x1b {
				t.Fatalf("Printable(%q) kept %U", s, r)
			}
		}
	})
}
