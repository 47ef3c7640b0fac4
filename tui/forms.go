package tui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"carecost/planner"
)

// patientForm adds a patient, or edits one.
func patientForm(p planner.PatientRecord, cx *context) *formDialog {
	v := newValues(cx)
	title := "New patient"
	if p.ID != "" {
		title = "Edit " + p.Name
	}
	birth := p.BirthDate.String()
	form := newForm(cx, v.group(
		input(v, "name", "Name", "", p.Name, required("the patient's name")),
		input(v, "birth", "Date of birth", "YYYY-MM-DD; optional", birth, validBirthDate(cx.today)),
		input(v, "state", "State", "Two letters, like OH; assistance programs often depend on it", p.State, validState),
		input(v, "household", "Household size", "People in the household, for the federal poverty level", numberText(p.HouseholdSize), validNumber(1, 30, true)),
		input(v, "income", "Household income a year", "Before tax; 0 if the household has none; blank if not known", patientIncomeText(p), validMoney(true)),
		input(v, "budget", "Monthly budget", "What can go to care each month; months above it are flagged", moneyText(p.MonthlyBudget), validMoney(true)),
		input(v, "hsa", "HSA or FSA balance", "Money set aside before tax for care", moneyText(p.HSABalance), validMoney(true)),
		choose(v, "insured", "Has health insurance?", "", choices(planner.Answers, nil), answerOr(p.Insured)),
		choose(v, "veteran", "A veteran?", "", choices(planner.Answers, nil), answerOr(p.Veteran)),
		notes(v, "notes", "Notes", p.Notes),
	))
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := p
		rec.Name, rec.BirthDate, rec.State = v.get("name"), v.date("birth"), strings.ToUpper(v.get("state"))
		rec.HouseholdSize, rec.AnnualIncome = v.number("household"), v.money("income")
		rec.NoIncome = v.get("income") != "" && rec.AnnualIncome == 0
		rec.MonthlyBudget, rec.HSABalance, rec.Notes = v.money("budget"), v.money("hsa"), strings.TrimSpace(*v.text["notes"])
		rec.Insured, rec.Veteran = planner.Answer(v.get("insured")), planner.Answer(v.get("veteran"))
		d.retry = patientForm(rec, cx)
		return []planner.Record{&rec}, "Saved patient '" + rec.Name + "'", nil
	}
	return d
}

// patientIncomeText shows an income of nothing as 0, and one not entered as blank.
func patientIncomeText(p planner.PatientRecord) string {
	if p.NoIncome && p.AnnualIncome == 0 {
		return "0"
	}
	return moneyText(p.AnnualIncome)
}

// answerOr is an answer for a select: unknown when not given.
func answerOr(a planner.Answer) string {
	if a == "" {
		return string(planner.AnswerUnknown)
	}
	return string(a)
}

func validState(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return planner.CheckResidence(s)
}

// validBirthDate takes a date of birth on or before today, or none.
func validBirthDate(today planner.Date) func(string) error {
	return func(s string) error {
		if err := validDate(true)(s); err != nil || strings.TrimSpace(s) == "" {
			return err
		}
		if d, _ := planner.ReadDate(s); !today.IsZero() && d > today {
			return errors.New("the date of birth " + d.String() + " is after today (" + today.String() + "): check it")
		}
		return nil
	}
}

// planForm adds an insurance plan to a patient, or edits one.
func planForm(patient planner.ID, p planner.PlanRecord, cx *context) *formDialog {
	today := cx.today
	v := newValues(cx)
	title := "New insurance plan"
	if p.ID != "" {
		title = "Edit " + p.Name
	}
	if p.PlanYearStart.IsZero() && !today.IsZero() {
		// Most plan years start on January 1: this year's, by default.
		p.PlanYearStart = today.Month().First().AddMonths(-int(today.Month() % 12))
	}
	in, out := &p.InNetwork, &p.OutOfNetwork
	oop := func(t *planner.CostSharing) string {
		if !t.HasOutOfPocketMax {
			return ""
		}
		return t.OutOfPocketMax.String()
	}
	hasDrug := v.flag("drug", p.Pharmacy.Entered())
	groups := []*huh.Group{
		v.group(
			input(v, "insurer", "Insurer", "", p.Insurer, nil),
			input(v, "name", "Plan name", "", p.Name, required("the plan's name, like Silver PPO")),
			input(v, "member", "Member ID", "", p.MemberID, nil),
			input(v, "group", "Group number", "On the insurance card, for an employer plan; blank if none", p.Group, nil),
			input(v, "year", "Plan year starts", "YYYY-MM-DD: the deductible and out-of-pocket amounts start over on this day each year", p.PlanYearStart.String(), validDate(false)),
			choose(v, "kind", "Kind of plan", "It decides the deadlines and the steps of an appeal: employer plans, Medicare, Medicaid and the rest each have their own", planKindOptions(), string(p.Kind)),
			choose(v, "assist", "How the plan counts a drug maker's copay help", "The plan's documents or its member services say; most plans count it", []huh.Option[string]{
				huh.NewOption("toward the deductible and maximum, as if you paid it", itoa(int(planner.StandardAssistance))),
				huh.NewOption("not at all: a copay accumulator", itoa(int(planner.Accumulator))),
				huh.NewOption("spread over the year, counted not at all: a copay maximizer", itoa(int(planner.Maximizer))),
			}, itoa(int(p.CopayAssistance))),
		).Title("The plan"),
		v.group(
			input(v, "inDed", "Deductible", "What you pay each plan year before the plan shares the cost", moneyText(in.Deductible), validMoney(true)),
			input(v, "inCoins", "Coinsurance %", "Your share after the deductible: 20 means you pay 20% and the plan 80%", rateText(in.Coinsurance), validRate),
			input(v, "inCopay", "Copay", "A fixed amount per visit, if the plan sets one for this care", moneyText(in.Copay), validMoney(true)),
			choose(v, "inRule", "The copay is paid", "", []huh.Option[string]{
				huh.NewOption("instead of the deductible and coinsurance", "instead"),
				huh.NewOption("first, then the deductible and coinsurance apply", "before"),
			}, copayRuleKey(in.CopayRule)),
			input(v, "inOOP", "Out-of-pocket maximum", "The most you pay in a plan year; leave blank if there is none", oop(in), validMoney(true)),
			input(v, "inDedMet", "Deductible met so far", "", moneyText(p.Met.InNetwork.Deductible), validMoney(true)),
			input(v, "inOOPMet", "Out-of-pocket met so far", "", moneyText(p.Met.InNetwork.OutOfPocket), validMoney(true)),
			input(v, "asOf", "Met so far as of", "YYYY-MM-DD; blank means as of the course's first day", p.Met.AsOf.String(), validDate(true)),
		).Title("In network"),
		v.group(
			yesNo(v, "oonCovered", "Does the plan pay anything out of network?", "", v.flag("oonCovered", p.OutOfNetworkCovered)),
			input(v, "outDed", "Out-of-network deductible", "", moneyText(out.Deductible), validMoney(true)),
			input(v, "outCoins", "Out-of-network coinsurance %", "", rateText(out.Coinsurance), validRate),
			input(v, "outOOP", "Out-of-network out-of-pocket maximum", "Blank if there is none", oop(out), validMoney(true)),
			input(v, "outDedMet", "Out-of-network deductible met", "", moneyText(p.Met.OutOfNetwork.Deductible), validMoney(true)),
			input(v, "outOOPMet", "Out-of-network out-of-pocket met", "", moneyText(p.Met.OutOfNetwork.OutOfPocket), validMoney(true)),
		).Title("Out of network"),
		v.group(
			yesNo(v, "drug", "Does the plan's pharmacy cover a drug given in the clinic (its drug tier)?", "For a drug like esketamine from a specialty pharmacy: the pharmacy benefit route", hasDrug),
		).Title("Drug tier"),
	}
	if !cx.accessible {
		groups = append(groups, v.hiding(func() bool { return !*hasDrug }, func() *huh.Group { return drugTierGroup(v, &p.Pharmacy, &p.Met.Pharmacy) }))
	}
	d := &formDialog{title: title, form: newForm(cx, groups...), vals: v}
	if cx.accessible {
		d.askLater(cx, func() []*huh.Group {
			if !*hasDrug {
				return nil
			}
			return []*huh.Group{drugTierGroup(v, &p.Pharmacy, &p.Met.Pharmacy)}
		})
	}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := p
		rec.PatientID = patient
		rec.Insurer, rec.Name, rec.MemberID, rec.PlanYearStart = v.get("insurer"), v.get("name"), v.get("member"), v.date("year")
		rec.Group = v.get("group")
		rec.Kind = planner.PlanKind(v.get("kind"))
		rec.CopayAssistance = planner.AssistanceRule(v.number("assist"))
		rec.InNetwork.Deductible, rec.InNetwork.Coinsurance, rec.InNetwork.Copay = v.money("inDed"), v.rate("inCoins"), v.money("inCopay")
		rec.InNetwork.CopayRule = planner.NoCopay
		if rec.InNetwork.Copay > 0 {
			rec.InNetwork.CopayRule = planner.CopayInsteadOfDeductible
			if v.get("inRule") == "before" {
				rec.InNetwork.CopayRule = planner.CopayBeforeDeductible
			}
		}
		rec.InNetwork.HasOutOfPocketMax, rec.InNetwork.OutOfPocketMax = v.get("inOOP") != "", v.money("inOOP")
		rec.Met.AsOf = v.date("asOf")
		rec.Met.InNetwork.Deductible, rec.Met.InNetwork.OutOfPocket = v.money("inDedMet"), v.money("inOOPMet")
		rec.OutOfNetworkCovered = v.is("oonCovered")
		rec.OutOfNetwork.Deductible, rec.OutOfNetwork.Coinsurance = v.money("outDed"), v.rate("outCoins")
		rec.OutOfNetwork.HasOutOfPocketMax, rec.OutOfNetwork.OutOfPocketMax = v.get("outOOP") != "", v.money("outOOP")
		rec.Met.OutOfNetwork.Deductible, rec.Met.OutOfNetwork.OutOfPocket = v.money("outDedMet"), v.money("outOOPMet")
		rec.Pharmacy, rec.Met.Pharmacy = planner.DrugBenefit{}, planner.Accumulated{}
		if v.is("drug") {
			rec.Pharmacy, rec.Met.Pharmacy = readDrugTier(v)
			if !rec.Pharmacy.Entered() {
				d.retry = planForm(patient, rec, cx)
				return nil, "", errors.New("the drug tier needs its copay or coinsurance per fill (the plan's drug list, its formulary, says which); or answer no to the drug tier")
			}
		}
		if err := rec.Plan.Validate(); err != nil {
			d.retry = planForm(patient, rec, cx)
			return nil, "", err
		}
		d.retry = planForm(patient, rec, cx)
		return []planner.Record{&rec}, "Saved plan '" + rec.Name + "'", nil
	}
	return d
}

// planKindOptions are the kinds of plan, and not knowing.
func planKindOptions() []huh.Option[string] {
	options := []huh.Option[string]{huh.NewOption("not sure (the rules of employer and marketplace plans are used)", "")}
	for _, k := range planner.PlanKinds {
		options = append(options, huh.NewOption(string(k), string(k)))
	}
	return options
}

func copayRuleKey(r planner.CopayRule) string {
	if r == planner.CopayBeforeDeductible {
		return "before"
	}
	return "instead"
}

// spacingUnits are the choices for a phase's spacing.
var spacingUnits = []huh.Option[string]{
	huh.NewOption("times a week", "week"),
	huh.NewOption("every N days", "days"),
	huh.NewOption("every N weeks", "weeks"),
	huh.NewOption("every N months", "months"),
}

var (
	unitKeys = map[planner.SpacingUnit]string{planner.TimesPerWeek: "week", planner.EveryDays: "days", planner.EveryWeeks: "weeks", planner.EveryMonths: "months"}
	unitOf   = map[string]planner.SpacingUnit{"week": planner.TimesPerWeek, "days": planner.EveryDays, "weeks": planner.EveryWeeks, "months": planner.EveryMonths}
)

// coverageStatuses are the choices for where a course stands with insurance.
func coverageStatuses() []huh.Option[string] {
	var out []huh.Option[string]
	for s := planner.StatusUnknown; s.Valid(); s++ {
		out = append(out, huh.NewOption(s.String(), itoa(int(s))))
	}
	return out
}

// statusChoice changes where a course stands with insurance, and nothing
// else, in two keys: x on the Treatment tab, then the status's number.
func statusChoice(f *planner.PatientFile, c planner.CourseRecord) *choiceDialog {
	var options []string
	for s := planner.StatusUnknown; s.Valid(); s++ {
		options = append(options, s.String())
	}
	return newChoice("Where "+c.Name+" stands with insurance", options, int(c.Status), func(i int) action {
		rec := c
		rec.PatientID = f.Patient.ID
		rec.Status = planner.CoverageStatus(i)
		return saveRecords{records: []planner.Record{&rec}, status: "Saved: " + rec.Name + " is " + rec.Status.String(), patient: f.Patient.ID, exclusive: true,
			busy: "Another change is being saved: press it again in a moment."}
	})
}

// firstPhases is how many phases the course form has room for at first,
// shown one at a time; "Add another" then asks for one more, up to
// planner.MaxPhases.
const firstPhases = 1

// courseForm adds a treatment course, or edits one: its phases, added one
// at a time, and one one-time fee. A new course is saved with its
// medical-necessity checklist, whose items refer to it by an ID from newID.
func courseForm(f *planner.PatientFile, c planner.CourseRecord, cx *context) *formDialog {
	newID := cx.newID
	v := newValues(cx)
	title := "New treatment course"
	if c.ID != "" {
		title = "Edit " + c.Name
	}
	planOptions := []huh.Option[string]{huh.NewOption("no plan (self-pay)", "")}
	for _, p := range f.Plans {
		planOptions = append(planOptions, huh.NewOption(p.Name, string(p.ID)))
	}
	if c.ID == "" && c.Name == "" && len(c.Phases) == 0 && len(f.Plans) > 0 {
		c.PlanID = f.Plans[0].ID // a blank new course; not one typed and tried again
	}
	groups := []*huh.Group{v.group(
		input(v, "name", "Treatment", "Like: IV ketamine infusions", c.Name, required("the treatment's name")),
		input(v, "start", "First session", "YYYY-MM-DD", c.Start.String(), validDate(false)),
		choose(v, "status", "Where it stands with insurance", "", coverageStatuses(), itoa(int(c.Status))),
		choose(v, "plan", "Insurance plan that prices it", "", planOptions, string(c.PlanID)),
		choose(v, "approval", "The FDA's approval for this use", "Some assistance funds will not pay for off-label use", []huh.Option[string]{
			huh.NewOption("not said", string(planner.ApprovalUnknown)),
			huh.NewOption("FDA-approved for this use (like esketamine for depression)", string(planner.ApprovedForUse)),
			huh.NewOption("off-label: an approved drug for another use (like IV ketamine for depression)", string(planner.OffLabel)),
			huh.NewOption("not FDA-approved for any use", string(planner.NotApproved)),
		}, string(c.Approval)),
		input(v, "discount", "Pay-up-front discount %", "The clinic's discount for paying the whole course on day one", rateText(c.PayUpFrontDiscount), validRate),
	).Title("The course")}
	hasDrug := v.flag("drugAny", c.CarriesDrug())
	groups = append(groups, v.group(
		yesNo(v, "drugAny", "Does each session come with a drug given in the clinic (like esketamine)?", "Then each phase's price is the visit alone, and the drug is priced apart: billed by the clinic, or filled by the plan's pharmacy", hasDrug),
	).Title("A drug at each session"))
	// Room for every phase the course has, and at least firstPhases; read
	// as prompts, the phases come one at a time, each with its details.
	slots := max(firstPhases, len(c.Phases))
	if cx.accessible {
		slots = 1
	}
	// phases counts the slots asked so far.
	phases := slots
	phase := func(i int) planner.Phase {
		if i < len(c.Phases) {
			return c.Phases[i]
		}
		return planner.Phase{}
	}
	named := func(i int) *string { return v.str("ph"+itoa(i+1), phase(i).Name) }
	nameGroup := func(i int) *huh.Group {
		n := itoa(i + 1)
		help := ""
		if i > 0 {
			help = "Leave blank if the course has no phase " + n
		}
		return v.group(input(v, "ph"+n, "Phase "+n+" name", help, phase(i).Name, phaseName(i))).Title("Phase " + n)
	}
	detailsGroup := func(i int) *huh.Group {
		n, ph := itoa(i+1), phase(i)
		return v.group(
			input(v, "ph"+n+"Sessions", "Sessions", "How many sessions; or leave blank and give months below", numberText(ph.Sessions), validNumber(0, 1000, true)),
			input(v, "ph"+n+"Months", "Or for how many months", "For a phase like boosters for 6 months", numberText(ph.ForMonths), validNumber(0, 120, true)),
			input(v, "ph"+n+"Count", "Spacing: how many", "With the unit below: 2 times a week, or every 4 weeks", numberText(ph.Spacing.Count), validNumber(1, 366, true)),
			choose(v, "ph"+n+"Unit", "Spacing unit", "", spacingUnits, unitKeys[ph.Spacing.Unit]),
			input(v, "ph"+n+"Cash", "Cash price a session", "", moneyText(ph.Price.Cash), validMoney(true)),
			input(v, "ph"+n+"Billed", "Billed price a session", "The clinic's full charge", moneyText(ph.Price.Billed), validMoney(true)),
			input(v, "ph"+n+"In", "Allowed in network", "What the plan accepts as the price in network", moneyText(ph.Price.AllowedInNetwork), validMoney(true)),
			input(v, "ph"+n+"Out", "Allowed out of network", "", moneyText(ph.Price.AllowedOutOfNetwork), validMoney(true)),
		).Title("Phase " + n + ": " + "sessions and prices")
	}
	// drawn are the drawn form's groups after phase i's name: its details
	// once it is named, and its drug when sessions carry one.
	drawn := func(i int) []*huh.Group {
		own := named(i)
		return []*huh.Group{
			v.hiding(func() bool { return strings.TrimSpace(*own) == "" }, func() *huh.Group { return detailsGroup(i) }),
			v.hiding(func() bool { return !*hasDrug || strings.TrimSpace(*own) == "" },
				func() *huh.Group { return phaseDrugGroup(v, itoa(i+1), phase(i).Drug) }),
		}
	}
	// asked are the prompts after phase i's name, when the form is read as
	// prompts: none for a phase left unnamed.
	asked := func(i int) []*huh.Group {
		if named(i); v.get("ph"+itoa(i+1)) == "" { // unnamed, or emptied at a prompt
			return nil
		}
		gs := []*huh.Group{detailsGroup(i)}
		if *hasDrug {
			gs = append(gs, phaseDrugGroup(v, itoa(i+1), phase(i).Drug))
		}
		return gs
	}
	more := &oneMore{cx: cx, v: v, title: title, question: "Add another phase?", heading: "Another phase", limit: planner.MaxPhases, known: len(c.Phases),
		about: func(i int) string {
			return "Phase " + itoa(i+1) + ", like maintenance boosters"
		},
		given: func(i int) bool { named(i); return v.get("ph"+itoa(i+1)) != "" },
		first: nameGroup, drawn: drawn, asked: asked,
		added: func(i int) { phases = i + 1 },
	}
	for i := range slots {
		// Phases come one at a time: phase n's name once phase n−1 has
		// one, and a phase's details once it is named.
		if i == 0 {
			groups = append(groups, nameGroup(i))
		} else {
			// Hidden while the phase before has no name and this one has
			// none either: a phase still named stays in view.
			prev, own := named(i-1), named(i)
			groups = append(groups, v.hiding(func() bool { return strings.TrimSpace(*prev) == "" && strings.TrimSpace(*own) == "" },
				func() *huh.Group { return nameGroup(i) }))
		}
		if cx.accessible {
			groups = append(groups, detailsGroup(i)) // the drug comes later, if there is one
		} else {
			groups = append(groups, drawn(i)...)
		}
	}
	if !cx.accessible {
		groups = append(groups, more.another(slots-1)...)
	}
	// What follows the phases: read as prompts, it is asked after the
	// last phase.
	var rest []*huh.Group
	var fee planner.Fee
	if len(c.Fees) > 0 {
		fee = c.Fees[0]
	}
	rest = append(rest, v.group(
		input(v, "fee", "One-time fee", "Like an evaluation on the first day; blank for none", fee.Name, nil),
	).Title("One-time fee"))
	feeName := v.text["fee"]
	feePrices := func() *huh.Group {
		return v.group(
			input(v, "feeCash", "Its cash price", "", moneyText(fee.Price.Cash), validMoney(true)),
			input(v, "feeBilled", "Its billed price", "", moneyText(fee.Price.Billed), validMoney(true)),
			input(v, "feeIn", "Allowed in network", "", moneyText(fee.Price.AllowedInNetwork), validMoney(true)),
			input(v, "feeOut", "Allowed out of network", "", moneyText(fee.Price.AllowedOutOfNetwork), validMoney(true)),
		).Title("One-time fee: its prices")
	}
	if cx.accessible {
		feePrices() // asked after the fee's name, with a fee; its values are there for the save
	} else {
		rest = append(rest, v.hiding(func() bool { return strings.TrimSpace(*feeName) == "" }, feePrices))
	}
	rest = append(rest, v.group(
		input(v, "provider", "Prescribing provider", "For the letters: like Dr. Robin Lee; blank to fill in later", c.Provider, nil),
		input(v, "npi", "The provider's NPI", "The 10-digit National Provider Identifier", c.NPI, nil),
		input(v, "clinic", "Clinic's name and address", "", c.Clinic, nil),
	).Title("Who gives it"))
	has := v.flag("ocAny", len(c.OtherCosts) > 0)
	rest = append(rest, v.group(
		yesNo(v, "ocAny", "Any costs beside the bill (travel, a companion, time off work, childcare)?", "", has),
	).Title("Costs beside the bill"))
	if !cx.accessible {
		rest = append(rest, v.hiding(func() bool { return !*has }, func() *huh.Group { return otherCostsGroup(v, c.OtherCosts) }))
		groups = append(groups, rest...)
	}
	d := &formDialog{title: title, form: newForm(cx, groups...), vals: v}
	if cx.accessible {
		// The first phase's drug and the question of another; each phase
		// after it with its details; then the fee, who gives the course,
		// and what the answers to those call for.
		d.askLater(cx, func() []*huh.Group {
			var later []*huh.Group
			if gs := asked(0); len(gs) > 1 {
				later = append(later, gs[1:]...) // its details were asked already
			}
			if more.given(0) {
				later = append(later, more.another(0)...)
			}
			return later
		})
		more.after(d, slots)
		d.askLater(cx, func() []*huh.Group { return rest })
		d.askLater(cx, func() []*huh.Group {
			var later []*huh.Group
			if v.get("fee") != "" {
				later = append(later, feePrices())
			}
			if *has {
				later = append(later, otherCostsGroup(v, c.OtherCosts))
			}
			return later
		})
	} else {
		more.after(d, slots)
	}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := c
		rec.PatientID = f.Patient.ID
		rec.Name, rec.Start, rec.PayUpFrontDiscount = v.get("name"), v.date("start"), v.rate("discount")
		rec.Status = planner.CoverageStatus(v.number("status"))
		rec.Approval = planner.FDAApproval(v.get("approval"))
		rec.Provider, rec.NPI, rec.Clinic = v.get("provider"), v.get("npi"), v.get("clinic")
		rec.PlanID = planner.ID(v.get("plan"))
		// Each phase starts from what it was, so what the form does not show
		// (a package price) is kept.
		rec.Phases = nil
		for i := range phases {
			n := itoa(i + 1)
			if v.get("ph"+n) == "" {
				continue
			}
			ph := phase(i)
			ph.Name, ph.Sessions, ph.ForMonths = v.get("ph"+n), v.number("ph"+n+"Sessions"), v.number("ph"+n+"Months")
			ph.Spacing = planner.Spacing{Count: v.number("ph" + n + "Count"), Unit: unitOf[v.get("ph"+n+"Unit")]}
			ph.Price = planner.Price{Cash: v.money("ph" + n + "Cash"), Billed: v.money("ph" + n + "Billed"),
				AllowedInNetwork: v.money("ph" + n + "In"), AllowedOutOfNetwork: v.money("ph" + n + "Out")}
			ph.Drug = planner.DrugPrice{}
			if v.is("drugAny") {
				ph.Drug = planner.DrugPrice{Medical: planner.Price{Cash: v.money("ph" + n + "DrugCash"), Billed: v.money("ph" + n + "DrugBilled"),
					AllowedInNetwork: v.money("ph" + n + "DrugIn"), AllowedOutOfNetwork: v.money("ph" + n + "DrugOut")}, Pharmacy: v.money("ph" + n + "DrugFill")}
			}
			rec.Phases = append(rec.Phases, ph)
		}
		rec.Fees = nil
		if name := v.get("fee"); name != "" {
			rec.Fees = []planner.Fee{{Name: name, Price: planner.Price{Cash: v.money("feeCash"), Billed: v.money("feeBilled"),
				AllowedInNetwork: v.money("feeIn"), AllowedOutOfNetwork: v.money("feeOut")}}}
		}
		if len(c.Fees) > 1 {
			rec.Fees = append(rec.Fees, c.Fees[1:]...)
		}
		rec.OtherCosts = nil
		if v.is("ocAny") {
			rec.OtherCosts = readOtherCosts(v, c.OtherCosts)
		}
		if err := rec.Course.Validate(); err != nil {
			d.retry = courseForm(f, rec, cx)
			return nil, "", err
		}
		d.retry = courseForm(f, rec, cx)
		records := []planner.Record{&rec}
		if rec.ID == "" {
			rec.ID = newID()
			for _, item := range planner.DefaultChecklist(f.Patient.ID, rec.ID) {
				records = append(records, &item)
			}
			return records, "Saved course '" + rec.Name + "', with its medical-necessity checklist on tab 6", nil
		}
		return records, "Saved course '" + rec.Name + "'", nil
	}
	return d
}

func phaseName(i int) func(string) error {
	if i == 0 {
		return required("the first phase's name, like Induction")
	}
	return nil
}

// phaseDrugGroup asks for the prices of the drug given at each session of
// phase n.
func phaseDrugGroup(v *formValues, n string, d planner.DrugPrice) *huh.Group {
	drug := d.Medical
	return v.group(
		input(v, "ph"+n+"DrugCash", "Phase "+n+": the drug's cash price a session", "What the clinic charges for the drug itself", moneyText(drug.Cash), validMoney(true)),
		input(v, "ph"+n+"DrugBilled", "The drug's billed price", "The clinic's full charge for the drug, billed with the visit", moneyText(drug.Billed), validMoney(true)),
		input(v, "ph"+n+"DrugIn", "The drug allowed in network", "What the plan allows for the drug under the medical benefit", moneyText(drug.AllowedInNetwork), validMoney(true)),
		input(v, "ph"+n+"DrugOut", "The drug allowed out of network", "", moneyText(drug.AllowedOutOfNetwork), validMoney(true)),
		input(v, "ph"+n+"DrugFill", "The plan's price for one fill", "What the plan's specialty pharmacy charges for the drug of one session (the pharmacy benefit)", moneyText(d.Pharmacy), validMoney(true)),
	).Title("Phase " + n + ": the drug")
}

type otherCostKind struct{ key, name, label string }

// otherCostKinds are the costs beside the bill the course form asks for at
// each session, by the name each is kept under.
var otherCostKinds = []otherCostKind{
	{"ocTravel", "Travel", "Travel to each session (ride, fuel, parking)"},
	{"ocCompanion", "Companion", "A companion at each session"},
	{"ocWork", "Time off work", "Pay lost to time off work, each session"},
	{"ocChildcare", "Childcare", "Childcare, each session"},
}

// otherCostsGroup asks for a course's costs beside the bill: one amount
// for each kind at each session, one cost paid once, and each other cost
// the course has by its own name, so none is kept out of sight.
func otherCostsGroup(v *formValues, costs []planner.OtherCost) *huh.Group {
	var fields []huh.Field
	places := placeOtherCosts(costs)
	for i, k := range otherCostKinds {
		var amount planner.Money
		if j := places.kind[i]; j >= 0 {
			amount = costs[j].Amount
		}
		fields = append(fields, input(v, k.key, k.label, "Blank for none. Counted apart from the medical costs.", moneyText(amount), validMoney(true)))
	}
	var once planner.OtherCost
	if places.once >= 0 {
		once = costs[places.once]
	}
	fields = append(fields,
		input(v, "ocOnceName", "A cost paid once", "Like: a hotel near the clinic; blank for none", once.Name, nil),
		input(v, "ocOnce", "Its amount", "", moneyText(once.Amount), validMoney(true)))
	for n, j := range places.others {
		o := costs[j]
		title := o.Name + ", paid once"
		if o.PerSession {
			title = o.Name + ", each session"
		}
		fields = append(fields, input(v, "ocMore"+itoa(n), title, "Blank to take it off", moneyText(o.Amount), validMoney(true)))
	}
	return v.group(fields...).Title("Costs beside the bill")
}

// costPlaces says which field of the form shows each cost beside the
// bill: the first per-session cost of each kind its kind's field (-1:
// none), the first one-time cost "A cost paid once", and every other cost
// a field of its own name, in order.
type costPlaces struct {
	kind   []int
	once   int
	others []int
}

func placeOtherCosts(costs []planner.OtherCost) costPlaces {
	p := costPlaces{kind: make([]int, len(otherCostKinds)), once: -1}
	for i := range p.kind {
		p.kind[i] = -1
	}
	for j, o := range costs {
		k := slices.IndexFunc(otherCostKinds, func(k otherCostKind) bool { return o.PerSession && o.Name == k.name })
		switch {
		case k >= 0 && p.kind[k] < 0:
			p.kind[k] = j
		case !o.PerSession && p.once < 0:
			p.once = j
		default:
			p.others = append(p.others, j)
		}
	}
	return p
}

// readOtherCosts reads the costs beside the bill back from the form, in
// the order the course had them, new ones after: a cost whose amount is
// cleared is taken off, and one the form did not change stays as it was.
func readOtherCosts(v *formValues, was []planner.OtherCost) []planner.OtherCost {
	places := placeOtherCosts(was)
	amounts := make([]planner.Money, len(was))
	keep := make([]bool, len(was))
	// read takes cost j's amount from the field key: kept unless it was
	// cleared (a cost of $0 left blank stays).
	read := func(j int, key string) {
		amounts[j] = v.money(key)
		keep[j] = amounts[j] != 0 || (was[j].Amount == 0 && v.get(key) == "")
	}
	for i, k := range otherCostKinds {
		if j := places.kind[i]; j >= 0 {
			read(j, k.key)
		}
	}
	for n, j := range places.others {
		read(j, "ocMore"+itoa(n))
	}
	onceName, onceAmount := v.get("ocOnceName"), v.money("ocOnce")
	if onceName == "" && onceAmount != 0 {
		onceName = "One-time cost"
	}
	var out []planner.OtherCost
	for j, o := range was {
		switch {
		case j == places.once:
			if onceName != "" {
				o.Name, o.Amount = onceName, onceAmount
				out = append(out, o)
			}
		case keep[j]:
			o.Amount = amounts[j]
			out = append(out, o)
		}
	}
	for i, k := range otherCostKinds {
		if places.kind[i] < 0 {
			if amount := v.money(k.key); amount != 0 {
				out = append(out, planner.OtherCost{Name: k.name, Amount: amount, PerSession: true})
			}
		}
	}
	if places.once < 0 && onceName != "" {
		out = append(out, planner.OtherCost{Name: onceName, Amount: onceAmount})
	}
	return out
}

// drugTierGroup asks for a plan's drug tier: a copay or coinsurance per
// fill, and the drug deductible and maximum when they are the drug's own.
func drugTierGroup(v *formValues, b *planner.DrugBenefit, met *planner.Accumulated) *huh.Group {
	oop := ""
	if b.HasOutOfPocketMax {
		oop = b.OutOfPocketMax.String()
	}
	return v.group(
		input(v, "drugCopay", "Drug copay per fill", "Blank if the tier charges a coinsurance instead", moneyText(b.Copay), validMoney(true)),
		input(v, "drugCoins", "Or drug coinsurance %", "Your share of the plan's price for a fill", rateText(b.Coinsurance), validRate),
		input(v, "drugMin", "Coinsurance: at least, per fill", "", moneyText(b.MinPerFill), validMoney(true)),
		input(v, "drugMax", "Coinsurance: at most, per fill", "Blank for no most", moneyText(b.MaxPerFill), validMoney(true)),
		yesNo(v, "drugSeparate", "Do drugs have their own deductible and maximum?", "No: drug fills count toward the medical in-network deductible and maximum (an integrated plan)", v.flag("drugSeparate", b.Separate)),
		input(v, "drugDed", "Drug deductible", "Only when drugs have their own", moneyText(b.Deductible), validMoney(true)),
		input(v, "drugOOP", "Drug out-of-pocket maximum", "Only when drugs have their own; blank if there is none", oop, validMoney(true)),
		input(v, "drugDedMet", "Drug deductible met so far", "", moneyText(met.Deductible), validMoney(true)),
		input(v, "drugOOPMet", "Drug out-of-pocket met so far", "", moneyText(met.OutOfPocket), validMoney(true)),
	).Title("Drug tier")
}

// readDrugTier reads the drug tier's fields back.
func readDrugTier(v *formValues) (planner.DrugBenefit, planner.Accumulated) {
	b := planner.DrugBenefit{Copay: v.money("drugCopay"), Coinsurance: v.rate("drugCoins"), MinPerFill: v.money("drugMin"),
		MaxPerFill: v.money("drugMax"), Separate: v.is("drugSeparate")}
	var met planner.Accumulated
	if b.Separate {
		b.Deductible = v.money("drugDed")
		b.HasOutOfPocketMax, b.OutOfPocketMax = v.get("drugOOP") != "", v.money("drugOOP")
		met = planner.Accumulated{Deductible: v.money("drugDedMet"), OutOfPocket: v.money("drugOOPMet")}
	}
	return b, met
}
