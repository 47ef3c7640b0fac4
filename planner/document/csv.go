package document

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"carecost/planner"
	"carecost/planner/report"
)

// bom starts every CSV file, so spreadsheets read it as UTF-8.
const bom = "\ufeff"

// amount is a sum of money as a spreadsheet reads it: "-1234.56", with no
// currency sign or thousands separator.
func amount(m planner.Money) string {
	sign, c := "", int64(m)
	if c < 0 {
		sign, c = "-", -c
	}
	cents := strconv.FormatInt(c%100, 10)
	if len(cents) == 1 {
		cents = "0" + cents
	}
	return sign + strconv.FormatInt(c/100, 10) + "." + cents
}

// writeCSV writes rows as CSV (RFC 4180: a cell holding a comma, a quote
// or a line break is quoted, its quotes doubled), after the byte-order
// mark, with CRLF line ends as the RFC has them.
func writeCSV(rows [][]string) []byte {
	for _, row := range rows {
		for i, c := range row {
			row[i] = inert(c)
		}
	}
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

// inert keeps a spreadsheet from reading a cell of text as a formula
// (CWE-1236): text starting with =, +, -, @ or a tab gets a leading
// apostrophe, which spreadsheets show as text. Amounts, which are only
// digits, a point and a leading minus, are left alone.
func inert(cell string) string {
	if cell == "" || strings.IndexByte("=+-@\t\r", cell[0]) < 0 {
		return cell
	}
	if _, err := strconv.ParseFloat(cell, 64); err == nil {
		return cell
	}
	return "'" + cell
}

// ComparisonCSV is a patient's comparison of scenarios as CSV: a row for
// each scenario, its figures in dollars and cents, its standing.
func ComparisonCSV(f *planner.PatientFile) []byte {
	_, c := f.Compare()
	rows := [][]string{{"Patient", "Scenario", "Care cost", "Insurer pays", "Assistance", "Out of pocket", "Interest", "Fees",
		"Tax savings (estimate)", "Unfunded", "Other costs", "Net total", "Up front", "Highest month", "Months paying", "Months over budget", "Standing"}}
	name := planner.Printable(f.Patient.Name)
	for i := range c.Entries {
		e := &c.Entries[i]
		if e.Err != nil {
			// Every row as long as the header: the reason in the last column.
			row := make([]string, len(rows[0]))
			row[0], row[1] = name, planner.Printable(e.Result.Name)
			row[len(row)-1] = "cannot be worked out: " + planner.Printable(e.Err.Error())
			rows = append(rows, row)
			continue
		}
		s := e.Result.Summary
		standing := standingOf(e)
		rows = append(rows, []string{name, planner.Printable(e.Result.Name), amount(s.CareCost), amount(s.InsurerPays), amount(s.Assistance),
			amount(s.OutOfPocket), amount(s.Interest), amount(s.Fees), amount(s.TaxSavings), amount(s.UnfundedGap), amount(s.OtherCosts), amount(s.NetTotal),
			amount(s.DueUpFront), amount(s.HighestMonthly), strconv.Itoa(s.MonthsWithPayments), strconv.Itoa(s.MonthsOverBudget), standing})
	}
	return writeCSV(rows)
}

// ScheduleCSV is the month-by-month schedule of a patient's chosen
// scenario (the one the cost summary shows) as CSV, or nil if no
// scenario can be worked out.
func ScheduleCSV(f *planner.PatientFile) []byte {
	_, c := f.Compare()
	chosen, ok := chosenEntry(c)
	if !ok {
		return nil
	}
	r := &c.Entries[chosen].Result
	header := []string{"Scenario", "Month", "Sessions", "Charges", "Plan pays", "Paid back"}
	for _, src := range r.Sources {
		header = append(header, planner.Printable(src.Name))
	}
	header = append(header, "From income", "Unfunded", "Other costs", "Over budget")
	rows := [][]string{header}
	for m, row := range r.Months {
		cells := []string{planner.Printable(r.Name), row.Month.String(), strconv.Itoa(row.Sessions), amount(row.Charges), amount(row.PlanPaid), amount(row.Reimbursed)}
		for i := range r.Sources {
			cells = append(cells, amount(r.Paid(m, i)))
		}
		over := "no"
		if row.OverBudget {
			over = "yes"
		}
		rows = append(rows, append(cells, amount(row.FromIncome), amount(row.Unfunded), amount(row.OtherCosts), over))
	}
	return writeCSV(rows)
}

// OutcomesCSV is an outcome report as CSV: a row per patient and the
// total, amounts in dollars and cents.
func OutcomesCSV(rows []planner.Outcomes) []byte {
	table := [][]string{report.OutcomeColumns}
	for _, o := range append(rows, report.OutcomesTotal(rows)) {
		table = append(table, report.OutcomeRow(o, amount))
	}
	return writeCSV(table)
}
