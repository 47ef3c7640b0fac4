package tui

import (
	"slices"
	"strings"

	"carecost/planner"
)

// newRules lists the rules carecost applies, each with the year it was
// checked for and its source.
func newRules() *textOverlay {
	return &textOverlay{text: rulesText}
}

func rulesText(c *context, w int) string {
	st := &c.styles
	var b strings.Builder
	b.WriteString(st.Title.Render("The rules carecost applies") + "  (esc closes)\n\n")
	b.WriteString(wrap("Each rule with the year it was checked for and where it comes from. The kind of plan (tab 2) decides which appeal rules apply; "+
		"where a rule counts from the day a notice was received, carecost counts from its date, a few days early, to be safe. "+
		"A date printed on your own notice wins over any of these.", w, "") + "\n\n")
	rules := slices.Clone(planner.ApprovalRules)
	approval := len(rules)
	rules = append(rules, planner.RouteRules()...)
	for _, t := range planner.PovertyTables() {
		r := t.Rule()
		rules = append(rules, &r)
	}
	for i, r := range rules {
		b.WriteString(st.Title.Render(r.Name) + "\n")
		b.WriteString(wrap(r.Value+".", max(10, w-2), "  ") + "\n")
		b.WriteString(wrap("Source: "+r.Source+" (as of "+itoa(r.Year)+")", max(10, w-2), "  ") + "\n")
		// An older poverty table is right for programs that name its
		// year: only the newest is checked against today.
		stale := r.Year
		if i >= approval+len(planner.RouteRules()) {
			stale = planner.NewestGuidelineYear()
		}
		if y, _, _ := c.today.Civil(); !c.today.IsZero() && y > stale {
			b.WriteString(wrap(st.Warning.Render("Warning:")+" this rule was checked for "+itoa(r.Year)+"; check that it still holds.", max(10, w-2), "  ") + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}
