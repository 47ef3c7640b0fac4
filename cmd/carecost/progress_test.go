package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"carecost/planner"
	"carecost/store"
)

// manyPatientsDB is a file of n patients, each with the demo's plan and
// course: enough for a long task's progress to be worth saying.
func manyPatientsDB(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carecost.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	demo := planner.NewDemo()
	var records []planner.Record
	for i := range n {
		p := &planner.PatientRecord{ID: store.NewID(), Patient: demo.Patient}
		p.Name = "Patient " + planner.Grouped(i)
		plan := &planner.PlanRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, Plan: demo.Plan}
		records = append(records, p, plan, &planner.CourseRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, PlanID: plan.ID, Course: demo.Courses[0]})
	}
	if err := db.Save(records...); err != nil {
		t.Fatal(err)
	}
	return path
}

// Off a terminal, a long task says how far it has gone on standard error,
// a line at a time, and standard output holds only what the command
// gives; a task done within progressAfter says nothing.
func TestLongTasksSayHowFarTheyHaveGone(t *testing.T) {
	path := manyPatientsDB(t, 3)
	defer func(after time.Duration) { progressAfter = after }(progressAfter)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--db", path}, "Exporting: 3 of 3 patients (100%)"},
		{[]string{"check", "--db", path}, "Reading every value: 1 of 3 patients (33%)"},
		{[]string{"backup", "--db", path, filepath.Join(t.TempDir(), "b.db")}, "Copying: 1 of 3 patients (33%)"},
		{[]string{"report", "--db", path, "--format", "json"}, "Reporting: 3 of 3 patients (100%)"},
	} {
		progressAfter = 0
		var out, errOut bytes.Buffer
		root := newRoot(strings.NewReader(""), &out, &errOut)
		root.SetArgs(tc.args)
		if err := root.Execute(); err != nil {
			t.Fatalf("%s: %v", tc.args[0], err)
		}
		if !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: standard error %q, want a line %q", tc.args[0], errOut.String(), tc.want)
		}
		if strings.Contains(out.String(), "patients (") {
			t.Errorf("%s: progress on standard output", tc.args[0])
		}
		// Under the second, nothing.
		progressAfter = time.Hour
		errOut.Reset()
		root = newRoot(strings.NewReader(""), &out, &errOut)
		root.SetArgs(tc.args)
		root.Execute()
		if strings.Contains(errOut.String(), "patients (") {
			t.Errorf("%s: a quick task spoke: %q", tc.args[0], errOut.String())
		}
	}
}

// On a terminal, the bar is drawn in place, at most ten times a second,
// and wiped when the task ends; NO_COLOR leaves it without colour.
func TestTheProgressBarIsDrawnInPlace(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	var w bytes.Buffer
	p := newProgress(&w, true)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	p.clock = func() time.Time { return now }
	p.start = now
	p.tell("Checking every patient", 10, 100) // within the first second
	if w.Len() != 0 {
		t.Fatalf("drawn within the first second: %q", w.String())
	}
	now = now.Add(1500 * time.Millisecond)
	p.tell("Checking every patient", 41_000, 100_000)
	now = now.Add(50 * time.Millisecond)
	p.tell("Checking every patient", 42_000, 100_000) // too soon after
	got := w.String()
	if !strings.HasPrefix(got, "\r") || !strings.HasSuffix(got, "Checking every patient: 41,000 of 100,000 patients (41%)\x1b[K") ||
		strings.Count(got, "\r") != 1 || strings.Contains(got, "\x1b[3") {
		t.Errorf("bar %q", got)
	}
	p.finish()
	if !strings.HasSuffix(w.String(), "\r\x1b[K") {
		t.Errorf("not wiped: %q", w.String())
	}
}

// An export read from a pipe is read once: imported again to replace, it
// is not read a second time. A refused import through a link to a file
// not there yet leaves the link.
func TestImportFromAPipeAndThroughALink(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	export := filepath.Join(dir, "x.json")
	if _, err := run(t, "--db", path, "export", export); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(export)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			w.Write(data)
			w.Close()
		}
	}()
	out, err := run(t, "--db", path, "import", "--replace", "--yes", fifo)
	if err != nil || !strings.Contains(out, "replacing") {
		t.Errorf("import from a pipe: %v\n%s", err, out)
	}
	link := filepath.Join(dir, "link.db")
	os.Symlink(filepath.Join(dir, "target.db"), link)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"Format": "something else"}`), 0o600)
	if _, err := run(t, "--db", link, "import", bad); err == nil {
		t.Error("a bad import was taken")
	}
	if _, err := os.Lstat(link); err != nil {
		t.Errorf("the link is gone: %v", err)
	}
}
