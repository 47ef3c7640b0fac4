package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// confirmDialog asks a yes/no question; no is the default, and any key
// but y answers it.
type confirmDialog struct {
	question string
	// yes is what y does; no, what any other key does (by default, saying
	// kept).
	yes, no action
	// back, when set, is what esc (and ctrl+c) does instead of answering:
	// go back to the form the question came from.
	back action
	// verb is what y does, in words ("delete"); kept says what "no" leaves
	// as it was, and otherwise what any other key does instead. They
	// default to deleting.
	verb, kept, otherwise string
}

func (d *confirmDialog) update(c *context, msg tea.Msg) action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return pass{}
	}
	if key.Matches(k, c.keys.Yes) {
		return actions{closeModal{}, d.yes}
	}
	if d.back != nil && key.Matches(k, c.keys.Back) {
		return actions{closeModal{}, d.back}
	}
	if d.no != nil {
		return actions{closeModal{}, d.no}
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
	otherwise := d.otherwise
	if otherwise == "" {
		otherwise = "keep it"
	}
	return c.styles.Warning.Render("Please confirm") + "\n\n" + wrap(d.question, w, "") + "\n\nPress y to " + verb + ", or any other key to " + otherwise + "."
}

// guardQuit: ctrl+c on a question that came from a form goes back to the
// form, which asks before anything typed is lost.
func (d *confirmDialog) guardQuit() action {
	if d.back == nil {
		return nil
	}
	return actions{closeModal{}, d.back}
}

// askChanges asks whether the changes a record calls for elsewhere are to
// be saved with it: y saves them all in one transaction, esc goes back to
// the form (back: the form again, with what was typed), any other key
// saves the record alone.
func askChanges(save saveRecords, changes []planner.Change, back action) *confirmDialog {
	question := "This also calls for changes elsewhere:"
	with := save
	with.records = slices.Clone(save.records)
	var whats []string
	for _, c := range changes {
		question += "\n- " + sentence(c.What) + "."
		with.records = append(with.records, c.Record)
		whats = append(whats, c.What)
	}
	with.status = strings.TrimSpace(save.status + " Also: " + strings.Join(whats, "; ") + ".")
	return &confirmDialog{question: question + "\nMake these changes too?", yes: with, no: save, back: back,
		verb: "make them too", otherwise: "save only what you entered (esc: back to the form)"}
}

func (d *confirmDialog) help(k KeyMap) keyHelp { return k.confirmHelp() }

// askDelete asks before deleting what (in words, such as "the plan
// 'Silver PPO'"), which cannot be undone.
func askDelete(what string, r planner.Record, patient planner.ID) action {
	return pushModal{&confirmDialog{question: "Delete " + what + "? This cannot be undone.",
		yes: deleteRecord{record: r, status: "Deleted " + what + ".", patient: patient}}}
}
