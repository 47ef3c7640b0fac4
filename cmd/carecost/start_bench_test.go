package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Start-up as a person meets it: the time from starting a program in a
// pseudo-terminal of 100×30 to the first frame that shows what the file
// holds (the welcome on an empty file, the list's first row on a file of
// patients), beside the floor of a bare bubbletea program that draws one
// frame (testdata/bare). The files of patients are built once per run by
// cmd/benchfile (40 s for 100,000, 1.3 GB; two minutes for 300,000, 4 GB)
// and removed at the end.
//
//	go test ./cmd/carecost -run '^$' -bench StartInATerminal -count 10
//	go test ./cmd/carecost -run '^$' -bench 'StartInATerminal/(Bare|Empty|100k)$' -count 10

// startDir holds the programs and files the start-up benchmarks build.
var (
	startDir   string
	startOnce  sync.Once
	startErr   error
	startFiles sync.Map // patients → path
)

// startPrograms builds carecost and the bare program into startDir.
func startPrograms(b *testing.B) (carecost, bare string) {
	startOnce.Do(func() {
		if startDir, startErr = os.MkdirTemp("", "carecost-start"); startErr != nil {
			return
		}
		for _, p := range [][2]string{{"carecost", "."}, {"bare", "./testdata/bare"}} {
			out, err := exec.Command("go", "build", "-o", filepath.Join(startDir, p[0]), p[1]).CombinedOutput()
			if err != nil {
				startErr = &buildError{p[1], out}
				return
			}
		}
	})
	if startErr != nil {
		b.Fatal(startErr)
	}
	return filepath.Join(startDir, "carecost"), filepath.Join(startDir, "bare")
}

type buildError struct {
	pkg string
	out []byte
}

func (e *buildError) Error() string { return "building " + e.pkg + ": " + string(e.out) }

// startFile is a file of n patients made by cmd/benchfile, once per run.
func startFile(b *testing.B, n int) string {
	if path, ok := startFiles.Load(n); ok {
		return path.(string)
	}
	path := filepath.Join(startDir, "file"+strconv.Itoa(n)+".db")
	if out, err := exec.Command("go", "run", "../benchfile", path, strconv.Itoa(n)).CombinedOutput(); err != nil {
		b.Fatalf("building a file of %d patients: %v\n%s", n, err, out)
	}
	startFiles.Store(n, path)
	return path
}

// benchmarkStart starts program (with the carecost file db, if any) in a
// pseudo-terminal, times it to the first output that holds shown, and
// stops it, untimed.
func benchmarkStart(b *testing.B, program, db string, shown string) {
	env := append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
	if db != "" {
		env = append(env, "CARECOST_DB="+db)
	}
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(program)
		cmd.Env = env
		terminal, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
		if err != nil {
			b.Fatal(err)
		}
		seen := make(chan error, 1)
		go func() {
			var out []byte
			buf := make([]byte, 64<<10)
			for !bytes.Contains(out, []byte(shown)) {
				n, err := terminal.Read(buf)
				out = append(out, buf[:n]...)
				if err != nil {
					seen <- err
					return
				}
			}
			seen <- nil
			// Drained until the program is stopped: a full pseudo-terminal
			// would hold it up.
			for {
				if _, err := terminal.Read(buf); err != nil {
					return
				}
			}
		}()
		select {
		case err := <-seen:
			if err != nil {
				b.Fatalf("%s ended before it showed %q: %v", program, shown, err)
			}
		case <-time.After(20 * time.Second):
			b.Fatalf("%s showed no %q in 20 s", program, shown)
		}
		b.StopTimer()
		cmd.Process.Kill()
		cmd.Wait()
		terminal.Close()
		b.StartTimer()
	}
}

// BenchmarkStartInATerminal: Bare is the floor; Empty a new file; the rest
// files of that many patients.
func BenchmarkStartInATerminal(b *testing.B) {
	carecost, bare := startPrograms(b)
	b.Run("Bare", func(b *testing.B) { benchmarkStart(b, bare, "", "A bare frame") })
	b.Run("Empty", func(b *testing.B) {
		// The first start makes the file; each start shows the welcome
		// of a file with no patients.
		benchmarkStart(b, carecost, filepath.Join(b.TempDir(), "carecost.db"), "Welcome to carecost")
	})
	for _, n := range []int{10_000, 100_000, 300_000} {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			benchmarkStart(b, carecost, startFile(b, n), "Patient 000000")
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if startDir != "" {
		os.RemoveAll(startDir)
	}
	os.Exit(code)
}
