package planner

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Rate is an exact decimal share in millionths: 1% is 10,000, an APR of 9.99%
// is 99,900 and a coinsurance of 100% is 1,000,000. Four decimal places of a
// percent (6.1255%) are exact; no float ever reaches a stored rate.
//
// The same type carries APRs, coinsurance, discounts, origination fees and
// tax rates.
type Rate int64

// Whole percentages.
const (
	Percent           Rate = 10_000
	OneHundredPercent Rate = 100 * Percent
	// MaxAPR bounds interest rates a person enters: a medical loan or card
	// above 100% a year is a typing mistake far more often than a real offer.
	MaxAPR = OneHundredPercent
)

// Percentage returns whole percentage points: Percentage(20) is 20%.
func Percentage(p int64) Rate { return Rate(p) * Percent }

// ParseRate reads a percentage as a person types it: "9.99", "9.99%",
// "20 %", "0". At most four decimal places; never negative; at most 100%.
func ParseRate(s string) (Rate, error) { return parseRateUpTo(s, OneHundredPercent) }

// ParseIncomePercent reads an income as a percentage of the poverty
// guideline, which may be above 100%: "250" or "250%" is 250%. The most it
// takes is 1000%.
func ParseIncomePercent(s string) (Rate, error) { return parseRateUpTo(s, maxIncomePercent) }

// parseRateUpTo reads a percentage of at most limit.
func parseRateUpTo(s string, limit Rate) (Rate, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, errors.New("enter a percentage, like 9.99")
	}
	number := strings.TrimSpace(strings.TrimSuffix(text, "%"))
	if strings.HasPrefix(number, "-") {
		return 0, fmt.Errorf("%q is negative: a percentage here is 0 or more", text)
	}
	whole, fraction, hasPoint := strings.Cut(number, ".")
	if whole == "" && fraction == "" {
		return 0, fmt.Errorf("%q is not a percentage: use digits, like 9.99", text)
	}
	for _, r := range whole + fraction {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not a percentage: use digits, like 9.99", text)
		}
	}
	if hasPoint && fraction == "" {
		return 0, fmt.Errorf("%q has no digits after the decimal point", text)
	}
	if len(fraction) > 4 {
		return 0, fmt.Errorf("%q has more than four decimal places", text)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 4 {
		return 0, fmt.Errorf("%q is more than %s", text, limit)
	}
	var points, parts int64
	if whole != "" {
		points, _ = strconv.ParseInt(whole, 10, 64) // ≤ 4 digits: cannot fail
	}
	if fraction != "" {
		parts, _ = strconv.ParseInt(fraction+strings.Repeat("0", 4-len(fraction)), 10, 64)
	}
	r := Rate(points)*Percent + Rate(parts)
	if r > limit {
		return 0, fmt.Errorf("%q is more than %s", text, limit)
	}
	return r, nil
}

// String formats r as a percentage without trailing zeros: "20%", "9.99%",
// "6.125%".
func (r Rate) String() string {
	var buf [24]byte
	b := buf[:0]
	u := abs64(int64(r))
	if r < 0 {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, u/uint64(Percent), 10)
	if frac := u % uint64(Percent); frac != 0 {
		digits := strconv.AppendUint(nil, frac+uint64(Percent), 10)[1:] // four digits, leading zeros kept
		b = append(b, '.')
		b = append(b, strings.TrimRight(string(digits), "0")...)
	}
	return string(append(b, '%'))
}

// validateShare reports a rate outside 0–100%, naming what it is.
func (r Rate) validateShare(what, of string) error {
	if r < 0 || r > OneHundredPercent {
		return fmt.Errorf("%s%s must be between 0%% and 100%% (it is %s)", what, of, r)
	}
	return nil
}

// validateAPR reports an interest rate outside 0–MaxAPR.
func (r Rate) validateAPR(what, of string) error {
	if r < 0 || r > MaxAPR {
		return fmt.Errorf("%s%s must be between 0%% and %s (it is %s)", what, of, MaxAPR, r)
	}
	return nil
}
