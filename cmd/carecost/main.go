// Command carecost works out what a course of treatment will really cost and
// how to pay for it, and keeps the records of it in one local file.
//
// This file wires the command line to the store and the report; the work is
// done in those packages.
package main

import (
	"carecost/planner"
	"carecost/store"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"charm.land/fang/v2"
)

func main() {
	stopOnSignals()
	if err := fang.Execute(context.Background(), newRoot(os.Stdin, os.Stdout, os.Stderr),
		fang.WithErrorHandler(plainError)); err != nil {
		os.Exit(1)
	}
}

// inApp is set while the interactive app runs: it quits in order on an
// interrupt or a terminate signal itself, restoring the terminal.
var inApp atomic.Bool

// stopOnSignals makes an interrupt (ctrl+c), a terminate or a hang-up stop
// carecost at once, removing the temporary file of any write in progress,
// so a backup or export cut short leaves nothing behind. The database
// needs nothing: a transaction cut short is never part of it.
func stopOnSignals() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		for sig := range signals {
			if inApp.Load() && sig != syscall.SIGHUP {
				continue // the app quits, and cleans up after itself
			}
			store.RemoveUnfinished()
			runAtStop()
			fmt.Fprintf(os.Stderr, "carecost: stopped (%v); nothing was left half written\n", sig)
			code := 1
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s) // as a shell reports a process a signal stopped
			}
			os.Exit(code)
		}
	}()
}

// plainError prints an error as one plain sentence on stderr.
func plainError(w io.Writer, _ fang.Styles, err error) {
	fmt.Fprintf(w, "carecost: %s\n", planner.Printable(err.Error()))
}

// timeNow is the clock, a variable so tests can fix the day.
var timeNow = time.Now

// atStop is what a signal that stops carecost must still do, such as
// removing the demo's throwaway folder.
var atStop struct {
	sync.Mutex
	fns []func()
}

// onStop runs f if a signal stops carecost; the returned function takes
// it back (and is what runs it otherwise).
func onStop(f func()) (undo func()) {
	atStop.Lock()
	atStop.fns = append(atStop.fns, f)
	i := len(atStop.fns) - 1
	atStop.Unlock()
	return func() {
		atStop.Lock()
		atStop.fns[i] = nil
		atStop.Unlock()
	}
}

func runAtStop() {
	atStop.Lock()
	defer atStop.Unlock()
	for _, f := range atStop.fns {
		if f != nil {
			f()
		}
	}
}
