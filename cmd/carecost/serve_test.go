//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"carecost/planner"
	"carecost/store"
)

// teamServer is a team server on 127.0.0.1 over a new file, with lee as
// its admin; it stops when the test ends.
type teamServer struct {
	addr string
	db   *store.DB
	keys map[string]gossh.Signer
	host gossh.PublicKey
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func authorized(s gossh.Signer) store.PublicKey {
	k, _ := parsePublicKey(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
	return k
}

func startTeam(t testing.TB) *teamServer {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "team.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := &teamServer{db: db, keys: map[string]gossh.Signer{"lee": newKey(t), "ana": newKey(t), "stranger": newKey(t)}}
	if err := db.AddAdvocate(nil, "lee", authorized(ts.keys["lee"]), true); err != nil {
		t.Fatal(err)
	}
	if err := db.AddAdvocate(nil, "ana", authorized(ts.keys["ana"]), false); err != nil {
		t.Fatal(err)
	}
	host, _, err := loadHostKey(filepath.Join(dir, "host"))
	if err != nil {
		t.Fatal(err)
	}
	ts.host = host.PublicKey()
	var logs bytes.Buffer
	s := newServer(db, &app{err: &logs}, host, time.Minute)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = l.Addr().String()
	s.host, s.port = hostOf(l.Addr()), portOf(l.Addr())
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx, l) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		db.Close()
	})
	return ts
}

// run runs a command on the server, signing in with the auth methods as
// user, and gives what it printed and its exit status.
func (ts *teamServer) run(t testing.TB, user string, auth []gossh.AuthMethod, command string) (string, string, int, error) {
	t.Helper()
	// The methods are tried in turn, even several of one kind.
	next := 0
	config := &gossh.ClientConfig{User: user, HostKeyCallback: gossh.FixedHostKey(ts.host), Timeout: 5 * time.Second,
		AuthCallback: func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
			if next == len(auth) {
				return nil, errors.New("no more ways to sign in")
			}
			next++
			return auth[next-1], nil
		}}
	client, err := gossh.Dial("tcp", ts.addr, config)
	if err != nil {
		return "", "", 0, err
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return "", "", 0, err
	}
	defer sess.Close()
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(command)
	var exit *gossh.ExitError
	if errors.As(err, &exit) {
		return out.String(), errOut.String(), exit.ExitStatus(), nil
	}
	return out.String(), errOut.String(), 0, err
}

func (ts *teamServer) as(t *testing.T, who, command string) (string, string, int) {
	t.Helper()
	out, errOut, code, err := ts.run(t, who, []gossh.AuthMethod{gossh.PublicKeys(ts.keys[who])}, command)
	if err != nil {
		t.Fatalf("%s: %s: %v", who, command, err)
	}
	return out, errOut, code
}

// probing is a signer that offers another's public key, which the
// server accepts when asked, but cannot sign with it: the client asks
// about the key, then signs in with the next one.
type probing struct{ pub gossh.PublicKey }

func (p probing) PublicKey() gossh.PublicKey { return p.pub }
func (p probing) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("no private key here")
}

// The key the connection is authenticated with is the one the identity
// comes from: asked first about lee's key (an admin's, which the server
// accepts when asked), the session signed with ana's is ana's; the SSH
// user name counts for nothing; an unknown key is refused.
func TestTeamServerIdentityIsTheSigningKey(t *testing.T) {
	ts := startTeam(t)
	auth := []gossh.AuthMethod{gossh.PublicKeys(probing{ts.keys["lee"].PublicKey()}), gossh.PublicKeys(ts.keys["ana"])}
	out, errOut, code, err := ts.run(t, "lee", auth, "whoami")
	if err != nil || code != 0 || !strings.HasPrefix(out, "ana, an advocate, with the key "+gossh.FingerprintSHA256(ts.keys["ana"].PublicKey())) {
		t.Fatalf("whoami after a probe of lee's key: %q %q %d %v", out, errOut, code, err)
	}
	if _, errOut, code, _ := ts.run(t, "lee", auth, "advocates"); code != 1 || !strings.Contains(errOut, "only an admin") {
		t.Errorf("ana, signed in as the user lee, lists the team: %d %q", code, errOut)
	}
	if _, _, _, err := ts.run(t, "lee", []gossh.AuthMethod{gossh.PublicKeys(ts.keys["stranger"])}, "whoami"); err == nil ||
		!strings.Contains(err.Error(), "handshake failed") {
		t.Errorf("an unknown key: %v", err)
	}
	if _, _, _, err := ts.run(t, "lee", []gossh.AuthMethod{gossh.Password("secret")}, "whoami"); err == nil {
		t.Error("a password was taken")
	}
}

// An admin runs the team's commands while another session goes on: adds
// an advocate, grants and revokes, reads the audit trail, backs the file
// up and checks it; an advocate sees only what is granted, and a letter
// or a report reaches them on their own terminal.
func TestTeamServerCommands(t *testing.T) {
	ts := startTeam(t)
	id, err := ts.db.AddDemo()
	if err != nil {
		t.Fatal(err)
	}
	sam := &planner.PatientRecord{ID: id}
	if out, _, _ := ts.as(t, "ana", "patients"); !strings.Contains(out, "No patients you may see yet") {
		t.Errorf("ana's patients before a grant: %q", out)
	}
	if _, errOut, code := ts.as(t, "ana", "report "+string(sam.ID)); code != 1 || !strings.Contains(errOut, "no patient matches") {
		t.Errorf("ana's report without a grant: %d %q", code, errOut)
	}
	bo := newKey(t)
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(bo.PublicKey()))) + " bo@laptop"
	if out, errOut, code := ts.as(t, "lee", "advocate add bo "+line); code != 0 || !strings.HasPrefix(out, "Added bo's key SHA256:") {
		t.Fatalf("advocate add: %d %q %q", code, out, errOut)
	}
	if out, _, code := ts.as(t, "lee", "grant ana "+string(sam.ID)+" ro"); code != 0 || !strings.Contains(out, "ana may now read patient") {
		t.Fatalf("grant: %d %q", code, out)
	}
	if out, _, _ := ts.as(t, "ana", "patients"); !strings.Contains(out, string(sam.ID)+"  Sam Rivera") {
		t.Errorf("ana's patients after the grant: %q", out)
	}
	if out, errOut, code := ts.as(t, "ana", "letter Sam internal-appeal"); code != 0 || !strings.Contains(out, "appeal") {
		t.Errorf("ana's letter: %d %q %q", code, out, errOut)
	}
	if out, _, code := ts.as(t, "ana", "report Sam --format json"); code != 0 || !strings.HasPrefix(out, "[") {
		t.Errorf("ana's JSON report: %d %.80q", code, out)
	}
	// A backup is a carecost file that opens and is sound.
	out, errOut, code := ts.as(t, "lee", "backup")
	if code != 0 || len(out) < 4096 {
		t.Fatalf("backup: %d, %d bytes, %q", code, len(out), errOut)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := store.WriteWhole(copyPath, false, func(w io.Writer) error { _, err := io.WriteString(w, out); return err }); err != nil {
		t.Fatal(err)
	}
	if problems, err := store.Check(copyPath); err != nil || len(problems) != 0 {
		t.Errorf("the backup: %v %v", problems, err)
	}
	if out, _, code := ts.as(t, "lee", "check"); code != 0 || out != "The file is sound.\n" {
		t.Errorf("check: %d %q", code, out)
	}
	if out, _, code := ts.as(t, "lee", "revoke ana Sam"); code != 0 || !strings.Contains(out, "no longer") {
		t.Errorf("revoke: %d %q", code, out)
	}
	if out, _, _ := ts.as(t, "ana", "patients"); strings.Contains(out, "Sam") {
		t.Errorf("ana's patients after the revoke: %q", out)
	}
	// The trail: each task and each view, with who.
	out, _, _ = ts.as(t, "lee", "audit")
	for _, want := range []string{"lee  advocate added  bo: key SHA256:", "lee  granted  patient " + string(sam.ID) + "  ana ro",
		"ana  viewed  patient " + string(sam.ID), "lee  backup", "lee  revoked  patient " + string(sam.ID) + "  ana"} {
		if !strings.Contains(out, want) {
			t.Errorf("the audit trail lacks %q:\n%s", want, out)
		}
	}
	if _, errOut, code := ts.as(t, "ana", "backup"); code != 1 || !strings.Contains(errOut, "only an admin can run backup") {
		t.Errorf("ana's backup: %d %q", code, errOut)
	}
	if _, errOut, code := ts.as(t, "ana", "rm -rf /"); code != 1 || !strings.Contains(errOut, "is not a command of the team server") {
		t.Errorf("a stranger command: %d %q", code, errOut)
	}
}
