package report

import (
	"strconv"
	"strings"

	"carecost/planner"
)

// ApprovalMarkdown renders where the patient's fight for approval stands,
// as a Markdown section to follow the comparison: each course's
// pre-authorization, checklist and denials with their next steps; the open
// deadlines, counted from today; Good Faith Estimates; open tasks and the
// latest calls.
func ApprovalMarkdown(f *planner.PatientFile, today planner.Date) string {
	var b strings.Builder
	w := func(lines ...string) {
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	w("", "## Getting it approved", "")
	deadlines := f.OpenDeadlines()
	if len(deadlines) == 0 {
		w("No deadlines open.")
	} else {
		w("### Open deadlines", "")
		for _, d := range deadlines {
			line := "- **" + d.Due.String() + "** (" + d.Left(today) + "): " + d.What + " — " + d.Course
			if d.Overridden {
				line += " (the date on the notice)"
			} else if d.Rule != nil {
				line += " (" + d.Rule.Value + "; " + d.Rule.Source + ")"
			}
			w(line)
			if warn := d.Warning(today); warn != "" {
				w("  - " + warn)
			}
		}
	}
	for i := range f.Courses {
		c := &f.Courses[i]
		w("", "### "+c.Name, "", "Insurance status: "+c.Status.String()+".")
		for j := range f.PreAuthorizations {
			p := &f.PreAuthorizations[j]
			if p.CourseID != c.ID {
				continue
			}
			w("", "Pre-authorization: "+PreAuthLine(p)+".")
			if ended := p.Ended(today); ended != "" {
				w("- **Warning:** " + ended)
			}
			for _, warn := range p.Warnings(&c.Course) {
				w("- **Warning:** " + warn)
			}
		}
		items := f.CourseChecklist(c.ID)
		if len(items) > 0 {
			ready, total := f.ChecklistProgress(c.ID)
			w("", "Medical-necessity checklist: "+strconv.Itoa(ready)+" of "+strconv.Itoa(total)+" documents in hand.", "")
			for _, it := range items {
				mark := "[ ]"
				if it.Ready() {
					mark = "[x]"
				}
				line := "- " + mark + " " + it.Title + " — " + string(it.Status)
				if !it.Date.IsZero() {
					line += " " + it.Date.String()
				}
				if it.Note != "" {
					line += " (" + it.Note + ")"
				}
				w(line)
			}
		}
		for j := range f.Denials {
			d := &f.Denials[j]
			if d.CourseID != c.ID {
				continue
			}
			w("", "Denial of "+d.Notice.String()+" ("+string(d.Reason)+"), "+DenialStage(d)+".", "", "Next step: "+d.NextStep(f.RouteFor(d.CourseID), today))
		}
		for j := range f.Estimates {
			if g := &f.Estimates[j]; g.CourseID == c.ID {
				w("", "Good Faith Estimate"+ofProvider(g.Provider)+": "+GoodFaithLine(g, today)+".")
			}
		}
	}
	var open []planner.Task
	for _, t := range f.Tasks {
		if !t.Done {
			open = append(open, t)
		}
	}
	if len(open) > 0 {
		w("", "### To do", "")
		for _, t := range open {
			line := "- " + t.Text
			if !t.Due.IsZero() {
				line += " (by " + t.Due.String() + ")"
			}
			w(line)
		}
	}
	if contacts := f.ContactsNewestFirst(); len(contacts) > 0 {
		w("", "### Latest calls and messages", "")
		for _, c := range contacts[:min(5, len(contacts))] {
			w("- " + ContactLine(&c))
		}
	}
	return planner.Printable(b.String())
}

func ofProvider(p string) string {
	if p == "" {
		return ""
	}
	return " from " + p
}

// PreAuthLine says where a pre-authorization stands, in one line.
func PreAuthLine(p *planner.PreAuthorization) string {
	parts := []string{string(p.Status)}
	if p.Required != planner.AnswerYes {
		parts[0] = "required: " + string(p.Required) + "; " + parts[0]
	}
	if !p.Submitted.IsZero() {
		// "submitted, submitted 2026-11-20" says it twice: the date alone.
		if p.Status == planner.PreAuthSubmitted {
			parts[len(parts)-1] += " " + p.Submitted.String()
		} else {
			parts = append(parts, "submitted "+p.Submitted.String())
		}
	}
	if !p.Decided.IsZero() {
		parts = append(parts, "decided "+p.Decided.String())
	}
	if p.Reference != "" {
		parts = append(parts, "reference "+p.Reference)
	}
	if p.ApprovedSessions > 0 {
		parts = append(parts, strconv.Itoa(p.ApprovedSessions)+" sessions approved")
	}
	if !p.ValidFrom.IsZero() || !p.ValidTo.IsZero() {
		parts = append(parts, "valid "+dateOr(p.ValidFrom, "now")+" to "+dateOr(p.ValidTo, "no end given"))
	}
	if p.InWriting {
		parts = append(parts, "confirmed in writing")
	} else if p.Status == planner.PreAuthApproved || p.Status == planner.PreAuthDenied {
		parts = append(parts, "not in writing yet")
	}
	return strings.Join(parts, ", ")
}

func dateOr(d planner.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

// DenialStage says where the appeal of a denial stands.
func DenialStage(d *planner.Denial) string {
	level := string(d.Level)
	if d.Level != planner.LevelExternal {
		level += " appeal"
	}
	switch {
	case d.Filed.IsZero():
		return level + " not filed yet"
	case d.Decision == planner.DecisionNone:
		return level + " filed " + d.Filed.String() + ", waiting for the decision"
	}
	return level + " " + string(d.Decision) + on(d.Decided)
}

// GoodFaithLine compares a Good Faith Estimate with its bill.
func GoodFaithLine(g *planner.GoodFaithEstimate, today planner.Date) string {
	line := g.Amount.String() + " estimated"
	if !g.Given.IsZero() {
		line += " on " + g.Given.String()
	}
	if g.Billed.IsZero() && g.Bill == 0 {
		return line + "; no bill yet"
	}
	if g.Billed.IsZero() {
		return line + "; billed " + g.Bill.String() + " (enter the bill's date: the 120 days to dispute count from it)"
	}
	line += "; billed " + g.Bill.String() + " on " + g.Billed.String()
	ok, dl := g.Dispute()
	switch {
	case ok && g.Disputed:
		return line + " — " + (g.Bill - g.Amount).String() + " over; a dispute has been started"
	case ok:
		return line + " — " + (g.Bill - g.Amount).String() + " over the estimate, so a dispute is possible: start it by " +
			dl.Due.String() + " (" + dl.Left(today) + "; a $25 fee)"
	}
	if g.Bill <= g.Amount {
		return line + " — not above the estimate"
	}
	return line + " — " + (g.Bill - g.Amount).String() + " over the estimate, under the $400.00 that allows a dispute"
}

// ContactLine is one entry of the contact log in a line.
func ContactLine(c *planner.Contact) string {
	line := c.When.Format("2006-01-02 15:04") + ", " + string(c.Party)
	if c.Person != "" {
		line += " (" + c.Person + ")"
	}
	if c.Reference != "" {
		line += ", ref. " + c.Reference
	}
	if said := strings.Join(strings.Fields(c.Said), " "); said != "" {
		line += ": " + said
		if !strings.ContainsAny(said[len(said)-1:], ".!?") {
			line += "."
		}
	} else {
		line += "."
	}
	if !c.FollowUp.IsZero() {
		line += " Follow up by " + c.FollowUp.String() + "."
	}
	if c.InWriting {
		line += " In writing."
	} else if r := c.Reminder(); r != "" {
		line += " " + r
	}
	return line
}

// ApprovalLine is a line of where approval stands, as plain text: a
// heading, an item of a list (a checklist item shows "[x]" or "[ ]"), or
// a paragraph.
type ApprovalLine struct {
	Text          string
	Heading, Item bool
}

// ApprovalLines is ApprovalMarkdown as plain lines, for a PDF, a JSON
// report or any reader outside Markdown.
func ApprovalLines(f *planner.PatientFile, today planner.Date) []ApprovalLine {
	var out []ApprovalLine
	for _, raw := range strings.Split(ApprovalMarkdown(f, today), "\n") {
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
			continue
		case strings.HasPrefix(l, "#"):
			out = append(out, ApprovalLine{Text: strings.TrimSpace(strings.TrimLeft(l, "#")), Heading: true})
		case strings.HasPrefix(l, "- [x] "), strings.HasPrefix(l, "- [ ] "):
			out = append(out, ApprovalLine{Text: l[2:], Item: true})
		case strings.HasPrefix(l, "- "):
			out = append(out, ApprovalLine{Text: l[2:], Item: true})
		default:
			out = append(out, ApprovalLine{Text: l})
		}
		out[len(out)-1].Text = planner.Printable(strings.ReplaceAll(out[len(out)-1].Text, "**", ""))
	}
	return out
}
