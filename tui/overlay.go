package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// textOverlay is a page of text over the screen, such as help or the
// glossary: up and down scroll it; esc, q, or the key of any overlay
// (?, g, r) closes it.
type textOverlay struct {
	// text draws the page for a width.
	text   func(c *context, w int) string
	scroll int
}

func (o *textOverlay) update(c *context, msg tea.Msg) action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return pass{}
	}
	if key.Matches(k, c.keys.Back, c.keys.Help, c.keys.Glossary, c.keys.Rules, c.keys.Quit) {
		return closeModal{}
	}
	c.keys.scroll(k, &o.scroll)
	return nil
}

func (o *textOverlay) lines(c *context, w int) []string {
	return wrapLines(strings.Split(strings.TrimRight(o.text(c, w), "\n"), "\n"), w)
}

func (o *textOverlay) settle(c *context, w, h int) {
	o.scroll = min(o.scroll, max(0, len(o.lines(c, w))-h))
}

func (o *textOverlay) view(c *context, w, h int) string {
	lines := o.lines(c, w)
	from := min(o.scroll, max(0, len(lines)-h))
	return strings.Join(lines[from:min(len(lines), from+h)], "\n")
}

func (o *textOverlay) help(k KeyMap) keyHelp { return k.overlayHelp() }

// title: an overlay names nothing in the title bar.
func (o *textOverlay) title() string { return "" }
