package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"carecost/planner"
	"carecost/store"
)

var (
	benchOnce  sync.Map // n → path
	benchDirMu sync.Mutex
	benchDir   string
)

// benchFile returns a closed file of n patients, each with the demo's plan,
// ketamine course and five scenarios, built once per test binary run.
func benchFile(b *testing.B, n int) string {
	benchDirMu.Lock()
	defer benchDirMu.Unlock()
	if p, ok := benchOnce.Load(n); ok {
		return p.(string)
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "carecost-tui-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	path := filepath.Join(benchDir, fmt.Sprintf("%d.db", n))
	db, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	demo := planner.NewDemo()
	for start := 0; start < n; start += 500 {
		var records []planner.Record
		for i := start; i < min(start+500, n); i++ {
			p := &planner.PatientRecord{ID: store.NewID(), Patient: demo.Patient}
			p.Name = fmt.Sprintf("Patient %06d", i)
			plan := &planner.PlanRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, Plan: demo.Plan}
			course := &planner.CourseRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, PlanID: plan.ID, Course: demo.Courses[0]}
			// A task due on one of 90 days: the agenda holds one item for
			// each patient.
			task := &planner.Task{Key: planner.Key{ID: store.NewID(), PatientID: p.ID}, Text: "Send the therapist's letter", Due: today.AddDays(i % 90)}
			records = append(records, p, plan, course, task)
			for _, s := range demo.Scenarios[:5] {
				records = append(records, &planner.ScenarioRecord{Key: planner.Key{ID: store.NewID(), PatientID: p.ID},
					CourseID: course.ID, Name: s.Name, Coverage: s.Coverage, Sources: s.Sources})
			}
		}
		if err := db.Save(records...); err != nil {
			b.Fatal(err)
		}
	}
	benchOnce.Store(n, path)
	return path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchmarkFirstFrame is start-up as a person meets it: open the file, read
// the list's first page, and draw the first frame. The rest of the list is
// read after it, off the key loop (not timed here).
func benchmarkFirstFrame(b *testing.B, n int) {
	path := benchFile(b, n)
	b.ResetTimer()
	for b.Loop() {
		db, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		m := New(db, Options{Theme: ThemeDark})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		next, _ = next.Update(loadFirstPatients(db)())
		if v := next.View(); len(v.Content) == 0 {
			b.Fatal("no frame")
		}
		// A large file's pages go on being verified behind the first
		// frame, on another core; Close waits for that, untimed.
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkFirstFrameEmpty is the floor: an empty file.
func BenchmarkFirstFrameEmpty(b *testing.B) { benchmarkFirstFrame(b, 0) }
func BenchmarkFirstFrame1k(b *testing.B)    { benchmarkFirstFrame(b, 1_000) }
func BenchmarkFirstFrame10k(b *testing.B)   { benchmarkFirstFrame(b, 10_000) }
func BenchmarkFirstFrame100k(b *testing.B)  { benchmarkFirstFrame(b, 100_000) }
func BenchmarkFirstFrame300k(b *testing.B)  { benchmarkFirstFrame(b, 300_000) }

// benchmarkInteractions times each interaction of goal 1 on a file of n
// patients: the key, the store reads it asks for, and the frame drawn
// after, as the person sees it.
func benchmarkInteractions(b *testing.B, n int) {
	db, err := store.Open(benchFile(b, n), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	m := New(db, Options{Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(b, next.(Model), loadFirstPatients(db))
	if len(m.list.all) != n {
		b.Fatalf("%d patients listed", len(m.list.all))
	}
	step := func(m Model, k string) Model {
		next, cmd := m.Update(keyMsg(k))
		m = drive(b, next.(Model), cmd)
		m.View()
		return m
	}
	m = step(m, "down")
	inWorkspace := step(m, "enter")
	onAgenda := step(m, "a")
	for _, it := range []struct {
		name string
		from Model
		key  string
	}{
		{"list-key", m, "down"},
		{"open-patient", m, "enter"},
		{"switch-tab", inWorkspace, "tab"},
		{"back-to-list", inWorkspace, "esc"},
		{"agenda-open", m, "a"},
		{"agenda-key", onAgenda, "down"},
		{"agenda-leave", onAgenda, "esc"},
		{"filter-key", step(m, "/"), "7"},
	} {
		b.Run(it.name, func(b *testing.B) {
			for b.Loop() {
				step(it.from, it.key)
			}
		})
	}
	// A save's list entry read and put in its place.
	b.Run("save-entry", func(b *testing.B) {
		id := m.list.all[n/2].ID
		for b.Loop() {
			next, _ := m.Update(loadSummaries(db, id)())
			next.View()
		}
	})
}

// BenchmarkAgendaOpen100k is the agenda opened on a file of 100,000
// patients (two items each) and drawn: its first page read by date.
func BenchmarkAgendaOpen100k(b *testing.B) {
	db, err := store.Open(benchFile(b, 100_000), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	m := New(db, Options{Theme: ThemeDark, Today: today})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(b, next.(Model), loadFirstPatients(db))
	b.ResetTimer()
	for b.Loop() {
		next, cmd := m.Update(keyMsg("a"))
		if v := drive(b, next.(Model), cmd).View(); !strings.Contains(v.Content, "Agenda") {
			b.Fatal("no agenda")
		}
	}
}

// BenchmarkInteractions1 is the floor: the same on a file of one patient.
func BenchmarkInteractions1(b *testing.B)    { benchmarkInteractions(b, 1) }
func BenchmarkInteractions1k(b *testing.B)   { benchmarkInteractions(b, 1_000) }
func BenchmarkInteractions10k(b *testing.B)  { benchmarkInteractions(b, 10_000) }
func BenchmarkInteractions100k(b *testing.B) { benchmarkInteractions(b, 100_000) }
func BenchmarkInteractions300k(b *testing.B) { benchmarkInteractions(b, 300_000) }

// demoAt returns the demo patient open on a tab at 200×60.
func demoAt(b *testing.B, tab string) Model {
	db, err := store.Open(filepath.Join(b.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.AddDemo()
	m := start(b, db, 200, 60)
	return press(b, m, "enter", tab)
}

// BenchmarkView is one View() of each screen at 200×60, in the steady
// state: the screen's string was rendered when its data last changed.
func BenchmarkView(b *testing.B) {
	for _, tab := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		m := demoAt(b, tab)
		b.Run("tab"+tab, func(b *testing.B) {
			for b.Loop() {
				m.View()
			}
		})
	}
}

// BenchmarkRender is drawing each screen afresh at 200×60, as after a
// change of its data or of the window.
func BenchmarkRender(b *testing.B) {
	for _, tab := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		m := demoAt(b, tab)
		b.Run("tab"+tab, func(b *testing.B) {
			for b.Loop() {
				m.render()
			}
		})
	}
}

// BenchmarkComparePress is a key press on Compare that changes the data:
// every scenario worked out again and the screen drawn again.
func BenchmarkComparePress(b *testing.B) {
	m := demoAt(b, "5")
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ResetTimer()
	for b.Loop() {
		m.ws.set(m.ws.file, m.ws.programs, m.ctx.today)
		next, _ := m.Update(down)
		next.View()
	}
}

// BenchmarkAgendaKey is a key press on the agenda of 100,000 patients (two
// items each), in privacy mode: only the items on screen are drawn.
func BenchmarkAgendaKey(b *testing.B) {
	const n = 100_000
	m := New(failingStore{}, Options{Today: today})
	m.ctx.width, m.ctx.height, m.screen, m.ctx.privacy = 200, 60, screenAgenda, true
	list := make([]planner.PatientSummary, n)
	items := make([]planner.AgendaItem, 0, 2*n)
	for i := range n {
		id := planner.ID(fmt.Sprintf("P%07d", i))
		list[i] = planner.PatientSummary{ID: id, Name: fmt.Sprintf("Patient %06d", i)}
		for k := range 2 {
			items = append(items, planner.AgendaItem{PatientID: id, Patient: list[i].Name, Due: today.AddDays(i%90 + k),
				Kind: planner.AgendaTask, What: "Send the therapist's letter"})
		}
	}
	m.list.set(listLoaded(list, false, nil), true)
	m.agenda.set(agendaLoadedMsg{items: items})
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ResetTimer()
	for b.Loop() {
		next, _ := m.Update(down)
		m = next.(Model)
	}
}

// BenchmarkFormOpen is opening the demo patient's forms: each edit form
// (the course of three phases, the scenario of four ways to pay) and the
// new course and scenario; the form built, started and drawn once, as a
// key press that opens it does.
func BenchmarkFormOpen(b *testing.B) {
	m := demoAt(b, "1")
	f := m.ws.file
	cx := m.ctx
	forms := []struct {
		name string
		open func() *formDialog
	}{
		{"patient", func() *formDialog { return patientForm(f.Patient, cx) }},
		{"plan", func() *formDialog { return planForm(f.Patient.ID, f.Plans[0], cx) }},
		{"course", func() *formDialog { return courseForm(&f, f.Courses[1], cx) }},
		{"course-new", func() *formDialog { return courseForm(&f, planner.CourseRecord{}, cx) }},
		{"scenario", func() *formDialog { return scenarioForm(&f, f.Scenarios[5], cx) }},
		{"scenario-new", func() *formDialog { return scenarioForm(&f, planner.ScenarioRecord{}, cx) }},
		{"program", func() *formDialog { return programForm(m.ws.programs[0], cx) }},
	}
	// The floor: a form of one field, built, started and drawn.
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			v := newValues(cx)
			d := &formDialog{title: "One field", form: newForm(cx, huh.NewGroup(input(v, "name", "Name", "", "", nil))), vals: v}
			d.open(cx)
			d.form.View()
		}
	})
	for _, form := range forms {
		b.Run(form.name, func(b *testing.B) {
			for b.Loop() {
				d := form.open()
				d.open(cx)
				d.form.View()
			}
		})
	}
}

// BenchmarkFormKey is one key typed into the scenario form's name field,
// with the form drawn after it.
func BenchmarkFormKey(b *testing.B) {
	m := demoAt(b, "1")
	f := m.ws.file
	d := scenarioForm(&f, f.Scenarios[5], m.ctx)
	d.open(m.ctx)
	key := tea.KeyPressMsg{Code: 'a', Text: "a"}
	b.ResetTimer()
	for b.Loop() {
		d.update(m.ctx, key)
		d.form.View()
	}
}
