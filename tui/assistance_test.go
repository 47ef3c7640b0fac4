package tui

import (
	"strings"
	"testing"

	"carecost/planner"
)

func TestWithGrant(t *testing.T) {
	s := planner.ScenarioRecord{Name: "Clinic plan", Sources: []planner.FundingSource{
		{Name: "Clinic plan 12 months", PaymentPlan: &planner.PaymentPlan{Months: 12}}}}
	pending := planner.Application{ProgramID: "P", Status: planner.ApplicationApplied, Requested: planner.Dollars(1_500)}
	got, status, err := withGrant(s, pending, "Hope Fund")
	if err != nil || len(got.Sources) != 2 || got.Sources[0].Grant == nil || !got.Sources[0].Grant.Pending ||
		got.Sources[0].Grant.Amount != planner.Dollars(1_500) || got.Sources[1].PaymentPlan == nil || !strings.Contains(status, "pending") {
		t.Fatalf("pending: %+v, %q, %v", got.Sources, status, err)
	}
	// Awarded later, the same program's grant replaces the pending one
	// rather than counting twice.
	awarded := pending
	awarded.Status, awarded.Awarded = planner.ApplicationAwarded, planner.Dollars(1_200)
	again, _, err := withGrant(got, awarded, "Hope Fund")
	if err != nil || len(again.Sources) != 2 || again.Sources[0].Grant.Pending || again.Sources[0].Grant.Amount != planner.Dollars(1_200) {
		t.Fatalf("awarded: %+v, %v", again.Sources, err)
	}
	// The scenario it came from is not changed.
	if len(s.Sources) != 1 || len(got.Sources) != 2 {
		t.Error("withGrant changed the scenario it was given")
	}
	// An application still being considered funds nothing, and says why.
	if _, _, err := withGrant(s, planner.Application{ProgramID: "P", Status: planner.ApplicationConsidering}, "Hope Fund"); err == nil ||
		!strings.Contains(err.Error(), "hasn't been sent yet") {
		t.Errorf("considering: %v", err)
	}
}
