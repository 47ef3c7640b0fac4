// Command carecost works out what a course of treatment will really cost and
// how to pay for it, and keeps the records of it in one local file.
//
// This file wires the command line to the store and the report; the work is
// done in those packages.
package main

import (
	"carecost/planner"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"charm.land/fang/v2"
)

func main() {
	if err := fang.Execute(context.Background(), newRoot(os.Stdin, os.Stdout, os.Stderr),
		fang.WithErrorHandler(plainError), fang.WithNotifySignal(os.Interrupt)); err != nil {
		os.Exit(1)
	}
}

// plainError prints an error as one plain sentence on stderr.
func plainError(w io.Writer, _ fang.Styles, err error) {
	fmt.Fprintf(w, "carecost: %s\n", planner.Printable(err.Error()))
}

// timeNow is the clock, a variable so tests can fix the day.
var timeNow = time.Now
