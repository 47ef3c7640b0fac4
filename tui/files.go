package tui

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"carecost/planner"
	docs "carecost/planner/document"
	"carecost/planner/report"
)

// The file menu (f): everything carecost writes to a file, from inside
// the app, while it holds the file open. The open patient's cost summary
// to print (PDF), the comparison and the month-by-month schedule (CSV),
// the report as text; the whole file's export and a backup. Each asks
// for the file's name (the current folder's, by default; ~/ is the home
// folder) and never replaces a file without asking.

// fileKeeper is a store that exports and backs up the whole file (the
// store package's does).
type fileKeeper interface {
	Export(w io.Writer) error
	ExportSealed(w io.Writer, passphrase []byte) error
	BackupFile(path string, replace bool) (string, error)
}

// fileItem is one thing the menu writes.
type fileItem struct {
	label, name string
	// make makes the document; nil for a backup.
	make func() ([]byte, error)
	// export: the whole file's export, sealed with the passphrase for an
	// encrypted file.
	export bool
}

type fileMenu struct {
	items []fileItem
	sel   int
}

// newFileMenu lists what can be written now: the documents of f, if a
// patient is open, then the whole file's.
func newFileMenu(c *context, st Store, f *planner.PatientFile) *fileMenu {
	m := &fileMenu{}
	day := c.today.String()
	if f != nil && f.Patient.ID != "" {
		file := *f
		slug := fileSlug(f.Patient.Name)
		pdf := func(paper docs.Paper) func() ([]byte, error) {
			return func() ([]byte, error) { return docs.PDF(docs.NewSummary(&file, c.today), paper, c.clock()) }
		}
		m.items = append(m.items,
			fileItem{label: "Cost summary to print (PDF, US Letter)", name: slug + "-cost-summary-" + day + ".pdf", make: pdf(docs.Letter)},
			fileItem{label: "Cost summary to print (PDF, A4)", name: slug + "-cost-summary-" + day + "-a4.pdf", make: pdf(docs.A4)},
			fileItem{label: "The comparison, for a spreadsheet (CSV)", name: slug + "-comparison-" + day + ".csv",
				make: func() ([]byte, error) { return docs.ComparisonCSV(&file), nil }},
			fileItem{label: "Month by month, for a spreadsheet (CSV)", name: slug + "-schedule-" + day + ".csv",
				make: func() ([]byte, error) {
					if data := docs.ScheduleCSV(&file); data != nil {
						return data, nil
					}
					return nil, errors.New("no scenario of " + file.Patient.Name + " can be worked out yet")
				}},
			fileItem{label: "The report as text (80 columns)", name: slug + "-report-" + day + ".txt",
				make: func() ([]byte, error) { return []byte(patientText(&file)), nil }},
		)
		for _, p := range []struct {
			party planner.Party
			who   string
		}{{planner.PartyInsurer, "the insurer"}, {planner.PartyClinic, "the clinic"}, {planner.PartyProgram, "an assistance program"}} {
			m.items = append(m.items, fileItem{label: "Call script for " + p.who + " (text to print)", name: slug + "-call-" + string(p.party) + "-" + day + ".txt",
				make: func() ([]byte, error) { return []byte(report.CallScript(&file, p.party, c.today)), nil }})
		}
	} else {
		// On the list: the outcome report of every patient, this month.
		y, mo, _ := c.today.Civil()
		from, to := planner.NewDate(y, mo, 1), c.today
		outcomes := func() ([]planner.Outcomes, error) {
			list, err := st.ListPatients()
			if err != nil {
				return nil, err
			}
			rows := make([]planner.Outcomes, 0, len(list))
			for _, s := range list {
				f, err := st.LoadPatient(s.ID)
				if isDamage(err) {
					continue // the others are counted; the app names the damaged one when it is opened
				}
				if err != nil {
					return nil, err
				}
				rows = append(rows, f.Outcomes(from, to, c.today))
			}
			return rows, nil
		}
		m.items = append(m.items,
			fileItem{label: "Outcome report of every patient, " + from.String() + " to " + to.String() + " (Markdown)", name: "carecost-outcomes-" + day + ".md",
				make: func() ([]byte, error) {
					rows, err := outcomes()
					return []byte(report.OutcomesMarkdown(rows, from, to)), err
				}},
			fileItem{label: "The same outcome report, for a spreadsheet (CSV)", name: "carecost-outcomes-" + day + ".csv",
				make: func() ([]byte, error) {
					rows, err := outcomes()
					return docs.OutcomesCSV(rows), err
				}},
		)
	}
	if _, ok := st.(fileKeeper); ok {
		m.items = append(m.items,
			fileItem{label: "Export everything (every patient and program)", name: "carecost-export-" + day + exportExtension(st), export: true},
			fileItem{label: "Back up the file (a checked copy)", name: "carecost-backup-" + day + ".db"},
		)
	}
	return m
}

// exportExtension is an export's file name ending: an encrypted file's
// export is an armored age file.
func exportExtension(st Store) string {
	if u, ok := st.(unlocker); ok && u.Encrypted() {
		return ".json.age"
	}
	return ".json"
}

// patientText is the text report of a patient's comparison.
func patientText(f *planner.PatientFile) string {
	scenarios, c := f.Compare()
	return report.Text("Funding scenarios for "+f.Patient.Name, scenarios, c)
}

// fileSlug is a name fit for a file name: "sam-rivera-fictional".
func fileSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "patient"
}

func (m *fileMenu) title() string { return "files" }

func (m *fileMenu) update(c *context, msg tea.Msg) action {
	key2, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return pass{}
	}
	k := &c.keys
	switch {
	case key.Matches(key2, k.Quit, k.Privacy, k.Help):
		return pass{}
	case key.Matches(key2, k.Back):
		return closeModal{}
	case key.Matches(key2, k.Up):
		m.sel = max(0, m.sel-1)
	case key.Matches(key2, k.Down):
		m.sel = min(len(m.items)-1, m.sel+1)
	case key.Matches(key2, k.Open) && len(m.items) > 0:
		return replaceModal{fileNameForm(c, m.items[m.sel])}
	}
	return nil
}

func (m *fileMenu) view(c *context, w, h int) string {
	head := []string{c.styles.Title.Render("Write to a file"), ""}
	if c.accessible {
		head = []string{"Write to a file. Up and down choose, enter asks for the file's name, escape goes back.", ""}
	}
	head = wrapLines(head, w)
	if len(m.items) == 0 {
		return strings.Join(append(head, wrapLines([]string{"Nothing to write here: open a patient first."}, w)...), "\n")
	}
	note := "Each asks for a file name first, and never replaces a file without asking."
	if c.encrypted {
		note += " The file is encrypted, but these documents are not (the export is sealed): keep them safe, and delete them when done."
	}
	foot := wrapLines([]string{"", note}, w)
	room := h - len(head) - len(foot)
	if room < 3 {
		foot, room = nil, h-len(head)
	}
	// Each item's lines, wrapped; the window starts where the selection
	// still fits.
	items := make([][]string, len(m.items))
	for i, it := range m.items {
		mark := "  "
		if i == m.sel {
			mark = "▸ "
		}
		items[i] = wrapLines([]string{mark + it.label}, w)
	}
	start, used := m.sel, len(items[m.sel])
	for start > 0 && used+len(items[start-1]) <= room-1 {
		start--
		used += len(items[start])
	}
	var body []string
	end := start
	for end < len(items) && len(body)+len(items[end]) <= room {
		body = append(body, items[end]...)
		end++
	}
	if len(body) == 0 {
		body = []string{cut(items[m.sel][0], w)} // the choice is always shown
	} else if end < len(items) {
		body[len(body)-1] = cut(body[len(body)-1], max(1, w-10)) + "  (more: ↓)"
	}
	if over := len(head) + 1 - max(h, 1); over > 0 {
		head = head[:max(0, len(head)-over)] // the choice before the heading
	}
	lines := append(append(head, body...), foot...)
	return strings.Join(lines[:min(len(lines), max(h, 1))], "\n")
}

func (m *fileMenu) help(k KeyMap) keyHelp {
	open := relabel(k.Open, "choose")
	back := relabel(k.Back, "back")
	return keyHelp{short: []key.Binding{k.Up, k.Down, open, back}, full: [][]key.Binding{{k.Up, k.Down, open, back}, {k.Help, k.Quit}}}
}

// fileNameForm asks where to write it (and, for an encrypted file's
// export, the passphrase that seals it).
func fileNameForm(cx *context, it fileItem) *formDialog {
	v := newValues(cx)
	fields := []huh.Field{input(v, "path", "Write it to", "A file name (in the folder carecost was started from) or a full path", it.name, validFilePath)}
	encrypted := it.export && cx.encrypted
	if encrypted {
		pass := input(v, "passphrase", "The file's passphrase", "The export is sealed with it (age); carecost checks it first", "", nil)
		pass.EchoMode(huh.EchoModePassword)
		fields = append(fields, pass)
	}
	form := newForm(cx, v.group(fields...))
	d := &formDialog{title: it.label, form: form, vals: v}
	d.act = func() action {
		var pass []byte
		if encrypted {
			pass = []byte(v.get("passphrase"))
		}
		return writeItem(it, strings.TrimSpace(v.get("path")), pass, false)
	}
	return d
}

// fileWrittenMsg says how writing an item went.
type fileWrittenMsg struct {
	item       fileItem
	path       string
	passphrase []byte
	exists     bool
	err        error
	warning    string
}

// writeItem writes an item to path: asks for it as a command, and the
// answer comes back as a fileWrittenMsg.
func writeItem(it fileItem, path string, passphrase []byte, replace bool) action {
	return actions{setStatus{"Writing " + path + "…", false}, fileWrite{it, path, passphrase, replace}}
}

// fileWrite is the action of writing an item; the root carries it out
// with its store and files.
type fileWrite struct {
	item       fileItem
	path       string
	passphrase []byte
	replace    bool
}

// writeFile is the command that writes an item.
func writeFile(st Store, files Files, w fileWrite) tea.Cmd {
	return func() tea.Msg {
		msg := fileWrittenMsg{item: w.item, path: w.path, passphrase: w.passphrase}
		if files == nil {
			msg.err = errors.New("this copy of carecost writes no files")
			return msg
		}
		var data []byte
		var err error
		switch {
		case w.item.make != nil:
			data, err = w.item.make()
		case w.item.export:
			data, err = exportBytes(st, w.passphrase)
		default:
			path, err := st.(fileKeeper).BackupFile(w.path, w.replace)
			msg.path = path
			switch {
			case errors.Is(err, fs.ErrExist):
				msg.exists = true
			case err != nil:
				msg.err = plainPathError(err)
			}
			return msg
		}
		if err != nil {
			msg.err = err
			return msg
		}
		written, err := files.WriteFile(w.path, data, w.replace)
		msg.path = written
		msg.exists, msg.warning, msg.err = writeOutcome(err)
		return msg
	}
}

// exportBytes is the whole file's export: an armored age file sealed with
// the passphrase, for an encrypted file (which the passphrase must open).
func exportBytes(st Store, passphrase []byte) ([]byte, error) {
	keeper := st.(fileKeeper)
	var b bytes.Buffer
	u, encrypted := st.(unlocker)
	if !encrypted || !u.Encrypted() {
		err := keeper.Export(&b)
		return b.Bytes(), err
	}
	if err := u.Unlock(passphrase); err != nil {
		return nil, errors.New("that is not this file's passphrase: nothing was written")
	}
	err := keeper.ExportSealed(&b, passphrase)
	return b.Bytes(), err
}

// fileWritten answers a write: asks before replacing a file, or says how
// it went.
func (m *Model) fileWritten(msg fileWrittenMsg) tea.Cmd {
	switch {
	case msg.exists:
		return m.apply(pushModal{&confirmDialog{question: "There is already a file " + msg.path + ". Replace it?",
			yes: fileWrite{msg.item, msg.path, msg.passphrase, true}, verb: "replace it", kept: "The file was left as it was."}})
	case msg.err != nil:
		m.setStatus("Could not write "+msg.path+": "+msg.err.Error()+".", true)
	case msg.warning != "":
		m.setStatus(sentence(msg.warning)+".", true)
	default:
		m.setStatus("Wrote "+msg.path+".", false)
	}
	return nil
}

// copyText copies what the screen sums up as plain text to the clipboard
// (OSC 52, which the terminal may refuse): the open patient's report, or
// the patient list as shown.
func (m *Model) copyText() action {
	var text, what string
	switch m.screen {
	case screenWorkspace:
		text, what = patientText(&m.ws.file), "the comparison"
	case screenPatients:
		var lines []string
		for _, i := range m.list.shown {
			s := m.list.all[i]
			line := m.list.displayName(i, m.ctx.privacy) + " — " + s.Status
			if s.NextDue != 0 {
				line += " — next due " + s.NextDue.String()
			}
			if s.Best != "" && !m.ctx.privacy {
				line += " — best now: " + s.Best + " (" + s.BestNet.String() + ")"
			}
			lines = append(lines, line)
		}
		text, what = strings.Join(lines, "\n")+"\n", "the patient list"
	default:
		return setStatus{"Nothing to copy here: open a patient, or the list.", false}
	}
	return actions{runCmd{tea.SetClipboard(text)},
		setStatus{"Copied " + what + " as text to the clipboard (if the terminal allows it; f writes it to a file).", false}}
}
