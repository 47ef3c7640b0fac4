package planner

import (
	"fmt"
	"testing"
	"time"
)

func TestChecklistAdvance(t *testing.T) {
	earlier := NewDate(2026, time.November, 10)
	today := NewDate(2026, time.December, 1)
	tests := []struct {
		name     string
		from     DocStatus
		moved    bool
		to       DocStatus
		wantDate Date // today when it moves; the date it had when not
	}{
		{"missing is requested", DocMissing, true, DocRequested, today},
		{"requested is received", DocRequested, true, DocReceived, today},
		{"received is sent", DocReceived, true, DocSent, today},
		// Sent is the last status: anything else is a change made by hand.
		{"sent stays sent", DocSent, false, DocSent, earlier},
		{"an unknown status stays", "lost", false, "lost", earlier},
		{"no status stays", "", false, "", earlier},
	}
	for _, tt := range tests {
		c := ChecklistItem{Title: "Prior treatments", Status: tt.from, Date: earlier}
		moved := c.Advance(today)
		if moved != tt.moved || c.Status != tt.to || c.Date != tt.wantDate {
			t.Errorf("%s: moved %v to %q dated %s; want %v, %q, %s", tt.name, moved, c.Status, c.Date, tt.moved, tt.to, tt.wantDate)
		}
	}

	// From missing, three presses reach sent, the fourth does nothing.
	c := DefaultChecklist("P", "C")[0]
	var got []DocStatus
	for day := 1; day <= 4; day++ {
		if c.Advance(NewDate(2026, time.December, day)) {
			got = append(got, c.Status)
		}
	}
	// requested on 12-01, received on 12-02, sent on 12-03; 12-04 leaves it
	if len(got) != 3 || got[0] != DocRequested || got[1] != DocReceived || got[2] != DocSent ||
		c.Date != NewDate(2026, time.December, 3) {
		t.Errorf("walked through %q, dated %s", got, c.Date)
	}
}

func TestRecordsOf(t *testing.T) {
	n := 0
	f := DemoFile(func() ID { n++; return ID(fmt.Sprintf("ID%02d", n)) })
	ketamine, esketamine := f.Courses[0].ID, f.Courses[1].ID
	if f.Courses[0].Name != "IV ketamine infusions" || ketamine == esketamine {
		t.Fatalf("the demo's courses: %q %s, %s", f.Courses[0].Name, ketamine, esketamine)
	}
	// Overturned, a denial has nothing left open; a denial not yet
	// appealed has its filing deadline.
	closed := Denial{CourseID: ketamine, Notice: NewDate(2026, time.October, 20), Filed: NewDate(2026, time.November, 16),
		Decision: DecisionOverturned, Decided: NewDate(2026, time.December, 1)}
	notAppealed := Denial{CourseID: ketamine, Notice: NewDate(2026, time.December, 2)}
	twoDenials := f
	twoDenials.Denials = []Denial{closed, notAppealed}
	tests := []struct {
		name   string
		file   PatientFile
		course ID
		want   CourseRecords
		words  string
	}{
		// Ported from the tui's TestDeleteQuestionsSayWhatGoes. The demo's
		// ketamine course: six scenarios (in network, superbill, clinic
		// plan, card, loan, grant), its denial (appeal filed, no decision:
		// its decision deadline open), the denied pre-authorization, five
		// documents and the estimate.
		{"the demo's ketamine course", f, ketamine,
			CourseRecords{Scenarios: 6, Denials: 1, PreAuthorizations: 1, Checklist: 5, Estimates: 1, OpenDenials: 1},
			" with its 6 scenarios, 1 denial, 1 pre-authorization, 5 checklist documents, 1 Good Faith Estimate (a denial still has a deadline open)"},
		// Esketamine: one scenario, the pending pre-authorization, five
		// documents; no denial, no estimate.
		{"the demo's esketamine course", f, esketamine,
			CourseRecords{Scenarios: 2, PreAuthorizations: 1, Checklist: 5},
			" with its 2 scenarios, 1 pre-authorization, 5 checklist documents"},
		{"a course with nothing recorded", f, "NONE", CourseRecords{}, ""},
		{"a closed denial and an open one", twoDenials, ketamine,
			CourseRecords{Scenarios: 6, Denials: 2, PreAuthorizations: 1, Checklist: 5, Estimates: 1, OpenDenials: 1},
			" with its 6 scenarios, 2 denials, 1 pre-authorization, 5 checklist documents, 1 Good Faith Estimate (a denial still has a deadline open)"},
		{"only a closed denial", PatientFile{Denials: []Denial{closed}}, ketamine, CourseRecords{Denials: 1}, " with its 1 denial"},
	}
	for _, tt := range tests {
		got := tt.file.RecordsOf(tt.course)
		if got != tt.want || got.String() != tt.words {
			t.Errorf("%s: %+v %q\nwant %+v %q", tt.name, got, got.String(), tt.want, tt.words)
		}
	}
}

func TestCourseRecordsString(t *testing.T) {
	tests := []struct {
		name string
		r    CourseRecords
		want string
	}{
		{"nothing", CourseRecords{}, ""},
		{"one of each", CourseRecords{Scenarios: 1, Denials: 1, PreAuthorizations: 1, Checklist: 1, Estimates: 1},
			" with its 1 scenario, 1 denial, 1 pre-authorization, 1 checklist document, 1 Good Faith Estimate"},
		{"two of each", CourseRecords{Scenarios: 2, Denials: 2, PreAuthorizations: 2, Checklist: 2, Estimates: 2},
			" with its 2 scenarios, 2 denials, 2 pre-authorizations, 2 checklist documents, 2 Good Faith Estimates"},
		// A kind with none is left out, not said as 0.
		{"only some", CourseRecords{Scenarios: 3, Checklist: 5}, " with its 3 scenarios, 5 checklist documents"},
		{"one estimate", CourseRecords{Estimates: 1}, " with its 1 Good Faith Estimate"},
		{"an open denial", CourseRecords{Denials: 1, OpenDenials: 1},
			" with its 1 denial (a denial still has a deadline open)"},
		// The note is the same however many are open.
		{"two open denials of three", CourseRecords{Denials: 3, OpenDenials: 2},
			" with its 3 denials (a denial still has a deadline open)"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
