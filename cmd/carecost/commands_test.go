package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"carecost/store"
)

// run runs the command line with args and returns what it printed and its
// error.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	root := newRoot(strings.NewReader(""), &out, &out)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

// demoDB makes a carecost file holding the demo.
func demoDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carecost.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

func TestDemoNeverTouchesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "real.db")
	out, err := run(t, "--db", path, "report", "--demo")
	if err != nil || !strings.Contains(out, "Demo — nothing is saved to your file.") || !strings.Contains(out, "Best plan available now: Ketamine with a grant, net $5,186.00.") {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the demo made the real file")
	}
	// --demo means the app or a report; no other command takes it, so none
	// can touch the real file under it.
	for _, cmd := range [][]string{{"backup"}, {"check"}, {"export"}, {"import"}, {"paths"},
		{"programs", "list"}, {"programs", "export"}, {"programs", "import"}} {
		if _, err := run(t, append([]string{"--db", path}, append(cmd, "--demo")...)...); err == nil || !strings.Contains(err.Error(), "unknown flag: --demo") {
			t.Errorf("%s --demo: %v", cmd, err)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a command with --demo made the real file")
	}
}

func TestTheAppNeedsATerminal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := run(t, "--db", path)
	if err == nil || !strings.Contains(err.Error(), "needs a terminal") {
		t.Errorf("app off a terminal: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("refusing to start made the file")
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "--db", filepath.Join(dir, "none.db"), "report"); err == nil || !strings.Contains(err.Error(), "there is no carecost file") {
		t.Errorf("report without a file: %v", err)
	}
	empty := filepath.Join(dir, "empty.db")
	db, _ := store.Open(empty, store.Options{})
	db.Close()
	if out, err := run(t, "--db", empty, "report"); err != nil || !strings.Contains(out, "No patients in") {
		t.Errorf("%v\n%s", err, out)
	}
	path := demoDB(t)
	if out, err := run(t, "--db", path, "report", "rivera"); err != nil || !strings.Contains(out, "Funding scenarios for Sam Rivera (fictional)") {
		t.Errorf("%v\n%s", err, out)
	}
	if out, err := run(t, "--db", path, "report", "--format", "markdown"); err != nil || !strings.Contains(out, "# Funding scenarios for Sam Rivera") || !strings.Contains(out, "## Getting it approved") || !strings.Contains(out, "2 of 5 documents in hand") {
		t.Errorf("markdown: %v\n%s", err, out)
	}
	if out, err := run(t, "--db", path, "report", "--format", "json"); err != nil || !strings.Contains(out, `"net_total_cents": 288000`) {
		t.Errorf("json: %v\n%s", err, out)
	}
	if _, err := run(t, "--db", path, "report", "--format", "docx"); err == nil || !strings.Contains(err.Error(), "use text, markdown, json, pdf, csv, schedule-csv or call-script") {
		t.Errorf("docx: %v", err)
	}
	if _, err := run(t, "--db", path, "report", "nobody"); err == nil || !strings.Contains(err.Error(), "no patient matches") {
		t.Errorf("report of nobody: %v", err)
	}
}

func TestExportImportCheckBackup(t *testing.T) {
	src := demoDB(t)
	dir := t.TempDir()
	export := filepath.Join(dir, "export.json")
	if out, err := run(t, "--db", src, "export", export); err != nil {
		t.Fatalf("export: %v %s", err, out)
	}
	if _, err := run(t, "--db", src, "export", export); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("export over a file: %v", err)
	}
	if _, err := run(t, "--db", src, "export", export, "--force"); err != nil {
		t.Errorf("export --force: %v", err)
	}

	dest := filepath.Join(dir, "dest.db")
	out, err := run(t, "--db", dest, "import", export)
	// The demo patient, and the demo's four programs.
	if err != nil || !strings.Contains(out, "Imported 1 patient(s) and 4 program(s)") {
		t.Fatalf("import: %v %s", err, out)
	}
	if _, err := run(t, "--db", dest, "import", export); err == nil || !strings.Contains(err.Error(), "--replace") {
		t.Errorf("second import: %v", err)
	}
	if _, err := run(t, "--db", dest, "import", export, "--replace"); err == nil || !strings.Contains(err.Error(), "add --yes") {
		t.Errorf("--replace off a terminal: %v", err)
	}
	// The patient and the four programs.
	if out, err := run(t, "--db", dest, "import", export, "--replace", "--yes"); err != nil || !strings.Contains(out, "replacing 5") {
		t.Errorf("--replace --yes: %v %s", err, out)
	}
	// The round trip through the command line is lossless too.
	again, _ := run(t, "--db", dest, "export")
	first, _ := os.ReadFile(export)
	if again != string(first) {
		t.Error("export → import → export changed the data")
	}

	if out, err := run(t, "--db", dest, "check"); err != nil || !strings.Contains(out, "is sound") {
		t.Errorf("check: %v %s", err, out)
	}
	backup := filepath.Join(dir, "backup.db")
	if out, err := run(t, "--db", dest, "backup", backup); err != nil || !strings.Contains(out, "checked the copy") {
		t.Errorf("backup: %v %s", err, out)
	}
	if out, err := run(t, "--db", backup, "check", "--repair"); err != nil || !strings.Contains(out, "Rebuilt") {
		t.Errorf("check --repair: %v %s", err, out)
	}
	if _, err := run(t, "--db", filepath.Join(dir, "missing.db"), "check"); err == nil {
		t.Error("check of a missing file passed")
	}
}

func TestImportRefusesABadFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"Format": "something else"}`), 0o600)
	dest := filepath.Join(dir, "dest.db")
	if _, err := run(t, "--db", dest, "import", bad); err == nil || !strings.Contains(err.Error(), "not a carecost export") {
		t.Errorf("import: %v", err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Error("a refused import made the file")
	}
}

func TestPathsAndVersion(t *testing.T) {
	if out, err := run(t, "--db", "/tmp/x.db", "paths"); err != nil || out != "Data file: /tmp/x.db\n" {
		t.Errorf("paths: %v %q", err, out)
	}
	if out, err := run(t, "version"); err != nil || !strings.Contains(out, "file schema 8") {
		t.Errorf("version: %v %q", err, out)
	}
	if _, err := run(t, "--nope"); err == nil {
		t.Error("an unknown flag was taken")
	}
}

func TestPrograms(t *testing.T) {
	src := demoDB(t)
	dir := t.TempDir()
	want := "Maple Street Clinic Sliding Scale (fictional) — clinic sliding scale — income up to 300% of the poverty guideline\n" +
		"Riverbend General Hospital Financial Assistance (fictional) — hospital charity care — income up to 400% of the poverty guideline\n" +
		"Sample Pharma Patient Assistance (fictional) — manufacturer program — income up to 500% of the poverty guideline\n" +
		"Second Wind Depression Care Fund (fictional) — nonprofit grant — income up to 400% of the poverty guideline\n"
	if out, err := run(t, "--db", src, "programs", "list"); err != nil || out != want {
		t.Errorf("list: %v\n%s", err, out)
	}

	// Export to standard output and to a file: the same list.
	stdout, err := run(t, "--db", src, "programs", "export")
	if err != nil || !strings.Contains(stdout, `"Format": "carecost programs"`) {
		t.Fatalf("export: %v\n%s", err, stdout)
	}
	list := filepath.Join(dir, "programs.json")
	if out, err := run(t, "--db", src, "programs", "export", list); err != nil || !strings.Contains(out, "Exported the programs of "+src+" to "+list+".") {
		t.Fatalf("export to a file: %v %s", err, out)
	}
	if written, _ := os.ReadFile(list); string(written) != stdout {
		t.Error("the file differs from standard output")
	}
	if _, err := run(t, "--db", src, "programs", "export", list); err == nil || !strings.Contains(err.Error(), "already exists: name another file, or add --force") {
		t.Errorf("export over a file: %v", err)
	}
	if _, err := run(t, "--db", src, "programs", "export", list, "--force"); err != nil {
		t.Errorf("export --force: %v", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// Into a new file, then again: refused, then replaced.
	dest := filepath.Join(dir, "dest.db")
	if out, err := run(t, "--db", dest, "programs", "import", list); err != nil || out != "Imported 4 programs into "+dest+".\n" {
		t.Fatalf("import: %v %q", err, out)
	}
	if _, err := run(t, "--db", dest, "programs", "import", list); err == nil || !errors.Is(err, store.ErrConflict) ||
		!strings.Contains(err.Error(), `4 of the programs are already in the file ("Maple Street Clinic Sliding Scale (fictional)"`) {
		t.Errorf("second import: %v", err)
	}
	if _, err := run(t, "--db", dest, "programs", "import", list, "--replace"); err == nil || !strings.Contains(err.Error(), "add --yes") {
		t.Errorf("--replace off a terminal: %v", err)
	}
	if out, err := run(t, "--db", dest, "programs", "import", list, "--replace", "--yes"); err != nil || out != "Imported 4 programs into "+dest+", replacing 4.\n" {
		t.Errorf("--replace --yes: %v %q", err, out)
	}
	// The round trip through the command line is lossless.
	if again, _ := run(t, "--db", dest, "programs", "export"); again != stdout {
		t.Error("programs export → import → export changed the list")
	}
	if out, err := run(t, "--db", dest, "programs", "list"); err != nil || out != want {
		t.Errorf("list after import: %v\n%s", err, out)
	}
	// A list without IDs adds new programs, one of them.
	one := filepath.Join(dir, "one.json")
	os.WriteFile(one, []byte(`{"Format": "carecost programs", "Version": 1, "Programs": [{"Name": "Hope Fund", "Kind": "other"}]}`), 0o600)
	if out, err := run(t, "--db", dest, "programs", "import", one); err != nil || out != "Imported 1 program into "+dest+".\n" {
		t.Errorf("import of one: %v %q", err, out)
	}
	if out, _ := run(t, "--db", dest, "programs", "list"); !strings.HasPrefix(out, "Hope Fund — other — no income limit\n") {
		t.Errorf("list:\n%s", out)
	}

	if _, err := run(t, "--db", dest, "programs", "sort"); err == nil || !strings.Contains(err.Error(), `no command "sort"`) {
		t.Errorf("programs sort: %v", err)
	}
	empty := filepath.Join(dir, "empty.db")
	db, _ := store.Open(empty, store.Options{})
	db.Close()
	if out, err := run(t, "--db", empty, "programs", "list"); err != nil || out != "No programs in "+empty+" yet.\n" {
		t.Errorf("list of none: %v %q", err, out)
	}
	if _, err := run(t, "--db", filepath.Join(dir, "none.db"), "programs", "list"); err == nil || !strings.Contains(err.Error(), "there is no carecost file") {
		t.Errorf("list without a file: %v", err)
	}
}

func TestProgramsImportRefusesABadList(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "dest.db")
	src := demoDB(t)
	whole := filepath.Join(dir, "whole.json")
	if _, err := run(t, "--db", src, "export", whole); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"Format": "carecost programs", "Version": 1, "Programs": [
		{"Name": "Good Fund", "Kind": "other"}, {"Name": "Odd Fund", "Kind": "other"}, {"Name": "Hope Fund"}]}`), 0o600)
	tests := []struct{ file, want string }{
		{bad, `program 3 ("Hope Fund"): choose what kind of program Hope Fund is`},
		{whole, "the file is a whole carecost export, not a program list: bring it in with carecost import"},
		{filepath.Join(dir, "missing.json"), "there is no file " + filepath.Join(dir, "missing.json") + ": check its name"},
	}
	for _, tt := range tests {
		if _, err := run(t, "--db", dest, "programs", "import", tt.file); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("import %s: %v", filepath.Base(tt.file), err)
		}
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Error("a refused import made the file")
	}
	// Into a file that exists, a refused list changes nothing.
	before, _ := os.ReadFile(src)
	if _, err := run(t, "--db", src, "programs", "import", bad); err == nil {
		t.Error("the bad list was imported")
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(after, before) {
		t.Error("a refused import changed the file")
	}
}

// No command writes over a database: an export or a program list aimed at
// the file itself, even with --force, is refused and the file is whole;
// a backup onto the open file is refused too.
func TestNothingWritesOverADatabase(t *testing.T) {
	src := demoDB(t)
	other := demoDB(t)
	for _, args := range [][]string{
		{"--db", src, "programs", "export", "--force", src},
		{"--db", src, "export", "--force", src},
		{"--db", src, "export", "--force", other},
		{"--db", src, "backup", src},
	} {
		if _, err := run(t, args...); err == nil || !(strings.Contains(err.Error(), "is a carecost database") ||
			strings.Contains(err.Error(), "is the file carecost has open")) {
			t.Errorf("%v: %v", args, err)
		}
	}
	for _, path := range []string{src, other} {
		if out, err := run(t, "--db", path, "report"); err != nil || !strings.Contains(out, "Sam Rivera") {
			t.Errorf("%s after the attempts: %v\n%s", path, err, out)
		}
	}
}

// An import larger than its limits is refused in a sentence that names the
// flag to raise them; with the flag, the same file comes in.
func TestImportLimits(t *testing.T) {
	src := demoDB(t)
	export := filepath.Join(t.TempDir(), "all.json")
	if _, err := run(t, "--db", src, "export", export); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "new.db")
	if _, err := run(t, "--db", dest, "import", "--max-records", "10", export); err == nil || !strings.Contains(err.Error(), "--max-records set higher") {
		t.Errorf("records: %v", err)
	}
	if _, err := run(t, "--db", dest, "import", "--max-bytes", "1000", export); err == nil || !strings.Contains(err.Error(), "--max-bytes set higher") {
		t.Errorf("bytes: %v", err)
	}
	if out, err := run(t, "--db", dest, "import", "--max-records", "100000", export); err != nil || !strings.Contains(out, "Imported 1 patient(s)") {
		t.Errorf("raised: %v %s", err, out)
	}
}

// carecost rescue writes what a damaged file still holds into a new one,
// and lists what it left out; the damaged file is not changed.
func TestRescueCommand(t *testing.T) {
	src := demoDB(t)
	before, _ := os.ReadFile(src)
	dest := filepath.Join(t.TempDir(), "rescued.db")
	out, err := run(t, "--db", src, "rescue", dest)
	if err != nil || !strings.Contains(out, "Rescued 1 patient(s) and 4 program(s)") || !strings.Contains(out, "Nothing had to be left out.") {
		t.Fatalf("%v\n%s", err, out)
	}
	if out, err := run(t, "--db", dest, "report"); err != nil || !strings.Contains(out, "Sam Rivera") {
		t.Errorf("the rescued file: %v\n%s", err, out)
	}
	if _, err := run(t, "--db", src, "rescue", dest); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(src); string(after) != string(before) {
		t.Error("the file rescued from was changed")
	}
}

// A PDF cost summary and the CSVs, from the command line: written through
// the atomic writer, of one patient.
func TestReportDocuments(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "summary.pdf")
	if _, err := run(t, "--db", path, "report", "Sam", "--format", "pdf"); err == nil || !strings.Contains(err.Error(), "--output FILE") {
		t.Errorf("a PDF to the terminal: %v", err)
	}
	if _, err := run(t, "--db", path, "report", "Sam", "--format", "pdf", "--output", pdf, "--paper", "a3"); err == nil || !strings.Contains(err.Error(), "use a4 or letter") {
		t.Errorf("--paper a3: %v", err)
	}
	if _, err := run(t, "--db", path, "report", "Sam", "--format", "pdf", "--output", pdf, "--paper", "a4"); err != nil {
		t.Fatal(err)
	}
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(tool, pdf, "-").Output()
		if err != nil || !strings.Contains(string(out), "Cost summary: Sam Rivera (fictional)") || !strings.Contains(string(out), "$5,186.00") {
			t.Errorf("pdftotext: %v %.300s", err, out)
		}
	}
	if _, err := run(t, "--db", path, "report", "Sam", "--format", "pdf", "--output", pdf); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a PDF over a file: %v", err)
	}
	csvFile := filepath.Join(dir, "comparison.csv")
	if _, err := run(t, "--db", path, "report", "Sam", "--format", "csv", "--output", csvFile); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(csvFile); !bytes.HasPrefix(data, []byte("\ufeffPatient,Scenario,")) {
		t.Errorf("the CSV: %.80q", data)
	}
	if out, err := run(t, "--db", path, "report", "Sam", "--format", "schedule-csv"); err != nil || !strings.Contains(out, "Ketamine with a grant,2026-12,6,3650.00") {
		t.Errorf("schedule-csv: %v %.200s", err, out)
	}
	if _, err := run(t, "--db", path, "report", "--format", "csv", "nobody"); err == nil {
		t.Error("a CSV of no patient")
	}
	// The text formats go to --output whole too.
	text := filepath.Join(dir, "report.md")
	if _, err := run(t, "--db", path, "report", "--format", "markdown", "--output", text); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(text); !strings.Contains(string(data), "# Funding scenarios for Sam Rivera") {
		t.Errorf("the report file: %.80q", data)
	}
	if _, err := run(t, "--db", path, "report", "--output", text); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a report over a file: %v", err)
	}
}

// The outcome report of the demo's November (the figures are worked out
// in planner's TestOutcomesOfTheDemo): Markdown, CSV and PDF.
func TestOutcomesCommand(t *testing.T) {
	path := demoDB(t)
	period := []string{"--db", path, "outcomes", "--from", "2026-11-01", "--to", "2026-11-30"}
	out, err := run(t, period...)
	if err != nil || !strings.Contains(out, "| Sam Rivera (fictional) | 1 | 0 | 0 | 0 | 1 | 0 | $0.00 | 0 | 0 | 2 | $4,039.53 |") ||
		!strings.Contains(out, "| All patients | 1 |") {
		t.Errorf("markdown: %v\n%s", err, out)
	}
	if out, err := run(t, append(period, "--format", "csv")...); err != nil || !strings.Contains(out, "Sam Rivera (fictional),1,0,0,0,1,0,0.00,0,0,2,4039.53\r\n") {
		t.Errorf("csv: %v\n%q", err, out)
	}
	pdf := filepath.Join(t.TempDir(), "outcomes.pdf")
	if _, err := run(t, append(period, "--format", "pdf", "--output", pdf)...); err != nil {
		t.Fatal(err)
	}
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(tool, "-layout", pdf, "-").Output()
		if err != nil || !strings.Contains(string(text), "Outcomes, 2026-11-01 to 2026-11-30") || !strings.Contains(string(text), "$4,039.53") {
			t.Errorf("pdftotext: %v\n%s", err, text)
		}
	}
	if _, err := run(t, "--db", path, "outcomes", "--from", "2026-11-30", "--to", "2026-11-01"); err == nil || !strings.Contains(err.Error(), "before --from") {
		t.Errorf("a backwards period: %v", err)
	}
}

func TestCallScriptCommand(t *testing.T) {
	path := demoDB(t)
	if out, err := run(t, "--db", path, "report", "Sam", "--format", "call-script", "--party", "clinic"); err != nil || !strings.Contains(out, "Call script: Sam Rivera (fictional), calling the clinic") {
		t.Errorf("clinic: %v\n%s", err, out)
	}
	if _, err := run(t, "--db", path, "report", "Sam", "--format", "call-script", "--party", "pharmacy"); err == nil || !strings.Contains(err.Error(), "use insurer, clinic or program") {
		t.Errorf("--party pharmacy: %v", err)
	}
}
