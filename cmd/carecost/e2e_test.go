package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndInTmux builds carecost, runs the demo in a real terminal
// (tmux) at two sizes, walks to Compare and reads the screen; then runs it
// with NO_COLOR=1 and finds no colour codes at all. .ci/run installs tmux;
// without it the test is skipped.
func TestEndToEndInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary in tmux; skipped with -short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "carecost")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tmux := startTmux(t, dir)

	// waitFor polls the screen until it shows want.
	waitFor := func(session, want string, escapes bool) string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			args := []string{"capture-pane", "-p", "-t", session}
			if escapes {
				args = append(args, "-e")
			}
			// A wrapped tab bar keeps each tab's number and name together
			// with a no-break space; it reads as a space.
			screen := strings.ReplaceAll(tmux(args...), "\u00a0", " ")
			if strings.Contains(screen, want) {
				return screen
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q; the screen:\n%s", session, want, screen)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	env := "env -u NO_COLOR CARECOST_DB=" + filepath.Join(dir, "never.db") + " TERM=xterm-256color "
	for _, size := range []struct{ w, h string }{{"100", "30"}, {"60", "20"}} {
		session := "e2e" + size.w
		tmux("new-session", "-d", "-s", session, "-x", size.w, "-y", size.h, env+bin+" --demo")
		waitFor(session, "1 Over", false)
		tmux("send-keys", "-t", session, "5")
		screen := waitFor(session, "Net total ", false)
		if !strings.Contains(screen, "$2,880.00") || !strings.Contains(screen, "Demo") {
			t.Errorf("%sx%s compare screen:\n%s", size.w, size.h, screen)
		}
		// The approval tab, then the agenda of every patient.
		tmux("send-keys", "-t", session, "6")
		approval := waitFor(session, "Open deadlines", false)
		// esc alone first: esc and a sent together read as alt+a.
		tmux("send-keys", "-t", session, "Escape")
		waitFor(session, "Patients", false)
		tmux("send-keys", "-t", session, "a")
		// The demo's dates are fixed and the agenda is seen from today:
		// its first item, due 2026-12-01, is overdue from then on.
		agenda := waitFor(session, "Overdue", false)
		for _, s := range []string{screen, approval, agenda} {
			for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
				if n := len([]rune(line)); n > atoi(size.w) {
					t.Errorf("%sx%s: a line of %d cells: %q", size.w, size.h, n, line)
				}
			}
		}
		tmux("send-keys", "-t", session, "q")
	}
	// NO_COLOR: any value turns colour off, so the screen has no colour codes.
	tmux("new-session", "-d", "-s", "nocolor", "-x", "100", "-y", "30", "env NO_COLOR=1 TERM=xterm-256color "+bin+" --demo")
	waitFor("nocolor", "Overview", false)
	tmux("send-keys", "-t", "nocolor", "5")
	screen := waitFor("nocolor", "Net totals", true)
	if strings.Contains(screen, "\x1b[") {
		t.Errorf("NO_COLOR=1 left escape codes on the screen:\n%q", screen)
	}
	// A letter, as drawn, has none either.
	tmux("send-keys", "-t", "nocolor", "6", "L", "Enter", "Enter")
	if screen := waitFor("nocolor", "Request for an internal appeal", true); strings.Contains(screen, "\x1b[") {
		t.Errorf("NO_COLOR=1 left escape codes on the letter:\n%q", screen)
	}
	if _, err := os.Stat(filepath.Join(dir, "never.db")); !os.IsNotExist(err) {
		t.Error("the demo touched the real file")
	}

	// With the app open on a file, an export and a cost summary are
	// written from its file menu; the command line says how.
	open := demoDB(t)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o700)
	tmux("new-session", "-d", "-s", "files", "-x", "100", "-y", "30", "cd "+out+" && env TERM=xterm-256color "+bin+" --db "+open)
	waitFor("files", "Sam Rivera", false)
	if _, err := run(t, "--db", open, "report"); err == nil || !strings.Contains(err.Error(), "in that window, f writes a cost summary") {
		t.Errorf("report while the app is open: %v", err)
	}
	tmux("send-keys", "-t", "files", "f")
	waitFor("files", "Export everything", false)
	// The list's menu: the outcome report (Markdown, CSV), the export,
	// the backup.
	tmux("send-keys", "-t", "files", "Down")
	tmux("send-keys", "-t", "files", "Down")
	tmux("send-keys", "-t", "files", "Enter")
	waitFor("files", "Write it to", false)
	tmux("send-keys", "-t", "files", "Enter")
	waitFor("files", "Wrote "+out+"/carecost-export-", false)
	tmux("send-keys", "-t", "files", "Enter")
	waitFor("files", "Overview", false)
	tmux("send-keys", "-t", "files", "f")
	waitFor("files", "Cost summary to print", false)
	tmux("send-keys", "-t", "files", "Enter")
	waitFor("files", "Write it to", false)
	tmux("send-keys", "-t", "files", "Enter")
	waitFor("files", "-cost-summary-", false)
	waitFor("files", "Wrote "+out+"/sam-rivera-fictional-cost-summary-", false)
	tmux("send-keys", "-t", "files", "q")
	written, _ := filepath.Glob(filepath.Join(out, "*"))
	if len(written) != 2 {
		t.Errorf("the app wrote %v", written)
	}
	for _, w := range written {
		data, _ := os.ReadFile(w)
		if strings.HasSuffix(w, ".json") && !strings.Contains(string(data), `"Sam Rivera (fictional)"`) ||
			strings.HasSuffix(w, ".pdf") && !strings.HasPrefix(string(data), "%PDF") {
			t.Errorf("%s: %.40q", w, data)
		}
	}

	// An encrypted file: the passphrase is asked for on the terminal, not
	// echoed; the idle lock hides every name, and the passphrase opens it.
	secret := demoDB(t)
	passFile := filepath.Join(dir, "pass")
	os.WriteFile(passFile, []byte("tmux passphrase\n"), 0o600)
	if _, err := run(t, "--db", secret, "encrypt", "--new-passphrase-file", passFile); err != nil {
		t.Fatal(err)
	}
	tmux("new-session", "-d", "-s", "locked", "-x", "100", "-y", "30", "env TERM=xterm-256color "+bin+" --db "+secret+" --lock-after 2s")
	waitFor("locked", "is encrypted; its passphrase:", false)
	tmux("send-keys", "-t", "locked", "-l", "tmux passphrase")
	if screen := waitFor("locked", "is encrypted; its passphrase:", false); strings.Contains(screen, "tmux passphrase") {
		t.Errorf("the passphrase was echoed:\n%s", screen)
	}
	tmux("send-keys", "-t", "locked", "Enter")
	waitFor("locked", "Sam Rivera", false)
	screen = waitFor("locked", "carecost is locked", false)
	if strings.Contains(screen, "Sam Rivera") {
		t.Errorf("the lock shows a name:\n%s", screen)
	}
	tmux("send-keys", "-t", "locked", "-l", "tmux passphrase")
	tmux("send-keys", "-t", "locked", "Enter")
	waitFor("locked", "Unlocked.", false)
	waitFor("locked", "Sam Rivera", false)
	tmux("send-keys", "-t", "locked", "q")
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// startTmux starts a tmux server of the test's own, under dir, and gives
// the function that runs tmux commands on it; it stops with the test.
func startTmux(t *testing.T, dir string) func(args ...string) string {
	t.Helper()
	socket := filepath.Join(dir, "tmux.sock")
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", socket, "kill-server").Run() })
	// A session that outlives the others keeps the server up between them.
	tmux("new-session", "-d", "-s", "keep", "sleep 600")
	return tmux
}
