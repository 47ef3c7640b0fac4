package document

import (
	"strings"
	"testing"

	"carecost/planner"
	"carecost/planner/report"
)

func TestInlineSpans(t *testing.T) {
	bold := func(s string) string { return "<b>" + s + "</b>" }
	italic := func(s string) string { return "<i>" + s + "</i>" }
	for line, want := range map[string]string{
		"**Member ID:** BKH-000":    "<b>Member ID:</b> BKH-000",
		`**Member ID:** W2\*77\*31`: "<b>Member ID:</b> W2*77*31",
		"The reason: *off-label*.":  "The reason: <i>off-label</i>.",
		// A mark with a space after it opens nothing, nor one never closed,
		// nor a closing one with a space before it: all are shown.
		"2 * 3 * 4":        "2 * 3 * 4",
		"a **b":            "a **b",
		"a *b":             "a *b",
		"*a *":             "*a *",
		"****":             "****",
		`*\*starred\**`:    "<i>*starred*</i>",
		`*ends in \\*`:     `<i>ends in \</i>`,
		`C:\files \q \\ \`: `C:\files \q \ \`,
		// Spans do not nest: the other kind's marks are shown inside one.
		"**a *b* c**": "<b>a *b* c</b>",
		"*a **b** c*": "<i>a **b** c</i>",
		"":            "",
	} {
		if got := Inline(line, bold, italic); got != want {
			t.Errorf("Inline(%q) = %q, want %q", line, got, want)
		}
	}
}

// FuzzEscapedTextReadsAsTyped: whatever is typed, escaped into a letter
// and drawn, reads as it was typed, byte for byte.
func FuzzEscapedTextReadsAsTyped(f *testing.F) {
	for _, s := range []string{"W2*77*31", "**bold**", `C:\x\*`, "a_b_c", "`code` <b>", "***", "\\", "\xff*", "#1 Spine Center", "- a", "12. x", "&amp;"} {
		f.Add(s)
	}
	same := func(s string) string { return s }
	f.Fuzz(func(t *testing.T, s string) {
		if got := Inline(planner.EscapeMarkdown(s), same, same); got != s {
			t.Errorf("typed %q, drawn %q", s, got)
		}
	})
}

// TestEveryTypedFieldOfALetterReadsAsTyped puts marks of Markdown in every
// field a letter prints from the records, and reads each letter as the
// app and its PDF draw it: every field is there as it was typed.
func TestEveryTypedFieldOfALetterReadsAsTyped(t *testing.T) {
	f := demo()
	typed := func(what string) string { return what + ` *x* **y** _z_ \ <w> ` + "`v`" }
	f.Patient.Name = typed("Name")
	pl := &f.Plans[0]
	pl.Insurer, pl.Name, pl.MemberID, pl.Group = typed("Insurer"), typed("Plan"), "W2*77*31", typed("Group")
	for i := range f.Courses {
		c := &f.Courses[i]
		c.PlanID = pl.ID
		c.Name, c.Provider, c.NPI, c.Clinic = typed("Course"), typed("Provider"), typed("NPI"), typed("Clinic")
		for j := range c.Phases {
			c.Phases[j].Name = typed("Phase")
		}
	}
	for i := range f.Denials {
		f.Denials[i].Reference, f.Denials[i].ReasonText = typed("Claim"), typed("Reason")
	}
	for i := range f.PreAuthorizations {
		f.PreAuthorizations[i].Reference = typed("Reference")
	}
	for i := range f.Checklist {
		f.Checklist[i].Title = typed("Document")
	}
	fields := []string{"Name", "Insurer", "Plan", "Group", "Course", "Provider", "NPI", "Clinic", "Phase", "Claim", "Reason", "Reference", "Document"}
	same := func(s string) string { return s }
	seen := map[string]bool{}
	for _, k := range report.LetterKinds {
		for _, c := range f.Courses {
			md, err := report.Letter(k, &f, c.ID, today)
			if err != nil {
				continue
			}
			var drawn strings.Builder
			for line := range strings.SplitSeq(md, "\n") {
				drawn.WriteString(Inline(line, same, same) + "\n")
			}
			out := drawn.String()
			for _, field := range fields {
				if strings.Contains(md, field+" ") {
					seen[field] = true
					if !strings.Contains(out, typed(field)) {
						t.Errorf("%s for %s: %s is not drawn as typed:\n%s", k.Title(), c.ID, field, out)
					}
				}
			}
			if strings.Contains(md, "W2") && !strings.Contains(out, "W2*77*31") {
				t.Errorf("%s: the member ID is not drawn as typed:\n%s", k.Title(), out)
			}
		}
	}
	for _, field := range fields {
		if !seen[field] {
			t.Errorf("no letter prints the %s", field)
		}
	}
}

// What is typed and starts a line of a letter never makes it a heading, a
// quote or an item of a list, and reads as it was typed.
func TestTypedTextStartingALineStartsNoBlock(t *testing.T) {
	same := func(s string) string { return s }
	for _, typed := range []string{"#1 Spine Center", "> quoted", "- dash", "+ plus", "12. twelve", "3) three", "  # indented"} {
		escaped := planner.EscapeMarkdown(typed)
		start := strings.TrimLeft(escaped, " 0123456789")
		if !strings.HasPrefix(start, `\`) {
			t.Errorf("%q is escaped as %q, which starts a block", typed, escaped)
		}
		if got := Inline(escaped, same, same); got != typed {
			t.Errorf("%q is drawn as %q", typed, got)
		}
	}
	for _, typed := range []string{"Dr. Lee", "2026 plan", "Spine #1", "a-b"} {
		if escaped := planner.EscapeMarkdown(typed); escaped != typed {
			t.Errorf("%q is escaped as %q, though it starts no block", typed, escaped)
		}
	}
	f := demo()
	f.Courses[0].Clinic, f.Patient.Name = "#1 Spine Center", "- Sam"
	md, err := report.Letter(report.NecessityRequest, &f, f.Courses[0].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(md, "\n") {
		if strings.HasPrefix(line, "#1") || strings.HasPrefix(line, "- Sam") {
			t.Errorf("the line %q starts a block", line)
		}
	}
}
