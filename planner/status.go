package planner

// CoverageStatus is where a treatment stands with the patient's insurance.
type CoverageStatus int

const (
	StatusUnknown CoverageStatus = iota
	StatusCovered
	StatusNeedsPreAuthorization
	StatusNotCovered
	StatusDenied
	StatusAppealing
)

// String says the status in words, as the patient list shows it.
func (s CoverageStatus) String() string {
	switch s {
	case StatusCovered:
		return "covered"
	case StatusNeedsPreAuthorization:
		return "needs pre-authorization"
	case StatusNotCovered:
		return "not covered"
	case StatusDenied:
		return "denied"
	case StatusAppealing:
		return "appealing"
	}
	return "not known yet"
}

// Valid reports whether s is one of the statuses above.
func (s CoverageStatus) Valid() bool { return s >= StatusUnknown && s <= StatusAppealing }
