package document

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"carecost/planner"
)

func TestAmountsAsSpreadsheetsReadThem(t *testing.T) {
	for cents, want := range map[planner.Money]string{0: "0.00", 5: "0.05", -5: "-0.05", 288000: "2880.00", 123456789: "1234567.89", -100: "-1.00"} {
		if got := amount(cents); got != want {
			t.Errorf("%d cents: %q, want %q", cents, got, want)
		}
	}
}

// The comparison CSV starts with the byte-order mark, quotes a name
// holding a comma and quotes, and carries every scenario's figures.
func TestComparisonCSV(t *testing.T) {
	f := demo()
	f.Scenarios[0].Name = `Plan "A", in network`
	data := ComparisonCSV(&f)
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatal("no byte-order mark")
	}
	if !bytes.Contains(data, []byte(`"Plan ""A"", in network"`)) {
		t.Errorf("the name is not quoted:\n%s", data)
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	_, c := f.Compare()
	if len(rows) != len(c.Entries)+1 || rows[1][1] != `Plan "A", in network` {
		t.Fatalf("%d rows: %q", len(rows), rows[1])
	}
	// Net total is column 12, after other costs; the demo's in-network plan nets $2,880.00
	// and the grant $5,186.00 (as the text report says).
	nets := map[string]string{}
	for _, r := range rows[1:] {
		nets[r[1]] = r[11]
	}
	if nets[`Plan "A", in network`] != "2880.00" || nets["Ketamine with a grant"] != "5186.00" {
		t.Errorf("net totals %v", nets)
	}
	if !strings.HasSuffix(string(data), "\r\n") {
		t.Error("lines do not end in CRLF")
	}
}

// The schedule CSV is the chosen scenario's months, each way to pay in a
// column, and its charges add up to the scenario's care cost less what
// the plan paid the provider.
func TestScheduleCSV(t *testing.T) {
	f := demo()
	data := ScheduleCSV(&f)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	_, c := f.Compare()
	best, _ := c.BestNow()
	r := c.Entries[best].Result
	if len(rows) != len(r.Months)+1 || rows[1][0] != r.Name || rows[0][len(rows[0])-1] != "Over budget" {
		t.Fatalf("rows %q", rows[:2])
	}
	// The grant scenario is self-pay at the cash price: in December 2026
	// the $350.00 evaluation and the six induction infusions twice a week
	// from 2026-12-07 at $550.00 (6 × $550.00 + $350.00 = $3,650.00); then
	// one booster every four weeks, $550.00 a month.
	if rows[1][1] != "2026-12" || rows[1][2] != "6" || rows[1][3] != "3650.00" || rows[2][3] != "550.00" {
		t.Errorf("first months %q %q", rows[1], rows[2])
	}
}

// A name a spreadsheet would read as a formula is kept as text; amounts,
// negative ones too, stay numbers; a scenario that cannot be worked out
// fills its row.
func TestCSVCellsStayData(t *testing.T) {
	for in, want := range map[string]string{"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1 555": "'+1 555", "@sum": "'@sum",
		"-0.05": "-0.05", "-12.50": "-12.50", "Plan A": "Plan A", "": ""} {
		if got := inert(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	f := demo()
	f.Scenarios[1].Name = "=cmd()"
	f.Courses[0].Start = 0 // no scenario of the course can be worked out
	rows, err := csv.NewReader(bytes.NewReader(ComparisonCSV(&f)[3:])).ReadAll()
	if err != nil {
		t.Fatal(err) // csv.Reader refuses rows of uneven length
	}
	if rows[2][1] != "'=cmd()" || !strings.HasPrefix(rows[1][len(rows[1])-1], "cannot be worked out") {
		t.Errorf("rows %q", rows[1:3])
	}
}
