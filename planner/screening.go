package planner

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Verdict is what screening says of a program for a patient.
type Verdict int

const (
	// Eligible: the patient meets every rule of the program carecost can
	// check. The program still decides.
	Eligible Verdict = iota + 1
	// Check: nothing rules the patient out, but something can't be
	// decided here: a figure not entered, or a condition only the
	// program can judge.
	Check
	// NotEligible: the patient fails one of the program's rules.
	NotEligible
)

// String says the verdict in words.
func (v Verdict) String() string {
	switch v {
	case Eligible:
		return "eligible"
	case Check:
		return "check"
	case NotEligible:
		return "not eligible"
	}
	return "not screened"
}

// ScreeningFacts are what screening needs to know about a patient beyond
// the figures of the patient record. FactsOf takes what the record holds;
// the caller asks for the rest, or leaves it unknown.
type ScreeningFacts struct {
	// Insured says whether the patient has health insurance; empty
	// counts as unknown.
	Insured Answer
	// Veteran says whether the patient is a veteran; empty counts as
	// unknown.
	Veteran Answer
	// NoIncome says the household has no income at all, so that an
	// AnnualIncome of zero is a figure rather than a blank.
	NoIncome bool
	// Treatments are the patient's courses: their names and their
	// standing with the FDA, for funds that ask about it.
	Treatments []Treatment
}

// Treatment is a course as screening sees it.
type Treatment struct {
	Name     string
	Approval FDAApproval
}

// ScreeningFacts are the facts of the patient's record and courses.
func (f *PatientFile) ScreeningFacts() ScreeningFacts {
	facts := FactsOf(f.Patient.Patient)
	for _, c := range f.Courses {
		facts.Treatments = append(facts.Treatments, Treatment{Name: c.Name, Approval: c.Approval})
	}
	return facts
}

// FactsOf takes the screening facts a patient record holds: whether the
// patient is insured and whether they are a veteran, empty meaning not
// known, and whether the household has no income at all.
func FactsOf(p Patient) ScreeningFacts {
	return ScreeningFacts{Insured: p.Insured, Veteran: p.Veteran, NoIncome: p.NoIncome && p.AnnualIncome == 0}
}

// Screening is the result of screening a patient for one program.
type Screening struct {
	Program Program
	Verdict Verdict
	// Reasons say why, in plain words: first any rule the patient
	// fails, then what to confirm, then the rules met.
	Reasons []string
	// Missing lists what the patient record lacks for this program:
	// "No household income entered".
	Missing []string
	// The income test, when it could be worked out: the guideline for the
	// household, the year of its table, and the income as a percentage of
	// it (see IncomePercent). Guideline is zero when it couldn't.
	Guideline     Money
	GuidelineYear int
	IncomePercent Rate
	// Tier is the income tier the household falls in, if the program has
	// tiers and the income could be checked.
	Tier *IncomeTier
}

// findings collects what each rule found while screening.
type findings struct {
	failed, unsure, met, notes, missing []string
}

func addOnce(list *[]string, s string) {
	if !slices.Contains(*list, s) {
		*list = append(*list, s)
	}
}

func (f *findings) fail(s string)  { addOnce(&f.failed, s) }
func (f *findings) check(s string) { addOnce(&f.unsure, s) }
func (f *findings) pass(s string)  { addOnce(&f.met, s) }
func (f *findings) need(s string)  { addOnce(&f.missing, s) }

// What a patient record can lack, as Screening.Missing says it.
const (
	MissingIncome    = "No household income entered"
	MissingHousehold = "No household size entered"
	MissingState     = "No state entered"
	MissingBirthDate = "No birth date entered"
	MissingInsurance = "No insurance status entered"
	MissingVeteran   = "No veteran status entered"
)

// Screen says whether a patient looks eligible for a program, on a day,
// and why. Any rule the patient fails makes the program NotEligible;
// otherwise anything that can't be decided (a blank figure, a condition
// only the program can judge) makes it Check; otherwise it is Eligible.
// An income exactly at a limit is within it. A program whose record is
// not valid is Check, with what is wrong with it.
func Screen(p Patient, facts ScreeningFacts, prog Program, today Date) Screening {
	s := Screening{Program: prog}
	var f findings
	if err := prog.Validate(); err != nil {
		f.check("carecost can't screen this program until its record is fixed: " + err.Error())
	} else {
		screenState(&f, p, &prog)
		screenAge(&f, p, &prog, today)
		screenInsurance(&f, facts, &prog)
		screenVeteran(&f, facts, &prog)
		screenIncome(&f, &s, p, facts, &prog, today)
		screenConditions(&f, &prog)
		screenTreatments(&f, facts, &prog)
		screenFund(&f, &prog, today)
	}
	switch {
	case len(f.failed) > 0:
		s.Verdict = NotEligible
	case len(f.unsure) > 0 || len(f.missing) > 0:
		s.Verdict = Check
	default:
		s.Verdict = Eligible
	}
	s.Reasons = slices.Concat(f.failed, f.unsure, f.met, f.notes)
	s.Missing = f.missing
	return s
}

// ScreenAll screens a patient for every program: eligible first, then
// those to check, then the rest, each group by program name.
func ScreenAll(p Patient, facts ScreeningFacts, programs []Program, today Date) []Screening {
	out := make([]Screening, 0, len(programs))
	for _, prog := range programs {
		out = append(out, Screen(p, facts, prog, today))
	}
	slices.SortStableFunc(out, func(a, b Screening) int {
		return cmp.Or(cmp.Compare(a.Verdict, b.Verdict),
			strings.Compare(strings.ToLower(a.Program.Name), strings.ToLower(b.Program.Name)))
	})
	return out
}

// screenFund says whether the fund took applications when last checked: a
// closed fund is one to check again, never a "no".
func screenFund(f *findings, prog *Program, today Date) {
	switch prog.Fund {
	case FundClosed:
		text := "The fund was closed as of " + prog.FundCheckedOn.String() + ": check again"
		if next := prog.NextReopening(prog.FundCheckedOn); !next.IsZero() {
			if !today.IsZero() && next <= today {
				text += "; it was to re-open on " + next.String()
			} else {
				text += "; it re-opens on " + next.String()
			}
		}
		f.check(text)
	case FundOpen:
		f.pass("The fund was open as of " + prog.FundCheckedOn.String())
	}
}

// screenTreatments checks a fund that will not pay for off-label use, or
// pays only for an FDA-approved treatment, against the patient's courses:
// no course it pays for is a "no"; some is a "yes" that says which.
func screenTreatments(f *findings, facts ScreeningFacts, prog *Program) {
	if !prog.ExcludesOffLabel && !prog.RequiresFDAApproved {
		return
	}
	// A fund that refuses off-label use refuses a drug approved for no use
	// at all just the same.
	rule := "This fund does not pay for off-label use"
	if prog.RequiresFDAApproved {
		rule = "This fund pays only for a treatment the FDA has approved for its use"
	}
	refuses := func(a FDAApproval) bool { return a == OffLabel || a == NotApproved }
	var refused, unknown, paid []string
	for _, t := range facts.Treatments {
		switch {
		case t.Approval == ApprovalUnknown:
			unknown = append(unknown, t.Name)
		case refuses(t.Approval):
			refused = append(refused, t.Name+" is "+string(t.Approval))
		default:
			paid = append(paid, t.Name)
		}
	}
	switch {
	case len(facts.Treatments) == 0:
		f.check(rule + ": enter the treatment course, and whether the FDA has approved it for this use")
	case len(paid) > 0 && len(refused) > 0:
		f.pass(rule + ": " + strings.Join(refused, ", ") + ", so it can help only with " + strings.Join(paid, ", "))
	case len(paid) > 0:
		f.pass(rule + ", and " + strings.Join(paid, ", ") + " is FDA-approved for its use")
	case len(unknown) > 0 && len(refused) > 0:
		f.check(rule + ": " + strings.Join(refused, ", ") + "; say whether the FDA has approved " + strings.Join(unknown, ", ") + " for this use")
	case len(unknown) > 0:
		f.check(rule + ": say whether the FDA has approved " + strings.Join(unknown, ", ") + " for this use")
	default:
		f.fail(rule + ", and " + strings.Join(refused, ", "))
	}
}

func screenState(f *findings, p Patient, prog *Program) {
	if len(prog.States) == 0 {
		return
	}
	serves := "This program serves only " + statesText(prog.States)
	if NormalizeState(p.State) == "" {
		f.need(MissingState)
		f.check(serves + ": enter the patient's state")
		return
	}
	if err := CheckResidence(p.State); err != nil {
		f.check(sentenceStart(err.Error()))
		return
	}
	if !prog.Serves(p.State) {
		f.fail(serves + ", and the patient lives in " + stateInSentence(p.State))
		return
	}
	f.pass("This program serves " + stateInSentence(p.State))
}

func screenAge(f *findings, p Patient, prog *Program, today Date) {
	if prog.MinAge == 0 && prog.MaxAge == 0 {
		return
	}
	ages := agesText(prog.MinAge, prog.MaxAge)
	switch {
	case p.BirthDate.IsZero():
		f.need(MissingBirthDate)
		f.check("This program is for " + ages + ": enter the patient's birth date")
		return
	case today.IsZero() || p.BirthDate > today:
		f.check("The birth date " + p.BirthDate.String() + " is after today: check it")
		return
	}
	age := AgeOn(p.BirthDate, today)
	said := "The patient is " + strconv.Itoa(age) + "; this program is for " + ages
	if age < prog.MinAge || (prog.MaxAge > 0 && age > prog.MaxAge) {
		f.fail(said)
		return
	}
	f.pass(said)
}

// AgeOn returns a person's age in whole years on a day: their birthday
// counts from the day itself. Someone born on February 29 turns a year
// older on March 1 in other years.
func AgeOn(birth, day Date) int {
	by, bm, bd := birth.Civil()
	y, m, d := day.Civil()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

func agesText(minAge, maxAge int) string {
	switch {
	case maxAge == 0:
		return "ages " + strconv.Itoa(minAge) + " and over"
	case minAge == 0:
		return "ages " + strconv.Itoa(maxAge) + " and under"
	}
	return "ages " + strconv.Itoa(minAge) + " to " + strconv.Itoa(maxAge)
}

func screenInsurance(f *findings, facts ScreeningFacts, prog *Program) {
	rule := prog.Insurance
	if rule == InsuranceAny {
		return
	}
	if facts.Insured != AnswerYes && facts.Insured != AnswerNo {
		f.need(MissingInsurance)
		f.check("This program is for people " + string(rule) + ": say whether the patient has health insurance")
		return
	}
	insured := facts.Insured == AnswerYes
	switch {
	case rule == InsuredOnly && insured:
		f.pass("The patient has health insurance, as this program requires")
	case rule == InsuredOnly:
		f.fail("This program is only for people with health insurance, and the patient has none")
	case insured && rule == UninsuredOnly:
		f.fail("This program is only for people without health insurance, and the patient has it")
	case insured:
		f.check("This program takes insured people only if they are underinsured: ask the program whether the patient's coverage counts")
	default:
		f.pass("The patient has no health insurance, as this program requires")
	}
}

func screenVeteran(f *findings, facts ScreeningFacts, prog *Program) {
	if !prog.VeteransOnly {
		return
	}
	switch facts.Veteran {
	case AnswerYes:
		f.pass("The patient is a veteran, as this program requires")
	case AnswerNo:
		f.fail("This program is only for veterans, and the patient is not one")
	default:
		f.need(MissingVeteran)
		f.check("This program is only for veterans: say whether the patient is one")
	}
}

func screenConditions(f *findings, prog *Program) {
	if len(prog.Conditions) == 0 {
		return
	}
	f.check("Confirm with the program that the patient meets what it requires, which carecost can't check: " +
		strings.Join(prog.Conditions, "; "))
}

func screenIncome(f *findings, s *Screening, p Patient, facts ScreeningFacts, prog *Program, today Date) {
	limit := prog.IncomeLimit()
	if limit == 0 {
		f.pass("This program has no income limit")
		return
	}
	year := prog.PovertyYear
	if year == 0 {
		year = NewestGuidelineYear()
		if GuidelinesOutOfDate(today) {
			addOnce(&f.notes, fmt.Sprintf("carecost's newest poverty guidelines are for %d; newer ones are usually higher, so ask the program which figures it uses", year))
		}
	}
	var blanks []string
	if p.AnnualIncome == 0 && !facts.NoIncome {
		f.need(MissingIncome)
		blanks = append(blanks, "yearly income")
	}
	if p.HouseholdSize < 1 {
		f.need(MissingHousehold)
		blanks = append(blanks, "size")
	}
	if NormalizeState(p.State) == "" {
		f.need(MissingState)
		blanks = append(blanks, "state")
	}
	if len(blanks) > 0 {
		f.check(fmt.Sprintf("This program's income limit is %s of the poverty guideline: enter the household's %s to check it",
			limit, joinWords(blanks)))
		return
	}
	region, err := RegionOf(p.State)
	if err != nil {
		f.check(sentenceStart(err.Error()))
		return
	}
	table, err := PovertyTableFor(year, region)
	if err != nil {
		f.check(fmt.Sprintf("This program goes by the %d poverty guidelines, which carecost doesn't have (it has %s): ask the program for its income limit in dollars",
			year, guidelineYearsText()))
		return
	}
	guideline, err := table.Guideline(p.HouseholdSize)
	if err != nil {
		f.check(sentenceStart(err.Error()))
		return
	}
	income := max(p.AnnualIncome, 0)
	s.Guideline, s.GuidelineYear = guideline, year
	s.IncomePercent = IncomePercent(income, guideline)
	within := IncomeWithin(income, guideline, limit)
	regionWord := ""
	if region != RegionContiguous {
		regionWord = region.String() + " "
	}
	said := fmt.Sprintf("Household of %d in %s earning %s is %s of the %d %sguideline (%s); this program's limit is %s",
		p.HouseholdSize, stateInSentence(p.State), dollarsText(income), percentText(s.IncomePercent, limit, within),
		year, regionWord, dollarsText(guideline), limit)
	if !within {
		f.fail(said)
		return
	}
	f.pass(said)
	screenTier(f, s, income, guideline, prog)
}

func screenTier(f *findings, s *Screening, income, guideline Money, prog *Program) {
	if len(prog.Tiers) == 0 {
		return
	}
	tier, ok := prog.TierFor(income, guideline)
	if !ok {
		f.pass("The income is above this program's tiers but within its limit: ask the program what it pays")
		return
	}
	s.Tier = &tier
	label := ""
	if strings.TrimSpace(tier.Label) != "" {
		label = " (“" + tier.Label + "”)"
	}
	f.pass(fmt.Sprintf("The tier for incomes up to %s applies%s: the program pays %s of the cost",
		tier.UpToPercent, label, tier.PaysPercent))
}

// percentText shows an income percentage to the whole percent, unless
// rounding would make it look to be on the wrong side of the limit: then
// to the hundredth, and failing that exactly (or "just over" the limit).
func percentText(exact, limit Rate, within bool) string {
	if whole := WholePercent(exact); (whole <= limit) == within {
		return whole.String()
	}
	if hundredth := Rate(roundHalfUp(int64(exact), 1, 100)) * 100; (hundredth <= limit) == within {
		return hundredth.String()
	}
	if within || exact > limit {
		return exact.String()
	}
	return "just over " + limit.String()
}

// stateInSentence names a state as a sentence says it: "Ohio", "the
// District of Columbia"; an unknown code as it is.
func stateInSentence(code string) string {
	name, ok := StateName(code)
	switch {
	case !ok && territoryNames[NormalizeState(code)] != "":
		return territoryNames[NormalizeState(code)]
	case !ok:
		return NormalizeState(code)
	case NormalizeState(code) == "DC":
		return "the " + name
	}
	return name
}

// statesText names the states a program serves: "Kentucky, Ohio and
// Indiana"; a long list is counted instead.
func statesText(codes []string) string {
	if len(codes) > 5 {
		return strconv.Itoa(len(codes)) + " states"
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = stateInSentence(c)
	}
	return joinWords(names)
}

// joinWords joins words as a list in a sentence: "a", "a and b", "a, b
// and c".
func joinWords(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// sentenceStart capitalises the first letter of an error sentence used
// as a reason.
func sentenceStart(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
