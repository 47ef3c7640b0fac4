package tui

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
)

func TestAccessibleFormsArePlainPrompts(t *testing.T) {
	t.Parallel()
	d := patientForm(planner.PatientRecord{}, testContext(80, true))
	var out bytes.Buffer
	run := &accessibleRun{form: d.form}
	run.SetStdin(terminalInput("Ana Lee\n2026-02-30\n1990-05-01\noh\n2\n\n250\n\n2\n3\nFirst visit\n"))
	run.SetStdout(&out)
	run.SetStderr(nil)
	if err := run.Run(); err != nil {
		t.Fatal(err)
	}
	records, status, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	p := records[0].(*planner.PatientRecord)
	// The bad date was asked again; the blanks stay blank.
	if p.Name != "Ana Lee" || p.BirthDate != planner.NewDate(1990, 5, 1) || p.State != "OH" || p.HouseholdSize != 2 ||
		p.MonthlyBudget != planner.Dollars(250) || p.AnnualIncome != 0 || p.Insured != planner.AnswerYes || p.Veteran != planner.AnswerNo || status != "Saved patient 'Ana Lee'" {
		t.Errorf("patient %+v, status %q", p, status)
	}
	text := out.String()
	if !strings.Contains(text, "Name") || !strings.Contains(text, "February 2026 has 28 days") || strings.Contains(text, "\x1b[") {
		t.Errorf("prompts:\n%q", text)
	}
}

// Input that ends before the form does (the terminal closed) is an error,
// never a crash.
func TestAccessibleFormEndingEarly(t *testing.T) {
	t.Parallel()
	d := patientForm(planner.PatientRecord{}, testContext(80, true))
	// The insurance question is answered with words, not a number, and
	// then the input ends: the prompts give up, and the form says so.
	in := "Ana Lee\n\n\n\n\n\n\nnot a number\n"
	run := &accessibleRun{form: d.form, in: terminalInput(in), out: &bytes.Buffer{}}
	if err := run.Run(); err == nil || !strings.Contains(err.Error(), "ended before the form did") {
		t.Errorf("%q: %v", in, err)
	}
}

func TestAccessibleScenarioAsksOnlyTheChosenKinds(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	d := scenarioForm(&f, planner.ScenarioRecord{}, testContext(80, true))
	var out bytes.Buffer
	// Name; course 1 (ketamine, no drug); case 1 (self-pay); way 1: loan
	// (choice 9). What applies comes after.
	stage1 := "Loan only\n1\n1\n9\n"
	run := &accessibleRun{form: d.form, in: terminalInput(stage1), out: &out}
	if err := run.Run(); err != nil {
		t.Fatal(err)
	}
	next := followUp(d)
	if next == nil {
		t.Fatal("no second form for the loan's terms")
	}
	out.Reset()
	// Self-pay: not up front. The loan, named Bank: no maximum, 24 months,
	// 9.99%, no fee, not financed. Nothing about a superbill, a drug,
	// pending grants or the order of one way to pay. No other way.
	run = &accessibleRun{form: next.form, in: terminalInput("n\nBank\n\n24\n9.99\n\nn\nn\n"), out: &out}
	if err := run.Run(); err != nil {
		t.Fatal(err)
	}
	if o := out.String(); strings.Contains(o, "Grant amount") || !strings.Contains(o, "Way to pay 1, personal loan: Months") || strings.Contains(o, "superbill") ||
		strings.Contains(o, "pending") || strings.Contains(o, "this order") || strings.Contains(o, "drug is billed") {
		t.Errorf("second form asked:\n%s", out.String())
	}
	records, _, err := next.save(next.vals)
	if err != nil {
		t.Fatal(err)
	}
	s := records[0].(*planner.ScenarioRecord)
	if len(s.Sources) != 1 || s.Sources[0].Loan == nil || s.Sources[0].Loan.Months != 24 || s.Sources[0].Loan.APR != 99_900 || s.Sources[0].Name != "Bank" {
		t.Errorf("scenario %+v", s)
	}
}

// demoFile is the demo patient's records, read from a store.
func demoFile(t *testing.T) planner.PatientFile {
	t.Helper()
	db := demoStore(t)
	list, _ := db.ListPatients()
	f, err := db.LoadPatient(list[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// lineReader gives one line per Read, as a terminal in line mode does, so
// each prompt reads only its own answer.
type lineReader struct{ lines []string }

func terminalInput(s string) *lineReader {
	return &lineReader{lines: strings.SplitAfter(s, "\n")}
}

func (r *lineReader) Read(p []byte) (int, error) {
	for len(r.lines) > 0 && r.lines[0] == "" {
		r.lines = r.lines[1:]
	}
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.lines[0])
	r.lines[0] = r.lines[0][n:]
	return n, nil
}

func TestAccessibleFormInTheApp(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := demoStore(t)
		m := New(db, Options{Accessible: true, Theme: ThemeDark, Today: today})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m = drive(t, next.(Model), loadPatients(db))
		m = press(t, m, "n")
		if topForm(m) == nil || !strings.Contains(screenText(m), "Answering the form New patient") {
			t.Fatalf("screen:\n%s", screenText(m))
		}
		// The program pauses and the prompts are answered on the terminal.
		var out bytes.Buffer
		run := &accessibleRun{form: topForm(m).form, in: terminalInput("Bo Kim\n\n\n\n\n\n\n\n"), out: &out}
		if err := run.Run(); err != nil {
			t.Fatal(err)
		}
		// The terminal comes back with a new size, then the answer: neither
		// may undo what the prompts set.
		next, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m = next.(Model)
		next, cmd := m.Update(accessibleDoneMsg{})
		m = drive(t, next.(Model), cmd)
		mustHave(t, m, "Saved patient 'Bo Kim'", "Bo Kim.")
	})
}

func TestAccessibleEditKeepsBlankAnswers(t *testing.T) {
	t.Parallel()
	// Editing: a blank answer keeps the name shown, though the name is
	// required.
	d := patientForm(planner.PatientRecord{Patient: planner.Patient{Name: "Ana Lee", MonthlyBudget: planner.Dollars(250)}}, testContext(80, true))
	var out bytes.Buffer
	run := &accessibleRun{form: d.form, in: terminalInput("\n\n\n\n\n\n\n\n"), out: &out}
	if err := run.Run(); err != nil {
		t.Fatal(err)
	}
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	if p := records[0].(*planner.PatientRecord); p.Name != "Ana Lee" || p.MonthlyBudget != planner.Dollars(250) || strings.Contains(out.String(), "enter the patient's name") {
		t.Errorf("patient %+v\n%s", p, out.String())
	}
}

// In accessible mode every form is answered at prompts, whichever tab
// opens it: the course and scenario forms too.
func TestAccessibleModeAsksEveryFormAtPrompts(t *testing.T) {
	t.Parallel()
	st := memDemo(t, false)
	m := New(st, Options{Accessible: true, Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, next.(Model), loadPatients(st))
	m = press(t, m, "enter")
	for _, keys := range [][]string{{"1", "e"}, {"2", "e"}, {"3", "n"}, {"3", "e"}, {"4", "n"}, {"4", "e"}, {"5", "e"}, {"6", "n"}, {"6", "c"}, {"7", "e"}} {
		// The form is opened by hand, not run: its prompts would wait for
		// a terminal.
		for _, k := range keys {
			next, _ := m.Update(keyMsg(k))
			m = next.(Model)
		}
		d := topForm(m)
		if d == nil || !d.vals.accessible || !strings.Contains(screenText(m), "Answering the form") {
			t.Errorf("%v: not asked at prompts:\n%s", keys, screenText(m))
		}
		m.modals = nil
	}
}

// An accessible form says what each field holds now and its help, and the
// word cancel stops it with nothing saved.
func TestAccessibleFormShowsValuesAndCancels(t *testing.T) {
	t.Parallel()
	p := planner.PatientRecord{Patient: planner.Patient{Name: "Ana Lee", MonthlyBudget: planner.Dollars(300)}}
	d := patientForm(p, testContext(80, true))
	var out bytes.Buffer
	// Name kept, birth date blank, state blank, household blank, income
	// blank; then cancel at the budget.
	run := &accessibleRun{form: d.form, in: terminalInput("\n\n\n\n\ncancel\n"), out: &out}
	err := run.Run()
	if !errors.Is(err, errCancelled) {
		t.Fatalf("cancel: %v", err)
	}
	o := out.String()
	for _, want := range []string{"Name. Now: Ana Lee", "Monthly budget (What can go to care each month; months above it are flagged). Now: $300.00", "Type cancel"} {
		if !strings.Contains(o, want) {
			t.Errorf("the prompts lack %q:\n%s", want, o)
		}
	}
	// The form closes saying nothing was saved.
	act := d.update(testContext(80, true), accessibleDoneMsg{err})
	if as, ok := act.(actions); !ok || len(as) != 2 || as[1] != (setStatus{"Cancelled: nothing was saved.", false}) {
		t.Errorf("after cancel: %#v", act)
	}
}

// An accessible course form asks a phase's details right after its name,
// and a fee's prices only when the fee is named.
func TestAccessibleCourseAsksOnlyNamedPhases(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	d := courseForm(&f, planner.CourseRecord{}, testContext(80, true))
	// Name, first session, status, plan, FDA approval, discount; no drug;
	// phase 1 named with its 8 details. No other phase. No fee; provider,
	// NPI, clinic blank; no costs beside the bill.
	last, o := answerAll(t, d,
		"Infusions\n2027-01-04\n\n\n\n\nn\nInduction\n6\n\n2\n\n500\n600\n400\n350\n",
		"n\n",
		"\n\n\n\nn\n")
	// Prompts show field titles: a phase's details ask "Sessions" once
	// for each phase asked.
	if strings.Count(o, "Sessions (How many sessions") != 1 || strings.Contains(o, "Its cash price") || strings.Contains(o, "Phase 2 name") {
		t.Errorf("asked for another phase's details or a fee's prices:\n%s", o)
	}
	records, _, err := last.save(last.vals)
	if err != nil {
		t.Fatal(err)
	}
	if c := records[0].(*planner.CourseRecord); len(c.Phases) != 1 || c.Phases[0].Sessions != 6 || len(c.Fees) != 0 {
		t.Errorf("course %+v", c.Course)
	}
}

// Read as prompts, ways to pay come one at a time, each way's details right
// after its kind, with "Add another" after each: five savings ways, saved
// in order.
func TestAccessibleScenarioAsksOneWayAtATime(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	d := scenarioForm(&f, planner.ScenarioRecord{}, testContext(80, true))
	// Name; course 1; case 1 (self-pay); way 1: savings (choice 4).
	if o := answerPrompts(t, d, "Five ways\n1\n1\n4\n"); strings.Contains(o, "Way to pay 2") {
		t.Errorf("way 2 asked before way 1's details:\n%s", o)
	}
	// Not up front; way 1 named S1, $100; another: yes.
	next := followUp(d)
	if next == nil {
		t.Fatal("no form for way 1's details")
	}
	if o := answerPrompts(t, next, "n\nS1\n100\ny\n"); !strings.Contains(o, "Way to pay 1, savings: Amount of savings to use") ||
		!strings.Contains(o, "Add another way to pay?") {
		t.Errorf("way 1's details asked:\n%s", o)
	}
	for i := 2; i <= 5; i++ {
		n := itoa(i)
		kind := followUp(next)
		if kind == nil {
			t.Fatalf("a yes asked no way %d", i)
		}
		if o := answerPrompts(t, kind, "4\n"); !strings.Contains(o, "Way to pay "+n) {
			t.Errorf("way %d's form asked:\n%s", i, o)
		}
		next = followUp(kind)
		if next == nil {
			t.Fatalf("way %d's details not asked", i)
		}
		// Way i named Si with $i00; another after ways 2 to 4.
		more := "y"
		if i == 5 {
			more = "n"
		}
		if o := answerPrompts(t, next, "S"+n+"\n"+n+"00\n"+more+"\n"); !strings.Contains(o, "Way to pay "+n+", savings: Amount of savings to use") {
			t.Errorf("way %d's details asked:\n%s", i, o)
		}
	}
	// The order, with five ways: as they are.
	order := followUp(next)
	if order == nil {
		t.Fatal("the order of five ways not asked")
	}
	if o := answerPrompts(t, order, "\n"); !strings.Contains(o, "this order") {
		t.Errorf("the last form asked:\n%s", o)
	}
	if followUp(order) != nil {
		t.Error("a form after the order")
	}
	records, _, err := order.save(order.vals)
	if err != nil {
		t.Fatal(err)
	}
	s := records[0].(*planner.ScenarioRecord)
	got := ""
	for _, src := range s.Sources {
		got += src.Name + "=" + src.Savings.Amount.String() + " "
	}
	// Each way's amount as typed, in dollars: 100 to 500.
	if want := "S1=$100.00 S2=$200.00 S3=$300.00 S4=$400.00 S5=$500.00 "; got != want {
		t.Errorf("saved %s, want %s", got, want)
	}
}

// Read as prompts, an edited scenario's ways are asked in turn with no
// question before each; a way set to none is taken off.
func TestAccessibleScenarioEditAsksEachWay(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	s := f.Scenarios[0] // the HSA, then pay as you go
	d := scenarioForm(&f, s, testContext(80, true))
	// Every answer blank: the name, course, case and way 1 kept.
	answerPrompts(t, d, "\n\n\n\n")
	next := followUp(d)
	// The HSA's name, balance and tax rate kept; no question before way 2.
	if o := answerPrompts(t, next, "\n\n\n"); strings.Contains(o, "Add another") {
		t.Errorf("asked before way 2, which the scenario has:\n%s", o)
	}
	way2 := followUp(next)
	if way2 == nil {
		t.Fatal("way 2 not asked")
	}
	// Way 2 set to none: nothing more is asked.
	if o := answerPrompts(t, way2, "1\n"); !strings.Contains(o, "Way to pay 2") || !strings.Contains(o, "Now: pay as you go") {
		t.Errorf("way 2 asked:\n%s", o)
	}
	if followUp(way2) != nil {
		t.Error("a form after way 2 was set to none")
	}
	records, _, err := way2.save(way2.vals)
	if err != nil {
		t.Fatal(err)
	}
	if got := records[0].(*planner.ScenarioRecord).Sources; len(got) != 1 || got[0].Name != s.Sources[0].Name {
		t.Errorf("ways %+v", got)
	}
}

// Read as prompts, phases come one at a time, each named and then
// described, with "Add another" after each: four phases saved in order.
func TestAccessibleCourseAddsAFourthPhase(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	d := courseForm(&f, planner.CourseRecord{}, testContext(80, true))
	// A later phase: 2 sessions, months blank, 1 a week, $500 cash.
	phaseDetails := "2\n\n1\n\n500\n\n\n\n"
	last, o := answerAll(t, d,
		// The course, no drug, phase A with 6 sessions.
		"Infusions\n2027-01-04\n\n\n\n\nn\nA\n6\n\n2\n\n500\n600\n400\n350\n",
		"y\n", // another
		"B\n", phaseDetails+"y\n",
		"C\n", phaseDetails+"y\n",
		"D\n", phaseDetails+"n\n",
		"\n\n\n\nn\n") // no fee, no provider, no costs beside the bill
	if strings.Count(o, "Add another phase?") != 4 || !strings.Contains(o, "Phase 4 name") {
		t.Errorf("the prompts:\n%s", o)
	}
	records, _, err := last.save(last.vals)
	if err != nil {
		t.Fatal(err)
	}
	c := records[0].(*planner.CourseRecord)
	got := ""
	for _, ph := range c.Phases {
		got += ph.Name + itoa(ph.Sessions)
	}
	if got != "A6B2C2D2" {
		t.Errorf("phases %s, want A6B2C2D2", got)
	}
}

// answerAll answers a form and each that follows it, one answer each, and
// gives the last with what all the prompts wrote; no form may follow it.
func answerAll(t *testing.T, d *formDialog, answers ...string) (*formDialog, string) {
	t.Helper()
	var out strings.Builder
	for i, a := range answers {
		if i > 0 {
			next := followUp(d)
			if next == nil {
				t.Fatalf("no form for answer %d, %q; the prompts so far:\n%s", i+1, a, out.String())
			}
			d = next
		}
		out.WriteString(answerPrompts(t, d, a))
	}
	if followUp(d) != nil {
		t.Fatalf("a form follows the last answer; the prompts:\n%s", out.String())
	}
	return d, out.String()
}

// answerPrompts answers a form's prompts with the lines of in, and gives
// what the prompts wrote.
func answerPrompts(t *testing.T, d *formDialog, in string) string {
	t.Helper()
	var out bytes.Buffer
	if err := (&accessibleRun{form: d.form, in: terminalInput(in), out: &out}).Run(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// followUp is the form that follows d once it is answered; nil for none.
func followUp(d *formDialog) *formDialog {
	if d.then == nil {
		return nil
	}
	return d.then()
}

// At the prompts, where a blank answer keeps what is shown, none empties
// a field: the ketamine course's second phase is taken off.
func TestAccessibleNoneEmptiesAField(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	c := f.Courses[0] // Induction, then Booster, and an evaluation fee
	d := courseForm(&f, c, testContext(80, true))
	last, o := answerAll(t, d,
		strings.Repeat("\n", 16), // the course, no change; phase 1 and its details as they are
		"none\n",                 // phase 2's name
		strings.Repeat("\n", 5),  // the fee, who gives it, no costs beside the bill
		strings.Repeat("\n", 4))  // the fee's prices
	if !strings.Contains(o, "type none to empty it") {
		t.Errorf("the prompts do not say how to empty a field:\n%s", o)
	}
	records, _, err := last.save(last.vals)
	if err != nil {
		t.Fatal(err)
	}
	got := records[0].(*planner.CourseRecord)
	if len(got.Phases) != 1 || got.Phases[0].Name != "Induction" || len(got.Fees) != 1 {
		t.Errorf("phases %+v, fees %+v", got.Phases, got.Fees)
	}
}

// With --accessible the title, the key bar and a long status wrap, as
// every line of a screen does, rather than lose their ends at a narrow
// window, and the agenda's names are not cut to a column: a screen reader
// reads what is there, and a cut word is no word. The body keeps the lines
// they leave, and no line is wider than the window.
func TestAccessibleScreensKeepEveryWordAtANarrowWindow(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := demoStore(t)
		for _, w := range []int{40, 60} {
			m := New(db, Options{Accessible: true, Demo: true, Theme: ThemeDark, Today: today})
			next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: 16})
			m = drive(t, next.(Model), loadPatients(db))
			check := func(where string, want ...string) {
				t.Helper()
				lines := strings.Split(screenText(m), "\n")
				if len(lines) != 16 {
					t.Fatalf("%d columns, %s: %d lines, want 16", w, where, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%d columns, %s: a line of %d columns: %q", w, where, ansi.StringWidth(l), l)
					}
				}
				words := strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
				for _, s := range want {
					if !strings.Contains(words, s) {
						t.Fatalf("%d columns, %s: %q is not all there:\n%s", w, where, s, screenText(m))
					}
				}
			}
			check("the list", "Keys: enter open, n new, / filter, a agenda, ? all keys, q quit")
			// A failure says all of what to do, even at 40 columns.
			failure := "Could not save: the disk is full — nothing was changed. Free some space on the disk and submit the form again."
			m.setStatus(failure, true)
			m.render()
			check("a failure", failure, "Keys: enter open")
			m.setStatus("", false)
			m = press(t, m, "down")
			m = press(t, m, "enter")
			check("a patient", "carecost — Demo — nothing is saved to your file — Sam Rivera (fictional)", "esc back, ? all keys, q quit")
			// The agenda's names, in a column cut to fit on screen, are
			// read in full.
			m = press(t, m, "esc", "a")
			check("the agenda", "Sam Rivera (fictional): Ask the clinic for an itemized cash quote")
		}
	})
}
