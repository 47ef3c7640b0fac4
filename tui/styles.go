package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Theme names the colour themes --theme takes.
type Theme string

const (
	ThemeAuto         Theme = "auto"
	ThemeDark         Theme = "dark"
	ThemeLight        Theme = "light"
	ThemeHighContrast Theme = "high-contrast"
)

// Styles are every style the app draws with. Colour never carries meaning
// alone: warnings say "Warning", over-budget months say "over".
type Styles struct {
	Title, Subtle, Label, Value lipgloss.Style
	Selected, Tab, ActiveTab    lipgloss.Style
	Warning, Bar, Budget        lipgloss.Style
	Status, StatusError         lipgloss.Style
	Help                        help.Styles
}

// palette is the app's colours for a dark or light background: text,
// subtle text, the accent and warnings, each at WCAG AA contrast or better
// on its background; high contrast makes every one the text's.
func palette(isDark, highContrast bool) (fg, subtle, accent, warn color.Color) {
	ld := lipgloss.LightDark(isDark)
	fg = ld(lipgloss.Color("#1a1a1a"), lipgloss.Color("#eeeeee"))
	subtle = ld(lipgloss.Color("#4d4d4d"), lipgloss.Color("#b8b8b8"))
	accent = ld(lipgloss.Color("#1d4ed8"), lipgloss.Color("#93c5fd"))
	warn = ld(lipgloss.Color("#9a3412"), lipgloss.Color("#fdba74"))
	if highContrast {
		fg = ld(lipgloss.Color("#000000"), lipgloss.Color("#ffffff"))
		subtle, accent, warn = fg, fg, fg
	}
	return fg, subtle, accent, warn
}

// FormStyles are the forms' styles, from the app's palette, so a theme
// reaches its forms. What is chosen never shows by colour alone: the
// answer a yes/no question holds is marked ▸ (and reversed and bold), the
// option under the cursor has its ">", so each still shows with NO_COLOR,
// which turns bold and reverse video off too.
func FormStyles(isDark, highContrast bool) *huh.Styles {
	fg, subtle, accent, warn := palette(isDark, highContrast)
	t := huh.ThemeBase(isDark)
	f := &t.Focused
	f.Title = f.Title.Foreground(fg).Bold(true)
	f.NoteTitle = f.NoteTitle.Foreground(fg).Bold(true)
	f.Description = f.Description.Foreground(subtle)
	f.ErrorIndicator = f.ErrorIndicator.Foreground(warn).Bold(true)
	f.ErrorMessage = f.ErrorMessage.Foreground(warn).Bold(true)
	f.SelectSelector = f.SelectSelector.Foreground(accent).Bold(true)
	f.NextIndicator = f.NextIndicator.Foreground(accent)
	f.PrevIndicator = f.PrevIndicator.Foreground(accent)
	f.Option = f.Option.Foreground(fg)
	f.UnselectedOption = f.UnselectedOption.Foreground(fg)
	f.SelectedOption = f.SelectedOption.Foreground(fg).Bold(true)
	f.MultiSelectSelector = f.MultiSelectSelector.Foreground(accent).Bold(true)
	f.FocusedButton = f.FocusedButton.UnsetBackground().Foreground(fg).Reverse(true).Bold(true).
		Transform(func(s string) string { return "▸ " + s })
	f.Next = f.FocusedButton
	f.BlurredButton = f.BlurredButton.UnsetBackground().Foreground(fg).Reverse(false).Bold(false).
		Transform(func(s string) string { return "  " + s })
	f.TextInput.Cursor = f.TextInput.Cursor.Foreground(accent)
	f.TextInput.Placeholder = f.TextInput.Placeholder.Foreground(subtle)
	f.TextInput.Prompt = f.TextInput.Prompt.Foreground(accent)
	f.TextInput.Text = f.TextInput.Text.Foreground(fg)
	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	t.Group.Title = t.Focused.Title
	t.Group.Description = t.Focused.Description
	return t
}

// NewStyles builds the styles for a dark or light background. The help
// colours are set here: the bubbles defaults fall below WCAG AA contrast.
func NewStyles(isDark, highContrast bool) Styles {
	fg, subtle, accent, warn := palette(isDark, highContrast)
	plain := lipgloss.NewStyle().Foreground(fg)
	s := Styles{
		Title:       plain.Bold(true),
		Subtle:      lipgloss.NewStyle().Foreground(subtle),
		Label:       lipgloss.NewStyle().Foreground(subtle),
		Value:       plain,
		Selected:    plain.Bold(true).Reverse(true),
		Tab:         lipgloss.NewStyle().Foreground(subtle),
		ActiveTab:   lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true),
		Warning:     lipgloss.NewStyle().Foreground(warn).Bold(true),
		Bar:         lipgloss.NewStyle().Foreground(accent),
		Budget:      lipgloss.NewStyle().Foreground(warn),
		Status:      plain,
		StatusError: lipgloss.NewStyle().Foreground(warn).Bold(true),
	}
	s.Help = help.Styles{
		ShortKey:       lipgloss.NewStyle().Foreground(fg).Bold(true),
		ShortDesc:      lipgloss.NewStyle().Foreground(subtle),
		ShortSeparator: lipgloss.NewStyle().Foreground(subtle),
		Ellipsis:       lipgloss.NewStyle().Foreground(subtle),
		FullKey:        lipgloss.NewStyle().Foreground(fg).Bold(true),
		FullDesc:       lipgloss.NewStyle().Foreground(subtle),
		FullSeparator:  lipgloss.NewStyle().Foreground(subtle),
	}
	return s
}

// restyle builds the styles for a dark or light background.
func (c *context) restyle(dark bool) {
	c.styles, c.dark = NewStyles(dark, c.theme == ThemeHighContrast), dark
}
