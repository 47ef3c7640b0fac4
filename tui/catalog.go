package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// catalog is the assistance programs every patient shares: a list, the
// selected program's details below it, and a filter typed after /. It is
// a modal over the screen it was opened from.
type catalog struct {
	all       []planner.Program
	shown     []int
	cursor    int
	filter    string
	filtering bool
	loaded    bool
	err       error
	scroll    int
	follow    bool // the cursor moved: the next settle scrolls to it
}

// openCatalog opens the catalog, where it was left, and reads it again.
func (m *Model) openCatalog() action {
	if m.catalog == nil {
		m.catalog = &catalog{}
	}
	m.catalog.loaded, m.catalog.err = false, nil
	return actions{pushModal{m.catalog}, runCmd{loadPrograms(m.store)}}
}

func (c *catalog) set(all []planner.Program, err error) {
	c.all, c.err, c.loaded = all, err, true
	planner.SortProgramsByName(c.all)
	c.refilter()
}

func (c *catalog) refilter() {
	c.shown = c.shown[:0]
	needle := strings.ToLower(c.filter)
	for i, p := range c.all {
		if needle == "" || containsFolded(p.Name, needle) || strings.Contains(string(p.Kind), needle) ||
			containsFolded(strings.Join(p.States, " "), needle) {
			c.shown = append(c.shown, i)
		}
	}
	c.cursor = min(c.cursor, max(0, len(c.shown)-1))
}

func (c *catalog) selected() (planner.Program, bool) {
	if len(c.shown) == 0 {
		return planner.Program{}, false
	}
	return c.all[c.shown[c.cursor]], true
}

func (c *catalog) update(cx *context, msg tea.Msg) action {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return c.key(cx, k)
	}
	return pass{}
}

func (c *catalog) key(cx *context, msg tea.KeyPressMsg) action {
	k := &cx.keys
	if c.filtering {
		if k.editText(msg, &c.filter) {
			c.filtering = false
		}
		c.refilter()
		return nil
	}
	p, ok := c.selected()
	switch {
	case key.Matches(msg, k.Back) && c.filter != "":
		c.filter = ""
		c.refilter()
	case key.Matches(msg, k.Back):
		return actions{closeModal{}, refreshPatient{}}
	case key.Matches(msg, k.New):
		return pushModal{programForm(planner.Program{}, cx)}
	case key.Matches(msg, k.Edit) && ok:
		return pushModal{programForm(p, cx)}
	case key.Matches(msg, k.Delete) && ok:
		return pushModal{&confirmDialog{question: "Delete the program '" + p.Name + "' from the catalog? This cannot be undone.",
			yes: deleteRecord{record: &p, status: "Deleted the program '" + p.Name + "'."}}}
	case key.Matches(msg, k.Edit, k.Delete):
	case key.Matches(msg, k.Up):
		c.cursor, c.follow = max(0, c.cursor-1), true
	case key.Matches(msg, k.Down):
		c.cursor, c.follow = min(max(0, len(c.shown)-1), c.cursor+1), true
	case key.Matches(msg, k.Filter):
		c.filtering = true
	case key.Matches(msg, k.PageDown):
		c.scroll += 10
	case key.Matches(msg, k.PageUp):
		c.scroll = max(0, c.scroll-10)
	default:
		return pass{}
	}
	return nil
}

// reload reads the catalog again after a program is saved or deleted.
func (c *catalog) reload(st Store) tea.Cmd { return loadPrograms(st) }

func (c *catalog) title() string { return "assistance programs" }

func (c *catalog) help(k KeyMap) keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.New, k.Edit, k.Delete, k.Filter, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Filter, k.Back}, {k.New, k.Edit, k.Delete}, k.common()},
	}
}

// lines draws the catalog for a width, and says where the selected
// program's line is (-1 for none). It changes nothing.
func (c *catalog) lines(cx *context, w int) ([]string, int) {
	st := &cx.styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Assistance programs") + " — shared by every patient in this file\n")
	switch {
	case c.err != nil:
		b.WriteString("\n" + wrap("Could not read the programs: "+c.err.Error()+". Press esc to go back.", w, ""))
		return strings.Split(b.String(), "\n"), -1
	case !c.loaded:
		b.WriteString("\nLoading the programs…")
		return strings.Split(b.String(), "\n"), -1
	}
	if c.filtering || c.filter != "" {
		b.WriteString("Filter: " + c.filter)
		if c.filtering {
			b.WriteString("▏ (enter keeps it, esc clears it)")
		}
		b.WriteString("\n")
	}
	if planner.GuidelinesOutOfDate(cx.today) {
		b.WriteString(st.Warning.Render("Warning:") + " the newest poverty guidelines carecost has are for " +
			itoa(planner.NewestGuidelineYear()) + "; this year's may be higher. Check the program's own figures.\n")
	}
	if len(c.all) == 0 {
		b.WriteString("\n" + wrap("No programs yet. Press n to add one, or import a catalog someone shared: carecost programs import FILE.", w, ""))
		return strings.Split(b.String(), "\n"), -1
	}
	b.WriteString("\n")
	at := -1
	for k, i := range c.shown {
		p := &c.all[i]
		if k == c.cursor {
			at = lines(&b)
		}
		b.WriteString(cx.marker(k == c.cursor) + padRight(cut(p.Name, max(10, w/2)), max(10, w/2)) + "  " + string(p.Kind) + "\n")
	}
	if len(c.shown) == 0 {
		b.WriteString("  No program matches the filter.\n")
	}
	if p, ok := c.selected(); ok {
		b.WriteString("\n" + programDetails(&p, st))
	}
	return wrapLinesAt(strings.Split(strings.TrimRight(b.String(), "\n"), "\n"), w, at)
}

// settle keeps the scroll within the lines, and the selected program in
// view as the cursor moves.
func (c *catalog) settle(cx *context, w, h int) {
	lines, at := c.lines(cx, w)
	if c.follow && at >= 0 {
		room := h - 1
		switch below := min(2, max(0, room-1)); {
		case at < c.scroll:
			c.scroll = at
		case at >= c.scroll+room-below:
			c.scroll = at - room + below + 1
		}
	}
	c.follow = false
	c.scroll = min(c.scroll, max(0, len(lines)-h+1))
}

func (c *catalog) view(cx *context, w, h int) string {
	h = max(2, h)
	lines, _ := c.lines(cx, w)
	if !c.loaded || c.err != nil || len(c.all) == 0 {
		return strings.Join(lines, "\n")
	}
	from := min(c.scroll, max(0, len(lines)-h+1))
	end := min(len(lines), from+h-1)
	more := ""
	if end < len(lines) {
		more = cx.styles.Subtle.Render("(more below: pgdown)")
	}
	return strings.Join(lines[from:end], "\n") + "\n" + more
}

// programDetails says what a program pays and whom it takes.
func programDetails(p *planner.Program, st *Styles) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(p.Name) + "\n")
	if p.Fictional {
		b.WriteString("A fictional program, part of the demo.\n")
	}
	l := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			b.WriteString(line(st, label, value) + "\n")
		}
	}
	l("Kind", string(p.Kind))
	l("Contact", p.Contact)
	l("Website", p.Website)
	l("Pays", paysText(p))
	l("Income limit", incomeText(p))
	for _, t := range p.Tiers {
		b.WriteString("  up to " + t.UpToPercent.String() + " of the poverty guideline: pays " + t.PaysPercent.String() + tierLabel(t) + "\n")
	}
	if len(p.States) > 0 {
		l("States", strings.Join(p.States, ", "))
	}
	l("Conditions", strings.Join(p.Conditions, "; "))
	if p.Insurance != planner.InsuranceAny {
		l("Insurance", p.Insurance.String())
	}
	if p.VeteransOnly {
		l("Veterans", "veterans only")
	}
	if p.MinAge > 0 || p.MaxAge > 0 {
		l("Ages", agesText(p.MinAge, p.MaxAge))
	}
	l("Fund", fundText(p))
	switch {
	case p.RequiresFDAApproved:
		l("Pays for", "FDA-approved treatments only, used as approved")
	case p.ExcludesOffLabel:
		l("Pays for", "no off-label use")
	}
	l("How to apply", p.HowToApply)
	l("Typical turnaround", p.Turnaround)
	l("Notes", p.Notes)
	return b.String()
}

// fundText says where a program's fund stood when last checked: "closed as
// of 2026-11-20; re-opens each year on January 4 (next 2027-01-04)".
func fundText(p *planner.Program) string {
	text := ""
	if p.Fund != planner.FundUnknown {
		text = string(p.Fund) + " as of " + p.FundCheckedOn.String()
	}
	if !p.ReopensOn.IsZero() {
		_, month, day := p.ReopensOn.Civil()
		if text != "" {
			text += "; "
		}
		text += "re-opens each year on " + month.String() + " " + itoa(day)
		if next := p.NextReopening(p.FundCheckedOn); !next.IsZero() {
			text += " (next " + next.String() + ")"
		}
	}
	return text
}

func tierLabel(t planner.IncomeTier) string {
	if t.Label == "" {
		return ""
	}
	return " (" + t.Label + ")"
}

func agesText(lo, hi int) string {
	switch {
	case lo > 0 && hi > 0:
		return itoa(lo) + " to " + itoa(hi)
	case lo > 0:
		return itoa(lo) + " and over"
	}
	return "up to " + itoa(hi)
}

// paysText says what a program pays.
func paysText(p *planner.Program) string {
	var parts []string
	switch {
	case p.Amount > 0:
		parts = append(parts, p.Amount.String())
	case p.Share > 0:
		parts = append(parts, p.Share.String()+" of the cost")
	case len(p.Tiers) > 0:
		parts = append(parts, "a share of the cost by income (below)")
	}
	if p.Cap > 0 {
		parts = append(parts, "up to "+p.Cap.String())
	}
	if p.Sessions > 0 {
		parts = append(parts, "towards "+plural(p.Sessions, "session"))
	}
	if len(parts) == 0 {
		return "not stated"
	}
	return strings.Join(parts, ", ")
}

func incomeText(p *planner.Program) string {
	limit := p.IncomeLimit()
	if limit == 0 {
		return "none"
	}
	year := "the newest guidelines"
	if p.PovertyYear > 0 {
		year = "the " + itoa(p.PovertyYear) + " guidelines"
	}
	return limit.String() + " of the federal poverty level (" + year + ")"
}
