package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"carecost/planner"
)

// demoFile is the demo patient with IDs counted from a prefix, so two
// files never share one.
func demoFile(prefix string) planner.PatientFile {
	n := 0
	return planner.DemoFile(func() planner.ID {
		n++
		return planner.ID(fmt.Sprintf("%s%03d", prefix, n))
	})
}

var letterDay = planner.NewDate(2026, 11, 29)

func TestLettersForTheDemo(t *testing.T) {
	f := demoFile("A")
	ketamine, esketamine := f.Courses[0].ID, f.Courses[1].ID
	for _, k := range LetterKinds {
		t.Run(letterFiles[k], func(t *testing.T) {
			course, file := ketamine, f
			switch k {
			case PreAuthRequest:
				course = esketamine // the course waiting for pre-authorization
			case ExternalReview:
				// An external review follows the internal appeal upheld:
				// say it was, on 2026-11-25.
				file.Denials = slices.Clone(f.Denials)
				file.Denials[0].Decision, file.Denials[0].Decided = planner.DecisionUpheld, planner.NewDate(2026, 11, 25)
			}
			out, err := Letter(k, &file, course, letterDay)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(out, "> **DRAFT") {
				t.Error("the letter does not say it is a draft at the top")
			}
			golden.RequireEqual(t, out)
		})
	}
}

func TestLetterContents(t *testing.T) {
	f := demoFile("A")
	ketamine := f.Courses[0].ID
	appeal, _ := Letter(InternalAppeal, &f, ketamine, letterDay)
	// The appeal cites the denial's date and reason, and encloses the two
	// documents in hand (received and sent) but not the requested one.
	for _, want := range []string{"dated 2026-10-20", "off-label use and is not covered", "- Diagnostic evaluation confirming the condition",
		"- Prior treatments tried and their outcomes", "Sam Rivera (fictional)", "BKH-000-DEMO", "within 30 days"} {
		if !strings.Contains(appeal, want) {
			t.Errorf("the appeal lacks %q", want)
		}
	}
	if strings.Contains(appeal, "- Proposed protocol") {
		t.Error("the appeal encloses a document not yet received")
	}
	// The request to the provider lists what the checklist still lacks.
	necessity, _ := Letter(NecessityRequest, &f, ketamine, letterDay)
	lacking := necessity[strings.Index(necessity, "I still need"):]
	for _, want := range []string{"Proposed protocol: dose, frequency and duration (asked for on 2026-11-12)",
		"Evidence for the treatment for this condition (studies, guidelines) (still needed)", "How it is expected to improve symptoms and function (still needed)"} {
		if !strings.Contains(lacking, want) {
			t.Errorf("the request lacks %q", want)
		}
	}
	if strings.Contains(lacking, "Diagnostic evaluation confirming the condition (") {
		t.Error("the request asks again for a document in hand")
	}
	// While the internal appeal waits, there is no external review yet.
	if _, err := Letter(ExternalReview, &f, ketamine, letterDay); err == nil || !strings.Contains(err.Error(), "final internal denial") {
		t.Errorf("external review before a final denial: %v", err)
	}
	if !strings.Contains(appeal, "**Claim or case number:** CLM-2026-55812 (fictional)") {
		t.Error("the appeal does not cite the claim number")
	}
	// No denial, no appeal letter: the error says what to do.
	f.Denials = nil
	if _, err := Letter(InternalAppeal, &f, ketamine, letterDay); err == nil || !strings.Contains(err.Error(), "record it first") {
		t.Errorf("appeal without a denial: %v", err)
	}
	if _, err := Letter(PreAuthRequest, &f, "gone", letterDay); err == nil {
		t.Error("a letter for a course not recorded")
	}
}

// A letter is drafted from one patient's records: nothing of any other
// patient can reach it.
func TestLettersKeepToTheirPatient(t *testing.T) {
	a, b := demoFile("A"), demoFile("B")
	b.Patient.Name, b.Patient.BirthDate = "Jordan Other", planner.NewDate(1970, 1, 2)
	b.Plans[0].Insurer, b.Plans[0].MemberID, b.Plans[0].Group = "Other Insurer", "OTHER-MEMBER-9", "OTHER-GROUP"
	b.Denials[0].ReasonText = "Other patient's denial reason"
	b.PreAuthorizations[0].Reference, b.Contacts[0].Reference = "OTHER-REF-1", "OTHER-CALL"
	b.Checklist[0].Title = "Other patient's document"
	others := []string{"Jordan Other", "1970-01-02", "Other Insurer", "OTHER-MEMBER-9", "OTHER-GROUP", "Other patient's", "OTHER-REF-1", "OTHER-CALL", "B0"}
	for _, k := range LetterKinds {
		for _, c := range a.Courses {
			out, err := Letter(k, &a, c.ID, letterDay)
			if err != nil {
				continue
			}
			for _, s := range others {
				if strings.Contains(out, s) {
					t.Errorf("%s for %s holds %q", k.Title(), c.Name, s)
				}
			}
		}
	}
}

func TestLetterFileName(t *testing.T) {
	if got := InternalAppeal.FileName("Sam Rivera (fictional)", letterDay); got != "internal-appeal-sam-rivera-2026-11-29.md" {
		t.Error(got)
	}
	if got := PreAuthRequest.FileName("  ", letterDay); got != "preauthorization-request-patient-2026-11-29.md" {
		t.Error(got)
	}
	if got := ExternalReview.FileName("José O'Neil/../x", letterDay); got != "external-review-request-josé-o-neil-x-2026-11-29.md" {
		t.Error(got)
	}
}

// The appeal letter follows the kind of plan: its title, the regulation it
// cites and the time the plan has to decide.
func TestAppealLetterFollowsThePlanKind(t *testing.T) {
	for _, tc := range []struct {
		kind       planner.PlanKind
		title, law string
		decide     string
	}{
		{planner.PlanEmployerInsured, "# Request for an internal appeal", "under 29 CFR 2560.503-1 and 45 CFR 147.136", "within 30 days"},
		{planner.PlanMedicare, "# Request for a redetermination", "under 42 CFR 405.940 to 405.958", "within 60 days"},
		{planner.PlanMedicareAdvantage, "# Request for a reconsideration by the plan", "under 42 CFR 422.578 to 422.590", "within 30 days"},
		{planner.PlanMedicarePartD, "# Request for a redetermination by the plan", "under 42 CFR 423.580 to 423.590", "within 7 days"},
		{planner.PlanMedicaid, "# Request for a fair hearing", "under 42 CFR 431.200 to 431.246", "within 90 days"},
		{planner.PlanFEHB, "# Request for a reconsideration by the carrier", "under 5 CFR 890.105", "within 30 days"},
		{planner.PlanShortTermOrMinistry, "# Request for an internal appeal", "under the plan's own dispute process", "promptly"},
	} {
		f := demoFile("K")
		f.Plans[0].Kind = tc.kind
		out, err := Letter(InternalAppeal, &f, f.Courses[0].ID, letterDay)
		if err != nil || !strings.Contains(out, tc.title+"\n") || !strings.Contains(out, tc.law) || !strings.Contains(out, tc.decide) {
			t.Errorf("%s: %v\n%s", tc.kind, err, out)
		}
	}
}

// Every letter can be drafted for every kind of plan and every stage of a
// denial, without a fault.
func TestEveryLetterForEveryPlanKind(t *testing.T) {
	for _, kind := range append([]planner.PlanKind{""}, planner.PlanKinds...) {
		for _, level := range planner.AppealLevels {
			for _, stage := range []planner.Denial{{}, {Filed: planner.NewDate(2026, 10, 1)},
				{Filed: planner.NewDate(2026, 10, 1), Decision: planner.DecisionUpheld, Decided: planner.NewDate(2026, 11, 1)}} {
				f := demoFile("E")
				f.Plans[0].Kind = kind
				d := &f.Denials[0]
				d.Level, d.Filed, d.Decision, d.Decided = level, stage.Filed, stage.Decision, stage.Decided
				for _, k := range LetterKinds {
					if out, err := Letter(k, &f, f.Courses[0].ID, letterDay); err == nil && strings.Contains(out, "a appeal") {
						t.Errorf("%s %s %s: %q", kind, level, k.Title(), out)
					}
				}
			}
		}
	}
}
