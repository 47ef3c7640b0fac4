// Command carecost works out what a course of treatment will really cost and
// how to pay for it.
//
// Until the interactive app lands, it prints the worked-out comparison of
// the fictional demo's scenarios.
package main

import (
	"fmt"
	"io"
	"os"

	"carecost/planner"
	"carecost/report"
)

const usage = `Usage: carecost [--demo]

Prints a comparison of the fictional demo's funding scenarios: what each
costs in all, up front and month by month, ranked, with its risks in words.

Options:
  --demo      show the fictional demo (the default for now)
  -h, --help  show this help
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	for _, arg := range args {
		switch arg {
		case "--demo":
		case "-h", "--help", "help":
			fmt.Fprint(stdout, usage)
			return 0
		default:
			fmt.Fprintf(stderr, "carecost: %q is not an option carecost knows; run carecost --help to see the options.\n", arg)
			return 2
		}
	}
	demo := planner.NewDemo()
	heading := "carecost: funding scenarios for " + demo.Patient.Name + "\n" + planner.DemoNotice
	fmt.Fprint(stdout, report.Text(heading, demo.Scenarios, planner.Compare(demo.Scenarios)))
	return 0
}
