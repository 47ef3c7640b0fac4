package report

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"carecost/planner"
)

// A stream of reports, element by element, is the JSON array made whole:
// the report of every patient is written one patient at a time.
func TestJSONByElementsIsTheWholeArray(t *testing.T) {
	n := 0
	f := planner.DemoFile(func() planner.ID { n++; return planner.ID("ID" + strconv.Itoa(n)) })
	scenarios, comparison := f.Compare()
	today := planner.NewDate(2026, 12, 2)
	var reports []Titled
	var whole []jsonReport
	for _, title := range []string{"First", "Second \u0085 with a C1 control", "Third"} {
		r := Titled{Title: title, Scenarios: scenarios, Comparison: comparison, File: &f, Today: today}
		reports = append(reports, r)
		js := jsonOf(r.Title, r.Scenarios, r.Comparison)
		js.Patient = &jsonPatient{ID: string(f.Patient.ID), Name: f.Patient.Name}
		for _, l := range ApprovalLines(&f, today) {
			js.Approval = append(js.Approval, l.Text)
		}
		whole = append(whole, js)
	}
	want, _ := json.MarshalIndent(whole, "", "  ")
	want = append([]byte(planner.Printable(string(want))), '\n')
	got, err := JSON(reports)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("by elements (%v):\n%s\nwhole:\n%s", err, got, want)
	}
	if empty, _ := JSON(nil); string(empty) != "[]\n" {
		t.Errorf("no reports: %q", empty)
	}
}
