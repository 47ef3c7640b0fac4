package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key the app answers to. Each action has more than one key
// where it helps (arrows and letters), and none needs AltGr.
type KeyMap struct {
	Up, Down       key.Binding
	Open, Back     key.Binding
	Filter         key.Binding
	NextTab        key.Binding
	PrevTab        key.Binding
	Tab1, Tab2     key.Binding
	Tab3, Tab4     key.Binding
	Tab5, Tab6     key.Binding
	Tab7, Programs key.Binding
	UseGrant       key.Binding
	New, Edit      key.Binding
	Call, Mark     key.Binding
	Letter, Rules  key.Binding
	Agenda, Write  key.Binding
	Delete, Copy   key.Binding
	Privacy        key.Binding
	Help, Glossary key.Binding
	Quit           key.Binding
}

// DefaultKeyMap returns the app's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		NextTab:  key.NewBinding(key.WithKeys("tab", "right", "l"), key.WithHelp("tab/→", "next tab")),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab", "left", "h"), key.WithHelp("shift+tab/←", "previous tab")),
		Tab1:     key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "overview")),
		Tab2:     key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "insurance")),
		Tab3:     key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "treatment")),
		Tab4:     key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "scenarios")),
		Tab5:     key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "compare")),
		Tab6:     key.NewBinding(key.WithKeys("6"), key.WithHelp("6", "approval")),
		Tab7:     key.NewBinding(key.WithKeys("7"), key.WithHelp("7", "assistance")),
		Programs: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "programs")),
		UseGrant: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "count a grant in a scenario (tab 7)")),
		Call:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "log a call (tab 6)")),
		Mark:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "next status, done (tab 6)")),
		Letter:   key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "draft a letter")),
		Rules:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rules and sources")),
		Agenda:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "agenda")),
		Write:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write to a file")),
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy scenario")),
		Privacy:  key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "privacy mode")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Glossary: key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "glossary")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// tabs are the keys that go straight to each of a patient's tabs, in the
// tabs' order.
func (k KeyMap) tabs() []key.Binding {
	return []key.Binding{k.Tab1, k.Tab2, k.Tab3, k.Tab4, k.Tab5, k.Tab6, k.Tab7}
}

// keyHelp is the key bar for one screen: a few keys short, all of them full.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h keyHelp) ShortHelp() []key.Binding  { return h.short }
func (h keyHelp) FullHelp() [][]key.Binding { return h.full }

func (k KeyMap) listHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Open, k.New, k.Filter, k.Agenda, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Up, k.Down, k.Open, k.Filter, k.Back},
			{k.New, k.Edit, k.Delete, k.Agenda, k.Programs, k.Rules},
			{k.Privacy, k.Glossary, k.Help, k.Quit},
		},
	}
}

func (k KeyMap) workspaceHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.NextTab, k.New, k.Edit, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{
			append([]key.Binding{k.NextTab, k.PrevTab}, k.tabs()...),
			{k.Up, k.Down, k.New, k.Edit, k.Delete, k.Copy, k.Back},
			{k.Call, k.Mark, k.Letter, k.UseGrant, k.Rules, k.Agenda, k.Programs},
			{k.Privacy, k.Glossary, k.Help, k.Quit},
		},
	}
}

// formHelp is the key bar while a form is open.
func formHelp() keyHelp {
	b := []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "explain the term")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	return keyHelp{short: b, full: [][]key.Binding{b}}
}

// confirmHelp is the key bar while a question waits for y or n.
func confirmHelp() keyHelp {
	b := []key.Binding{
		key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		key.NewBinding(key.WithKeys("n"), key.WithHelp("n or any other key", "no")),
	}
	return keyHelp{short: b, full: [][]key.Binding{b}}
}

func (k KeyMap) approvalHelp() keyHelp {
	h := k.workspaceHelp()
	call := key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "log a call"))
	mark := key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "mark"))
	letter := key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "letter"))
	h.short = []key.Binding{k.NextTab, k.New, call, mark, letter, k.Back, k.Help}
	return h
}

func (k KeyMap) agendaHelp() keyHelp {
	open := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the patient"))
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, open, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, open, k.Back}, {k.Privacy, k.Rules, k.Glossary, k.Help, k.Quit}},
	}
}

func (k KeyMap) letterHelp() keyHelp {
	back := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close the letter"))
	return keyHelp{
		short: []key.Binding{k.Write, k.Up, k.Down, back, k.Quit},
		full:  [][]key.Binding{{k.Write, k.Up, k.Down, back}, {k.Privacy, k.Help, k.Quit}},
	}
}

func (k KeyMap) programsHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.New, k.Edit, k.Delete, k.Filter, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Filter, k.Back}, {k.New, k.Edit, k.Delete}, {k.Privacy, k.Rules, k.Glossary, k.Help, k.Quit}},
	}
}
