package tui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"carecost/planner"
)

// catalog is the assistance programs every patient shares: a list, the
// selected program's details below it, and a filter typed after /.
type catalog struct {
	all       []planner.Program
	shown     []int
	cursor    int
	filter    string
	filtering bool
	loaded    bool
	err       error
	scroll    int
	follow    bool // the cursor moved: the next render scrolls to it
}

type programsLoadedMsg struct {
	programs []planner.Program
	err      error
}

func loadPrograms(st Store) tea.Cmd {
	return func() tea.Msg {
		p, err := st.Programs()
		return programsLoadedMsg{p, err}
	}
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

func (c *catalog) key(msg tea.KeyPressMsg, k KeyMap) {
	if c.filtering {
		editFilter(msg, &c.filter, &c.filtering)
		c.refilter()
		return
	}
	switch {
	case key.Matches(msg, k.Up):
		c.cursor, c.follow = max(0, c.cursor-1), true
	case key.Matches(msg, k.Down):
		c.cursor, c.follow = min(max(0, len(c.shown)-1), c.cursor+1), true
	case key.Matches(msg, k.Filter):
		c.filtering = true
	case msg.String() == "pgdown" || msg.String() == "space":
		c.scroll += 10
	case msg.String() == "pgup":
		c.scroll = max(0, c.scroll-10)
	}
}

func (c *catalog) render(w, h int, st Styles, today planner.Date, accessible bool) string {
	marker := "▸ "
	if accessible {
		marker = "(selected) "
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Assistance programs") + " — shared by every patient in this file\n")
	switch {
	case c.err != nil:
		return b.String() + "\n" + wrap("Could not read the programs: "+c.err.Error()+". Press esc to go back.", w, "")
	case !c.loaded:
		return b.String() + "\nLoading the programs…"
	}
	if c.filtering || c.filter != "" {
		b.WriteString("Filter: " + c.filter)
		if c.filtering {
			b.WriteString("▏ (enter keeps it, esc clears it)")
		}
		b.WriteString("\n")
	}
	if planner.GuidelinesOutOfDate(today) {
		b.WriteString(st.Warning.Render("Warning:") + " the newest poverty guidelines carecost has are for " +
			itoa(planner.NewestGuidelineYear()) + "; this year's may be higher. Check the program's own figures.\n")
	}
	if len(c.all) == 0 {
		b.WriteString("\n" + wrap("No programs yet. Press n to add one, or import a catalog someone shared: carecost programs import FILE.", w, ""))
		return b.String()
	}
	b.WriteString("\n")
	for k, i := range c.shown {
		p := &c.all[i]
		mark := "  "
		if k == c.cursor {
			mark = marker
		}
		b.WriteString(mark + padRight(cut(p.Name, max(10, w/2)), max(10, w/2)) + "  " + string(p.Kind) + "\n")
	}
	if len(c.shown) == 0 {
		b.WriteString("  No program matches the filter.\n")
	}
	if p, ok := c.selected(); ok {
		b.WriteString("\n" + programDetails(&p, st))
	}
	lines := wrapLines(strings.Split(strings.TrimRight(b.String(), "\n"), "\n"), w)
	if c.follow {
		// Keep the selected program in view as the cursor moves.
		c.follow = false
		keepInView(lines, marker, h-1, &c.scroll)
	}
	c.scroll = min(c.scroll, max(0, len(lines)-h+1))
	end := min(len(lines), c.scroll+h-1)
	more := ""
	if end < len(lines) {
		more = st.Subtle.Render("(more below: pgdown)")
	}
	return strings.Join(lines[c.scroll:end], "\n") + "\n" + more
}

// programDetails says what a program pays and whom it takes.
func programDetails(p *planner.Program, st Styles) string {
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
	l("How to apply", p.HowToApply)
	l("Typical turnaround", p.Turnaround)
	l("Notes", p.Notes)
	return b.String()
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
		parts = append(parts, "towards "+itoa(p.Sessions)+" sessions")
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

// maxTierSlots is how many income tiers the program form offers.
const maxTierSlots = 3

// programForm adds a program to the catalog, or edits one.
func programForm(p planner.Program, width int, accessible bool) *formDialog {
	v := newValues()
	v.accessible = accessible
	title := "New assistance program"
	if p.ID != "" {
		title = "Edit " + p.Name
	}
	if p.Kind == "" {
		p.Kind = planner.ProgramNonprofitGrant
	}
	year := ""
	if p.PovertyYear > 0 {
		year = itoa(p.PovertyYear)
	}
	insurance := make([]huh.Option[string], 0, len(planner.InsuranceRules))
	for _, r := range planner.InsuranceRules {
		insurance = append(insurance, huh.NewOption(r.String(), string(r)))
	}
	// As many tiers as the program has, and one more to add.
	slots := max(maxTierSlots, len(p.Tiers)+1)
	tierFields := []huh.Field{}
	for i := range slots {
		var t planner.IncomeTier
		if i < len(p.Tiers) {
			t = p.Tiers[i]
		}
		n := itoa(i + 1)
		tierFields = append(tierFields,
			input(v, "tier"+n+"Up", "Tier "+n+": income up to (% of the poverty level)", "Like 200; blank for no tier "+n, rateText(t.UpToPercent), validIncomePercent),
			input(v, "tier"+n+"Pays", "Tier "+n+": pays (% of the cost)", "100 for free care; needed when the tier has an income", rateText(t.PaysPercent), validRate),
			input(v, "tier"+n+"Label", "Tier "+n+": label", "Optional, like Free care", t.Label, nil))
	}
	form := newForm(width, accessible,
		huh.NewGroup(
			input(v, "name", "Name", "", p.Name, required("the program's name")),
			choose(v, "kind", "Kind", choices(planner.ProgramKinds, nil), string(p.Kind)),
			input(v, "contact", "Contact", "A phone number, an email or a person", p.Contact, nil),
			input(v, "website", "Website", "", p.Website, nil),
		).Title("The program"),
		huh.NewGroup(
			input(v, "amount", "Pays a fixed amount", "Blank if it pays a share instead", moneyText(p.Amount), validMoney(true)),
			input(v, "share", "Or pays a share of the cost (%)", "For everyone; for shares by income use the tiers", rateText(p.Share), validRate),
			input(v, "cap", "Up to (cap)", "The most it pays in all; blank for none", moneyText(p.Cap), validMoney(true)),
			input(v, "sessions", "Sessions it pays towards", "Blank if not limited", numberText(p.Sessions), validNumber(0, 1000, true)),
		).Title("What it pays"),
		huh.NewGroup(
			input(v, "maxIncome", "Income limit (% of the poverty level)", "Like 300; blank for none (or let the top tier set it)", rateText(p.MaxIncomePercent), validIncomePercent),
			input(v, "year", "Poverty guideline year", "The year of the figures the program uses, "+guidelineYears()+"; blank for the newest", year,
				validNumber(planner.PovertyTables()[0].Year, planner.NewestGuidelineYear(), true)),
		).Title("Whom it takes: income"),
		huh.NewGroup(tierFields...).Title("Sliding scale (optional)"),
		huh.NewGroup(
			input(v, "states", "States", "Two-letter codes, like OH, PA; blank for every state", strings.Join(p.States, ", "), validStates),
			huh.NewText().Key("conditions").Title("Conditions").Description("The diagnoses or needs it covers, one a line; blank for any").
				Value(v.str("conditions", strings.Join(p.Conditions, "\n"))).Lines(3),
			choose(v, "insurance", "Insurance", insurance, string(p.Insurance)),
			huh.NewConfirm().Key("veterans").Title("Veterans only?").Value(v.flag("veterans", p.VeteransOnly)),
			input(v, "minAge", "Youngest age", "Blank for no limit", numberText(p.MinAge), validNumber(0, 130, true)),
			input(v, "maxAge", "Oldest age", "Blank for no limit", numberText(p.MaxAge), validNumber(0, 130, true)),
		).Title("Whom it takes: the rest"),
		huh.NewGroup(
			notes(v, "apply", "How to apply", p.HowToApply),
			input(v, "turnaround", "Typical turnaround", "Like 2–4 weeks", p.Turnaround, nil),
			notes(v, "notes", "Notes", p.Notes),
		).Title("Applying"),
	)
	d := &formDialog{title: title, form: form, vals: v}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := p
		rec.Name, rec.Kind, rec.Contact, rec.Website = v.get("name"), planner.ProgramKind(v.get("kind")), v.get("contact"), v.get("website")
		rec.Amount, rec.Share, rec.Cap, rec.Sessions = v.money("amount"), v.rate("share"), v.money("cap"), v.number("sessions")
		rec.MaxIncomePercent, rec.PovertyYear = v.incomePercent("maxIncome"), v.number("year")
		rec.Tiers = nil
		var tierErr error
		for i := range slots {
			n := itoa(i + 1)
			up, pays := v.get("tier"+n+"Up"), v.get("tier"+n+"Pays")
			switch {
			case up == "" && pays == "":
				continue
			case up == "" && tierErr == nil:
				tierErr = errors.New("tier " + n + " says what it pays but not up to what income: enter the income, or clear the tier")
			case pays == "" && tierErr == nil:
				tierErr = errors.New("tier " + n + " has an income but not what it pays: enter the share of the cost, like 100 for free care")
			}
			// A half-filled tier is kept, so the form shows it again.
			rec.Tiers = append(rec.Tiers, planner.IncomeTier{UpToPercent: v.incomePercent("tier" + n + "Up"), PaysPercent: v.rate("tier" + n + "Pays"), Label: v.get("tier" + n + "Label")})
		}
		rec.States = splitList(strings.ToUpper(v.get("states")), ",")
		rec.Conditions = splitList(v.long("conditions"), "\n")
		rec.Insurance, rec.VeteransOnly = planner.InsuranceRule(v.get("insurance")), v.is("veterans")
		rec.MinAge, rec.MaxAge = v.number("minAge"), v.number("maxAge")
		rec.HowToApply, rec.Turnaround, rec.Notes = v.long("apply"), v.get("turnaround"), v.long("notes")
		d.retry = programForm(rec, width, accessible)
		if tierErr != nil {
			return nil, "", tierErr
		}
		if err := validated(&rec); err != nil {
			return nil, "", err
		}
		return []planner.Record{&rec}, "Saved the program '" + rec.Name + "'.", nil
	}
	return d
}

func validIncomePercent(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := planner.ParseIncomePercent(s)
	return err
}

func (v *formValues) incomePercent(key string) planner.Rate {
	r, _ := planner.ParseIncomePercent(v.get(key))
	return r
}

// guidelineYears names the years carecost has poverty guidelines for.
func guidelineYears() string {
	var years []string
	for _, t := range planner.PovertyTables() {
		if y := itoa(t.Year); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	return strings.Join(years, " or ")
}

// splitList splits text at sep, trimming each part and dropping empty ones.
func splitList(text, sep string) []string {
	var out []string
	for _, part := range strings.Split(text, sep) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func validStates(s string) error {
	for _, code := range splitList(s, ",") {
		if _, err := planner.RegionOf(code); err != nil {
			return err
		}
	}
	return nil
}
