package planner

import (
	"strconv"
	"testing"
	"time"
)

func TestPovertyGuideline(t *testing.T) {
	tests := []struct {
		year      int
		state     string
		household int
		want      Money
	}{
		// 2026, 48 states and DC: $15,960 for one, $5,680 for each more.
		{2026, "OH", 1, Dollars(15_960)},  // 15,960
		{2026, "OH", 2, Dollars(21_640)},  // 15,960 + 5,680 = 21,640
		{2026, "OH", 3, Dollars(27_320)},  // 15,960 + 2×5,680 = 15,960 + 11,360 = 27,320
		{2026, "OH", 4, Dollars(33_000)},  // 15,960 + 3×5,680 = 15,960 + 17,040 = 33,000
		{2026, "OH", 5, Dollars(38_680)},  // 15,960 + 4×5,680 = 15,960 + 22,720 = 38,680
		{2026, "OH", 6, Dollars(44_360)},  // 15,960 + 5×5,680 = 15,960 + 28,400 = 44,360
		{2026, "OH", 7, Dollars(50_040)},  // 15,960 + 6×5,680 = 15,960 + 34,080 = 50,040
		{2026, "OH", 8, Dollars(55_720)},  // 15,960 + 7×5,680 = 15,960 + 39,760 = 55,720
		{2026, "DC", 9, Dollars(61_400)},  // 15,960 + 8×5,680 = 15,960 + 45,440 = 61,400
		{2026, "TX", 10, Dollars(67_080)}, // 15,960 + 9×5,680 = 15,960 + 51,120 = 67,080
		// 2026, Alaska: $19,950 for one, $7,100 for each more.
		{2026, "AK", 1, Dollars(19_950)},  // 19,950
		{2026, "AK", 2, Dollars(27_050)},  // 19,950 + 7,100 = 27,050
		{2026, "AK", 3, Dollars(34_150)},  // 19,950 + 2×7,100 = 19,950 + 14,200 = 34,150
		{2026, "AK", 4, Dollars(41_250)},  // 19,950 + 3×7,100 = 19,950 + 21,300 = 41,250
		{2026, "AK", 5, Dollars(48_350)},  // 19,950 + 4×7,100 = 19,950 + 28,400 = 48,350
		{2026, "AK", 6, Dollars(55_450)},  // 19,950 + 5×7,100 = 19,950 + 35,500 = 55,450
		{2026, "AK", 7, Dollars(62_550)},  // 19,950 + 6×7,100 = 19,950 + 42,600 = 62,550
		{2026, "AK", 8, Dollars(69_650)},  // 19,950 + 7×7,100 = 19,950 + 49,700 = 69,650
		{2026, "AK", 9, Dollars(76_750)},  // 19,950 + 8×7,100 = 19,950 + 56,800 = 76,750
		{2026, "AK", 10, Dollars(83_850)}, // 19,950 + 9×7,100 = 19,950 + 63,900 = 83,850
		// 2026, Hawaii: $18,360 for one, $6,530 for each more.
		{2026, "HI", 1, Dollars(18_360)},  // 18,360
		{2026, "HI", 2, Dollars(24_890)},  // 18,360 + 6,530 = 24,890
		{2026, "HI", 3, Dollars(31_420)},  // 18,360 + 2×6,530 = 18,360 + 13,060 = 31,420
		{2026, "HI", 4, Dollars(37_950)},  // 18,360 + 3×6,530 = 18,360 + 19,590 = 37,950
		{2026, "HI", 5, Dollars(44_480)},  // 18,360 + 4×6,530 = 18,360 + 26,120 = 44,480
		{2026, "HI", 6, Dollars(51_010)},  // 18,360 + 5×6,530 = 18,360 + 32,650 = 51,010
		{2026, "HI", 7, Dollars(57_540)},  // 18,360 + 6×6,530 = 18,360 + 39,180 = 57,540
		{2026, "HI", 8, Dollars(64_070)},  // 18,360 + 7×6,530 = 18,360 + 45,710 = 64,070
		{2026, "HI", 9, Dollars(70_600)},  // 18,360 + 8×6,530 = 18,360 + 52,240 = 70,600
		{2026, "HI", 10, Dollars(77_130)}, // 18,360 + 9×6,530 = 18,360 + 58,770 = 77,130
		// 2025, 48 states and DC: $15,650 for one, $5,500 for each more.
		{2025, "OH", 1, Dollars(15_650)},  // 15,650
		{2025, "OH", 2, Dollars(21_150)},  // 15,650 + 5,500 = 21,150
		{2025, "OH", 3, Dollars(26_650)},  // 15,650 + 2×5,500 = 15,650 + 11,000 = 26,650
		{2025, "OH", 4, Dollars(32_150)},  // 15,650 + 3×5,500 = 15,650 + 16,500 = 32,150
		{2025, "OH", 5, Dollars(37_650)},  // 15,650 + 4×5,500 = 15,650 + 22,000 = 37,650
		{2025, "OH", 6, Dollars(43_150)},  // 15,650 + 5×5,500 = 15,650 + 27,500 = 43,150
		{2025, "OH", 7, Dollars(48_650)},  // 15,650 + 6×5,500 = 15,650 + 33,000 = 48,650
		{2025, "OH", 8, Dollars(54_150)},  // 15,650 + 7×5,500 = 15,650 + 38,500 = 54,150
		{2025, "DC", 9, Dollars(59_650)},  // 15,650 + 8×5,500 = 15,650 + 44,000 = 59,650
		{2025, "WA", 10, Dollars(65_150)}, // 15,650 + 9×5,500 = 15,650 + 49,500 = 65,150
		// 2025, Alaska: $19,550 for one, $6,880 for each more.
		{2025, "AK", 1, Dollars(19_550)},  // 19,550
		{2025, "AK", 2, Dollars(26_430)},  // 19,550 + 6,880 = 26,430
		{2025, "AK", 3, Dollars(33_310)},  // 19,550 + 2×6,880 = 19,550 + 13,760 = 33,310
		{2025, "AK", 4, Dollars(40_190)},  // 19,550 + 3×6,880 = 19,550 + 20,640 = 40,190
		{2025, "AK", 5, Dollars(47_070)},  // 19,550 + 4×6,880 = 19,550 + 27,520 = 47,070
		{2025, "AK", 6, Dollars(53_950)},  // 19,550 + 5×6,880 = 19,550 + 34,400 = 53,950
		{2025, "AK", 7, Dollars(60_830)},  // 19,550 + 6×6,880 = 19,550 + 41,280 = 60,830
		{2025, "AK", 8, Dollars(67_710)},  // 19,550 + 7×6,880 = 19,550 + 48,160 = 67,710
		{2025, "AK", 9, Dollars(74_590)},  // 19,550 + 8×6,880 = 19,550 + 55,040 = 74,590
		{2025, "AK", 10, Dollars(81_470)}, // 19,550 + 9×6,880 = 19,550 + 61,920 = 81,470
		// 2025, Hawaii: $17,990 for one, $6,330 for each more.
		{2025, "HI", 1, Dollars(17_990)},  // 17,990
		{2025, "HI", 2, Dollars(24_320)},  // 17,990 + 6,330 = 24,320
		{2025, "HI", 3, Dollars(30_650)},  // 17,990 + 2×6,330 = 17,990 + 12,660 = 30,650
		{2025, "HI", 4, Dollars(36_980)},  // 17,990 + 3×6,330 = 17,990 + 18,990 = 36,980
		{2025, "HI", 5, Dollars(43_310)},  // 17,990 + 4×6,330 = 17,990 + 25,320 = 43,310
		{2025, "HI", 6, Dollars(49_640)},  // 17,990 + 5×6,330 = 17,990 + 31,650 = 49,640
		{2025, "HI", 7, Dollars(55_970)},  // 17,990 + 6×6,330 = 17,990 + 37,980 = 55,970
		{2025, "HI", 8, Dollars(62_300)},  // 17,990 + 7×6,330 = 17,990 + 44,310 = 62,300
		{2025, "HI", 9, Dollars(68_630)},  // 17,990 + 8×6,330 = 17,990 + 50,640 = 68,630
		{2025, "HI", 10, Dollars(74_960)}, // 17,990 + 9×6,330 = 17,990 + 56,970 = 74,960
	}
	for _, tt := range tests {
		got, table, err := PovertyGuideline(tt.year, tt.state, tt.household)
		if err != nil || got != tt.want {
			t.Errorf("%d %s household of %d: %s, %v; want %s", tt.year, tt.state, tt.household, got, err, tt.want)
			continue
		}
		if table.Year != tt.year || !contains(table.Source, "January "+strconv.Itoa(tt.year)) {
			t.Errorf("%d %s: from the table of %d, %q", tt.year, tt.state, table.Year, table.Source)
		}
	}
}

func TestPovertyGuidelineErrors(t *testing.T) {
	tests := []struct {
		year      int
		state     string
		household int
		want      string
	}{
		{2024, "OH", 3, "carecost has poverty guidelines for 2025 and 2026; it has none for 2024"},
		{2027, "OH", 3, "it has none for 2027"},
		{0, "OH", 3, "it has none for 0"},
		{2026, "OH", 0, "enter the household size"},
		{2026, "OH", -2, "at least 1"},
		{2026, "OH", 101, "a household of 101 people is more than carecost works with"},
		{2026, "XX", 3, `"XX" is not a US state code`},
		{2026, "", 3, "enter the state"},
		{2026, "Ohio", 3, `"Ohio" is not a US state code: use the two-letter postal code`},
		{2026, "PR", 3, "HHS publishes no poverty guidelines for Puerto Rico"},
		{2026, "gu", 3, "for Guam"},
	}
	for _, tt := range tests {
		got, _, err := PovertyGuideline(tt.year, tt.state, tt.household)
		if err == nil || !contains(err.Error(), tt.want) || got != 0 {
			t.Errorf("%d %q household of %d: %s, %v; want an error saying %q", tt.year, tt.state, tt.household, got, err, tt.want)
		}
	}
	// 100 people is the most carecost takes: 15,960 + 99×5,680 =
	// 15,960 + 562,320 = 578,280.
	if got, _, err := PovertyGuideline(2026, "OH", 100); err != nil || got != Dollars(578_280) {
		t.Errorf("household of 100: %s, %v; want $578,280.00", got, err)
	}
}

func TestRegionOf(t *testing.T) {
	tests := []struct {
		state string
		want  Region
		ok    bool
	}{
		{"AK", RegionAlaska, true},
		{"ak", RegionAlaska, true},
		{" HI ", RegionHawaii, true},
		{"hi", RegionHawaii, true},
		{"DC", RegionContiguous, true},
		{"oh", RegionContiguous, true},
		{"WY", RegionContiguous, true},
		{"ME", RegionContiguous, true},
		{"VI", 0, false},
		{"AS", 0, false},
		{"X", 0, false},
		{"OHIO", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := RegionOf(tt.state)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("RegionOf(%q) = %s, %v; want %s (ok %v)", tt.state, got, err, tt.want, tt.ok)
		}
	}
}

func TestStateNames(t *testing.T) {
	// 50 states and DC.
	if len(stateNames) != 51 {
		t.Errorf("%d state codes, want 51", len(stateNames))
	}
	for code, name := range stateNames {
		if len(code) != 2 || name == "" {
			t.Errorf("state %q: %q", code, name)
		}
		region, err := RegionOf(code)
		wantRegion := RegionContiguous
		switch code {
		case "AK":
			wantRegion = RegionAlaska
		case "HI":
			wantRegion = RegionHawaii
		}
		if err != nil || region != wantRegion {
			t.Errorf("%s is in %s, %v; want %s", code, region, err, wantRegion)
		}
	}
	if name, ok := StateName(" oh"); !ok || name != "Ohio" {
		t.Errorf("StateName(\" oh\") = %q, %v", name, ok)
	}
	if _, ok := StateName("PR"); ok {
		t.Error("Puerto Rico is not a state")
	}
}

func TestIncomePercent(t *testing.T) {
	tests := []struct {
		name      string
		income    Money
		guideline Money
		want      Rate
		whole     Rate
	}{
		// 41,000 / 27,320 = 1.50073206… → 150.0732% (4,100,000 × 1,000,000
		// / 2,732,000 = 1,500,732.06 → 1,500,732 millionths); shows 150%.
		{"demo household", Dollars(41_000), Dollars(27_320), 1_500_732, Percentage(150)},
		// 27,320 / 27,320 = 100% exactly.
		{"at the guideline", Dollars(27_320), Dollars(27_320), Percentage(100), Percentage(100)},
		// 54,640 / 27,320 = 2 = 200% exactly.
		{"twice the guideline", Dollars(54_640), Dollars(27_320), Percentage(200), Percentage(200)},
		// 13,660 / 27,320 = 0.5 = 50%.
		{"half the guideline", Dollars(13_660), Dollars(27_320), Percentage(50), Percentage(50)},
		// 1 cent × 1,000,000 / 2,000,000 cents = 0.5 millionths: a half,
		// rounded away from zero to 1 millionth (0.0001%), shown as 0%.
		{"a half rounds up", 1, 2_000_000, 1, 0},
		// 1 × 1,000,000 / 2,000,001 = 0.49999975 → 0.
		{"under a half rounds down", 1, 2_000_001, 0, 0},
		// 41,137.70 / 27,320 = 1.505772… → 150.5772%; shows 151% (half up
		// at the whole percent: 150.5772 → 151).
		{"shows rounded up", 4_113_770, Dollars(27_320), 1_505_772, Percentage(151)},
		{"no income", 0, Dollars(27_320), 0, 0},
		{"negative income counts as none", -Dollars(500), Dollars(27_320), 0, 0},
		{"no guideline", Dollars(41_000), 0, 0, 0},
	}
	for _, tt := range tests {
		got := IncomePercent(tt.income, tt.guideline)
		if got != tt.want || WholePercent(got) != tt.whole {
			t.Errorf("%s: %d millionths (%s, shown %s); want %d (%s, shown %s)", tt.name, got, got, WholePercent(got), tt.want, tt.want, tt.whole)
		}
	}
}

func TestWholePercent(t *testing.T) {
	tests := []struct{ in, want Rate }{
		{1_500_732, Percentage(150)}, // 150.0732% → 150%
		{1_505_000, Percentage(151)}, // 150.5% → 151%: the half goes up
		{1_504_999, Percentage(150)}, // 150.4999% → 150%
		{5_000, Percent},             // 0.5% → 1%
		{4_999, 0},                   // 0.4999% → 0%
		{Percentage(200), Percentage(200)},
	}
	for _, tt := range tests {
		if got := WholePercent(tt.in); got != tt.want {
			t.Errorf("WholePercent(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestIncomeWithin(t *testing.T) {
	guideline := Dollars(27_320) // 2026, 48 states, household of 3
	tests := []struct {
		name   string
		income Money
		limit  Rate
		want   bool
	}{
		// 200% × 27,320 = 54,640: exactly at the limit is within it.
		{"at 200%", Dollars(54_640), Percentage(200), true},
		{"a dollar over 200%", Dollars(54_641), Percentage(200), false},
		// 54,640.01 is 200.00004%, which a Rate rounds to 200%: the exact
		// comparison still says over.
		{"a cent over 200%", 5_464_001, Percentage(200), false},
		{"a cent under 200%", 5_463_999, Percentage(200), true},
		// 41,000 is 150.0732064…%: over a limit of 150.0732% (4,100,000 ×
		// 1,000,000 = 4,100,000,000,000 > 1,500,732 × 2,732,000 =
		// 4,099,999,824,000), so the rounded percentage must not decide.
		{"over its own rounded percentage", Dollars(41_000), 1_500_732, false},
		// 1,500,733 × 2,732,000 = 4,100,002,556,000 ≥ 4,100,000,000,000.
		{"under the next millionth", Dollars(41_000), 1_500_733, true},
		// 138% × 27,320 = 37,701.60.
		{"at 138%", 3_770_160, Percentage(138), true},
		{"a cent over 138%", 3_770_161, Percentage(138), false},
		{"no income", 0, Percentage(100), true},
		{"negative income", -Dollars(1_000), 0, true},
		{"a zero limit admits only no income", Dollars(1), 0, false},
		{"a negative limit admits nobody", 0, -Percent, false},
		// The largest amounts: 1,000,000,000 × 100% against 1000% of the
		// guideline is far over; the products need 128 bits when the limit
		// is huge.
		{"largest income", MaxMoney, 1000 * Percent, false},
		{"huge limit", MaxMoney, Rate(1) << 61, true},
	}
	for _, tt := range tests {
		if got := IncomeWithin(tt.income, guideline, tt.limit); got != tt.want {
			t.Errorf("%s: IncomeWithin(%s, %s, %s) = %v, want %v", tt.name, tt.income, guideline, tt.limit, got, tt.want)
		}
	}
	if IncomeWithin(Dollars(1), 0, Percentage(200)) {
		t.Error("a guideline of zero admitted an income")
	}
}

func TestGuidelineYears(t *testing.T) {
	if NewestGuidelineYear() != 2026 {
		t.Errorf("newest guideline year %d, want 2026", NewestGuidelineYear())
	}
	tests := []struct {
		today Date
		want  bool
	}{
		{NewDate(2026, time.January, 1), false},
		{NewDate(2026, time.December, 31), false},
		{NewDate(2027, time.January, 1), true},
		{NewDate(2025, time.June, 1), false},
		{0, false}, // no date: nothing to warn about
	}
	for _, tt := range tests {
		if got := GuidelinesOutOfDate(tt.today); got != tt.want {
			t.Errorf("GuidelinesOutOfDate(%s) = %v, want %v", tt.today, got, tt.want)
		}
	}
}

func TestPovertyTablesCiteTheirSource(t *testing.T) {
	tables := PovertyTables()
	if len(tables) != 6 {
		t.Fatalf("%d tables, want 6: three regions for 2025 and 2026", len(tables))
	}
	for _, table := range tables {
		rule := table.Rule()
		if rule.Year != table.Year || rule.Source != table.Source || !contains(table.Source, "HHS/ASPE poverty guidelines, Federal Register, January "+strconv.Itoa(table.Year)) {
			t.Errorf("table %d %s: rule %+v", table.Year, table.Region, rule)
		}
	}
	tables[0].FirstPerson = 0 // a copy: the next call is unchanged
	if PovertyTables()[0].FirstPerson != Dollars(15_650) {
		t.Error("PovertyTables handed out the package's own tables")
	}
	rule := tables[5].Rule()
	if rule.Name != "2026 HHS poverty guideline, Hawaii" || rule.Value != "$18,360 for one person, plus $6,530 for each additional person" {
		t.Errorf("Hawaii 2026 rule: %+v", rule)
	}
}
