//go:build unix

package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"charm.land/ssh"

	"carecost/planner"
	docs "carecost/planner/document"
	"carecost/planner/report"
	"carecost/store"
	"carecost/tui"
)

// The team server's commands, run as ssh -p PORT HOST COMMAND: what they
// print goes to the advocate's terminal or a file there, never to the
// server's disk.

const serverHelp = `carecost team server commands (ssh -p PORT HOST COMMAND):
  (none), or app [--accessible] [--theme light]   the app
  whoami                            who the server takes you for
  patients                          the patients you may see, with their IDs
  report PATIENT [--format F]       text, markdown, json, pdf, csv or schedule-csv
  letter PATIENT KIND [COURSE]      a letter's draft, as Markdown; KIND is one of:
                                    ` + "%s" + `
admins only:
  advocates                         the team
  advocate add NAME KEY [--admin]   add an advocate, or a key to one (KEY: one .pub line)
  advocate remove NAME              take an advocate off the team
  grant NAME PATIENT ro|rw          let an advocate read (ro) or change (rw) a patient
  revoke NAME PATIENT               take that away; it counts at their next action
  audit [PATIENT]                   who viewed and changed what, when, from where
  backup > copy.db                  a checked copy of the file, while sessions go on
  export > export.json              the whole file as JSON (sealed if the file is encrypted)
  check                             look for anything wrong in the file
`

// command runs one command for the actor, and gives its exit status.
func (s *server) command(sess ssh.Session, actor store.Actor, args []string) int {
	out, errOut := sess, sess.Stderr()
	fail := func(err error) int {
		fmt.Fprintln(errOut, "carecost: "+planner.Printable(err.Error()))
		return 1
	}
	st := s.db.Session(actor, func(c store.Change) { s.tell(nil, c) })
	defer st.Flush()
	admin := func() error {
		if !s.db.IsAdmin(&actor) {
			return errors.New("only an admin can run " + args[0] + ": ask one of the team's admins")
		}
		return nil
	}
	switch args[0] {
	case "help", "--help", "-h":
		names := make([]string, len(report.LetterKinds))
		for i, k := range report.LetterKinds {
			names[i] = k.Name()
		}
		fmt.Fprintf(out, serverHelp, strings.Join(names, ", "))
		return 0
	case "whoami":
		role := "an advocate"
		if actor.Admin {
			role = "an admin"
		}
		fmt.Fprintf(out, "%s, %s, with the key %s, from %s\n", actor.Name, role, actor.Fingerprint, actor.From)
		return 0
	case "patients":
		list, err := st.ListPatients()
		if err != nil {
			return fail(err)
		}
		for _, p := range list {
			fmt.Fprintf(out, "%s  %s\n", p.ID, planner.Printable(p.Name))
		}
		if len(list) == 0 {
			fmt.Fprintln(out, "No patients you may see yet: an admin grants them (grant NAME PATIENT ro|rw).")
		}
		return 0
	case "report":
		return s.report(st, out, errOut, args[1:])
	case "letter":
		return s.letter(st, out, errOut, args[1:])
	}
	if err := admin(); err != nil {
		if !knownCommand(args[0]) {
			return fail(fmt.Errorf("%q is not a command of the team server: ssh -p %s %s help lists them", args[0], s.port, s.host))
		}
		return fail(err)
	}
	by := &actor
	switch {
	case args[0] == "advocates":
		team, err := s.db.Advocates()
		if err != nil {
			return fail(err)
		}
		for _, a := range team {
			role := "advocate"
			if a.Admin {
				role = "admin"
			}
			grants, _ := s.db.Grants(a.Name)
			var keys []string
			for _, k := range a.Keys {
				keys = append(keys, k.Fingerprint)
			}
			fmt.Fprintf(out, "%s (%s, %d grant(s)): %s\n", a.Name, role, len(grants), strings.Join(keys, ", "))
		}
		return 0
	case args[0] == "advocate" && len(args) >= 4 && args[1] == "add":
		isAdmin := false
		rest := args[3:]
		if i := indexOf(rest, "--admin"); i >= 0 {
			isAdmin = true
			rest = append(rest[:i:i], rest[i+1:]...)
		}
		key, err := parsePublicKey(strings.Join(rest, " "))
		if err != nil {
			return fail(err)
		}
		if err := s.db.AddAdvocate(by, args[2], key, isAdmin); err != nil {
			return fail(err)
		}
		fmt.Fprintf(out, "Added %s's key %s.\n", args[2], key.Fingerprint)
		return 0
	case args[0] == "advocate" && len(args) == 3 && args[1] == "remove":
		if args[2] == actor.Name {
			return fail(errors.New("you cannot take yourself off the team: another admin can"))
		}
		if err := s.db.RemoveAdvocate(by, args[2]); err != nil {
			return fail(err)
		}
		s.tellAdvocate(args[2], tui.Changed{By: actor.Name, Kind: tui.GrantChange, Deleted: true})
		fmt.Fprintf(out, "Took %s off the team.\n", args[2])
		return 0
	case args[0] == "grant" && len(args) == 4:
		id, err := s.patientID(args[2])
		if err != nil {
			return fail(err)
		}
		if err := s.db.Grant(by, args[1], id, store.Access(args[3])); err != nil {
			return fail(err)
		}
		s.tellAdvocate(args[1], tui.Changed{By: actor.Name, Patient: id, Kind: tui.GrantChange})
		fmt.Fprintf(out, "%s may now %s patient %s.\n", args[1], map[string]string{"ro": "read", "rw": "read and change"}[args[3]], id)
		return 0
	case args[0] == "revoke" && len(args) == 3:
		id, err := s.patientID(args[2])
		if err != nil {
			return fail(err)
		}
		if err := s.db.Revoke(by, args[1], id); err != nil {
			return fail(err)
		}
		s.tellAdvocate(args[1], tui.Changed{By: actor.Name, Patient: id, Kind: tui.GrantChange, Deleted: true})
		fmt.Fprintf(out, "%s may no longer see patient %s, from their next action.\n", args[1], id)
		return 0
	case args[0] == "audit" && len(args) <= 2:
		var id planner.ID
		if len(args) == 2 {
			var err error
			if id, err = s.patientID(args[1]); err != nil {
				return fail(err)
			}
		}
		trail, err := s.db.Audit(id)
		if err != nil {
			return fail(err)
		}
		for _, e := range trail {
			line := e.Time.UTC().Format("2006-01-02 15:04:05Z") + "  " + e.Who + "  " + e.Action
			if e.Kind != "" {
				line += " " + e.Kind + " " + string(e.Record)
			}
			if e.Patient != "" {
				line += "  patient " + string(e.Patient)
			}
			if e.What != "" {
				line += "  " + e.What
			}
			fmt.Fprintln(out, planner.Printable(line+"  from "+e.From))
		}
		return 0
	case args[0] == "backup" && len(args) == 1:
		return s.backup(by, out, fail)
	case args[0] == "export" && len(args) == 1:
		// Kept before a byte goes out, so an export cut short is kept too.
		if err := s.db.Audited(by, "export"); err != nil {
			return fail(err)
		}
		w := io.Writer(out)
		if s.db.Encrypted() {
			sealed, err := store.SealExport(out, s.a.passphrase, nil)
			if err != nil {
				return fail(err)
			}
			if err := s.db.Export(sealed); err != nil {
				return fail(err)
			}
			if err := sealed.Close(); err != nil {
				return fail(err)
			}
			return 0
		}
		if err := s.db.Export(w); err != nil {
			return fail(err)
		}
		return 0
	case args[0] == "check" && len(args) == 1:
		problems, err := s.db.CheckOpen()
		if err != nil {
			return fail(err)
		}
		if len(problems) == 0 {
			fmt.Fprintln(out, "The file is sound.")
			return 0
		}
		for _, p := range problems {
			fmt.Fprintln(out, "- "+planner.Printable(p))
		}
		return 1
	}
	return fail(fmt.Errorf("that is not how %s is used: ssh -p %s %s help shows each command", args[0], s.port, s.host))
}

func knownCommand(name string) bool {
	switch name {
	case "advocates", "advocate", "grant", "revoke", "audit", "backup", "export", "check":
		return true
	}
	return false
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// patientID finds a patient by ID, or by a part of the name that only one
// has.
func (s *server) patientID(arg string) (planner.ID, error) {
	list, err := s.db.ListPatients()
	if err != nil {
		return "", err
	}
	return onePatient(list, arg)
}

func onePatient(list []planner.PatientSummary, arg string) (planner.ID, error) {
	found := matchPatients(list, arg)
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no patient matches %q: the patients command lists them with their IDs", arg)
	case 1:
		return found[0].ID, nil
	}
	for _, p := range found {
		if string(p.ID) == arg {
			return p.ID, nil
		}
	}
	return "", fmt.Errorf("%d patients match %q: give the ID (the patients command lists them)", len(found), arg)
}

// report prints a patient's report, as the report command does.
func (s *server) report(st *store.Session, out, errOut io.Writer, args []string) int {
	flags := flag.NewFlagSet("report", flag.ContinueOnError)
	flags.SetOutput(errOut)
	format := flags.String("format", "text", "text, markdown, json, pdf, csv or schedule-csv")
	paper := flags.String("paper", "letter", "letter or a4")
	if err := flags.Parse(reorder(args)); err != nil {
		return 2
	}
	fail := func(err error) int { fmt.Fprintln(errOut, "carecost: "+planner.Printable(err.Error())); return 1 }
	if flags.NArg() != 1 {
		return fail(errors.New("name one patient: report PATIENT [--format F] (the patients command lists them)"))
	}
	list, err := st.ListPatients()
	if err != nil {
		return fail(err)
	}
	id, err := onePatient(list, flags.Arg(0))
	if err != nil {
		return fail(err)
	}
	f, err := st.LoadPatient(id)
	if err != nil {
		return fail(err)
	}
	today := planner.DateOf(timeNow())
	var data []byte
	switch *format {
	case "pdf":
		size, err := docs.ParsePaper(*paper)
		if err == nil {
			data, err = docs.PDF(docs.NewSummary(&f, today), size, timeNow())
		}
		if err != nil {
			return fail(err)
		}
	case "csv":
		data = docs.ComparisonCSV(&f)
	case "schedule-csv":
		if data = docs.ScheduleCSV(&f); data == nil {
			return fail(fmt.Errorf("%s has no scenario that can be worked out, so no schedule", f.Patient.Name))
		}
	case "text", "markdown", "json":
		scenarios, comparison := f.Compare()
		title := "Funding scenarios for " + f.Patient.Name
		var b bytes.Buffer
		switch *format {
		case "markdown":
			b.WriteString(report.Markdown(title, scenarios, comparison))
			b.WriteString(report.FitMarkdown(report.ApprovalMarkdown(&f, today), report.PageWidth))
		case "json":
			b.Write(report.JSON([]report.Titled{{Title: title, Scenarios: scenarios, Comparison: comparison, File: &f, Today: today}}))
		default:
			b.WriteString(report.Text(title, scenarios, comparison))
		}
		data = []byte(planner.Printable(b.String()))
	default:
		return fail(fmt.Errorf("--format %q is not one carecost knows: use text, markdown, json, pdf, csv or schedule-csv", *format))
	}
	if _, err := out.Write(data); err != nil {
		return fail(err)
	}
	return 0
}

// letter prints a letter's draft.
func (s *server) letter(st *store.Session, out, errOut io.Writer, args []string) int {
	fail := func(err error) int { fmt.Fprintln(errOut, "carecost: "+planner.Printable(err.Error())); return 1 }
	if len(args) < 2 || len(args) > 3 {
		return fail(errors.New("letter PATIENT KIND [COURSE]: help lists the kinds"))
	}
	list, err := st.ListPatients()
	if err != nil {
		return fail(err)
	}
	id, err := onePatient(list, args[0])
	if err != nil {
		return fail(err)
	}
	kind, ok := report.LetterKindOf(planner.LetterName(args[1]))
	if !ok {
		return fail(fmt.Errorf("%q is not a letter carecost drafts: help lists them", args[1]))
	}
	f, err := st.LoadPatient(id)
	if err != nil {
		return fail(err)
	}
	var course planner.ID
	switch {
	case len(args) == 3:
		course = planner.ID(args[2])
	case len(f.Courses) > 0:
		course = f.Courses[0].ID
	}
	text, err := report.Letter(kind, &f, course, planner.DateOf(timeNow()))
	if err != nil {
		return fail(err)
	}
	fmt.Fprint(out, text)
	return 0
}

// backup writes a checked copy of the file to out: made in a temporary
// file only the server's user can read, checked, sent, and removed.
func (s *server) backup(by *store.Actor, out io.Writer, fail func(error) int) int {
	dir, err := os.MkdirTemp("", "carecost-backup")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "copy.db")
	if err := s.db.Backup(path); err != nil {
		return fail(err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	// Kept before a byte goes out, so a copy cut short is kept too.
	if err := s.db.Audited(by, "backup"); err != nil {
		return fail(err)
	}
	if _, err := io.Copy(out, f); err != nil {
		return fail(err)
	}
	return 0
}

// reorder puts flags before the other arguments, so "report Sam --format
// pdf" reads as "report --format pdf Sam".
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			flags = append(flags, args[i])
			if !strings.Contains(args[i], "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, args[i])
	}
	return append(flags, rest...)
}
