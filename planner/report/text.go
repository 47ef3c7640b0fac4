// Package report turns worked-out scenarios into text a person can read or
// print: a comparison table, the rankings, and each scenario's figures and
// flags. It formats planner values and does nothing else.
package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"carecost/planner"
)

// Text renders a comparison of scenarios (in the order Compare was given
// them) as plain text, with a heading line.
func Text(heading string, scenarios []planner.Scenario, c planner.Comparison) string {
	var b strings.Builder
	// About 1 KB of table and ranking, and 1.2 KB a scenario: grown once,
	// not doubled from a few bytes a dozen times.
	b.Grow(1024 + 1280*len(c.Entries))
	b.WriteString(heading)
	b.WriteString("\n\n")

	table := [][]string{{"Scenario", "Net total", "Up front", "Top month", "Int.+fees", "Unfunded"}}
	for _, e := range c.Entries {
		if e.Err != nil {
			table = append(table, []string{e.Result.Name, "cannot be worked out: " + e.Err.Error()})
			continue
		}
		s := e.Result.Summary
		table = append(table, []string{
			e.Result.Name, s.NetTotal.String(), s.DueUpFront.String(), s.HighestMonthly.String(),
			(s.Interest + s.Fees).String(), s.UnfundedGap.String(),
		})
	}
	if tableWidth(table) <= PageWidth {
		writeTable(&b, table)
	} else {
		// Long names: a scenario to a line (wrapped) fits the page.
		for _, row := range table[1:] {
			line := row[0] + ": "
			if len(row) == 2 {
				line += row[1]
			} else {
				line += "net " + row[1] + ", up front " + row[2] + ", top month " + row[3] + ", interest and fees " + row[4] + ", unfunded " + row[5]
			}
			b.WriteString(line + "\n")
		}
	}
	b.WriteString("(Net total: what you pay in all, after help and tax savings. Up front: what is due before the course starts. " +
		"Top month: the most paid in one month. Int.+fees: interest and fees. Unfunded: what no way to pay covers.)\n")

	b.WriteString("\n")
	for _, l := range Advice(c) {
		b.WriteString(l + "\n")
	}
	if len(c.ByNetTotal) > 0 {
		b.WriteString("\n")
		writeRanking(&b, "By net total, the plans available now first", c, c.ByNetTotal, func(s planner.Summary) planner.Money { return s.NetTotal })
		writeRanking(&b, "By highest month, the plans available now first", c, c.ByHighestMonthly, func(s planner.Summary) planner.Money { return s.HighestMonthly })
	}

	for i, e := range c.Entries {
		if e.Err != nil {
			continue
		}
		b.WriteString("\n")
		writeScenario(&b, &scenarios[i], &e.Result)
	}
	return Fit(planner.Printable(b.String()), PageWidth)
}

// countOf says how many of a thing: "1 session", "12 sessions".
func countOf(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// PageWidth is how wide a text report's lines may be: 80 columns, which
// a printed page and any terminal take.
const PageWidth = 80

// Fit word-wraps every line of text wider than width at spaces, the
// continuation indented two spaces past the line's own indent, so that a
// date or a hyphenated word is never split. A single word wider than the
// line stays whole on a line of its own.
func Fit(text string, width int) string { return fitLines(text, width, nil) }

// fitLines is Fit, leaving as they are the lines keep says to (none, when
// keep is nil).
func fitLines(text string, width int, keep func(line string) bool) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	for {
		line, rest, more := strings.Cut(text, "\n")
		if keep != nil && keep(line) {
			b.WriteString(line)
		} else {
			wrapLine(&b, line, width)
		}
		if !more {
			return b.String()
		}
		b.WriteByte('\n')
		text = rest
	}
}

// wrapLine writes line to b, wrapped as Fit wraps it: words are split at
// white space (as strings.Fields splits them), and counted in characters.
func wrapLine(b *strings.Builder, line string, width int) {
	if len(line) <= width || utf8.RuneCountInString(line) <= width {
		b.WriteString(line)
		return
	}
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	b.WriteString(indent)
	// wide is the width in characters of the line being written.
	wide, first := len(indent), true
	for i := len(indent); i < len(line); {
		// A word: from here to the next white space.
		start, n := i, 0
		for i < len(line) {
			c := line[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				i++
			} else {
				r, size := utf8.DecodeRuneInString(line[i:])
				if unicode.IsSpace(r) {
					break
				}
				i += size
			}
			n++
		}
		if n > 0 {
			switch {
			case first:
				wide += n
				first = false
			case wide+1+n <= width:
				b.WriteByte(' ')
				wide += 1 + n
			default:
				b.WriteByte('\n')
				b.WriteString(indent)
				b.WriteString("  ")
				wide = len(indent) + 2 + n
			}
			b.WriteString(line[start:i])
		}
		// Past the white space.
		for i < len(line) {
			c := line[i]
			if c < utf8.RuneSelf {
				if !asciiSpace[c] {
					break
				}
				i++
			} else {
				r, size := utf8.DecodeRuneInString(line[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size
			}
		}
	}
}

// asciiSpace are the ASCII characters unicode.IsSpace takes for white
// space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// columnWidths is the width of each of a table's columns, from its full
// rows (a shorter row spans the rest of the line).
func columnWidths(rows [][]string) []int {
	var widths []int
	for _, row := range rows {
		if len(row) < len(rows[0]) {
			continue
		}
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	return widths
}

// tableWidth is how wide writeTable draws rows.
func tableWidth(rows [][]string) int {
	total := 0
	for _, w := range columnWidths(rows) {
		total += w + 2
	}
	return total - 2
}

func writeRanking(b *strings.Builder, title string, c planner.Comparison, order []int, figure func(planner.Summary) planner.Money) {
	b.WriteString(title)
	b.WriteString(":\n")
	for place, i := range order {
		r := &c.Entries[i].Result
		note := ""
		if n := Standing(&c.Entries[i]); n != "" {
			note = " — " + n
		}
		b.WriteString("  " + strconv.Itoa(place+1) + ". " + r.Name + " (" + figure(r.Summary).String() + ")" + note + "\n")
	}
}

func writeScenario(b *strings.Builder, s *planner.Scenario, r *planner.Result) {
	sum := &r.Summary
	b.WriteString(r.Name + "\n")
	b.WriteString("  " + courseLine(s) + "\n")
	lines := figures(sum)
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l[1]))
	}
	figure := func(label, value string) {
		b.WriteString("  ")
		b.WriteString(label)
		b.WriteString(":")
		writeSpaces(b, 24-utf8.RuneCountInString(label)-1)
		writeSpaces(b, width-utf8.RuneCountInString(value))
		b.WriteString(value)
		b.WriteString("\n")
	}
	for _, l := range lines {
		figure(l[0], l[1])
	}
	figure("Months paying", strconv.Itoa(sum.MonthsWithPayments))
	figure("Months over budget", strconv.Itoa(sum.MonthsOverBudget))
	for _, line := range SourceLines(r) {
		b.WriteString("  ")
		b.WriteString(line)
		b.WriteString("\n")
	}
	for _, f := range r.Flags {
		b.WriteString("  ")
		b.WriteString(f.Severity.String())
		b.WriteString(": ")
		b.WriteString(f.Text())
		b.WriteString("\n")
	}
}

// SourceLines say what each way to pay does, in the scenario's order:
// what it pays and its payments as they are, or why it pays nothing.
func SourceLines(r *planner.Result) []string {
	var out []string
	for i, src := range r.Sources {
		line := src.Name + " (" + src.Kind.String() + ")"
		switch {
		case src.Refused != "":
			line += " pays nothing here"
		case !src.Counted:
			line += " is not counted"
		default:
			line += " pays " + src.Covers.String()
		}
		if steps := r.PaymentSteps(i); len(steps) > 0 {
			line += "; " + planner.PaymentsText(steps)
		}
		out = append(out, line)
	}
	return out
}

// courseLine says what a scenario pays for: "IV ketamine infusions,
// self-pay: 12 sessions from 2026-12-07 to 2027-06-10".
func courseLine(s *planner.Scenario) string {
	c := &s.Course
	how := planner.CoverageText(s)
	return c.Name + ", " + how + ": " + countOf(c.Sessions(), "session") + " from " +
		c.Start.String() + " to " + c.End().String()
}

// figures are a scenario's totals with their labels, in the order every
// report lists them.
func figures(sum *planner.Summary) [][2]string {
	rows := [][2]string{
		{"Care cost", sum.CareCost.String()},
		{"Insurer pays", sum.InsurerPays.String()},
		{"Assistance", sum.Assistance.String()},
		{"Out of pocket", sum.OutOfPocket.String()},
		{"Interest", sum.Interest.String()},
		{"Fees", sum.Fees.String()},
		{"Tax savings (estimate)", sum.TaxSavings.String()},
		{"Unfunded", sum.UnfundedGap.String()},
	}
	if sum.OtherCosts != 0 {
		rows = append(rows, [2]string{"Other costs", sum.OtherCosts.String()})
	}
	return append(rows, [2]string{"Net total", sum.NetTotal.String()})
}

// writeTable writes rows as columns: the first column left-aligned, the
// others right-aligned, two spaces apart. A row with fewer cells spans the
// rest of the line.
func writeTable(b *strings.Builder, rows [][]string) {
	widths := columnWidths(rows)
	for _, row := range rows {
		var line strings.Builder
		for i, cell := range row {
			switch {
			case i == 0:
				line.WriteString(pad(cell, widths[0]))
			case len(row) < len(rows[0]):
				line.WriteString("  " + cell)
			default:
				line.WriteString("  " + padLeft(cell, widths[i]))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// writeSpaces writes n spaces (none when n is not above 0).
func writeSpaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

const spaces = "                                                                "

func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s))) + s
}
