package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"carecost/planner"
)

// progressAfter is how long a task runs before its progress is shown: a
// task done sooner says nothing of it.
var progressAfter = time.Second

// progressLine shows how far a long task over every patient has gone, on
// standard error: on a terminal, a bar redrawn in place, wiped when the
// task ends; elsewhere (a log, a pipe), a line a second. Standard output
// keeps only what the command gives.
type progressLine struct {
	mu      sync.Mutex
	w       io.Writer
	tty     bool
	start   time.Time
	last    time.Time // when the line was last written
	drawn   bool      // a bar is on the terminal's line
	bar     progress.Model
	profile colorprofile.Profile // the terminal's colours, NO_COLOR counted
	width   int                  // the terminal's, if known: a line never wraps
	clock   func() time.Time
	stop    func() // ends holdMemory's limit: the task is over
}

// newProgress is a progress line on w; tty says w is a terminal.
func newProgress(w io.Writer, tty bool) *progressLine {
	p := &progressLine{w: w, tty: tty, clock: time.Now}
	p.start = p.clock()
	if tty {
		// The bar's colours follow the terminal's, and NO_COLOR.
		p.profile = colorprofile.Detect(w, os.Environ())
		p.bar = progress.New(progress.WithWidth(30), progress.WithoutPercentage())
	}
	return p
}

// longTask starts a task over every patient: its progress line on the
// command's standard error, drawn as a bar when it is a terminal, until
// finish. The garbage collector runs a quarter as often meanwhile: such a
// task makes much short-lived garbage and keeps little (40 MB at most
// reading patient after patient, at any size), and a fifth of its time
// went to collecting it. It runs more often again as the program's memory
// nears its limit (see holdMemory).
func (a *app) longTask() *progressLine {
	debug.SetGCPercent(400)
	f, ok := a.errRaw.(*os.File)
	p := newProgress(a.errRaw, ok && term.IsTerminal(f.Fd()))
	if p.tty {
		p.width, _, _ = term.GetSize(f.Fd())
	}
	p.stop = holdMemory()
	return p
}

// longTaskMemory is the least memory a long task may hold before the
// garbage collector runs, whatever the time since it last ran: with the
// program's own code and data, what it holds beside the mapped file stays
// under 100 MB.
const longTaskMemory = 80 << 20

// holdMemory keeps the collector's memory limit at longTaskMemory, or at
// one and a half times the heap still in use when that is more, as it is
// read every 50 ms: a task that must hold more (an import of 2,000 patients with long
// notes, written in one transaction) is not made to collect again and
// again for nothing. Calling what it returns ends it, and lifts the limit.
func holdMemory() (stop func()) {
	debug.SetMemoryLimit(longTaskMemory)
	done, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				debug.SetMemoryLimit(math.MaxInt64)
				return
			case <-tick.C:
			}
			metrics.Read(live)
			if live[0].Value.Kind() == metrics.KindUint64 {
				debug.SetMemoryLimit(max(longTaskMemory, 3*int64(live[0].Value.Uint64())/2))
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); <-ended }) }
}

// tell notes how far the task has gone: done of total patients, at step.
func (p *progressLine) tell(step string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock()
	every := time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if now.Sub(p.start) < progressAfter || now.Sub(p.last) < every {
		return
	}
	p.last = now
	words := step + ": " + planner.Grouped(done) + " patients" // of a total not known
	if total > 0 {
		words = step + ": " + planner.Grouped(done) + " of " + planner.Grouped(total) + " patients (" + strconv.Itoa(done*100/total) + "%)"
	}
	if !p.tty {
		fmt.Fprintln(p.w, words)
		return
	}
	frac := 0.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	line := words
	// A line that wrapped would not be drawn over: in a narrow terminal
	// the bar goes, then the words are cut.
	if p.width == 0 || p.bar.Width()+2+len(words) < p.width {
		var bar strings.Builder
		(&colorprofile.Writer{Forward: &bar, Profile: p.profile}).Write([]byte(p.bar.ViewAs(frac)))
		line = bar.String() + "  " + words
	} else if len(words) >= p.width {
		line = words[:max(0, p.width-1)]
	}
	// \r goes back to the line's start and \x1b[K wipes what was there.
	fmt.Fprint(p.w, "\r"+line+"\x1b[K")
	p.drawn = true
}

// finish wipes the bar from the terminal, so the command's last words
// stand alone.
func (p *progressLine) finish() {
	if p.stop != nil {
		p.stop()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
