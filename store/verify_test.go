package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// manyPatients is a closed file of n patients, "Patient 000" on, whose
// list index and name index each have pages of their own.
func manyPatients(t *testing.T, n int) string {
	t.Helper()
	db, path := openTemp(t)
	savePatients(t, db, n)
	db.Close()
	return path
}

// savePatients saves n patients, "Patient 000" on, with nothing but a
// name, in one transaction.
func savePatients(t *testing.T, db *DB, n int) {
	t.Helper()
	var records []planner.Record
	for i := range n {
		records = append(records, &planner.PatientRecord{ID: NewID(), Patient: planner.Patient{Name: fmt.Sprintf("Patient %03d", i)}})
	}
	if err := db.Save(records...); err != nil {
		t.Fatal(err)
	}
}

// addDemos adds the demo patient n times.
func addDemos(t testing.TB, db *DB, n int) {
	t.Helper()
	for range n {
		if _, err := db.AddDemo(); err != nil {
			t.Fatal(err)
		}
	}
}

// openAsLarge opens the file at path as a large file opens: the pages the
// list's first page needs verified by Open, the rest behind it.
func openAsLarge(path string, opt Options) (*DB, error) {
	defer opening(0, 0)()
	return Open(path, opt)
}

// opening sets the sizes of file above which Open verifies each patient's
// pages when first read (deep) and the rest of the pages behind it
// (quick), and returns what puts them back.
func opening(deep, quick int64) (restore func()) {
	was, wasQuick := deepAtOpen, quickAtOpen
	deepAtOpen, quickAtOpen = deep, quick
	return func() { deepAtOpen, quickAtOpen = was, wasQuick }
}

func TestALargeFileShowsItsFirstPageBeforeTheRestIsVerified(t *testing.T) {
	path := manyPatients(t, 300)
	db, err := openAsLarge(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.verifying == nil {
		t.Fatal("the file was verified whole at open")
	}
	// Nothing else is read before the rest is verified; the page is
	// what it is once it has been.
	early, more, err := db.FirstPatients(200)
	if err != nil || !more || len(early) != 200 {
		t.Fatalf("first page: %d patients, more %v, %v", len(early), more, err)
	}
	if !db.verified() {
		// Read again once the rest is verified: the same page.
		db.waitVerified()
	}
	later, _, err := db.FirstPatients(200)
	if err != nil || !reflect.DeepEqual(early, later) {
		t.Fatalf("the first page read early differs from the page read later (%v)", err)
	}
	all := mustList(t, db)
	if len(all) != 300 || !reflect.DeepEqual(all[:200], early) {
		t.Errorf("the list of %d does not start with the first page", len(all))
	}
	if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Aaron"}}); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := db.FirstPatients(1); len(first) != 1 || first[0].Name != "Aaron" {
		t.Errorf("after a save, the first page is %v", first)
	}
}

// damagePage changes page id of the file at path as damage might: its ID,
// its kind or its count of elements.
func damagePage(t *testing.T, path string, id uint64, how int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := uint64(binary.LittleEndian.Uint32(data[metaPageSize:]))
	page := data[id*pageSize:]
	switch how {
	case 0:
		binary.LittleEndian.PutUint64(page, id+1)
	case 1:
		binary.LittleEndian.PutUint16(page[8:], 0)
	case 2:
		binary.LittleEndian.PutUint16(page[10:], 0xffff)
	case 3: // a branch whose first element points to itself
		if binary.LittleEndian.Uint16(page[8:]) == branchPage {
			binary.LittleEndian.PutUint64(page[pageHeaderSize+8:], id)
		}
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDamageFoundBehindOpenIsSaidAsAtOpen(t *testing.T) {
	// Each page of a file damaged in turn, four ways: opened as a large
	// file opens, the first page of the list is the true one or an error,
	// never a crash or a hang; everything read after it fails or
	// succeeds as when the whole file is verified at open; and a file
	// that open refuses is refused any change, with not a byte written.
	// 120 patients: their name index and list index each take a branch
	// and five leaves, and a first page of 50 reads two of each.
	const n, page = 120, 50
	sound := manyPatients(t, n)
	soundBytes, err := os.ReadFile(sound)
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(sound, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	truePage, _, err := db.FirstPatients(page)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	meta, _, err := chooseMeta(soundBytes)
	if err != nil {
		t.Fatal(err)
	}
	inUse := binary.LittleEndian.Uint64(meta[40:])
	dir := t.TempDir()
	// How often each step found the damage first: none may be idle.
	var refusedAtOpen, refusedFirst, refusedAfter int
	for id := uint64(2); id < inUse; id++ {
		for how := range 4 {
			path := filepath.Join(dir, fmt.Sprintf("damaged-%d-%d.db", id, how))
			if err := os.WriteFile(path, soundBytes, 0o600); err != nil {
				t.Fatal(err)
			}
			damagePage(t, path, id, how)
			damaged, _ := os.ReadFile(path)
			if bytes.Equal(damaged, soundBytes) {
				continue
			}
			// As a small file opens: every page verified first.
			var wantList []planner.PatientSummary
			wantErr := errors.New("refused at open")
			if db, err := Open(path, Options{ReadOnly: true}); err == nil {
				wantList, wantErr = db.ListPatients()
				db.Close()
			}
			db, err := openAsLarge(path, Options{})
			if err != nil {
				if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotCarecost) {
					t.Errorf("page %d (%d): opened as a large file: %v", id, how, err)
				}
				refusedAtOpen++
				continue
			}
			if db.verifying == nil {
				t.Fatalf("page %d (%d): the file was verified whole at open", id, how)
			}
			first, _, err := db.FirstPatients(page)
			switch {
			case err != nil:
				refusedFirst++
			case !reflect.DeepEqual(first, truePage):
				t.Errorf("page %d (%d): the first page read is not the file's", id, how)
			case wantErr != nil:
				refusedAfter++
			}
			list, err := db.ListPatients()
			if (err == nil) != (wantErr == nil) || err == nil && !reflect.DeepEqual(list, wantList) {
				t.Errorf("page %d (%d): the list is %d patients, %v; verified at open, %d, %v", id, how, len(list), err, len(wantList), wantErr)
			}
			if wantErr != nil {
				err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Aaron"}})
				if err == nil {
					t.Errorf("page %d (%d): a save into a file refused at open went through", id, how)
				}
			}
			db.Close()
			if after, _ := os.ReadFile(path); wantErr != nil && !bytes.Equal(after, damaged) {
				t.Errorf("page %d (%d): a file refused at open was changed", id, how)
			}
		}
	}
	t.Logf("refused at open %d, by the first page %d, after it %d", refusedAtOpen, refusedFirst, refusedAfter)
	if refusedAtOpen == 0 || refusedFirst == 0 || refusedAfter == 0 {
		t.Errorf("a step never found the damage: at open %d, by the first page %d, after it %d", refusedAtOpen, refusedFirst, refusedAfter)
	}
}

func TestANewPatientIsSavedInALargeFile(t *testing.T) {
	// In a file whose patients' pages are each verified when first read,
	// a patient made by a save is read back in the same transaction (for
	// its list entry) before bbolt has written its pages.
	path := manyPatients(t, 3)
	restore := opening(0, quickAtOpen)
	db, err := Open(path, Options{})
	restore()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := &planner.PatientRecord{Patient: planner.Patient{Name: "Aaron"}}
	if err := db.SavePatient(p); err != nil {
		t.Fatal(err)
	}
	task := &planner.Task{Key: planner.Key{PatientID: p.ID}, Text: "Call the clinic", Due: planner.NewDate(2026, 12, 3)}
	if err := db.Save(task); err != nil {
		t.Fatal(err)
	}
	if f, err := db.LoadPatient(p.ID); err != nil || len(f.Tasks) != 1 {
		t.Fatalf("read back: %v", err)
	}
	if list := mustList(t, db); len(list) != 4 || list[0].Name != "Aaron" {
		t.Errorf("list %v", list)
	}
}

func TestALargeFileRefusedBehindOpenIsLeftAsItWas(t *testing.T) {
	// Damage that only the pages verified behind Open show: a file that
	// would have its mode tightened, or a leftover beside it removed, is
	// refused by Open first, with its mode and the leftover as they were.
	path := manyPatients(t, 120)
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var root uint64
	b.View(func(tx *bolt.Tx) error { root = uint64(tx.Bucket(bucketPatients).Root()); return nil })
	b.Close()
	damagePage(t, path, root, 0)
	leftover := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".123.tmp")
	for _, tighten := range []bool{true, false} {
		mode := os.FileMode(0o600)
		if tighten {
			mode = 0o644
		} else if err := os.WriteFile(leftover, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		db, err := openAsLarge(path, Options{})
		if err == nil {
			db.Close()
		}
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("tighten %v: open: %v", tighten, err)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != mode {
			t.Errorf("tighten %v: the refused file's mode is %v", tighten, info.Mode().Perm())
		}
		if _, err := os.Stat(leftover); !tighten && err != nil {
			t.Errorf("the leftover beside a refused file was removed: %v", err)
		}
	}
}

func TestTheFirstPageOfAnyLength(t *testing.T) {
	// None, or more than the file holds, read before the rest of the file
	// is verified: what is there, checked all the same.
	path := manyPatients(t, 120)
	for _, n := range []int{-1, 0, 1, 119, 120, 121, 1 << 62} {
		db, err := openAsLarge(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		list, more, err := db.FirstPatients(n)
		want := min(max(n, 0), 120)
		if err != nil || len(list) != want || more != (want < 120) {
			t.Errorf("FirstPatients(%d): %d patients, more %v, %v", n, len(list), more, err)
		}
		db.Close()
	}
}
