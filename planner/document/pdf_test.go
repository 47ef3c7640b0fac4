package document

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"carecost/planner"
	"carecost/planner/report"
)

var today = planner.NewDate(2026, 12, 1)

// demo is the demo's patient file.
func demo() planner.PatientFile {
	n := 0
	f, _ := planner.DemoFileWithCatalog(func() planner.ID {
		n++
		return planner.ID("01J" + strings.Repeat("0", 20) + string(rune('A'+n/26)) + string(rune('A'+n%26)) + "0")
	})
	return f
}

// pdfText renders a summary as a PDF and reads it back with poppler's
// pdftotext, as a person's PDF reader would.
func pdfText(t *testing.T, s Summary, paper Paper) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (.ci/run installs poppler-utils)")
	}
	data, err := PDF(s, paper, time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "summary.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestTheCostSummaryPrintsWhatTheReportSays(t *testing.T) {
	f := demo()
	s := NewSummary(&f, today)
	for _, paper := range []Paper{A4, Letter} {
		got := pdfText(t, s, paper)
		// The demo's figures, as the text report gives them: the grant's
		// $5,186.00 net (the best plan available now), the in-network
		// $2,880.00 waiting on the appeal.
		scenarios, c := f.Compare()
		text := report.Text("", scenarios, c)
		for _, want := range []string{
			"Cost summary: Sam Rivera (fictional)", "An estimate, not a bill", "Prepared 2026-12-01",
			"Ketamine with a grant", "$5,186.00", "$2,880.00", "Ketamine in network",
			"Month by month: Ketamine with a grant", "Each session's cost sharing",
			"Where approval stands", "internal appeal filed 2026-11-16", "Page 1 of",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: the PDF lacks %q", paper, want)
			}
		}
		// Every net total the text report gives is in the PDF.
		for _, e := range c.Entries {
			net := e.Result.Summary.NetTotal.String()
			if e.Err == nil && !strings.Contains(text, net) {
				t.Fatalf("the text report lacks %s's net total %s", e.Result.Name, net)
			}
			if e.Err == nil && !strings.Contains(got, net) {
				t.Errorf("%s: the PDF lacks %s's net total %s", paper, e.Result.Name, e.Result.Summary.NetTotal)
			}
		}
	}
}

// Names in Greek and Cyrillic print whole (the Go fonts cover them).
func TestTheCostSummaryPrintsEveryLetterOfAName(t *testing.T) {
	f := demo()
	f.Patient.Name = "Ελένη Παπαδοπούλου-Ёлкина"
	got := pdfText(t, NewSummary(&f, today), A4)
	if !strings.Contains(got, "Ελένη Παπαδοπούλου-Ёлкина") {
		t.Errorf("the name did not print whole:\n%.600s", got)
	}
}

// The summary's month-by-month schedule is the chosen scenario's, and
// its cost-sharing lines are one per claim.
func TestSummaryContent(t *testing.T) {
	f := demo()
	s := NewSummary(&f, today)
	_, c := f.Compare()
	best, _ := c.BestNow()
	r := c.Entries[best].Result
	if s.Chosen != r.Name || len(s.Schedule) != len(r.Months)+1 || len(s.Sessions) != len(r.Lines)+1 {
		t.Errorf("chosen %q, %d months, %d lines", s.Chosen, len(s.Schedule)-1, len(s.Sessions)-1)
	}
	if !strings.Contains(s.ChosenWhy, "available now") {
		t.Errorf("why: %q", s.ChosenWhy)
	}
}

// A drafted letter prints as a PDF with its headings, items and the
// [brackets] the records left open, and every character typed into it.
func TestLetterPDF(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	md := "# Request for an internal appeal\n\n**DRAFT**: edit before sending.\n\nTo: [the plan's appeals address]\n\n**Member ID:** W2\\*77\\*31  \n\n\\#1 Spine Center  \n\\- Sam\n\nThe reason: *off-label use*, at 2 * 3 * 4 mg.\n\n- the denial notice of 2026-10-20\n- the letter of medical necessity\n"
	data, err := LetterPDF("Request for an internal appeal", md, Letter, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	os.WriteFile(path, data, 0o600)
	out, err := exec.Command(tool, path, "-").Output()
	for _, want := range []string{"Request for an internal appeal", "DRAFT: edit before sending.", "[the plan's appeals address]", "Member ID: W2*77*31", "#1 Spine Center", "- Sam", "The reason: off-label use, at 2 * 3 * 4 mg.", "• the denial notice of 2026-10-20"} {
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("the letter lacks %q: %v\n%s", want, err, out)
		}
	}
}
