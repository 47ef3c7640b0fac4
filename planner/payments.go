package planner

import "strconv"

// PaymentStep is a run of months in which a source's payment is the same:
// Amount a month for Months months from From.
type PaymentStep struct {
	From   Month
	Amount Money
	Months int
}

// PaymentSteps returns the installments of source i (an index into
// r.Sources) as they are, month by month from the month after its first
// use: each run of equal payments one step. A month without a payment
// inside the schedule (a later purchase not yet due) is left out. The down
// payment and set-up fee of the first use's month are not installments.
func (r *Result) PaymentSteps(i int) []PaymentStep {
	src := &r.Sources[i]
	if !src.Kind.IsDebt() || src.Covers == 0 || len(r.Months) == 0 {
		return nil
	}
	var steps []PaymentStep
	first := int(src.FirstUse.Month() - r.Months[0].Month)
	for m := first + 1; m < len(r.Months); m++ {
		amount := r.Paid(m, i)
		if amount == 0 {
			continue
		}
		month := r.Months[m].Month
		if n := len(steps); n > 0 && steps[n-1].Amount == amount && steps[n-1].From+Month(steps[n-1].Months) == month {
			steps[n-1].Months++
			continue
		}
		steps = append(steps, PaymentStep{From: month, Amount: amount, Months: 1})
	}
	return steps
}

// maxSteps is how many steps PaymentsText names one by one; a schedule of
// more (a card's minimum, which follows the balance) is told by its range.
const maxSteps = 4

// PaymentsText says a schedule of payments as it is, never naming an
// amount no month pays: "$161.31 a month for 35 months, then $161.26 in
// 2029-12"; "$75.00 in 2027-02, then $72.75 in 2027-03, then from $70.57
// in 2027-04 to $22.22 in 2039-03, changing with the balance (the most,
// $91.20, in 2028-02): 146 payments in all".
func PaymentsText(steps []PaymentStep) string {
	if len(steps) == 0 {
		return "no payments"
	}
	total := 0
	for _, s := range steps {
		total += s.Months
	}
	say := func(s PaymentStep, first bool) string {
		if s.Months == 1 {
			return s.Amount.String() + " in " + s.From.String()
		}
		text := s.Amount.String() + " a month"
		if !first {
			text += " from " + s.From.String()
		}
		return text + " for " + strconv.Itoa(s.Months) + " months"
	}
	named := steps
	if len(steps) > maxSteps {
		named = steps[:2]
	}
	text := ""
	for i, s := range named {
		if i > 0 {
			text += ", then "
		}
		text += say(s, i == 0)
	}
	if len(steps) > maxSteps {
		rest, last := steps[2], steps[len(steps)-1]
		lastMonth := last.From + Month(last.Months-1)
		text += ", then from " + rest.Amount.String() + " in " + rest.From.String() + " to " + last.Amount.String() +
			" in " + lastMonth.String() + ", changing with the balance"
		most := rest
		for _, s := range steps[3:] {
			if s.Amount > most.Amount {
				most = s
			}
		}
		if most.Amount > rest.Amount {
			text += " (the most, " + most.Amount.String() + ", in " + most.From.String() + ")"
		}
	}
	if len(steps) > 1 {
		text += ": " + strconv.Itoa(total) + " payments in all"
	}
	return text
}
