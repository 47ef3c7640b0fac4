package tui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
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
	// Files writes letters to files; nil: the app writes none.
	Files Files
	// LockAfter is how long without a key pressed locks the app (see
	// idleLock); 0 never does.
	LockAfter time.Duration
	// Remote is a session of the team server: nothing the person does
	// runs or writes anything on the server's machine (no files, no
	// clipboard program); Remote names the commands that send documents
	// to them instead, like "ssh -p 23234 carecost.example.org".
	Remote string
}

// Changed tells a session of the team server that someone else saved or
// deleted records of a patient (Patient "" for the programs catalog): the
// app reads them again and says so.
type Changed struct {
	By      string
	Patient planner.ID
	Kind    string // "scenario", or GrantChange
	Deleted bool
}

// GrantChange is the Kind of a Changed that says an admin changed what
// this advocate may see: granted the patient (or, Deleted, revoked them),
// or took the advocate off the team (no patient, Deleted).
const GrantChange = "grant"

// Minimum window size for the full layout; below it the app asks for more
// room rather than draw a broken screen.
const (
	minWidth  = 40
	minHeight = 12
)

// screen is what lies under the modals: the patient list, a patient's
// workspace, or the agenda.
type screen int

const (
	screenPatients screen = iota
	screenWorkspace
	screenAgenda
)

// Model is the root of the app. It owns routing, the status line and the
// modal stack; it applies the actions screens, tabs and modals return,
// and nothing else decides what the app does.
type Model struct {
	store Store
	demo  bool
	ctx   *context
	help  help.Model
	// screen is the one under the modals.
	screen screen
	list   patientList
	ws     workspace
	agenda agenda
	// catalog is the programs catalog, kept between visits so it opens
	// where it was left.
	catalog *catalog
	modals  stack
	// fromAgenda: the open patient was opened from the agenda, so esc goes
	// back there.
	fromAgenda bool
	// busy: a change made without a form (x, u) is being saved; another
	// waits for it, so none works on records about to change.
	busy bool
	// opening is the patient whose records were last asked for: an answer
	// for any other (the person moved on) is dropped.
	opening planner.ID
	status  string
	failed  bool // the status reports a failure
	// said counts the statuses set, to tell a new one from an old.
	said int
	// frame is the whole window, drawn when anything changes (see render);
	// View only returns it.
	frame string
	lock  idleLock
}

// New returns the app on a store.
func New(st Store, opts Options) Model {
	c := &context{keys: DefaultKeyMap(), width: 80, height: 24, today: opts.Today, now: opts.Now,
		accessible: opts.Accessible, theme: opts.Theme, newID: st.NewID, files: opts.Files, remote: opts.Remote}
	if opts.Remote != "" {
		c.files = nil
	}
	c.restyle(opts.Theme != ThemeLight)
	m := Model{store: st, demo: opts.Demo, ctx: c, help: help.New(), ws: newWorkspace()}
	m.lock.after, m.lock.last = opts.LockAfter, c.clock()
	m.list.reading = true // Init reads it
	c.encrypted = m.encrypted()
	m.help.Styles = c.styles.Help
	m.setStatus(loadingStatus, false)
	if opts.Demo {
		m.setStatus(demoStatus, false)
	}
	m.render()
	return m
}

const loadingStatus = "Loading the patient list…"

// Init loads the patient list and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadFirstPatients(m.store), m.lock.tick()}
	if m.ctx.theme == ThemeAuto || m.ctx.theme == "" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update handles a message. It does no I/O: store calls go out as commands.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if _, ok := msg.(accessibleDoneMsg); ok {
		m.lock.last = m.ctx.clock() // its prompts were answered outside the app, key by key
	}
	if m.lock.on {
		switch msg.(type) {
		case patientsLoadedMsg, summariesMsg, patientLoadedMsg, agendaLoadedMsg, agendaMoreMsg, programsLoadedMsg, savedMsg,
			useGrantMsg, showLetterMsg, letterWrittenMsg, fileWrittenMsg, followedMsg, Changed, refreshedMsg:
			return m, nil // records read for a screen the lock has hidden
		}
	}
	switch msg := msg.(type) {
	case lockTickMsg:
		cmd = m.lockTicked()
	case unlockedMsg:
		cmd = m.unlocked(msg)
	case tea.WindowSizeMsg:
		m.ctx.width, m.ctx.height = msg.Width, msg.Height
		m.ctx.bodyHeight = m.bodyHeight()
		m.help.SetWidth(msg.Width)
		var cmds []tea.Cmd
		for _, d := range m.modals {
			cmds = append(cmds, m.apply(d.update(m.ctx, msg)))
		}
		cmd = tea.Batch(cmds...)
	case tea.BackgroundColorMsg:
		if m.ctx.theme == ThemeAuto || m.ctx.theme == "" {
			m.ctx.restyle(msg.IsDark())
			m.help.Styles = m.ctx.styles.Help
		}
	case tea.KeyPressMsg:
		// A status belongs to the screen it was said on: a key that moves
		// to another screen or tab, without saying anything new, leaves
		// the old words behind.
		screen, tab, said := m.screen, m.ws.tab, m.said
		cmd = m.key(msg)
		if (m.screen != screen || m.ws.tab != tab) && m.said == said && m.status != "" && m.status != demoStatus {
			m.setStatus("", false)
		}
	case patientsLoadedMsg:
		cmd = m.patientsLoaded(msg)
	case summariesMsg:
		cmd = m.summariesLoaded(msg)
	case patientLoadedMsg:
		cmd = m.patientLoaded(msg)
	case Changed:
		cmd = m.changedElsewhere(msg)
	case refreshedMsg:
		m.refreshed(msg)
	case followedMsg:
		if msg.err != nil {
			m.setStatus(sentence(msg.err.Error())+".", false)
		} else {
			status := msg.status
			if m.ctx.privacy {
				status = "Saved (details hidden)."
			}
			cmd = m.apply(saveRecords{records: []planner.Record{msg.record}, status: status, patient: msg.patient, exclusive: true,
				busy: "Another change is being saved: press it again in a moment."})
		}
	case agendaLoadedMsg:
		m.agenda.set(msg)
	case agendaMoreMsg:
		m.agenda.more(msg)
	case savedMsg:
		cmd = m.saved(msg)
	case useGrantMsg:
		cmd = m.apply(m.ws.useGrant(msg))
	case showLetterMsg:
		cmd = m.apply(m.ws.letter(m.ctx, msg))
	case programsLoadedMsg:
		// For the catalog, even with a form open over it.
		if m.catalog != nil {
			m.catalog.set(msg.programs, msg.err)
		}
	case fileWrittenMsg:
		cmd = m.fileWritten(msg)
	case letterWrittenMsg:
		// For the letter, even with a form open over it.
		l, ok := find[*letterView](m.modals)
		if !ok {
			cmd = m.apply(writtenStatus(msg))
			break
		}
		cmd = m.apply(l.written(msg))
	default:
		// Anything else is for a modal: a form's cursor blinks, an
		// accessible form answered. Nothing changes if none takes it.
		act := m.offer(msg)
		if isPass(act) {
			return m, nil
		}
		cmd = m.apply(act)
	}
	m.render()
	return m, cmd
}

// offer passes a message down the modal stack until one takes it.
func (m *Model) offer(msg tea.Msg) action {
	for i := len(m.modals) - 1; i >= 0; i-- {
		if act := m.modals[i].update(m.ctx, msg); !isPass(act) {
			return act
		}
	}
	return pass{}
}

func isPass(a action) bool {
	_, ok := a.(pass)
	return ok
}

// key routes a key press, in this order: ctrl+c (which a changed form may
// hold off, to ask first); the top modal; the keys every screen shares;
// the screen's own. A patient list's filter being typed takes every key.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.keys
	m.lock.last = m.ctx.clock()
	if m.lock.on && !key.Matches(msg, k.ForceQuit) {
		return m.lockKey(msg)
	}
	if key.Matches(msg, k.ForceQuit) {
		if g, ok := m.modals.top().(quitGuard); ok {
			if act := g.guardQuit(); act != nil {
				return m.apply(act)
			}
		}
		return tea.Quit
	}
	if top := m.modals.top(); top != nil {
		if act := top.update(m.ctx, msg); !isPass(act) {
			return m.apply(act)
		}
		return m.apply(m.globalKey(msg))
	}
	if m.screen == screenPatients && m.list.filtering {
		m.list.filterKey(m.ctx, msg)
		return nil
	}
	if act := m.globalKey(msg); !isPass(act) {
		return m.apply(act)
	}
	switch m.screen {
	case screenWorkspace:
		return m.apply(m.workspaceKey(msg))
	case screenAgenda:
		return m.apply(m.agendaKey(msg))
	}
	return m.apply(m.listKey(msg))
}

// globalKey handles the keys that work on every screen and over the
// modals that let them through.
func (m *Model) globalKey(msg tea.KeyPressMsg) action {
	k := &m.ctx.keys
	switch {
	case key.Matches(msg, k.Quit):
		return quit{}
	case key.Matches(msg, k.Help):
		return pushModal{newHelp(m.currentHelp())}
	case key.Matches(msg, k.Glossary):
		return pushModal{newGlossary()}
	case key.Matches(msg, k.Rules):
		return pushModal{newRules()}
	case key.Matches(msg, k.Files) && m.ctx.remote != "":
		// The team server writes nothing on its disk: documents go to the
		// person's own machine by a command they run there.
		which := "PATIENT"
		if m.screen == screenWorkspace {
			which = string(m.ws.file.Patient.ID)
		}
		return setStatus{"The team server writes no files. On your own machine: " + m.ctx.remote + " report " + which +
			" --format pdf > summary.pdf (or --format csv, markdown, json).", false}
	case key.Matches(msg, k.Files):
		var f *planner.PatientFile
		if m.screen == screenWorkspace {
			f = &m.ws.file
		}
		return pushModal{newFileMenu(m.ctx, m.store, f)}
	case key.Matches(msg, k.CopyText):
		return m.copyText()
	case key.Matches(msg, k.Privacy):
		m.ctx.privacy = !m.ctx.privacy
		m.list.refilter(m.ctx.privacy)
		if m.ctx.privacy {
			return setStatus{"Privacy mode on: other patients' names, member IDs and notes are hidden.", false}
		}
		return setStatus{"Privacy mode off.", false}
	}
	return pass{}
}

// apply does what an action asks.
func (m *Model) apply(a action) tea.Cmd {
	switch a := a.(type) {
	case actions:
		cmds := make([]tea.Cmd, 0, len(a))
		for _, one := range a {
			cmds = append(cmds, m.apply(one))
		}
		return tea.Batch(cmds...)
	case closeModal:
		if len(m.modals) > 0 {
			m.modals = m.modals[:len(m.modals)-1]
		}
	case replaceModal:
		if len(m.modals) > 0 {
			m.modals = m.modals[:len(m.modals)-1]
		}
		return m.push(a.m)
	case pushModal:
		return m.push(a.m)
	case saveRecords:
		if a.exclusive && m.busy {
			if a.busy != "" {
				m.setStatus(a.busy, false)
			}
			return nil
		}
		m.busy = m.busy || a.exclusive
		m.setStatus("Saving…", false)
		return saveCmd(m.store, a.records, a.status, a.patient)
	case deleteRecord:
		return deleteCmd(m.store, a.record, a.status, a.patient)
	case setStatus:
		m.setStatus(a.text, a.failed)
	case runCmd:
		return a.cmd
	case fileWrite:
		return writeFile(m.store, m.ctx.files, a)
	case quit:
		return tea.Quit
	case showScreen:
		m.screen, m.opening, m.fromAgenda = a.screen, "", false
		// The list is kept up to date as records change: showing it reads
		// nothing.
		if a.screen == screenAgenda {
			return m.agenda.reload(m.store)
		}
		return nil
	case openPatient:
		m.opening, m.fromAgenda = a.id, a.fromAgenda
		return loadPatient(m.store, a.id, a.then)
	case refreshPatient:
		if m.screen == screenWorkspace {
			return loadPatient(m.store, m.ws.file.Patient.ID, openWorkspace)
		}
	}
	return nil
}

// push opens a modal over the others.
func (m *Model) push(d modal) tea.Cmd {
	m.modals = append(m.modals, d)
	if o, ok := d.(opener); ok {
		return o.open(m.ctx)
	}
	return nil
}

func (m *Model) patientsLoaded(msg patientsLoadedMsg) tea.Cmd {
	if msg.err != nil {
		m.list.reading = false // the header no longer says the rest is coming
		m.setStatus("Could not read the patient list: "+msg.err.Error(), true)
		return nil
	}
	m.list.set(msg, m.ctx.privacy)
	if m.list.want != "" {
		m.list.selectID(m.list.want)
		m.list.want = ""
	}
	var cmd tea.Cmd
	switch {
	case msg.more:
		// The first page is on screen: the rest is read behind it.
		cmd = loadPatients(m.store)
	case len(m.list.stale) > 0:
		// Patients changed while the list was read, which may be older
		// than the changes: their entries are read again (and the count
		// said once they are in).
		cmd = loadSummaries(m.store, m.list.stale...)
		m.list.stale = nil
	case m.status == loadingStatus:
		m.setStatus(countPatients(len(msg.list)), false)
	}
	if m.demo && len(msg.list) == 1 && m.screen == screenPatients && !m.list.opened {
		// The demo opens straight on its patient.
		m.list.opened = true
		return tea.Batch(cmd, m.apply(openPatient{id: msg.list[0].ID}))
	}
	return cmd
}

// summariesLoaded puts the list entries read again after a change in
// their places.
func (m *Model) summariesLoaded(msg summariesMsg) tea.Cmd {
	if msg.err != nil {
		// The entries could not be read: the whole list is, instead.
		return m.readList()
	}
	m.list.update(msg.ids, msg.list, m.ctx.privacy)
	if m.list.want != "" {
		m.list.selectID(m.list.want) // unless the filter hides them
		m.list.want = ""
	}
	if m.status == loadingStatus && !m.list.partial {
		m.setStatus(countPatients(len(m.list.all)), false)
	}
	return nil
}

// listChanged reads the list entries of patients whose records changed;
// while the whole list is still being read, they are read once more after.
func (m *Model) listChanged(ids ...planner.ID) tea.Cmd {
	if m.list.reading {
		m.list.stale = append(m.list.stale, ids...)
	}
	return loadSummaries(m.store, ids...)
}

// readList reads the whole list again; a patient changed before it
// arrives has their entry read once more.
func (m *Model) readList() tea.Cmd {
	m.list.reading, m.list.stale = true, nil
	return loadPatients(m.store)
}

func (m *Model) patientLoaded(msg patientLoadedMsg) tea.Cmd {
	// A change made without a form is done once its patient is read again
	// (or cannot be).
	m.busy = false
	switch {
	case msg.err != nil && isDamage(msg.err):
		name := "The patient"
		if i, ok := m.list.position(m.opening); ok {
			name = m.list.displayName(i, m.ctx.privacy)
		}
		m.setStatus(name+"'s records cannot be read: the file is damaged where they are kept; the others are safe. "+
			"Quit and run carecost rescue NEWFILE to copy everything readable to a new file.", true)
	case msg.err != nil:
		m.setStatus("Could not open the patient: "+msg.err.Error(), true)
	case msg.file.Patient.ID != m.opening:
	case msg.then == editPatient:
		return m.push(patientForm(msg.file.Patient, m.ctx))
	default:
		if m.failed {
			m.setStatus("", false) // what failed before this is no longer the news
		}
		m.ws.set(msg.file, msg.programs, m.ctx.today)
		m.screen = screenWorkspace
		switch msg.then {
		case openApproval:
			m.ws.show(approvalTab{})
		case openAssistance:
			m.ws.show(assistanceTab{})
		}
	}
	return nil
}

// changedStatus says a save was refused because someone else saved the
// record first, where the two differ, and what to do.
func changedStatus(err error, form bool) string {
	s := "Not saved: " + err.Error() + "."
	var gone interface{ Gone() bool }
	if errors.As(err, &gone) && gone.Gone() {
		return s + " Esc closes the form; what you typed cannot be saved to a record that is no longer there."
	}
	var fields interface{ DifferingFields() []string }
	if errors.As(err, &fields) && len(fields.DifferingFields()) > 0 {
		s += " Yours and theirs differ in: " + strings.Join(fields.DifferingFields(), ", ") + "."
	}
	if form {
		return s + " What you typed is kept: ctrl+s saves it over theirs; esc keeps theirs."
	}
	return s + " What you see now is theirs: make the change again if it is still needed."
}

// changedElsewhere reads again what someone else changed, where it is
// shown, and says who changed what.
func (m *Model) changedElsewhere(msg Changed) tea.Cmd {
	if msg.Kind == GrantChange {
		return m.grantsChanged(msg)
	}
	whose := "the programs catalog"
	if msg.Patient != "" {
		whose = "a patient's records"
		if i, ok := m.list.position(msg.Patient); ok && !m.ctx.privacy {
			whose = m.list.all[i].Name + "'s records"
		}
	}
	verb := "changed"
	if msg.Deleted {
		verb = "deleted"
	}
	what := "a " + msg.Kind
	switch {
	case msg.Kind == "":
		what = "records"
	case strings.ContainsRune("aeiou", rune(msg.Kind[0])):
		what = "an " + msg.Kind // an application, an estimate
	}
	m.setStatus(msg.By+" "+verb+" "+what+" in "+whose+"; what you see is up to date.", false)
	var list tea.Cmd
	if msg.Patient != "" {
		list = m.listChanged(msg.Patient)
	}
	return tea.Batch(list, m.readShown(msg.Patient))
}

// readShown reads again what shows of a patient who changed elsewhere
// ("" for every patient): the agenda, or their records if open.
func (m *Model) readShown(patient planner.ID) tea.Cmd {
	switch {
	case m.screen == screenAgenda:
		return m.agenda.reload(m.store)
	case m.screen == screenWorkspace && (patient == "" || patient == m.ws.file.Patient.ID):
		return reloadChanged(m.store, m.ws.file.Patient.ID)
	}
	return nil
}

// grantsChanged reads again what an admin's grant or revoke changed: the
// patient's place in the list (every patient's, for a removal from the
// team), and the patient if open.
func (m *Model) grantsChanged(msg Changed) tea.Cmd {
	words := msg.By + " gave you a patient's records"
	if msg.Deleted {
		words = msg.By + " took a patient's records out of your list"
	}
	var list tea.Cmd
	if msg.Patient == "" {
		words = msg.By + " took you off the team: you can no longer open any patient's records"
		list = m.readList()
	} else {
		list = m.listChanged(msg.Patient)
	}
	m.setStatus(words+".", false)
	return tea.Batch(list, m.readShown(msg.Patient))
}

// refreshed shows a patient's records read again after a change
// elsewhere, if they are still open; a patient who can no longer be read
// (deleted, or the grant revoked) closes.
func (m *Model) refreshed(msg refreshedMsg) {
	if m.screen != screenWorkspace || m.ws.file.Patient.ID != msg.id {
		return
	}
	if msg.err != nil {
		m.screen, m.opening = screenPatients, ""
		m.setStatus("This patient's records can no longer be opened here: "+msg.err.Error(), true)
		return
	}
	m.ws.set(msg.file, msg.programs, m.ctx.today)
}

// saved answers a save or a delete: the form that asked is closed (or
// opened again with what was typed, if the save failed), and what changed
// is read again.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	waiting, _ := m.modals.top().(saver)
	if msg.err != nil {
		m.busy = false
		verb := "Could not save: "
		if msg.deleting {
			verb = "Could not delete: "
		}
		var maybe interface{ MaybeSaved() bool }
		var changed interface{ Changed() (planner.ID, int64) }
		switch {
		case errors.As(msg.err, &maybe) && maybe.MaybeSaved():
			m.setStatus(sentence(msg.err.Error())+".", true)
			// What the file holds now is read again, saved or not.
			reread := m.listChanged(msg.changedIDs()...)
			if waiting != nil {
				return tea.Batch(m.apply(waiting.saved(msg.err)), reread)
			}
			return reread
		case errors.As(msg.err, &changed):
			// What they saved is read again, to see after esc.
			m.setStatus(changedStatus(msg.err, waiting != nil), true)
			var reload tea.Cmd
			if m.screen == screenWorkspace {
				reload = reloadChanged(m.store, m.ws.file.Patient.ID)
			}
			if waiting != nil {
				return tea.Batch(m.apply(waiting.saved(msg.err)), reload)
			}
			return reload
		default:
			m.setStatus(verb+msg.err.Error()+" — nothing was changed.", true)
		}
		if waiting != nil {
			return m.apply(waiting.saved(msg.err))
		}
		return nil
	}
	var cmd tea.Cmd
	if waiting != nil {
		cmd = m.apply(waiting.saved(nil))
	}
	m.setStatus(msg.status, false)
	if r, ok := m.modals.top().(reloader); ok {
		return tea.Batch(cmd, r.reload(m.store))
	}
	switch {
	case msg.deleted || m.screen == screenPatients:
		m.screen, m.opening = screenPatients, ""
		if !msg.deleted {
			m.list.want = msg.focus // a new or edited patient is selected
		}
		return tea.Batch(cmd, m.listChanged(msg.changedIDs()...))
	case m.screen == screenAgenda:
		// Done or put off from the agenda: read it again.
		m.busy = false
		return tea.Batch(cmd, m.agenda.reload(m.store), m.listChanged(msg.changedIDs()...))
	case m.screen != screenWorkspace || m.ws.file.Patient.ID != msg.patient:
		// The person moved on while it saved: the list is brought up to
		// date, and they stay where they are.
		m.busy = false
		return tea.Batch(cmd, m.listChanged(msg.changedIDs()...))
	}
	m.opening, m.ws.focus = msg.patient, msg.focus
	return tea.Batch(cmd, loadPatient(m.store, msg.patient, openWorkspace), m.listChanged(msg.changedIDs()...))
}

// changedIDs is whose list entry a save may have changed: the patient's,
// and that of the record saved first, which is the patient when the
// patient is new.
func (msg savedMsg) changedIDs() []planner.ID {
	var ids []planner.ID
	for _, id := range []planner.ID{msg.patient, msg.focus} {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// demoStatus is what the status line says in the demo when it has
// nothing else to say.
const demoStatus = "Demo — nothing is saved to your file."

func (m *Model) setStatus(s string, failed bool) {
	if s == "" && m.demo {
		s = demoStatus
	}
	m.status, m.failed = s, failed
	m.said++
	m.ctx.bodyHeight = m.bodyHeight()
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
