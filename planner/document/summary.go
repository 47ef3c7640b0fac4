// Package document builds what a person takes along to the clinic or the
// insurer: a printable cost summary (PDF) and schedules a spreadsheet
// reads (CSV). Each document is made from planner values by a pure
// function that returns its bytes; writing them is the store's (its one
// atomic writer). Text from a person or a file passes planner.Printable
// on its way in.
package document

import (
	"strconv"
	"strings"

	"carecost/planner"
	"carecost/planner/report"
)

// Summary is a cost summary's content, in the order it is printed: what
// the PDF shows, worked out once, so that tests and other formats read
// the same words and figures.
type Summary struct {
	Title    string
	Prepared string // "Prepared 2026-12-01. An estimate, not a bill."
	// Facts are the patient and plan, a label and a value each.
	Facts [][2]string
	// Comparison is the table of scenarios: a header row, then a row per
	// scenario that could be worked out.
	Comparison [][]string
	// Notes are the comparison's advice and each scenario's flags in
	// words.
	Notes []string
	// Chosen is the scenario whose schedule and cost-sharing lines
	// follow, and why it was chosen.
	Chosen, ChosenWhy string
	// Schedule is the chosen scenario's month-by-month schedule: a header
	// row, then a row per month; ScheduleWidths its columns' widths, in
	// twelfths of the page.
	Schedule       [][]string
	ScheduleWidths []int
	// Sessions are the chosen scenario's cost-sharing lines, one per
	// claim: a header row, then a row per claim.
	Sessions [][]string
	// Approval is where approval stands, as lines: headings, then items.
	Approval []report.ApprovalLine
	// Closing is the sentence the summary ends with.
	Closing string
}

// NewSummary works out the cost summary of a patient's file on a day.
func NewSummary(f *planner.PatientFile, today planner.Date) Summary {
	scenarios, c := f.Compare()
	s := Summary{
		Title:    "Cost summary: " + planner.Printable(f.Patient.Name),
		Prepared: "Prepared " + today.String() + ". An estimate, not a bill: what is charged can differ.",
		Closing: "carecost works these figures out from what was entered about the plan, the course and each way to pay; " +
			"the plan's own statements (Explanations of Benefits) and the clinic's bills are what count.",
	}
	s.Facts = append(s.Facts, [2]string{"Patient", planner.Printable(f.Patient.Name)})
	if f.Patient.MonthlyBudget > 0 {
		s.Facts = append(s.Facts, [2]string{"Monthly budget", f.Patient.MonthlyBudget.String()})
	}
	for _, p := range f.Plans {
		plan := planner.Printable(strings.TrimSpace(p.Insurer + " " + p.Name))
		if p.MemberID != "" {
			plan += ", member ID " + planner.Printable(p.MemberID)
		}
		if p.Group != "" {
			plan += ", group " + planner.Printable(p.Group)
		}
		s.Facts = append(s.Facts, [2]string{"Plan", plan})
	}
	for _, course := range f.Courses {
		s.Facts = append(s.Facts, [2]string{"Treatment", planner.Printable(course.Name) + " (" + course.Status.String() + ")"})
	}

	s.Comparison = [][]string{{"Scenario", "Net total", "Up front", "Highest month", "Interest + fees", "Unfunded", "Standing"}}
	for i := range c.Entries {
		e := &c.Entries[i]
		if e.Err != nil {
			s.Notes = append(s.Notes, planner.Printable(e.Result.Name)+" cannot be worked out: "+planner.Printable(e.Err.Error()))
			continue
		}
		sum := e.Result.Summary
		standing := standingOf(e)
		s.Comparison = append(s.Comparison, []string{planner.Printable(e.Result.Name), sum.NetTotal.String(), sum.DueUpFront.String(),
			sum.HighestMonthly.String(), (sum.Interest + sum.Fees).String(), sum.UnfundedGap.String(), standing})
	}
	for _, l := range report.Advice(c) {
		s.Notes = append(s.Notes, planner.Printable(l))
	}
	for i := range c.Entries {
		e := &c.Entries[i]
		for _, fl := range e.Result.Flags {
			s.Notes = append(s.Notes, planner.Printable(e.Result.Name)+": "+fl.Severity.String()+": "+planner.Printable(fl.Text()))
		}
	}

	if chosen, ok := chosenEntry(c); ok {
		why := "the lowest net total of the plans available now"
		if _, now := c.BestNow(); !now {
			why = "the first scenario that can be worked out; none is available now"
		}
		r := &c.Entries[chosen].Result
		s.Chosen, s.ChosenWhy = planner.Printable(r.Name), why
		s.Schedule, s.ScheduleWidths = schedule(r)
		s.Sessions = sessions(&scenarios[chosen], r)
	}
	s.Approval = report.ApprovalLines(f, today)
	return s
}

// chosenEntry is the scenario a summary shows month by month: the best
// plan available now, or else the first that can be worked out.
func chosenEntry(c planner.Comparison) (int, bool) {
	if i, ok := c.BestNow(); ok {
		return i, true
	}
	for i := range c.Entries {
		if c.Entries[i].Err == nil {
			return i, true
		}
	}
	return 0, false
}

// standingOf says whether a scenario is available now, or what it waits on.
func standingOf(e *planner.Entry) string {
	if s := report.Standing(e); s != "" {
		return planner.Printable(s)
	}
	return "available now"
}

// schedule is a result's month-by-month table: what was charged, what the
// plan paid, what each way to pay paid (the first four by name, the rest
// together), what came from income and what no one paid.
func schedule(r *planner.Result) ([][]string, []int) {
	var used []int
	for i := range r.Sources {
		for m := range r.Months {
			if r.Paid(m, i) != 0 {
				used = append(used, i)
				break
			}
		}
	}
	// Twelve columns in all: with a column for other costs, one way to
	// pay fewer by name.
	other := r.Summary.OtherCosts != 0
	most := 4
	if other {
		most = 3
	}
	named, rest := used, []int(nil)
	if len(used) > most {
		named, rest = used[:most-1], used[most-1:]
	}
	header := []string{"Month", "Sessions", "Charges", "Plan pays", "Paid back"}
	for _, i := range named {
		header = append(header, planner.Printable(r.Sources[i].Name))
	}
	if rest != nil {
		header = append(header, "Other ways")
	}
	header = append(header, "From income", "Unfunded")
	if other {
		header = append(header, "Other costs")
	}
	rows := [][]string{header}
	for m, row := range r.Months {
		over := ""
		if row.OverBudget {
			over = " (over budget)"
		}
		cells := []string{row.Month.String() + over, strconv.Itoa(row.Sessions), row.Charges.String(), row.PlanPaid.String(), row.Reimbursed.String()}
		for _, i := range named {
			cells = append(cells, r.Paid(m, i).String())
		}
		if rest != nil {
			var other planner.Money
			for _, i := range rest {
				other += r.Paid(m, i)
			}
			cells = append(cells, other.String())
		}
		cells = append(cells, row.FromIncome.String(), row.Unfunded.String())
		if other {
			cells = append(cells, row.OtherCosts.String())
		}
		rows = append(rows, cells)
	}
	widths := []int{2, 1, 1, 1, 1}
	for range len(header) - 7 {
		widths = append(widths, 1)
	}
	widths = append(widths, 1, 1)
	// What is left of the twelve columns goes to the month.
	sum := 0
	for _, w := range widths {
		sum += w
	}
	widths[0] += 12 - sum
	return rows, widths
}

// sessions is a result's cost-sharing lines, a claim each.
func sessions(s *planner.Scenario, r *planner.Result) [][]string {
	rows := [][]string{{"Date", "What", "Billed", "Allowed", "Deductible", "Coinsurance", "Copay", "Plan pays", "You pay"}}
	for _, l := range r.Lines {
		what := "fee"
		if l.Claim.Phase >= 0 && l.Claim.Phase < len(s.Course.Phases) {
			what = planner.Printable(s.Course.Phases[l.Claim.Phase].Name) + " " + strconv.Itoa(l.Claim.Number) + " of " + strconv.Itoa(l.Claim.Of)
		} else if l.Claim.Fee >= 0 && l.Claim.Fee < len(s.Course.Fees) {
			what = planner.Printable(s.Course.Fees[l.Claim.Fee].Name)
		}
		if !l.HasFill {
			rows = append(rows, []string{l.Claim.Date.String(), what, l.Share.Billed.String(), l.Share.Allowed.String(),
				l.Share.Deductible.String(), l.Share.Coinsurance.String(), l.Share.Copay.String(), l.PlanPays.String(), l.Charged.String()})
			continue
		}
		// The visit, then the drug's fill from the plan's pharmacy.
		for _, part := range []struct {
			what string
			sh   planner.Share
		}{{what + ", visit", l.Share}, {what + ", drug (pharmacy)", l.Fill}} {
			rows = append(rows, []string{l.Claim.Date.String(), part.what, part.sh.Billed.String(), part.sh.Allowed.String(),
				part.sh.Deductible.String(), part.sh.Coinsurance.String(), part.sh.Copay.String(), part.sh.Plan.String(), part.sh.Patient.String()})
		}
	}
	return rows
}
