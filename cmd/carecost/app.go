package main

import (
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"carecost/planner"
	"carecost/store"
	"carecost/tui"
)

// runApp opens the interactive app on the file.
func (a *app) runApp(cmd *cobra.Command, _ []string) error {
	in, inOK := a.in.(*os.File)
	out, outOK := a.terminal.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return errors.New("carecost's app needs a terminal: run it in a terminal window, or use a command such as carecost report (see carecost --help)")
	}
	theme := tui.Theme(a.theme)
	switch theme {
	case tui.ThemeAuto, tui.ThemeDark, tui.ThemeLight, tui.ThemeHighContrast:
	default:
		return fmt.Errorf("--theme %q is not one carecost knows: use auto, dark, light or high-contrast", a.theme)
	}
	if a.lockAfter < 0 {
		return fmt.Errorf("--lock-after %v is less than nothing: give a time such as 10m, or 0 never to lock", a.lockAfter)
	}
	db, cleanup, err := a.openData(store.Options{})
	if err != nil {
		return err
	}
	defer cleanup()
	opts := tui.Options{
		Demo:       a.demo,
		Accessible: a.accessible || os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb",
		Theme:      theme,
		Today:      planner.DateOf(timeNow()),
		Files:      store.Files{},
		LockAfter:  a.lockAfter,
	}
	programOpts := []tea.ProgramOption{tea.WithInput(in), tea.WithOutput(out)}
	// Charm reads NO_COLOR as a boolean; here any value at all turns colour
	// off, and bold and reverse video with it: every state the styles show
	// is also shown in characters (▸ for the selection, [ ] for the tab).
	if os.Getenv("NO_COLOR") != "" {
		programOpts = append(programOpts, tea.WithColorProfile(colorprofile.NoTTY))
	}
	inApp.Store(true)
	defer inApp.Store(false)
	_, err = tea.NewProgram(tui.New(db, opts), programOpts...).Run()
	store.RemoveUnfinished() // of a write the app was making when it quit
	return err
}
