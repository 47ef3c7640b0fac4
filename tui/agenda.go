package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// agenda is what is due across every patient: overdue, today, this week
// and later, each line naming its patient (hidden in privacy mode); enter
// opens the patient on the Approval tab.
//
// It is read a page at a time, by date: the first page when it opens, the
// next when the cursor nears the last item read, so that opening it and
// moving through it cost the same for ten patients or three hundred
// thousand.
type agenda struct {
	items  []planner.AgendaItem // read so far, with the funds due among them
	loaded bool
	err    error // why it could not be read, if it could not
	cursor int
	scroll int // the first item on screen
	// next is where the items not yet read begin ("" when all are read),
	// reading says they are being read, and funds are the catalog's funds
	// to check again that fall after the last item read.
	next    string
	reading bool
	funds   []planner.AgendaItem
	// read counts the agenda's reads from the start: a page asked for
	// before the latest is not added to it.
	read int
}

// agendaAhead is how near the cursor comes to the last item read before
// the next page is read.
const agendaAhead = 60

func (a *agenda) set(msg agendaLoadedMsg) {
	a.read++
	a.items, a.loaded, a.err, a.next, a.reading, a.funds = nil, true, msg.err, msg.next, false, msg.reminders
	a.add(msg.items)
	a.cursor = min(a.cursor, max(0, len(a.items)-1))
}

// more adds the page that follows the items read, if it is still the one
// wanted (the agenda was not read again meanwhile).
func (a *agenda) more(msg agendaMoreMsg) {
	if !a.reading || msg.read != a.read {
		return
	}
	a.reading = false
	if msg.err != nil {
		// What was read stays on screen; the next key tries again.
		return
	}
	a.next = msg.next
	a.add(msg.items)
}

// add appends a page of patients' items, and the funds due before its last
// day (all of them once nothing follows): a fund comes after the patients'
// items of its day.
func (a *agenda) add(items []planner.AgendaItem) {
	n := len(a.funds)
	if a.next != "" && len(items) > 0 {
		last := items[len(items)-1].Due
		n = 0
		for n < len(a.funds) && a.funds[n].Due < last {
			n++
		}
	}
	if n > 0 {
		// Those left are due no earlier than the last page's last day:
		// merged into this page alone.
		items = planner.MergeReminders(slices.Clip(items), a.funds[:n])
		a.funds = a.funds[n:]
	}
	a.items = append(a.items, items...)
}

// reload reads the agenda again from the start, as far as it was read, so
// that the cursor stays where it was.
func (a *agenda) reload(st Store) tea.Cmd {
	a.reading = false
	return loadAgenda(st, len(a.items))
}

// readAhead reads the next page when the cursor nears the last item read.
func (a *agenda) readAhead(st Store) tea.Cmd {
	if a.next == "" || a.reading || a.cursor < len(a.items)-agendaAhead {
		return nil
	}
	a.reading = true
	return loadMoreAgenda(st, a.next, a.read)
}

// agendaKey handles a key on the agenda: enter opens the item's patient,
// on the tab the item is about.
func (m *Model) agendaKey(msg tea.KeyPressMsg) action {
	k, a := &m.ctx.keys, &m.agenda
	last := max(0, len(a.items)-1)
	switch {
	case key.Matches(msg, k.Back):
		return showScreen{screenPatients}
	case key.Matches(msg, k.Programs):
		return m.openCatalog()
	case key.Matches(msg, k.Up):
		a.cursor = max(0, a.cursor-1)
	case key.Matches(msg, k.Down):
		a.cursor = min(last, a.cursor+1)
	case key.Matches(msg, k.PageDown):
		a.cursor = min(last, a.cursor+10)
	case key.Matches(msg, k.PageUp):
		a.cursor = max(0, a.cursor-10)
	case key.Matches(msg, k.Mark, k.Snooze) && a.cursor < len(a.items):
		it := a.items[a.cursor]
		if it.PatientID == "" {
			return setStatus{"A fund is checked in the catalog: enter opens it, and e records what you found.", false}
		}
		return runCmd{followThrough(m.store, it, key.Matches(msg, k.Snooze), m.ctx.today)}
	case key.Matches(msg, k.Open) && a.cursor < len(a.items):
		it := a.items[a.cursor]
		if it.PatientID == "" {
			// A closed fund of the catalog: the catalog holds it.
			return m.openCatalog()
		}
		then := openApproval
		if it.Kind == planner.AgendaApplication {
			then = openAssistance
		}
		return openPatient{id: it.PatientID, then: then, fromAgenda: true}
	}
	if cmd := a.readAhead(m.store); cmd != nil {
		return runCmd{cmd}
	}
	return nil
}

// agendaName is how the agenda names an item's patient: hidden in privacy
// mode, numbered as on the patient list.
func (m *Model) agendaName(it planner.AgendaItem) string {
	if it.PatientID == "" {
		return "Assistance catalog"
	}
	if !m.ctx.privacy {
		return it.Patient
	}
	if i, ok := m.list.position(it.PatientID); ok {
		return m.list.displayName(i, true)
	}
	return "A patient (hidden)"
}

// agendaHead is the agenda's heading, and the room it leaves in w×h.
func (a *agenda) head(c *context, w, h int) (string, int) {
	head := c.styles.Title.Render("Agenda") + " — what is due for every patient, as of " + c.today.String()
	// The heading may wrap to a second line in a narrow window.
	return head, max(1, h-1-len(wrapLines([]string{head + " (more below: press down or page down)"}, w)))
}

// settle scrolls the agenda so that the cursor's item is on screen.
func (a *agenda) settle(c *context, w, h int, name func(planner.AgendaItem) string) {
	if !a.loaded || a.err != nil || len(a.items) == 0 {
		return
	}
	_, room := a.head(c, w, h)
	a.scroll = min(a.scroll, a.cursor)
	for _, last := a.draw(c, w, room, a.scroll, name); a.cursor > last && a.scroll < a.cursor; _, last = a.draw(c, w, room, a.scroll, name) {
		a.scroll++
	}
}

// draw writes the items from the one at from that fit in room lines, and
// says which was the last. Only the items on screen are drawn, so a key
// press costs the same for ten patients or a hundred thousand.
func (a *agenda) draw(c *context, w, room, from int, name func(planner.AgendaItem) string) (lines []string, last int) {
	st := &c.styles
	col := min(28, max(12, w/4))
	bucket := planner.Bucket(-1)
	last = from - 1
	for i := from; i < len(a.items); i++ {
		it := a.items[i]
		var add []string
		if b := planner.BucketOf(it.Due, c.today); b != bucket {
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
		what := it.What
		if c.privacy {
			// What an item says may hold notes about a patient: only its
			// kind shows.
			what = sentence(string(it.Kind)) + " (details hidden)"
		}
		left := planner.Deadline{Due: it.Due}.Left(c.today)
		// The patient's name in a column, cut to fit; read aloud, in full.
		who := padRight(cut(name(it), col), col) + "  "
		if c.accessible {
			who = name(it) + ": "
		}
		add = append(add, wrapLines([]string{c.marker(i == a.cursor) + it.Due.String() + "  " + who + what + " (" + left + ")"}, w)...)
		if len(lines)+len(add) > room && len(lines) > 0 {
			break
		}
		lines, last = append(lines, add...), i
	}
	return lines, last
}

// view draws the agenda in w×h; name gives a patient's name as the list
// shows it.
func (a *agenda) view(c *context, w, h int, name func(planner.AgendaItem) string) string {
	switch {
	case a.err != nil:
		return wrap("Could not read the agenda: "+a.err.Error()+". Press esc to go back.", w, "")
	case !a.loaded:
		return "Loading the agenda…"
	}
	head, room := a.head(c, w, h)
	if len(a.items) == 0 {
		return head + "\n\n" + wrap("Nothing is due. Tasks with a date, follow-ups promised on calls, and the deadlines of denials "+
			"and pre-authorizations show here as they are recorded.", w, "")
	}
	lines, last := a.draw(c, w, room, min(a.scroll, a.cursor), name)
	more := ""
	if last < len(a.items)-1 || a.next != "" {
		more = c.styles.Subtle.Render("  (more: ↓)")
		if c.accessible {
			more = " (more below: press down or page down)"
		}
	}
	return strings.Join(wrapLines([]string{head + more}, w), "\n") + "\n\n" + strings.Join(lines[:min(len(lines), room)], "\n")
}
