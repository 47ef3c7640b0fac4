package tui

import (
	"errors"
	"strings"
	"time"

	"charm.land/huh/v2"

	"carecost/planner"
	"carecost/planner/report"
)

// The forms of the Approval tab: one for each kind of record, and the
// chooser that n opens to pick which.

// choices turns a list of words into a select's options.
func choices[T ~string](all []T, label func(T) string) []huh.Option[string] {
	out := make([]huh.Option[string], 0, len(all))
	for _, c := range all {
		text := string(c)
		if label != nil {
			text = label(c)
		}
		out = append(out, huh.NewOption(text, string(c)))
	}
	return out
}

// courseField lets the person say which course a record is about, when
// the patient has more than one; with one, there is nothing to ask.
func courseField(v *formValues, f *planner.PatientFile, initial planner.ID) huh.Field {
	if initial == "" && len(f.Courses) > 0 {
		initial = f.Courses[0].ID
	}
	if len(f.Courses) < 2 {
		v.str("course", string(initial))
		return nil
	}
	options := make([]huh.Option[string], 0, len(f.Courses))
	for _, c := range f.Courses {
		options = append(options, huh.NewOption(c.Name, string(c.ID)))
	}
	return choose(v, "course", "Treatment course", "", options, string(initial))
}

// notes is a field of a few lines, like a record's notes.
func notes(v *formValues, key, title, initial string) *huh.Text {
	t := huh.NewText()
	t.WithTheme(v.theme)
	return t.Key(key).Title(title).Value(v.str(key, initial)).Lines(3)
}

// long is a multi-line field's text, trimmed.
func (v *formValues) long(key string) string { return strings.TrimSpace(*v.text[key]) }

// validated checks a record before it goes to the store, so a refusal
// comes back on the form with what was typed.
func validated(r interface{ Validate() error }) error { return r.Validate() }

const dateHelp = "YYYY-MM-DD; optional"

// addChooser is what n opens on the Approval tab: which kind of record to
// add.
func addChooser(f *planner.PatientFile, cx *context) *formDialog {
	v := newValues(cx)
	options := []huh.Option[string]{
		huh.NewOption("A call or message, for the contact log", "contact"),
		huh.NewOption("A task", "task"),
	}
	if len(f.Courses) > 0 {
		options = append(options,
			huh.NewOption("A denial, and the appeal of it", "denial"),
			huh.NewOption("A pre-authorization", "preauth"),
			huh.NewOption("A document for the medical-necessity checklist", "checklist"),
			huh.NewOption("A Good Faith Estimate (self-pay)", "estimate"))
	}
	for _, c := range f.Courses {
		if _, total := f.ChecklistProgress(c.ID); total == 0 {
			options = append(options, huh.NewOption("The standard checklist (five documents) for "+c.Name, "standard:"+string(c.ID)))
		}
	}
	form := newForm(cx, v.group(choose(v, "kind", "What would you like to add?", "", options, "contact")))
	d := &formDialog{title: "Add to the approval record", form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		// The standard checklist needs no form: it is saved at once.
		course := planner.ID(strings.TrimPrefix(v.get("kind"), "standard:"))
		var records []planner.Record
		for _, item := range planner.DefaultChecklist(f.Patient.ID, course) {
			records = append(records, &item)
		}
		return records, "Added the standard checklist for " + f.CourseName(course) + ".", nil
	}
	d.then = func() *formDialog {
		if strings.HasPrefix(v.get("kind"), "standard:") {
			return nil
		}
		switch v.get("kind") {
		case "task":
			return taskForm(f, planner.Task{}, cx)
		case "denial":
			return denialForm(f, planner.Denial{}, cx)
		case "preauth":
			return preAuthForm(f, planner.PreAuthorization{}, cx)
		case "checklist":
			return checklistForm(f, planner.ChecklistItem{}, cx)
		case "estimate":
			return estimateForm(f, planner.GoodFaithEstimate{}, cx)
		}
		return contactForm(f, planner.Contact{}, cx)
	}
	return d
}

// contactForm logs a call or message, or edits one.
func contactForm(f *planner.PatientFile, c planner.Contact, cx *context) *formDialog {
	now := cx.clock()
	v := newValues(cx)
	title := "Log a call or message"
	when := now
	if c.ID != "" {
		title, when = "Edit the contact", c.When
	}
	if c.Party == "" {
		c.Party = planner.PartyInsurer
	}
	form := newForm(cx,
		v.group(
			input(v, "when", "When", "YYYY-MM-DD HH:MM", when.Format("2006-01-02 15:04"), validDateTime),
			choose(v, "party", "With", "", choices(planner.Parties, nil), string(c.Party)),
			input(v, "person", "Who you spoke to", "Their name, to ask for them again", c.Person, nil),
			input(v, "ref", "Reference number", "The call's or the case's reference, if they gave one", c.Reference, nil),
			notes(v, "said", "What was said", c.Said),
		),
		v.group(
			yesNo(v, "decision", "Did they give a decision (an approval, a denial, a promise)?", "", v.flag("decision", c.Decision)),
			yesNo(v, "writing", "Is it confirmed in writing?", "", v.flag("writing", c.InWriting)),
			input(v, "follow", "Follow up by", "The day they promised to call back or decide; "+dateHelp, c.FollowUp.String(), validDate(true)),
			yesNo(v, "followDone", "Is the follow-up done?", "Then it leaves the agenda; x on the call does the same", v.flag("followDone", c.FollowUpDone)),
		),
	)
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := c
		rec.PatientID = f.Patient.ID
		rec.When, _ = parseDateTime(v.get("when"), when.Location())
		rec.Party, rec.Person, rec.Reference, rec.Said = planner.Party(v.get("party")), v.get("person"), v.get("ref"), v.long("said")
		rec.Decision, rec.InWriting, rec.FollowUp, rec.FollowUpDone = v.is("decision"), v.is("writing"), v.date("follow"), v.is("followDone")
		d.retry = contactForm(f, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		status := "Saved the " + string(rec.Party) + " contact of " + rec.When.Format("2006-01-02 15:04") + "."
		if r := rec.Reminder(); r != "" {
			status += " " + r
		}
		return []planner.Record{&rec}, status, nil
	}
	return d
}

func validDateTime(s string) error {
	_, err := parseDateTime(s, time.Local)
	return err
}

// parseDateTime reads "YYYY-MM-DD HH:MM", or a date alone (at noon).
func parseDateTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	day, clock, hasClock := strings.Cut(s, " ")
	d, err := planner.ReadDate(day)
	if err != nil {
		return time.Time{}, err
	}
	y, m, dd := d.Civil()
	if !hasClock {
		return time.Date(y, m, dd, 12, 0, 0, 0, loc), nil
	}
	t, err := time.Parse("15:04", strings.TrimSpace(clock))
	if err != nil {
		return time.Time{}, errors.New("enter the time as HH:MM, like 14:30, or leave only the date")
	}
	return time.Date(y, m, dd, t.Hour(), t.Minute(), 0, 0, loc), nil
}

// taskForm adds a task, or edits one.
func taskForm(f *planner.PatientFile, t planner.Task, cx *context) *formDialog {
	v := newValues(cx)
	title := "New task"
	if t.ID != "" {
		title = "Edit the task"
	}
	form := newForm(cx, v.group(
		input(v, "text", "What is to be done", "", t.Text, required("what is to be done")),
		input(v, "due", "By when", dateHelp+"; dated tasks go on the agenda", t.Due.String(), validDate(true)),
		yesNo(v, "done", "Done?", "", v.flag("done", t.Done)),
	))
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := t
		rec.PatientID = f.Patient.ID
		rec.Text, rec.Due, rec.Done = v.get("text"), v.date("due"), v.is("done")
		d.retry = taskForm(f, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		return []planner.Record{&rec}, "Saved the task '" + rec.Text + "'.", nil
	}
	return d
}

// denialForm records a denial and the appeal of it, or edits one.
func denialForm(f *planner.PatientFile, dn planner.Denial, cx *context) *formDialog {
	today := cx.today
	v := newValues(cx)
	title := "Record a denial"
	if dn.ID != "" {
		title = "Edit the denial of " + dn.Notice.String()
	}
	if dn.Reason == "" {
		dn.Reason, dn.Level = planner.ReasonNotNecessary, planner.LevelInternal
	}
	urgencies := make([]huh.Option[string], 0, len(planner.Urgencies))
	for _, u := range planner.Urgencies {
		urgencies = append(urgencies, huh.NewOption(u.String(), itoa(int(u))))
	}
	decisions := []huh.Option[string]{huh.NewOption("waiting, or not filed yet", ""),
		huh.NewOption("overturned: the plan will pay", string(planner.DecisionOverturned)),
		huh.NewOption("upheld: still denied", string(planner.DecisionUpheld))}
	form := newForm(cx,
		v.group(
			courseField(v, f, dn.CourseID),
			input(v, "notice", "Date of the denial notice", "YYYY-MM-DD, as printed on it; for an external review, the date of the final internal denial",
				dn.Notice.String(), validDate(false)),
			choose(v, "reason", "The reason it gives", "", choices(planner.DenialReasons, nil), string(dn.Reason)),
			notes(v, "reasonText", "The reason in the notice's words", dn.ReasonText),
			input(v, "ref", "Claim or case number", "As printed on the notice; the appeal letter cites it", dn.Reference, nil),
		).Title("The denial"),
		v.group(
			choose(v, "level", "Appeal level", "", choices(planner.AppealLevels, nil), string(dn.Level)),
			choose(v, "urgency", "The care is", "", urgencies, itoa(int(dn.Urgency))),
			input(v, "filed", "Appeal filed on", dateHelp+"; blank until it is filed", dn.Filed.String(), validDate(true)),
			choose(v, "decision", "Decision", "", decisions, string(dn.Decision)),
			input(v, "decided", "Decided on", dateHelp, dn.Decided.String(), validDate(true)),
			input(v, "override", "Deadline printed on the notice", dateHelp+"; if the notice gives a date to file by, it wins over the one carecost works out",
				dn.DeadlineOverride.String(), validDate(true)),
			notes(v, "notes", "Notes", dn.Notes),
		).Title("The appeal"),
	)
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := dn
		rec.PatientID, rec.CourseID = f.Patient.ID, planner.ID(v.get("course"))
		rec.Notice, rec.Reason, rec.ReasonText = v.date("notice"), planner.DenialReason(v.get("reason")), v.long("reasonText")
		rec.Reference = v.get("ref")
		rec.Level, rec.Urgency = planner.AppealLevel(v.get("level")), planner.Urgency(v.number("urgency"))
		rec.Filed, rec.Decision, rec.Decided = v.date("filed"), planner.Decision(v.get("decision")), v.date("decided")
		rec.DeadlineOverride, rec.Notes = v.date("override"), v.long("notes")
		d.retry = denialForm(f, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		return []planner.Record{&rec}, "Saved the denial of " + rec.Notice.String() + ". " + rec.NextStep(f.RouteFor(rec.CourseID), today), nil
	}
	d.after = func(records []planner.Record) []planner.Change { return f.ChangesAfter(records[0]) }
	return d
}

// preAuthForm records a pre-authorization, or edits one.
func preAuthForm(f *planner.PatientFile, p planner.PreAuthorization, cx *context) *formDialog {
	v := newValues(cx)
	title := "Record a pre-authorization"
	if p.ID != "" {
		title = "Edit the pre-authorization"
	}
	if p.Status == "" {
		p.Required, p.Status = planner.AnswerUnknown, planner.PreAuthNotStarted
	}
	form := newForm(cx,
		v.group(
			courseField(v, f, p.CourseID),
			choose(v, "required", "Does the plan require it?", "", choices(planner.Answers, nil), string(p.Required)),
			choose(v, "status", "Where it stands", "", choices(planner.PreAuthStatuses, nil), string(p.Status)),
			yesNo(v, "urgent", "Asked for as urgent (decided within 72 hours)?", "", v.flag("urgent", p.Urgent)),
			input(v, "submitted", "Submitted on", dateHelp, p.Submitted.String(), validDate(true)),
			input(v, "decided", "Decided on", dateHelp, p.Decided.String(), validDate(true)),
			input(v, "ref", "Reference number", "", p.Reference, nil),
		).Title("The request"),
		v.group(
			input(v, "sessions", "Sessions approved", "Blank if the approval does not say", numberText(p.ApprovedSessions), validNumber(0, 1000, true)),
			input(v, "from", "Approved from", dateHelp, p.ValidFrom.String(), validDate(true)),
			input(v, "to", "Approved until", dateHelp, p.ValidTo.String(), validDate(true)),
			yesNo(v, "writing", "Confirmed in writing?", "", v.flag("writing", p.InWriting)),
			notes(v, "notes", "Notes", p.Notes),
		).Title("The approval"),
	)
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := p
		rec.PatientID, rec.CourseID = f.Patient.ID, planner.ID(v.get("course"))
		rec.Required, rec.Status, rec.Urgent = planner.Answer(v.get("required")), planner.PreAuthStatus(v.get("status")), v.is("urgent")
		rec.Submitted, rec.Decided, rec.Reference = v.date("submitted"), v.date("decided"), v.get("ref")
		rec.ApprovedSessions, rec.ValidFrom, rec.ValidTo = v.number("sessions"), v.date("from"), v.date("to")
		rec.InWriting, rec.Notes = v.is("writing"), v.long("notes")
		d.retry = preAuthForm(f, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		return []planner.Record{&rec}, "Saved the pre-authorization: " + report.PreAuthLine(&rec) + ".", nil
	}
	d.after = func(records []planner.Record) []planner.Change { return f.ChangesAfter(records[0]) }
	return d
}

// checklistForm adds a document to a course's checklist, or edits one.
func checklistForm(f *planner.PatientFile, c planner.ChecklistItem, cx *context) *formDialog {
	today := cx.today
	v := newValues(cx)
	title := "New checklist document"
	if c.ID != "" {
		title = "Edit the checklist document"
	}
	if c.Status == "" {
		c.Status = planner.DocMissing
	}
	form := newForm(cx, v.group(
		courseField(v, f, c.CourseID),
		input(v, "title", "Document", "Like: letter from the therapist", c.Title, required("what the document is")),
		choose(v, "status", "Where it stands", "", choices(planner.DocStatuses, nil), string(c.Status)),
		input(v, "date", "Since", dateHelp+"; blank means today when it is not missing", c.Date.String(), validDate(true)),
		notes(v, "note", "Note", c.Note),
	))
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := c
		rec.PatientID, rec.CourseID = f.Patient.ID, planner.ID(v.get("course"))
		rec.Title, rec.Status, rec.Date, rec.Note = v.get("title"), planner.DocStatus(v.get("status")), v.date("date"), v.long("note")
		if rec.Date.IsZero() && rec.Status != planner.DocMissing {
			rec.Date = today
		}
		d.retry = checklistForm(f, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		return []planner.Record{&rec}, "Saved '" + rec.Title + "' (" + string(rec.Status) + ").", nil
	}
	return d
}

// estimateForm records a Good Faith Estimate and its bill, or edits one.
func estimateForm(f *planner.PatientFile, g planner.GoodFaithEstimate, cx *context) *formDialog {
	today := cx.today
	v := newValues(cx)
	title := "Record a Good Faith Estimate"
	if g.ID != "" {
		title = "Edit the Good Faith Estimate"
	}
	form := newForm(cx, v.group(
		courseField(v, f, g.CourseID),
		input(v, "provider", "From", "The provider or clinic that gave it", g.Provider, nil),
		input(v, "amount", "Estimate", "The total on the estimate", moneyText(g.Amount), validMoney(false)),
		input(v, "given", "Given on", dateHelp, g.Given.String(), validDate(true)),
		input(v, "bill", "Final bill", "Blank until the bill comes", moneyText(g.Bill), validMoney(true)),
		input(v, "billed", "Billed on", dateHelp+"; the 120 days to dispute count from it", g.Billed.String(), validDate(true)),
		yesNo(v, "disputed", "Has a dispute been started?", "", v.flag("disputed", g.Disputed)),
	))
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := g
		rec.PatientID, rec.CourseID = f.Patient.ID, planner.ID(v.get("course"))
		rec.Provider, rec.Amount, rec.Given = v.get("provider"), v.money("amount"), v.date("given")
		rec.Bill, rec.Billed, rec.Disputed = v.money("bill"), v.date("billed"), v.is("disputed")
		d.retry = estimateForm(f, rec, cx)
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		return []planner.Record{&rec}, "Saved the Good Faith Estimate: " + report.GoodFaithLine(&rec, today) + ".", nil
	}
	return d
}

// editItemForm is the form that edits an Approval item.
func editItemForm(f *planner.PatientFile, it approvalItem, cx *context) *formDialog {
	switch it.kind {
	case itemPreAuth:
		return preAuthForm(f, f.PreAuthorizations[it.i], cx)
	case itemChecklist:
		return checklistForm(f, f.Checklist[it.i], cx)
	case itemDenial:
		return denialForm(f, f.Denials[it.i], cx)
	case itemEstimate:
		return estimateForm(f, f.Estimates[it.i], cx)
	case itemTask:
		return taskForm(f, f.Tasks[it.i], cx)
	}
	return contactForm(f, f.Contacts[it.i], cx)
}

// letterChooser asks which letter to draft, and about which course.
func letterChooser(f *planner.PatientFile, cx *context) *formDialog {
	v := newValues(cx)
	kinds := make([]huh.Option[string], 0, len(report.LetterKinds))
	for _, k := range report.LetterKinds {
		kinds = append(kinds, huh.NewOption(k.Title(), itoa(int(k))))
	}
	// The letter the next step calls for, or the appeal once there is a
	// denial, or the request for prior authorization.
	initial := report.PreAuthRequest
	if len(f.Denials) > 0 {
		initial = report.InternalAppeal
	}
	for _, s := range f.NextSteps(cx.today) {
		if k, ok := report.LetterKindOf(s.Letter); ok && s.Action == planner.StepLetter {
			initial = k
			break
		}
	}
	form := newForm(cx, v.group(
		choose(v, "letter", "Which letter?", "", kinds, itoa(int(initial))),
		courseField(v, f, ""),
	))
	d := &formDialog{title: "Draft a letter", form: form, vals: v}
	d.act = func() action {
		return send(showLetterMsg{report.LetterKind(v.number("letter")), planner.ID(v.get("course"))})
	}
	return d
}
