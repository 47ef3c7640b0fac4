package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// orderNames are names whose order is hard to get right: cases, accents,
// a Kelvin sign that folds to k, namesakes, a prefix of another name,
// letters beyond the Basic Multilingual Plane.
var orderNames = []string{"ana", "Ana", "Álvaro Núñez", "alvaro nunez", "Zoë", "zoe", "\u212Aim", "kim", "Kim Lee",
	"Kim", "İlkay", "ilkay", "Ωmega", "𝒜da", "Ada", "O'Brien", "o brien", "Sam Rivera (fictional)", "sam", "Sam"}

// orderedFile is a file of patients named from orderNames, in a random
// order, each with one dated task or none, and calls with follow-ups on
// days shared among them.
func orderedFile(t *testing.T, seed uint64) (*DB, string) {
	t.Helper()
	db, path := openTemp(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	names := slices.Clone(orderNames)
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	day := planner.NewDate(2026, 12, 1)
	for i, name := range names {
		p := &planner.PatientRecord{Patient: planner.Patient{Name: name}}
		if err := db.SavePatient(p); err != nil {
			t.Fatal(err)
		}
		var records []planner.Record
		for k := range i % 3 {
			records = append(records, &planner.Task{Key: planner.Key{PatientID: p.ID}, Text: "Call the clinic " + name, Due: day.AddDays(rng.IntN(4) + k)})
		}
		if i%2 == 0 {
			records = append(records, &planner.Contact{Key: planner.Key{PatientID: p.ID}, When: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
				Party: planner.PartyInsurer, Said: "Under review", FollowUp: day.AddDays(rng.IntN(3))})
		}
		if len(records) > 0 {
			if err := db.Save(records...); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db, path
}

// The list by name read through index/names is the list ListPatients
// sorts, page by page, for names of every kind.
func TestTheFirstPatientsAreTheListsFirst(t *testing.T) {
	for seed := range uint64(5) {
		db, _ := orderedFile(t, seed)
		all, err := db.ListPatients()
		if err != nil || len(all) != len(orderNames) {
			t.Fatalf("list: %d, %v", len(all), err)
		}
		for _, n := range []int{1, 3, len(all) - 1, len(all), len(all) + 5} {
			first, more, err := db.FirstPatients(n)
			if err != nil {
				t.Fatal(err)
			}
			if want := all[:min(n, len(all))]; !reflect.DeepEqual(first, want) || more != (n < len(all)) {
				t.Errorf("seed %d, first %d: %v (more %v), want %v", seed, n, names(first), more, names(want))
			}
		}
	}
}

// Every patient's ID, read alone through index/names, is in the order of
// the list ListPatients sorts, for names of every kind; an encrypted
// file, which keeps no index/names, gives its list's.
func TestPatientIDsAreInTheListsOrder(t *testing.T) {
	for seed := range uint64(5) {
		db, _ := orderedFile(t, seed)
		for _, encrypted := range []bool{false, true} {
			if encrypted {
				if err := db.Encrypt([]byte("a long enough passphrase"), testCost); err != nil {
					t.Fatal(err)
				}
			}
			var want []planner.ID
			for _, s := range mustList(t, db) {
				want = append(want, s.ID)
			}
			if ids, err := db.PatientIDs(); err != nil || !slices.Equal(ids, want) || len(ids) != len(orderNames) {
				t.Errorf("seed %d, encrypted %v: %v, want %v (%v)", seed, encrypted, ids, want, err)
			}
		}
	}
	// A file of schema 7, without index/names, opened read-only (and so
	// not brought up to date) gives its list's.
	db, path := orderedFile(t, 9)
	var want []planner.ID
	for _, s := range mustList(t, db) {
		want = append(want, s.ID)
	}
	db.Close()
	asSchema(t, path, 7, func(tx *bolt.Tx) error { return dropOrderedBuckets(tx.Bucket(bucketIndex)) })
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids, err := db.PatientIDs(); err != nil || !slices.Equal(ids, want) {
		t.Errorf("schema 7, read-only: %v, want %v (%v)", ids, want, err)
	}
	db.Close()
	// index/names without a patient the list holds (it leaves out one
	// whose entry is damaged), or with a key that names no patient in
	// place of one: the list is read, and no one is left out.
	for name, change := range map[string]func(names *bolt.Bucket, first []byte) error{
		"one left out": func(names *bolt.Bucket, first []byte) error { return names.Delete(first) },
		"a key naming no one": func(names *bolt.Bucket, first []byte) error {
			if err := names.Delete(first); err != nil {
				return err
			}
			return names.Put([]byte("no patient here"), nil)
		},
	} {
		db, path := orderedFile(t, 10)
		var want []planner.ID
		for _, s := range mustList(t, db) {
			want = append(want, s.ID)
		}
		db.Close()
		rawUpdate(t, path, func(tx *bolt.Tx) error {
			names := tx.Bucket(bucketIndex).Bucket(bucketNameOrder)
			first, _ := names.Cursor().First()
			return change(names, bytes.Clone(first))
		})
		db, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if ids, err := db.PatientIDs(); err != nil || !slices.Equal(ids, want) {
			t.Errorf("%s: %v, want %v (%v)", name, ids, want, err)
		}
		db.Close()
	}
}

func names(list []planner.PatientSummary) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Name)
	}
	return out
}

// readAgenda reads the agenda page by page, n items a page.
func readAgenda(t *testing.T, db *DB, n int) []planner.AgendaItem {
	t.Helper()
	var out []planner.AgendaItem
	after := ""
	for pages := 0; ; pages++ {
		page, next, err := db.AgendaPage(after, n)
		if err != nil {
			t.Fatal(err)
		}
		// An encrypted file's agenda is read whole: one page.
		if (len(page) > n && db.ordered()) || (next != "" && len(page) != n) {
			t.Fatalf("a page of %d items for %d, next %q", len(page), n, next)
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		if pages > 1000 {
			t.Fatal("the pages never end")
		}
		after = next
	}
}

// The agenda read page by page through index/agenda is the agenda read
// whole, at every page size, and stays so as records change.
func TestTheAgendaByPagesIsTheAgenda(t *testing.T) {
	db, path := orderedFile(t, 9)
	same := func(when string) {
		t.Helper()
		whole, err := db.patientAgenda()
		if err != nil || len(whole) == 0 {
			t.Fatalf("%s: agenda %d items, %v", when, len(whole), err)
		}
		for _, n := range []int{1, 2, 7, len(whole), len(whole) + 1} {
			if got := readAgenda(t, db, n); !slices.Equal(got, whole) {
				t.Errorf("%s, pages of %d:\n%v\nwant\n%v", when, n, got, whole)
			}
		}
		if problems, err := db.checkNow(); err != nil || len(problems) > 0 {
			t.Errorf("%s: check %q, %v", when, problems, err)
		}
	}
	same("as made")

	list, _ := db.ListPatients()
	// A rename moves the patient's items among those of their days.
	f, err := db.LoadPatient(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	f.Patient.Name = "Zz renamed"
	if err := db.Save(&f.Patient); err != nil {
		t.Fatal(err)
	}
	same("after a rename")
	// A task done leaves the agenda; a patient deleted takes theirs.
	for _, s := range list {
		f, _ := db.LoadPatient(s.ID)
		if len(f.Tasks) > 0 {
			task := f.Tasks[0]
			task.Done = true
			if err := db.Save(&task); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	same("after a task is done")
	if err := db.Delete(&planner.PatientRecord{ID: list[3].ID}); err != nil {
		t.Fatal(err)
	}
	same("after a delete")
	if first, _, _ := db.FirstPatients(len(list)); !slices.Equal(names(first), names(mustList(t, db))) {
		t.Errorf("the list by name after the changes: %v", names(first))
	}
	db.Close()
	if problems, err := Check(path); err != nil || len(problems) > 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
}

// checkNow is check's list of problems on the open file.
func (db *DB) checkNow() (problems []string, err error) {
	err = db.view(func(tx *bolt.Tx) error { problems = db.problems(tx); return nil })
	return problems, err
}

// Check finds an ordered index that lacks an entry, holds one too many or
// is gone, and repair mends each.
func TestCheckFindsAndRepairMendsTheOrderedIndexes(t *testing.T) {
	tests := []struct {
		name   string
		change func(tx *bolt.Tx) error
		want   string
	}{
		{"an entry missing", func(tx *bolt.Tx) error {
			_, agenda := orderedShelves(tx)
			k, _ := agenda.Cursor().Last()
			return agenda.Delete(k)
		}, "is missing from the agenda's order"},
		{"a name missing", func(tx *bolt.Tx) error {
			names, _ := orderedShelves(tx)
			k, _ := names.Cursor().First()
			return names.Delete(k)
		}, "is missing from the patient list's order"},
		{"an entry too many", func(tx *bolt.Tx) error {
			_, agenda := orderedShelves(tx)
			k := agendaKey(planner.NewDate(2027, 1, 1), "ghost", "01GHOST", 0)
			sealed, _ := checksumCodec{}.seal(agenda.path, k, marshalAgendaValue(planner.AgendaItem{Kind: planner.AgendaTask, What: "x"}, "ghost"))
			return agenda.Put(k, sealed)
		}, "the agenda's order holds 1 items no patient has"},
		{"an item out of date", func(tx *bolt.Tx) error {
			_, agenda := orderedShelves(tx)
			k, _ := agenda.Cursor().First()
			sealed, _ := checksumCodec{}.seal(agenda.path, k, marshalAgendaValue(planner.AgendaItem{Kind: planner.AgendaTask, What: "stale"}, "x"))
			return agenda.Put(k, sealed)
		}, "is out of date in the agenda's order"},
		{"both gone", func(tx *bolt.Tx) error { return dropOrderedBuckets(tx.Bucket(bucketIndex)) }, "order is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, path := orderedFile(t, 3)
			db.Close()
			rawUpdate(t, path, tt.change)
			problems, err := Check(path)
			if err != nil || len(problems) == 0 || !strings.Contains(strings.Join(problems, "\n"), tt.want) {
				t.Fatalf("problems %q, %v; want one with %q", problems, err, tt.want)
			}
			db, err = Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Repair(); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if problems, err := Check(path); err != nil || len(problems) > 0 {
				t.Errorf("after repair: %q, %v", problems, err)
			}
		})
	}
}

// A file of schema 7 gets its ordered indexes when it is opened.
func TestMigrationOrdersTheListAndTheAgenda(t *testing.T) {
	db, path := orderedFile(t, 4)
	want := readAgenda(t, db, 1000)
	db.Close()
	asSchema(t, path, 7, func(tx *bolt.Tx) error { return dropOrderedBuckets(tx.Bucket(bucketIndex)) })
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := readAgenda(t, db, 3); !slices.Equal(got, want) {
		t.Errorf("agenda after migrating:\n%v\nwant\n%v", got, want)
	}
	if problems, err := db.checkNow(); err != nil || len(problems) > 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
}

// An encrypted file keeps no ordered index, and reads its list and agenda
// whole: FirstPatients and AgendaPage still answer.
func TestAnEncryptedFileKeepsNoOrderedIndex(t *testing.T) {
	db, _ := orderedFile(t, 5)
	want := readAgenda(t, db, 1000)
	list := mustList(t, db)
	if err := db.Encrypt([]byte("a long enough passphrase"), testCost); err != nil {
		t.Fatal(err)
	}
	db.view(func(tx *bolt.Tx) error {
		if names, agenda := orderedShelves(tx); names.Bucket != nil || agenda.Bucket != nil {
			t.Error("the encrypted file keeps an ordered index")
		}
		return nil
	})
	if got := readAgenda(t, db, 2); !slices.Equal(got, want) {
		t.Errorf("agenda: %v", got)
	}
	// Read whole anyway, the list is given whole.
	if first, more, err := db.FirstPatients(3); err != nil || more || !reflect.DeepEqual(first, list) {
		t.Errorf("first: %v, %v, %v", names(first), more, err)
	}
	if err := db.Repair(); err != nil {
		t.Fatal(err)
	}
	if problems, err := db.checkNow(); err != nil || len(problems) > 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
}

// A name longer than a key may be is kept in the ordered indexes cut to
// its first 512 bytes; the patient is saved, listed and on the agenda.
func TestALongNameIsKeptCut(t *testing.T) {
	db, _ := orderedFile(t, 6)
	long := strings.Repeat("é", 20_000) // 40,000 bytes
	p := &planner.PatientRecord{Patient: planner.Patient{Name: long}}
	if err := db.SavePatient(p); err != nil {
		t.Fatal(err)
	}
	if err := db.Save(&planner.Task{Key: planner.Key{PatientID: p.ID}, Text: "Call", Due: planner.NewDate(2026, 12, 3)}); err != nil {
		t.Fatal(err)
	}
	all := mustList(t, db)
	if first, _, err := db.FirstPatients(len(all)); err != nil || !reflect.DeepEqual(first, all) {
		t.Errorf("first: %v", err)
	}
	if got, want := readAgenda(t, db, 4), mustAgenda(t, db); !slices.Equal(got, want) {
		t.Errorf("agenda by pages differs")
	}
	if problems, err := db.checkNow(); err != nil || len(problems) > 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
}

func mustAgenda(t *testing.T, db *DB) []planner.AgendaItem {
	t.Helper()
	items, err := db.patientAgenda()
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// A schema-7 file whose list index holds a damaged entry still opens: the
// ordered indexes leave that patient out until repair, and check says so.
func TestMigrationPassesADamagedEntry(t *testing.T) {
	db, path := orderedFile(t, 7)
	db.Close()
	asSchema(t, path, 7, func(tx *bolt.Tx) error {
		if err := dropOrderedBuckets(tx.Bucket(bucketIndex)); err != nil {
			return err
		}
		index := patientIndex(tx)
		k, v := index.Cursor().First()
		damaged := bytes.Clone(v)
		damaged[len(damaged)-2] ^= 0x20
		return index.Put(bytes.Clone(k), damaged)
	})
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if problems, _ := db.checkNow(); len(problems) == 0 {
		t.Error("check finds nothing")
	}
	if err := db.Repair(); err != nil {
		t.Fatal(err)
	}
	if problems, err := db.checkNow(); err != nil || len(problems) > 0 {
		t.Errorf("after repair: %q, %v", problems, err)
	}
	db.Close()
}

// manyExport is the export of a file of n patients, each with a plan and a
// dated task, and the demo's catalog.
func manyExport(t *testing.T, n int) (*bytes.Buffer, *DB) {
	t.Helper()
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		p := &planner.PatientRecord{Patient: planner.Patient{Name: "Patient " + strings.Repeat("x", i)}}
		if err := db.SavePatient(p); err != nil {
			t.Fatal(err)
		}
		if err := db.Save(&planner.Task{Key: planner.Key{PatientID: p.ID}, Text: "Call", Due: planner.NewDate(2026, 12, 1+i%20)}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := db.Export(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf, db
}

// A large import is written into a copy of the file in batches, which
// takes the file's place: exported again, it gives the same bytes. One
// that fails part way, or would replace what is there without --replace,
// leaves the file as it was.
func TestALargeImportIsWrittenIntoACopy(t *testing.T) {
	defer func(n, b int) { importInPlace, importBatch = n, b }(importInPlace, importBatch)
	importInPlace, importBatch = 3, 2
	export, _ := manyExport(t, 9)
	into, path := openTemp(t)
	result, err := into.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, false)
	// 10 patients: the 9 and the demo's Sam; 4 programs: the demo's
	// catalog.
	if err != nil || result.Patients != 10 || result.Programs != 4 {
		t.Fatalf("import: %+v, %v", result, err)
	}
	var again bytes.Buffer
	if err := into.Export(&again); err != nil || !bytes.Equal(again.Bytes(), export.Bytes()) {
		t.Errorf("exported again, the bytes differ (%v)", err)
	}
	if problems, err := into.checkNow(); err != nil || len(problems) > 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
	into.Close()
	before := sha256Of(t, path)
	into, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer into.Close()
	// Again: every patient and program is already there, 10 + 4 = 14.
	if _, err := into.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, false); !errors.Is(err, ErrConflict) ||
		!strings.Contains(err.Error(), "14 of the imported records are already in the file") {
		t.Errorf("again: %v", err)
	}
	// A patient part way through that cannot be used.
	bad := strings.Replace(export.String(), `"HouseholdSize": 3`, `"HouseholdSize": -5`, 1)
	bad = strings.Replace(bad, `"Name": "Patient xxxxxxx"`, `"Name": "Patient \u009b"`, 1)
	if _, err := into.ImportFrom(strings.NewReader(bad), DefaultLimits, true); err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("a bad patient: %v", err)
	}
	into.Close()
	if sha256Of(t, path) != before {
		t.Error("a refused import changed the file")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files: a copy was left behind", len(entries))
	}
	into, _ = Open(path, Options{})
	// With replace, all of it is brought in again: the 14 replaced.
	if result, err := into.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, true); err != nil || result.Replaced != 14 {
		t.Errorf("with replace: %+v, %v", result, err)
	}
}

// A conflict names twenty records, and counts the rest.
func TestAConflictNamesTwentyRecords(t *testing.T) {
	var names []string
	var c conflicts
	for i := range 25 {
		names = append(names, "patient P"+strings.Repeat("x", i))
		c.add(names[i])
	}
	err := c.err()
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "25 of the imported records") ||
		!strings.Contains(err.Error(), "and 5 more): import with --replace") || strings.Contains(err.Error(), names[20]+",") {
		t.Errorf("%v", err)
	}
}

// Review cases of the streamed import: what a large import replaces is
// erased at close, as a delete is; an export of exactly as many patients
// as fit in place is imported in place; a key given twice is refused.
func TestLargeImportEdges(t *testing.T) {
	defer func(n, b int) { importInPlace, importBatch = n, b }(importInPlace, importBatch)
	importInPlace, importBatch = 3, 2
	export, _ := manyExport(t, 5) // six patients with the demo's
	into, _ := openTemp(t)
	if _, err := into.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, false); err != nil {
		t.Fatal(err)
	}
	if _, err := into.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, true); err != nil || !into.ErasePending() {
		t.Errorf("replaced by a copy: %v, erase pending %v", err, into.ErasePending())
	}
	importInPlace = 6
	small, path := openTemp(t)
	before, _ := os.Stat(path)
	if _, err := small.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, false); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(path); !os.SameFile(before, after) {
		t.Error("an export that fits in place was written into a copy")
	}
	twice := strings.Replace(export.String(), `"Programs": [`, `"Programs": [], "programs": [`, 1)
	if _, err := ReadExport(strings.NewReader(twice)); err == nil || !strings.Contains(err.Error(), `holds "programs" twice`) {
		t.Errorf("a key twice: %v", err)
	}
	// The demo's applications name programs of the export, which it holds
	// after its patients: an export without them is refused whole at its
	// end, after every patient is written.
	importInPlace = 3
	text := export.String()
	noPrograms := text[:strings.LastIndex(text, `"Programs": [`)] + `"Programs": []` + "\n}\n"
	empty, emptyPath := openTemp(t)
	was := sha256Of(t, emptyPath)
	if _, err := empty.ImportFrom(strings.NewReader(noPrograms), DefaultLimits, false); err == nil ||
		!strings.Contains(err.Error(), "refers to a program (") || !strings.Contains(err.Error(), "that is not in the import; nothing was imported") {
		t.Errorf("applications without their programs: %v", err)
	}
	empty.Close()
	if sha256Of(t, emptyPath) != was {
		t.Error("a refused import changed the file")
	}
}

// readsAfter counts the reads made of it once closed is set: none should
// come once ImportFrom has returned.
type readsAfter struct {
	r      io.Reader
	closed atomic.Bool
	late   atomic.Int32
}

func (r *readsAfter) Read(p []byte) (int, error) {
	if r.closed.Load() {
		r.late.Add(1)
	}
	return r.r.Read(p)
}

// A large import reads the export ahead of what it writes. An export whose
// patient after the first batches is refused leaves the file as it was,
// and the export is not read once the import has returned.
func TestALargeImportRefusedPartWayChangesNothing(t *testing.T) {
	defer func(n, b int) { importInPlace, importBatch = n, b }(importInPlace, importBatch)
	importInPlace, importBatch = 3, 2
	export, _ := manyExport(t, 9) // ten patients with the demo's
	// The eighth patient's name, in the list's order of the export, holds
	// an escape: refused as the forms refuse it.
	bad := strings.Replace(export.String(), `"Name": "Patient xxxxxx"`, `"Name": "Patient \u001b]52;c;x\u0007"`, 1)
	if bad == export.String() {
		t.Fatal("the export holds no such patient: the test proves nothing")
	}
	into, path := openTemp(t)
	if _, err := into.AddDemo(); err != nil {
		t.Fatal(err)
	}
	before, _ := into.ListPatients()
	sum := sha256Of(t, path)
	r := &readsAfter{r: strings.NewReader(bad)}
	_, err := into.ImportFrom(r, DefaultLimits, true)
	r.closed.Store(true)
	if err == nil || !strings.Contains(err.Error(), "would act on a terminal") {
		t.Fatalf("import: %v", err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := r.late.Load(); n > 0 {
		t.Errorf("the export was read %d times after the import returned", n)
	}
	if after, err := into.ListPatients(); err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("the list after a refused import: %v, %v", after, err)
	}
	if sha256Of(t, path) != sum {
		t.Error("a refused import changed the file")
	}
}

// A large import that replaces the file's programs under new names gives
// the agenda the in-place import gives: the list entries of the patients
// applying to them name them anew, though the file held each program
// (under its old name) when those patients were written.
func TestALargeImportRenamingProgramsKeepsTheListTrue(t *testing.T) {
	defer func(n, b int) { importInPlace, importBatch = n, b }(importInPlace, importBatch)
	export, src := manyExport(t, 5) // six patients with the demo's
	programs, err := src.Programs()
	if err != nil || len(programs) == 0 {
		t.Fatalf("%d programs: %v", len(programs), err)
	}
	renamed := export.String()
	for _, p := range programs {
		renamed = strings.ReplaceAll(renamed, `"Name": "`+p.Name+`"`, `"Name": "`+p.Name+` (renamed)"`)
	}
	list := func(inPlace int) []planner.AgendaItem {
		db, _ := openTemp(t)
		defer db.Close()
		importInPlace, importBatch = 1_000, 2
		if _, err := db.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, false); err != nil {
			t.Fatal(err)
		}
		importInPlace = inPlace
		if _, err := db.ImportFrom(strings.NewReader(renamed), DefaultLimits, true); err != nil {
			t.Fatalf("importing with %d in place: %v", inPlace, err)
		}
		agenda, err := db.Agenda()
		if err != nil {
			t.Fatal(err)
		}
		return agenda
	}
	inPlace, byCopy := list(1_000), list(3)
	if !reflect.DeepEqual(inPlace, byCopy) {
		t.Errorf("by a copy the agenda is\n%+v\nin place\n%+v", byCopy, inPlace)
	}
	if !strings.Contains(fmt.Sprintf("%+v", byCopy), "(renamed)") {
		t.Error("no agenda item names a renamed program: the test shows nothing")
	}
}

// A large import works out each patient's list entry as it reads the
// patient, as the file will hold it: with the records of an export in
// another order than the file keeps them (here each kind reversed, so the
// demo's first course is its last), the entries, and the agenda, are
// those of an import in place, which reads each patient back from the
// file.
func TestALargeImportListsRecordsInTheFilesOrder(t *testing.T) {
	defer func(n, b int) { importInPlace, importBatch = n, b }(importInPlace, importBatch)
	export, _ := manyExport(t, 5)
	var x Export
	if err := json.Unmarshal(export.Bytes(), &x); err != nil {
		t.Fatal(err)
	}
	reversed := 0
	for i := range x.Patients {
		f := &x.Patients[i]
		// Without applications, every entry is worked out as it is read
		// (one with applications is made once the programs are written).
		f.Applications = nil
		if len(f.Courses) > 1 {
			reversed++
		}
		slices.Reverse(f.Plans)
		slices.Reverse(f.Courses)
		slices.Reverse(f.Scenarios)
		slices.Reverse(f.PreAuthorizations)
		slices.Reverse(f.Checklist)
		slices.Reverse(f.Contacts)
		slices.Reverse(f.Denials)
		slices.Reverse(f.Estimates)
		slices.Reverse(f.Tasks)
	}
	if reversed == 0 {
		t.Fatal("no patient has two courses: the test shows nothing")
	}
	// Last, past the patients read before the import is found too large
	// to write in place (which are read back from the file).
	slices.SortStableFunc(x.Patients, func(a, b planner.PatientFile) int { return len(a.Courses) - len(b.Courses) })
	data, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	imported := func(inPlace int) ([]planner.PatientSummary, []planner.AgendaItem) {
		db, _ := openTemp(t)
		defer db.Close()
		importInPlace, importBatch = inPlace, 2
		if _, err := db.ImportFrom(bytes.NewReader(data), DefaultLimits, false); err != nil {
			t.Fatalf("importing with %d in place: %v", inPlace, err)
		}
		list, err := db.ListPatients()
		if err != nil {
			t.Fatal(err)
		}
		agenda, err := db.Agenda()
		if err != nil {
			t.Fatal(err)
		}
		return list, agenda
	}
	list, agenda := imported(1_000)
	listByCopy, agendaByCopy := imported(3)
	if !reflect.DeepEqual(list, listByCopy) || !reflect.DeepEqual(agenda, agendaByCopy) {
		t.Errorf("by a copy the list is\n%+v\nin place\n%+v", listByCopy, list)
	}
}
