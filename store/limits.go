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
	if lim.Bytes <= 0 {
		lim.Bytes = DefaultLimits.Bytes
	}
	if lim.Records <= 0 {
		lim.Records = DefaultLimits.Records
	}
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
		return nil, fmt.Errorf("the %s is larger than %d bytes, the most carecost reads by default: if it is right, import it with --max-bytes set higher", what, lim.Bytes)
	}
	if countObjects(data) > lim.Records {
		return nil, fmt.Errorf("the %s holds more than %d records and parts of records, the most carecost reads by default: if it is right, import it with --max-records set higher", what, lim.Records)
	}
	return data, nil
}

// countObjects counts the objects in JSON text ("{" outside strings),
// without decoding it.
func countObjects(data []byte) (objects int) {
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{':
			objects++
		}
	}
	return objects
}
