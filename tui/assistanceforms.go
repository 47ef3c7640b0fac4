package tui

import (
	"slices"

	"charm.land/huh/v2"

	"carecost/planner"
)

// applicationForm records an application to a program, or edits one.
func applicationForm(f *planner.PatientFile, programs []planner.Program, a planner.Application, cx *context) *formDialog {
	today := cx.today
	v := newValues(cx)
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
	form := newForm(cx,
		v.group(
			choose(v, "program", "Program", "", options, string(a.ProgramID)),
			choose(v, "status", "Where it stands", "", choices(planner.ApplicationStatuses, nil), string(a.Status)),
			input(v, "applied", "Sent on", dateHelp, a.Applied.String(), validDate(true)),
			input(v, "decided", "Decided on", dateHelp, a.Decided.String(), validDate(true)),
		),
		v.group(
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
		d.retry = applicationForm(f, programs, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		status := "Saved the application: " + applicationLine(&rec, today) + "."
		records := []planner.Record{&rec}
		program := planner.Program{ID: rec.ProgramID}
		if i := slices.IndexFunc(programs, func(p planner.Program) bool { return p.ID == rec.ProgramID }); i >= 0 {
			program = programs[i]
		}
		changed, note := f.FollowApplication(rec, program)
		if len(changed) > 0 {
			records = append(records, changed...)
			status += " Its grant is brought up to date in " + planner.ScenarioCount(len(changed)) + "."
		}
		status += note
		return records, status, nil
	}
	return d
}

// useGrantForm asks which scenario an application's grant goes into.
func useGrantForm(f *planner.PatientFile, a planner.Application, program string, cx *context) *formDialog {
	v := newValues(cx)
	options := make([]huh.Option[string], 0, len(f.Scenarios))
	for _, s := range f.Scenarios {
		options = append(options, huh.NewOption(s.Name, string(s.ID)))
	}
	form := newForm(cx, v.group(
		choose(v, "scenario", "Count the "+program+" grant in which scenario?", "", options, string(f.Scenarios[0].ID)),
	))
	d := &formDialog{title: "Count a grant in a scenario", form: form, vals: v}
	d.act = func() action { return send(useGrantMsg{application: a.ID, scenario: planner.ID(v.get("scenario"))}) }
	return d
}
