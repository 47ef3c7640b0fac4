package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// A tab is one page of a patient's workspace. Tabs keep no state: the
// workspace holds each one's selection and scroll, and its patient's
// records worked out once. Adding a tab is a file with its type and an
// entry in workspaceTabs.
type tab interface {
	// names are the tab bar's name, and a short one for a narrow window.
	names() (name, short string)
	// records is how many records the tab lists to choose from with up
	// and down; with fewer than two, up and down scroll.
	records(ws *workspace) int
	// draw writes the tab for a width, and says on which of its lines the
	// selected record starts (-1 for none). It changes nothing.
	draw(ws *workspace, c *context, w int) (text string, selected int)
	// key does what the tab's own keys do; pass for a key that is not its
	// own.
	key(ws *workspace, c *context, msg tea.KeyPressMsg) action
	// keys are the tab's own keys: the few for the key bar, and all of
	// them for ?.
	keys(k KeyMap) (short, all []key.Binding)
}

// workspaceTabs are a patient's tabs, in order; each has the number key
// of its place.
var workspaceTabs = []tab{overviewTab{}, insuranceTab{}, treatmentTab{}, scenariosTab{}, compareTab{}, approvalTab{}, assistanceTab{}}

// Optional parts of a tab.
type (
	// recordTab names the ID of each record it lists, so the selection
	// stays on its record when the records are read again.
	recordTab interface {
		recordID(ws *workspace, i int) planner.ID
	}
	// focusTab selects a record just saved on it, once read again.
	focusTab interface{ focusesSaved() }
	// firstSelection is where the selection starts for a new patient.
	firstSelection interface{ first(ws *workspace) int }
)
