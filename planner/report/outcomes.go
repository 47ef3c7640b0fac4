package report

import (
	"strconv"
	"strings"

	"carecost/planner"
)

// OutcomeColumns are an outcome report's columns, in order.
var OutcomeColumns = []string{"Patient", "Appeals filed", "Appeals won", "Appeals lost", "Pre-authorizations approved",
	"Applications sent", "Awards", "Awarded", "Deadlines met", "Deadlines missed", "Calls logged", "Estimated savings"}

// OutcomeRow is a patient's outcomes (or the total's) as the report's
// cells, in OutcomeColumns' order.
func OutcomeRow(o planner.Outcomes, money func(planner.Money) string) []string {
	n := strconv.Itoa
	return []string{planner.Printable(o.Name), n(o.AppealsFiled), n(o.AppealsWon), n(o.AppealsLost), n(o.PreAuthsApproved),
		n(o.Applied), n(o.Awarded), money(o.AwardedAmount), n(o.DeadlinesMet), n(o.DeadlinesMissed), n(o.Calls), money(o.Savings)}
}

// OutcomesTotal is the sum of patients' outcomes, named "All patients".
func OutcomesTotal(rows []planner.Outcomes) planner.Outcomes {
	total := planner.Outcomes{Name: "All patients"}
	for _, o := range rows {
		total = total.Add(o)
	}
	return total
}

// OutcomesNote says what the figures count.
func OutcomesNote(from, to planner.Date) string {
	return "From " + from.String() + " to " + to.String() + ", both days counted. Appeals filed, decided (won: overturned; lost: upheld), " +
		"pre-authorizations approved, applications sent and awards are those dated in the period; a deadline counts once it has passed " +
		"(met: the appeal was filed by then); a decision without its date entered is not counted. Estimated savings: the costliest scenario's net total less the best plan available now's, " +
		"as the records stand today: an estimate."
}

// OutcomesMarkdown is an advocate's outcome report across patients: a row
// per patient, and the total.
func OutcomesMarkdown(rows []planner.Outcomes, from, to planner.Date) string {
	var b strings.Builder
	b.WriteString("# Outcomes, " + from.String() + " to " + to.String() + "\n\n")
	b.WriteString(Fit(OutcomesNote(from, to), PageWidth) + "\n\n")
	b.WriteString("| " + strings.Join(OutcomeColumns, " | ") + " |\n|---|" + strings.Repeat("--:|", len(OutcomeColumns)-1) + "\n")
	money := func(m planner.Money) string { return m.String() }
	for _, o := range append(rows, OutcomesTotal(rows)) {
		cells := OutcomeRow(o, money)
		for i := range cells {
			cells[i] = cell(cells[i])
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return planner.Printable(b.String())
}
