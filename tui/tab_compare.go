package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
	"carecost/planner/report"
)

// compareTab sets the scenarios side by side: a table of their figures, a
// bar of each net total, and the selected one's flags and months.
type compareTab struct{}

func (compareTab) names() (string, string)   { return "Compare", "Comp" }
func (compareTab) records(ws *workspace) int { return len(ws.comparison.Entries) }

// Compare lists the scenarios in their own order, so a scenario just
// saved or copied is selected on it too.
func (compareTab) focusesSaved() {}
func (compareTab) recordID(ws *workspace, i int) planner.ID {
	if i < len(ws.file.Scenarios) {
		return ws.file.Scenarios[i].ID
	}
	return ""
}
func (compareTab) keys(k KeyMap) (short, all []key.Binding) {
	return scenarioKeys(k)
}

// first selects the scenario of the lowest net total.
func (compareTab) first(ws *workspace) int {
	if len(ws.comparison.ByNetTotal) > 0 {
		return ws.comparison.ByNetTotal[0]
	}
	return 0
}

// key: up and down choose a scenario (the details below follow it, where
// the person has scrolled to); the rest as on the Scenarios tab.
func (t compareTab) key(ws *workspace, c *context, msg tea.KeyPressMsg) action {
	i, ok := ws.selected(t)
	at := &ws.sel[ws.tab]
	switch {
	case key.Matches(msg, c.keys.Up):
		*at = max(0, *at-1)
		return nil
	case key.Matches(msg, c.keys.Down):
		*at = min(max(0, t.records(ws)-1), *at+1)
		return nil
	}
	return scenarioKey(ws, c, msg, i, ok && i < len(ws.file.Scenarios))
}

// compareColumn is one figure of the comparison table.
type compareColumn struct {
	title string
	width int
	value func(s *planner.Summary) string
}

// compareColumns are the table's figures, most important first: a narrow
// window drops them from the end. The column key below the table says what
// the short titles mean.
var compareColumns = []compareColumn{
	{"Net total", 11, func(s *planner.Summary) string { return s.NetTotal.String() }},
	{"Up front", 10, func(s *planner.Summary) string { return s.DueUpFront.String() }},
	{"Top month", 10, func(s *planner.Summary) string { return s.HighestMonthly.String() }},
	{"Months", 6, func(s *planner.Summary) string { return itoa(s.MonthsWithPayments) }},
	{"Int+fees", 10, func(s *planner.Summary) string { return (s.Interest + s.Fees).String() }},
	{"Over", 5, func(s *planner.Summary) string { return itoa(s.MonthsOverBudget) }},
	{"Unfunded", 10, func(s *planner.Summary) string { return s.UnfundedGap.String() }},
}

// compare draws the side-by-side table, the bar chart of net totals, and
// the selected scenario's figures, flags and month-by-month timeline.
func (t compareTab) draw(ws *workspace, cx *context, w int) (string, int) {
	st := &cx.styles
	c := &ws.comparison
	if len(c.Entries) == 0 {
		return "No funding scenarios yet: there is nothing to compare.\n", -1
	}
	selected, _ := ws.selected(t)
	if cx.accessible {
		return ws.compareLines(selected), -1
	}
	var b strings.Builder
	// As many figure columns as fit beside a name of at least 18 cells.
	nameW, cols := 18, 0
	used := nameW + 2
	for _, col := range compareColumns {
		if used+col.width+1 > w {
			break
		}
		used += col.width + 1
		cols++
	}
	nameW += max(0, min(w-used, 12))
	header := padRight("  Scenario", nameW+2)
	for _, col := range compareColumns[:cols] {
		header += " " + padLeft(col.title, col.width)
	}
	b.WriteString(st.Label.Render(header) + "\n")
	for i, e := range c.Entries {
		mark := cx.marker(i == selected)
		// A plan that is not available now says so after its name.
		tag := ""
		if e.Err == nil {
			// Short words where the name would be cut to almost nothing.
			short := nameW < 26
			switch e.Standing() {
			case planner.IfApproved:
				tag = pick(short, " (if appr.)", " (if approved)")
			case planner.LeavesGap:
				tag = pick(short, " (gap)", " (leaves a gap)")
			case planner.NeverPaidOff:
				tag = pick(short, " (unpaid)", " (never paid off)")
			}
		}
		row := mark + padRight(cut(e.Result.Name, max(4, nameW-len(tag)))+tag, nameW)
		if e.Err != nil {
			row += " " + cut("cannot be worked out: "+e.Err.Error(), max(0, w-nameW-3))
		} else {
			for _, col := range compareColumns[:cols] {
				row += " " + padLeft(col.value(&e.Result.Summary), col.width)
			}
		}
		if i == selected {
			row = st.Selected.Render(row)
		}
		b.WriteString(row + "\n")
	}
	for _, l := range report.Advice(*c) {
		b.WriteString(l + "\n") // wrapped with a hanging indent, as every line of a tab
	}
	key := "Net total: what the course costs in all, after insurance, help and tax savings, with interest, fees and costs beside the bill. " +
		"Up front: what is paid on the first day. Top month: the highest month of payments from income. Months: months with payments. " +
		"Int+fees: interest and fees. Over: months over budget. Unfunded: what no way to pay covers."
	if cols < len(compareColumns) {
		var left []string
		for _, col := range compareColumns[cols:] {
			left = append(left, col.title)
		}
		key += " Not shown at this width: " + strings.Join(left, ", ") + " (widen the window, or see the selected scenario below)."
	}
	b.WriteString(st.Subtle.Render(key) + "\n")
	if pending := ws.pendingLines(); len(pending) > 0 {
		b.WriteString("\n" + st.Title.Render("With and without pending grants") + "\n")
		for _, l := range pending {
			b.WriteString(wrap(l, w, "  ") + "\n")
		}
	}
	b.WriteString("\n" + st.Title.Render("Net totals") + "\n")
	b.WriteString(ws.netTotalBars(w, st))
	if sel := &c.Entries[selected]; sel.Err == nil {
		b.WriteString("\n" + ws.details(w, st, &sel.Result))
	}
	return b.String(), -1
}

// netTotalBars draws a bar for each scenario's net total, the figure beside
// it.
func (ws *workspace) netTotalBars(w int, st *Styles) string {
	c := &ws.comparison
	var most planner.Money
	for _, e := range c.Entries {
		if e.Err == nil {
			most = max(most, e.Result.Summary.NetTotal)
		}
	}
	nameW := min(26, max(10, w/4))
	barW := max(1, w-nameW-16)
	var b strings.Builder
	for _, e := range c.Entries {
		if e.Err != nil {
			continue
		}
		net := e.Result.Summary.NetTotal
		n := 0
		if most > 0 && net > 0 {
			n = max(1, int(int64(net)*int64(barW)/int64(most)))
		}
		b.WriteString(padRight(cut(e.Result.Name, nameW), nameW) + " " + st.Bar.Render(strings.Repeat("█", n)) +
			strings.Repeat(" ", barW-n) + " " + padLeft(net.String(), 13) + "\n")
	}
	return b.String()
}

// details is the selected scenario: its figures, flags and timeline.
func (ws *workspace) details(w int, st *Styles, r *planner.Result) string {
	var b strings.Builder
	s := &r.Summary
	b.WriteString(st.Title.Render(r.Name) + "\n")
	b.WriteString(("Care cost " + s.CareCost.String() + " · insurer pays " + s.InsurerPays.String() + " · assistance " + s.Assistance.String() +
		" · out of pocket " + s.OutOfPocket.String() + " · interest " + s.Interest.String() + " · fees " + s.Fees.String() +
		" · tax savings (estimate) " + s.TaxSavings.String() + " · unfunded " + s.UnfundedGap.String() + otherCostsText(s) + " · net total " + s.NetTotal.String()) + "\n")
	for k, l := range report.SourceLines(r) {
		b.WriteString(st.Label.Render(itoa(k+1)+")") + " " + l + "\n")
	}
	for _, f := range r.Flags {
		label, style := "Note:", st.Value
		if f.Severity == planner.Warning {
			label, style = "Warning:", st.Warning
		}
		b.WriteString(style.Render(label) + " " + f.Text() + "\n")
	}
	b.WriteString("\n" + st.Title.Render("Month by month") + " " + st.Subtle.Render(ws.budgetNote()) + "\n")
	// Paid back (superbills reimbursed) and other costs are columns of
	// their own when the scenario has any, so the dip in cash shows.
	var most planner.Money
	paidBack, other := false, false
	for _, m := range r.Months {
		most = max(most, m.FromIncome)
		paidBack = paidBack || m.Reimbursed != 0
		other = other || m.OtherCosts != 0
	}
	chartW := max(4, w-58-len(" over")-12*(btoi(paidBack)+btoi(other)))
	budget := ws.file.Patient.MonthlyBudget
	scale := max(most, budget)
	head := padRight("Month", 9) + padLeft("Sessions", 9) + padLeft("Charged", 12)
	if paidBack {
		head += padLeft("Paid back", 12)
	}
	head += padLeft("From income", 13)
	if other {
		head += padLeft("Other", 12)
	}
	b.WriteString(st.Label.Render(head+padLeft("Owed", 12)) + "\n")
	for i, m := range r.Months {
		var owed planner.Money
		for k := range r.Sources {
			owed += r.Owed(i, k)
		}
		row := padRight(m.Month.Label(), 9) + padLeft(itoa(m.Sessions), 9) + padLeft(m.Charges.String(), 12)
		if paidBack {
			row += padLeft(m.Reimbursed.String(), 12)
		}
		row += padLeft(m.FromIncome.String(), 13)
		if other {
			row += padLeft(m.OtherCosts.String(), 12)
		}
		row += padLeft(owed.String(), 12) + "  " + bar(m.FromIncome, budget, scale, chartW, st)
		if m.OverBudget {
			row += st.Warning.Render(" over")
		}
		b.WriteString(row + "\n")
	}
	return b.String()
}

func (ws *workspace) budgetNote() string {
	if b := ws.file.Patient.MonthlyBudget; b > 0 {
		return "(payments from income; │ marks the " + b.String() + " monthly budget)"
	}
	return "(payments from income; no monthly budget entered)"
}

// bar draws amount as a bar of width cells at the scale, with │ where the
// budget falls. Each run of cells is styled once.
func bar(amount, budget, scale planner.Money, width int, st *Styles) string {
	if scale <= 0 {
		return ""
	}
	n := int(int64(amount) * int64(width) / int64(scale))
	if budget <= 0 {
		return st.Bar.Render(strings.Repeat("█", n))
	}
	mark := min(width-1, int(int64(budget)*int64(width)/int64(scale)))
	before := st.Bar.Render(strings.Repeat("█", min(n, mark))) + strings.Repeat(" ", max(0, mark-n))
	after := ""
	if n > mark+1 {
		after = st.Bar.Render(strings.Repeat("█", n-mark-1))
	}
	return before + st.Budget.Render("│") + after
}

// compareLines is the comparison as labelled lines, for screen readers.
func (ws *workspace) compareLines(selected int) string {
	c := &ws.comparison
	var b strings.Builder
	b.WriteString("Comparison of " + itoa(len(c.Entries)) + " scenarios. Up and down choose one.\n")
	for i, e := range c.Entries {
		sel := ""
		if i == selected {
			sel = " (selected)"
		}
		if e.Err != nil {
			b.WriteString("Scenario " + itoa(i+1) + sel + ": " + e.Result.Name + " cannot be worked out: " + e.Err.Error() + "\n")
			continue
		}
		s := &e.Result.Summary
		standing := ""
		if note := report.Standing(&e); note != "" {
			standing = " Not available now: " + note + "."
		}
		b.WriteString("Scenario " + itoa(i+1) + sel + ": " + e.Result.Name + "." + standing + " Net total: " + s.NetTotal.String() +
			". Care cost: " + s.CareCost.String() + ". Insurer pays: " + s.InsurerPays.String() + ". Assistance: " + s.Assistance.String() +
			". Out of pocket: " + s.OutOfPocket.String() + ". Interest: " + s.Interest.String() + ". Fees: " + s.Fees.String() +
			". Tax savings (estimate): " + s.TaxSavings.String() + ". Up front: " + s.DueUpFront.String() + ". Highest month: " + s.HighestMonthly.String() +
			". Months with payments: " + itoa(s.MonthsWithPayments) + ". Months over budget: " + itoa(s.MonthsOverBudget) +
			". Unfunded: " + s.UnfundedGap.String() + "." + otherCostsLine(s) + "\n")
	}
	for _, l := range report.Advice(*c) {
		b.WriteString(l + "\n")
	}
	for _, l := range ws.pendingLines() {
		b.WriteString(l + "\n")
	}
	if sel := &c.Entries[selected]; sel.Err == nil {
		b.WriteString("\nSelected: " + sel.Result.Name + ".\n")
		for k, l := range report.SourceLines(&sel.Result) {
			b.WriteString("Way to pay " + itoa(k+1) + ": " + l + ".\n")
		}
		for _, f := range sel.Result.Flags {
			b.WriteString(f.Severity.String() + ": " + f.Text() + "\n")
		}
		for mi, m := range sel.Result.Months {
			over := ""
			if m.OverBudget {
				over = ", over budget"
			}
			extra := ""
			var owed planner.Money
			for k := range sel.Result.Sources {
				owed += sel.Result.Owed(mi, k)
			}
			if m.Reimbursed != 0 {
				extra += ", paid back " + m.Reimbursed.String()
			}
			if m.OtherCosts != 0 {
				extra += ", other costs " + m.OtherCosts.String()
			}
			b.WriteString(m.Month.Label() + ": " + itoa(m.Sessions) + " sessions, charged " + m.Charges.String() +
				extra + ", paid from income " + m.FromIncome.String() + ", owed " + owed.String() + over + ".\n")
		}
	}
	return b.String()
}

// pendingLines say, for each scenario with a grant not yet awarded, its net
// total with and without the pending grants, and which the table shows.
func (ws *workspace) pendingLines() []string {
	var out []string
	for i, e := range ws.comparison.Entries {
		other, ok := ws.otherWay[i]
		if !ok || i >= len(ws.file.Scenarios) {
			continue
		}
		with, without, shown := e.Result.Summary, other, "the table counts them"
		if !ws.file.Scenarios[i].CountPendingGrants {
			with, without, shown = other, e.Result.Summary, "the table leaves them out"
		}
		line := e.Result.Name + ": net " + with.NetTotal.String() + " if the pending grants are awarded, " +
			without.NetTotal.String() + " if not (" + shown
		if with.UnfundedGap != without.UnfundedGap {
			line += "; left unfunded: " + with.UnfundedGap.String() + " or " + without.UnfundedGap.String()
		}
		out = append(out, line+").")
	}
	return out
}

// pick is a when cond holds, else b.
func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// otherCostsText names a scenario's costs beside the bill, if it has any.
func otherCostsText(s *planner.Summary) string {
	if s.OtherCosts == 0 {
		return ""
	}
	return " · other costs " + s.OtherCosts.String()
}

// otherCostsLine is otherCostsText as a sentence, for screen readers.
func otherCostsLine(s *planner.Summary) string {
	if s.OtherCosts == 0 {
		return ""
	}
	return " Other costs, beside the bill: " + s.OtherCosts.String() + "."
}
