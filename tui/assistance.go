package tui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"carecost/planner"
)

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

func (ws *workspace) assistanceTab(w int, st Styles) string {
	f := &ws.file
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
		mark := "  "
		if len(f.Applications) > 1 && ws.item[tabAssistance] == i {
			mark = "▸ "
		}
		out(mark + ws.programName(a.ProgramID) + " — " + applicationLine(a, ws.today))
		if a.Notes != "" {
			out("      " + strings.Join(strings.Fields(a.Notes), " "))
		}
		if in := countedIn(f, a.ID); len(in) > 0 {
			out("      Counted in: " + strings.Join(in, ", ") + ".")
		} else if a.CanFund() {
			out("      " + st.Subtle.Render("Press u to count this grant in a funding scenario."))
		}
	}
	return b.String()
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
	if !a.FollowUp.IsZero() && (a.Status == planner.ApplicationConsidering || a.Status == planner.ApplicationApplied) {
		parts = append(parts, "follow up by "+a.FollowUp.String()+" ("+planner.Deadline{Due: a.FollowUp}.Left(today)+")")
	}
	return strings.Join(parts, ", ")
}

// selectedApplication is the application selected on the tab, if any.
func (ws *workspace) selectedApplication() (planner.Application, bool) {
	if i := ws.item[tabAssistance]; i < len(ws.file.Applications) {
		return ws.file.Applications[i], true
	}
	return planner.Application{}, false
}

// applicationForm records an application to a program, or edits one.
func applicationForm(f *planner.PatientFile, programs []planner.Program, a planner.Application, today planner.Date, width int, accessible bool) *formDialog {
	v := newValues()
	v.accessible = accessible
	title := "New application"
	if a.ID != "" {
		title = "Edit the application"
	}
	if a.Status == "" {
		a.Status = planner.ApplicationConsidering
	}
	if a.ProgramID == "" && len(programs) > 0 {
		a.ProgramID = programs[0].ID
	}
	options := make([]huh.Option[string], 0, len(programs))
	for _, p := range programs {
		options = append(options, huh.NewOption(p.Name, string(p.ID)))
	}
	form := newForm(width, accessible,
		huh.NewGroup(
			choose(v, "program", "Program", options, string(a.ProgramID)),
			choose(v, "status", "Where it stands", choices(planner.ApplicationStatuses, nil), string(a.Status)),
			input(v, "applied", "Sent on", dateHelp, a.Applied.String(), validDate(true)),
			input(v, "decided", "Decided on", dateHelp, a.Decided.String(), validDate(true)),
		),
		huh.NewGroup(
			input(v, "requested", "Amount asked for", "Blank if none was named", moneyText(a.Requested), validMoney(true)),
			input(v, "awarded", "Amount awarded", "Once it is awarded", moneyText(a.Awarded), validMoney(true)),
			input(v, "follow", "Follow up by", dateHelp+"; it goes on the agenda", a.FollowUp.String(), validDate(true)),
			notes(v, "notes", "Notes", a.Notes),
		),
	)
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := a
		rec.PatientID, rec.ProgramID = f.Patient.ID, planner.ID(v.get("program"))
		rec.Status, rec.Applied, rec.Decided = planner.ApplicationStatus(v.get("status")), v.date("applied"), v.date("decided")
		rec.Requested, rec.Awarded, rec.FollowUp, rec.Notes = v.money("requested"), v.money("awarded"), v.date("follow"), v.long("notes")
		d.retry = applicationForm(f, programs, rec, today, width, accessible)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		status := "Saved the application: " + applicationLine(&rec, today) + "."
		records := []planner.Record{&rec}
		program := planner.Program{ID: rec.ProgramID}
		if i := slices.IndexFunc(programs, func(p planner.Program) bool { return p.ID == rec.ProgramID }); i >= 0 {
			program = programs[i]
		}
		changed, note := followApplication(f, rec, program)
		if len(changed) > 0 {
			records = append(records, changed...)
			status += " Its grant is brought up to date in " + scenarioCount(len(changed)) + "."
		}
		status += note
		return records, status, nil
	}
	return d
}

// useGrantForm asks which scenario an application's grant goes into.
func useGrantForm(f *planner.PatientFile, a planner.Application, program string, width int, accessible bool) *formDialog {
	v := newValues()
	v.accessible = accessible
	options := make([]huh.Option[string], 0, len(f.Scenarios))
	for _, s := range f.Scenarios {
		options = append(options, huh.NewOption(s.Name, string(s.ID)))
	}
	form := newForm(width, accessible, huh.NewGroup(
		choose(v, "scenario", "Count the "+program+" grant in which scenario?", options, string(f.Scenarios[0].ID)),
	))
	d := &formDialog{title: "Count a grant in a scenario", form: form, vals: v}
	d.act = func() tea.Msg { return useGrantMsg{application: a.ID, scenario: planner.ID(v.get("scenario"))} }
	return d
}

// fromApplication reports whether a source is the grant of an application.
func fromApplication(f planner.FundingSource, app planner.ID) bool {
	return f.Grant != nil && app != "" && f.Grant.Application == app
}

// countedIn names the scenarios that count an application's grant.
func countedIn(f *planner.PatientFile, app planner.ID) []string {
	var out []string
	for _, s := range f.Scenarios {
		if slices.ContainsFunc(s.Sources, func(src planner.FundingSource) bool { return fromApplication(src, app) }) {
			out = append(out, s.Name)
		}
	}
	return out
}

// grantFor is the grant an application counts for in a scenario: what
// was awarded, or what was asked for while the program decides, but no
// more than the program pays at most (its fixed amount or its cap). The
// note says when it was capped.
func grantFor(a planner.Application, p planner.Program) (planner.FundingSource, string, error) {
	src, err := planner.GrantSource(a, p.Name)
	if err != nil || !src.Grant.Pending {
		return src, "", err
	}
	most := p.Amount
	if most == 0 {
		most = p.Cap
	}
	if most > 0 && src.Grant.Amount > most {
		src.Grant.Amount = most
		return src, " (capped at the " + most.String() + " the program pays at most)", nil
	}
	return src, "", nil
}

// program is the catalog's program with the ID; a nameless one if it is
// gone.
func (ws *workspace) program(id planner.ID) planner.Program {
	if i := slices.IndexFunc(ws.programs, func(p planner.Program) bool { return p.ID == id }); i >= 0 {
		return ws.programs[i]
	}
	return planner.Program{ID: id}
}

// followApplication brings the grants an application put into scenarios
// up to date with it: the new amount or status, or gone once it can fund
// nothing (denied, withdrawn). While it can't say an amount (awarded with
// none entered yet, sent back to considering) the grants stay as they were.
// It returns the scenarios it changed, to save with the application, and
// a word on any it left alone.
func followApplication(f *planner.PatientFile, a planner.Application, program planner.Program) ([]planner.Record, string) {
	src, _, err := grantFor(a, program)
	gone := a.Status == planner.ApplicationDenied || a.Status == planner.ApplicationWithdrawn
	var out []planner.Record
	left := 0
	for _, s := range f.Scenarios {
		if !slices.ContainsFunc(s.Sources, func(f planner.FundingSource) bool { return fromApplication(f, a.ID) }) {
			continue
		}
		if err != nil && !gone {
			left++
			continue
		}
		// Every grant of the application goes; its one grant comes back
		// where the first was.
		at := slices.IndexFunc(s.Sources, func(f planner.FundingSource) bool { return fromApplication(f, a.ID) })
		s.Sources = slices.DeleteFunc(slices.Clone(s.Sources), func(f planner.FundingSource) bool { return fromApplication(f, a.ID) })
		if !gone {
			s.Sources = slices.Insert(s.Sources, at, src)
		}
		out = append(out, &s)
	}
	note := ""
	if left > 0 {
		note = " Its grant in " + scenarioCount(left) + " is left as it was until an amount is entered."
	}
	return out, note
}

// withGrant returns the scenario with the application's grant as its first
// way to pay (a grant pays before anything is borrowed), replacing a grant
// of the same name put there before; and the words for the status line.
func withGrant(s planner.ScenarioRecord, a planner.Application, program planner.Program) (planner.ScenarioRecord, string, error) {
	src, capped, err := grantFor(a, program)
	if err != nil {
		return s, "", err
	}
	sources := slices.DeleteFunc(slices.Clone(s.Sources), func(f planner.FundingSource) bool {
		return fromApplication(f, a.ID)
	})
	s.Sources = append([]planner.FundingSource{src}, sources...)
	what := src.Grant.Amount.String() + capped
	if src.Grant.Pending {
		what += ", pending: Compare shows the scenario with and without it"
	}
	return s, "Added the " + src.Name + " (" + what + ") to '" + s.Name + "'.", nil
}

func scenarioCount(n int) string {
	if n == 1 {
		return "1 scenario"
	}
	return itoa(n) + " scenarios"
}
