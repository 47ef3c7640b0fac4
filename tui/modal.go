package tui

import (
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// A modal is anything drawn over the screens: a form, a question, help,
// the glossary, the rules, a letter, the programs catalog. Modals sit on
// one stack; the top one sees every key first, and messages go down the
// stack until one takes them. A modal never changes the app itself: it
// returns actions, which the root applies.
type modal interface {
	// update takes a message and says what is to happen; pass when the
	// message is not the modal's.
	update(c *context, msg tea.Msg) action
	// view draws the modal in w×h. It changes nothing.
	view(c *context, w, h int) string
	// help is the modal's keys, for the key bar and for ?.
	help(k KeyMap) keyHelp
}

// Optional parts of a modal.
type (
	// opener does something as the modal opens (a form's first command).
	opener interface{ open(c *context) tea.Cmd }
	// settler brings its scroll within what there is to show, before it is
	// drawn in w×h.
	settler interface{ settle(c *context, w, h int) }
	// titler names what is on screen for the title bar ("" for nothing).
	titler interface{ title() string }
	// quitGuard may hold off ctrl+c, to ask before changes are lost: it
	// returns what to do instead, or nil to let the app quit.
	quitGuard interface{ guardQuit() action }
	// saver waits for the save it asked for.
	saver interface{ saved(err error) action }
	// reloader reads its own data again after a save.
	reloader interface{ reload(st Store) tea.Cmd }
)

// Actions: what a modal, a screen or a tab asks the root to do.
type (
	action any
	// pass: the key is not this modal's (or tab's); the next in line may
	// take it.
	pass struct{}
	// closeModal takes the top modal away.
	closeModal struct{}
	// pushModal opens a modal over the others.
	pushModal struct{ m modal }
	// replaceModal puts a modal in the top one's place.
	replaceModal struct{ m modal }
	// saveRecords saves records in one transaction. A change made without
	// a form (exclusive) waits for the last one: while one is being
	// saved, another is refused with busy, if it has words, or dropped.
	saveRecords struct {
		records   []planner.Record
		status    string
		patient   planner.ID
		exclusive bool
		busy      string
	}
	// deleteRecord deletes a record and what hangs on it.
	deleteRecord struct {
		record  planner.Record
		status  string
		patient planner.ID
	}
	// setStatus puts words on the status line.
	setStatus struct {
		text   string
		failed bool
	}
	// runCmd runs a command: a store call, or a message to send.
	runCmd struct{ cmd tea.Cmd }
	// quit ends the app.
	quit struct{}
	// showScreen goes to a screen, reading what it shows.
	showScreen struct{ screen screen }
	// openPatient reads a patient, then does what then says.
	openPatient struct {
		id   planner.ID
		then afterLoad
		// fromAgenda: esc goes back to the agenda.
		fromAgenda bool
	}
	// refreshPatient reads the open patient again.
	refreshPatient struct{}
	// actions are several, in order.
	actions []action
)

// send is an action that sends a message to the app.
func send(msg tea.Msg) action { return runCmd{func() tea.Msg { return msg }} }

// failure is a status that reports a failure.
func failure(text string) action { return setStatus{text, true} }

// stack is the open modals, the top last.
type stack []modal

func (s stack) top() modal {
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}

// find is the topmost modal of a type, if one is open.
func find[T modal](s stack) (T, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if m, ok := s[i].(T); ok {
			return m, true
		}
	}
	var zero T
	return zero, false
}
