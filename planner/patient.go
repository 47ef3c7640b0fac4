package planner

import "fmt"

// Patient is the person whose care is planned.
type Patient struct {
	Name          string
	BirthDate     Date
	State         string // two-letter postal code, like OH
	HouseholdSize int
	// AnnualIncome is the household's yearly income, for assistance
	// programs that go by the federal poverty level. NoIncome tells an
	// income of nothing from one not entered.
	AnnualIncome  Money
	NoIncome      bool
	MonthlyBudget Money
	HSABalance    Money // in an HSA or FSA
	// Insured says whether the patient has health insurance, and Veteran
	// whether they are a veteran: assistance programs ask (see FactsOf).
	// Empty means not known yet, like AnswerUnknown.
	Insured Answer
	Veteran Answer
	Notes   string
}

// Validate says in a sentence what is wrong with the patient, if
// anything: what the patient form would refuse (an amount below zero or
// above MaxMoney, a household of fewer than 1 or more than 30, a date out
// of range, a state carecost does not know, an answer that is none of
// Answers).
func (p *Patient) Validate() error {
	if err := firstError([]error{
		p.AnnualIncome.validateNonNegative("the household income", ""),
		p.MonthlyBudget.validateNonNegative("the monthly budget", ""),
		p.HSABalance.validateNonNegative("the HSA or FSA balance", ""),
	}); err != nil {
		return err
	}
	switch {
	case p.HouseholdSize < 0 || p.HouseholdSize > 30:
		return fmt.Errorf("the household size must be from 1 to 30 people (it is %d)", p.HouseholdSize)
	case !p.BirthDate.IsZero() && (p.BirthDate < NewDate(1900, 1, 1) || p.BirthDate > NewDate(2899, 12, 31)):
		return fmt.Errorf("the date of birth %s is out of range: enter a date from 1900 on", p.BirthDate)
	}
	if p.State != "" {
		if err := CheckResidence(p.State); err != nil {
			return err
		}
	}
	if p.Insured != "" && !p.Insured.Valid() {
		return choiceError("whether the patient has health insurance", string(p.Insured), Answers)
	}
	if p.Veteran != "" && !p.Veteran.Valid() {
		return choiceError("whether the patient is a veteran", string(p.Veteran), Answers)
	}
	return nil
}
