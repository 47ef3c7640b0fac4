package store

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// A file with one broken record gives up everything else: the demo with
// its esketamine course's record broken is rescued whole but for that
// course and what depended on it (its scenario, pre-authorization,
// checklist), each named; the ketamine course and its scenarios, the
// catalog and a second patient come through.
func TestRescueKeepsWhatCanBeRead(t *testing.T) {
	path := demoFile(t)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Alex"}}); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListPatients()
	var sam planner.PatientFile
	for _, s := range list {
		if strings.HasPrefix(s.Name, "Sam") {
			sam, _ = db.LoadPatient(s.ID)
		}
	}
	db.Close()
	esketamine := sam.Courses[1].ID
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPatients).Bucket([]byte(sam.Patient.ID)).Bucket(bucketCourses).Put([]byte(esketamine), []byte("{not json"))
	})
	if _, err := exportOf(t, path); err == nil {
		t.Fatal("the broken file exported")
	}
	db, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x, lost, err := db.Rescue()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(lost, "\n")
	for _, want := range []string{"a courses record (" + string(esketamine) + ") of Sam Rivera (fictional): it cannot be read",
		"a scenario of Sam Rivera (fictional): its course could not be read", "a pre-authorization of Sam Rivera (fictional)"} {
		if !strings.Contains(all, want) {
			t.Errorf("lost lacks %q:\n%s", want, all)
		}
	}
	into, err := Open(filepath.Join(t.TempDir(), "rescued.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer into.Close()
	if _, err := into.Import(x, false); err != nil {
		t.Fatal(err)
	}
	got, _ := into.ListPatients()
	if len(got) != 2 {
		t.Fatalf("%d patients rescued", len(got))
	}
	for _, s := range got {
		f, err := into.LoadPatient(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name == sam.Patient.Name && (len(f.Courses) != 1 || len(f.Scenarios) != len(sam.Scenarios)-2 || len(f.Denials) != len(sam.Denials)) {
			t.Errorf("Sam: %d courses, %d of %d scenarios, %d denials", len(f.Courses), len(f.Scenarios), len(sam.Scenarios), len(f.Denials))
		}
	}
	if programs, _ := into.Programs(); len(programs) != 4 {
		t.Errorf("%d programs", len(programs))
	}
	into.Close()
	if problems, err := Check(into.Path()); err != nil || len(problems) != 0 {
		t.Errorf("the rescued file: %v, %v", problems, err)
	}
}

// exportOf is the whole file as an export, or why not.
func exportOf(t *testing.T, path string) (string, error) {
	t.Helper()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return "", err
	}
	defer db.Close()
	var b strings.Builder
	err = db.Export(&b)
	return b.String(), err
}
