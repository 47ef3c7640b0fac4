package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

func TestDiskFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.db")
	// A file that may not grow past 1 MiB; each patient carries 20 KB of
	// notes, so some fifty fit and then a save must fail.
	db, err := Open(path, Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var saved []planner.ID
	var full error
	for i := range 200 {
		p := &planner.PatientRecord{Patient: planner.Patient{Name: "P", Notes: strings.Repeat("x", 20_000)}}
		p.Name = "Patient " + string(rune('A'+i%26))
		if err := db.SavePatient(p); err != nil {
			full = err
			break
		}
		saved = append(saved, p.ID)
	}
	if full == nil || !errors.Is(full, ErrDiskFull) || full.Error() != "the disk is full — nothing was changed" {
		t.Fatalf("after %d saves: error %v, want the disk-full sentence", len(saved), full)
	}
	if len(saved) < 10 {
		t.Fatalf("only %d saves fit", len(saved))
	}
	// Every earlier record is intact, and the list matches.
	for _, id := range saved {
		if f, err := db.LoadPatient(id); err != nil || len(f.Patient.Notes) != 20_000 {
			t.Fatalf("patient %s after the full disk: %v", id, err)
		}
	}
	if list, err := db.ListPatients(); err != nil || len(list) != len(saved) {
		t.Errorf("list: %d patients (%v), want %d", len(list), err, len(saved))
	}
	db.Close()
	if problems, err := Check(path); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

func TestExportImportRoundTripIsLossless(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	program := &planner.Program{Name: "Hope Fund (fictional)", Kind: "nonprofit grant"}
	if err := db.Save(program); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListPatients()
	if err := db.Save(&planner.Application{Key: planner.Key{PatientID: list[0].ID}, ProgramID: program.ID, Status: "applied"}); err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := db.Export(&first); err != nil {
		t.Fatal(err)
	}
	x, err := ReadExport(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := openTemp(t)
	// The demo's four programs and the one saved here.
	result, err := fresh.Import(x, false)
	if err != nil || result != (ImportResult{Patients: 1, Programs: 5}) {
		t.Fatalf("import: %+v, %v", result, err)
	}
	var second bytes.Buffer
	if err := fresh.Export(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("the export of the imported file differs:\n%s\n---\n%s", first.String()[:400], second.String()[:400])
	}
	if got, _ := fresh.ListPatients(); len(got) != 1 || !reflect.DeepEqual(got[0], list[0]) {
		t.Errorf("imported list %v, want %v", got, list)
	}
	// The programs come back whole, tiers, states and conditions with
	// them, and so do the demo's applications to them.
	before, _ := db.Programs()
	after, _ := fresh.Programs()
	if !reflect.DeepEqual(after, before) {
		t.Errorf("imported programs\n%+v\nwant\n%+v", after, before)
	}
	var tiers, states, conditions int
	for _, p := range after {
		tiers, states, conditions = tiers+len(p.Tiers), states+len(p.States), conditions+len(p.Conditions)
	}
	if tiers == 0 || states == 0 || conditions == 0 {
		t.Errorf("the round trip tested %d tiers, %d states, %d conditions; want some of each", tiers, states, conditions)
	}
	was, _ := db.LoadPatient(list[0].ID)
	is, _ := fresh.LoadPatient(list[0].ID)
	if len(is.Applications) != 2 || !reflect.DeepEqual(is, was) {
		t.Errorf("imported patient file\n%+v\nwant\n%+v", is, was)
	}

	// Importing the same again is refused, and changes nothing.
	if _, err := fresh.Import(x, false); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "--replace") {
		t.Errorf("second import: %v", err)
	}
	// With replace it overwrites.
	// The patient and the five programs.
	if r, err := fresh.Import(x, true); err != nil || r.Replaced != 6 {
		t.Errorf("replace: %+v %v", r, err)
	}
	var third bytes.Buffer
	fresh.Export(&third)
	if !bytes.Equal(first.Bytes(), third.Bytes()) {
		t.Error("the file after a replacing import differs from the export")
	}
}

func TestImportValidatesBeforeWriting(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	var good bytes.Buffer
	db.Export(&good)
	text := good.String()
	f, _ := db.LoadPatient(mustList(t, db)[0].ID)
	patient, course := string(f.Patient.ID), string(f.Courses[0].ID)

	// The first program's ID given to the course too: two records far
	// apart in the export, found when all of it is read.
	programs := text[strings.Index(text, `"Programs": [`):]
	program := programs[strings.Index(programs, `"ID": "`)+len(`"ID": "`):][:26]
	farApart := text[:len(text)-len(programs)] + strings.Replace(programs, program, course, 1)

	tests := []struct {
		name, input, want string
	}{
		{"not JSON", "{", "not a carecost export"},
		{"another format", `{"Format": "something", "Version": 1}`, "does not say \"carecost export\""},
		{"a newer version", `{"Format": "carecost export", "Version": 9}`, "export version 9; this carecost reads version 1"},
		{"an unknown field", strings.Replace(text, `"Format"`, `"Colour": 1, "Format"`, 1), "unknown field"},
		{"a bad ID", strings.Replace(text, patient, "not-an-id", 1), "not a carecost ID"},
		{"a record of another patient", strings.Replace(text, `"PatientID": "`+patient, `"PatientID": "`+string(NewID()), 1), "says it belongs to"},
		{"a missing course", strings.Replace(text, `"CourseID": "`+course, `"CourseID": "`+string(NewID()), 1), "not in the import"},
		{"a twice-used ID", strings.Replace(text, string(f.Plans[0].ID), course, 1), "appears twice"},
		{"an ID used by a program and a course", farApart, "the ID " + course + " appears twice"},
		{"an ID in lower case used twice", strings.ReplaceAll(strings.Replace(text, string(f.Plans[0].ID), course, 1), course, strings.ToLower(course)), "appears twice"},
		{"a program of no kind carecost knows", strings.Replace(text, `"Kind": "nonprofit grant"`, `"Kind": "odd"`, 1),
			`("Second Wind Depression Care Fund (fictional)"): the kind of Second Wind Depression Care Fund (fictional), "odd", is not one carecost knows`},
		{"an answer that is no answer", strings.Replace(text, `"Insured": "yes"`, `"Insured": "maybe"`, 1),
			`whether the patient has health insurance, "maybe", is not one carecost knows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadExport(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

func mustList(t *testing.T, db *DB) []planner.PatientSummary {
	t.Helper()
	list, err := db.ListPatients()
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func FuzzReadExport(f *testing.F) {
	f.Add(`{"Format": "carecost export", "Version": 1, "Patients": [], "Programs": []}`)
	f.Add(`{"Format": "carecost export", "Version": 1, "Patients": [{"Patient": {"ID": "01M8JPRRHCXPTD954Y5ABX6W5E"}, "Plans": [{"ID": "x"}]}]}`)
	f.Add(`[]`)
	f.Add(`{"Format": 5}`)
	f.Fuzz(func(t *testing.T, input string) {
		x, err := ReadExport(strings.NewReader(input))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if x.Format != exportFormat || validateWhole(x) != nil {
			t.Fatalf("accepted an export that does not validate: %q", input)
		}
	})
}

// validateWhole checks a whole export with the checks ReadExport makes as
// it reads, in another order: the catalog first, then every patient.
func validateWhole(x *Export) error {
	c := newExportCheck()
	if err := c.program(x.Programs); err != nil {
		return err
	}
	for i := range x.Patients {
		if err := c.patient(&x.Patients[i]); err != nil {
			return err
		}
	}
	return c.finish()
}

func TestBackup(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "backup.db")
	if err := db.Backup(dest); err != nil {
		t.Fatal(err)
	}
	// A second backup, with one more patient, replaces the first whole.
	if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Second"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(dest); err != nil {
		t.Fatal(err)
	}
	copied, err := Open(dest, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if list, err := copied.ListPatients(); err != nil || len(list) != 2 {
		t.Errorf("backup holds %v, %v", list, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the backup folder holds %d files; temporary files were left", len(entries))
	}
	if info, _ := os.Stat(dest); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", info.Mode().Perm())
	}
	if err := db.Backup(filepath.Join(dir, "no", "such", "folder", "b.db")); err == nil || !strings.Contains(err.Error(), "cannot write a backup in") {
		t.Errorf("backup into a missing folder: %v", err)
	}
}

func TestCheckFindsAndRepairFixesIndexProblems(t *testing.T) {
	path := demoFile(t)
	if problems, err := Check(path); err != nil || len(problems) != 0 {
		t.Fatalf("a sound file: %v, %v", problems, err)
	}
	var id []byte
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		index := patientIndex(tx)
		k, _ := index.Cursor().First()
		id = bytes.Clone(k)
		put := func(id []byte, entry string) error {
			sealed, _ := checksumCodec{}.seal(index.path, id, []byte(entry))
			return index.Put(id, sealed)
		}
		if err := put(id, "1\x1fWrong name\x1f\x1f\x1f\x1f0\x1f"); err != nil {
			return err
		}
		return put([]byte(NewID()), "1\x1fGhost\x1f\x1f\x1f\x1f0\x1f")
	})
	problems, err := Check(path)
	if err != nil || len(problems) != 2 || !strings.Contains(problems[0], "out of date") || !strings.Contains(problems[1], "who is not in the file") {
		t.Fatalf("problems %q, %v", problems, err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Repair(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if problems, err := Check(path); err != nil || len(problems) != 0 {
		t.Errorf("after repair: %v, %v", problems, err)
	}

	// A record that cannot be read is reported with its patient; one
	// stored by another program, without carecost's seal, by its place.
	task := []byte(NewID())
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		tasks := top(tx, bucketPatients).sub(id).sub(bucketTasks)
		sealed, _ := checksumCodec{}.seal(tasks.path, task, []byte("{not json"))
		return tasks.Put(task, sealed)
	})
	problems, _ = Check(path)
	if len(problems) != 1 || !strings.Contains(problems[0], "patient "+string(id)+" cannot be read") {
		t.Errorf("problems %q", problems)
	}
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return top(tx, bucketPatients).sub(id).sub(bucketTasks).Put(task, []byte("{not json"))
	})
	problems, _ = Check(path)
	if len(problems) != 1 || !strings.Contains(problems[0], "the value at patients/"+string(id)+"/tasks/"+string(task)+" is damaged: it is not in carecost's format") {
		t.Errorf("problems %q", problems)
	}
}

func TestRepairRebuildsAMissingIndex(t *testing.T) {
	path := demoFile(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketIndex) })
	if problems, _ := Check(path); len(problems) == 0 || !strings.Contains(strings.Join(problems, " "), "missing") {
		t.Fatalf("check: %v", problems)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ListPatients(); err == nil || !strings.Contains(err.Error(), "check --repair") {
		t.Errorf("list without an index: %v", err)
	}
	if err := db.Repair(); err != nil {
		t.Fatal(err)
	}
	if list, err := db.ListPatients(); err != nil || len(list) != 1 {
		t.Errorf("after repair: %v, %v", list, err)
	}
	db.Close()
	if problems, err := Check(path); err != nil || len(problems) != 0 {
		t.Errorf("check after repair: %v %v", problems, err)
	}
}

func TestRecordsAboutACourseNeedTheCourse(t *testing.T) {
	db, _ := openTemp(t)
	id, _ := db.AddDemo()
	err := db.Save(&planner.Denial{Key: planner.Key{PatientID: id}, CourseID: NewID(), Notice: planner.NewDate(2026, 11, 2), Reason: planner.ReasonOffLabel, Level: planner.LevelInternal})
	if err == nil || !strings.Contains(err.Error(), "its course") {
		t.Errorf("a denial of a missing course: %v", err)
	}
	if err := db.Save(&planner.Program{Name: "Fund", Kind: planner.ProgramOther}); err != nil {
		t.Errorf("a program: %v", err)
	}
	if err := db.Save(&planner.Task{}); err == nil || strings.Contains(err.Error(), "damaged") {
		t.Errorf("a task of nobody: %v", err)
	}
}

func TestImportRefusesFiguresTheAppWouldRefuse(t *testing.T) {
	db, _ := openTemp(t)
	db.AddDemo()
	var out bytes.Buffer
	db.Export(&out)
	// An out-of-pocket maximum below the deductible.
	bad := strings.Replace(out.String(), `"OutOfPocketMax": 600000`, `"OutOfPocketMax": 100`, 1)
	if _, err := ReadExport(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "less than the deductible") {
		t.Errorf("import: %v", err)
	}
}

// An import whose text holds a character that would act on a terminal is
// refused whole, naming where it is; nothing is written.
func TestImportRefusesUnsafeText(t *testing.T) {
	buf := demoExport(t)
	for _, hostile := range []string{"\\u001b]52;c;aGk=\\u0007", "\\r", "\\u202e", "\\u009b"} {
		data := strings.Replace(buf.String(), `"Name": "Sam Rivera (fictional)"`, `"Name": "Sam`+hostile+`"`, 1)
		_, err := ReadExport(strings.NewReader(data))
		if err == nil || !strings.Contains(err.Error(), "patient 1.Patient.Name holds a character that would act on a terminal") ||
			!strings.Contains(err.Error(), "nothing was imported") {
			t.Errorf("%s: %v", hostile, err)
		}
	}
	// Line breaks in notes are text.
	data := strings.Replace(buf.String(), `"Notes": "Treatment-resistant`, `"Notes": "Line one\nTreatment-resistant`, 1)
	if _, err := ReadExport(strings.NewReader(data)); err != nil {
		t.Errorf("a note with a line break: %v", err)
	}
}

// An import holds no patient the form would refuse: a negative income, a
// household of −5, a state that is none.
func TestImportRefusesWhatFormsRefuse(t *testing.T) {
	buf := demoExport(t)
	for _, tc := range []struct{ from, to, want string }{
		{`"AnnualIncome": 4100000`, `"AnnualIncome": -5`, "the household income cannot be negative"},
		{`"HouseholdSize": 3`, `"HouseholdSize": -5`, "the household size must be from 1 to 30"},
		{`"State": "OH"`, `"State": "ZZ"`, "ZZ"},
	} {
		if !strings.Contains(buf.String(), tc.from) {
			t.Fatalf("the export lacks %s", tc.from)
		}
		_, err := ReadExport(strings.NewReader(strings.Replace(buf.String(), tc.from, tc.to, 1)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.to, err)
		}
	}
}

// A commit error says the change may be there.
func TestCommitErrorSaysItMayBeSaved(t *testing.T) {
	err := error(&CommitError{Err: errors.New("input/output error")})
	var maybe interface{ MaybeSaved() bool }
	if !errors.As(err, &maybe) || !strings.Contains(err.Error(), "may or may not have been saved") || strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("%v", err)
	}
}

// demoExport is the export of a file holding the demo.
func demoExport(t *testing.T) *bytes.Buffer {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "c.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := db.Export(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

// An export shows nothing a terminal acts on, and means the same: the
// characters encoding/json leaves as they are are escaped, and read back
// as themselves.
func TestExportEscapesWhatActsOnATerminal(t *testing.T) {
	in := "a\u009b31m\u202eb\u007fc\ufeffd é ü ✓"
	raw, _ := json.Marshal(in)
	got := escapeControls(raw)
	if want := `"a\u009b31m\u202eb\u007fc\ufeffd é ü ✓"`; string(got) != want {
		t.Errorf("escaped %s, want %s", got, want)
	}
	var back string
	if err := json.Unmarshal(got, &back); err != nil || back != in {
		t.Errorf("read back %q, %v", back, err)
	}
	plain := []byte(`{"name":"Ana é"}`)
	if out := escapeControls(plain); &out[0] != &plain[0] {
		t.Error("text with nothing to escape was copied")
	}
}

// The export written a patient at a time is, byte for byte, what
// json.MarshalIndent gives the whole export: for an empty file, and for
// two patients with programs.
func TestStreamedExportIsTheWholeDocument(t *testing.T) {
	db, _ := openTemp(t)
	whole := func() []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := db.Export(&buf); err != nil {
			t.Fatal(err)
		}
		var x Export
		if err := json.Unmarshal(buf.Bytes(), &x); err != nil {
			t.Fatal(err)
		}
		want, _ := json.MarshalIndent(x, "", "  ")
		if got := buf.Bytes(); !bytes.Equal(got, append(escapeControls(want), '\n')) {
			t.Fatalf("the streamed export differs from the whole one:\n%s\n---\n%s", got, want)
		}
		return buf.Bytes()
	}
	whole()
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Lee \u009b"}}); err != nil {
		t.Fatal(err)
	}
	if out := whole(); !bytes.Contains(out, []byte(`"Lee \u009b"`)) {
		t.Error("the escape is lost")
	}
}

// A backup is the file's pages with those it does not use written as
// zeros: a patient deleted, and a note changed, leave nothing in it,
// though the file itself keeps them in its free pages until it is closed.
func TestABackupHoldsNothingDeletedOrChanged(t *testing.T) {
	db, path, zelda := secretFile(t)
	gone := []string{"Quintanilla", "zelda quintanilla", "Abernathy", "Brightwater"}
	// A note changed: its old words are left in a free page.
	p := &planner.PatientRecord{Patient: planner.Patient{Name: "Ada Brightwater", Notes: "Brightwater pays by card"}}
	if err := db.SavePatient(p); err != nil {
		t.Fatal(err)
	}
	p.Name, p.Notes = "Ada B.", "pays by card"
	if err := db.SavePatient(p); err != nil {
		t.Fatal(err)
	}
	// Each step is backed up while the file holds what it left: the next
	// write may reuse the free pages.
	changed := filepath.Join(t.TempDir(), "changed.db")
	if found := fileHolds(t, path, []string{"Brightwater"}); len(found) == 0 {
		t.Fatal("the file does not hold the changed note: the test proves nothing")
	}
	if err := db.Backup(changed); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, changed, []string{"Brightwater"}); len(found) > 0 {
		t.Errorf("the backup holds the changed note's old words %q", found)
	}
	if err := db.Delete(&planner.PatientRecord{ID: zelda}); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, path, gone[:3]); len(found) != 3 {
		t.Fatalf("the file holds only %q of the patient deleted: the test proves nothing", found)
	}
	dest := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(dest); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, dest, gone); len(found) > 0 {
		t.Errorf("the backup holds %q", found)
	}
	if problems, err := Check(dest); err != nil || len(problems) > 0 {
		t.Fatalf("check of the backup: %q, %v", problems, err)
	}
	copied, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	// The backup holds nothing deleted, so it is not compacted at close.
	if copied.ErasePending() {
		t.Error("the backup says records were deleted since it was compacted")
	}
	want, _ := db.ListPatients()
	if got, err := copied.ListPatients(); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("the backup's list: %v, %v; want %v", got, err, want)
	}
	if f, err := copied.LoadPatient(p.ID); err != nil || f.Patient.Notes != "pays by card" {
		t.Errorf("the changed patient in the backup: %+v, %v", f.Patient, err)
	}
}

// A backup taken while patients are saved is one moment of the file:
// whole, sound, and holding every patient saved before it began.
func TestABackupWhileSavingIsWhole(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	before, _ := db.ListPatients()
	stop, saved := make(chan struct{}), make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				saved <- n
				return
			default:
			}
			if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: fmt.Sprintf("Saved %d", n), Notes: strings.Repeat("x", 3000)}}); err != nil {
				t.Error(err)
			}
			n++
		}
	}()
	dir := t.TempDir()
	for i := range 5 {
		if err := db.Backup(filepath.Join(dir, fmt.Sprintf("b%d.db", i))); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	n := <-saved
	if n == 0 {
		t.Fatal("no patient was saved during the backups: the test proves nothing")
	}
	for i := range 5 {
		path := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		if problems, err := Check(path); err != nil || len(problems) > 0 {
			t.Fatalf("backup %d: %q, %v", i, problems, err)
		}
		copied, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		list, err := copied.ListPatients()
		copied.Close()
		if err != nil || len(list) < len(before) || len(list) > len(before)+n {
			t.Errorf("backup %d holds %d patients (%v); between %d and %d were saved", i, len(list), err, len(before), len(before)+n)
		}
	}
}

// TestVerifyingTheWholeFileWhileOthersSaveFindsNoDamage verifies every
// page of a file opened as a large one, again and again, while another
// goroutine saves: each walk reads the pages its own transaction holds.
// Read from the file's newest meta page instead, a walk meets pages that
// later commits hand on and write over, and takes a sound file for
// damaged, for the rest of the session: every run of this test did.
func TestVerifyingTheWholeFileWhileOthersSaveFindsNoDamage(t *testing.T) {
	path := manyPatients(t, 3000)
	db, err := openAsLarge(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.ListPatients()
	if err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	saved := make(chan int)
	go func() {
		n := 0
		defer func() { saved <- n }()
		for ; !stop.Load(); n++ {
			// Each save rewrites pages, freeing the old ones to the next.
			task := &planner.Task{Key: planner.Key{PatientID: list[n%len(list)].ID}, Text: fmt.Sprintf("Call the plan %d ", n) + strings.Repeat("n", 2000),
				Due: planner.NewDate(2026, time.December, 3)}
			if err := db.Save(task); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for walk := range 100 {
		db.damage.Lock()
		db.damage.shallow = true // as opened: not yet verified whole
		db.damage.Unlock()
		if err := db.verifyDeep(nil); err != nil {
			t.Fatal(err)
		}
		if found := db.damage.found; len(found) > 0 {
			t.Errorf("walk %d found %v", walk, found[0])
			break
		}
	}
	stop.Store(true)
	// A save for each walk, at the least: else the walks met no commit
	// and the test shows nothing.
	if n := <-saved; n < 100 {
		t.Errorf("only %d saves ran beside the 100 walks", n)
	}
	if found, err := verifyPages(path, false); err != nil || len(found) > 0 {
		t.Errorf("the file itself: %v %v", found, err)
	}
}

// A backup is the pages its transaction reaches, with zeros for every
// other page (so nothing deleted is copied): on a file with free pages,
// on one whose list of them leaves one out (neither reached nor listed),
// and on a file that keeps no list.
func TestABackupIsThePagesReached(t *testing.T) {
	// expect is what a copy of the file at path should hold: the pages
	// its meta reaches, and zeros for the rest.
	expect := func(t *testing.T, db *DB) []byte {
		var want []byte
		err := db.view(func(tx *bolt.Tx) error {
			return db.readPages(tx, func(file, metas []byte, p *pageReader) {
				if free := binary.LittleEndian.Uint64(p.meta[32:]); free != noFreelist {
					p.reach(free)
				}
				p.bucket(binary.LittleEndian.Uint64(p.meta[16:]), nil, nil)
				want = append(want, metas...)
				for id := uint64(2); id < p.highMark; id++ {
					page := make([]byte, p.pageSize)
					if p.reached(id) {
						copy(page, file[id*p.pageSize:])
					}
					want = append(want, page...)
				}
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return want
	}
	copied := func(t *testing.T, db *DB) []byte {
		f, err := os.Create(filepath.Join(t.TempDir(), "copy.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := db.view(func(tx *bolt.Tx) error { return db.copyPages(tx, f, 0) }); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// made is a file with the demo and patients saved, two in three of
	// them then taken out by bbolt itself, so that it has free pages;
	// noList: bbolt keeps no list of them.
	made := func(t *testing.T, noList bool) string {
		db, path := openTemp(t)
		if _, err := db.AddDemo(); err != nil {
			t.Fatal(err)
		}
		var saved []planner.ID
		for i := range 40 {
			p := &planner.PatientRecord{Patient: planner.Patient{Name: "Patient " + strconv.Itoa(i), Notes: strings.Repeat("n", 3000)}}
			if err := db.SavePatient(p); err != nil {
				t.Fatal(err)
			}
			saved = append(saved, p.ID)
		}
		db.Close()
		b, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: noList})
		if err != nil {
			t.Fatal(err)
		}
		err = b.Update(func(tx *bolt.Tx) error {
			for i, id := range saved {
				if i%3 != 0 {
					if err := tx.Bucket(bucketPatients).DeleteBucket([]byte(id)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		b.Close()
		return path
	}
	check := func(t *testing.T, path string) {
		db, err := Open(path, Options{ReadOnly: true, Damaged: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if got, want := copied(t, db), expect(t, db); !bytes.Equal(got, want) {
			t.Errorf("the copy (%d bytes) is not the pages reached (%d bytes)", len(got), len(want))
		}
	}
	t.Run("free pages", func(t *testing.T) { check(t, made(t, false)) })
	t.Run("no list", func(t *testing.T) { check(t, made(t, true)) })
	t.Run("a page left out of the list", func(t *testing.T) {
		path := made(t, false)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		meta, pageSize, err := chooseMeta(data)
		if err != nil {
			t.Fatal(err)
		}
		list := data[binary.LittleEndian.Uint64(meta[32:])*pageSize:]
		count := binary.LittleEndian.Uint16(list[10:])
		if count < 10 || count == 0xFFFF {
			t.Fatalf("the list names %d pages", count)
		}
		// The last page named is dropped: it is neither in use nor
		// listed as free. (A list naming a page in use is damage, which
		// the file is refused for as it opens.)
		binary.LittleEndian.PutUint16(list[10:], count-1)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		check(t, path)
	})
}
