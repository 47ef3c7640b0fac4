package planner

import "time"

// Demo is a fictional patient with two treatment courses and the scenarios
// that compare them. Every name and figure in it is made up to show how
// carecost works; none is a real price, plan or program.
type Demo struct {
	Patient   Patient
	Plan      Plan
	Courses   []Course // ketamine, then esketamine
	Scenarios []Scenario
}

// DemoNotice labels everything the demo shows.
const DemoNotice = "Demo data: every name, price, plan and program is fictional."

// NewDemo returns the demo. Each call builds it afresh, so callers may
// change what they get.
func NewDemo() Demo {
	patient := Patient{
		Name:          "Sam Rivera (fictional)",
		BirthDate:     NewDate(1988, time.April, 12),
		State:         "OH",
		HouseholdSize: 3,
		AnnualIncome:  Dollars(41_000),
		MonthlyBudget: Dollars(300),
		HSABalance:    Dollars(1_200),
		Insured:       AnswerYes,
		Veteran:       AnswerNo,
		Notes:         "Treatment-resistant depression; two antidepressants tried. (Fictional.)",
	}
	plan := Plan{
		Name:          "Buckeye Silver PPO (fictional)",
		PlanYearStart: NewDate(2026, time.January, 1),
		InNetwork: CostSharing{
			Deductible: Dollars(2_000), Coinsurance: Percentage(20),
			OutOfPocketMax: Dollars(6_000), HasOutOfPocketMax: true,
		},
		OutOfNetwork: CostSharing{
			Deductible: Dollars(3_000), Coinsurance: Percentage(40),
			OutOfPocketMax: Dollars(12_000), HasOutOfPocketMax: true,
		},
		OutOfNetworkCovered: true,
		// A specialty drug tier: 30% of the plan's price a fill, at most
		// $250, after a $500 drug deductible of its own; and a copay
		// accumulator, so a drug maker's help counts toward nothing.
		Pharmacy: DrugBenefit{Coinsurance: Percentage(30), MaxPerFill: Dollars(250), Separate: true,
			Deductible: Dollars(500), OutOfPocketMax: Dollars(3_000), HasOutOfPocketMax: true},
		CopayAssistance: Accumulator,
		Met: Met{
			AsOf:         NewDate(2026, time.November, 15),
			InNetwork:    Accumulated{Deductible: Dollars(1_400), OutOfPocket: Dollars(1_900)},
			OutOfNetwork: Accumulated{Deductible: Dollars(2_100), OutOfPocket: Dollars(2_100)},
		},
	}
	start := NewDate(2026, time.December, 7)
	infusion := Price{Billed: Dollars(600), AllowedInNetwork: Dollars(420), AllowedOutOfNetwork: Dollars(380), Cash: Dollars(550)}
	ketamine := Course{
		Name:     "IV ketamine infusions",
		Approval: OffLabel, // ketamine is approved as an anesthetic, not for depression
		Start:    start,
		Fees: []Fee{{Name: "Psychiatric evaluation", Price: Price{
			Billed: Dollars(450), AllowedInNetwork: Dollars(280), AllowedOutOfNetwork: Dollars(300), Cash: Dollars(350)}}},
		Phases: []Phase{
			{Name: "Induction", Sessions: 6, Spacing: Spacing{2, TimesPerWeek}, Price: infusion},
			{Name: "Booster", Sessions: 6, Spacing: Spacing{4, EveryWeeks}, Price: infusion},
		},
		PayUpFrontDiscount: Percentage(10),
	}
	// Esketamine is given in the clinic, which watches the patient for two
	// hours: the visit is priced apart from the drug, which the clinic can
	// buy and bill (the medical benefit) or the plan's specialty pharmacy
	// can fill (the pharmacy benefit). The safety programme forbids driving
	// until the next day, so every session costs a ride home.
	visit := Price{Billed: Dollars(300), AllowedInNetwork: Dollars(220), AllowedOutOfNetwork: Dollars(180), Cash: Dollars(250)}
	drug := DrugPrice{Medical: Price{Billed: Dollars(850), AllowedInNetwork: Dollars(640), AllowedOutOfNetwork: Dollars(520), Cash: Dollars(750)},
		Pharmacy: Dollars(690)}
	esketamine := Course{
		Name:     "Esketamine nasal spray (FDA-approved)",
		Approval: ApprovedForUse,
		Start:    start,
		Phases: []Phase{
			{Name: "Induction", Sessions: 8, Spacing: Spacing{2, TimesPerWeek}, Price: visit, Drug: drug},
			{Name: "Weekly", Sessions: 4, Spacing: Spacing{1, EveryWeeks}, Price: visit, Drug: drug},
			{Name: "Maintenance", ForMonths: 4, Spacing: Spacing{2, EveryWeeks}, Price: visit, Drug: drug},
		},
		OtherCosts: []OtherCost{{Name: "Ride home (no driving until the next day)", Amount: Dollars(30), PerSession: true}},
	}
	budget := patient.MonthlyBudget
	hsa := FundingSource{Name: "HSA", HealthAccount: &HealthAccount{Balance: patient.HSABalance, TaxRate: Percentage(22)}}
	payAsYouGo := FundingSource{Name: "Pay as you go", PayAsYouGo: &PayAsYouGo{}}
	selfPay := Coverage{Case: SelfPay}
	scenarios := []Scenario{
		{
			Name: "Ketamine in network", Course: ketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: Coverage{Case: CoveredInNetwork},
			Sources:  []FundingSource{hsa, payAsYouGo},
		},
		{
			Name: "Ketamine superbill", Course: ketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: Coverage{Case: OutOfNetworkSuperbill, ReimbursementLagDays: 45},
			Sources: []FundingSource{hsa,
				{Name: "Savings", Savings: &Savings{Amount: Dollars(1_500)}}, payAsYouGo},
		},
		{
			Name: "Ketamine clinic plan", Course: ketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: selfPay,
			Sources: []FundingSource{{Name: "Clinic plan 12 months", PaymentPlan: &PaymentPlan{
				DownPayment: Dollars(500), Months: 12, SetUpFee: Dollars(49)}}},
		},
		{
			Name: "Ketamine on a medical card", Course: ketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: selfPay,
			Sources: []FundingSource{{Name: "Medical card 12 months", DeferredCard: &DeferredInterestCard{
				CreditLimit: Dollars(8_000), PromoMonths: 12, APR: 299_900, // 29.99%
				MinimumRate: Percentage(3), MinimumFloor: Dollars(35), PlannedPayment: Dollars(300)}}},
		},
		{
			Name: "Ketamine with a loan", Course: ketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: selfPay,
			Sources: []FundingSource{{Name: "Personal loan 36 months", Loan: &PersonalLoan{
				Months: 36, APR: 149_900, OriginationFee: Percentage(6)}}}, // 14.99%, 6% fee
		},
		{
			Name: "Ketamine with a grant", Course: ketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: selfPay,
			Sources: []FundingSource{
				{Name: "Hope Bridge grant (fictional)", Grant: &Grant{Amount: Dollars(1_500)}},
				{Name: "Relief Fund grant (fictional)", Grant: &Grant{Share: Percentage(50), Cap: Dollars(1_000), Pending: true}},
				hsa,
				{Name: "Clinic plan 12 months", PaymentPlan: &PaymentPlan{Months: 12}},
			},
		},
		{
			Name: "Esketamine, prior auth", Course: esketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: Coverage{Case: CoveredInNetwork},
			Sources:  []FundingSource{hsa, payAsYouGo},
		},
		{
			Name: "Esketamine via pharmacy", Course: esketamine, Plan: plan, MonthlyBudget: budget,
			Coverage: Coverage{Case: CoveredInNetwork, Route: PharmacyBenefit},
			Sources: []FundingSource{
				{Name: "Maker's copay program (fictional)", CopayProgram: &CopayProgram{YearlyMax: Dollars(2_000)}},
				hsa, payAsYouGo},
		},
	}
	for i := range scenarios {
		if scenarios[i].Coverage.Case != SelfPay {
			scenarios[i].PlanKind = PlanEmployerInsured
		}
	}
	return Demo{Patient: patient, Plan: plan, Courses: []Course{ketamine, esketamine}, Scenarios: scenarios}
}

// DemoFile is the demo as the records a patient file keeps, each given an ID
// by newID: the patient, the plan, both courses, every scenario and the
// fight for approval (see DemoApproval).
func DemoFile(newID func() ID) PatientFile {
	demo := NewDemo()
	f := PatientFile{Patient: PatientRecord{ID: newID(), Patient: demo.Patient}}
	owner := func() Key { return Key{ID: newID(), PatientID: f.Patient.ID} }
	f.Plans = []PlanRecord{{Key: owner(), Insurer: "Buckeye Health (fictional)", MemberID: "BKH-000-DEMO", Group: "GRP-0420", Kind: PlanEmployerInsured, Plan: demo.Plan}}
	statuses := []CoverageStatus{StatusAppealing, StatusNeedsPreAuthorization}
	courses := make(map[string]ID, len(demo.Courses))
	for i, c := range demo.Courses {
		f.Courses = append(f.Courses, CourseRecord{Key: owner(), PlanID: f.Plans[0].ID, Status: statuses[i%len(statuses)], Course: c,
			Provider: "Dr. Robin Lee (fictional)", NPI: "0000000000 (fictional)",
			Clinic: "Lakeside Infusion Center (fictional), 100 Example Road, Columbus, OH 43004"})
		courses[c.Name] = f.Courses[i].ID
	}
	for _, s := range demo.Scenarios {
		f.Scenarios = append(f.Scenarios, ScenarioRecord{Key: owner(), CourseID: courses[s.Course.Name],
			Name: s.Name, Coverage: s.Coverage, Sources: s.Sources, CountPendingGrants: s.CountPendingGrants})
	}
	for _, r := range DemoApproval(f.Patient.ID, f.Courses[0].ID, f.Courses[1].ID) {
		*r.RecordID() = newID()
		switch r := r.(type) {
		case *ChecklistItem:
			f.Checklist = append(f.Checklist, *r)
		case *Denial:
			f.Denials = append(f.Denials, *r)
		case *PreAuthorization:
			f.PreAuthorizations = append(f.PreAuthorizations, *r)
		case *Contact:
			f.Contacts = append(f.Contacts, *r)
		case *Task:
			f.Tasks = append(f.Tasks, *r)
		case *GoodFaithEstimate:
			f.Estimates = append(f.Estimates, *r)
		}
	}
	return f
}

// DemoApproval is the demo's fight for approval, for the patient and the
// IDs of its two courses (ketamine, esketamine): the ketamine denial under
// internal appeal, its checklist half gathered, the calls logged so far,
// the esketamine pre-authorization waiting for a decision, a task and a
// Good Faith Estimate. Like the rest of the demo, all of it is made up.
func DemoApproval(patient, ketamine, esketamine ID) []Record {
	owner := Key{PatientID: patient}
	at := func(month time.Month, day, hour, minute int) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
	}
	var out []Record
	checklist := DefaultChecklist(patient, ketamine)
	statuses := []DocStatus{DocReceived, DocSent, DocRequested, DocMissing, DocMissing}
	notes := []string{"Intake evaluation, 2026-09-30 (fictional)", "Two antidepressant trials and therapy, summarised by the psychiatrist",
		"Asked the clinic for its written protocol", "", ""}
	for i := range checklist {
		checklist[i].Status, checklist[i].Note = statuses[i], notes[i]
		if statuses[i] != DocMissing {
			checklist[i].Date = NewDate(2026, time.November, 10+i)
		}
		out = append(out, &checklist[i])
	}
	// Esketamine's checklist is just begun: nothing gathered yet.
	for _, item := range DefaultChecklist(patient, esketamine) {
		out = append(out, &item)
	}
	out = append(out,
		&Denial{Key: owner, CourseID: ketamine, Notice: NewDate(2026, time.October, 20), Reason: ReasonOffLabel,
			ReasonText: "Ketamine infusion for depression is an off-label use and is not covered under the plan's policy on investigational services. (Fictional.)",
			Reference:  "CLM-2026-55812 (fictional)",
			Level:      LevelInternal, Urgency: PreService, Filed: NewDate(2026, time.November, 16),
			Notes: "Appeal faxed with the evaluation and the treatment history."},
		&PreAuthorization{Key: owner, CourseID: esketamine, Required: AnswerYes, Status: PreAuthPending,
			Submitted: NewDate(2026, time.November, 20), Reference: "PA-2026-0412 (fictional)"},
		&PreAuthorization{Key: owner, CourseID: ketamine, Required: AnswerYes, Status: PreAuthDenied,
			Submitted: NewDate(2026, time.October, 6), Decided: NewDate(2026, time.October, 20), Reference: "PA-2026-0388 (fictional)", InWriting: true},
		&Contact{Key: owner, When: at(time.October, 22, 10, 15), Party: PartyInsurer, Person: "Dana (fictional)", Reference: "CALL-1022",
			Said: "Confirmed the denial as off-label; an internal appeal can be filed within 180 days.", Decision: true},
		&Contact{Key: owner, When: at(time.November, 16, 14, 40), Party: PartyInsurer, Person: "Marcus (fictional)", Reference: "APL-7781",
			Said: "The appeal fax was received and is under review.", FollowUp: NewDate(2026, time.December, 9)},
		&Contact{Key: owner, When: at(time.November, 18, 9, 5), Party: PartyProvider, Person: "Dr. Lee's office (fictional)",
			Said: "Dr. Lee will write the letter of medical necessity once the protocol is in.", FollowUp: NewDate(2026, time.December, 2)},
		&Task{Key: owner, Text: "Ask the clinic for an itemized cash quote", Due: NewDate(2026, time.December, 1)},
		&GoodFaithEstimate{Key: owner, CourseID: ketamine, Provider: "Lakeside Infusion Center (fictional)",
			Amount: Dollars(6_950), Given: NewDate(2026, time.November, 12)},
	)
	return out
}
