package store

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"carecost/planner"
)

var crashTrials = flag.Int("crash-trials", 100, "how many times TestCrashSafety kills a writing process")

// crashChildEnv, when set to a file's path, makes the test binary a child
// that saves records into that file until it is killed; crashPassEnv, when
// set, is the passphrase of that (encrypted) file.
const (
	crashChildEnv = "CARECOST_CRASH_CHILD"
	crashPassEnv  = "CARECOST_CRASH_PASSPHRASE"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(crashChild(path))
	}
	code := m.Run()
	cleanBenchFiles()
	os.Exit(code)
}

// crashChild saves a patient with a plan and a task, one user action at a
// time, and reports each save on stdout only after it returned.
func crashChild(path string) int {
	var pass []byte
	if p := os.Getenv(crashPassEnv); p != "" {
		pass = []byte(p)
	}
	db, err := Open(path, Options{Passphrase: pass})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	demo := planner.NewDemo()
	for i := 0; ; i++ {
		p := &planner.PatientRecord{Patient: demo.Patient}
		p.Name = fmt.Sprintf("Patient %d", i)
		p.ID = NewID()
		plan := &planner.PlanRecord{Key: planner.Key{ID: NewID(), PatientID: p.ID}, Plan: demo.Plan}
		task := &planner.Task{Key: planner.Key{ID: NewID(), PatientID: p.ID}, Text: "Call the insurer about the appeal"}
		if err := db.Save(p, plan, task); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(os.Stdout, "saved %s %s %s\n", p.ID, plan.ID, task.ID)
	}
}

// TestCrashSafety kills a process that is writing to the file with SIGKILL
// at random moments, again and again, and reopens the file each time: every
// save the process reported as done must be there, whole, and the file must
// check clean. Run longer with -crash-trials=N.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	t.Run("plain", func(t *testing.T) { crashSafety(t, nil, *crashTrials) })
	t.Run("encrypted", func(t *testing.T) { crashSafety(t, []byte("crash test"), *crashTrials/2) })
}

// crashSafety is TestCrashSafety on a file encrypted with passphrase, or
// a plain one.
func crashSafety(t *testing.T, passphrase []byte, trials int) {
	// newFile makes the file the writer starts on.
	newFile := func(path string) {
		db, err := Open(path, Options{})
		if err == nil && passphrase != nil {
			err = db.Encrypt(passphrase, testCost)
		}
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	newFile(path)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	type save struct{ patient, plan, task planner.ID }
	var reported []save
	killedMidWrite := 0
	// verify reopens the file and looks for each of the saves whole; every
	// earlier save must still be in the patient list.
	verify := func(trial int, saves []save) {
		t.Helper()
		db, err := Open(path, Options{Passphrase: passphrase})
		if err != nil {
			t.Fatalf("trial %d: reopening after the kill: %v", trial, err)
		}
		defer db.Close()
		list, err := db.ListPatients()
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		listed := make(map[planner.ID]bool, len(list))
		for _, s := range list {
			listed[s.ID] = true
		}
		for _, s := range reported {
			if !listed[s.patient] {
				t.Fatalf("trial %d: patient %s was saved but is not listed", trial, s.patient)
			}
		}
		for _, s := range saves {
			f, err := db.LoadPatient(s.patient)
			if err != nil || len(f.Plans) != 1 || f.Plans[0].ID != s.plan || len(f.Tasks) != 1 || f.Tasks[0].ID != s.task {
				t.Fatalf("trial %d: a reported save is not whole: %v, %+v", trial, err, s)
			}
		}
	}
	total := 0
	for trial := range trials {
		if trial > 0 && trial%20 == 0 {
			// A fresh file now and then keeps each check quick; the last
			// file's saves are checked once more before it goes.
			verify(trial, reported)
			total += len(reported)
			reported = reported[:0]
			path = filepath.Join(t.TempDir(), fmt.Sprintf("crash-%d.db", trial))
			newFile(path)
		}
		before := len(reported)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path, crashPassEnv+"="+string(passphrase))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan save)
		go func() {
			defer close(lines)
			scan := bufio.NewScanner(out)
			for scan.Scan() {
				var s save
				if _, err := fmt.Sscanf(scan.Text(), "saved %s %s %s", &s.patient, &s.plan, &s.task); err == nil {
					lines <- s
				}
			}
		}()
		// Let it write for a while, then kill it without warning.
		deadline := time.After(time.Duration(20+rng.IntN(80)) * time.Millisecond)
	wait:
		for {
			select {
			case s, ok := <-lines:
				if !ok {
					break wait
				}
				reported = append(reported, s)
			case <-deadline:
				cmd.Process.Signal(syscall.SIGKILL)
				deadline = nil
			}
		}
		state, _ := cmd.Process.Wait()
		if state != nil && state.Exited() && state.ExitCode() != 0 {
			t.Fatalf("trial %d: the writer failed: %s", trial, stderr.String())
		}
		if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killedMidWrite++
		}
		verify(trial, reported[before:])
		if problems, err := CheckWith(path, passphrase); err != nil || len(problems) > 0 {
			t.Fatalf("trial %d: check: %v %v", trial, problems, err)
		}
	}
	verify(trials, reported)
	total += len(reported)
	t.Logf("%d trials, %d kills mid-write, %d saves reported and all found whole; the file checked clean after every kill",
		trials, killedMidWrite, total)
	if total == 0 {
		t.Fatal("the writer never reported a save: the test proved nothing")
	}
}
