package store

import (
	"errors"
	"testing"
)

// Two people open the same plan; the first saves; the second's save, from
// the revision both read, is refused and changes nothing; read again, it
// goes through.
func TestAStaleSaveIsRefused(t *testing.T) {
	db, _ := openTemp(t)
	patient, plan := samplePatient()
	if err := db.SavePatient(patient, plan); err != nil {
		t.Fatal(err)
	}
	if plan.Rev != 1 || patient.Rev != 1 {
		t.Fatalf("after the first save: plan rev %d, patient rev %d; want 1 and 1", plan.Rev, patient.Rev)
	}
	a, _ := db.LoadPatient(patient.ID)
	b, _ := db.LoadPatient(patient.ID)
	first, second := a.Plans[0], b.Plans[0]
	first.Name, second.Name = "Gold PPO", "Bronze HMO"
	if err := db.Save(&first); err != nil {
		t.Fatal(err)
	}
	err := db.Save(&second)
	var changed *ChangedError
	if !errors.Is(err, ErrChanged) || !errors.As(err, &changed) || changed.Rev != 2 || changed.Kind != "plan" {
		t.Fatalf("the stale save: %v", err)
	}
	if second.Rev != 1 {
		t.Errorf("a refused save left the record at revision %d, not the 1 it was read at", second.Rev)
	}
	now, _ := db.LoadPatient(patient.ID)
	if got := now.Plans[0]; got.Name != "Gold PPO" || got.Rev != 2 {
		t.Errorf("after the refusal the file holds %q at revision %d; want Gold PPO at 2", got.Name, got.Rev)
	}
	// Read at the revision the file holds, the second person's change is
	// saved: revision 3.
	second.Rev = changed.Rev
	if err := db.Save(&second); err != nil || second.Rev != 3 {
		t.Fatalf("the save from the current revision: %v, rev %d", err, second.Rev)
	}
	// A save of several records is refused whole when one is stale: the
	// patient saved with it keeps its name.
	p := now.Patient
	p.Name = "Someone else"
	stale := now.Plans[0] // at revision 2, the file at 3
	if err := db.Save(&p, &stale); !errors.Is(err, ErrChanged) {
		t.Fatalf("a save with one stale record: %v", err)
	}
	if got, _ := db.LoadPatient(patient.ID); got.Patient.Name != patient.Name {
		t.Errorf("the patient saved beside a stale plan was written: %q", got.Patient.Name)
	}
}
