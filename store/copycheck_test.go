package store

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A backup's copy is checked by reading its pages once, in place of
// bbolt's own check: what that check finds, this one finds too (keys out
// of order on a leaf and on a branch, a key below the range the branch
// above gives it, a page neither in use nor free, a page two patients'
// buckets point to), and in a sound copy neither finds anything.
func TestACopysCheckFindsWhatBboltsCheckFinds(t *testing.T) {
	// The demo's patients have buckets with pages of their own, the first
	// and the last in the patients bucket's order; the others' are kept
	// inline in its leaves.
	db, _ := openTemp(t)
	addDemos(t, db, 1)
	savePatients(t, db, 300)
	addDemos(t, db, 2)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sound, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	meta, pageSize, err := chooseMeta(sound)
	if err != nil {
		t.Fatal(err)
	}
	highMark := binary.LittleEndian.Uint64(meta[40:])
	// A copy writes zeros for every page not in use: a page whose header
	// names it is one in use (or a freelist).
	type page struct {
		id   uint64
		data []byte
	}
	pages := func(data []byte, flags uint16) []page {
		var found []page
		for id := uint64(2); id < highMark; id++ {
			p := data[id*pageSize : (id+1)*pageSize]
			if binary.LittleEndian.Uint64(p) == id && binary.LittleEndian.Uint16(p[8:]) == flags {
				found = append(found, page{id, p})
			}
		}
		return found
	}
	key := func(p []byte, i int) []byte {
		e := pageHeaderSize + i*elementSize
		if binary.LittleEndian.Uint16(p[8:]) == branchPage {
			pos, ksize := binary.LittleEndian.Uint32(p[e:]), binary.LittleEndian.Uint32(p[e+4:])
			return p[e+int(pos) : e+int(pos)+int(ksize)]
		}
		pos, ksize := binary.LittleEndian.Uint32(p[e+4:]), binary.LittleEndian.Uint32(p[e+8:])
		return p[e+int(pos) : e+int(pos)+int(ksize)]
	}
	count := func(p []byte) int { return int(binary.LittleEndian.Uint16(p[10:])) }
	// bucketRoots are where the leaf p keeps the root pages of the
	// buckets inside it that have pages of their own.
	bucketRoots := func(p []byte) [][]byte {
		var roots [][]byte
		for i := range count(p) {
			e := pageHeaderSize + i*elementSize
			if binary.LittleEndian.Uint32(p[e:])&bucketLeaf == 0 {
				continue
			}
			k := key(p, i)
			value := k[len(k):cap(k)][:8]
			if binary.LittleEndian.Uint64(value) != 0 {
				roots = append(roots, value)
			}
		}
		return roots
	}
	// toFree points the first patient with pages of its own at a free
	// page: the damage is that patient's alone, the page stays free.
	toFree := func(t *testing.T, data []byte) bool {
		list := data[binary.LittleEndian.Uint64(meta[32:])*pageSize:]
		if binary.LittleEndian.Uint16(list[10:]) == 0 {
			return false
		}
		free := list[pageHeaderSize : pageHeaderSize+8]
		for _, p := range pages(data, leafPage) {
			if count(p.data) >= 10 && len(key(p.data, 0)) == 26 && binary.LittleEndian.Uint32(p.data[pageHeaderSize:])&bucketLeaf != 0 {
				if roots := bucketRoots(p.data); len(roots) > 0 {
					copy(roots[0], free)
					return true
				}
			}
		}
		return false
	}
	tests := []struct {
		name, want string
		damage     func(t *testing.T, data []byte) bool // false: not found in this file
	}{
		{"keys out of order on a leaf", "holds its keys out of order", func(t *testing.T, data []byte) bool {
			for _, p := range pages(data, leafPage) {
				if count(p.data) >= 3 && len(bucketRoots(p.data)) == 0 {
					key(p.data, count(p.data)-1)[0] = 0
					return true
				}
			}
			return false
		}},
		{"keys out of order on a branch", "holds its keys out of order", func(t *testing.T, data []byte) bool {
			for _, p := range pages(data, branchPage) {
				if count(p.data) >= 2 && len(key(p.data, 0)) == len(key(p.data, 1)) {
					copy(key(p.data, 1), key(p.data, 0))
					return true
				}
			}
			return false
		}},
		{"a key below the range given it", "outside the range the page above gives it", func(t *testing.T, data []byte) bool {
			for _, p := range pages(data, branchPage) {
				if count(p.data) >= 3 {
					k := key(p.data, 1)
					k[len(k)-1]++
					return true
				}
			}
			return false
		}},
		{"a page neither in use nor free", "is neither in use nor free", func(t *testing.T, data []byte) bool {
			list := data[binary.LittleEndian.Uint64(meta[32:])*pageSize:]
			n := binary.LittleEndian.Uint16(list[10:])
			if n == 0 || n == 0xFFFF {
				return false
			}
			binary.LittleEndian.PutUint16(list[10:], n-1)
			return true
		}},
		{"a page two patients point to", "which something else points to", func(t *testing.T, data []byte) bool {
			// The first patient's root page given to the last, whose
			// buckets are followed apart, on two goroutines when there are
			// two cores.
			var roots [][]byte
			for _, p := range pages(data, leafPage) {
				if count(p.data) >= 10 && len(key(p.data, 0)) == 26 && binary.LittleEndian.Uint32(p.data[pageHeaderSize:])&bucketLeaf != 0 {
					roots = append(roots, bucketRoots(p.data)...)
				}
			}
			if len(roots) < 2 {
				return false
			}
			copy(roots[len(roots)-1], roots[0])
			return true
		}},
		{"a patient pointing to a free page", "damaged in patients/", toFree},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Clone(sound)
			if !tt.damage(t, data) {
				t.Fatal("the copy has no page to damage so")
			}
			path := filepath.Join(t.TempDir(), "copy.db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			if bbolt := bboltCheck(t, path); len(bbolt) == 0 {
				t.Fatal("bbolt's check finds nothing wrong")
			}
			problems, err := checkCopy(path, nil, nil)
			if err != nil || len(problems) == 0 || !strings.Contains(problems[0], tt.want) {
				t.Errorf("the copy's check: %v, %q; want a problem saying %q", err, problems, tt.want)
			}
		})
	}
	// The file's own check, and a rescue's opening, say the same of that
	// patient: the rest of the file is sound.
	t.Run("a patient's damage is theirs alone", func(t *testing.T) {
		data := bytes.Clone(sound)
		if !toFree(t, data) {
			t.Fatal("the copy has no page to damage so")
		}
		path := filepath.Join(t.TempDir(), "file.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		problems, err := Check(path)
		if err != nil || len(problems) == 0 {
			t.Fatalf("check: %v %q", err, problems)
		}
		for _, p := range problems {
			if strings.Contains(p, "in its own pages") {
				t.Errorf("the damage of one patient is taken for the file's: %s", p)
			}
		}
		db, err := Open(path, Options{Damaged: true})
		if err != nil {
			t.Fatalf("a file with one damaged patient cannot be opened to rescue the rest: %v", err)
		}
		db.Close()
	})
	if problems := bboltCheck(t, backup); len(problems) > 0 {
		t.Errorf("bbolt's check of the sound copy: %v", problems)
	}
	if problems, err := checkCopy(backup, nil, nil); err != nil || len(problems) > 0 {
		t.Errorf("the sound copy's check: %v %q", err, problems)
	}
}

// bboltCheck is what bbolt's own check finds in the file at path.
func bboltCheck(t *testing.T, path string) []error {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var found []error
	b.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			found = append(found, err)
		}
		return nil
	})
	return found
}

// panicsIn is a codec that panics on opening a value of one top bucket.
type panicsIn struct {
	codec
	top string
}

func (c panicsIn) open(bucket string, key, sealed []byte) ([]byte, error) {
	if strings.HasPrefix(bucket, c.top) {
		panic("opening " + bucket)
	}
	return c.codec.open(bucket, key, sealed)
}

// However the walk of a copy ends, its readers of the patients' buckets
// are done before it returns: none is left reading a file unmapped.
func TestACopysCheckLeavesNoReaderBehind(t *testing.T) {
	db, path := openTemp(t)
	addDemos(t, db, 3)
	db.Close()
	db, err := Open(path, Options{Damaged: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.copyOf = true
	// The programs are read by the walk itself, after every patient is
	// handed on.
	db.codec = panicsIn{db.codec, string(bucketPrograms)}
	before := runtime.NumGoroutine()
	db.view(func(tx *bolt.Tx) error {
		if _, _, ok := db.checkByPages(tx); ok {
			t.Error("a walk that panicked says it read the copy")
		}
		return nil
	})
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before the walk, %d after", before, after)
	}
}

// A backup's copy is read once by its check: opening it verifies only
// the pages its own reads need, however small the file (below deepAtOpen
// an ordinary file has every page verified as it opens), and the check
// then finds every page sound and says so.
func TestASmallCopyIsReadOnceByItsCheck(t *testing.T) {
	db, _ := openTemp(t)
	addDemos(t, db, 1)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if info, err := os.Stat(backup); err != nil || info.Size() > deepAtOpen {
		t.Fatalf("the backup: %v, %v", info, err)
	}
	c, err := Open(backup, Options{copyOf: true, Damaged: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.damage.Lock()
	shallow := c.damage.shallow
	c.damage.Unlock()
	if !shallow {
		t.Fatal("opening a small copy verified every page, which its check reads again")
	}
	err = c.view(func(tx *bolt.Tx) error {
		if problems := c.problems(tx); len(problems) > 0 {
			t.Errorf("a sound copy: %v", problems)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c.damage.Lock()
	defer c.damage.Unlock()
	if c.damage.shallow {
		t.Error("after its check, the copy's pages are not all known sound")
	}
}
