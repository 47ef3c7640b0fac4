package tui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"carecost/planner"
)

// maxTierSlots is how many income tiers the program form offers.
const maxTierSlots = 3

// programForm adds a program to the catalog, or edits one.
func programForm(p planner.Program, cx *context) *formDialog {
	v := newValues(cx)
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
	tierGroup := func() *huh.Group {
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
		return v.group(tierFields...).Title("Sliding scale")
	}
	tiered := v.flag("tiered", len(p.Tiers) > 0)
	groups := []*huh.Group{
		v.group(
			input(v, "name", "Name", "", p.Name, required("the program's name")),
			choose(v, "kind", "Kind", "", choices(planner.ProgramKinds, nil), string(p.Kind)),
			input(v, "contact", "Contact", "A phone number, an email or a person", p.Contact, nil),
			input(v, "website", "Website", "", p.Website, nil),
		).Title("The program"),
		v.group(
			input(v, "amount", "Pays a fixed amount", "Blank if it pays a share instead", moneyText(p.Amount), validMoney(true)),
			input(v, "share", "Or pays a share of the cost (%)", "For everyone; for shares by income use the tiers", rateText(p.Share), validRate),
			input(v, "cap", "Up to (cap)", "The most it pays in all; blank for none", moneyText(p.Cap), validMoney(true)),
			input(v, "sessions", "Sessions it pays towards", "Blank if not limited", numberText(p.Sessions), validNumber(0, 1000, true)),
		).Title("What it pays"),
		v.group(
			input(v, "maxIncome", "Income limit (% of the poverty level)", "Like 300; blank for none (or let the top tier set it)", rateText(p.MaxIncomePercent), validIncomePercent),
			input(v, "year", "Poverty guideline year", "The year of the figures the program uses, "+guidelineYears()+"; blank for the newest", year,
				validNumber(planner.PovertyTables()[0].Year, planner.NewestGuidelineYear(), true)),
		).Title("Whom it takes: income"),
		v.group(yesNo(v, "tiered", "Does it pay by income, on a sliding scale?", "", tiered)).Title("Sliding scale"),
	}
	if !cx.accessible {
		groups = append(groups, v.hiding(func() bool { return !*tiered }, tierGroup))
	} else {
		tierGroup() // asked after the first form, after a yes; its values are there for the save
	}
	groups = append(groups,
		v.group(
			input(v, "states", "States", "Two-letter codes, like OH, PA; blank for every state", strings.Join(p.States, ", "), validStates),
			notes(v, "conditions", "Conditions", strings.Join(p.Conditions, "\n")).Description("The diagnoses or needs it covers, one a line; blank for any"),
			choose(v, "insurance", "Insurance", "", insurance, string(p.Insurance)),
			yesNo(v, "veterans", "Veterans only?", "", v.flag("veterans", p.VeteransOnly)),
			input(v, "minAge", "Youngest age", "Blank for no limit", numberText(p.MinAge), validNumber(0, 130, true)),
			input(v, "maxAge", "Oldest age", "Blank for no limit", numberText(p.MaxAge), validNumber(0, 130, true)),
		).Title("Whom it takes: the rest"),
		v.group(
			choose(v, "fund", "Its fund, when last checked", "", []huh.Option[string]{
				huh.NewOption("not known", string(planner.FundUnknown)),
				huh.NewOption("open: taking applications", string(planner.FundOpen)),
				huh.NewOption("closed: not taking applications now", string(planner.FundClosed)),
			}, string(p.Fund)),
			input(v, "checked", "Checked on", "YYYY-MM-DD: the day someone found it open or closed", p.FundCheckedOn.String(), validDate(true)),
			input(v, "reopens", "Re-opens each year on", "YYYY-MM-DD of any year, like 2027-01-04; blank if not said", p.ReopensOn.String(), validDate(true)),
			yesNo(v, "offLabel", "Does it refuse off-label use (like IV ketamine for depression)?", "", v.flag("offLabel", p.ExcludesOffLabel)),
			yesNo(v, "fdaOnly", "Does it pay only for FDA-approved treatments?", "", v.flag("fdaOnly", p.RequiresFDAApproved)),
		).Title("The fund as it is"),
		v.group(
			notes(v, "apply", "How to apply", p.HowToApply),
			input(v, "turnaround", "Typical turnaround", "Like 2–4 weeks", p.Turnaround, nil),
			notes(v, "notes", "Notes", p.Notes),
		).Title("Applying"),
	)
	d := &formDialog{title: title, form: newForm(cx, groups...), vals: v}
	if cx.accessible {
		// Prompts ask every group: the tiers come in a form of their own,
		// only after a yes.
		d.askLater(cx, func() []*huh.Group {
			if !*tiered {
				return nil
			}
			return []*huh.Group{tierGroup()}
		})
	}
	d.save = func(v *formValues) ([]planner.Record, string, error) {
		rec := p
		rec.Name, rec.Kind, rec.Contact, rec.Website = v.get("name"), planner.ProgramKind(v.get("kind")), v.get("contact"), v.get("website")
		rec.Amount, rec.Share, rec.Cap, rec.Sessions = v.money("amount"), v.rate("share"), v.money("cap"), v.number("sessions")
		rec.MaxIncomePercent, rec.PovertyYear = v.incomePercent("maxIncome"), v.number("year")
		rec.Tiers = nil
		var tierErr error
		for i := range slots {
			if !v.is("tiered") {
				break
			}
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
		rec.Fund, rec.FundCheckedOn, rec.ReopensOn = planner.FundStatus(v.get("fund")), v.date("checked"), v.date("reopens")
		rec.ExcludesOffLabel, rec.RequiresFDAApproved = v.is("offLabel"), v.is("fdaOnly")
		rec.HowToApply, rec.Turnaround, rec.Notes = v.long("apply"), v.get("turnaround"), v.long("notes")
		d.retry = programForm(rec, cx)
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
		if err := planner.CheckResidence(code); err != nil {
			return err
		}
	}
	return nil
}
