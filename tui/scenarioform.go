package tui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"carecost/planner"
)

// maxSources is how many ways to pay the scenario form offers.
const maxSources = 4

var coverageCases = []huh.Option[string]{
	huh.NewOption("not covered: self-pay at the cash price", itoa(int(planner.SelfPay))),
	huh.NewOption("covered in network", itoa(int(planner.CoveredInNetwork))),
	huh.NewOption("out of network: pay cash, send a superbill", itoa(int(planner.OutOfNetworkSuperbill))),
	huh.NewOption("out of network: the clinic bills the plan", itoa(int(planner.OutOfNetworkBilled))),
}

// scenarioForm adds a funding scenario, or edits one: the course it pays
// for, how insurance treats it, and up to four ways to pay, in order.
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
	// What applies only to some scenarios is asked only then: the lag of
	// a superbill, paying up front for self-pay, how a drug is billed,
	// counting pending grants, the order of two or more ways to pay.
	// Every value is there from the start, for the save.
	v.str("lag", lag)
	v.flag("upfront", s.Coverage.PayUpFront)
	v.flag("pending", s.CountPendingGrants)
	v.str("route", itoa(int(s.Coverage.Route)))
	v.str("order", "1,2,3,4")
	groups := []*huh.Group{huh.NewGroup(
		input(v, "name", "Scenario name", "Like: Loan 36 months", s.Name, required("a name for the scenario")),
		huh.NewSelect[string]().Key("course").Title("Treatment course").Options(courses...).Value(v.str("course", string(s.CourseID))),
		huh.NewSelect[string]().Key("case").Title("How insurance treats it").Options(coverageCases...).Value(v.str("case", itoa(int(s.Coverage.Case)))),
	).Title("The scenario")}
	drugs := map[string]bool{}
	for _, c := range f.Courses {
		drugs[string(c.ID)] = c.CarriesDrug()
	}
	course, coverage := v.text["course"], v.text["case"]
	is := func(c planner.CoverageCase) bool { return *coverage == itoa(int(c)) }
	kinds := make([]*string, maxSources)
	for i := range maxSources {
		var src planner.FundingSource
		if i < len(s.Sources) {
			src = s.Sources[i]
		}
		kinds[i] = v.str("s"+itoa(i+1)+"Kind", kindKey(&src))
	}
	chosen := func(match func(string) bool) (n int) {
		for _, k := range kinds {
			if *k != "" && match(*k) {
				n++
			}
		}
		return n
	}
	names := make([]func() *huh.Group, maxSources)
	// The questions that apply only sometimes, each with when it does not.
	type sometimes struct {
		skip  func() bool
		group func() *huh.Group
	}
	before := []sometimes{
		{func() bool { return !is(planner.OutOfNetworkSuperbill) }, func() *huh.Group {
			return huh.NewGroup(input(v, "lag", "Days until a superbill is paid back", "Blank for the usual 45", lag, validNumber(0, 730, true))).Title("The superbill")
		}},
		{func() bool { return !is(planner.SelfPay) }, func() *huh.Group {
			return huh.NewGroup(huh.NewConfirm().Key("upfront").Title("Pay the whole course on day one, at the clinic's discount?").
				Value(v.flag("upfront", s.Coverage.PayUpFront))).Title("Self-pay")
		}},
		{func() bool { return !drugs[*course] || is(planner.SelfPay) }, func() *huh.Group {
			return huh.NewGroup(huh.NewSelect[string]().Key("route").Title("How the drug is billed").Options(
				huh.NewOption("medical benefit: the clinic buys the drug and bills it with the visit", itoa(int(planner.MedicalBenefit))),
				huh.NewOption("pharmacy benefit: the plan's specialty pharmacy fills it", itoa(int(planner.PharmacyBenefit))),
			).Value(v.str("route", itoa(int(s.Coverage.Route))))).Title("The drug")
		}},
	}
	after := []sometimes{
		{func() bool { return chosen(func(k string) bool { return k == "grant" }) == 0 }, func() *huh.Group {
			return huh.NewGroup(huh.NewConfirm().Key("pending").Title("Count grants that are still pending?").
				Value(v.flag("pending", s.CountPendingGrants))).Title("Pending grants")
		}},
		{func() bool { return chosen(func(string) bool { return true }) < 2 }, func() *huh.Group {
			return huh.NewGroup(input(v, "order", "Use the ways to pay in this order", "Each pays what the ones before it left. Type 2,1 to use way 2 before way 1; ways not listed follow in their own order.",
				"1,2,3,4", validOrder)).Title("Order")
		}},
	}
	if !cx.accessible {
		for _, q := range before {
			groups = append(groups, v.hiding(q.skip, q.group))
		}
	}
	for i := range maxSources {
		var src planner.FundingSource
		if i < len(s.Sources) {
			src = s.Sources[i]
		}
		n := itoa(i + 1)
		kind := kinds[i]
		// Ways to pay come one at a time: way n shows once way n−1 is
		// chosen (or when it holds one already).
		way := func() *huh.Group {
			return huh.NewGroup(
				huh.NewSelect[string]().Key("s" + n + "Kind").Title("Way to pay " + n).Description("Applied in order: each pays what the ones before it left, up to its limit").
					Options(sourceKindOptions()...).Value(v.str("s"+n+"Kind", *kind)),
			).Title("Way to pay " + n)
		}
		if i == 0 || cx.accessible {
			groups = append(groups, way())
		} else {
			prev := kinds[i-1]
			groups = append(groups, v.hiding(func() bool { return *prev == "" && *kind == "" }, way))
		}
		// Its name, once it is a way to pay.
		names[i] = func() *huh.Group {
			return huh.NewGroup(input(v, "s"+n+"Name", "Its name", "Like: CareCredit 12 months", src.Name, nil)).Title("Way to pay " + n)
		}
		v.str("s"+n+"Name", src.Name)
		if !cx.accessible {
			groups = append(groups, v.hiding(func() bool { return *kind == "" }, names[i]))
		}
		for _, k := range fundingKinds {
			if k.fields != nil && !cx.accessible {
				groups = append(groups, v.hiding(func() bool { return *kind != k.key }, func() *huh.Group { return k.fields(v, n, startingFrom(f, &k, src)) }))
			}
		}
	}
	if !cx.accessible {
		for _, q := range after {
			groups = append(groups, v.hiding(q.skip, q.group))
		}
	}
	d := &formDialog{title: title, form: newForm(cx, groups...), vals: v}
	if cx.accessible {
		// What applies, and the fields of each chosen kind of source, come
		// once the kinds are chosen.
		d.askLater(cx, func() []*huh.Group {
			var later []*huh.Group
			for _, q := range before {
				if !q.skip() {
					later = append(later, q.group())
				}
			}
			for i := range maxSources {
				n := itoa(i + 1)
				var src planner.FundingSource
				if i < len(s.Sources) {
					src = s.Sources[i]
				}
				k, ok := kindOf(func(k *fundingKind) bool { return k.key == v.get("s"+n+"Kind") })
				if !ok {
					continue
				}
				// Each way's questions come right after it is named, and
				// say which way they are about.
				v.prefix = "Way to pay " + n + ", " + k.label + ": "
				later = append(later, names[i]())
				if k.fields != nil {
					later = append(later, k.fields(v, n, startingFrom(f, k, src)))
				}
				v.prefix = ""
			}
			for _, q := range after {
				if !q.skip() {
					later = append(later, q.group())
				}
			}
			return later
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
		for _, i := range sourceOrder(v.get("order")) {
			n := itoa(i + 1)
			k, ok := kindOf(func(k *fundingKind) bool { return k.key == v.get("s"+n+"Kind") })
			if !ok {
				continue
			}
			var was planner.FundingSource
			if i < len(s.Sources) {
				was = s.Sources[i]
			}
			src := k.read(v, n, was)
			src.Name = v.get("s" + n + "Name")
			if src.Name == "" {
				src.Name = src.Kind().String()
			}
			rec.Sources = append(rec.Sources, src)
		}
		if len(s.Sources) > maxSources {
			rec.Sources = append(rec.Sources, s.Sources[maxSources:]...) // kept as they were
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
// every slot not listed, in order.
func sourceOrder(text string) []int {
	order, _ := parseOrder(text)
	seen := [maxSources]bool{}
	for _, i := range order {
		seen[i] = true
	}
	for i := range maxSources {
		if !seen[i] {
			order = append(order, i)
		}
	}
	return order
}

func validOrder(text string) error {
	_, err := parseOrder(text)
	return err
}

// parseOrder reads a list like "2,1" as 0-based slots, skipping blanks;
// what it cannot use it leaves out and names in the error.
func parseOrder(text string) ([]int, error) {
	var order []int
	var err error
	seen := [maxSources]bool{}
	for _, part := range strings.Split(text, ",") {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		n, convErr := strconv.Atoi(p)
		switch {
		case convErr != nil || n < 1 || n > maxSources:
			err = firstErr(err, errors.New("list the ways to pay by number, 1 to "+itoa(maxSources)+", like 2,1"))
		case seen[n-1]:
			err = firstErr(err, errors.New("way "+p+" is listed twice"))
		default:
			seen[n-1] = true
			order = append(order, n-1)
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
