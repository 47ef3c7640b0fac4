package tui

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"carecost/planner"
)

// An income of 0 says the household has none, which screening can judge;
// a blank says it is not known.
func TestPatientFormTellsNoIncomeFromBlank(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{"0": true, "0.00": true, "": false, "12,000": false} {
		d := patientForm(planner.PatientRecord{Patient: planner.Patient{Name: "Ana"}}, testContext(80, false))
		*d.vals.text["income"] = text
		records, _, err := d.save(d.vals)
		if err != nil {
			t.Fatal(err)
		}
		p := records[0].(*planner.PatientRecord)
		if p.NoIncome != want {
			t.Errorf("income %q: no income %v, want %v", text, p.NoIncome, want)
		}
		if want && patientIncomeText(*p) != "0" {
			t.Errorf("income %q shows again as %q", text, patientIncomeText(*p))
		}
	}
}

// Editing a program keeps what the form holds: every tier (a slot more
// than it has), conditions with commas and semicolons, one a line.
func TestProgramFormKeepsEverything(t *testing.T) {
	t.Parallel()
	p := planner.Program{ID: "01J00000000000000000000000", Name: "Hope", Kind: planner.ProgramNonprofitGrant,
		Tiers: []planner.IncomeTier{
			{UpToPercent: planner.Percentage(100), PaysPercent: planner.Percentage(100)},
			{UpToPercent: planner.Percentage(150), PaysPercent: planner.Percentage(80)},
			{UpToPercent: planner.Percentage(200), PaysPercent: planner.Percentage(60)},
			{UpToPercent: planner.Percentage(250), PaysPercent: planner.Percentage(40), Label: "Fourth"},
		},
		Conditions: []string{"depression; treatment-resistant", "PTSD, chronic"}}
	d := programForm(p, testContext(80, false))
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	got := records[0].(*planner.Program)
	if len(got.Tiers) != 4 || got.Tiers[3].Label != "Fourth" || got.Tiers[3].UpToPercent != planner.Percentage(250) ||
		len(got.Conditions) != 2 || got.Conditions[0] != "depression; treatment-resistant" {
		t.Errorf("saved %+v", got)
	}
	// A fifth tier half filled is refused, and shown again as typed.
	*d.vals.text["tier5Up"] = "300"
	if _, _, err := d.save(d.vals); err == nil || !strings.Contains(err.Error(), "tier 5 has an income but not what it pays") {
		t.Errorf("half a tier: %v", err)
	}
	if d.retry == nil || *d.retry.vals.text["tier5Up"] != "300" {
		t.Error("the half-filled tier was not kept for the retry")
	}
}

// The record selected on the Approval tab stays selected when a record
// shown before it is added.
func TestApprovalSelectionFollowsTheRecord(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	ws := newWorkspace()
	ws.set(f, nil, today)
	ws.show(approvalTab{})
	for i, it := range ws.approval {
		if it.kind == itemTask {
			ws.sel[ws.tab] = i
		}
	}
	before, at := ws.selectedItem()
	index := ws.sel[ws.tab]
	if !at {
		t.Fatal("no task on the tab")
	}
	f.Checklist = append(f.Checklist, planner.ChecklistItem{Key: planner.Key{ID: "NEW", PatientID: f.Patient.ID},
		CourseID: f.Courses[0].ID, Title: "Therapist's letter", Status: planner.DocMissing})
	ws.set(f, nil, today)
	after, ok := ws.selectedItem()
	// The new document is listed before the task, which moves down one.
	if !ok || after.kind != itemTask || after.i != before.i || ws.sel[ws.tab] != index+1 {
		t.Errorf("selected %+v after adding a document, was %+v", after, before)
	}
}

// Typing into the catalog's filter takes every letter, even those that are
// keys elsewhere (q quits, g and r open overlays); esc clears a kept
// filter before it leaves.
func TestCatalogFilter(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, false), 100, 30)
	m = press(t, m, "p")
	mustHave(t, m, "Second Wind Depression Care Fund")
	m = press(t, m, "/")
	m = typeText(t, m, "qgr")
	if catalogOf(m) == nil || len(m.modals) != 1 || catalogOf(m).filter != "qgr" {
		t.Fatalf("screen %d, %d modals, catalog %+v", m.screen, len(m.modals), catalogOf(m))
	}
	mustHave(t, m, "No program matches the filter.")
	m = press(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "grant")
	m = press(t, m, "enter")
	// "grant" matches the nonprofit grant by its kind, and nothing else.
	if len(catalogOf(m).shown) != 1 || !strings.Contains(screenText(m), "Second Wind") || strings.Contains(screenText(m), "Maple Street") {
		t.Errorf("filtered:\n%s", screenText(m))
	}
	m = press(t, m, "esc")
	if catalogOf(m) == nil || catalogOf(m).filter != "" || len(catalogOf(m).shown) != 4 {
		t.Errorf("esc: screen %d, catalog %+v", m.screen, catalogOf(m))
	}
	m = press(t, m, "esc")
	if m.screen != screenPatients || len(m.modals) != 0 {
		t.Errorf("second esc: screen %d", m.screen)
	}
}

// Deleting a course asks with everything that goes with it named, and a
// program patients applied to is not deleted, in words.
func TestDeleteQuestionsSayWhatGoes(t *testing.T) {
	t.Parallel()
	m := start(t, openDemo(t), 100, 30)
	m = press(t, m, "enter", "3", "d")
	// The demo's ketamine course: six scenarios, its denial (still open),
	// the denied pre-authorization, five documents and the estimate.
	if topConfirm(m) == nil || !strings.HasPrefix(topConfirm(m).question, "Delete the course 'IV ketamine infusions' with its 6 scenarios, 1 denial, "+
		"1 pre-authorization, 5 checklist documents, 1 Good Faith Estimate (a denial still has a deadline open)?") {
		t.Fatalf("question:\n%s", screenText(m))
	}
	m = press(t, m, "n")
	mustHave(t, m, "Nothing was deleted.")
	m = press(t, m, "esc", "p", "down", "down", "down", "d", "y")
	mustHave(t, m, "Could not delete: 1 patient has applied to the program")
	if len(catalogOf(m).all) != 4 {
		t.Errorf("%d programs left", len(catalogOf(m).all))
	}
}

// Editing a scenario keeps its grant tied to the application it came from,
// and an application's duplicate grants all follow it.
func TestGrantStaysTiedToItsApplication(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	s := f.Scenarios[0]
	s.Sources = append([]planner.FundingSource{{Name: "Hope grant", Grant: &planner.Grant{Amount: planner.Dollars(500), Application: "A1"}}},
		s.Sources...)
	d := scenarioForm(&f, s, testContext(80, false))
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	if got := records[0].(*planner.ScenarioRecord).Sources[0].Grant; got == nil || got.Application != "A1" {
		t.Fatalf("after an edit: %+v", got)
	}
	twice := *records[0].(*planner.ScenarioRecord)
	twice.Sources = append(slices.Clone(twice.Sources), twice.Sources[0])
	f.Scenarios = []planner.ScenarioRecord{twice}
	denied := planner.Application{Key: planner.Key{ID: "A1"}, ProgramID: "P", Status: planner.ApplicationDenied}
	changed, _ := f.FollowApplication(denied, planner.Program{ID: "P", Name: "Hope"})
	if len(changed) != 1 || len(changed[0].(*planner.ScenarioRecord).Sources) != len(twice.Sources)-2 {
		t.Errorf("after the denial: %+v", changed)
	}
}

// The catalog opens where it was left, and a catalog read that comes back
// while a form is open over it is not lost.
func TestCatalogKeepsItsPlaceAndItsAnswers(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, false), 100, 30)
		m = press(t, m, "esc", "p", "down", "down", "esc", "p")
		if p, ok := catalogOf(m).selected(); !ok || !strings.HasPrefix(p.Name, "Sample Pharma") {
			t.Errorf("reopened on %+v", p)
		}
		m = press(t, m, "esc")
		// p asks for the programs; n opens a form before they come back.
		next, read := m.Update(keyMsg("p"))
		next, _ = next.Update(keyMsg("n"))
		m = drive(t, next.(Model), read)
		if c := catalogOf(m); c == nil || !c.loaded || topForm(m) == nil {
			t.Errorf("the catalog's answer was lost under the form: %+v", c)
		}
	})
}

// On Compare, up and down choose a scenario without moving the view: the
// details further down follow the choice where the person has scrolled.
func TestCompareChoosesWithoutScrolling(t *testing.T) {
	t.Parallel()
	m := start(t, memDemo(t, false), 100, 30)
	m = press(t, m, "enter", "5", "pgdown", "pgdown")
	at := m.ws.scroll[m.ws.tab]
	m = press(t, m, "down")
	if m.ws.scroll[m.ws.tab] != at || at == 0 {
		t.Errorf("scrolled from %d to %d", at, m.ws.scroll[m.ws.tab])
	}
}
