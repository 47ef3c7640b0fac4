//go:build unix

package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/atotto/clipboard"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/sys/unix"

	"carecost/planner"
	"carecost/store"
	"carecost/tui"
)

// The team server: one process owns the file and serves the app over SSH
// to every advocate of the team, each known by the key they connect with.
//
// Only public keys are taken (no passwords, no keyboard-interactive), and
// the advocate is the one whose key the connection was authenticated
// with: the public-key callback may be asked about several keys before the
// client signs with one, so identity is read from the session, never from
// the callback or the SSH user name. Each session runs its own app (its own
// window size, colours and accessible mode) over the one file, seeing only
// the patients its grants allow; a save in one is heard by the others. No
// session runs or writes anything on the server's machine.

func (a *app) serveCommand() *cobra.Command {
	var listen, adminKey, adminName, hostKey string
	var idle time.Duration
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the app to a team over SSH: one file, each advocate by their key",
		Long: "Listens for SSH connections (127.0.0.1:23234 unless --listen says otherwise) and runs the app for each " +
			"advocate who connects with a key on the team: ssh -p 23234 HOST. The first admin is named with --admin-key FILE " +
			"(an OpenSSH public key, like ~/.ssh/id_ed25519.pub); admins add the others with ssh HOST advocate add NAME KEY " +
			"and grant them patients with ssh HOST grant NAME PATIENT ro|rw. The server's host key is made on first start, " +
			"beside the file, and its fingerprint printed to publish. SIGTERM or ctrl+c stops it cleanly.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.demo {
				return errors.New("the team server serves a real file: leave out --demo")
			}
			db, err := a.open(store.Options{})
			if err != nil {
				return err
			}
			defer db.Close()
			if adminKey != "" {
				key, err := readPublicKeyFile(adminKey)
				if err != nil {
					return err
				}
				name := adminName
				if name == "" {
					name = "admin"
				}
				if err := db.AddAdvocate(&store.Actor{Name: "(serve --admin-key)", From: "the server's command line", Admin: true}, name, key, true); err != nil {
					return fmt.Errorf("--admin-key: %w", err)
				}
			}
			team, err := db.Advocates()
			if err != nil {
				return err
			}
			if len(team) == 0 {
				return errors.New("the team has no advocates yet: start the server with --admin-key FILE (your OpenSSH public key, like ~/.ssh/id_ed25519.pub) to name the first admin")
			}
			if hostKey == "" {
				hostKey = filepath.Join(filepath.Dir(db.Path()), "carecost_host_ed25519")
			}
			signer, made, err := loadHostKey(hostKey)
			if err != nil {
				return err
			}
			s := newServer(db, a, signer, idle)
			l, err := net.Listen("tcp", listen)
			if err != nil {
				return fmt.Errorf("cannot listen on %s: %w", listen, err)
			}
			s.host, s.port = hostOf(l.Addr()), portOf(l.Addr())
			verb := "Host key"
			if made {
				verb = "Made a new host key"
			}
			fmt.Fprintf(a.err, "%s %s: %s\nServing %s to the team on %s: ssh -p %s %s\nStop with ctrl+c or SIGTERM.\n",
				verb, hostKey, gossh.FingerprintSHA256(signer.PublicKey()), db.Path(), l.Addr(), portOf(l.Addr()), hostOf(l.Addr()))
			// The server stops itself on a signal: main's handler leaves it
			// alone while it serves.
			inApp.Store(true)
			defer inApp.Store(false)
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return s.serve(ctx, l)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:23234", "the address to listen on, HOST:PORT")
	cmd.Flags().StringVar(&adminKey, "admin-key", "", "name the advocate whose OpenSSH public key is in FILE an admin (the first, on a new team)")
	cmd.Flags().StringVar(&adminName, "admin-name", "", "the name of the --admin-key advocate (default admin)")
	cmd.Flags().StringVar(&hostKey, "host-key", "", "the server's private host key, made if missing (default beside the file)")
	cmd.Flags().DurationVar(&idle, "idle", 30*time.Minute, "close a connection after this long with nothing sent (0: never)")
	return cmd
}

// server is the team server: the file, the SSH server, and the sessions
// open on it.
type server struct {
	db   *store.DB
	a    *app
	ssh  *ssh.Server
	port string
	host string

	mu       sync.Mutex
	sessions map[*session]struct{}
	stopping bool
	wg       sync.WaitGroup
}

// session is one advocate's connection running the app.
type session struct {
	st   *store.Session
	prog *tea.Program
	// inbox holds what the others changed, for the app to hear: a
	// session that stops reading loses news, never holds up a save.
	inbox chan tui.Changed
}

func newServer(db *store.DB, a *app, signer gossh.Signer, idle time.Duration) *server {
	// No clipboard program ever runs in the server: a form field's copy
	// or paste key would run xclip or its like as the server's user.
	clipboard.Unsupported = true
	s := &server{db: db, a: a, sessions: map[*session]struct{}{}}
	opts := []ssh.Option{
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		// Public keys only: with no password or keyboard-interactive
		// handler, the server offers neither.
		wish.WithPublicKeyAuth(func(_ ssh.Context, key ssh.PublicKey) bool {
			_, known, err := db.AdvocateByKey(gossh.FingerprintSHA256(key))
			return err == nil && known
		}),
		// A real terminal for each session, so prompts and resizes work
		// as in a local one.
		ssh.AllocatePty(),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.handle }),
	}
	if idle > 0 {
		opts = append(opts, wish.WithIdleTimeout(idle))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		panic(err) // the options above cannot fail
	}
	s.ssh = srv
	return s
}

// serve answers connections on l until ctx is done, then tells every
// session, waits for each to end (a few seconds at most), and returns.
func (s *server) serve(ctx context.Context, l net.Listener) error {
	done := make(chan error, 1)
	go func() { done <- s.ssh.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// No session starts from here on; each open one is told to end, and
	// one that does not within a few seconds is ended.
	s.mu.Lock()
	s.stopping = true
	open := make([]*session, 0, len(s.sessions))
	for sess := range s.sessions {
		open = append(open, sess)
	}
	s.mu.Unlock()
	for _, sess := range open {
		go sess.prog.Quit()
	}
	waited := make(chan struct{})
	go func() { s.wg.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		for _, sess := range open {
			sess.prog.Kill()
		}
		select {
		case <-waited:
		case <-time.After(2 * time.Second):
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.ssh.Shutdown(shutdown); err != nil {
		s.ssh.Close()
	}
	fmt.Fprintln(s.a.err, "The team server stopped; everything saved is in the file.")
	return nil
}

// handle is one SSH session: a command, or the app.
func (s *server) handle(sess ssh.Session) {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		fmt.Fprintln(sess.Stderr(), "carecost: the team server is stopping; connect again in a moment.")
		sess.Exit(1)
		return
	}
	s.wg.Add(1) // under the lock: serve waits for every session it let in
	s.mu.Unlock()
	defer s.wg.Done()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(s.a.err, "carecost serve: a session failed:", r)
			fmt.Fprintln(sess.Stderr(), "carecost: something went wrong in this session; nothing half-saved was kept. Connect again.")
			sess.Exit(1)
		}
	}()
	// Who it is: the key this session was authenticated with.
	key := sess.PublicKey()
	if key == nil {
		fmt.Fprintln(sess.Stderr(), "carecost: connect with a public key on the team.")
		sess.Exit(1)
		return
	}
	fp := gossh.FingerprintSHA256(key)
	adv, known, err := s.db.AdvocateByKey(fp)
	if err != nil || !known {
		fmt.Fprintln(sess.Stderr(), "carecost: your key ("+fp+") is not on the team; an admin adds it with: advocate add NAME KEY")
		sess.Exit(1)
		return
	}
	actor := store.Actor{ID: adv.ID, Name: adv.Name, Fingerprint: fp, From: sess.RemoteAddr().String(), Admin: adv.Admin}
	args := sess.Command()
	if len(args) > 0 && args[0] != "app" {
		sess.Exit(s.command(sess, actor, args))
		return
	}
	sess.Exit(s.runApp(sess, actor, args))
}

// remote is the command that reaches the server, for the app's messages.
func (s *server) remote() string { return "ssh -p " + s.port + " " + s.host }

// runApp runs the app for the session; args are "app" and its flags.
func (s *server) runApp(sess ssh.Session, actor store.Actor, args []string) int {
	pty, _, ok := sess.Pty()
	if !ok || pty.Slave == nil {
		fmt.Fprintln(sess.Stderr(), "carecost: the app needs a terminal: connect with ssh -t, or run a command (ssh "+s.host+" help).")
		return 1
	}
	env := map[string]string{}
	for _, kv := range sess.Environ() {
		if k, v, found := strings.Cut(kv, "="); found {
			env[k] = v
		}
	}
	theme := tui.ThemeAuto
	accessible := env["ACCESSIBLE"] != "" || pty.Term == "dumb"
	for i := 1; i < len(args); i++ {
		switch {
		case args[i] == "--accessible":
			accessible = true
		case strings.HasPrefix(args[i], "--theme="):
			theme = tui.Theme(strings.TrimPrefix(args[i], "--theme="))
		case args[i] == "--theme" && i+1 < len(args):
			i++
			theme = tui.Theme(args[i])
		default:
			fmt.Fprintf(sess.Stderr(), "carecost: %q is not an option of the app: use --accessible or --theme auto|dark|light|high-contrast\n", args[i])
			return 2
		}
	}
	me := &session{inbox: make(chan tui.Changed, 64)}
	me.st = s.db.Session(actor, func(c store.Change) { s.tell(me, c) })
	opts := tui.Options{Accessible: accessible, Theme: theme, Today: planner.DateOf(timeNow()), LockAfter: 10 * time.Minute, Remote: s.remote()}
	programOpts := []tea.ProgramOption{
		tea.WithInput(pty.Slave), tea.WithOutput(pty.Slave),
		tea.WithEnvironment(append(sess.Environ(), "TERM="+pty.Term)),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height),
		tea.WithoutSignalHandler(), tea.WithContext(sess.Context()),
	}
	if env["NO_COLOR"] != "" {
		programOpts = append(programOpts, tea.WithColorProfile(colorprofile.NoTTY))
	}
	me.prog = tea.NewProgram(tui.New(me.st, opts), programOpts...)
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		fmt.Fprintln(sess.Stderr(), "carecost: the team server is stopping; connect again in a moment.")
		return 1
	}
	s.sessions[me] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.sessions, me)
		s.mu.Unlock()
		me.st.Flush()
	}()
	// Every resize reaches the app: the SSH library resizes the terminal
	// for each window change, and the app follows the terminal's size.
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	// Its size is read through a descriptor of its own: the SSH library
	// closes the terminal's file when the client goes, while this may be
	// reading it.
	tty, err := syscall.Dup(int(pty.Slave.Fd()))
	if err != nil {
		fmt.Fprintln(sess.Stderr(), "carecost: the session's terminal cannot be read: "+err.Error())
		return 1
	}
	var following sync.WaitGroup
	following.Go(func() { followSize(ctx, tty, pty.Window.Width, pty.Window.Height, me.prog) })
	following.Go(func() { me.hear(ctx) })
	defer func() { cancel(); following.Wait(); syscall.Close(tty) }()
	_, err = me.prog.Run()
	me.prog.Kill()
	s.mu.Lock()
	stopping := s.stopping
	s.mu.Unlock()
	code, last := 0, ""
	switch {
	case stopping:
		last = "carecost: the team server is stopping; everything you saved is kept."
	case err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled):
		code, last = 1, "carecost: "+err.Error()
	}
	// The last words go through the terminal, after the app's own
	// output, and the session ends once the client has it all: the
	// library ends it as soon as this returns.
	if last != "" {
		syscall.Write(tty, []byte("\r\n"+last+"\r\n"))
	}
	drain(tty)
	return code
}

// drain waits (a second at most) until the client has read everything
// written to the terminal.
func drain(tty int) {
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if n, err := unix.IoctlGetInt(tty, unix.TIOCOUTQ); err != nil || n == 0 {
			break
		}
	}
	time.Sleep(50 * time.Millisecond) // from the terminal to the connection
}

// followSize sends the app each new size of its terminal, read every
// tenth of a second.
func followSize(ctx context.Context, tty int, w, h int, prog *tea.Program) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		nw, nh, err := term.GetSize(uintptr(tty))
		if err != nil || (nw == w && nh == h) || nw <= 0 || nh <= 0 {
			continue
		}
		w, h = nw, nh
		prog.Send(tea.WindowSizeMsg{Width: w, Height: h})
	}
}

// tell lets every other session that may read the patient hear of a
// change.
func (s *server) tell(from *session, c store.Change) {
	s.send(tui.Changed{By: c.By, Patient: c.Patient, Kind: c.Kind, Deleted: c.Deleted}, func(o *session) bool {
		return o != from && (c.Patient == "" || o.st.MayRead(c.Patient) == nil)
	})
}

// tellAdvocate lets the advocate's own sessions hear that an admin changed
// what they may see (Kind "grant"): the patient granted or revoked, or
// every patient ("") when they were taken off the team.
func (s *server) tellAdvocate(name string, c tui.Changed) {
	s.send(c, func(o *session) bool { return o.st != nil && o.st.Actor().Name == name })
}

// send hands c to every session to says, without waiting.
func (s *server) send(c tui.Changed, to func(*session) bool) {
	s.mu.Lock()
	sessions := make([]*session, 0, len(s.sessions))
	for sess := range s.sessions {
		sessions = append(sessions, sess)
	}
	s.mu.Unlock()
	for _, o := range sessions {
		if !to(o) {
			continue
		}
		select {
		case o.inbox <- c:
		default: // its app is not keeping up: it reads everything again when it does
		}
	}
}

// hear hands the app what the others changed, and keeps the session's
// views in the audit trail every few seconds, until ctx is done.
func (me *session) hear(ctx context.Context) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case c := <-me.inbox:
			me.prog.Send(c)
		case <-tick.C:
			me.st.Flush()
		}
	}
}

// loadHostKey reads the server's host key, or makes one (ed25519) if
// there is none, readable by the server's user alone.
func loadHostKey(path string) (gossh.Signer, bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, false, err
		}
		block, err := gossh.MarshalPrivateKey(priv, "carecost team server")
		if err != nil {
			return nil, false, err
		}
		data = pem.EncodeToMemory(block)
		if err := store.WriteWhole(path, false, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return nil, false, fmt.Errorf("cannot write the host key to %s: %w", path, err)
		}
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, false, err
		}
		signer, err := gossh.ParsePrivateKey(data)
		return signer, true, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("cannot read the host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("%s is not a private key carecost can use as its host key (%v): move it away and a new one is made", path, err)
	}
	return signer, false, nil
}

// readPublicKeyFile reads an OpenSSH public key from a file.
func readPublicKeyFile(path string) (store.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return store.PublicKey{}, fmt.Errorf("cannot read the public key %s: %w", path, err)
	}
	return parsePublicKey(string(data))
}

// parsePublicKey reads one authorized_keys line.
func parsePublicKey(line string) (store.PublicKey, error) {
	key, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return store.PublicKey{}, errors.New("that is not an OpenSSH public key: give the one line of a .pub file, like ssh-ed25519 AAAA… name@host")
	}
	text := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
	if comment = planner.Printable(comment); comment != "" {
		text += " " + comment
	}
	return store.PublicKey{Fingerprint: gossh.FingerprintSHA256(key), Line: text}, nil
}

func hostOfAddr(listen string) (host, port string) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen, "22"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "HOST"
	}
	return host, port
}

func portOf(addr net.Addr) string {
	if t, ok := addr.(*net.TCPAddr); ok {
		return strconv.Itoa(t.Port)
	}
	_, port := hostOfAddr(addr.String())
	return port
}

func hostOf(addr net.Addr) string {
	host, _ := hostOfAddr(addr.String())
	return host
}
