package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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
)

type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlayGlossary
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
	privacy bool
	// overlayScroll is how far down the open overlay is scrolled.
	overlayScroll int
	status        string
	failed        bool // the status reports a failure
	// body is the current screen and frame the whole window, drawn when
	// the data, size or state changes (see render); View only returns it.
	body  string
	frame string
}

// New returns the app on a store.
func New(st Store, opts Options) Model {
	dark := opts.Theme != ThemeLight
	m := Model{store: st, opts: opts, keys: DefaultKeyMap(), help: help.New(), width: 80, height: 24}
	m.styles = NewStyles(dark, opts.Theme == ThemeHighContrast)
	m.help.Styles = m.styles.Help
	m.status = "Loading the patient list…"
	if opts.Demo {
		m.status = "Demo — nothing is saved to your file."
	}
	m.render()
	return m
}

// Messages from commands, each saying which request it answers.
type (
	patientsLoadedMsg struct {
		list []planner.PatientSummary
		err  error
	}
	patientLoadedMsg struct {
		file planner.PatientFile
		err  error
	}
)

func loadPatients(st Store) tea.Cmd {
	return func() tea.Msg {
		list, err := st.ListPatients()
		return patientsLoadedMsg{list, err}
	}
}

func loadPatient(st Store, id planner.ID) tea.Cmd {
	return func() tea.Msg {
		f, err := st.LoadPatient(id)
		return patientLoadedMsg{f, err}
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
	case tea.BackgroundColorMsg:
		if m.opts.Theme == ThemeAuto || m.opts.Theme == "" {
			m.styles = NewStyles(msg.IsDark(), false)
			m.help.Styles = m.styles.Help
		}
	case patientsLoadedMsg:
		if msg.err != nil {
			m.setStatus("Could not read the patient list: "+msg.err.Error(), true)
			break
		}
		m.list.set(msg.list)
		if !m.failed && !m.opts.Demo {
			m.setStatus(countPatients(len(msg.list)), false)
		}
		if m.opts.Demo && len(msg.list) == 1 && m.screen == screenPatients && !m.list.opened {
			// The demo opens straight on its patient.
			m.list.opened = true
			cmd = loadPatient(m.store, msg.list[0].ID)
		}
	case patientLoadedMsg:
		if msg.err != nil {
			m.setStatus("Could not open the patient: "+msg.err.Error(), true)
			break
		}
		m.ws.set(msg.file, m.opts.Today)
		m.screen = screenWorkspace
	case tea.KeyPressMsg:
		var quit bool
		m, cmd, quit = m.handleKey(msg)
		if quit {
			return m, tea.Quit
		}
	}
	m.render()
	return m, cmd
}

// handleKey routes a key press: overlays first, then keys every screen
// shares, then the screen's own.
func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	if key.Matches(msg, key.NewBinding(key.WithKeys("ctrl+c"))) {
		return m, nil, true
	}
	if m.overlay != overlayNone {
		switch {
		case key.Matches(msg, k.Back, k.Help, k.Glossary, k.Quit):
			m.overlay = overlayNone
		case key.Matches(msg, k.Down):
			m.overlayScroll++
		case key.Matches(msg, k.Up):
			m.overlayScroll = max(0, m.overlayScroll-1)
		case msg.String() == "pgdown" || msg.String() == "space":
			m.overlayScroll += 10
		case msg.String() == "pgup":
			m.overlayScroll = max(0, m.overlayScroll-10)
		}
		return m, nil, false
	}
	if m.screen == screenPatients && m.list.filtering {
		m.list.filterKey(msg)
		return m, nil, false
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
	case key.Matches(msg, k.Privacy):
		m.privacy = !m.privacy
		if m.privacy {
			m.setStatus("Privacy mode on: other patients' names, member IDs and notes are hidden.", false)
		} else {
			m.setStatus("Privacy mode off.", false)
		}
		return m, nil, false
	}
	switch m.screen {
	case screenPatients:
		if id, ok := m.list.key(msg, k); ok {
			return m, loadPatient(m.store, id), false
		}
	case screenWorkspace:
		if key.Matches(msg, k.Back) {
			m.screen = screenPatients
			return m, loadPatients(m.store), false
		}
		m.ws.key(msg, k)
	}
	return m, nil, false
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
	case m.overlay == overlayHelp:
		m.body = m.scrolled(m.renderHelp(w), w, h)
	case m.overlay == overlayGlossary:
		m.body = m.scrolled(m.renderGlossary(w), w, h)
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

// bodyHeight is what the title bar, status line and key bar leave.
func (m *Model) bodyHeight() int { return max(0, m.height-3) }

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
		if m.screen == screenWorkspace && m.overlay == overlayNone {
			title += " — " + m.ws.title(m.privacy)
		}
		status := m.styles.Status.Render(m.status)
		if m.failed {
			status = m.styles.StatusError.Render(m.status)
		}
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
	if m.screen == screenWorkspace {
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

func (m Model) renderGlossary(w int) string {
	var b strings.Builder
	b.WriteString(m.styles.Title.Render("Glossary") + "  (esc closes)\n\n")
	for _, t := range Glossary {
		b.WriteString(m.styles.Title.Render(t.Name) + "\n")
		b.WriteString(wrap(t.Meaning, max(10, w-2), "  ") + "\n")
	}
	return b.String()
}

func plainKeys(bindings []key.Binding) string {
	parts := make([]string, 0, len(bindings))
	for _, b := range bindings {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
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
