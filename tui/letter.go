package tui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"carecost/planner"
	"carecost/planner/report"
)

// letterView shows a drafted letter, rendered from its Markdown, and
// writes it to a file on request.
type letterView struct {
	kind     report.LetterKind
	patient  planner.ID
	markdown string
	fileName string
	// rendered is the letter drawn for width; scroll how far down it is.
	rendered string
	width    int
	style    string
	scroll   int
}

// Messages of the letter view.
type (
	// showLetterMsg asks to draft a letter about a course.
	showLetterMsg struct {
		kind   report.LetterKind
		course planner.ID
	}
	// writeLetterMsg asks to write the shown letter to a file.
	writeLetterMsg struct {
		path    string
		replace bool
	}
	// letterWrittenMsg answers a write: where, or why not.
	letterWrittenMsg struct {
		path   string
		exists bool
		err    error
	}
)

// render draws the letter for a width with glamour, once per width and
// style; a letter glamour cannot draw is shown as its Markdown.
func (l *letterView) render(width int, style string) string {
	if l.rendered != "" && l.width == width && l.style == style {
		return l.rendered
	}
	l.width, l.style = width, style
	// Plain is the dark style's text without its styling: no markup and
	// no colour, for screen readers.
	glamourStyle := style
	if style == plainLetter {
		glamourStyle = "dark"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(glamourStyle), glamour.WithWordWrap(max(20, width-2)), glamour.WithPreservedNewLines())
	if err == nil {
		l.rendered, err = r.Render(l.markdown)
	}
	if style == plainLetter {
		l.rendered = ansi.Strip(l.rendered)
	}
	if err != nil {
		l.rendered = l.markdown
	}
	l.rendered = strings.Trim(l.rendered, "\n")
	return l.rendered
}

// plainLetter is the letter's look for screen readers: its words alone.
const plainLetter = "plain"

// letterStyle is glamour's style for the app's look: plain for screen
// readers, ASCII for high contrast, else the background's.
func (m *Model) letterStyle() string {
	switch {
	case m.opts.Accessible:
		return plainLetter
	case m.opts.Theme == ThemeHighContrast:
		return "ascii"
	case !m.dark:
		return "light"
	}
	return "dark"
}

// body is the letter view's screen: a line of keys, then the letter,
// scrolled.
func (m *Model) letterBody(w, h int) string {
	l := m.letter
	head := m.styles.Title.Render(l.kind.Title()) + "  " + m.styles.Subtle.Render("(a draft: w writes it to a file · ↑/↓ scroll · esc back)")
	if m.opts.Accessible {
		head = l.kind.Title() + ". A draft. Press w to write it to a file, up and down to scroll, escape to go back."
	}
	head = strings.Join(wrapLines([]string{head}, w), "\n")
	lines := wrapLines(strings.Split(l.render(w, m.letterStyle()), "\n"), w)
	room := max(1, h-1-strings.Count(head, "\n")-1)
	l.scroll = min(l.scroll, max(0, len(lines)-room))
	end := min(len(lines), l.scroll+room)
	return head + "\n\n" + strings.Join(lines[l.scroll:end], "\n")
}

// letterKey handles a key on the letter view.
func (m *Model) letterKey(msg tea.KeyPressMsg) tea.Cmd {
	k, l := m.keys, m.letter
	switch {
	case key.Matches(msg, k.Back):
		m.letter = nil
	case key.Matches(msg, k.Write):
		return m.open(writeLetterForm(l.fileName, m.width, m.opts.Accessible))
	default:
		scrollKey(msg, k, &l.scroll)
	}
	return nil
}

// writeLetterForm asks for the file to write the letter to; the current
// folder, by default.
func writeLetterForm(name string, width int, accessible bool) *formDialog {
	v := newValues()
	v.accessible = accessible
	form := newForm(width, accessible, huh.NewGroup(
		input(v, "path", "Write the letter to", "A file name (in the folder carecost was started from) or a full path", name, validLetterPath),
	))
	d := &formDialog{title: "Write the letter to a file", form: form, vals: v}
	d.act = func() tea.Msg { return writeLetterMsg{path: v.get("path")} }
	return d
}

func validLetterPath(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errors.New("enter a file name, like appeal.md")
	case strings.HasSuffix(s, string(filepath.Separator)):
		return errors.New("that is a folder: add a file name, like appeal.md")
	}
	return nil
}

// writeLetter writes text to path: never over an existing file unless
// replace is set, and then through a temporary file renamed over it, so
// the old file is whole until the new one is.
func writeLetter(path, text string, replace bool) tea.Cmd {
	return func() tea.Msg {
		if rest, ok := strings.CutPrefix(path, "~"+string(filepath.Separator)); ok {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, rest)
			}
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return letterWrittenMsg{path: path, err: err}
		}
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			return letterWrittenMsg{path: abs, err: errors.New("that is a folder: add a file name, like appeal.md")}
		}
		if !replace {
			f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if errors.Is(err, fs.ErrExist) {
				return letterWrittenMsg{path: abs, exists: true}
			}
			if err != nil {
				return letterWrittenMsg{path: abs, err: plainPathError(err)}
			}
			_, err = f.WriteString(text)
			if err == nil {
				err = f.Sync()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(abs)
			}
			return letterWrittenMsg{path: abs, err: plainPathError(err)}
		}
		tmp, err := os.CreateTemp(filepath.Dir(abs), ".carecost-letter-*")
		if err != nil {
			return letterWrittenMsg{path: abs, err: plainPathError(err)}
		}
		_, err = tmp.WriteString(text)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), abs)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
		return letterWrittenMsg{path: abs, err: plainPathError(err)}
	}
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
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
