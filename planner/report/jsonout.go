package report

import (
	"strconv"
	"unicode/utf8"

	"carecost/planner"
)

// jsonOut lays out a report's JSON as it is written, in one pass: the
// bytes json.MarshalIndent(r, "  ", "  ") gives, made printable as
// planner.Printable makes them. A JSON report of every patient spent
// most of its time marshalling by reflection, then indenting, then
// looking for what a terminal would act on: three passes over bytes this
// writes once. The struct tags of the report's types say what it
// writes; TestJSONIsWhatEncodingJSONMakesOfTheReport holds the two to
// each other.
type jsonOut struct {
	b     []byte
	depth int
	// empty says the object or array opened last has nothing in it yet.
	empty bool
}

// breaks is a comma, a line break and the indent of the deepest level a
// report reaches and more: the prefix and an indent per level open, each
// two spaces.
const breaks = ",\n                                  "

// line starts a line of the current level, after a comma when comma.
func (w *jsonOut) line(comma bool) {
	from, end := 1, 4+2*w.depth // past the comma, the line break, the prefix, the indents
	if comma {
		from = 0
	}
	if end <= len(breaks) {
		w.b = append(w.b, breaks[from:end]...)
		return
	}
	w.b = append(w.b, breaks[from:]...)
	for n := end - len(breaks); n > 0; n-- {
		w.b = append(w.b, ' ')
	}
}

// element starts an element of the array or object open: after a comma
// unless it is the first, on a line of its own.
func (w *jsonOut) element() {
	w.line(!w.empty)
	w.empty = false
}

func (w *jsonOut) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// close ends the object or array open; an empty one stays on its line.
func (w *jsonOut) close(c byte) {
	w.depth--
	if !w.empty {
		w.line(false)
	}
	w.empty = false
	w.b = append(w.b, c)
}

// key starts a member of the object open. Keys are the report's own,
// plain ASCII.
func (w *jsonOut) key(k string) {
	w.element()
	w.b = append(append(append(w.b, '"'), k...), '"', ':', ' ')
}

func (w *jsonOut) str(k, s string) {
	w.key(k)
	w.b = appendJSONString(w.b, s)
}

// optStr is a member tagged omitempty: left out when s is "".
func (w *jsonOut) optStr(k, s string) {
	if s != "" {
		w.str(k, s)
	}
}

// date is a date member, as Date's MarshalText writes it ("" for none).
func (w *jsonOut) date(k string, d planner.Date) {
	w.key(k)
	w.b = append(d.AppendTo(append(w.b, '"')), '"') // digits and dashes
}

// optDate is a date member tagged omitempty: left out for no date.
func (w *jsonOut) optDate(k string, d planner.Date) {
	if !d.IsZero() {
		w.date(k, d)
	}
}

func (w *jsonOut) int(k string, n int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, n, 10)
}

func (w *jsonOut) optInt(k string, n int64) {
	if n != 0 {
		w.int(k, n)
	}
}

func (w *jsonOut) bool(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

func (w *jsonOut) optBool(k string, v bool) {
	if v {
		w.bool(k, true)
	}
}

// list starts a member that is a slice: null for a nil one, as
// encoding/json writes it, and otherwise an array whose elements the
// caller writes, each after element, before close(']'), when list says
// so.
func (w *jsonOut) list(k string, null bool) bool {
	w.key(k)
	if null {
		w.b = append(w.b, "null"...)
		return false
	}
	w.open('[')
	return true
}

func (w *jsonOut) strings(k string, items []string) {
	if w.list(k, items == nil) {
		for _, s := range items {
			w.element()
			w.b = appendJSONString(w.b, s)
		}
		w.close(']')
	}
}

func (w *jsonOut) report(r *jsonReport) {
	w.open('{')
	w.str("title", r.Title)
	if p := r.Patient; p != nil {
		w.key("patient")
		w.open('{')
		w.str("id", p.ID)
		w.str("name", p.Name)
		w.close('}')
	}
	if w.list("scenarios", r.Scenarios == nil) {
		for i := range r.Scenarios {
			w.element()
			w.scenario(&r.Scenarios[i])
		}
		w.close(']')
	}
	w.strings("ranking_by_net_total", r.ByNetTotal)
	w.strings("ranking_by_highest_monthly", r.ByHighestMonthly)
	w.str("best_available_now", r.BestNow)
	w.str("best_if_approved", r.BestIfApproved)
	w.strings("advice", r.Advice)
	if len(r.Approval) > 0 { // omitempty
		w.strings("approval", r.Approval)
	}
	w.close('}')
}

func (w *jsonOut) scenario(s *jsonScenario) {
	w.open('{')
	w.str("name", s.Name)
	w.optStr("error", s.Error)
	w.optStr("standing", s.Standing)
	w.optStr("coverage", s.Coverage)
	w.optStr("benefit_route", s.Route)
	w.optInt("drug_fills_patient_cents", s.DrugFillsPatient)
	w.optInt("drug_fills_plan_cents", s.DrugFillsPlan)
	w.optStr("waits_on", s.WaitsOn)
	w.int("care_cost_cents", s.CareCost)
	w.int("insurer_pays_cents", s.InsurerPays)
	w.int("assistance_cents", s.Assistance)
	w.int("out_of_pocket_cents", s.OutOfPocket)
	w.int("interest_cents", s.Interest)
	w.int("fees_cents", s.Fees)
	w.int("tax_savings_cents", s.TaxSavings)
	w.int("unfunded_gap_cents", s.UnfundedGap)
	w.int("other_costs_cents", s.OtherCosts)
	w.int("net_total_cents", s.NetTotal)
	w.int("due_up_front_cents", s.DueUpFront)
	w.int("highest_monthly_cents", s.HighestMonthly)
	w.optStr("highest_month", s.HighestMonth)
	w.int("months_with_payments", int64(s.MonthsWithPayments))
	w.int("months_over_budget", int64(s.MonthsOverBudget))
	w.bool("never_paid_off", s.NeverPaidOff)
	w.int("still_owed_cents", s.StillOwed)
	if w.list("sources", s.Sources == nil) {
		for i := range s.Sources {
			w.element()
			w.source(&s.Sources[i])
		}
		w.close(']')
	}
	if w.list("lines", s.Lines == nil) {
		for i := range s.Lines {
			w.element()
			w.claimLine(&s.Lines[i])
		}
		w.close(']')
	}
	if w.list("flags", s.Flags == nil) {
		for _, f := range s.Flags {
			w.element()
			w.open('{')
			w.str("severity", f.Severity)
			w.str("text", f.Text)
			w.close('}')
		}
		w.close(']')
	}
	w.months(s.result)
	w.close('}')
}

func (w *jsonOut) source(s *jsonSource) {
	w.open('{')
	w.str("name", s.Name)
	w.str("kind", s.Kind)
	w.bool("counted", s.Counted)
	w.int("covers_cents", s.Covers)
	w.optDate("first_use", s.FirstUse)
	w.optInt("borrowed_cents", s.Borrowed)
	w.int("interest_cents", s.Interest)
	w.int("fees_cents", s.Fees)
	w.optInt("tax_savings_cents", s.TaxSavings)
	if len(s.Payments) > 0 && w.list("payments", false) { // omitempty
		for _, p := range s.Payments {
			w.element()
			w.open('{')
			w.str("from", p.From)
			w.int("amount_cents", p.Amount)
			w.int("months", int64(p.Months))
			w.close('}')
		}
		w.close(']')
	}
	w.optStr("payments_text", s.PaymentsText)
	w.optStr("paid_off", s.PaidOff)
	w.optBool("never_paid_off", s.NeverPaidOff)
	if c := s.Card; c != nil {
		w.key("deferred_interest")
		w.open('{')
		w.date("first_promotion_ends", c.PromoEnds)
		w.date("last_promotion_ends", c.LastPromoEnds)
		w.int("deferred_interest_cents", c.Deferred)
		w.bool("deferred_interest_charged", c.Charged)
		w.int("deferred_interest_charged_cents", c.ChargedAmount)
		w.optDate("first_charged_on", c.ChargedOn)
		w.int("owed_at_promotion_end_cents", c.OwedAtPromoEnd)
		w.int("clearing_payment_cents", c.ClearingPayment)
		w.optStr("planned_below_minimum_in", c.BelowMinimum)
		w.optInt("minimum_payment_then_cents", c.MinimumThen)
		w.close('}')
	}
	if p := s.Program; p != nil {
		w.key("copay_program")
		w.open('{')
		w.optStr("refused", p.Refused)
		w.str("plan_rule", p.PlanRule)
		if w.list("runs_out", p.RunOuts == nil) {
			for _, r := range p.RunOuts {
				w.element()
				w.open('{')
				w.date("on", r.On)
				w.str("month", r.Month)
				w.int("patient_pays_to_year_end_cents", r.PaysAfter)
				w.close('}')
			}
			w.close(']')
		}
		w.close('}')
	}
	w.close('}')
}

func (w *jsonOut) claimLine(l *jsonLine) {
	w.open('{')
	w.date("date", l.Date)
	w.bool("session", l.Session)
	w.key("cost_share")
	w.share(&l.Share)
	if l.Fill != nil {
		w.key("drug_fill")
		w.share(l.Fill)
	}
	w.int("charged_cents", l.Charged)
	w.int("plan_pays_cents", l.PlanPays)
	w.optInt("reimbursed_cents", l.Reimbursed)
	w.optDate("reimbursed_on", l.ReimbursedOn)
	w.optInt("copay_program_pays_cents", l.Program)
	w.close('}')
}

func (w *jsonOut) share(s *jsonShare) {
	w.open('{')
	w.int("allowed_cents", s.Allowed)
	w.int("deductible_cents", s.Deductible)
	w.int("coinsurance_cents", s.Coinsurance)
	w.int("copay_cents", s.Copay)
	w.optInt("balance_bill_cents", s.BalanceBill)
	w.int("patient_cents", s.Patient)
	w.int("plan_cents", s.Plan)
	w.close('}')
}

// months writes a scenario's months from its result, as jsonMonth lays
// them out: null for a scenario not worked out.
func (w *jsonOut) months(r *planner.Result) {
	if !w.list("months", r == nil) {
		return
	}
	for m := range r.Months {
		row := &r.Months[m]
		w.element()
		w.open('{')
		w.key("month")
		w.b = append(row.Month.AppendTo(append(w.b, '"')), '"') // digits and a dash
		w.int("sessions", int64(row.Sessions))
		w.int("charges_cents", int64(row.Charges))
		w.int("plan_paid_cents", int64(row.PlanPaid))
		w.int("reimbursed_cents", int64(row.Reimbursed))
		w.list("paid_by", false)
		for i := range r.Sources {
			w.element()
			w.open('{')
			w.str("source", r.Sources[i].Name)
			w.int("paid_cents", int64(r.Paid(m, i)))
			w.int("owed_cents", int64(r.Owed(m, i)))
			w.close('}')
		}
		w.close(']')
		w.int("from_income_cents", int64(row.FromIncome))
		w.int("unfunded_cents", int64(row.Unfunded))
		w.int("other_costs_cents", int64(row.OtherCosts))
		w.bool("over_budget", row.OverBudget)
		w.close('}')
	}
	w.close(']')
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it (HTML's <, > and & too, U+2028 and U+2029, and a byte that is
// not UTF-8 as \ufffd), with what else would act on a terminal (DEL, a C1
// control, a bidirectional override, the byte-order mark) shown as
// planner.Placeholder, as planner.Printable shows it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c < utf8.RuneSelf && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0x7f {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		size := 1
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case 0x7f:
			b = utf8.AppendRune(b, planner.Placeholder)
		default:
			if c < utf8.RuneSelf {
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
				break
			}
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = append(b, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			case planner.Unsafe(r):
				b = utf8.AppendRune(b, planner.Placeholder)
			default:
				b = append(b, s[i:i+size]...)
			}
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
