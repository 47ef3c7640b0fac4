package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// choiceDialog is a quick change of one thing: its choices numbered, a
// digit picks one and does it at once; up, down and enter work too, and
// esc leaves everything as it was. At most nine choices.
type choiceDialog struct {
	question string
	options  []string
	current  int // the choice that holds now, marked
	cursor   int
	// choose is what picking choice i does.
	choose func(i int) action
}

func newChoice(question string, options []string, current int, choose func(int) action) *choiceDialog {
	return &choiceDialog{question: question, options: options[:min(len(options), 9)], current: current, cursor: current, choose: choose}
}

func (d *choiceDialog) update(c *context, msg tea.Msg) action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return pass{}
	}
	switch {
	case key.Matches(k, c.keys.Back):
		return actions{closeModal{}, setStatus{"Nothing was changed.", false}}
	case key.Matches(k, c.keys.Up):
		d.cursor = max(0, d.cursor-1)
	case key.Matches(k, c.keys.Down):
		d.cursor = min(len(d.options)-1, d.cursor+1)
	case key.Matches(k, c.keys.Open):
		return d.pick(d.cursor)
	default:
		if n, err := strconv.Atoi(k.String()); err == nil && n >= 1 && n <= len(d.options) {
			return d.pick(n - 1)
		}
	}
	return nil
}

func (d *choiceDialog) pick(i int) action {
	if i == d.current {
		return actions{closeModal{}, setStatus{"Nothing was changed: it is " + d.options[i] + " already.", false}}
	}
	return actions{closeModal{}, d.choose(i)}
}

func (d *choiceDialog) view(c *context, w, h int) string {
	st := &c.styles
	var b strings.Builder
	b.WriteString(st.Title.Render(d.question) + "\n\n")
	for i, o := range d.options {
		line := c.marker(i == d.cursor) + strconv.Itoa(i+1) + "  " + o
		if i == d.current {
			line += " (now)"
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\nPress a number, or move and press enter; esc leaves it as it is.")
	return wrap(b.String(), w, "")
}

func (d *choiceDialog) help(k KeyMap) keyHelp {
	b := []key.Binding{key.NewBinding(key.WithKeys("1"), key.WithHelp("1–"+strconv.Itoa(len(d.options)), "choose")), k.Up, k.Down,
		relabel(k.Open, "choose"), relabel(k.Back, "leave it")}
	return keyHelp{short: b, full: [][]key.Binding{b}}
}
