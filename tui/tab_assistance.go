package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// assistanceTab screens the patient against the catalog's programs and
// keeps their applications.
type assistanceTab struct{}

func (assistanceTab) names() (string, string)   { return "Assistance", "Aid" }
func (assistanceTab) records(ws *workspace) int { return len(ws.file.Applications) }
func (assistanceTab) keys(k KeyMap) (short, all []key.Binding) {
	return []key.Binding{k.New, k.Edit}, []key.Binding{relabel(k.New, "new application"), relabel(k.Edit, "edit the application"),
		relabel(k.Delete, "delete the application"), k.UseGrant}
}

// key: applications, and counting a grant in a scenario.
func (t assistanceTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	k, f := &c.keys, &ws.file
	app, ok := ws.selectedApplication()
	switch {
	case key.Matches(msg, k.New) && len(ws.programs) == 0:
		return failure("There are no programs to apply to yet: press p to open the catalog and add one.")
	case key.Matches(msg, k.New):
		return pushModal{applicationForm(f, ws.programs, planner.Application{}, c)}
	case key.Matches(msg, k.Edit) && ok:
		return pushModal{applicationForm(f, ws.programs, app, c)}
	case key.Matches(msg, k.Edit):
		return pushModal{patientForm(f.Patient, c)}
	case key.Matches(msg, k.Delete) && ok:
		what := "the application to " + ws.programName(app.ProgramID)
		question := "Delete " + what + "? This cannot be undone."
		if in := f.ScenariosCounting(app.ID); len(in) > 0 {
			question += " Its grant stays in " + strings.Join(in, ", ") + " until you take it out there (tab 4)."
		}
		return pushModal{&confirmDialog{question: question, yes: deleteRecord{record: &app, status: "Deleted " + what + ".", patient: f.Patient.ID}}}
	case key.Matches(msg, k.Delete):
		return nil
	case key.Matches(msg, k.UseGrant):
		switch {
		case !ok:
			return failure("Record an application first (n); once it is sent or awarded, u counts it in a scenario.")
		case len(f.Scenarios) == 0:
			return failure("There is no funding scenario to count the grant in: add one on tab 4.")
		}
		if _, err := planner.GrantSource(app, ws.programName(app.ProgramID)); err != nil {
			return failure(sentence(err.Error()) + ".")
		}
		return pushModal{useGrantForm(f, app, ws.programName(app.ProgramID), c)}
	}
	return pass{}
}

// useGrant puts an application's grant into a scenario and saves it: a
// change that waits for the last one, as the records it reads may be
// about to change.
func (ws *workspace) useGrant(msg useGrantMsg) action {
	f := &ws.file
	ai := slices.IndexFunc(f.Applications, func(a planner.Application) bool { return a.ID == msg.application })
	si := slices.IndexFunc(f.Scenarios, func(s planner.ScenarioRecord) bool { return s.ID == msg.scenario })
	if ai < 0 || si < 0 {
		return failure("That application or scenario is no longer there: nothing was changed.")
	}
	app := f.Applications[ai]
	s, status, err := planner.WithGrant(f.Scenarios[si], app, ws.program(app.ProgramID))
	if err != nil {
		return failure(sentence(err.Error()) + ".")
	}
	return saveRecords{records: []planner.Record{&s}, status: status, patient: f.Patient.ID, exclusive: true,
		busy: "Still saving the last change: press u again in a moment."}
}

// The Assistance tab screens the patient against every program in the
// catalog and keeps their applications; an application with an amount
// becomes a grant in a funding scenario in one step (u).

// useGrantMsg asks to put an application's grant into a scenario.
type useGrantMsg struct {
	application planner.ID
	scenario    planner.ID
}

// programName is the name of the catalog's program with the ID.
func (ws *workspace) programName(id planner.ID) string {
	if i := slices.IndexFunc(ws.programs, func(p planner.Program) bool { return p.ID == id }); i >= 0 {
		return ws.programs[i].Name
	}
	return "a program no longer in the catalog"
}

// factsLine says what screening goes by, in words.
func factsLine(p *planner.Patient) string {
	var parts []string
	if p.HouseholdSize > 0 {
		parts = append(parts, "household of "+itoa(p.HouseholdSize))
	}
	if name, ok := planner.StateName(p.State); ok {
		if len(parts) > 0 {
			parts[0] += " in " + name
		} else {
			parts = append(parts, "in "+name)
		}
	}
	switch {
	case p.AnnualIncome > 0:
		parts = append(parts, p.AnnualIncome.String()+" a year")
	case p.NoIncome:
		parts = append(parts, "no income")
	}
	switch p.Insured {
	case planner.AnswerYes:
		parts = append(parts, "insured")
	case planner.AnswerNo:
		parts = append(parts, "uninsured")
	}
	switch p.Veteran {
	case planner.AnswerYes:
		parts = append(parts, "a veteran")
	case planner.AnswerNo:
		parts = append(parts, "not a veteran")
	}
	if len(parts) == 0 {
		return "nothing entered yet"
	}
	return strings.Join(parts, ", ")
}

func (t assistanceTab) draw(ws *workspace, c *context, w int) (string, int) {
	f := &ws.file
	st := &c.styles
	at := -1
	var b strings.Builder
	out := func(s string) { b.WriteString(s + "\n") }
	out(st.Title.Render("Screening") + " " + f.Patient.Name + ": " + factsLine(&f.Patient.Patient) + ".")
	if planner.GuidelinesOutOfDate(ws.today) {
		out(st.Warning.Render("Warning:") + " the newest poverty guidelines carecost has are for " + itoa(planner.NewestGuidelineYear()) +
			"; this year's may be higher, so a result near a limit may differ. Check with the program.")
	}
	var missing []string
	for _, s := range ws.screenings {
		for _, m := range s.Missing {
			if !slices.Contains(missing, m) {
				missing = append(missing, m)
			}
		}
	}
	if len(missing) > 0 {
		out("To decide more: " + strings.Join(missing, "; ") + ". Press 1 then e to add it to the patient.")
	}
	if len(ws.programs) == 0 {
		out("\nNo programs in the catalog yet. Press p to open the catalog and add one.")
	}
	for _, v := range []planner.Verdict{planner.Eligible, planner.Check, planner.NotEligible} {
		var group []planner.Screening
		for _, s := range ws.screenings {
			if s.Verdict == v {
				group = append(group, s)
			}
		}
		if len(group) == 0 {
			continue
		}
		title := sentence(v.String())
		if v == planner.Check {
			title = "Check with the program"
		}
		out("\n" + st.Title.Render(title) + " (" + itoa(len(group)) + ")")
		for _, s := range group {
			head := "  " + s.Program.Name + " — " + string(s.Program.Kind)
			if s.Tier != nil {
				head += " — " + s.Tier.Name()
			}
			out(head)
			for _, r := range s.Reasons {
				out(wrap(r, w, "      "))
			}
		}
	}
	out("\n" + st.Title.Render("Applications") + " (n new · e edit · d delete · u count it in a scenario)")
	if len(f.Applications) == 0 {
		out("  None yet. Press n to record one.")
	}
	for i := range f.Applications {
		a := &f.Applications[i]
		sel, _ := ws.selected(t)
		selected := sel == i && len(f.Applications) > 1
		if selected {
			at = lines(&b)
		}
		out(c.marker(selected) + ws.programName(a.ProgramID) + " — " + applicationLine(a, ws.today))
		if a.Notes != "" {
			out("      " + strings.Join(strings.Fields(a.Notes), " "))
		}
		if in := f.ScenariosCounting(a.ID); len(in) > 0 {
			out("      Counted in: " + strings.Join(in, ", ") + ".")
		} else if a.CanFund() {
			out("      " + st.Subtle.Render("Press u to count this grant in a funding scenario."))
		}
	}
	return b.String(), at
}

// applicationLine says where an application stands.
func applicationLine(a *planner.Application, today planner.Date) string {
	parts := []string{string(a.Status)}
	if !a.Applied.IsZero() {
		parts = append(parts, "sent "+a.Applied.String())
	}
	if a.Requested > 0 {
		parts = append(parts, "asked for "+a.Requested.String())
	}
	if a.Awarded > 0 {
		parts = append(parts, "awarded "+a.Awarded.String())
	}
	if !a.Decided.IsZero() {
		parts = append(parts, "decided "+a.Decided.String())
	}
	if !a.FollowUp.IsZero() && a.Open() {
		parts = append(parts, "follow up by "+a.FollowUp.String()+" ("+planner.Deadline{Due: a.FollowUp}.Left(today)+")")
	}
	return strings.Join(parts, ", ")
}

// selectedApplication is the application selected on the tab, if any.
func (ws *workspace) selectedApplication() (planner.Application, bool) {
	if i, ok := ws.selected(assistanceTab{}); ok {
		return ws.file.Applications[i], true
	}
	return planner.Application{}, false
}

// program is the catalog's program with the ID; a nameless one if it is
// gone.
func (ws *workspace) program(id planner.ID) planner.Program {
	if i := slices.IndexFunc(ws.programs, func(p planner.Program) bool { return p.ID == id }); i >= 0 {
		return ws.programs[i]
	}
	return planner.Program{ID: id}
}
