package planner

import (
	"slices"
	"strconv"
)

// An application to an assistance program can be counted as a grant in a
// patient's funding scenarios. The grant remembers its application
// (Grant.Application), so that the scenarios follow the application as it
// moves on: a new amount, an award, a denial.

// Open reports whether the application still waits for an answer: being
// considered, or sent and not yet decided.
func (a *Application) Open() bool {
	return a.Status == ApplicationConsidering || a.Status == ApplicationApplied
}

// FromApplication reports whether a funding source is the grant counted
// from the application with the ID.
func (f FundingSource) FromApplication(app ID) bool {
	return f.Grant != nil && app != "" && f.Grant.Application == app
}

// ScenariosCounting names, in the file's order, the scenarios that count
// the application's grant.
func (f *PatientFile) ScenariosCounting(app ID) []string {
	var out []string
	for _, s := range f.Scenarios {
		if slices.ContainsFunc(s.Sources, func(src FundingSource) bool { return src.FromApplication(app) }) {
			out = append(out, s.Name)
		}
	}
	return out
}

// GrantFor is the grant an application counts for in a scenario: what was
// awarded, or what was asked for while the program decides, but no more
// than the program pays at most (its fixed amount, or else its cap). The
// note says when it was capped.
func GrantFor(a Application, p Program) (FundingSource, string, error) {
	src, err := GrantSource(a, p.Name)
	if err != nil || !src.Grant.Pending {
		return src, "", err
	}
	most := p.Amount
	if most == 0 {
		most = p.Cap
	}
	if most > 0 && src.Grant.Amount > most {
		src.Grant.Amount = most
		return src, " (capped at the " + most.String() + " the program pays at most)", nil
	}
	return src, "", nil
}

// FollowApplication brings the grants an application put into scenarios
// up to date with it: the new amount or status, or gone once it can fund
// nothing (denied, withdrawn). While it can't say an amount (awarded with
// none entered yet, sent back to considering) the grants stay as they
// were. It returns the scenarios it changed, to save with the application
// in one transaction, and a word on any it left alone.
func (f *PatientFile) FollowApplication(a Application, program Program) ([]Record, string) {
	src, _, err := GrantFor(a, program)
	gone := a.Status == ApplicationDenied || a.Status == ApplicationWithdrawn
	var out []Record
	left := 0
	for _, s := range f.Scenarios {
		at := slices.IndexFunc(s.Sources, func(src FundingSource) bool { return src.FromApplication(a.ID) })
		if at < 0 {
			continue
		}
		if err != nil && !gone {
			left++
			continue
		}
		// Every grant of the application goes; its one grant comes back
		// where the first was.
		s.Sources = slices.DeleteFunc(slices.Clone(s.Sources), func(src FundingSource) bool { return src.FromApplication(a.ID) })
		if !gone {
			one := src // each scenario its own copy of the grant
			grant := *src.Grant
			one.Grant = &grant
			s.Sources = slices.Insert(s.Sources, at, one)
		}
		out = append(out, &s)
	}
	note := ""
	if left > 0 {
		note = " Its grant in " + ScenarioCount(left) + " is left as it was until an amount is entered."
	}
	return out, note
}

// WithGrant returns the scenario with the application's grant as its first
// way to pay (a grant pays before anything is borrowed), replacing any
// grant the application put there before; and the words for the status
// line.
func WithGrant(s ScenarioRecord, a Application, program Program) (ScenarioRecord, string, error) {
	src, capped, err := GrantFor(a, program)
	if err != nil {
		return s, "", err
	}
	sources := slices.DeleteFunc(slices.Clone(s.Sources), func(f FundingSource) bool { return f.FromApplication(a.ID) })
	s.Sources = append([]FundingSource{src}, sources...)
	what := src.Grant.Amount.String() + capped
	if src.Grant.Pending {
		what += ", pending: Compare shows the scenario with and without it"
	}
	return s, "Added the " + src.Name + " (" + what + ") to '" + s.Name + "'.", nil
}

// ScenarioCount is "1 scenario" or "N scenarios".
func ScenarioCount(n int) string {
	if n == 1 {
		return "1 scenario"
	}
	return strconv.Itoa(n) + " scenarios"
}
