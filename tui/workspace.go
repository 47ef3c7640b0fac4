package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
)

// workspace is one patient's records, worked out, in tabs.
type workspace struct {
	tabs []tab
	tab  int // the tab shown
	file planner.PatientFile
	// comparison is every scenario worked out; otherWay is, for each
	// scenario with a pending grant, its figures worked out the other way:
	// without the pending grants if it counts them, with them if not.
	comparison planner.Comparison
	otherWay   map[int]planner.Summary
	today      planner.Date
	// sel and scroll are each tab's selected record and first line shown.
	sel, scroll []int
	// follow: the selection moved, so the tab scrolls to it.
	follow bool
	// focus is a record just saved: once read again, it is selected on a
	// tab that selects what was saved.
	focus planner.ID
	// approval is the Approval tab's records, in the order it shows them.
	approval []approvalItem
	// programs is the catalog; screenings the patient screened against it.
	programs   []planner.Program
	screenings []planner.Screening
}

func newWorkspace() workspace {
	n := len(workspaceTabs)
	return workspace{tabs: workspaceTabs, sel: make([]int, n), scroll: make([]int, n)}
}

// set shows a patient, working out their scenarios and screening once.
func (ws *workspace) set(f planner.PatientFile, programs []planner.Program, today planner.Date) {
	same := ws.file.Patient.ID == f.Patient.ID
	// The record selected on a tab that names its records stays selected
	// when records before it come or go.
	kept := make([]planner.ID, len(ws.tabs))
	for i, t := range ws.tabs {
		if r, ok := t.(recordTab); ok && same && ws.sel[i] < t.records(ws) {
			kept[i] = r.recordID(ws, ws.sel[i])
		}
	}
	ws.file, ws.today, ws.programs = f, today, programs
	// Worked out again in the memory of the comparison shown before, as
	// after each save: what a save left alone keeps its pricing, APRs
	// and clearing payments (see planner.Evaluator).
	scenarios := f.CompareInto(&ws.comparison)
	ws.approval = approvalItems(&ws.file)
	ws.screenings = planner.ScreenAll(f.Patient.Patient, f.ScreeningFacts(), programs, today)
	ws.otherWay = map[int]planner.Summary{}
	for i := range scenarios {
		if ws.comparison.Entries[i].Err != nil || !hasPendingGrant(scenarios[i].Sources) {
			continue
		}
		other := scenarios[i]
		other.CountPendingGrants = !other.CountPendingGrants
		if r, err := planner.Evaluate(&other); err == nil {
			ws.otherWay[i] = r.Summary
		}
	}
	if !same {
		ws.tab = 0
		for i, t := range ws.tabs {
			ws.sel[i], ws.scroll[i] = 0, 0
			if first, ok := t.(firstSelection); ok {
				ws.sel[i] = first.first(ws)
			}
		}
	}
	for i, t := range ws.tabs {
		if r, ok := t.(recordTab); ok {
			// A record just saved is selected and brought into view on a
			// tab that selects what was saved; otherwise the selection
			// stays on its record.
			_, focuses := t.(focusTab)
			if at := indexOf(ws, t, r, ws.focus); focuses && i == ws.tab && at >= 0 {
				ws.sel[i], ws.follow = at, true
			} else if at := indexOf(ws, t, r, kept[i]); at >= 0 {
				ws.sel[i] = at
			}
		}
		ws.sel[i] = min(ws.sel[i], max(0, t.records(ws)-1))
	}
	ws.focus = ""
	ws.shareScenario()
}

// shareScenario keeps one scenario selected on the Scenarios and Compare
// tabs, which list the same scenarios in the same order: the one chosen on
// the tab shown (the Compare tab's, otherwise).
func (ws *workspace) shareScenario() {
	s, c := slices.Index(ws.tabs, tab(scenariosTab{})), slices.Index(ws.tabs, tab(compareTab{}))
	if s < 0 || c < 0 {
		return
	}
	if ws.tab == s {
		ws.sel[c] = ws.sel[s]
	} else {
		ws.sel[s] = ws.sel[c]
	}
}

// indexOf is the place of the record with the ID among a tab's records,
// or -1.
func indexOf(ws *workspace, t tab, r recordTab, id planner.ID) int {
	if id == "" {
		return -1
	}
	for i := range t.records(ws) {
		if r.recordID(ws, i) == id {
			return i
		}
	}
	return -1
}

// show goes to the tab of the same type as t.
func (ws *workspace) show(t tab) {
	if i := slices.Index(ws.tabs, t); i >= 0 {
		ws.tab = i
	}
}

// current is the tab shown.
func (ws *workspace) current() tab { return ws.tabs[ws.tab] }

// selected is the current tab's selected record, if it has any.
func (ws *workspace) selected(t tab) (int, bool) {
	i := slices.Index(ws.tabs, t)
	if i < 0 || ws.sel[i] >= t.records(ws) {
		return 0, false
	}
	return ws.sel[i], true
}

// marker starts the line of record i of a tab: nothing when there is
// only one record to choose from.
func (ws *workspace) marker(c *context, t tab, i int) string {
	if t.records(ws) < 2 {
		return ""
	}
	at, _ := ws.selected(t)
	return c.marker(at == i)
}

// hasPendingGrant reports whether any of the sources is a grant not yet
// awarded.
func hasPendingGrant(sources []planner.FundingSource) bool {
	return slices.ContainsFunc(sources, func(f planner.FundingSource) bool { return f.Grant != nil && f.Grant.Pending })
}

// workspaceKey handles a key on a patient's workspace: the keys of the
// screen, then the tab's own, then moving between tabs and records.
func (m *Model) workspaceKey(msg tea.KeyPressMsg) action {
	k := &m.ctx.keys
	switch {
	case key.Matches(msg, k.Back) && m.fromAgenda:
		return showScreen{screenAgenda}
	case key.Matches(msg, k.Back):
		return showScreen{screenPatients}
	case key.Matches(msg, k.Programs):
		return m.openCatalog()
	case key.Matches(msg, k.Agenda):
		return showScreen{screenAgenda}
	}
	return m.ws.key(m.ctx, msg)
}

func (ws *workspace) key(c *context, msg tea.KeyPressMsg) action {
	defer ws.shareScenario()
	k := &c.keys
	n := len(ws.tabs)
	t := ws.current()
	switch {
	case key.Matches(msg, k.Letter):
		if len(ws.file.Courses) == 0 {
			return failure("A letter is about a treatment course: add one first (tab 3, then n).")
		}
		return pushModal{letterChooser(&ws.file, c)}
	case key.Matches(msg, k.NextTab):
		ws.tab = (ws.tab + 1) % n
		return nil
	case key.Matches(msg, k.PrevTab):
		ws.tab = (ws.tab + n - 1) % n
		return nil
	case key.Matches(msg, k.Tabs[:n]...):
		for i, b := range k.Tabs[:n] {
			if key.Matches(msg, b) {
				ws.tab = i
			}
		}
		return nil
	}
	if act := t.key(ws, c, msg); !isPass(act) {
		return act
	}
	at := &ws.sel[ws.tab]
	switch many := t.records(ws) > 1; {
	case key.Matches(msg, k.Up) && many:
		*at, ws.follow = max(0, *at-1), true
	case key.Matches(msg, k.Down) && many:
		*at, ws.follow = min(t.records(ws)-1, *at+1), true
	default:
		k.scroll(msg, &ws.scroll[ws.tab])
	}
	return nil
}

// help is the current tab's keys, then the workspace's.
func (ws *workspace) help(k KeyMap) keyHelp {
	short, all := ws.current().keys(k)
	tabs := []key.Binding{k.NextTab, k.PrevTab}
	for i, t := range ws.tabs {
		name, _ := t.names()
		tabs = append(tabs, relabel(k.Tabs[i], strings.ToLower(name)))
	}
	return keyHelp{
		short: append(append([]key.Binding{k.NextTab}, short...), k.Back, k.Help, k.Quit)[:min(7, len(short)+4)],
		full: [][]key.Binding{
			tabs,
			append([]key.Binding{k.Up, k.Down, k.PageUp, k.PageDown}, all...),
			{k.Letter, k.Agenda, k.Programs, k.Back},
			k.common(),
		},
	}
}

// wsLayout is the workspace drawn for a size: the tab bar, the tab's
// lines, where its selection starts, and the room the bar leaves.
type wsLayout struct {
	tabs     []string
	sep      string
	more     string
	lines    []string
	selected int
	room     int
}

// layout draws the workspace for w×h. It changes nothing.
func (ws *workspace) layout(c *context, w, h int) wsLayout {
	st := &c.styles
	l := wsLayout{sep: "  ", more: st.Subtle.Render("  (more: ↓)")}
	for i, t := range ws.tabs {
		name, short := t.names()
		if w < 64 && !c.accessible {
			name = short
		}
		name = itoa(i+1) + " " + name
		switch {
		case c.accessible && i == ws.tab:
			name += " (current)"
		case c.accessible:
		case i == ws.tab:
			name = st.ActiveTab.Render("[" + name + "]")
		default:
			name = st.Tab.Render(name)
		}
		l.tabs = append(l.tabs, name)
	}
	if c.accessible {
		l.tabs[0] = "Tabs: " + l.tabs[0]
		l.sep, l.more = ", ", " (more below: press down or page down)"
	}
	if bar := strings.Join(l.tabs, l.sep); ansi.StringWidth(bar+l.more) > w {
		// Wrapped, a tab's number and name stay together.
		for i, t := range l.tabs {
			l.tabs[i] = strings.ReplaceAll(t, " ", "\u00a0")
		}
	}
	text, sel := ws.current().draw(ws, c, w)
	l.lines, l.selected = wrapLinesAt(strings.Split(strings.TrimRight(text, "\n"), "\n"), w, sel)
	// The tab bar wraps in a narrow window; room is what it leaves, with
	// the note that there is more below counted in.
	l.room = max(0, h-1-len(wrapLines([]string{strings.Join(l.tabs, l.sep) + l.more}, w)))
	return l
}

// settle keeps the current tab's scroll within its lines, and the
// selected record in view when the selection moved: on screen, with up to
// two lines below it for the rest of a record that wraps, as the room
// allows. It returns the layout, to draw.
func (ws *workspace) settle(c *context, w, h int) wsLayout {
	l := ws.layout(c, w, h)
	scroll := &ws.scroll[ws.tab]
	if ws.follow && l.selected >= 0 {
		switch below := min(2, max(0, l.room-1)); {
		case l.selected < *scroll:
			*scroll = l.selected
		case l.selected >= *scroll+l.room-below:
			*scroll = l.selected - l.room + below + 1
		}
	}
	ws.follow = false
	*scroll = min(*scroll, max(0, len(l.lines)-l.room))
	return l
}

// view draws the tab bar and the current tab, scrolled, from its layout.
func (ws *workspace) view(c *context, w, h int, l wsLayout) string {
	from := min(ws.scroll[ws.tab], max(0, len(l.lines)-l.room))
	end := min(len(l.lines), from+l.room)
	bar := strings.Join(l.tabs, l.sep)
	if end < len(l.lines) {
		bar += l.more
	}
	return strings.Join(wrapLines([]string{bar}, w), "\n") + "\n\n" + strings.Join(l.lines[from:end], "\n")
}

// line is a labelled value, "Label: value", for the detail tabs.
func line(st *Styles, label, value string) string {
	return st.Label.Render(label+":") + " " + value
}
