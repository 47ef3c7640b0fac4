package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The window: a title bar, the top modal or the screen, the status line
// and the key bar. render is called at the end of every Update: it first
// brings the visible part's scroll within its lines (settle), then draws,
// and drawing changes nothing.

// render draws the whole window into m.frame.
func (m *Model) render() {
	w, h := m.ctx.width, m.bodyHeight()
	m.ctx.bodyHeight = h // the key bar's lines change with what has the keys
	if w < minWidth || m.ctx.height < minHeight {
		m.frame = m.compose("") // it asks for more room, and draws nothing else
		return
	}
	top := m.modals.top()
	if s, ok := top.(settler); ok {
		s.settle(m.ctx, w, h)
	}
	var body string
	switch {
	case m.lock.on:
		body = strings.Join(wrapLines(strings.Split(m.lockView(), "\n"), w), "\n")
	case top != nil:
		body = top.view(m.ctx, w, h)
	case m.screen == screenWorkspace:
		body = m.ws.view(m.ctx, w, h, m.ws.settle(m.ctx, w, h))
	case m.screen == screenAgenda:
		m.agenda.settle(m.ctx, w, h, m.agendaName)
		body = m.agenda.view(m.ctx, w, h, m.agendaName)
	default:
		body = m.list.view(m.ctx, w, h)
	}
	m.frame = m.compose(body)
}

// View returns the window as render last drew it.
func (m Model) View() tea.View {
	v := tea.NewView(m.frame)
	v.AltScreen = true
	v.WindowTitle = "carecost"
	return v
}

// compose puts the window together around the body. No line is wider than
// the window.
func (m *Model) compose(body string) string {
	c := m.ctx
	if c.width < minWidth || c.height < minHeight {
		return fit(ansi.Wordwrap("Please enlarge the window (at least 40×12).", max(1, c.width), ""), c.width, c.height)
	}
	style := c.styles.Status
	if m.failed {
		style = c.styles.StatusError
	}
	title, statusLines, bar := m.titleLines(), m.statusLines(), m.barLines()
	height := max(0, c.height-len(title)-len(statusLines)-len(bar)) // bodyHeight, from the lines at hand
	for i := range title {
		title[i] = c.styles.Title.Render(title[i])
	}
	status := style.Render(strings.Join(statusLines, "\n"))
	parts := append(title, padLines(body, height), status)
	parts = append(parts, bar...)
	return terminalSafe(fit(strings.Join(parts, "\n"), c.width, c.height))
}

// The title and the key bar take a line each, cut to the width. With
// --accessible, where a screen reader reads every word, they wrap instead,
// as every line of a screen does, up to maxBarLines lines each.
const maxBarLines = 3

// titleLines is the title bar: the app, the demo or privacy mode, what is
// on screen, a lock.
func (m *Model) titleLines() []string {
	title := "carecost"
	if m.demo {
		title += " — Demo — nothing is saved to your file"
	}
	if m.ctx.privacy {
		title += " — privacy mode"
	}
	if what := m.title(); what != "" && !m.lock.on {
		title += " — " + what
	}
	if m.lock.on {
		title += " — locked"
	}
	return m.barWrap(title)
}

// barLines is the key bar: the keys of what has them, the help's short
// view, or with --accessible a plain sentence of them.
func (m *Model) barLines() []string {
	keys := m.currentHelp().ShortHelp()
	if !m.ctx.accessible {
		return []string{m.help.ShortHelpView(keys)}
	}
	return m.barWrap("Keys: " + plainKeys(keys))
}

// barWrap is text on one line, or with --accessible wrapped to the width
// on at most maxBarLines, the last cut if it must be.
func (m *Model) barWrap(text string) []string {
	w := max(1, m.ctx.width)
	if !m.ctx.accessible {
		return []string{text}
	}
	lines := wrapLines([]string{text}, w)
	if len(lines) > maxBarLines {
		rest := lines[maxBarLines-1]
		for _, l := range lines[maxBarLines:] {
			rest += " " + strings.TrimLeft(l, " ")
		}
		lines[maxBarLines-1] = cut(rest, w)
		lines = lines[:maxBarLines]
	}
	return lines
}

// title names what is on screen: the topmost modal that names anything
// (help names nothing), else the screen.
func (m *Model) title() string {
	for i := len(m.modals) - 1; i >= 0; i-- {
		if t, ok := m.modals[i].(titler); ok {
			return t.title()
		}
	}
	switch m.screen {
	case screenWorkspace:
		return m.ws.file.Patient.Name
	case screenAgenda:
		return "agenda"
	}
	return ""
}

// currentHelp is the keys of what has the keys: the top modal, or the
// screen.
func (m *Model) currentHelp() keyHelp {
	k := m.ctx.keys
	if m.lock.on {
		return k.lockHelp()
	}
	if top := m.modals.top(); top != nil {
		return top.help(k)
	}
	switch m.screen {
	case screenWorkspace:
		return m.ws.help(k)
	case screenAgenda:
		return k.agendaHelp()
	}
	return k.listHelp()
}

// bodyHeight is what the title bar, status lines and key bar leave. They
// take a line each but with --accessible, where they wrap.
func (m *Model) bodyHeight() int {
	bars := 2
	if m.ctx.accessible {
		bars = len(m.titleLines()) + len(m.barLines())
	}
	return max(0, m.ctx.height-bars-len(m.statusLines()))
}

// statusLines is the status, word-wrapped to the width, on at most two
// lines; with --accessible, where the end of a sentence cut off is not
// seen either, on as many as maxStatusLines.
func (m *Model) statusLines() []string {
	w := max(1, m.ctx.width)
	most := 2
	if m.ctx.accessible {
		most = maxStatusLines
	}
	lines := strings.Split(keepHyphens(ansi.Wordwrap, m.status, w), "\n")
	if len(lines) > most {
		lines[most-1] = cut(lines[most-1]+" "+strings.Join(lines[most:], " "), w)
		lines = lines[:most]
	}
	return lines
}

// maxStatusLines is the most lines a status takes with --accessible: a
// failure's sentence and what to do about it, at the narrowest window.
const maxStatusLines = 4

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
