package tui

import (
	"errors"
	"maps"
	"slices"
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
	groups := []*huh.Group{huh.NewGroup(
		input(v, "name", "Scenario name", "Like: Loan 36 months", s.Name, required("a name for the scenario")),
		huh.NewSelect[string]().Key("course").Title("Treatment course").Options(courses...).Value(v.str("course", string(s.CourseID))),
		huh.NewSelect[string]().Key("case").Title("How insurance treats it").Options(coverageCases...).Value(v.str("case", itoa(int(s.Coverage.Case)))),
		input(v, "lag", "Days until a superbill is paid back", "Blank for the usual 45", lag, validNumber(0, 730, true)),
		huh.NewConfirm().Key("upfront").Title("Self-pay: pay the whole course on day one, at the clinic's discount?").Value(v.flag("upfront", s.Coverage.PayUpFront)),
		huh.NewConfirm().Key("pending").Title("Count grants that are still pending?").Value(v.flag("pending", s.CountPendingGrants)),
	).Title("The scenario")}
	// How the drug is billed, for a course that carries one.
	drugs := map[string]bool{}
	for _, c := range f.Courses {
		drugs[string(c.ID)] = c.CarriesDrug()
	}
	route := v.str("route", itoa(int(s.Coverage.Route)))
	if slices.Contains(slices.Collect(maps.Values(drugs)), true) {
		course, coverage := v.text["course"], v.text["case"]
		groups = append(groups, huh.NewGroup(
			huh.NewSelect[string]().Key("route").Title("How the drug is billed").Options(
				huh.NewOption("medical benefit: the clinic buys the drug and bills it with the visit", itoa(int(planner.MedicalBenefit))),
				huh.NewOption("pharmacy benefit: the plan's specialty pharmacy fills it", itoa(int(planner.PharmacyBenefit))),
			).Value(route),
		).Title("The drug").WithHideFunc(func() bool {
			return !cx.accessible && (!drugs[*course] || *coverage == itoa(int(planner.SelfPay)))
		}))
	}
	for i := range maxSources {
		var src planner.FundingSource
		if i < len(s.Sources) {
			src = s.Sources[i]
		}
		n := itoa(i + 1)
		kind := v.str("s"+n+"Kind", kindKey(&src))
		groups = append(groups, huh.NewGroup(
			huh.NewSelect[string]().Key("s"+n+"Kind").Title("Way to pay "+n).Description("Applied in order: each pays what the ones before it left, up to its limit").
				Options(sourceKindOptions()...).Value(kind),
			input(v, "s"+n+"Name", "Its name", "Like: CareCredit 12 months", src.Name, nil),
		).Title("Way to pay "+n))
		for _, k := range fundingKinds {
			if k.fields != nil && !cx.accessible {
				groups = append(groups, k.fields(v, n, src).WithHideFunc(func() bool { return *kind != k.key }))
			}
		}
	}
	groups = append(groups, huh.NewGroup(
		input(v, "order", "Use the ways to pay in this order", "Each pays what the ones before it left. Type 2,1 to use way 2 before way 1; ways not listed follow in their own order.",
			"1,2,3,4", validOrder),
	).Title("Order"))
	d := &formDialog{title: title, form: newForm(cx, groups...), vals: v}
	if cx.accessible {
		// The fields of each chosen kind of source come once the kinds are
		// chosen.
		d.askLater(cx, func() []*huh.Group {
			var details []*huh.Group
			for i := range maxSources {
				n := itoa(i + 1)
				var src planner.FundingSource
				if i < len(s.Sources) {
					src = s.Sources[i]
				}
				if k, ok := kindOf(func(k *fundingKind) bool { return k.key == v.get("s"+n+"Kind") }); ok && k.fields != nil {
					details = append(details, k.fields(v, n, src))
				}
			}
			return details
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
