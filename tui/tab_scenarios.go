package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// scenariosTab lists the funding scenarios, each with its ways to pay in
// the order they pay.
type scenariosTab struct{}

func (scenariosTab) names() (string, string)                  { return "Scenarios", "Scen" }
func (scenariosTab) records(ws *workspace) int                { return len(ws.file.Scenarios) }
func (scenariosTab) focusesSaved()                            {}
func (scenariosTab) recordID(ws *workspace, i int) planner.ID { return ws.file.Scenarios[i].ID }
func (scenariosTab) keys(k KeyMap) (short, all []key.Binding) {
	return scenarioKeys(k)
}

// scenarioKeys are the keys of the Scenarios and Compare tabs.
func scenarioKeys(k KeyMap) (short, all []key.Binding) {
	return []key.Binding{k.New, k.Edit}, []key.Binding{relabel(k.New, "new scenario"), relabel(k.Edit, "edit the scenario"), k.Copy,
		relabel(k.Delete, "delete the scenario")}
}

func (t scenariosTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	i, ok := ws.selected(t)
	return scenarioKey(ws, c, msg, i, ok)
}

// scenarioKey is what the keys of the Scenarios and Compare tabs do to
// the scenario selected (i, when ok): new, edit, copy, delete.
func scenarioKey(ws *workspace, c *context, msg tea.KeyPressMsg, i int, ok bool) action {
	f, k := &ws.file, &c.keys
	switch {
	case key.Matches(msg, k.New) && len(f.Courses) == 0:
		return failure("Add a treatment course first: tab 3, then n.")
	case key.Matches(msg, k.New):
		return pushModal{scenarioForm(f, planner.ScenarioRecord{}, c)}
	case key.Matches(msg, k.Edit) && ok:
		return pushModal{scenarioForm(f, f.Scenarios[i], c)}
	case key.Matches(msg, k.Copy) && ok:
		s := f.Scenarios[i]
		s.ID, s.Stamp, s.Name = "", planner.Stamp{}, "Copy of "+s.Name
		return saveRecords{records: []planner.Record{&s}, status: "Saved scenario '" + s.Name + "'", patient: f.Patient.ID}
	case key.Matches(msg, k.Delete) && ok:
		s := f.Scenarios[i]
		return askDelete("the scenario '"+s.Name+"'", &s, f.Patient.ID)
	}
	return pass{}
}

func (t scenariosTab) draw(ws *workspace, c *context, w int) (string, int) {
	st := &c.styles
	sel := -1
	var b strings.Builder
	if len(ws.file.Scenarios) == 0 {
		return "No funding scenarios yet. Press n to add one.\n", -1
	}
	for i, s := range ws.file.Scenarios {
		if at, _ := ws.selected(t); at == i {
			sel = lines(&b)
		}
		b.WriteString(ws.marker(c, t, i) + st.Title.Render(itoa(i+1)+". "+s.Name) + " — " + coverageOf(&ws.file, &s) + "\n")
		for k, src := range s.Sources {
			b.WriteString("   " + itoa(k+1) + ") " + src.Name + ": " + sourceText(&src) + "\n")
		}
		if len(s.Sources) == 0 {
			b.WriteString("   no way to pay yet: everything is unfunded\n")
		}
	}
	return b.String(), sel
}

// coverageOf names a scenario's coverage case, and the benefit route of its
// course's drug when it has one.
func coverageOf(f *planner.PatientFile, s *planner.ScenarioRecord) string {
	sc := planner.Scenario{Coverage: s.Coverage}
	for _, c := range f.Courses {
		if c.ID == s.CourseID {
			sc.Course = c.Course
		}
	}
	return planner.CoverageText(&sc)
}
