package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// insuranceTab shows the patient's plans: cost sharing in and out of
// network, what is met so far, and how each course stands with them.
type insuranceTab struct{}

func (insuranceTab) names() (string, string)                  { return "Insurance", "Ins" }
func (insuranceTab) records(ws *workspace) int                { return len(ws.file.Plans) }
func (insuranceTab) focusesSaved()                            {}
func (insuranceTab) recordID(ws *workspace, i int) planner.ID { return ws.file.Plans[i].ID }
func (insuranceTab) keys(k KeyMap) (short, all []key.Binding) {
	return []key.Binding{k.New, k.Edit}, []key.Binding{relabel(k.New, "new plan"), relabel(k.Edit, "edit the plan"), relabel(k.Delete, "delete the plan")}
}

func (t insuranceTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	f := &ws.file
	i, ok := ws.selected(t)
	switch {
	case key.Matches(msg, c.keys.New):
		return pushModal{planForm(f.Patient.ID, planner.PlanRecord{}, c)}
	case key.Matches(msg, c.keys.Edit) && ok:
		return pushModal{planForm(f.Patient.ID, f.Plans[i], c)}
	case key.Matches(msg, c.keys.Delete) && ok:
		p := f.Plans[i]
		return askDelete("the plan '"+p.Name+"'", &p, f.Patient.ID)
	}
	return pass{}
}

func (t insuranceTab) draw(ws *workspace, c *context, w int) (string, int) {
	st := &c.styles
	sel := -1
	var b strings.Builder
	if len(ws.file.Plans) == 0 {
		return "No insurance plan entered. Press n to add one.\n", -1
	}
	for i, p := range ws.file.Plans {
		if at, _ := ws.selected(t); at == i {
			sel = lines(&b)
		}
		b.WriteString(ws.marker(c, t, i) + st.Title.Render(p.Name) + planInsurer(p) + "\n")
		b.WriteString(line(st, "Kind of plan", planKindText(p.Kind)) + "\n")
		b.WriteString(line(st, "Plan year starts", p.PlanYearStart.String()+" (the deductible and out-of-pocket amounts start over each year on this day)") + "\n")
		if p.Group != "" {
			b.WriteString(line(st, "Group", p.Group) + "\n")
		}
		if p.Phone != "" {
			b.WriteString(line(st, "Phone", p.Phone) + "\n")
		}
		b.WriteString(tierLines(st, "In network", &p.InNetwork, p.Met.InNetwork))
		if p.OutOfNetworkCovered {
			b.WriteString(tierLines(st, "Out of network", &p.OutOfNetwork, p.Met.OutOfNetwork))
		} else {
			b.WriteString(st.Title.Render("Out of network") + ": the plan pays nothing.\n")
		}
		if !p.Met.AsOf.IsZero() {
			b.WriteString(line(st, "Amounts met are as of", p.Met.AsOf.String()) + "\n")
		}
		if p.Family {
			embedded := "not embedded: only the family deductible counts"
			if p.EmbeddedDeductible {
				embedded = "embedded: your own deductible is met at your amount or the family's, whichever comes first"
			}
			b.WriteString(line(st, "Family plan", embedded) + "\n")
		}
		b.WriteString("\n")
	}
	for _, c := range ws.file.Courses {
		b.WriteString(line(st, "Coverage of "+c.Name, c.Status.String()+" (change it with e on the Treatment tab)") + "\n")
	}
	b.WriteString(st.Subtle.Render(wrap("Press g for what deductible, coinsurance, copay and out-of-pocket maximum mean.", w, "")) + "\n")
	return b.String(), sel
}

// planKindText says the kind of plan and the appeal route it sets.
func planKindText(k planner.PlanKind) string {
	r := planner.RouteOf(k)
	text := string(k)
	if r.Assumed {
		text = "not recorded (press e to say; the rules of employer and marketplace plans are used)"
	}
	first := planner.With(r.First) + " within " + window(r.FileDays, r.FileMonths)
	switch {
	case r.None:
		return text + ": " + r.Explain
	case r.Next == "":
		return text + "; appeals: " + first
	case r.NextAuto:
		return text + "; appeals: " + first + ", then " + r.Next + ", which the plan asks for"
	}
	return text + "; appeals: " + first + ", then " + r.Next + " within " + window(r.NextDays, r.NextMonths)
}

func window(days, months int) string {
	if months > 0 {
		return itoa(months) + " months"
	}
	return itoa(days) + " days"
}

func tierLines(st *Styles, name string, t *planner.CostSharing, met planner.Accumulated) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(name) + "\n")
	b.WriteString("  " + line(st, "Deductible", t.Deductible.String()+" ("+met.Deductible.String()+" met)") + "\n")
	b.WriteString("  " + line(st, "Coinsurance", t.Coinsurance.String()+" (your share after the deductible)") + "\n")
	if t.CopayRule != planner.NoCopay {
		b.WriteString("  " + line(st, "Copay", t.Copay.String()+", "+t.CopayRule.String()) + "\n")
	}
	oop := "none entered"
	if t.HasOutOfPocketMax {
		oop = t.OutOfPocketMax.String() + " (" + met.OutOfPocket.String() + " met)"
	}
	b.WriteString("  " + line(st, "Out-of-pocket maximum", oop) + "\n")
	return b.String()
}
