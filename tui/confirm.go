package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// confirmDialog asks a yes/no question; no is the default, and any key
// but y answers it.
type confirmDialog struct {
	question string
	// yes is what y does.
	yes action
	// verb is what y does, in words ("delete"); kept says what "no" leaves
	// as it was. Both default to deleting.
	verb, kept string
}

func (d *confirmDialog) update(c *context, msg tea.Msg) action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return pass{}
	}
	if key.Matches(k, c.keys.Yes) {
		return actions{closeModal{}, d.yes}
	}
	kept := d.kept
	if kept == "" {
		kept = "Nothing was deleted."
	}
	return actions{closeModal{}, setStatus{kept, false}}
}

func (d *confirmDialog) view(c *context, w, h int) string {
	verb := d.verb
	if verb == "" {
		verb = "delete"
	}
	return c.styles.Warning.Render("Please confirm") + "\n\n" + wrap(d.question, w, "") + "\n\nPress y to " + verb + ", or any other key to keep it."
}

func (d *confirmDialog) help(k KeyMap) keyHelp { return k.confirmHelp() }

// askDelete asks before deleting what (in words, such as "the plan
// 'Silver PPO'"), which cannot be undone.
func askDelete(what string, r planner.Record, patient planner.ID) action {
	return pushModal{&confirmDialog{question: "Delete " + what + "? This cannot be undone.",
		yes: deleteRecord{record: r, status: "Deleted " + what + ".", patient: patient}}}
}
