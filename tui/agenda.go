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
	scroll int
	follow bool
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

// key moves the selection; it returns the patient to open on enter.
func (a *agenda) key(msg tea.KeyPressMsg, k KeyMap) (planner.ID, bool) {
	switch {
	case key.Matches(msg, k.Up):
		a.cursor, a.follow = max(0, a.cursor-1), true
	case key.Matches(msg, k.Down):
		a.cursor, a.follow = min(max(0, len(a.items)-1), a.cursor+1), true
	case msg.String() == "pgdown" || msg.String() == "space":
		a.cursor, a.follow = min(max(0, len(a.items)-1), a.cursor+10), true
	case msg.String() == "pgup":
		a.cursor, a.follow = max(0, a.cursor-10), true
	case key.Matches(msg, k.Open):
		if a.cursor < len(a.items) {
			return a.items[a.cursor].PatientID, true
		}
	}
	return "", false
}

// render draws the agenda in w×h; name gives a patient's name as the list
// shows it (hidden in privacy mode).
func (a *agenda) render(w, h int, st Styles, today planner.Date, name func(planner.AgendaItem) string) string {
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
	var lines []string
	at := 0 // the line of the selection
	bucket := planner.Bucket(-1)
	for i, it := range a.items {
		if b := planner.BucketOf(it.Due, today); b != bucket {
			bucket = b
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			title := b.String()
			if b == planner.Overdue {
				title = st.Warning.Render(title)
			} else {
				title = st.Title.Render(title)
			}
			lines = append(lines, title)
		}
		marker := "  "
		if i == a.cursor {
			marker, at = "▸ ", len(lines)
		}
		left := planner.Deadline{Due: it.Due}.Left(today)
		col := min(28, max(12, w/4))
		lines = append(lines, marker+it.Due.String()+"  "+padRight(cut(name(it), col), col)+"  "+it.What+" ("+left+")")
	}
	lines = wrapLines(lines, w)
	room := max(1, h-3)
	if a.follow {
		a.follow = false
		if at < a.scroll {
			a.scroll = at
		} else if at >= a.scroll+room {
			a.scroll = at - room + 1
		}
	}
	a.scroll = min(a.scroll, max(0, len(lines)-room))
	end := min(len(lines), a.scroll+room)
	more := ""
	if end < len(lines) {
		more = st.Subtle.Render("  (more: ↓)")
	}
	return head + more + "\n\n" + strings.Join(lines[a.scroll:end], "\n")
}
