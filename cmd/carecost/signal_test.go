package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"carecost/store"
)

// A backup or export stopped by a signal leaves no temporary file: the
// test runs itself again as a carecost writing a file that never ends,
// and stops it.
func TestASignalLeavesNoTemporaryFile(t *testing.T) {
	if dir := os.Getenv("CARECOST_SIGNAL_CHILD"); dir != "" {
		stopOnSignals()
		store.WriteWhole(filepath.Join(dir, "export.json"), false, func(w io.Writer) error {
			w.Write([]byte(`{"format":"carecost export",`))
			os.Stdout.WriteString("writing\n")
			select {} // until the signal
		})
		return
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		dir := t.TempDir()
		child := exec.Command(os.Args[0], "-test.run=^TestASignalLeavesNoTemporaryFile$")
		child.Env = append(os.Environ(), "CARECOST_SIGNAL_CHILD="+dir)
		var stderr strings.Builder
		child.Stderr = &stderr
		out, _ := child.StdoutPipe()
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		if line, _ := bufio.NewReader(out).ReadString('\n'); line != "writing\n" {
			child.Process.Kill()
			t.Fatalf("the child said %q", line)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".tmp") {
			t.Errorf("while writing: %v", entries)
		}
		child.Process.Signal(sig)
		stop := time.AfterFunc(10*time.Second, func() { child.Process.Kill() }) // a child that ignored it
		err := child.Wait()
		stop.Stop()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
			t.Errorf("%v: the child ended with %v, want exit status %d", sig, err, 128+int(sig))
		}
		if !strings.Contains(stderr.String(), "carecost: stopped") {
			t.Errorf("%v: stderr %q", sig, stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v: left %v", sig, entries)
		}
	}
}
