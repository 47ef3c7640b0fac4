package planner

import (
	"errors"
	"fmt"
	"slices"
)

// Scenario is one way to pay for a course: the course, priced under one
// coverage case, with the patient's part paid by funding sources in order.
type Scenario struct {
	Name     string
	Course   Course
	Plan     Plan // read by the coverage cases that involve insurance
	Coverage Coverage
	Sources  []FundingSource
	// MonthlyBudget is what the patient can pay from income each month;
	// zero means none was given.
	MonthlyBudget Money
	// CountPendingGrants counts grants not yet awarded as if they were.
	CountPendingGrants bool
	// Waits is the approval the scenario waits on before it can be counted
	// on (see Waiting); a patient's file sets it from the course's status.
	Waits Waiting
	// PlanKind is the kind of the plan, which decides whether a drug
	// maker's copay program may pay; "" when not said.
	PlanKind PlanKind
}

// MaxSources is how many ways to pay a scenario compares at most.
const MaxSources = 20

// Validate says in a sentence what is wrong with the scenario, if anything.
func (s *Scenario) Validate() error {
	if err := s.validatePricing(); err != nil {
		return err
	}
	return s.validateFunding()
}

// validatePricing checks what the course is priced from: the course, the
// coverage case and the plan.
func (s *Scenario) validatePricing() error {
	if err := s.Course.Validate(); err != nil {
		return err
	}
	if err := s.Coverage.validate(); err != nil {
		return err
	}
	if s.Coverage.Case.usesPlan() {
		if err := s.Plan.Validate(); err != nil {
			return err
		}
		if err := s.checkAllowedAmounts(); err != nil {
			return err
		}
	}
	return s.checkRoute()
}

// validateFunding checks how the patient's part is paid: the funding
// sources and the monthly budget.
func (s *Scenario) validateFunding() error {
	if len(s.Sources) > MaxSources {
		return fmt.Errorf("the scenario has %d funding sources; carecost compares up to %d", len(s.Sources), MaxSources)
	}
	programs := 0
	for i := range s.Sources {
		if err := s.Sources[i].Validate(); err != nil {
			return err
		}
		if s.Sources[i].CopayProgram != nil {
			programs++
		}
	}
	if programs > 1 {
		return errors.New("the scenario has more than one copay program: a drug maker's program pays once for its drug, so keep one")
	}
	return s.MonthlyBudget.validateNonNegative("the monthly budget", "")
}

// checkAllowedAmounts makes sure every phase has the allowed amount the
// coverage case prices it by: a blank one would make the care look free.
func (s *Scenario) checkAllowedAmounts() error {
	for i := range s.Course.Phases {
		ph := &s.Course.Phases[i]
		price := ph.Price
		if s.Coverage.Route == MedicalBenefit {
			price = price.plus(ph.Drug.Medical)
		}
		switch {
		case s.Coverage.Case == CoveredInNetwork && price.AllowedInNetwork == 0:
			return fmt.Errorf("%s has no in-network allowed amount: enter what the plan allows for a session (the clinic or the plan can tell you)", ph.Name)
		case s.Coverage.Case != CoveredInNetwork && s.Plan.OutOfNetworkCovered && price.AllowedOutOfNetwork == 0:
			return fmt.Errorf("%s has no out-of-network allowed amount: enter what the plan allows for a session out of network", ph.Name)
		}
	}
	return nil
}

// checkRoute makes sure a course priced under the pharmacy benefit has
// what that needs: a plan, a drug with the plan's price for a fill, and the
// plan's drug tier.
func (s *Scenario) checkRoute() error {
	if s.Coverage.Route != PharmacyBenefit {
		return nil
	}
	switch {
	case !s.Coverage.Case.usesPlan():
		return errors.New("self-pay has no pharmacy benefit: the clinic's cash price includes the drug, so choose the medical benefit route")
	case !s.Course.CarriesDrug():
		return errors.New("the course carries no drug, so the pharmacy benefit has nothing to fill: give a phase its drug's prices, or choose the medical benefit")
	case !s.Plan.Pharmacy.Entered():
		return errors.New("the plan's drug tier is not entered: give its copay or coinsurance per fill (the plan's drug list, its formulary, says which)")
	}
	for i := range s.Course.Phases {
		if ph := &s.Course.Phases[i]; ph.Drug.Carried() && ph.Drug.Pharmacy == 0 {
			return fmt.Errorf("the drug of %s has no pharmacy price: enter the plan's price for one fill (the plan or its pharmacy can tell you)", ph.Name)
		}
	}
	return nil
}

// Evaluate works the scenario out. A scenario that Validate rejects gives
// that error and an empty result.
func Evaluate(s *Scenario) (Result, error) {
	ev := Evaluator{once: true}
	var r Result
	err := ev.Evaluate(s, &r)
	return r, err
}

// Evaluator works scenarios out one after another, reusing its working
// memory, and the memory of the result it fills. A Comparison keeps one, so
// that working every scenario out again on each key press allocates next to
// nothing.
type Evaluator struct {
	funds     []fund
	scratch   []Money
	charges   []charge
	cardCells []Money
	flags     []Flag
	purchases []Money
	// cards is the working memory of each deferred-interest card of a
	// scenario, in the order of its sources.
	cards []cardMemory
	// What a key press mostly leaves as it was, kept from one scenario
	// to the next: the clearing payments searched for (see clearing),
	// the APRs with fees solved for (each a twentieth of working a
	// scenario out), the courses priced (a patient's scenarios share a
	// course and a plan, and most share a coverage case with another),
	// the cards' payment days, and the payment formula's power at each
	// APR and term (the scenarios of a patient share a few).
	clearings kept[clearingMemo]
	aprs      kept[aprMemo]
	pricings  kept[pricingMemo]
	paydays   kept[paydays]
	levels    kept[level]
	// once: the Evaluator works one scenario out and is dropped, so it
	// keeps no pricing or APR for the next.
	once bool
}

// kept is a few things worked out lately, up to a most; once there are
// that many, the oldest is replaced first, in its own memory.
type kept[T any] struct {
	items []T
	next  int // the one replaced next
}

// slot is where to keep one more: a new one while there are fewer than
// most, then the oldest.
func (k *kept[T]) slot(most int) *T {
	if len(k.items) < most {
		if k.items == nil {
			k.items = make([]T, 0, most) // room for every one, so none is copied as they come
		}
		k.items = append(k.items, *new(T))
	}
	s := &k.items[k.next]
	k.next = (k.next + 1) % most
	return s
}

// pricingMemo is a course priced under a coverage case and plan, with all
// it was priced from. The course's lists and the pricing's charges are
// copies, in memory of the memo's own; its lines are shared with the
// results priced alike, and never written to.
type pricingMemo struct {
	course  Course
	cov     Coverage
	plan    Plan
	pricing pricing
}

// maxPricings is how many pricings an Evaluator keeps: one for each
// coverage case, paid up front or not, and then some.
const maxPricings = 12

// keptPricing returns the pricing kept for the scenario's course,
// coverage and plan, or nil when none is kept for them. A copay program's
// run changes as the course is priced, so a scenario with one that pays is
// always priced afresh; so is any scenario of an Evaluator used once.
func (ev *Evaluator) keptPricing(s *Scenario, program *CopayProgram) *pricingMemo {
	if program != nil || ev.once {
		return nil
	}
	for i := range ev.pricings.items {
		m := &ev.pricings.items[i]
		if m.cov == s.Coverage && sameCourse(&m.course, &s.Course) && m.plan == s.Plan { // the plan, the largest, last
			return m
		}
	}
	return nil
}

// keep keeps the pricing of a scenario priced afresh, for the scenarios
// after it priced alike, when it can be kept. The kept pricing takes over
// its lines, which the results of every scenario priced alike then share:
// no one writes to a kept pricing's lines, and a replaced one's lines are
// left to the results that still hold them. It says whether it kept them.
func (ev *Evaluator) keep(s *Scenario, program *CopayProgram, pr pricing) bool {
	if program != nil || ev.once {
		return false
	}
	m := ev.pricings.slot(maxPricings)
	old, oldCharges := m.course, m.pricing.charges // the memory of the one replaced
	m.course, m.cov, m.plan, m.pricing = s.Course, s.Coverage, s.Plan, pr
	m.course.Phases = append(old.Phases[:0], s.Course.Phases...)
	m.course.Fees = append(old.Fees[:0], s.Course.Fees...)
	m.course.OtherCosts = append(old.OtherCosts[:0], s.Course.OtherCosts...)
	m.pricing.lines = slices.Clip(pr.lines)
	m.pricing.charges = append(oldCharges[:0], pr.charges...)
	return true
}

// sameCourse says whether two courses are priced alike: every field the
// same.
func sameCourse(a, b *Course) bool {
	return a.Name == b.Name && a.Approval == b.Approval && a.Start == b.Start && a.PayUpFrontDiscount == b.PayUpFrontDiscount &&
		slices.Equal(a.Phases, b.Phases) && slices.Equal(a.Fees, b.Fees) && slices.Equal(a.OtherCosts, b.OtherCosts)
}

// aprMemo is an APR with fees and what it was worked out from.
type aprMemo struct {
	aprOf
	apr Rate
}

// aprOf is what an APR with fees is worked out from.
type aprOf struct {
	proceeds, payment, last Money
	months                  int
}

// aprWithFees is APRWithFees, solved again only for figures unlike every
// one kept.
func (ev *Evaluator) aprWithFees(proceeds, payment Money, months int, last Money) Rate {
	if ev.once {
		return APRWithFees(proceeds, payment, months, last)
	}
	of := aprOf{proceeds: proceeds, payment: payment, last: last, months: months}
	for _, m := range ev.aprs.items {
		if m.aprOf == of {
			return m.apr
		}
	}
	apr := APRWithFees(proceeds, payment, months, last)
	*ev.aprs.slot(maxClearings) = aprMemo{of, apr}
	return apr
}

// clearingMemo is a deferred-interest card's clearing payment, with all
// it was worked out from: the card's terms but the planned payment, which
// it does not depend on, and its purchases.
type clearingMemo struct {
	card    DeferredInterestCard // PlannedPayment zero
	buys    []purchase
	payment Money
}

// maxClearings is how many clearing payments an Evaluator keeps, and how
// many APRs with fees: one for each card or loan of a patient's
// scenarios, as many as a comparison holds.
const maxClearings = 32

// clearing returns the card's clearing payment for its purchases in mem,
// searched for again only when the card's terms or purchases differ from
// every one kept. The search is a third of working a scenario with a
// card out; on a key press, the scenarios not changed keep theirs, and so
// does a changed planned payment.
func (ev *Evaluator) clearing(c *DeferredInterestCard, mem *cardMemory) Money {
	key := *c
	key.PlannedPayment = 0
	for i := range ev.clearings.items {
		if m := &ev.clearings.items[i]; m.card == key && slices.Equal(m.buys, mem.buys) {
			return m.payment
		}
	}
	// The days again: those horizon ran the card on may have gone to a
	// card after it since.
	mem.days = ev.paydaysFrom(mem.buys[0].date)
	payment := c.clearingPayment(mem.buys, mem.states, mem.days)
	m := ev.clearings.slot(maxClearings)
	m.card, m.buys, m.payment = key, append(m.buys[:0], mem.buys...), payment
	return payment
}

// maxLevels is how many terms an Evaluator keeps the payment formula of:
// a plan's, a loan's and a card's for each of a few offers.
const maxLevels = 8

// level is levelFor, its power worked out again only for terms unlike
// every one kept.
func (ev *Evaluator) level(apr Rate, months int) level {
	for _, l := range ev.levels.items {
		if l.apr == apr && l.months == months {
			return l
		}
	}
	l := levelFor(apr, months)
	*ev.levels.slot(maxLevels) = l
	return l
}

// cardMemory is a deferred-interest card's purchases, their states while
// it is run, and its payment days, kept from one scenario to the next.
type cardMemory struct {
	buys   []purchase
	states []purchaseState
	days   *paydays // one of the Evaluator's, good until another card's replace them
}

// maxPaydays is how many cards' payment days an Evaluator keeps: a
// patient's scenarios put a card's first purchase on a few days at most,
// one for each way the sources before it run out.
const maxPaydays = 8

// paydaysFrom returns the payment days of a card whose first purchase is
// on first, worked out again only for a day unlike every one kept. The
// days stay where they are: kept's memory never grows past its room.
func (ev *Evaluator) paydaysFrom(first Date) *paydays {
	for i := range ev.paydays.items {
		if p := &ev.paydays.items[i]; p.first == first {
			return p
		}
	}
	p := ev.paydays.slot(maxPaydays)
	p.reset(first)
	return p
}

// Evaluate works s out into r, reusing r's memory. A scenario that
// Validate rejects gives that error and leaves r empty but for its name.
func (ev *Evaluator) Evaluate(s *Scenario, r *Result) error {
	lines := r.Lines[:0]
	if r.sharedLines {
		lines = nil // a kept pricing's, not r's to write to
	}
	*r = Result{Name: s.Name, Lines: lines, Sources: r.Sources[:0], Months: r.Months[:0],
		Flags: r.Flags[:0], cells: r.cells[:0], spans: r.spans[:0]}
	e := evaluation{s: s, start: s.Course.Start.Month(), ev: ev, r: r, program: -1}
	var program *CopayProgram
	for i := range s.Sources {
		if p := s.Sources[i].CopayProgram; p != nil {
			e.program, e.refusal = i, copayRefusal(s)
			if e.refusal == "" {
				program = p
			}
		}
	}
	// A pricing is kept only for a scenario found valid, so a scenario
	// priced alike has only its funding left to check.
	kept := ev.keptPricing(s, program)
	check := s.Validate
	if kept != nil {
		check = s.validateFunding
	}
	if err := check(); err != nil {
		return err
	}
	if kept != nil {
		e.pricing = kept.pricing
		e.pricing.charges = append(ev.charges[:0], kept.pricing.charges...)
		r.sharedLines = true
	} else {
		e.pricing = price(&s.Course, &s.Coverage, &s.Plan, lines, ev.charges[:0], program)
		r.sharedLines = ev.keep(s, program, e.pricing)
	}
	ev.charges = e.pricing.charges
	if n := len(e.pricing.charges); n > 0 {
		e.chargeMonths = e.pricing.charges[n-1].month + 1
	}
	e.allocate()
	e.layOut(e.horizon())
	e.payCharges()
	for i := range e.funds {
		e.schedule(&e.funds[i])
	}
	r.Lines, r.Sources = e.pricing.lines, e.sources
	r.Months = e.finishMonths()
	r.Summary = e.summarize(r.Months)
	r.Flags = e.flags(r)
	return nil
}

// reuse returns n zero values in s's memory when it has room for them.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// grow returns n values in s's memory when it has room for them, as they
// were: for memory written before it is read.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// evaluation is the working state of Evaluate.
type evaluation struct {
	s       *Scenario
	ev      *Evaluator
	r       *Result
	start   Month
	pricing pricing
	funds   []fund
	sources []SourceResult // each fund's result
	// chargeMonths is the number of months from the first to the last charge.
	chargeMonths int
	// program is the index of the copay program among the sources (-1:
	// none), and refusal why it pays nothing, if it does not.
	program int
	refusal string
	// takes holds what each fund paid of each charge: a row of len(funds)
	// for each of pricing.charges; unfunded what no fund paid of each.
	takes    []Money
	unfunded []Money
	upFront  Money
	// The timeline: a row a month; each fund's cells are its column.
	rows []MonthRow
}

// fund is one funding source while the scenario is worked out.
type fund struct {
	src      *FundingSource
	kind     SourceKind
	left     Money // what it can still cover
	limited  bool
	share    Rate // a grant's share of each charge
	covered  Money
	first    Date
	firstIdx int     // the month of first, in the timeline
	purchase []Money // a reduced-APR card's purchases by month, up to the last
	// mem is a deferred-interest card's purchases (a day's charges each),
	// their states and its payment days: the Evaluator's memory.
	mem    *cardMemory
	cells  column
	result *SourceResult
	// A deferred-interest card's run, and its months in scratch cells.
	card      cardRun
	cardCells column
}

func (f *fund) firstMonth(*evaluation) int { return f.firstIdx }

// monthIndex numbers the months from start. Dates come mostly in order and
// bunched in the same month, so it remembers the last month's bounds rather
// than working out the calendar for each date.
type monthIndex struct {
	start  Month
	lo, hi Date // the last month looked up: [lo, hi)
	index  int
}

func (mi *monthIndex) of(d Date) int {
	if d < mi.lo || d >= mi.hi {
		m := d.Month()
		mi.lo, mi.hi, mi.index = m.First(), (m + 1).First(), int(m-mi.start)
	}
	return mi.index
}

// day is d's day of its month, for the d just looked up.
func (mi *monthIndex) day(d Date) int { return int(d-mi.lo) + 1 }

// allocate pays each charge, in date order, from the sources in the
// scenario's order: each takes what it can of what is left.
func (e *evaluation) allocate() {
	s := e.s
	k := len(s.Sources)
	e.funds = reuse(e.ev.funds, k)
	e.ev.funds = e.funds
	e.sources = reuse(e.r.Sources, k)
	cards, fixed := 0, 0
	for i := range s.Sources {
		e.funds[i].start(&s.Sources[i], &e.sources[i], s.CountPendingGrants)
		switch e.funds[i].kind {
		case KindDeferredCard:
			cards++
		case KindFixedCard:
			fixed++
		}
	}
	// Each reduced-APR card a month's purchases for every month of charges,
	// in the Evaluator's memory.
	purchases := reuse(e.ev.purchases, fixed*e.chargeMonths)
	e.ev.purchases = purchases
	for i := range e.funds {
		if f := &e.funds[i]; f.kind == KindFixedCard {
			f.purchase, purchases = purchases[:e.chargeMonths:e.chargeMonths], purchases[e.chargeMonths:]
		}
	}
	// Each card its memory, grown before any is handed out so that none
	// moves.
	for len(e.ev.cards) < cards {
		e.ev.cards = append(e.ev.cards, cardMemory{})
	}
	cards = 0
	for i := range e.funds {
		if f := &e.funds[i]; f.kind == KindDeferredCard {
			f.mem = &e.ev.cards[cards]
			f.mem.buys = f.mem.buys[:0]
			cards++
		}
	}
	if e.program >= 0 && e.refusal != "" {
		e.sources[e.program].Counted, e.sources[e.program].Refused = false, e.refusal
	}
	charges := e.pricing.charges
	scratch := reuse(e.ev.scratch, len(charges)*(k+1))
	e.ev.scratch = scratch
	e.takes, e.unfunded = scratch[:len(charges)*k], scratch[len(charges)*k:]
	for c, ch := range charges {
		left := ch.amount
		// A copay program pays at the counter, before the others.
		if p := e.program; p >= 0 && ch.program > 0 {
			take := min(ch.program, left)
			left -= take
			e.takes[c*k+p] = take
			e.funds[p].covered += take
			if e.funds[p].first.IsZero() {
				e.funds[p].first, e.funds[p].firstIdx = ch.date, ch.month
			}
		}
		for i := range e.funds {
			f := &e.funds[i]
			if left <= 0 {
				break
			}
			if f.kind == KindCopayProgram {
				continue
			}
			take := f.take(left, ch.amount)
			if take <= 0 {
				continue
			}
			left -= take
			e.takes[c*k+i] = take
			f.covered += take
			if f.first.IsZero() {
				f.first, f.firstIdx = ch.date, ch.month
			}
			switch f.kind {
			case KindHealthAccount, KindSavings, KindPayAsYouGo:
				if ch.date == s.Course.Start {
					e.upFront += take
				}
			case KindDeferredCard:
				if n := len(f.mem.buys); n > 0 && f.mem.buys[n-1].date == ch.date {
					f.mem.buys[n-1].amount += take
				} else {
					// its promotion ends PromoMonths on: ch.date.AddMonths, from
					// the month and day priced
					ends := (e.start + Month(ch.month+f.src.DeferredCard.PromoMonths)).day(ch.day)
					f.mem.buys = append(f.mem.buys, purchase{ch.date, ch.month, take, ends})
				}
			case KindFixedCard:
				f.purchase[ch.month] += take
			}
		}
		e.unfunded[c] = left
	}
	for i := range e.funds {
		f := &e.funds[i]
		for len(f.purchase) > 0 && f.purchase[len(f.purchase)-1] == 0 {
			f.purchase = f.purchase[:len(f.purchase)-1]
		}
	}
}

// horizon returns how many months the timeline may need: through the last
// charge, reimbursement and payment. A debt's schedule ends by its term; a
// deferred-interest card is run once to see where it ends.
func (e *evaluation) horizon() int {
	// Each deferred-interest card runs here into its own part of one
	// scratch slab, to find where it ends; schedule copies what it paid and
	// owed into the timeline.
	size := func(f *fund) int {
		return f.mem.buys[len(f.mem.buys)-1].month + f.src.DeferredCard.PromoMonths + maxTermMonths + 2
	}
	total := 0
	for i := range e.funds {
		if f := &e.funds[i]; f.kind == KindDeferredCard && f.covered > 0 {
			total += 2 * size(f)
		}
	}
	slab := grow(e.ev.cardCells, total) // each run writes every cell it reads
	e.ev.cardCells = slab
	n := e.chargeMonths
	for i := range e.pricing.lines {
		l := &e.pricing.lines[i]
		n = max(n, l.month+1, l.reimbursedMonth+1)
	}
	for i := range e.funds {
		f := &e.funds[i]
		if f.covered == 0 {
			continue
		}
		switch f.kind {
		case KindPaymentPlan:
			n = max(n, f.firstMonth(e)+f.src.PaymentPlan.Months+1)
		case KindLoan:
			n = max(n, f.firstMonth(e)+f.src.Loan.Months+1)
		case KindFixedCard:
			n = max(n, len(f.purchase)+f.src.FixedCard.Months)
		case KindDeferredCard:
			c, sz := f.src.DeferredCard, size(f)
			f.cardCells = column{paid: slab[:sz:sz], owed: slab[sz : 2*sz : 2*sz]}
			slab = slab[2*sz:]
			mem := f.mem
			mem.states = reuse(mem.states, len(mem.buys))
			mem.days = e.ev.paydaysFrom(mem.buys[0].date)
			f.card = c.run(mem.buys, mem.states, mem.days, c.PlannedPayment, &f.cardCells, false)
			n = max(n, f.card.last+1)
		}
	}
	return n
}

// layOut makes the timeline's n months and gives each fund its cells: a
// column for the months it can pay in, and for a debt what is owed on it
// in the same months.
func (e *evaluation) layOut(n int) {
	e.rows = reuse(e.r.Months, n)
	for m := range e.rows {
		e.rows[m].Month = e.start + Month(m)
	}
	spans := reuse(e.r.spans, len(e.funds))
	e.r.spans = spans
	total := 0
	for i := range e.funds {
		from, to := e.funds[i].months(e)
		to = min(to, n)
		sp := span{from: from, to: max(from, to), paid: total, owed: -1}
		total += sp.to - sp.from
		if e.funds[i].kind.IsDebt() {
			sp.owed = total
			total += sp.to - sp.from
		}
		spans[i] = sp
	}
	cells := reuse(e.r.cells, total)
	e.r.cells = cells
	for i, sp := range spans {
		// each column capped at its own cells: a schedule that ran past
		// them would fail where tests see it, not write into the next
		n := sp.to - sp.from
		c := column{paid: cells[sp.paid : sp.paid+n : sp.paid+n], from: sp.from}
		if sp.owed >= 0 {
			c.owed = cells[sp.owed : sp.owed+n : sp.owed+n]
		}
		e.funds[i].cells = c
	}
}

// months are the months the fund can pay in or be owed in, from its first
// use: from to to, not included. A source that pays the provider pays as
// the charges come; a debt's schedule runs from the month it was taken out
// for its term, and a deferred-interest card as far as its run went.
func (f *fund) months(e *evaluation) (from, to int) {
	if f.covered == 0 {
		return 0, 0
	}
	fm := f.firstMonth(e)
	switch f.kind {
	case KindPaymentPlan:
		return fm, fm + f.src.PaymentPlan.Months + 1
	case KindLoan:
		return fm, fm + f.src.Loan.Months + 1
	case KindFixedCard:
		return fm, len(f.purchase) + f.src.FixedCard.Months
	case KindDeferredCard:
		return fm, f.card.last + 1
	}
	return fm, e.chargeMonths
}

// payCharges writes what grants, accounts, savings and income paid of each
// charge, and what nothing paid, into the timeline.
func (e *evaluation) payCharges() {
	k := len(e.funds)
	for c, ch := range e.pricing.charges {
		for i := range e.funds {
			if take := e.takes[c*k+i]; take > 0 {
				switch e.funds[i].kind {
				case KindGrant, KindHealthAccount, KindSavings, KindPayAsYouGo, KindCopayProgram:
					e.funds[i].cells.pay(ch.month, take)
				}
			}
		}
		e.rows[ch.month].Unfunded += e.unfunded[c]
	}
}

// start readies f, zero, for src, whose result is result: what it can
// cover, and whether that has a limit.
func (f *fund) start(src *FundingSource, result *SourceResult, countPending bool) {
	f.src, f.kind, f.result = src, src.Kind(), result
	*result = SourceResult{Name: src.Name, Kind: f.kind, Counted: true}
	if result.Name == "" {
		result.Name = f.kind.String()
	}
	switch f.kind {
	case KindGrant:
		g := src.Grant
		if g.Pending && !countPending {
			f.result.Counted = false
			f.limited = true // with nothing left: it covers nothing
			break
		}
		f.share = g.Share
		f.left, f.limited = g.Amount, true
		if g.Share > 0 {
			f.left, f.limited = g.Cap, g.Cap > 0
		}
	case KindHealthAccount:
		f.left, f.limited = src.HealthAccount.Balance, true
	case KindSavings:
		f.left, f.limited = src.Savings.Amount, true
	case KindPaymentPlan:
		f.left, f.limited = src.PaymentPlan.Limit, src.PaymentPlan.Limit > 0
	case KindDeferredCard:
		f.left, f.limited = src.DeferredCard.CreditLimit, true
	case KindFixedCard:
		f.left, f.limited = src.FixedCard.CreditLimit, true
	case KindLoan:
		f.left, f.limited = src.Loan.needLimit()
	case KindCopayProgram:
		f.limited = true // it pays what pricing worked out, and nothing else
	}
}

// take returns how much of left (of a charge of amount) the fund pays, and
// counts it against the fund's limit.
func (f *fund) take(left, amount Money) Money {
	want := left
	if f.share > 0 {
		want = min(left, amount.Times(f.share))
	}
	if f.limited {
		want = min(want, f.left)
		f.left -= want
	}
	return want
}

// needLimit is how much of the charges the loan can cover: zero with no
// limit, else the largest need whose loan, fee included, is at most
// MaxAmount.
func (l *PersonalLoan) needLimit() (Money, bool) {
	if l.MaxAmount == 0 {
		return 0, false
	}
	// Start from the exact inverse of borrow, then step down past any cent
	// that rounding pushes over the maximum.
	need := Money(roundHalfUp(int64(l.MaxAmount), int64(OneHundredPercent-l.OriginationFee), int64(OneHundredPercent)))
	if l.FeeFinanced {
		need = Money(roundHalfUp(int64(l.MaxAmount), int64(OneHundredPercent), int64(OneHundredPercent+l.OriginationFee)))
	}
	for need > 0 && l.borrow(need) > l.MaxAmount {
		need--
	}
	return need, true
}

// borrow returns the amount borrowed to receive need: need / (1 − fee)
// rounded up when the fee comes out of the proceeds, need + fee when it is
// financed.
func (l *PersonalLoan) borrow(need Money) Money {
	if l.FeeFinanced {
		return need + need.Times(l.OriginationFee)
	}
	return Money(mulDivUp(int64(need), int64(OneHundredPercent), int64(OneHundredPercent-l.OriginationFee)))
}

// schedule works out the payments of a fund from what it covered.
func (e *evaluation) schedule(f *fund) {
	r := f.result
	r.Covers, r.FirstUse = f.covered, f.first
	if f.covered == 0 {
		return
	}
	fm := f.firstMonth(e)
	upFront := f.first == e.s.Course.Start
	switch f.kind {
	case KindHealthAccount:
		r.TaxSavings = f.covered.Times(f.src.HealthAccount.TaxRate)
	case KindCopayProgram:
		if run := e.pricing.program; run != nil {
			r.RunOuts = run.outs
		}
	case KindPaymentPlan:
		p := f.src.PaymentPlan
		down := min(p.DownPayment, f.covered)
		f.cells.pay(fm, down+p.SetUpFee)
		if upFront {
			e.upFront += down + p.SetUpFee
		}
		r.Fees = p.SetUpFee
		financed := f.covered - down
		last, n := e.amortizeInto(f, fm, financed, e.ev.level(p.APR, p.Months))
		if p.SetUpFee > 0 && financed > 0 {
			r.APRWithFees = e.ev.aprWithFees(financed-p.SetUpFee, r.Payment, n, last)
		}
	case KindLoan:
		l := f.src.Loan
		r.Borrowed = l.borrow(f.covered)
		r.Fees = r.Borrowed - f.covered
		last, n := e.amortizeInto(f, fm, r.Borrowed, e.ev.level(l.APR, l.Months))
		r.APRWithFees = e.ev.aprWithFees(f.covered, r.Payment, n, last)
	case KindFixedCard:
		c := f.src.FixedCard
		l := e.ev.level(c.APR, c.Months) // every purchase on the same terms
		for m, amount := range f.purchase {
			if amount > 0 {
				e.amortizeInto(f, m, amount, l)
			}
		}
	case KindDeferredCard:
		c := f.src.DeferredCard
		r.PromoEnds, r.LastPromoEnds = f.mem.buys[0].ends, f.mem.buys[len(f.mem.buys)-1].ends
		run := f.card
		for m := fm; m <= run.last; m++ {
			f.cells.pay(m, f.cardCells.paid[m])
			f.cells.owe(m, f.cardCells.owed[m])
		}
		r.Payment = f.cardCells.paid[min(fm+1, run.last)]
		r.Interest = run.interest
		r.OwedAtPromoEnd, r.DeferredInterest, r.CliffCharged = run.owedAtPromoEnd, run.deferred, run.cliff
		r.DeferredCharged, r.CliffDate = run.charged, run.cliffDate
		if run.belowMinimum {
			r.BelowMinimum, r.MinimumThen = e.start+Month(run.belowMonth), run.minimumThen
		}
		r.NeverPaidOff = run.neverPaidOff
		r.ClearingPayment = e.ev.clearing(c, f.mem)
	}
	if f.kind.IsDebt() {
		// installments: every month with a payment after the first use (the
		// down payment and set-up fee fall in the first use's month)
		for j, paid := range f.cells.paid {
			if m := f.cells.from + j; m > fm && paid > 0 {
				r.Payments++
				r.PaidOff = e.start + Month(m)
			}
		}
	}
}

// amortizeInto lays a level-payment debt of principal, taken out in month
// m at the terms of l, onto the fund's cells: owed from month m, paid from
// month m+1. It adds to the fund's interest and regular payment, and
// returns the last payment and the number of payments.
func (e *evaluation) amortizeInto(f *fund, m int, principal Money, l level) (last Money, count int) {
	if principal <= 0 {
		return 0, 0
	}
	r := f.result
	payment := l.payment(principal)
	r.Payment += payment
	c := &f.cells
	at := m - c.from
	c.owed[at] += principal
	interest, last, count := amortize(principal, l.apr, l.months, payment, c.paid[at:], c.owed[at:])
	r.Interest += interest
	return last, count
}

// finishMonths fills in each month's sessions, charges, insurer payments
// and payments from income, and drops the empty months past the last one
// with anything in it.
func (e *evaluation) finishMonths() []MonthRow {
	rows := e.rows
	for i := range e.pricing.lines {
		l := &e.pricing.lines[i]
		row := &rows[l.month]
		if l.Claim.Phase >= 0 {
			row.Sessions++
		}
		row.OtherCosts += e.s.Course.otherCostsOf(l.Claim, i == 0)
		row.PlanPaid += l.PlanPays
		rows[l.reimbursedMonth].Reimbursed += l.Reimbursed
	}
	for _, ch := range e.pricing.charges {
		rows[ch.month].Charges += ch.amount
	}
	// The last month with anything in it: any cell, or a row's own figures.
	last := 0
	for i := range e.funds {
		c := &e.funds[i].cells
		for j := len(c.paid) - 1; j >= 0; j-- {
			if c.paid[j] != 0 || len(c.owed) > 0 && c.owed[j] != 0 {
				last = max(last, c.from+j)
				break
			}
		}
		if e.funds[i].kind.FromIncome() {
			for j, paid := range c.paid {
				rows[c.from+j].FromIncome += paid
			}
		}
	}
	budget := e.s.MonthlyBudget
	for m := range rows {
		row := &rows[m]
		row.OverBudget = budget > 0 && row.FromIncome > budget
		if row.Sessions > 0 || row.Charges != 0 || row.PlanPaid != 0 || row.Reimbursed != 0 || row.Unfunded != 0 || row.OtherCosts != 0 {
			last = max(last, m)
		}
	}
	return rows[:last+1]
}

// summarize totals the scenario.
func (e *evaluation) summarize(rows []MonthRow) Summary {
	var s Summary
	s.CareCost = e.pricing.careCost
	for i := range e.pricing.lines {
		l := &e.pricing.lines[i]
		s.InsurerPays += l.PlanPays + l.Reimbursed
	}
	for i := range e.sources {
		r := &e.sources[i]
		if r.Kind == KindGrant || r.Kind == KindCopayProgram {
			s.Assistance += r.Covers
		}
		s.Interest += r.Interest
		s.Fees += r.Fees
		s.TaxSavings += r.TaxSavings
	}
	for _, amount := range e.unfunded {
		s.UnfundedGap += amount
	}
	s.OutOfPocket = s.CareCost - s.InsurerPays - s.Assistance - s.UnfundedGap
	for i := range rows {
		row := &rows[i]
		s.OtherCosts += row.OtherCosts
		if row.FromIncome > 0 {
			s.MonthsWithPayments++
			s.LastPayment = row.Month
		}
		if row.OverBudget {
			s.MonthsOverBudget++
		}
		if row.FromIncome > s.HighestMonthly {
			s.HighestMonthly, s.HighestMonth = row.FromIncome, row.Month
		}
	}
	s.NetTotal = s.OutOfPocket + s.UnfundedGap + s.Interest + s.Fees - s.TaxSavings + s.OtherCosts
	s.DueUpFront = e.upFront
	for i := range e.sources {
		if e.sources[i].NeverPaidOff {
			s.NeverPaidOff = true
			last := len(rows) - 1
			e.sources[i].StillOwed = e.r.Owed(last, i)
			s.StillOwed += e.sources[i].StillOwed
		}
	}
	return s
}
