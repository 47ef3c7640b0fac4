package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// KeyMap is every key the app answers to. Each action has more than one key
// where it helps (arrows and letters), and none needs AltGr. Keys are
// matched only through these bindings; a screen that words a key its own
// way copies the binding (see relabel).
type KeyMap struct {
	Up, Down           key.Binding
	PageUp, PageDown   key.Binding
	Open, Back         key.Binding
	Filter, Erase      key.Binding
	NextTab, PrevTab   key.Binding
	Programs, UseGrant key.Binding
	New, Edit          key.Binding
	Call, Mark         key.Binding
	Letter, Rules      key.Binding
	Agenda, Write      key.Binding
	Delete, Copy       key.Binding
	Privacy            key.Binding
	Files, CopyText    key.Binding
	Help, Glossary     key.Binding
	Yes, No            key.Binding
	Quit, ForceQuit    key.Binding
	// Save saves a form at once, from any of its fields.
	Save key.Binding
	// Snooze puts an agenda item off a week.
	Snooze key.Binding
	// Home and End go to the first and the last of a list; Order sorts
	// the patient list another way.
	Home, End, Order key.Binding
	// Tabs go straight to a patient's tabs, in the tabs' order: 1 to 9.
	Tabs []key.Binding
}

// DefaultKeyMap returns the app's keys.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdown", "scroll down")),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Erase:     key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "erase")),
		NextTab:   key.NewBinding(key.WithKeys("tab", "right", "l"), key.WithHelp("tab/→", "next tab")),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab", "left", "h"), key.WithHelp("shift+tab/←", "previous tab")),
		Programs:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "programs")),
		UseGrant:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "count a grant in a scenario")),
		Call:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "log a call")),
		Mark:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "next status, done")),
		Letter:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "draft a letter")),
		Rules:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rules and sources")),
		Agenda:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "agenda")),
		Write:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write to a file")),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy scenario")),
		Files:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "files: print, export, back up")),
		CopyText:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy as text")),
		Privacy:   key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "privacy mode")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Glossary:  key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "glossary")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:        key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n or any other key", "no")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Save:      key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save now")),
		Snooze:    key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "a week later")),
		Home:      key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:       key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Order:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort by name, next due, insurance")),
	}
	for i := 1; i <= 9; i++ {
		n := strconv.Itoa(i)
		k.Tabs = append(k.Tabs, key.NewBinding(key.WithKeys(n), key.WithHelp(n, "tab "+n)))
	}
	return k
}

// formKeys are huh's keys inside a form, but for quitting: esc and ctrl+c
// are the app's (it asks before discarding), so the form's own quit key is
// one nobody presses.
func formKeys() *huh.KeyMap {
	keys := huh.NewDefaultKeyMap()
	keys.Quit = key.NewBinding(key.WithKeys("ctrl+q"))
	// An external editor would write the notes to a temporary file in
	// plain text, beside any encryption: notes are typed in the form.
	keys.Text.Editor = key.NewBinding(key.WithDisabled())
	return keys
}

// relabel is a copy of a binding with other words, for a screen that says
// what the key does there.
func relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// keyHelp is the key bar for one screen: a few keys short, all of them full.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h keyHelp) ShortHelp() []key.Binding  { return h.short }
func (h keyHelp) FullHelp() [][]key.Binding { return h.full }

// common are the keys that work everywhere but in a form or a question.
func (k KeyMap) common() []key.Binding {
	return []key.Binding{k.Files, k.CopyText, k.Privacy, k.Rules, k.Glossary, k.Help, k.Quit}
}

func (k KeyMap) listHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Open, k.New, k.Filter, k.Agenda, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
			{k.Open, k.Filter, k.Order, k.Back},
			{k.New, k.Edit, k.Delete, k.Agenda, k.Programs},
			k.common(),
		},
	}
}

// formHelp is the key bar while a form is open.
func (k KeyMap) formHelp() keyHelp {
	b := []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		k.Save,
		relabel(k.Help, "explain the term"),
		relabel(k.Back, "cancel"),
	}
	return keyHelp{short: b, full: [][]key.Binding{b}}
}

// confirmHelp is the key bar while a question waits for y or n.
func (k KeyMap) confirmHelp() keyHelp {
	b := []key.Binding{k.Yes, k.No}
	return keyHelp{short: b, full: [][]key.Binding{b}}
}

func (k KeyMap) agendaHelp() keyHelp {
	open, done := relabel(k.Open, "open the patient"), relabel(k.Mark, "done")
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, open, done, k.Snooze, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, open, k.Back}, {done, k.Snooze, k.Programs}, k.common()},
	}
}

// overlayHelp is the key bar of help, the glossary and the rules.
func (k KeyMap) overlayHelp() keyHelp {
	b := []key.Binding{k.Up, k.Down, relabel(k.Back, "close")}
	return keyHelp{short: b, full: [][]key.Binding{b, {k.PageUp, k.PageDown}}}
}

// Keys read as a person presses them.

// isScroll moves a scrolled screen by a line (up, down) or ten (page up,
// page down); it reports whether the key was one of those.
func (k KeyMap) scroll(msg tea.KeyPressMsg, at *int) bool {
	switch {
	case key.Matches(msg, k.Down):
		*at++
	case key.Matches(msg, k.Up):
		*at = max(0, *at-1)
	case key.Matches(msg, k.PageDown):
		*at += 10
	case key.Matches(msg, k.PageUp):
		*at = max(0, *at-10)
	default:
		return false
	}
	return true
}

// editText types a key into a line of text being filtered: enter keeps it
// (done), esc clears it (done), backspace takes a letter back, and
// anything else is typed.
func (k KeyMap) editText(msg tea.KeyPressMsg, text *string) (done bool) {
	switch {
	case key.Matches(msg, k.Open):
		return true
	case key.Matches(msg, k.Back):
		*text = ""
		return true
	case key.Matches(msg, k.Erase):
		if r := []rune(*text); len(r) > 0 {
			*text = string(r[:len(r)-1])
		}
	default:
		*text += msg.Text
	}
	return false
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
