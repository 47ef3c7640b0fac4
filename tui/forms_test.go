package tui

import (
	"testing"

	"carecost/planner"
)

// The patient form takes a territory, a date typed without zero padding,
// and refuses a birth date after today, in words.
func TestPatientFormFields(t *testing.T) {
	t.Parallel()
	today := planner.NewDate(2026, 12, 2)
	valid := validBirthDate(today)
	if err := valid("2026-12-03"); err == nil || err.Error() != "the date of birth 2026-12-03 is after today (2026-12-02): check it" {
		t.Errorf("tomorrow: %v", err)
	}
	for _, ok := range []string{"", "2026-12-02", "1988-4-12"} {
		if err := valid(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	if err := validState("PR"); err != nil {
		t.Errorf("Puerto Rico: %v", err)
	}
	d := patientForm(planner.PatientRecord{}, testContext(80, false))
	*d.vals.text["name"], *d.vals.text["birth"], *d.vals.text["state"] = "Ana", "1988-4-12", "gu"
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	if p := records[0].(*planner.PatientRecord); p.BirthDate != planner.NewDate(1988, 4, 12) || p.State != "GU" {
		t.Errorf("saved %+v", p.Patient)
	}
}
