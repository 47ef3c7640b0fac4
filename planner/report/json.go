package report

import "carecost/planner"

// jsonReport is the comparison for scripts: every amount in whole cents.
type jsonReport struct {
	Title            string         `json:"title"`
	Patient          *jsonPatient   `json:"patient,omitempty"`
	Scenarios        []jsonScenario `json:"scenarios"`
	ByNetTotal       []string       `json:"ranking_by_net_total"`
	ByHighestMonthly []string       `json:"ranking_by_highest_monthly"`
	// BestNow is the best plan available now; BestIfApproved the best one
	// that waits on approval, when it is cheaper ("" for none).
	BestNow        string   `json:"best_available_now"`
	BestIfApproved string   `json:"best_if_approved"`
	Advice         []string `json:"advice"`
	// Approval is where approval stands, line by line, as the Markdown
	// report says it; absent without the patient's file.
	Approval []string `json:"approval,omitempty"`
}

type jsonPatient struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// jsonMonth is a month of a scenario's schedule.
type jsonMonth struct {
	Month      string       `json:"month"`
	Sessions   int          `json:"sessions"`
	Charges    int64        `json:"charges_cents"`
	PlanPaid   int64        `json:"plan_paid_cents"`
	Reimbursed int64        `json:"reimbursed_cents"`
	PaidBy     []jsonPaidBy `json:"paid_by"`
	FromIncome int64        `json:"from_income_cents"`
	Unfunded   int64        `json:"unfunded_cents"`
	OtherCosts int64        `json:"other_costs_cents"`
	OverBudget bool         `json:"over_budget"`
}

type jsonPaidBy struct {
	Source string `json:"source"`
	Paid   int64  `json:"paid_cents"`
	Owed   int64  `json:"owed_cents"`
}

type jsonScenario struct {
	Name     string `json:"name"`
	Error    string `json:"error,omitempty"`
	Standing string `json:"standing,omitempty"`
	Coverage string `json:"coverage,omitempty"`
	// Route is the benefit route of a course that carries a drug; the
	// drug fills are what the plan's pharmacy fills cost the patient and
	// the plan on the pharmacy benefit route.
	Route              string       `json:"benefit_route,omitempty"`
	DrugFillsPatient   int64        `json:"drug_fills_patient_cents,omitempty"`
	DrugFillsPlan      int64        `json:"drug_fills_plan_cents,omitempty"`
	WaitsOn            string       `json:"waits_on,omitempty"`
	CareCost           int64        `json:"care_cost_cents"`
	InsurerPays        int64        `json:"insurer_pays_cents"`
	Assistance         int64        `json:"assistance_cents"`
	OutOfPocket        int64        `json:"out_of_pocket_cents"`
	Interest           int64        `json:"interest_cents"`
	Fees               int64        `json:"fees_cents"`
	TaxSavings         int64        `json:"tax_savings_cents"`
	UnfundedGap        int64        `json:"unfunded_gap_cents"`
	OtherCosts         int64        `json:"other_costs_cents"`
	NetTotal           int64        `json:"net_total_cents"`
	DueUpFront         int64        `json:"due_up_front_cents"`
	HighestMonthly     int64        `json:"highest_monthly_cents"`
	HighestMonth       string       `json:"highest_month,omitempty"`
	MonthsWithPayments int          `json:"months_with_payments"`
	MonthsOverBudget   int          `json:"months_over_budget"`
	NeverPaidOff       bool         `json:"never_paid_off"`
	StillOwed          int64        `json:"still_owed_cents"`
	Sources            []jsonSource `json:"sources"`
	Lines              []jsonLine   `json:"lines"`
	Flags              []jsonFlag   `json:"flags"`
	Months             []jsonMonth  `json:"months"`
	// result, when the scenario was worked out, is what its months are
	// written from; the report leaves Months empty (see jsonMonthsOf in
	// its tests, which fills them from it to compare).
	result *planner.Result
}

// jsonSource is what one way to pay paid and costs, its installments as
// they are, month by month.
type jsonSource struct {
	Name         string        `json:"name"`
	Kind         string        `json:"kind"`
	Counted      bool          `json:"counted"`
	Covers       int64         `json:"covers_cents"`
	FirstUse     planner.Date  `json:"first_use,omitempty"`
	Borrowed     int64         `json:"borrowed_cents,omitempty"`
	Interest     int64         `json:"interest_cents"`
	Fees         int64         `json:"fees_cents"`
	TaxSavings   int64         `json:"tax_savings_cents,omitempty"`
	Payments     []jsonPayment `json:"payments,omitempty"`
	PaymentsText string        `json:"payments_text,omitempty"`
	PaidOff      string        `json:"paid_off,omitempty"`
	NeverPaidOff bool          `json:"never_paid_off,omitempty"`
	Card         *jsonCard     `json:"deferred_interest,omitempty"`
	Program      *jsonProgram  `json:"copay_program,omitempty"`
}

// jsonProgram is what a drug maker's copay program does in a scenario:
// why it pays nothing, or the day its yearly maximum runs out and what the
// patient pays from then to that year's end.
type jsonProgram struct {
	Refused  string       `json:"refused,omitempty"`
	PlanRule string       `json:"plan_rule"`
	RunOuts  []jsonRunOut `json:"runs_out"`
}

// jsonRunOut is a year's run-out of a copay program.
type jsonRunOut struct {
	On        planner.Date `json:"on"`
	Month     string       `json:"month"`
	PaysAfter int64        `json:"patient_pays_to_year_end_cents"`
}

// jsonLine is one claim of the course as the scenario prices it: its cost
// sharing, and on the pharmacy benefit route its drug's fill.
type jsonLine struct {
	Date         planner.Date `json:"date"`
	Session      bool         `json:"session"`
	Share        jsonShare    `json:"cost_share"`
	Fill         *jsonShare   `json:"drug_fill,omitempty"`
	Charged      int64        `json:"charged_cents"`
	PlanPays     int64        `json:"plan_pays_cents"`
	Reimbursed   int64        `json:"reimbursed_cents,omitempty"`
	ReimbursedOn planner.Date `json:"reimbursed_on,omitempty"`
	Program      int64        `json:"copay_program_pays_cents,omitempty"`
}

type jsonShare struct {
	Allowed     int64 `json:"allowed_cents"`
	Deductible  int64 `json:"deductible_cents"`
	Coinsurance int64 `json:"coinsurance_cents"`
	Copay       int64 `json:"copay_cents"`
	BalanceBill int64 `json:"balance_bill_cents,omitempty"`
	Patient     int64 `json:"patient_cents"`
	Plan        int64 `json:"plan_cents"`
}

func jsonShareOf(s *planner.Share) jsonShare {
	return jsonShare{Allowed: int64(s.Allowed), Deductible: int64(s.Deductible), Coinsurance: int64(s.Coinsurance), Copay: int64(s.Copay),
		BalanceBill: int64(s.BalanceBill), Patient: int64(s.Patient), Plan: int64(s.Plan)}
}

// jsonPayment is a run of equal monthly payments.
type jsonPayment struct {
	From   string `json:"from"`
	Amount int64  `json:"amount_cents"`
	Months int    `json:"months"`
}

// jsonCard is a deferred-interest card's promotion and what missing it
// costs.
type jsonCard struct {
	PromoEnds       planner.Date `json:"first_promotion_ends"`
	LastPromoEnds   planner.Date `json:"last_promotion_ends"`
	Deferred        int64        `json:"deferred_interest_cents"`
	Charged         bool         `json:"deferred_interest_charged"`
	ChargedAmount   int64        `json:"deferred_interest_charged_cents"`
	ChargedOn       planner.Date `json:"first_charged_on,omitempty"`
	OwedAtPromoEnd  int64        `json:"owed_at_promotion_end_cents"`
	ClearingPayment int64        `json:"clearing_payment_cents"`
	BelowMinimum    string       `json:"planned_below_minimum_in,omitempty"`
	MinimumThen     int64        `json:"minimum_payment_then_cents,omitempty"`
}

type jsonFlag struct {
	Severity string `json:"severity"`
	Text     string `json:"text"`
}

// JSON renders comparisons as one indented JSON array, a report a patient,
// with every amount in cents.
func JSON(reports []Titled) []byte {
	if len(reports) == 0 {
		return []byte("[]\n")
	}
	var b []byte
	for i, r := range reports {
		b = AppendJSONElement(append(b, JSONSeparator(i)...), r)
	}
	return append(b, JSONEnd...)
}

// AppendJSONElement appends to b one report of JSON's array, as the array
// holds it: a stream of reports is JSONSeparator(i) before the i-th, and
// JSONEnd after the last, which gives JSON's bytes. What it appends is
// printable as planner.PrintableBytes has it, with no need to look again:
// what would act on a terminal in a string is a placeholder, and all else
// is ASCII.
func AppendJSONElement(b []byte, r Titled) []byte {
	js := jsonOf(r.Title, r.Scenarios, r.Comparison)
	if f := r.File; f != nil {
		js.Patient = &jsonPatient{ID: string(f.Patient.ID), Name: f.Patient.Name}
		for _, l := range ApprovalLines(f, r.Today) {
			js.Approval = append(js.Approval, l.Text)
		}
	}
	w := jsonOut{b: b}
	w.report(&js)
	return w.b
}

// JSONSeparator is what comes before the i-th report of a JSON stream.
func JSONSeparator(i int) string {
	if i == 0 {
		return "[\n  "
	}
	return ",\n  "
}

// JSONEnd ends a JSON stream of one report or more.
const JSONEnd = "\n]\n"

// Titled is a comparison with its heading and the scenarios it compares
// (nil leaves out what only a scenario says: its coverage and benefit
// route), and the patient's file it is of (nil for scenarios alone) with
// the day approval is counted from.
type Titled struct {
	Title      string
	Scenarios  []planner.Scenario
	Comparison planner.Comparison
	File       *planner.PatientFile
	Today      planner.Date
}

func jsonOf(title string, scenarios []planner.Scenario, c planner.Comparison) jsonReport {
	out := jsonReport{Title: title, Scenarios: make([]jsonScenario, 0, len(c.Entries)), ByNetTotal: make([]string, 0, len(c.ByNetTotal)),
		ByHighestMonthly: make([]string, 0, len(c.ByHighestMonthly))}
	for n, e := range c.Entries {
		js := jsonScenario{Name: e.Result.Name, Flags: make([]jsonFlag, 0, len(e.Result.Flags))}
		if e.Err != nil {
			js.Error = e.Err.Error()
			out.Scenarios = append(out.Scenarios, js)
			continue
		}
		s := e.Result.Summary
		js.Standing, js.WaitsOn = e.Standing().String(), e.Waits.String()
		js.CareCost, js.InsurerPays, js.Assistance = int64(s.CareCost), int64(s.InsurerPays), int64(s.Assistance)
		js.OutOfPocket, js.Interest, js.Fees, js.TaxSavings = int64(s.OutOfPocket), int64(s.Interest), int64(s.Fees), int64(s.TaxSavings)
		js.UnfundedGap, js.NetTotal, js.DueUpFront = int64(s.UnfundedGap), int64(s.NetTotal), int64(s.DueUpFront)
		js.OtherCosts = int64(s.OtherCosts)
		js.HighestMonthly, js.MonthsWithPayments, js.MonthsOverBudget = int64(s.HighestMonthly), s.MonthsWithPayments, s.MonthsOverBudget
		js.NeverPaidOff, js.StillOwed = s.NeverPaidOff, int64(s.StillOwed)
		if s.HighestMonthly > 0 {
			js.HighestMonth = s.HighestMonth.String()
		}
		for _, f := range e.Result.Flags {
			js.Flags = append(js.Flags, jsonFlag{Severity: f.Severity.String(), Text: f.Text()})
		}
		r := &e.Result
		var rule planner.AssistanceRule
		if n < len(scenarios) {
			sc := &scenarios[n]
			js.Coverage, rule = planner.CoverageText(sc), sc.Plan.CopayAssistance
			if sc.Course.CarriesDrug() {
				js.Route = sc.Coverage.Route.String()
			}
		}
		js.Lines = make([]jsonLine, 0, len(r.Lines))
		for i := range r.Lines {
			l := &r.Lines[i]
			jl := jsonLine{Date: l.Claim.Date, Session: l.Claim.Phase >= 0, Share: jsonShareOf(&l.Share), Charged: int64(l.Charged),
				PlanPays: int64(l.PlanPays), Reimbursed: int64(l.Reimbursed), Program: int64(l.Program)}
			if l.HasFill {
				f := jsonShareOf(&l.Fill)
				jl.Fill = &f
				js.DrugFillsPatient += int64(l.Fill.Patient)
				js.DrugFillsPlan += int64(l.Fill.Plan)
			}
			if l.Reimbursed > 0 {
				jl.ReimbursedOn = l.ReimbursedOn
			}
			js.Lines = append(js.Lines, jl)
		}
		js.Sources = make([]jsonSource, 0, len(r.Sources))
		for i := range r.Sources {
			js.Sources = append(js.Sources, jsonSourceOf(r, i, rule))
		}
		// Its months are written straight from the result (jsonOut.months):
		// some sixty rows of every source's payments, most of the report.
		js.result = r
		out.Scenarios = append(out.Scenarios, js)
	}
	for _, i := range c.ByNetTotal {
		out.ByNetTotal = append(out.ByNetTotal, c.Entries[i].Result.Name)
	}
	for _, i := range c.ByHighestMonthly {
		out.ByHighestMonthly = append(out.ByHighestMonthly, c.Entries[i].Result.Name)
	}
	if i, ok := c.BestNow(); ok {
		out.BestNow = c.Entries[i].Result.Name
	}
	if i, ok := c.BestIfApproved(); ok {
		out.BestIfApproved = c.Entries[i].Result.Name
	}
	out.Advice = append([]string{}, Advice(c)...)
	return out
}

func jsonSourceOf(r *planner.Result, i int, rule planner.AssistanceRule) jsonSource {
	src := &r.Sources[i]
	js := jsonSource{Name: src.Name, Kind: src.Kind.String(), Counted: src.Counted, Covers: int64(src.Covers),
		Borrowed: int64(src.Borrowed), Interest: int64(src.Interest), Fees: int64(src.Fees), TaxSavings: int64(src.TaxSavings),
		NeverPaidOff: src.NeverPaidOff}
	if !src.FirstUse.IsZero() {
		js.FirstUse = src.FirstUse
	}
	if steps := r.PaymentSteps(i); len(steps) > 0 {
		for _, s := range steps {
			js.Payments = append(js.Payments, jsonPayment{From: s.From.String(), Amount: int64(s.Amount), Months: s.Months})
		}
		js.PaymentsText = planner.PaymentsText(steps)
		if !src.NeverPaidOff {
			js.PaidOff = src.PaidOff.String()
		}
	}
	if src.Kind == planner.KindDeferredCard && src.Covers > 0 {
		c := &jsonCard{PromoEnds: src.PromoEnds, LastPromoEnds: src.LastPromoEnds, Deferred: int64(src.DeferredInterest),
			Charged: src.CliffCharged, ChargedAmount: int64(src.DeferredCharged), OwedAtPromoEnd: int64(src.OwedAtPromoEnd),
			ClearingPayment: int64(src.ClearingPayment)}
		if src.CliffCharged {
			c.ChargedOn = src.CliffDate
		}
		if src.BelowMinimum != 0 {
			c.BelowMinimum, c.MinimumThen = src.BelowMinimum.String(), int64(src.MinimumThen)
		}
		js.Card = c
	}
	if src.Kind == planner.KindCopayProgram {
		p := &jsonProgram{Refused: src.Refused, PlanRule: rule.String(), RunOuts: []jsonRunOut{}}
		for _, out := range src.RunOuts {
			p.RunOuts = append(p.RunOuts, jsonRunOut{On: out.On, Month: out.On.Month().String(), PaysAfter: int64(out.PaysAfter)})
		}
		js.Program = p
	}
	return js
}
