package report

import (
	"strconv"
	"strings"

	"carecost/planner"
)

// Markdown renders a comparison as a Markdown document: a table of the
// scenarios, the rankings, and each scenario's figures and flags, to print
// or to take to the clinic.
func Markdown(title string, scenarios []planner.Scenario, c planner.Comparison) string {
	var b strings.Builder
	b.WriteString("# " + title + "\n\n")
	b.WriteString("| Scenario | Net total | Up front | Highest month | Months paying | Interest + fees | Months over budget | Unfunded |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, e := range c.Entries {
		if e.Err != nil {
			b.WriteString("| " + cell(e.Result.Name) + " | cannot be worked out: " + cell(e.Err.Error()) + " | | | | | | |\n")
			continue
		}
		s := e.Result.Summary
		b.WriteString("| " + cell(e.Result.Name) + " | " + s.NetTotal.String() + " | " + s.DueUpFront.String() + " | " +
			s.HighestMonthly.String() + " | " + strconv.Itoa(s.MonthsWithPayments) + " | " + (s.Interest + s.Fees).String() + " | " +
			strconv.Itoa(s.MonthsOverBudget) + " | " + s.UnfundedGap.String() + " |\n")
	}
	if advice := Advice(c); len(advice) > 0 {
		b.WriteString("\n")
		for _, l := range advice {
			b.WriteString("- " + l + "\n")
		}
	}
	if len(c.ByNetTotal) > 0 {
		b.WriteString("\nBy net total, the plans available now first:\n\n")
		for place, i := range c.ByNetTotal {
			r := &c.Entries[i].Result
			line := strconv.Itoa(place+1) + ". " + r.Name + " (" + r.Summary.NetTotal.String() + ")"
			if n := Standing(&c.Entries[i]); n != "" {
				line += " — " + n
			}
			b.WriteString(line + "\n")
		}
		r := &c.Entries[c.ByHighestMonthly[0]].Result
		b.WriteString("\nLowest highest month, the plans available now first: " + r.Name + " (" + r.Summary.HighestMonthly.String() + ").\n")
	}
	for i, e := range c.Entries {
		if e.Err != nil {
			continue
		}
		r := &e.Result
		s := &r.Summary
		b.WriteString("\n## " + r.Name + "\n\n")
		b.WriteString(courseLine(&scenarios[i]) + ".\n\n")
		lines := figures(s)
		last := &lines[len(lines)-1] // the net total, in bold
		last[0], last[1] = "**"+last[0]+"**", "**"+last[1]+"**"
		for _, l := range lines {
			b.WriteString("- " + l[0] + ": " + l[1] + "\n")
		}
		b.WriteString("\nWays to pay:\n\n")
		for k, line := range SourceLines(r) {
			b.WriteString(strconv.Itoa(k+1) + ". " + line + "\n")
		}
		if len(r.Flags) > 0 {
			b.WriteString("\n")
		}
		for _, f := range r.Flags {
			b.WriteString("- **" + f.Severity.String() + ":** " + f.Text() + "\n")
		}
		writeScheduleMarkdown(&b, r)
	}
	return FitMarkdown(planner.Printable(b.String()), PageWidth)
}

// FitMarkdown is Fit for Markdown: paragraphs and list items wrap (a list
// item's continuation indented under its text), tables and headings stay
// on their lines, as Markdown needs them.
func FitMarkdown(md string, width int) string {
	return fitLines(md, width, func(line string) bool {
		trimmed := strings.TrimLeft(line, " ")
		return strings.HasPrefix(trimmed, "|") || strings.HasPrefix(trimmed, "#")
	})
}

// writeScheduleMarkdown writes a result's months as a table: what was
// charged, what the plan paid and paid back, what each way to pay paid,
// what came from income and what no one paid.
func writeScheduleMarkdown(b *strings.Builder, r *planner.Result) {
	if len(r.Months) == 0 {
		return
	}
	b.WriteString("\nMonth by month:\n\n| Month | Sessions | Charges | Plan pays | Paid back |")
	align := "|---|--:|--:|--:|--:|"
	for _, src := range r.Sources {
		b.WriteString(" " + cell(src.Name) + " |")
		align += "--:|"
	}
	other := r.Summary.OtherCosts != 0
	b.WriteString(" From income | Unfunded |")
	if other {
		b.WriteString(" Other costs |")
		align += "--:|"
	}
	b.WriteString("\n" + align + "--:|--:|\n")
	for m, row := range r.Months {
		month := row.Month.String()
		if row.OverBudget {
			month += " (over budget)"
		}
		b.WriteString("| " + month + " | " + strconv.Itoa(row.Sessions) + " | " + row.Charges.String() + " | " + row.PlanPaid.String() + " | " + row.Reimbursed.String() + " |")
		for i := range r.Sources {
			b.WriteString(" " + r.Paid(m, i).String() + " |")
		}
		b.WriteString(" " + row.FromIncome.String() + " | " + row.Unfunded.String() + " |")
		if other {
			b.WriteString(" " + row.OtherCosts.String() + " |")
		}
		b.WriteString("\n")
	}
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
