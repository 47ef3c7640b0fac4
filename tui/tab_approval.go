package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
	"carecost/planner/report"
)

// approvalTab is the fight for approval.
type approvalTab struct{}

func (approvalTab) names() (string, string)   { return "Approval", "Appr" }
func (approvalTab) records(ws *workspace) int { return len(ws.approval) }
func (approvalTab) focusesSaved()             {}

func (approvalTab) recordID(ws *workspace, i int) planner.ID {
	if r, _ := ws.itemRecord(ws.approval[i]); r != nil {
		return *r.RecordID()
	}
	return ""
}

func (approvalTab) keys(k KeyMap) (short, all []key.Binding) {
	return []key.Binding{k.New, k.Call, relabel(k.Mark, "mark"), relabel(k.Letter, "letter")},
		[]key.Binding{relabel(k.New, "add a record"), k.Call, relabel(k.Edit, "edit the record"), relabel(k.Delete, "delete the record"),
			relabel(k.Mark, "a document's next status, a task or a follow-up done, a call in writing")}
}

// key: add, log a call, edit, delete, mark.
func (t approvalTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	k, f := &c.keys, &ws.file
	it, ok := ws.selectedItem()
	switch {
	case key.Matches(msg, k.New):
		return pushModal{addChooser(f, c)}
	case key.Matches(msg, k.Call):
		return pushModal{contactForm(f, planner.Contact{}, c)}
	case key.Matches(msg, k.Edit) && ok:
		return pushModal{editItemForm(f, it, c)}
	case key.Matches(msg, k.Edit):
		return pushModal{patientForm(f.Patient, c)}
	case key.Matches(msg, k.Delete) && ok:
		r, what := ws.itemRecord(it)
		return askDelete(what, r, f.Patient.ID)
	case key.Matches(msg, k.Mark) && ok:
		r, status := ws.markItem(it)
		if r == nil {
			return setStatus{status, false}
		}
		// The records on screen are not the new ones until read again: a
		// second mark waits for the first.
		return saveRecords{records: []planner.Record{r}, status: status, patient: f.Patient.ID, exclusive: true}
	case key.Matches(msg, k.Delete, k.Mark):
		return nil
	}
	return pass{}
}

// The Approval tab lists a patient's fight for approval: the open
// deadlines, then each course's pre-authorizations, checklist, denials and
// Good Faith Estimates, then the tasks and the contact log, newest first.
// Every record is an item to select, edit, delete or mark.

// itemKind is the kind of record an Approval item is.
type itemKind int

const (
	itemPreAuth itemKind = iota
	itemChecklist
	itemDenial
	itemEstimate
	itemTask
	itemContact
)

// approvalItem is a record on the Approval tab: its kind and its index in
// the patient file's slice of that kind.
type approvalItem struct {
	kind itemKind
	i    int
}

// approvalItems lists the tab's records in the order it shows them.
func approvalItems(f *planner.PatientFile) []approvalItem {
	var out []approvalItem
	kinds := []struct {
		kind itemKind
		n    int
	}{{itemPreAuth, len(f.PreAuthorizations)}, {itemChecklist, len(f.Checklist)}, {itemDenial, len(f.Denials)}, {itemEstimate, len(f.Estimates)}}
	for _, c := range f.Courses {
		for _, k := range kinds {
			for i := range k.n {
				if it := (approvalItem{k.kind, i}); itemCourse(f, it) == c.ID {
					out = append(out, it)
				}
			}
		}
	}
	for i := range f.Tasks {
		out = append(out, approvalItem{itemTask, i})
	}
	for _, i := range contactOrder(f) {
		out = append(out, approvalItem{itemContact, i})
	}
	return out
}

// contactOrder is the indexes of the contacts, the newest first.
func contactOrder(f *planner.PatientFile) []int {
	order := make([]int, len(f.Contacts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return f.Contacts[b].When.Compare(f.Contacts[a].When) })
	return order
}

// selectedItem is the Approval item selected, if any.
func (ws *workspace) selectedItem() (approvalItem, bool) {
	if i, ok := ws.selected(approvalTab{}); ok {
		return ws.approval[i], true
	}
	return approvalItem{}, false
}

func (approvalTab) draw(ws *workspace, c *context, w int) (string, int) {
	f := &ws.file
	st := &c.styles
	var b strings.Builder
	out := func(s string) { b.WriteString(s + "\n") }
	selected, _ := ws.selectedItem()
	at := -1
	// marker marks the selected item, and notes the line it starts on.
	marker := func(it approvalItem) string {
		if it == selected && len(ws.approval) > 0 {
			at = lines(&b)
		}
		return c.marker(it == selected && len(ws.approval) > 0)
	}
	out(st.Title.Render("Open deadlines"))
	deadlines := f.OpenDeadlines()
	if len(deadlines) == 0 {
		out("  None open.")
	}
	for _, d := range deadlines {
		left := d.Left(ws.today)
		if ws.today > d.Due {
			left = st.Warning.Render(left)
		}
		out("  " + d.Due.String() + "  " + left + "  " + d.What + " — " + d.Course)
		switch {
		case d.Overridden:
			out("      The date printed on the notice.")
		case d.Rule != nil:
			out("      " + st.Subtle.Render("Rule: "+d.Rule.Source+", as of "+itoa(d.Rule.Year)+" (r lists the rules)."))
		}
		if warn := d.Warning(ws.today); warn != "" {
			out("      " + st.Warning.Render("Warning:") + " " + warn)
		}
	}
	if len(f.Courses) == 0 {
		out("\nNo treatment course yet: add one on tab 3; its checklist and approval records go here.")
	}
	for _, c := range f.Courses {
		out("\n" + st.Title.Render(c.Name) + " — insurance: " + c.Status.String())
		ready, total := f.ChecklistProgress(c.ID)
		any := false
		for _, it := range ws.approval {
			if rec := itemCourse(&ws.file, it); rec != c.ID {
				continue
			}
			any = true
			switch it.kind {
			case itemPreAuth:
				p := &f.PreAuthorizations[it.i]
				out(marker(it) + st.Label.Render("Pre-authorization:") + " " + report.PreAuthLine(p))
				warnings := p.Warnings(&c.Course)
				if ended := p.Ended(ws.today); ended != "" {
					warnings = append([]string{ended}, warnings...)
				}
				for _, warn := range warnings {
					out("      " + st.Warning.Render("Warning:") + " " + warn)
				}
			case itemChecklist:
				if it == ws.firstOfKind(itemChecklist, c.ID) {
					out("  " + st.Label.Render("Medical-necessity checklist:") + " " + itoa(ready) + " of " + itoa(total) + " documents in hand")
				}
				item := &f.Checklist[it.i]
				mark := "[ ]"
				if item.Ready() {
					mark = "[x]"
				}
				text := marker(it) + "  " + mark + " " + item.Title + " — " + string(item.Status)
				if !item.Date.IsZero() {
					text += " " + item.Date.String()
				}
				if item.Note != "" {
					text += " (" + item.Note + ")"
				}
				out(text)
			case itemDenial:
				d := &f.Denials[it.i]
				out(marker(it) + st.Label.Render("Denial") + " of " + d.Notice.String() + " (" + string(d.Reason) + "): " + report.DenialStage(d))
				out("      Next step: " + d.NextStep(f.RouteFor(d.CourseID), ws.today))
			case itemEstimate:
				g := &f.Estimates[it.i]
				out(marker(it) + st.Label.Render("Good Faith Estimate:") + " " + report.GoodFaithLine(g, ws.today))
			}
		}
		if !any {
			out("  Nothing recorded yet: press n to add a pre-authorization, a document or a denial.")
		}
	}
	if steps := f.NextSteps(ws.today); len(steps) > 0 {
		out("\n" + st.Title.Render("Next steps"))
		for _, step := range steps {
			out("  - " + step.What + " " + st.Subtle.Render("("+stepKey(step)+")"))
		}
	}
	out("\n" + st.Title.Render("Tasks"))
	if len(f.Tasks) == 0 {
		out("  None. Press n to add one.")
	}
	for _, it := range ws.approval {
		if it.kind != itemTask {
			continue
		}
		t := &f.Tasks[it.i]
		mark := "[ ]"
		if t.Done {
			mark = "[x]"
		}
		line := marker(it) + mark + " " + t.Text
		if !t.Due.IsZero() {
			line += " — by " + t.Due.String()
			if !t.Done {
				line += " (" + planner.Deadline{Due: t.Due}.Left(ws.today) + ")"
			}
		}
		out(line)
	}
	out("\n" + st.Title.Render("Contact log") + " (newest first; press c to log a call)")
	if len(f.Contacts) == 0 {
		out("  No calls or messages logged yet.")
	}
	for _, it := range ws.approval {
		if it.kind == itemContact {
			out(marker(it) + report.ContactLine(&f.Contacts[it.i]))
		}
	}
	out("\n" + st.Subtle.Render("n add · c log a call · e edit · d delete · x next status or done · L draft a letter · r the rules"))
	return b.String(), at
}

// stepKey says which key carries a next step out.
func stepKey(s planner.Step) string {
	switch s.Action {
	case planner.StepCall:
		return "c logs the call"
	case planner.StepEdit:
		return "e on the record"
	}
	if k, ok := report.LetterKindOf(s.Letter); ok {
		return "L: " + strings.ToLower(k.Title()[:1]) + k.Title()[1:]
	}
	return "L"
}

// itemCourse is the course an item is about; "" for tasks and contacts.
func itemCourse(f *planner.PatientFile, it approvalItem) planner.ID {
	switch it.kind {
	case itemPreAuth:
		return f.PreAuthorizations[it.i].CourseID
	case itemChecklist:
		return f.Checklist[it.i].CourseID
	case itemDenial:
		return f.Denials[it.i].CourseID
	case itemEstimate:
		return f.Estimates[it.i].CourseID
	}
	return ""
}

// firstOfKind is the first item of a kind about a course.
func (ws *workspace) firstOfKind(kind itemKind, course planner.ID) approvalItem {
	for _, it := range ws.approval {
		if it.kind == kind && itemCourse(&ws.file, it) == course {
			return it
		}
	}
	return approvalItem{kind: -1}
}

// itemRecord is the record an item stands for, as a copy to change and
// save, and its name in words for questions.
func (ws *workspace) itemRecord(it approvalItem) (planner.Record, string) {
	f := &ws.file
	switch it.kind {
	case itemPreAuth:
		p := f.PreAuthorizations[it.i]
		return &p, "the pre-authorization of " + f.CourseName(p.CourseID)
	case itemChecklist:
		c := f.Checklist[it.i]
		return &c, "the checklist item '" + c.Title + "'"
	case itemDenial:
		d := f.Denials[it.i]
		return &d, "the denial of " + d.Notice.String()
	case itemEstimate:
		g := f.Estimates[it.i]
		return &g, "the Good Faith Estimate of " + g.Amount.String()
	case itemTask:
		t := f.Tasks[it.i]
		return &t, "the task '" + t.Text + "'"
	case itemContact:
		c := f.Contacts[it.i]
		return &c, "the contact of " + c.When.Format("2006-01-02 15:04")
	}
	return nil, ""
}

// markItem is what x does to the selected item: a document moves to its
// next status (dated today), a task is done or open again, a contact is
// confirmed in writing or not. It returns the changed record and what to
// say, or nil when x does nothing to that kind.
func (ws *workspace) markItem(it approvalItem) (planner.Record, string) {
	f := &ws.file
	switch it.kind {
	case itemChecklist:
		c := f.Checklist[it.i]
		if !c.Advance(ws.today) {
			return nil, "'" + c.Title + "' is already " + string(c.Status) + ": press e to change it."
		}
		return &c, "'" + c.Title + "' is now " + string(c.Status) + " (" + ws.today.String() + ")."
	case itemTask:
		t := f.Tasks[it.i]
		t.Done = !t.Done
		if t.Done {
			return &t, "Done: " + t.Text + "."
		}
		return &t, "Open again: " + t.Text + "."
	case itemContact:
		c := f.Contacts[it.i]
		day := c.When.Format("2006-01-02")
		if c.FollowUp.IsZero() {
			c.InWriting = !c.InWriting
			if c.InWriting {
				return &c, "The contact of " + day + " is confirmed in writing."
			}
			return &c, "The contact of " + day + " is no longer marked in writing."
		}
		c.FollowUpDone = !c.FollowUpDone
		if c.FollowUpDone {
			return &c, "The follow-up of the contact of " + day + " is done; it leaves the agenda."
		}
		return &c, "The follow-up of the contact of " + day + " is open again."
	}
	return nil, "x marks a checklist document's next status, a task done, or a call's follow-up done; press e to edit this one."
}
