package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"carecost/planner"
	docs "carecost/planner/document"
	"carecost/planner/report"
	"carecost/store"
)

// writeDocument writes a document's bytes to standard output as they are
// (a CSV's byte-order mark and CRLF line ends are its format, and its
// text passed planner.Printable), or whole to output through the store's
// atomic writer, never over a file without force; what names it in the
// line that says so.
func (a *app) writeDocument(output string, force bool, data []byte, what string) error {
	if output == "" {
		_, err := a.terminal.Write(data)
		return err
	}
	if err := store.WriteWhole(output, force, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	fmt.Fprintf(a.err, "Wrote %s to %s.\n", what, output)
	return nil
}

// needsOutput refuses a PDF for the terminal.
func needsOutput(format, output string) error {
	if format == "pdf" && output == "" {
		return errors.New("a PDF is not text for a terminal: name the file to write with --output FILE")
	}
	return nil
}

func (a *app) outcomesCommand() *cobra.Command {
	var from, to, format, output, paper string
	var force bool
	cmd := &cobra.Command{
		Use:   "outcomes",
		Short: "An advocate's outcome report across patients, for a date range",
		Long: "Counts, per patient and in total, for the days from --from to --to: appeals filed and decided (won, lost), " +
			"pre-authorizations approved, applications sent and awarded (with the amount), appeal deadlines met and missed, " +
			"calls logged, and the estimated savings of the best plan available now against the costliest scenario. " +
			"Markdown by default; --format csv or pdf (with --output FILE).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			today := planner.DateOf(timeNow())
			y, mo, _ := today.Civil()
			start, end := planner.NewDate(y, mo, 1), today // this month so far
			var err error
			if from != "" {
				if start, err = planner.ReadDate(from); err != nil {
					return fmt.Errorf("--from: %w", err)
				}
			}
			if to != "" {
				if end, err = planner.ReadDate(to); err != nil {
					return fmt.Errorf("--to: %w", err)
				}
			}
			if end < start {
				return fmt.Errorf("--to %s is before --from %s: give the earlier day first", end, start)
			}
			paperSize, err := docs.ParsePaper(paper)
			if err != nil {
				return err
			}
			if err := needsOutput(format, output); err != nil {
				return err
			}
			if format != "markdown" && format != "csv" && format != "pdf" {
				return fmt.Errorf("--format %q is not one the outcome report comes in: use markdown, csv or pdf", format)
			}
			if !a.fileExists() {
				return fmt.Errorf("there is no carecost file at %s yet", a.path())
			}
			db, err := a.open(store.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer db.Close()
			list, err := db.ListPatients()
			if err != nil {
				return err
			}
			var rows []planner.Outcomes
			for _, s := range list {
				f, err := db.LoadPatient(s.ID)
				if errors.Is(err, store.ErrDamaged) {
					fmt.Fprintf(a.err, "Left out of the report: %v\n", err)
					continue
				}
				if err != nil {
					return err
				}
				rows = append(rows, f.Outcomes(start, end, today))
			}
			var data []byte
			switch format {
			case "csv":
				data = docs.OutcomesCSV(rows)
			case "pdf":
				if data, err = docs.OutcomesPDF(rows, start, end, paperSize, timeNow()); err != nil {
					return err
				}
			default:
				data = []byte(report.OutcomesMarkdown(rows, start, end))
			}
			return a.writeDocument(output, force, data, fmt.Sprintf("the outcome report (%s to %s, %s)", start, end, countOf(len(rows), "patient")))
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the first day counted, YYYY-MM-DD (default: the first of this month)")
	cmd.Flags().StringVar(&to, "to", "", "the last day counted, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown, csv or pdf")
	cmd.Flags().StringVar(&output, "output", "", "write to FILE instead of standard output (a PDF needs it)")
	cmd.Flags().BoolVar(&force, "force", false, "with --output, replace FILE if it exists")
	cmd.Flags().StringVar(&paper, "paper", "letter", "the PDF's paper: letter or a4")
	return cmd
}
