package tui

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// patientList is the first screen: every patient, filtered by typing after
// "/".
type patientList struct {
	all       []planner.PatientSummary
	shown     []int // indexes into all that match the filter
	cursor    int   // index into shown
	filter    string
	filtering bool
	loaded    bool
	opened    bool // the demo has opened its patient once
	// privacy: names are hidden, so the filter matches statuses only.
	privacy bool
	// names is each listed patient's name, by which their place in all
	// is found.
	names map[planner.ID]string
	// keys is each patient's name as the filter finds it, beside all.
	keys []string
	// narrowed is the filter shown is for, while all is unchanged: a
	// filter typed on from it need only look among those shown.
	narrowed string
	// partial: all is the list's first page, and the rest is being read.
	// reading: a read of the list is on its way; stale: the patients that
	// changed meanwhile, whose entries are read again once it arrives (it
	// may be older than the changes).
	partial, reading bool
	stale            []planner.ID
	// want is a patient to select once the list is read again: one just
	// saved.
	want planner.ID
	// order is how the list is sorted: by name (as the file gives it), by
	// the next thing due, or by where insurance stands.
	order listOrder
}

// listOrder is an order of the patient list; o moves to the next.
type listOrder int

const (
	byName listOrder = iota
	byNextDue
	byInsurance
	listOrders
)

func (o listOrder) String() string {
	switch o {
	case byNextDue:
		return "next due"
	case byInsurance:
		return "insurance"
	}
	return "name"
}

// set shows a list read from the store, with its names (made by the
// command that read it, so that a large list costs the key loop nothing).
func (l *patientList) set(msg patientsLoadedMsg, privacy bool) {
	id, had := l.selected()
	l.all, l.names, l.keys, l.partial, l.reading, l.loaded = msg.list, msg.names, msg.keys, msg.more, msg.more, true
	l.narrowed = ""
	l.refilter(privacy)
	if had {
		l.selectID(id.ID)
	}
}

// update puts the entries read again in their places in the list, and
// takes out the patients asked about that are gone. It changes the list in
// place: the model's copies share it, and only the newest is used.
func (l *patientList) update(ids []planner.ID, fresh []planner.PatientSummary, privacy bool) {
	sel, had := l.selected()
	if l.names == nil {
		l.names = map[planner.ID]string{}
	}
	for _, id := range ids {
		if i, ok := l.position(id); ok {
			l.all, l.keys = slices.Delete(l.all, i, i+1), slices.Delete(l.keys, i, i+1)
			delete(l.names, id)
		}
	}
	for _, s := range fresh {
		i, _ := slices.BinarySearchFunc(l.all, s, planner.ComparePatients)
		if l.partial && i == len(l.all) {
			continue // beyond the first page: the whole list, being read, has it
		}
		l.all, l.keys = slices.Insert(l.all, i, s), slices.Insert(l.keys, i, searchKey(s.Name))
		l.names[s.ID] = s.Name
	}
	l.narrowed = ""
	l.refilter(privacy)
	if had {
		l.selectID(sel.ID)
	}
}

// position is the patient's place in all, if the list holds them: found
// by name, in the list's order.
func (l *patientList) position(id planner.ID) (int, bool) {
	name, ok := l.names[id]
	if !ok {
		return 0, false
	}
	return slices.BinarySearchFunc(l.all, planner.PatientSummary{ID: id, Name: name}, planner.ComparePatients)
}

// refilter shows the patients the filter matches: by name, or with names
// hidden (privacy), by status alone. A filter typed on from the one shown
// looks only among the patients it showed, in the order they are shown:
// a key in the filter of 300,000 patients stays within a frame.
func (l *patientList) refilter(privacy bool) {
	narrow := l.privacy == privacy && l.narrowed != "" && strings.HasPrefix(l.filter, l.narrowed)
	l.privacy = privacy
	needle, key := strings.ToLower(l.filter), searchKey(l.filter)
	matches := func(i int) bool {
		return needle == "" || (!l.privacy && strings.Contains(l.keys[i], key)) || strings.Contains(l.all[i].Status, needle)
	}
	l.narrowed = l.filter
	if narrow {
		shown := l.shown[:0]
		for _, i := range l.shown {
			if matches(i) {
				shown = append(shown, i)
			}
		}
		l.shown = shown
		l.cursor = min(l.cursor, max(0, len(l.shown)-1))
		return
	}
	l.shown = l.shown[:0]
	for i := range l.all {
		if matches(i) {
			l.shown = append(l.shown, i)
		}
	}
	// The file gives the list by name; the other orders keep that order
	// among equals. Nothing due sorts last.
	switch l.order {
	case byNextDue:
		slices.SortStableFunc(l.shown, func(a, b int) int {
			da, db := l.all[a].NextDue, l.all[b].NextDue
			return cmp.Or(cmp.Compare(btoi(da.IsZero()), btoi(db.IsZero())), cmp.Compare(da, db))
		})
	case byInsurance:
		slices.SortStableFunc(l.shown, func(a, b int) int { return strings.Compare(l.all[a].Status, l.all[b].Status) })
	}
	l.cursor = min(l.cursor, max(0, len(l.shown)-1))
}

// selected returns the patient under the cursor.
func (l *patientList) selected() (planner.PatientSummary, bool) {
	if len(l.shown) == 0 {
		return planner.PatientSummary{}, false
	}
	return l.all[l.shown[l.cursor]], true
}

// listKey handles a key on the patient list.
func (m *Model) listKey(msg tea.KeyPressMsg) action {
	k, l := &m.ctx.keys, &m.list
	s, ok := l.selected()
	switch {
	case key.Matches(msg, k.New):
		return pushModal{patientForm(planner.PatientRecord{}, m.ctx)}
	case key.Matches(msg, k.Edit) && ok:
		return openPatient{id: s.ID, then: editPatient}
	case key.Matches(msg, k.Delete) && ok:
		name := l.displayName(l.shown[l.cursor], m.ctx.privacy)
		return pushModal{&confirmDialog{
			question: "Delete the patient '" + name + "' and everything recorded about them? This cannot be undone: carecost erases their records from the file when it closes.",
			yes:      deleteRecord{record: &planner.PatientRecord{ID: s.ID}, status: "Deleted patient '" + name + "'.", patient: s.ID},
		}}
	case key.Matches(msg, k.Programs):
		return m.openCatalog()
	case key.Matches(msg, k.Agenda):
		return showScreen{screenAgenda}
	case key.Matches(msg, k.Up):
		l.cursor = max(0, l.cursor-1)
	case key.Matches(msg, k.Down):
		l.cursor = min(max(0, len(l.shown)-1), l.cursor+1)
	case key.Matches(msg, k.PageUp):
		l.cursor = max(0, l.cursor-max(1, m.ctx.bodyHeight-2))
	case key.Matches(msg, k.PageDown):
		l.cursor = min(max(0, len(l.shown)-1), l.cursor+max(1, m.ctx.bodyHeight-2))
	case key.Matches(msg, k.Home):
		l.cursor = 0
	case key.Matches(msg, k.End):
		l.cursor = max(0, len(l.shown)-1)
	case key.Matches(msg, k.Order):
		// The same patient stays selected in the new order.
		id, had := l.selected()
		l.order = (l.order + 1) % listOrders
		l.narrowed = "" // sorted anew
		l.refilter(m.ctx.privacy)
		if had {
			l.selectID(id.ID)
		}
		return setStatus{"Patients by " + l.order.String() + ".", false}
	case key.Matches(msg, k.Filter):
		l.filtering = true
	case key.Matches(msg, k.Back):
		// esc clears the filter, and cancels a patient still being opened.
		m.opening, l.filter = "", ""
		l.refilter(m.ctx.privacy)
	case key.Matches(msg, k.Open) && ok:
		return openPatient{id: s.ID}
	}
	return nil
}

// selectID puts the cursor on the patient, if the list shows them.
func (l *patientList) selectID(id planner.ID) bool {
	for n, i := range l.shown {
		if l.all[i].ID == id {
			l.cursor = n
			return true
		}
	}
	return false
}

// filterKey types a key into the filter while it is being typed.
func (l *patientList) filterKey(c *context, msg tea.KeyPressMsg) {
	if c.keys.editText(msg, &l.filter) {
		l.filtering = false
	}
	l.refilter(c.privacy)
}

// displayName is the name of patient i (an index into all) as the list
// shows it: hidden in privacy mode.
func (l *patientList) displayName(i int, privacy bool) string {
	if privacy {
		return "Patient " + itoa(i+1) + " (hidden)"
	}
	return l.all[i].Name
}

func (l *patientList) view(c *context, w, h int) string {
	st, accessible, privacy := &c.styles, c.accessible, c.privacy
	var b strings.Builder
	if !l.loaded {
		return "Loading the patient list…"
	}
	if len(l.all) == 0 {
		b.WriteString(st.Title.Render("Welcome to carecost") + "\n\n")
		b.WriteString(wrap("carecost works out what a course of treatment will really cost and compares every way to pay for it.", w, "") + "\n\n")
		b.WriteString(wrap("There are no patients in this file yet. Press n to add the first one; then, in the patient's tabs, "+
			"add the insurance plan (tab 2), the treatment course (tab 3) and ways to pay (tab 4), and compare them (tab 5).", w, "") + "\n\n")
		b.WriteString(wrap("To see a full example first, quit with q and run: carecost --demo", w, "") + "\n")
		return b.String()
	}
	header := "Patients"
	if l.order != byName {
		header += " by " + l.order.String()
	}
	switch {
	case l.partial && l.reading:
		header += " (the first " + itoa(len(l.all)) + "; reading the rest…)"
	case l.partial:
		header += " (the first " + itoa(len(l.all)) + "; the rest could not be read)"
	}
	if l.filter != "" || l.filtering {
		header += "  filter: " + l.filter
		if privacy {
			header += " (names are hidden: it matches statuses)"
		}
		if l.filtering {
			header += "▏ (enter keeps it, esc clears it)"
		}
	}
	b.WriteString(st.Title.Render(header) + "\n")
	if len(l.shown) == 0 {
		b.WriteString("No patient matches the filter. Press esc to clear it.\n")
		return b.String()
	}
	// The best scenario's column gets 20 to 32 cells as the window widens;
	// the name takes what is left, from 12 to 32.
	statusW, bestW := 23, min(32, max(20, w-60))
	nameW := max(12, min(32, w-(2+2+statusW+2+10+2+bestW)))
	if accessible {
		for n, i := range l.shown {
			s, name := l.all[i], l.displayName(i, privacy)
			mark := ""
			if n == l.cursor {
				mark = " (selected)"
			}
			// Each patient's line wraps, never cut: a screen reader reads
			// it whole.
			text := "Patient " + itoa(n+1) + " of " + itoa(len(l.shown)) + mark + ": " + name +
				". Insurance: " + s.Status + ". Next due: " + dueText(s.NextDue) + ". Best scenario: " + bestText(s) + "."
			b.WriteString(strings.Join(wrapLines([]string{text}, w), "\n") + "\n")
		}
		return b.String()
	}
	b.WriteString(st.Label.Render("  "+padRight("Name", nameW)+"  "+padRight("Insurance", statusW)+"  "+padRight("Next due", 10)+"  Best scenario") + "\n")
	rows := max(1, h-2)
	first := max(0, l.cursor-(rows-1))
	for n := first; n < min(len(l.shown), first+rows); n++ {
		i := l.shown[n]
		s, name := l.all[i], l.displayName(i, privacy)
		mark := "  "
		if n == l.cursor {
			mark = "▸ "
		}
		line := mark + padRight(cut(name, nameW), nameW) + "  " + padRight(cut(s.Status, statusW), statusW) + "  " +
			padRight(dueText(s.NextDue), 10) + "  " + bestText(s)
		line = cut(line, w)
		if n == l.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func dueText(d planner.Date) string {
	if d.IsZero() {
		return "nothing"
	}
	return d.String()
}

func bestText(s planner.PatientSummary) string {
	switch {
	case s.Best == "" && s.BestWaits != "":
		return s.BestWaits
	case s.Best == "":
		return "none yet"
	case s.BestWaits != "":
		return s.BestNet.String() + " if approved (" + s.Best + ")"
	}
	return s.BestNet.String() + " (" + s.Best + ")"
}

// searchKey is a name as the filter looks in it: lower-cased, and its
// letters without their accents unless it is all ASCII, so that a
// filter's key found in it is what containsFolded would find.
func searchKey(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	return unaccented(s)
}

// containsFolded reports whether s holds the lower-case needle, ignoring
// the case of s, without allocating for ASCII names.
func containsFolded(s, needle string) bool {
	if !isASCII(s) || !isASCII(needle) {
		// "garcia" finds "García": letters are compared without their
		// accents (Unicode NFD, less the combining marks).
		s, needle = unaccented(s), unaccented(needle)
	}
	for i := 0; i+len(needle) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// unaccented is s lower-cased, its letters without their accents.
func unaccented(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
