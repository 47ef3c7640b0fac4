package planner

// Program is an assistance program in the catalog all patients share.
type Program struct {
	ID      ID
	Name    string
	Kind    string // "nonprofit grant", "manufacturer program", "clinic sliding scale", "hospital charity care", "other"
	Contact string
	Website string
	Notes   string
	Stamp
}

// Application is a patient's application to an assistance program.
type Application struct {
	Key
	ProgramID ID
	Status    string // "considering", "applied", "awarded", "denied", "withdrawn"
	Applied   Date
	Decided   Date
	Requested Money
	Awarded   Money
	FollowUp  Date
	Notes     string
	Stamp
}
