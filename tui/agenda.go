package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// agenda is what is due across every patient: overdue, today, this week
// and later, each line naming its patient (hidden in privacy mode); enter
// opens the patient on the Approval tab.
type agenda struct {
	items  []planner.AgendaItem
	loaded bool
	err    error // why it could not be read, if it could not
	cursor int
	scroll int // the first item on screen
}

type agendaLoadedMsg struct {
	items []planner.AgendaItem
	err   error
}

func loadAgenda(st Store) tea.Cmd {
	return func() tea.Msg {
		items, err := st.Agenda()
		return agendaLoadedMsg{items, err}
	}
}

func (a *agenda) set(items []planner.AgendaItem, err error) {
	a.items, a.loaded, a.err = items, true, err
	a.cursor = min(a.cursor, max(0, len(items)-1))
}

// key moves the selection; on enter it returns the item to open.
func (a *agenda) key(msg tea.KeyPressMsg, k KeyMap) (planner.AgendaItem, bool) {
	switch {
	case key.Matches(msg, k.Up):
		a.cursor = max(0, a.cursor-1)
	case key.Matches(msg, k.Down):
		a.cursor = min(max(0, len(a.items)-1), a.cursor+1)
	case msg.String() == "pgdown" || msg.String() == "space":
		a.cursor = min(max(0, len(a.items)-1), a.cursor+10)
	case msg.String() == "pgup":
		a.cursor = max(0, a.cursor-10)
	case key.Matches(msg, k.Open):
		if a.cursor < len(a.items) {
			return a.items[a.cursor], true
		}
	}
	return planner.AgendaItem{}, false
}

// render draws the agenda in w×h; name gives a patient's name as the list
// shows it, and privacy hides what each item says (it may hold notes about
// a patient), showing only its kind. Only the items on screen are drawn, so
// a key press costs the same for ten patients or a hundred thousand.
func (a *agenda) render(w, h int, st Styles, today planner.Date, accessible, privacy bool, name func(planner.AgendaItem) string) string {
	switch {
	case a.err != nil:
		return wrap("Could not read the agenda: "+a.err.Error()+". Press esc to go back.", w, "")
	case !a.loaded:
		return "Loading the agenda…"
	}
	head := st.Title.Render("Agenda") + " — what is due for every patient, as of " + today.String()
	if len(a.items) == 0 {
		return head + "\n\n" + wrap("Nothing is due. Tasks with a date, follow-ups promised on calls, and the deadlines of denials "+
			"and pre-authorizations show here as they are recorded.", w, "")
	}
	// The heading may wrap to a second line in a narrow window.
	room := max(1, h-1-len(wrapLines([]string{head + " (more below: press down or page down)"}, w)))
	// The first item shown: the cursor stays within the screen.
	if a.cursor < a.scroll {
		a.scroll = a.cursor
	}
	marker := "▸ "
	if accessible {
		marker = "(selected) "
	}
	col := min(28, max(12, w/4))
	draw := func(from int) (lines []string, last int) {
		bucket := planner.Bucket(-1)
		last = from - 1
		for i := from; i < len(a.items); i++ {
			it := a.items[i]
			var add []string
			if b := planner.BucketOf(it.Due, today); b != bucket {
				bucket = b
				if len(lines) > 0 {
					add = append(add, "")
				}
				title := st.Title.Render(b.String())
				if b == planner.Overdue {
					title = st.Warning.Render(b.String())
				}
				add = append(add, title)
			}
			mark := "  "
			if i == a.cursor {
				mark = marker
			}
			what := it.What
			if privacy {
				what = sentence(string(it.Kind)) + " (details hidden)"
			}
			left := planner.Deadline{Due: it.Due}.Left(today)
			add = append(add, wrapLines([]string{mark + it.Due.String() + "  " + padRight(cut(name(it), col), col) + "  " + what + " (" + left + ")"}, w)...)
			if len(lines)+len(add) > room && len(lines) > 0 {
				break
			}
			lines, last = append(lines, add...), i
		}
		return lines, last
	}
	lines, last := draw(a.scroll)
	for a.cursor > last && a.scroll < a.cursor {
		a.scroll++
		lines, last = draw(a.scroll)
	}
	more := ""
	if last < len(a.items)-1 {
		more = st.Subtle.Render("  (more: ↓)")
		if accessible {
			more = " (more below: press down or page down)"
		}
	}
	return strings.Join(wrapLines([]string{head + more}, w), "\n") + "\n\n" + strings.Join(lines[:min(len(lines), room)], "\n")
}
