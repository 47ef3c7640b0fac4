package planner

import "fmt"

// FundingSource is one way the patient pays their part. Exactly one of the
// kind fields is set; the scenario applies its sources in order, each
// covering what the ones before it left, up to its own limit.
type FundingSource struct {
	Name string // "CareCredit 12 months", "Savings"

	Grant         *Grant                `json:",omitempty"`
	HealthAccount *HealthAccount        `json:",omitempty"`
	Savings       *Savings              `json:",omitempty"`
	PayAsYouGo    *PayAsYouGo           `json:",omitempty"`
	PaymentPlan   *PaymentPlan          `json:",omitempty"`
	DeferredCard  *DeferredInterestCard `json:",omitempty"`
	FixedCard     *FixedPaymentCard     `json:",omitempty"`
	Loan          *PersonalLoan         `json:",omitempty"`
	CopayProgram  *CopayProgram         `json:",omitempty"`
}

// Grant is assistance from a program: a fixed amount, or a share of each
// charge up to a cap.
type Grant struct {
	Amount Money
	Share  Rate
	Cap    Money // with Share; zero means no cap
	// Pending: applied for, not yet awarded. A scenario counts it only when
	// its CountPendingGrants is set.
	Pending bool
	// Application is the application the grant comes from, if it came from
	// one (see GrantSource): a change to the application changes it.
	Application ID `json:",omitempty"`
}

// HealthAccount is money in a health savings account (HSA) or flexible
// spending account (FSA): pre-tax dollars set aside for care. Both work the
// same way here.
type HealthAccount struct {
	Balance Money
	// TaxRate, when set, estimates the tax saved on what the account pays:
	// the patient's combined federal and state marginal rate. An estimate,
	// not tax advice.
	TaxRate Rate
}

// Savings is money the patient has set aside, spent as charges come.
type Savings struct {
	Amount Money
}

// PayAsYouGo pays each charge from the month's income, with no limit.
type PayAsYouGo struct{}

// PaymentPlan is a clinic's own financing: the clinic lends what it covers
// from the first charge it covers, less a down payment, over Months.
type PaymentPlan struct {
	Limit       Money // the most the plan covers; zero means no limit
	DownPayment Money
	Months      int
	APR         Rate // annual percentage rate; clinic plans are often 0%
	SetUpFee    Money
}

// DeferredInterestCard is a medical credit card with a "no interest if paid
// in full" promotion. Each purchase has its own promotion of PromoMonths
// from its date; interest accrues unseen at the standard APR on what each
// purchase owes, and a purchase not paid in full when its promotion ends is
// charged all of its interest at once, with interest running after it
// (see card.go for the statement-by-statement rules).
type DeferredInterestCard struct {
	CreditLimit Money
	PromoMonths int
	APR         Rate // the standard APR, charged after the promotion (often 27–33%)
	// The card's minimum payment: the larger of MinimumRate of the balance
	// and MinimumFloor (or the whole balance, if smaller).
	MinimumRate  Rate
	MinimumFloor Money
	// PlannedPayment is what the patient means to pay each month; zero
	// means the minimum only.
	PlannedPayment Money
}

// FixedPaymentCard is a medical credit card that turns each month's
// purchases into a plan of equal payments at a reduced APR.
type FixedPaymentCard struct {
	CreditLimit Money
	Months      int
	APR         Rate
}

// PersonalLoan is a bank or online loan taken at the first charge it covers.
type PersonalLoan struct {
	// MaxAmount is the most that can be borrowed (fee included); zero means
	// exactly what is needed.
	MaxAmount Money
	Months    int
	APR       Rate
	// OriginationFee is a share of the loan charged by the lender. Deducted
	// from the proceeds (the usual way), the patient borrows
	// need / (1 − fee) to receive need; with FeeFinanced it is added to the
	// amount borrowed instead.
	OriginationFee Rate
	FeeFinanced    bool
}

// SourceKind names the kind of a FundingSource.
type SourceKind int

const (
	KindNone SourceKind = iota
	KindGrant
	KindHealthAccount
	KindSavings
	KindPayAsYouGo
	KindPaymentPlan
	KindDeferredCard
	KindFixedCard
	KindLoan
	KindCopayProgram
)

func (k SourceKind) String() string {
	switch k {
	case KindGrant:
		return "assistance grant"
	case KindHealthAccount:
		return "HSA/FSA"
	case KindSavings:
		return "savings"
	case KindPayAsYouGo:
		return "pay as you go"
	case KindPaymentPlan:
		return "clinic payment plan"
	case KindDeferredCard:
		return "medical credit card, deferred interest"
	case KindFixedCard:
		return "medical credit card, reduced APR"
	case KindLoan:
		return "personal loan"
	case KindCopayProgram:
		return "manufacturer copay program"
	}
	return "no kind"
}

// Kind returns which kind of source f is.
func (f *FundingSource) Kind() SourceKind {
	switch {
	case f.Grant != nil:
		return KindGrant
	case f.HealthAccount != nil:
		return KindHealthAccount
	case f.Savings != nil:
		return KindSavings
	case f.PayAsYouGo != nil:
		return KindPayAsYouGo
	case f.PaymentPlan != nil:
		return KindPaymentPlan
	case f.DeferredCard != nil:
		return KindDeferredCard
	case f.FixedCard != nil:
		return KindFixedCard
	case f.Loan != nil:
		return KindLoan
	case f.CopayProgram != nil:
		return KindCopayProgram
	}
	return KindNone
}

// FromIncome reports whether the source's payments come out of the
// patient's monthly income, and so count against the monthly budget. Grants
// are paid by the program, and HSA, FSA and savings money is already set
// aside.
func (k SourceKind) FromIncome() bool {
	switch k {
	case KindPayAsYouGo, KindPaymentPlan, KindDeferredCard, KindFixedCard, KindLoan:
		return true
	}
	return false
}

// IsDebt reports whether the source lends money that is paid back later.
func (k SourceKind) IsDebt() bool {
	switch k {
	case KindPaymentPlan, KindDeferredCard, KindFixedCard, KindLoan:
		return true
	}
	return false
}

// Limits on financing terms a person plans with.
const (
	maxTermMonths     = 360
	maxPromoMonths    = 60
	maxOriginationFee = 50 * Percent
)

// Validate says in a sentence what is wrong with the source, if anything.
func (f *FundingSource) Validate() error {
	set := 0
	for _, isSet := range []bool{f.Grant != nil, f.HealthAccount != nil, f.Savings != nil, f.PayAsYouGo != nil,
		f.PaymentPlan != nil, f.DeferredCard != nil, f.FixedCard != nil, f.Loan != nil, f.CopayProgram != nil} {
		if isSet {
			set++
		}
	}
	name := f.Name
	if name == "" {
		name = "a funding source"
	}
	if set != 1 {
		return fmt.Errorf("%s must be exactly one kind of source (it is %d)", name, set)
	}
	switch f.Kind() {
	case KindGrant:
		g := f.Grant
		switch {
		case g.Amount != 0 && g.Share != 0:
			return fmt.Errorf("%s has both an amount and a share: a grant is one or the other", name)
		case g.Amount == 0 && g.Share == 0:
			return fmt.Errorf("%s has neither an amount nor a share of the cost", name)
		}
		return firstError([]error{
			g.Amount.validateNonNegative("the amount of ", name),
			g.Share.validateShare("the share of ", name),
			g.Cap.validateNonNegative("the cap of ", name),
		})
	case KindHealthAccount:
		return firstError([]error{
			f.HealthAccount.Balance.validateNonNegative("the balance of ", name),
			f.HealthAccount.TaxRate.validateShare("the tax rate of ", name),
		})
	case KindSavings:
		return f.Savings.Amount.validateNonNegative("the amount of ", name)
	case KindPaymentPlan:
		p := f.PaymentPlan
		return firstError([]error{
			p.Limit.validateNonNegative("the limit of ", name),
			p.DownPayment.validateNonNegative("the down payment of ", name),
			validateTerm(p.Months, name),
			p.APR.validateAPR("the APR of ", name),
			p.SetUpFee.validateNonNegative("the set-up fee of ", name),
		})
	case KindDeferredCard:
		c := f.DeferredCard
		if c.PromoMonths < 1 || c.PromoMonths > maxPromoMonths {
			return fmt.Errorf("%s needs a promotion of 1 to %d months (it is %d)", name, maxPromoMonths, c.PromoMonths)
		}
		if c.CreditLimit <= 0 {
			return fmt.Errorf("%s needs a credit limit", name)
		}
		if c.PlannedPayment == 0 && c.MinimumRate == 0 && c.MinimumFloor == 0 {
			return fmt.Errorf("%s needs a planned monthly payment or a minimum payment rule", name)
		}
		return firstError([]error{
			c.CreditLimit.validateNonNegative("the credit limit of ", name),
			c.APR.validateAPR("the APR of ", name),
			c.MinimumRate.validateShare("the minimum payment share of ", name),
			c.MinimumFloor.validateNonNegative("the minimum payment of ", name),
			c.PlannedPayment.validateNonNegative("the planned payment of ", name),
		})
	case KindFixedCard:
		c := f.FixedCard
		if c.CreditLimit <= 0 {
			return fmt.Errorf("%s needs a credit limit", name)
		}
		return firstError([]error{
			c.CreditLimit.validateNonNegative("the credit limit of ", name),
			validateTerm(c.Months, name),
			c.APR.validateAPR("the APR of ", name),
		})
	case KindCopayProgram:
		p := f.CopayProgram
		if p.YearlyMax <= 0 {
			return fmt.Errorf("%s needs its yearly maximum: the most it pays in a calendar year (its terms say)", name)
		}
		return firstError([]error{
			p.YearlyMax.validateNonNegative("the yearly maximum of ", name),
			p.PerSessionMax.validateNonNegative("the most a session of ", name),
			p.PatientPays.validateNonNegative("the least you pay a session with ", name),
		})
	case KindLoan:
		l := f.Loan
		if l.OriginationFee > maxOriginationFee {
			return fmt.Errorf("the origination fee of %s is %s; carecost takes up to %s (such fees run up to about 12%%): check it", name, l.OriginationFee, maxOriginationFee)
		}
		return firstError([]error{
			l.MaxAmount.validateNonNegative("the maximum amount of ", name),
			validateTerm(l.Months, name),
			l.APR.validateAPR("the APR of ", name),
			l.OriginationFee.validateShare("the origination fee of ", name),
		})
	}
	return nil
}

func validateTerm(months int, name string) error {
	if months < 1 || months > maxTermMonths {
		return fmt.Errorf("%s needs a term of 1 to %d months (it is %d)", name, maxTermMonths, months)
	}
	return nil
}
