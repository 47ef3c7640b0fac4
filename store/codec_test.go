package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"carecost/planner"
)

// Stored values are written with encoding/json and read with its second
// version: every record of the demo, every list entry and every program of
// the catalog reads back as the first version reads it.
func TestStoredValuesReadAsWritten(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	read := func() (list []planner.PatientSummary, files []planner.PatientFile, programs []planner.Program) {
		list, err := db.ListPatients()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			f, err := db.LoadPatient(s.ID)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		if programs, err = db.Programs(); err != nil {
			t.Fatal(err)
		}
		return list, files, programs
	}
	list, files, programs := read()
	defer func(v2 func([]byte, any) error) { unmarshal = v2 }(unmarshal)
	unmarshal = json.Unmarshal
	list1, files1, programs1 := read()
	if !reflect.DeepEqual(list, list1) {
		t.Errorf("the list reads as %+v, and with the first version as %+v", list, list1)
	}
	if !reflect.DeepEqual(programs, programs1) {
		t.Errorf("the catalog reads as %+v, and with the first version as %+v", programs, programs1)
	}
	// The demo holds every kind of record, so each is compared.
	kinds := map[string]int{}
	for i := range files {
		if !reflect.DeepEqual(files[i], files1[i]) {
			t.Errorf("%s reads as %+v, and with the first version as %+v", files[i].Patient.Name, files[i], files1[i])
		}
		f := files[i]
		for name, n := range map[string]int{"plans": len(f.Plans), "courses": len(f.Courses), "scenarios": len(f.Scenarios),
			"pre-authorizations": len(f.PreAuthorizations), "checklist": len(f.Checklist), "contacts": len(f.Contacts),
			"denials": len(f.Denials), "estimates": len(f.Estimates), "tasks": len(f.Tasks), "applications": len(f.Applications)} {
			kinds[name] += n
		}
	}
	for name, n := range kinds {
		if n == 0 {
			t.Errorf("the demo holds no %s: they are not compared", name)
		}
	}
	if len(programs) == 0 || len(list) == 0 {
		t.Error("the demo holds no patients or no programs: they are not compared")
	}
}
