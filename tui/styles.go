package tui

import (
	"charm.land/bubbles/v2/help"
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

// NewStyles builds the styles for a dark or light background. The help
// colours are set here: the bubbles defaults fall below WCAG AA contrast.
func NewStyles(isDark, highContrast bool) Styles {
	ld := lipgloss.LightDark(isDark)
	fg := ld(lipgloss.Color("#1a1a1a"), lipgloss.Color("#eeeeee"))
	subtle := ld(lipgloss.Color("#4d4d4d"), lipgloss.Color("#b8b8b8"))
	accent := ld(lipgloss.Color("#1d4ed8"), lipgloss.Color("#93c5fd"))
	warn := ld(lipgloss.Color("#9a3412"), lipgloss.Color("#fdba74"))
	if highContrast {
		fg = ld(lipgloss.Color("#000000"), lipgloss.Color("#ffffff"))
		subtle, accent, warn = fg, fg, fg
	}
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
