package tui

import "carecost/planner"

// testContext is the context of a window w wide, dark, for forms built
// outside the app.
func testContext(w int, accessible bool) *context {
	c := &context{keys: DefaultKeyMap(), width: w, height: 24, bodyHeight: 21, today: today, accessible: accessible,
		newID: func() planner.ID { return planner.ID("NEW") }}
	c.restyle(true)
	return c
}

// topForm is the form open on top, if any.
func topForm(m Model) *formDialog {
	d, _ := m.modals.top().(*formDialog)
	return d
}

// topConfirm is the question open on top, if any.
func topConfirm(m Model) *confirmDialog {
	d, _ := m.modals.top().(*confirmDialog)
	return d
}

// catalogOf is the open programs catalog, if any.
func catalogOf(m Model) *catalog {
	c, _ := find[*catalog](m.modals)
	return c
}
