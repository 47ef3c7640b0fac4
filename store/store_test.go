package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// openTemp opens a new carecost file in a test folder.
func openTemp(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carecost.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestNewFileIsComplete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "carecost")
	path := filepath.Join(dir, "carecost.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for name, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		info, err := os.Stat(name)
		if err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", name, info.Mode().Perm(), err, want)
		}
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || string(meta.Get(keyApp)) != "carecost" || string(meta.Get(keySchema)) != "8" {
			t.Errorf("meta bucket: %v", meta)
		}
		for _, name := range [][]byte{bucketPatients, bucketPrograms, bucketIndex, bucketTeam, bucketAudit} {
			if tx.Bucket(name) == nil {
				t.Errorf("no %s bucket", name)
			}
		}
		if patientIndex(tx).Bucket == nil {
			t.Error("no patient index")
		}
		return nil
	})
}

func TestLooseFileIsTightened(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 || !strings.Contains(db.Notice, "now only you can") {
		t.Errorf("mode %v, notice %q", info.Mode().Perm(), db.Notice)
	}
}

func samplePatient() (*planner.PatientRecord, *planner.PlanRecord) {
	demo := planner.NewDemo()
	return &planner.PatientRecord{Patient: demo.Patient}, &planner.PlanRecord{Insurer: "Acme", MemberID: "M-1", Plan: demo.Plan}
}

func TestSaveAndLoadEveryKind(t *testing.T) {
	db, _ := openTemp(t)
	patient, plan := samplePatient()
	if err := db.SavePatient(patient, plan); err != nil {
		t.Fatal(err)
	}
	demo := planner.NewDemo()
	course := &planner.CourseRecord{Key: planner.Key{PatientID: patient.ID}, PlanID: plan.ID, Status: planner.StatusDenied, Course: demo.Courses[0]}
	if err := db.Save(course); err != nil {
		t.Fatal(err)
	}
	program := &planner.Program{Name: "Hope Fund (fictional)", Kind: planner.ProgramNonprofitGrant}
	if err := db.Save(program); err != nil {
		t.Fatal(err)
	}
	day := planner.NewDate(2027, time.January, 4)
	owner := planner.Key{PatientID: patient.ID}
	records := []planner.Record{
		&planner.ScenarioRecord{Key: owner, CourseID: course.ID, Name: "In network", Coverage: planner.Coverage{Case: planner.CoveredInNetwork},
			Sources: demo.Scenarios[0].Sources},
		&planner.PreAuthorization{Key: owner, CourseID: course.ID, Required: planner.AnswerYes, Status: planner.PreAuthApproved, Urgent: true,
			Submitted: day, Decided: day.AddDays(9), Reference: "PA-1", ApprovedSessions: 6, ValidFrom: day.AddDays(10), ValidTo: day.AddDays(100),
			InWriting: true, Notes: "Approved by letter"},
		&planner.ChecklistItem{Key: owner, CourseID: course.ID, Title: "Diagnostic evaluation", Status: planner.DocRequested, Date: day, Note: "Asked Dr. Lee"},
		&planner.Contact{Key: owner, When: time.Date(2027, 1, 4, 15, 30, 0, 0, time.UTC), Party: planner.PartyInsurer, Person: "Dana",
			Reference: "C-9", Said: "Under review", Decision: true, FollowUp: day.AddDays(7), InWriting: true},
		&planner.Denial{Key: owner, CourseID: course.ID, Notice: day, Reason: planner.ReasonOffLabel, ReasonText: "Off-label use", Level: planner.LevelInternal,
			Filed: day.AddDays(20), Urgency: planner.PostService, Decision: planner.DecisionUpheld, Decided: day.AddDays(50),
			DeadlineOverride: day.AddDays(170), Notes: "Sent with the checklist"},
		&planner.GoodFaithEstimate{Key: owner, CourseID: course.ID, Provider: "Clinic", Amount: planner.Dollars(3_300), Given: day,
			Bill: planner.Dollars(3_800), Billed: day.AddDays(60), Disputed: true},
		&planner.Task{Key: owner, Text: "Call the clinic", Due: day.AddDays(2)},
		&planner.Task{Key: owner, Text: "Done already", Due: day.AddDays(1), Done: true},
		&planner.Application{Key: owner, ProgramID: program.ID, Status: "applied", Requested: planner.Dollars(1_000), FollowUp: day.AddDays(14)},
	}
	if err := db.Save(records...); err != nil {
		t.Fatal(err)
	}
	f, err := db.LoadPatient(patient.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Patient.Name != patient.Name || len(f.Plans) != 1 || f.Plans[0].MemberID != "M-1" || f.Plans[0].InNetwork.Deductible != planner.Dollars(2_000) ||
		len(f.Courses) != 1 || f.Courses[0].Status != planner.StatusDenied || len(f.Courses[0].Phases) != 2 ||
		len(f.Scenarios) != 1 || len(f.Scenarios[0].Sources) != 2 || f.Scenarios[0].Sources[0].HealthAccount == nil ||
		len(f.PreAuthorizations) != 1 || f.PreAuthorizations[0].Reference != "PA-1" ||
		len(f.Checklist) != 1 || len(f.Contacts) != 1 || !f.Contacts[0].When.Equal(time.Date(2027, 1, 4, 15, 30, 0, 0, time.UTC)) ||
		len(f.Denials) != 1 || len(f.Estimates) != 1 || f.Estimates[0].Amount != planner.Dollars(3_300) ||
		len(f.Tasks) != 2 || len(f.Applications) != 1 {
		t.Errorf("loaded file %+v", f)
	}
	if f.Patient.Created.IsZero() || f.Patient.Updated.IsZero() {
		t.Error("no times on the patient")
	}
	// The list index: the earliest follow-up or task is the task on Jan 6;
	// the only scenario is the best.
	list, err := db.ListPatients()
	if err != nil || len(list) != 1 {
		t.Fatalf("list %v, %v", list, err)
	}
	s := list[0]
	if s.Name != patient.Name || s.Status != "denied" || s.NextDue != day.AddDays(2) || s.Best != "In network" || s.BestNet == 0 {
		t.Errorf("summary %+v", s)
	}
	programs, err := db.Programs()
	if err != nil || len(programs) != 1 || programs[0].Name != program.Name {
		t.Errorf("programs %v, %v", programs, err)
	}
	// Every field of every kind comes back as it was saved (the times to
	// the nanosecond; the clock's monotonic reading is not kept).
	loaded := map[planner.ID]planner.Record{}
	for _, r := range f.Children() {
		loaded[*r.RecordID()] = r
	}
	for _, r := range records {
		got := loaded[*r.RecordID()]
		if got == nil {
			t.Errorf("no %s loaded", r.RecordKind())
			continue
		}
		want, have := *r.Stamps(), *got.Stamps()
		if !want.Created.Equal(have.Created) || !want.Updated.Equal(have.Updated) {
			t.Errorf("%s times %v, want %v", r.RecordKind(), have, want)
		}
		*r.Stamps(), *got.Stamps() = planner.Stamp{}, planner.Stamp{}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("%s came back as\n%+v\nwant\n%+v", r.RecordKind(), got, r)
		}
	}
}

func TestSaveRefusesMissingReferences(t *testing.T) {
	db, _ := openTemp(t)
	patient, plan := samplePatient()
	if err := db.SavePatient(patient, plan); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		record planner.Record
		want   string
	}{
		{&planner.ScenarioRecord{Key: planner.Key{PatientID: patient.ID}, CourseID: NewID()}, "its course"},
		{&planner.CourseRecord{Key: planner.Key{PatientID: patient.ID}, PlanID: NewID()}, "its plan"},
		{&planner.Application{Key: planner.Key{PatientID: patient.ID}, ProgramID: NewID()}, "its program"},
		{&planner.Task{Key: planner.Key{PatientID: NewID()}, Text: "call"}, "not found"},
		{&planner.Task{Key: planner.Key{ID: "not-an-id", PatientID: patient.ID}}, "not a carecost ID"},
	}
	for _, tt := range tests {
		if err := db.Save(tt.record); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.record.RecordKind(), err, tt.want)
		}
	}
	// A failed save changes nothing, even the records saved before it in
	// the same call.
	task := &planner.Task{Key: planner.Key{PatientID: patient.ID}, Text: "first"}
	bad := &planner.ScenarioRecord{Key: planner.Key{PatientID: patient.ID}, CourseID: NewID()}
	if err := db.Save(task, bad); err == nil {
		t.Fatal("a save with a bad record succeeded")
	}
	if f, _ := db.LoadPatient(patient.ID); len(f.Tasks) != 0 {
		t.Errorf("half a save was kept: %v", f.Tasks)
	}
}

func TestDelete(t *testing.T) {
	db, _ := openTemp(t)
	id, err := db.AddDemo()
	if err != nil {
		t.Fatal(err)
	}
	other, otherPlan := samplePatient()
	if err := db.SavePatient(other, otherPlan); err != nil {
		t.Fatal(err)
	}
	f, _ := db.LoadPatient(id)

	// A plan in use stays.
	if err := db.Delete(&f.Plans[0]); err == nil || !strings.Contains(err.Error(), "is used by the course") {
		t.Errorf("deleting a plan in use: %v", err)
	}
	// A course takes its scenarios with it: the demo's esketamine course has
	// two scenarios.
	esketamine := f.Courses[1]
	if err := db.Delete(&esketamine); err != nil {
		t.Fatal(err)
	}
	f2, _ := db.LoadPatient(id)
	if len(f2.Courses) != 1 || len(f2.Scenarios) != len(f.Scenarios)-2 {
		t.Errorf("after deleting a course: %d courses, %d scenarios", len(f2.Courses), len(f2.Scenarios))
	}
	if err := db.Delete(&esketamine); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it again: %v", err)
	}
	// The patient goes whole, with their index entry; the other stays.
	if err := db.Delete(&f.Patient); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LoadPatient(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("loading a deleted patient: %v", err)
	}
	list, _ := db.ListPatients()
	if len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("list after delete: %v", list)
	}
	// A program with applications stays.
	program := &planner.Program{Name: "P", Kind: planner.ProgramOther}
	if err := db.Save(program); err != nil {
		t.Fatal(err)
	}
	if err := db.Save(&planner.Application{Key: planner.Key{PatientID: other.ID}, ProgramID: program.ID, Status: planner.ApplicationConsidering}); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(program); err == nil || !strings.Contains(err.Error(), "has applications") {
		t.Errorf("deleting a program in use: %v", err)
	}
}

func TestListIsSortedByName(t *testing.T) {
	db, _ := openTemp(t)
	for _, name := range []string{"zoe", "Ana", "émile", "Bo"} {
		if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: name}}); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := db.ListPatients()
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "Ana,Bo,zoe,émile" {
		t.Errorf("order %s", got)
	}
}

func TestSummaryRoundTrip(t *testing.T) {
	s := planner.PatientSummary{ID: NewID(), Name: "Ana\x1fB", Status: "denied", NextDue: planner.NewDate(2027, 3, 1), Best: "Loan", BestNet: -5,
		BestWaits: "if the appeal for X succeeds",
		Agenda:    []planner.AgendaItem{{Due: planner.NewDate(2027, 3, 1), Kind: planner.AgendaTask, What: "Call\x1f the insurer"}, {Due: planner.NewDate(2027, 4, 2), What: ""}}}
	f, err := splitSummary(marshalSummary(&s))
	got := planner.PatientSummary{ID: s.ID, Name: string(f.name), Status: string(f.status), NextDue: f.nextDue, Best: string(f.best), BestNet: f.bestNet,
		BestWaits: string(f.waits)}
	if err == nil {
		got.Agenda, err = splitAgenda(f.agenda)
	}
	// The unit separator in the name is dropped, so the fields stay apart.
	s.Name, s.Agenda[0].What = "AnaB", "Call the insurer"
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("%+v, %v", got, err)
	}
	// An entry of the first format, with no field for what the best plan
	// waits on, is read too.
	if f, err := splitSummary([]byte("1\x1fAna\x1fdenied\x1f\x1fLoan\x1f-5\x1f")); err != nil || string(f.best) != "Loan" || f.bestNet != -5 || len(f.waits) != 0 {
		t.Errorf("format 1: %+v, %v", f, err)
	}
	for _, bad := range []string{"", "3\x1f", "2\x1f", "1\x1fa\x1f", "1\x1fa\x1fb\x1fnot a date\x1fc\x1f0\x1f", "1\x1fa\x1fb\x1f\x1fc\x1fx\x1f",
		"2\x1fa\x1fb\x1f\x1fc\x1f0\x1f"} {
		if _, err := splitSummary([]byte(bad)); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
}

func TestEveryValueGoesThroughTheCodec(t *testing.T) {
	// A codec that marks what it seals: every stored value must carry the
	// mark, and reading must take it off.
	db, path := openTemp(t)
	db.codec = markCodec{}
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	if list, err := db.ListPatients(); err != nil || len(list) != 1 {
		t.Fatalf("list through the codec: %v, %v", list, err)
	}
	db.Close()
	b, _ := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	defer b.Close()
	b.View(func(tx *bolt.Tx) error {
		var walk func(b *bolt.Bucket, name string)
		walk = func(b *bolt.Bucket, name string) {
			b.ForEach(func(k, v []byte) error {
				if v == nil {
					walk(b.Bucket(k), name+"/"+string(k))
				} else if !bytes.HasPrefix(v, []byte("sealed:")) {
					t.Errorf("%s/%s is stored without the codec", name, k)
				}
				return nil
			})
		}
		walk(tx.Bucket(bucketPatients), "patients")
		walk(tx.Bucket(bucketIndex), "index")
		walk(tx.Bucket(bucketPrograms), "programs")
		return nil
	})
}

type markCodec struct{}

func (markCodec) seal(_ string, _, p []byte) ([]byte, error) {
	return append([]byte("sealed:"), p...), nil
}
func (markCodec) open(_ string, _, s []byte) ([]byte, error) {
	if !bytes.HasPrefix(s, []byte("sealed:")) {
		return nil, errors.New("not sealed")
	}
	return s[len("sealed:"):], nil
}

// The agenda of every patient comes from the list index, by date, then by
// the patient's name, with each item's kind; a change to a record shows at
// once, and a patient deleted leaves it.
func TestAgendaAcrossPatients(t *testing.T) {
	db, _ := openTemp(t)
	day := planner.NewDate(2026, 12, 1)
	ids := map[string]planner.ID{}
	for _, name := range []string{"zoe", "Ana", "Bo"} {
		p := &planner.PatientRecord{Patient: planner.Patient{Name: name}}
		if err := db.SavePatient(p); err != nil {
			t.Fatal(err)
		}
		ids[name] = p.ID
	}
	task := func(name, text string, due planner.Date) *planner.Task {
		return &planner.Task{Key: planner.Key{PatientID: ids[name]}, Text: text, Due: due}
	}
	done := task("Bo", "done already", day)
	done.Done = true
	if err := db.Save(task("zoe", "z late", day.AddDays(5)), task("zoe", "z early", day), task("Ana", "a", day),
		task("Bo", "b", day.AddDays(1)), done,
		&planner.Contact{Key: planner.Key{PatientID: ids["Ana"]}, When: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
			Party: planner.PartyClinic, Said: "Will call back", FollowUp: day.AddDays(2)}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Agenda()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, it := range got {
		lines = append(lines, it.Due.String()+" "+it.Patient+" "+string(it.Kind)+" "+it.What)
	}
	// Same day: Ana before zoe, whatever the case; the done task is not
	// there.
	want := []string{
		"2026-12-01 Ana task a",
		"2026-12-01 zoe task z early",
		"2026-12-02 Bo task b",
		"2026-12-03 Ana follow-up Follow up with the clinic: Will call back",
		"2026-12-06 zoe task z late",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("agenda:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got[0].PatientID != ids["Ana"] {
		t.Errorf("the first item is of %s", got[0].PatientID)
	}
	if err := db.Delete(&planner.PatientRecord{ID: ids["zoe"]}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Agenda(); len(got) != 3 {
		t.Errorf("after deleting zoe: %d items", len(got))
	}
	// A closed fund of the catalog, found closed on 2026-11-20 and naming
	// no day it re-opens, is to be checked again two weeks on: 2026-12-04,
	// after Ana's follow-up of 2026-12-03, naming no patient.
	closed := planner.Program{Name: "Quiet Fund (fictional)", Kind: planner.ProgramNonprofitGrant, Fund: planner.FundClosed,
		FundCheckedOn: planner.NewDate(2026, 11, 20)}
	if err := db.Save(&closed); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Agenda()
	if len(got) != 4 || got[3].Due != planner.NewDate(2026, 12, 4) || got[3].PatientID != "" || got[3].Kind != planner.AgendaFund {
		t.Errorf("with a closed fund: %+v", got)
	}
}
