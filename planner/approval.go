package planner

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The choices of the approval records are kept as their words, so a stored
// or exported file reads plainly. Each type lists its choices in the order
// a form offers them.

// Answer is yes, no or not known yet.
type Answer string

const (
	AnswerUnknown Answer = "unknown"
	AnswerYes     Answer = "yes"
	AnswerNo      Answer = "no"
)

// Answers are the choices of an Answer.
var Answers = []Answer{AnswerUnknown, AnswerYes, AnswerNo}

// PreAuthStatus is where a pre-authorization stands.
type PreAuthStatus string

const (
	PreAuthNotStarted PreAuthStatus = "not started"
	PreAuthSubmitted  PreAuthStatus = "submitted"
	PreAuthPending    PreAuthStatus = "pending"
	PreAuthApproved   PreAuthStatus = "approved"
	PreAuthDenied     PreAuthStatus = "denied"
	PreAuthExpired    PreAuthStatus = "expired"
)

var PreAuthStatuses = []PreAuthStatus{PreAuthNotStarted, PreAuthSubmitted, PreAuthPending, PreAuthApproved, PreAuthDenied, PreAuthExpired}

// DocStatus is where a checklist document stands.
type DocStatus string

const (
	DocMissing   DocStatus = "missing"
	DocRequested DocStatus = "requested"
	DocReceived  DocStatus = "received"
	DocSent      DocStatus = "sent"
)

var DocStatuses = []DocStatus{DocMissing, DocRequested, DocReceived, DocSent}

// Party is who a contact was with.
type Party string

const (
	PartyInsurer  Party = "insurer"
	PartyClinic   Party = "clinic"
	PartyProvider Party = "provider"
	PartyProgram  Party = "program"
	PartyOther    Party = "other"
)

var Parties = []Party{PartyInsurer, PartyClinic, PartyProvider, PartyProgram, PartyOther}

// DenialReason is the kind of reason a denial gives.
type DenialReason string

const (
	ReasonNotNecessary DenialReason = "not medically necessary"
	ReasonExperimental DenialReason = "experimental or investigational"
	ReasonOffLabel     DenialReason = "off-label use"
	ReasonOutOfNetwork DenialReason = "out of network"
	ReasonMissingDocs  DenialReason = "missing documents"
	ReasonNoPreAuth    DenialReason = "no pre-authorization"
	ReasonOther        DenialReason = "other"
)

var DenialReasons = []DenialReason{ReasonNotNecessary, ReasonExperimental, ReasonOffLabel, ReasonOutOfNetwork,
	ReasonMissingDocs, ReasonNoPreAuth, ReasonOther}

// AppealLevel is the level an appeal of a denial is at.
type AppealLevel string

const (
	LevelInternal       AppealLevel = "internal"
	LevelSecondInternal AppealLevel = "second internal"
	LevelExternal       AppealLevel = "external review"
)

var AppealLevels = []AppealLevel{LevelInternal, LevelSecondInternal, LevelExternal}

// Decision is how an appeal was decided; empty while it waits.
type Decision string

const (
	DecisionNone       Decision = ""
	DecisionOverturned Decision = "overturned"
	DecisionUpheld     Decision = "upheld"
)

var Decisions = []Decision{DecisionNone, DecisionOverturned, DecisionUpheld}

func (a Answer) Valid() bool        { return slices.Contains(Answers, a) }
func (s PreAuthStatus) Valid() bool { return slices.Contains(PreAuthStatuses, s) }
func (s DocStatus) Valid() bool     { return slices.Contains(DocStatuses, s) }
func (p Party) Valid() bool         { return slices.Contains(Parties, p) }
func (r DenialReason) Valid() bool  { return slices.Contains(DenialReasons, r) }
func (l AppealLevel) Valid() bool   { return slices.Contains(AppealLevels, l) }
func (d Decision) Valid() bool      { return slices.Contains(Decisions, d) }

// String says the urgency in words.
func (u Urgency) String() string {
	switch u {
	case PostService:
		return "after the service"
	case Urgent:
		return "urgent"
	}
	return "before the service"
}

// Valid reports whether u is one of the urgencies.
func (u Urgency) Valid() bool { return u >= PreService && u <= Urgent }

// Urgencies are the choices of an Urgency.
var Urgencies = []Urgency{PreService, PostService, Urgent}

// ChecklistTitles are the documents a medical-necessity case is built on,
// as insurers' medical-necessity criteria ask for them; every course
// starts with them.
var ChecklistTitles = []string{
	"Diagnostic evaluation confirming the condition",
	"Prior treatments tried and their outcomes",
	"Proposed protocol: dose, frequency and duration",
	"Evidence for the treatment for this condition (studies, guidelines)",
	"How it is expected to improve symptoms and function",
}

// DefaultChecklist is a course's checklist before anything is gathered:
// the documents of ChecklistTitles, each missing.
func DefaultChecklist(patient, course ID) []ChecklistItem {
	items := make([]ChecklistItem, len(ChecklistTitles))
	for i, title := range ChecklistTitles {
		items[i] = ChecklistItem{Key: Key{PatientID: patient}, CourseID: course, Title: title, Status: DocMissing}
	}
	return items
}

// Ready reports whether the document is in hand: received or sent.
func (c *ChecklistItem) Ready() bool { return c.Status == DocReceived || c.Status == DocSent }

// Advance moves the document to its next status (missing, requested,
// received, sent), dated the day given. It reports false, changing
// nothing, when the document is already sent or its status is not one of
// DocStatuses: such a change is made by hand.
func (c *ChecklistItem) Advance(on Date) bool {
	i := slices.Index(DocStatuses, c.Status)
	if i < 0 || i == len(DocStatuses)-1 {
		return false
	}
	c.Status, c.Date = DocStatuses[i+1], on
	return true
}

// ChecklistProgress counts a course's checklist: documents in hand, of
// all of them.
func (f *PatientFile) ChecklistProgress(course ID) (ready, total int) {
	for i := range f.Checklist {
		if c := &f.Checklist[i]; c.CourseID == course {
			total++
			if c.Ready() {
				ready++
			}
		}
	}
	return ready, total
}

// CourseChecklist is a course's checklist, in the order it was made.
func (f *PatientFile) CourseChecklist(course ID) []ChecklistItem {
	var out []ChecklistItem
	for _, c := range f.Checklist {
		if c.CourseID == course {
			out = append(out, c)
		}
	}
	return out
}

// Warnings says what is wrong between an approved pre-authorization and
// the course's schedule: sessions outside its window or beyond its count,
// an approval not had in writing. Nothing for any other status.
func (p *PreAuthorization) Warnings(c *Course) []string {
	if p.Status != PreAuthApproved {
		return nil
	}
	var out []string
	sessions, before, after := 0, 0, 0
	var firstAfter Date
	c.eachClaim(func(cl Claim) {
		if cl.Phase < 0 {
			return
		}
		sessions++
		switch {
		case !p.ValidFrom.IsZero() && cl.Date < p.ValidFrom:
			before++
		case !p.ValidTo.IsZero() && cl.Date > p.ValidTo:
			if after == 0 {
				firstAfter = cl.Date
			}
			after++
		}
	})
	if before > 0 {
		out = append(out, sessionsFall(before)+" before the approval starts on "+p.ValidFrom.String()+
			": ask the insurer to move the start, or move the sessions.")
	}
	if after > 0 {
		out = append(out, sessionsFall(after)+" after the approval ends on "+p.ValidTo.String()+
			" (the first on "+firstAfter.String()+"): ask for an extension before then.")
	}
	if p.ApprovedSessions > 0 && sessions > p.ApprovedSessions {
		out = append(out, "The course has "+strconv.Itoa(sessions)+" sessions but "+strconv.Itoa(p.ApprovedSessions)+
			" are approved: ask for approval of "+moreSessions(sessions-p.ApprovedSessions)+".")
	}
	if !p.InWriting {
		out = append(out, "The approval is not confirmed in writing: ask the insurer for the approval letter.")
	}
	return out
}

func sessionsFall(n int) string {
	if n == 1 {
		return "1 session falls"
	}
	return strconv.Itoa(n) + " sessions fall"
}

func moreSessions(n int) string {
	if n == 1 {
		return "the 1 more session before it is due"
	}
	return "the other " + strconv.Itoa(n) + " before they are due"
}

// Ended says, once an approval's window has closed, what to do about it;
// "" while it is open or for any other status.
func (p *PreAuthorization) Ended(today Date) string {
	if p.Status != PreAuthApproved || p.ValidTo.IsZero() || today <= p.ValidTo {
		return ""
	}
	return "The approval ended on " + p.ValidTo.String() + ": ask for an extension if sessions remain, or mark it expired."
}

// Deadlines are the dates a pre-authorization has open: the insurer's
// decision while it waits, the end of an approval.
func (p *PreAuthorization) Deadlines() []Deadline {
	switch p.Status {
	case PreAuthSubmitted, PreAuthPending:
		if p.Submitted.IsZero() {
			return nil
		}
		u := PreService
		if p.Urgent {
			u = Urgent
		}
		return []Deadline{InitialDecisionDue(p.Submitted, u, 0)}
	case PreAuthApproved:
		if p.ValidTo.IsZero() {
			return nil
		}
		return []Deadline{{What: "The pre-authorization ends", Due: p.ValidTo}}
	}
	return nil
}

// Reminder is what the contact log says about a call that gave a decision
// not had in writing; "" otherwise.
func (c *Contact) Reminder() string {
	if c.Decision && !c.InWriting {
		return "Get it in writing: this call gave a decision; ask for it in a letter or an email, and note its reference."
	}
	return ""
}

// ContactsNewestFirst returns the contact log, the newest first.
func (f *PatientFile) ContactsNewestFirst() []Contact {
	out := slices.Clone(f.Contacts)
	slices.SortStableFunc(out, func(a, b Contact) int { return b.When.Compare(a.When) })
	return out
}

// FileDeadline is the last day to file the appeal or ask for the next
// level at the denial's level, by the plan's appeal route (nil: the rules
// of employer and marketplace plans): for example 180 days from the notice
// for an internal appeal, four calendar months from the final internal
// denial for an external review; or the date on the notice. A route with
// no filing (none in law, or a level the plan sends on itself) gives a
// zero deadline.
func (d *Denial) FileDeadline(r *AppealRoute) Deadline {
	r = routeOr(r)
	switch {
	case r.None:
		return Deadline{}
	case d.Level == LevelExternal && r.ACA:
		return ExternalReviewDue(d.Notice, d.DeadlineOverride)
	case d.Level == LevelExternal:
		if r.Next == "" || r.NextAuto {
			return Deadline{}
		}
		return windowDue(d.Notice, r.NextDays, r.NextMonths, d.DeadlineOverride, "Ask for the "+r.Next, r.NextRule)
	}
	dl := windowDue(d.Notice, r.FileDays, r.FileMonths, d.DeadlineOverride, "File the "+r.First, r.FileRule)
	if r.ACA {
		dl = InternalAppealDue(d.Notice, d.DeadlineOverride)
	}
	dl.Caution = r.FileCaution
	if d.Level == LevelSecondInternal {
		dl.What = "File the second internal appeal"
		dl.Caution = "The plan sets the deadline of a second internal appeal, often shorter than the first: enter the date on your notice."
	}
	return dl
}

// windowDue is the day a window of days or months from a day ends, unless
// the notice gives one.
func windowDue(from Date, days, months int, override Date, what string, rule *Rule) Deadline {
	end := from.AddDays(days)
	if months > 0 {
		end = from.AddMonths(months)
	}
	d, over := due(end, override)
	return Deadline{What: what, Due: d, Rule: rule, Overridden: over}
}

func routeOr(r *AppealRoute) *AppealRoute {
	if r == nil {
		return RouteOf(PlanKindUnknown)
	}
	return r
}

// DecisionDeadline is when the plan or the reviewer must decide an appeal
// filed on d.Filed, by the plan's appeal route; a zero deadline where the
// route sets none.
func (d *Denial) DecisionDeadline(r *AppealRoute) Deadline {
	r = routeOr(r)
	if d.Level == LevelExternal {
		days := r.NextDecide[0]
		if d.Urgency == Urgent && r.NextDecide[1] > 0 {
			days = r.NextDecide[1]
		}
		switch {
		case days == 0 || r.None:
			return Deadline{}
		case r.ACA:
			return ExternalDecisionDue(d.Filed, d.Urgency == Urgent, 0)
		}
		return Deadline{What: "The decision on the " + r.Next + " is due", Due: d.Filed.AddDays(days), Rule: r.NextDecideRule}
	}
	days := r.Decide[d.Urgency]
	switch {
	case days == 0 || r.None:
		return Deadline{}
	case r.ACA:
		return AppealDecisionDue(d.Filed, d.Urgency, 0)
	}
	return Deadline{What: "The decision on the " + r.First + " is due", Due: d.Filed.AddDays(days), Rule: r.DecideRule}
}

// NextLevelDue is the last day to ask for the next level once the appeal
// is upheld on d.Decided: zero when the plan sends it on itself, or there
// is none.
func (d *Denial) NextLevelDue(r *AppealRoute) Deadline {
	r = routeOr(r)
	if r.None || r.Next == "" || r.NextAuto || d.Decided.IsZero() {
		return Deadline{}
	}
	if r.ACA {
		return ExternalReviewDue(d.Decided, 0)
	}
	return windowDue(d.Decided, r.NextDays, r.NextMonths, 0, "Ask for the "+r.Next, r.NextRule)
}

// Deadlines are the denial's open deadlines, by the plan's appeal route:
// filing, until it is filed; the decision, until it is made; the next
// level, after an appeal is upheld.
func (d *Denial) Deadlines(r *AppealRoute) []Deadline {
	var dl Deadline
	switch {
	case d.Notice.IsZero():
	case d.Filed.IsZero():
		dl = d.FileDeadline(r)
	case d.Decision == DecisionNone:
		dl = d.DecisionDeadline(r)
	case d.Decision == DecisionUpheld && d.Level != LevelExternal:
		dl = d.NextLevelDue(r)
	}
	if dl.Due.IsZero() {
		return nil
	}
	return []Deadline{dl}
}

// NextStep says in words what to do next about the denial, on a day, by
// the plan's appeal route.
func (d *Denial) NextStep(r *AppealRoute, today Date) string {
	r = routeOr(r)
	when := func(dl Deadline) string { return dl.Due.String() + " (" + dl.Left(today) + ")" }
	last := "Compare the ways to pay (tab 5) and look for assistance; you can complain to " + r.Complaint + "."
	if r.Beyond != "" {
		last = r.Beyond + " " + last
	}
	switch {
	case d.Notice.IsZero():
		return "Enter the date on the denial notice: the deadlines count from it."
	case d.Decision == DecisionOverturned:
		return "The denial was overturned" + on(d.Decided) + ". Ask for the approval in writing and note its reference number."
	case r.None:
		return sentenceCase(r.Explain)
	case d.Decision == DecisionUpheld && (d.Level == LevelExternal || r.Next == ""):
		level := r.Next
		if level == "" || d.Level != LevelExternal {
			level = r.First
		}
		return "The " + level + " upheld the denial" + on(d.Decided) + ". " + last
	case d.Decision == DecisionUpheld:
		if d.Decided.IsZero() {
			return "Enter the date the appeal was decided: the next level's deadline counts from it."
		}
		if r.NextAuto {
			return "The plan upheld its denial" + on(d.Decided) + ": it must send the case to " + r.Next + " itself. " +
				"Call to check it did, log the call, and record the review as a new denial at the external review level."
		}
		again := ", or appeal again if your plan has a second internal level; record it as a new denial at that level."
		if d.Level == LevelSecondInternal || !r.ACA {
			again = ": record it as a new denial at the external review level, dated " + d.Decided.String() + "."
		}
		ask := "Ask for the " + r.Next
		if r.ACA {
			ask = "Request an external review"
		}
		return "The appeal was upheld" + on(d.Decided) + ". " + ask + " by " + when(d.NextLevelDue(r)) + again
	case !d.Filed.IsZero():
		dl := d.DecisionDeadline(r)
		if dl.Due.IsZero() {
			return "Filed on " + d.Filed.String() + ". Call to ask when the decision will come, and log the call."
		}
		if today > dl.Due {
			return "Filed on " + d.Filed.String() + "; the decision was due by " + when(dl) +
				". Call, log the call and ask for the decision in writing; a plan that misses its deadline may let you go on to the next level at once."
		}
		return "Filed on " + d.Filed.String() + ". A decision is due by " + when(dl) + "; if none has come by then, call and log the call."
	case d.Level == LevelExternal && r.Next == "":
		return "This kind of plan has no level after the " + r.First + ". " + last
	}
	dl := d.FileDeadline(r)
	if dl.Due.IsZero() {
		return "The plan sends this review on itself: call to check it has, and log the call."
	}
	if today > dl.Due {
		return "The deadline to file passed on " + dl.Due.String() + ". Call the insurer to ask whether a late appeal is accepted for good cause, and log the call."
	}
	if d.Level == LevelExternal {
		return dl.What + " by " + when(dl) + ": write the request (carecost drafts it: L on the Approval tab) and enclose the final denial."
	}
	if !r.ACA {
		return "Ask for the " + r.First + " by " + when(dl) + ": write the appeal letter (carecost drafts it: L on the Approval tab) and enclose the documents on the checklist."
	}
	return "File the appeal by " + when(dl) + ": write the appeal letter (carecost drafts it: L on the Approval tab) and enclose the documents on the checklist."
}

// sentenceCase starts text with a capital letter.
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func on(d Date) string {
	if d.IsZero() {
		return ""
	}
	return " on " + d.String()
}

// Dispute says whether the bill can be disputed against the estimate and
// by when.
func (g *GoodFaithEstimate) Dispute() (bool, Deadline) {
	if g.Billed.IsZero() || g.Bill == 0 {
		return false, Deadline{}
	}
	return GoodFaithDispute(g.Amount, g.Bill, g.Billed)
}

// Validate says in a sentence what is wrong with the pre-authorization, if
// anything.
func (p *PreAuthorization) Validate() error {
	switch {
	case !p.Required.Valid():
		return choiceError("whether pre-authorization is required", string(p.Required), Answers)
	case !p.Status.Valid():
		return choiceError("the pre-authorization's status", string(p.Status), PreAuthStatuses)
	case p.ApprovedSessions < 0 || p.ApprovedSessions > maxSessions:
		return fmt.Errorf("the approved sessions must be from 0 to %d", maxSessions)
	case !p.ValidFrom.IsZero() && !p.ValidTo.IsZero() && p.ValidTo < p.ValidFrom:
		return fmt.Errorf("the approval ends (%s) before it starts (%s): check the dates on the approval letter", p.ValidTo, p.ValidFrom)
	case !p.Submitted.IsZero() && !p.Decided.IsZero() && p.Decided < p.Submitted:
		return fmt.Errorf("the decision (%s) comes before the request was submitted (%s): check the dates", p.Decided, p.Submitted)
	}
	return checkDates("pre-authorization", p.Submitted, p.Decided, p.ValidFrom, p.ValidTo)
}

// Validate says in a sentence what is wrong with the checklist item, if
// anything.
func (c *ChecklistItem) Validate() error {
	if strings.TrimSpace(c.Title) == "" {
		return errors.New("the checklist item has no title: say what document it is")
	}
	if !c.Status.Valid() {
		return choiceError("the document's status", string(c.Status), DocStatuses)
	}
	return checkDates("checklist item", c.Date)
}

// Validate says in a sentence what is wrong with the contact, if anything.
func (c *Contact) Validate() error {
	if c.When.IsZero() {
		return errors.New("the contact has no date: enter when the call or message was")
	}
	if !c.Party.Valid() {
		return choiceError("who the contact was with", string(c.Party), Parties)
	}
	return checkDates("contact", DateOf(c.When), c.FollowUp)
}

// Validate says in a sentence what is wrong with the denial, if anything.
func (d *Denial) Validate() error {
	switch {
	case d.Notice.IsZero():
		return errors.New("the denial has no notice date: enter the date printed on the denial notice")
	case !d.Reason.Valid():
		return choiceError("the denial's reason", string(d.Reason), DenialReasons)
	case !d.Level.Valid():
		return choiceError("the appeal's level", string(d.Level), AppealLevels)
	case !d.Urgency.Valid():
		return errors.New("the appeal's urgency is not one carecost knows: choose before the service, after it, or urgent")
	case !d.Decision.Valid():
		return choiceError("the appeal's decision", string(d.Decision), Decisions)
	case !d.Filed.IsZero() && d.Filed < d.Notice:
		return fmt.Errorf("the appeal is filed (%s) before the notice (%s): check the dates", d.Filed, d.Notice)
	case d.Decision != DecisionNone && d.Filed.IsZero():
		return errors.New("the appeal has a decision but no filing date: enter when it was filed")
	case !d.Decided.IsZero() && d.Decided < d.Filed:
		return fmt.Errorf("the decision (%s) comes before the appeal was filed (%s): check the dates", d.Decided, d.Filed)
	case !d.Decided.IsZero() && d.Decision == DecisionNone:
		return errors.New("the appeal has a decision date but no decision: choose overturned or upheld, or clear the date")
	case !d.DeadlineOverride.IsZero() && d.DeadlineOverride < d.Notice:
		return fmt.Errorf("the deadline printed on the notice (%s) comes before the notice (%s): check the dates", d.DeadlineOverride, d.Notice)
	}
	return checkDates("denial", d.Notice, d.Filed, d.Decided, d.DeadlineOverride)
}

// checkDates refuses dates too far from now to be real (a typing slip),
// which would also carry the deadlines worked out from them past the
// years carecost counts.
func checkDates(what string, dates ...Date) error {
	for _, d := range dates {
		if d.IsZero() {
			continue
		}
		if y, _, _ := d.Civil(); y < minYear || y > maxYear-100 {
			return fmt.Errorf("the %s has a date, %s, outside the years %d–%d: check it", what, d, minYear, maxYear-100)
		}
	}
	return nil
}

// Validate says in a sentence what is wrong with the estimate, if anything.
func (g *GoodFaithEstimate) Validate() error {
	for _, m := range []struct {
		what string
		v    Money
	}{{"estimate", g.Amount}, {"bill", g.Bill}} {
		if m.v < 0 || m.v > MaxMoney {
			return fmt.Errorf("the %s must be from $0.00 to %s", m.what, MaxMoney)
		}
	}
	return checkDates("estimate", g.Given, g.Billed)
}

// Validate says in a sentence what is wrong with the task, if anything.
func (t *Task) Validate() error {
	if strings.TrimSpace(t.Text) == "" {
		return errors.New("the task is empty: say what is to be done")
	}
	return checkDates("task", t.Due)
}

func choiceError[T ~string](what, got string, choices []T) error {
	words := make([]string, 0, len(choices))
	for _, c := range choices {
		if c != "" {
			words = append(words, string(c))
		}
	}
	return fmt.Errorf("%s, %q, is not one carecost knows: choose %s", what, got, strings.Join(words, ", "))
}
