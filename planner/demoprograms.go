package planner

import "time"

// DemoPrograms returns four made-up assistance programs for the demo, one
// of each kind but "other". Their names end in "(fictional)", their phone
// numbers are in the 555-0100–0199 range kept for fiction and their
// websites are under example.org: none is a real organisation.
//
// They are chosen so that the demo patient (a household of 3 in Ohio
// earning $41,000, 150% of the 2026 guideline, born 1988-04-12, insured)
// screens as eligible for two, check for one and not eligible for one.
// Each call builds them afresh, so callers may change what they get.
func DemoPrograms() []Program {
	return []Program{
		{
			Name:        "Maple Street Clinic Sliding Scale (fictional)",
			Kind:        ProgramSlidingScale,
			Contact:     "555-0142, billing office",
			Website:     "https://maple-street-clinic.example.org",
			PovertyYear: 2026,
			Tiers: []IncomeTier{
				{UpToPercent: Percentage(200), PaysPercent: Percentage(100), Label: "Free care"},
				{UpToPercent: Percentage(300), PaysPercent: Percentage(50), Label: "Half price"},
			},
			States:     []string{"OH", "KY", "IN", "MI", "PA"},
			HowToApply: "Ask at the front desk for the sliding-scale form; bring last year's tax return or two recent pay stubs.",
			Turnaround: "same day to 1 week",
			Notes:      "Covers the clinic's own charges only.",
			Fictional:  true,
		},
		{
			Name:             "Second Wind Depression Care Fund (fictional)",
			Kind:             ProgramNonprofitGrant,
			Contact:          "555-0167, grants team",
			Website:          "https://second-wind-fund.example.org",
			Amount:           Dollars(1_500),
			Sessions:         6,
			MaxIncomePercent: Percentage(400),
			Conditions: []string{
				"treatment-resistant depression (two or more medicines tried)",
				"a treatment plan signed by the treating doctor",
			},
			HowToApply: "Online form, with the treatment plan and proof of income.",
			Turnaround: "4–6 weeks",
			Notes:      "Pays the clinic directly. Its fund opens each January and closes when the year's money is spoken for.",
			// Closed when last checked, re-opening in January; it pays
			// only for treatments used as the FDA approved them.
			Fund: FundClosed, FundCheckedOn: NewDate(2026, time.November, 20), ReopensOn: NewDate(2027, time.January, 4),
			ExcludesOffLabel: true,
			Fictional:        true,
		},
		{
			Name:             "Sample Pharma Patient Assistance (fictional)",
			Kind:             ProgramManufacturer,
			Contact:          "555-0188",
			Website:          "https://patient-assistance.example.org",
			Share:            Percentage(100),
			MaxIncomePercent: Percentage(500),
			Insurance:        UninsuredOnly,
			MinAge:           18,
			HowToApply:       "The prescriber sends the enrolment form with the prescription.",
			Turnaround:       "2–4 weeks",
			Notes:            "Pays for the company's own medicine only, not the visit.",
			Fictional:        true,
		},
		{
			Name:    "Riverbend General Hospital Financial Assistance (fictional)",
			Kind:    ProgramCharityCare,
			Contact: "555-0119, financial counselors",
			Website: "https://riverbend-hospital.example.org",
			Tiers: []IncomeTier{
				{UpToPercent: Percentage(150), PaysPercent: Percentage(100), Label: "Free care"},
				{UpToPercent: Percentage(250), PaysPercent: Percentage(75), Label: "75% off"},
				{UpToPercent: Percentage(400), PaysPercent: Percentage(40), Label: "40% off"},
			},
			States:     []string{"OH"},
			HowToApply: "Ask a financial counselor for the application form.",
			Turnaround: "about 30 days",
			Notes:      "Hospital bills only.",
			Fictional:  true,
		},
	}
}

// DemoScreeningFacts are the demo patient's facts for screening, from the
// record: insured, not a veteran, with the demo's two courses.
func DemoScreeningFacts() ScreeningFacts {
	d := NewDemo()
	facts := FactsOf(d.Patient)
	for _, c := range d.Courses {
		facts.Treatments = append(facts.Treatments, Treatment{Name: c.Name, Approval: c.Approval})
	}
	return facts
}

// DemoCatalog is DemoPrograms as the catalog keeps them, each given an ID
// by newID.
func DemoCatalog(newID func() ID) []Program {
	programs := DemoPrograms()
	for i := range programs {
		programs[i].ID = newID()
	}
	return programs
}

// DemoFileWithCatalog is DemoFile together with DemoCatalog, the file
// also holding the patient's application (DemoApplication) to the
// catalog's nonprofit grant, the Second Wind fund: a grant the patient
// may get but must check, since only the fund can judge its conditions.
// IDs come from newID: the file's first, as DemoFile gives them, then the
// catalog's, then the application's.
func DemoFileWithCatalog(newID func() ID) (PatientFile, []Program) {
	f := DemoFile(newID)
	catalog := DemoCatalog(newID)
	for _, p := range catalog {
		if p.Kind == ProgramNonprofitGrant {
			a := DemoApplication(p.ID)
			a.ID, a.PatientID = newID(), f.Patient.ID
			f.Applications = append(f.Applications, a)
			f.ProgramNames = map[ID]string{p.ID: p.Name}
			break
		}
	}
	return f, catalog
}

// DemoApplication returns the demo patient's application to a program,
// sent and waiting for an answer. The caller sets the patient.
func DemoApplication(programID ID) Application {
	return Application{
		ProgramID: programID,
		Status:    ApplicationApplied,
		Applied:   NewDate(2026, time.November, 10),
		Requested: Dollars(1_500),
		FollowUp:  NewDate(2026, time.December, 4),
		Notes:     "Sent the form, the treatment plan and last year's tax return. They said to call if we hear nothing in three weeks. (Fictional.)",
	}
}
