package tui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"carecost/planner"
)

// maxSources is how many ways to pay the scenario form offers.
const maxSources = 4

// detailKinds are the kinds of source that have fields of their own.
var detailKinds = []string{"grant", "hsa", "savings", "plan", "card", "fixed", "loan"}

var sourceKinds = []huh.Option[string]{
	huh.NewOption("none", ""),
	huh.NewOption("assistance grant", "grant"),
	huh.NewOption("HSA or FSA money", "hsa"),
	huh.NewOption("savings", "savings"),
	huh.NewOption("pay as you go, from income", "payg"),
	huh.NewOption("clinic payment plan", "plan"),
	huh.NewOption("medical credit card, deferred interest", "card"),
	huh.NewOption("medical credit card, reduced APR", "fixed"),
	huh.NewOption("personal loan", "loan"),
}

var coverageCases = []huh.Option[string]{
	huh.NewOption("not covered: self-pay at the cash price", itoa(int(planner.SelfPay))),
	huh.NewOption("covered in network", itoa(int(planner.CoveredInNetwork))),
	huh.NewOption("out of network: pay cash, send a superbill", itoa(int(planner.OutOfNetworkSuperbill))),
	huh.NewOption("out of network: the clinic bills the plan", itoa(int(planner.OutOfNetworkBilled))),
}

func kindKey(f *planner.FundingSource) string {
	switch f.Kind() {
	case planner.KindGrant:
		return "grant"
	case planner.KindHealthAccount:
		return "hsa"
	case planner.KindSavings:
		return "savings"
	case planner.KindPayAsYouGo:
		return "payg"
	case planner.KindPaymentPlan:
		return "plan"
	case planner.KindDeferredCard:
		return "card"
	case planner.KindFixedCard:
		return "fixed"
	case planner.KindLoan:
		return "loan"
	}
	return ""
}

// scenarioForm adds a funding scenario, or edits one: the course it pays
// for, how insurance treats it, and up to four ways to pay, in order.
func scenarioForm(f *planner.PatientFile, s planner.ScenarioRecord, width int, accessible bool) *formDialog {
	v := newValues()
	v.accessible = accessible
	title := "New funding scenario"
	if s.ID != "" {
		title = "Edit " + s.Name
	}
	var courses []huh.Option[string]
	for _, c := range f.Courses {
		courses = append(courses, huh.NewOption(c.Name, string(c.ID)))
	}
	if s.CourseID == "" && len(f.Courses) > 0 {
		s.CourseID = f.Courses[0].ID
	}
	lag := ""
	if s.Coverage.ReimbursementLagDays > 0 {
		lag = itoa(s.Coverage.ReimbursementLagDays)
	}
	groups := []*huh.Group{huh.NewGroup(
		input(v, "name", "Scenario name", "Like: Loan 36 months", s.Name, required("a name for the scenario")),
		huh.NewSelect[string]().Key("course").Title("Treatment course").Options(courses...).Value(v.str("course", string(s.CourseID))),
		huh.NewSelect[string]().Key("case").Title("How insurance treats it").Options(coverageCases...).Value(v.str("case", itoa(int(s.Coverage.Case)))),
		input(v, "lag", "Days until a superbill is paid back", "Blank for the usual 45", lag, validNumber(0, 730, true)),
		huh.NewConfirm().Key("upfront").Title("Self-pay: pay the whole course on day one, at the clinic's discount?").Value(v.flag("upfront", s.Coverage.PayUpFront)),
		huh.NewConfirm().Key("pending").Title("Count grants that are still pending?").Value(v.flag("pending", s.CountPendingGrants)),
	).Title("The scenario")}
	for i := range maxSources {
		var src planner.FundingSource
		if i < len(s.Sources) {
			src = s.Sources[i]
		}
		n := itoa(i + 1)
		kind := v.str("s"+n+"Kind", kindKey(&src))
		groups = append(groups, huh.NewGroup(
			huh.NewSelect[string]().Key("s"+n+"Kind").Title("Way to pay "+n).Description("Applied in order: each pays what the ones before it left, up to its limit").
				Options(sourceKinds...).Value(kind),
			input(v, "s"+n+"Name", "Its name", "Like: CareCredit 12 months", src.Name, nil),
		).Title("Way to pay "+n))
		details := sourceDetails(v, n, src)
		for _, k := range detailKinds {
			if !accessible {
				groups = append(groups, details[k].WithHideFunc(func() bool { return *kind != k }))
			}
		}
	}
	groups = append(groups, huh.NewGroup(
		input(v, "order", "Use the ways to pay in this order", "Each pays what the ones before it left. Type 2,1 to use way 2 before way 1; ways not listed follow in their own order.",
			"1,2,3,4", validOrder),
	).Title("Order"))
	d := &formDialog{title: title, form: newForm(width, accessible, groups...), vals: v}
	if accessible {
		// huh's accessible mode asks every field of every group, hidden or
		// not: so the fields of each chosen kind of source come in a second
		// form, asked only once the kinds are chosen.
		d.then = func() *formDialog {
			var details []*huh.Group
			for i := range maxSources {
				n := itoa(i + 1)
				var src planner.FundingSource
				if i < len(s.Sources) {
					src = s.Sources[i]
				}
				if g, ok := sourceDetails(v, n, src)[v.get("s"+n+"Kind")]; ok {
					details = append(details, g)
				}
			}
			if len(details) == 0 {
				return nil
			}
			next := &formDialog{title: title, form: newForm(width, accessible, details...), vals: v}
			next.save = func(v *formValues) ([]planner.Record, string, error) {
				records, status, err := d.save(v)
				next.retry = d.retry // the whole form again, with what was typed
				return records, status, err
			}
			return next
		}
	}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := s
		rec.PatientID = f.Patient.ID
		rec.Name, rec.CourseID = v.get("name"), planner.ID(v.get("course"))
		rec.Coverage = planner.Coverage{Case: planner.CoverageCase(v.number("case")), ReimbursementLagDays: v.number("lag"), PayUpFront: v.is("upfront")}
		rec.CountPendingGrants = v.is("pending")
		rec.Sources = nil
		for _, i := range sourceOrder(v.get("order")) {
			n := itoa(i + 1)
			src := planner.FundingSource{Name: v.get("s" + n + "Name")}
			switch v.get("s" + n + "Kind") {
			case "":
				continue
			case "grant":
				src.Grant = &planner.Grant{Amount: v.money("s" + n + "GrantAmount"), Share: v.rate("s" + n + "GrantShare"),
					Cap: v.money("s" + n + "GrantCap"), Pending: v.is("s" + n + "GrantPending")}
				// A grant counted from an application stays tied to it.
				if i < len(s.Sources) && s.Sources[i].Grant != nil {
					src.Grant.Application = s.Sources[i].Grant.Application
				}
			case "hsa":
				src.HealthAccount = &planner.HealthAccount{Balance: v.money("s" + n + "HSABalance"), TaxRate: v.rate("s" + n + "HSATax")}
			case "savings":
				src.Savings = &planner.Savings{Amount: v.money("s" + n + "Savings")}
			case "payg":
				src.PayAsYouGo = &planner.PayAsYouGo{}
			case "plan":
				src.PaymentPlan = &planner.PaymentPlan{Limit: v.money("s" + n + "PlanLimit"), DownPayment: v.money("s" + n + "PlanDown"),
					Months: v.number("s" + n + "PlanMonths"), APR: v.rate("s" + n + "PlanAPR"), SetUpFee: v.money("s" + n + "PlanFee")}
			case "card":
				src.DeferredCard = &planner.DeferredInterestCard{CreditLimit: v.money("s" + n + "CardLimit"), PromoMonths: v.number("s" + n + "CardPromo"),
					APR: v.rate("s" + n + "CardAPR"), MinimumRate: v.rate("s" + n + "CardMinRate"), MinimumFloor: v.money("s" + n + "CardMinFloor"),
					PlannedPayment: v.money("s" + n + "CardPlanned")}
			case "fixed":
				src.FixedCard = &planner.FixedPaymentCard{CreditLimit: v.money("s" + n + "FixedLimit"), Months: v.number("s" + n + "FixedMonths"), APR: v.rate("s" + n + "FixedAPR")}
			case "loan":
				src.Loan = &planner.PersonalLoan{MaxAmount: v.money("s" + n + "LoanMax"), Months: v.number("s" + n + "LoanMonths"),
					APR: v.rate("s" + n + "LoanAPR"), OriginationFee: v.rate("s" + n + "LoanFee"), FeeFinanced: v.is("s" + n + "LoanFinanced")}
			}
			if src.Name == "" {
				src.Name = src.Kind().String()
			}
			rec.Sources = append(rec.Sources, src)
		}
		if len(s.Sources) > maxSources {
			rec.Sources = append(rec.Sources, s.Sources[maxSources:]...) // kept as they were
		}
		scenario, err := f.Scenario(&rec)
		if err == nil {
			err = scenario.Validate()
		}
		if err != nil {
			d.retry = scenarioForm(f, rec, width, accessible)
			return nil, "", err
		}
		d.retry = scenarioForm(f, rec, width, accessible)
		return []planner.Record{&rec}, "Saved scenario '" + rec.Name + "'", nil
	}
	return d
}

// orZero returns *p, or the zero value for nil.
func orZero[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// sourceOrder reads "2,1" as the slots to use first (0-based), followed by
// every slot not listed, in order.
func sourceOrder(text string) []int {
	order, _ := parseOrder(text)
	seen := [maxSources]bool{}
	for _, i := range order {
		seen[i] = true
	}
	for i := range maxSources {
		if !seen[i] {
			order = append(order, i)
		}
	}
	return order
}

func validOrder(text string) error {
	_, err := parseOrder(text)
	return err
}

// parseOrder reads a list like "2,1" as 0-based slots, skipping blanks;
// what it cannot use it leaves out and names in the error.
func parseOrder(text string) ([]int, error) {
	var order []int
	var err error
	seen := [maxSources]bool{}
	for _, part := range strings.Split(text, ",") {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		n, convErr := strconv.Atoi(p)
		switch {
		case convErr != nil || n < 1 || n > maxSources:
			err = firstErr(err, errors.New("list the ways to pay by number, 1 to "+itoa(maxSources)+", like 2,1"))
		case seen[n-1]:
			err = firstErr(err, errors.New("way "+p+" is listed twice"))
		default:
			seen[n-1] = true
			order = append(order, n-1)
		}
	}
	return order, err
}

// firstErr keeps the first error.
func firstErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}

// sourceDetails returns, for each kind of source, the group of fields that
// kind asks for in way-to-pay slot n.
func sourceDetails(v *formValues, n string, src planner.FundingSource) map[string]*huh.Group {
	g, hsa, sav, plan, card, fixed, loan := orZero(src.Grant), orZero(src.HealthAccount), orZero(src.Savings), orZero(src.PaymentPlan),
		orZero(src.DeferredCard), orZero(src.FixedCard), orZero(src.Loan)
	return map[string]*huh.Group{
		"grant": huh.NewGroup(
			input(v, "s"+n+"GrantAmount", "Grant amount", "A fixed amount; or leave blank and give a share below", moneyText(g.Amount), validMoney(true)),
			input(v, "s"+n+"GrantShare", "Or a share of each charge %", "", rateText(g.Share), validRate),
			input(v, "s"+n+"GrantCap", "Up to (cap)", "Blank for no cap", moneyText(g.Cap), validMoney(true)),
			huh.NewConfirm().Key("s"+n+"GrantPending").Title("Still pending (not yet awarded)?").Value(v.flag("s"+n+"GrantPending", g.Pending)),
		).Title("Grant"),
		"hsa": huh.NewGroup(
			input(v, "s"+n+"HSABalance", "Balance", "", moneyText(hsa.Balance), validMoney(false)),
			input(v, "s"+n+"HSATax", "Tax rate % (for the estimate of tax saved)", "Your combined federal and state rate; blank to leave it out. Not tax advice.", rateText(hsa.TaxRate), validRate),
		).Title("HSA or FSA"),
		"savings": huh.NewGroup(
			input(v, "s"+n+"Savings", "Amount of savings to use", "", moneyText(sav.Amount), validMoney(false)),
		).Title("Savings"),
		"plan": huh.NewGroup(
			input(v, "s"+n+"PlanLimit", "Most it covers", "Blank for no limit", moneyText(plan.Limit), validMoney(true)),
			input(v, "s"+n+"PlanDown", "Down payment", "", moneyText(plan.DownPayment), validMoney(true)),
			input(v, "s"+n+"PlanMonths", "Months", "", numberText(plan.Months), validNumber(1, 360, false)),
			input(v, "s"+n+"PlanAPR", "APR %", "Often 0 for clinic plans", rateText(plan.APR), validRate),
			input(v, "s"+n+"PlanFee", "Set-up fee", "", moneyText(plan.SetUpFee), validMoney(true)),
		).Title("Clinic payment plan"),
		"card": huh.NewGroup(
			input(v, "s"+n+"CardLimit", "Credit limit", "", moneyText(card.CreditLimit), validMoney(false)),
			input(v, "s"+n+"CardPromo", "Promotion months", "No interest if paid in full within these months: often 6, 12, 18 or 24", numberText(card.PromoMonths), validNumber(1, 60, false)),
			input(v, "s"+n+"CardAPR", "Standard APR %", "Charged on everything if the promotion is missed; cards like this run about 27–33%", rateText(card.APR), validRate),
			input(v, "s"+n+"CardMinRate", "Minimum payment: % of the balance", "", rateText(card.MinimumRate), validRate),
			input(v, "s"+n+"CardMinFloor", "Minimum payment: at least", "", moneyText(card.MinimumFloor), validMoney(true)),
			input(v, "s"+n+"CardPlanned", "What you plan to pay a month", "Blank to pay only the minimum", moneyText(card.PlannedPayment), validMoney(true)),
		).Title("Deferred-interest card"),
		"fixed": huh.NewGroup(
			input(v, "s"+n+"FixedLimit", "Credit limit", "", moneyText(fixed.CreditLimit), validMoney(false)),
			input(v, "s"+n+"FixedMonths", "Months", "", numberText(fixed.Months), validNumber(1, 360, false)),
			input(v, "s"+n+"FixedAPR", "APR %", "", rateText(fixed.APR), validRate),
		).Title("Reduced-APR card"),
		"loan": huh.NewGroup(
			input(v, "s"+n+"LoanMax", "Most you can borrow", "Blank to borrow exactly what is needed", moneyText(loan.MaxAmount), validMoney(true)),
			input(v, "s"+n+"LoanMonths", "Months", "", numberText(loan.Months), validNumber(1, 360, false)),
			input(v, "s"+n+"LoanAPR", "APR %", "", rateText(loan.APR), validRate),
			input(v, "s"+n+"LoanFee", "Origination fee %", "A share of the loan the lender keeps", rateText(loan.OriginationFee), validRate),
			huh.NewConfirm().Key("s"+n+"LoanFinanced").Title("Is the fee added to the loan (instead of taken from what you receive)?").Value(v.flag("s"+n+"LoanFinanced", loan.FeeFinanced)),
		).Title("Personal loan"),
	}
}
