package tui

import (
	"time"

	"carecost/planner"
)

// context is what everything that draws shares: the look, the keys, the
// window, the day, and the modes the person chose. The root owns it and
// hands it down; screens, tabs and modals read it and never keep it.
type context struct {
	styles Styles
	keys   KeyMap
	// width and height are the window's.
	width, height int
	// bodyHeight is what the title bar, the status line and the key bar
	// leave of the height.
	bodyHeight int
	// drawUnreached makes forms of groups as huh makes them, every group
	// drawn from the start: for the test that finds both draw the same.
	drawUnreached bool
	today         planner.Date
	// encrypted: the file is encrypted (its export is sealed).
	encrypted bool
	// now is the clock, for the time of a call being logged.
	now func() time.Time
	// accessible: every screen is labelled lines and forms are prompts.
	accessible bool
	// privacy hides every patient's name but the open one's.
	privacy bool
	// dark: the background is dark, as the theme says or the terminal
	// answered.
	dark  bool
	theme Theme
	// newID makes an ID for records saved together that refer to each
	// other.
	newID func() planner.ID
	// files writes the files the app makes.
	files Files
	// remote is the command that reaches the team server this session is
	// of ("ssh -p 23234 HOST"); "" on the person's own machine.
	remote string
}

// marker starts the line of a record that can be selected: ▸ on the
// selected one (in words for screen readers), spaces on the others.
func (c *context) marker(selected bool) string {
	switch {
	case selected && c.accessible:
		return "(selected) "
	case selected:
		return "▸ "
	}
	return "  "
}

// clock is the time now.
func (c *context) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}
