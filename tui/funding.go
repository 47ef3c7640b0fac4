package tui

import (
	"charm.land/huh/v2"

	"carecost/planner"
)

// fundingKind is everything the app knows of one kind of way to pay: its
// name in the scenario form, the fields it asks for in way-to-pay slot n,
// how it reads them back, and how it says its terms in a line. A new kind
// of funding source is one entry of fundingKinds.
type fundingKind struct {
	kind planner.SourceKind
	// key is what the form's choice stores; label what it shows.
	key, label string
	// fields are the kind's own fields for slot n, from what src holds;
	// nil for a kind with none.
	fields func(v *formValues, n string, src planner.FundingSource) *huh.Group
	// read makes the source from the fields of slot n; was is what the
	// slot held before, for what the form does not show.
	read func(v *formValues, n string, was planner.FundingSource) planner.FundingSource
	// describe says the source's terms in a line.
	describe func(f *planner.FundingSource) string
	// terms names the glossary term behind a field (by its key without the
	// slot's "s1"), for ? on the field.
	terms map[string]string
}

// fundingKinds are the ways to pay, in the order the form offers them.
var fundingKinds = []fundingKind{
	{
		kind: planner.KindGrant, key: "grant", label: "assistance grant",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			g := orZero(src.Grant)
			return v.group(
				input(v, "s"+n+"GrantAmount", "Grant amount", "A fixed amount; or leave blank and give a share below", moneyText(g.Amount), validMoney(true)),
				input(v, "s"+n+"GrantShare", "Or a share of each charge %", "", rateText(g.Share), validRate),
				input(v, "s"+n+"GrantCap", "Up to (cap)", "Blank for no cap", moneyText(g.Cap), validMoney(true)),
				yesNo(v, "s"+n+"GrantPending", "Still pending (not yet awarded)?", "", v.flag("s"+n+"GrantPending", g.Pending)),
			).Title("Grant")
		},
		read: func(v *formValues, n string, was planner.FundingSource) planner.FundingSource {
			g := &planner.Grant{Amount: v.money("s" + n + "GrantAmount"), Share: v.rate("s" + n + "GrantShare"),
				Cap: v.money("s" + n + "GrantCap"), Pending: v.is("s" + n + "GrantPending")}
			// A grant counted from an application stays tied to it.
			if was.Grant != nil {
				g.Application = was.Grant.Application
			}
			return planner.FundingSource{Grant: g}
		},
		describe: func(f *planner.FundingSource) string {
			g := f.Grant
			text := "grant of " + g.Amount.String()
			if g.Share > 0 {
				text = "grant of " + g.Share.String() + " of each charge"
				if g.Cap > 0 {
					text += " up to " + g.Cap.String()
				}
			}
			if g.Pending {
				text += ", pending"
			}
			return text
		},
	},
	{
		kind: planner.KindHealthAccount, key: "hsa", label: "HSA or FSA money",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			hsa := orZero(src.HealthAccount)
			return v.group(
				input(v, "s"+n+"HSABalance", "Balance", "", moneyText(hsa.Balance), validMoney(false)),
				input(v, "s"+n+"HSATax", "Tax rate % (for the estimate of tax saved)", "Your combined federal and state rate; blank to leave it out. Not tax advice.", rateText(hsa.TaxRate), validRate),
			).Title("HSA or FSA")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{HealthAccount: &planner.HealthAccount{Balance: v.money("s" + n + "HSABalance"), TaxRate: v.rate("s" + n + "HSATax")}}
		},
		describe: func(f *planner.FundingSource) string { return "HSA/FSA balance " + f.HealthAccount.Balance.String() },
		terms:    map[string]string{"HSABalance": "HSA/FSA", "HSATax": "HSA/FSA"},
	},
	{
		kind: planner.KindSavings, key: "savings", label: "savings",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			return v.group(
				input(v, "s"+n+"Savings", "Amount of savings to use", "", moneyText(orZero(src.Savings).Amount), validMoney(false)),
			).Title("Savings")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{Savings: &planner.Savings{Amount: v.money("s" + n + "Savings")}}
		},
		describe: func(f *planner.FundingSource) string { return "savings of " + f.Savings.Amount.String() },
	},
	{
		kind: planner.KindPayAsYouGo, key: "payg", label: "pay as you go, from income",
		read: func(*formValues, string, planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{PayAsYouGo: &planner.PayAsYouGo{}}
		},
		describe: func(*planner.FundingSource) string { return "pay each charge from income" },
	},
	{
		kind: planner.KindPaymentPlan, key: "plan", label: "clinic payment plan",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			plan := orZero(src.PaymentPlan)
			return v.group(
				input(v, "s"+n+"PlanLimit", "Most it covers", "Blank for no limit", moneyText(plan.Limit), validMoney(true)),
				input(v, "s"+n+"PlanDown", "Down payment", "", moneyText(plan.DownPayment), validMoney(true)),
				input(v, "s"+n+"PlanMonths", "Months", "", numberText(plan.Months), validNumber(1, 360, false)),
				input(v, "s"+n+"PlanAPR", "APR %", "Often 0 for clinic plans", rateText(plan.APR), validRate),
				input(v, "s"+n+"PlanFee", "Set-up fee", "", moneyText(plan.SetUpFee), validMoney(true)),
			).Title("Clinic payment plan")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{PaymentPlan: &planner.PaymentPlan{Limit: v.money("s" + n + "PlanLimit"), DownPayment: v.money("s" + n + "PlanDown"),
				Months: v.number("s" + n + "PlanMonths"), APR: v.rate("s" + n + "PlanAPR"), SetUpFee: v.money("s" + n + "PlanFee")}}
		},
		describe: func(f *planner.FundingSource) string {
			p := f.PaymentPlan
			return "clinic plan, " + p.DownPayment.String() + " down, " + itoa(p.Months) + " months at " + p.APR.String() + " APR, set-up fee " + p.SetUpFee.String()
		},
		terms: map[string]string{"PlanAPR": "APR"},
	},
	{
		kind: planner.KindDeferredCard, key: "card", label: "medical credit card, deferred interest",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			card := orZero(src.DeferredCard)
			return v.group(
				input(v, "s"+n+"CardLimit", "Credit limit", "", moneyText(card.CreditLimit), validMoney(false)),
				input(v, "s"+n+"CardPromo", "Promotion months", "No interest if paid in full within these months: often 6, 12, 18 or 24", numberText(card.PromoMonths), validNumber(1, 60, false)),
				input(v, "s"+n+"CardAPR", "Standard APR %", "Charged on everything if the promotion is missed; cards like this run about 27–33%", rateText(card.APR), validRate),
				input(v, "s"+n+"CardMinRate", "Minimum payment: % of the balance", "", rateText(card.MinimumRate), validRate),
				input(v, "s"+n+"CardMinFloor", "Minimum payment: at least", "", moneyText(card.MinimumFloor), validMoney(true)),
				input(v, "s"+n+"CardPlanned", "What you plan to pay a month", "Blank to pay only the minimum", moneyText(card.PlannedPayment), validMoney(true)),
			).Title("Deferred-interest card")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{DeferredCard: &planner.DeferredInterestCard{CreditLimit: v.money("s" + n + "CardLimit"), PromoMonths: v.number("s" + n + "CardPromo"),
				APR: v.rate("s" + n + "CardAPR"), MinimumRate: v.rate("s" + n + "CardMinRate"), MinimumFloor: v.money("s" + n + "CardMinFloor"),
				PlannedPayment: v.money("s" + n + "CardPlanned")}}
		},
		describe: func(f *planner.FundingSource) string {
			c := f.DeferredCard
			return "deferred-interest card, " + itoa(c.PromoMonths) + "-month promotion, then " + c.APR.String() + " APR; paying " + c.PlannedPayment.String() + " a month"
		},
		terms: map[string]string{"CardPromo": "Deferred interest", "CardAPR": "Deferred interest", "CardPlanned": "Deferred interest"},
	},
	{
		kind: planner.KindFixedCard, key: "fixed", label: "medical credit card, reduced APR",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			fixed := orZero(src.FixedCard)
			return v.group(
				input(v, "s"+n+"FixedLimit", "Credit limit", "", moneyText(fixed.CreditLimit), validMoney(false)),
				input(v, "s"+n+"FixedMonths", "Months", "", numberText(fixed.Months), validNumber(1, 360, false)),
				input(v, "s"+n+"FixedAPR", "APR %", "", rateText(fixed.APR), validRate),
			).Title("Reduced-APR card")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{FixedCard: &planner.FixedPaymentCard{CreditLimit: v.money("s" + n + "FixedLimit"), Months: v.number("s" + n + "FixedMonths"), APR: v.rate("s" + n + "FixedAPR")}}
		},
		describe: func(f *planner.FundingSource) string {
			c := f.FixedCard
			return "reduced-APR card, " + itoa(c.Months) + " months at " + c.APR.String()
		},
		terms: map[string]string{"FixedAPR": "APR"},
	},
	{
		kind: planner.KindLoan, key: "loan", label: "personal loan",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			loan := orZero(src.Loan)
			return v.group(
				input(v, "s"+n+"LoanMax", "Most you can borrow", "Blank to borrow exactly what is needed", moneyText(loan.MaxAmount), validMoney(true)),
				input(v, "s"+n+"LoanMonths", "Months", "", numberText(loan.Months), validNumber(1, 360, false)),
				input(v, "s"+n+"LoanAPR", "APR %", "", rateText(loan.APR), validRate),
				input(v, "s"+n+"LoanFee", "Origination fee %", "A share of the loan the lender keeps", rateText(loan.OriginationFee), validRate),
				yesNo(v, "s"+n+"LoanFinanced", "Is the fee added to the loan (instead of taken from what you receive)?", "", v.flag("s"+n+"LoanFinanced", loan.FeeFinanced)),
			).Title("Personal loan")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{Loan: &planner.PersonalLoan{MaxAmount: v.money("s" + n + "LoanMax"), Months: v.number("s" + n + "LoanMonths"),
				APR: v.rate("s" + n + "LoanAPR"), OriginationFee: v.rate("s" + n + "LoanFee"), FeeFinanced: v.is("s" + n + "LoanFinanced")}}
		},
		describe: func(f *planner.FundingSource) string {
			l := f.Loan
			return "personal loan, " + itoa(l.Months) + " months at " + l.APR.String() + " APR, origination fee " + l.OriginationFee.String()
		},
		terms: map[string]string{"LoanAPR": "APR", "LoanFee": "Origination fee", "LoanFinanced": "Origination fee"},
	},
	{
		kind: planner.KindCopayProgram, key: "copay", label: "drug maker's copay program",
		fields: func(v *formValues, n string, src planner.FundingSource) *huh.Group {
			p := orZero(src.CopayProgram)
			return v.group(
				input(v, "s"+n+"CopayYear", "Copay program: most it pays in a year", "Its terms say; it starts again each January", moneyText(p.YearlyMax), validMoney(false)),
				input(v, "s"+n+"CopaySession", "Copay program: most it pays a session (or fill)", "Blank for no such limit", moneyText(p.PerSessionMax), validMoney(true)),
				input(v, "s"+n+"CopayLeast", "Copay program: the least you still pay a session", "Often $0 or $10", moneyText(p.PatientPays), validMoney(true)),
			).Title("Copay program").Description("For commercial plans only: it pays nothing with Medicare or Medicaid. How the plan counts it is on the plan (tab 2).")
		},
		read: func(v *formValues, n string, _ planner.FundingSource) planner.FundingSource {
			return planner.FundingSource{CopayProgram: &planner.CopayProgram{YearlyMax: v.money("s" + n + "CopayYear"),
				PerSessionMax: v.money("s" + n + "CopaySession"), PatientPays: v.money("s" + n + "CopayLeast")}}
		},
		describe: func(f *planner.FundingSource) string {
			p := f.CopayProgram
			text := "copay program, up to " + p.YearlyMax.String() + " a year"
			if p.PerSessionMax > 0 {
				text += " and " + p.PerSessionMax.String() + " a session"
			}
			if p.PatientPays > 0 {
				text += "; you pay at least " + p.PatientPays.String() + " a session"
			}
			return text
		},
		terms: map[string]string{"CopayYear": "Copay program", "CopaySession": "Copay program", "CopayLeast": "Copay program"},
	},
}

// kindOf is the entry of a source's kind, or of the form's key for it.
func kindOf(match func(k *fundingKind) bool) (*fundingKind, bool) {
	for i := range fundingKinds {
		if match(&fundingKinds[i]) {
			return &fundingKinds[i], true
		}
	}
	return nil, false
}

// kindKey is the form's key for a source's kind; "" for none.
func kindKey(f *planner.FundingSource) string {
	if k, ok := kindOf(func(k *fundingKind) bool { return k.kind == f.Kind() }); ok {
		return k.key
	}
	return ""
}

// sourceText says a funding source's terms in a line.
func sourceText(f *planner.FundingSource) string {
	if k, ok := kindOf(func(k *fundingKind) bool { return k.kind == f.Kind() }); ok {
		return k.describe(f)
	}
	return f.Kind().String()
}

// sourceKindOptions are the choices of a way-to-pay slot: none, or a kind.
func sourceKindOptions() []huh.Option[string] {
	options := []huh.Option[string]{huh.NewOption("none", "")}
	for _, k := range fundingKinds {
		options = append(options, huh.NewOption(k.label, k.key))
	}
	return options
}

// orZero returns *p, or the zero value for nil.
func orZero[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
