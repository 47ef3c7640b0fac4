//go:build unix

package main

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// liveSession is a client's session of the app, with its first frame
// read.
type liveSession struct {
	client *gossh.Client
	sess   *gossh.Session
}

func (l *liveSession) close() { l.sess.Close(); l.client.Close() }

// openApp connects as lee with a terminal, starts the app and waits for
// its first frame (the patient list, with the demo patient).
func (ts *teamServer) openApp(b testing.TB) *liveSession {
	client, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{User: "lee", Auth: []gossh.AuthMethod{gossh.PublicKeys(ts.keys["lee"])},
		HostKeyCallback: gossh.FixedHostKey(ts.host), Timeout: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		b.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		b.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		b.Fatal(err)
	}
	var seen bytes.Buffer
	buf := make([]byte, 32<<10)
	for deadline := time.Now().Add(20 * time.Second); !bytes.Contains(seen.Bytes(), []byte("Sam Rivera")); {
		n, err := out.Read(buf)
		seen.Write(buf[:n])
		if err != nil || time.Now().After(deadline) {
			b.Fatalf("no first frame: %v\n%q", err, seen.String())
		}
	}
	go func() { // the app goes on drawing: the bytes are read and dropped
		for {
			if _, err := out.Read(buf); err != nil {
				return
			}
		}
	}()
	return &liveSession{client, sess}
}

// BenchmarkServeFirstFrame is connecting to the team server and reading
// the app's first frame: one advocate, and twenty at once (the time until
// the last of them has it). The floor beside it is an SSH connection and
// a command's answer, in the same run.
func BenchmarkServeFirstFrame(b *testing.B) {
	ts := startTeam(b)
	if _, err := ts.db.AddDemo(); err != nil {
		b.Fatal(err)
	}
	b.Run("floor-command", func(b *testing.B) {
		for b.Loop() {
			ts.run(b, "lee", []gossh.AuthMethod{gossh.PublicKeys(ts.keys["lee"])}, "whoami")
		}
	})
	for _, n := range []int{1, 20} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				var wg sync.WaitGroup
				sessions := make([]*liveSession, n)
				for i := range n {
					wg.Go(func() { sessions[i] = ts.openApp(b) })
				}
				wg.Wait()
				b.StopTimer()
				for _, s := range sessions {
					s.close()
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkServeMemoryPerSession is the heap twenty open sessions hold
// (server and client, both in this process), each.
func BenchmarkServeMemoryPerSession(b *testing.B) {
	ts := startTeam(b)
	if _, err := ts.db.AddDemo(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		sessions := make([]*liveSession, 20)
		for i := range sessions {
			sessions[i] = ts.openApp(b)
		}
		time.Sleep(200 * time.Millisecond)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapInuse-before.HeapInuse)/20, "heap-bytes/session")
		for _, s := range sessions {
			s.close()
		}
	}
}
