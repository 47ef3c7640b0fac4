package planner

import (
	"testing"
	"unicode/utf8"
)

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

// notPlain marks, byte by byte, what plainByte does not: every byte value
// in each of the eight places, beside plain bytes.
func TestNotPlainIsPlainByteEightAtATime(t *testing.T) {
	for place := range 8 {
		for c := range 256 {
			x := uint64(0x4141414141414141) // "AAAAAAAA"
			x = x&^(0xff<<(8*place)) | uint64(c)<<(8*place)
			want := uint64(0)
			if !plainByte[c] {
				want = 0x80 << (8 * place)
			}
			if got := notPlain(x); got != want {
				t.Errorf("byte %#x at %d: %#x, want %#x", c, place, got, want)
			}
		}
	}
}

// Printable leaves text as it is exactly when each character is plain,
// whatever its place among the eight bytes read at once.
func FuzzPrintableBytes(f *testing.F) {
	f.Add([]byte("Ketamine — 12 sessions\n\tcall back"))
	f.Add([]byte("0123456789abcdef\x7f"))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := utf8.Valid(b)
		for _, r := range string(b) {
			if r == '\t' || Unsafe(r) {
				want = false
			}
		}
		if got := PrintableBytes(b); got != want {
			t.Errorf("PrintableBytes(%q) = %v, want %v", b, got, want)
		}
		if got := printable(string(b)); got != want {
			t.Errorf("printable(%q) = %v, want %v", b, got, want)
		}
	})
}
