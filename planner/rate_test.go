package planner

import (
	"strings"
	"testing"
)

func TestParseRateAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want Rate
	}{
		{"9.99", 99_900},             // 9 × 10,000 + 0.99 × 10,000 (9900)
		{"9.99%", 99_900},            // a percent sign is allowed
		{" 9.99 % ", 99_900},         // spaces around the number and the sign
		{"20 %", 200_000},            // 20 × 10,000
		{"0", 0},                     // zero
		{"0%", 0},                    // zero with a sign
		{"100", 1_000_000},           // 100 × 10,000
		{"100%", 1_000_000},          // the same with a sign
		{"100.0000", 1_000_000},      // trailing zeros are still 100%
		{"6.1255", 61_255},           // 6 × 10,000 + 1255: four places are exact
		{".5", 5_000},                // 0.5 × 10,000
		{"0.0001", 1},                // the smallest step: one millionth
		{"12.5%", 125_000},           // 12 × 10,000 + 5000
		{"007.5", 75_000},            // leading zeros: 7 × 10,000 + 5000
		{"0000000000000001", 10_000}, // many leading zeros: 1%
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if err != nil {
			t.Errorf("ParseRate(%q): unexpected error %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseRate(%q) = %d, want %d", tt.in, int64(got), int64(tt.want))
		}
	}
}

func TestParseRateRejects(t *testing.T) {
	tests := []struct {
		in   string
		want []string // every one must appear in the error
	}{
		{"-1", []string{`"-1"`, "is negative"}},                             // below 0%
		{"-0.5%", []string{"is negative"}},                                  // below 0%, with a sign
		{"100.0001", []string{`"100.0001"`, "more than 100%"}},              // 1,000,001 > 1,000,000
		{"101", []string{"more than 100%"}},                                 // 1,010,000 > 1,000,000
		{"1000", []string{`"1000"`, "more than 100%"}},                      // four whole digits
		{"1.23456", []string{`"1.23456"`, "more than four decimal places"}}, // five places
		{"abc", []string{`"abc"`, "is not a percentage"}},                   // letters
		{"+5", []string{"is not a percentage"}},                             // no plus sign
		{"1e2", []string{"is not a percentage"}},                            // no exponents
		{"5%%", []string{"is not a percentage"}},                            // one percent sign only
		{"%", []string{"is not a percentage"}},                              // a sign alone
		{".", []string{"is not a percentage"}},                              // a point alone
		{"1.2.3", []string{"is not a percentage"}},                          // two points
		{"9.", []string{"no digits after the decimal point"}},               // point with nothing after
		{"", []string{"enter a percentage"}},                                // nothing
		{"  ", []string{"enter a percentage"}},                              // only spaces
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if err == nil {
			t.Errorf("ParseRate(%q) = %s, want an error", tt.in, got)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseRate(%q) error %q, want it to contain %q", tt.in, err, w)
			}
		}
	}
}

func TestRateString(t *testing.T) {
	tests := []struct {
		r    Rate
		want string
	}{
		{200_000, "20%"},     // 200,000 / 10,000 = 20, no remainder
		{99_900, "9.99%"},    // 9 rem 9900 → ".9900" → ".99"
		{61_250, "6.125%"},   // 6 rem 1250 → ".1250" → ".125"
		{61_255, "6.1255%"},  // 6 rem 1255: all four places
		{0, "0%"},            // zero
		{5, "0.0005%"},       // 0 rem 5 → ".0005": leading zeros kept
		{1, "0.0001%"},       // the smallest step
		{100_010, "10.001%"}, // 10 rem 10 → ".0010" → ".001"
		{125_000, "12.5%"},   // 12 rem 5000 → ".5"
		{1_000_000, "100%"},  // 100, no remainder
		{Percent, "1%"},      // 10,000 is 1%
		{-50_000, "-5%"},     // negative rates keep their sign
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("Rate(%d).String() = %q, want %q", int64(tt.r), got, tt.want)
		}
	}
}

func TestRateRoundTrip(t *testing.T) {
	check := func(r Rate) {
		t.Helper()
		s := r.String()
		got, err := ParseRate(s)
		if err != nil {
			t.Fatalf("ParseRate(%q) (from %d): %v", s, int64(r), err)
		}
		if got != r {
			t.Fatalf("ParseRate(%q) = %d, want %d", s, int64(got), int64(r))
		}
	}
	// Every four-digit fraction (0.0000 … 0.9999) under a few whole percents:
	// the fraction is formatted the same whatever the whole part.
	for _, whole := range []Rate{0, 7, 10, 99} {
		for frac := Rate(0); frac < Percent; frac++ {
			check(whole*Percent + frac)
		}
	}
	// Every whole percent 0…100 with a few fractions, kept inside 100%.
	for whole := Rate(0); whole <= 100; whole++ {
		for _, frac := range []Rate{0, 1, 5, 10, 100, 1000, 5000, 9999} {
			if r := whole*Percent + frac; r <= OneHundredPercent {
				check(r)
			}
		}
	}
	// A spread over the whole range 0%…100%: the stride 13 is prime, so it
	// meets every last digit; about 77,000 rates.
	for r := Rate(0); r <= OneHundredPercent; r += 13 {
		check(r)
	}
	check(OneHundredPercent)
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{
		"9.99", "9.99%", "20 %", "0", "100", "6.1255", ".5", "100.0001", "1.23456",
		"-1", "abc", "", "1000", "%", "5%%", ".", "9.", " 9.99 % ", "0000000000000001",
		"99999999999999999999999", "1.2.3", "+5", "100.0000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseRate(%q): empty error message", s)
			}
			return
		}
		if r < 0 || r > OneHundredPercent {
			t.Fatalf("ParseRate(%q) = %d, outside 0%%–100%%", s, int64(r))
		}
		text := r.String()
		back, err := ParseRate(text)
		if err != nil {
			t.Fatalf("ParseRate(%q) = %d, but ParseRate(%q): %v", s, int64(r), text, err)
		}
		if back != r {
			t.Fatalf("ParseRate(%q) = %d, but ParseRate(%q) = %d", s, int64(r), text, int64(back))
		}
	})
}

func TestParseIncomePercent(t *testing.T) {
	for text, want := range map[string]Rate{"250": Percentage(250), "138%": Percentage(138), "1000": Percentage(1000), "99.5": 995_000} {
		if got, err := ParseIncomePercent(text); err != nil || got != want {
			t.Errorf("%q: %v, %v; want %v", text, got, err, want)
		}
	}
	for _, bad := range []string{"1000.01", "10000", "-5", "", "abc", "2502026"} {
		if _, err := ParseIncomePercent(bad); err == nil {
			t.Errorf("%q was taken", bad)
		}
	}
	// Rates that are not incomes still stop at 100%.
	if _, err := ParseRate("250"); err == nil || !strings.Contains(err.Error(), "more than 100%") {
		t.Errorf("ParseRate(250): %v", err)
	}
}
