package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
	"carecost/planner/report"
)

// overviewTab sums the patient up: who they are, their plan and course,
// the best scenarios, where approval and help stand, and what is missing.
type overviewTab struct{}

func (overviewTab) names() (string, string) { return "Overview", "Over" }
func (overviewTab) records(*workspace) int  { return 0 }
func (overviewTab) keys(k KeyMap) (short, all []key.Binding) {
	edit := relabel(k.Edit, "edit the patient")
	return []key.Binding{edit}, []key.Binding{edit}
}

func (overviewTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	if key.Matches(msg, c.keys.Edit) {
		return pushModal{patientForm(ws.file.Patient, c)}
	}
	return pass{}
}

func (overviewTab) draw(ws *workspace, cx *context, w int) (string, int) {
	st := &cx.styles
	f := &ws.file
	p := &f.Patient
	var b strings.Builder
	about := []string{}
	if p.State != "" {
		about = append(about, p.State)
	}
	if p.HouseholdSize > 0 {
		about = append(about, "household of "+itoa(p.HouseholdSize))
	}
	if p.AnnualIncome > 0 {
		about = append(about, p.AnnualIncome.String()+" a year")
	}
	b.WriteString(st.Title.Render(p.Name))
	if len(about) > 0 {
		b.WriteString(" — " + strings.Join(about, ", "))
	}
	b.WriteString("\n")
	budget := "none entered"
	if p.MonthlyBudget > 0 {
		budget = p.MonthlyBudget.String() + " a month"
	}
	b.WriteString(line(st, "Monthly budget", budget) + "\n")
	for _, plan := range f.Plans {
		b.WriteString(line(st, "Insurance", plan.Name+planInsurer(plan)) + "\n")
	}
	if len(f.Plans) == 0 {
		b.WriteString(line(st, "Insurance", "no plan entered") + "\n")
	}
	for _, c := range f.Courses {
		b.WriteString(line(st, "Treatment", courseLine(&c.Course)+"; insurance: "+c.Status.String()) + "\n")
	}
	if len(f.Courses) == 0 {
		b.WriteString(line(st, "Treatment", "no course entered") + "\n")
	}
	b.WriteString("\n" + st.Title.Render("What to plan on") + "\n")
	c := &ws.comparison
	if len(c.ByNetTotal) == 0 {
		b.WriteString("No scenario can be worked out yet.\n")
	}
	for _, l := range report.Advice(*c) {
		b.WriteString(l + "\n") // wrapped with a hanging indent, as every line of a tab
	}
	for place, i := range c.ByNetTotal[:min(3, len(c.ByNetTotal))] {
		e := &c.Entries[i]
		r := &e.Result
		text := itoa(place+1) + ". " + r.Name + ": net " + r.Summary.NetTotal.String() + ", up front " +
			r.Summary.DueUpFront.String() + ", highest month " + r.Summary.HighestMonthly.String()
		if note := report.Standing(e); note != "" {
			text += " — " + note
		}
		b.WriteString(text + "\n")
	}
	if next := ws.nextSteps(); len(next) > 0 {
		b.WriteString("\n" + st.Title.Render("Approval and help") + "\n")
		for _, l := range next {
			b.WriteString(wrap("- "+l, w, "") + "\n")
		}
	}
	if missing := ws.missing(); len(missing) > 0 {
		b.WriteString("\n" + st.Title.Render("What's missing") + "\n")
		for _, m := range missing {
			b.WriteString(wrap("- "+m, w, "") + "\n")
		}
	}
	if p.Notes != "" {
		b.WriteString("\n" + line(st, "Notes", "") + "\n" + wrap(p.Notes, w, "  ") + "\n")
	}
	return b.String(), -1
}

func planInsurer(p planner.PlanRecord) string {
	var parts []string
	if p.Insurer != "" {
		parts = append(parts, p.Insurer)
	}
	if p.MemberID != "" {
		parts = append(parts, "member ID "+p.MemberID)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func courseLine(c *planner.Course) string {
	n := c.Sessions()
	return c.Name + ", " + plural(n, "session") + " from " + c.Start.String() + " to " + c.End().String()
}

// nextSteps sums up tabs 6 and 7 for the Overview: the next deadline,
// the next steps, each course's checklist, what screening found,
// applications open.
func (ws *workspace) nextSteps() []string {
	f := &ws.file
	var out []string

	if d := f.OpenDeadlines(); len(d) > 0 {
		more := ""
		if len(d) > 1 {
			more = " (" + itoa(len(d)-1) + " more on tab 6)"
		}
		out = append(out, "Next deadline: "+d[0].Due.String()+" ("+d[0].Left(ws.today)+"): "+d[0].What+" — "+d[0].Course+more+".")
	}
	steps := f.NextSteps(ws.today)
	for _, s := range steps[:min(3, len(steps))] {
		out = append(out, "Next: "+strings.TrimSuffix(s.What, ".")+" (tab 6, "+stepKey(s)+").")
	}
	for _, c := range f.Courses {
		if ready, total := f.ChecklistProgress(c.ID); total > 0 {
			out = append(out, "Checklist for "+c.Name+": "+itoa(ready)+" of "+itoa(total)+" documents in hand.")
		}
	}
	counts := map[planner.Verdict]int{}
	for _, s := range ws.screenings {
		counts[s.Verdict]++
	}
	if len(ws.screenings) > 0 {
		look := " look eligible, "
		if counts[planner.Eligible] == 1 {
			look = " looks eligible, "
		}
		out = append(out, "Assistance: "+plural(counts[planner.Eligible], "program")+look+itoa(counts[planner.Check])+
			" to check with the program (tab 7).")
	}
	open := 0
	for _, a := range f.Applications {
		if a.Open() {
			open++
		}
	}
	switch {
	case open == 1:
		out = append(out, "1 application is waiting for an answer.")
	case open > 1:
		out = append(out, itoa(open)+" applications are waiting for an answer.")
	}
	return out
}

// missing lists what the patient's records lack that would change the
// figures.
func (ws *workspace) missing() []string {
	f := &ws.file
	var out []string
	if f.Patient.MonthlyBudget == 0 {
		out = append(out, "No monthly budget entered: months over budget cannot be shown.")
	}
	for _, p := range f.Plans {
		if !p.InNetwork.HasOutOfPocketMax {
			out = append(out, "No out-of-pocket maximum entered for "+p.Name+" — costs may be overstated.")
		}
	}
	if len(f.Courses) > 0 && len(f.Scenarios) == 0 {
		out = append(out, "No funding scenarios yet: add one to see what the course costs.")
	}
	for _, e := range ws.comparison.Entries {
		if e.Err != nil {
			out = append(out, "The scenario "+e.Result.Name+" cannot be worked out: "+e.Err.Error())
		}
	}
	return out
}
