package tui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"carecost/planner"
)

// formDialog is an open form: a huh form whose fields write into values
// this dialog owns (so the model's copies share them), and what to save
// when it is submitted. It is a modal: a submitted form's records are
// saved in one transaction, and the form stays (as its retry) until the
// save is done, so a failed save loses nothing typed.
type formDialog struct {
	title string
	form  *huh.Form
	vals  *formValues
	// save turns the submitted values into records to save in one
	// transaction, and the words for the status line.
	save func(v *formValues) ([]planner.Record, string, error)
	// confirmingDiscard: esc was pressed on a changed form, and the dialog
	// asks before throwing the changes away.
	confirmingDiscard bool
	// saving: the form was submitted and its save is under way; it takes
	// nothing more until the save answers.
	saving bool
	// typed: the form holds what was typed before (a retry after a failed
	// save), so esc asks even if nothing changed since.
	typed bool
	// then, when set, gives the form that follows this one (nil when none
	// does): the form's values are saved only after it.
	then func() *formDialog
	// act, when set, is what a submitted form does instead of saving.
	act func() action
	// after, when set, gives the changes the records saved call for in
	// other records (planner.PatientFile.ChangesAfter): the person is asked
	// before they are saved with them.
	after func(records []planner.Record) []planner.Change
	// explain is the meaning of the focused field's term, shown after ?
	// until the next key.
	explain string
	// continues: the form follows another, whose answers it goes on
	// from.
	continues bool
	// retry, set by save when the values do not make a valid record, is
	// the same form again with what was typed, so nothing is lost.
	retry *formDialog
}

func (d *formDialog) open(c *context) tea.Cmd {
	d.retry, d.saving = nil, false
	if d.vals.accessible {
		return tea.Exec(&accessibleRun{form: d.form, continues: d.continues}, func(err error) tea.Msg { return accessibleDoneMsg{err} })
	}
	d.fitForm(c)
	return d.form.Init()
}

// formSize is the space a form gets: the body, less the dialog's title and
// the form's error and help lines; in a small window, less the title
// alone (see compactForm).
func formSize(c *context) tea.WindowSizeMsg {
	if compactForm(c) {
		return tea.WindowSizeMsg{Width: min(c.width, 100), Height: max(3, c.bodyHeight-1)}
	}
	return tea.WindowSizeMsg{Width: min(c.width, 100), Height: max(3, c.bodyHeight-5)}
}

// compactForm: the window is too small for a form's hints (the key bar
// still says the keys), so a field's title, help and input line all fit;
// 40×12 is the smallest window carecost supports.
func compactForm(c *context) bool { return c.bodyHeight < 16 || c.width < 60 }

// fitForm sizes the form to the space it has now (without waiting for
// the terminal to answer huh's own request, and again when the window
// changes), and shows or hides its own key help for the window.
func (d *formDialog) fitForm(c *context) {
	size := formSize(c)
	d.vals.height = size.Height
	d.form = d.form.WithShowHelp(!compactForm(c)).WithWidth(size.Width).WithHeight(size.Height)
}

func (d *formDialog) update(c *context, msg tea.Msg) action {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if d.vals.accessible {
			return nil
		}
		d.fitForm(c)
		return nil
	case accessibleDoneMsg:
		if errors.Is(msg.err, errCancelled) {
			return actions{closeModal{}, setStatus{"Cancelled: nothing was saved.", false}}
		}
		if msg.err != nil {
			return actions{closeModal{}, failure("The form was not finished: " + msg.err.Error() + ". Nothing was saved.")}
		}
		return d.submit()
	case tea.KeyPressMsg:
		return d.key(c, msg)
	}
	// Anything else the form asked for (cursor blinks, focus). An
	// accessible form is answered outside the app and takes none: a
	// message would put back the values its prompts set.
	if d.vals.accessible {
		return pass{}
	}
	return d.pass(msg)
}

// key handles a key: the question before discarding, ? on a term, esc.
func (d *formDialog) key(c *context, msg tea.KeyPressMsg) action {
	if d.vals.accessible {
		return nil // the form is being answered at its prompts
	}
	k := &c.keys
	explained := d.explain != ""
	d.explain = ""
	if explained && compactForm(c) {
		return nil // the key that takes a meaning away does only that
	}
	if d.confirmingDiscard {
		switch {
		case key.Matches(msg, k.Yes):
			return actions{closeModal{}, setStatus{"Changes discarded.", false}}
		case key.Matches(msg, k.No, k.Back):
			d.confirmingDiscard = false
		}
		return nil
	}
	// ? on a field with a term behind it explains the term; those fields
	// take money, percentages or choices, never a question mark.
	if key.Matches(msg, k.Help) {
		if f := d.form.GetFocusedField(); f != nil {
			if term, ok := termFor(f.GetKey()); ok {
				d.explain = term.Name + ": " + term.Meaning
				return nil
			}
		}
	}
	if d.saving {
		return nil // the save is under way
	}
	if c.remote != "" && remoteRefused(msg) {
		// On the team server these would run the server's clipboard
		// program or editor, as the server's user: never.
		return setStatus{"On the team server, copy and paste with your terminal's own keys (often ctrl+shift+c and ctrl+shift+v), and type notes in the form.", false}
	}
	if key.Matches(msg, k.Back) {
		if d.typed || d.vals.changed() {
			d.confirmingDiscard = true
			return nil
		}
		return closeModal{}
	}
	if key.Matches(msg, k.Save) {
		// Every field as it stands, checked at once; the fields not
		// reached keep what they hold.
		if err := d.vals.check(); err != nil {
			return failure(err.Error() + " — correct it, then save again.")
		}
		return d.submit()
	}
	return d.pass(msg)
}

// remoteRefused says whether a key would make a form field run a program
// on the machine the app runs on: the fields' paste and copy (a clipboard
// program) and the external editor.
func remoteRefused(msg tea.KeyPressMsg) bool {
	switch msg.String() {
	case "ctrl+v", "ctrl+shift+v", "ctrl+shift+c", "ctrl+e", "ctrl+g":
		return true
	}
	return false
}

// pass hands a message to the huh form, and submits it once complete.
func (d *formDialog) pass(msg tea.Msg) action {
	if d.saving {
		return nil
	}
	cmd, submitted := d.step(msg)
	if submitted {
		return d.submit()
	}
	return runCmd{cmd}
}

// unsaved says whether the form holds typing that is not saved.
func (d *formDialog) unsaved() bool { return !d.saving && (d.typed || d.vals.changed()) }

// guardQuit: ctrl+c on a changed form asks first, as esc does; a second
// ctrl+c quits.
func (d *formDialog) guardQuit() action {
	if d.confirmingDiscard || d.saving || d.vals.accessible || !d.unsaved() {
		return nil
	}
	d.confirmingDiscard = true
	return actions{}
}

// askLater makes the groups that depend on the form's answers a second
// form, asked once the first is answered, when the form is read as prompts:
// huh's accessible mode asks every group, hidden or not. later gives the
// groups the answers call for (none: the form saves at once). The second
// form saves what both hold, and a failed save opens the whole form again.
func (d *formDialog) askLater(cx *context, later func() []*huh.Group) {
	d.followedBy(func() *formDialog {
		groups := later()
		if len(groups) == 0 {
			return nil
		}
		return &formDialog{title: d.title, form: newForm(cx, groups...), vals: d.vals}
	})
}

// followedBy makes the form next gives (nil: none) follow d, after the
// forms that follow d already. The forms share d's values, the last one
// answered saves them with d's save, and a failed save opens d's retry:
// the whole form again, with what was typed in all of them.
func (d *formDialog) followedBy(next func() *formDialog) {
	before := d.then
	d.then = func() *formDialog {
		if before != nil {
			if f := before(); f != nil {
				f.followedBy(next)
				return f
			}
		}
		f := next()
		if f == nil {
			return nil
		}
		f.vals, f.continues = d.vals, true
		f.save = func(v *formValues) ([]planner.Record, string, error) {
			records, status, err := d.save(v)
			f.retry = d.retry
			return records, status, err
		}
		return f
	}
}

// oneMore asks for the items of a list (a course's phases, a scenario's
// ways to pay) one at a time past the room a form has for them at first:
// once the last is given, "Add another?" and, after a yes, a form for one
// more, again and again up to limit.
type oneMore struct {
	cx       *context
	v        *formValues
	title    string // the form's
	question string // "Add another phase?"
	heading  string // its group's: "Another phase"
	limit    int
	// known is how many items the record has already: read as prompts,
	// each is asked in turn, with no question before it.
	known int
	// about says what item i is, under the question.
	about func(i int) string
	// given says whether item i is given (a phase named, a way chosen).
	given func(i int) bool
	// first is item i's first question; drawn are the drawn form's groups
	// after it, each hidden as the answers call for; asked are the prompts
	// after it when the form is read as prompts, none for an item not
	// given.
	first func(i int) *huh.Group
	drawn func(i int) []*huh.Group
	asked func(i int) []*huh.Group
	// added hears that item i is asked.
	added func(i int)
	// tail, when set, are the drawn questions that end the list (like the
	// order of the ways), given with the form of item i: each form asks
	// them unless it is followed by another.
	tail func(i int) []*huh.Group
}

// moreKey is the key of the yes/no that asks for item i (0-based) past
// the ones before it.
func moreKey(i int) string { return "more" + itoa(i) }

// another is the question after item i, hidden in a drawn form until item
// i is given; none past the limit.
func (o *oneMore) another(i int) []*huh.Group {
	if i+1 >= o.limit || (o.cx.accessible && i+1 < o.known) {
		return nil
	}
	k := moreKey(i + 1)
	about := o.about(i + 1)
	if !o.cx.accessible {
		about += ": asked once this form is done"
	}
	g := o.v.group(yesNo(o.v, k, o.question, about, o.v.flag(k, false))).Title(o.heading)
	if o.cx.accessible {
		return []*huh.Group{g}
	}
	return []*huh.Group{o.v.hiding(func() bool { return !o.given(i) }, func() *huh.Group { return g })}
}

// after makes the forms for more items follow d, which has room for n.
// Read as prompts, the items the record has past those n are asked
// without a question.
func (o *oneMore) after(d *formDialog, n int) {
	if o.cx.accessible {
		for i := n; i < o.known; i++ {
			o.v.flag(moreKey(i), true)
		}
	}
	d.followedBy(o.form(n))
}

// form gives the form for item i, when the person asked for it.
func (o *oneMore) form(i int) func() *formDialog {
	return func() *formDialog {
		if i >= o.limit || !*o.v.flag(moreKey(i), false) {
			return nil
		}
		o.added(i)
		var next *formDialog
		if o.cx.accessible {
			// Its first question, then what follows from the answer.
			next = &formDialog{title: o.title, form: newForm(o.cx, o.first(i)), vals: o.v}
			next.followedBy(func() *formDialog {
				gs := o.asked(i)
				if len(gs) == 0 {
					return nil
				}
				return &formDialog{title: o.title, form: newForm(o.cx, append(gs, o.another(i)...)...), vals: o.v}
			})
		} else {
			gs := append(append([]*huh.Group{o.first(i)}, o.drawn(i)...), o.another(i)...)
			if o.tail != nil {
				gs = append(gs, o.tail(i)...)
			}
			next = &formDialog{title: o.title, form: newForm(o.cx, gs...), vals: o.v}
		}
		next.followedBy(o.form(i + 1))
		return next
	}
}

// submit saves what a completed form holds, or opens the form that follows
// it.
func (d *formDialog) submit() action {
	if d.then != nil {
		if next := d.then(); next != nil {
			return replaceModal{next}
		}
	}
	if d.act != nil {
		return actions{closeModal{}, d.act()}
	}
	records, status, err := d.save(d.vals)
	for _, r := range records {
		if rev, ok := d.vals.revs[*r.RecordID()]; ok {
			r.Stamps().Rev = rev
		}
	}
	if err != nil {
		fail := failure(err.Error() + " — nothing was saved; correct it and submit again.")
		if d.retry != nil {
			d.retry.typed = true
			return actions{fail, replaceModal{d.retry}}
		}
		return actions{fail, closeModal{}}
	}
	d.saving = true
	save := saveRecords{records: records, status: status, patient: records[0].Owner()}
	if d.after != nil {
		if changes := d.after(records); len(changes) > 0 {
			// Back to the form is the same form again, with what was typed
			// (a submitted huh form takes no more keys).
			var back action = actions{closeModal{}, setStatus{"Nothing was saved.", false}}
			if d.retry != nil {
				d.retry.typed = true
				back = replaceModal{d.retry}
			}
			return pushModal{askChanges(save, changes, back)}
		}
	}
	return save
}

// saved answers the save: done, or the form again with what was typed.
func (d *formDialog) saved(err error) action {
	switch {
	case !d.saving:
		return nil
	case err != nil && d.retry != nil:
		// Someone else saved the record since the form was opened: the
		// form opens again with what was typed, to be saved over the
		// revision the file holds now, once the person has seen it.
		var changed interface{ Changed() (planner.ID, int64) }
		if errors.As(err, &changed) {
			id, rev := changed.Changed()
			d.retry.vals.revs[id] = rev
		}
		d.retry.typed = true
		return replaceModal{d.retry}
	}
	return closeModal{}
}

func (d *formDialog) help(k KeyMap) keyHelp {
	if d.confirmingDiscard {
		return k.confirmHelp()
	}
	return k.formHelp()
}

// formValues holds a form's text fields by key, with what they started as.
type formValues struct {
	// accessible: the form is asked as prompts, where a blank answer keeps
	// what is shown, so a blank answer to a field that has a value is fine.
	accessible bool
	// checks are the text fields' checks, with their titles, in the order
	// the form asks them, for a save from any field (ctrl+s).
	checks []fieldCheck
	// prefix, when the form is asked as prompts, starts each question,
	// to say what it is about ("Way to pay 2, personal loan: Months").
	prefix string
	// theme is the form's, given to each field as it is made: a field
	// without one builds huh's default theme afresh each time it measures
	// or draws itself, which made opening a form slow.
	theme huh.Theme
	// height is what the form gives each group, set as it is fitted to
	// the window: a field drawn for the first time is fitted to it then
	// (see quietField).
	height int
	// drawUnreached: see context.drawUnreached.
	drawUnreached bool
	// quietGroups are the groups made by group, by the group huh holds.
	quietGroups map[*huh.Group]*quietGroup
	// current is the quiet group the person is on: the last one a field
	// of which was focused. It stays drawn though an answer in it hides
	// it, as huh draws it, until another group is reached; huh blurs the
	// field before it moves, and does not move while an answer is wrong.
	current *quietGroup
	// revs are the revisions to save records at, instead of the ones
	// they were read at: someone else's save was seen, and this one
	// replaces it.
	revs    map[planner.ID]int64
	text    map[string]*string
	flags   map[string]*bool
	initial map[string]string
}

func newValues(c *context) *formValues {
	return &formValues{accessible: c.accessible, drawUnreached: c.drawUnreached, theme: formTheme(c), revs: map[planner.ID]int64{}, text: map[string]*string{}, flags: map[string]*bool{}, initial: map[string]string{}}
}

// str is the text of a field by its key: a field asked again (in a form
// that follows, or a value set up before its field) shares what the first
// holds, so every field, check and hide rule of a key reads one value.
func (v *formValues) str(key, initial string) *string {
	if p, ok := v.text[key]; ok {
		return p
	}
	s := initial
	v.text[key], v.initial[key] = &s, initial
	return &s
}

// flag is str for a yes/no field.
func (v *formValues) flag(key string, initial bool) *bool {
	if p, ok := v.flags[key]; ok {
		return p
	}
	b := initial
	v.flags[key], v.initial[key] = &b, strconv.FormatBool(initial)
	return &b
}

// get is a text field's value, trimmed; is a yes/no field's. A key no
// field was made for (a question the answers skipped) reads as blank or no.
func (v *formValues) get(key string) string {
	if p := v.text[key]; p != nil {
		if v.accessible && clears(*p) {
			return ""
		}
		return strings.TrimSpace(*p)
	}
	return ""
}

// clears says whether an answer at a prompt, where a blank answer keeps
// what is shown, asks for the field to be emptied: the word none, or -.
func clears(s string) bool {
	s = strings.TrimSpace(s)
	return s == "-" || strings.EqualFold(s, "none")
}

func (v *formValues) is(key string) bool {
	p := v.flags[key]
	return p != nil && *p
}

// fieldCheck is a text field's check, and its title to name it by.
type fieldCheck struct {
	key, title string
	valid      func(string) error
	hidden     func() bool // the field's group is hidden; nil: never
}

// group is a group of the form's fields that are there (not nil), each
// drawn only once its group has been reached and while it shows
// (quietField).
func (v *formValues) group(fields ...huh.Field) *huh.Group {
	present := make([]huh.Field, 0, len(fields))
	for _, f := range fields {
		if f != nil {
			present = append(present, f)
		}
	}
	if v.accessible || v.drawUnreached {
		return huh.NewGroup(present...) // prompts draw nothing
	}
	g := &quietGroup{v: v}
	quiet := make([]huh.Field, len(present))
	for i, f := range present {
		quiet[i] = &quietField{Field: f, group: g}
	}
	g.group = huh.NewGroup(quiet...)
	if v.quietGroups == nil {
		v.quietGroups = map[*huh.Group]*quietGroup{}
	}
	v.quietGroups[g.group] = g
	return g.group
}

// quietGroup is what the fields of one group share: whether the person
// has reached the group, and whether the form hides it now.
type quietGroup struct {
	group   *huh.Group
	v       *formValues
	hide    func() bool // nil: never hidden
	reached bool
}

func (g *quietGroup) drawn() bool {
	return g.reached && (g.v.current == g || g.hide == nil || !g.hide())
}

// quietField is a field that draws nothing until its group is reached
// (one of its fields is focused), or while its group is hidden. huh draws
// every field of every group three times as a form opens (to measure the
// group, to fit it to the window's height, to start it), although it
// shows only the group reached; a scenario or a course of many groups took
// longer than a frame to open. A group is drawn afresh each time it is
// reached, so what shows is always drawn in full.
type quietField struct {
	huh.Field
	group *quietGroup
	// fitted is the group height the field was last fitted to: a field
	// taller than its group is made to scroll within it, as huh does for
	// the fields it draws as the form is fitted.
	fitted int
}

func (q *quietField) View() string {
	if !q.group.drawn() {
		return ""
	}
	s := q.Field.View()
	if h := q.group.v.height; h > 0 && q.fitted != h {
		q.fitted = h
		if room := h - headerFooterHeight(q.group.group); room < lipgloss.Height(s) {
			q.Field.WithHeight(room)
			s = q.Field.View()
		}
	}
	return s
}

// headerFooterHeight is the lines of a group's title and key help, as huh
// counts them to fit its fields.
func headerFooterHeight(g *huh.Group) int {
	h := 0
	if s := g.Header(); s != "" {
		h += lipgloss.Height(s)
	}
	if s := g.Footer(); s != "" {
		h += lipgloss.Height(s)
	}
	return h
}

func (q *quietField) Focus() tea.Cmd {
	q.group.reached, q.group.v.current = true, q.group
	return q.Field.Focus()
}

// Update and the With methods give the quiet field back, not the one it
// holds, so the group keeps it.
func (q *quietField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	m, cmd := q.Field.Update(msg)
	if f, ok := m.(huh.Field); ok {
		q.Field = f
	}
	return q, cmd
}

func (q *quietField) WithTheme(t huh.Theme) huh.Field { q.Field = q.Field.WithTheme(t); return q }
func (q *quietField) WithKeyMap(k *huh.KeyMap) huh.Field {
	q.Field = q.Field.WithKeyMap(k)
	return q
}
func (q *quietField) WithWidth(w int) huh.Field  { q.Field = q.Field.WithWidth(w); return q }
func (q *quietField) WithHeight(h int) huh.Field { q.Field = q.Field.WithHeight(h); return q }
func (q *quietField) WithPosition(p huh.FieldPosition) huh.Field {
	q.Field = q.Field.WithPosition(p)
	return q
}

// hiding builds a group that the form hides while hide says so; its
// fields' checks are skipped while it is hidden.
func (v *formValues) hiding(hide func() bool, build func() *huh.Group) *huh.Group {
	from := len(v.checks)
	g := build()
	for i := from; i < len(v.checks); i++ {
		v.checks[i].hidden = hide
	}
	if q := v.quietGroups[g]; q != nil {
		q.hide = hide
	}
	return g.WithHideFunc(hide)
}

// check runs every field's check on what it holds, and says the first that
// fails, naming the field.
func (v *formValues) check() error {
	for _, c := range v.checks {
		if c.hidden != nil && c.hidden() {
			continue
		}
		if err := c.valid(*v.text[c.key]); err != nil {
			return errors.New(c.title + ": " + err.Error())
		}
	}
	return nil
}

func (v *formValues) changed() bool {
	for k, p := range v.text {
		if *p != v.initial[k] {
			return true
		}
	}
	for k, p := range v.flags {
		if strconv.FormatBool(*p) != v.initial[k] {
			return true
		}
	}
	return false
}

// Parsers for submitted values that the fields' validators already checked.
func (v *formValues) money(key string) planner.Money {
	m, _ := planner.ParseMoney(v.get(key))
	return m
}

func (v *formValues) rate(key string) planner.Rate {
	r, _ := planner.ParseRate(v.get(key))
	return r
}

func (v *formValues) date(key string) planner.Date {
	d, _ := planner.ReadDate(v.get(key))
	return d
}

func (v *formValues) number(key string) int {
	n, _ := strconv.Atoi(v.get(key))
	return n
}

// Field validators: each says what is wrong in a sentence, or nil.
func required(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("enter " + what)
		}
		return nil
	}
}

func validMoney(optional bool) func(string) error {
	return func(s string) error {
		if optional && strings.TrimSpace(s) == "" {
			return nil
		}
		m, err := planner.ParseMoney(s)
		if err == nil && m < 0 {
			return errors.New("enter an amount of zero or more")
		}
		return err
	}
}

func validRate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := planner.ParseRate(s)
	return err
}

func validDate(optional bool) func(string) error {
	return func(s string) error {
		if optional && strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := planner.ReadDate(strings.TrimSpace(s))
		return err
	}
}

func validNumber(lo, hi int, optional bool) func(string) error {
	return func(s string) error {
		s = strings.TrimSpace(s)
		if optional && s == "" {
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return errors.New("enter a whole number from " + itoa(lo) + " to " + itoa(hi))
		}
		return nil
	}
}

// input is a one-line field bound to the dialog's values.
func input(v *formValues, key, title, help, initial string, validate func(string) error) *huh.Input {
	value := v.str(key, initial)
	if v.accessible {
		// Prompts show neither a field's help nor what it holds: both go
		// in the question.
		title = v.prefix + accessibleTitle(title, help, initial)
	}
	in := huh.NewInput()
	in.WithTheme(v.theme) // before anything is measured: see formValues.theme
	in = in.Key(key).Title(title).Value(value)
	if help != "" && !v.accessible {
		in = in.Description(help)
	}
	if validate != nil {
		in = in.Validate(func(s string) error {
			if v.accessible && strings.TrimSpace(s) == "" && strings.TrimSpace(*value) != "" {
				return nil // keeps what is shown
			}
			if v.accessible && clears(s) {
				return nil // clears it
			}
			return validate(s)
		})
		v.checks = append(v.checks, fieldCheck{key: key, title: title, valid: validate})
	}
	return in
}

// choose is a choice field of key, starting at initial. Read as prompts,
// the question says its help and the choice it holds.
func choose(v *formValues, key, title, help string, options []huh.Option[string], initial string) *huh.Select[string] {
	value := v.str(key, initial)
	sel := huh.NewSelect[string]()
	sel.WithTheme(v.theme)
	sel = sel.Key(key).Options(options...)
	if v.accessible {
		now := ""
		for _, o := range options {
			if o.Value == *value {
				now = o.Key
			}
		}
		return sel.Title(v.prefix + accessibleTitle(title, help, now)).Value(value)
	}
	if help != "" {
		sel = sel.Description(help)
	}
	return sel.Title(title).Value(value)
}

// yesNo is a yes/no field of key, holding value. Read as prompts, the
// question says its help (the answer it holds is the one in capitals).
func yesNo(v *formValues, key, title, help string, value *bool) *huh.Confirm {
	c := huh.NewConfirm()
	c.WithTheme(v.theme)
	c = c.Key(key)
	if v.accessible {
		return c.Title(v.prefix + accessibleTitle(title, help, "")).Value(value)
	}
	if help != "" {
		c = c.Description(help)
	}
	return c.Title(title).Value(value)
}

func moneyText(m planner.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

func rateText(r planner.Rate) string {
	if r == 0 {
		return ""
	}
	return strings.TrimSuffix(r.String(), "%")
}

func numberText(n int) string {
	if n == 0 {
		return ""
	}
	return itoa(n)
}

// newForm builds a huh form for the app: esc is the app's (it asks before
// discarding), so the form's own quit key is one nobody presses.
func newForm(c *context, groups ...*huh.Group) *huh.Form {
	return huh.NewForm(groups...).WithKeyMap(formKeys()).WithTheme(formTheme(c)).WithWidth(max(20, min(c.width, 100))).WithShowHelp(true)
}

// formTheme is the forms' theme: the app's colours, for the background
// the app found (or was told), not the one huh would ask the terminal for.
func formTheme(c *context) huh.Theme {
	styles := sharedFormStyles(c.dark, c.theme == ThemeHighContrast)
	if c.accessible {
		styles = promptStyles() // prompts show no colour
	}
	return huh.ThemeFunc(func(bool) *huh.Styles { return styles })
}

// formStylesOnce holds the forms' styles for each background and
// contrast, built once: huh asks its theme for them at every field's every
// drawing, and never changes them.
var formStylesOnce [2][2]func() *huh.Styles

func init() {
	for d := range 2 {
		for h := range 2 {
			formStylesOnce[d][h] = sync.OnceValue(func() *huh.Styles { return FormStyles(d == 1, h == 1) })
		}
	}
}

// promptStyles are huh's plain styles, for prompts.
var promptStyles = sync.OnceValue(func() *huh.Styles { return huh.ThemeBase(false) })

func sharedFormStyles(dark, high bool) *huh.Styles {
	return formStylesOnce[btoi(dark)][btoi(high)]()
}

// step passes a message to the huh form and reports whether it was
// submitted.
func (d *formDialog) step(msg tea.Msg) (tea.Cmd, bool) {
	next, cmd := d.form.Update(msg)
	if f, ok := next.(*huh.Form); ok {
		d.form = f
	}
	return cmd, d.form.State == huh.StateCompleted
}

func (d *formDialog) view(c *context, w, h int) string {
	st := &c.styles
	if d.vals.accessible {
		return "Answering the form " + d.title + "…"
	}
	var text string
	if d.confirmingDiscard {
		text = st.Title.Render(d.title) + "\n\n" + st.Warning.Render("Discard your changes?") +
			" Press y to discard them, or n (or esc) to go back to the form."
	} else if compactForm(c) && d.explain != "" {
		// No room for both: the meaning of the term alone, until the
		// next key brings the field back.
		text = st.Title.Render(cut(d.title, max(1, w))) + "\n" + wrap(d.explain, max(10, w), "") + "\n" +
			st.Subtle.Render("Any key goes back to the field.")
	} else if compactForm(c) {
		// One line of title, then the form: its field's input line must
		// show.
		text = st.Title.Render(cut(d.title, max(1, w))) + "\n" + d.form.View()
	} else {
		text = st.Title.Render(d.title) + st.Subtle.Render("  (enter: next · shift+tab: back · ctrl+s: save now · ? on a term: what it means · esc: cancel)") + "\n"
		if d.explain != "" {
			text += wrap(d.explain, max(10, w), "") + "\n"
		}
		text += "\n" + d.form.View()
	}
	lines := wrapLines(strings.Split(strings.TrimRight(text, "\n"), "\n"), w)
	return strings.Join(lines[:min(len(lines), h)], "\n")
}

// accessibleRun runs a form in huh's accessible mode on the terminal while
// the app is paused: one plain prompt at a time, which a screen reader
// reads, answers checked as they are typed.
type accessibleRun struct {
	form *huh.Form
	// continues: the prompts go on from a form just answered, so the
	// way to answer is not said again.
	continues bool
	in        io.Reader
	out       io.Writer
}

func (a *accessibleRun) Run() (err error) {
	// The prompts fail in ways of their own when the input ends early (a
	// closed terminal): that ends the form, never the app.
	in := &cancelReader{in: a.in}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the answers ended before the form did")
		}
		if in.cancelled {
			err = errCancelled
		}
	}()
	// cancel stops the prompts at once: the reader panics, and the
	// recover above tells it from a failure.
	if !a.continues {
		fmt.Fprintln(a.out, "(Answer each question and press enter. Leave an answer blank to keep what is shown; type none to empty it. Type cancel to stop without saving.)")
	}
	return a.form.WithAccessible(true).WithInput(in).WithOutput(a.out).Run()
}

// errCancelled: the person typed cancel at a prompt.
var errCancelled = errors.New("cancelled")

// cancelReader passes answers on, line by line, until one is the word
// cancel: then the answers end, so the prompts stop.
type cancelReader struct {
	in        io.Reader
	pending   []byte // what was read past the line handed on
	cancelled bool
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if c.cancelled {
		return 0, io.EOF
	}
	for !bytes.Contains(c.pending, []byte("\n")) {
		buf := make([]byte, 256)
		n, err := c.in.Read(buf)
		c.pending = append(c.pending, buf[:n]...)
		if err != nil {
			if len(c.pending) == 0 {
				return 0, err
			}
			break
		}
		if len(c.pending) > 64<<10 {
			break // no line ends: hand it on as it is
		}
	}
	line := c.pending
	if i := bytes.IndexByte(c.pending, '\n'); i >= 0 {
		line = c.pending[:i+1]
	}
	if strings.EqualFold(strings.TrimSpace(string(line)), "cancel") {
		// Ending the answers would still print every question left;
		// the prompts are stopped instead, and Run says why.
		c.cancelled = true
		panic(errCancelled)
	}
	n := copy(p, line)
	c.pending = c.pending[n:]
	return n, nil
}

// accessibleTitle is a prompt's question: the title, its help, and what
// the field holds now.
func accessibleTitle(title, help, now string) string {
	if help != "" {
		title += " (" + help + ")"
	}
	if strings.TrimSpace(now) != "" {
		if !strings.HasSuffix(title, "?") {
			title += "."
		}
		title += " Now: " + now
	}
	return title
}

func (a *accessibleRun) SetStdin(r io.Reader)  { a.in = r }
func (a *accessibleRun) SetStdout(w io.Writer) { a.out = safeWriter{w} }
func (a *accessibleRun) SetStderr(io.Writer)   {}

// accessibleDoneMsg says an accessible form has been answered.
type accessibleDoneMsg struct{ err error }
