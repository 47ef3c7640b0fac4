package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"charm.land/fang/v2"

	"carecost/planner"
	"carecost/store"
)

// hostile holds what would act on a terminal if printed raw: a clipboard
// write (OSC 52, ended by BEL), a link (OSC 8), a CSI in its one-byte C1
// form, a DCS, a carriage return and a backspace that overwrite what came
// before, and a right-to-left override.
const hostile = "Ana\x1b]52;c;SGVsbG8=\x07 \x1b]8;;https://x.test\x1b\\link\x1b]8;;\x1b\\ \u009b31m red \x1bP1$r\x1b\\ \rOver\bwrite \u202eevil"

// actsOnTerminal says what in s would act on a terminal: any C0 control but
// a newline and a tab, DEL, any C1 control, and the bidirectional
// overrides and isolates.
func actsOnTerminal(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return r, true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r, true
		case unicode.Is(unicode.Cc, r):
			return r, true
		}
	}
	return 0, false
}

// A name and notes holding escape sequences, in a file written before
// imports refused them, reach no terminal and no file raw: not through a
// report in any format, an export, a check, a backup, a rescue or an
// error message.
func TestHostileTextReachesNoTerminal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "carecost.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.AddDemo()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := db.LoadPatient(id)
	f.Patient.Name = hostile
	f.Patient.Notes = hostile
	call := &planner.Contact{Key: planner.Key{PatientID: id}, When: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		Party: planner.PartyInsurer, Person: hostile, Said: hostile, FollowUp: planner.NewDate(2026, 12, 3)}
	if err := db.Save(&f.Patient, call); err != nil {
		t.Fatal(err)
	}
	db.Close()

	export := filepath.Join(dir, "export.json")
	// In order: the export is written before it is imported again.
	outputs := []struct {
		name string
		args []string
	}{
		{"report", []string{"report"}},
		{"report markdown", []string{"report", "--format", "markdown"}},
		{"report json", []string{"report", "--format", "json"}},
		{"report of one", []string{"report", string(id)}},
		{"export", []string{"export"}},
		{"export to file", []string{"export", export}},
		{"check", []string{"check"}},
		{"backup", []string{"backup", filepath.Join(dir, "b.db")}},
		{"rescue", []string{"rescue", filepath.Join(dir, "r.db")}},
		{"programs list", []string{"programs", "list"}},
		// Refused, naming the field and not what it holds.
		{"import again", []string{"import", export}},
	}
	for _, o := range outputs {
		name := o.name
		out, err := run(t, append([]string{"--db", path}, o.args...)...)
		var stderr bytes.Buffer
		if err != nil {
			plainError(&stderr, fang.Styles{}, err)
		}
		if name == "import again" && !strings.Contains(stderr.String(), "Name holds a character that would act on a terminal (U+001B)") {
			t.Errorf("import again: %q", stderr.String())
		}
		for stream, text := range map[string]string{"out": out, "err": stderr.String()} {
			if r, bad := actsOnTerminal(text); bad {
				t.Errorf("%s: %U reached standard %s:\n%q", name, r, stream, text)
			}
		}
	}
	if name, _ := os.ReadFile(export); len(name) == 0 {
		t.Fatal("no export was written")
	}
	// The export keeps the name whole, escaped as JSON escapes it: a
	// lossless copy, not text for a terminal.
	data, _ := os.ReadFile(export)
	if r, bad := actsOnTerminal(string(data)); bad {
		t.Errorf("%U in the export file", r)
	}
	if !strings.Contains(string(data), `\u001b]52;c;`) {
		t.Error("the export lost the name")
	}
}
