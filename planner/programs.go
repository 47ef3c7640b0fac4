package planner

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ProgramKind is who runs an assistance program, kept as its words.
type ProgramKind string

const (
	ProgramNonprofitGrant ProgramKind = "nonprofit grant"
	ProgramManufacturer   ProgramKind = "manufacturer program"
	ProgramSlidingScale   ProgramKind = "clinic sliding scale"
	ProgramCharityCare    ProgramKind = "hospital charity care"
	ProgramOther          ProgramKind = "other"
)

// ProgramKinds are the choices of a ProgramKind, in the order a form
// offers them.
var ProgramKinds = []ProgramKind{ProgramNonprofitGrant, ProgramManufacturer, ProgramSlidingScale, ProgramCharityCare, ProgramOther}

// Valid reports whether k is one of ProgramKinds.
func (k ProgramKind) Valid() bool { return slices.Contains(ProgramKinds, k) }

// InsuranceRule is whom a program takes by their health insurance. The
// empty rule, InsuranceAny, takes everyone, so a program saved before the
// rule existed reads as taking everyone.
type InsuranceRule string

const (
	InsuranceAny  InsuranceRule = ""
	InsuredOnly   InsuranceRule = "insured only"
	UninsuredOnly InsuranceRule = "uninsured only"
	// UninsuredOrUnderinsured takes people with no insurance, or with
	// insurance that leaves them a large share of the cost; each program
	// decides what counts as underinsured.
	UninsuredOrUnderinsured InsuranceRule = "uninsured or underinsured"
)

// InsuranceRules are the choices of an InsuranceRule.
var InsuranceRules = []InsuranceRule{InsuranceAny, InsuredOnly, UninsuredOnly, UninsuredOrUnderinsured}

// Valid reports whether r is one of InsuranceRules.
func (r InsuranceRule) Valid() bool { return slices.Contains(InsuranceRules, r) }

// String says the rule in words: "insured or not" for InsuranceAny.
func (r InsuranceRule) String() string {
	if r == InsuranceAny {
		return "insured or not"
	}
	return string(r)
}

// FundStatus is whether a program's fund takes applications, as someone
// last checked; "" when not known.
type FundStatus string

const (
	FundUnknown FundStatus = ""
	FundOpen    FundStatus = "open"
	FundClosed  FundStatus = "closed"
)

// FundStatuses are the choices of a FundStatus.
var FundStatuses = []FundStatus{FundUnknown, FundOpen, FundClosed}

// NextReopening is the first day on or after from that the fund re-opens,
// its ReopensOn's month and day in that year or the next; zero when no
// re-opening is known.
func (p *Program) NextReopening(from Date) Date {
	if p.ReopensOn.IsZero() || from.IsZero() {
		return 0
	}
	_, month, day := p.ReopensOn.Civil()
	next := planYearStartIn(from.Year(), month, day)
	if next < from {
		next = planYearStartIn(from.Year()+1, month, day)
	}
	return next
}

// RecheckOn is the day to check a closed fund again: the day it re-opens,
// or two weeks after it was last found closed; zero for a fund not known
// to be closed.
func (p *Program) RecheckOn() Date {
	if p.Fund != FundClosed || p.FundCheckedOn.IsZero() {
		return 0
	}
	// Found closed on the day it was to re-open: the next year's.
	if next := p.NextReopening(p.FundCheckedOn.AddDays(1)); !next.IsZero() {
		return next
	}
	return p.FundCheckedOn.AddDays(recheckDays)
}

// recheckDays is how long after a closed fund was checked to check it
// again, when it names no day it re-opens. Funds re-open when money comes
// in, often without notice, so every two weeks.
const recheckDays = 14

// FundReminders are the agenda's reminders to check each closed fund of
// the catalog again, by date; they name no patient.
func FundReminders(programs []Program) []AgendaItem {
	var out []AgendaItem
	for i := range programs {
		p := &programs[i]
		if due := p.RecheckOn(); !due.IsZero() {
			out = append(out, AgendaItem{Due: due, Kind: AgendaFund,
				What: "Check whether the fund of " + p.Name + " has re-opened (closed as of " + p.FundCheckedOn.String() + ")"})
		}
	}
	slices.SortStableFunc(out, func(a, b AgendaItem) int { return cmp.Compare(a.Due, b.Due) })
	return out
}

// IncomeTier is one step of a sliding scale: for household incomes up to
// UpToPercent of the poverty guideline (that figure included), the
// program pays PaysPercent of the cost. "Free up to 200%" is
// {200%, 100%, "Free care"}.
type IncomeTier struct {
	UpToPercent Rate
	PaysPercent Rate
	Label       string // optional: "Free care", "Half price"
}

// Name is the tier's label, or a description of it when it has none.
func (t IncomeTier) Name() string {
	if strings.TrimSpace(t.Label) != "" {
		return t.Label
	}
	return "pays " + t.PaysPercent.String() + " up to " + t.UpToPercent.String()
}

// Program is an assistance program in the catalog all patients share:
// who runs it, what it pays and whom it takes.
type Program struct {
	ID      ID
	Name    string
	Kind    ProgramKind
	Contact string // a phone number, an email or a person
	Website string

	// What it pays: a fixed Amount, or a Share of the cost (for
	// everyone, or by income through Tiers), up to Cap in all. Sessions,
	// when set, is how many sessions it pays towards. All zero means the
	// program doesn't say.
	Amount   Money
	Share    Rate
	Cap      Money // zero: no cap
	Sessions int   // zero: not limited, or not stated

	// Whom it takes. Every limit is optional; an empty one takes everyone.

	// PovertyYear is the year of the poverty guidelines the program goes
	// by; zero means the newest carecost has.
	PovertyYear int
	// MaxIncomePercent is the most the household may earn, as a
	// percentage of the poverty guideline (FPL); zero means no limit
	// unless Tiers set one.
	MaxIncomePercent Rate
	// Tiers, lowest income first, say what the program pays by income.
	// The highest tier is the income limit when MaxIncomePercent is zero.
	Tiers []IncomeTier
	// Conditions the patient must have, in the program's words
	// ("treatment-resistant depression"). carecost can't check them, so
	// they make a screening "check".
	Conditions   []string
	States       []string // two-letter postal codes; empty: every state
	Insurance    InsuranceRule
	VeteransOnly bool
	MinAge       int // zero: no lower age limit
	MaxAge       int // zero: no upper age limit

	// The fund as it is: open or closed as of the day someone checked
	// (FundCheckedOn); the day it re-opens each year (its month and day
	// repeat; zero: not said); and what it will not pay for.
	Fund                FundStatus `json:",omitempty"`
	FundCheckedOn       Date       `json:",omitzero"`
	ReopensOn           Date       `json:",omitzero"`
	ExcludesOffLabel    bool       `json:",omitempty"`
	RequiresFDAApproved bool       `json:",omitempty"`

	HowToApply string // what to send, and where
	Turnaround string // how long a decision usually takes: "2–4 weeks"
	Notes      string
	// Fictional marks demo programs: the app says they are made up.
	Fictional bool
	Stamp
}

// SortProgramsByName puts programs in the order lists show them: by name
// ignoring case, then exactly, then by ID, so the order never depends on
// the order they were read in.
func SortProgramsByName(programs []Program) {
	slices.SortFunc(programs, func(a, b Program) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			strings.Compare(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
	})
}

// Limits on what a program record may say.
const (
	// maxIncomePercent bounds income limits: real ones run to about
	// 400–600% of the poverty guideline, so anything above is a typing
	// mistake.
	maxIncomePercent = 1000 * Percent
	maxAge           = 130
	maxTiers         = 20
)

// IncomeLimit is the most a household may earn, as a percentage of the
// poverty guideline: MaxIncomePercent, or else the highest tier; zero when
// the program has no income limit.
func (p *Program) IncomeLimit() Rate {
	if p.MaxIncomePercent > 0 {
		return p.MaxIncomePercent
	}
	if len(p.Tiers) > 0 {
		return p.Tiers[len(p.Tiers)-1].UpToPercent
	}
	return 0
}

// TierFor returns the tier a household's income falls in, comparing
// exactly (see IncomeWithin): the first tier whose limit the income is
// within. An income exactly at a tier's limit is in that tier.
func (p *Program) TierFor(income, guideline Money) (IncomeTier, bool) {
	for _, t := range p.Tiers {
		if IncomeWithin(income, guideline, t.UpToPercent) {
			return t, true
		}
	}
	return IncomeTier{}, false
}

// Serves reports whether the program takes people living in a state: any
// state when it lists none. Codes compare in either case.
func (p *Program) Serves(state string) bool {
	if len(p.States) == 0 {
		return true
	}
	code := NormalizeState(state)
	for _, s := range p.States {
		if NormalizeState(s) == code {
			return true
		}
	}
	return false
}

// Validate says in a sentence what is wrong with the program, if anything.
func (p *Program) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("the program has no name: enter the name it goes by")
	}
	name := Printable(p.Name)
	switch {
	case p.Kind == "":
		return unchosenError("what kind of program "+name+" is", ProgramKinds)
	case !p.Kind.Valid():
		return choiceError("the kind of "+name, string(p.Kind), ProgramKinds)
	}
	if err := p.validatePays(name); err != nil {
		return err
	}
	if err := p.validateIncome(name); err != nil {
		return err
	}
	switch {
	case !slices.Contains(FundStatuses, p.Fund):
		return choiceError("the state of the fund of "+name, string(p.Fund), FundStatuses[1:])
	case p.Fund != FundUnknown && p.FundCheckedOn.IsZero():
		return fmt.Errorf("the fund of %s is %s, but as of when? Enter the day it was checked", name, p.Fund)
	}
	return p.validatePeople(name)
}

func (p *Program) validatePays(name string) error {
	switch {
	case p.Amount != 0 && p.Share != 0:
		return fmt.Errorf("%s has both a fixed amount and a share of the cost: enter one or the other", name)
	case p.Share != 0 && len(p.Tiers) > 0:
		return fmt.Errorf("%s has both a share of the cost and income tiers: put the share in the tiers", name)
	case p.Sessions < 0 || p.Sessions > maxSessions:
		return fmt.Errorf("the sessions %s pays for must be from 0 to %d (it is %d)", name, maxSessions, p.Sessions)
	}
	return firstError([]error{
		p.Amount.validateNonNegative("the amount ", name+" pays"),
		p.Share.validateShare("the share of the cost ", name+" pays"),
		p.Cap.validateNonNegative("the cap of ", name),
	})
}

func (p *Program) validateIncome(name string) error {
	if p.PovertyYear != 0 && (p.PovertyYear < minYear || p.PovertyYear > maxYear) {
		return fmt.Errorf("the poverty guideline year of %s, %d, is not a year: enter it like %d, or leave it empty for the newest", name, p.PovertyYear, NewestGuidelineYear())
	}
	if err := validateIncomePercent(p.MaxIncomePercent, "the income limit of ", name); err != nil {
		return err
	}
	if len(p.Tiers) > maxTiers {
		return fmt.Errorf("%s has %d income tiers; carecost takes up to %d", name, len(p.Tiers), maxTiers)
	}
	for i, t := range p.Tiers {
		tier := fmt.Sprintf("income tier %d of ", i+1)
		if t.UpToPercent <= 0 {
			return fmt.Errorf("%s%s needs the income it goes up to, as a percentage of the poverty guideline", tier, name)
		}
		if err := validateIncomePercent(t.UpToPercent, tier, name); err != nil {
			return err
		}
		if err := t.PaysPercent.validateShare("the share paid in "+tier, name); err != nil {
			return err
		}
		if i > 0 && t.UpToPercent <= p.Tiers[i-1].UpToPercent {
			return fmt.Errorf("the income tiers of %s must go up: tier %d (up to %s) does not go past tier %d (up to %s)",
				name, i+1, t.UpToPercent, i, p.Tiers[i-1].UpToPercent)
		}
		if p.MaxIncomePercent > 0 && t.UpToPercent > p.MaxIncomePercent {
			return fmt.Errorf("%s%s goes up to %s, above its income limit of %s", tier, name, t.UpToPercent, p.MaxIncomePercent)
		}
	}
	return nil
}

func validateIncomePercent(r Rate, what, of string) error {
	if r < 0 || r > maxIncomePercent {
		return fmt.Errorf("%s%s must be from 0%% to %s of the poverty guideline (it is %s)", what, of, maxIncomePercent, r)
	}
	return nil
}

func (p *Program) validatePeople(name string) error {
	// Text from a shared catalog reaches the screen: no control codes,
	// which could change what the terminal shows.
	for _, text := range append([]string{p.Name, p.Contact, p.Website, p.Turnaround}, append(p.Conditions, p.States...)...) {
		if strings.ContainsFunc(text, func(r rune) bool { return r == '\n' || r == '\t' || Unsafe(r) }) {
			return fmt.Errorf("%s holds a control character in %q: remove it", name, Printable(text))
		}
	}
	for _, text := range []string{p.HowToApply, p.Notes} {
		if strings.ContainsFunc(text, Unsafe) {
			return fmt.Errorf("the notes of %s hold a control character: remove it", name)
		}
	}
	for i, c := range p.Conditions {
		if strings.TrimSpace(c) == "" {
			return fmt.Errorf("condition %d of %s is blank: write the condition or remove it", i+1, name)
		}
	}
	for _, s := range p.States {
		if CheckResidence(s) != nil {
			return fmt.Errorf("%s lists %q, which is not a US state or territory code: use two-letter postal codes, like OH or PR", name, s)
		}
	}
	if !p.Insurance.Valid() {
		return choiceError("the insurance rule of "+name, string(p.Insurance), InsuranceRules)
	}
	switch {
	case p.MinAge < 0 || p.MinAge > maxAge:
		return fmt.Errorf("the minimum age of %s must be from 0 to %d (it is %d)", name, maxAge, p.MinAge)
	case p.MaxAge < 0 || p.MaxAge > maxAge:
		return fmt.Errorf("the maximum age of %s must be from 0 to %d (it is %d)", name, maxAge, p.MaxAge)
	case p.MaxAge > 0 && p.MinAge > p.MaxAge:
		return fmt.Errorf("the minimum age of %s (%d) is above its maximum age (%d)", name, p.MinAge, p.MaxAge)
	}
	return nil
}

// unchosenError asks for a choice not made yet, listing the choices.
func unchosenError[T ~string](what string, choices []T) error {
	words := make([]string, len(choices))
	for i, c := range choices {
		words[i] = string(c)
	}
	return fmt.Errorf("choose %s: %s", what, strings.Join(words, ", "))
}

// ApplicationStatus is where an application to a program stands, kept as
// its words.
type ApplicationStatus string

const (
	ApplicationConsidering ApplicationStatus = "considering"
	ApplicationApplied     ApplicationStatus = "applied"
	ApplicationAwarded     ApplicationStatus = "awarded"
	ApplicationDenied      ApplicationStatus = "denied"
	ApplicationWithdrawn   ApplicationStatus = "withdrawn"
)

// ApplicationStatuses are the choices of an ApplicationStatus, in the
// order an application moves through them.
var ApplicationStatuses = []ApplicationStatus{ApplicationConsidering, ApplicationApplied, ApplicationAwarded,
	ApplicationDenied, ApplicationWithdrawn}

// Valid reports whether s is one of ApplicationStatuses.
func (s ApplicationStatus) Valid() bool { return slices.Contains(ApplicationStatuses, s) }

// Application is a patient's application to an assistance program.
type Application struct {
	Key
	ProgramID ID
	Status    ApplicationStatus
	Applied   Date // when it was sent
	Decided   Date // when the program answered
	Requested Money
	Awarded   Money
	FollowUp  Date // when to chase it up
	Notes     string
	Stamp
}

// Validate says in a sentence what is wrong with the application, if
// anything.
func (a *Application) Validate() error {
	switch {
	case a.ProgramID == "":
		return errors.New("the application has no program: choose the program it is to")
	case a.Status == "":
		return unchosenError("where the application stands", ApplicationStatuses)
	case !a.Status.Valid():
		return choiceError("the application's status", string(a.Status), ApplicationStatuses)
	case a.Awarded != 0 && a.Status != ApplicationAwarded:
		return fmt.Errorf("the application has %s awarded but its status is %q: mark it awarded, or clear the amount", a.Awarded, a.Status)
	case !a.Applied.IsZero() && !a.Decided.IsZero() && a.Decided < a.Applied:
		return fmt.Errorf("the decision (%s) comes before the application was sent (%s): check the dates", a.Decided, a.Applied)
	}
	return firstError([]error{
		a.Requested.validateNonNegative("the amount requested", ""),
		a.Awarded.validateNonNegative("the amount awarded", ""),
	})
}

// CanFund reports whether the application can count as a grant in a
// funding scenario (see GrantSource): valid, and awarded with an amount
// or applied for with the amount requested (a pending grant).
func (a *Application) CanFund() bool {
	if a.Validate() != nil {
		return false
	}
	switch a.Status {
	case ApplicationAwarded:
		return a.Awarded > 0
	case ApplicationApplied:
		return a.Requested > 0
	}
	return false
}

// GrantSource turns an application into a grant funding source named
// "<program> grant": an award is a grant of the amount awarded; an
// application still waiting is a pending grant of the amount requested,
// which a scenario counts only when told to. The error says why an
// application can't fund anything yet.
func GrantSource(a Application, programName string) (FundingSource, error) {
	if err := a.Validate(); err != nil {
		return FundingSource{}, err
	}
	name := strings.TrimSpace(programName)
	if name == "" {
		name = "Assistance"
	}
	var grant Grant
	switch a.Status {
	case ApplicationAwarded:
		if a.Awarded <= 0 {
			return FundingSource{}, fmt.Errorf("the award from %s has no amount: enter the amount awarded to count it", name)
		}
		grant = Grant{Amount: a.Awarded}
	case ApplicationApplied:
		if a.Requested <= 0 {
			return FundingSource{}, fmt.Errorf("the application to %s has no amount requested: enter it to count the grant as pending", name)
		}
		grant = Grant{Amount: a.Requested, Pending: true}
	case ApplicationConsidering:
		return FundingSource{}, fmt.Errorf("the application to %s hasn't been sent yet: once it is, mark it applied to count it as a pending grant", name)
	default:
		return FundingSource{}, fmt.Errorf("the application to %s was %s, so there is no grant to count", name, a.Status)
	}
	grant.Application = a.ID
	return FundingSource{Name: name + " grant", Grant: &grant}, nil
}
