package store

import (
	"fmt"
	"io"
	"io/fs"
)

// Limits bound what an import may hold, so that a file built to exhaust
// memory (millions of empty records in a few megabytes) is refused in a
// sentence before it is decoded. Records counts every record and every
// part of one (a phase, a way to pay): every JSON object in the file.
type Limits struct {
	Bytes   int64
	Records int
}

// DefaultLimits fit a file of a few thousand patients: a record decoded
// takes up to about a kilobyte of memory, so an import stays under half a
// gigabyte. carecost import --max-bytes and --max-records raise them.
var DefaultLimits = Limits{Bytes: 256 << 20, Records: 300_000}

// readBounded reads an import whole, refusing one larger than the limit
// or holding more records (JSON objects) than it allows.
func readBounded(r io.Reader, lim Limits, what string) ([]byte, error) {
	lim = lim.orDefaults()
	// A file says its size: read it into a buffer of that size, once.
	limited := io.LimitReader(r, lim.Bytes+1)
	var data []byte
	var err error
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, statErr := f.Stat(); statErr == nil && info.Mode().IsRegular() && info.Size() <= lim.Bytes {
			data = make([]byte, info.Size()+1)
			var n int
			n, err = io.ReadFull(limited, data)
			if err == io.ErrUnexpectedEOF || err == io.EOF {
				err = nil
			}
			data = data[:n]
		}
	}
	if data == nil && err == nil {
		data, err = io.ReadAll(limited)
	} else if err == nil && int64(len(data)) > 0 && len(data) == cap(data) {
		var more []byte
		more, err = io.ReadAll(limited) // the file grew while it was read
		data = append(data, more...)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the %s: %w", what, err)
	}
	if int64(len(data)) > lim.Bytes {
		return nil, tooLarge(what, lim)
	}
	if countObjects(data) > lim.Records {
		return nil, tooMany(what, lim)
	}
	return data, nil
}

// limitError is an import past one of its limits, or one that could not
// be read: said as it is, never as a fault of the export's JSON.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

func tooLarge(what string, lim Limits) error {
	return &limitError{fmt.Sprintf("the %s is larger than %d bytes, the most carecost reads by default: if it is right, import it with --max-bytes set higher", what, lim.Bytes)}
}

func tooMany(what string, lim Limits) error {
	return &limitError{fmt.Sprintf("the %s holds more than %d records and parts of records, the most carecost reads by default: if it is right, import it with --max-records set higher", what, lim.Records)}
}

// boundedReader passes an import on as it is read, counting its bytes and
// its objects, and fails once either passes its limit: an import read a
// patient at a time is bounded as one read whole is.
type boundedReader struct {
	r       io.Reader
	lim     Limits
	what    string
	n       int64
	objects objectCounter
}

func newBoundedReader(r io.Reader, lim Limits, what string) *boundedReader {
	return &boundedReader{r: r, lim: lim.orDefaults(), what: what}
}

// orDefaults is l with DefaultLimits' for the limits it leaves at zero.
func (l Limits) orDefaults() Limits {
	if l.Bytes <= 0 {
		l.Bytes = DefaultLimits.Bytes
	}
	if l.Records <= 0 {
		l.Records = DefaultLimits.Records
	}
	return l
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	b.objects.count(p[:n])
	switch {
	case b.n > b.lim.Bytes:
		return 0, tooLarge(b.what, b.lim)
	case b.objects.n > b.lim.Records:
		return 0, tooMany(b.what, b.lim)
	case err != nil && err != io.EOF:
		return n, &limitError{fmt.Sprintf("cannot read the %s: %v", b.what, err)}
	}
	return n, err
}

// countObjects counts the objects in JSON text ("{" outside strings),
// without decoding it.
func countObjects(data []byte) int {
	var c objectCounter
	c.count(data)
	return c.n
}

// objectCounter counts the objects of JSON text given a piece at a time.
type objectCounter struct {
	n                 int
	inString, escaped bool
}

func (o *objectCounter) count(data []byte) {
	for _, c := range data {
		switch {
		case o.inString:
			switch {
			case o.escaped:
				o.escaped = false
			case c == '\\':
				o.escaped = true
			case c == '"':
				o.inString = false
			}
		case c == '"':
			o.inString = true
		case c == '{':
			o.n++
		}
	}
}
