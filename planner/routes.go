package planner

import "strings"

// The kind of plan decides the rules of an appeal: how long there is to
// file, how fast the plan must decide, and what comes after. The values
// were checked against the regulations cited with each; where a rule
// counts from the day the notice was received (Medicare presumes five days
// after its date), carecost counts from the notice's own date, a few days
// early, to be safe. A date printed on the notice wins over all of them.

// PlanKind is what kind of plan an insurance record is.
type PlanKind string

const (
	PlanKindUnknown         PlanKind = ""
	PlanEmployerInsured     PlanKind = "employer plan, insured"
	PlanEmployerSelfFunded  PlanKind = "employer plan, self-funded"
	PlanIndividual          PlanKind = "individual or marketplace plan"
	PlanGovernmentEmployer  PlanKind = "state or local government employer plan"
	PlanFEHB                PlanKind = "federal employees' plan (FEHB)"
	PlanMedicare            PlanKind = "Original Medicare (Parts A and B)"
	PlanMedicareAdvantage   PlanKind = "Medicare Advantage (Part C)"
	PlanMedicarePartD       PlanKind = "Medicare Part D (drugs)"
	PlanMedicaid            PlanKind = "Medicaid"
	PlanMedicaidManagedCare PlanKind = "Medicaid managed care"
	PlanShortTermOrMinistry PlanKind = "short-term plan or health-care sharing ministry"
)

// PlanKinds are the kinds, in the order the plan form offers them.
var PlanKinds = []PlanKind{PlanEmployerInsured, PlanEmployerSelfFunded, PlanIndividual, PlanGovernmentEmployer, PlanFEHB,
	PlanMedicare, PlanMedicareAdvantage, PlanMedicarePartD, PlanMedicaid, PlanMedicaidManagedCare, PlanShortTermOrMinistry}

// Valid reports whether k is one of PlanKinds, or not said.
func (k PlanKind) Valid() bool { return k == PlanKindUnknown || containsKind(k) }

func containsKind(k PlanKind) bool {
	for _, p := range PlanKinds {
		if p == k {
			return true
		}
	}
	return false
}

// AppealRoute is the appeal process of a kind of plan.
type AppealRoute struct {
	Kind PlanKind
	// ACA: the rules of employer, marketplace and government plans (29
	// CFR 2560.503-1, 45 CFR 147.136), whose deadlines are the approval
	// rules (RuleInternalAppeal, RuleAppealDecision, RuleExternalReview,
	// RuleExternalDecision); Process names their external review process.
	ACA     bool
	Process *Rule
	// Assumed: the plan's kind is not recorded, and these are the rules of
	// employer and marketplace plans.
	Assumed bool
	// None: the plan has no appeal rights in federal law (Explain says
	// what to do instead).
	None    bool
	Explain string
	// First is what the first level of appeal is called; FileDays or
	// FileMonths how long there is to ask for it, from the notice.
	First                string
	FileDays, FileMonths int
	FileRule             *Rule
	// Decide is how many days the plan has to decide, by urgency (before
	// the service, after it, urgent); DecideRule its source.
	Decide     [3]int
	DecideRule *Rule
	// Next is the level after a decision upheld ("" for none); NextAuto:
	// the plan sends the case on itself. NextDays or NextMonths is the time
	// to ask for it, from the decision; NextDecide the days it takes,
	// standard and expedited (0 for not set).
	Next                 string
	NextAuto             bool
	NextDays, NextMonths int
	NextRule             *Rule
	NextDecide           [2]int
	NextDecideRule       *Rule
	// Complaint is where to complain about the plan.
	Complaint string
	// Law is the regulation an appeal letter cites.
	Law string
	// FileCaution is said with the time to file, when the law sets only
	// its longest.
	FileCaution string
	// Beyond says what can follow the last level of this route ("" for
	// nothing but a complaint).
	Beyond string
}

// With is a noun with its article: "an internal appeal", "a fair hearing".
func With(noun string) string {
	if noun == "" {
		return ""
	}
	if strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// Rules of each kind, with their sources.
var (
	ruleExternalReviewState = Rule{"Request an external review (insured and marketplace plans)", "within 4 months of receiving the final internal denial, through the state's process (or the federal one where the state has none); the reviewer decides within 45 days, or 72 hours if expedited", 2026,
		"45 CFR 147.136(c) and (d); 42 U.S.C. 300gg-19(b)"}
	ruleExternalReviewFederal = Rule{"Request an external review (self-funded employer plans)", "within 4 months of receiving the final internal denial, through the federal process; the reviewer decides within 45 days, or 72 hours if expedited", 2026,
		"29 CFR 2590.715-2719(d); 45 CFR 147.136(d)"}
	ruleFEHBReconsideration = Rule{"Ask an FEHB carrier to reconsider", "within 6 months of the date of the denial notice; the carrier answers within 30 days of receiving the request", 2026,
		"5 CFR 890.105(b)(1) and (b)(2)"}
	ruleFEHBReview = Rule{"Ask OPM to review an FEHB carrier's decision", "within 90 days of the carrier's decision; OPM answers within about 60 days (check the carrier's letter)", 2026,
		"5 CFR 890.105(e); OPM, FEHB disputed claims (secondary for the 60 days)"}
	ruleMedicareRedetermination = Rule{"Ask Medicare for a redetermination", "within 120 days of receiving the initial determination (presumed 5 days after its date); the contractor decides within 60 days", 2026,
		"42 CFR 405.942(a), 405.950; medicare.gov, appeals"}
	ruleMedicareReconsideration = Rule{"Ask a qualified independent contractor to reconsider (Original Medicare)", "within 180 days of receiving the redetermination; it decides within 60 days; then an ALJ hearing may be asked for within 60 days", 2026,
		"42 CFR 405.962(a), 405.970, 405.1002(a)"}
	ruleMAReconsideration = Rule{"Ask a Medicare Advantage plan to reconsider", "within 60 days of receiving the notice (presumed 5 days after its date); the plan decides within 30 days before the service, 60 days for payment, 72 hours if expedited", 2026,
		"42 CFR 422.582(b), 422.590"}
	ruleMAIndependent = Rule{"Independent review (Medicare Advantage)", "when the plan upholds its denial, it must send the case to the independent review entity itself", 2026,
		"42 CFR 422.592"}
	rulePartDRedetermination = Rule{"Ask a Part D plan for a redetermination", "within 60 days of receiving the coverage determination (presumed 5 days after its date); the plan decides within 7 days, 14 days for payment, 72 hours if expedited", 2026,
		"42 CFR 423.582(b), 423.590"}
	rulePartDIndependent = Rule{"Ask the independent review entity to reconsider (Part D)", "within 60 days of the redetermination (check the notice); it decides within 7 days, 72 hours if expedited", 2026,
		"42 CFR 423.600; medicare.gov, Part D appeals (secondary for the clocks)"}
	ruleMedicaidHearing = Rule{"Ask for a Medicaid fair hearing", "within the time the state sets, at most 90 days from the date the notice was mailed; the state decides within 90 days", 2026,
		"42 CFR 431.221(d), 431.244(f)"}
	ruleMedicaidPlanAppeal = Rule{"Appeal to a Medicaid managed-care plan", "within 60 days of the date on the notice; the plan decides within 30 days, 72 hours if expedited", 2026,
		"42 CFR 438.402(c)(2)(ii), 438.408(b)"}
	ruleMedicaidPlanHearing = Rule{"Ask for a state fair hearing after a Medicaid plan's appeal", "within 90 to 120 days of the plan's decision, as the state sets: carecost counts 90, to be safe", 2026,
		"42 CFR 438.408(f)(2)"}
	ruleShortTerm = Rule{"Short-term plans and health-care sharing ministries", "have no appeal rights in federal law: use the contract's own dispute process, and complain to the state insurance department", 2026,
		"42 U.S.C. 300gg-91(b)(5); 45 CFR 148.102(a)"}
)

var employerDecide = [3]int{30, 60, 3}

// routes are the appeal processes by kind of plan.
var routes = map[PlanKind]*AppealRoute{
	PlanEmployerInsured: {Kind: PlanEmployerInsured, ACA: true, Process: &ruleExternalReviewState, Law: "29 CFR 2560.503-1 and 45 CFR 147.136", First: "internal appeal", FileDays: 180, FileRule: &RuleInternalAppeal,
		Decide: employerDecide, DecideRule: &RuleAppealDecision, Next: "external review", NextMonths: 4, NextRule: &RuleExternalReview,
		NextDecide: [2]int{45, 3}, NextDecideRule: &RuleExternalDecision, Complaint: "the state insurance department"},
	PlanEmployerSelfFunded: {Kind: PlanEmployerSelfFunded, ACA: true, Process: &ruleExternalReviewFederal, Law: "29 CFR 2560.503-1 and 29 CFR 2590.715-2719", First: "internal appeal", FileDays: 180, FileRule: &RuleInternalAppeal,
		Decide: employerDecide, DecideRule: &RuleAppealDecision, Next: "external review", NextMonths: 4, NextRule: &RuleExternalReview,
		NextDecide: [2]int{45, 3}, NextDecideRule: &RuleExternalDecision,
		Complaint: "the Labor Department's Employee Benefits Security Administration (askebsa.dol.gov, 1-866-444-3272)"},
	PlanIndividual: {Kind: PlanIndividual, ACA: true, Process: &ruleExternalReviewState, Law: "45 CFR 147.136", First: "internal appeal", FileDays: 180, FileRule: &RuleInternalAppeal,
		Decide: employerDecide, DecideRule: &RuleAppealDecision, Next: "external review", NextMonths: 4, NextRule: &RuleExternalReview,
		NextDecide: [2]int{45, 3}, NextDecideRule: &RuleExternalDecision, Complaint: "the state insurance department"},
	PlanGovernmentEmployer: {Kind: PlanGovernmentEmployer, ACA: true, Process: &ruleExternalReviewState, Law: "45 CFR 147.136", First: "internal appeal", FileDays: 180, FileRule: &RuleInternalAppeal,
		Decide: employerDecide, DecideRule: &RuleAppealDecision, Next: "external review", NextMonths: 4, NextRule: &RuleExternalReview,
		NextDecide: [2]int{45, 3}, NextDecideRule: &RuleExternalDecision, Complaint: "the state insurance department"},
	PlanFEHB: {Kind: PlanFEHB, Law: "5 CFR 890.105", First: "reconsideration by the carrier", FileMonths: 6, FileRule: &ruleFEHBReconsideration,
		Decide: [3]int{30, 30, 30}, DecideRule: &ruleFEHBReconsideration, Next: "review by OPM", NextDays: 90, NextRule: &ruleFEHBReview,
		NextDecide: [2]int{60, 0}, NextDecideRule: &ruleFEHBReview, Complaint: "the Office of Personnel Management's FEHB program"},
	PlanMedicare: {Kind: PlanMedicare, Law: "42 CFR 405.940 to 405.958", First: "redetermination", FileDays: 120, FileRule: &ruleMedicareRedetermination,
		Decide: [3]int{60, 60, 60}, DecideRule: &ruleMedicareRedetermination, Next: "reconsideration by a qualified independent contractor",
		NextDays: 180, NextRule: &ruleMedicareReconsideration, NextDecide: [2]int{60, 0}, NextDecideRule: &ruleMedicareReconsideration,
		Complaint: "1-800-MEDICARE, or the Medicare Ombudsman",
		Beyond:    "After the reconsideration, you can ask for a hearing before an administrative law judge within 60 days (42 CFR 405.1002), if the amount in dispute is enough."},
	PlanMedicareAdvantage: {Kind: PlanMedicareAdvantage, Law: "42 CFR 422.578 to 422.590", First: "reconsideration by the plan", FileDays: 60, FileRule: &ruleMAReconsideration,
		Decide: [3]int{30, 60, 3}, DecideRule: &ruleMAReconsideration, Next: "independent review", NextAuto: true, NextRule: &ruleMAIndependent,
		Complaint: "1-800-MEDICARE, or the Medicare Ombudsman",
		Beyond:    "After the independent review, you can ask for a hearing before an administrative law judge within 60 days, if the amount in dispute is enough."},
	PlanMedicarePartD: {Kind: PlanMedicarePartD, Law: "42 CFR 423.580 to 423.590", First: "redetermination by the plan", FileDays: 60, FileRule: &rulePartDRedetermination,
		Decide: [3]int{7, 14, 3}, DecideRule: &rulePartDRedetermination, Next: "reconsideration by the independent review entity",
		NextDays: 60, NextRule: &rulePartDIndependent, NextDecide: [2]int{7, 3}, NextDecideRule: &rulePartDIndependent,
		Complaint: "1-800-MEDICARE, or the Medicare Ombudsman",
		Beyond:    "After the independent review, you can ask for a hearing before an administrative law judge within 60 days, if the amount in dispute is enough."},
	PlanMedicaid: {Kind: PlanMedicaid, Law: "42 CFR 431.200 to 431.246", First: "fair hearing", FileDays: 90, FileRule: &ruleMedicaidHearing,
		Decide: [3]int{90, 90, 3}, DecideRule: &ruleMedicaidHearing, Complaint: "the state Medicaid agency",
		FileCaution: "The state sets this time, at most 90 days from the notice, and many allow less: enter the date on your notice."},
	PlanMedicaidManagedCare: {Kind: PlanMedicaidManagedCare, Law: "42 CFR 438.400 to 438.424", First: "appeal to the plan", FileDays: 60, FileRule: &ruleMedicaidPlanAppeal,
		Decide: [3]int{30, 30, 3}, DecideRule: &ruleMedicaidPlanAppeal, Next: "state fair hearing", NextDays: 90, NextRule: &ruleMedicaidPlanHearing,
		NextDecide: [2]int{90, 3}, NextDecideRule: &ruleMedicaidHearing, Complaint: "the state Medicaid agency"},
	PlanShortTermOrMinistry: {Kind: PlanShortTermOrMinistry, None: true, FileRule: &ruleShortTerm,
		Explain:   "this kind of plan has no appeal rights in federal law: follow the dispute process in its contract, and complain to the state insurance department if it is unfair.",
		Complaint: "the state insurance department"},
}

// RouteOf is the appeal process of a kind of plan; a kind not recorded
// gets the rules of employer and marketplace plans, marked assumed.
func RouteOf(k PlanKind) *AppealRoute {
	if r, ok := routes[k]; ok {
		return r
	}
	r := *routes[PlanEmployerInsured]
	r.Kind, r.Assumed = PlanKindUnknown, true
	return &r
}

// RouteFor is the appeal process of the plan that prices a course.
func (f *PatientFile) RouteFor(course ID) *AppealRoute {
	for _, c := range f.Courses {
		if c.ID != course {
			continue
		}
		for _, p := range f.Plans {
			if p.ID == c.PlanID {
				return RouteOf(p.Kind)
			}
		}
	}
	return RouteOf(PlanKindUnknown)
}

// RouteRules are every kind's rules but those ApprovalRules already list,
// for the rules overlay.
func RouteRules() []*Rule {
	return []*Rule{&ruleExternalReviewState, &ruleExternalReviewFederal, &ruleFEHBReconsideration, &ruleFEHBReview,
		&ruleMedicareRedetermination, &ruleMedicareReconsideration, &ruleMAReconsideration, &ruleMAIndependent, &rulePartDRedetermination,
		&rulePartDIndependent, &ruleMedicaidHearing, &ruleMedicaidPlanAppeal, &ruleMedicaidPlanHearing, &ruleShortTerm}
}
