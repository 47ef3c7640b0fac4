package planner

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseDateAccepts(t *testing.T) {
	tests := []struct {
		in      string
		y       int
		m       time.Month
		d       int
		counted Date // days since 1899-12-31, worked by hand where given
	}{
		{"2027-01-31", 2027, time.January, 31, 0},
		{"1900-01-01", 1900, time.January, 1, 1},         // the first accepted day is day 1
		{"1970-01-01", 1970, time.January, 1, 25_568},    // 1 + 70 years × 365 + 17 leap days (1904…1968) = 25,568
		{"2999-12-31", 2999, time.December, 31, 401_767}, // 1100 years × 365 + 267 leap days = 401,767 (see below)
		{"2028-02-29", 2028, time.February, 29, 0},       // 2028 is a leap year
		{"2000-02-29", 2000, time.February, 29, 0},       // 2000 is divisible by 400: leap
	}
	// Leap years 1900–2999: multiples of 4 from 1904 to 2996 are
	// (2996 − 1904) / 4 + 1 = 274; less 2100, 2200, 2300, 2500, 2600, 2700
	// and 2900 (centuries not divisible by 400) = 267. 1900 is not leap.
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): unexpected error %v", tt.in, err)
			continue
		}
		y, m, d := got.Civil()
		if y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("ParseDate(%q).Civil() = %d-%d-%d, want %d-%d-%d", tt.in, y, m, d, tt.y, tt.m, tt.d)
		}
		if tt.counted != 0 && got != tt.counted {
			t.Errorf("ParseDate(%q) = day %d, want day %d", tt.in, int32(got), int32(tt.counted))
		}
		if s := got.String(); s != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, s)
		}
		if n := NewDate(tt.y, tt.m, tt.d); n != got {
			t.Errorf("NewDate(%d, %s, %d) = %d, ParseDate(%q) = %d", tt.y, tt.m, tt.d, int32(n), tt.in, int32(got))
		}
		if got.IsZero() {
			t.Errorf("ParseDate(%q).IsZero() = true", tt.in)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct {
		in   string
		want []string // every one must appear in the error
	}{
		{"2027-02-30", []string{`"2027-02-30"`, "February 2027 has 28 days, not 30"}}, // 2027 is not leap
		{"2028-02-30", []string{"February 2028 has 29 days, not 30"}},                 // 2028 is leap: still no 30th
		{"2100-02-29", []string{"February 2100 has 28 days, not 29"}},                 // 2100: century not divisible by 400
		{"2027-04-31", []string{"April 2027 has 30 days, not 31"}},                    // April has 30
		{"2027-01-00", []string{"January 2027 has 31 days, not 0"}},                   // no day 0
		{"2027-13-01", []string{`"2027-13-01"`, "there is no month 13"}},              // months run 01–12
		{"2027-00-01", []string{"there is no month 0"}},                               // no month 0
		{"1899-12-31", []string{"the year 1899 is outside 1900–2999"}},                // one day before the range
		{"3000-01-01", []string{"the year 3000 is outside 1900–2999"}},                // one day after it
		{"27-01-01", []string{`"27-01-01"`, "write it as YYYY-MM-DD"}},                // two-digit year
		{"2027/01/01", []string{`"2027/01/01"`, "write it as YYYY-MM-DD"}},            // slashes
		{"2027-1-1", []string{"write it as YYYY-MM-DD"}},                              // no zero padding
		{"2027-01-1a", []string{"write it as YYYY-MM-DD"}},                            // a letter
		{"+027-01-01", []string{"write it as YYYY-MM-DD"}},                            // a sign in the year
		{"2027-+1-01", []string{"write it as YYYY-MM-DD"}},                            // a sign in the month
		{" 2027-01-31", []string{"write it as YYYY-MM-DD"}},                           // 11 bytes
		{"", []string{"enter a date as YYYY-MM-DD"}},                                  // nothing
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %s, want an error", tt.in, got)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseDate(%q) error %q, want it to contain %q", tt.in, err, w)
			}
		}
	}
}

func TestNewDatePanicsOnMissingDay(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewDate(2027, February, 30) did not panic")
		}
	}()
	NewDate(2027, time.February, 30)
}

func TestDateAddMonths(t *testing.T) {
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{NewDate(2026, 1, 31), 1, NewDate(2026, 2, 28)},    // Feb 2026 has 28 days: 31 clamps to 28
		{NewDate(2028, 1, 31), 1, NewDate(2028, 2, 29)},    // 2028 is leap: clamps to 29
		{NewDate(2026, 3, 31), -1, NewDate(2026, 2, 28)},   // back into February
		{NewDate(2026, 10, 31), 4, NewDate(2027, 2, 28)},   // Oct + 4 = Feb of the next year, clamped
		{NewDate(2026, 12, 15), 1, NewDate(2027, 1, 15)},   // Dec + 1 = Jan of the next year
		{NewDate(2024, 2, 29), 12, NewDate(2025, 2, 28)},   // a leap day a year on: 2025 is not leap
		{NewDate(2024, 2, 29), 48, NewDate(2028, 2, 29)},   // four years on: 2028 is leap
		{NewDate(2026, 5, 31), 1, NewDate(2026, 6, 30)},    // June has 30
		{NewDate(2026, 1, 15), -1, NewDate(2025, 12, 15)},  // back across a year end
		{NewDate(2026, 1, 31), -13, NewDate(2024, 12, 31)}, // 13 months back: Dec 2024 has 31
		{NewDate(2026, 8, 31), 0, NewDate(2026, 8, 31)},    // +0 is unchanged
		{NewDate(2026, 2, 28), 1, NewDate(2026, 3, 28)},    // no clamping needed: day 28 stays 28
	}
	for _, tt := range tests {
		if got := tt.from.AddMonths(tt.n); got != tt.want {
			t.Errorf("%s.AddMonths(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestDateAddDays(t *testing.T) {
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{NewDate(2026, 12, 31), 1, NewDate(2027, 1, 1)},   // across a year end
		{NewDate(2027, 1, 1), -1, NewDate(2026, 12, 31)},  // back across it
		{NewDate(2026, 12, 25), 10, NewDate(2027, 1, 4)},  // Dec 25 + 6 = Dec 31, + 4 more = Jan 4
		{NewDate(2027, 1, 4), -10, NewDate(2026, 12, 25)}, // the reverse
		{NewDate(2028, 2, 28), 1, NewDate(2028, 2, 29)},   // 2028 is leap
		{NewDate(2027, 2, 28), 1, NewDate(2027, 3, 1)},    // 2027 is not
		{NewDate(2100, 2, 28), 1, NewDate(2100, 3, 1)},    // 2100 is not (century)
		{NewDate(2000, 2, 28), 1, NewDate(2000, 2, 29)},   // 2000 is (divisible by 400)
		{NewDate(2026, 1, 1), 365, NewDate(2027, 1, 1)},   // 2026 has 365 days
		{NewDate(2028, 1, 1), 365, NewDate(2028, 12, 31)}, // 2028 has 366: one day short
		{NewDate(2026, 6, 1), 0, NewDate(2026, 6, 1)},     // + 0 unchanged
	}
	for _, tt := range tests {
		if got := tt.from.AddDays(tt.n); got != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestDateDaysUntil(t *testing.T) {
	tests := []struct {
		from, to Date
		want     int
	}{
		{NewDate(2026, 1, 1), NewDate(2027, 1, 1), 365},    // 2026 is not leap
		{NewDate(2028, 1, 1), NewDate(2029, 1, 1), 366},    // 2028 is leap
		{NewDate(2027, 1, 1), NewDate(2026, 1, 1), -365},   // earlier: negative
		{NewDate(2027, 1, 31), NewDate(2027, 3, 1), 29},    // 31 Jan → 28 Feb is 28 days, +1 to 1 Mar
		{NewDate(2027, 5, 5), NewDate(2027, 5, 5), 0},      // the same day
		{NewDate(1900, 1, 1), NewDate(2000, 1, 1), 36_524}, // 100 × 365 + 24 leap days (1904…1996; 1900 not leap)
	}
	for _, tt := range tests {
		if got := tt.from.DaysUntil(tt.to); got != tt.want {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestDateMonth(t *testing.T) {
	tests := []struct {
		d          Date
		want       Month
		str, label string
		first      Date
	}{
		{NewDate(2027, 1, 31), 24_324, "2027-01", "Jan 2027", NewDate(2027, 1, 1)},   // 2027 × 12 + 0 = 24,324
		{NewDate(2026, 12, 1), 24_323, "2026-12", "Dec 2026", NewDate(2026, 12, 1)},  // 2026 × 12 + 11 = 24,323: one before
		{NewDate(2028, 2, 29), 24_337, "2028-02", "Feb 2028", NewDate(2028, 2, 1)},   // 2028 × 12 + 1 = 24,337
		{NewDate(1900, 1, 1), 22_800, "1900-01", "Jan 1900", NewDate(1900, 1, 1)},    // 1900 × 12 = 22,800
		{NewDate(2999, 12, 31), 35_999, "2999-12", "Dec 2999", NewDate(2999, 12, 1)}, // 2999 × 12 + 11 = 35,999
	}
	for _, tt := range tests {
		m := tt.d.Month()
		if m != tt.want {
			t.Errorf("%s.Month() = %d, want %d", tt.d, int32(m), int32(tt.want))
		}
		if s := m.String(); s != tt.str {
			t.Errorf("%s.Month().String() = %q, want %q", tt.d, s, tt.str)
		}
		if l := m.Label(); l != tt.label {
			t.Errorf("%s.Month().Label() = %q, want %q", tt.d, l, tt.label)
		}
		if f := m.First(); f != tt.first {
			t.Errorf("%s.Month().First() = %s, want %s", tt.d, f, tt.first)
		}
	}
	// Every month from before year 0 to past 9999 is as fmt writes it.
	for m := Month(-30); m < 10_001*12; m++ {
		if s, want := m.String(), fmt.Sprintf("%04d-%02d", int(m)/12, int(m)%12+1); s != want {
			t.Fatalf("Month(%d).String() = %q, want %q", int32(m), s, want)
		}
	}
}

func TestDateOf(t *testing.T) {
	tests := []struct {
		tm   time.Time
		want Date
	}{
		{time.Date(2027, time.January, 31, 0, 0, 0, 0, time.UTC), NewDate(2027, 1, 31)},
		{time.Date(2027, time.January, 31, 23, 59, 59, 999_999_999, time.UTC), NewDate(2027, 1, 31)}, // the time of day is dropped
		// 23:00 at UTC−5 is already 04:00 on Feb 1 in UTC; DateOf uses t's own zone.
		{time.Date(2027, time.January, 31, 23, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), NewDate(2027, 1, 31)},
		// 00:30 at UTC+9 is still Jan 31 in UTC; in its own zone it is Feb 1.
		{time.Date(2027, time.February, 1, 0, 30, 0, 0, time.FixedZone("UTC+9", 9*3600)), NewDate(2027, 2, 1)},
		{time.Date(2027, time.February, 29, 0, 0, 0, 0, time.UTC), NewDate(2027, 3, 1)}, // time.Date normalizes Feb 29, 2027 to Mar 1
		{time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC), 1},                     // day 1
	}
	for _, tt := range tests {
		if got := DateOf(tt.tm); got != tt.want {
			t.Errorf("DateOf(%s) = %s, want %s", tt.tm, got, tt.want)
		}
	}
}

func TestDateZero(t *testing.T) {
	var d Date
	if !d.IsZero() {
		t.Error("Date(0).IsZero() = false")
	}
	if s := d.String(); s != "" {
		t.Errorf("Date(0).String() = %q, want \"\"", s)
	}
}

func TestDateText(t *testing.T) {
	for _, d := range []Date{0, 1, NewDate(2027, 1, 31), NewDate(2028, 2, 29), NewDate(2999, 12, 31)} {
		b, err := d.MarshalText()
		if err != nil {
			t.Fatalf("Date(%d).MarshalText(): %v", int32(d), err)
		}
		if string(b) != d.String() {
			t.Errorf("Date(%d).MarshalText() = %q, want %q", int32(d), b, d.String())
		}
		back := Date(12345) // not zero, so unmarshalling "" must reset it
		if err := back.UnmarshalText(b); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", b, err)
		}
		if back != d {
			t.Errorf("UnmarshalText(%q) = %d, want %d", b, int32(back), int32(d))
		}
	}
	if b, _ := Date(0).MarshalText(); len(b) != 0 {
		t.Errorf("Date(0).MarshalText() = %q, want empty", b)
	}
	if b, _ := NewDate(2027, 1, 31).MarshalText(); string(b) != "2027-01-31" {
		t.Errorf("MarshalText = %q, want \"2027-01-31\"", b)
	}

	before := NewDate(2027, 1, 31)
	d := before
	err := d.UnmarshalText([]byte("2027-02-30"))
	if err == nil {
		t.Fatal("UnmarshalText(\"2027-02-30\") succeeded")
	}
	if !strings.Contains(err.Error(), "February 2027 has 28 days") {
		t.Errorf("UnmarshalText(\"2027-02-30\") error %q", err)
	}
	if d != before {
		t.Errorf("failed UnmarshalText changed the date to %s", d)
	}
	if err := d.UnmarshalText([]byte("not a date")); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("UnmarshalText(\"not a date\") error %v, want one naming YYYY-MM-DD", err)
	}
}

// TestDateCivilMatchesTime walks every day from 1900-01-01 to 2999-12-31 and
// checks Civil, NewDate, DateOf and String against the time package.
func TestDateCivilMatchesTime(t *testing.T) {
	last := NewDate(2999, 12, 31)
	if last != 401_767 { // see TestParseDateAccepts: 1100 × 365 + 267
		t.Fatalf("NewDate(2999, 12, 31) = %d, want 401767", int32(last))
	}
	tm := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	prevMonth := Date(1).Month() - 1
	for d := Date(1); d <= last; d++ {
		ty, tmon, tday := tm.Date()
		y, m, day := d.Civil()
		if y != ty || m != tmon || day != tday {
			t.Fatalf("Date(%d).Civil() = %d-%02d-%02d, time says %s", int32(d), y, m, day, tm.Format(time.DateOnly))
		}
		if n := NewDate(y, m, day); n != d {
			t.Fatalf("NewDate(%d, %d, %d) = %d, want %d", y, m, day, int32(n), int32(d))
		}
		if want := time.Date(ty, tmon, tday, 0, 0, 0, 0, time.UTC); !want.Equal(tm) {
			t.Fatalf("time.Date(%d, %d, %d) = %s, walked to %s", ty, tmon, tday, want, tm)
		}
		if day == 1 {
			// Each month starts exactly once, one after the last.
			if mo := d.Month(); mo != prevMonth+1 || mo.First() != d {
				t.Fatalf("%s: Month() = %d, First() = %s; previous month %d", tm.Format(time.DateOnly), int32(mo), mo.First(), int32(prevMonth))
			}
			prevMonth++
			if s, want := d.String(), tm.Format(time.DateOnly); s != want {
				t.Fatalf("Date(%d).String() = %q, want %q", int32(d), s, want)
			}
			if got := DateOf(tm); got != d {
				t.Fatalf("DateOf(%s) = %d, want %d", tm, int32(got), int32(d))
			}
		}
		tm = tm.AddDate(0, 0, 1)
	}
	if ty, tmon, tday := tm.Date(); ty != 3000 || tmon != time.January || tday != 1 {
		t.Fatalf("walk ended at %s, want 3000-01-01", tm.Format(time.DateOnly))
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2027-01-31", "2028-02-29", "2027-02-29", "2027-02-30", "2027-13-01", "2027-00-10",
		"1900-01-01", "2999-12-31", "1899-12-31", "3000-01-01", "27-01-01", "2027/01/01",
		"", "2027-1-1", "+027-01-01", "2027-+1-01", "0000-00-00", "9999-99-99", "２０２７-01-31",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseDate(%q): empty error message", s)
			}
			return
		}
		if d < 1 || d > 401_767 { // 1900-01-01 … 2999-12-31
			t.Fatalf("ParseDate(%q) = day %d, outside 1900–2999", s, int32(d))
		}
		// The format is fixed-width and zero-padded, so the text read is
		// exactly the text written.
		text := d.String()
		if text != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, text)
		}
		back, err := ParseDate(text)
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %d, but ParseDate(%q) = %d, %v", s, int32(d), text, int32(back), err)
		}
	})
}

func TestReadDateTakesWhatPeopleType(t *testing.T) {
	// 2027-2-3 is February 3rd, as is " 2027-02-03 "; what ParseDate
	// refuses otherwise stays refused, with its sentence.
	for _, in := range []string{"2027-2-3", " 2027-02-03 ", "2027-02-3", "2027-2-03"} {
		if d, err := ReadDate(in); err != nil || d != NewDate(2027, time.February, 3) {
			t.Errorf("ReadDate(%q) = %s, %v", in, d, err)
		}
	}
	for _, in := range []string{"2027-2-30", "27-2-3", "2027/2/3", "2027--3", ""} {
		if _, err := ReadDate(in); err == nil {
			t.Errorf("ReadDate(%q) took it", in)
		}
	}
}
