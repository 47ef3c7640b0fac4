package store

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/oklog/ulid/v2"

	"carecost/planner"
)

// idSet is the record IDs an export holds, for finding one given twice.
// An export of 100,000 patients holds a million IDs: kept as text in a
// map, they took 100 MB. Here each takes 20 bytes, in small chunks spread
// by its last byte (random in a ULID); two copies of an ID fall in the
// same spread, so each spread is checked alone, when all are read, by
// sorting it. With a folder to spill to, the chunks are written to a
// file there each time idsHeld are in memory, so that an import's memory
// stays the same at any size: at the end, each spread is read back from
// the file whole, a 256th of the IDs at a time.
type idSet struct {
	spread [256][][]idEntry // by the ID's last byte; each chunk holds idChunk
	held   int              // the IDs in spread

	dir    string   // where to spill; "" holds every ID in memory
	file   *os.File // the IDs spilled, a run after another
	runs   [][256]idRun
	offset int64 // the file's end
	err    error // the first error spilling, returned by add and twice after it
}

// idEntry is an ID as the set keeps it: its 128 bits, and which of its
// 26 characters are lower-case letters. carecost writes IDs in capitals,
// but only the same text is the same ID, as it is in the file.
type idEntry struct {
	u     ulid.ULID
	lower uint32
}

// idEntrySize is an idEntry's size in the spill file: its bits, then its
// lower-case letters.
const idEntrySize = len(ulid.ULID{}) + 4

func compareIDEntries(a, b idEntry) int {
	if c := a.u.Compare(b.u); c != 0 {
		return c
	}
	return cmp.Compare(a.lower, b.lower)
}

// idRun is where one spread's IDs of one run are in the spill file.
type idRun struct {
	at int64
	n  int
}

// idChunk is how many IDs a chunk holds: the most memory left unused is
// 256 chunks not yet full, 1.3 MB.
const idChunk = 256

// idsHeld is how many IDs a set spilling to a file holds before it
// writes them there (5 MB).
var idsHeld = 1 << 18

// spillTo has the set write its IDs to a file in dir, once it holds
// idsHeld; close removes it.
func (s *idSet) spillTo(dir string) { s.dir = dir }

// add puts id, whose bits are u, in the set; twice says whether an ID was
// added more than once.
func (s *idSet) add(id planner.ID, u ulid.ULID) error {
	if s.err != nil {
		return s.err
	}
	e := idEntry{u: u}
	for i := range min(len(id), 32) {
		if 'a' <= id[i] && id[i] <= 'z' {
			e.lower |= 1 << i
		}
	}
	chunks := &s.spread[u[len(u)-1]]
	if n := len(*chunks); n == 0 || len((*chunks)[n-1]) == idChunk {
		*chunks = append(*chunks, make([]idEntry, 0, idChunk))
	}
	last := &(*chunks)[len(*chunks)-1]
	*last = append(*last, e)
	if s.held++; s.held >= idsHeld && s.dir != "" {
		s.err = s.spill()
	}
	return s.err
}

// spill writes the IDs held to the file, each spread's together, and lets
// them go.
func (s *idSet) spill() error {
	if s.file == nil {
		f, err := newKeepFile(s.dir)
		if err != nil {
			return err
		}
		s.file = f
	}
	var run [256]idRun
	buf := make([]byte, 0, idChunk*idEntrySize)
	for i := range s.spread {
		run[i].at = s.offset
		for _, c := range s.spread[i] {
			buf = buf[:0]
			for _, e := range c {
				buf = append(buf, e.u[:]...)
				buf = binary.LittleEndian.AppendUint32(buf, e.lower)
			}
			if _, err := s.file.WriteAt(buf, s.offset); err != nil {
				return keepError{err}
			}
			s.offset += int64(len(buf))
			run[i].n += len(c)
		}
		s.spread[i] = nil
	}
	s.runs = append(s.runs, run)
	s.held = 0
	return nil
}

// twice returns an ID added more than once, if there is one.
func (s *idSet) twice() (planner.ID, bool, error) {
	if s.err != nil {
		return "", false, s.err
	}
	var all []idEntry
	var buf []byte
	for i := range s.spread {
		all = all[:0]
		for _, r := range s.runs {
			buf = slices.Grow(buf[:0], r[i].n*idEntrySize)[:r[i].n*idEntrySize]
			if _, err := s.file.ReadAt(buf, r[i].at); err != nil {
				if errors.Is(err, io.EOF) {
					err = io.ErrUnexpectedEOF
				}
				return "", false, keepError{err}
			}
			for b := buf; len(b) > 0; b = b[idEntrySize:] {
				var e idEntry
				copy(e.u[:], b)
				e.lower = binary.LittleEndian.Uint32(b[len(e.u):])
				all = append(all, e)
			}
		}
		for _, c := range s.spread[i] {
			all = append(all, c...)
		}
		slices.SortFunc(all, compareIDEntries)
		for j := 1; j < len(all); j++ {
			if all[j] == all[j-1] {
				return all[j].id(), true, nil
			}
		}
	}
	return "", false, nil
}

// id is e as the text it was read from.
func (e idEntry) id() planner.ID {
	b := []byte(e.u.String())
	for i := range b {
		if e.lower&(1<<i) != 0 && 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return planner.ID(b)
}

// close removes the file the set spilled to, if it did.
func (s *idSet) close() { dropKeepFile(&s.file) }

// newKeepFile makes a file in dir for what an import keeps until its end.
// Where a file open can be removed, it goes at once: nothing is left
// behind if the import is killed. Elsewhere, it goes at the end
// (dropKeepFile), or on an interrupt. Its errors, and those of writing and
// reading it, are keepErrors.
func newKeepFile(dir string) (*os.File, error) {
	keepFilesMade.Add(1)
	clearStale(dir, isKeepFile)
	f, err := os.CreateTemp(dir, keepFilePrefix+"*"+keepFileSuffix)
	if err != nil {
		return nil, keepError{err}
	}
	unfinished.add(f.Name())
	os.Remove(f.Name())
	return f, nil
}

// keepFilesMade counts the keep files made, so that a test can see an
// import spill what it keeps.
var keepFilesMade atomic.Int64

// An import's keep files are named ".carecost-import-DIGITS.ids", as
// os.CreateTemp fills in the pattern.
const keepFilePrefix, keepFileSuffix = ".carecost-import-", ".ids"

// isKeepFile says whether name is an import's keep file. One killed where
// an open file cannot be removed is left behind; one in use is written to
// as its import goes, and read back within minutes of its end (see
// clearStale).
func isKeepFile(name string) bool {
	digits, ok := strings.CutPrefix(name, keepFilePrefix)
	digits, ok2 := strings.CutSuffix(digits, keepFileSuffix)
	return ok && ok2 && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// dropKeepFile closes and removes *f, if there is one.
func dropKeepFile(f **os.File) {
	if *f != nil {
		(*f).Close()
		os.Remove((*f).Name())
		unfinished.remove((*f).Name())
		*f = nil
	}
}

// idList is a list of IDs kept in a file in dir as they are added, and
// read back in the order added: the patients of a large import whose
// list entries are made once its programs are written, which would
// otherwise hold memory in proportion to the import.
type idList struct {
	dir  string
	file *os.File
	w    *bufio.Writer
	n    int
}

// add puts id at the end of the list.
func (l *idList) add(id planner.ID) error {
	if len(id) > 255 {
		return fmt.Errorf("the ID %.40q… is too long to be one", id)
	}
	if l.file == nil {
		f, err := newKeepFile(l.dir)
		if err != nil {
			return err
		}
		l.file, l.w = f, bufio.NewWriterSize(f, 64<<10)
	}
	l.w.WriteByte(byte(len(id)))
	if _, err := l.w.WriteString(string(id)); err != nil {
		return keepError{err}
	}
	l.n++
	return nil
}

// each calls f with each ID of the list, in the order added, until f
// returns an error.
func (l *idList) each(f func(planner.ID) error) error {
	if l.file == nil {
		return nil
	}
	if err := l.w.Flush(); err != nil {
		return keepError{err}
	}
	r := bufio.NewReaderSize(io.NewSectionReader(l.file, 0, 1<<62), 64<<10)
	var b [255]byte
	for range l.n {
		n, err := r.ReadByte()
		if err == nil {
			_, err = io.ReadFull(r, b[:n])
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return keepError{err}
		}
		if err := f(planner.ID(b[:n])); err != nil {
			return err
		}
	}
	return nil
}

// close removes the list's file, if it made one.
func (l *idList) close() { dropKeepFile(&l.file) }
