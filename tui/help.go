package tui

import "strings"

// newHelp lists every key of the screen it is opened on, one a line, so
// it reads the same at any width.
func newHelp(keys keyHelp) *textOverlay {
	o := &textOverlay{}
	o.text = func(c *context, w int) string {
		var b strings.Builder
		b.WriteString(c.styles.Title.Render("All keys on this screen") + " (esc closes)\n")
		for _, group := range keys.FullHelp() {
			b.WriteString("\n")
			for _, k := range group {
				b.WriteString("  " + c.styles.Help.FullKey.Render(padRight(k.Help().Key, 12)) + " " + k.Help().Desc + "\n")
			}
		}
		return b.String()
	}
	return o
}
