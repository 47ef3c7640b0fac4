package report

import (
	"strings"
	"testing"

	"carecost/planner"
)

func TestApprovalMarkdown(t *testing.T) {
	f := demoFile("A")
	out := ApprovalMarkdown(&f, letterDay)
	for _, want := range []string{
		// Submitted 2026-11-20 + 15 days = 2026-12-05, 6 days after
		// 2026-11-29; the appeal filed 2026-11-16 + 30 days = 2026-12-16,
		// 17 days after.
		"- **2026-12-05** (6 days left): The insurer's decision on the request is due — Esketamine",
		"- **2026-12-16** (17 days left): The insurer's decision on the appeal is due — IV ketamine infusions",
		"Medical-necessity checklist: 2 of 5 documents in hand.",
		"- [x] Diagnostic evaluation confirming the condition — received 2026-11-10",
		"- [ ] Evidence for the treatment for this condition (studies, guidelines) — missing",
		"Denial of 2026-10-20 (off-label use), internal appeal filed 2026-11-16, waiting for the decision.",
		"Pre-authorization: pending, submitted 2026-11-20, reference PA-2026-0412 (fictional).",
		"Good Faith Estimate from Lakeside Infusion Center (fictional): $6,950.00 estimated on 2026-11-12; no bill yet.",
		"- Ask the clinic for an itemized cash quote (by 2026-12-01)",
		"ref. CALL-1022: Confirmed the denial as off-label; an internal appeal can be filed within 180 days. Get it in writing",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the section lacks %q:\n%s", want, out)
		}
	}
	// A bill $400.01 over its estimate can be disputed within 120 days of
	// 2026-11-01: by 2027-03-01 (29 + 31 + 31 + 28 + 1), 92 days after
	// 2026-11-29.
	g := planner.GoodFaithEstimate{Amount: planner.Dollars(3_300), Given: planner.NewDate(2026, 10, 1), Bill: 370_001, Billed: planner.NewDate(2026, 11, 1)}
	if got := GoodFaithLine(&g, letterDay); !strings.Contains(got, "$400.01 over the estimate, so a dispute is possible: start it by 2027-03-01 (92 days left") {
		t.Error(got)
	}
	// $3,699.99 is $399.99 over: a cent short of a dispute.
	g.Bill = 369_999
	if got := GoodFaithLine(&g, letterDay); !strings.Contains(got, "$399.99 over the estimate, under the $400.00 that allows a dispute") {
		t.Error(got)
	}
	g.Bill = 300_000
	if got := GoodFaithLine(&g, letterDay); !strings.Contains(got, "not above the estimate") {
		t.Error(got)
	}
	if out := ApprovalMarkdown(&planner.PatientFile{}, letterDay); !strings.Contains(out, "No deadlines open.") {
		t.Error(out)
	}
}
