package planner

// Rule is one of the legal and program rules carecost applies, with the
// year it is stated for and where it comes from, so the app can show both
// and warn when a year has passed.
type Rule struct {
	Name   string
	Value  string // the rule in words
	Year   int    // the year the figure was checked for
	Source string
}

// The rules of the approval workflow, each with its public source.
var (
	RuleInternalAppeal = Rule{"File an internal appeal", "within 180 days of the denial notice", 2026,
		"healthcare.gov, internal appeals; 29 CFR 2560.503-1(h)(3)(i); 45 CFR 147.136(b)"}
	RuleAppealDecision = Rule{"The insurer decides an internal appeal", "within 30 days before the service, 60 days after it, 72 hours if urgent", 2026,
		"29 CFR 2560.503-1(i)"}
	RuleInitialDecision = Rule{"The insurer decides a request", "within 15 days for prior authorization, 30 days after the service, 72 hours if urgent", 2026,
		"healthcare.gov"}
	RuleExternalReview = Rule{"Request an external review", "within 4 calendar months of the final internal denial; some plans and states allow only 60 days. " +
		"Where the fourth month is shorter, carecost counts to its last day, a day or more before the rule's own date, to be safe", 2026,
		"45 CFR 147.136(d)(2)(i); healthcare.gov, external review"}
	RuleExternalDecision = Rule{"The external reviewer decides", "within 45 days, or 72 hours if expedited", 2026,
		"healthcare.gov, external review (secondary sources)"}
	RuleGoodFaithEstimate = Rule{"Dispute a bill above a Good Faith Estimate", "when the bill is $400 or more above the estimate, within 120 days of the bill, for a $25 fee", 2026,
		"No Surprises Act, patient-provider dispute resolution"}
)

// ApprovalRules lists the rules above, for the app to show.
var ApprovalRules = []*Rule{&RuleInternalAppeal, &RuleAppealDecision, &RuleInitialDecision, &RuleExternalReview,
	&RuleExternalDecision, &RuleGoodFaithEstimate}
