package tui

import (
	"strings"
	"testing"

	"carecost/planner"
)

// The assistance programs as a person uses them, run as whole programs and
// compared with their golden files (refresh with go test ./tui -update).

func TestFlowAddAProgram(t *testing.T) {
	t.Parallel()
	db := openDemo(t)
	m := New(db, Options{Theme: ThemeDark, Today: today, Now: clock})
	runFlow(t, m, 100, 40, []flowStep{
		{want: "Best scenario"},
		{send: keys("p"), want: "Second Wind Depression Care Fund"},
		{send: keys("n"), want: "New assistance program"},
		// The program: a nonprofit grant (the first kind), its contact, no
		// website.
		{send: keys("Hope Bridge Fund (fictional)", "enter", "enter", "555-0100", "enter", "enter"), want: "Pays a fixed amount"},
		// $1,000 fixed; no share, cap or session limit.
		{send: keys("1,000", "enter", "enter", "enter", "enter"), want: "Income limit"},
		// Up to 250% of the 2026 guideline; no tiers.
		{send: keys("250", "enter", "2026", "enter"), want: "Does it pay by income, on a sliding scale?"},
		{send: keys("enter"), want: "States"},
		// Ohio only; any condition and insurance; not only veterans; any
		// age.
		{send: keys("OH", "enter", "enter", "enter", "n", "enter", "enter"), want: "Its fund, when last checked"},
		// Closed when checked on 2026-11-20, no day it re-opens; it
		// refuses off-label use, and pays for more than approved drugs.
		{send: keys("down", "down", "enter", "2026-11-20", "enter", "enter", "y", "enter"), want: "How to apply"},
		{send: keys("Online form", "enter", "4 weeks", "enter", "enter"), want: "Saved the program 'Hope Bridge Fund (fictional)'"},
	})
	programs, err := db.Programs()
	if err != nil {
		t.Fatal(err)
	}
	var got *planner.Program
	for i := range programs {
		if programs[i].Name == "Hope Bridge Fund (fictional)" {
			got = &programs[i]
		}
	}
	if got == nil || got.Amount != planner.Dollars(1_000) || got.MaxIncomePercent != planner.Percentage(250) || got.PovertyYear != 2026 ||
		len(got.States) != 1 || got.States[0] != "OH" || got.Kind != planner.ProgramNonprofitGrant || got.Turnaround != "4 weeks" ||
		got.Fund != planner.FundClosed || got.FundCheckedOn != planner.NewDate(2026, 11, 20) || !got.ExcludesOffLabel || got.RequiresFDAApproved {
		t.Errorf("saved %+v", got)
	}
}

func TestFlowScreenTheDemoPatient(t *testing.T) {
	t.Parallel()
	runFlow(t, approvalModel(t, memDemo(t, false)), 100, 45, []flowStep{
		{want: "Overview"},
		// Household of 3 in Ohio: the 2026 guideline is 15,960 + 2 × 5,680
		// = $27,320; $41,000 / $27,320 = 150.07%, shown as 150%.
		{send: keys("7"), want: "is 150% of the 2026 guideline ($27,320)"},
	})
}

func TestFlowAwardIntoAScenario(t *testing.T) {
	t.Parallel()
	db := openDemo(t)
	runFlow(t, approvalModel(t, db), 100, 40, []flowStep{
		{want: "Overview"},
		// The demo's application to Second Wind, marked awarded: the
		// program kept; the status two steps on (considering, applied,
		// awarded) — it is applied, so one down; decided 2026-11-25;
		// $1,500 awarded.
		{send: keys("7", "e"), want: "Edit the application"},
		{send: keys("enter", "down", "enter", "enter", "2026-11-25", "enter"), want: "Amount awarded"},
		{send: keys("enter", "1,500", "enter", "enter", "enter"), want: "Saved the application: awarded"},
		// u, into the third scenario, the clinic plan.
		{send: keys("u"), want: "Count the Second Wind Depression Care Fund (fictional) grant in which scenario?"},
		{send: keys("down", "down", "enter"), want: "Added the Second Wind Depression Care Fund (fictional) grant ($1,500.00)"},
		// The clinic plan was $6,999.00 net: the course's $6,950.00 cash
		// (350 + 12 × 550) and the $49.00 set-up fee. The grant pays
		// $1,500.00 of it first: 6,999 − 1,500 = $5,499.00.
		{send: keys("5"), want: "$5,499.00"},
	})
	f, err := db.LoadPatient(mustFirst(t, db))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Scenarios {
		if s.Name == "Ketamine clinic plan" {
			if s.Sources[0].Grant == nil || s.Sources[0].Grant.Amount != planner.Dollars(1_500) || s.Sources[0].Grant.Pending ||
				!strings.Contains(s.Sources[0].Name, "Second Wind") {
				t.Errorf("first source %+v", s.Sources[0])
			}
		}
	}
}
