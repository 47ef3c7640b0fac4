package tui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
	"carecost/planner/report"
)

// Options are what the command line decides about the app.
type Options struct {
	// Demo says the file is a throwaway one holding the demo.
	Demo bool
	// Accessible draws every screen as labelled lines, without borders,
	// bars or symbols, for screen readers.
	Accessible bool
	Theme      Theme
	// Today is the day deadlines and "next due" are counted from.
	Today planner.Date
	// Now is the clock, for the time of a call being logged; nil is the
	// system's.
	Now func() time.Time
}

// Minimum window size for the full layout; below it the app asks for more
// room rather than draw a broken screen.
const (
	minWidth  = 40
	minHeight = 12
)

type screen int

const (
	screenPatients screen = iota
	screenWorkspace
	screenAgenda
	screenPrograms
)

type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlayGlossary
	overlayRules
)

// Model is the root of the app: it owns routing, the window size, the
// status line and privacy mode, and hands each screen its space.
type Model struct {
	store   Store
	opts    Options
	keys    KeyMap
	styles  Styles
	help    help.Model
	width   int
	height  int
	screen  screen
	overlay overlay
	list    patientList
	ws      workspace
	agenda  agenda
	catalog catalog
	// before is the screen the catalog was opened from, to go back to.
	before screen
	// letter is the drafted letter on screen, if any.
	letter *letterView
	// fromAgenda: the open patient was opened from the agenda, so esc goes
	// back there.
	fromAgenda bool
	// dark: the background is dark (as the theme says or the terminal
	// answered), for the letter's colours.
	dark bool
	// busy: a change made without a form (x, u) is being saved; another
	// waits for it, so none works on records about to change.
	busy    bool
	privacy bool
	// opening is the patient whose records were last asked for: an answer
	// for any other (the person moved on) is dropped.
	opening planner.ID
	// overlayScroll is how far down the open overlay is scrolled.
	overlayScroll int
	status        string
	failed        bool // the status reports a failure
	// dialog is the open form, if any; confirm the open yes/no question.
	dialog  *formDialog
	confirm *confirmDialog
	// body is the current screen and frame the whole window, drawn when
	// the data, size or state changes (see render); View only returns it.
	body  string
	frame string
}

// New returns the app on a store.
func New(st Store, opts Options) Model {
	dark := opts.Theme != ThemeLight
	m := Model{store: st, opts: opts, keys: DefaultKeyMap(), help: help.New(), width: 80, height: 24}
	m.styles, m.dark = NewStyles(dark, opts.Theme == ThemeHighContrast), dark
	m.help.Styles = m.styles.Help
	m.status = loadingStatus
	if opts.Demo {
		m.status = "Demo — nothing is saved to your file."
	}
	m.render()
	return m
}

const loadingStatus = "Loading the patient list…"

// Messages from commands, each saying which request it answers.
type (
	patientsLoadedMsg struct {
		list []planner.PatientSummary
		err  error
	}
	patientLoadedMsg struct {
		file     planner.PatientFile
		programs []planner.Program
		err      error
		then     afterLoad
	}
	// savedMsg answers a save or delete: what to say, and whose records to
	// read again.
	savedMsg struct {
		status   string
		patient  planner.ID
		focus    planner.ID // the record saved first, to select once read again
		deleted  bool
		deleting bool // the action was a delete
		err      error
	}
)

// afterLoad is what to do once a patient is read.
type afterLoad int

const (
	openWorkspace afterLoad = iota
	editPatient
	openApproval   // the workspace, on the Approval tab (from the agenda)
	openAssistance // the workspace, on the Assistance tab (from the agenda)
)

// confirmDialog asks a yes/no question; no is the default.
type confirmDialog struct {
	question string
	yes      tea.Cmd
	// action is what y does, in words ("delete"); kept says what "no"
	// leaves as it was. Both default to deleting.
	action, kept string
}

func saveRecords(st Store, records []planner.Record, status string, patient planner.ID) tea.Cmd {
	return func() tea.Msg {
		err := st.Save(records...)
		var focus planner.ID
		if len(records) > 0 {
			focus = *records[0].RecordID()
		}
		return savedMsg{status: status, patient: patient, focus: focus, err: err}
	}
}

func deleteRecord(st Store, r planner.Record, status string, patient planner.ID) tea.Cmd {
	return func() tea.Msg {
		return savedMsg{status: status, patient: patient, deleted: r.RecordKind() == "patient", deleting: true, err: st.Delete(r)}
	}
}

func loadPatients(st Store) tea.Cmd {
	return func() tea.Msg {
		list, err := st.ListPatients()
		return patientsLoadedMsg{list, err}
	}
}

func loadPatient(st Store, id planner.ID) tea.Cmd { return loadPatientFor(st, id, openWorkspace) }

func loadPatientFor(st Store, id planner.ID, then afterLoad) tea.Cmd {
	return func() tea.Msg {
		f, err := st.LoadPatient(id)
		var programs []planner.Program
		if err == nil {
			programs, err = st.Programs()
		}
		return patientLoadedMsg{f, programs, err, then}
	}
}

// Init loads the patient list and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadPatients(m.store)}
	if m.opts.Theme == ThemeAuto || m.opts.Theme == "" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update handles a message. It does no I/O: store calls go out as commands.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		if m.dialog != nil && !m.opts.Accessible {
			cmd, _ = m.dialog.update(m.formSize())
		}
	case tea.BackgroundColorMsg:
		if m.opts.Theme == ThemeAuto || m.opts.Theme == "" {
			m.styles, m.dark = NewStyles(msg.IsDark(), false), msg.IsDark()
			m.help.Styles = m.styles.Help
		}
	case patientsLoadedMsg:
		if msg.err != nil {
			m.setStatus("Could not read the patient list: "+msg.err.Error(), true)
			break
		}
		m.list.set(msg.list)
		if m.status == loadingStatus {
			m.setStatus(countPatients(len(msg.list)), false)
		}
		if m.opts.Demo && len(msg.list) == 1 && m.screen == screenPatients && !m.list.opened {
			// The demo opens straight on its patient.
			m.list.opened, m.opening = true, msg.list[0].ID
			cmd = loadPatient(m.store, msg.list[0].ID)
		}
	case patientLoadedMsg:
		// A change made without a form is done once its patient is read
		// again (or cannot be).
		m.busy = false
		if msg.err != nil {
			m.setStatus("Could not open the patient: "+msg.err.Error(), true)
			break
		}
		if msg.file.Patient.ID != m.opening {
			break
		}
		if msg.then == editPatient {
			cmd = m.open(patientForm(msg.file.Patient, m.width, m.opts.Accessible))
			break
		}
		m.ws.set(msg.file, msg.programs, m.opts.Today)
		m.screen = screenWorkspace
		switch msg.then {
		case openApproval:
			m.ws.tab = tabApproval
		case openAssistance:
			m.ws.tab = tabAssistance
		}
	case programsLoadedMsg:
		m.catalog.set(msg.programs, msg.err)
	case useGrantMsg:
		if m.busy {
			m.setStatus("Still saving the last change: press u again in a moment.", false)
			break
		}
		cmd = m.useGrant(msg)
		m.busy = cmd != nil
	case agendaLoadedMsg:
		m.agenda.set(msg.items, msg.err)
	case showLetterMsg:
		text, err := report.Letter(msg.kind, &m.ws.file, msg.course, m.opts.Today)
		if err != nil {
			m.setStatus(sentence(err.Error()), true)
			break
		}
		m.letter = &letterView{kind: msg.kind, patient: m.ws.file.Patient.ID, markdown: text,
			fileName: msg.kind.FileName(m.ws.file.Patient.Name, m.opts.Today)}
		m.setStatus("A draft: read it through, then press w to write it to a file you can edit.", false)
	case writeLetterMsg:
		if m.letter != nil {
			m.setStatus("Writing the letter…", false)
			cmd = writeLetter(msg.path, m.letter.markdown, msg.replace)
		}
	case letterWrittenMsg:
		switch {
		case msg.exists && m.letter != nil:
			m.confirm = &confirmDialog{question: "There is already a file " + msg.path + ". Replace it with this letter?",
				yes: func() tea.Msg { return writeLetterMsg{path: msg.path, replace: true} }, action: "replace it", kept: "The file was left as it was."}
		case msg.err != nil:
			m.setStatus("Could not write the letter to "+msg.path+": "+msg.err.Error()+".", true)
		default:
			m.setStatus("Wrote the letter to "+msg.path+". It is a draft: edit it before sending.", false)
		}
	case accessibleDoneMsg:
		switch {
		case m.dialog == nil:
		case msg.err != nil:
			m.dialog = nil
			m.setStatus("The form was not finished: "+msg.err.Error()+". Nothing was saved.", true)
		default:
			cmd = m.submit(m.dialog)
		}
	case savedMsg:
		if msg.err != nil {
			m.busy = false
			verb := "Could not save: "
			if msg.deleting {
				verb = "Could not delete: "
			}
			m.setStatus(verb+msg.err.Error()+" — nothing was changed.", true)
			if m.dialog != nil && m.dialog.retry != nil {
				m.dialog.retry.typed = true
				cmd = m.open(m.dialog.retry)
			} else {
				m.dialog = nil
			}
			break
		}
		m.dialog = nil
		m.setStatus(msg.status, false)
		switch {
		case m.screen == screenPrograms:
			cmd = loadPrograms(m.store)
		case msg.deleted || m.screen == screenPatients:
			m.screen, m.opening = screenPatients, ""
			cmd = loadPatients(m.store)
		case m.screen != screenWorkspace || m.ws.file.Patient.ID != msg.patient:
			// The person moved on while it saved: read the list again, and
			// stay where they are.
			m.busy = false
			cmd = loadPatients(m.store)
		default:
			m.opening, m.ws.focus = msg.patient, msg.focus
			cmd = tea.Batch(loadPatient(m.store, msg.patient), loadPatients(m.store))
		}
	case tea.KeyPressMsg:
		var quit bool
		m, cmd, quit = m.handleKey(msg)
		if quit {
			return m, tea.Quit
		}
	default:
		// Anything else an open form asked for (cursor blinks, focus). An
		// accessible form is answered outside the app and takes none: a
		// message would put back the values its prompts set.
		if m.dialog == nil || m.opts.Accessible {
			return m, nil // nothing on screen changes
		}
		cmd = m.updateDialog(msg)
	}
	m.render()
	return m, cmd
}

// open shows a form dialog.
func (m *Model) open(d *formDialog) tea.Cmd {
	m.dialog, m.overlay = d, overlayNone
	d.retry, d.saving = nil, false
	if m.opts.Accessible {
		return tea.Exec(&accessibleRun{form: d.form}, func(err error) tea.Msg { return accessibleDoneMsg{err} })
	}
	init := d.form.Init()
	// Size the form to the space it has now, without waiting for the
	// terminal to answer its own request.
	size, _ := d.update(m.formSize())
	return tea.Batch(init, size)
}

// formSize is the space a form gets: the body, less the dialog's title and
// the form's error and help lines.
func (m *Model) formSize() tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: min(m.width, 100), Height: max(3, m.bodyHeight()-5)}
}

// updateDialog passes a message to the open form; a submitted form's
// records are saved in one transaction, and the form stays (as its retry)
// until the save is done, so a failed save loses nothing typed.
func (m *Model) updateDialog(msg tea.Msg) tea.Cmd {
	d := m.dialog
	if d.saving {
		return nil
	}
	cmd, submitted := d.update(msg)
	if !submitted {
		return cmd
	}
	return m.submit(d)
}

// submit saves what a completed form holds, or opens the form that follows
// it.
func (m *Model) submit(d *formDialog) tea.Cmd {
	if d.then != nil {
		if next := d.then(); next != nil {
			return m.open(next)
		}
	}
	if d.act != nil {
		m.dialog = nil
		msg := d.act()
		return func() tea.Msg { return msg }
	}
	records, status, err := d.save(d.vals)
	if err != nil {
		m.setStatus(err.Error()+" — nothing was saved; correct it and submit again.", true)
		if d.retry != nil {
			d.retry.typed = true
			return m.open(d.retry)
		}
		m.dialog = nil
		return nil
	}
	d.saving = true
	m.setStatus("Saving…", false)
	return saveRecords(m.store, records, status, records[0].Owner())
}

// dialogKey handles a key while a form or question is open.
func (m Model) dialogKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if c := m.confirm; c != nil {
		m.confirm = nil
		if msg.String() == "y" || msg.String() == "Y" {
			return m, c.yes
		}
		kept := c.kept
		if kept == "" {
			kept = "Nothing was deleted."
		}
		m.setStatus(kept, false)
		return m, nil
	}
	d := m.dialog
	d.explain = ""
	if d.confirmingDiscard {
		switch msg.String() {
		case "y", "Y":
			m.dialog = nil
			m.setStatus("Changes discarded.", false)
		case "n", "N", "esc":
			d.confirmingDiscard = false
		}
		return m, nil
	}
	// ? on a field with a term behind it explains the term; those fields
	// take money, percentages or choices, never a question mark.
	if msg.String() == "?" {
		if f := d.form.GetFocusedField(); f != nil {
			if term, ok := termFor(f.GetKey()); ok {
				d.explain = term.Name + ": " + term.Meaning
				return m, nil
			}
		}
	}
	if d.saving {
		return m, nil // the save is under way
	}
	if msg.String() == "esc" {
		if d.typed || d.vals.changed() {
			d.confirmingDiscard = true
		} else {
			m.dialog = nil
		}
		return m, nil
	}
	return m, m.updateDialog(msg)
}

// handleKey routes a key press: overlays first, then keys every screen
// shares, then the screen's own.
func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	if key.Matches(msg, key.NewBinding(key.WithKeys("ctrl+c"))) {
		// Quitting from a changed form asks first, as esc does; a second
		// ctrl+c quits.
		if d := m.dialog; d != nil && !d.confirmingDiscard && !d.saving && !m.opts.Accessible && (d.typed || d.vals.changed()) {
			d.confirmingDiscard = true
			return m, nil, false
		}
		return m, nil, true
	}
	if m.dialog != nil && m.opts.Accessible && m.confirm == nil {
		return m, nil, false // the form is being answered at its prompts
	}
	if m.dialog != nil || m.confirm != nil {
		m, cmd := m.dialogKey(msg)
		return m, cmd, false
	}
	if m.overlay != overlayNone {
		if key.Matches(msg, k.Back, k.Help, k.Glossary, k.Rules, k.Quit) {
			m.overlay = overlayNone
		} else {
			scrollKey(msg, k, &m.overlayScroll)
		}
		return m, nil, false
	}
	if m.screen == screenPatients && m.list.filtering {
		m.list.filterKey(msg)
		return m, nil, false
	}
	if m.screen == screenPrograms && m.catalog.filtering {
		m.catalog.key(msg, k)
		return m, nil, false
	}
	if m.letter != nil && !key.Matches(msg, k.Quit, k.Privacy, k.Help) {
		return m, m.letterKey(msg), false
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, nil, true
	case key.Matches(msg, k.Help):
		m.overlay, m.overlayScroll = overlayHelp, 0
		return m, nil, false
	case key.Matches(msg, k.Glossary):
		m.overlay, m.overlayScroll = overlayGlossary, 0
		return m, nil, false
	case key.Matches(msg, k.Rules):
		m.overlay, m.overlayScroll = overlayRules, 0
		return m, nil, false
	case key.Matches(msg, k.Privacy):
		m.privacy = !m.privacy
		m.list.privacy = m.privacy
		m.list.refilter()
		if m.privacy {
			m.setStatus("Privacy mode on: other patients' names, member IDs and notes are hidden.", false)
		} else {
			m.setStatus("Privacy mode off.", false)
		}
		return m, nil, false
	}
	if key.Matches(msg, k.Programs) && m.screen != screenPrograms {
		m.before, m.screen, m.catalog.loaded = m.screen, screenPrograms, false
		return m, loadPrograms(m.store), false
	}
	if key.Matches(msg, k.Agenda) && m.screen != screenAgenda && m.screen != screenPrograms {
		m.screen, m.opening, m.agenda.loaded = screenAgenda, "", false
		return m, tea.Batch(loadAgenda(m.store), loadPatients(m.store)), false
	}
	switch m.screen {
	case screenPrograms:
		return m, m.catalogAction(msg), false
	case screenAgenda:
		if key.Matches(msg, k.Back) {
			m.screen = screenPatients
			return m, loadPatients(m.store), false
		}
		if it, ok := m.agenda.key(msg, k); ok {
			m.opening, m.fromAgenda = it.PatientID, true
			then := openApproval
			if it.Kind == planner.AgendaApplication {
				then = openAssistance
			}
			return m, loadPatientFor(m.store, it.PatientID, then), false
		}
	case screenPatients:
		m.fromAgenda = false
		switch {
		case key.Matches(msg, k.New):
			return m, m.open(patientForm(planner.PatientRecord{}, m.width, m.opts.Accessible)), false
		case key.Matches(msg, k.Edit):
			if s, ok := m.list.selected(); ok {
				m.opening = s.ID
				return m, loadPatientFor(m.store, s.ID, editPatient), false
			}
		case key.Matches(msg, k.Delete):
			if s, ok := m.list.selected(); ok {
				name := m.list.displayName(m.list.shown[m.list.cursor], m.privacy)
				m.confirm = &confirmDialog{
					question: "Delete the patient '" + name + "' and everything recorded about them? This cannot be undone.",
					yes:      deleteRecord(m.store, &planner.PatientRecord{ID: s.ID}, "Deleted patient '"+name+"'.", s.ID),
				}
			}
			return m, nil, false
		}
		if key.Matches(msg, k.Back) {
			m.opening = "" // esc also cancels a patient still being opened
		}
		if id, ok := m.list.key(msg, k); ok {
			m.opening = id
			return m, loadPatient(m.store, id), false
		}
	case screenWorkspace:
		if key.Matches(msg, k.Back) && m.fromAgenda {
			m.screen, m.opening, m.fromAgenda = screenAgenda, "", false
			return m, tea.Batch(loadAgenda(m.store), loadPatients(m.store)), false
		}
		if key.Matches(msg, k.Back) {
			m.screen, m.opening = screenPatients, ""
			return m, loadPatients(m.store), false
		}
		if cmd, handled := m.workspaceAction(msg); handled {
			return m, cmd, false
		}
		m.ws.key(msg, k)
	}
	return m, nil, false
}

// workspaceAction handles new, edit, delete and copy on the workspace's
// tabs.
func (m *Model) workspaceAction(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k, ws, f := m.keys, &m.ws, &m.ws.file
	w, a := m.width, m.opts.Accessible
	if ws.tab == tabApproval {
		return m.approvalAction(msg)
	}
	if ws.tab == tabAssistance {
		return m.assistanceAction(msg)
	}
	if key.Matches(msg, k.Letter) {
		if len(f.Courses) == 0 {
			m.setStatus("A letter is about a treatment course: add one first (tab 3, then n).", true)
			return nil, true
		}
		return m.open(letterChooser(f, w, a)), true
	}
	switch {
	case key.Matches(msg, k.New):
		switch ws.tab {
		case tabInsurance:
			return m.open(planForm(f.Patient.ID, planner.PlanRecord{}, m.opts.Today, w, a)), true
		case tabTreatment:
			return m.open(courseForm(f, planner.CourseRecord{}, m.store.NewID, w, a)), true
		case tabScenarios, tabCompare:
			if len(f.Courses) == 0 {
				m.setStatus("Add a treatment course first: tab 3, then n.", true)
				return nil, true
			}
			return m.open(scenarioForm(f, planner.ScenarioRecord{}, w, a)), true
		}
	case key.Matches(msg, k.Edit):
		switch ws.tab {
		case tabOverview:
			return m.open(patientForm(f.Patient, w, a)), true
		case tabInsurance:
			if p, ok := ws.selectedPlan(); ok {
				return m.open(planForm(f.Patient.ID, p, m.opts.Today, w, a)), true
			}
		case tabTreatment:
			if c, ok := ws.selectedCourse(); ok {
				return m.open(courseForm(f, c, m.store.NewID, w, a)), true
			}
		case tabScenarios, tabCompare:
			if s, ok := ws.selectedScenario(); ok {
				return m.open(scenarioForm(f, s, w, a)), true
			}
		}
	case key.Matches(msg, k.Copy):
		if s, ok := ws.selectedScenario(); ok && (ws.tab == tabScenarios || ws.tab == tabCompare) {
			s.ID, s.Stamp, s.Name = "", planner.Stamp{}, "Copy of "+s.Name
			return saveRecords(m.store, []planner.Record{&s}, "Saved scenario '"+s.Name+"'", f.Patient.ID), true
		}
	case key.Matches(msg, k.Delete):
		var r planner.Record
		var what string
		switch ws.tab {
		case tabInsurance:
			if p, ok := ws.selectedPlan(); ok {
				r, what = &p, "the plan '"+p.Name+"'"
			}
		case tabTreatment:
			if c, ok := ws.selectedCourse(); ok {
				r, what = &c, "the course '"+c.Name+"'"+courseRecords(f, c.ID)
			}
		case tabScenarios, tabCompare:
			if s, ok := ws.selectedScenario(); ok {
				r, what = &s, "the scenario '"+s.Name+"'"
			}
		}
		if r != nil {
			m.confirm = &confirmDialog{question: "Delete " + what + "? This cannot be undone.",
				yes: deleteRecord(m.store, r, "Deleted "+what+".", f.Patient.ID)}
			return nil, true
		}
	}
	return nil, false
}

// courseRecords lists, for the question before deleting a course, the
// records that go with it.
func courseRecords(f *planner.PatientFile, course planner.ID) string {
	var parts []string
	count := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, itoa(n)+" "+many)
		}
	}
	n := 0
	for _, s := range f.Scenarios {
		if s.CourseID == course {
			n++
		}
	}
	count(n, "scenario", "scenarios")
	n = 0
	open := 0
	for i := range f.Denials {
		if d := &f.Denials[i]; d.CourseID == course {
			n++
			if len(d.Deadlines()) > 0 {
				open++
			}
		}
	}
	count(n, "denial", "denials")
	n = 0
	for _, p := range f.PreAuthorizations {
		if p.CourseID == course {
			n++
		}
	}
	count(n, "pre-authorization", "pre-authorizations")
	_, total := f.ChecklistProgress(course)
	count(total, "checklist document", "checklist documents")
	n = 0
	for _, g := range f.Estimates {
		if g.CourseID == course {
			n++
		}
	}
	count(n, "Good Faith Estimate", "Good Faith Estimates")
	if len(parts) == 0 {
		return ""
	}
	text := " with its " + strings.Join(parts, ", ")
	if open > 0 {
		text += " (a denial still has a deadline open)"
	}
	return text
}

// approvalAction handles the Approval tab's keys: add, log a call, edit,
// delete, mark, and draft a letter.
func (m *Model) approvalAction(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k, ws, f := m.keys, &m.ws, &m.ws.file
	w, a, today := m.width, m.opts.Accessible, m.opts.Today
	switch {
	case key.Matches(msg, k.New):
		return m.open(addChooser(f, today, m.now(), w, a)), true
	case key.Matches(msg, k.Call):
		return m.open(contactForm(f, planner.Contact{}, m.now(), w, a)), true
	case key.Matches(msg, k.Letter):
		if len(f.Courses) == 0 {
			m.setStatus("A letter is about a treatment course: add one first (tab 3, then n).", true)
			return nil, true
		}
		return m.open(letterChooser(f, w, a)), true
	case key.Matches(msg, k.Edit):
		if it, ok := ws.selectedItem(); ok {
			return m.open(editItemForm(f, it, today, m.now(), w, a)), true
		}
		return m.open(patientForm(f.Patient, w, a)), true
	case key.Matches(msg, k.Delete):
		if it, ok := ws.selectedItem(); ok {
			r, what := ws.itemRecord(it)
			m.confirm = &confirmDialog{question: "Delete " + what + "? This cannot be undone.",
				yes: deleteRecord(m.store, r, "Deleted "+what+".", f.Patient.ID)}
		}
		return nil, true
	case key.Matches(msg, k.Mark):
		if m.busy {
			return nil, true // the last mark is being saved; the records on screen are not yet the new ones
		}
		if it, ok := ws.selectedItem(); ok {
			r, status := ws.markItem(it)
			if r == nil {
				m.setStatus(status, false)
				return nil, true
			}
			m.busy = true
			m.setStatus("Saving…", false)
			return saveRecords(m.store, []planner.Record{r}, status, f.Patient.ID), true
		}
		return nil, true
	}
	return nil, false
}

// catalogAction handles a key on the programs catalog.
func (m *Model) catalogAction(msg tea.KeyPressMsg) tea.Cmd {
	k, w, a := m.keys, m.width, m.opts.Accessible
	switch {
	case key.Matches(msg, k.Back) && m.catalog.filter != "":
		m.catalog.filter = ""
		m.catalog.refilter()
		return nil
	case key.Matches(msg, k.Back):
		m.screen = m.before
		if m.screen == screenWorkspace {
			return loadPatient(m.store, m.ws.file.Patient.ID)
		}
		return nil
	case key.Matches(msg, k.New):
		return m.open(programForm(planner.Program{}, w, a))
	case key.Matches(msg, k.Edit):
		if p, ok := m.catalog.selected(); ok {
			return m.open(programForm(p, w, a))
		}
	case key.Matches(msg, k.Delete):
		if p, ok := m.catalog.selected(); ok {
			m.confirm = &confirmDialog{question: "Delete the program '" + p.Name + "' from the catalog? This cannot be undone.",
				yes: deleteRecord(m.store, &p, "Deleted the program '"+p.Name+"'.", "")}
		}
		return nil
	}
	m.catalog.key(msg, k)
	return nil
}

// assistanceAction handles the Assistance tab's keys: applications, and
// counting a grant in a scenario.
func (m *Model) assistanceAction(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k, ws, f := m.keys, &m.ws, &m.ws.file
	w, a, today := m.width, m.opts.Accessible, m.opts.Today
	switch {
	case key.Matches(msg, k.New):
		if len(ws.programs) == 0 {
			m.setStatus("There are no programs to apply to yet: press p to open the catalog and add one.", true)
			return nil, true
		}
		return m.open(applicationForm(f, ws.programs, planner.Application{}, today, w, a)), true
	case key.Matches(msg, k.Edit):
		if app, ok := ws.selectedApplication(); ok {
			return m.open(applicationForm(f, ws.programs, app, today, w, a)), true
		}
		return m.open(patientForm(f.Patient, w, a)), true
	case key.Matches(msg, k.Delete):
		if app, ok := ws.selectedApplication(); ok {
			what := "the application to " + ws.programName(app.ProgramID)
			question := "Delete " + what + "? This cannot be undone."
			if in := countedIn(f, app.ID); len(in) > 0 {
				question += " Its grant stays in " + strings.Join(in, ", ") + " until you take it out there (tab 4)."
			}
			m.confirm = &confirmDialog{question: question,
				yes: deleteRecord(m.store, &app, "Deleted "+what+".", f.Patient.ID)}
		}
		return nil, true
	case key.Matches(msg, k.UseGrant):
		app, ok := ws.selectedApplication()
		switch {
		case !ok:
			m.setStatus("Record an application first (n); once it is sent or awarded, u counts it in a scenario.", true)
		case len(f.Scenarios) == 0:
			m.setStatus("There is no funding scenario to count the grant in: add one on tab 4.", true)
		default:
			if _, err := planner.GrantSource(app, ws.programName(app.ProgramID)); err != nil {
				m.setStatus(sentence(err.Error())+".", true)
				return nil, true
			}
			return m.open(useGrantForm(f, app, ws.programName(app.ProgramID), w, a)), true
		}
		return nil, true
	}
	return nil, false
}

// useGrant puts an application's grant into a scenario and saves it.
func (m *Model) useGrant(msg useGrantMsg) tea.Cmd {
	f := &m.ws.file
	ai := slices.IndexFunc(f.Applications, func(a planner.Application) bool { return a.ID == msg.application })
	si := slices.IndexFunc(f.Scenarios, func(s planner.ScenarioRecord) bool { return s.ID == msg.scenario })
	if ai < 0 || si < 0 {
		m.setStatus("That application or scenario is no longer there: nothing was changed.", true)
		return nil
	}
	app := f.Applications[ai]
	s, status, err := withGrant(f.Scenarios[si], app, m.ws.program(app.ProgramID))
	if err != nil {
		m.setStatus(sentence(err.Error())+".", true)
		return nil
	}
	m.setStatus("Saving…", false)
	return saveRecords(m.store, []planner.Record{&s}, status, f.Patient.ID)
}

func (m *Model) setStatus(s string, failed bool) {
	m.status, m.failed = s, failed
}

func countPatients(n int) string {
	switch n {
	case 0:
		return "No patients yet."
	case 1:
		return "1 patient."
	}
	return itoa(n) + " patients."
}

// render draws the current screen into m.body, for the space the frame
// leaves it, and the whole window into m.frame.
func (m *Model) render() {
	m.renderBody()
	m.frame = m.renderFrame()
}

func (m *Model) renderBody() {
	w, h := m.width, m.bodyHeight()
	switch {
	case m.confirm != nil:
		action := m.confirm.action
		if action == "" {
			action = "delete"
		}
		m.body = m.styles.Warning.Render("Please confirm") + "\n\n" + wrap(m.confirm.question, w, "") + "\n\nPress y to " + action + ", or any other key to keep it."
	case m.dialog != nil && m.opts.Accessible:
		m.body = "Answering the form " + m.dialog.title + "…"
	case m.dialog != nil:
		m.body = m.scrolled(m.dialog.render(w, m.styles), w, h)
	case m.overlay == overlayHelp:
		m.body = m.scrolled(m.renderHelp(w), w, h)
	case m.overlay == overlayGlossary:
		m.body = m.scrolled(m.renderGlossary(w), w, h)
	case m.overlay == overlayRules:
		m.body = m.scrolled(m.renderRules(w), w, h)
	case m.letter != nil:
		m.body = m.letterBody(w, h)
	case m.screen == screenPrograms:
		m.body = m.catalog.render(w, h, m.styles, m.opts.Today, m.opts.Accessible)
	case m.screen == screenAgenda:
		m.body = m.agenda.render(w, h, m.styles, m.opts.Today, m.opts.Accessible, m.privacy, m.agendaName)
	case m.screen == screenWorkspace:
		m.body = m.ws.render(w, h, m.styles, m.opts.Accessible)
	default:
		m.body = m.list.render(w, h, m.styles, m.opts.Accessible, m.privacy)
	}
}

// scrolled wraps an overlay's text to the width and shows the part the
// overlay's scroll points at.
func (m *Model) scrolled(text string, w, h int) string {
	lines := wrapLines(strings.Split(strings.TrimRight(text, "\n"), "\n"), w)
	m.overlayScroll = min(m.overlayScroll, max(0, len(lines)-h))
	return strings.Join(lines[m.overlayScroll:min(len(lines), m.overlayScroll+h)], "\n")
}

// bodyHeight is what the title bar, status lines and key bar leave.
func (m *Model) bodyHeight() int { return max(0, m.height-2-len(m.statusLines())) }

// statusLines is the status, word-wrapped to the width, on at most two
// lines.
func (m *Model) statusLines() []string {
	lines := strings.Split(ansi.Wordwrap(m.status, max(1, m.width), ""), "\n")
	if len(lines) > 2 {
		lines[1] = cut(lines[1]+" "+strings.Join(lines[2:], " "), max(1, m.width))
		lines = lines[:2]
	}
	return lines
}

// View returns the window as render last drew it.
func (m Model) View() tea.View {
	v := tea.NewView(m.frame)
	v.AltScreen = true
	v.WindowTitle = "carecost"
	return v
}

// renderFrame puts the window together: title bar, the screen, the status
// line and the key bar. No line is wider than the window.
func (m *Model) renderFrame() string {
	var content string
	if m.width < minWidth || m.height < minHeight {
		content = fit(ansi.Wordwrap("Please enlarge the window (at least 40×12).", max(1, m.width), ""), m.width, m.height)
	} else {
		title := "carecost"
		if m.opts.Demo {
			title += " — Demo — nothing is saved to your file"
		}
		if m.privacy {
			title += " — privacy mode"
		}
		switch {
		case m.overlay != overlayNone:
		case m.screen == screenWorkspace:
			title += " — " + m.ws.title()
		case m.screen == screenAgenda:
			title += " — agenda"
		case m.screen == screenPrograms:
			title += " — assistance programs"
		}
		style := m.styles.Status
		if m.failed {
			style = m.styles.StatusError
		}
		status := style.Render(strings.Join(m.statusLines(), "\n"))
		bar := m.help.ShortHelpView(m.screenHelp().ShortHelp())
		if m.opts.Accessible {
			bar = "Keys: " + plainKeys(m.screenHelp().ShortHelp())
		}
		content = fit(strings.Join([]string{
			m.styles.Title.Render(title),
			padLines(m.body, m.bodyHeight()),
			status,
			bar,
		}, "\n"), m.width, m.height)
	}
	return content
}

func (m Model) screenHelp() keyHelp {
	switch {
	case m.confirm != nil || (m.dialog != nil && m.dialog.confirmingDiscard):
		return confirmHelp()
	case m.dialog != nil:
		return formHelp()
	}
	switch {
	case m.letter != nil:
		return m.keys.letterHelp()
	case m.screen == screenAgenda:
		return m.keys.agendaHelp()
	case m.screen == screenPrograms:
		return m.keys.programsHelp()
	case m.screen == screenWorkspace && m.ws.tab == tabApproval:
		return m.keys.approvalHelp()
	case m.screen == screenWorkspace:
		return m.keys.workspaceHelp()
	}
	return m.keys.listHelp()
}

// renderHelp lists every key of the current screen, one a line, so it
// reads the same at any width.
func (m Model) renderHelp(w int) string {
	var b strings.Builder
	b.WriteString(m.styles.Title.Render("All keys on this screen") + " (esc closes)\n")
	for _, group := range m.screenHelp().FullHelp() {
		b.WriteString("\n")
		for _, k := range group {
			b.WriteString("  " + m.styles.Help.FullKey.Render(padRight(k.Help().Key, 12)) + " " + k.Help().Desc + "\n")
		}
	}
	b.WriteString("\n  " + m.styles.Help.FullKey.Render(padRight("pgup/pgdown", 12)) + " scroll a long screen\n")
	return b.String()
}

// renderRules lists the rules carecost applies, each with the year it
// was checked for and its source.
func (m Model) renderRules(w int) string {
	var b strings.Builder
	b.WriteString(m.styles.Title.Render("The rules carecost applies") + "  (esc closes)\n\n")
	b.WriteString(wrap("Each rule with the year it was checked for and where it comes from. A date printed on your own notice wins over any of these.", w, "") + "\n\n")
	rules := slices.Clone(planner.ApprovalRules)
	tables := planner.PovertyTables()
	for _, t := range tables {
		r := t.Rule()
		rules = append(rules, &r)
	}
	for i, r := range rules {
		b.WriteString(m.styles.Title.Render(r.Name) + "\n")
		b.WriteString(wrap(r.Value+".", max(10, w-2), "  ") + "\n")
		b.WriteString(wrap("Source: "+r.Source+" (as of "+itoa(r.Year)+")", max(10, w-2), "  ") + "\n")
		// An older poverty table is right for programs that name its
		// year: only the newest is checked against today.
		stale := r.Year
		if i >= len(planner.ApprovalRules) {
			stale = planner.NewestGuidelineYear()
		}
		if y, _, _ := m.opts.Today.Civil(); !m.opts.Today.IsZero() && y > stale {
			b.WriteString(wrap(m.styles.Warning.Render("Warning:")+" this rule was checked for "+itoa(r.Year)+"; check that it still holds.", max(10, w-2), "  ") + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// agendaName is how the agenda names an item's patient: hidden in privacy
// mode, numbered as on the patient list.
func (m Model) agendaName(it planner.AgendaItem) string {
	if !m.privacy {
		return it.Patient
	}
	if i, ok := m.list.index()[it.PatientID]; ok {
		return m.list.displayName(i, true)
	}
	return "A patient (hidden)"
}

// sentence starts text with a capital letter.
func sentence(text string) string {
	if text == "" {
		return text
	}
	return strings.ToUpper(text[:1]) + text[1:]
}

// now is the app's clock.
func (m *Model) now() time.Time {
	if m.opts.Now != nil {
		return m.opts.Now()
	}
	return time.Now()
}

func (m Model) renderGlossary(w int) string {
	var b strings.Builder
	b.WriteString(m.styles.Title.Render("Glossary") + "  (esc closes)\n\n")
	for _, t := range Glossary {
		b.WriteString(m.styles.Title.Render(t.Name) + "\n")
		b.WriteString(wrap(t.Meaning, max(10, w-2), "  ") + "\n")
	}
	return b.String()
}

// scrollKey moves a scrolled screen by a line (up, down) or ten (page up,
// page down, space); it reports whether the key was one of those. The
// screen's drawing keeps the scroll within its lines.
func scrollKey(msg tea.KeyPressMsg, k KeyMap, scroll *int) bool {
	switch {
	case key.Matches(msg, k.Down):
		*scroll++
	case key.Matches(msg, k.Up):
		*scroll = max(0, *scroll-1)
	case msg.String() == "pgdown" || msg.String() == "space":
		*scroll += 10
	case msg.String() == "pgup":
		*scroll = max(0, *scroll-10)
	default:
		return false
	}
	return true
}

// plainKeys lists keys in words, for screen readers: no arrows.
func plainKeys(bindings []key.Binding) string {
	words := strings.NewReplacer("↑", "up", "↓", "down", "→", "right", "←", "left", "/", " or ")
	parts := make([]string, 0, len(bindings))
	for _, b := range bindings {
		k := b.Help().Key
		if k != "/" {
			k = words.Replace(k)
		}
		parts = append(parts, k+" "+b.Help().Desc)
	}
	return strings.Join(parts, ", ")
}

// fit cuts text to the window: at most h lines, none wider than w.
func fit(text string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(text, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// padLines makes text exactly h lines, cutting or padding with blank lines.
func padLines(text string, h int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
