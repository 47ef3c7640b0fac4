package planner

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// The HHS poverty guidelines ("the federal poverty level", FPL): the
// yearly income below which a household counts as poor. Assistance
// programs set their income limits as a percentage of them, like "up to
// 200% of the poverty level". HHS publishes one figure for the first
// person and one for each further person, in three regions.

// Region is one of the areas HHS publishes poverty guidelines for.
type Region int

const (
	// RegionContiguous is the 48 contiguous states and the District of
	// Columbia.
	RegionContiguous Region = iota
	RegionAlaska
	RegionHawaii
)

// String names the region in words.
func (r Region) String() string {
	switch r {
	case RegionAlaska:
		return "Alaska"
	case RegionHawaii:
		return "Hawaii"
	}
	return "48 contiguous states and DC"
}

// PovertyTable is one year's poverty guideline for one region.
type PovertyTable struct {
	Year   int
	Region Region
	// FirstPerson is the guideline for a household of one;
	// EachAdditional is added for each further person, with no upper
	// size (HHS adds it past 8 people too).
	FirstPerson    Money
	EachAdditional Money
	Source         string
}

// povertyTables are the guidelines carecost has, oldest year first, each
// with its source.
var povertyTables = [...]PovertyTable{
	{2025, RegionContiguous, Dollars(15_650), Dollars(5_500), sourceJanuary2025},
	{2025, RegionAlaska, Dollars(19_550), Dollars(6_880), sourceJanuary2025},
	{2025, RegionHawaii, Dollars(17_990), Dollars(6_330), sourceJanuary2025},
	{2026, RegionContiguous, Dollars(15_960), Dollars(5_680), sourceJanuary2026},
	{2026, RegionAlaska, Dollars(19_950), Dollars(7_100), sourceJanuary2026},
	{2026, RegionHawaii, Dollars(18_360), Dollars(6_530), sourceJanuary2026},
}

const (
	sourceJanuary2025 = "HHS/ASPE poverty guidelines, Federal Register, January 2025"
	sourceJanuary2026 = "HHS/ASPE poverty guidelines, Federal Register, January 2026"
)

// maxHousehold bounds the household sizes carecost works with, so the
// guideline can never overflow; no real household comes near it.
const maxHousehold = 100

// PovertyTables returns every table carecost has, oldest year first, for
// the app to show with their sources.
func PovertyTables() []PovertyTable {
	return slices.Clone(povertyTables[:])
}

// NewestGuidelineYear is the latest year carecost has poverty guidelines
// for.
func NewestGuidelineYear() int {
	return povertyTables[len(povertyTables)-1].Year
}

// GuidelinesOutOfDate reports whether today falls in a year after the
// newest guidelines carecost has. HHS publishes each year's figures in
// January, so from then on the app should say its figures may be old.
func GuidelinesOutOfDate(today Date) bool {
	year, _, _ := today.Civil()
	return year > NewestGuidelineYear()
}

// PovertyTableFor returns the table for a year and region. The error says
// which years carecost has.
func PovertyTableFor(year int, region Region) (PovertyTable, error) {
	for _, t := range povertyTables {
		if t.Year == year && t.Region == region {
			return t, nil
		}
	}
	return PovertyTable{}, fmt.Errorf("carecost has poverty guidelines for %s; it has none for %d", guidelineYearsText(), year)
}

// guidelineYearsText lists the years of the tables: "2025 and 2026".
func guidelineYearsText() string {
	var years []string
	for _, t := range povertyTables {
		y := strconv.Itoa(t.Year)
		if len(years) == 0 || years[len(years)-1] != y {
			years = append(years, y)
		}
	}
	if len(years) == 1 {
		return years[0]
	}
	return strings.Join(years[:len(years)-1], ", ") + " and " + years[len(years)-1]
}

// Guideline returns the table's figure for a household: the first person's
// amount plus the additional amount for each further person.
func (t PovertyTable) Guideline(household int) (Money, error) {
	if err := checkHousehold(household); err != nil {
		return 0, err
	}
	return t.FirstPerson + Money(household-1)*t.EachAdditional, nil
}

// Rule states the table as one of carecost's rules, for the app to show
// with its year and source.
func (t PovertyTable) Rule() Rule {
	return Rule{
		Name:   fmt.Sprintf("%d HHS poverty guideline, %s", t.Year, t.Region),
		Value:  fmt.Sprintf("%s for one person, plus %s for each additional person", dollarsText(t.FirstPerson), dollarsText(t.EachAdditional)),
		Year:   t.Year,
		Source: t.Source,
	}
}

func checkHousehold(household int) error {
	switch {
	case household < 1:
		return errors.New("enter the household size: the number of people in the household, at least 1")
	case household > maxHousehold:
		return fmt.Errorf("a household of %d people is more than carecost works with (up to %d): check the household size", household, maxHousehold)
	}
	return nil
}

// PovertyGuideline returns the poverty guideline for a household of the
// given size in a state, in the given year, and the table it comes from.
// The error says in a sentence what is wrong: a year carecost has no
// table for, a state code it does not know, a household under one person.
func PovertyGuideline(year int, state string, household int) (Money, PovertyTable, error) {
	region, err := RegionOf(state)
	if err != nil {
		return 0, PovertyTable{}, err
	}
	table, err := PovertyTableFor(year, region)
	if err != nil {
		return 0, PovertyTable{}, err
	}
	guideline, err := table.Guideline(household)
	if err != nil {
		return 0, PovertyTable{}, err
	}
	return guideline, table, nil
}

// IncomePercent returns income as a percentage of the guideline, to the
// precision a Rate holds (four decimal places of a percent), rounded by
// carecost's one rule: 41,000 / 27,320 is 150.0732%. A negative income
// counts as none, and a guideline of zero or less gives 0.
//
// The app shows the figure to the whole percent (see WholePercent), but
// never decides with it: IncomeWithin compares exactly.
func IncomePercent(income, guideline Money) Rate {
	if guideline <= 0 || income <= 0 {
		return 0
	}
	return Rate(roundHalfUp(int64(income), int64(OneHundredPercent), int64(guideline)))
}

// WholePercent rounds a rate to the whole percent by carecost's one rule,
// for showing: 150.0732% shows as 150%, 150.5% as 151%.
func WholePercent(r Rate) Rate {
	return Rate(roundHalfUp(int64(r), 1, int64(Percent))) * Percent
}

// IncomeWithin reports whether income is at most limit percent of the
// guideline: income × 100% ≤ limit × guideline, compared exactly in whole
// cents and millionths, never through a rounded percentage, so that an
// income exactly at the limit is within it and one cent more is not. A
// negative income counts as none; a negative limit or a guideline of zero
// or less admits nobody.
func IncomeWithin(income, guideline Money, limit Rate) bool {
	if limit < 0 || guideline <= 0 {
		return false
	}
	if income <= 0 {
		return true
	}
	incomeHi, incomeLo := bits.Mul64(uint64(income), uint64(OneHundredPercent))
	limitHi, limitLo := bits.Mul64(uint64(limit), uint64(guideline))
	return incomeHi < limitHi || (incomeHi == limitHi && incomeLo <= limitLo)
}

// dollarsText formats an amount without cents when it has none, as the
// guidelines and program limits are written: "$27,320", "$41,000.50".
func dollarsText(m Money) string {
	return strings.TrimSuffix(m.String(), ".00")
}

// stateNames are the 50 states and the District of Columbia, by postal code.
var stateNames = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
	"CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
	"DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
	"ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
	"KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine",
	"MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
	"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska",
	"NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
	"NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
	"OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
	"SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
	"UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
	"WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}

// territoryNames are the places with US postal codes that HHS publishes no
// poverty guidelines for; programs there choose their own figures.
var territoryNames = map[string]string{
	"PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands",
	"AS": "American Samoa", "MP": "the Northern Mariana Islands",
}

// NormalizeState returns a state code as carecost keeps it: trimmed and
// in capitals, so "oh " becomes "OH".
func NormalizeState(code string) string {
	return strings.ToUpper(strings.TrimSpace(code))
}

// StateName returns the name of a state (or DC) from its two-letter
// postal code, in either case, and whether carecost knows the code.
func StateName(code string) (string, bool) {
	name, ok := stateNames[NormalizeState(code)]
	return name, ok
}

// checkState says in a sentence what is wrong with a state code, if
// anything.
func checkState(code string) error {
	c := NormalizeState(code)
	if c == "" {
		return errors.New("enter the state as its two-letter postal code, like OH")
	}
	if _, ok := stateNames[c]; ok {
		return nil
	}
	if name, ok := territoryNames[c]; ok {
		return fmt.Errorf("HHS publishes no poverty guidelines for %s: ask the program which figures it uses", name)
	}
	return fmt.Errorf("%q is not a US state code: use the two-letter postal code, like OH", strings.TrimSpace(code))
}

// CheckResidence says in a sentence what is wrong with a code for where a
// patient lives, if anything: a state, DC or a US territory (Puerto Rico,
// Guam and the others, for which HHS publishes no poverty guidelines, so
// screening asks the program which figures it uses).
func CheckResidence(code string) error {
	if _, ok := territoryNames[NormalizeState(code)]; ok {
		return nil
	}
	return checkState(code)
}

// RegionOf returns the poverty-guideline region of a state, given as its
// two-letter postal code in either case: Alaska, Hawaii, or the 48
// contiguous states and DC. Territories and unknown codes are an error.
func RegionOf(state string) (Region, error) {
	if err := checkState(state); err != nil {
		return 0, err
	}
	switch NormalizeState(state) {
	case "AK":
		return RegionAlaska, nil
	case "HI":
		return RegionHawaii, nil
	}
	return RegionContiguous, nil
}
