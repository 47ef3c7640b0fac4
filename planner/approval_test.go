package planner

import (
	"strings"
	"testing"
	"time"
)

// weekly is a course of four weekly sessions from Monday 2027-01-04:
// 01-04, 01-11, 01-18 and 01-25.
func weekly() Course {
	return Course{Name: "Weekly", Start: NewDate(2027, time.January, 4), Phases: []Phase{
		{Name: "Sessions", Sessions: 4, Spacing: Spacing{1, EveryWeeks}, Price: Price{Cash: Dollars(500)}}}}
}

func TestPreAuthorizationWarnings(t *testing.T) {
	c := weekly()
	p := PreAuthorization{Required: AnswerYes, Status: PreAuthApproved, ApprovedSessions: 3,
		ValidFrom: NewDate(2027, 1, 5), ValidTo: NewDate(2027, 1, 20)}
	got := strings.Join(p.Warnings(&c), "\n")
	// 01-04 is before the 01-05 start; 01-25 after the 01-20 end; four
	// sessions against three approved; no letter.
	for _, want := range []string{
		"1 session falls before the approval starts on 2027-01-05",
		"1 session falls after the approval ends on 2027-01-20 (the first on 2027-01-25)",
		"The course has 4 sessions but 3 are approved: ask for approval of the 1 more session before it is due.",
		"not confirmed in writing",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	// A window that holds every session, enough sessions, in writing: no
	// warning.
	p = PreAuthorization{Status: PreAuthApproved, ApprovedSessions: 4, ValidFrom: NewDate(2027, 1, 4), ValidTo: NewDate(2027, 1, 25), InWriting: true}
	if w := p.Warnings(&c); len(w) != 0 {
		t.Errorf("warnings for a fitting approval: %v", w)
	}
	// Only an approval is checked against the schedule.
	p.Status, p.ApprovedSessions = PreAuthPending, 1
	if w := p.Warnings(&c); len(w) != 0 {
		t.Errorf("warnings while pending: %v", w)
	}
}

func TestPreAuthorizationDeadlines(t *testing.T) {
	// Submitted 2027-01-04: the insurer decides within 15 days (2027-01-19),
	// or 72 hours if urgent (2027-01-07).
	p := PreAuthorization{Status: PreAuthSubmitted, Submitted: NewDate(2027, 1, 4)}
	if d := p.Deadlines(); len(d) != 1 || d[0].Due != NewDate(2027, 1, 19) {
		t.Errorf("pending: %+v", d)
	}
	p.Urgent = true
	if d := p.Deadlines(); len(d) != 1 || d[0].Due != NewDate(2027, 1, 7) {
		t.Errorf("urgent: %+v", d)
	}
	p = PreAuthorization{Status: PreAuthApproved, ValidTo: NewDate(2027, 6, 30)}
	if d := p.Deadlines(); len(d) != 1 || d[0].Due != NewDate(2027, 6, 30) || d[0].What != "The pre-authorization ends" {
		t.Errorf("approved: %+v", d)
	}
	// Past its last day, an approval says what to do.
	if p.Ended(NewDate(2027, 6, 30)) != "" || !strings.Contains(p.Ended(NewDate(2027, 7, 1)), "ended on 2027-06-30") {
		t.Errorf("ended: %q", p.Ended(NewDate(2027, 7, 1)))
	}
	for _, s := range []PreAuthStatus{PreAuthNotStarted, PreAuthDenied, PreAuthExpired} {
		if d := (&PreAuthorization{Status: s, Submitted: NewDate(2027, 1, 4)}).Deadlines(); d != nil {
			t.Errorf("%s: %+v", s, d)
		}
	}
}

func TestDenialDeadlinesAndNextStep(t *testing.T) {
	notice := NewDate(2026, 11, 2)
	tests := []struct {
		name   string
		d      Denial
		today  Date
		due    []Date
		inStep string
	}{
		// 2026-11-02 + 180 days: 28 left in November, then 31, 31, 28, 31,
		// 30 → 179 by 2027-04-30, one more → 2027-05-01. From 2026-11-29:
		// 1 + 31 + 31 + 28 + 31 + 30 + 1 = 153 days left.
		{"not yet appealed", Denial{Notice: notice, Level: LevelInternal}, NewDate(2026, 11, 29),
			[]Date{NewDate(2027, 5, 1)}, "File the appeal by 2027-05-01 (153 days left)"},
		// The date printed on the notice wins.
		{"the notice's date", Denial{Notice: notice, Level: LevelInternal, DeadlineOverride: NewDate(2027, 1, 31)}, NewDate(2026, 11, 29),
			[]Date{NewDate(2027, 1, 31)}, "File the appeal by 2027-01-31 (63 days left)"},
		{"too late", Denial{Notice: notice, Level: LevelInternal}, NewDate(2027, 5, 2),
			[]Date{NewDate(2027, 5, 1)}, "The deadline to file passed on 2027-05-01"},
		// Filed 2026-11-20 before the service: decided within 30 days,
		// 2026-12-20.
		{"filed", Denial{Notice: notice, Level: LevelInternal, Filed: NewDate(2026, 11, 20)}, NewDate(2026, 11, 29),
			[]Date{NewDate(2026, 12, 20)}, "A decision is due by 2026-12-20 (21 days left)"},
		// Upheld on 2026-10-31: four calendar months → 2027-02-28.
		{"upheld", Denial{Notice: NewDate(2026, 9, 1), Level: LevelInternal, Filed: NewDate(2026, 9, 15),
			Decision: DecisionUpheld, Decided: NewDate(2026, 10, 31)}, NewDate(2026, 11, 29),
			[]Date{NewDate(2027, 2, 28)}, "Request an external review by 2027-02-28 (91 days left)"},
		// The insurer missed its 2026-12-20 date.
		{"decision late", Denial{Notice: notice, Level: LevelInternal, Filed: NewDate(2026, 11, 20)}, NewDate(2026, 12, 22),
			[]Date{NewDate(2026, 12, 20)}, "the decision was due by 2026-12-20 (overdue by 2 days). Call"},
		// An external review requested on the final denial of 2026-10-31:
		// due 2027-02-28, and once filed on 2027-01-10, decided in 45 days
		// (2027-02-24), or 72 hours if urgent (2027-01-13).
		{"external, to request", Denial{Notice: NewDate(2026, 10, 31), Level: LevelExternal}, NewDate(2026, 11, 29),
			[]Date{NewDate(2027, 2, 28)}, "Request an external review by 2027-02-28"},
		{"external, filed", Denial{Notice: NewDate(2026, 10, 31), Level: LevelExternal, Filed: NewDate(2027, 1, 10)}, NewDate(2027, 1, 11),
			[]Date{NewDate(2027, 2, 24)}, "A decision is due by 2027-02-24"},
		{"external, urgent", Denial{Notice: NewDate(2026, 10, 31), Level: LevelExternal, Filed: NewDate(2027, 1, 10), Urgency: Urgent}, NewDate(2027, 1, 11),
			[]Date{NewDate(2027, 1, 13)}, "A decision is due by 2027-01-13 (2 days left)"},
		{"overturned", Denial{Notice: notice, Level: LevelInternal, Filed: NewDate(2026, 11, 20), Decision: DecisionOverturned, Decided: NewDate(2026, 12, 1)},
			NewDate(2026, 12, 2), nil, "overturned on 2026-12-01"},
		{"external upheld", Denial{Notice: notice, Level: LevelExternal, Filed: NewDate(2026, 11, 20), Decision: DecisionUpheld, Decided: NewDate(2026, 12, 1)},
			NewDate(2026, 12, 2), nil, "The external review upheld the denial"},
	}
	for _, tt := range tests {
		var due []Date
		for _, dl := range tt.d.Deadlines(nil) {
			due = append(due, dl.Due)
		}
		if len(due) != len(tt.due) || (len(due) > 0 && due[0] != tt.due[0]) {
			t.Errorf("%s: deadlines %v, want %v", tt.name, due, tt.due)
		}
		if step := tt.d.NextStep(nil, tt.today); !strings.Contains(step, tt.inStep) {
			t.Errorf("%s: next step %q, want it to say %q", tt.name, step, tt.inStep)
		}
	}
}

// A second internal appeal's deadline is the plan's: the law's 180 days
// come with a caution, until the notice's date is entered.
func TestSecondInternalDeadline(t *testing.T) {
	d := Denial{Notice: NewDate(2026, 11, 2), Level: LevelSecondInternal}
	dl := d.FileDeadline(nil)
	if dl.What != "File the second internal appeal" || !strings.Contains(dl.Warning(NewDate(2026, 11, 3)), "enter the date on your notice") {
		t.Errorf("%+v: %q", dl, dl.Warning(NewDate(2026, 11, 3)))
	}
	d.DeadlineOverride = NewDate(2027, 1, 1)
	if w := d.FileDeadline(nil).Warning(NewDate(2026, 11, 3)); w != "" {
		t.Errorf("with the notice's date: %q", w)
	}
}

func TestContactReminder(t *testing.T) {
	if (&Contact{Decision: true}).Reminder() == "" {
		t.Error("a decision by phone is not flagged")
	}
	if (&Contact{Decision: true, InWriting: true}).Reminder() != "" || (&Contact{}).Reminder() != "" {
		t.Error("flagged without cause")
	}
}

func TestChecklist(t *testing.T) {
	f := PatientFile{Checklist: DefaultChecklist("P", "C")}
	if len(f.Checklist) != 5 || f.Checklist[0].Status != DocMissing || f.Checklist[4].CourseID != "C" || f.Checklist[2].PatientID != "P" {
		t.Fatalf("default checklist %+v", f.Checklist)
	}
	f.Checklist[0].Status, f.Checklist[1].Status, f.Checklist[2].Status = DocReceived, DocSent, DocRequested
	f.Checklist = append(f.Checklist, ChecklistItem{CourseID: "other", Title: "x", Status: DocSent})
	// Two of the course's five are in hand (received, sent); a requested
	// one is not; the other course's item is not counted.
	if ready, total := f.ChecklistProgress("C"); ready != 2 || total != 5 {
		t.Errorf("progress %d of %d", ready, total)
	}
	if n := len(f.CourseChecklist("C")); n != 5 {
		t.Errorf("%d items for the course", n)
	}
}

func TestAgenda(t *testing.T) {
	day := NewDate(2026, 11, 29)
	at := func(d Date) time.Time { y, m, dd := d.Civil(); return time.Date(y, m, dd, 10, 0, 0, 0, time.UTC) }
	f := PatientFile{Patient: PatientRecord{ID: "P", Patient: Patient{Name: "Ana"}},
		Courses: []CourseRecord{{Key: Key{ID: "C"}, Course: Course{Name: "Infusions"}}}}
	f.Tasks = []Task{{Text: "done", Due: day, Done: true}, {Text: "Call the clinic", Due: day.AddDays(2)}, {Text: "no date"}}
	f.Contacts = []Contact{
		// A follow-up marked done is closed.
		{When: at(day.AddDays(-10)), Party: PartyInsurer, FollowUp: day.AddDays(-3), FollowUpDone: true},
		{When: at(day.AddDays(-2)), Party: PartyInsurer, Person: "Dana", Said: "Under review\nmore", FollowUp: day.AddDays(5)},
	}
	// The first denial was upheld and an external review has taken its
	// place; only the review's deadline is open (2026-10-31 + 4 months).
	f.Denials = []Denial{
		{Key: Key{ID: "D1"}, CourseID: "C", Notice: NewDate(2026, 8, 1), Level: LevelInternal, Filed: NewDate(2026, 8, 20),
			Decision: DecisionUpheld, Decided: NewDate(2026, 10, 31)},
		{Key: Key{ID: "D2"}, CourseID: "C", Notice: NewDate(2026, 10, 31), Level: LevelExternal},
	}
	// $3,700 billed on 2026-11-01 against a $3,300 estimate: disputable
	// until 2027-03-01 (29 + 31 + 31 + 28 + 1 = 120 days).
	f.Estimates = []GoodFaithEstimate{{CourseID: "C", Amount: Dollars(3_300), Bill: Dollars(3_700), Billed: NewDate(2026, 11, 1)}}
	got := f.Agenda()
	want := []struct {
		due  Date
		what string
	}{
		{day.AddDays(2), "Call the clinic"},
		{day.AddDays(5), "Follow up with the insurer (Dana): Under review"},
		{NewDate(2027, 2, 28), "Request an external review — Infusions"},
		{NewDate(2027, 3, 1), "Dispute the bill above its Good Faith Estimate — Infusions"},
	}
	if len(got) != len(want) {
		t.Fatalf("agenda %+v", got)
	}
	for i, w := range want {
		if got[i].Due != w.due || got[i].What != w.what || got[i].PatientID != "P" || got[i].Patient != "Ana" {
			t.Errorf("item %d: %+v, want %s %q", i, got[i], w.due, w.what)
		}
	}
	if s := f.Summary(); s.NextDue != day.AddDays(2) || len(s.Agenda) != 4 {
		t.Errorf("summary next due %s, %d items", s.NextDue, len(s.Agenda))
	}
	if d := f.OpenDeadlines(); len(d) != 1 || d[0].Due != NewDate(2027, 2, 28) || d[0].Course != "Infusions" {
		t.Errorf("open deadlines %+v", d)
	}
}

// Separate denials of one course each keep their deadlines; only an
// upheld internal appeal taken to external review closes its own.
func TestSeveralDenialsOfACourse(t *testing.T) {
	f := PatientFile{Courses: []CourseRecord{{Key: Key{ID: "C"}, Course: Course{Name: "Infusions"}}}}
	f.Denials = []Denial{
		// Not yet appealed: file by 2026-09-01 + 180 days: 29 days left
		// in September, then 31, 30, 31, 31 → 152 by 2027-01-31, and 28
		// more → 2027-02-28.
		{Key: Key{ID: "D1"}, CourseID: "C", Notice: NewDate(2026, 9, 1), Level: LevelInternal},
		// A later denial of the same course, already overturned.
		{Key: Key{ID: "D2"}, CourseID: "C", Notice: NewDate(2026, 10, 1), Level: LevelInternal, Filed: NewDate(2026, 10, 5),
			Decision: DecisionOverturned, Decided: NewDate(2026, 10, 20)},
	}
	if d := f.OpenDeadlines(); len(d) != 1 || d[0].Due != NewDate(2027, 2, 28) {
		t.Errorf("open deadlines %+v", d)
	}
	// D2 upheld instead: its external review is due four calendar months
	// after 2026-10-20, on 2027-02-20; D1's filing deadline stays.
	f.Denials[1].Decision = DecisionUpheld
	if d := f.OpenDeadlines(); len(d) != 2 || d[0].Due != NewDate(2027, 2, 20) || d[1].Due != NewDate(2027, 2, 28) {
		t.Errorf("open deadlines %+v", d)
	}
	// The external review requested as a new denial dated the decision
	// closes D2's review deadline (its own takes over, the same date).
	f.Denials = append(f.Denials, Denial{Key: Key{ID: "D3"}, CourseID: "C", Notice: NewDate(2026, 10, 20), Level: LevelExternal})
	if d := f.OpenDeadlines(); len(d) != 2 || d[0].What != "Request an external review" || d[1].What != "File the internal appeal" {
		t.Errorf("open deadlines %+v", d)
	}
}

func TestBucketOf(t *testing.T) {
	today := NewDate(2026, 11, 29)
	for n, want := range map[int]Bucket{-1: Overdue, -30: Overdue, 0: DueToday, 1: ThisWeek, 7: ThisWeek, 8: Later} {
		if got := BucketOf(today.AddDays(n), today); got != want {
			t.Errorf("%+d days: %s, want %s", n, got, want)
		}
	}
}

func TestApprovalValidation(t *testing.T) {
	ok := []Record{
		&PreAuthorization{Required: AnswerUnknown, Status: PreAuthNotStarted},
		&ChecklistItem{Title: "x", Status: DocMissing},
		&Contact{When: time.Now(), Party: PartyClinic},
		&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: LevelInternal},
		&GoodFaithEstimate{Amount: Dollars(1)},
		&Task{Text: "x"},
	}
	for _, r := range ok {
		if err := r.(interface{ Validate() error }).Validate(); err != nil {
			t.Errorf("%s: %v", r.RecordKind(), err)
		}
	}
	bad := []struct {
		r    interface{ Validate() error }
		want string
	}{
		{&PreAuthorization{Required: "maybe", Status: PreAuthNotStarted}, "choose unknown, yes, no"},
		{&PreAuthorization{Required: AnswerYes, Status: "lost"}, "pre-authorization's status"},
		{&PreAuthorization{Required: AnswerYes, Status: PreAuthApproved, ValidFrom: NewDate(2027, 2, 1), ValidTo: NewDate(2027, 1, 1)}, "ends (2027-01-01) before it starts"},
		{&PreAuthorization{Required: AnswerYes, Status: PreAuthApproved, ApprovedSessions: -1}, "approved sessions"},
		{&PreAuthorization{Required: AnswerYes, Status: PreAuthApproved, Submitted: NewDate(2027, 2, 1), Decided: NewDate(2027, 1, 1)}, "before the request was submitted"},
		{&ChecklistItem{Status: DocMissing}, "no title"},
		{&ChecklistItem{Title: "x", Status: "lost"}, "document's status"},
		{&Contact{Party: PartyClinic}, "no date"},
		{&Contact{When: time.Now(), Party: "neighbour"}, "who the contact was with"},
		{&Denial{Reason: ReasonOther, Level: LevelInternal}, "no notice date"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: "bad luck", Level: LevelInternal}, "denial's reason"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: "supreme court"}, "appeal's level"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: LevelInternal, Urgency: 7}, "urgency"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: LevelInternal, Filed: NewDate(2025, 12, 1)}, "filed (2025-12-01) before the notice"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: LevelInternal, Decision: DecisionUpheld}, "no filing date"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: LevelInternal, Decision: "maybe", Filed: NewDate(2026, 1, 2)}, "appeal's decision"},
		{&Denial{Notice: NewDate(2026, 1, 1), Reason: ReasonOther, Level: LevelInternal, Filed: NewDate(2026, 1, 9), Decided: NewDate(2026, 1, 5), Decision: DecisionUpheld}, "before the appeal was filed"},
		{&GoodFaithEstimate{Bill: -1}, "bill must be"},
		{&Task{Text: "  "}, "task is empty"},
	}
	for _, tt := range bad {
		if err := tt.r.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.r, err, tt.want)
		}
	}
}
