package tui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"carecost/planner"
)

// firstSources is how many ways to pay the scenario form has room for at
// first, shown one at a time; "Add another" then asks for one more, up to
// planner.MaxSources.
const firstSources = 1

var coverageCases = []huh.Option[string]{
	huh.NewOption("not covered: self-pay at the cash price", itoa(int(planner.SelfPay))),
	huh.NewOption("covered in network", itoa(int(planner.CoveredInNetwork))),
	huh.NewOption("out of network: pay cash, send a superbill", itoa(int(planner.OutOfNetworkSuperbill))),
	huh.NewOption("out of network: the clinic bills the plan", itoa(int(planner.OutOfNetworkBilled))),
}

// scenarioForm adds a funding scenario, or edits one: the course it pays
// for, how insurance treats it, and its ways to pay, in order, added one
// at a time.
func scenarioForm(f *planner.PatientFile, s planner.ScenarioRecord, cx *context) *formDialog {
	v := newValues(cx)
	title := "New funding scenario"
	if s.ID != "" {
		title = "Edit " + s.Name
	}
	var courses []huh.Option[string]
	for _, c := range f.Courses {
		courses = append(courses, huh.NewOption(c.Name, string(c.ID)))
	}
	if s.CourseID == "" && len(f.Courses) > 0 {
		s.CourseID = f.Courses[0].ID
	}
	lag := ""
	if s.Coverage.ReimbursementLagDays > 0 {
		lag = itoa(s.Coverage.ReimbursementLagDays)
	}
	// Room for every way the scenario has, and at least firstSources;
	// read as prompts, the ways come one at a time, each with its details.
	slots := max(firstSources, len(s.Sources))
	if cx.accessible {
		slots = 1
	}
	// What applies only to some scenarios is asked only then: the lag of
	// a superbill, paying up front for self-pay, how a drug is billed,
	// counting pending grants, the order of two or more ways to pay.
	// Every value is there from the start, for the save.
	v.str("lag", lag)
	v.flag("upfront", s.Coverage.PayUpFront)
	v.flag("pending", s.CountPendingGrants)
	v.str("route", itoa(int(s.Coverage.Route)))
	v.str("order", "")
	groups := []*huh.Group{v.group(
		input(v, "name", "Scenario name", "Like: Loan 36 months", s.Name, required("a name for the scenario")),
		choose(v, "course", "Treatment course", "", courses, string(s.CourseID)),
		choose(v, "case", "How insurance treats it", "", coverageCases, itoa(int(s.Coverage.Case))),
	).Title("The scenario")}
	drugs := map[string]bool{}
	for _, c := range f.Courses {
		drugs[string(c.ID)] = c.CarriesDrug()
	}
	course, coverage := v.text["course"], v.text["case"]
	is := func(c planner.CoverageCase) bool { return *coverage == itoa(int(c)) }
	// w is the way to pay in slot i, as the scenario has it.
	w := func(i int) planner.FundingSource {
		if i < len(s.Sources) {
			return s.Sources[i]
		}
		return planner.FundingSource{}
	}
	// kinds holds the kind chosen in each slot asked so far.
	var kinds []*string
	kindAt := func(i int) *string {
		for len(kinds) <= i {
			src := w(len(kinds))
			kinds = append(kinds, v.str("s"+itoa(len(kinds)+1)+"Kind", kindKey(&src)))
		}
		return kinds[i]
	}
	kindAt(slots - 1)
	chosen := func(match func(string) bool) (n int) {
		for _, k := range kinds {
			if *k != "" && match(*k) {
				n++
			}
		}
		return n
	}
	// The questions that apply only sometimes, each with when it does not.
	type sometimes struct {
		skip  func() bool
		group func() *huh.Group
	}
	before := []sometimes{
		{func() bool { return !is(planner.OutOfNetworkSuperbill) }, func() *huh.Group {
			return v.group(input(v, "lag", "Days until a superbill is paid back", "Blank for the usual 45", lag, validNumber(0, 730, true))).Title("The superbill")
		}},
		{func() bool { return !is(planner.SelfPay) }, func() *huh.Group {
			return v.group(yesNo(v, "upfront", "Pay the whole course on day one, at the clinic's discount?", "", v.flag("upfront", s.Coverage.PayUpFront))).Title("Self-pay")
		}},
		{func() bool { return !drugs[*course] || is(planner.SelfPay) }, func() *huh.Group {
			return v.group(choose(v, "route", "How the drug is billed", "", []huh.Option[string]{
				huh.NewOption("medical benefit: the clinic buys the drug and bills it with the visit", itoa(int(planner.MedicalBenefit))),
				huh.NewOption("pharmacy benefit: the plan's specialty pharmacy fills it", itoa(int(planner.PharmacyBenefit))),
			}, itoa(int(s.Coverage.Route)))).Title("The drug")
		}},
	}
	after := []sometimes{
		{func() bool { return chosen(func(k string) bool { return k == "grant" }) == 0 }, func() *huh.Group {
			return v.group(yesNo(v, "pending", "Count grants that are still pending?", "", v.flag("pending", s.CountPendingGrants))).Title("Pending grants")
		}},
		{func() bool { return chosen(func(string) bool { return true }) < 2 }, func() *huh.Group {
			return v.group(input(v, "order", "Use the ways to pay in this order", "Each pays what the ones before it left. Blank: in the order above. Type 2,1 to use way 2 before way 1; ways not listed, and ways added after this, follow in their own order.",
				"", func(text string) error { _, err := parseOrder(text, len(kinds)); return err })).Title("Order")
		}},
	}
	// lastQuestions are the drawn questions after the ways, with the form
	// of way i: hidden while another way is to follow.
	lastQuestions := func(i int) []*huh.Group {
		next := v.flag(moreKey(i+1), false)
		var gs []*huh.Group
		for _, q := range after {
			gs = append(gs, v.hiding(func() bool { return q.skip() || *next }, q.group))
		}
		return gs
	}
	// The questions of slot i: which way to pay, then its name and the
	// fields of its kind.
	way := func(i int) *huh.Group {
		n := itoa(i + 1)
		return v.group(
			choose(v, "s"+n+"Kind", "Way to pay "+n, "Applied in order: each pays what the ones before it left, up to its limit", sourceKindOptions(), *kindAt(i)),
		).Title("Way to pay " + n)
	}
	name := func(i int) *huh.Group {
		n := itoa(i + 1)
		return v.group(input(v, "s"+n+"Name", "Its name", "Like: CareCredit 12 months", w(i).Name, nil)).Title("Way to pay " + n)
	}
	// details are the drawn form's groups after slot i's choice, each
	// shown for its kind.
	details := func(i int) []*huh.Group {
		kind := kindAt(i)
		gs := []*huh.Group{v.hiding(func() bool { return *kind == "" }, func() *huh.Group { return name(i) })}
		for _, k := range fundingKinds {
			if k.fields != nil {
				gs = append(gs, v.hiding(func() bool { return *kind != k.key }, func() *huh.Group { return k.fields(v, itoa(i+1), startingFrom(f, &k, w(i))) }))
			}
		}
		return gs
	}
	// held are the drawn form's groups after the choice of a way the
	// scenario holds: its name and its own kind's fields, which are most
	// of what an edit changes. Choosing another kind for it asks that
	// kind's fields in a form of their own (changed, below): building
	// every kind's fields for every way made an edit slow to open.
	held := func(i int) []*huh.Group {
		kind, was := kindAt(i), kindKey(&s.Sources[i])
		gs := []*huh.Group{v.hiding(func() bool { return *kind == "" }, func() *huh.Group { return name(i) })}
		if k, ok := kindOf(func(k *fundingKind) bool { return k.key == was }); ok && k.fields != nil {
			gs = append(gs, v.hiding(func() bool { return *kind != was }, func() *huh.Group { return k.fields(v, itoa(i+1), startingFrom(f, k, w(i))) }))
		}
		return gs
	}
	// changed is the form of the fields of each held way whose kind was
	// changed; none when no kind was.
	changed := func() *formDialog {
		var gs []*huh.Group
		for i := range min(slots, len(s.Sources)) {
			k, ok := kindOf(func(k *fundingKind) bool { return k.key == *kindAt(i) })
			if !ok || k.key == kindKey(&s.Sources[i]) || k.fields == nil {
				continue
			}
			gs = append(gs, k.fields(v, itoa(i+1), startingFrom(f, k, w(i))).Title("Way to pay "+itoa(i+1)+": "+k.label))
		}
		if len(gs) == 0 {
			return nil
		}
		return &formDialog{title: title, form: newForm(cx, gs...), vals: v}
	}
	// asked are the prompts after slot i's choice, when the form is read
	// as prompts: its name and its kind's fields, each saying which way it
	// is about; none for a slot left empty.
	asked := func(i int) []*huh.Group {
		k, ok := kindOf(func(k *fundingKind) bool { return k.key == *kindAt(i) })
		if !ok {
			return nil
		}
		v.prefix = "Way to pay " + itoa(i+1) + ", " + k.label + ": "
		defer func() { v.prefix = "" }()
		gs := []*huh.Group{name(i)}
		if k.fields != nil {
			gs = append(gs, k.fields(v, itoa(i+1), startingFrom(f, k, w(i))))
		}
		return gs
	}
	more := &oneMore{cx: cx, v: v, title: title, question: "Add another way to pay?", heading: "Another way to pay", limit: planner.MaxSources, known: len(s.Sources),
		about: func(i int) string {
			return "Way to pay " + itoa(i+1) + ", which pays after the ones above"
		},
		given: func(i int) bool { return *kindAt(i) != "" },
		first: way, drawn: details, asked: asked,
		added: func(i int) { kindAt(i) },
		// The order and the pending grants end the list: asked with the
		// last way, once no other follows it.
		tail: func(i int) []*huh.Group { return lastQuestions(i) },
	}
	if !cx.accessible {
		for _, q := range before {
			groups = append(groups, v.hiding(q.skip, q.group))
		}
	}
	for i := range slots {
		// Ways to pay come one at a time: way n shows once way n−1 is
		// chosen (or when it holds one already).
		if i == 0 {
			groups = append(groups, way(i))
		} else {
			prev, own := kindAt(i-1), kindAt(i)
			groups = append(groups, v.hiding(func() bool { return *prev == "" && *own == "" }, func() *huh.Group { return way(i) }))
		}
		switch {
		case cx.accessible:
		case i < len(s.Sources) && kindKey(&s.Sources[i]) != "":
			groups = append(groups, held(i)...)
		default:
			groups = append(groups, details(i)...)
		}
	}
	if !cx.accessible {
		groups = append(groups, more.another(slots-1)...)
		groups = append(groups, lastQuestions(slots-1)...)
	}
	d := &formDialog{title: title, form: newForm(cx, groups...), vals: v}
	if cx.accessible {
		// What applies to the scenario, then the first way's details;
		// each way after it, its details, and what applies to them all.
		d.askLater(cx, func() []*huh.Group {
			var later []*huh.Group
			for _, q := range before {
				if !q.skip() {
					later = append(later, q.group())
				}
			}
			if later = append(later, asked(0)...); more.given(0) {
				later = append(later, more.another(0)...)
			}
			return later
		})
	}
	if !cx.accessible {
		d.followedBy(changed)
	}
	more.after(d, slots)
	if cx.accessible {
		d.askLater(cx, func() []*huh.Group {
			var last []*huh.Group
			for _, q := range after {
				if !q.skip() {
					last = append(last, q.group())
				}
			}
			return last
		})
	}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := s
		rec.PatientID = f.Patient.ID
		rec.Name, rec.CourseID = v.get("name"), planner.ID(v.get("course"))
		rec.Coverage = planner.Coverage{Case: planner.CoverageCase(v.number("case")), ReimbursementLagDays: v.number("lag"), PayUpFront: v.is("upfront")}
		if drugs[string(rec.CourseID)] && rec.Coverage.Case != planner.SelfPay {
			rec.Coverage.Route = planner.BenefitRoute(v.number("route"))
		}
		rec.CountPendingGrants = v.is("pending")
		rec.Sources = nil
		for _, i := range sourceOrder(v.get("order"), len(kinds)) {
			n := itoa(i + 1)
			k, ok := kindOf(func(k *fundingKind) bool { return k.key == *kinds[i] })
			if !ok {
				continue
			}
			src := k.read(v, n, w(i))
			src.Name = v.get("s" + n + "Name")
			// A way named for its kind, given another kind, takes the new
			// kind's name.
			if was := w(i); src.Name == "" || (was.Kind() != src.Kind() && src.Name == was.Kind().String()) {
				src.Name = src.Kind().String()
			}
			rec.Sources = append(rec.Sources, src)
		}
		scenario, err := f.Scenario(&rec)
		if err == nil {
			err = scenario.Validate()
		}
		if err != nil {
			d.retry = scenarioForm(f, rec, cx)
			return nil, "", err
		}
		d.retry = scenarioForm(f, rec, cx)
		return []planner.Record{&rec}, "Saved scenario '" + rec.Name + "'", nil
	}
	return d
}

// startingFrom is what a way to pay's fields start from: the source as it
// is, when it is of that kind; else a new one, an HSA or FSA holding the
// balance the patient's record gives, so it is not asked twice.
func startingFrom(f *planner.PatientFile, k *fundingKind, src planner.FundingSource) planner.FundingSource {
	switch {
	case src.Kind() == k.kind:
		return src
	case k.kind == planner.KindHealthAccount && f.Patient.HSABalance > 0:
		return planner.FundingSource{HealthAccount: &planner.HealthAccount{Balance: f.Patient.HSABalance}}
	}
	return planner.FundingSource{}
}

// sourceOrder reads "2,1" as the slots to use first (0-based), followed by
// every other of the n slots, in order.
func sourceOrder(text string, n int) []int {
	order, _ := parseOrder(text, n)
	seen := make([]bool, n)
	for _, i := range order {
		seen[i] = true
	}
	for i := range n {
		if !seen[i] {
			order = append(order, i)
		}
	}
	return order
}

// parseOrder reads a list like "2,1" as 0-based slots of the n there are,
// skipping blanks; what it cannot use it leaves out and names in the
// error.
func parseOrder(text string, n int) ([]int, error) {
	var order []int
	var err error
	seen := make([]bool, n)
	for _, part := range strings.Split(text, ",") {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		k, convErr := strconv.Atoi(p)
		switch {
		case convErr != nil || k < 1 || k > n:
			err = firstErr(err, errors.New("list the ways to pay by number, 1 to "+itoa(n)+", like 2,1"))
		case seen[k-1]:
			err = firstErr(err, errors.New("way "+p+" is listed twice"))
		default:
			seen[k-1] = true
			order = append(order, k-1)
		}
	}
	return order, err
}

// firstErr keeps the first error.
func firstErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}
