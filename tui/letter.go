package tui

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
	docs "carecost/planner/document"
	"carecost/planner/report"
)

// letterView shows a drafted letter, rendered from its Markdown, and
// writes it to a file on request. It is a modal over the workspace.
type letterView struct {
	kind     report.LetterKind
	markdown string
	fileName string
	files    Files
	// command, on the team server, is the command that sends the letter
	// to the person's own machine.
	command string
	// made is when the letter was drafted, for a PDF's date.
	made time.Time
	// rendered is the letter drawn for width and style; scroll how far
	// down it is.
	rendered      string
	width         int
	style         string
	scroll        int
	head, content []string
}

// Messages of the letter view.
type (
	// showLetterMsg asks to draft a letter about a course.
	showLetterMsg struct {
		kind   report.LetterKind
		course planner.ID
	}
	// letterWrittenMsg answers a write: where, or why not.
	letterWrittenMsg struct {
		path   string
		exists bool
		err    error
		// warning: the letter was written, but not all went well.
		warning string
	}
)

// letter drafts the letter asked for from the patient's records, and shows
// it.
func (ws *workspace) letter(c *context, msg showLetterMsg) action {
	text, err := report.Letter(msg.kind, &ws.file, msg.course, c.today)
	if err != nil {
		return failure(sentence(err.Error()))
	}
	l := &letterView{kind: msg.kind, markdown: text, fileName: msg.kind.FileName(ws.file.Patient.Name, c.today), files: c.files, made: c.clock()}
	if c.remote != "" {
		l.command = c.remote + " letter " + string(ws.file.Patient.ID) + " " + msg.kind.Name() + " " + string(msg.course) + " > " + l.fileName
		return actions{pushModal{l}, setStatus{"A draft: read it through, then press c to copy it to your clipboard.", false}}
	}
	return actions{pushModal{l}, setStatus{"A draft: read it through, then press w to write it to a file you can edit.", false}}
}

// plainLetter is the letter's look for screen readers: its words alone.
const plainLetter = "plain"

// letterStyle is the letter's look for the app's: plain for screen
// readers, ASCII for high contrast, else the background's.
func letterStyle(c *context) string {
	switch {
	case c.accessible:
		return plainLetter
	case c.theme == ThemeHighContrast:
		return "ascii"
	case !c.dark:
		return "light"
	}
	return "dark"
}

// draw lays the letter out for a width and style, once per width and
// style (see drawLetter).
func (l *letterView) draw(width int, style string) string {
	if l.rendered == "" || l.width != width || l.style != style {
		l.width, l.style = width, style
		l.rendered = drawLetter(l.markdown, max(20, width-2), style)
	}
	return l.rendered
}

// drawLetter lays out a letter in Markdown as carecost drafts it (see
// report.Letter) for width columns, each line of it on lines of its own,
// with a margin of two: a heading in bold, the quoted note behind a bar,
// list items as bullets with their lines hung under the text, bold spans
// in bold, paragraphs wrapped between words. The plain style (for screen
// readers) has no markup and no styling; the ASCII one (high contrast) no
// character outside ASCII that the letter does not hold itself.
func drawLetter(markdown string, width int, style string) string {
	const margin = "  "
	bar, bullet := "│ ", "• "
	if style == "ascii" {
		bar, bullet = "| ", "* "
	}
	bold := func(s string) string { return lipgloss.NewStyle().Bold(true).Render(s) }
	if style == plainLetter {
		bold = func(s string) string { return s }
	}
	plain := func(s string) string { return s }
	var out []string
	for raw := range strings.SplitSeq(strings.Trim(markdown, "\n"), "\n") {
		kind, line, nested := docs.LetterLine(raw)
		first, rest := margin, margin
		switch kind {
		case docs.Blank:
			out = append(out, "")
			continue
		case docs.Heading:
			line = bold(docs.Inline(line, plain, plain))
		case docs.Quote:
			first, rest, line = margin+bar, margin+bar, boldSpans(line, bold)
		case docs.Item:
			indent := strings.Repeat(" ", nested)
			first, rest = margin+indent+bullet, margin+indent+strings.Repeat(" ", ansi.StringWidth(bullet))
			line = boldSpans(line, bold)
		default:
			line = boldSpans(line, bold)
		}
		room := max(10, width-ansi.StringWidth(first))
		for i, part := range strings.Split(ansi.Wordwrap(line, room, ""), "\n") {
			lead := first
			if i > 0 {
				lead = rest
			}
			out = append(out, lead+strings.TrimRight(part, " "))
		}
	}
	return strings.Join(out, "\n")
}

// boldSpans draws each **span** of a line with bold, and each *span*
// with italic (as draw does, for the plain style), and each escaped
// character as itself.
func boldSpans(line string, bold func(string) string) string {
	italic := func(s string) string { return lipgloss.NewStyle().Italic(true).Render(s) }
	if bold("x") == "x" {
		italic = bold
	}
	return docs.Inline(line, bold, italic)
}

// written answers a write: asks before replacing a file already there.
func (l *letterView) written(msg letterWrittenMsg) action {
	if msg.exists {
		return pushModal{&confirmDialog{question: "There is already a file " + msg.path + ". Replace it with this letter?",
			yes: l.write(msg.path, true), verb: "replace it", kept: "The file was left as it was."}}
	}
	return writtenStatus(msg)
}

func (l *letterView) update(c *context, msg tea.Msg) action {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := &c.keys
		switch {
		case key.Matches(msg, k.ForceQuit, k.Privacy, k.Help):
			return pass{}
		case key.Matches(msg, k.Back, k.Quit):
			// q closes the letter, as esc does; ctrl+c still quits.
			return closeModal{}
		case key.Matches(msg, k.Write) && l.command != "":
			// On the team server nothing is written on its disk.
			return setStatus{"The team server writes no files: c copies the letter, or on your own machine run " + l.command, false}
		case key.Matches(msg, k.Write):
			return pushModal{writeLetterForm(l, c)}
		case key.Matches(msg, k.Copy) && l.command != "":
			return actions{runCmd{tea.SetClipboard(l.markdown)},
				setStatus{"Copied the letter to your clipboard (if your terminal allows it; else run " + l.command + ").", false}}
		}
		k.scroll(msg, &l.scroll)
		return nil
	}
	return pass{}
}

// write writes the letter to path, replacing a file there only if asked.
func (l *letterView) write(path string, replace bool) action {
	text := l.markdown
	render := func() ([]byte, error) { return []byte(text), nil }
	if strings.HasSuffix(strings.ToLower(strings.TrimSpace(path)), ".pdf") {
		title, today := l.kind.Title(), l.made
		render = func() ([]byte, error) { return docs.LetterPDF(title, text, docs.Letter, today) }
	}
	return actions{setStatus{"Writing the letter…", false}, runCmd{writeLetterWith(l.files, path, render, replace)}}
}

// writtenStatus says how writing a letter went.
func writtenStatus(msg letterWrittenMsg) action {
	switch {
	case msg.exists:
		return setStatus{"There is already a file " + msg.path + ": the letter was not written.", true}
	case msg.err != nil:
		return failure("Could not write the letter to " + msg.path + ": " + msg.err.Error() + ".")
	case msg.warning != "":
		return failure(sentence(msg.warning) + ".")
	}
	return setStatus{"Wrote the letter to " + msg.path + ". It is a draft: edit it before sending.", false}
}

// layout is the letter's heading and its lines for w, drawn once.
func (l *letterView) layout(c *context, w int) (head, content []string) {
	keys, spoken := "w writes it to a file", "Press w to write it to a file"
	if l.command != "" {
		keys, spoken = "c copies it", "Press c to copy it"
	}
	head = []string{c.styles.Title.Render(l.kind.Title()) + "  " + c.styles.Subtle.Render("(a draft: "+keys+" · ↑/↓ scroll · esc back)")}
	if c.accessible {
		head = []string{l.kind.Title() + ". A draft. " + spoken + ", up and down to scroll, escape to go back."}
	}
	return wrapLines(head, w), wrapLines(strings.Split(l.draw(w, letterStyle(c)), "\n"), w)
}

// room is how many of the letter's lines fit below its heading.
func letterRoom(head []string, h int) int { return max(1, h-len(head)-1) }

func (l *letterView) settle(c *context, w, h int) {
	l.head, l.content = l.layout(c, w)
	l.scroll = min(l.scroll, max(0, len(l.content)-letterRoom(l.head, h)))
}

func (l *letterView) view(c *context, w, h int) string {
	head, content := l.head, l.content // as settle laid them out
	room := letterRoom(head, h)
	from := min(l.scroll, max(0, len(content)-room))
	return strings.Join(head, "\n") + "\n\n" + strings.Join(content[from:min(len(content), from+room)], "\n")
}

func (l *letterView) help(k KeyMap) keyHelp {
	back := key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "close the letter"))
	out := k.Write
	if l.command != "" {
		out = relabel(k.Copy, "copy the letter")
	}
	return keyHelp{
		short: []key.Binding{out, k.Up, k.Down, back},
		full:  [][]key.Binding{{out, k.Up, k.Down, k.PageUp, k.PageDown, back}, {k.Privacy, k.Help, k.ForceQuit}},
	}
}

// writeLetterForm asks for the file to write the letter to; the current
// folder, by default.
func writeLetterForm(l *letterView, cx *context) *formDialog {
	v := newValues(cx)
	form := newForm(cx, v.group(
		input(v, "path", "Write the letter to", "A file name (in the folder carecost was started from) or a full path; a name ending in .pdf writes a PDF to print", l.fileName, validFilePath),
	))
	d := &formDialog{title: "Write the letter to a file", form: form, vals: v}
	d.act = func() action { return l.write(v.get("path"), false) }
	return d
}

// validFilePath refuses a file name that names nothing, or a folder.
func validFilePath(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errors.New("enter a file name")
	case strings.HasSuffix(s, string(filepath.Separator)):
		return errors.New("that is a folder: add a file name")
	}
	return nil
}

// writeLetter writes text to path through files: never over an existing
// file unless replace is set, and then whole or not at all.
func writeLetter(files Files, path, text string, replace bool) tea.Cmd {
	return writeLetterWith(files, path, func() ([]byte, error) { return []byte(text), nil }, replace)
}

// writeLetterWith is writeLetter of what render makes: the Markdown, or a
// PDF of it.
func writeLetterWith(files Files, path string, render func() ([]byte, error), replace bool) tea.Cmd {
	return func() tea.Msg {
		if files == nil {
			return letterWrittenMsg{path: path, err: errors.New("this copy of carecost writes no files")}
		}
		data, err := render()
		if err != nil {
			return letterWrittenMsg{path: path, err: err}
		}
		written, err := files.WriteFile(path, data, replace)
		exists, warning, err := writeOutcome(err)
		return letterWrittenMsg{path: written, exists: exists, warning: warning, err: err}
	}
}

// writeOutcome reads what Files.WriteFile answered: a file already there
// (not replaced), a file written whole whose folder could not be synced
// (a warning), or an error in words.
func writeOutcome(err error) (exists bool, warning string, plain error) {
	var whole interface{ Written() bool }
	switch {
	case errors.Is(err, fs.ErrExist):
		return true, "", nil
	case errors.As(err, &whole) && whole.Written():
		return false, err.Error(), nil
	}
	return false, "", plainPathError(err)
}

// plainPathError words a file error for people.
func plainPathError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrPermission):
		return errors.New("carecost may not write there: choose another folder")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("that folder does not exist: check the path")
	case strings.HasPrefix(err.Error(), "that is a folder"):
		return errors.New("that is a folder: add a file name, like appeal.md")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
