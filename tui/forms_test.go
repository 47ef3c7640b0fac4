package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

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

// A course's insurance status changes in two keys on the Treatment tab
// (three with the tab's own key): x, then the status's number.
func TestCourseStatusInTwoKeys(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		st := memDemo(t, false)
		m := start(t, st, 100, 30)
		m = press(t, m, "enter") // the demo patient
		// 3, x, 2: the ketamine course goes from appealing to covered, the
		// second status.
		m = press(t, m, "3", "x")
		mustHave(t, m, "Where IV ketamine infusions stands with insurance", "2  covered", "appealing (now)")
		m = press(t, m, "2")
		mustHave(t, m, "Saved: IV ketamine infusions is covered")
		f, _ := st.LoadPatient(m.ws.file.Patient.ID)
		if f.Courses[0].Status != planner.StatusCovered {
			t.Errorf("status %v", f.Courses[0].Status)
		}
	})
}

// q closes a letter, as esc does, and leaves the app running.
func TestQClosesALetter(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, false), 100, 40)
		m = press(t, m, "enter", "6", "L", "enter", "enter")
		mustHave(t, m, "Request for an internal appeal")
		m = press(t, m, "q")
		if m.modals.top() != nil || m.screen != screenWorkspace {
			t.Errorf("after q: screen %d, modal %T", m.screen, m.modals.top())
		}
	})
}

// The patient list sorts by name, next due and insurance (o), keeping the
// patient selected; home, end and the page keys move in it.
func TestPatientListSortsAndPages(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		// Alex Moreno (nothing due), Sam Rivera (due soon), and forty more
		// with nothing due, "Zed 00" to "Zed 39": 42 patients.
		st := memDemo(t, true)
		for i := range 40 {
			if err := st.Save(&planner.PatientRecord{Patient: planner.Patient{Name: fmt.Sprintf("Zed %02d (fictional)", i)}}); err != nil {
				t.Fatal(err)
			}
		}
		m := start(t, st, 100, 30)
		if s, _ := m.list.selected(); s.Name != "Alex Moreno (fictional)" {
			t.Fatalf("first %q", s.Name)
		}
		// A page is the body's height less the heading and the column
		// titles.
		page := m.ctx.bodyHeight - 2
		m = press(t, m, "pgdown")
		if m.list.cursor != page {
			t.Errorf("pgdown: %d, want %d", m.list.cursor, page)
		}
		m = press(t, m, "end")
		if s, _ := m.list.selected(); s.Name != "Zed 39 (fictional)" || m.list.cursor != 41 {
			t.Errorf("end: %q at %d", s.Name, m.list.cursor)
		}
		m = press(t, m, "home")
		if m.list.cursor != 0 {
			t.Errorf("home: %d", m.list.cursor)
		}
		// By next due, Sam (the only one with something due) comes first,
		// and stays selected.
		m = press(t, m, "down")
		if s, _ := m.list.selected(); s.Name != "Sam Rivera (fictional)" {
			t.Fatalf("second %q", s.Name)
		}
		m = press(t, m, "o")
		mustHave(t, m, "Patients by next due.")
		if s, _ := m.list.selected(); s.Name != "Sam Rivera (fictional)" || m.list.cursor != 0 {
			t.Errorf("by next due: %q at %d", s.Name, m.list.cursor)
		}
		m = press(t, m, "o", "o")
		if m.list.order != byName {
			t.Errorf("three o's: %v", m.list.order)
		}
	})
}

// A patient just added is the one selected on the list.
func TestANewPatientIsSelected(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, true), 100, 30)
		m = press(t, m, "n")
		m = fill(t, m, "Zoe Park (fictional)", "", "", "", "", "", "", "", "", "")
		mustHave(t, m, "Saved patient 'Zoe Park (fictional)'")
		if s, _ := m.list.selected(); s.Name != "Zoe Park (fictional)" {
			t.Errorf("selected %q", s.Name)
		}
	})
}

// At 40×12, the smallest window, a form's field shows its title, its help
// and the line typed into.
func TestFormsFitTheSmallestWindow(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, false), 40, 12)
		m = press(t, m, "enter", "2", "e", "enter", "enter", "enter", "enter")
		// The plan year: a long help line and the date below it.
		mustHave(t, m, "Plan year starts", "> 2026-01-01")
		for _, l := range strings.Split(screenText(m), "\n") {
			if len([]rune(l)) > 40 {
				t.Errorf("a line wider than 40: %q", l)
			}
		}
	})
}

// One wrap rule: no line ends inside a date, a hyphenated word or an
// option's name, and an indented item's continuation hangs under its
// text.
func TestWrapKeepsDatesWordsAndIndents(t *testing.T) {
	t.Parallel()
	text := "   - The decision on the appeal is due by 2026-11-28, and the out-of-pocket maximum is met: see report --format pdf."
	for w := 20; w <= 60; w++ {
		lines := wrapLines([]string{text}, w)
		joined := strings.Join(lines, "\n")
		for _, whole := range []string{"2026-11-28,", "out-of-pocket", "--format"} {
			if !strings.Contains(joined, whole) {
				t.Errorf("width %d splits %q:\n%s", w, whole, joined)
			}
		}
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "     ") || strings.HasPrefix(l, "      ") {
				t.Errorf("width %d: continuation %q does not hang at 5", w, l)
			}
		}
	}
}

// The scenario form and Compare at the three sizes carecost is drawn for:
// the smallest it supports, a common terminal and a large one.
func TestFlowSizes(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{40, 12}, {80, 24}, {120, 40}} {
		t.Run(itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
			t.Run("compare", func(t *testing.T) {
				runFlow(t, demoModel(t), size[0], size[1], []flowStep{{send: keys("5"), want: "Net total"}})
			})
			t.Run("scenario form", func(t *testing.T) {
				// A new scenario: its name typed, then the course and how
				// insurance treats it.
				runFlow(t, demoModel(t), size[0], size[1], []flowStep{
					{send: keys("4", "n"), want: "New funding scenario"},
					{send: append(keys("Card"), keys("enter", "enter")...), want: "How insurance treats it"},
				})
			})
		})
	}
}

// A phase still named stays in view when the one before it is cleared;
// in privacy mode, what x and z say on the agenda names nothing.
func TestReviewFixesOfTheForms(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		// The esketamine course, three phases: phase 2's name cleared,
		// phase 3's name still shows next, and it is saved second.
		m := start(t, memDemo(t, false), 100, 40)
		m = press(t, m, "enter", "3", "down", "e")
		for range 40 {
			if strings.Contains(screenText(m), "> Weekly") {
				break
			}
			m = press(t, m, "enter")
		}
		for range len("Weekly") {
			m = press(t, m, "backspace")
		}
		m = press(t, m, "enter")
		mustHave(t, m, "Phase 3 name", "> Maintenance")
		records, _, err := topForm(m).save(topForm(m).vals)
		if err != nil {
			t.Fatal(err)
		}
		if c := records[0].(*planner.CourseRecord); len(c.Phases) != 2 || c.Phases[1].Name != "Maintenance" {
			t.Errorf("phases %+v", c.Phases)
		}
	})
	// The accessible program form asks the tiers only after a yes.
	p := programForm(planner.Program{Name: "Fund"}, testContext(80, true))
	if p.then() != nil {
		t.Error("tiers asked without a sliding scale")
	}
	*p.vals.flags["tiered"] = true
	if p.then() == nil {
		t.Error("no tiers asked after a yes")
	}
}

// At 40×12, ? on a field shows the term's meaning alone, and the next key
// brings the field back without typing into it.
func TestATermExplainedInTheSmallestWindow(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, false), 40, 12)
		// The plan: past its first group to the deductible.
		m = press(t, m, "enter", "2", "e")
		for range 7 {
			m = press(t, m, "enter")
		}
		m = press(t, m, "?")
		mustHave(t, m, "Deductible: What you pay each plan", "Any key goes back to the field.")
		m = press(t, m, "x")
		mustHave(t, m, "> $2,000.00")
		if got := topForm(m).vals.get("inDed"); got != "$2,000.00" {
			t.Errorf("the key was typed: %q", got)
		}
	})
}

// A fourth phase is added to the three the esketamine course has: "Add
// another phase?" shows once the last phase is named, and a yes opens a
// form for phase 4 when the first is done; the course is saved with four.
func TestAddingAPhaseOneAtATime(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		st := memDemo(t, false)
		m := start(t, st, 100, 40)
		m = press(t, m, "enter", "3", "down", "e")
		m = enterUntil(t, m, 60, "Add another phase?")
		m = press(t, m, "y")
		m = enterUntil(t, m, 20, "Phase 4 name")
		// Boosters: 3 sessions, every 4 weeks (the unit's third choice),
		// the visit at $250 cash; the drug's prices left blank; no fifth.
		m = typeText(t, m, "Boosters")
		m = press(t, m, "enter")
		m = typeText(t, m, "3")
		m = press(t, m, "enter", "enter")
		m = typeText(t, m, "4")
		m = press(t, m, "enter", "down", "down", "enter")
		m = typeText(t, m, "250")
		m = enterUntil(t, m, 20, "Add another phase?")
		m = press(t, m, "n")
		mustHave(t, m, "Saved course 'Esketamine nasal spray (FDA-approved)'")
		var c planner.CourseRecord
		for _, f := range st.files {
			c = f.Courses[1]
		}
		if len(c.Phases) != 4 {
			t.Fatalf("saved %d phases", len(c.Phases))
		}
		// The three phases as they were, then Boosters as typed.
		if ph := c.Phases[3]; ph.Name != "Boosters" || ph.Sessions != 3 || ph.Spacing != (planner.Spacing{Count: 4, Unit: planner.EveryWeeks}) ||
			ph.Price.Cash != planner.Dollars(250) || c.Phases[2].Name != "Maintenance" {
			t.Errorf("phase 4 %+v; phases %+v", ph, c.Phases)
		}
	})
}

// An edited scenario has room for every way it has: five ways, each shown,
// and a sixth added after a yes is saved last, past the order typed.
func TestScenarioFormGrowsPastItsFirstWays(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	s := planner.ScenarioRecord{Name: "Savings", CourseID: f.Courses[0].ID, Coverage: planner.Coverage{Case: planner.SelfPay}}
	for i := range 5 {
		s.Sources = append(s.Sources, planner.FundingSource{Name: "S" + itoa(i+1), Savings: &planner.Savings{Amount: planner.Dollars(int64(100 * (i + 1)))}})
	}
	d := scenarioForm(&f, s, testContext(100, false))
	if got := d.vals.get("s5Savings"); got != "$500.00" {
		t.Fatalf("way 5's amount: %q", got)
	}
	// Way 2 first, then the rest in order; then another way: yes.
	*d.vals.text["order"] = "2"
	*d.vals.flags["more5"] = true
	sixth := d.then()
	if sixth == nil {
		t.Fatal("no form for way 6")
	}
	*sixth.vals.text["s6Kind"] = "savings"
	*sixth.vals.text["s6Name"] = "S6"
	*sixth.vals.text["s6Savings"] = "$600.00"
	if sixth.then() != nil {
		t.Error("a seventh way without a yes")
	}
	records, _, err := sixth.save(sixth.vals)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, src := range records[0].(*planner.ScenarioRecord).Sources {
		got += src.Name
	}
	if got != "S2S1S3S4S5S6" {
		t.Errorf("saved in the order %s, want S2S1S3S4S5S6", got)
	}
}

// A cost beside the bill that is none of the form's kinds (the demo's ride
// home) has a field of its own name: shown, changed, and taken off when
// cleared.
func TestOtherCostsOfTheirOwnName(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	c := f.Courses[1]
	d := courseForm(&f, c, testContext(100, false))
	if got := d.vals.get("ocMore0"); got != "$30.00" {
		t.Fatalf("the ride home's field holds %q", got)
	}
	*d.vals.text["ocMore0"] = "$35.00"
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	if oc := records[0].(*planner.CourseRecord).OtherCosts; len(oc) != 1 || oc[0].Amount != planner.Dollars(35) || !oc[0].PerSession || oc[0].Name != c.OtherCosts[0].Name {
		t.Errorf("costs %+v", oc)
	}
	*d.vals.text["ocMore0"] = ""
	records, _, err = d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	if oc := records[0].(*planner.CourseRecord).OtherCosts; len(oc) != 0 {
		t.Errorf("a cleared cost kept: %+v", oc)
	}
}

// groupsShown is what each group of f shows, from the first to the last,
// moving on as enter would.
func groupsShown(f *huh.Form) string {
	var b strings.Builder
	f.Init()
	for range 100 {
		b.WriteString(f.View())
		if f.State != huh.StateNormal {
			break
		}
		f.NextGroup()
	}
	return b.String()
}

// enterUntil presses enter, at most n times, until the screen shows want.
func enterUntil(t *testing.T, m Model, n int, want string) Model {
	t.Helper()
	for range n {
		if strings.Contains(screenText(m), want) {
			return m
		}
		m = press(t, m, "enter")
	}
	if !strings.Contains(screenText(m), want) {
		t.Fatalf("%d enters and no %q:\n%s", n, want, screenText(m))
	}
	return m
}

// Editing a scenario builds only the fields of each way's own kind; a way
// given another kind has that kind's fields asked in a form that follows,
// and is saved as the new kind.
func TestAWayGivenAnotherKindIsAskedAfter(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	s := f.Scenarios[0] // the HSA, then pay as you go
	d := scenarioForm(&f, s, testContext(100, false))
	if _, built := d.vals.text["s1Savings"]; built {
		t.Fatal("the savings fields were built for a way that is an HSA")
	}
	if followUp(d) != nil {
		t.Fatal("a form follows although no kind changed")
	}
	*d.vals.text["s1Kind"] = "savings"
	next := followUp(d)
	if next == nil {
		t.Fatal("no form for the new kind's fields")
	}
	// $250 of savings, typed in the form that follows.
	*next.vals.text["s1Savings"] = "$250.00"
	records, _, err := next.save(next.vals)
	if err != nil {
		t.Fatal(err)
	}
	got := records[0].(*planner.ScenarioRecord).Sources
	if len(got) != 2 || got[0].Savings == nil || got[0].Savings.Amount != planner.Dollars(250) || got[0].HealthAccount != nil || got[1].PayAsYouGo == nil {
		t.Errorf("ways %+v", got)
	}
}

// A course saved untouched keeps its costs beside the bill exactly: two
// of one kind, a cost of $0 under its own name, and their order.
func TestOtherCostsSavedUntouchedStayAsTheyWere(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	c := f.Courses[0]
	c.OtherCosts = []planner.OtherCost{{Name: "Parking", PerSession: true}, {Name: "Travel", Amount: planner.Dollars(10), PerSession: true},
		{Name: "Travel", Amount: planner.Dollars(20), PerSession: true}, {Name: "Hotel", Amount: planner.Dollars(200)}}
	d := courseForm(&f, c, testContext(100, false))
	records, _, err := d.save(d.vals)
	if err != nil {
		t.Fatal(err)
	}
	if got := records[0].(*planner.CourseRecord).OtherCosts; !slices.Equal(got, c.OtherCosts) {
		t.Errorf("saved %+v, want %+v", got, c.OtherCosts)
	}
}

// A new self-pay course that fails its check comes back still self-pay.
func TestARetriedSelfPayCourseStaysSelfPay(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	d := courseForm(&f, planner.CourseRecord{}, testContext(100, false))
	*d.vals.text["name"], *d.vals.text["plan"], *d.vals.text["ph1"] = "Infusions", "", "Induction" // no sessions, no months
	if _, _, err := d.save(d.vals); err == nil {
		t.Fatal("a phase with neither sessions nor months was taken")
	}
	if got := d.retry.vals.get("plan"); got != "" {
		t.Errorf("the retry prices it by plan %q", got)
	}
}

// Drawn, a way added with "Add another" is followed by the questions
// that end the list: with a pending grant, whether to count it.
func TestTheLastWayAddedIsFollowedByTheLastQuestions(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	d := scenarioForm(&f, planner.ScenarioRecord{}, testContext(100, false))
	*d.vals.text["name"], *d.vals.text["s1Kind"], *d.vals.text["s1Savings"] = "Two", "savings", "$100.00"
	*d.vals.flags["more1"] = true
	next := followUp(d)
	if next == nil {
		t.Fatal("no form for way 2")
	}
	*next.vals.text["s2Kind"], *next.vals.text["s2GrantAmount"] = "grant", "$500.00"
	*next.vals.flags["s2GrantPending"] = true
	// The form of way 2 itself asks them, at its end (the values are
	// shared by every form of the chain, so they alone would not tell).
	shown := groupsShown(next.form)
	if !strings.Contains(shown, "Count grants that are still pending?") {
		t.Fatalf("no question for the pending grant:\n%s", shown)
	}
	if !strings.Contains(shown, "Use the ways to pay in this order") {
		t.Error("no question for the order of the two ways")
	}
	*next.vals.flags["pending"] = true
	*next.vals.text["order"] = "2,1"
	records, _, err := next.save(next.vals)
	if err != nil {
		t.Fatal(err)
	}
	s := records[0].(*planner.ScenarioRecord)
	if !s.CountPendingGrants || len(s.Sources) != 2 || s.Sources[0].Grant == nil {
		t.Errorf("saved %+v", s)
	}
}

// The group the person is on is drawn, though an answer in it hides it
// (as the second way to pay hides itself when it and the first are
// "none"), as huh draws it: once they leave it, it draws nothing.
func TestAGroupThatHidesItselfIsDrawnWhileOn(t *testing.T) {
	t.Parallel()
	f := selfHiding("grant", nil)
	if !strings.Contains(f.View(), "Kind of way") {
		t.Fatalf("the second group is not shown:\n%s", f.View())
	}
	for range len("grant") {
		f.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	if *f.kind != "" {
		t.Fatalf("the field holds %q", *f.kind)
	}
	if view := f.View(); !strings.Contains(view, "Kind of way") {
		t.Errorf("the group the person is on went blank once it hid itself:\n%s", view)
	}
	// Left, as shift+tab leaves it: huh blurs the field, and then moves.
	f.back()
	if f.vals.quietGroups[f.second].drawn() {
		t.Error("the hidden group left behind is still drawn")
	}
	if view := f.View(); !strings.Contains(view, "Name") {
		t.Errorf("the first group is not shown:\n%s", view)
	}
}

// A group that hides itself with an answer its check refuses stays drawn
// as the person tries to go back from it: huh blurs the field, checks it
// as it does, and then does not move, and the group with its error is
// what they see.
func TestAGroupThatHidesItselfWithAWrongAnswerStaysDrawn(t *testing.T) {
	t.Parallel()
	f := selfHiding("x", func(s string) error {
		if s == "" {
			return errors.New("say what kind of way it is")
		}
		return nil
	})
	f.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	f.back()
	view := f.View()
	if !strings.Contains(view, "Kind of way") || !strings.Contains(view, "say what kind") {
		t.Errorf("the group refused its answer and went blank:\n%s", view)
	}
}

// selfHidingForm is a form of two groups, a name and then a kind of way
// that hides its group while it is blank, opened on the second group.
type selfHidingForm struct {
	*huh.Form
	vals   *formValues
	second *huh.Group
	kind   *string
}

// selfHiding opens a selfHidingForm whose kind starts as initial, checked
// by check (nil: any).
func selfHiding(initial string, check func(string) error) selfHidingForm {
	cx := testContext(80, false)
	v := newValues(cx)
	kind := v.str("kind", initial)
	second := v.hiding(func() bool { return *kind == "" }, func() *huh.Group { return v.group(input(v, "kind", "Kind of way", "", initial, check)) })
	d := &formDialog{title: "Two", vals: v, form: newForm(cx, v.group(input(v, "name", "Name", "", "", nil)), second)}
	d.open(cx)
	d.form.NextGroup()
	return selfHidingForm{Form: d.form, vals: v, second: second, kind: kind}
}

// back presses shift+tab, and runs what it asks for.
func (f selfHidingForm) back() {
	_, cmd := f.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	settle(f.Form, cmd)
}

// settle runs what a key's update asked for, as the program would, until
// nothing more is asked (a blink of the cursor is not waited for).
func settle(f *huh.Form, cmd tea.Cmd) {
	feed(cmd, func(msg tea.Msg) tea.Cmd {
		_, more := f.Update(msg)
		return more
	})
}

// A form draws each group as huh would, though it draws a group only
// once it is reached: the same keys in the same forms give the same
// screens as with every group drawn from the start, at every size, as
// groups show and hide with the answers and the window shrinks.
func TestFormsDrawAsEveryGroupDrawnWould(t *testing.T) {
	t.Parallel()
	forms := []struct {
		name string
		open []string
	}{
		{"patient", []string{"1", "e"}},
		{"plan", []string{"2", "e"}},
		{"course", []string{"3", "e"}},
		{"new course", []string{"3", "n"}},
		{"scenario", []string{"4", "e"}},
		{"new scenario", []string{"4", "n"}},
		{"program", []string{"p", "e"}},
		{"new program", []string{"p", "n"}},
	}
	walks := map[string][]string{
		// On through every group, taking each choice's next option.
		"down and on": slices.Repeat([]string{"down", "enter"}, 30),
		// On, back a group, and on again, typing as it goes.
		"back and forth": slices.Repeat([]string{"enter", "enter", "x", "shift+tab", "enter", "enter"}, 8),
		// Choices taken far down their lists.
		"far choices": slices.Repeat([]string{"down", "down", "down", "enter", "tab"}, 12),
	}
	sizes := [][2]int{{100, 40}, {80, 24}, {40, 12}}
	for _, form := range forms {
		for name, walk := range walks {
			for _, size := range sizes {
				t.Run(fmt.Sprintf("%s, %s at %dx%d", form.name, name, size[0], size[1]), func(t *testing.T) {
					t.Parallel()
					var want, got []string
					// In a bubble, a cursor's blink waits for no clock.
					synctest.Test(t, func(t *testing.T) {
						want = walkForm(t, form.open, walk, size, true)
						got = walkForm(t, form.open, walk, size, false)
					})
					for i := range want {
						if got[i] != want[i] {
							t.Fatalf("after key %d (%s):\n%s\nwith every group drawn:\n%s", i+1, walk[i], got[i], want[i])
						}
					}
				})
			}
		}
	}
}

// walkForm opens a form of the demo's Sam with the keys open, in a window
// of size, then presses each key of walk, with the window made smaller
// halfway: the screens after each key. drawUnreached: every group is
// drawn from the start, as huh draws them.
//
// The window only shrinks: a field huh fitted to a small window keeps
// scrolling within the height it was given when the window grows, where a
// group first drawn after the window grew is fitted to the larger one, so
// the two differ there, and the later is the better.
func walkForm(t *testing.T, open, walk []string, size [2]int, drawUnreached bool) []string {
	m := start(t, memDemo(t, true), size[0], size[1])
	m.ctx.drawUnreached = drawUnreached
	m = press(t, m, "down", "enter")
	m = press(t, m, open...)
	var got []string
	for i, k := range walk {
		m = press(t, m, k)
		if i == len(walk)/2 {
			// Smaller: a field huh fitted to a taller window stays fitted
			// to it, where a field first drawn after the window grew is
			// fitted to the window it is drawn in.
			next, cmd := m.Update(tea.WindowSizeMsg{Width: max(40, size[0]-20), Height: max(12, size[1]-8)})
			m = drive(t, next.(Model), cmd)
		}
		got = append(got, screenText(m))
	}
	return got
}
