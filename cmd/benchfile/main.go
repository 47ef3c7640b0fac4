// Command benchfile builds a carecost file of N patients for timing the
// file commands (.ci/bench-commands): each with the demo's plan, its
// ketamine course, five scenarios, a dated task and a call with a
// follow-up, so that the agenda holds two items a patient.
//
//	go run ./cmd/benchfile FILE N
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"carecost/planner"
	"carecost/store"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/benchfile FILE N")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "benchfile: %q is not a number of patients\n", os.Args[2])
		os.Exit(2)
	}
	db, err := store.Open(os.Args[1], store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfile:", err)
		os.Exit(1)
	}
	defer db.Close()
	demo := planner.NewDemo()
	day := planner.NewDate(2026, 11, 1)
	for start := 0; start < n; start += 1000 {
		var records []planner.Record
		for i := start; i < min(start+1000, n); i++ {
			p := &planner.PatientRecord{ID: store.NewID(), Patient: demo.Patient}
			p.Name = fmt.Sprintf("Patient %06d", i)
			plan := &planner.PlanRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, Plan: demo.Plan}
			course := &planner.CourseRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, PlanID: plan.ID, Course: demo.Courses[0]}
			records = append(records, p, plan, course)
			for _, s := range demo.Scenarios[:5] {
				records = append(records, &planner.ScenarioRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, CourseID: course.ID, Name: s.Name, Coverage: s.Coverage, Sources: s.Sources})
			}
			records = append(records,
				&planner.Task{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, Text: "Send the therapist's letter", Due: day.AddDays(i % 90)},
				&planner.Contact{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, When: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Party: planner.PartyInsurer, Said: "Under review", FollowUp: day.AddDays(i % 30)})
		}
		if err := db.Save(records...); err != nil {
			fmt.Fprintln(os.Stderr, "benchfile:", err)
			os.Exit(1)
		}
	}
}
