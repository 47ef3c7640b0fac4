package tui

import (
	"slices"
	"strings"
	"testing"

	"carecost/planner"
)

func TestWithGrant(t *testing.T) {
	hope := planner.Program{ID: "P", Name: "Hope Fund", Kind: planner.ProgramNonprofitGrant}
	s := planner.ScenarioRecord{Name: "Clinic plan", Sources: []planner.FundingSource{
		{Name: "Clinic plan 12 months", PaymentPlan: &planner.PaymentPlan{Months: 12}}}}
	pending := planner.Application{Key: planner.Key{ID: "A1"}, ProgramID: "P", Status: planner.ApplicationApplied, Requested: planner.Dollars(1_500)}
	got, status, err := withGrant(s, pending, hope)
	if err != nil || len(got.Sources) != 2 || got.Sources[0].Grant == nil || !got.Sources[0].Grant.Pending ||
		got.Sources[0].Grant.Amount != planner.Dollars(1_500) || got.Sources[1].PaymentPlan == nil || !strings.Contains(status, "pending") {
		t.Fatalf("pending: %+v, %q, %v", got.Sources, status, err)
	}
	// Awarded later, the same program's grant replaces the pending one
	// rather than counting twice.
	awarded := pending
	awarded.Status, awarded.Awarded = planner.ApplicationAwarded, planner.Dollars(1_200)
	again, _, err := withGrant(got, awarded, hope)
	if err != nil || len(again.Sources) != 2 || again.Sources[0].Grant.Pending || again.Sources[0].Grant.Amount != planner.Dollars(1_200) {
		t.Fatalf("awarded: %+v, %v", again.Sources, err)
	}
	// A grant typed by hand under the same name is left alone.
	byHand := planner.FundingSource{Name: "Hope Fund grant", Grant: &planner.Grant{Amount: planner.Dollars(100)}}
	s2 := planner.ScenarioRecord{Sources: []planner.FundingSource{byHand}}
	if got2, _, _ := withGrant(s2, pending, hope); len(got2.Sources) != 2 {
		t.Errorf("a grant typed by hand was replaced: %+v", got2.Sources)
	}
	// Once the application is denied, its grant leaves the scenarios that
	// counted it, and only those.
	f := planner.PatientFile{Scenarios: []planner.ScenarioRecord{again, s}}
	denied := awarded
	denied.Status, denied.Awarded = planner.ApplicationDenied, 0
	// Awarded with no amount yet, the grant is left as it was.
	noAmount := awarded
	noAmount.Awarded = 0
	if changed, note := followApplication(&f, noAmount, hope); len(changed) != 0 || !strings.Contains(note, "left as it was") {
		t.Errorf("awarded without an amount: %d changed, %q", len(changed), note)
	}
	changed, _ := followApplication(&f, denied, hope)
	if len(changed) != 1 || len(changed[0].(*planner.ScenarioRecord).Sources) != 1 || len(f.Scenarios[0].Sources) != 2 {
		t.Errorf("after the denial: %d changed %+v", len(changed), changed)
	}
	if got := countedIn(&f, "A1"); len(got) != 1 || got[0] != "Clinic plan" {
		t.Errorf("counted in %v", got)
	}
	// Asking for more than the program pays counts only what it pays:
	// $5,000 asked of a $1,500 fund is a pending $1,500.
	fund := hope
	fund.Amount = planner.Dollars(1_500)
	greedy := pending
	greedy.Requested = planner.Dollars(5_000)
	if got3, status, err := withGrant(s, greedy, fund); err != nil || got3.Sources[0].Grant.Amount != planner.Dollars(1_500) ||
		!strings.Contains(status, "capped at the $1,500.00") {
		t.Errorf("capped: %+v, %q, %v", got3.Sources[0].Grant, status, err)
	}
	// The scenario it came from is not changed.
	if len(s.Sources) != 1 || len(got.Sources) != 2 {
		t.Error("withGrant changed the scenario it was given")
	}
	// An application still being considered funds nothing, and says why.
	if _, _, err := withGrant(s, planner.Application{ProgramID: "P", Status: planner.ApplicationConsidering}, hope); err == nil ||
		!strings.Contains(err.Error(), "hasn't been sent yet") {
		t.Errorf("considering: %v", err)
	}
}

// An income of 0 says the household has none, which screening can judge;
// a blank says it is not known.
func TestPatientFormTellsNoIncomeFromBlank(t *testing.T) {
	for text, want := range map[string]bool{"0": true, "0.00": true, "": false, "12,000": false} {
		d := patientForm(planner.PatientRecord{Patient: planner.Patient{Name: "Ana"}}, 80, false)
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
	p := planner.Program{ID: "01J00000000000000000000000", Name: "Hope", Kind: planner.ProgramNonprofitGrant,
		Tiers: []planner.IncomeTier{
			{UpToPercent: planner.Percentage(100), PaysPercent: planner.Percentage(100)},
			{UpToPercent: planner.Percentage(150), PaysPercent: planner.Percentage(80)},
			{UpToPercent: planner.Percentage(200), PaysPercent: planner.Percentage(60)},
			{UpToPercent: planner.Percentage(250), PaysPercent: planner.Percentage(40), Label: "Fourth"},
		},
		Conditions: []string{"depression; treatment-resistant", "PTSD, chronic"}}
	d := programForm(p, 80, false)
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
	f := demoFile(t)
	var ws workspace
	ws.set(f, nil, today)
	for i, it := range ws.approval {
		if it.kind == itemTask {
			ws.item[tabApproval] = i
		}
	}
	before, at := ws.selectedItem()
	index := ws.item[tabApproval]
	if !at {
		t.Fatal("no task on the tab")
	}
	f.Checklist = append(f.Checklist, planner.ChecklistItem{Key: planner.Key{ID: "NEW", PatientID: f.Patient.ID},
		CourseID: f.Courses[0].ID, Title: "Therapist's letter", Status: planner.DocMissing})
	ws.set(f, nil, today)
	after, ok := ws.selectedItem()
	// The new document is listed before the task, which moves down one.
	if !ok || after.kind != itemTask || after.i != before.i || ws.item[tabApproval] != index+1 {
		t.Errorf("selected %+v after adding a document, was %+v", after, before)
	}
}

// Typing into the catalog's filter takes every letter, even those that are
// keys elsewhere (q quits, g and r open overlays); esc clears a kept
// filter before it leaves.
func TestCatalogFilter(t *testing.T) {
	m := start(t, openDemo(t), 100, 30)
	m = press(t, m, "p")
	mustHave(t, m, "Second Wind Depression Care Fund")
	m = press(t, m, "/")
	m = typeText(t, m, "qgr")
	if m.screen != screenPrograms || m.overlay != overlayNone || m.catalog.filter != "qgr" {
		t.Fatalf("screen %d, overlay %d, filter %q", m.screen, m.overlay, m.catalog.filter)
	}
	mustHave(t, m, "No program matches the filter.")
	m = press(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "grant")
	m = press(t, m, "enter")
	// "grant" matches the nonprofit grant by its kind, and nothing else.
	if len(m.catalog.shown) != 1 || !strings.Contains(screenText(m), "Second Wind") || strings.Contains(screenText(m), "Maple Street") {
		t.Errorf("filtered:\n%s", screenText(m))
	}
	m = press(t, m, "esc")
	if m.screen != screenPrograms || m.catalog.filter != "" || len(m.catalog.shown) != 4 {
		t.Errorf("esc: screen %d, filter %q, %d shown", m.screen, m.catalog.filter, len(m.catalog.shown))
	}
	m = press(t, m, "esc")
	if m.screen != screenPatients {
		t.Errorf("second esc: screen %d", m.screen)
	}
}

// Deleting a course asks with everything that goes with it named, and a
// program patients applied to is not deleted, in words.
func TestDeleteQuestionsSayWhatGoes(t *testing.T) {
	m := start(t, openDemo(t), 100, 30)
	m = press(t, m, "enter", "3", "d")
	// The demo's ketamine course: six scenarios, its denial (still open),
	// the denied pre-authorization, five documents and the estimate.
	if m.confirm == nil || !strings.HasPrefix(m.confirm.question, "Delete the course 'IV ketamine infusions' with its 6 scenarios, 1 denial, "+
		"1 pre-authorization, 5 checklist documents, 1 Good Faith Estimate (a denial still has a deadline open)?") {
		t.Fatalf("question:\n%s", screenText(m))
	}
	m = press(t, m, "n")
	mustHave(t, m, "Nothing was deleted.")
	m = press(t, m, "esc", "p", "down", "down", "down", "d", "y")
	mustHave(t, m, "Could not delete: 1 patient has applied to the program")
	if len(m.catalog.all) != 4 {
		t.Errorf("%d programs left", len(m.catalog.all))
	}
}

// Editing a scenario keeps its grant tied to the application it came from,
// and an application's duplicate grants all follow it.
func TestGrantStaysTiedToItsApplication(t *testing.T) {
	f := demoFile(t)
	s := f.Scenarios[0]
	s.Sources = append([]planner.FundingSource{{Name: "Hope grant", Grant: &planner.Grant{Amount: planner.Dollars(500), Application: "A1"}}},
		s.Sources...)
	d := scenarioForm(&f, s, 80, false)
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
	changed, _ := followApplication(&f, denied, planner.Program{ID: "P", Name: "Hope"})
	if len(changed) != 1 || len(changed[0].(*planner.ScenarioRecord).Sources) != len(twice.Sources)-2 {
		t.Errorf("after the denial: %+v", changed)
	}
}
