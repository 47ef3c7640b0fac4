package planner

// Patient is the person whose care is planned.
type Patient struct {
	Name          string
	BirthDate     Date
	State         string // two-letter postal code, like OH
	HouseholdSize int
	// AnnualIncome is the household's yearly income, for assistance
	// programs that go by the federal poverty level.
	AnnualIncome  Money
	MonthlyBudget Money
	HSABalance    Money // in an HSA or FSA
	Notes         string
}
