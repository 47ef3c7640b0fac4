package main

import (
	"io"
	"unicode/utf8"

	"carecost/planner"
)

// printableWriter passes what the commands print through planner.Printable,
// so that a name or a note holding a control character shows as text on
// the terminal instead of acting on it. A character split between two
// writes waits for its end.
type printableWriter struct {
	w    io.Writer
	tail []byte
}

func (p *printableWriter) Write(b []byte) (int, error) {
	data := b
	if len(p.tail) > 0 {
		data = append(p.tail, b...)
	}
	// Keep an unfinished UTF-8 character back for the next write.
	cut := len(data)
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				cut = i
			}
			break
		}
	}
	var err error
	if whole := data[:cut]; planner.PrintableBytes(whole) {
		_, err = p.w.Write(whole) // most of what is printed: passed on as it is
	} else {
		_, err = io.WriteString(p.w, planner.Printable(string(whole)))
	}
	p.tail = append([]byte(nil), data[cut:]...)
	if err != nil {
		return 0, err
	}
	return len(b), nil
}
