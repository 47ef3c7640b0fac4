package planner

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day, with no time of day and no time zone: the day a
// session happens, a plan year starts or a payment is due. The zero Date means
// "no date".
//
// It counts days from 1899-12-31, so dates compare with < and subtract to a
// number of days. carecost accepts the years 1900 to 2999.
type Date int32

const (
	minYear = 1900
	maxYear = 2999
)

// epoch is 1899-12-31 in days since 1970-01-01.
var epoch = daysFromCivil(1899, 12, 31)

// NewDate returns the given calendar day. It panics on a day that does not
// exist; it is for dates written in code. Use ParseDate for what a person types.
func NewDate(year int, month time.Month, day int) Date {
	d, err := dateOf(year, int(month), day)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date(daysFromCivil(y, int(m), d) - epoch)
}

func dateOf(year, month, day int) (Date, error) {
	if year < minYear || year > maxYear {
		return 0, fmt.Errorf("the year %d is outside %d–%d", year, minYear, maxYear)
	}
	if month < 1 || month > 12 {
		return 0, fmt.Errorf("there is no month %d: months run from 01 to 12", month)
	}
	if day < 1 || day > daysIn(year, month) {
		return 0, fmt.Errorf("%s %d has %d days, not %d", time.Month(month), year, daysIn(year, month), day)
	}
	return Date(daysFromCivil(year, month, day) - epoch), nil
}

// ParseDate reads a date written as YYYY-MM-DD, like 2027-01-31.
func ParseDate(s string) (Date, error) {
	text := s
	if len(text) == 0 {
		return 0, errors.New("enter a date as YYYY-MM-DD, like 2027-01-31")
	}
	if len(text) != 10 || text[4] != '-' || text[7] != '-' {
		return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, like 2027-01-31", text)
	}
	var parts [3]int
	for i, field := range [3]string{text[0:4], text[5:7], text[8:10]} {
		for _, r := range field {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, like 2027-01-31", text)
			}
		}
		parts[i], _ = strconv.Atoi(field) // digits only: cannot fail
	}
	d, err := dateOf(parts[0], parts[1], parts[2])
	if err != nil {
		return 0, fmt.Errorf("%q is not a date: %w", text, err)
	}
	return d, nil
}

// ReadDate reads a date as a person types it: ParseDate's YYYY-MM-DD, or
// with a one-digit month or day (2027-2-3), around spaces. What it cannot
// read gets ParseDate's sentence.
func ReadDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if parts := strings.Split(s, "-"); len(parts) == 3 && len(parts[0]) == 4 {
		for i := 1; i < 3; i++ {
			if len(parts[i]) == 1 {
				parts[i] = "0" + parts[i]
			}
		}
		s = strings.Join(parts, "-")
	}
	return ParseDate(s)
}

// IsZero reports whether d is the zero Date, "no date".
func (d Date) IsZero() bool { return d == 0 }

// Civil returns the year, month and day of d.
func (d Date) Civil() (year int, month time.Month, day int) {
	y, m, dd := civilFromDays(int(d) + epoch)
	return y, time.Month(m), dd
}

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	var buf [10]byte
	return string(d.AppendTo(buf[:0]))
}

// AppendTo appends d as String formats it: YYYY-MM-DD, nothing for the
// zero Date.
func (d Date) AppendTo(b []byte) []byte {
	if d == 0 {
		return b
	}
	y, m, dd := d.Civil()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+dd/10), byte('0'+dd%10))
}

// Year returns the calendar year of d.
func (d Date) Year() int {
	y, _, _ := d.Civil()
	return y
}

// AddDays returns the day n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns the same day n calendar months later, clamped to the end
// of a shorter month: Jan 31 + 1 month is Feb 28 (Feb 29 in a leap year),
// never Mar 3.
func (d Date) AddMonths(n int) Date {
	m, day := d.monthDay()
	return (m + Month(n)).day(day)
}

// monthDay returns the month d falls in and its day of that month.
func (d Date) monthDay() (Month, int) {
	y, m, day := d.Civil()
	return Month(y*12 + int(m) - 1), day
}

// DaysUntil returns the number of days from d to later (negative if later is
// earlier).
func (d Date) DaysUntil(later Date) int { return int(later - d) }

// Month returns the calendar month d falls in.
func (d Date) Month() Month {
	m, _ := d.monthDay()
	return m
}

// MarshalText writes d as YYYY-MM-DD (empty for the zero Date), so dates in
// stored JSON read as dates.
func (d Date) MarshalText() ([]byte, error) {
	return d.AppendTo(make([]byte, 0, 10)), nil
}

// UnmarshalText reads YYYY-MM-DD, or empty for the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	parsed, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Month is a calendar month, counted from year 0 so months compare and
// subtract.
type Month int32

// First returns the first day of m.
func (m Month) First() Date {
	return Date(daysFromCivil(int(m)/12, int(m)%12+1, 1) - epoch)
}

// day returns day d of m, clamped to the end of a shorter month.
func (m Month) day(d int) Date {
	y, mm := int(m)/12, int(m)%12+1
	return Date(daysFromCivil(y, mm, min(d, daysIn(y, mm))) - epoch)
}

// String formats m as YYYY-MM.
func (m Month) String() string {
	var b [7]byte
	return string(m.AppendTo(b[:0]))
}

// AppendTo appends m as String formats it: a report names some sixty
// months a scenario, without fmt.
func (m Month) AppendTo(b []byte) []byte {
	y, mm := int(m)/12, int(m)%12+1
	if m < 0 || y > 9999 {
		return fmt.Appendf(b, "%04d-%02d", y, mm)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-', byte('0'+mm/10), byte('0'+mm%10))
}

// Label formats m for people: "Jan 2027".
func (m Month) Label() string {
	y, mm := int(m)/12, int(m)%12+1
	return time.Month(mm).String()[:3] + " " + strconv.Itoa(y)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(year, month int) int {
	switch month {
	case 2:
		if isLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to the given proleptic
// Gregorian date. The algorithm is Howard Hinnant's "days_from_civil", which
// counts in 400-year eras starting on March 1 so leap days fall at the end of
// each year.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
