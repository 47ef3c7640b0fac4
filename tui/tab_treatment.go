package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// treatmentTab shows the treatment courses: their fees, phases and prices,
// and every session's date.
type treatmentTab struct{}

func (treatmentTab) names() (string, string)                  { return "Treatment", "Treat" }
func (treatmentTab) records(ws *workspace) int                { return len(ws.file.Courses) }
func (treatmentTab) focusesSaved()                            {}
func (treatmentTab) recordID(ws *workspace, i int) planner.ID { return ws.file.Courses[i].ID }
func (treatmentTab) keys(k KeyMap) (short, all []key.Binding) {
	return []key.Binding{k.New, k.Edit, relabel(k.Mark, "insurance status")},
		[]key.Binding{relabel(k.New, "new course"), relabel(k.Edit, "edit the course"), relabel(k.Mark, "change where it stands with insurance"),
			relabel(k.Delete, "delete the course")}
}

func (t treatmentTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	f := &ws.file
	i, ok := ws.selected(t)
	switch {
	case key.Matches(msg, c.keys.New):
		return pushModal{courseForm(f, planner.CourseRecord{}, c)}
	case key.Matches(msg, c.keys.Edit) && ok:
		return pushModal{courseForm(f, f.Courses[i], c)}
	case key.Matches(msg, c.keys.Mark) && ok:
		return pushModal{statusChoice(f, f.Courses[i])}
	case key.Matches(msg, c.keys.Delete) && ok:
		course := f.Courses[i]
		return askDelete("the course '"+course.Name+"'"+f.RecordsOf(course.ID).String(), &course, f.Patient.ID)
	}
	return pass{}
}

func (t treatmentTab) draw(ws *workspace, cx *context, w int) (string, int) {
	st := &cx.styles
	sel := -1
	var b strings.Builder
	if len(ws.file.Courses) == 0 {
		return "No treatment course entered. Press n to add one.\n", -1
	}
	for i, cr := range ws.file.Courses {
		c := &cr.Course
		if at, _ := ws.selected(t); at == i {
			sel = lines(&b)
		}
		b.WriteString(ws.marker(cx, t, i) + st.Title.Render(c.Name) + " — insurance: " + cr.Status.String() + "\n")
		if who := givenBy(&cr); who != "" {
			b.WriteString("  " + line(st, "Given by", who) + "\n")
		}
		for _, f := range c.Fees {
			b.WriteString("  " + line(st, f.Name, "once, on "+c.Start.String()+"; "+priceText(f.Price)) + "\n")
		}
		for _, ph := range c.Phases {
			count := plural(ph.Sessions, "session")
			if ph.Sessions == 0 {
				count = "for " + itoa(ph.ForMonths) + " months"
			}
			text := count + ", " + ph.Spacing.String() + "; " + priceText(ph.Price)
			if ph.PackagePrice > 0 {
				text += "; package " + ph.PackagePrice.String()
			}
			b.WriteString("  " + line(st, ph.Name, text) + "\n")
		}
		if c.PayUpFrontDiscount > 0 {
			b.WriteString("  " + line(st, "Pay-up-front discount", c.PayUpFrontDiscount.String()) + "\n")
		}
		for _, o := range c.OtherCosts {
			when := "each session"
			if !o.PerSession {
				when = "once, on " + c.Start.String()
			}
			b.WriteString("  " + line(st, o.Name, o.Amount.String()+" "+when+" (beside the bill)") + "\n")
		}
		b.WriteString("  " + st.Label.Render("Sessions:") + "\n")
		for _, cl := range c.Claims() {
			b.WriteString("    " + cl.Date.String() + "  " + cl.Label(c) + "\n")
		}
		b.WriteString("\n")
	}
	return b.String(), sel
}

func priceText(p planner.Price) string {
	return "billed " + p.Billed.String() + ", allowed " + p.AllowedInNetwork.String() + " in network / " +
		p.AllowedOutOfNetwork.String() + " out, cash " + p.Cash.String()
}

// givenBy names who gives a course: its provider (with the NPI) at its
// clinic; "" when neither is recorded.
func givenBy(c *planner.CourseRecord) string {
	who := c.Provider
	if c.NPI != "" {
		who = strings.TrimSpace(who + " (NPI " + c.NPI + ")")
	}
	if c.Clinic != "" {
		if who != "" {
			who += " at "
		}
		who += c.Clinic
	}
	return who
}
