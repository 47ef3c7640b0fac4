package planner

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
// anything: today only an answer that is none of Answers.
func (p *Patient) Validate() error {
	if p.Insured != "" && !p.Insured.Valid() {
		return choiceError("whether the patient has health insurance", string(p.Insured), Answers)
	}
	if p.Veteran != "" && !p.Veteran.Valid() {
		return choiceError("whether the patient is a veteran", string(p.Veteran), Answers)
	}
	return nil
}
