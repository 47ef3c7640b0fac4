package store

import (
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpenDamagedFile opens a demo file with bytes changed anywhere (a
// page header, a branch's pointer, a value, the metadata) and reads all
// of it every way carecost does: every read ends in a result or an
// error, never a crash or a hang.
func FuzzOpenDamagedFile(f *testing.F) {
	db, path := openTemp(f)
	if _, err := db.AddDemo(); err != nil {
		f.Fatal(err)
	}
	db.Close()
	sound, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	pageSize := int(binary.LittleEndian.Uint32(sound[metaPageSize:]))
	// Seeds: each page's header (its ID, flags, count and overflow),
	// the first meta page's root and freelist, and a value's bytes.
	for page := 0; page*pageSize < len(sound); page++ {
		f.Add(uint32(page*pageSize), []byte{0xff, 0xff, 0xff, 0x7f})
		f.Add(uint32(page*pageSize+8), []byte{0x10, 0x00, 0xff, 0xff})
		f.Add(uint32(page*pageSize+16), []byte{3, 0, 0, 0, 0, 0, 0, 0})
	}
	f.Add(uint32(metaOffset+24), []byte{2, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint32(len(sound)/2), []byte("}"))
	f.Fuzz(func(t *testing.T, at uint32, patch []byte) {
		data := append([]byte(nil), sound...)
		copy(data[int(at)%len(data):], patch)
		path := filepath.Join(t.TempDir(), "damaged.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		readAll(path, Options{ReadOnly: true})
		Check(path)
		readAll(path, Options{Damaged: true})
		// As a large file opens: each patient's pages verified only when
		// the patient is read.
		restore := opening(0, quickAtOpen)
		readAll(path, Options{ReadOnly: true})
		// As a larger one opens: the list's first page read before the
		// rest is verified.
		opening(0, 0)
		readAll(path, Options{})
		restore()
		readAll(path, Options{})
	})
}

// readAll reads everything in the file at path as the app and the
// commands do, ignoring the errors.
func readAll(path string, opt Options) {
	db, err := Open(path, opt)
	if err != nil {
		return
	}
	defer db.Close()
	db.FirstPatients(2)
	list, _ := db.ListPatients()
	db.Agenda()
	db.Programs()
	for _, s := range list {
		db.LoadPatient(s.ID)
	}
	db.Export(io.Discard)
	db.Rescue()
}
