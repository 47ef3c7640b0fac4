package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"carecost/planner"
	docs "carecost/planner/document"
	"carecost/planner/report"
	"carecost/store"
	"carecost/store/inorder"
)

// app holds what every command shares: the streams and the file's path.
type app struct {
	in io.Reader
	// out and err print through printableWriter; terminal is the output as
	// given, for the app, which draws its own screen.
	out, err   io.Writer
	terminal   io.Writer
	errRaw     io.Writer // standard error as given, for progress bars
	db         string
	demo       bool
	accessible bool
	theme      string
	// passphraseFile is --passphrase-file; passphrase is the one the open
	// file was unlocked with.
	passphraseFile string
	passphrase     []byte
	importFile     string // the file being imported, for messages
	// exportPassphrase opened the age export being imported.
	exportPassphrase []byte
	lockAfter        time.Duration
}

func newRoot(in io.Reader, out, errOut io.Writer) *cobra.Command {
	a := &app{in: in, out: &printableWriter{w: out}, err: &printableWriter{w: errOut}, terminal: out, errRaw: errOut}
	root := &cobra.Command{
		Use:   "carecost",
		Short: "Work out what a course of treatment will really cost, and how to pay for it",
		Long: "carecost keeps a patient's insurance, treatment course and funding scenarios in one local file " +
			"and compares every way to pay: total cost, money up front, monthly payments, interest, fees and risks.\n\n" +
			"Run with --demo to see a fictional patient's comparison without touching your file.",
		Args: cobra.NoArgs,
		RunE: a.runApp,
	}
	root.SetIn(in)
	root.SetOut(a.out)
	root.SetErr(a.err)
	root.PersistentFlags().StringVar(&a.db, "db", "", "the carecost file to use (default $"+store.EnvDB+" or "+store.DefaultPath()+")")
	root.Flags().BoolVar(&a.demo, "demo", false, "open a throwaway file holding the fictional demo; your file is never touched")
	root.Flags().BoolVar(&a.accessible, "accessible", false, "draw screens as labelled lines for screen readers (also ACCESSIBLE=1 or TERM=dumb)")
	root.Flags().StringVar(&a.theme, "theme", "auto", "colours: auto, dark, light or high-contrast (NO_COLOR turns colour off)")
	root.Flags().DurationVar(&a.lockAfter, "lock-after", 10*time.Minute, "lock the app after this long without a key pressed (0 never locks it)")
	root.PersistentFlags().StringVar(&a.passphraseFile, "passphrase-file", "", "read an encrypted file's passphrase from the first line of FILE instead of the terminal")
	root.AddCommand(a.reportCommand(), a.backupCommand(), a.rescueCommand(), a.checkCommand(), a.exportCommand(), a.importCommand(), a.programsCommand(), a.pathsCommand(), a.versionCommand(),
		a.encryptCommand(), a.passphraseCommand(), a.compactCommand(), a.outcomesCommand(), a.serveCommand())
	return root
}

func (a *app) path() string {
	if a.db != "" {
		return a.db
	}
	return store.DefaultPath()
}

// open opens the file, and tells the person anything Open did to it.
func (a *app) open(opt store.Options) (*store.DB, error) {
	db, err := store.Open(a.path(), opt)
	if errors.Is(err, store.ErrNeedsPassphrase) {
		if opt.Passphrase, err = a.unlockPassphrase(); err != nil {
			return nil, err
		}
		db, err = store.Open(a.path(), opt)
	}
	if errors.Is(err, store.ErrInUse) {
		return nil, fmt.Errorf("%w: in that window, f writes a cost summary (PDF), a CSV, the report, an export or a backup; or quit it first", err)
	}
	if err != nil {
		return nil, err
	}
	if db.Notice != "" {
		fmt.Fprintln(a.err, db.Notice)
	}
	return db, nil
}

// unlockPassphrase asks for the encrypted file's passphrase, once: the
// one given is kept for what else the command opens.
func (a *app) unlockPassphrase() ([]byte, error) {
	if a.passphrase == nil {
		pass, err := a.readPassphrase(a.passphraseFile, "--passphrase-file", a.path()+" is encrypted; its passphrase")
		if err != nil {
			return nil, err
		}
		a.passphrase = pass
	}
	return a.passphrase, nil
}

// openData opens the file the app works on: the person's, or with --demo a
// throwaway one holding the demo, removed by the returned cleanup.
func (a *app) openData(opt store.Options) (db *store.DB, cleanup func(), err error) {
	if !a.demo {
		db, err := a.open(opt)
		if err != nil {
			return nil, nil, err
		}
		return db, func() {
			if db.ErasePending() {
				fmt.Fprintf(a.err, "Erasing what was deleted from %s…\n", db.Path())
			}
			if err := db.Close(); err != nil {
				fmt.Fprintln(a.err, "carecost: "+err.Error())
			}
		}, nil
	}
	dir, err := os.MkdirTemp("", "carecost-demo")
	if err != nil {
		return nil, nil, fmt.Errorf("cannot make a throwaway file for the demo: %w", err)
	}
	db, err = store.Open(dir+"/demo.db", store.Options{})
	if err == nil {
		_, err = db.AddDemo()
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		os.RemoveAll(dir)
		return nil, nil, err
	}
	// A signal that stops carecost removes the folder too.
	undo := onStop(func() { os.RemoveAll(dir) })
	return db, func() { db.Close(); os.RemoveAll(dir); undo() }, nil
}

func (a *app) reportCommand() *cobra.Command {
	var format, output, paper, party string
	var force bool
	cmd := &cobra.Command{
		Use:   "report [PATIENT]",
		Short: "Print the comparison of a patient's scenarios (every patient's, without PATIENT)",
		Long: "Prints each scenario's net total, money up front, highest month, interest and fees, months over budget " +
			"and unfunded gap, ranked, with its risks in words; --format markdown adds where approval stands: " +
			"open deadlines, pre-authorizations, the checklist, denials and their next steps. PATIENT is part of a name, or an ID. " +
			"--format json gives every amount in cents, for scripts.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			document := format == "pdf" || format == "csv" || format == "schedule-csv" || format == "call-script"
			switch {
			case format != "text" && format != "markdown" && format != "json" && !document:
				return fmt.Errorf("--format %q is not one carecost knows: use text, markdown, json, pdf, csv, schedule-csv or call-script", format)
			case format == "call-script" && party != "insurer" && party != "clinic" && party != "program":
				return fmt.Errorf("--party %q: a call script is for the insurer, the clinic or a program: use insurer, clinic or program", party)
			}
			if err := needsOutput(format, output); err != nil {
				return err
			}
			paperSize, err := docs.ParsePaper(paper)
			if err != nil {
				return err
			}
			if !a.demo && !a.fileExists() {
				return fmt.Errorf("there is no carecost file at %s yet: run carecost report --demo to see the demo", a.path())
			}
			db, cleanup, err := a.openData(store.Options{ReadOnly: !a.demo})
			if err != nil {
				return err
			}
			defer cleanup()
			// Every patient is read by ID, one at a time: their list is
			// read only to match PATIENT.
			var ids []planner.ID
			if len(args) == 1 {
				list, err := db.ListPatients()
				if err != nil {
					return err
				}
				for _, s := range matchPatients(list, args[0]) {
					ids = append(ids, s.ID)
				}
				if len(ids) == 0 {
					return fmt.Errorf("no patient matches %q: run carecost report to list them all", args[0])
				}
			} else if ids, err = db.PatientIDs(); err != nil {
				return err
			}
			if document {
				if len(ids) != 1 {
					return fmt.Errorf("a %s is of one patient, and %d match: name one (part of a name, or an ID)", format, len(ids))
				}
				f, err := db.LoadPatient(ids[0])
				if err != nil {
					return err
				}
				var data []byte
				switch format {
				case "pdf":
					if data, err = docs.PDF(docs.NewSummary(&f, planner.DateOf(timeNow())), paperSize, timeNow()); err != nil {
						return err
					}
				case "csv":
					data = docs.ComparisonCSV(&f)
				case "call-script":
					data = []byte(report.CallScript(&f, planner.Party(party), planner.DateOf(timeNow())))
				default:
					if data = docs.ScheduleCSV(&f); data == nil {
						return fmt.Errorf("%s has no scenario that can be worked out, so no schedule", f.Patient.Name)
					}
				}
				return a.writeDocument(output, force, data, format+" of "+f.Patient.Name)
			}
			// The text formats go to standard output, or whole to --output.
			// Each patient's piece is made printable where it is worked out,
			// on every core, and passed on as it is (see below).
			out, pieces := a.out, a.terminal
			var buffered bytes.Buffer
			if output != "" {
				out, pieces = &buffered, &buffered
				defer func() {
					if err == nil {
						err = a.writeDocument(output, force, buffered.Bytes(), "the report")
					}
				}()
			}
			if len(ids) == 0 {
				if format == "json" {
					fmt.Fprintln(out, "[]")
					return nil
				}
				fmt.Fprintf(out, "No patients in %s yet.\n", a.path())
				return nil
			}
			if a.demo && format != "json" {
				fmt.Fprintln(out, report.Fit("Demo — nothing is saved to your file. "+planner.DemoNotice, report.PageWidth))
				fmt.Fprintln(out)
			}
			shown := a.longTask()
			defer shown.finish()
			today := planner.DateOf(timeNow())
			// Each patient is worked out on every core, and written in the
			// list's order as soon as it and those before it are done, into
			// the memory of a piece already written when there is one: a
			// JSON report is some 90 KB a patient.
			free := make(chan []byte, inorder.Window())
			err = inorder.Run(len(ids), func(i int) ([]byte, error) {
				file, err := db.LoadPatient(ids[i])
				if err != nil {
					return nil, err
				}
				f := &file
				title := "Funding scenarios for " + f.Patient.Name + " (insurance: " + f.Status() + ")"
				// The patient is written out before the next is worked out
				// into the same memory.
				var piece []byte
				select {
				case piece = <-free:
				default:
				}
				f.WithComparison(func(scenarios []planner.Scenario, c *planner.Comparison) {
					piece = reportOne(piece, format, i, report.Titled{Title: title, Scenarios: scenarios, Comparison: *c, File: f, Today: today})
				})
				// JSON is written printable (report.AppendJSONElement); the
				// other formats are looked over here, on every core.
				if format != "json" && !planner.PrintableBytes(piece) {
					piece = []byte(planner.Printable(string(piece)))
				}
				return piece, nil
			}, func(_ int, b []byte) error {
				_, err := pieces.Write(b)
				select {
				case free <- b[:0]:
				default:
				}
				return err
			}, func(done int) { shown.tell("Reporting", done, len(ids)) })
			if err == nil && format == "json" {
				_, err = io.WriteString(out, report.JSONEnd)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, markdown, json (amounts in cents), pdf (a cost summary to print), csv (the comparison), schedule-csv (month by month) or call-script (questions for a call)")
	cmd.Flags().StringVar(&output, "output", "", "write to FILE instead of standard output (a PDF needs it)")
	cmd.Flags().BoolVar(&force, "force", false, "with --output, replace FILE if it exists")
	cmd.Flags().StringVar(&paper, "paper", "letter", "the PDF's paper: letter or a4")
	cmd.Flags().StringVar(&party, "party", "insurer", "with --format call-script, who is called: insurer, clinic or program")
	cmd.Flags().BoolVar(&a.demo, "demo", false, "report on a throwaway file holding the fictional demo; your file is never touched")
	return cmd
}

// matchPatients keeps the patients whose ID is pattern or whose name holds
// it, ignoring case.
func matchPatients(list []planner.PatientSummary, pattern string) []planner.PatientSummary {
	var out []planner.PatientSummary
	needle := strings.ToLower(pattern)
	for _, s := range list {
		if string(s.ID) == pattern || strings.Contains(strings.ToLower(s.Name), needle) {
			out = append(out, s)
		}
	}
	return out
}

func (a *app) fileExists() bool {
	_, err := os.Stat(a.path())
	return err == nil
}

// reportOne appends to dst the i-th patient of a report of every patient,
// in format, with what goes before it.
func reportOne(dst []byte, format string, i int, t report.Titled) []byte {
	if format == "json" {
		return report.AppendJSONElement(append(dst, report.JSONSeparator(i)...), t)
	}
	if i > 0 {
		dst = append(dst, '\n')
	}
	if format == "markdown" {
		dst = append(dst, report.Markdown(t.Title, t.Scenarios, t.Comparison)...)
		return append(dst, report.FitMarkdown(report.ApprovalMarkdown(t.File, t.Today), report.PageWidth)...)
	}
	return append(dst, report.Text(t.Title, t.Scenarios, t.Comparison)...)
}

func (a *app) backupCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "backup DEST",
		Short: "Write a checked copy of the file to DEST",
		Long: "Writes a consistent copy of the carecost file to DEST: into a temporary file beside it, synced to disk, " +
			"then renamed into place, so an older backup at DEST is replaced only by a whole new one. The copy is then checked.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			shown := a.longTask()
			defer shown.finish()
			db, err := a.open(store.Options{ReadOnly: true, Progress: shown.tell})
			if err != nil {
				return err
			}
			defer db.Close()
			err = db.Backup(args[0])
			shown.finish()
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out, "Backed up %s to %s, and checked the copy.\n", db.Path(), args[0])
			return nil
		},
	}
}

func (a *app) rescueCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rescue DEST",
		Short: "Copy everything still readable into a new file DEST",
		Long: "Reads every record of a damaged carecost file that can still be read and writes them into a new carecost file " +
			"at DEST, then lists what it had to leave out: records that no longer decode, and what depended on them. " +
			"The damaged file is not changed. DEST must not exist yet.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dest := args[0]
			if _, err := os.Stat(dest); err == nil {
				return fmt.Errorf("%s already exists: name a new file to rescue into", dest)
			}
			db, err := a.open(store.Options{Damaged: true})
			if err != nil {
				return err
			}
			defer db.Close()
			x, lost, err := db.Rescue()
			if err != nil {
				return fmt.Errorf("could not read %s: %w", db.Path(), err)
			}
			into, err := store.Open(dest, store.Options{})
			if err != nil {
				return err
			}
			defer into.Close()
			if db.Encrypted() {
				// What is rescued from an encrypted file is never plain.
				if err := into.Encrypt(a.passphrase, keyCost); err != nil {
					return fmt.Errorf("could not encrypt %s: %w", dest, err)
				}
			}
			result, err := into.Import(x, false)
			if err != nil {
				return fmt.Errorf("could not write the rescued records to %s: %w", dest, err)
			}
			fmt.Fprintf(a.out, "Rescued %d patient(s) and %d program(s) from %s into %s.\n", result.Patients, result.Programs, db.Path(), dest)
			if len(lost) == 0 {
				fmt.Fprintln(a.out, "Nothing had to be left out.")
			} else {
				fmt.Fprintf(a.out, "Left out (%d):\n", len(lost))
			}
			for _, l := range lost {
				fmt.Fprintln(a.out, "- "+l)
			}
			return nil
		},
	}
}

func (a *app) checkCommand() *cobra.Command {
	var repair bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Look for anything wrong in the file",
		Long: "Opens the file read-only and checks its structure, every record, and the patient list index. " +
			"Exits with status 1 if anything is wrong. --repair rebuilds the patient list index from the records.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if repair {
				if !a.fileExists() {
					return fmt.Errorf("there is no carecost file at %s to repair", a.path())
				}
				db, err := a.open(store.Options{})
				if err != nil {
					return err
				}
				err = db.Repair()
				db.Close()
				if err != nil {
					return fmt.Errorf("could not repair the patient list: %w", err)
				}
				fmt.Fprintln(a.out, "Rebuilt the patient list index from the records.")
			}
			shown := a.longTask()
			defer shown.finish()
			problems, err := store.CheckOptions(a.path(), store.Options{Progress: shown.tell})
			if errors.Is(err, store.ErrNeedsPassphrase) {
				var pass []byte
				if pass, err = a.unlockPassphrase(); err == nil {
					problems, err = store.CheckOptions(a.path(), store.Options{Passphrase: pass, Progress: shown.tell})
				}
			}
			shown.finish()
			if err != nil {
				return err
			}
			if len(problems) == 0 {
				fmt.Fprintf(a.out, "%s is sound.\n", a.path())
				return nil
			}
			for _, p := range problems {
				fmt.Fprintln(a.out, "- "+p)
			}
			return fmt.Errorf("%s has %d problem(s), listed above", a.path(), len(problems))
		},
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "rebuild the patient list index first")
	return cmd
}

func (a *app) exportCommand() *cobra.Command {
	var force, plain bool
	var recipients []string
	cmd := &cobra.Command{
		Use:   "export [FILE]",
		Short: "Write the whole file as JSON, to FILE or standard output",
		Long: "Writes every patient, record and program as one versioned JSON document. carecost import reads it back. " +
			"The export of an encrypted file is encrypted too, as an age file (armored) sealed with the file's passphrase, " +
			"or for each --recipient: age -d reads it, and so does carecost import. --plain writes plain JSON on purpose.",
		Args: cobra.MaximumNArgs(1),
		RunE: a.exportRun(&force, "", func(db *store.DB, w io.Writer) error {
			if plain || (!db.Encrypted() && len(recipients) == 0) {
				return db.Export(w)
			}
			sealed, err := store.SealExport(w, a.passphrase, recipients)
			if err != nil {
				return err
			}
			if err := db.Export(sealed); err != nil {
				return err
			}
			return sealed.Close()
		}),
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite FILE if it exists")
	cmd.Flags().BoolVar(&plain, "plain", false, "write plain JSON, even from an encrypted file")
	cmd.Flags().StringArrayVar(&recipients, "recipient", nil, "encrypt the export for this age recipient (age1…) instead of the passphrase; may be given again")
	cmd.MarkFlagsMutuallyExclusive("plain", "recipient")
	return cmd
}

// exportRun is what the export commands do: write the file's contents
// with write, read-only, to standard output or to FILE (never over one
// without force), then say so; what names the part exported.
func (a *app) exportRun(force *bool, what string, write func(*store.DB, io.Writer) error) func(*cobra.Command, []string) error {
	return func(_ *cobra.Command, args []string) error {
		shown := a.longTask()
		db, err := a.open(store.Options{ReadOnly: true, Progress: shown.tell})
		if err != nil {
			return err
		}
		defer db.Close()
		to := func(w io.Writer) error {
			defer shown.finish()
			return write(db, w)
		}
		if len(args) == 0 {
			return to(a.out)
		}
		if err := store.WriteWhole(args[0], *force, to); err != nil {
			return err
		}
		fmt.Fprintf(a.err, "Exported %s%s to %s.\n", what, db.Path(), args[0])
		return nil
	}
}

// limitFlags are the flags that raise an import's limits.
func limitFlags(cmd *cobra.Command, lim *store.Limits) {
	*lim = store.DefaultLimits
	cmd.Flags().Int64Var(&lim.Bytes, "max-bytes", lim.Bytes, "the largest file to read, in bytes")
	cmd.Flags().IntVar(&lim.Records, "max-records", lim.Records, "the most records (and parts of records, such as a phase or a way to pay) to read")
}

func (a *app) importCommand() *cobra.Command {
	var replace, yes bool
	var identity string
	var lim store.Limits
	var whole []byte // a pipe's export, read once
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Read an export into the file",
		Long: "Reads a carecost export and adds its patients and programs to the file, all of them or none: " +
			"each patient is checked as it is read, and a large export is written into a copy of the file that takes its place " +
			"once it is whole and checked. Records already in the file are never overwritten " +
			"unless you add --replace, which asks first (or takes --yes).",
		Args: cobra.ExactArgs(1),
		// The export is read as it is written in, a patient at a time:
		// again, from its start, if it is imported again to replace.
		RunE: a.importRun(&replace, &yes, nil, func(db *store.DB, replace bool) (string, int, error) {
			// A pipe is read once: it is kept whole, within the limits,
			// for a second reading to replace.
			var from io.Reader
			if whole != nil {
				from = bytes.NewReader(whole)
			} else {
				f, err := os.Open(a.importFile)
				if err != nil {
					return "", 0, readError(a.importFile, err)
				}
				defer f.Close()
				from = f
				if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
					if whole, err = io.ReadAll(io.LimitReader(f, max(lim.Bytes, 1)+1)); err != nil {
						return "", 0, readError(a.importFile, err)
					}
					from = bytes.NewReader(whole)
				}
			}
			r, err := a.openExport(from, a.importFile, identity)
			if err != nil {
				return "", 0, err
			}
			result, err := db.ImportFrom(r, lim, replace)
			return fmt.Sprintf("%d patient(s) and %d program(s)", result.Patients, result.Programs), result.Replaced, err
		}),
	}
	cmd.Flags().BoolVar(&replace, "replace", false, "overwrite patients and programs already in the file, after asking")
	cmd.Flags().BoolVar(&yes, "yes", false, "with --replace, do not ask")
	cmd.Flags().StringVar(&identity, "identity", "", "decrypt an age export with the identities in FILE (instead of a passphrase)")
	limitFlags(cmd, &lim)
	return cmd
}

func (a *app) programsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "programs",
		Short: "List, export or import the assistance program catalog",
		Long: "The assistance program catalog is shared by every patient in the file. " +
			"carecost programs export writes it alone as JSON, so another file can import it: " +
			"an advocate's address book of programs, passed on without any patient's records.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("carecost programs has no command %q: use list, export or import", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(a.programsListCommand(), a.programsExportCommand(), a.programsImportCommand())
	return cmd
}

func (a *app) programsListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the programs: name, kind and income limit, one a line",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !a.fileExists() {
				return fmt.Errorf("there is no carecost file at %s yet, so no programs", a.path())
			}
			db, err := a.open(store.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer db.Close()
			programs, err := db.Programs()
			if err != nil {
				return err
			}
			if len(programs) == 0 {
				fmt.Fprintf(a.out, "No programs in %s yet.\n", db.Path())
				return nil
			}
			planner.SortProgramsByName(programs)
			for i := range programs {
				p := &programs[i]
				limit := "no income limit"
				if l := p.IncomeLimit(); l > 0 {
					limit = "income up to " + l.String() + " of the poverty guideline"
				}
				fmt.Fprintf(a.out, "%s — %s — %s\n", p.Name, p.Kind, limit)
			}
			return nil
		},
	}
}

func (a *app) programsExportCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "export [FILE]",
		Short: "Write the program catalog as JSON, to FILE or standard output",
		Long: "Writes every assistance program, sorted by name, as one versioned JSON document, with no patient's records. " +
			"carecost programs import reads it back, into this file or another. In the document, amounts are in cents " +
			"($1,500.00 is 150000) and percentages in millionths (200% is 2000000).",
		Args: cobra.MaximumNArgs(1),
		RunE: a.exportRun(&force, "the programs of ", (*store.DB).ExportPrograms),
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func (a *app) programsImportCommand() *cobra.Command {
	var replace, yes bool
	var lim store.Limits
	var programs []planner.Program
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Read a program list into the catalog",
		Long: "Reads a list written by carecost programs export (or by hand) and adds its programs to the catalog, " +
			"in one transaction. Every program is checked before anything is written. A program without an ID is added " +
			"as a new one; programs already in the file are never overwritten unless you add --replace, which asks first (or takes --yes). " +
			"Amounts are in cents ($1,500.00 is 150000) and percentages in millionths (200% is 2000000); figures that are surely " +
			"in other units, like an income limit of 200 (0.02%), are refused.",
		Args: cobra.ExactArgs(1),
		RunE: a.importRun(&replace, &yes, func(r io.Reader) (err error) {
			programs, err = store.ReadProgramsLimited(r, lim)
			return err
		}, func(db *store.DB, replace bool) (string, int, error) {
			added, replaced, err := db.ImportPrograms(programs, replace)
			return countOf(added+replaced, "program"), replaced, err
		}),
	}
	cmd.Flags().BoolVar(&replace, "replace", false, "overwrite programs already in the file, after asking")
	cmd.Flags().BoolVar(&yes, "yes", false, "with --replace, do not ask")
	limitFlags(cmd, &lim)
	return cmd
}

// importRun is what the import commands do: read FILE with read, if
// given, checking it whole before the carecost file is opened; put it in
// without replacing anything, and on a conflict with --replace, again
// replacing, after asking (unless --yes); then say what was brought in.
// put says what it put in and how many records it replaced; it reads FILE
// itself when read is nil.
func (a *app) importRun(replace, yes *bool, read func(io.Reader) error,
	put func(db *store.DB, replace bool) (string, int, error)) func(*cobra.Command, []string) error {
	return func(_ *cobra.Command, args []string) (err error) {
		a.importFile = args[0]
		if read != nil {
			f, err := os.Open(args[0])
			if err != nil {
				return readError(args[0], err)
			}
			err = read(f)
			f.Close()
			if err != nil {
				return err
			}
		} else if _, err := os.Stat(args[0]); err != nil {
			return readError(args[0], err)
		}
		shown := a.longTask()
		defer shown.finish()
		// An import into a file not there yet makes it; one refused takes
		// it away again, so a bad import leaves nothing behind (a link
		// to a file not there yet is left as it is).
		_, statErr := os.Lstat(a.path())
		created := errors.Is(statErr, fs.ErrNotExist)
		db, err := a.open(store.Options{Progress: shown.tell})
		if err != nil {
			return err
		}
		defer func() {
			db.Close()
			if created && err != nil {
				os.Remove(db.Path())
			}
		}()
		what, replaced, err := put(db, false)
		if errors.Is(err, store.ErrConflict) && *replace {
			if !*yes {
				if err := a.confirm(err.Error() + "\nReplace them with the imported ones?"); err != nil {
					return err
				}
			}
			what, replaced, err = put(db, true)
		}
		shown.finish()
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Imported %s into %s", what, db.Path())
		if replaced > 0 {
			fmt.Fprintf(a.out, ", replacing %d", replaced)
		}
		fmt.Fprintln(a.out, ".")
		return nil
	}
}

// readError says in one sentence why a file cannot be read, naming it
// once.
func readError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("there is no file %s: check its name", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("carecost may not read %s: permission denied; check who owns it and its permissions (ls -l %s)", path, path)
	}
	return fmt.Errorf("cannot read %s: %v", path, err)
}

// countOf says how many of a thing: "1 program", "4 programs".
func countOf(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// confirm asks a yes/no question on the terminal; no is the default. Off a
// terminal it refuses, since nobody can answer.
func (a *app) confirm(question string) error {
	if f, ok := a.in.(*os.File); !ok || !term.IsTerminal(f.Fd()) {
		return errors.New("--replace needs a yes: run it in a terminal to be asked, or add --yes")
	}
	fmt.Fprintf(a.err, "%s [y/N] ", question)
	answer, _ := bufio.NewReader(a.in).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
		return errors.New("nothing was imported")
	}
	return nil
}

func (a *app) pathsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "paths",
		Short: "Show where carecost keeps its file",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.out, "Data file: %s\n", a.path())
			return nil
		},
	}
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show carecost's version and the file versions it reads",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.out, "carecost %s (file schema %d)\n", cmd.Root().Version, store.SchemaVersion)
			return nil
		},
	}
}
