package planner

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount of US dollars in whole cents. It is never a float.
//
// Amounts a person enters are bounded by MaxMoney, so that the sums and
// products the planner forms (at most a few thousand terms) stay far inside
// int64: the planner can add without overflow checks on every step.
type Money int64

// Cents and dollars.
const (
	Cent   Money = 1
	Dollar Money = 100
	// MaxMoney is the largest amount carecost accepts: $1,000,000,000.
	MaxMoney = 1_000_000_000 * Dollar
)

// Dollars returns d whole dollars.
func Dollars(d int64) Money { return Money(d) * Dollar }

// ParseMoney reads an amount as a person types it: "1200", "1,200.50",
// "$1,200.50", "-$3.10", "$-3.10", " 12.5 ". Commas, if used, must separate
// groups of three digits; at most two digits may follow the decimal point.
// The error says what was wrong in a sentence.
func ParseMoney(s string) (Money, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, errors.New("enter an amount, like 1,200.50")
	}
	rest := text
	negative := false
	if r, ok := strings.CutPrefix(rest, "-"); ok {
		negative, rest = true, r
	}
	rest = strings.TrimPrefix(rest, "$")
	if !negative {
		if r, ok := strings.CutPrefix(rest, "-"); ok {
			negative, rest = true, r
		}
	}
	whole, fraction, hasPoint := strings.Cut(rest, ".")
	if whole == "" && (!hasPoint || fraction == "") {
		return 0, fmt.Errorf("%q is not an amount: use digits, like 1,200.50", text)
	}
	for _, r := range whole + fraction {
		if (r < '0' || r > '9') && r != ',' {
			return 0, fmt.Errorf("%q is not an amount: use digits, like 1,200.50", text)
		}
	}
	if strings.Contains(fraction, ",") {
		return 0, fmt.Errorf("%q has a comma after the decimal point", text)
	}
	if strings.Contains(whole, ",") && !commaGroupsValid(whole) {
		return 0, fmt.Errorf("%q has a misplaced comma: commas separate groups of three digits, like 1,200", text)
	}
	if hasPoint && fraction == "" {
		return 0, fmt.Errorf("%q has no digits after the decimal point", text)
	}
	if len(fraction) > 2 {
		return 0, fmt.Errorf("%q has more than two decimal places", text)
	}
	digits := strings.ReplaceAll(whole, ",", "")
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 10 { // more than $9,999,999,999: over the limit
		return 0, tooLarge(text)
	}
	var dollars int64
	if digits != "" {
		dollars, _ = strconv.ParseInt(digits, 10, 64) // ≤ 10 digits: cannot fail
	}
	cents := int64(0)
	if fraction != "" {
		cents, _ = strconv.ParseInt(fraction, 10, 64)
		if len(fraction) == 1 {
			cents *= 10
		}
	}
	m := Money(dollars)*Dollar + Money(cents)
	if m > MaxMoney {
		return 0, tooLarge(text)
	}
	if negative {
		m = -m
	}
	return m, nil
}

func tooLarge(text string) error {
	return fmt.Errorf("%q is more than %s, the largest amount carecost accepts", text, MaxMoney)
}

// commaGroupsValid reports whether the commas in digits split it into a
// leading group of one to three digits and then groups of exactly three.
func commaGroupsValid(digits string) bool {
	groups := strings.Split(digits, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// String formats m as "$1,200.50" or "-$3.10".
func (m Money) String() string {
	var buf [32]byte
	return string(m.appendTo(buf[:0]))
}

func (m Money) appendTo(b []byte) []byte {
	u := abs64(int64(m))
	if m < 0 {
		b = append(b, '-')
	}
	b = append(b, '$')
	dollars, cents := u/100, u%100
	b = appendGrouped(b, dollars)
	b = append(b, '.', byte('0'+cents/10), byte('0'+cents%10))
	return b
}

// Grouped writes a count with a comma between groups of three digits:
// 100,000.
func Grouped(n int) string {
	if n < 0 {
		return "-" + string(appendGrouped(nil, uint64(-n)))
	}
	return string(appendGrouped(nil, uint64(n)))
}

// appendGrouped appends n with a comma between groups of three digits.
func appendGrouped(b []byte, n uint64) []byte {
	var digits [20]byte
	s := strconv.AppendUint(digits[:0], n, 10)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return b
}

// validate reports an amount outside ±MaxMoney, naming it as what+of. The
// name comes in two parts so that nothing is built unless there is an error:
// the planner validates whole scenarios on every key press.
func (m Money) validate(what, of string) error {
	if m > MaxMoney || m < -MaxMoney {
		return fmt.Errorf("%s%s of %s is more than %s, the largest amount carecost accepts", what, of, m, MaxMoney)
	}
	return nil
}

// validateNonNegative reports an amount below zero or above MaxMoney.
func (m Money) validateNonNegative(what, of string) error {
	if m < 0 {
		return fmt.Errorf("%s%s cannot be negative (it is %s)", what, of, m)
	}
	return m.validate(what, of)
}

// Times returns m × r rounded by carecost's rule (see roundHalfUp).
func (m Money) Times(r Rate) Money {
	if fitsProduct(int64(m), int64(r)) {
		return Money(roundHalfUpSmall(int64(m)*int64(r), int64(OneHundredPercent)))
	}
	return Money(roundHalfUp(int64(m), int64(r), int64(OneHundredPercent)))
}
