package report

import "carecost/planner"

// Advice says what a comparison recommends, first what the patient can
// count on now, each line a sentence: the best plan available now, and the
// best one if the insurer pays, with the approval it waits on. When no plan
// pays for everything now, it says so.
func Advice(c planner.Comparison) []string {
	var out []string
	now, okNow := c.BestNow()
	if okNow {
		r := &c.Entries[now].Result
		out = append(out, "Best plan available now: "+r.Name+", net "+r.Summary.NetTotal.String()+".")
	}
	if i, ok := c.BestIfApproved(); ok {
		e := &c.Entries[i]
		out = append(out, "Best if the insurer pays: "+e.Result.Name+", net "+e.Result.Summary.NetTotal.String()+", "+e.Waits.String()+".")
	}
	if !okNow && len(c.ByNetTotal) > 0 {
		if _, ok := c.BestIfApproved(); ok {
			out = append(out, "No plan can be counted on yet: every one that pays for everything waits on the insurer.")
		} else {
			out = append(out, "No scenario pays for everything: add a way to pay, or raise a limit, in a scenario.")
		}
	}
	return out
}

// Standing is a note for a line that ranks the entry: what it waits on,
// what it leaves unpaid, or that it is never paid off; "" for a plan
// available now.
func Standing(e *planner.Entry) string {
	switch e.Standing() {
	case planner.IfApproved:
		return e.Waits.String()
	case planner.LeavesGap:
		return "leaves " + e.Result.Summary.UnfundedGap.String() + " unpaid"
	case planner.NeverPaidOff:
		return "never paid off: the totals leave out " + e.Result.Summary.StillOwed.String() + " still owed"
	}
	return ""
}
