package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/store"
)

// Everything the file menu writes, from a real file: each through the
// atomic writer, never over a file without asking.
func TestFileMenuWritesEachDocument(t *testing.T) {
	defer func(f int) { store.AgeWorkFactor = f }(store.AgeWorkFactor)
	store.AgeWorkFactor = 10 // age's default takes a second
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "carecost.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, err := db.AddDemo()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := db.LoadPatient(id)
	m := New(db, Options{Today: today, Files: store.Files{}})
	menu := newFileMenu(m.ctx, db, &f)
	if len(menu.items) != 10 {
		t.Fatalf("%d items", len(menu.items))
	}
	starts := []string{"%PDF", "%PDF", "\ufeffPatient,Scenario", "\ufeffScenario,Month", "Funding scenarios for Sam Rivera",
		"Call script: Sam Rivera (fictional), calling the insurer", "Call script: Sam Rivera (fictional), calling the clinic",
		"Call script: Sam Rivera (fictional), calling an assistance program", "{", ""}
	for i, it := range menu.items {
		path := filepath.Join(dir, it.name)
		msg := writeFile(db, store.Files{}, fileWrite{item: it, path: path})().(fileWrittenMsg)
		if msg.err != nil || msg.exists || msg.path != path {
			t.Fatalf("%s: %+v", it.label, msg)
		}
		data, _ := os.ReadFile(path)
		if !bytes.HasPrefix(data, []byte(starts[i])) {
			t.Errorf("%s starts %.20q", it.label, data)
		}
		// A second time, it asks; told to, it replaces.
		if msg := writeFile(db, store.Files{}, fileWrite{item: it, path: path})().(fileWrittenMsg); !msg.exists {
			t.Errorf("%s over a file: %+v", it.label, msg)
		}
		if msg := writeFile(db, store.Files{}, fileWrite{item: it, path: path, replace: true})().(fileWrittenMsg); msg.err != nil || msg.exists {
			t.Errorf("%s replacing: %+v", it.label, msg)
		}
	}
	backup := filepath.Join(dir, menu.items[9].name)
	if problems, err := store.Check(backup); err != nil || len(problems) > 0 {
		t.Errorf("the backup: %v %v", problems, err)
	}
	if !strings.HasPrefix(menu.items[0].name, "sam-rivera-fictional-cost-summary-"+today.String()) {
		t.Errorf("name %q", menu.items[0].name)
	}

	// On the list: the outcome report of every patient, this month.
	list := newFileMenu(m.ctx, db, nil)
	if len(list.items) != 4 || !strings.HasPrefix(list.items[0].label, "Outcome report of every patient, 2026-11-01 to 2026-11-29") {
		t.Fatalf("the list's menu: %+v", list.items)
	}
	if msg := writeFile(db, store.Files{}, fileWrite{item: list.items[0], path: filepath.Join(dir, "outcomes.md")})().(fileWrittenMsg); msg.err != nil {
		t.Fatal(msg.err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "outcomes.md")); !strings.Contains(string(data), "| Sam Rivera (fictional) |") {
		t.Errorf("outcomes: %s", data)
	}

	// An encrypted file's export is sealed with its passphrase, which is
	// checked first.
	if err := db.Encrypt([]byte("menu passphrase"), store.KeyCost{Time: 1, MemoryKiB: 64, Threads: 1}); err != nil {
		t.Fatal(err)
	}
	export := fileItem{label: "export", export: true}
	path := filepath.Join(dir, "sealed.json.age")
	if msg := writeFile(db, store.Files{}, fileWrite{item: export, path: path, passphrase: []byte("wrong")})().(fileWrittenMsg); msg.err == nil ||
		!strings.Contains(msg.err.Error(), "not this file's passphrase") {
		t.Errorf("a wrong passphrase: %+v", msg)
	}
	if msg := writeFile(db, store.Files{}, fileWrite{item: export, path: path, passphrase: []byte("menu passphrase")})().(fileWrittenMsg); msg.err != nil {
		t.Fatal(msg.err)
	}
	if data, _ := os.ReadFile(path); !bytes.HasPrefix(data, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) || bytes.Contains(data, []byte("Sam Rivera")) {
		t.Errorf("the export is not sealed: %.60q", data)
	}
}

// f opens the menu on the open patient; its form offers a file name; y
// copies the comparison as text.
func TestFileMenuAndCopyFromTheApp(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		m := start(t, memDemo(t, false), 100, 30)
		// On the list of a store that neither exports nor backs up, there
		// is nothing to write.
		m = press(t, m, "f")
		mustHave(t, m, "▸ Outcome report of every patient")
		m = press(t, m, "esc", "enter", "f")
		mustHave(t, m, "Write to a file", "▸ Cost summary to print (PDF, US Letter)", "Month by month, for a spreadsheet (CSV)")
		m = press(t, m, "enter")
		mustHave(t, m, "Write it to", "sam-rivera-fictional-cost-summary-"+today.String()+".pdf")
		m = press(t, m, "esc", "y")
		mustHave(t, m, "Copied the comparison as text to the clipboard")
		// On the list, the list as shown; privacy mode hides the names.
		m = press(t, m, "esc", "y")
		mustHave(t, m, "Copied the patient list as text")
	})
}

// w on a letter with a name ending in .pdf writes a PDF of it.
func TestLetterAsPDF(t *testing.T) {
	l := &letterView{markdown: "# Appeal\n\nDear [name],\n", files: store.Files{}}
	path := filepath.Join(t.TempDir(), "appeal.pdf")
	var cmd tea.Cmd
	for _, a := range l.write(path, false).(actions) {
		if r, ok := a.(runCmd); ok {
			cmd = r.cmd
		}
	}
	if msg := cmd().(letterWrittenMsg); msg.err != nil || msg.exists {
		t.Fatalf("%+v", msg)
	}
	if data, _ := os.ReadFile(path); !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("not a PDF: %.20q", data)
	}
}

// The menu draws in any window without losing its choice.
func TestFileMenuInTinyWindows(t *testing.T) {
	st := memDemo(t, false)
	m := New(st, Options{Today: today})
	list, _ := st.ListPatients()
	f, _ := st.LoadPatient(list[0].ID)
	menu := newFileMenu(m.ctx, st, &f)
	for _, accessible := range []bool{false, true} {
		m.ctx.accessible = accessible
		for h := -1; h <= 14; h++ {
			for w := 0; w <= 60; w += 4 {
				for sel := range menu.items {
					menu.sel = sel
					out := menu.view(m.ctx, w, h)
					if h >= 3 && w >= 8 && !strings.Contains(out, "▸") {
						t.Fatalf("%dx%d, item %d: the choice is not shown:\n%s", w, h, sel, out)
					}
					if n := strings.Count(out, "\n") + 1; h >= 1 && n > h {
						t.Fatalf("%dx%d: %d lines", w, h, n)
					}
				}
			}
		}
	}
}

func TestFilterIgnoresAccentsAndCase(t *testing.T) {
	for _, c := range []struct {
		name, needle string
		want         bool
	}{{"María García", "garcia", true}, {"María García", "GARCÍA", true}, {"Zoë Brontë", "zoe", true}, {"Sam Rivera", "riv", true}, {"Sam Rivera", "garcia", false}, {"Ærø", "æ", true}} {
		if got := containsFolded(c.name, c.needle); got != c.want {
			t.Errorf("%q in %q: %v", c.needle, c.name, got)
		}
	}
}

// A letter is laid out line by line: worked out by hand for 24 columns
// (a margin of two, so 22 for the words), plain and in ASCII.
func TestALetterIsLaidOutLineByLine(t *testing.T) {
	md := "> **DRAFT — check it.** Then send it.\n\n# Appeal\n\n**Patient:** Sam  \n**ID:** W2\\*7  \n\\#1 Spine  \n- Induction: 6 sessions, twice a week\n  - nested item\n\nThe reason: *off-label use*."
	want := strings.Join([]string{
		"  │ DRAFT — check it.", // "DRAFT — check it. Then" is 22: over the 20 beside the bar
		"  │ Then send it.",
		"",
		"  Appeal",
		"",
		"  Patient: Sam",
		"  ID: W2*7",       // the star typed in it, escaped in the Markdown
		"  #1 Spine",       // typed, and escaped: no heading
		"  • Induction: 6", // "Induction: 6 sessions," is 22: over the 20 beside the bullet
		"    sessions, twice a",
		"    week",
		"    • nested item",
		"",
		"  The reason: off-label",
		"  use.",
	}, "\n")
	if got := drawLetter(md, 24, plainLetter); got != want {
		t.Errorf("plain:\n%s\nwant\n%s", got, want)
	}
	ascii := strings.NewReplacer("│", "|", "•", "*").Replace(want)
	if got := drawLetter(md, 24, "ascii"); ansi.Strip(got) != ascii || !strings.Contains(got, "\x1b[1m") {
		t.Errorf("ascii:\n%q\nwant, with bold,\n%q", got, ascii)
	}
}
