package report

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"carecost/planner"
)

// LetterKind is one of the letters carecost drafts.
type LetterKind int

const (
	PreAuthRequest   LetterKind = iota // to the insurer: please approve the course
	NecessityRequest                   // to the provider: please write a letter of medical necessity
	InternalAppeal                     // to the insurer: please reconsider the denial
	ExternalReview                     // to the insurer or the state: please send the denial to an independent reviewer
	ClaimFileRequest                   // to the insurer: please send the claim file and the criteria used
	Representative                     // to the insurer: the patient names someone to act for them
	Complaint                          // to the state insurance department or the Labor Department: the plan did not follow the rules
)

// LetterKinds are the letters, in the order the app offers them.
var LetterKinds = []LetterKind{PreAuthRequest, NecessityRequest, ClaimFileRequest, Representative, InternalAppeal, ExternalReview, Complaint}

var letterTitles = [...]string{"Pre-authorization request", "Request for a letter of medical necessity",
	"Internal appeal letter", "External review request", "Request for the claim file", "Authorized representative designation",
	"Complaint to the regulator"}
var letterFiles = [...]string{string(planner.LetterPreAuth), string(planner.LetterNecessity), string(planner.LetterAppeal),
	string(planner.LetterExternal), string(planner.LetterClaimFile), string(planner.LetterRepresentative), string(planner.LetterComplaint)}

// LetterKindOf is the letter a next step names.
func LetterKindOf(name planner.LetterName) (LetterKind, bool) {
	i := slices.Index(letterFiles[:], string(name))
	return LetterKind(i), i >= 0
}

// Title names the letter.
func (k LetterKind) Title() string { return letterTitles[k] }

// Name is the letter's name in commands and files: internal-appeal.
func (k LetterKind) Name() string { return letterFiles[k] }

// FileName is the name the letter is offered under: its kind, the
// patient's name and the day, like internal-appeal-sam-rivera-2026-11-29.md.
func (k LetterKind) FileName(patient string, today planner.Date) string {
	return letterFiles[k] + "-" + slug(patient) + "-" + today.String() + ".md"
}

// slug makes a name fit a file name: lower-case letters and digits joined
// by hyphens; nothing in brackets or parentheses.
func slug(name string) string {
	depth := 0
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		}
		return !(unicode.IsLetter(r) || unicode.IsDigit(r)) || depth > 0
	})
	if len(words) == 0 {
		return "patient"
	}
	return strings.Join(words, "-")
}

// draftNote heads every letter: a draft is for a person to check and finish.
const draftNote = "> **DRAFT — check every line before sending.** carecost filled this in from what is recorded. " +
	"Replace everything in [square brackets], correct anything that is wrong, and keep a copy of what you send.\n\n"

// Letter drafts a letter about one of the patient's courses, as Markdown,
// from the patient's records alone. It says in a sentence what is missing
// when the records cannot fill the letter (an appeal needs a denial).
func Letter(k LetterKind, f *planner.PatientFile, course planner.ID, today planner.Date) (string, error) {
	text, err := letterText(k, f, course, today)
	return planner.Printable(text), err
}

func letterText(k LetterKind, f *planner.PatientFile, course planner.ID, today planner.Date) (string, error) {
	i := slices.IndexFunc(f.Courses, func(c planner.CourseRecord) bool { return c.ID == course })
	if i < 0 {
		return "", errors.New("the course for this letter is not recorded: choose one of the patient's courses")
	}
	l := letter{f: f, course: &f.Courses[i], today: today}
	if j := slices.IndexFunc(f.Plans, func(p planner.PlanRecord) bool { return p.ID == l.course.PlanID }); j >= 0 {
		l.plan = &f.Plans[j]
	}
	switch k {
	case PreAuthRequest:
		return l.preAuthRequest(), nil
	case NecessityRequest:
		return l.necessityRequest(), nil
	case InternalAppeal:
		d := l.denial(planner.LevelInternal, planner.LevelSecondInternal)
		if d == nil {
			return "", errors.New("an appeal letter needs the denial: record it first (tab 6, then n)")
		}
		return l.internalAppeal(d), nil
	case ExternalReview:
		if l.denial(planner.LevelExternal) == nil && !l.upheld() {
			return "", errors.New("an external review follows a final internal denial: record the denial and the appeal the plan upheld first (tab 6, then n)")
		}
		return l.externalReview(), nil
	case ClaimFileRequest:
		d := l.denial(planner.AppealLevels...)
		if d == nil {
			return "", errors.New("a request for the claim file is about a denial: record it first (tab 6, then n)")
		}
		return l.claimFileRequest(d), nil
	case Representative:
		return l.representative(), nil
	case Complaint:
		d := l.denial(planner.AppealLevels...)
		if d == nil {
			return "", errors.New("a complaint is about a denial: record it first (tab 6, then n)")
		}
		return l.complaint(d), nil
	}
	return "", errors.New("carecost does not draft that letter")
}

// letter is what a letter is drafted from.
type letter struct {
	f      *planner.PatientFile
	course *planner.CourseRecord
	plan   *planner.PlanRecord
	today  planner.Date
	b      strings.Builder
}

func (l *letter) w(lines ...string) {
	for _, s := range lines {
		l.b.WriteString(s)
		l.b.WriteString("\n")
	}
}

// or is the value, or a bracketed blank saying what goes there.
func or(v, blank string) string {
	if strings.TrimSpace(v) == "" {
		return "[" + blank + "]"
	}
	return md(v)
}

// md is what a person typed, standing for itself in the letter's
// Markdown.
func md(s string) string { return planner.EscapeMarkdown(s) }

// head writes the note, the title, the date and the patient's details.
func (l *letter) head(title, to string) {
	p := &l.f.Patient
	l.w(draftNote+"# "+title, "", l.today.String(), "", to, "")
	insurer, plan, member, group := "", "", "", ""
	if l.plan != nil {
		insurer, plan, member, group = l.plan.Insurer, l.plan.Name, l.plan.MemberID, l.plan.Group
	}
	l.w("**Patient:** "+or(p.Name, "patient's name")+"  ",
		"**Date of birth:** "+or(p.BirthDate.String(), "date of birth")+"  ",
		"**Insurer and plan:** "+or(insurer, "insurer")+", "+or(plan, "plan name")+"  ",
		"**Member ID:** "+or(member, "member ID")+"  ")
	if group != "" {
		l.w("**Group:** " + md(group) + "  ")
	}
	l.w("**Treatment:** " + md(l.course.Name) + "  ")
}

// protocol lists the course's phases and fees: what is asked for.
func (l *letter) protocol() {
	c := &l.course.Course
	if c.Sessions() == 0 {
		l.w("", "The treatment planned: [describe the sessions, how often and for how long].")
		return
	}
	l.w("", "The treatment planned: "+countOf(c.Sessions(), "session")+" from "+c.Start.String()+" to "+c.End().String()+":", "")
	for _, ph := range c.Phases {
		count := countOf(ph.Sessions, "session")
		if ph.Sessions == 0 {
			count = "for " + strconv.Itoa(ph.ForMonths) + " months"
		}
		l.w("- " + md(ph.Name) + ": " + count + ", " + ph.Spacing.String())
	}
	for _, fee := range c.Fees {
		l.w("- " + md(fee.Name))
	}
}

// enclosed lists the checklist's documents in hand.
func (l *letter) enclosed() {
	var docs []string
	for _, c := range l.f.CourseChecklist(l.course.ID) {
		if c.Ready() {
			docs = append(docs, c.Title)
		}
	}
	l.w("", "**Enclosed:**", "")
	if len(docs) == 0 {
		l.w("- [list the documents you enclose]")
	}
	for _, d := range docs {
		l.w("- " + md(d))
	}
}

func (l *letter) signature() {
	l.w("", "Sincerely,", "", or(l.f.Patient.Name, "your name")+"  ", "[phone number]  ", "[address]")
}

// preAuth is the course's latest pre-authorization, if any.
func (l *letter) preAuth() *planner.PreAuthorization {
	var out *planner.PreAuthorization
	for i := range l.f.PreAuthorizations {
		if p := &l.f.PreAuthorizations[i]; p.CourseID == l.course.ID {
			out = p
		}
	}
	return out
}

// denial is the course's latest denial at one of the levels, if any.
func (l *letter) denial(levels ...planner.AppealLevel) *planner.Denial {
	var out *planner.Denial
	for i := range l.f.Denials {
		d := &l.f.Denials[i]
		if d.CourseID == l.course.ID && slices.Contains(levels, d.Level) && (out == nil || d.Notice >= out.Notice) {
			out = d
		}
	}
	return out
}

// upheld reports whether an internal appeal of the course was upheld.
func (l *letter) upheld() bool {
	d := l.denial(planner.LevelInternal, planner.LevelSecondInternal)
	return d != nil && d.Decision == planner.DecisionUpheld
}

// provider names the course's prescribing provider (with the NPI when
// asked and known), or leaves a blank to fill in.
func (l *letter) provider(npi bool) string {
	c := l.course
	name := strings.TrimSpace(c.Provider)
	if name == "" {
		name = "[provider's name]"
	} else {
		name = md(name)
	}
	if npi {
		n := strings.TrimSpace(c.NPI)
		if n == "" {
			n = "[NPI]"
		}
		n = md(n)
		name += ", NPI " + n
	}
	return name
}

// clinic names the course's clinic and its address, or leaves a blank.
func (l *letter) clinic() string {
	if c := strings.TrimSpace(l.course.Clinic); c != "" {
		return md(c)
	}
	return "[clinic's name and address]"
}

func (l *letter) insurerName() string {
	if l.plan != nil && l.plan.Insurer != "" {
		return md(l.plan.Insurer)
	}
	return "[insurer]"
}

func (l *letter) preAuthRequest() string {
	l.head("Request for prior authorization", "To: "+l.insurerName()+", Utilization Management  \n[address or fax number]")
	l.w("", "Dear Utilization Management team,", "",
		"I am asking for prior authorization of "+md(l.course.Name)+", prescribed by "+l.provider(true)+" at "+l.clinic()+".")
	l.protocol()
	l.w("", "The treating provider's letter of medical necessity and the supporting records are enclosed. "+
		"They show the diagnosis, the treatments already tried and their results, the proposed protocol, the evidence for this treatment "+
		"for this condition, and how it is expected to improve symptoms and function.",
		"", "Please send your decision in writing. If any information is missing, please tell me what it is and I will send it promptly.")
	l.enclosed()
	l.signature()
	return l.b.String()
}

func (l *letter) necessityRequest() string {
	l.head("Request for a letter of medical necessity", "To: "+l.provider(false)+"  \n"+l.clinic())
	l.w("", "Dear "+l.provider(false)+",", "",
		"My insurer, "+l.insurerName()+", needs a letter of medical necessity for "+md(l.course.Name)+
			". Could you write one on your letterhead? It helps most when it covers:", "")
	for _, t := range planner.ChecklistTitles {
		l.w("- " + t)
	}
	var lacking []planner.ChecklistItem
	for _, c := range l.f.CourseChecklist(l.course.ID) {
		if !c.Ready() {
			lacking = append(lacking, c)
		}
	}
	if len(lacking) > 0 {
		l.w("", "I still need these documents from your office:", "")
		for _, c := range lacking {
			item := "- " + md(c.Title) + " (still needed)"
			if c.Status == planner.DocRequested {
				item = "- " + md(c.Title) + " (asked for" + on(c.Date) + ")"
			}
			l.w(item)
		}
	}
	if p := l.preAuth(); p != nil && p.Reference != "" {
		l.w("", "The insurer's reference for this request is "+md(p.Reference)+".")
	}
	l.w("", "Please send the letter to me"+orInsurer(l)+" by [date]. Thank you for your help.")
	l.signature()
	return l.b.String()
}

func orInsurer(l *letter) string {
	if l.plan != nil && l.plan.Insurer != "" {
		return " or directly to " + md(l.plan.Insurer)
	}
	return ""
}

func (l *letter) internalAppeal(d *planner.Denial) string {
	r := l.f.RouteFor(l.course.ID)
	title, to := "Request for an internal appeal", "To: "+l.insurerName()+", Appeals  \n[address or fax number on the denial notice]"
	switch {
	case d.Level == planner.LevelSecondInternal:
		title = "Request for a second internal appeal"
	case r.Kind == planner.PlanMedicaid:
		title, to = "Request for a fair hearing", "To: [the state Medicaid agency's fair hearing office, as the notice says]  \n[address or fax number]"
	case !r.ACA && r.First != "":
		title = "Request for " + planner.With(r.First)
	}
	l.head(title, to)
	if d.Reference != "" {
		l.w("**Claim or case number:** " + md(d.Reference) + "  ")
	} else if p := l.preAuth(); p != nil && p.Reference != "" {
		l.w("**Pre-authorization reference:** " + md(p.Reference) + "  ")
	}
	l.w("**Denial notice dated:** " + d.Notice.String() + "  ")
	l.w("", "Dear Appeals team,", "",
		"I am appealing the denial of coverage for "+md(l.course.Name)+" in your notice dated "+d.Notice.String()+
			". I ask for a full and fair review"+lawOf(r)+".")
	reason := string(d.Reason)
	if d.ReasonText != "" {
		l.w("", "The notice gives this reason: *"+md(strings.TrimSpace(d.ReasonText))+"*")
	} else {
		l.w("", "The notice gives the reason as "+reason+".")
	}
	l.w("", whyWrong(d.Reason))
	l.protocol()
	u := planner.PreService
	if d.Urgency == planner.Urgent || d.Urgency == planner.PostService {
		u = d.Urgency
	}
	l.w("", "Please decide this appeal "+decisionWords(r, u)+", in writing, and send me a copy of every document "+
		"and guideline used in the decision, which I am entitled to free of charge.")
	l.enclosed()
	l.signature()
	return l.b.String()
}

// lawOf is " under" the regulation of a route's appeals, or nothing.
func lawOf(r *planner.AppealRoute) string {
	if r.Law == "" {
		return " under the plan's own dispute process"
	}
	return " under " + r.Law
}

func decisionWords(r *planner.AppealRoute, u planner.Urgency) string {
	days := r.Decide[u]
	switch {
	case days == 0:
		return "promptly"
	case u == planner.Urgent && days == 3:
		return "as urgent, within 72 hours, because waiting could seriously harm my health"
	case u == planner.Urgent && days < r.Decide[planner.PreService]:
		return "as urgent, within " + strconv.Itoa(days) + " days, because waiting could seriously harm my health"
	case u == planner.Urgent:
		return "as urgent, as fast as you can, because waiting could seriously harm my health"
	case u == planner.PostService:
		return "within " + strconv.Itoa(days) + " days, as the rules for care already received require"
	}
	return "within " + strconv.Itoa(days) + " days, as the rules for care not yet received require"
}

// whyWrong is the paragraph that answers the kind of reason.
func whyWrong(r planner.DenialReason) string {
	switch r {
	case planner.ReasonOffLabel, planner.ReasonExperimental:
		return "This treatment is used for my condition in accordance with published evidence and clinical practice, " +
			"as the enclosed records and studies show; being off-label does not by itself make it experimental. " +
			"[Name the studies or guidelines your provider cites.]"
	case planner.ReasonNotNecessary:
		return "The enclosed records show that this treatment is medically necessary for me: the diagnosis is confirmed, " +
			"the usual treatments have been tried without enough benefit, and my provider expects it to improve my symptoms and function."
	case planner.ReasonMissingDocs:
		return "The documents the decision found missing are enclosed."
	case planner.ReasonNoPreAuth:
		return "[Explain why prior authorization was not obtained, or enclose proof that it was requested.]"
	case planner.ReasonOutOfNetwork:
		return "[Explain why no in-network provider could give this care in time or at all; ask for a network exception.]"
	}
	return "[Explain why the decision is wrong, point by point.]"
}

func (l *letter) externalReview() string {
	final := ""
	if d := l.denial(planner.LevelExternal); d != nil {
		final = d.Notice.String()
	} else if d := l.denial(planner.LevelInternal, planner.LevelSecondInternal); d != nil && d.Decision == planner.DecisionUpheld {
		final = d.Decided.String()
	}
	r := l.f.RouteFor(l.course.ID)
	title, to := "Request for an external review", "To: "+l.insurerName()+" [or your state's external review office, as the final denial says]  \n[address]"
	ask := "I request an independent external review of the final internal denial of coverage for " + md(l.course.Name) +
		", dated " + or(final, "date") + ", under 45 CFR 147.136(d) [or your state's law]. I have completed the plan's internal appeals."
	if !r.ACA && r.Next != "" {
		title, to = "Request for "+planner.With(r.Next), "To: [the office the decision names for the "+r.Next+"]  \n[address or fax number]"
		ask = "I ask for " + planner.With(r.Next) + " of the decision upholding the denial of coverage for " + md(l.course.Name) +
			", dated " + or(final, "date") + ", under " + r.NextRule.Source + "."
	}
	l.head(title, to)
	l.w("**Final internal denial dated:** "+or(final, "date of the final denial")+"  ",
		"", "Dear Sir or Madam,", "", ask)
	reasonOf := l.denial(planner.LevelInternal, planner.LevelSecondInternal)
	if reasonOf == nil {
		reasonOf = l.denial(planner.LevelExternal)
	}
	if d := reasonOf; d != nil {
		reason := string(d.Reason)
		if d.ReasonText != "" {
			reason = md(strings.TrimSpace(d.ReasonText))
		}
		l.w("", "The plan denied the treatment for this reason: *"+reason+"*", "", whyWrong(d.Reason))
		if d.Reason == planner.ReasonExperimental || d.Reason == planner.ReasonOffLabel {
			l.w("", "I ask for the review the rules provide for treatments a plan considers experimental or investigational. "+
				"My treating physician's certification is enclosed: that standard treatments have not been effective or are not medically "+
				"appropriate for me, and that this treatment is likely to be more beneficial than any available standard treatment.")
			if d.Urgency == planner.Urgent {
				l.w("", "My physician also certifies in writing that the treatment would be significantly less effective if not promptly "+
					"started: I ask for an expedited review.")
			} else {
				l.w("", "[If delay would make the treatment much less effective, say so, enclose your physician's written certification "+
					"of it, and ask for an expedited review.]")
			}
		}
	}
	l.protocol()
	l.w("", "Please let me know if anything more is needed, and send the reviewer's decision to me in writing.")
	l.enclosed()
	l.w("- A copy of the final internal denial")
	l.signature()
	return l.b.String()
}

// claimFileRequest asks for every document relevant to the claim and the
// criteria applied, which a claimant may have free of charge.
func (l *letter) claimFileRequest(d *planner.Denial) string {
	l.head("Request for the claim file", "To: "+l.insurerName()+", Appeals  \n[address or fax number on the denial notice]")
	l.reference(d)
	l.w("", "Dear Appeals team,", "",
		"Before I appeal your denial of coverage for "+md(l.course.Name)+" dated "+d.Notice.String()+", I ask for a copy, free of charge, of:", "",
		"- every document, record and other information relevant to the claim, including the reviewers' notes;",
		"- the internal rule, guideline, protocol or criteria the decision relied on;",
		"- the names and qualifications of the medical experts consulted;",
		"- the plan's own documents that describe this benefit and its appeal process.",
		"", "A claimant is entitled to these under 29 CFR 2560.503-1(h)(2)(iii) and (g)(1)(v) [for an employer plan], "+
			"and 45 CFR 147.136(b) [for individual coverage]. Please send them by [date], "+
			"and tell me if anything cannot be sent and why. The time to appeal runs meanwhile, so please answer promptly.")
	l.signature()
	return l.b.String()
}

// representative is the patient's designation of someone to act for them
// in the claim and its appeals.
func (l *letter) representative() string {
	l.head("Designation of an authorized representative", "To: "+l.insurerName()+", Member Services and Appeals  \n[address or fax number]")
	l.w("", "I, "+or(l.f.Patient.Name, "patient's name")+", name [representative's name], [relationship, such as patient advocate], "+
		"of [address and phone number], as my authorized representative for the claim for "+md(l.course.Name)+
		" and every appeal and external review of it.", "",
		"You may speak with my representative about the claim, send them copies of the notices and documents, and take requests "+
			"and appeals from them as from me. This lasts until I withdraw it in writing.", "",
		"If the plan has its own form for this, please send it to me and I will complete it.")
	l.w("", "Signed: ______________________  Date: ____________", "", or(l.f.Patient.Name, "patient's name")+"  ",
		"Representative's signature: ______________________")
	return l.b.String()
}

// complaint tells the regulator what happened, from the records.
func (l *letter) complaint(d *planner.Denial) string {
	to := "To: [your state's department of insurance, consumer services] " +
		"[for a self-funded employer plan: the Employee Benefits Security Administration, U.S. Department of Labor]  \n[address or online form]"
	if r := l.f.RouteFor(l.course.ID); !r.Assumed {
		to = "To: " + r.Complaint + "  \n[address, phone or online form]"
	}
	l.head("Complaint about a health plan", to)
	l.reference(d)
	l.w("", "Dear Consumer Services team,", "",
		"I am filing a complaint about how "+l.insurerName()+" handled my claim for "+md(l.course.Name)+". What happened:", "")
	l.w("- " + d.Notice.String() + ": the plan denied coverage (" + string(d.Reason) + ").")
	if !d.Filed.IsZero() {
		l.w("- " + d.Filed.String() + ": I filed " + appealWords(d.Level) + ".")
		due := d.DecisionDeadline(l.f.RouteFor(d.CourseID))
		switch {
		case d.Decision == planner.DecisionNone && !due.Due.IsZero() && l.today > due.Due:
			source := ""
			if due.Rule != nil {
				source = " (" + due.Rule.Source + ")"
			}
			l.w("- The decision was due by " + due.Due.String() + source + "; none has come as of " + l.today.String() + ".")
		case d.Decision != planner.DecisionNone:
			l.w("- " + or(d.Decided.String(), "date") + ": the decision: " + string(d.Decision) + ".")
		}
	}
	l.w("", "[Say what the plan did wrong, and what you are asking for: a decision, coverage, a review of the plan's conduct.]",
		"", "Copies of the notices and my letters are enclosed. Please tell me what else you need.")
	l.enclosed()
	l.signature()
	return l.b.String()
}

// reference is the claim's number, or the pre-authorization's, and the
// denial's date.
func (l *letter) reference(d *planner.Denial) {
	if d.Reference != "" {
		l.w("**Claim or case number:** " + md(d.Reference) + "  ")
	} else if p := l.preAuth(); p != nil && p.Reference != "" {
		l.w("**Pre-authorization reference:** " + md(p.Reference) + "  ")
	}
	l.w("**Denial notice dated:** " + d.Notice.String() + "  ")
}

func appealWords(l planner.AppealLevel) string {
	switch l {
	case planner.LevelSecondInternal:
		return "a second internal appeal"
	case planner.LevelExternal:
		return "a request for external review"
	}
	return "an internal appeal"
}

func on(d planner.Date) string {
	if d.IsZero() {
		return ""
	}
	return " on " + d.String()
}
