package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// The workspace's tabs.
const (
	tabOverview = iota
	tabInsurance
	tabTreatment
	tabScenarios
	tabCompare
	tabApproval
	tabAssistance
	tabCount
)

var (
	tabNames      = [tabCount]string{"1 Overview", "2 Insurance", "3 Treatment", "4 Scenarios", "5 Compare", "6 Approval", "7 Assistance"}
	shortTabNames = [tabCount]string{"1 Over", "2 Ins", "3 Treat", "4 Scen", "5 Comp", "6 Appr", "7 Aid"}
)

// workspace is one patient's records, worked out, in tabs.
type workspace struct {
	file       planner.PatientFile
	comparison planner.Comparison
	today      planner.Date
	tab        int
	scroll     [tabCount]int
	selected   int // the scenario selected on Compare
	// item is the plan, course, scenario or approval record selected on
	// those tabs.
	item [tabCount]int
	// approval is the Approval tab's records, in the order it shows them.
	approval []approvalItem
	// follow: the selection moved, so the next render scrolls to it.
	follow bool
	// focus is a record just saved: once read again, it is selected on
	// the Approval tab.
	focus planner.ID
	// programs is the catalog; screenings the patient screened against it.
	programs   []planner.Program
	screenings []planner.Screening
	// otherWay is, for each scenario with a pending grant, its figures
	// worked out the other way: without the pending grants if it counts
	// them, with them if not.
	otherWay map[int]planner.Summary
}

// items is how many records the tab lists, to choose from with up and down.
func (ws *workspace) items(tab int) int {
	switch tab {
	case tabInsurance:
		return len(ws.file.Plans)
	case tabTreatment:
		return len(ws.file.Courses)
	case tabScenarios:
		return len(ws.file.Scenarios)
	case tabApproval:
		return len(ws.approval)
	case tabAssistance:
		return len(ws.file.Applications)
	}
	return 0
}

func (ws *workspace) selectedPlan() (planner.PlanRecord, bool) {
	if i := ws.item[tabInsurance]; i < len(ws.file.Plans) {
		return ws.file.Plans[i], true
	}
	return planner.PlanRecord{}, false
}

func (ws *workspace) selectedCourse() (planner.CourseRecord, bool) {
	if i := ws.item[tabTreatment]; i < len(ws.file.Courses) {
		return ws.file.Courses[i], true
	}
	return planner.CourseRecord{}, false
}

func (ws *workspace) selectedScenario() (planner.ScenarioRecord, bool) {
	i := ws.item[tabScenarios]
	if ws.tab == tabCompare {
		i = ws.selected
	}
	if i < len(ws.file.Scenarios) {
		return ws.file.Scenarios[i], true
	}
	return planner.ScenarioRecord{}, false
}

// marker shows which record of a tab is selected, when there is a choice.
func (ws *workspace) marker(tab, i int) string {
	if ws.items(tab) < 2 {
		return ""
	}
	if ws.item[tab] == i {
		return "▸ "
	}
	return "  "
}

// accessibleMarker is marker in words, for screen readers.
func (ws *workspace) accessibleMarker(tab, i int) string {
	if ws.items(tab) > 1 && ws.item[tab] == i {
		return "(selected) "
	}
	return ""
}

// set shows a patient, working out their scenarios and screening once.
func (ws *workspace) set(f planner.PatientFile, programs []planner.Program, today planner.Date) {
	same := ws.file.Patient.ID == f.Patient.ID
	// The record selected on the Approval tab stays selected when records
	// before it come or go.
	var selectedID planner.ID
	if it, ok := ws.selectedItem(); ok && same {
		if r, _ := ws.itemRecord(it); r != nil {
			selectedID = *r.RecordID()
		}
	}
	ws.file, ws.today, ws.programs = f, today, programs
	var scenarios []planner.Scenario
	scenarios, ws.comparison = f.Compare()
	ws.approval = approvalItems(&ws.file)
	// A record just saved on the Approval tab is selected and brought
	// into view; otherwise the selection stays on its record.
	find := func(id planner.ID) int {
		for i, it := range ws.approval {
			if r, _ := ws.itemRecord(it); r != nil && *r.RecordID() == id {
				return i
			}
		}
		return -1
	}
	if i := find(ws.focus); ws.focus != "" && i >= 0 && ws.tab == tabApproval {
		ws.item[tabApproval], ws.follow = i, true
	} else if i := find(selectedID); selectedID != "" && i >= 0 {
		ws.item[tabApproval] = i
	}
	ws.focus = ""
	ws.screenings = planner.ScreenAll(f.Patient.Patient, planner.FactsOf(f.Patient.Patient), programs, today)
	ws.otherWay = map[int]planner.Summary{}
	for i := range scenarios {
		if ws.comparison.Entries[i].Err != nil || !hasPendingGrant(scenarios[i].Sources) {
			continue
		}
		other := scenarios[i]
		other.CountPendingGrants = !other.CountPendingGrants
		if r, err := planner.Evaluate(&other); err == nil {
			ws.otherWay[i] = r.Summary
		}
	}
	if !same {
		ws.tab, ws.scroll, ws.selected, ws.item = tabOverview, [tabCount]int{}, 0, [tabCount]int{}
		if len(ws.comparison.ByNetTotal) > 0 {
			ws.selected = ws.comparison.ByNetTotal[0]
		}
	}
	ws.selected = min(ws.selected, max(0, len(ws.comparison.Entries)-1))
	for tab := range ws.item {
		ws.item[tab] = min(ws.item[tab], max(0, ws.items(tab)-1))
	}
}

// keepInView scrolls lines so that the one starting with marker (the
// selection) is among the room lines shown, with up to two lines below it
// for the rest of a record that wraps, as the room allows.
func keepInView(lines []string, marker string, room int, scroll *int) {
	at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, marker) })
	switch below := min(2, max(0, room-1)); {
	case at < 0:
	case at < *scroll:
		*scroll = at
	case at >= *scroll+room-below:
		*scroll = at - room + below + 1
	}
}

// hasPendingGrant reports whether any of the sources is a grant not yet
// awarded.
func hasPendingGrant(sources []planner.FundingSource) bool {
	return slices.ContainsFunc(sources, func(f planner.FundingSource) bool { return f.Grant != nil && f.Grant.Pending })
}

func (ws *workspace) title() string {
	return ws.file.Patient.Name
}

func (ws *workspace) key(msg tea.KeyPressMsg, k KeyMap) {
	switch {
	case key.Matches(msg, k.NextTab):
		ws.tab = (ws.tab + 1) % tabCount
	case key.Matches(msg, k.PrevTab):
		ws.tab = (ws.tab + tabCount - 1) % tabCount
	case key.Matches(msg, k.tabs()...):
		for tab, b := range k.tabs() {
			if key.Matches(msg, b) {
				ws.tab = tab
			}
		}
	case msg.String() == "pgdown" || msg.String() == "space":
		ws.scroll[ws.tab] += 10
	case msg.String() == "pgup":
		ws.scroll[ws.tab] = max(0, ws.scroll[ws.tab]-10)
	case key.Matches(msg, k.Up):
		switch {
		case ws.tab == tabCompare:
			ws.selected = max(0, ws.selected-1)
		case ws.items(ws.tab) > 1:
			ws.item[ws.tab] = max(0, ws.item[ws.tab]-1)
			ws.follow = true
		default:
			ws.scroll[ws.tab] = max(0, ws.scroll[ws.tab]-1)
		}
	case key.Matches(msg, k.Down):
		switch {
		case ws.tab == tabCompare:
			ws.selected = min(max(0, len(ws.comparison.Entries)-1), ws.selected+1)
		case ws.items(ws.tab) > 1:
			ws.item[ws.tab] = min(ws.items(ws.tab)-1, ws.item[ws.tab]+1)
			ws.follow = true
		default:
			ws.scroll[ws.tab]++
		}
	}
}

// render draws the tab bar and the current tab, scrolled, in w×h.
func (ws *workspace) render(w, h int, st Styles, accessible bool) string {
	var tabs []string
	names := tabNames
	if w < 64 && !accessible {
		names = shortTabNames
	}
	for i, name := range names {
		switch {
		case accessible && i == ws.tab:
			tabs = append(tabs, name+" (current)")
		case accessible:
			tabs = append(tabs, name)
		case i == ws.tab:
			tabs = append(tabs, st.ActiveTab.Render("["+name+"]"))
		default:
			tabs = append(tabs, st.Tab.Render(name))
		}
	}
	sep := "  "
	if accessible {
		tabs[0] = "Tabs: " + tabs[0]
		sep = ", "
	}
	var body string
	switch ws.tab {
	case tabOverview:
		body = ws.overview(w, st, accessible)
	case tabInsurance:
		body = ws.insurance(w, st)
	case tabTreatment:
		body = ws.treatment(w, st)
	case tabScenarios:
		body = ws.scenarioList(w, st)
	case tabCompare:
		body = ws.compare(w, st, accessible)
	case tabApproval:
		body = ws.approvalTab(w, st)
	case tabAssistance:
		body = ws.assistanceTab(w, st)
	}
	raw := strings.Split(strings.TrimRight(body, "\n"), "\n")
	marker := "▸ "
	if accessible {
		marker = "(selected) "
		for i, l := range raw {
			raw[i] = strings.Replace(l, "▸ ", marker, 1)
		}
	}
	lines := wrapLines(raw, w)
	// The tab bar wraps in a narrow window; room is what it leaves, with
	// the note that there is more below counted in.
	moreText := st.Subtle.Render("  (more: ↓)")
	if accessible {
		moreText = " (more below: press down or page down)"
	}
	bar := strings.Join(tabs, sep)
	if ansi.StringWidth(bar+moreText) > w {
		// Wrapped, a tab's number and name stay together.
		for i, t := range tabs {
			tabs[i] = strings.ReplaceAll(t, " ", "\u00a0")
		}
		bar = strings.Join(tabs, sep)
	}
	room := max(0, h-1-len(wrapLines([]string{bar + moreText}, w)))
	if ws.follow {
		// Keep the selected record on screen as the selection moves.
		ws.follow = false
		keepInView(lines, marker, room, &ws.scroll[ws.tab])
	}
	scroll := min(ws.scroll[ws.tab], max(0, len(lines)-room))
	ws.scroll[ws.tab] = scroll
	end := min(len(lines), scroll+room)
	if end < len(lines) {
		bar += moreText
	}
	return strings.Join(wrapLines([]string{bar}, w), "\n") + "\n\n" + strings.Join(lines[scroll:end], "\n")
}

// line is a labelled value, "Label: value", for the detail tabs.
func line(st Styles, label, value string) string {
	return st.Label.Render(label+":") + " " + value
}

func (ws *workspace) overview(w int, st Styles, accessible bool) string {
	f := &ws.file
	p := &f.Patient
	var b strings.Builder
	about := []string{}
	if p.State != "" {
		about = append(about, p.State)
	}
	if p.HouseholdSize > 0 {
		about = append(about, "household of "+itoa(p.HouseholdSize))
	}
	if p.AnnualIncome > 0 {
		about = append(about, p.AnnualIncome.String()+" a year")
	}
	b.WriteString(st.Title.Render(p.Name))
	if len(about) > 0 {
		b.WriteString(" — " + strings.Join(about, ", "))
	}
	b.WriteString("\n")
	budget := "none entered"
	if p.MonthlyBudget > 0 {
		budget = p.MonthlyBudget.String() + " a month"
	}
	b.WriteString(line(st, "Monthly budget", budget) + "\n")
	for _, plan := range f.Plans {
		b.WriteString(line(st, "Insurance", plan.Name+planInsurer(plan)) + "\n")
	}
	if len(f.Plans) == 0 {
		b.WriteString(line(st, "Insurance", "no plan entered") + "\n")
	}
	for _, c := range f.Courses {
		b.WriteString(line(st, "Treatment", courseLine(&c.Course)+"; insurance: "+c.Status.String()) + "\n")
	}
	if len(f.Courses) == 0 {
		b.WriteString(line(st, "Treatment", "no course entered") + "\n")
	}
	b.WriteString("\n" + st.Title.Render("Best scenarios, by net total") + "\n")
	c := &ws.comparison
	if len(c.ByNetTotal) == 0 {
		b.WriteString("No scenario can be worked out yet.\n")
	}
	for place, i := range c.ByNetTotal[:min(3, len(c.ByNetTotal))] {
		r := &c.Entries[i].Result
		b.WriteString(itoa(place+1) + ". " + r.Name + ": net " + r.Summary.NetTotal.String() + ", up front " +
			r.Summary.DueUpFront.String() + ", highest month " + r.Summary.HighestMonthly.String() + "\n")
	}
	if next := ws.nextSteps(); len(next) > 0 {
		b.WriteString("\n" + st.Title.Render("Approval and help") + "\n")
		for _, l := range next {
			b.WriteString(wrap("- "+l, w, "") + "\n")
		}
	}
	if missing := ws.missing(); len(missing) > 0 {
		b.WriteString("\n" + st.Title.Render("What's missing") + "\n")
		for _, m := range missing {
			b.WriteString(wrap("- "+m, w, "") + "\n")
		}
	}
	if p.Notes != "" {
		b.WriteString("\n" + line(st, "Notes", "") + "\n" + wrap(p.Notes, w, "  ") + "\n")
	}
	return b.String()
}

func planInsurer(p planner.PlanRecord) string {
	var parts []string
	if p.Insurer != "" {
		parts = append(parts, p.Insurer)
	}
	if p.MemberID != "" {
		parts = append(parts, "member ID "+p.MemberID)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func courseLine(c *planner.Course) string {
	n := c.Sessions()
	return c.Name + ", " + itoa(n) + " sessions from " + c.Start.String() + " to " + c.End().String()
}

// nextSteps sums up tabs 6 and 7 for the Overview: the next deadline,
// each course's checklist, what screening found, applications open.
func (ws *workspace) nextSteps() []string {
	f := &ws.file
	var out []string
	if d := f.OpenDeadlines(); len(d) > 0 {
		more := ""
		if len(d) > 1 {
			more = " (" + itoa(len(d)-1) + " more on tab 6)"
		}
		out = append(out, "Next deadline: "+d[0].Due.String()+" ("+d[0].Left(ws.today)+"): "+d[0].What+" — "+d[0].Course+more+".")
	}
	for _, c := range f.Courses {
		if ready, total := f.ChecklistProgress(c.ID); total > 0 {
			out = append(out, "Checklist for "+c.Name+": "+itoa(ready)+" of "+itoa(total)+" documents in hand.")
		}
	}
	counts := map[planner.Verdict]int{}
	for _, s := range ws.screenings {
		counts[s.Verdict]++
	}
	if len(ws.screenings) > 0 {
		out = append(out, "Assistance: "+itoa(counts[planner.Eligible])+" programs look eligible, "+itoa(counts[planner.Check])+
			" to check with the program (tab 7).")
	}
	open := 0
	for _, a := range f.Applications {
		if a.Status == planner.ApplicationConsidering || a.Status == planner.ApplicationApplied {
			open++
		}
	}
	switch {
	case open == 1:
		out = append(out, "1 application is waiting for an answer.")
	case open > 1:
		out = append(out, itoa(open)+" applications are waiting for an answer.")
	}
	return out
}

// missing lists what the patient's records lack that would change the
// figures.
func (ws *workspace) missing() []string {
	f := &ws.file
	var out []string
	if f.Patient.MonthlyBudget == 0 {
		out = append(out, "No monthly budget entered: months over budget cannot be shown.")
	}
	for _, p := range f.Plans {
		if !p.InNetwork.HasOutOfPocketMax {
			out = append(out, "No out-of-pocket maximum entered for "+p.Name+" — costs may be overstated.")
		}
	}
	if len(f.Courses) > 0 && len(f.Scenarios) == 0 {
		out = append(out, "No funding scenarios yet: add one to see what the course costs.")
	}
	for _, e := range ws.comparison.Entries {
		if e.Err != nil {
			out = append(out, "The scenario "+e.Result.Name+" cannot be worked out: "+e.Err.Error())
		}
	}
	return out
}

func (ws *workspace) insurance(w int, st Styles) string {
	var b strings.Builder
	if len(ws.file.Plans) == 0 {
		return "No insurance plan entered. Press n to add one.\n"
	}
	for i, p := range ws.file.Plans {
		b.WriteString(ws.marker(tabInsurance, i) + st.Title.Render(p.Name) + planInsurer(p) + "\n")
		b.WriteString(line(st, "Plan year starts", p.PlanYearStart.String()+" (the deductible and out-of-pocket amounts start over each year on this day)") + "\n")
		if p.Group != "" {
			b.WriteString(line(st, "Group", p.Group) + "\n")
		}
		if p.Phone != "" {
			b.WriteString(line(st, "Phone", p.Phone) + "\n")
		}
		b.WriteString(tierLines(st, "In network", &p.InNetwork, p.Met.InNetwork))
		if p.OutOfNetworkCovered {
			b.WriteString(tierLines(st, "Out of network", &p.OutOfNetwork, p.Met.OutOfNetwork))
		} else {
			b.WriteString(st.Title.Render("Out of network") + ": the plan pays nothing.\n")
		}
		if !p.Met.AsOf.IsZero() {
			b.WriteString(line(st, "Amounts met are as of", p.Met.AsOf.String()) + "\n")
		}
		if p.Family {
			embedded := "not embedded: only the family deductible counts"
			if p.EmbeddedDeductible {
				embedded = "embedded: your own deductible is met at your amount or the family's, whichever comes first"
			}
			b.WriteString(line(st, "Family plan", embedded) + "\n")
		}
		b.WriteString("\n")
	}
	for _, c := range ws.file.Courses {
		b.WriteString(line(st, "Coverage of "+c.Name, c.Status.String()+" (change it with e on the Treatment tab)") + "\n")
	}
	b.WriteString(st.Subtle.Render(wrap("Press g for what deductible, coinsurance, copay and out-of-pocket maximum mean.", w, "")) + "\n")
	return b.String()
}

func tierLines(st Styles, name string, t *planner.CostSharing, met planner.Accumulated) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(name) + "\n")
	b.WriteString("  " + line(st, "Deductible", t.Deductible.String()+" ("+met.Deductible.String()+" met)") + "\n")
	b.WriteString("  " + line(st, "Coinsurance", t.Coinsurance.String()+" (your share after the deductible)") + "\n")
	if t.CopayRule != planner.NoCopay {
		b.WriteString("  " + line(st, "Copay", t.Copay.String()+", "+t.CopayRule.String()) + "\n")
	}
	oop := "none entered"
	if t.HasOutOfPocketMax {
		oop = t.OutOfPocketMax.String() + " (" + met.OutOfPocket.String() + " met)"
	}
	b.WriteString("  " + line(st, "Out-of-pocket maximum", oop) + "\n")
	return b.String()
}

func (ws *workspace) treatment(w int, st Styles) string {
	var b strings.Builder
	if len(ws.file.Courses) == 0 {
		return "No treatment course entered. Press n to add one.\n"
	}
	for i, cr := range ws.file.Courses {
		c := &cr.Course
		b.WriteString(ws.marker(tabTreatment, i) + st.Title.Render(c.Name) + " — insurance: " + cr.Status.String() + "\n")
		for _, f := range c.Fees {
			b.WriteString("  " + line(st, f.Name, "once, on "+c.Start.String()+"; "+priceText(f.Price)) + "\n")
		}
		for _, ph := range c.Phases {
			count := itoa(ph.Sessions) + " sessions"
			if ph.Sessions == 0 {
				count = "for " + itoa(ph.ForMonths) + " months"
			}
			text := count + ", " + ph.Spacing.String() + "; " + priceText(ph.Price)
			if ph.PackagePrice > 0 {
				text += "; package " + ph.PackagePrice.String()
			}
			b.WriteString("  " + line(st, ph.Name, text) + "\n")
		}
		if c.PayUpFrontDiscount > 0 {
			b.WriteString("  " + line(st, "Pay-up-front discount", c.PayUpFrontDiscount.String()) + "\n")
		}
		b.WriteString("  " + st.Label.Render("Sessions:") + "\n")
		for _, cl := range c.Claims() {
			b.WriteString("    " + cl.Date.String() + "  " + cl.Label(c) + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func priceText(p planner.Price) string {
	return "billed " + p.Billed.String() + ", allowed " + p.AllowedInNetwork.String() + " in network / " +
		p.AllowedOutOfNetwork.String() + " out, cash " + p.Cash.String()
}

func (ws *workspace) scenarioList(w int, st Styles) string {
	var b strings.Builder
	if len(ws.file.Scenarios) == 0 {
		return "No funding scenarios yet. Press n to add one.\n"
	}
	for i, s := range ws.file.Scenarios {
		b.WriteString(ws.marker(tabScenarios, i) + st.Title.Render(itoa(i+1)+". "+s.Name) + " — " + s.Coverage.Case.String() + "\n")
		for k, src := range s.Sources {
			b.WriteString("   " + itoa(k+1) + ") " + src.Name + ": " + sourceText(&src) + "\n")
		}
		if len(s.Sources) == 0 {
			b.WriteString("   no way to pay yet: everything is unfunded\n")
		}
	}
	return b.String()
}

// sourceText says a funding source's terms in a line.
func sourceText(f *planner.FundingSource) string {
	switch k := f.Kind(); k {
	case planner.KindGrant:
		g := f.Grant
		text := "grant of " + g.Amount.String()
		if g.Share > 0 {
			text = "grant of " + g.Share.String() + " of each charge"
			if g.Cap > 0 {
				text += " up to " + g.Cap.String()
			}
		}
		if g.Pending {
			text += ", pending"
		}
		return text
	case planner.KindHealthAccount:
		return "HSA/FSA balance " + f.HealthAccount.Balance.String()
	case planner.KindSavings:
		return "savings of " + f.Savings.Amount.String()
	case planner.KindPayAsYouGo:
		return "pay each charge from income"
	case planner.KindPaymentPlan:
		p := f.PaymentPlan
		return "clinic plan, " + p.DownPayment.String() + " down, " + itoa(p.Months) + " months at " + p.APR.String() + " APR, set-up fee " + p.SetUpFee.String()
	case planner.KindDeferredCard:
		c := f.DeferredCard
		return "deferred-interest card, " + itoa(c.PromoMonths) + "-month promotion, then " + c.APR.String() + " APR; paying " + c.PlannedPayment.String() + " a month"
	case planner.KindFixedCard:
		c := f.FixedCard
		return "reduced-APR card, " + itoa(c.Months) + " months at " + c.APR.String()
	case planner.KindLoan:
		l := f.Loan
		return "personal loan, " + itoa(l.Months) + " months at " + l.APR.String() + " APR, origination fee " + l.OriginationFee.String()
	default:
		return k.String()
	}
}
