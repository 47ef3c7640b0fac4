package planner

import (
	"math"
	"strings"
	"testing"
)

func TestParseMoneyAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"1200", 120_000},                        // 1200 dollars × 100 = 120,000¢
		{"1,200.50", 120_050},                    // 1200 × 100 + 50 = 120,050¢
		{"$1,200.50", 120_050},                   // same, with a dollar sign
		{"-$3.10", -310},                         // -(3 × 100 + 10)
		{"$-3.10", -310},                         // sign after the dollar sign
		{" 12.5 ", 1_250},                        // spaces trimmed; ".5" is 50¢: 1200 + 50
		{".5", 50},                               // no whole part: 5 tenths = 50¢
		{"$.05", 5},                              // 5 hundredths = 5¢
		{"0", 0},                                 // zero
		{"-0", 0},                                // minus zero is zero
		{"0.01", 1},                              // one cent
		{"007", 700},                             // leading zeros: 7 × 100
		{"1,234,567.89", 123_456_789},            // 1,234,567 × 100 + 89
		{"999,999,999.99", 99_999_999_999},       // one cent under the max
		{"$1,000,000,000", 100_000_000_000},      // the max: 10^9 × 100 = 10^11
		{"1000000000.00", 100_000_000_000},       // the max without commas
		{"-$1,000,000,000.00", -100_000_000_000}, // the negative max
		{"\t$5\n", 500},                          // other white space trimmed: 5 × 100
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err != nil {
			t.Errorf("ParseMoney(%q): unexpected error %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseMoney(%q) = %d¢, want %d¢", tt.in, int64(got), int64(tt.want))
		}
	}
	if MaxMoney != 100_000_000_000 { // $1,000,000,000 = 10^9 × 100¢
		t.Errorf("MaxMoney = %d¢, want 100,000,000,000¢", int64(MaxMoney))
	}
}

func TestParseMoneyRejects(t *testing.T) {
	tests := []struct {
		in   string
		want []string // every one must appear in the error
	}{
		{"12.345", []string{`"12.345"`, "more than two decimal places"}},         // three digits after the point
		{"12,00", []string{`"12,00"`, "misplaced comma"}},                        // group after the comma has 2 digits, not 3
		{"12,0000", []string{"misplaced comma"}},                                 // group after the comma has 4 digits
		{"1234,567", []string{"misplaced comma"}},                                // leading group has 4 digits
		{",123", []string{"misplaced comma"}},                                    // empty leading group
		{"1,", []string{"misplaced comma"}},                                      // empty trailing group
		{"1,2,3", []string{`"1,2,3"`, "misplaced comma"}},                        // one-digit groups
		{"12.", []string{`"12."`, "no digits after the decimal point"}},          // point with nothing after
		{"1.2,3", []string{"comma after the decimal point"}},                     // comma in the cents
		{"abc", []string{`"abc"`, "is not an amount"}},                           // letters
		{"1 200", []string{"is not an amount"}},                                  // inner space
		{"1.2.3", []string{"is not an amount"}},                                  // two points: "2.3" holds a '.'
		{"--3", []string{"is not an amount"}},                                    // two minus signs
		{"-$-3", []string{"is not an amount"}},                                   // minus on both sides of the $
		{"€5", []string{"is not an amount"}},                                     // not dollars
		{"1e3", []string{"is not an amount"}},                                    // no exponents
		{".", []string{"is not an amount"}},                                      // a point alone
		{"", []string{"enter an amount"}},                                        // nothing
		{"   ", []string{"enter an amount"}},                                     // only spaces
		{"$", []string{`"$"`, "is not an amount"}},                               // a dollar sign alone
		{"-", []string{"is not an amount"}},                                      // a minus alone
		{"$1,000,000,000.01", []string{"largest amount carecost accepts"}},       // one cent over 10^11¢
		{"-$1,000,000,000.01", []string{"largest amount"}},                       // one cent under -MaxMoney
		{"1000000001", []string{"largest amount", "$1,000,000,000.00"}},          // one dollar over, names the max
		{"9999999999", []string{"largest amount"}},                               // ten digits, still over
		{"123456789012345678901234567890", []string{"largest amount"}},           // 30 digits: over, without overflow
		{"0000000000000000000012.345", []string{"more than two decimal places"}}, // leading zeros don't mask the error
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err == nil {
			t.Errorf("ParseMoney(%q) = %s, want an error", tt.in, got)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseMoney(%q) error %q, want it to contain %q", tt.in, err, w)
			}
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{0, "$0.00"},                                  // 0 dollars, 0 cents
		{5, "$0.05"},                                  // 5¢: cents keep their leading zero
		{10, "$0.10"},                                 // 10¢
		{100, "$1.00"},                                // 100¢ = $1
		{99_999, "$999.99"},                           // no comma below $1,000
		{100_000, "$1,000.00"},                        // first comma at $1,000
		{120_050, "$1,200.50"},                        // 1200 dollars, 50 cents
		{-310, "-$3.10"},                              // minus before the dollar sign
		{-5, "-$0.05"},                                // negative cents
		{123_456_789, "$1,234,567.89"},                // 1,234,567 dollars, 89 cents
		{MaxMoney, "$1,000,000,000.00"},               // 10^11¢ = 10^9 dollars
		{-MaxMoney, "-$1,000,000,000.00"},             // the negative max
		{math.MaxInt64, "$92,233,720,368,547,758.07"}, // 9223372036854775807 = 92233720368547758 dollars + 07¢
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tt.m), got, tt.want)
		}
	}
}

func TestMoneyStringMinInt64(t *testing.T) {
	// |MinInt64| = 9223372036854775808¢ = 92233720368547758 dollars and 08¢;
	// negating it in int64 overflows, so this checks the magnitude is taken
	// in uint64 and nothing panics.
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Money(math.MinInt64).String() panicked: %v", r)
		}
	}()
	got := Money(math.MinInt64).String()
	if want := "-$92,233,720,368,547,758.08"; got != want {
		t.Errorf("Money(math.MinInt64).String() = %q, want %q", got, want)
	}
}

func TestMoneyRoundTrip(t *testing.T) {
	check := func(m Money) {
		t.Helper()
		s := m.String()
		got, err := ParseMoney(s)
		if err != nil {
			t.Errorf("ParseMoney(%q) (from %d¢): %v", s, int64(m), err)
			return
		}
		if got != m {
			t.Errorf("ParseMoney(%q) = %d¢, want %d¢", s, int64(got), int64(m))
		}
	}
	// Every amount from -$20.00 to $20.00.
	for m := Money(-2_000); m <= 2_000; m++ {
		check(m)
	}
	// Around every power of ten, where commas appear.
	for p := Money(1); p <= MaxMoney; p *= 10 {
		for _, m := range []Money{p - 1, p, p + 1, -p + 1, -p, -p - 1} {
			if m >= -MaxMoney && m <= MaxMoney {
				check(m)
			}
		}
	}
	// A spread across the whole accepted range: the stride 999,999,937 is
	// prime, so the cents take many values; about 200 amounts.
	for m := -MaxMoney; m <= MaxMoney; m += 999_999_937 {
		check(m)
	}
	check(MaxMoney)
	check(-MaxMoney)
}

func TestMoneyTimes(t *testing.T) {
	tests := []struct {
		m    Money
		r    Rate
		want Money
	}{
		{5, 500_000, 3},                           // $0.05 × 50% = 2.5¢ → 3¢ (half up)
		{-5, 500_000, -3},                         // -$0.05 × 50% = -2.5¢ → -3¢ (half away from zero)
		{3, 500_000, 2},                           // $0.03 × 50% = 1.5¢ → 2¢
		{-3, 500_000, -2},                         // -1.5¢ → -2¢
		{1, 500_000, 1},                           // $0.01 × 50% = 0.5¢ → 1¢
		{1, 499_999, 0},                           // $0.01 × 49.9999% = 0.499999¢ → 0¢
		{1_001, 200_000, 200},                     // $10.01 × 20% = 200.2¢ → $2.00
		{12_345, 99_900, 1_233},                   // $123.45 × 9.99%: 12345 × 99900 = 1,233,265,500 / 10^6 = 1233.2655¢ → $12.33
		{100_000, 61_255, 6_126},                  // $1,000 × 6.1255% = 100000 × 61255 / 10^6 = 6125.5¢ → $61.26
		{777, 333_333, 259},                       // $7.77 × 33.3333%: 777 × 333333 = 258,999,741 / 10^6 = 258.999741¢ → $2.59
		{99, 0, 0},                                // × 0% is nothing
		{120_050, OneHundredPercent, 120_050},     // × 100% is unchanged
		{MaxMoney, OneHundredPercent, MaxMoney},   // $1,000,000,000 × 100%: 10^11 × 10^6 / 10^6, exact
		{MaxMoney, 1, 100_000},                    // $1,000,000,000 × 0.0001% = 10^11 / 10^6 = 10^5¢ = $1,000.00
		{-MaxMoney, OneHundredPercent, -MaxMoney}, // the negative max, exact
		{MaxMoney, 200_000, 20_000_000_000},       // $1,000,000,000 × 20% = $200,000,000 = 2 × 10^10¢
	}
	for _, tt := range tests {
		if got := tt.m.Times(tt.r); got != tt.want {
			t.Errorf("%s × %s = %d¢, want %d¢", tt.m, tt.r, int64(got), int64(tt.want))
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{
		"1200", "1,200.50", "$1,200.50", "-$3.10", "$-3.10", " 12.5 ", ".5", "0",
		"$1,000,000,000", "$1,000,000,000.01", "-$1,000,000,000", "12.345", "12,00",
		"12.", "abc", "", "$", "-", "1,2,3", "--3", "-$-3", "1.2.3", "1.2,3",
		"123456789012345678901234567890", "0000000000000000000001", "9999999999",
		"€5", "\t$5\n", "$.05", ",", ".", "-.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseMoney(%q): empty error message", s)
			}
			return
		}
		if m > MaxMoney || m < -MaxMoney {
			t.Fatalf("ParseMoney(%q) = %d¢, outside ±MaxMoney", s, int64(m))
		}
		text := m.String()
		back, err := ParseMoney(text)
		if err != nil {
			t.Fatalf("ParseMoney(%q) = %d¢, but ParseMoney(%q): %v", s, int64(m), text, err)
		}
		if back != m {
			t.Fatalf("ParseMoney(%q) = %d¢, but ParseMoney(%q) = %d¢", s, int64(m), text, int64(back))
		}
	})
}

func TestRoundHalfUp(t *testing.T) {
	const maxInt, minInt = math.MaxInt64, math.MinInt64
	tests := []struct {
		x, num, den int64
		want        int64
	}{
		// Small cases, worked by hand.
		{0, 123, 7, 0},             // 0 × anything = 0
		{5, 0, 7, 0},               // × 0 = 0
		{10, 3, 1, 30},             // 10 × 3 / 1, exact
		{12, 1, 4, 3},              // 12 / 4 = 3, exact
		{9, 1, 4, 2},               // 2.25 → 2
		{10, 1, 4, 3},              // 2.5 → 3 (half up)
		{11, 1, 4, 3},              // 2.75 → 3
		{5, 1, 2, 3},               // 2.5 → 3
		{7, 1, 2, 4},               // 3.5 → 4 (not to even)
		{1, 1, 2, 1},               // 0.5 → 1
		{1, 1, 3, 0},               // 0.333… → 0
		{2, 1, 3, 1},               // 0.666… → 1
		{-2, 1, 3, -1},             // -0.666… → -1
		{-1, 1, 3, 0},              // -0.333… → 0
		{-5, 1, 2, -3},             // -2.5 → -3 (away from zero)
		{5, -1, 2, -3},             // the sign may come from num: -2.5 → -3
		{-5, -1, 2, 3},             // two negatives: +2.5 → 3
		{-7, 1, 2, -4},             // -3.5 → -4
		{1, 1, maxInt, 0},          // a tiny fraction → 0
		{1, 1 << 61, 1 << 62, 1},   // 2^61 / 2^62 = 0.5 → 1
		{1, 1<<61 - 1, 1 << 62, 0}, // just under a half → 0

		// 128-bit products.
		{int64(MaxMoney) * 1000, 1_000_000, 1_000_000, int64(MaxMoney) * 1000},   // 10^14 × 10^6 = 10^20 > 2^64 ≈ 1.8 × 10^19, exact back to 10^14
		{-int64(MaxMoney) * 1000, 1_000_000, 1_000_000, -int64(MaxMoney) * 1000}, // the same, negative
		{3_000_000_000_000_000_001, 10, 20, 1_500_000_000_000_000_001},           // (3×10^18 + 1) × 10 = 3×10^19 + 10 > 2^64; / 20 = 1.5×10^18 + 0.5 → up
		{-3_000_000_000_000_000_001, 10, 20, -1_500_000_000_000_000_001},         // the negative half → away from zero
		{maxInt, maxInt, maxInt, maxInt},                                         // (2^63-1)^2 ≈ 2^126, divided back exactly
		{minInt + 1, maxInt, maxInt, minInt + 1},                                 // -(2^63-1), exactly
		{maxInt, 2, 2, maxInt},                                                   // 2^64 - 2 fits in 64 bits unsigned; / 2 = 2^63 - 1
		{maxInt, 1, 2, 1 << 62},                                                  // (2^63 - 1) / 2 = 2^62 - 0.5 → 2^62

		// Saturation: quotients outside int64 stop at the limits, no panic.
		{maxInt, maxInt, 1, maxInt},                   // ≈ 2^126 / 1: high word ≥ den
		{maxInt, maxInt, 2, maxInt},                   // ≈ 2^125
		{-maxInt, maxInt, 1, minInt},                  // ≈ -2^126
		{maxInt, -maxInt, 2, minInt},                  // ≈ -2^125
		{minInt, minInt, 1, maxInt},                   // 2^63 × 2^63 = 2^126, positive
		{minInt, 2, 1, minInt},                        // -2^64: high word 1 ≥ den 1
		{maxInt, 3, 2, maxInt},                        // 1.5 × (2^63 - 1) ≈ 1.38×10^19: fits uint64, not int64
		{1 << 62, 4, 1, maxInt},                       // 2^64 exactly: high word 1 ≥ den 1
		{int64(MaxMoney), int64(MaxMoney), 1, maxInt}, // 10^22 > 9.2×10^18
		// 253921 × 145295143558111 = 2^65 − 1; / 2 = 2^64 − 0.5, which rounds
		// to 2^64: the increment must saturate, not wrap to 0.
		{253921, 145295143558111, 2, maxInt},
		{-253921, 145295143558111, 2, minInt},
		// Exact results of -2^63 are representable.
		{minInt, 1, 1, minInt},
		{minInt, 3, 3, minInt},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("roundHalfUp(%d, %d, %d) panicked: %v", tt.x, tt.num, tt.den, r)
				}
			}()
			if got := roundHalfUp(tt.x, tt.num, tt.den); got != tt.want {
				t.Errorf("roundHalfUp(%d, %d, %d) = %d, want %d", tt.x, tt.num, tt.den, got, tt.want)
			}
		}()
	}
}

func TestRoundHalfUpMatchesSmallArithmetic(t *testing.T) {
	// For small values the rule can be computed directly in int64:
	// |x·num| / den rounded half up is (2·|x·num| + den) / (2·den).
	for x := int64(-60); x <= 60; x++ {
		for num := int64(-12); num <= 12; num++ {
			for den := int64(1); den <= 12; den++ {
				p := x * num
				neg := p < 0
				if neg {
					p = -p
				}
				want := (2*p + den) / (2 * den)
				if neg {
					want = -want
				}
				if got := roundHalfUp(x, num, den); got != want {
					t.Fatalf("roundHalfUp(%d, %d, %d) = %d, want %d", x, num, den, got, want)
				}
			}
		}
	}
}

func TestMulDivUp(t *testing.T) {
	const maxInt = math.MaxInt64
	tests := []struct {
		x, num, den int64
		want        int64
	}{
		{0, 5, 7, 0},                           // 0 stays 0
		{9, 1, 3, 3},                           // 3 exactly: no rounding
		{10, 1, 3, 4},                          // 3.33… → 4
		{11, 1, 3, 4},                          // 3.66… → 4
		{1, 1, 1_000_000, 1},                   // 0.000001 → 1: any remainder rounds up
		{1, 1, maxInt, 1},                      // a tiny fraction still rounds up
		{100_000, 999_999, 1_000_000, 100_000}, // 99,999.9 → 100,000
		{1_000_000, 1_000_000, 950_000, 1_052_632},   // $10,000 net of a 5% fee: 10^12 / 950,000 = 1,052,631.58 → 1,052,632¢
		{1_000_000, 1_000_000, 1_000_000, 1_000_000}, // exact

		// 128-bit products.
		{int64(MaxMoney) * 1000, 1_000_000, 1_000_000, int64(MaxMoney) * 1000}, // 10^20 > 2^64, exact back to 10^14
		{int64(MaxMoney)*1000 + 1, 1_000_000, 30, 3_333_333_333_333_366_667},   // (10^14 + 1) × 10^6 = 10^20 + 10^6; / 30 = 3,333,333,333,333,366,666.67 → …667
		{maxInt, maxInt, maxInt, maxInt},                                       // ≈ 2^126 divided back exactly
		{maxInt, 2, 3, 6_148_914_691_236_517_205},                              // 2^64 - 2 = 18,446,744,073,709,551,614; / 3 = 6,148,914,691,236,517,204.67 → …205

		// Saturation at MaxInt64, no panic.
		{maxInt, maxInt, 1, maxInt},          // ≈ 2^126
		{maxInt, 3, 2, maxInt},               // 1.5 × (2^63 - 1): fits uint64, not int64
		{1 << 62, 4, 1, maxInt},              // 2^64: high word 1 ≥ den 1
		{253921, 145295143558111, 2, maxInt}, // 2^64 − 0.5 rounds up to 2^64: saturates
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("mulDivUp(%d, %d, %d) panicked: %v", tt.x, tt.num, tt.den, r)
				}
			}()
			if got := mulDivUp(tt.x, tt.num, tt.den); got != tt.want {
				t.Errorf("mulDivUp(%d, %d, %d) = %d, want %d", tt.x, tt.num, tt.den, got, tt.want)
			}
		}()
	}
}

func TestGroupedCounts(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1_000: "1,000", 100_000: "100,000", 1_234_567: "1,234,567", -1_234: "-1,234"} {
		if got := Grouped(n); got != want {
			t.Errorf("Grouped(%d) = %q, want %q", n, got, want)
		}
	}
}
