package planner

import (
	"testing"
	"time"
)

func TestFollowThrough(t *testing.T) {
	today := NewDate(2026, time.December, 2)
	f := PatientFile{Patient: PatientRecord{ID: "P", Patient: Patient{Name: "Ana"}},
		Tasks:        []Task{{Key: Key{ID: "T1", PatientID: "P"}, Text: "Call the clinic", Due: today.AddDays(-10)}},
		Applications: []Application{{Key: Key{ID: "A1", PatientID: "P"}, ProgramID: "G", Status: ApplicationApplied, FollowUp: today.AddDays(3)}},
		ProgramNames: map[ID]string{"G": "Hope Fund"}}
	items := f.Agenda()
	// A task ten days overdue put off a week: a week from today, not from
	// its day (which would leave it overdue).
	r, status, err := f.FollowThrough(items[0], true, today)
	if task, ok := r.(*Task); err != nil || !ok || task.Due != today.AddDays(7) || task.Done || status != "Put off to 2026-12-09: Call the clinic" {
		t.Errorf("snooze: %+v %q %v", r, status, err)
	}
	// Done.
	if r, _, _ := f.FollowThrough(items[0], false, today); !r.(*Task).Done {
		t.Error("the task is not done")
	}
	// The application's program renamed since the agenda was read: its
	// day and kind still find it; a week after its day, which is later
	// than today.
	app := items[1]
	app.What = "Follow up on the application to an old name"
	r, _, err = f.FollowThrough(app, true, today)
	if a, ok := r.(*Application); err != nil || !ok || a.FollowUp != today.AddDays(10) {
		t.Errorf("application: %+v %v", r, err)
	}
	if _, _, err := f.FollowThrough(app, false, today); err == nil {
		t.Error("an application marked done from the agenda")
	}
}
