package store

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"carecost/planner"
)

// zeroFields names the fields of a struct that hold their zero value,
// looking inside embedded structs, so a test that means to set every field
// notices a field added later.
func zeroFields(v any) []string {
	var out []string
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		f, t := rv.Field(i), rv.Type().Field(i)
		switch {
		case t.Anonymous && f.Kind() == reflect.Struct:
			out = append(out, zeroFields(f.Interface())...)
		case f.IsZero():
			out = append(out, t.Name)
		}
	}
	return out
}

// fullProgram sets every field of a program but Share, which a program
// with a fixed amount or tiers can't have (see sharedProgram).
func fullProgram() planner.Program {
	return planner.Program{
		Name:    "Hope Fund (fictional)",
		Kind:    planner.ProgramNonprofitGrant,
		Contact: "555-0100, Jo in grants",
		Website: "https://hope-fund.example.org",
		// Figures made up for the test, which is only that they come back:
		// $750 a grant, $2,000 at most, towards 4 sessions.
		Amount:           planner.Dollars(750),
		Cap:              planner.Dollars(2_000),
		Sessions:         4,
		PovertyYear:      2025,
		MaxIncomePercent: planner.Percentage(350),
		Tiers: []planner.IncomeTier{
			{UpToPercent: planner.Percentage(200), PaysPercent: planner.Percentage(100), Label: "Free care"},
			{UpToPercent: planner.Percentage(350), PaysPercent: planner.Percentage(50)},
		},
		Conditions:   []string{"treatment-resistant depression", "a signed treatment plan"},
		States:       []string{"OH", "ky"},
		Insurance:    planner.UninsuredOrUnderinsured,
		VeteransOnly: true,
		MinAge:       18,
		MaxAge:       64,
		HowToApply:   "Online form, with proof of income.",
		Turnaround:   "2–4 weeks",
		Notes:        "Opens each quarter.\nPays the clinic directly.",
		Fund:         planner.FundClosed, FundCheckedOn: planner.NewDate(2026, 11, 20), ReopensOn: planner.NewDate(2027, 1, 4),
		ExcludesOffLabel: true, RequiresFDAApproved: true,
		Fictional: true,
	}
}

// sharedProgram is a program that pays a share of the cost.
func sharedProgram() planner.Program {
	// 80% of the cost up to $5,000: figures made up for the test.
	return planner.Program{Name: "Share Fund (fictional)", Kind: planner.ProgramManufacturer, Share: planner.Percentage(80), Cap: planner.Dollars(5_000)}
}

func TestSaveAndLoadProgramsAndApplicationsWithEveryField(t *testing.T) {
	db, _ := openTemp(t)
	full, shared := fullProgram(), sharedProgram()
	if zero := zeroFields(full); !slices.Equal(zero, []string{"ID", "Share", "Created", "Updated", "Rev"}) {
		t.Fatalf("fullProgram leaves %v unset; set every field the program can have", zero)
	}
	patient, _ := samplePatient()
	patient.Insured, patient.Veteran = planner.AnswerNo, planner.AnswerYes
	if err := db.Save(&full, &shared, patient); err != nil {
		t.Fatal(err)
	}
	day := planner.NewDate(2027, time.February, 1)
	app := planner.Application{
		Key: planner.Key{PatientID: patient.ID}, ProgramID: full.ID, Status: planner.ApplicationAwarded,
		Applied: day, Decided: day.AddDays(30), FollowUp: day.AddDays(45), Notes: "Awarded by letter.",
		// Asked for the fund's $750 a grant; it gave $600 of it.
		Requested: planner.Dollars(750), Awarded: planner.Dollars(600),
	}
	if err := db.Save(&app); err != nil {
		t.Fatal(err)
	}
	if zero := zeroFields(app); len(zero) != 0 {
		t.Fatalf("the application leaves %v unset", zero)
	}

	programs, err := db.Programs()
	if err != nil || len(programs) != 2 {
		t.Fatalf("programs %v, %v", programs, err)
	}
	f, err := db.LoadPatient(patient.ID)
	if err != nil || len(f.Applications) != 1 {
		t.Fatalf("applications %v, %v", f.Applications, err)
	}
	if f.Patient.Insured != planner.AnswerNo || f.Patient.Veteran != planner.AnswerYes {
		t.Errorf("the patient came back insured %q, veteran %q", f.Patient.Insured, f.Patient.Veteran)
	}
	saved := map[planner.ID]planner.Record{full.ID: &full, shared.ID: &shared, app.ID: &app}
	loaded := []planner.Record{&programs[0], &programs[1], &f.Applications[0]}
	for _, got := range loaded {
		want := saved[*got.RecordID()]
		if want == nil {
			t.Errorf("a %s %s that was not saved came back", got.RecordKind(), *got.RecordID())
			continue
		}
		// The times to the nanosecond; the clock's monotonic reading is
		// not kept.
		w, g := *want.Stamps(), *got.Stamps()
		if w.Created.IsZero() || !w.Created.Equal(g.Created) || !w.Updated.Equal(g.Updated) {
			t.Errorf("%s times %v, want %v", got.RecordKind(), g, w)
		}
		*want.Stamps(), *got.Stamps() = planner.Stamp{}, planner.Stamp{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s came back as\n%+v\nwant\n%+v", got.RecordKind(), got, want)
		}
	}
}

func TestSaveRefusesAnAnswerThatIsNoAnswer(t *testing.T) {
	db, _ := openTemp(t)
	p := &planner.PatientRecord{Patient: planner.Patient{Name: "Ana", Insured: "maybe"}}
	if err := db.SavePatient(p); err == nil || !strings.Contains(err.Error(), `whether the patient has health insurance, "maybe", is not one carecost knows`) {
		t.Errorf("saving insured %q: %v", p.Insured, err)
	}
	if list := mustList(t, db); len(list) != 0 {
		t.Errorf("the refused patient was saved: %v", list)
	}
}

func TestAddDemoSavesItsPrograms(t *testing.T) {
	db, _ := openTemp(t)
	id, err := db.AddDemo()
	if err != nil {
		t.Fatal(err)
	}
	programs, _ := db.Programs()
	f, _ := db.LoadPatient(id)
	if len(programs) != 4 || len(f.Applications) != 1 {
		t.Fatalf("%d programs, %d applications; want 4 and 1", len(programs), len(f.Applications))
	}
	i := slices.IndexFunc(programs, func(p planner.Program) bool { return p.ID == f.Applications[0].ProgramID })
	if i < 0 || programs[i].Kind != planner.ProgramNonprofitGrant || !programs[i].Fictional {
		t.Errorf("the application is to %+v", programs)
	}
	if f.Patient.Insured != planner.AnswerYes || f.Patient.Veteran != planner.AnswerNo {
		t.Errorf("the demo patient says insured %q, veteran %q", f.Patient.Insured, f.Patient.Veteran)
	}
	// The demo's program is in use, so it stays.
	if err := db.Delete(&programs[i]); err == nil || !strings.Contains(err.Error(), "has applications") {
		t.Errorf("deleting the demo's program: %v", err)
	}
}

func TestProgramListRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	full, shared := fullProgram(), sharedProgram()
	if err := db.Save(&full, &shared); err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := db.ExportPrograms(&first); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.String(), "{\n  \"Format\": \"carecost programs\",\n  \"Version\": 1,\n") {
		t.Errorf("the list starts %q", first.String()[:60])
	}
	programs, err := ReadPrograms(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range programs {
		names = append(names, p.Name)
	}
	want := []string{"Hope Fund (fictional)", "Maple Street Clinic Sliding Scale (fictional)", "Riverbend General Hospital Financial Assistance (fictional)",
		"Sample Pharma Patient Assistance (fictional)", "Second Wind Depression Care Fund (fictional)", "Share Fund (fictional)"}
	if !slices.Equal(names, want) {
		t.Errorf("exported in the order %q, want by name %q", names, want)
	}

	fresh, path := openTemp(t)
	added, replaced, err := fresh.ImportPrograms(programs, false)
	if err != nil || added != 6 || replaced != 0 {
		t.Fatalf("import: %d added, %d replaced, %v", added, replaced, err)
	}
	var second bytes.Buffer
	if err := fresh.ExportPrograms(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("the export of the imported list differs:\n%s\n---\n%s", first.String(), second.String())
	}
	before, _ := db.Programs()
	after, _ := fresh.Programs()
	if !reflect.DeepEqual(after, before) {
		t.Errorf("imported programs\n%+v\nwant\n%+v", after, before)
	}

	// Again: every program is already there. Nothing is written, and the
	// error names them.
	hash := fileHash(t, path)
	_, _, err = fresh.ImportPrograms(programs, false)
	if !errors.Is(err, ErrConflict) || !strings.HasPrefix(err.Error(), `6 of the programs are already in the file ("Hope Fund (fictional)", "Maple Street`) ||
		!strings.HasSuffix(err.Error(), "import with --replace to overwrite them") {
		t.Errorf("second import: %v", err)
	}
	// One program already there and one new: still nothing is written.
	newOne := planner.Program{Name: "New Fund", Kind: planner.ProgramOther}
	_, _, err = fresh.ImportPrograms([]planner.Program{newOne, programs[0]}, false)
	if !errors.Is(err, ErrConflict) || !strings.HasPrefix(err.Error(), `1 of the programs is already in the file ("Hope Fund (fictional)"): import with --replace to overwrite it`) {
		t.Errorf("import with one conflict: %v", err)
	}
	if fileHash(t, path) != hash {
		t.Error("a refused import changed the file")
	}

	// With replace, they overwrite what is there, and the new one is added.
	programs[0].Notes = "Changed in the list."
	added, replaced, err = fresh.ImportPrograms(append([]planner.Program{newOne}, programs...), true)
	if err != nil || added != 1 || replaced != 6 {
		t.Fatalf("replace: %d added, %d replaced, %v", added, replaced, err)
	}
	if newOne.ID != "" {
		t.Error("ImportPrograms changed the caller's program")
	}
	after, _ = fresh.Programs()
	hope := slices.IndexFunc(after, func(p planner.Program) bool { return p.ID == programs[0].ID })
	if len(after) != 7 || hope < 0 || after[hope].Notes != "Changed in the list." {
		t.Errorf("after replacing: %+v", after)
	}
}

func TestImportProgramsWithoutIDsOrTimes(t *testing.T) {
	db, _ := openTemp(t)
	now := time.Date(2027, time.March, 3, 9, 0, 0, 0, time.UTC)
	db.now = func() time.Time { return now }
	// A list written by hand: no IDs, no times.
	programs, err := ReadPrograms(strings.NewReader(`{"Format": "carecost programs", "Version": 1, "Programs": [
		{"Name": "Hope Fund", "Kind": "nonprofit grant", "Amount": 50000},
		{"Name": "Hope Fund West", "Kind": "nonprofit grant", "Amount": 50000}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	added, replaced, err := db.ImportPrograms(programs, false)
	if err != nil || added != 2 || replaced != 0 {
		t.Fatalf("import: %d added, %d replaced, %v", added, replaced, err)
	}
	saved, _ := db.Programs()
	if len(saved) != 2 || saved[0].ID == saved[1].ID {
		t.Fatalf("saved %+v", saved)
	}
	for _, p := range saved {
		// 50000 cents is the $500 the list says.
		if !validID(p.ID) || !p.Created.Equal(now) || !p.Updated.Equal(now) || p.Amount != planner.Dollars(500) {
			t.Errorf("saved %+v", p)
		}
	}
}

func TestReadProgramsRefusesABadList(t *testing.T) {
	db, _ := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	var good, whole bytes.Buffer
	db.ExportPrograms(&good)
	db.Export(&whole)
	text := good.String()
	programs, err := ReadPrograms(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	id := string(programs[1].ID)
	list := func(programs string) string {
		return `{"Format": "carecost programs", "Version": 1, "Programs": [` + programs + `]}`
	}
	tests := []struct {
		name, input, want string
	}{
		{"nothing", "", "the file is not a carecost program list: it is empty"},
		{"cut short", text[:len(text)/2], "the file is not a carecost program list: it ends in the middle"},
		{"not JSON", "Hope Fund, 555-0100", "the file is not a carecost program list: it is not valid JSON at character 1"},
		{"a list", "[]", "the file is not a carecost program list: it holds a list where carecost expects a JSON object"},
		{"a whole export", whole.String(), "the file is a whole carecost export, not a program list: bring it in with carecost import"},
		{"another format", `{"Format": "something", "Version": 1}`, `the file is not a carecost program list: it does not say "carecost programs" as its format`},
		{"a newer version", `{"Format": "carecost programs", "Version": 2, "Colour": 1}`, "the program list is version 2; this carecost reads version 1: update carecost to import it"},
		{"no version", `{"Format": "carecost programs"}`, `the program list says it is version 0, which no carecost writes`},
		{"an unknown field", strings.Replace(text, `"Format"`, `"Colour": 1, "Format"`, 1), `the program list cannot be read: unknown field "Colour"`},
		{"text for an amount", list(`{"Name": "Hope Fund", "Kind": "other", "Amount": "$500"}`), "the program list cannot be read: the field Programs.Amount holds text where carecost expects a whole number"},
		{"two lists", text + text, "the program list has something more after its end"},
		{"a bad ID", strings.Replace(text, id, "not-an-id", 1),
			`program 2 ("Riverbend General Hospital Financial Assistance (fictional)"): its ID, "not-an-id", is not a carecost ID: remove the ID to import it as a new program; nothing was imported`},
		{"a twice-given ID", strings.Replace(text, string(programs[3].ID), id, 1),
			`program 4 ("Second Wind Depression Care Fund (fictional)") has the same ID as program 2 ("Riverbend General Hospital Financial Assistance (fictional)"): remove the ID of one of them`},
		{"no kind", list(`{"Name": "Hope Fund", "Kind": "other"}, {"Name": "Hope Fund", "Amount": 100}`),
			`program 2 ("Hope Fund"): choose what kind of program Hope Fund is: nonprofit grant, manufacturer program, clinic sliding scale, hospital charity care, other; nothing was imported`},
		{"no name", list(`{"Kind": "other"}`), "program 1 (with no name): the program has no name: enter the name it goes by; nothing was imported"},
		// A share over 100% is refused; 1500000 is 150%.
		{"several problems", list(`{"Kind": "other"}, {"Name": "A", "Kind": "other"}, {"Name": "B", "Kind": "odd"}, {"Name": "C", "Kind": "other", "Share": 1500000}`),
			"program 1 (with no name): the program has no name: enter the name it goes by (2 more programs have problems too); nothing was imported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadPrograms(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant one with %q", err, tt.want)
			}
		})
	}
	if got, err := ReadPrograms(strings.NewReader(list(""))); err != nil || len(got) != 0 {
		t.Errorf("an empty list: %v, %v", got, err)
	}
}

func TestImportProgramsChecksWhatItIsGiven(t *testing.T) {
	db, path := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Programs()
	hash := fileHash(t, path)
	good := planner.Program{Name: "Fine Fund", Kind: planner.ProgramOther}
	tests := []struct {
		name     string
		programs []planner.Program
		want     string
	}{
		{"an invalid program", []planner.Program{good, {Name: "Odd Fund", Kind: planner.ProgramOther, MinAge: 70, MaxAge: 60}},
			`program 2 ("Odd Fund"): the minimum age of Odd Fund (70) is above its maximum age (60); nothing was imported`},
		{"a bad ID", []planner.Program{good, {ID: "x", Name: "X Fund", Kind: planner.ProgramOther}}, `program 2 ("X Fund"): its ID, "x", is not a carecost ID`},
		{"a twice-given ID", []planner.Program{before[0], good, before[0]}, "program 3 (" + `"` + before[0].Name + `"` + ") has the same ID as program 1"},
	}
	for _, tt := range tests {
		for _, replace := range []bool{false, true} {
			if _, _, err := db.ImportPrograms(tt.programs, replace); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s (replace %v): %v\nwant one with %q", tt.name, replace, err, tt.want)
			}
		}
	}
	if after, _ := db.Programs(); !reflect.DeepEqual(after, before) || fileHash(t, path) != hash {
		t.Error("a refused import changed the file")
	}
}

func FuzzReadPrograms(f *testing.F) {
	f.Add(`{"Format": "carecost programs", "Version": 1, "Programs": []}`)
	f.Add(`{"Format": "carecost programs", "Version": 1, "Programs": [{"ID": "01M8JPRRHCXPTD954Y5ABX6W5E", "Name": "A", "Kind": "other"}]}`)
	f.Add(`{"Format": "carecost programs", "Version": 1, "Programs": [{"Name": "A", "Kind": "other", "Tiers": [{"UpToPercent": 2000000, "PaysPercent": 1000000}]}]}`)
	f.Add(`[]`)
	f.Add(`{"Format": 5}`)
	f.Fuzz(func(t *testing.T, input string) {
		programs, err := ReadPrograms(strings.NewReader(input))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if err := checkPrograms(programs); err != nil {
			t.Fatalf("accepted a list that does not check: %q: %v", input, err)
		}
	})
}

// A list written by hand with plain numbers for percentages is refused,
// with the units the format uses.
func TestReadProgramsRefusesFiguresInOtherUnits(t *testing.T) {
	for _, list := range []string{
		// "200" meant as 200% is 200 millionths: 0.02%.
		`{"Format":"carecost programs","Version":1,"Programs":[{"Name":"Hope","Kind":"other","MaxIncomePercent":200}]}`,
		`{"Format":"carecost programs","Version":1,"Programs":[{"Name":"Hope","Kind":"other","Share":50}]}`,
		`{"Format":"carecost programs","Version":1,"Programs":[{"Name":"Hope","Kind":"other","Tiers":[{"UpToPercent":2000000,"PaysPercent":100}]}]}`,
	} {
		if _, err := ReadPrograms(strings.NewReader(list)); err == nil || !strings.Contains(err.Error(), "200% is 2000000") {
			t.Errorf("%s: %v", list, err)
		}
	}
	// The same in the format's units: 200% is 2,000,000 millionths.
	good := `{"Format":"carecost programs","Version":1,"Programs":[{"Name":"Hope","Kind":"other","MaxIncomePercent":2000000}]}`
	if ps, err := ReadPrograms(strings.NewReader(good)); err != nil || ps[0].MaxIncomePercent != planner.Percentage(200) {
		t.Errorf("good list: %v, %v", ps, err)
	}
}

// A list without IDs read in twice does not double the catalog.
func TestImportProgramsRefusesTheSameNameTwice(t *testing.T) {
	db, _ := openTemp(t)
	list := []planner.Program{{Name: "Hope Fund", Kind: planner.ProgramOther}}
	if _, _, err := db.ImportPrograms(list, false); err != nil {
		t.Fatal(err)
	}
	list[0].Name = " hope   fund "
	if _, _, err := db.ImportPrograms(list, false); err == nil || !strings.Contains(err.Error(), "already in the catalog") {
		t.Errorf("the same name again: %v", err)
	}
	// Twice in one list, too.
	twice := []planner.Program{{Name: "Aid", Kind: planner.ProgramOther}, {Name: "aid", Kind: planner.ProgramOther}}
	if _, _, err := db.ImportPrograms(twice, false); err == nil || !strings.Contains(err.Error(), "program 2") {
		t.Errorf("twice in a list: %v", err)
	}
	if programs, _ := db.Programs(); len(programs) != 1 {
		t.Errorf("%d programs", len(programs))
	}
}
