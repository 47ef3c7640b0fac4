//go:build unix

package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a buffer two goroutines write and read.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTeamServerWithOpenSSH runs carecost serve, built with the race
// detector, on 127.0.0.1 and connects to it with OpenSSH from tmux, as a
// team does: two advocates at once, a save in one seen in the other, an
// unknown key refused, a key presented with another's user name keeping
// its own identity, a read-only grant refused with a sentence, ten
// resizes in a row, an accessible form answered at its prompts, the keys
// that would run or write something on the server (ctrl+v, ctrl+e, w)
// running and writing nothing there, and SIGTERM closing it all cleanly.
// .ci/run installs tmux and openssh-client; without them it is skipped.
func TestTeamServerWithOpenSSH(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built server and OpenSSH in tmux; skipped with -short")
	}
	for _, tool := range []string{"tmux", "ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " is not installed")
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "carecost")
	if out, err := exec.Command("go", "build", "-race", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, who := range []string{"lee", "ana", "stranger"} {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", who+"@test", "-f", filepath.Join(dir, who)).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
	}
	// Programs a session must never run on the server: each leaves a mark.
	fake, marks := filepath.Join(dir, "fakebin"), filepath.Join(dir, "marks")
	os.Mkdir(fake, 0o700)
	os.Mkdir(marks, 0o700)
	for _, name := range []string{"xclip", "xsel", "wl-paste", "wl-copy", "pbpaste", "pbcopy", "editor", "vi", "nano"} {
		script := "#!/bin/sh\ntouch " + filepath.Join(marks, name) + "\n"
		if err := os.WriteFile(filepath.Join(fake, name), []byte(script), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	db := demoDB(t)
	cwd := filepath.Join(dir, "server-cwd")
	os.Mkdir(cwd, 0o700)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	server := exec.Command(bin, "--db", db, "serve", "--listen", "127.0.0.1:"+port, "--admin-key", filepath.Join(dir, "lee.pub"), "--admin-name", "lee")
	server.Dir = cwd
	server.Env = append(os.Environ(), "PATH="+fake+":"+os.Getenv("PATH"), "EDITOR="+filepath.Join(fake, "editor"), "VISUAL="+filepath.Join(fake, "editor"),
		"DISPLAY=:0", "WAYLAND_DISPLAY=wayland-0")
	var logs syncBuffer
	server.Stdout, server.Stderr = &logs, &logs
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			server.Process.Kill()
			server.Wait()
		}
	}()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(logs.String(), "Serving"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server never started:\n%s", logs.String())
		}
	}

	sshArgs := func(key, user string) []string {
		return []string{"-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + filepath.Join(dir, "known_hosts"),
			"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-p", port, "-i", filepath.Join(dir, key), "-l", user, "127.0.0.1"}
	}
	// command runs a team command, as key, and gives what it printed.
	command := func(key, user string, args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command("ssh", append(sshArgs(key, user), args...)...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("ssh %v: %v", args, err)
		}
		return out.String(), errOut.String(), code
	}
	pub, _ := os.ReadFile(filepath.Join(dir, "ana.pub"))
	if out, errOut, code := command("lee", "lee", "advocate", "add", "ana", strings.TrimSpace(string(pub))); code != 0 {
		t.Fatalf("advocate add: %d %s %s", code, out, errOut)
	}
	out, _, _ := command("lee", "lee", "patients")
	sam := strings.Fields(out)[0]
	if _, errOut, code := command("lee", "lee", "grant", "ana", sam, "ro"); code != 0 {
		t.Fatalf("grant: %s", errOut)
	}
	// An unknown key is refused; ana's key with lee's user name is ana.
	if _, errOut, code := command("stranger", "lee", "whoami"); code != 255 || !strings.Contains(errOut, "Permission denied (publickey)") {
		t.Errorf("an unknown key: %d %q", code, errOut)
	}
	if out, _, _ := command("ana", "lee", "whoami"); !strings.HasPrefix(out, "ana, an advocate") {
		t.Errorf("ana's key as the user lee: %q", out)
	}

	tmux := startTmux(t, dir)
	// A session's pane stays once ssh ends, to read what it said last.
	tmux("set-option", "-g", "remain-on-exit", "on")
	waitFor := func(session, want string) string {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			screen := strings.ReplaceAll(tmux("capture-pane", "-p", "-t", session), "\u00a0", " ")
			if strings.Contains(screen, want) {
				return screen
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q; the screen:\n%s\nthe server's log:\n%s", session, want, screen, logs.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	keys := func(session string, keys ...string) {
		t.Helper()
		for _, k := range keys {
			tmux("send-keys", "-t", session, k)
		}
	}
	connect := func(session, key, user string, args ...string) {
		t.Helper()
		line := "env TERM=xterm-256color ssh -t " + strings.Join(append(sshArgs(key, user), args...), " ")
		tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", line)
	}

	// Two advocates at once.
	connect("lee", "lee", "lee")
	connect("ana", "ana", "lee") // ana's key, lee's name
	waitFor("lee", "Sam Rivera")
	waitFor("ana", "Sam Rivera")

	// lee saves the patient: ana's screen says so.
	keys("lee", "Enter")
	waitFor("lee", "Overview")
	keys("lee", "e")
	waitFor("lee", "Edit Sam Rivera")
	// ctrl+v and ctrl+e in a form run nothing on the server.
	keys("lee", "C-v")
	waitFor("lee", "copy and paste with your terminal's own keys")
	keys("lee", "C-e")
	keys("lee", "C-g")
	keys("lee", "C-s")
	waitFor("lee", "Saved")
	waitFor("ana", "lee changed a patient in Sam Rivera (fictional)'s records")

	// ana's grant is read-only: her save is refused, in words.
	keys("ana", "Enter")
	waitFor("ana", "Overview")
	keys("ana", "e")
	waitFor("ana", "Edit Sam Rivera")
	keys("ana", "C-s")
	waitFor("ana", "You can read this patient's records but not change them")

	// w on a letter writes nothing on the server; c copies it.
	keys("lee", "6")
	waitFor("lee", "Open deadlines")
	keys("lee", "L", "Enter", "Enter")
	waitFor("lee", "Request for an internal appeal")
	keys("lee", "w")
	waitFor("lee", "The team server writes no files")
	keys("lee", "c")
	waitFor("lee", "Copied the letter to your clipboard")
	// esc alone: esc and a key sent together read as alt and the key.
	keys("lee", "Escape")
	waitFor("lee", "Open deadlines")
	keys("lee", "f")
	waitFor("lee", "--format pdf > summary.pdf")

	// Ten resizes in a row, each seen: at 100 columns the key bar ends
	// with "q quit", at 50 it is cut.
	keys("ana", "Escape")
	waitFor("ana", "Discard your changes?")
	keys("ana", "y")
	waitFor("ana", "Overview")
	keys("ana", "Escape")
	waitFor("ana", "Patients")
	for i := range 10 {
		w, h, want := "50", "16", "a agenda …"
		if i%2 == 1 {
			w, h, want = "100", "30", "? all keys • q quit"
		}
		tmux("resize-window", "-t", "ana", "-x", w, "-y", h)
		waitFor("ana", want)
	}

	// An accessible form, answered at its prompts: a new patient.
	connect("acc", "lee", "lee", "app", "--accessible")
	waitFor("acc", "Sam Rivera")
	keys("acc", "n")
	waitFor("acc", "Name")
	keys("acc", "Robin Park (fictional)", "Enter")
	for range 9 {
		keys("acc", "Enter")
	}
	waitFor("acc", "Robin Park (fictional)")
	if out, _, _ := command("lee", "lee", "patients"); !strings.Contains(out, "Robin Park (fictional)") {
		t.Errorf("the accessible form's patient was not saved: %q", out)
	}

	// Nothing ran or was written on the server's machine.
	if found, _ := filepath.Glob(filepath.Join(marks, "*")); len(found) > 0 {
		t.Errorf("a session ran %v on the server", found)
	}
	if found, _ := filepath.Glob(filepath.Join(cwd, "*")); len(found) > 0 {
		t.Errorf("a session wrote %v in the server's folder", found)
	}

	// SIGTERM: every session is told, the server stops, the file closes.
	server.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- server.Wait() }()
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			t.Errorf("the server after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the server did not stop on SIGTERM:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "The team server stopped") || strings.Contains(logs.String(), "DATA RACE") {
		t.Errorf("the server's log:\n%s", logs.String())
	}
	for _, session := range []string{"lee", "ana", "acc"} {
		waitFor(session, "the team server is stopping; everything you saved is kept")
	}
	if out, err := run(t, "--db", db, "check"); err != nil || !strings.Contains(out, "is sound") {
		t.Errorf("the file after the server stopped: %v %s", err, out)
	}
}
